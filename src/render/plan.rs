//! The plan as a traveller reads it: per itinerary a header line (leave, arrive, duration,
//! changes, nights, borders, total), its legs with the services' names and local times, and
//! each border pass in each post's clock; then, once for the whole answer, the notes —
//! "Before you go", "At the border", "Check locally" — each naming the itineraries it
//! applies to and none twice. `--explain` adds the sources and the dispute texts.

use super::text::{capitalise, wrap};
use super::words::{count, country_name, fact_name, join_and, thousands, Words};
use crate::calendar;
use crate::documents::{self, Need};
use crate::findings::{Advice, Blocker, Subject};
use crate::model::{Crossing, CrossingIx, Dataset, Per, StopAt};
use crate::money;
use crate::planner::{BorderPass, Itinerary, Leg};
use crate::types::Money;
use crate::warnings::HIGH_PASS_M;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::answer::{ItineraryAnswer, PlanAnswer};

/// An itinerary passing a crossing: its number, the side it reaches first, when (if the
/// time is known, and whether only roughly: the ride's times are approximate), the day it
/// is crossed, and with no time known the last day it may reach it where that is later.
type Reached = (
    usize,
    usize,
    Option<(DateTime<Utc>, bool)>,
    NaiveDate,
    Option<NaiveDate>,
);

/// How the human view is laid out.
#[derive(Clone, Copy)]
pub struct Layout {
    pub width: Option<usize>,
    pub explain: bool,
}

fn place_of(ds: &Dataset, leg: &Leg, stop: usize) -> usize {
    match ds.services[leg.service].stops[stop].at {
        StopAt::Place(p) => p,
        StopAt::Crossing(_) => 0,
    }
}

fn duration(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    crate::types::Dur((to - from).num_minutes()).to_string()
}

/// An itinerary's length: "2h30m" where the arrival is a time, "about 2h30m" where it is
/// known only roughly, "journey time not known" where no source gives it (the arrival is
/// then a lower bound, not a length to show).
pub(super) fn journey_time(it: &Itinerary) -> String {
    let dur = duration(it.depart(), it.arrive());
    if it.arrive_timed() && it.arrival_certain() {
        dur
    } else if it.arrival_certain() {
        format!("about {dur}")
    } else {
        "journey time not known".to_string()
    }
}

/// When a leg whose time no timetable fixes leaves, on its local day: "leaves when full,
/// usually 07:00–14:00 UTC+6" (a window from the data), "leaves when full from 07:00
/// Beijing time" (only an earliest time), or, where no source gives a time, "by day": the
/// planning default window for its mode (in the README and in JSON), not shown as if a
/// source gave it; "time not known" for a train or sleeper bus, which may leave at any
/// hour of its day.
fn window_text(ds: &Dataset, l: &Leg) -> String {
    let s = &ds.services[l.service];
    let sc = &s.schedule;
    let (zone, a, b) = crate::planner::window_of(ds, s, l.board);
    let date = l.depart.with_timezone(&zone).date_naive();
    let how = if sc.kind == crate::model::ScheduleKind::WhenFull {
        "leaves when full"
    } else {
        "time not given"
    };
    if sc.window.is_some() {
        format!(
            "{how}, usually {}–{}",
            a.format("%H:%M"),
            Words::clock(zone, date, b)
        )
    } else if sc.depart.is_some() {
        format!("{how} from {}", Words::clock(zone, date, a))
    } else if crate::planner::whole_day(s) {
        // A train or sleeper bus: any hour of its day, not the daytime default.
        "time not known".to_string()
    } else {
        format!("{how}, by day")
    }
}

