//! What a traveller should know about an itinerary before trusting it, as `Advice` values:
//! stale or disputed records, irregular services, the borders passed, clock traps, entry
//! terms and closures announced near the travel date (documents to arrange are
//! `documents::needs`). `render` words them.

use crate::findings::{Advice, Blocker, Subject};
use crate::model::*;
use crate::planner::{Itinerary, Request};
use crate::types::Country;
use crate::visa::Entry;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeSet;

/// A pass above this height gets a warning (altitude sickness, snow even in summer).
pub const HIGH_PASS_M: u32 = 3500;
/// Records last checked longer ago than this are flagged.
const STALE_DAYS: i64 = 365;
/// Announced closures this close to a border passage are flagged.
const CLOSURE_NEAR_DAYS: i64 = 14;

/// A post passed this many days or fewer from a public holiday, in a year whose official
/// schedule is not announced, gets the note `Advice::ScheduleUnannounced`.
pub const UNANNOUNCED_NEAR_DAYS: i64 = 3;

/// Disputed facts that change whether or when a journey works; the rest (distances,
/// altitudes, coordinates) are shown by `crossings hours`, not on every itinerary.
const PLANNING_FACTS: &[&str] = &[
    "hours",
    "days",
    "season",
    "foreigners",
    "visa_on_arrival",
    "fare",
    "depart",
    "schedule",
    "duration",
    "status",
    "zone",
    "cutoff",
    "permits",
    "reopens",
    "between",
];

pub fn matters(d: &Dispute) -> bool {
    PLANNING_FACTS.contains(&d.fact.as_str())
}

/// What a traveller should know about one itinerary, in the order met along the way,
/// without repeats.
pub fn for_itinerary(
    ds: &Dataset,
    _req: &Request,
    it: &Itinerary,
    today: NaiveDate,
) -> Vec<Advice> {
    let mut w: Vec<Advice> = Vec::new();
    let mut add = |a: Advice| {
        if !w.contains(&a) {
            w.push(a);
        }
    };
    let stale = |verified: NaiveDate| (today - verified).num_days() > STALE_DAYS;
    for leg in &it.legs {
        let si = leg.service;
        let s = &ds.services[si];
        for pass in &leg.borders {
            // What must be arranged is a `documents::Need`, listed under "Before you go".
            if let Some(e @ (Entry::Admit { .. } | Entry::NoData { .. })) = pass.entry.as_deref() {
                add(Advice::Entry(e.clone()));
            }
        }
        match s.schedule.kind {
            ScheduleKind::WhenFull => add(Advice::WhenFull { service: si }),
            ScheduleKind::OnDemand => add(Advice::BookAhead { service: si }),
            ScheduleKind::Weekly if s.schedule.depart.is_none() => add(Advice::NoDepartureTime {
                service: si,
                days: s.schedule.days,
            }),
            ScheduleKind::Weekly if s.schedule.days.is_none() => {
                add(Advice::NoRunningDays { service: si })
            }
            ScheduleKind::Weekly => {}
        }
        if s.status == ServiceStatus::Uncertain {
            add(Advice::Unconfirmed {
                service: si,
                old: s.prov.age(today).is_old(),
            });
        } else {
            add(Advice::NewestSource { service: si });
        }
        match leg.fare {
            None => add(Advice::FareUnknown { service: si }),
            Some((fi, _)) => {
                if leg.minimum_fare(s) {
                    add(Advice::MinimumFare {
                        service: si,
                        fare: fi,
                    });
                }
                if leg.fares().any(|(fi, _)| {
                    s.fares
                        .get(fi)
                        .is_some_and(|f| f.per == Per::Vehicle && f.seats.is_none())
                }) {
                    add(Advice::SeatsUnknown { service: si });
                }
            }
        }
        for (k, _) in s.disputes.iter().enumerate().filter(|(_, d)| matters(d)) {
            add(Advice::Disputed {
                subject: Subject::Service(si),
                dispute: k,
            });
        }
        if let Some(verified) = s.prov.verified.filter(|v| stale(*v)) {
            add(Advice::Stale {
                subject: Subject::Service(si),
                verified,
            });
        }
        for st in &s.stops[leg.board..=leg.alight] {
            if let StopAt::Place(p) = st.at {
                let place = &ds.places[p];
                if place.local_zone.is_some() {
                    add(Advice::ClockTrap {
                        place: p,
                        at: leg.depart,
                    });
                }
            }
        }
        for pass in &leg.borders {
            let ci = pass.crossing;
            let c = &ds.crossings[ci];
            // The day the border is crossed (after any wait for the first post to open):
            // the day its closures and uncertainty matter, and the post's hours are shown for.
            let when = pass.pass_day(ds, leg.depart);
            add(Advice::Border {
                crossing: ci,
                first_side: pass.first_side,
                reach: pass.reach,
                day: when,
                latest: pass.untimed_days().map(|(_, last)| last),
            });
            if pass.reach.is_none() {
                add(Advice::BorderTimeUnknown {
                    crossing: ci,
                    service: si,
                });
            }
            for (k, side) in c.sides.iter().enumerate() {
                if side.hours.is_none() {
                    add(Advice::HoursUnknown {
                        crossing: ci,
                        side: k,
                    });
                }
            }
            if c.uncertain_on(when) {
                add(Advice::CrossingUncertain { crossing: ci });
            }
            // A dispute tied to one direction only where the passage goes that way.
            for (k, _) in c.disputes_from(pass.first_side).filter(|(_, d)| matters(d)) {
                add(Advice::Disputed {
                    subject: Subject::Crossing(ci),
                    dispute: k,
                });
            }
            for (k, cl) in c.closures.iter().enumerate() {
                let near = cl.from - Duration::days(CLOSURE_NEAR_DAYS) <= when
                    && when <= cl.to + Duration::days(CLOSURE_NEAR_DAYS);
                if near {
                    add(Advice::ClosureNear {
                        crossing: ci,
                        closure: k,
                    });
                }
            }
            if let Some(verified) = c.prov.verified.filter(|v| stale(*v)) {
                add(Advice::Stale {
                    subject: Subject::Crossing(ci),
                    verified,
                });
            }
        }
    }
    w
}

