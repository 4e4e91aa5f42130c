//! What a traveller should know about an itinerary before trusting it: stale or disputed
//! records, irregular services, cut-offs, high passes, clock traps, visas to arrange,
//! permits and closures announced near the travel date.

use crate::calendar;
use crate::model::*;
use crate::planner::{Itinerary, Request};
use crate::visa::Entry;
use chrono::{Duration, NaiveDate};

/// A pass above this height gets a warning (altitude sickness, snow even in summer).
const HIGH_PASS_M: u32 = 3500;
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
];

pub fn matters(d: &Dispute) -> bool {
    PLANNING_FACTS.contains(&d.fact.as_str())
}

/// Warnings for one itinerary, most important first, without repeats.
pub fn for_itinerary(
    ds: &Dataset,
    _req: &Request,
    it: &Itinerary,
    today: NaiveDate,
) -> Vec<String> {
    let mut w: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !w.contains(&s) {
            w.push(s);
        }
    };
    for leg in &it.legs {
        let s = &ds.services[leg.service];
        for pass in &leg.borders {
            if let Some(e @ (Entry::Admit { .. } | Entry::NoData { .. })) = &pass.entry {
                add(crate::documents::words::entry(ds, e));
            }
        }
        match s.schedule.kind {
            ScheduleKind::WhenFull => add(format!("{} leaves when full: the departure time is not fixed and it may not run at all that day", s.name)),
            ScheduleKind::OnDemand => add(format!("{} is arranged on demand: book it ahead through an agency; times shown are the earliest that fit the border hours", s.name)),
            ScheduleKind::Weekly if s.schedule.depart.is_none() => add(match s.schedule.days {
                Some(d) => format!("{} runs {} but no source gives its departure time: the times shown are only the earliest that fit", s.name, runs_on(d)),
                None => format!("{} is a scheduled service but no source gives its running days or departure time: the times shown are only the earliest that fit", s.name),
            }),
            ScheduleKind::Weekly => {}
        }
        if s.status == ServiceStatus::Uncertain {
            add(format!(
                "{}: no recent source confirms it is running; check locally",
                s.name
            ));
        }
        if let Some(fare) = leg
            .fare
            .and_then(|(fi, _)| s.fares.get(fi))
            .filter(|f| f.at_least)
        {
            let what = fare
                .note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            add(format!(
                "{}: the fare shown is a minimum, so the total is a lower bound{what}",
                s.name
            ));
        }
        if leg.fare.is_none() {
            add(format!("{}: fare unknown for this stretch", s.name));
        } else if let Some(fare) = leg.fare.and_then(|(fi, _)| s.fares.get(fi)) {
            if fare.per == Per::Vehicle && fare.seats.is_none() {
                add(format!("{}: priced per vehicle and the seats per vehicle are unknown; the cost assumes one vehicle for the party", s.name));
            }
        }
        for d in s.disputes.iter().filter(|d| matters(d)) {
            add(format!("{} — disputed {}: {}", s.name, d.fact, d.summary));
        }
        if (today - s.prov.verified).num_days() > STALE_DAYS {
            add(format!(
                "{} was last verified on {}",
                s.name, s.prov.verified
            ));
        }
        for st in &s.stops[leg.board..=leg.alight] {
            if let StopAt::Place(p) = st.at {
                let place = &ds.places[p];
                if let Some(local) = place.local_zone {
                    add(format!(
                        "{}: times here are {} ({}); many people in {} keep {} ({}) — ask which clock a ticket or an opening time uses",
                        place.name,
                        place.zone.0.name(),
                        offset_of(place.zone.0, leg.depart),
                        place.name,
                        local.0.name(),
                        offset_of(local.0, leg.depart)
                    ));
                }
            }
        }
        for pass in &leg.borders {
            let c = &ds.crossings[pass.crossing];
            let first = &c.sides[pass.first_side];
            if let Some(cut) = first.cutoff {
                let date = pass
                    .reach
                    .unwrap_or(leg.depart)
                    .with_timezone(&first.zone.0)
                    .date_naive();
                add(format!(
                    "{}: in practice be through before {} (practical cut-off)",
                    c.name,
                    calendar::show_time(first.zone.0, date, cut.0)
                ));
            }
            if pass.reach.is_none() {
                add(format!("{}: no source says when {} reaches the border, so only the day (not the hours) was checked", c.name, s.name));
            }
            for side in &c.sides {
                if side.hours.is_none() {
                    add(format!(
                        "{}: opening hours of the {} post are unknown",
                        c.name, side.country
                    ));
                }
            }
            if let Some(alt) = c.altitude_m.filter(|a| *a > HIGH_PASS_M) {
                add(format!("{} lies at {} m: snow is possible even in summer and closures for weather happen", c.name, thousands(alt)));
            }
            if c.status == CrossingStatus::Uncertain {
                add(format!(
                    "{}: its status is uncertain; check before you go",
                    c.name
                ));
            }
            for d in c.disputes.iter().filter(|d| matters(d)) {
                add(format!("{} — disputed {}: {}", c.name, d.fact, d.summary));
            }
            let when = pass
                .reach
                .unwrap_or(leg.depart)
                .with_timezone(&first.zone.0)
                .date_naive();
            for cl in &c.closures {
                let near = cl.from - Duration::days(CLOSURE_NEAR_DAYS) <= when
                    && when <= cl.to + Duration::days(CLOSURE_NEAR_DAYS);
                if near {
                    add(format!(
                        "{}: closure announced {}–{} ({})",
                        c.name,
                        calendar::long_date(cl.from),
                        calendar::long_date(cl.to),
                        cl.reason
                    ));
                }
            }
            if (today - c.prov.verified).num_days() > STALE_DAYS {
                add(format!(
                    "{} was last verified on {}",
                    c.name, c.prov.verified
                ));
            }
        }
    }
    w
}

/// Notes about the whole plan, not one itinerary.
pub fn for_plan(ds: &Dataset, req: &Request) -> Vec<String> {
    let mut w = Vec::new();
    if req.passports.is_empty() {
        w.push("no --passport given: visas were not checked, and border rules were applied as for a foreigner (a citizen of neither side)".to_string());
    }
    for s in &ds.services {
        let serves = |p: PlaceIx| s.stops.iter().any(|st| st.at == StopAt::Place(p));
        if s.status == ServiceStatus::Suspended && (serves(req.from) || serves(req.to)) {
            let since = s
                .status_since
                .map(|d| format!(" since {}", calendar::long_date(d)))
                .unwrap_or_default();
            w.push(format!(
                "{} ({}) exists but is suspended{since}; it was not used",
                s.name, s.id
            ));
        }
    }
    w
}

/// "daily" or "on Mon,Thu".
fn runs_on(d: crate::types::Weekdays) -> String {
    if d == crate::types::Weekdays::ALL {
        "daily".into()
    } else {
        format!("on {d}")
    }
}

fn offset_of(zone: chrono_tz::Tz, at: chrono::DateTime<chrono::Utc>) -> String {
    calendar::zone_abbrev(&at.with_timezone(&zone))
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    if s.len() > 3 {
        format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
    } else {
        s
    }
}