/// Days in order, runs of consecutive days as ranges: "Tue 15 – Fri 18 Jun, Mon 21 Jun",
/// "Mon 28 Jun – Fri 2 Jul".
pub(super) fn days_text(w: &Words, days: &[NaiveDate]) -> String {
    let mut days = days.to_vec();
    days.sort();
    days.dedup();
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for d in days {
        match runs.last_mut() {
            Some((_, b)) if *b + chrono::Duration::days(1) == d => *b = d,
            _ => runs.push((d, d)),
        }
    }
    runs.iter()
        .map(|(a, b)| {
            if a == b {
                w.date(*a)
            } else if (a.year(), a.month()) == (b.year(), b.month()) {
                format!("{} – {}", a.format("%a %-d"), w.date(*b))
            } else if a.year() == b.year() {
                // The year once, at the end: "Thu 14 Jan – Thu 4 Feb 2027".
                format!("{} – {}", a.format("%a %-d %b"), w.date(*b))
            } else {
                format!("{} – {}", w.date(*a), w.date(*b))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The days a reason for "no" was met: runs of consecutive days as ranges ("Sat 9 – Sat 30
/// Jan 2027"), at most three runs named and the rest counted.
fn why_days(w: &Words, dates: impl IntoIterator<Item = NaiveDate>) -> String {
    let mut days: Vec<NaiveDate> = dates.into_iter().collect();
    days.sort();
    days.dedup();
    let mut runs: Vec<&[NaiveDate]> = Vec::new();
    let mut start = 0;
    for i in 1..=days.len() {
        if i == days.len() || days[i - 1] + chrono::Duration::days(1) != days[i] {
            runs.push(&days[start..i]);
            start = i;
        }
    }
    let shown: Vec<NaiveDate> = runs
        .iter()
        .take(3)
        .flat_map(|r| r.iter().copied())
        .collect();
    let rest = days.len() - shown.len();
    let mut text = days_text(w, &shown);
    if rest > 0 {
        text.push_str(&format!(
            " and {}",
            count(rest as i64, "more day", "more days")
        ));
    }
    text
}

/// After the time a leg boards at a stop on the way where no source gives when the
/// vehicle leaves: the time shown is its arrival there.
fn boards_on_arrival(l: &Leg) -> &'static str {
    if l.depart_given {
        ""
    } else {
        " (arrives then; departure time not given)"
    }
}

/// How long a leg takes: "about 5h" when its time is not known, "arrival time not known"
/// when no source gives the time where it ends.
fn leg_length(ds: &Dataset, l: &Leg) -> String {
    if l.length_known(ds) {
        format!("about {}", duration(l.depart, l.arrive))
    } else {
        "arrival time not known".into()
    }
}

/// The fare of a priced leg: "350 USD per vehicle", "at least 400 KGS per person (800 KGS for
/// the party)". Shared by the plan view and the iCalendar export.
/// Fares quoted apart for stretches that make up the ride are shown added, each with its
/// stretch: "200 KGS per person Sary-Tash–Irkeshtam + 80 CNY per person Irkeshtam–Kashgar".
pub fn priced_fare(ds: &Dataset, leg: &Leg, fi: usize, party: Money) -> String {
    let s = &ds.services[leg.service];
    if leg.more_fares.is_empty() {
        return one_fare(ds, leg, fi, party, leg.minimum_fare(s));
    }
    let stop = |i: usize| stop_name(ds, s, i);
    let parts: Vec<String> = leg
        .fares()
        .map(|(fi, party)| {
            let f = &s.fares[fi];
            format!(
                "{} {}–{}",
                one_fare(ds, leg, fi, party, f.at_least),
                stop(f.from),
                stop(f.to)
            )
        })
        .collect();
    parts.join(" + ")
}

fn one_fare(ds: &Dataset, leg: &Leg, fi: usize, party: Money, minimum: bool) -> String {
    let f = &ds.services[leg.service].fares[fi];
    let per = super::words::per_word(f.per);
    let least = if minimum { "at least " } else { "" };
    if party == f.price {
        format!("{least}{} per {per}", f.price.display())
    } else {
        format!(
            "{least}{} per {per} ({} for the party)",
            f.price.display(),
            party.display()
        )
    }
}

/// What a fare quote covers, from its fields: "200 USD per vehicle of 4, Torugart
/// Pass–Naryn only".
fn fare_covers(ds: &Dataset, service: usize, f: &crate::model::Fare) -> String {
    let s = &ds.services[service];
    let unit = match (f.per, f.seats) {
        (Per::Person, _) => "person".to_string(),
        (_, Some(n)) => format!("vehicle of {n}"),
        (_, None) => "vehicle".to_string(),
    };
    let stop = |i: usize| stop_name(ds, s, i);
    let part = if f.from == 0 && f.to + 1 >= s.stops.len() {
        String::new()
    } else {
        format!(", {}–{} only", stop(f.from), stop(f.to))
    };
    format!("{} per {unit}{part}", f.price.display())
}

/// "350 USD per vehicle", "400 KGS per person (800 KGS for the party)".
fn fare_text(ds: &Dataset, leg: &Leg) -> String {
    match leg.fare {
        Some((fi, party)) => priced_fare(ds, leg, fi, party),
        None => "fare not known".into(),
    }
}

fn total_text(ds: &Dataset, it: &Itinerary, t: &money::Total) -> String {
    let shown = money::rounded(t.sum);
    match (t.any_known(it.legs.len()), t.complete()) {
        (false, _) => "fares not known".into(),
        (true, true) => format!("{} for the party", shown.display()),
        (true, false) => format!(
            "at least {} for the party ({})",
            shown.display(),
            left_out(ds, it, t)
        ),
    }
}

/// What a partial total leaves out, by leg: "not priced: Train 59 …", "a minimum fare: see
/// Check locally" (which quotes what the minimum covers).
fn left_out(ds: &Dataset, it: &Itinerary, t: &money::Total) -> String {
    let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
    for (n, m) in &t.missing {
        let name = short_name(&ds.services[it.legs[*n].service].name);
        let (kind, what) = match m {
            money::Missing::Unknown => ("not priced", name),
            money::Missing::Minimum => ("a minimum fare", String::new()),
            money::Missing::SeatPrice => ("seat price not known", name),
            money::Missing::NoRate(c) => ("no rate to convert", format!("{c} for {name}")),
            money::Missing::TooLarge => ("too large to add", name),
        };
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, v)) if !v.contains(&what) => v.push(what),
            Some(_) => {}
            None => kinds.push((kind, vec![what])),
        }
    }
    // What is not priced at all first, then partial prices.
    let order = |k: &str| match k {
        "not priced" => 0,
        "seat price not known" => 1,
        "a minimum fare" => 3,
        _ => 2,
    };
    kinds.sort_by_key(|(k, _)| order(k));
    let parts: Vec<String> = kinds
        .into_iter()
        .map(|(k, v)| {
            if k == "a minimum fare" {
                "a minimum fare: see Check locally".to_string()
            } else {
                format!("{k}: {}", v.join(", "))
            }
        })
        .collect();
    parts.join("; ")
}

/// The total line of an itinerary: the known amount (rounded to the currency's usual
/// unit), what it leaves out, each rate used with its date (flagged when more than a year
/// older than today) and the share per person.
pub fn total_line(
    ds: &Dataset,
    it: &Itinerary,
    t: &money::Total,
    party: u32,
    today: NaiveDate,
) -> String {
    let shown = money::rounded(t.sum);
    let mut line = if !t.any_known(it.legs.len()) {
        "Total for the party: unknown (no fare for these services is known)".to_string()
    } else if t.complete() {
        format!("Total for the party: {}", shown.display())
    } else {
        format!("Total for the party: at least {}", shown.display())
    };
    if !t.complete() && t.any_known(it.legs.len()) {
        let mut parts: Vec<String> = t
            .missing
            .iter()
            .map(|(n, m)| {
                let s = &ds.services[it.legs[*n].service];
                match m {
                    money::Missing::Unknown => format!("{}: fare not known", s.name),
                    money::Missing::Minimum => {
                        let note = it.legs[*n]
                            .fare
                            .and_then(|(fi, _)| s.fares[fi].note.as_ref())
                            .map(|x| format!(" ({})", x.trim_end_matches('.')))
                            .unwrap_or_default();
                        format!("{}: only a minimum is known{note}", s.name)
                    }
                    money::Missing::SeatPrice => {
                        format!(
                            "{}: seat price not known (only hiring the whole vehicle is priced)",
                            s.name
                        )
                    }
                    money::Missing::NoRate(c) => format!("{}: no rate to convert {c}", s.name),
                    money::Missing::TooLarge => format!("{}: too large to add", s.name),
                }
            })
            .collect();
        parts.dedup();
        line.push_str(&format!("; not included: {}", parts.join("; ")));
    }
    if !t.rates.is_empty() {
        let rates: Vec<String> = t
            .rates
            .iter()
            .map(|r| match r.date {
                Some(d) if (today - d).num_days() > money::STALE_RATE_DAYS => format!(
                    "{} rate of {} (more than a year old)",
                    r.currency,
                    Words::full_date(d)
                ),
                Some(d) => format!("{} rate of {}", r.currency, Words::full_date(d)),
                None => format!("{} rate of unknown date", r.currency),
            })
            .collect();
        line.push_str(&format!("; converted at the {}", rates.join(", the ")));
    }
    if party > 1 && t.any_known(it.legs.len()) {
        let each = Money {
            minor: t.sum.minor / i64::from(party),
            currency: t.sum.currency,
        };
        line.push_str(&format!(
            "; per person {}{}",
            if t.complete() { "" } else { "at least " },
            money::rounded(each).display()
        ));
    }
    line
}

/// "itinerary 2", "itineraries 1 and 3", "all itineraries".
fn applies_to(set: &BTreeSet<usize>, all: usize) -> String {
    if all > 1 && set.len() == all {
        return "all".into();
    }
    let n: Vec<String> = set.iter().map(|i| i.to_string()).collect();
    n.join(", ")
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    BeforeYouGo,
    AtTheBorder,
    CheckLocally,
}

/// The notes of the whole answer, each once, with the itineraries (1-based) it applies to.
#[derive(Default)]
struct Notes {
    items: Vec<(Section, String, BTreeSet<usize>)>,
}

impl Notes {
    fn add(&mut self, section: Section, text: String, itinerary: usize) {
        match self
            .items
            .iter_mut()
            .find(|(s, t, _)| *s == section && *t == text)
        {
            Some((_, _, set)) => {
                set.insert(itinerary);
            }
            None => self
                .items
                .push((section, text, BTreeSet::from([itinerary]))),
        }
    }
}

/// A post's hours in its own clock (and its days, when the two posts differ): "China post
/// 10:00–17:00 Beijing time, through by 12:00". The cut-off is shown only where it binds a
/// traveller going `dir` (a cut-off reported for leaving does not bind those entering).
fn post_text(
    ds: &Dataset,
    ci: CrossingIx,
    side: usize,
    dir: crate::model::Direction,
    on: NaiveDate,
    days: bool,
) -> String {
    let sd = &ds.crossings[ci].sides[side];
    let mut s = format!("{} post", country_name(sd.country));
    if days {
        match sd.days {
            Some(d) => s.push_str(&format!(" {d}")),
            None => s.push_str(", days not known,"),
        }
    }
    match sd.hours {
        Some(h) => s.push_str(&format!(" {}", Words::hours(sd.zone.0, on, h))),
        None => s.push_str(" hours not known"),
    }
    for b in &sd.breaks {
        s.push_str(&format!(
            ", lunch {}–{}",
            b.start.0.format("%H:%M"),
            b.end.0.format("%H:%M")
        ));
    }
    if let Some(c) = calendar::cutoff(sd, dir) {
        s.push_str(&format!(", through by {}", c.format("%H:%M")));
    }
    s
}

/// How long before the first post's last entry a pass reaches it: "2h before the cut-off"
/// ("reached about 09:00 UTC+6" where the ride's times are approximate); or, reached on a
/// day before `day`, the day it is passed (after queueing for the opening): "reached Fri 12
/// Jun 20:00 UTC+6 when closed: crossed Mon 15 Jun", and, where a public holiday shut the
/// post the day it was reached, that forecast ("on Wed 9 Jun: expected closure for Dragon
/// Boat Festival …": the hours shown would not tell).
fn margin_text(
    w: &Words,
    ci: CrossingIx,
    side: usize,
    reach: DateTime<Utc>,
    about: bool,
    day: NaiveDate,
) -> String {
    let c = &w.ds.crossings[ci];
    let sd = &c.sides[side];
    let local = reach.with_timezone(&sd.zone.0);
    if local.date_naive() < day {
        let reached = local.date_naive();
        // The public holidays that kept it shut while the vehicle queued: a forecast said
        // nowhere else (an announced closure is, on a line of its own; the weekdays are in
        // the hours). "on Wed 9 Jun: expected closure for Dragon Boat Festival (…)".
        let mut holidays: Vec<(String, Vec<String>)> = Vec::new();
        for d in reached.iter_days().take_while(|d| *d < day) {
            if let Err(calendar::Closed::Holiday { country, name, .. }) =
                calendar::side_day(w.ds, c, sd, d)
            {
                let said = w.holiday_closure(country, &name, d);
                match holidays.iter_mut().find(|(s, _)| *s == said) {
                    Some((_, days)) => days.push(w.date(d)),
                    None => holidays.push((said, vec![w.date(d)])),
                }
            }
        }
        let why: String = holidays
            .iter()
            .map(|(said, days)| format!("; on {}: {said}", join_and(days)))
            .collect();
        return format!(
            "reached {} when closed: crossed {}{why}",
            w.moment_about(reach, sd.zone.0, about),
            w.date(day)
        );
    }
    let at = Words::clock(sd.zone.0, local.date_naive(), local.time());
    let at = if about { format!("about {at}") } else { at };
    match calendar::last_entry(sd, crate::model::Direction::Leaving) {
        Some(last) => {
            let m = (last - local.time()).num_minutes();
            let what = if calendar::cutoff(sd, crate::model::Direction::Leaving).is_some() {
                "the cut-off"
            } else {
                "closing"
            };
            if m <= 0 {
                format!("reached {at}: no margin")
            } else {
                format!("reached {at}, {} before {what}", crate::types::Dur(m))
            }
        }
        None => format!("reached {at}"),
    }
}

/// A name without its trailing parenthesis, for notes that refer back to a leg:
/// "Agency transfer Kashgar–Torugart–Bishkek (change of car at the pass)" → "Agency
/// transfer Kashgar–Torugart–Bishkek".
/// "; waits 2d 0h at the Kyrgyzstan post for it to open": where a vehicle waited, post by
/// post (the wait at the first post is from reaching it to passing it, the rest is at the
/// second).
fn waits_text(c: &Crossing, first: usize, b: &BorderPass) -> String {
    let at_first = match (b.reach, b.passed) {
        (Some(r), Some(p)) => (p - r).clamp(chrono::Duration::zero(), b.waited),
        // Not timed at the first post: which post it waits at is not known.
        _ => {
            return format!(
                "; waits {} for a post to open",
                crate::types::Dur(b.waited.num_minutes())
            )
        }
    };
    let waits: Vec<String> = [(first, at_first), (1 - first, b.waited - at_first)]
        .into_iter()
        .filter(|(_, w)| *w > chrono::Duration::zero())
        .map(|(side, w)| {
            format!(
                "{} at the {} post",
                crate::types::Dur(w.num_minutes()),
                country_name(c.sides[side].country)
            )
        })
        .collect();
    let them = if waits.len() > 1 { "them" } else { "it" };
    format!("; waits {} for {them} to open", waits.join(" and "))
}

/// A stop of a service as fares name it: the place's name, or the crossing's without its
/// bracketed detail ("Irkeshtam Pass").
pub(super) fn stop_name(ds: &Dataset, s: &crate::model::Service, i: usize) -> String {
    match s.stops[i].at {
        StopAt::Place(p) => ds.places[p].name.to_string(),
        StopAt::Crossing(c) => short_name(&ds.crossings[c].name),
    }
}

fn short_name(name: &str) -> String {
    match name.rfind(" (") {
        Some(i) if name.ends_with(')') && i > 0 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// What to check locally about one subject, as short phrases.
fn check_phrase(w: &Words, a: &Advice) -> Option<(Subject, String)> {
    let ds = w.ds;
    Some(match a {
        Advice::WhenFull { service } => (
            Subject::Service(*service),
            "leaves when full and may not run that day".into(),
        ),
        Advice::NoRunningDays { service } => (
            Subject::Service(*service),
            "no source gives the days it runs (planned as if daily)".into(),
        ),
        Advice::NoDepartureTime { service, days } => (
            Subject::Service(*service),
            match days {
                Some(d) => format!(
                    "runs {} but its departure time is not known",
                    super::words::runs_on(*d)
                ),
                // Not "no source gives": an old version may sit in a dispute, unused.
                None => "its days and departure time are not known".into(),
            },
        ),
        Advice::Unconfirmed { service, old } => (
            Subject::Service(*service),
            if *old {
                "no report for 3 years".into()
            } else {
                "no recent report that it runs".into()
            },
        ),
        // What the minimum covers, from the fare's own fields ("at least 200 USD per
        // vehicle, Torugart Pass–Naryn only"); the source's note is for `--explain`.
        Advice::MinimumFare { service, fare } => (
            Subject::Service(*service),
            match ds.services[*service].fares.get(*fare) {
                Some(f) => format!(
                    "its fare is a minimum (at least {})",
                    fare_covers(ds, *service, f)
                ),
                None => "its fare is a minimum".into(),
            },
        ),
        Advice::FareUnknown { service } => (Subject::Service(*service), "fare not known".into()),
        // On the service's own line (`--explain`), not a second line under its full name.
        Advice::NewestSource { service } => (
            Subject::Service(*service),
            format!(
                "newest source {}",
                super::words::newest_source(&ds.services[*service])
            ),
        ),
        Advice::SeatsUnknown { service } => (
            Subject::Service(*service),
            "priced per vehicle, seats not known (one vehicle assumed)".into(),
        ),
        Advice::Disputed {
            subject: Subject::Crossing(_),
            ..
        } => return None,
        Advice::Disputed { subject, dispute } => (
            *subject,
            format!(
                "disputed: {}",
                fact_name(&w.dispute_of(*subject, *dispute).fact)
            ),
        ),
        Advice::Stale { subject, verified } => {
            (*subject, format!("last verified {}", w.date(*verified)))
        }
        Advice::ClockTrap { place, at } => {
            let p = &ds.places[*place];
            let local = p.local_zone.map(|z| z.0).unwrap_or(p.zone.0);
            (
                Subject::Place(*place),
                format!(
                    "many people keep {} ({}): ask which clock a ticket uses",
                    super::words::zone_label(local, at),
                    super::words::utc_offset(local, at),
                ),
            )
        }
        Advice::CrossingUncertain { crossing } => {
            (Subject::Crossing(*crossing), "status uncertain".into())
        }
        _ => return None,
    })
}

/// A post closed for the season or for good, which another ride's reason already names
/// closed the same way: that a vehicle no source times may reach it on one day or another
/// adds nothing, and the line is the crossing's own (Islamabad to Kashgar in December said
/// Khunjerab's winter twice).
fn closed_as_named(reasons: &[(Blocker, BTreeSet<NaiveDate>)], b: &Blocker) -> Option<Blocker> {
    let Blocker::PostClosed {
        crossing,
        side,
        why: why @ (calendar::Closed::Season(_) | calendar::Closed::Status { .. }),
        may_reach: Some(_),
    } = b
    else {
        return None;
    };
    reasons
        .iter()
        .any(|(o, _)| {
            matches!(o, Blocker::PostClosed { crossing: c, why: y, may_reach: None, .. }
                if c == crossing && y == why)
        })
        .then(|| Blocker::PostClosed {
            crossing: *crossing,
            side: *side,
            why: why.clone(),
            may_reach: None,
        })
}

/// A post closed on a day off observed for a public holiday ("National Day (observed)")
/// whose own day also closed the post for another ride: the same closure, named as the
/// holiday, so that one holiday block is one "Why" line, not two.
fn observed_as_holiday(reasons: &[(Blocker, BTreeSet<NaiveDate>)], b: &Blocker) -> Option<Blocker> {
    let Blocker::PostClosed {
        crossing,
        side,
        why:
            calendar::Closed::Holiday {
                country,
                name,
                pattern,
            },
        may_reach,
    } = b
    else {
        return None;
    };
    let holiday = name.strip_suffix(" (observed)")?;
    reasons
        .iter()
        .any(|(o, _)| {
            matches!(o, Blocker::PostClosed {
                crossing: c,
                why: calendar::Closed::Holiday { country: k, name: n, .. },
                ..
            } if c == crossing && k == country && n == holiday)
        })
        .then(|| Blocker::PostClosed {
            crossing: *crossing,
            side: *side,
            why: calendar::Closed::Holiday {
                country: *country,
                name: holiday.to_string(),
                pattern: *pattern,
            },
            may_reach: *may_reach,
        })
}

/// Why no itinerary was searched at all: "every route from Penjikent to Islamabad takes at
/// least 7 rides, and plans are searched with at most 6: plan it in two parts, …".
pub fn too_many_rides(
    w: &Words,
    req: &crate::planner::Request,
    t: &crate::answer::TooManyRides,
) -> String {
    let ds = w.ds;
    let place = |p: usize| &ds.places[p];
    let (from, to) = (place(req.from), place(req.to));
    let through = req
        .via
        .map(|v| format!(" through {}", place(v).name))
        .unwrap_or_default();
    let parts = match t.split {
        Some(s) => format!(
            "plan it in two parts, `crossings plan {} {}`, then `crossings plan {} {}` from the day the first arrives",
            from.id,
            place(s).id,
            place(s).id,
            to.id
        ),
        None => format!("plan it in parts of at most {} rides each", t.most),
    };
    format!(
        "every route from {}{through} to {} takes at least {} rides, and plans are searched with at most {}: {parts}",
        from.name, to.name, t.fewest, t.most
    )
}

/// The "Why" lines as text, each with the days of the rides it stopped, which may run past
/// the last day of departure (a journey may take days to reach the post).
fn why_text(
    w: &Words,
    reasons: &[(Blocker, BTreeSet<NaiveDate>)],
    default: NaiveDate,
    width: Option<usize>,
) -> String {
    why_lines(w, reasons, default)
        .into_iter()
        .map(|(said, dates)| {
            wrap(
                &format!(
                    "{} (for rides on {})",
                    capitalise(&said),
                    why_days(w, dates.iter().copied())
                ),
                width,
                "- ",
                "  ",
            )
        })
        .collect()
}

/// The "Why" lines: each cause once, with every day it was met. Reasons that read the same
/// (a crossing closed on Saturdays and the same crossing closed on Sundays; one visa missing
/// on several routes) are one line; the line met on most days comes first, ties in the
/// order given (most decisive first).
pub(super) fn why_lines(
    w: &Words,
    reasons: &[(Blocker, BTreeSet<NaiveDate>)],
    default: NaiveDate,
) -> Vec<(String, BTreeSet<NaiveDate>)> {
    // Each line keeps whether any blocker it says is `LeaveLater`, so the order is decided
    // on the finding, not on its wording; and, for a visa not held, the crossings it was
    // met at: the same visa is one line naming them all, not one line a crossing.
    type Visa<'a> = Option<(&'a crate::visa::Entry, Vec<CrossingIx>)>;
    let mut lines: Vec<(String, bool, BTreeSet<NaiveDate>, Visa)> = Vec::new();
    for (b, dates) in reasons {
        if let Blocker::VisaNotHeld { entry, crossing } = b {
            let same = lines.iter_mut().find_map(|(_, _, all, v)| match v {
                Some((e, at)) if **e == **entry => Some((all, at)),
                _ => None,
            });
            match same {
                Some((all, at)) => {
                    if !at.contains(crossing) {
                        at.push(*crossing);
                    }
                    all.extend(dates.iter().copied());
                }
                None => lines.push((
                    String::new(),
                    false,
                    dates.clone(),
                    Some((entry, vec![*crossing])),
                )),
            }
            continue;
        }
        let first = dates.iter().next().copied().unwrap_or(default);
        let plain = closed_as_named(reasons, b).or_else(|| observed_as_holiday(reasons, b));
        let said = w.blocker(plain.as_ref().unwrap_or(b), first);
        let later = matches!(b, Blocker::LeaveLater);
        match lines
            .iter_mut()
            .find(|(s, _, _, v)| v.is_none() && *s == said)
        {
            Some((_, l, all, _)) => {
                *l |= later;
                all.extend(dates.iter().copied());
            }
            None => lines.push((said, later, dates.clone(), None)),
        }
    }
    for (said, _, _, visa) in &mut lines {
        if let Some((entry, at)) = visa {
            let crossings: Vec<&Crossing> = at.iter().map(|c| &w.ds.crossings[*c]).collect();
            *said = super::paperwork::visa_not_held(w.ds, entry, &crossings);
            if let Some((c, _, _)) = entry.to_arrange() {
                said.push_str(&super::paperwork::held_hint(w.ds, documents::Doc::Visa(c)));
            }
        }
    }
    // That the journeys wait for one leaving later first: it is the answer (see
    // `documents::order_reasons`).
    lines.sort_by_key(|(_, later, dates, _)| (!*later, std::cmp::Reverse(dates.len())));
    lines
        .into_iter()
        .map(|(said, _, dates, _)| (said, dates))
        .collect()
}

/// The human view of a plan.
pub fn text(w: &Words, a: &PlanAnswer, layout: Layout) -> String {
    let ds = w.ds;
    let req = &a.req;
    let width = layout.width;
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    let last_day = req.date + chrono::Duration::days(i64::from(req.within) - 1);
    // One day (`--within 1`) is named once, not as a range from it to itself.
    let window = if last_day == req.date {
        Words::full_date(req.date)
    } else {
        format!(
            "{} – {}",
            Words::full_date(req.date),
            Words::full_date(last_day)
        )
    };
    let mut out = String::new();
    let found = !a.itineraries.is_empty();

    if !found {
        out.push_str(&wrap(
            &format!(
                "No itinerary from {} to {} leaving {window}.",
                from.name, to.name
            ),
            width,
            "",
            "",
        ));
        if !a.plan.connected {
            out.push_str(&wrap(
                &format!(
                    "No service with known times in the dataset connects {} and {}, even with changes.",
                    from.name, to.name
                ),
                width,
                "",
                "",
            ));
        } else if let Some(t) = &a.too_many_rides {
            out.push_str("\nWhy:\n");
            out.push_str(&wrap(
                &capitalise(&too_many_rides(w, req, t)),
                width,
                "- ",
                "  ",
            ));
            out.push_str(&why_text(w, &a.reasons, req.date, width));
        } else if let Some(flags) = a
            .reasons
            .is_empty()
            .then(|| super::paperwork::restrictions(ds, req, &a.plan.fixes))
            .flatten()
        {
            // Nothing blocked a route toward the destination: the user's own restrictions
            // removed them all (the fix below shows the route without them).
            out.push_str("\nWhy:\n");
            out.push_str(&wrap(
                &format!(
                    "Your own {flags} removed every route from {} to {}",
                    from.name, to.name
                ),
                width,
                "- ",
                "  ",
            ));
        } else if a.reasons.is_empty() {
            out.push_str(&wrap(
                &format!(
                    "No service with known times in the dataset connects {} to {} (even with changes).",
                    from.name, to.name
                ),
                width,
                "",
                "",
            ));
        } else {
            out.push_str("\nWhy:\n");
            out.push_str(&why_text(w, &a.reasons, req.date, width));
        }
        if a.plan.connected {
            match a.earliest {
                Some(d) => out.push_str(&format!(
                    "\nEarliest departure that works within a year: {}.\n",
                    Words::full_date(d)
                )),
                None => {
                    let restricted = a
                        .plan
                        .fixes
                        .iter()
                        .any(|f| matches!(f.change, documents::Change::DropRestrictions));
                    // The reasons above say why; only the user's own restrictions are named.
                    let within = match a.plan.searched_until {
                        Some(last) => format!(
                            "up to {}, the last date this dataset covers,",
                            Words::full_date(last)
                        ),
                        None => "within a year".to_string(),
                    };
                    out.push_str(&format!(
                        "\nNo departure {within} works{}.\n",
                        if let Some(t) = &a.too_many_rides {
                            format!(" in at most {} rides", t.most)
                        } else if restricted {
                            " with your --avoid/--via".into()
                        } else if req.held_only {
                            " with the documents you hold (--held-only)".into()
                        } else {
                            String::new()
                        }
                    ));
                }
            }
        }
    } else {
        let passports: Vec<String> = req.passports.iter().map(|p| p.to_string()).collect();
        let who = if passports.is_empty() {
            String::new()
        } else {
            format!(", {} passport", passports.join("/"))
        };
        let party = if req.party > 1 {
            format!(", party of {}", req.party)
        } else {
            String::new()
        };
        let shown = a.itineraries.len();
        let routes = shown + a.more;
        let found = if routes == a.found {
            if a.more > 0 {
                format!("{shown} of {} itineraries", routes)
            } else {
                count(shown as i64, "itinerary", "itineraries")
            }
        } else if a.more > 0 {
            format!("{shown} of {routes} routes")
        } else {
            count(shown as i64, "route", "routes")
        };
        out.push_str(&wrap(
            &format!(
                "{} → {}, leaving {window}{party}{who}: {found}",
                from.name, to.name
            ),
            width,
            "",
            "",
        ));
    }
    if !a.plan.fixes.is_empty() {
        out.push_str(if found && req.held_only {
            "\nFaster with documents you do not hold (--held-only):\n"
        } else if found {
            "\nFaster with a document there is no time left to obtain (if you hold it, say so):\n"
        } else {
            "\nWhat would change the answer:\n"
        });
        for f in &a.plan.fixes {
            out.push_str(&wrap(&super::paperwork::fix(ds, req, f), width, "- ", "  "));
        }
    }

    let mut notes = Notes::default();
    // Per crossing: the itineraries that pass it, with where and when each reaches it.
    let mut borders: BTreeMap<CrossingIx, Vec<Reached>> = BTreeMap::new();
    // The crossings in the order the itineraries meet them (the first itinerary's along its
    // way, then the others' not met before): the order At the border lists them in.
    let mut border_order: Vec<CrossingIx> = Vec::new();
    // Per crossing: the disputes the itineraries passing it are told of (warnings decides
    // which: those that matter, a directed one only where it is passed that way).
    let mut crossing_disputes: BTreeMap<CrossingIx, BTreeSet<usize>> = BTreeMap::new();
    let mut checks: BTreeMap<Subject, (Vec<String>, BTreeSet<usize>)> = BTreeMap::new();
    let mut subjects_order: Vec<Subject> = Vec::new();
    let n_all = a.itineraries.len();

    // Each document once, with the itineraries it applies to (`--explain`: in full).
    let needs: Vec<&[Need]> = a.itineraries.iter().map(|ia| &ia.needs[..]).collect();
    let documents = if layout.explain {
        super::paperwork::needs_explained(ds, &needs)
    } else {
        super::paperwork::before_you_go(w, &needs)
    };
    for (text, set) in documents {
        notes.items.push((Section::BeforeYouGo, text, set));
    }
    for (k, ia) in a.itineraries.iter().enumerate() {
        let n = k + 1;
        let it = &ia.it;
        let first_known = it.depart_known();
        let leave_day = it.depart().with_timezone(&from.zone.0).date_naive();
        let (leave_about, arrive_about) = super::ends_about(ds, it);
        let leave = if first_known {
            w.moment_about(it.depart(), from.zone.0, leave_about) + boards_on_arrival(&it.legs[0])
        } else {
            format!("{}, time not known", w.date(leave_day))
        };
        // An arrival is a time only when every departure is timetabled and a source gives
        // the time at the last stop; otherwise `it.arrive()` is a lower bound.
        let arrive_timed = it.arrive_timed() && it.arrival_certain();
        let arrive = if arrive_timed {
            format!(
                " {}",
                w.moment_on_about(it.arrive(), to.zone.0, leave_day, arrive_about)
            )
        } else if !it.arrival_certain() {
            // No source gives the time at the last stop, or at one on the way: the day shown
            // is only the earliest it could be (a bus that sleeps on the way arrives days
            // later), so it says so, even when it is the day of leaving.
            let day = it.arrive().with_timezone(&to.zone.0).date_naive();
            format!(" {} at the earliest, time not known", w.date(day))
        } else {
            // The day is always named: "→ Samarkand, time not known" beside another
            // itinerary's "→ Samarkand Mon 14 Jun 2027 at the earliest, time not known"
            // reads as if this one's day were the less certain.
            let day = it.arrive().with_timezone(&to.zone.0).date_naive();
            format!(" {}, time not known", w.date(day))
        };
        let dur = journey_time(it);
        // Counted to the earliest possible arrival when the arrival is not known: a floor.
        let all_nights = match (it.arrival_certain(), ia.nights) {
            (true, n) => count(n, "night", "nights"),
            (false, 0) => "nights not known".to_string(),
            (false, n) => format!("at least {}", count(n, "night", "nights")),
        };
        // After an arrival not known, the stopover's nights are counted from the earliest
        // it could be: a ceiling (the overnight minibus's night may be spent on board).
        let nights = if ia.stopover_nights > 0 {
            let up_to = if ia.stopover_nights_known {
                ""
            } else {
                "up to "
            };
            format!("{all_nights} ({up_to}{} at a stopover)", ia.stopover_nights)
        } else {
            all_nights
        };
        let crossings: usize = it.legs.iter().map(|l| l.borders.len()).sum();
        if n == 1 && !a.plan.fixes.is_empty() {
            out.push('\n');
        }
        out.push_str(&wrap(
            &format!(
                "{n}. {} {leave} → {}{arrive}; {dur}, {}, {nights}, {}; {}",
                from.name,
                to.name,
                count(it.changes() as i64, "change", "changes"),
                count(crossings as i64, "border", "borders"),
                total_text(ds, it, &ia.total)
            ),
            width,
            "",
            "   ",
        ));
        let mut day = leave_day;
        for (k, l) in it.legs.iter().enumerate() {
            let s = &ds.services[l.service];
            let (fp, tp) = (
                &ds.places[place_of(ds, l, l.board)],
                &ds.places[place_of(ds, l, l.alight)],
            );
            let when = if l.time_known {
                if k == 0 {
                    // The header says when the first leg leaves.
                    String::new()
                } else {
                    let t = w.moment_on_about(l.depart, fp.zone.0, day, super::leg_about(ds, l))
                        + boards_on_arrival(l)
                        + " ";
                    day = l.depart.with_timezone(&fp.zone.0).date_naive();
                    t
                }
            } else {
                // A leg no timetable fixes: its day (unless the line above names it) and
                // the window it leaves in.
                let d = l.depart.with_timezone(&fp.zone.0).date_naive();
                let date = if d == day && k > 0 {
                    String::new()
                } else {
                    format!("{}, ", w.date(d))
                };
                day = d;
                let window = window_text(ds, l);
                let window = if date.is_empty() {
                    capitalise(&window)
                } else {
                    window
                };
                format!("{date}{window} ({}): ", leg_length(ds, l))
            };
            let extra = if layout.explain {
                format!(" [{}], {}", s.id, fare_text(ds, l))
            } else {
                String::new()
            };
            // An arranged car's time is the planner's choice (one that fits the border
            // hours), not a timetable's: the traveller arranges it.
            let arranged = if s.schedule.kind == crate::model::ScheduleKind::OnDemand {
                ", on demand: a time to arrange"
            } else {
                ""
            };
            out.push_str(&wrap(
                &format!(
                    "{when}{} → {}: {}{arranged}{extra}",
                    fp.name, tp.name, s.name
                ),
                width,
                "   ",
                "     ",
            ));
            for b in &l.borders {
                let c = &ds.crossings[b.crossing];
                let (first, second) = (b.first_side, 1 - b.first_side);
                let post = |side: usize, t: Option<DateTime<Utc>>| {
                    let sd = &c.sides[side];
                    match t.filter(|_| l.time_known) {
                        Some(t) => format!(
                            "{} post {}",
                            country_name(sd.country),
                            w.moment_on_about(t, sd.zone.0, day, super::leg_about(ds, l))
                        ),
                        None => format!("{} post", country_name(sd.country)),
                    }
                };
                // A post checked on a later day than the vehicle left (a night on the way)
                // names that day: the traveller crosses then.
                let later_day = b
                    .untimed_day()
                    .filter(|d| *d > l.depart.with_timezone(&c.sides[first].zone.0).date_naive());
                // A post that may be reached on more than one day names them all.
                let times = match (b.untimed_days(), later_day) {
                    (Some((d1, d2)), _) => {
                        format!(" (reached {}, times not known)", w.days_either(d1, d2))
                    }
                    (None, Some(d)) => format!(" (on {}, times not known)", w.date(d)),
                    (None, None) if l.time_known && b.reach.is_some() => String::new(),
                    (None, None) => " (times not known)".into(),
                };
                // A vehicle that waited for a post to open (named: a wait at the first post
                // would otherwise read as one between the posts), and a pass with little
                // margin.
                // A wait worked out from the earliest time of an untimed leg is a guess,
                // like the times it is not shown with.
                let mut after = String::new();
                if b.waited > chrono::Duration::zero() && times.is_empty() {
                    after.push_str(&waits_text(c, first, b));
                }
                if b.tight {
                    // Under `MARGIN` to spare: the At the border note says how much.
                    after.push_str("; tight");
                }
                // Where no source gives the time from the first post to the second (clearing
                // it and the drive between), the second post's time counts that as nothing: a
                // lower bound, not a time to be there.
                let mut second_post = post(second, b.cleared);
                if !b.clear_known && times.is_empty() {
                    second_post.push_str(" at the earliest");
                }
                out.push_str(&wrap(
                    &format!(
                        "{}: {}, {second_post}{times}{after}",
                        c.name,
                        post(first, b.reach),
                    ),
                    width,
                    "     ",
                    "       ",
                ));
            }
        }

        // The notes of this itinerary (its documents are said once for all itineraries
        // above).
        for adv in &ia.advice {
            match adv {
                Advice::BookAhead { service } => notes.add(
                    Section::BeforeYouGo,
                    format!(
                        "Book {} ahead through an agency (it runs on demand)",
                        short_name(w.service(*service))
                    ),
                    n,
                ),
                Advice::Entry(_) | Advice::ExitOn(_) => {
                    notes.add(Section::AtTheBorder, w.advice(adv), n)
                }
                Advice::Border {
                    crossing,
                    first_side,
                    reach,
                    day,
                    latest,
                } => {
                    let leg = it
                        .legs
                        .iter()
                        .find(|l| l.borders.iter().any(|b| b.crossing == *crossing));
                    let leg_known = leg.is_none_or(|l| l.time_known);
                    let about = leg.is_some_and(|l| super::leg_about(ds, l));
                    if !borders.contains_key(crossing) {
                        border_order.push(*crossing);
                    }
                    borders.entry(*crossing).or_default().push((
                        n,
                        *first_side,
                        reach.filter(|_| leg_known).map(|t| (t, about)),
                        *day,
                        *latest,
                    ));
                }
                // Said in the crossing's note: the times not known, the hours not known, the
                // disputes.
                Advice::BorderTimeUnknown { .. } | Advice::HoursUnknown { .. } => {}
                Advice::Disputed {
                    subject: Subject::Crossing(ci),
                    dispute,
                } => {
                    crossing_disputes.entry(*ci).or_default().insert(*dispute);
                }
                // How old the sources are: the --explain sources section gives their dates.
                Advice::NewestSource { .. } if !layout.explain => {}
                Advice::SeatsUnknown { .. } | Advice::FareUnknown { .. } if !layout.explain => {}
                Advice::ClosureNear { .. } => {
                    notes.add(Section::AtTheBorder, capitalise(&w.advice(adv)), n)
                }
                other => {
                    if let Some((subject, phrase)) = check_phrase(w, other) {
                        let e = checks.entry(subject).or_default();
                        if !e.0.contains(&phrase) {
                            e.0.push(phrase);
                        }
                        e.1.insert(n);
                        if !subjects_order.contains(&subject) {
                            subjects_order.push(subject);
                        }
                    } else {
                        notes.add(Section::CheckLocally, capitalise(&w.advice(other)), n);
                    }
                }
            }
        }
    }

    // The same routes on other days of the window, named rather than shown again, in one
    // line: "Also leaving: [1, 2] Tue 15 – Fri 18 Jun 2027; [3] Thu 17 Jun 2027".
    let mut also: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, ia) in a.itineraries.iter().enumerate() {
        if ia.also.is_empty() {
            continue;
        }
        let origin = ds.places[req.from].zone.0;
        let days: Vec<NaiveDate> = ia
            .also
            .iter()
            .map(|it| it.depart().with_timezone(&origin).date_naive())
            .collect();
        let days = days_text(w, &days);
        match also.iter_mut().find(|(d, _)| *d == days) {
            Some((_, ns)) => ns.push(k + 1),
            None => also.push((days, vec![k + 1])),
        }
    }
    if !also.is_empty() {
        let parts: Vec<String> = also
            .iter()
            .map(|(days, ns)| {
                let ns: Vec<String> = ns.iter().map(|n| n.to_string()).collect();
                format!("[{}] {days}", ns.join(", "))
            })
            .collect();
        out.push_str(&wrap(
            &format!("Same routes also leaving: {}", parts.join("; ")),
            width,
            "",
            "  ",
        ));
    }

    // One note per crossing: each post's days and hours in its own clock, altitude, and
    // when each itinerary reaches it.
    let mut border_notes: Vec<(String, BTreeSet<usize>)> = Vec::new();
    for ci in &border_order {
        let passes = &borders[ci];
        let c = &ds.crossings[*ci];
        let (_, side0, _, day0, _) = passes[0];
        let mut parts = vec![];
        let same_days = c.sides[0].days == c.sides[1].days;
        let head = match (same_days, c.sides[0].days) {
            (true, Some(d)) => format!("{}, {d}", c.name),
            _ => c.name.to_string(),
        };
        for (side, dir) in [
            (side0, crate::model::Direction::Leaving),
            (1 - side0, crate::model::Direction::Entering),
        ] {
            parts.push(post_text(ds, *ci, side, dir, day0, !same_days));
        }
        if let Some(alt) = c.altitude_m.filter(|a| *a > HIGH_PASS_M) {
            parts.push(format!("{} m: snow even in summer", thousands(alt)));
        }
        // Itineraries that reach the post with the same margin are named together.
        let mut reached: Vec<(String, Vec<usize>)> = Vec::new();
        let mut unknown: Vec<usize> = Vec::new();
        for (n, side, reach, day, latest) in passes {
            match reach {
                Some((t, about)) => {
                    let m = margin_text(w, *ci, *side, *t, *about, *day);
                    match reached.iter_mut().find(|(x, _)| *x == m) {
                        Some((_, ns)) => ns.push(*n),
                        None => reached.push((m, vec![*n])),
                    }
                }
                // The days it may be reached on, where more than one.
                None => match latest {
                    Some(last) => {
                        let m = format!("reached {}, time not known", w.days_either(*day, *last));
                        match reached.iter_mut().find(|(x, _)| *x == m) {
                            Some((_, ns)) => ns.push(*n),
                            None => reached.push((m, vec![*n])),
                        }
                    }
                    None => unknown.push(*n),
                },
            }
        }
        let label = |ns: &[usize]| {
            if n_all > 1 && ns.len() < passes.len() {
                let v: Vec<String> = ns.iter().map(|n| n.to_string()).collect();
                format!(" ({})", v.join(", "))
            } else {
                String::new()
            }
        };
        for (m, ns) in &reached {
            parts.push(format!("{m}{}", label(ns)));
        }
        if !unknown.is_empty() {
            parts.push(format!(
                "arrival time not known: only the day was checked{}",
                label(&unknown)
            ));
        }
        let disputed: Vec<String> = crossing_disputes
            .get(ci)
            .into_iter()
            .flatten()
            .filter_map(|k| c.disputes.get(*k))
            .map(|d| fact_name(&d.fact))
            .collect();
        if !disputed.is_empty() {
            parts.push(format!("disputed {}", join_and(&disputed)));
        }
        let set: BTreeSet<usize> = passes.iter().map(|p| p.0).collect();
        border_notes.push((format!("{head}: {}", parts.join("; ")), set));
    }

    let sections = [
        (Section::BeforeYouGo, "Before you go"),
        (Section::AtTheBorder, "At the border"),
        (Section::CheckLocally, "Check locally"),
    ];
    for (section, title) in sections {
        let mut lines: Vec<(String, BTreeSet<usize>)> = Vec::new();
        if section == Section::AtTheBorder {
            lines.extend(border_notes.iter().cloned());
        }
        for (s, t, set) in &notes.items {
            if *s == section {
                lines.push((t.clone(), set.clone()));
            }
        }
        if section == Section::CheckLocally {
            // Places with the same checks on the same itineraries are one line ("Urumqi and
            // Khorgos: many people keep Xinjiang time …"), not the sentence again a place:
            // their names, what is said and the line it is said on.
            let mut places: Vec<(Vec<String>, String, usize)> = Vec::new();
            for subject in &subjects_order {
                let (phrases, set) = &checks[subject];
                // "disputed: fare", "disputed: duration" → "disputed fare and duration";
                // the newest source's date (`--explain`) last.
                let mut said: Vec<String> = Vec::new();
                let mut disputed: Vec<String> = Vec::new();
                let mut newest: Option<&String> = None;
                for p in phrases {
                    match p.strip_prefix("disputed: ") {
                        Some(f) => disputed.push(f.to_string()),
                        None if p.starts_with("newest source ") => newest = Some(p),
                        None => said.push(p.clone()),
                    }
                }
                if !disputed.is_empty() {
                    said.push(format!("disputed {}", join_and(&disputed)));
                }
                said.extend(newest.cloned());
                let name = match subject {
                    // Without its bracketed detail, unless another service named here would
                    // then read the same (two Tashkent - Khujand buses, evening and morning).
                    Subject::Service(_) => {
                        let short = short_name(w.subject(*subject));
                        let shared = subjects_order.iter().any(|o| {
                            o != subject
                                && matches!(o, Subject::Service(_))
                                && short_name(w.subject(*o)) == short
                        });
                        if shared {
                            w.subject(*subject).to_string()
                        } else {
                            short
                        }
                    }
                    _ => w.subject(*subject).to_string(),
                };
                let said = said.join("; ");
                if let Subject::Place(_) = subject {
                    let same = places
                        .iter_mut()
                        .find(|(_, s, at)| *s == said && lines[*at].1 == *set);
                    if let Some((names, _, at)) = same {
                        names.push(name);
                        lines[*at].0 = format!("{}: {said}", join_and(names));
                        continue;
                    }
                    places.push((vec![name.clone()], said.clone(), lines.len()));
                }
                lines.push((format!("{name}: {said}"), set.clone()));
            }
        }
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}:\n"));
        for (t, set) in lines {
            let t = if n_all > 1 {
                format!("[{}] {t}", applies_to(&set, n_all))
            } else {
                t
            };
            out.push_str(&wrap(&t, width, "- ", "  "));
        }
    }

    let notes: Vec<&Advice> = a
        .notes
        .iter()
        .filter(|n| layout.explain || !matches!(n, Advice::Untimed { .. }))
        // A service a "Why" line already says is suspended is not said so again.
        .filter(|n| match n {
            Advice::Suspended { service, .. } => !a.reasons.iter().any(
                |(b, _)| matches!(b, Blocker::ServiceSuspended { service: s, .. } if s == service),
            ),
            _ => true,
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("\nNotes:\n");
        // Without --explain, the disputes behind the reasons are named, one line per record.
        let mut disputed: Vec<(Subject, Vec<String>)> = Vec::new();
        // The years whose holidays are not known, said once for all, where the first was.
        let unknown: Vec<(crate::types::Country, i32)> = notes
            .iter()
            .filter_map(|n| match n {
                Advice::HolidaysUnknown { country, year } => Some((*country, *year)),
                _ => None,
            })
            .collect();
        let mut unknown_said = false;
        // The unannounced holiday schedules, one note per country and year, where the first
        // was.
        let unannounced = w.unannounced_notes(&notes);
        for (k, adv) in notes.into_iter().enumerate() {
            match adv {
                Advice::ScheduleUnannounced { .. } => {
                    if let Some((_, t)) = unannounced.iter().find(|(at, _)| *at == k) {
                        out.push_str(&wrap(&capitalise(t), width, "- ", "  "));
                    }
                }
                Advice::HolidaysUnknown { .. } => {
                    if !std::mem::replace(&mut unknown_said, true) {
                        out.push_str(&wrap(
                            &capitalise(&super::words::holidays_unknown(&unknown)),
                            width,
                            "- ",
                            "  ",
                        ));
                    }
                }
                Advice::Disputed { subject, dispute } if !layout.explain => {
                    let fact = fact_name(&w.dispute_of(*subject, *dispute).fact);
                    match disputed.iter_mut().find(|(s, _)| s == subject) {
                        Some((_, facts)) => facts.push(fact),
                        None => disputed.push((*subject, vec![fact])),
                    }
                }
                _ => out.push_str(&wrap(&capitalise(&w.advice(adv)), width, "- ", "  ")),
            }
        }
        for (subject, facts) in disputed {
            out.push_str(&wrap(
                &format!(
                    "{}: disputed {} (--explain shows each version and its sources)",
                    w.subject(subject),
                    join_and(&facts)
                ),
                width,
                "- ",
                "  ",
            ));
        }
    }

    if layout.explain {
        out.push_str(&explain(w, a, width));
    }
    out
}

/// `--explain`: every record used with its sources and the dates they report, and the full
/// text of every dispute that could change the plan.
fn explain(w: &Words, a: &PlanAnswer, width: Option<usize>) -> String {
    let ds = w.ds;
    let mut subjects: Vec<Subject> = Vec::new();
    for ia in &a.itineraries {
        for l in &ia.it.legs {
            if !subjects.contains(&Subject::Service(l.service)) {
                subjects.push(Subject::Service(l.service));
            }
            for b in &l.borders {
                if !subjects.contains(&Subject::Crossing(b.crossing)) {
                    subjects.push(Subject::Crossing(b.crossing));
                }
            }
        }
    }
    // The disputes the plan names (a crossing's directed ones only where it is passed that
    // way).
    let mut advised: Vec<(Subject, usize)> = Vec::new();
    for adv in a
        .itineraries
        .iter()
        .flat_map(|ia| &ia.advice)
        .chain(&a.notes)
    {
        if let Advice::Disputed { subject, dispute } = adv {
            advised.push((*subject, *dispute));
        }
    }
    for adv in &a.notes {
        if let Advice::Disputed { subject, .. } = adv {
            if !subjects.contains(subject) {
                subjects.push(*subject);
            }
        }
    }
    let mut out = String::from("\nSources:\n");
    for s in &subjects {
        let (id, prov, disputes) = match *s {
            Subject::Service(i) => {
                let x = &ds.services[i];
                (&x.id, &x.prov, &x.disputes)
            }
            Subject::Crossing(i) => {
                let x = &ds.crossings[i];
                (&x.id, &x.prov, &x.disputes)
            }
            Subject::Place(i) => {
                let x = &ds.places[i];
                (&x.id, &x.prov, &ds.crossings[0].disputes)
            }
        };
        // Newest first, by the date each reports (undated last): what is current leads.
        let sources: Vec<String> = super::newest_first(ds, &prov.sources)
            .into_iter()
            .map(|ix| super::source(ds, ix))
            .collect();
        out.push_str(&wrap(
            &format!(
                "{} [{id}], verified {}: {}",
                w.subject(*s),
                prov.verified
                    .map(|d| w.date(d))
                    .unwrap_or_else(|| "never".into()),
                sources.join("; ")
            ),
            width,
            "- ",
            "  ",
        ));
        if matches!(s, Subject::Place(_)) {
            continue;
        }
        for (_, d) in disputes
            .iter()
            .enumerate()
            .filter(|(k, _)| advised.contains(&(*s, *k)))
        {
            out.push_str(&wrap(
                &format!("disputed {}: {}", fact_name(&d.fact), d.summary),
                width,
                "  ",
                "    ",
            ));
            for alt in &d.alternatives {
                let srcs: Vec<String> = super::newest_first(ds, &alt.sources)
                    .into_iter()
                    .map(|ix| super::source(ds, ix))
                    .collect();
                out.push_str(&wrap(
                    &format!("{} [{}]", alt.says, srcs.join("; ")),
                    width,
                    "  · ",
                    "    ",
                ));
            }
        }
    }
    // The exit rules that decided something: barred every passport (a reason) or the
    // passport to leave on (an itinerary's note).
    let mut exits: Vec<usize> = Vec::new();
    let barred: Vec<&crate::visa::ExitBar> = a
        .reasons
        .iter()
        .filter_map(|(b, _)| match b {
            Blocker::ExitBarred(bar) => Some(&**bar),
            _ => None,
        })
        .collect();
    // The notes of the rules behind a reason under "Why" (shown only when nothing was
    // found) are already in its sentence: not said twice.
    let in_why =
        |k: usize| a.itineraries.is_empty() && barred.iter().any(|bar| bar.rules.contains(&k));
    let bars =
        barred
            .iter()
            .copied()
            .chain(
                a.itineraries
                    .iter()
                    .flat_map(|ia| &ia.advice)
                    .filter_map(|adv| match adv {
                        Advice::ExitOn(bar) => Some(bar),
                        _ => None,
                    }),
            );
    for bar in bars {
        for k in &bar.rules {
            if !exits.contains(k) {
                exits.push(*k);
            }
        }
    }
    for k in exits {
        let Some(r) = ds.visas.exits.get(k) else {
            continue;
        };
        // Newest first, as every other record's sources.
        let sources: Vec<String> = super::newest_first(ds, &r.prov.sources)
            .into_iter()
            .map(|ix| super::source(ds, ix))
            .collect();
        out.push_str(&wrap(
            &format!(
                "{}, verified {}: {}",
                super::paperwork::exit_rule_name(ds, r),
                r.prov
                    .verified
                    .map(|d| w.date(d))
                    .unwrap_or_else(|| "never".into()),
                sources.join("; ")
            ),
            width,
            "- ",
            "  ",
        ));
        if !in_why(k) {
            out.push_str(&wrap(&r.note, width, "  ", "  "));
        }
    }
    for (k, ia) in a.itineraries.iter().enumerate() {
        out.push_str(&wrap(
            &format!(
                "Itinerary {}: {}",
                k + 1,
                total_line(ds, &ia.it, &ia.total, a.req.party, w.today)
            ),
            width,
            "- ",
            "  ",
        ));
    }
    out
}
