//! The search's work on crafted datasets (issue #13): counted in steps (`Plan::work`: rides
//! tried and labels compared), never in wall time. Each shape that once took seconds to
//! minutes from a few kilobytes of data now stays within `planner::work_budget`, which grows
//! with the dataset (a fixed allowance plus a share per stop) and with nothing else — not
//! with the options' product, not with the `--within` window — and an answer cut short by
//! the budget or the cap on equally good itineraries says so (`Plan::truncated`).

mod common;
use common::records;

use chrono::{NaiveDate, NaiveTime};
use crossings::model::*;
use crossings::planner::{self, work_budget, Request};

const YEAR: u32 = 366;
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
                depart: None,
                nights: 0,
            })
            .collect(),
        schedule: Schedule {
            kind: ScheduleKind::Weekly,
            days: None,
            depart: Some(LocalTime(
                NaiveTime::from_hms_opt(depart / 60, depart % 60, 0).unwrap(),
            )),
            approx: false,
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
        announced: Default::default(),
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

/// Runs the first search over a window of `within` days and returns its plan; asserts the
/// work stayed within the dataset's budget (whatever the window), allowing for the last
/// ride tried and the final ranking, which come after the budget's check.
fn planned_within(ds: &Dataset, to: PlaceIx, within: u32) -> planner::Plan {
    let mut req = request(to);
    req.within = within;
    let (plan, _) = planner::search(ds, &req);
    let budget = work_budget(ds);
    assert!(
        plan.work <= budget + budget / 10,
        "within {within}: work {} over the budget {budget}",
        plan.work
    );
    plan
}

fn planned(ds: &Dataset, to: PlaceIx) -> planner::Plan {
    planned_within(ds, to, 7)
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

/// From origin 0 to destination 1: a direct bus (05:00–06:00), and a bus to a town (2,
/// 06:00–07:00) with one on to the destination (08:00–09:00); from the town, `branches`
/// buses (09:00) to villages whose only bus goes back to the origin. A journey may not come
/// back to the origin (no loops), so no village leads anywhere.
fn villages_behind_the_origin(branches: usize) -> Dataset {
    let mut services = vec![
        bus("direct".into(), &[(0, 0), (1, 60)], 5 * 60, Some(10)),
        bus("to-town".into(), &[(0, 0), (2, 60)], 6 * 60, Some(3)),
        bus("on".into(), &[(2, 0), (1, 60)], 8 * 60, Some(3)),
    ];
    for k in 0..branches {
        let village = 3 + k;
        services.push(bus(
            format!("out-{k}"),
            &[(2, 0), (village, 30)],
            9 * 60,
            Some(1),
        ));
        services.push(bus(
            format!("back-{k}"),
            &[(village, 0), (0, 90)],
            12 * 60,
            Some(2),
        ));
    }
    dataset(3 + branches, services)
}

/// Once a journey has reached the destination, the search does not ride to places whose
/// every way there within the ride limit comes back to the origin: a hundred such
/// villages off the town on the way cost no work, and the answers are the same.
#[test]
fn places_that_lead_only_back_to_the_origin_cost_nothing() {
    let plain = planned(&villages_behind_the_origin(0), 1);
    let busy = planned(&villages_behind_the_origin(100), 1);
    assert_eq!(
        plain.itineraries.len(),
        14,
        "two routes each day of the week"
    );
    assert_eq!(
        format!("{:?}", busy.itineraries),
        format!("{:?}", plain.itineraries)
    );
    assert_eq!(busy.work, plain.work);
}

/// When the budget or the cap cuts the search short, the plan says so, and the command
/// prints it (the `search-truncated` advice in render::json).
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

/// The 36-service shape as a dataset on disk, `m` services a hop: seven places in one
/// country and six hops, each faster service dearer.
fn pareto_files(m: usize) -> tempfile::TempDir {
    let places: String = (0..7)
        .map(|i| records::place(&format!("p{i}"), &format!("P{i}"), "KG", "Asia/Bishkek"))
        .collect();
    let mut services = String::new();
    for h in 0..6 {
        for k in 0..m {
            let minutes = 60 + 37 * (m - k) + 11 * h;
            let depart = 6 * 60 + 13 * k;
            let stops = [
                format!("{{ at = \"p{h}\", offset = \"0m\" }}"),
                format!("{{ at = \"p{}\", offset = \"{minutes}m\" }}", h + 1),
            ];
            services.push_str(&records::service(
                &format!("h{h}-k{k}"),
                &format!("H{h} K{k}"),
                "bus",
                &[&stops[0], &stops[1]],
                &format!(
                    "kind = \"weekly\"\ndepart = \"{:02}:{:02}\"\nzone = \"Asia/Bishkek\"",
                    depart / 60,
                    depart % 60
                ),
            ));
            services.push_str(&format!(
                "[[service.fare]]\namount = \"{}\"\ncurrency = \"USD\"\nper = \"person\"\nsources = [\"fixture\"]\n\n",
                5 + 7 * k + 3 * h,
            ));
        }
    }
    common::with_files(&[
        ("places/pareto.toml", &places),
        ("services/pareto.toml", &services),
    ])
}

/// End to end: the JSON carries `truncated` and the text says the search stopped early;
/// a search that was not cut short says neither.
#[test]
fn a_truncated_search_says_so_in_text_and_json() {
    for (m, cut) in [(12, true), (2, false)] {
        let dir = pareto_files(m);
        let data = dir.path().to_str().unwrap();
        let args = ["--data", data, "plan", "p0", "p6", "--date", "2026-12-07"];
        let text = common::run(&args).ok();
        assert_eq!(
            text.stdout.contains("search stopped early"),
            cut,
            "m = {m}:\n{}",
            text.stdout
        );
        let mut json_args = args.to_vec();
        json_args.push("--json");
        let json: serde_json::Value = common::run(&json_args).ok().json();
        assert_eq!(json["truncated"], serde_json::Value::Bool(cut), "m = {m}");
        let warned = json["advice"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["kind"] == "search-truncated");
        assert_eq!(warned, cut, "m = {m}: {}", json["advice"]);
    }
}

/// The library's planner guards its own calendar arithmetic: a request at either end of
/// chrono's calendar, or a window of billions of days, finds nothing instead of panicking
/// (`request::date` keeps the command line's dates within the dataset's years).
#[test]
fn requests_at_the_calendar_ends_do_not_panic() {
    let ds = pareto_hops(2);
    for (date, within) in [
        (NaiveDate::MAX, 7),
        (NaiveDate::MIN, 7),
        (day("2027-06-14"), u32::MAX),
        (NaiveDate::MAX - chrono::Days::new(500), 366),
    ] {
        let mut req = request(6);
        req.date = date;
        req.today = date;
        req.within = within;
        let (plan, earliest) = planner::plan(&ds, &req);
        assert!(plan.itineraries.is_empty(), "{date} +{within}");
        assert_eq!(earliest, None, "{date} +{within}");
    }
    let ds = crossings::run::load_dataset(None, false).expect("embedded");
    for c in &ds.crossings {
        for date in [NaiveDate::MAX, NaiveDate::MIN] {
            // Nothing is open at the end of time; the look-ahead stops at the calendar's end.
            let _ = crossings::calendar::next_open(&ds, c, date);
            for side in &c.sides {
                let t = date.and_hms_opt(0, 0, 0).unwrap().and_utc();
                let _ = crossings::calendar::next_side_open(
                    &ds,
                    c,
                    side,
                    crossings::model::Direction::Leaving,
                    t,
                    366,
                );
            }
        }
    }
}

/// A service of thousands of stops, built past `check` (which refuses more than
/// `validate::MAX_STOPS`): the search still stays within its budget, which grows with the
/// stops, and says when it was cut short (the 3,000-stop service took 30 s, cubic).
#[test]
fn thousands_of_stops_stay_within_the_budget() {
    for n in [1_000, 3_000] {
        let ds = long_route(n);
        let plan = planned(&ds, n - 1);
        let budget = work_budget(&ds);
        eprintln!(
            "{n} stops: work {} of {budget}, truncated {}, {} itineraries",
            plan.work,
            plan.truncated,
            plan.itineraries.len()
        );
        assert!(
            !plan.itineraries.is_empty() || plan.truncated,
            "n = {n}: no itinerary and not cut short"
        );
    }
}

/// A window of a year costs about a year's share of a week's work, not the square of it:
/// a place keeps its labels by the day they left, and a new label is compared only with
/// those that left within the longest journey before it (comparing it with every label at
/// the place made `plan kashgar islamabad --within 366` take 66 million steps, a minute).
/// And the budget does not grow with the window.
#[test]
fn a_long_window_costs_work_linear_in_its_days() {
    let ds = pareto_hops(3);
    let work = |within| {
        let plan = planned_within(&ds, 6, within);
        assert!(!plan.truncated, "within {within}: work {}", plan.work);
        assert!(!plan.itineraries.is_empty(), "within {within}");
        plan.work
    };
    let (quarter, year) = (work(90), work(YEAR));
    let days = f64::from(YEAR + 3) / f64::from(90 + 3);
    let ratio = year as f64 / quarter as f64;
    eprintln!("pareto: 90 days {quarter}, a year {year}: ×{ratio:.2} for ×{days:.2} the days");
    assert!(
        ratio <= 1.3 * days,
        "a year's window costs ×{ratio:.2} a quarter's for ×{days:.2} the days"
    );
    // The real dataset: a year's window from Kashgar, its busiest origin, within budget.
    let ds = crossings::run::load_dataset(None, false).expect("embedded");
    let id = |s: &str| ds.places.iter().position(|p| p.id == s).expect(s);
    let mut req = request(id("bishkek"));
    req.from = id("kashgar");
    req.passports = vec!["GB".parse().unwrap()];
    let mut works = Vec::new();
    for within in [30, 120] {
        req.within = within;
        let (plan, _) = planner::search(&ds, &req);
        assert!(!plan.truncated, "within {within}: work {}", plan.work);
        works.push(plan.work);
    }
    let ratio = works[1] as f64 / works[0] as f64;
    let days = 123.0 / 33.0;
    eprintln!(
        "kashgar → bishkek: 30 days {}, 120 days {}: ×{ratio:.2}",
        works[0], works[1]
    );
    assert!(
        ratio <= 1.3 * days,
        "×{ratio:.2} the work for ×{days:.2} the days: {works:?}"
    );
}

/// A search that spends its budget stops and says so, and keeps what it found: searched in
/// order of arrival, the earliest itineraries of the window. A 60-stop route (`check`'s
/// limit) over a year's window needs more than the budget of a one-service dataset: the
/// work stays within it and the first days' itineraries are offered.
#[test]
fn a_year_on_a_long_route_stops_at_the_budget_and_says_so() {
    let ds = long_route(60);
    let plan = planned_within(&ds, 59, YEAR);
    assert!(plan.truncated, "work {} of {}", plan.work, work_budget(&ds));
    let first = plan.itineraries.iter().map(|it| it.depart()).min();
    assert_eq!(
        first.map(|t| t.date_naive()),
        Some(day("2027-06-14")),
        "the window's first day is searched first"
    );
    // The same route over a week fits.
    assert!(!planned_within(&ds, 59, 7).truncated);
}

/// `n` routes from p0 to the last place, each through a place of its own that needs a
/// permit of its own (refused without it): with `--held-only` and none held, every permit
/// blocks a ride, and each is a fix worth trying.
fn permit_routes(n: usize) -> Dataset {
    let last = n + 1;
    let mut services = Vec::new();
    for i in 1..=n {
        services.push(bus(format!("to-{i}"), &[(0, 0), (i, 60)], 8 * 60, Some(5)));
        services.push(bus(
            format!("from-{i}"),
            &[(i, 0), (last, 60)],
            12 * 60,
            Some(5),
        ));
    }
    let mut ds = dataset(last + 1, services);
    for i in 1..=n {
        ds.places[i].permits = vec![i - 1];
    }
    ds.permits = (0..n)
        .map(|i| Permit {
            id: format!("permit-{i}").into(),
            name: format!("Permit {i}").into(),
            how: None,
            enforce: Enforce::Refuse,
            waived_by_visa: vec![],
            waived_by_passport: vec![],
            only_coming_from: None,
            get: HowToGet::default(),
            prov: prov(),
        })
        .collect();
    ds
}

/// One plan runs its own searches (the first, the earliest day that works, and one per
/// fix it looks for), each within `work_budget`. The fixes tried one document at a time
/// were as many as the documents that blocked: a dataset of hundreds of permits made one
/// `plan --held-only` run hundreds of searches. They are capped at
/// `documents::MAX_FIX_TRIES`, so a plan runs a bounded number of searches whatever the
/// dataset, and one cut short says so ("The search stopped early …").
#[test]
fn a_plan_tries_a_bounded_number_of_fixes_and_says_when_it_stopped() {
    use crossings::documents::MAX_FIX_TRIES;
    for n in [3, MAX_FIX_TRIES, MAX_FIX_TRIES + 1, 200] {
        let ds = permit_routes(n);
        let mut req = request(n + 1);
        req.held_only = true;
        let (plan, _) = planner::plan(&ds, &req);
        assert!(plan.itineraries.is_empty(), "n = {n}");
        assert_eq!(plan.fixes.len(), n.min(MAX_FIX_TRIES), "n = {n}");
        assert_eq!(plan.truncated, n > MAX_FIX_TRIES, "n = {n}");
    }
    let ds = permit_routes(200);
    let today = day("2027-06-14");
    let args = ["plan", "p0", "p201", "--date", "2027-06-14", "--held-only"];
    let ran = crossings::run::answer(&ds, &args, today);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(
        ran.stdout.contains("stopped early") || ran.stderr.contains("stopped early"),
        "{}\n{}",
        ran.stdout,
        ran.stderr
    );
}
