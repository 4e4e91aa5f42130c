//! One itinerary as a calendar (`export::ics` writes it as RFC 5545): each leg an event in
//! the zone of the place it leaves from, each border pass an event with the posts' hours and
//! an alarm before the cut-off on the day it is crossed (or, reached on one of several days
//! no source fixes, before the first of them; a wait past midnight for a post to open is an
//! event of its own, from reaching the post), and each thing to arrange before going a
//! to-do. The words of every summary, description and alarm are here.
//!
//! Unknown times stay unknown: a leg whose departure no source gives is an event over the
//! window a source gives it (marked free: it leaves some time in it), else an all-day event
//! on its day, never a timed one; a border pass reached at an unknown time is all-day too.

use crate::calendar;
use crate::documents;
use crate::export::ics::{Calendar, Event, ToDo, When};
use crate::export::leg_places;
use crate::model::{Dataset, Lead, ScheduleKind, Side};
use crate::planner::{Itinerary, Leg, Request};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// How long before a post's cut-off (or closing time) the alarm rings.
pub const ALARM_BEFORE_CUTOFF_MIN: i64 = 60;
/// How long before the first day a vehicle may reach a border no source times (one of
/// several days) the alarm rings: the evening before, at 18:00 in the first post's clock.
pub const ALARM_BEFORE_UNKNOWN_DAY_MIN: i64 = 6 * 60;

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

/// A vehicle's wait at a closed post, from reaching it (`span.0`) to its opening (`span.1`),
/// as an event of its own, with that post's hours on the day it is passed and what follows
/// (`then`: the border crossed, or the country entered, on that day).
fn wait_event(
    uid: String,
    c: &crate::model::Crossing,
    (side, dir, on): (&Side, crate::model::Direction, NaiveDate),
    span: (DateTime<Utc>, DateTime<Utc>),
    about: bool,
    then: String,
) -> Event {
    let post = crate::render::words::country_name(side.country);
    Event {
        uid,
        summary: format!(
            "Border: {}, wait for the {post} post to open{}",
            c.name,
            if about { " (times approximate)" } else { "" }
        ),
        when: When::Timed {
            start: (span.0, side.zone.0),
            end: Some((span.1, side.zone.0)),
        },
        transparent: false,
        location: c.name.to_string(),
        geo: c.coords,
        description: format!(
            "The vehicle reaches the {post} post when it is closed and waits {} for it to open: {then}.\n{}",
            crate::types::Dur((span.1 - span.0).num_minutes()),
            post_hours(side, dir, on)
        ),
        alarm: None,
    }
}

fn post_hours(side: &Side, dir: crate::model::Direction, on: NaiveDate) -> String {
    let t = |x: chrono::NaiveTime| crate::render::words::Words::clock(side.zone.0, on, x);
    let mut s = format!(
        "{} post ({}): {}",
        side.country,
        side.post,
        crate::render::words::Words::days_and_hours(side, on)
    );
    // The zone once, at the end, as in the hours: "13:00–16:00 Beijing time".
    for b in &side.breaks {
        s.push_str(&format!(
            "; closed for lunch {}–{}",
            b.start.0.format("%H:%M"),
            t(b.end.0)
        ));
    }
    if let Some(c) = calendar::cutoff(side, dir) {
        s.push_str(&format!("; in practice be through by {}", t(c)));
    }
    s
}

