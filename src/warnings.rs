//! What a traveller should know about an itinerary before trusting it, as `Advice` values:
//! stale or disputed records, irregular services, the borders passed, clock traps, entry
//! terms and closures announced near the travel date (documents to arrange are
//! `documents::needs`). `render` words them.

use crate::findings::{Advice, Subject};
use crate::model::*;
use crate::planner::{Itinerary, Request};
use crate::types::Country;
use crate::visa::Entry;
use chrono::{Datelike, Duration, NaiveDate};

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
pub fn for_itinerary(ds: &Dataset, req: &Request, it: &Itinerary, today: NaiveDate) -> Vec<Advice> {
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
            // A passport barred from leaving here: the traveller leaves on another.
            let c = &ds.crossings[pass.crossing];
            let left = c.sides[pass.first_side].country;
            if let Some(bar) = crate::visa::exit_bar(ds, &req.passports, left, pass.crossing) {
                add(Advice::ExitOn(bar));
            }
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
/// would have served this trip (`Plan::suspended`: from the origin or to the destination,
/// on a route between them with the fewest rides): the Urumqi–Almaty train is no news to a traveller
/// from Urumqi bound for Kashgar, nor to one from Bishkek bound for Almaty who could have
/// gone round by it.
pub fn for_plan(
    ds: &Dataset,
    req: &Request,
    today: NaiveDate,
    suspended: &[ServiceIx],
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
    w.extend(suspended.iter().map(|&service| Advice::Suspended {
        service,
        since: ds.services[service].status_since,
    }));
    w
}

/// The holidays near which the itineraries pass a post in a year whose official holiday
/// schedule its country has not announced (`Advice::ScheduleUnannounced`): for each post
/// passed (on the day it is passed, in its own clock), each country whose holidays close the
/// crossing, and each of that country's listed holidays within `UNANNOUNCED_NEAR_DAYS` that
/// can close that crossing by its forecast (`Crossing::forecast`: at Torugart the Kyrgyz
/// Aits, not the Kyrgyz New Year days; at a rail crossing whose forecast says "never",
/// none), one note per country and holiday (its run of consecutive listed days off that
/// close the crossing) for all the itineraries together, with every day passed near it. Not
/// where a notice speaks for the holiday block (the announcement is then known), and not for
/// a country without an `announced` record. This is a note, not a rule: feasibility is the
/// planner's, unchanged.
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
        // The days off of `country` that close `c` where no notice speaks (as the calendar
        // judges a day: every day off without a forecast).
        let pattern = c.forecast(country);
        let closes = |d: NaiveDate| {
            ds.holiday_on(country, d)
                .is_some_and(|h| pattern.is_none_or(|f| f.closes_on(&h)))
        };
        for k in -UNANNOUNCED_NEAR_DAYS..=UNANNOUNCED_NEAR_DAYS {
            let near = day + Duration::days(k);
            if !closes(near) || !ds.schedule_unannounced(country, near.year()) {
                continue;
            }
            // The run of consecutive listed days off closing `c` that `near` is in.
            let (mut from, mut to) = (near, near);
            while let Some(prev) = from.pred_opt().filter(|d| closes(*d)) {
                from = prev;
            }
            while let Some(next) = to.succ_opt().filter(|d| closes(*d)) {
                to = next;
            }
            add_unannounced(ds, found, country, near.year(), (from, to), day);
        }
    }
}

/// Adds the day `day` passed near the holiday of `country` whose days off closing the post
/// run `from`..=`to` to its note, making the note if it is the first. Runs of one country
/// that overlap or touch (found at posts whose forecasts differ) are one holiday: one note,
/// spanning them all.
fn add_unannounced(
    ds: &Dataset,
    found: &mut Vec<Advice>,
    country: Country,
    year: i32,
    (from, to): (NaiveDate, NaiveDate),
    day: NaiveDate,
) {
    let Some(list) = ds.holidays.get(&country) else {
        return;
    };
    let same = |a: &Advice| match a {
        Advice::ScheduleUnannounced {
            country: c,
            from: f,
            to: t,
            ..
        } => {
            *c == country
                && f.pred_opt().is_none_or(|p| p <= to)
                && t.succ_opt().is_none_or(|n| from <= n)
        }
        _ => false,
    };
    let (mut span, mut passed, mut first) = ((from, to), vec![day], None);
    let mut i = 0;
    while i < found.len() {
        if !same(&found[i]) {
            i += 1;
            continue;
        }
        let Advice::ScheduleUnannounced {
            from: f,
            to: t,
            days,
            ..
        } = &found[i]
        else {
            unreachable!("`same` matched a note")
        };
        span = (span.0.min(*f), span.1.max(*t));
        passed.extend(days.iter().copied());
        if first.is_none() {
            first = Some(i);
            i += 1;
        } else {
            found.remove(i);
        }
    }
    passed.sort();
    passed.dedup();
    let holiday = holiday_name(list, span);
    if let Some(Advice::ScheduleUnannounced {
        holiday: h,
        from: f,
        to: t,
        days,
        ..
    }) = first.map(|i| &mut found[i])
    {
        (*h, *f, *t, *days) = (holiday, span.0, span.1, passed);
        return;
    }
    found.push(Advice::ScheduleUnannounced {
        country,
        year,
        holiday,
        from: span.0,
        to: span.1,
        days: passed,
    });
}

