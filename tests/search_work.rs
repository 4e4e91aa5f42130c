//! The search's work on crafted datasets (issue #13): counted in steps (`Plan::work`: rides
//! tried and labels compared), never in wall time. Each shape that once took seconds to
//! minutes from a few kilobytes of data now stays within `planner::work_budget`, which grows
//! with the dataset (a fixed allowance plus a share per stop), and an answer cut short by
//! the budget or the cap on equally good itineraries says so (`Plan::truncated`).

use chrono::{NaiveDate, NaiveTime};
use crossings::model::*;
use crossings::planner::{self, work_budget, Request};
use crossings::types::{Country, Currency, Dur, LocalTime, Money, Zone};

fn cc(s: &str) -> Country {
    s.parse().unwrap()
}
fn zone() -> Zone {
    "Asia/Bishkek".parse().unwrap()
}
fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn prov() -> Provenance {
    Provenance {
        sources: vec![],
        verified: Some(day("2026-01-01")),
        newest: None,
    }
}

fn place(i: usize) -> Place {
    Place {
        id: format!("p{i}").into(),
        name: format!("P{i}").into(),
        aliases: vec![],
        country: cc("KG"),
        zone: zone(),
        local_zone: None,
        coords: None,
        permits: vec![],
        prov: prov(),
        notes: None,
    }
}

/// A daily bus along `stops` (place, minutes after departure), leaving at `depart`
/// minutes after midnight, with one fare for the whole route in dollars.
fn bus(id: String, stops: &[(usize, i64)], depart: u32, dollars: Option<i64>) -> Service {
    let usd: Currency = "USD".parse().unwrap();
    Service {
        id: id.clone().into(),
        name: id.into(),
        mode: Mode::Bus,
        operator: None,
        foreigners: None,
        status: ServiceStatus::Running,
        status_since: None,
        stops: stops
            .iter()
            .map(|(p, m)| Stop {
                at: StopAt::Place(*p),
                offset: Some(Dur(*m)),
                clear: None,
            })
            .collect(),
        schedule: Schedule {
            kind: ScheduleKind::Weekly,
            days: None,
            depart: Some(LocalTime(
                NaiveTime::from_hms_opt(depart / 60, depart % 60, 0).unwrap(),
            )),
            window: None,
            book_ahead: None,
            zone: zone(),
            first: None,
            last: None,
            except: vec![],
        },
        fares: dollars
            .map(|d| Fare {
                at_least: false,
                price: Money {
                    minor: d * 100,
                    currency: usd,
                },
                per: Per::Person,
                seats: None,
                from: 0,
                to: stops.len() - 1,
                sources: vec![],
                note: None,
            })
            .into_iter()
            .collect(),
        baggage: None,
        disputes: vec![],
        prov: prov(),
        notes: None,
    }
}

fn dataset(places: usize, services: Vec<Service>) -> Dataset {
    Dataset {
        sources: vec![],
        places: (0..places).map(place).collect(),
        permits: vec![],
        crossings: vec![],
        services,
        visas: Visas::default(),
        holidays: Default::default(),
        rates: Rates {
            base: Some("USD".parse().unwrap()),
            rates: Default::default(),
        },
    }
}

fn request(to: PlaceIx) -> Request {
    Request {
        from: 0,
        to,
        date: day("2027-06-14"),
        within: 7,
        passports: vec![],
        visas: vec![],
        permits: vec![],
        party: 1,
        via: None,
        avoid: vec![],
        held_only: false,
        today: day("2027-06-14"),
        now: None,
    }
}

/// Six hops, `m` services per hop, each faster one dearer: every choice at every hop is a
/// trade-off, so the itineraries no other beats multiply like m^6 (the 13 KB dataset of
/// 36 services that took 25 s is m = 6).
fn pareto_hops(m: usize) -> Dataset {
    let mut services = Vec::new();
    for h in 0..6 {
        for k in 0..m {
            let minutes = 60 + 37 * (m - k) as i64 + 11 * h as i64;
            let dollars = 5 + (7 * k + 3 * h) as i64;
            services.push(bus(
                format!("h{h}-k{k}"),
                &[(h, 0), (h + 1, minutes)],
                (6 * 60 + 13 * k as u32) % 1440,
                Some(dollars),
            ));
        }
    }
    dataset(7, services)
}

