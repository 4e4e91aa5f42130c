//! Real journeys on the embedded dataset (issue 10): both directions of every seed route
//! (Kashgar–Bishkek over Torugart, Kashgar–Osh over Irkeshtam, Kashgar–Sost over Khunjerab,
//! Almaty–Urumqi), the Pamir Highway, the Fergana valley, Kazakhstan–China and the Karakoram
//! Highway, each planned for a summer week by a British traveller. Every answer is checked
//! as a traveller would check it:
//!
//! - no leg whose time the planner chose (on demand, when full, time not given) leaves
//!   between midnight and dawn in the clock people keep where it leaves, and the JSON shows
//!   such a leg's time as a window that holds it;
//! - no post is passed outside its days, hours, lunch break or cut-off (in its own clock);
//! - after an arrival whose time is not known, the next leg leaves on a later day, from
//!   dawn in the clock people keep at the place reached;
//! - no itinerary comes back to a place it has been, not even passing through it on a ride
//!   (Sary-Tash → Kashgar once went into the Pamirs and back through Sary-Tash to Osh);
//! - no itinerary waits at a place on the way when another of the answer leaving later
//!   arrives as early (no dearer, no more legs, no tighter); from Osh on a Saturday, also
//!   none that the answer for the next day beats that way;
//! - the JSON answer is the library's answer.

mod common;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use crossings::calendar;
use crossings::model::{Dataset, Direction, Side, StopAt};
use crossings::planner::{self, Itinerary, Request, DAWN, MIN_CONNECTION};
use serde::Deserialize;
use std::sync::OnceLock;

/// The passports and visas of the traveller: a GB passport, holding the visas that must
/// be obtained ahead for these countries.
const VISAS: [&str; 3] = ["CN", "PK", "TJ"];

struct Journey {
    from: &'static str,
    to: &'static str,
    date: &'static str,
    permits: &'static [&'static str],
}

const fn j(from: &'static str, to: &'static str) -> Journey {
    Journey {
        from,
        to,
        date: "2027-06-14",
        permits: &[],
    }
}

const fn pamir(from: &'static str, to: &'static str) -> Journey {
    Journey {
        from,
        to,
        date: "2027-07-05",
        permits: &["gbao"],
    }
}

/// The journeys: seeds first, then the research's routes.
const JOURNEYS: &[Journey] = &[
    // Seed 000 and 001: Torugart both ways, to Bishkek and to Naryn.
    j("kashgar", "bishkek"),
    j("bishkek", "kashgar"),
    j("kashgar", "naryn"),
    j("naryn", "kashgar"),
    // Seed 000: Irkeshtam both ways.
    j("kashgar", "osh"),
    j("osh", "kashgar"),
    // Seed 000: the Karakoram Highway to Sost, both ways.
    j("kashgar", "sust"),
    j("sust", "kashgar"),
    // Seed 002: Almaty–Urumqi, both ways.
    j("almaty", "urumqi"),
    j("urumqi", "almaty"),
    // The Pamir Highway (GBAO permit held).
    pamir("osh", "murghab"),
    pamir("murghab", "osh"),
    pamir("murghab", "khorog"),
    pamir("khorog", "murghab"),
    pamir("khorog", "dushanbe"),
    pamir("dushanbe", "khorog"),
    pamir("osh", "dushanbe"),
    pamir("dushanbe", "osh"),
    // The Fergana valley.
    j("osh", "andijan"),
    j("andijan", "osh"),
    j("tashkent", "khujand"),
    j("khujand", "tashkent"),
    j("osh", "khujand"),
    j("khujand", "osh"),
    j("fergana", "kyzyl-kiya"),
    j("kyzyl-kiya", "fergana"),
    // Kazakhstan–China over Khorgos.
    j("almaty", "khorgos"),
    j("khorgos", "almaty"),
    j("yining", "almaty"),
    // The Karakoram Highway beyond Sost.
    j("kashgar", "gilgit"),
    j("gilgit", "kashgar"),
    j("kashgar", "islamabad"),
    j("islamabad", "kashgar"),
    j("sust", "gilgit"),
    // Kazakhstan–Kyrgyzstan and Uzbekistan–Tajikistan.
    j("almaty", "bishkek"),
    j("bishkek", "almaty"),
    j("samarkand", "penjikent"),
    j("penjikent", "samarkand"),
    j("tashkent", "dushanbe"),
    j("dushanbe", "tashkent"),
];

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| crossings::run::load_dataset(None, false).expect("embedded dataset"))
}

