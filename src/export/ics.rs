//! The iCalendar format (RFC 5545): a `Calendar` of events and to-dos, as `render::ics`
//! words an itinerary, written as content lines — escaped, folded at 75 octets, each zone
//! with its VTIMEZONE definition. Only format mechanics live here.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

/// Escapes TEXT values (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character
/// (RFC 5545 3.1).
struct Lines(String);

impl Lines {
    fn line(&mut self, l: &str) {
        let mut width = 0;
        for ch in l.chars() {
            let n = ch.len_utf8();
            if width + n > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(ch);
            width += n;
        }
        self.0.push_str("\r\n");
    }
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date_stamp(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

/// A VTIMEZONE for `zone` valid from `from` to `to`: the offset in force at `from`, then
/// every change of offset up to `to`, found by stepping through the span by the hour.
fn vtimezone(out: &mut Lines, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    let offset = |t: DateTime<Utc>| zone.offset_from_utc_datetime(&t.naive_utc());
    let secs = |t: DateTime<Utc>| offset(t).fix().local_minus_utc();
    let dst = |t: DateTime<Utc>| !offset(t).dst_offset().is_zero();
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", zone.name()));
    let mut observance = |start: DateTime<Utc>, before: i32| {
        let kind = if dst(start) { "DAYLIGHT" } else { "STANDARD" };
        let after = secs(start);
        out.line(&format!("BEGIN:{kind}"));
        // DTSTART is the local time the observance begins, in the offset before it.
        out.line(&format!(
            "DTSTART:{}",
            local_stamp(start.naive_utc() + Duration::seconds(i64::from(before)))
        ));
        out.line(&format!("TZOFFSETFROM:{}", offset_text(before)));
        out.line(&format!("TZOFFSETTO:{}", offset_text(after)));
        let name = start.with_timezone(&zone).format("%Z").to_string();
        if !name.is_empty() && !name.starts_with(['+', '-']) {
            out.line(&format!("TZNAME:{name}"));
        }
        out.line(&format!("END:{kind}"));
    };
    // The first observance starts at midnight UTC of the first day, a whole day early.
    let start = (from - Duration::days(1))
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    observance(start, secs(start));
    let mut t = start;
    let mut last = secs(t);
    while t < to + Duration::days(1) {
        let next = t + Duration::hours(1);
        if secs(next) != last {
            // The change happened within this hour: find its minute.
            let mut m = t;
            while secs(m) == last {
                m += Duration::minutes(1);
            }
            observance(m, last);
            last = secs(m);
        }
        t = next;
    }
    out.line("END:VTIMEZONE");
}

/// A component's UID: stable for this itinerary (`base`: its departure and route, so two
/// journeys leaving at the same moment never share one) and the component.
fn uid(base: &str, what: &str) -> String {
    format!("{base}-{what}@crossings")
}

/// The UID stem of an itinerary: its departure, then `route` (what tells it from every other
/// itinerary leaving at that moment: its places and rides), as a short stable hash (FNV-1a,
/// the same on every machine and run) so that importing the file again updates its events
/// while another journey's file adds its own.
pub fn uid_base(depart: DateTime<Utc>, route: &str) -> String {
    let hash = route.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{}-{hash:016x}", utc_stamp(depart))
}

/// A calendar as data: what `render::ics` says, in the order it is written.
pub struct Calendar {
    pub name: String,
    /// What every component's UID starts with (`uid_base`: the itinerary's departure and
    /// route).
    pub uid_base: String,
    /// The zones events are written in, each defined over `span`.
    pub zones: Vec<Tz>,
    pub span: (DateTime<Utc>, DateTime<Utc>),
    pub events: Vec<Event>,
    pub todos: Vec<ToDo>,
}

/// When an event happens: a moment in a zone (and an end, perhaps in another zone), or a
/// whole day.
pub enum When {
    Timed {
        start: (DateTime<Utc>, Tz),
        end: Option<(DateTime<Utc>, Tz)>,
    },
    AllDay(NaiveDate),
    /// Every day from the first to the last (a border whose time is not known, reached on
    /// one of them).
    AllDays(NaiveDate, NaiveDate),
}

pub struct Event {
    /// This component's part of its UID ("leg1", "leg1-border1").
    pub uid: String,
    pub summary: String,
    pub when: When,
    /// Free time (the traveller waits somewhere in it), not busy.
    pub transparent: bool,
    pub location: String,
    /// [latitude, longitude].
    pub geo: Option<[f64; 2]>,
    pub description: String,
    /// An alarm: when it rings, and what it says.
    pub alarm: Option<(DateTime<Utc>, String)>,
}

pub struct ToDo {
    pub uid: String,
    pub summary: String,
    pub due: NaiveDate,
    pub description: String,
}

fn moment(out: &mut Lines, prop: &str, (t, zone): (DateTime<Utc>, Tz)) {
    out.line(&format!(
        "{prop};TZID={}:{}",
        zone.name(),
        local_stamp(t.with_timezone(&zone).naive_local())
    ));
}

/// The iCalendar text of a calendar.
pub fn write(cal: &Calendar, stamp: DateTime<Utc>) -> String {
    let mut out = Lines(String::new());
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//crossings//crossings {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(&cal.name)));
    for z in &cal.zones {
        vtimezone(&mut out, *z, cal.span.0, cal.span.1);
    }
    for e in &cal.events {
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}", uid(&cal.uid_base, &e.uid)));
        out.line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
        out.line(&format!("SUMMARY:{}", text(&e.summary)));
        match e.when {
            When::Timed { start, end } => {
                moment(&mut out, "DTSTART", start);
                if let Some(end) = end {
                    moment(&mut out, "DTEND", end);
                }
            }
            When::AllDay(day) | When::AllDays(day, _) => {
                let last = if let When::AllDays(_, last) = e.when {
                    last
                } else {
                    day
                };
                out.line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(day)));
                out.line(&format!(
                    "DTEND;VALUE=DATE:{}",
                    date_stamp(last + Duration::days(1))
                ));
            }
        }
        if e.transparent {
            out.line("TRANSP:TRANSPARENT");
        }
        out.line(&format!("LOCATION:{}", text(&e.location)));
        if let Some([lat, lon]) = e.geo {
            out.line(&format!("GEO:{lat};{lon}"));
        }
        out.line(&format!("DESCRIPTION:{}", text(&e.description)));
        if let Some((at, said)) = &e.alarm {
            out.line("BEGIN:VALARM");
            out.line("ACTION:DISPLAY");
            out.line(&format!("DESCRIPTION:{}", text(said)));
            out.line(&format!("TRIGGER;VALUE=DATE-TIME:{}", utc_stamp(*at)));
            out.line("END:VALARM");
        }
        out.line("END:VEVENT");
    }
    for t in &cal.todos {
        out.line("BEGIN:VTODO");
        out.line(&format!("UID:{}", uid(&cal.uid_base, &t.uid)));
        out.line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
        out.line(&format!("SUMMARY:{}", text(&t.summary)));
        out.line(&format!("DUE;VALUE=DATE:{}", date_stamp(t.due)));
        out.line(&format!("DESCRIPTION:{}", text(&t.description)));
        out.line("STATUS:NEEDS-ACTION");
        out.line("END:VTODO");
    }
    out.line("END:VCALENDAR");
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut l = Lines(String::new());
        let long = format!("SUMMARY:{}", "喀什".repeat(40));
        l.line(&long);
        for line in l.0.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(l.0.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn text_escapes_separators_and_newlines() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn almaty_changed_its_offset_on_1_march_2024() {
        let mut l = Lines(String::new());
        let from = Utc.with_ymd_and_hms(2024, 2, 20, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2024, 3, 5, 0, 0, 0).unwrap();
        vtimezone(&mut l, chrono_tz::Asia::Almaty, from, to);
        let s = l.0;
        assert!(s.contains("TZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500"), "{s}");
        assert!(s.contains("DTSTART:20240301T000000"), "{s}");
    }
}