/// Notes about the whole plan, not one itinerary. A suspended service is named when it
/// serves the origin or the destination and the search would have ridden it toward the
/// destination (it met it as a reason): the Urumqi–Almaty train is no news to a traveller
/// from Urumqi bound for Kashgar, nor to one from Dushanbe who could have gone round by it.
pub fn for_plan(
    ds: &Dataset,
    req: &Request,
    today: NaiveDate,
    reasons: &[(Blocker, BTreeSet<NaiveDate>)],
) -> Vec<Advice> {
    let mut w = Vec::new();
    if req.date < today {
        w.push(Advice::PastDate {
            date: req.date,
            today,
        });
    }
    if req.passports.is_empty() {
        w.push(Advice::NoPassport);
    }
    let mut suspended: Vec<(ServiceIx, Option<NaiveDate>)> = reasons
        .iter()
        .filter_map(|(b, _)| match b {
            Blocker::ServiceSuspended { service, since }
                if ds.services[*service].stops.iter().any(|st| {
                    st.at == StopAt::Place(req.from) || st.at == StopAt::Place(req.to)
                }) =>
            {
                Some((*service, *since))
            }
            _ => None,
        })
        .collect();
    suspended.sort();
    suspended.dedup();
    w.extend(
        suspended
            .into_iter()
            .map(|(service, since)| Advice::Suspended { service, since }),
    );
    w
}