/// A post's hours on each day from `from` to `to` (the days a vehicle whose time there is
/// not known may pass it on): one line where they read the same every day, else one for
/// each day, named ("On Wed 15 Apr 2009: …", where the clock changes within them).
fn post_hours_over(
    side: &Side,
    dir: crate::model::Direction,
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let each: Vec<(NaiveDate, String)> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|d| (d, post_hours(side, dir, d)))
        .collect();
    match each.first() {
        Some((_, h0)) if each.iter().any(|(_, h)| h != h0) => {}
        _ => return post_hours(side, dir, from),
    }
    each.iter()
        .map(|(d, h)| format!("On {}: {h}", crate::render::words::Words::full_date(*d)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Something to arrange before going: what, the day it is needed by, how long it takes
/// (when a source says) and how.
struct Arrange {
    summary: String,
    needed_by: NaiveDate,
    /// Where no source gives the day it is needed: the last it may be (`Need::until`).
    needed_until: Option<NaiveDate>,
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
fn to_dos(ds: &Dataset, req: &Request, it: &Itinerary) -> Vec<Arrange> {
    let mut out: Vec<Arrange> = documents::needs(ds, req, it)
        .iter()
        .map(|n| Arrange {
            summary: format!(
                "Get {}",
                crate::render::paperwork::doc_name(ds, n.doc, n.requirement)
            ),
            needed_by: n.by,
            needed_until: n.until,
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
            out.push(Arrange {
                summary,
                needed_by: leave,
                needed_until: None,
                lead: None,
                issuer: None,
                how: format!(
                    "Arranged on demand through an agency{}.{}",
                    s.operator
                        .as_ref()
                        .map(|o| format!(" ({o})"))
                        .unwrap_or_default(),
                    if leg.time_known {
                        let zone = ds.places[from].zone.0;
                        let at = leg.depart.with_timezone(&zone);
                        format!(
                            " This plan leaves {} at {}: ask the agency for that time.",
                            crate::render::words::Words::full_date(at.date_naive()),
                            crate::render::words::Words::clock(zone, at.date_naive(), at.time())
                        )
                    } else {
                        String::new()
                    }
                ),
            });
        }
    }
    out
}

/// What tells an itinerary from any other leaving at the same moment: where it goes from and
/// to, and each ride (service, where boarded and left, when it leaves).
fn route_key(ds: &Dataset, req: &Request, it: &Itinerary) -> String {
    let mut key = format!("{}>{}", ds.places[req.from].id, ds.places[req.to].id);
    for leg in &it.legs {
        key.push_str(&format!(
            "|{}:{}-{}@{}",
            ds.services[leg.service].id,
            leg.board,
            leg.alight,
            leg.depart.timestamp()
        ));
    }
    key
}

/// Itinerary number `n` (from 1) of a plan, as a calendar.
pub fn itinerary(ds: &Dataset, req: &Request, n: usize, it: &Itinerary) -> Calendar {
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    // Every zone an event is written in gets its definition.
    let mut zones: Vec<Tz> = Vec::new();
    let mut use_zone = |z: Tz| {
        if !zones.contains(&z) {
            zones.push(z);
        }
    };
    for leg in &it.legs {
        let (f, t) = leg_places(ds, leg);
        use_zone(ds.places[f].zone.0);
        use_zone(ds.places[t].zone.0);
        for b in &leg.borders {
            for side in &ds.crossings[b.crossing].sides {
                use_zone(side.zone.0);
            }
        }
    }
    let mut events = Vec::new();
    for (li, leg) in it.legs.iter().enumerate() {
        let s = &ds.services[leg.service];
        let (f, t) = leg_places(ds, leg);
        let (fp, tp) = (&ds.places[f], &ds.places[t]);
        let (fz, tz) = (fp.zone.0, tp.zone.0);
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
        if !leg.arrive_known {
            let why = if leg.length_known(ds) {
                "no source gives when it leaves"
            } else {
                "no source gives the time"
            };
            description.push(format!(
                "Arrival in {}: {why} ({} at the earliest)",
                tp.name,
                crate::render::words::Words::full_date(leg.arrive.with_timezone(&tz).date_naive())
            ));
        }
        // How long the ride takes, where a source gives its arrival.
        let takes = if leg.length_known(ds) {
            format!(
                "the ride takes about {}.",
                crate::types::Dur((leg.arrive - leg.depart).num_minutes())
            )
        } else {
            "no source gives how long the ride takes.".to_string()
        };
        let about = crate::render::leg_about(ds, leg);
        if about {
            description.insert(
                0,
                "The source gives the departure time only roughly: every time of this ride is approximate.".into(),
            );
        }
        // An arranged car's time is the plan's choice (one that fits the border hours), not a
        // timetable's: the traveller arranges it with the agency, and the event says so.
        let arranged = s.schedule.kind == ScheduleKind::OnDemand;
        if arranged && leg.time_known {
            description.insert(
                0,
                format!(
                    "On demand: no timetable; {} is the time this plan chose to fit the border hours. Arrange it with the agency.",
                    crate::render::words::Words::clock(
                        fz,
                        leg.depart.with_timezone(&fz).date_naive(),
                        leg.depart.with_timezone(&fz).time()
                    )
                ),
            );
        }
        let (summary, when, transparent) = if leg.time_known {
            (
                format!(
                    "{} → {} ({}{}{})",
                    fp.name,
                    tp.name,
                    s.name,
                    if arranged {
                        "; on demand: a time to arrange"
                    } else {
                        ""
                    },
                    if about { "; times approximate" } else { "" }
                ),
                When::Timed {
                    start: (leg.depart, fz),
                    // An arrival no source times is only a lower bound: no end is written.
                    end: leg.arrive_known.then_some((leg.arrive, tz)),
                },
                false,
            )
        } else if let Some((a, b)) = leg
            .window
            .filter(|_| s.schedule.window.is_some() || s.schedule.depart.is_some())
        {
            // No source gives the time, but one gives the window it leaves in: an event
            // over the window, marked free (the traveller waits somewhere in it).
            description.insert(
                0,
                format!(
                    "No source gives the departure time, only the window it leaves in; {takes}"
                ),
            );
            (
                format!(
                    "{} → {} ({}; leaves in this window)",
                    fp.name, tp.name, s.name
                ),
                When::Timed {
                    start: (a, fz),
                    end: Some((b.max(a + Duration::minutes(1)), fz)),
                },
                true,
            )
        } else {
            // No source gives the time: the day only, as an all-day event.
            description.insert(0, format!("No source gives the departure time; {takes}"));
            (
                format!("{} → {} ({}; time not known)", fp.name, tp.name, s.name),
                When::AllDay(leg.depart.with_timezone(&fz).date_naive()),
                true,
            )
        };
        events.push(Event {
            uid: format!("leg{}", li + 1),
            summary,
            when,
            transparent,
            location: fp.name.to_string(),
            geo: fp.coords,
            description: description.join("\n"),
            alarm: None,
        });

        for (bi, b) in leg.borders.iter().enumerate() {
            let c = &ds.crossings[b.crossing];
            let first = &c.sides[b.first_side];
            let second = &c.sides[1 - b.first_side];
            let zone = first.zone.0;
            // The day the border is crossed: the first post passed, after any wait for it to
            // open (checked for, after a night on the way, where no time is known); the
            // second post on the day of entry.
            let day = b.pass_day(ds, leg.depart);
            let entry = b.entry_day(ds, leg.depart);
            let reach = b.reach.filter(|_| leg.time_known);
            // Reached after the first post closed and passed on a later day: the arrival and
            // the wait are an event of their own, on the day the post is reached, and the
            // crossing one on the day it is passed.
            let overnight = match (reach, b.passed) {
                (Some(r), Some(p)) if b.reach_day(ds, leg.depart) < day => Some((r, p)),
                _ => None,
            };
            if let Some((r, p)) = overnight {
                events.push(wait_event(
                    format!("leg{}-border{}-wait", li + 1, bi + 1),
                    c,
                    (first, crate::model::Direction::Leaving, day),
                    (r, p),
                    about,
                    format!(
                        "the border is crossed on {}",
                        crate::render::words::Words::full_date(day)
                    ),
                ));
            }
            // The crossing starts when the first post is passed after such a wait, else when
            // it is reached (a wait the same day is part of it).
            let start = overnight.map(|(_, p)| p).or(reach);
            // Reached the second post when it was closed and queued there into a later day
            // than the crossing began: the crossing ends on reaching that post, and the wait
            // is an event of its own, from then to its opening, on the day of entry. Only
            // where the drive between the posts is known (otherwise when the vehicle reaches
            // the second post is not known either).
            let second_wait = match (start, b.reach, b.passed, b.cleared) {
                (Some(s0), Some(r), Some(p), Some(cl)) if b.clear_known => {
                    // The wait at the first post is from reaching it to passing it; the
                    // rest of `waited` is at the second.
                    let there = b.waited - (p - r).clamp(Duration::zero(), b.waited);
                    (there > Duration::zero()
                        && s0.with_timezone(&second.zone.0).date_naive() < entry)
                        .then_some((cl - there, cl))
                }
                _ => None,
            };
            let (summary, when, transparent) = match start {
                Some(at) => (
                    format!(
                        "Border: {}{}",
                        c.name,
                        if about { " (times approximate)" } else { "" }
                    ),
                    When::Timed {
                        start: (at, zone),
                        // Until the second post is passed, or reached where it is waited at
                        // overnight; no end where the drive between the posts is not known.
                        end: second_wait
                            .map(|(r2, _)| r2)
                            .or(b.cleared.filter(|_| b.clear_known))
                            .filter(|d| *d > at)
                            .map(|done| (done, second.zone.0)),
                    },
                    false,
                ),
                // Where the vehicle may reach it on more than one day, the event covers
                // them all.
                None => match b.untimed_days() {
                    Some((d1, d2)) => (
                        format!("Border: {} (day and time not known)", c.name),
                        When::AllDays(d1, d2),
                        true,
                    ),
                    None => (
                        format!("Border: {} (time not known)", c.name),
                        When::AllDay(day),
                        true,
                    ),
                },
            };
            // Each post's hours on every day it may be passed on (more than one where no
            // time is known there).
            let description = [
                post_hours_over(
                    first,
                    crate::model::Direction::Leaving,
                    day,
                    b.latest[0].unwrap_or(day),
                ),
                post_hours_over(
                    second,
                    crate::model::Direction::Entering,
                    entry,
                    b.latest[1].unwrap_or(entry),
                ),
            ];
            // The alarm rings before the first post's last entry that day; where the vehicle
            // may reach the border on one of several days, which no source fixes, before the
            // first of them (`ALARM_BEFORE_UNKNOWN_DAY_MIN` before it begins in the first
            // post's clock), naming them all.
            let alarm =
                calendar::last_entry(first, crate::model::Direction::Leaving).and_then(|last| {
                    let through = crate::render::words::Words::clock(zone, day, last);
                    match b.untimed_days() {
                        Some((d1, d2)) => calendar::at_local(zone, d1, chrono::NaiveTime::MIN)
                            .map(|midnight| {
                                (
                                    midnight - Duration::minutes(ALARM_BEFORE_UNKNOWN_DAY_MIN),
                                    format!(
                                        "{}: the vehicle may reach it {} (no source gives the day); be through by {through} on whichever it is",
                                        c.name,
                                        crate::render::words::Words::full_on_days_either(d1, d2)
                                    ),
                                )
                            }),
                        None => calendar::at_local(zone, day, last).map(|at| {
                            (
                                at - Duration::minutes(ALARM_BEFORE_CUTOFF_MIN),
                                format!("{}: be through by {through}", c.name),
                            )
                        }),
                    }
                });
            events.push(Event {
                uid: format!("leg{}-border{}", li + 1, bi + 1),
                summary,
                when,
                transparent,
                location: c.name.to_string(),
                geo: c.coords,
                description: description.join("\n"),
                alarm,
            });
            if let Some((r2, cl)) = second_wait {
                let post = crate::render::words::country_name(second.country);
                events.push(wait_event(
                    format!("leg{}-border{}-wait-entry", li + 1, bi + 1),
                    c,
                    (second, crate::model::Direction::Entering, entry),
                    (r2, cl),
                    about,
                    format!(
                        "{post} is entered on {}",
                        crate::render::words::Words::full_date(entry)
                    ),
                ));
            }
        }
    }

    let todos = to_dos(ds, req, it)
        .iter()
        .enumerate()
        .map(|(i, todo)| {
            // Due when it must be started: the lead time before the day it is needed, or,
            // where no source gives the lead time, the day before (and the text says so).
            let (due, when) = match todo.lead {
                Some(l) => {
                    let start = latest_start(ds, todo.issuer, todo.needed_by, l);
                    (
                        start,
                        format!(
                            "It takes {}: start by {}.",
                            crate::render::paperwork::lead(l),
                            start.format("%a %-d %b %Y")
                        ),
                    )
                }
                None => (
                    todo.needed_by - Duration::days(1),
                    "No source says how long it takes: start early.".to_string(),
                ),
            };
            // Needed on one of several days no source fixes: by the first, valid to the last.
            let needed = match todo.needed_until {
                Some(last) => format!(
                    "Needed {}, the day not known: by the first, valid to the last",
                    crate::render::words::Words::full_on_days_either(todo.needed_by, last)
                ),
                None => format!("Needed by {}", todo.needed_by.format("%a %-d %b %Y")),
            };
            ToDo {
                uid: format!("todo{}", i + 1),
                summary: todo.summary.clone(),
                due,
                description: format!("{}\n{needed}. {when}", todo.how),
            }
        })
        .collect();
    Calendar {
        name: format!("{} → {} (itinerary {n})", from.name, to.name),
        uid_base: crate::export::ics::uid_base(it.depart(), &route_key(ds, req, it)),
        zones,
        span: (it.depart(), it.arrive()),
        events,
        todos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