fn place(id: &str) -> usize {
    ds().places
        .iter()
        .position(|p| &*p.id == id)
        .unwrap_or_else(|| panic!("no place {id}"))
}

fn request(jy: &Journey, date: NaiveDate) -> Request {
    let ds = ds();
    Request {
        from: place(jy.from),
        to: place(jy.to),
        date,
        within: 7,
        passports: vec!["GB".parse().unwrap()],
        visas: VISAS.iter().map(|v| v.parse().unwrap()).collect(),
        permits: jy
            .permits
            .iter()
            .map(|id| ds.permits.iter().position(|p| &*p.id == *id).unwrap())
            .collect(),
        party: 1,
        via: None,
        avoid: vec![],
        held_only: false,
        today: common::TODAY.parse().unwrap(),
        now: None,
    }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// What a traveller reads: "kashgar → bishkek, itinerary 2, leg 1 (service)".
fn name(jy: &Journey, n: usize, k: usize, it: &Itinerary) -> String {
    format!(
        "{} → {} from {}, itinerary {} leg {} ({})",
        jy.from,
        jy.to,
        jy.date,
        n + 1,
        k + 1,
        ds().services[it.legs[k].service].id
    )
}

/// The clock people keep at a stop (Kashgar: Xinjiang time).
fn kept_clock(si: usize, stop: usize) -> chrono_tz::Tz {
    let ds = ds();
    let s = &ds.services[si];
    match s.stops[stop].at {
        StopAt::Place(p) => ds.places[p].local_zone.unwrap_or(ds.places[p].zone).0,
        StopAt::Crossing(_) => s.schedule.zone.0,
    }
}

/// Whether a post lets a traveller through at `t`: open that day (weekdays, season,
/// holidays, closures), inside its hours, not in its lunch break, not after the cut-off
/// that applies to the direction — all in the post's own clock.
fn post_open(ci: usize, side: &Side, dir: Direction, t: DateTime<Utc>) -> Result<(), String> {
    let ds = ds();
    let c = &ds.crossings[ci];
    let local = t.with_timezone(&side.zone.0);
    calendar::side_day(ds, c, side, local.date_naive())
        .map_err(|e| format!("{} post closed that day ({e:?})", side.country))?;
    let time = local.time();
    if let Some(h) = side.hours {
        if time < h.start.0 || time > h.end.0 {
            return Err(format!(
                "{} post passed at {time}, open {}–{}",
                side.country, h.start.0, h.end.0
            ));
        }
    }
    let cut = side
        .cutoff
        .filter(|_| side.cutoff_for.is_none_or(|d| d == dir));
    if let Some(cut) = cut {
        if time > cut.0 {
            return Err(format!(
                "{} post passed at {time}, cut-off {}",
                side.country, cut.0
            ));
        }
    }
    if let Some(b) = side
        .breaks
        .iter()
        .find(|b| b.start.0 < time && time < b.end.0)
    {
        return Err(format!(
            "{} post passed at {time}, in its break {}–{}",
            side.country, b.start.0, b.end.0
        ));
    }
    Ok(())
}

/// Every rule of the module documentation, for one itinerary.
fn check_itinerary(jy: &Journey, n: usize, it: &Itinerary) {
    let ds = ds();
    // Every place the vehicles stop at, from the start: none twice.
    let mut been: Vec<usize> = vec![place(jy.from)];
    for (k, l) in it.legs.iter().enumerate() {
        for st in &ds.services[l.service].stops[l.board + 1..=l.alight] {
            if let StopAt::Place(p) = st.at {
                assert!(
                    !been.contains(&p),
                    "{} comes back to {}",
                    name(jy, n, k, it),
                    ds.places[p].id
                );
                been.push(p);
            }
        }
    }
    for (k, l) in it.legs.iter().enumerate() {
        let s = &ds.services[l.service];
        let what = name(jy, n, k, it);
        // The planner chose the time: after dawn in the clock kept where the leg leaves
        // (a train or sleeper bus no source times may leave at any hour of its day: the
        // traveller is there from its start, 00:00).
        if !planner::timetabled(s) && !planner::whole_day(s) {
            let local = l.depart.with_timezone(&kept_clock(l.service, l.board));
            assert!(
                local.time() >= DAWN,
                "{what} leaves at {local}, between midnight and dawn"
            );
        }
        if !l.time_known {
            let (a, b) = l.window.expect("a leg without a timetable has a window");
            assert!(
                a <= l.depart && l.depart <= b,
                "{what} leaves at {} outside its window {a}–{b}",
                l.depart
            );
        }
        for b in &l.borders {
            let c = &ds.crossings[b.crossing];
            let (first, second) = (&c.sides[b.first_side], &c.sides[1 - b.first_side]);
            if let Some(t) = b.passed {
                post_open(b.crossing, first, Direction::Leaving, t)
                    .unwrap_or_else(|e| panic!("{what} at {}: {e}", c.id));
                assert!(
                    b.reach.is_some_and(|r| r <= t),
                    "{what}: passed before reached"
                );
            }
            if let Some(t) = b.cleared {
                post_open(b.crossing, second, Direction::Entering, t)
                    .unwrap_or_else(|e| panic!("{what} at {}: {e}", c.id));
                assert!(
                    b.passed.is_some_and(|p| p <= t),
                    "{what}: second post first"
                );
            }
        }
        if let Some(next) = it.legs.get(k + 1) {
            if l.arrive_known {
                assert!(
                    l.arrive + Duration::minutes(MIN_CONNECTION) <= next.depart,
                    "{what}: the next leg leaves before the change is made"
                );
            } else if let StopAt::Place(_) = s.stops[l.alight].at {
                // Arrived at a time not known: the next leg leaves the next day, from dawn
                // in the clock people keep there, not in the night after (an Osh bus at
                // about midnight after a Bishkek minibus that left at 16:00).
                let z = kept_clock(l.service, l.alight);
                let (got, next) = (l.arrive.with_timezone(&z), next.depart.with_timezone(&z));
                let dawn = (got.date_naive() + Duration::days(1)).and_time(DAWN);
                assert!(
                    next.naive_local() >= dawn,
                    "{what}: arrives at a time not known (at the earliest {got}), and the \
                     next leg leaves at {next}, before dawn of the next day"
                );
            }
        }
    }
}

/// Whether `b` is at least as good as `a` on everything but the departure: arrives no
/// later (and known if `a`'s is), no dearer, no more legs, no tighter.
fn as_good_but_departure(b: &Itinerary, a: &Itinerary) -> bool {
    b.arrive() <= a.arrive()
        && (b.arrive_known() || !a.arrive_known())
        && b.costs_no_more(a)
        && b.legs.len() <= a.legs.len()
        && (!b.tight() || a.tight())
}

/// Whether an itinerary waits at a place on the way longer than a change needs.
fn waits_on_the_way(it: &Itinerary) -> bool {
    it.legs
        .windows(2)
        .any(|w| w[0].arrive + Duration::minutes(MIN_CONNECTION) < w[1].depart)
}

/// No needless wait: no itinerary that waits on the way is matched by another of the
/// answer, or of the answer one day later, that leaves later.
fn check_waits(jy: &Journey, its: &[Itinerary], later: &[Itinerary]) {
    for (n, a) in its.iter().enumerate() {
        if !waits_on_the_way(a) {
            continue;
        }
        if let Some(b) = its
            .iter()
            .chain(later)
            .find(|b| b.depart() > a.depart() && as_good_but_departure(b, a))
        {
            panic!(
                "{} → {}: itinerary {} leaves {} and waits on the way; one leaving {} arrives {} (vs {})",
                jy.from,
                jy.to,
                n + 1,
                a.depart(),
                b.depart(),
                b.arrive(),
                a.arrive()
            );
        }
    }
}

// The parts of the JSON answer this test reads (tests/plan_rules.rs decodes the whole
// contract strictly).
#[derive(Deserialize)]
struct PlanJson {
    itineraries: Vec<ItineraryJson>,
}

#[derive(Deserialize)]
struct ItineraryJson {
    depart: DateTime<chrono::FixedOffset>,
    arrive: DateTime<chrono::FixedOffset>,
    legs: Vec<LegJson>,
}

#[derive(Deserialize)]
struct LegJson {
    service: String,
    depart: DateTime<chrono::FixedOffset>,
    time_known: bool,
    window: Option<WindowJson>,
    tight: bool,
}

#[derive(Deserialize)]
struct WindowJson {
    from: DateTime<chrono::FixedOffset>,
    to: DateTime<chrono::FixedOffset>,
}

/// The binary's JSON for the journey: the same first itineraries as the library's, each
/// untimed leg shown as a window that holds its planned time.
fn check_json(jy: &Journey, its: &[Itinerary]) {
    let mut args = vec![
        "plan",
        jy.from,
        jy.to,
        "--date",
        jy.date,
        "--passport",
        "GB",
    ];
    for v in VISAS {
        args.extend(["--visa", v]);
    }
    for p in jy.permits {
        args.extend(["--permit", p]);
    }
    args.push("--json");
    // In process, on the dataset already loaded: the binary's own parsing, planning and
    // rendering (`run::answer`), without starting a process and decoding the data again.
    let r = crossings::run::answer(ds(), &args, common::TODAY.parse().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p: PlanJson = serde_json::from_str(&r.stdout).expect("the JSON contract");
    assert!(
        !p.itineraries.is_empty(),
        "{} → {}: JSON has no itinerary",
        jy.from,
        jy.to
    );
    for (n, ij) in p.itineraries.iter().enumerate() {
        let it = its
            .iter()
            .find(|it| {
                it.depart() == ij.depart
                    && it.arrive() == ij.arrive
                    && it
                        .legs
                        .iter()
                        .map(|l| &*ds().services[l.service].id)
                        .eq(ij.legs.iter().map(|l| l.service.as_str()))
            })
            .unwrap_or_else(|| {
                panic!(
                    "{} → {}: JSON itinerary {} is not the planner's",
                    jy.from,
                    jy.to,
                    n + 1
                )
            });
        for (lj, l) in ij.legs.iter().zip(&it.legs) {
            assert_eq!(lj.service, &*ds().services[l.service].id);
            assert_eq!(lj.depart, l.depart);
            assert_eq!(lj.tight, l.tight());
            assert_eq!(lj.time_known, l.time_known);
            if !lj.time_known {
                let w = lj
                    .window
                    .as_ref()
                    .expect("an untimed leg has its window in JSON");
                assert!(w.from <= lj.depart && lj.depart <= w.to);
            }
        }
    }
}

/// Plans each journey and checks every itinerary of the answer (not only the shown ones).
fn check_journeys(journeys: &[Journey]) {
    for jy in journeys {
        let (found, _) = planner::plan(ds(), &request(jy, day(jy.date)));
        let its = &found.itineraries;
        assert!(
            !its.is_empty(),
            "{} → {} from {}: no itinerary ({:?})",
            jy.from,
            jy.to,
            jy.date,
            found.reasons
        );
        for (n, it) in its.iter().enumerate() {
            check_itinerary(jy, n, it);
        }
        check_waits(jy, its, &[]);
        check_json(jy, its);
    }
}

/// From Sary-Tash, the way to Kashgar is east over Irkeshtam: the answer once added, as
/// the comfortable alternative, a trip south into the Pamirs to Murghab and back north
/// through Sary-Tash to Osh for the Osh–Kashgar bus. With the Tajik visa and the GBAO
/// permit held, the Pamirs are open to the traveller, and still no itinerary goes there.
#[test]
fn sary_tash_to_kashgar_does_not_go_round_through_the_pamirs() {
    let jy = Journey {
        date: "2027-05-17",
        ..pamir("sary-tash", "kashgar")
    };
    let (found, _) = planner::plan(ds(), &request(&jy, day(jy.date)));
    assert!(!found.itineraries.is_empty());
    let murghab = place("murghab");
    for (n, it) in found.itineraries.iter().enumerate() {
        check_itinerary(&jy, n, it);
        assert!(
            it.legs
                .iter()
                .all(|l| ds().services[l.service].stops[l.alight].at != StopAt::Place(murghab)),
            "{}: goes to Murghab",
            name(&jy, n, 0, it)
        );
    }
}

#[test]
fn there_are_at_least_thirty_journeys() {
    assert!(JOURNEYS.len() >= 30);
}

#[test]
fn seed_routes_both_ways() {
    check_journeys(&JOURNEYS[..10]);
}

#[test]
fn pamir_highway() {
    check_journeys(&JOURNEYS[10..18]);
}

#[test]
fn fergana_valley() {
    check_journeys(&JOURNEYS[18..26]);
}

#[test]
fn kazakhstan_china_and_karakoram_highway() {
    check_journeys(&JOURNEYS[26..34]);
}

#[test]
fn kazakhstan_kyrgyzstan_uzbekistan_tajikistan() {
    check_journeys(&JOURNEYS[34..]);
}

/// Torugart is crossed both ways on ordinary weekdays, inside both posts' hours (checked
/// above), with the clearing times the data gives.
#[test]
fn torugart_is_crossable_both_ways_on_a_weekday() {
    let torugart = ds()
        .crossings
        .iter()
        .position(|c| &*c.id == "torugart")
        .unwrap();
    for jy in [
        j("kashgar", "bishkek"),
        j("bishkek", "kashgar"),
        j("naryn", "kashgar"),
    ] {
        let (found, _) = planner::plan(ds(), &request(&jy, day(jy.date)));
        let passes: Vec<_> = found
            .itineraries
            .iter()
            .flat_map(|it| it.legs.iter().flat_map(|l| &l.borders))
            .filter(|b| b.crossing == torugart)
            .collect();
        assert!(
            !passes.is_empty(),
            "{} → {} does not cross Torugart",
            jy.from,
            jy.to
        );
        for b in passes {
            let side = &ds().crossings[torugart].sides[b.first_side];
            let t = b
                .passed
                .expect("Torugart's posts are timed")
                .with_timezone(&side.zone.0);
            assert!(
                !matches!(t.weekday(), Weekday::Sat | Weekday::Sun),
                "{} → {} crosses Torugart on a {}",
                jy.from,
                jy.to,
                t.weekday()
            );
            let cleared = b.cleared.expect("both posts timed");
            assert!(
                cleared > b.passed.unwrap(),
                "the second post is reached after the first"
            );
        }
    }
}

/// The Kashgar–Gilgit bus (and the changes over Sost) reach Gilgit, where no source gives
/// the arrival time: the answer says so rather than inventing one.
#[test]
fn kashgar_to_gilgit_answers() {
    let r = common::run(&[
        "plan",
        "kashgar",
        "gilgit",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--visa",
        "PK",
    ])
    .ok();
    assert!(r.stdout.contains("Kashgar → Gilgit"), "{}", r.stdout);
    assert!(r.stdout.contains("time not known"), "{}", r.stdout);
    assert!(!r.stdout.contains("about 00m"), "{}", r.stdout);
}

/// The Saturday in Osh: no itinerary leaves on Saturday to wait two nights in
/// Sary-Tash for Monday's car when leaving later arrives as early.
#[test]
fn osh_to_kashgar_from_a_saturday_does_not_wait_in_sary_tash() {
    let jy = Journey {
        from: "osh",
        to: "kashgar",
        date: "2026-06-13",
        permits: &[],
    };
    let (found, _) = planner::plan(ds(), &request(&jy, day(jy.date)));
    assert!(!found.itineraries.is_empty());
    let sary_tash = place("sary-tash");
    for it in &found.itineraries {
        for w in it.legs.windows(2) {
            let at = ds().services[w[0].service].stops[w[0].alight].at;
            if at == StopAt::Place(sary_tash) {
                let wait = w[1].depart - w[0].arrive;
                assert!(
                    wait < Duration::hours(24),
                    "waits {}h in Sary-Tash",
                    wait.num_hours()
                );
            }
        }
    }
    let (later, _) = planner::plan(ds(), &request(&jy, day(jy.date) + Duration::days(1)));
    check_waits(&jy, &found.itineraries, &later.itineraries);
}

/// Past the years whose public holidays the dataset knows, `hours` cannot say a crossing
/// that closes for them is open: it says whose holidays are not known.
#[test]
fn hours_beyond_the_holiday_horizon_say_the_holidays_are_not_known() {
    let r = common::run(&["hours", "torugart", "--date", "2031-06-02"]).ok();
    assert!(
        r.stdout.contains(
            "open, unless a public holiday: the CN and KG holidays of 2031 are not known"
        ),
        "{}",
        r.stdout
    );
    let r = common::run(&["hours", "torugart", "--date", "2027-06-02"]).ok();
    assert!(!r.stdout.contains("are not known"), "{}", r.stdout);
}

/// Before the years whose public holidays the dataset knows (dates are accepted from 2020),
/// neither `hours` nor `plan` may present a holiday such as China's National Day as a plain
/// open day: both say the holidays of that year are not known, as past the last year.
#[test]
fn years_before_the_holiday_lists_say_the_holidays_are_not_known() {
    let r = common::run(&["hours", "torugart", "--date", "2024-10-01"]).ok();
    assert!(
        r.stdout.contains(
            "open, unless a public holiday: the CN and KG holidays of 2024 are not known"
        ),
        "{}",
        r.stdout
    );
    let r = common::run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2024-10-01",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout
            .contains("- The public holidays of CN, KG and KZ in 2024 are not known to this dataset: a border closed for a holiday that year cannot be foreseen"),
        "{}",
        r.stdout
    );
}

/// A bus that spends a night on the way and reaches its border at a time no source gives
/// crosses on the next day: a departure on 31 December crosses on 1 January, so it is the
/// next year's holidays (not known to the fixture, which lists China's for 2026 only) that
/// the plan must say it cannot foresee.
#[test]
fn an_untimed_border_after_a_night_takes_the_holiday_horizon_of_the_day_it_is_crossed() {
    let dir = common::broken(&[
        (
            "services/services.toml",
            "  { cross = \"pass-a\", offset = \"2h\" },\n  { at = \"beta\", offset = \"10h\" },",
            "  { cross = \"pass-a\", nights = 1 },\n  { at = \"beta\" },",
        ),
        // Only the bus crosses Pass A, and foreigners may take it.
        (
            "services/services.toml",
            "{ cross = \"pass-a\", offset = \"3h\" }",
            "{ cross = \"pass-b\", offset = \"3h\" }",
        ),
        (
            "crossings/crossings.toml",
            "foreigners = \"agency-only\"\nforeigners_public_transport = false",
            "foreigners = \"anyone\"\nforeigners_public_transport = true",
        ),
    ]);
    let data = dir.path().to_str().expect("utf-8 path");
    let r = common::run(&[
        "plan",
        "--data",
        data,
        "alpha",
        "beta",
        "--date",
        "2026-12-31",
        "--within",
        "1",
        "--avoid",
        "pass-b",
    ])
    .ok();
    assert!(
        r.stdout
            .contains("Alpha Thu 31 Dec 09:00 Beijing time → Beta Fri 1 Jan 2027 at the earliest"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("The public holidays of CN in 2027 are not known to this dataset"),
        "{}",
        r.stdout
    );
}

/// A crossing open since a day (Khunjerab and Torugart reopened to passengers in 2023) is
/// not offered on an earlier one: in June 2020 both were shut, and the dataset records
/// their present status only from their reopening. The answer says so rather than planning
/// over them, and the reopening day itself is open.
#[test]
fn a_crossing_is_not_offered_before_the_day_its_open_status_is_recorded_from() {
    let r = common::run(common::KASHGAR_SUST_BEFORE_REOPENING).code(1);
    assert!(
        r.stdout.contains(
            "- Khunjerab Pass is not recorded open before Mon 3 Apr 2023; its status before then is not known"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\nNo departure within a year works.\n"),
        "{}",
        r.stdout
    );
    let r = common::run(&["hours", "torugart", "--date", "2020-06-15"]).ok();
    assert!(
        r.stdout.contains(
            "On Mon 15 Jun 2020: not recorded open before Mon 20 Feb 2023; its status before then is not known"
        ),
        "{}",
        r.stdout
    );
    let r = common::run(&["hours", "torugart", "--date", "2023-02-20"]).ok();
    assert!(
        r.stdout.contains("On Mon 20 Feb 2023: open"),
        "{}",
        r.stdout
    );
}

/// The earliest departure named when a day has no itinerary is a day whose own plan has
/// one. From Kashgar to Sust on Saturday 3 April 2027 the search for the first day that
/// works found the bus to Tashkurgan on Sunday 4 April, which waits there for Khunjerab to
/// reopen on Tuesday (Monday 5 April is Tomb-Sweeping Day); but Monday's bus catches the
/// same connection, so Sunday's plan drops Sunday's journey and had nothing, and named
/// Monday in turn. The search now goes on past a day whose plan drops what it found. Also
/// checked on each day of that fortnight and around China's National Day, both ways over
/// Khunjerab, Torugart and Irkeshtam.
#[test]
fn the_earliest_departure_named_is_a_day_with_an_itinerary() {
    let one_day = |jy: &Journey, date: NaiveDate| Request {
        within: 1,
        ..request(jy, date)
    };
    let jy = j("kashgar", "sust");
    for date in ["2027-04-03", "2027-04-04"] {
        let (found, earliest) = planner::search(ds(), &one_day(&jy, day(date)));
        assert!(found.itineraries.is_empty(), "kashgar → sust on {date}");
        assert_eq!(
            earliest,
            Some(day("2027-04-05")),
            "kashgar → sust on {date}"
        );
    }
    let mut named = 0;
    for (from, to) in [
        ("kashgar", "sust"),
        ("sust", "kashgar"),
        ("kashgar", "bishkek"),
        ("bishkek", "kashgar"),
        ("kashgar", "osh"),
        ("osh", "kashgar"),
    ] {
        let jy = j(from, to);
        let days = (0..14)
            .map(|d| day("2027-03-29") + Duration::days(d))
            .chain((0..10).map(|d| day("2027-09-28") + Duration::days(d)));
        for date in days {
            let (found, earliest) = planner::search(ds(), &one_day(&jy, date));
            let Some(first) = earliest else {
                continue;
            };
            assert!(found.itineraries.is_empty());
            assert!(first > date, "{from} → {to} on {date}: names {first}");
            let (then, _) = planner::search(ds(), &one_day(&jy, first));
            assert!(
                !then.itineraries.is_empty(),
                "{from} → {to} on {date}: names {first}, whose plan has no itinerary"
            );
            named += 1;
        }
    }
    // The dates include days with no itinerary (weekends and holidays at the posts).
    assert!(named >= 10, "only {named} days had no itinerary");
}

/// Past the years whose holidays the dataset knows, the plan says once which countries'
/// holidays of which years it cannot foresee, not one sentence a country and year.
#[test]
fn the_years_whose_holidays_are_not_known_are_named_in_one_sentence() {
    let r = common::run(&[
        "plan",
        "kashgar",
        "osh",
        "--date",
        "2035-12-30",
        "--passport",
        "GB",
    ])
    .ok();
    assert_eq!(
        r.stdout.matches("are not known to this dataset").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "- The public holidays of CN and KG in 2035 and 2036 and KZ in 2036 are not known"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("a border closed for a holiday in those years cannot be foreseen"),
        "{}",
        r.stdout
    );
}
