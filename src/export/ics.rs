//! One itinerary as an iCalendar file (RFC 5545) that calendar programs import: each leg an
//! event in the zone of the place it leaves from (with that zone's VTIMEZONE definition),
//! each border pass an event with the posts' hours and an alarm before the cut-off, and
//! each thing to arrange before going a to-do.
//!
//! Unknown times stay unknown: a leg whose departure no source gives is an event over the
//! window a source gives it (marked free: it leaves some time in it), else an all-day event
//! on its day, never a timed one; a border pass reached at an unknown time is all-day too.

use super::leg_places;
use crate::calendar;
use crate::documents;
use crate::model::{Dataset, Lead, ScheduleKind, Side};
use crate::planner::{Itinerary, Leg, Request};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};
use std::collections::BTreeSet;

/// How long before a post's cut-off (or closing time) the alarm rings.
pub const ALARM_BEFORE_CUTOFF_MIN: i64 = 60;

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

/// A short, stable UID for a component of this itinerary.
fn uid(it: &Itinerary, what: &str) -> String {
    format!("{}-{what}@crossings", utc_stamp(it.depart()))
}

fn fare_text(ds: &Dataset, leg: &Leg) -> String {
    match leg.fare {
        Some((fi, party)) => crate::render::plan::priced_fare(ds, leg, fi, party),
        None => match leg.hire {
            Some((fi, m)) => format!(
                "seat price not known; whole vehicle {}{}",
                m.display(),
                ds.services[leg.service].fares[fi]
                    .seats
                    .map(|n| format!(" ({n} seats)"))
                    .unwrap_or_default()
            ),
            None => "not known".into(),
        },
    }
}

fn post_hours(side: &Side, dir: crate::model::Direction, on: NaiveDate) -> String {
    let t = |x: chrono::NaiveTime| crate::render::words::Words::clock(side.zone.0, on, x);
    let days = side
        .days
        .map(|d| d.to_string())
        .unwrap_or_else(|| "days not known".into());
    let hours = side
        .hours
        .map(|h| format!("{}–{}", t(h.start.0), t(h.end.0)))
        .unwrap_or_else(|| "hours not known".into());
    let mut s = format!("{} post ({}): {days}, {hours}", side.country, side.post);
    for b in &side.breaks {
        s.push_str(&format!(
            "; closed for lunch {}–{}",
            t(b.start.0),
            t(b.end.0)
        ));
    }
    if let Some(c) = calendar::cutoff(side, dir) {
        s.push_str(&format!("; in practice be through by {}", t(c)));
    }
    s
}

/// Something to arrange before going: what, the day it is needed by, how long it takes
/// (when a source says) and how.
struct ToDo {
    summary: String,
    needed_by: NaiveDate,
    lead: Option<Lead>,
    /// The country whose working days the lead time counts (its public holidays skipped).
    issuer: Option<crate::types::Country>,
    how: String,
}

/// The last day to start something that takes `lead` and is needed on `by`: the paperwork
/// model's `documents::apply_by`, so the to-do falls due on the day "Before you go" names.
fn latest_start(
    ds: &Dataset,
    issuer: Option<crate::types::Country>,
    by: NaiveDate,
    lead: Lead,
) -> NaiveDate {
    documents::apply_by(ds, issuer, by, Some(lead)).unwrap_or(by)
}

/// The itinerary's "Before you go": the documents it needs that the traveller does not
/// hold (the paperwork model's list), then the agency cars to book.
fn to_dos(ds: &Dataset, req: &Request, it: &Itinerary) -> Vec<ToDo> {
    let mut out: Vec<ToDo> = documents::needs(ds, req, it)
        .iter()
        .map(|n| ToDo {
            summary: format!(
                "Get {}",
                crate::render::paperwork::doc_name(ds, n.doc, n.requirement)
            ),
            needed_by: n.by,
            lead: n.get.lead,
            issuer: n.doc.issuer(),
            how: crate::render::paperwork::need(ds, n),
        })
        .collect();
    for leg in &it.legs {
        let s = &ds.services[leg.service];
        let (from, _) = leg_places(ds, leg);
        let leave = leg
            .depart
            .with_timezone(&ds.places[from].zone.0)
            .date_naive();
        let summary = format!("Book {}", s.name);
        if s.schedule.kind == ScheduleKind::OnDemand && !out.iter().any(|t| t.summary == summary) {
            out.push(ToDo {
                summary,
                needed_by: leave,
                lead: None,
                issuer: None,
                how: match &s.operator {
                    Some(o) => format!("Arranged on demand through an agency ({o})."),
                    None => "Arranged on demand through an agency.".into(),
                },
            });
        }
    }
    out
}

