//! What a traveller should know about an itinerary before trusting it, as `Advice` values:
//! stale or disputed records, irregular services, the borders passed, clock traps, entry
//! terms and closures announced near the travel date (documents to arrange are
//! `documents::needs`). `render` words them.

use crate::findings::{Advice, Blocker, Subject};
use crate::model::*;
use crate::planner::{Itinerary, Request};
use crate::visa::Entry;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// A pass above this height gets a warning (altitude sickness, snow even in summer).
pub const HIGH_PASS_M: u32 = 3500;
/// Records last checked longer ago than this are flagged.
const STALE_DAYS: i64 = 365;
/// Announced closures this close to a border passage are flagged.
const CLOSURE_NEAR_DAYS: i64 = 14;

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