/// The holidays near which the itineraries pass a post in a year whose official holiday
/// schedule its country has not announced (`Advice::ScheduleUnannounced`): for each post
/// passed (on the day it is passed, in its own clock), each country whose holidays close the
/// crossing, and each of that country's listed holidays within `UNANNOUNCED_NEAR_DAYS`, one
/// note per country and holiday (its run of consecutive days off) for all the itineraries
/// together, with every day passed near it. Not where a notice speaks for the holiday block
/// (the announcement is then known), and not for a country without an `announced` record.
/// This is a note, not a rule: feasibility is the planner's, unchanged.
pub fn unannounced<'a>(ds: &Dataset, its: impl IntoIterator<Item = &'a Itinerary>) -> Vec<Advice> {
    let mut found: Vec<Advice> = Vec::new();
    for it in its {
        for leg in &it.legs {
            for pass in &leg.borders {
                let c = &ds.crossings[pass.crossing];
                let days = [
                    pass.pass_day(ds, leg.depart),
                    pass.entry_day(ds, leg.depart),
                ];
                for (n, first) in days.into_iter().enumerate() {
                    // Every day a post whose time is not known may be passed on.
                    let last = pass.latest[n].unwrap_or(first);
                    for day in first.iter_days().take_while(|d| *d <= last) {
                        push_unannounced(ds, &mut found, c, day);
                    }
                }
            }
        }
    }
    found.sort_by_key(|a| match a {
        Advice::ScheduleUnannounced { from, country, .. } => Some((*from, *country)),
        _ => None,
    });
    found
}

/// The holidays near which crossing `c`, passed on `day`, may close on days its country has
/// not announced yet (as `unannounced`, for one crossing and day: `hours --date`).
pub fn unannounced_on(ds: &Dataset, c: &Crossing, day: NaiveDate) -> Vec<Advice> {
    let mut found = Vec::new();
    push_unannounced(ds, &mut found, c, day);
    found
}

fn push_unannounced(ds: &Dataset, found: &mut Vec<Advice>, c: &Crossing, day: NaiveDate) {
    if c.notice_covers(day) {
        return;
    }
    for &country in &c.holidays_close {
        for k in -UNANNOUNCED_NEAR_DAYS..=UNANNOUNCED_NEAR_DAYS {
            let near = day + Duration::days(k);
            if ds.holiday_on(country, near).is_none()
                || !ds.schedule_unannounced(country, near.year())
            {
                continue;
            }
            add_unannounced(ds, found, country, near, day);
        }
    }
}

/// Adds the day `day` passed near the holiday of `country` on `on` to its note, making the
/// note if it is the first.
fn add_unannounced(
    ds: &Dataset,
    found: &mut Vec<Advice>,
    country: Country,
    on: NaiveDate,
    day: NaiveDate,
) {
    let Some(list) = ds.holidays.get(&country) else {
        return;
    };
    // The run of consecutive listed days off `on` is in.
    let (mut from, mut to) = (on, on);
    while let Some(prev) = from.pred_opt().filter(|d| list.on(*d).is_some()) {
        from = prev;
    }
    while let Some(next) = to.succ_opt().filter(|d| list.on(*d).is_some()) {
        to = next;
    }
    for a in found.iter_mut() {
        if let Advice::ScheduleUnannounced {
            country: c,
            from: f,
            days,
            ..
        } = a
        {
            if *c == country && *f == from {
                if let Err(i) = days.binary_search(&day) {
                    days.insert(i, day);
                }
                return;
            }
        }
    }
    // The name most of its days carry (the first such in date order on a tie).
    let mut names: Vec<(crate::text::Text, usize)> = Vec::new();
    let mut d = from;
    while d <= to {
        if let Some(h) = list.on(d) {
            for n in h.names {
                match names.iter_mut().find(|(m, _)| *m == n) {
                    Some((_, k)) => *k += 1,
                    None => names.push((n, 1)),
                }
            }
        }
        let Some(next) = d.succ_opt() else { break };
        d = next;
    }
    let best = names.iter().map(|(_, k)| *k).max().unwrap_or(0);
    let holiday = names
        .into_iter()
        .find(|(_, k)| *k == best)
        .map(|(n, _)| n)
        .unwrap_or_default();
    found.push(Advice::ScheduleUnannounced {
        country,
        year: on.year(),
        holiday,
        from,
        to,
        days: vec![day],
    });
}