/// The iCalendar text for itinerary number `n` (from 1) of a plan.
pub fn itinerary(
    ds: &Dataset,
    req: &Request,
    n: usize,
    it: &Itinerary,
    stamp: DateTime<Utc>,
) -> String {
    let mut out = Lines(String::new());
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//crossings//crossings {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("{} → {} (itinerary {n})", from.name, to.name))
    ));

    // Every zone an event is written in gets its definition.
    let mut zones: BTreeSet<&str> = BTreeSet::new();
    let mut zone_list: Vec<Tz> = Vec::new();
    let mut use_zone = |z: Tz| {
        if zones.insert(z.name()) {
            zone_list.push(z);
        }
    };
    for leg in &it.legs {
        let (f, t) = leg_places(ds, leg);
        use_zone(ds.places[f].zone.0);
        use_zone(ds.places[t].zone.0);
        for b in &leg.borders {
            use_zone(ds.crossings[b.crossing].sides[b.first_side].zone.0);
        }
    }
    for z in &zone_list {
        vtimezone(&mut out, *z, it.depart(), it.arrive());
    }

    for (li, leg) in it.legs.iter().enumerate() {
        let s = &ds.services[leg.service];
        let (f, t) = leg_places(ds, leg);
        let (fp, tp) = (&ds.places[f], &ds.places[t]);
        let (fz, tz) = (fp.zone.0, tp.zone.0);
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}", uid(it, &format!("leg{}", li + 1))));
        out.line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
        let mut description = vec![
            format!("Service: {} ({})", s.name, crate::render::mode_name(s.mode)),
            format!("Board at: {}", fp.name),
            format!("Fare: {}", fare_text(ds, leg)),
        ];
        if let Some(o) = &s.operator {
            description.push(format!("Operator: {o}"));
        }
        if !leg.depart_given {
            description.push(format!(
                "Starts when the vehicle reaches {}: no source gives when it leaves there",
                fp.name
            ));
        }
        if leg.time_known {
            out.line(&format!(
                "SUMMARY:{}",
                text(&format!("{} → {} ({})", fp.name, tp.name, s.name))
            ));
            out.line(&format!(
                "DTSTART;TZID={}:{}",
                fz.name(),
                local_stamp(leg.depart.with_timezone(&fz).naive_local())
            ));
            out.line(&format!(
                "DTEND;TZID={}:{}",
                tz.name(),
                local_stamp(leg.arrive.with_timezone(&tz).naive_local())
            ));
        } else if let Some((a, b)) = leg
            .window
            .filter(|_| s.schedule.window.is_some() || s.schedule.depart.is_some())
        {
            // No source gives the time, but one gives the window it leaves in: an event
            // over the window, marked free (the traveller waits somewhere in it).
            out.line(&format!(
                "SUMMARY:{}",
                text(&format!(
                    "{} → {} ({}; leaves in this window)",
                    fp.name, tp.name, s.name
                ))
            ));
            out.line(&format!(
                "DTSTART;TZID={}:{}",
                fz.name(),
                local_stamp(a.with_timezone(&fz).naive_local())
            ));
            out.line(&format!(
                "DTEND;TZID={}:{}",
                fz.name(),
                local_stamp(
                    b.max(a + Duration::minutes(1))
                        .with_timezone(&fz)
                        .naive_local()
                )
            ));
            out.line("TRANSP:TRANSPARENT");
            description.insert(
                0,
                format!(
                    "No source gives the departure time, only the window it leaves in; the ride takes about {}.",
                    crate::types::Dur((leg.arrive - leg.depart).num_minutes())
                ),
            );
        } else {
            // No source gives the time: the day only, as an all-day event.
            let day = leg.depart.with_timezone(&fz).date_naive();
            out.line(&format!(
                "SUMMARY:{}",
                text(&format!(
                    "{} → {} ({}; time not known)",
                    fp.name, tp.name, s.name
                ))
            ));
            out.line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(day)));
            out.line(&format!(
                "DTEND;VALUE=DATE:{}",
                date_stamp(day + Duration::days(1))
            ));
            out.line("TRANSP:TRANSPARENT");
            description.insert(
                0,
                format!(
                    "No source gives the departure time; the ride takes about {}.",
                    crate::types::Dur((leg.arrive - leg.depart).num_minutes())
                ),
            );
        }
        out.line(&format!("LOCATION:{}", text(&fp.name)));
        if let Some([lat, lon]) = fp.coords {
            out.line(&format!("GEO:{lat};{lon}"));
        }
        out.line(&format!("DESCRIPTION:{}", text(&description.join("\n"))));
        out.line("END:VEVENT");

        for (bi, b) in leg.borders.iter().enumerate() {
            let c = &ds.crossings[b.crossing];
            let first = &c.sides[b.first_side];
            let zone = first.zone.0;
            let day = b
                .reach
                .unwrap_or(leg.depart)
                .with_timezone(&zone)
                .date_naive();
            out.line("BEGIN:VEVENT");
            out.line(&format!(
                "UID:{}",
                uid(it, &format!("leg{}-border{}", li + 1, bi + 1))
            ));
            out.line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
            let reach = b.reach.filter(|_| leg.time_known);
            match reach {
                Some(at) => {
                    out.line(&format!("SUMMARY:{}", text(&format!("Border: {}", c.name))));
                    out.line(&format!(
                        "DTSTART;TZID={}:{}",
                        zone.name(),
                        local_stamp(at.with_timezone(&zone).naive_local())
                    ));
                    if let Some(done) = b.cleared.filter(|d| *d > at) {
                        let other = c.sides[1 - b.first_side].zone.0;
                        out.line(&format!(
                            "DTEND;TZID={}:{}",
                            other.name(),
                            local_stamp(done.with_timezone(&other).naive_local())
                        ));
                    }
                }
                None => {
                    out.line(&format!(
                        "SUMMARY:{}",
                        text(&format!("Border: {} (time not known)", c.name))
                    ));
                    out.line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(day)));
                    out.line(&format!(
                        "DTEND;VALUE=DATE:{}",
                        date_stamp(day + Duration::days(1))
                    ));
                    out.line("TRANSP:TRANSPARENT");
                }
            }
            out.line(&format!("LOCATION:{}", text(&c.name)));
            if let Some([lat, lon]) = c.coords {
                out.line(&format!("GEO:{lat};{lon}"));
            }
            let description = [
                post_hours(first, crate::model::Direction::Leaving, day),
                post_hours(
                    &c.sides[1 - b.first_side],
                    crate::model::Direction::Entering,
                    day,
                ),
            ];
            out.line(&format!("DESCRIPTION:{}", text(&description.join("\n"))));
            // The alarm rings before the first post's last entry that day.
            if let Some(last) = calendar::last_entry(first, crate::model::Direction::Leaving) {
                if let Some(at) = calendar::at_local(zone, day, last) {
                    out.line("BEGIN:VALARM");
                    out.line("ACTION:DISPLAY");
                    out.line(&format!(
                        "DESCRIPTION:{}",
                        text(&format!(
                            "{}: be through by {}",
                            c.name,
                            crate::render::words::Words::clock(zone, day, last)
                        ))
                    ));
                    out.line(&format!(
                        "TRIGGER;VALUE=DATE-TIME:{}",
                        utc_stamp(at - Duration::minutes(ALARM_BEFORE_CUTOFF_MIN))
                    ));
                    out.line("END:VALARM");
                }
            }
            out.line("END:VEVENT");
        }
    }

    for (i, todo) in to_dos(ds, req, it).iter().enumerate() {
        out.line("BEGIN:VTODO");
        out.line(&format!("UID:{}", uid(it, &format!("todo{}", i + 1))));
        out.line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
        out.line(&format!("SUMMARY:{}", text(&todo.summary)));
        // Due when it must be started: the lead time before the day it is needed, or,
        // where no source gives the lead time, the day before (and the text says so).
        let (due, when) = match todo.lead {
            Some(l) => (
                latest_start(ds, todo.issuer, todo.needed_by, l),
                format!(
                    "It takes {}: start by {}.",
                    crate::render::paperwork::lead(l),
                    latest_start(ds, todo.issuer, todo.needed_by, l).format("%a %-d %b %Y")
                ),
            ),
            None => (
                todo.needed_by - Duration::days(1),
                "No source says how long it takes: start early.".to_string(),
            ),
        };
        out.line(&format!("DUE;VALUE=DATE:{}", date_stamp(due)));
        out.line(&format!(
            "DESCRIPTION:{}",
            text(&format!(
                "{}\nNeeded by {}. {when}",
                todo.how,
                todo.needed_by.format("%a %-d %b %Y")
            ))
        ));
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
    fn a_lead_time_in_working_days_skips_weekends() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let ds = crate::run::load_dataset(None, false).expect("embedded dataset");
        // Needed Monday 15 June; three working days means starting Wednesday 10 June.
        assert_eq!(
            latest_start(&ds, None, d("2026-06-15"), Lead::WorkingDays(3)),
            d("2026-06-10")
        );
        assert_eq!(
            latest_start(&ds, None, d("2026-06-15"), Lead::Days(3)),
            d("2026-06-12")
        );
        // Inverse of documents::ready_on: started then, it is ready on the day.
        for lead in [Lead::Days(5), Lead::WorkingDays(1), Lead::WorkingDays(10)] {
            let start = latest_start(&ds, None, d("2026-06-15"), lead);
            assert_eq!(
                documents::ready_on(&ds, None, start, Some(lead)),
                Some(d("2026-06-15"))
            );
        }
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