/// One service with `n` stops (the 3,000-stop service took 30 s, cubic; `check` now allows
/// at most 60, `validate::MAX_STOPS`).
fn long_route(n: usize) -> Dataset {
    let stops: Vec<(usize, i64)> = (0..n).map(|i| (i, 30 * i as i64)).collect();
    dataset(n, vec![bus("long".into(), &stops, 8 * 60, Some(40))])
}

/// Runs the whole planning (both searches, and the fixes) and returns the first search's
/// plan; asserts the work stayed within the budget (one step's overshoot allowed).
fn planned(ds: &Dataset, to: PlaceIx) -> planner::Plan {
    let req = request(to);
    let (plan, _) = planner::search(ds, &req);
    let budget = planner::search_budget(ds, &req);
    assert!(
        // The final ranking compares the answers at the destination: at most BAG_CAP a
        // day of the window (7 days), after the budget's check.
        plan.work <= budget + 1_000 + (7 * planner::BAG_CAP as u64).pow(2),
        "work {} over the budget {budget}",
        plan.work
    );
    plan
}

#[test]
fn pareto_hops_stay_within_a_budget_linear_in_the_dataset() {
    let mut works = Vec::new();
    for m in [2, 4, 6, 12, 24] {
        let ds = pareto_hops(m);
        let plan = planned(&ds, 6);
        assert!(!plan.itineraries.is_empty(), "m = {m}: no itinerary");
        works.push((m, plan.work, plan.truncated));
    }
    // Each place keeps at most BAG_CAP labels, each tries the m services of its hop and
    // compares the result with at most BAG_CAP others: linear in m, not m^6.
    // The profile search keeps BAG_CAP labels for each of the window's 7 days.
    let bag = 7 * planner::BAG_CAP as u64;
    let per_service = 7 * bag * (bag + 2);
    for (m, work, _) in &works {
        assert!(
            *work <= per_service * *m as u64,
            "m = {m}: work {work} > {per_service} × m: {works:?}"
        );
    }
}

#[test]
fn a_long_route_stays_within_its_budget() {
    let mut works = Vec::new();
    for n in [15, 30, 60] {
        let ds = long_route(n);
        let plan = planned(&ds, n - 1);
        assert!(!plan.itineraries.is_empty(), "n = {n}: no itinerary");
        assert!(!plan.truncated, "n = {n}: truncated at work {}", plan.work);
        works.push((n, plan.work, plan.truncated));
    }
    // n labels (one a stop) for each of the window's 7 days, each trying the rides to the
    // stops after it: at most n² rides plus the stops they pass a day, well within the
    // budget's share per stop.
    for (n, work, _) in &works {
        assert!(
            *work <= 7 * (*n * *n * *n) as u64,
            "n = {n}: work {work}: {works:?}"
        );
    }
    eprintln!("{works:?}");
}

/// When the budget or the cap cuts the search short, the plan says so, and the command
/// prints it (see `plan_warnings` in commands/plan.rs).
#[test]
fn a_truncated_search_says_so() {
    let ds = pareto_hops(12);
    let plan = planned(&ds, 6);
    assert!(
        plan.truncated,
        "12 options at each of six hops exceed the cap on a place's labels"
    );
    let small = planned(&pareto_hops(2), 6);
    assert!(!small.truncated);
}

/// The real dataset's searches never come near the budget: the cap is for crafted data.
#[test]
fn real_plans_are_not_truncated() {
    let ds = crossings::run::load_dataset(None, false).expect("embedded");
    let id = |s: &str| ds.places.iter().position(|p| p.id == s).expect(s);
    for (from, to) in [
        ("kashgar", "bishkek"),
        ("kashgar", "sust"),
        ("almaty", "dushanbe"),
        ("osh", "kashgar"),
        ("bishkek", "tashkent"),
    ] {
        let mut req = request(id(to));
        req.from = id(from);
        req.passports = vec![cc("GB")];
        req.within = 30;
        let (plan, _) = planner::search(&ds, &req);
        assert!(!plan.truncated, "{from} → {to}: work {}", plan.work);
        eprintln!("{from} → {to}: work {} of {}", plan.work, work_budget(&ds));
    }
}