/// The name most of the listed days off from `from` to `to` carry (the first such in date
/// order on a tie).
fn holiday_name(list: &HolidayList, (from, to): (NaiveDate, NaiveDate)) -> crate::text::Text {
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
    names
        .into_iter()
        .find(|(_, k)| *k == best)
        .map(|(n, _)| n)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bare;
    use crate::types::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn kg() -> Country {
        "KG".parse().unwrap()
    }

    /// A Kyrgyz list whose 2027 schedule is not announced: International Women's Day on
    /// 8 Mar and Eid al-Fitr on 9 Mar 2027, one run of days off.
    fn dataset() -> Dataset {
        let holiday = |date: &str, name: &str| Holiday {
            date: d(date),
            names: vec![name.into()],
            makeup: None,
        };
        let mut holidays = BTreeMap::new();
        holidays.insert(
            kg(),
            HolidayList::new([
                holiday("2027-03-08", "International Women's Day"),
                holiday("2027-03-09", "Eid al-Fitr"),
            ])
            .unwrap(),
        );
        let mut announced = BTreeMap::new();
        announced.insert(
            kg(),
            Announced {
                through: 2026,
                prov: Provenance {
                    sources: vec![],
                    verified: Some(d("2026-12-02")),
                    newest: None,
                },
            },
        );
        Dataset {
            holidays,
            announced,
            ..bare::dataset()
        }
    }

    /// A crossing Kyrgyz holidays close, as `closes` says (every day off without one).
    fn crossing(closes: Option<(ForecastCloses, &[&str])>) -> Crossing {
        Crossing {
            holidays_close: vec![kg()],
            forecasts: closes
                .map(|(closes, names)| Forecast {
                    country: kg(),
                    closes,
                    holidays: names.iter().map(|n| (*n).into()).collect(),
                    opens_on_makeup_days: false,
                    sources: vec![],
                    note: None,
                })
                .into_iter()
                .collect(),
            ..bare::crossing(
                [
                    bare::side("CN", "Asia/Shanghai"),
                    bare::side("KG", "Asia/Bishkek"),
                ],
                d("2026-12-02"),
            )
        }
    }

    fn note(a: &Advice) -> (String, NaiveDate, NaiveDate, Vec<NaiveDate>) {
        match a {
            Advice::ScheduleUnannounced {
                holiday,
                from,
                to,
                days,
                ..
            } => (holiday.to_string(), *from, *to, days.clone()),
            other => panic!("not a schedule note: {other:?}"),
        }
    }

    /// A post that closes only for the Eid is told of the Eid alone; one that never closes
    /// for the holidays is told nothing; one closed on every day off is told of the run.
    #[test]
    fn only_holidays_that_close_the_post_are_noted() {
        let ds = dataset();
        let eid = crossing(Some((ForecastCloses::Listed, &["Eid al-Fitr"])));
        let found = unannounced_on(&ds, &eid, d("2027-03-11"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            note(&found[0]),
            (
                "Eid al-Fitr".to_string(),
                d("2027-03-09"),
                d("2027-03-09"),
                vec![d("2027-03-11")]
            )
        );
        // Within 3 days of Women's Day (8 Mar) but 4 from the Eid: nothing.
        assert!(unannounced_on(&ds, &eid, d("2027-03-05")).is_empty());
        let never = crossing(Some((ForecastCloses::Never, &[])));
        assert!(unannounced_on(&ds, &never, d("2027-03-11")).is_empty());
        let every = crossing(None);
        let found = unannounced_on(&ds, &every, d("2027-03-05"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            note(&found[0]),
            (
                "International Women's Day".to_string(),
                d("2027-03-08"),
                d("2027-03-09"),
                vec![d("2027-03-05")]
            )
        );
    }

    /// Two posts whose forecasts differ find overlapping runs of one holiday block: one note
    /// spans both, with the days of both, however the posts come.
    #[test]
    fn overlapping_runs_of_one_country_are_one_note() {
        let ds = dataset();
        let eid = crossing(Some((ForecastCloses::Listed, &["Eid al-Fitr"])));
        let every = crossing(None);
        for order in [[&eid, &every], [&every, &eid]] {
            let mut found = Vec::new();
            push_unannounced(&ds, &mut found, order[0], d("2027-03-11"));
            push_unannounced(&ds, &mut found, order[1], d("2027-03-06"));
            assert_eq!(found.len(), 1, "{found:?}");
            let (_, from, to, days) = note(&found[0]);
            assert_eq!((from, to), (d("2027-03-08"), d("2027-03-09")));
            assert_eq!(days, vec![d("2027-03-06"), d("2027-03-11")]);
        }
    }
}
