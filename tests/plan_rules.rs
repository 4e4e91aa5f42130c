//! The planner's rules on the small fixture dataset: weekdays, border hours in each post's
//! clock, cut-offs, seasons, holidays, closures, foreigners on public transport, visas,
//! permits, suspended services, per-vehicle fares and the JSON contract.

mod common;
use common::records::{place, place_keeping, service, weekly};
use common::{fixture, mini, with_files};

// The strict structs of the JSON contract (tests/common/json.rs).
use common::json::{
    AdviceKind, Cause, ClosedFor, HoursJson, ItineraryJson as Itinerary, PlanJson as Plan,
};

/// `plan ARGS --json` on the fixture dataset.
fn plan(args: &[&str]) -> (Plan, i32) {
    common::plan_json(Some(&fixture("mini")), args)
}

/// `plan FROM TO --date DATE --within 1 --json` on `data`, which must find an itinerary.
fn plan_one_day(data: &std::path::Path, from: &str, to: &str, date: &str) -> Plan {
    let (p, code) = common::plan_json(Some(data), &[from, to, "--date", date, "--within", "1"]);
    assert_eq!(code, 0, "{p:#?}");
    p
}

#[test]
fn a_saturday_start_waits_for_the_posts_to_open_on_monday() {
    let (p, code) = plan(&["alpha", "beta", "--date", "2026-06-13", "--passport", "GB"]);
    assert_eq!(code, 0);
    let agency = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["alpha-beta-agency"])
        .expect("the agency car is offered");
    // Pass A's Chinese post opens Monday 10:00 Beijing time; the car reaches it 3 h after leaving.
    assert_eq!(
        agency.legs[0].crossing.as_ref().unwrap().at.as_deref(),
        Some("2026-06-15T11:00:00+08:00")
    );
    assert_eq!(agency.depart, "2026-06-15T08:00:00+08:00");
    // The Kyrgyz post is reached at 09:00 Kyrgyz time, inside its 09:00-18:00.
    assert_eq!(agency.arrive, "2026-06-15T13:00:00+06:00");
}

#[test]
fn foreigners_may_not_cross_on_the_public_bus_where_the_post_forbids_it() {
    let (p, _) = plan(&["alpha", "beta", "--date", "2026-06-15", "--passport", "GB"]);
    assert!(
        p.itineraries
            .iter()
            .all(|it| !it.services().contains(&"alpha-beta-bus")),
        "{p:#?}"
    );
    // A citizen of one side may take it.
    let (p, _) = plan(&["alpha", "beta", "--date", "2026-06-15", "--passport", "KG"]);
    assert!(
        p.itineraries
            .iter()
            .any(|it| it.services() == ["alpha-beta-bus"]),
        "{p:#?}"
    );
}

#[test]
fn only_itineraries_no_other_beats_on_arrival_cost_and_changes_are_kept() {
    let (p, _) = plan(&["alpha", "beta", "--date", "2026-06-13", "--passport", "GB"]);
    assert!(p.itineraries.len() >= 2);
    for a in &p.itineraries {
        for b in &p.itineraries {
            if std::ptr::eq(a, b) {
                continue;
            }
            let cost = |it: &Itinerary| cents(&it.total.amount.to_string());
            // A profile: an itinerary that leaves later is another answer, so only one that
            // leaves no earlier can beat it.
            let beats = chrono_key(&a.arrive) <= chrono_key(&b.arrive)
                && chrono_key(&a.depart) >= chrono_key(&b.depart)
                && cost(a) <= cost(b)
                && a.changes <= b.changes
                && (a.arrive != b.arrive
                    || a.depart != b.depart
                    || cost(a) < cost(b)
                    || a.changes < b.changes);
            assert!(!beats, "{:?} beats {:?}", a.services(), b.services());
        }
    }
    // A later departure day is in view.
    let days: std::collections::BTreeSet<&str> =
        p.itineraries.iter().map(|it| &it.depart[..10]).collect();
    assert!(days.len() >= 2, "{days:?}");
    // Earliest arrival first.
    let arrivals: Vec<&String> = p.itineraries.iter().map(|it| &it.arrive).collect();
    let mut sorted = arrivals.clone();
    sorted.sort_by_key(|a| chrono_key(a));
    assert_eq!(arrivals, sorted);
}

/// A decimal amount in hundredths, exactly ("64.5" → 6450).
fn cents(s: &str) -> i64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    whole.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}")[..2].parse::<i64>().unwrap()
}

fn chrono_key(s: &str) -> i64 {
    // RFC 3339 with offsets: compare as instants.
    let (date, rest) = s.split_once('T').unwrap();
    let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (time, off) = rest.split_at(8);
    let t: Vec<i64> = time.split(':').map(|x| x.parse().unwrap()).collect();
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let o: Vec<i64> = off[1..].split(':').map(|x| x.parse().unwrap()).collect();
    ((d[0] * 400 + d[1] * 32 + d[2]) * 1440) + t[0] * 60 + t[1] - sign * (o[0] * 60 + o[1])
}

#[test]
fn a_public_holiday_of_a_named_country_closes_the_post() {
    // Thu 1 Oct 2026 and Fri 2 Oct are Chinese holidays in the fixture; Pass A closes for them.
    let (p, _) = plan(&[
        "alpha",
        "beta",
        "--date",
        "2026-10-01",
        "--within",
        "1",
        "--passport",
        "GB",
    ]);
    assert!(
        p.itineraries
            .iter()
            .all(|it| !it.services().contains(&"alpha-beta-agency")),
        "{p:#?}"
    );
    let (p, _) = plan(&[
        "alpha",
        "beta",
        "--date",
        "2026-10-01",
        "--passport",
        "GB",
        "--max",
        "30",
    ]);
    let agency = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["alpha-beta-agency"])
        .unwrap();
    assert_eq!(
        agency.depart, "2026-10-05T08:00:00+08:00",
        "next working day after the holiday and the weekend"
    );
}

#[test]
fn a_seasonal_pass_refuses_winter_with_the_reason_and_the_reopening() {
    let r = mini(&[
        "plan",
        "alpha",
        "delta",
        "--date",
        "2026-12-10",
        "--passport",
        "GB",
        "--visa",
        "PK",
    ])
    .code(1);
    assert!(
        r.stdout
            .contains("Pass C is closed for the winter from 1 Dec; it reopens 1 Apr"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Earliest departure that works within a year: Thu 1 Apr 2027."),
        "{}",
        r.stdout
    );
}

#[test]
fn a_visa_required_is_a_reason_and_naming_the_visa_lifts_it() {
    // By default the visa is one to obtain before going: planned with, and listed.
    let (p, code) = plan(&["alpha", "delta", "--date", "2026-06-15", "--passport", "GB"]);
    assert_eq!(code, 0);
    let need = &p.itineraries[0].before_you_go[0];
    assert_eq!((need.kind.as_str(), need.id.as_str()), ("visa", "PK"));
    assert_eq!(need.passport.as_deref(), Some("GB"));
    // With only the documents held it is a reason, and holding it is the fix.
    let (p, code) = plan(&[
        "alpha",
        "delta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--held-only",
    ]);
    assert_eq!(code, 1);
    assert!(
        p.reasons
            .iter()
            .any(|r| matches!(r.cause, Cause::VisaNotHeld)
                && r.entry.as_ref().is_some_and(|e| e.country == "PK"
                    && e.passport.as_deref() == Some("GB")
                    && e.decision == "arrange")
                && r.text
                    .starts_with("Pakistan: a visa is needed for a GB passport and is not held")
                && !r.text.contains("--")),
        "{:?}",
        p.reasons
    );
    assert_eq!(p.earliest, None);
    assert_eq!(p.fixes[0].documents, ["visa:PK"]);
    assert_eq!(
        p.fixes[0].depart.as_deref().map(|d| &d[..10]),
        Some("2026-06-15")
    );
    let (p, code) = plan(&[
        "alpha",
        "delta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--visa",
        "PK",
    ]);
    assert_eq!(code, 0);
    assert!(
        p.itineraries
            .iter()
            .any(|it| it.services() == ["alpha-delta-bus"]),
        "{p:#?}"
    );
}

#[test]
fn no_passport_means_visas_are_not_checked_and_the_output_says_so() {
    let (p, code) = plan(&["alpha", "delta", "--date", "2026-06-15"]);
    assert_eq!(code, 0);
    assert!(p
        .advice
        .iter()
        .any(|w| matches!(w.kind, AdviceKind::NoPassport)
            && w.text.contains("no passport given: visas were not checked")));
}

#[test]
fn dual_nationals_use_their_best_passport() {
    // GB needs a Pakistani visa; a CN passport is visa-free in the fixture — but the override
    // applies to every passport except PK, so both are refused and a PK passport is not.
    let (_, code) = plan(&[
        "alpha",
        "delta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--passport",
        "CN",
        "--held-only",
    ]);
    assert_eq!(code, 1);
    let (p, code) = plan(&[
        "alpha",
        "delta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--passport",
        "PK",
    ]);
    assert_eq!(code, 0, "{p:#?}");
}

#[test]
fn a_permit_the_traveller_lacks_is_refused_and_named() {
    let (p, code) = plan(&[
        "gamma",
        "epsilon",
        "--date",
        "2026-09-07",
        "--passport",
        "GB",
        "--visa",
        "TJ",
        "--held-only",
    ]);
    assert_eq!(code, 1);
    assert!(
        p.reasons
            .iter()
            .any(|r| matches!(r.cause, Cause::PermitNotHeld)
                && r.permit.as_deref() == Some("region-permit")
                && r.text
                    .contains("needs the Region permit and it is not held")),
        "{:?}",
        p.reasons
    );
    let (p, code) = plan(&[
        "gamma",
        "epsilon",
        "--date",
        "2026-09-07",
        "--passport",
        "GB",
        "--visa",
        "TJ",
        "--permit",
        "region-permit",
    ]);
    assert_eq!(code, 0, "{p:#?}");
}

#[test]
fn a_closed_crossing_is_refused_until_its_announced_reopening() {
    let (p, code) = plan(&[
        "gamma",
        "epsilon",
        "--date",
        "2026-08-01",
        "--within",
        "7",
        "--passport",
        "GB",
        "--visa",
        "TJ",
        "--permit",
        "region-permit",
    ]);
    assert_eq!(code, 1);
    assert!(
        p.reasons
            .iter()
            .any(|r| matches!(r.cause, Cause::PostClosed)
                && r.crossing.as_deref() == Some("pass-d")
                && r.closed
                    .as_ref()
                    .is_some_and(|c| c.since.as_deref() == Some("2025-01-01")
                        && c.reopens.as_deref() == Some("2026-09-01"))
                && r.text.contains(
                    "Pass D has been closed since Wed 1 Jan 2025; it is due to reopen Tue 1 Sep"
                )),
        "{:?}",
        p.reasons
    );
    assert_eq!(p.earliest.as_deref(), Some("2026-09-01"));
    // `hours` says the same: closed by its status on the day asked, due to reopen 1 Sep,
    // and open on the reopening day itself.
    let hours = |date: &str| {
        let h: HoursJson = mini(&["hours", "pass-d", "--date", date, "--json"])
            .ok()
            .json();
        let c = h.crossings.into_iter().next().expect("pass-d");
        assert_eq!(c.reopens.as_deref(), Some("2026-09-01"));
        c.on_date.expect("the day asked")
    };
    let before = hours("2026-08-01");
    assert!(!before.open);
    let closed = before.closed.expect("closed that day");
    assert_eq!(closed.cause, ClosedFor::Status);
    assert_eq!(closed.reopens.as_deref(), Some("2026-09-01"));
    let on = hours("2026-09-01");
    assert!(on.closed.is_none(), "{on:?}");
}

#[test]
fn visa_on_arrival_counts_only_where_the_crossing_offers_it() {
    // GB is "visa on arrival" for TJ in the fixture, but Pass D offers none.
    let (p, code) = plan(&[
        "gamma",
        "epsilon",
        "--date",
        "2026-09-07",
        "--passport",
        "GB",
        "--permit",
        "region-permit",
        "--held-only",
    ]);
    assert_eq!(code, 1);
    assert!(
        p.reasons
            .iter()
            .any(|r| r.text.contains("visa on arrival is not offered at Pass D")),
        "{:?}",
        p.reasons
    );
}

#[test]
fn per_vehicle_fares_are_split_by_the_party() {
    let (p, _) = plan(&[
        "alpha",
        "beta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--party",
        "3",
    ]);
    let agency = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["alpha-beta-agency"])
        .unwrap();
    assert_eq!(agency.total.amount.to_string(), "200");
    assert_eq!(
        agency.per_person.as_ref().unwrap().amount.to_string(),
        "66.66"
    );
    // Five travellers: two four-seat cars (400 USD) or one seven-seat car (300 USD).
    let party_fare = |n: &str| {
        let (p, _) = plan(&[
            "alpha",
            "beta",
            "--date",
            "2026-06-15",
            "--passport",
            "GB",
            "--party",
            n,
        ]);
        let agency = p
            .itineraries
            .into_iter()
            .find(|it| it.services() == ["alpha-beta-agency"])
            .unwrap();
        let fare = agency.legs.into_iter().next().unwrap().fare.unwrap();
        assert_eq!(fare.per, "vehicle");
        fare.party.amount.to_string()
    };
    assert_eq!(party_fare("5"), "300");
    // Eight: two seven-seat cars (600) or two four-seat ones (400).
    assert_eq!(party_fare("8"), "400");
    assert_eq!(party_fare("3"), "200");
}

#[test]
fn totals_convert_with_the_named_rate_date() {
    let (p, _) = plan(&[
        "alpha",
        "gamma",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--currency",
        "GBP",
    ]);
    let it = &p.itineraries[0];
    assert_eq!(it.legs[0].fare.as_ref().unwrap().currency, "CNY");
    // 100 CNY at 7 per USD and 0.8 GBP per USD = 11.43 GBP.
    assert_eq!(it.total.amount.to_string(), "11.43");
    assert_eq!(it.total.currency, "GBP");
    assert_eq!(it.total.rates[0].date.as_deref(), Some("2026-01-01"));
}

#[test]
fn suspended_services_are_named_and_untimed_ones_shown_as_windows() {
    let (p, _) = plan(&[
        "alpha",
        "delta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--visa",
        "PK",
        "--max",
        "20",
    ]);
    // The minibus whose time at Delta no source gives still ends a journey there: it
    // arrives, time not known, and is offered though its earliest possible arrival (the
    // moment it leaves) is before the bus's. Both arrive on Monday, where a known arrival
    // ranks first: the bus, then the minibus.
    let bus = &p.itineraries[0];
    assert_eq!(bus.services(), ["alpha-delta-bus"]);
    let untimed = &p.itineraries[1];
    assert_eq!(untimed.services(), ["alpha-delta-untimed"]);
    assert!(chrono_key(&untimed.arrive) < chrono_key(&bus.arrive));
    assert_eq!(untimed.arrive[..10], bus.arrive[..10]);
    let leg = &untimed.legs[0];
    assert!(!leg.arrive_known && !leg.time_known, "{leg:?}");
    let window = leg.window.as_ref().expect("a window, not an instant");
    assert!(window.from < window.to, "{window:?}");
    let (p, _) = plan(&["alpha", "beta", "--date", "2026-06-16", "--passport", "GB"]);
    assert!(
        p.advice
            .iter()
            .any(|w| matches!(w.kind, AdviceKind::Suspended)
                && w.service.as_deref() == Some("alpha-beta-train")
                && w.since.as_deref() == Some("2020-03-01")
                && w.text.contains("suspended since Sun 1 Mar 2020")),
        "{:?}",
        p.advice
    );
}

#[test]
fn avoid_and_via_shape_the_route() {
    let (p, _) = plan(&[
        "alpha",
        "beta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--avoid",
        "pass-a",
    ]);
    assert!(!p.itineraries.is_empty());
    assert!(p.itineraries.iter().all(|it| it
        .legs
        .iter()
        .all(|l| l.borders.iter().all(|c| c.id != "pass-a"))));
    let (p, _) = plan(&[
        "alpha",
        "beta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
        "--via",
        "gamma",
    ]);
    assert!(
        p.itineraries
            .iter()
            .all(|it| it.legs.iter().any(|l| l.to == "gamma")),
        "{p:#?}"
    );
}

#[test]
fn times_in_tables_always_carry_their_zone() {
    let r = mini(&[
        "plan",
        "alpha",
        "beta",
        "--date",
        "2026-06-15",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout.contains("Mon 15 Jun 08:00 Beijing time"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("→ Beta 13:00 UTC+6"), "{}", r.stdout);
    assert!(
        r.stdout.contains("through by 12:00; "),
        "the cut-off in the post's clock: {}",
        r.stdout
    );
    assert!(r.stdout.contains("many people keep Xinjiang time (UTC+6)"));
}

/// Regression: the earliest-date search once offered leaving in December on a feeder bus
/// and waiting months at the stopover for a seasonal pass to reopen. A journey lasts at
/// most TRIP_DAYS from its first departure, so the first useful day is in late March.
#[test]
fn no_journey_waits_months_at_a_stopover_for_a_pass_to_open() {
    let zeta = place("zeta", "Zeta", "CN", "Asia/Shanghai");
    let feeder = service(
        "alpha-zeta-bus",
        "Alpha–Zeta bus",
        "bus",
        &[
            r#"{ at = "alpha", offset = "0h" }"#,
            r#"{ at = "zeta", offset = "2h" }"#,
        ],
        &weekly("daily", "08:00", "Asia/Shanghai"),
    ) + &service(
        "zeta-delta-bus",
        "Zeta–Delta bus over Pass C",
        "bus",
        &[
            r#"{ at = "zeta", offset = "0h" }"#,
            r#"{ cross = "pass-c", offset = "3h" }"#,
            r#"{ at = "delta", offset = "8h" }"#,
        ],
        &weekly("Mon-Fri", "09:00", "Asia/Shanghai"),
    );
    let tmp = with_files(&[
        ("places/extra.toml", &zeta),
        ("services/extra.toml", &feeder),
    ]);
    let (p, code) = common::plan_json(
        Some(tmp.path()),
        &[
            "alpha",
            "delta",
            "--date",
            "2026-12-10",
            "--passport",
            "GB",
            "--visa",
            "PK",
            "--avoid",
            "pass-a",
        ],
    );
    assert_eq!(code, 1, "{p:#?}");
    let earliest = p.earliest.expect("a day within a year works");
    assert!(
        earliest.as_str() >= "2027-03-18" && earliest.as_str() <= "2027-04-01",
        "{earliest}"
    );
}

/// A bus reaches Zeta at a time no source gives, after 23:30; the onward bus leaves Zeta
/// daily at 00:00. "The next day" began at 00:00, but a traveller who got off at 23:30 at
/// the earliest (and maybe much later) cannot be sure to make a bus half an hour later: the
/// next leg leaves no sooner than a change after the earliest possible arrival. Without
/// that, the search also dropped a journey (a known arrival at 23:30 was ready later than
/// an unknown one at the same minute, yet ruled it out), found by the oracle.
#[test]
fn after_an_arrival_not_known_the_next_bus_leaves_no_sooner_than_a_change_later() {
    let places =
        place("zeta", "Zeta", "KG", "Asia/Bishkek") + &place("eta", "Eta", "KG", "Asia/Bishkek");
    let rides = service(
        "beta-zeta-night",
        "Beta–Zeta night bus",
        "bus",
        &[r#"{ at = "beta", offset = "0h" }"#, r#"{ at = "zeta" }"#],
        &weekly("daily", "23:30", "Asia/Bishkek"),
    ) + &service(
        "zeta-eta-midnight",
        "Zeta–Eta midnight bus",
        "bus",
        &[
            r#"{ at = "zeta", offset = "0h" }"#,
            r#"{ at = "eta", offset = "1h" }"#,
        ],
        &weekly("daily", "00:00", "Asia/Bishkek"),
    );
    let dir = with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &rides),
    ]);
    let p = plan_one_day(dir.path(), "beta", "eta", "2026-06-11");
    let it = &p.itineraries[0];
    assert_eq!(it.services(), ["beta-zeta-night", "zeta-eta-midnight"]);
    assert_eq!(it.legs[0].depart, "2026-06-11T23:30:00+06:00");
    assert!(!it.legs[0].arrive_known);
    // Not 00:00 on 12 June, thirty minutes after the earliest the first bus could arrive.
    assert_eq!(it.legs[1].depart, "2026-06-13T00:00:00+06:00");
}

/// A bus from Alpha reaches Kappa (Beijing time, where people keep Xinjiang time, like
/// Kashgar) at a time no source gives; the onward bus leaves Kappa daily at 07:00 Beijing
/// time, 05:00 in the clock people keep there. "The next day from dawn" is 06:00 in that
/// clock, so the 07:00 bus of the day after the arrival is still in the night: the traveller
/// takes the one a day later.
#[test]
fn after_an_arrival_not_known_the_next_day_starts_at_dawn_in_the_clock_people_keep() {
    let places = place_keeping("kappa", "Kappa", "CN", "Asia/Shanghai", "Asia/Urumqi")
        + &place("lambda", "Lambda", "CN", "Asia/Shanghai");
    let rides = service(
        "alpha-kappa-bus",
        "Alpha–Kappa bus",
        "bus",
        &[r#"{ at = "alpha", offset = "0h" }"#, r#"{ at = "kappa" }"#],
        &weekly("daily", "12:00", "Asia/Shanghai"),
    ) + &service(
        "kappa-lambda-early",
        "Kappa–Lambda early bus",
        "bus",
        &[
            r#"{ at = "kappa", offset = "0h" }"#,
            r#"{ at = "lambda", offset = "1h" }"#,
        ],
        &weekly("daily", "07:00", "Asia/Shanghai"),
    );
    let dir = with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &rides),
    ]);
    let p = plan_one_day(dir.path(), "alpha", "lambda", "2026-06-11");
    let it = &p.itineraries[0];
    assert_eq!(it.services(), ["alpha-kappa-bus", "kappa-lambda-early"]);
    assert_eq!(it.legs[0].depart, "2026-06-11T12:00:00+08:00");
    assert!(!it.legs[0].arrive_known);
    // Not 07:00 Beijing time on 12 June (05:00 in Kappa's kept clock, before dawn).
    assert_eq!(it.legs[1].depart, "2026-06-13T07:00:00+08:00");
}

/// A train Beta 09:15 → Zeta (arrives 12:31, leaves 12:44) → Eta (arrives 15:09) → Theta:
/// the stop's own departure is what a traveller boarding at Zeta is told, and one getting
/// off there arrives at 12:31. At Eta no source gives the departure: boarding there is
/// shown at the arrival, marked as such in text and JSON.
#[test]
fn a_stop_on_the_way_leaves_at_its_own_departure_where_a_source_gives_it() {
    let places = place("zeta", "Zeta", "KG", "Asia/Bishkek")
        + &place("eta", "Eta", "KG", "Asia/Bishkek")
        + &place("theta", "Theta", "KG", "Asia/Bishkek");
    let rides = service(
        "beta-theta-train",
        "Beta–Theta train",
        "train",
        &[
            r#"{ at = "beta", offset = "0h" }"#,
            r#"{ at = "zeta", offset = "3h16m", depart = "3h29m" }"#,
            r#"{ at = "eta", offset = "5h54m" }"#,
            r#"{ at = "theta", offset = "7h" }"#,
        ],
        &weekly("daily", "09:15", "Asia/Bishkek"),
    );
    let dir = with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &rides),
    ]);
    let leg = |from: &str, to: &str| {
        let p = plan_one_day(dir.path(), from, to, "2027-06-11");
        let l = &p.itineraries[0].legs[0];
        (l.depart.clone(), l.arrive.clone(), l.depart_given)
    };
    assert_eq!(
        leg("beta", "zeta"),
        (
            "2027-06-11T09:15:00+06:00".into(),
            "2027-06-11T12:31:00+06:00".into(),
            true
        )
    );
    assert_eq!(
        leg("zeta", "eta"),
        (
            "2027-06-11T12:44:00+06:00".into(),
            "2027-06-11T15:09:00+06:00".into(),
            true
        )
    );
    assert_eq!(
        leg("eta", "theta"),
        (
            "2027-06-11T15:09:00+06:00".into(),
            "2027-06-11T16:15:00+06:00".into(),
            false
        )
    );
    let data = dir.path().to_str().expect("utf-8 path");
    let r = common::run(&[
        "--data",
        data,
        "plan",
        "eta",
        "theta",
        "--date",
        "2027-06-11",
        "--within",
        "1",
    ]);
    assert!(
        r.stdout
            .contains("Eta Fri 11 Jun 2027 15:09 UTC+6 (arrives then; departure time not given)"),
        "{}",
        r.stdout
    );
    // A departure before the arrival is bad data: exit 2, naming the stop and the fix.
    let bad = rides.replace("depart = \"3h29m\"", "depart = \"3h\"");
    let dir = with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &bad),
    ]);
    let r = common::run(&["--data", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("stop 2 leaves (3h) before it arrives (3h16m)"),
        "{}",
        r.stderr
    );
}

/// The drive between a crossing's posts is keyed by the post passed first: a time reported
/// from the Kyrgyz side is not used going from China, where the Kyrgyz post is then only
/// "at the earliest" the moment the Chinese one is passed; one reported from the Chinese
/// side times it (still "at the earliest": no source times clearing the Chinese post).
#[test]
fn the_drive_between_the_posts_counts_only_in_its_own_direction() {
    let border = |between: &str| {
        let dir = common::broken(&[(
            "crossings/crossings.toml",
            "holidays_close = [\"CN\"]\n",
            &format!("holidays_close = [\"CN\"]\n{between}\n"),
        )]);
        let data = dir.path().to_str().expect("utf-8 path");
        let args = ["plan", "--data", data, "alpha", "beta"];
        let r =
            common::run(&[&args[..], &["--date", "2026-06-15", "--passport", "GB"]].concat()).ok();
        r.stdout
            .lines()
            .find(|l| l.trim_start().starts_with("Pass A:"))
            .map(|l| l.trim().to_string())
            .unwrap_or_else(|| panic!("no Pass A line:\n{}", r.stdout))
    };
    assert_eq!(
        border("between = { KG = \"2h\" }"),
        "Pass A: China post 11:00 Beijing time, Kyrgyzstan post 09:00 UTC+6 at the earliest"
    );
    assert_eq!(
        border("between = { CN = \"2h\" }"),
        "Pass A: China post 11:00 Beijing time, Kyrgyzstan post 11:00 UTC+6 at the earliest"
    );
}

/// Sigma (China) to Tau (Pakistan) over Pass C (Mon–Fri, closed for Pakistani holidays;
/// Fri 14 Aug 2026 is one in the fixture), on a bus leaving Sigma at `depart` Beijing time
/// and reaching Tau `hours` later, with no time given at the pass: the places and the bus.
fn untimed_pass_c_bus(depart: &str, hours: u32) -> tempfile::TempDir {
    let places =
        place("sigma", "Sigma", "CN", "Asia/Shanghai") + &place("tau", "Tau", "PK", "Asia/Karachi");
    let offset = format!(r#"{{ at = "tau", offset = "{hours}h" }}"#);
    let bus = service(
        "sigma-tau-bus",
        "Sigma–Tau bus",
        "bus",
        &[
            r#"{ at = "sigma", offset = "0h" }"#,
            r#"{ cross = "pass-c" }"#,
            &offset,
        ],
        &weekly("daily", depart, "Asia/Shanghai"),
    );
    with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &bus),
    ])
}

/// The Sigma–Tau night bus leaves Thu 13 Aug 2026 at 20:00 Beijing time (17:00 in
/// Pakistan) and arrives 14 h later, 07:00 Pakistan time on Friday, a Pakistani holiday
/// that closes Pass C (both posts). No source gives when it reaches the pass, so it may be there on
/// Thursday or on Friday, and the traveller cannot choose: the bus is not offered, and the
/// reason names Friday as a day it may reach the pass.
#[test]
fn a_holiday_the_day_after_boarding_blocks_a_night_bus_at_an_untimed_post() {
    let dir = untimed_pass_c_bus("20:00", 14);
    let args = [
        "sigma",
        "tau",
        "--date",
        "2026-08-13",
        "--within",
        "1",
        "--passport",
        "GB",
        "--visa",
        "PK",
    ];
    let (p, code) = common::plan_json(Some(dir.path()), &args);
    assert_eq!(code, 1, "{p:#?}");
    assert!(p.itineraries.is_empty());
    let r = p
        .reasons
        .iter()
        .find(|r| r.cause == Cause::PostClosed)
        .expect("the pass is a reason");
    assert_eq!(r.crossing.as_deref(), Some("pass-c"));
    assert_eq!(r.service.as_deref(), Some("sigma-tau-bus"));
    assert_eq!(r.may_reach, Some(true));
    assert_eq!(r.dates, ["2026-08-14"]);
    assert_eq!(r.closed.as_ref().unwrap().cause, ClosedFor::Holiday);
    // The crossing is named once, the holiday after the day.
    assert!(
        r.text.starts_with(
            "Sigma–Tau bus may reach the China post of Pass C on Fri 14 Aug (no source gives its time there): Independence Day was a Pakistan public holiday"
        ) && r.text.matches("Pass C").count() == 1,
        "{}",
        r.text
    );
    // The text view says the same under "Why".
    let mut all = vec!["--data", dir.path().to_str().unwrap(), "plan"];
    all.extend_from_slice(&args);
    common::run(&all).stdout_has("Sigma–Tau bus may reach the China post of Pass C on Fri 14 Aug");
}

/// The same bus a day earlier (Wed 12 Aug, reaching the pass on Wednesday or Thursday) and
/// a day bus on Thursday (08:00 Beijing time, arriving the same evening) never reach the
/// pass on the holiday: both go, and the night bus's border names both its days.
#[test]
fn a_holiday_the_vehicle_cannot_reach_the_untimed_post_on_does_not_block_it() {
    let night = untimed_pass_c_bus("20:00", 14);
    let p = plan_one_day(night.path(), "sigma", "tau", "2026-08-12");
    let leg = &p.itineraries[0].legs[0];
    let b = &leg.borders[0];
    assert_eq!(
        (b.day.as_str(), b.entry_day.as_str()),
        ("2026-08-12", "2026-08-12")
    );
    assert_eq!(b.day_latest.as_deref(), Some("2026-08-13"));
    assert_eq!(b.entry_day_latest.as_deref(), Some("2026-08-13"));
    let text = common::run(&[
        "--data",
        night.path().to_str().unwrap(),
        "plan",
        "sigma",
        "tau",
        "--date",
        "2026-08-12",
        "--within",
        "1",
    ]);
    text.stdout_has("China post, Pakistan post (reached Wed 12 or Thu 13 Aug, times not known)")
        .stdout_has("reached Wed 12 or Thu 13 Aug, time not known");

    let day = untimed_pass_c_bus("08:00", 10);
    let p = plan_one_day(day.path(), "sigma", "tau", "2026-08-13");
    let b = &p.itineraries[0].legs[0].borders[0];
    assert_eq!(b.day, "2026-08-13");
    assert_eq!(
        (b.day_latest.as_deref(), b.entry_day_latest.as_deref()),
        (None, None)
    );
}

/// The Sigma–Tau night bus of `untimed_pass_c_bus` with a visa waiver for GB passports in
/// Pakistan that ends on `until` (the fixture otherwise asks every foreigner for a visa).
fn untimed_pass_c_bus_with_waiver(until: &str) -> tempfile::TempDir {
    let dir = untimed_pass_c_bus("20:00", 14);
    let waiver = format!(
        r#"[[rule]]
destination = "PK"
passports = ["GB"]
requirement = "visa free"
until = {until}
sources = ["fixture"]
verified = 2026-01-01
"#
    );
    std::fs::write(dir.path().join("visas/waiver.toml"), waiver).expect("write the waiver");
    dir
}

/// The night bus of Wed 12 Aug 2026 may reach untimed Pass C on Wednesday or Thursday, and
/// the traveller cannot choose. A GB waiver for Pakistan that ends on Wednesday does not
/// cover Thursday: with only what they hold, the bus is not offered and the reason names
/// Thursday; otherwise the visa is listed, needed from Thursday (not before: on Wednesday
/// the waiver admits them).
#[test]
fn a_waiver_ending_on_the_first_day_an_untimed_post_may_be_reached_does_not_cover_the_next() {
    let dir = untimed_pass_c_bus_with_waiver("2026-08-12");
    let args = [
        "sigma",
        "tau",
        "--date",
        "2026-08-12",
        "--within",
        "1",
        "--passport",
        "GB",
    ];
    let held_only = [&args[..], &["--held-only"]].concat();
    let (p, code) = common::plan_json(Some(dir.path()), &held_only);
    assert_eq!(code, 1, "{p:#?}");
    let r = p
        .reasons
        .iter()
        .find(|r| r.cause == Cause::VisaNotHeld)
        .expect("the visa not held is a reason");
    assert_eq!(r.dates, ["2026-08-13"]);

    let (p, code) = common::plan_json(Some(dir.path()), &args);
    assert_eq!(code, 0, "{p:#?}");
    let it = &p.itineraries[0];
    assert_eq!(it.services(), ["sigma-tau-bus"]);
    let need = it
        .before_you_go
        .iter()
        .find(|n| n.kind == "visa" && n.id == "PK")
        .expect("a visa for Pakistan is needed");
    assert_eq!(need.needed_from, "2026-08-13");
    assert_eq!(need.needed_until, None);
    let mut all = vec!["--data", dir.path().to_str().unwrap(), "plan"];
    all.extend_from_slice(&args);
    common::run(&all).stdout_has(
        "a visa for Pakistan (GB passport; the visa waiver for GB passports is announced to run only to Wed 12 Aug 2026, unless it is extended); needed at Pass C from Thu 13 Aug\n",
    );

    // A waiver running through Thursday covers both days: nothing to arrange.
    let dir = untimed_pass_c_bus_with_waiver("2026-08-13");
    let (p, code) = common::plan_json(Some(dir.path()), &held_only);
    assert_eq!(code, 0, "{p:#?}");
    assert!(p.itineraries[0].before_you_go.is_empty(), "{p:#?}");
}

/// Without a waiver the visa is needed from Wednesday, the first day the bus may reach the
/// pass, and must admit the traveller on either day, to Thursday, the last: "Before you
/// go" names both days.
#[test]
fn a_visa_at_an_untimed_post_must_admit_on_every_day_it_may_be_reached() {
    let dir = untimed_pass_c_bus("20:00", 14);
    let args = [
        "sigma",
        "tau",
        "--date",
        "2026-08-12",
        "--within",
        "1",
        "--passport",
        "GB",
    ];
    let (p, code) = common::plan_json(Some(dir.path()), &args);
    assert_eq!(code, 0, "{p:#?}");
    let need = p.itineraries[0]
        .before_you_go
        .iter()
        .find(|n| n.kind == "visa" && n.id == "PK")
        .expect("a visa for Pakistan is needed");
    assert_eq!(
        (need.needed_from.as_str(), need.needed_until.as_deref()),
        ("2026-08-12", Some("2026-08-13"))
    );
    let mut all = vec!["--data", dir.path().to_str().unwrap(), "plan"];
    all.extend_from_slice(&args);
    common::run(&all).stdout_has(
        "a visa for Pakistan (GB passport); needed at Pass C on Wed 12 or Thu 13 Aug (no source gives the day: it must be valid on both)\n",
    );
}

/// `--explain` lists a record's sources newest first by the date each reports, read as a
/// date (a month counts as its last day, "c. 2017" as the end of 2017), undated ones last:
/// not in the order of their text, where "c. 2017" would follow "2024-09" and "undated"
/// every date, nor in the record's own order.
#[test]
fn explain_lists_a_records_sources_newest_first_by_the_date_each_reports() {
    let sources: String = [
        ("zulu", "Zulu blog", "undated"),
        ("alpha", "Alpha guide", "2009-09-10"),
        ("mike", "Mike forum", "c. 2017"),
        ("yankee", "Yankee notice", "2024-09-01"),
        ("bravo", "Bravo report", "2024-09"),
        ("xray", "Xray diary", "2018"),
    ]
    .iter()
    .map(|(id, title, reports)| {
        format!("[[source]]\nid = \"{id}\"\ntitle = \"{title}\"\nreports = \"{reports}\"\n\n")
    })
    .collect();
    // The fixture's daily Alpha–Gamma bus, citing them in neither order.
    let bus = "id = \"alpha-gamma-bus\"\nname = \"Alpha–Gamma bus over Pass B\"\nmode = \"sleeper-bus\"\nstatus = \"running\"\nsources = ";
    let dir = common::broken(&[(
        "services/services.toml",
        &format!("{bus}[\"fixture\"]"),
        &format!("{bus}[\"zulu\", \"alpha\", \"mike\", \"yankee\", \"bravo\", \"xray\"]"),
    )]);
    std::fs::write(dir.path().join("sources/extra.toml"), sources).expect("write sources");
    let data = dir.path().to_str().expect("utf-8 path");
    let r = common::run(&[
        "--data",
        data,
        "plan",
        "alpha",
        "gamma",
        "--date",
        "2026-06-15",
        "--within",
        "1",
        "--explain",
    ])
    .ok();
    let sources = r
        .stdout
        .split("\nSources:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no Sources section:\n{}", r.stdout));
    let line: String = sources
        .lines()
        .skip_while(|l| !l.starts_with("- Alpha–Gamma bus over Pass B [alpha-gamma-bus]"))
        .take_while(|l| l.starts_with("- Alpha–Gamma") || l.starts_with("  "))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        line,
        "- Alpha–Gamma bus over Pass B [alpha-gamma-bus], verified Thu 1 Jan: Bravo report (2024-09); \
         Yankee notice (2024-09-01); Xray diary (2018); Mike forum (c. 2017); Alpha guide \
         (2009-09-10); Zulu blog (undated)",
        "{}",
        r.stdout
    );
}

/// The fixture with a Monday bus from Gamma over Pass D (which no source times) past
/// Epsilon, whose region permit is checked, to Zeta: `epsilon` and `zeta` are their stops.
fn gamma_zeta_bus(epsilon: &str, zeta: &str) -> tempfile::TempDir {
    let bus = service(
        "gamma-zeta-bus",
        "Gamma–Zeta bus over Pass D",
        "bus",
        &[
            r#"{ at = "gamma", offset = "0h" }"#,
            r#"{ cross = "pass-d" }"#,
            epsilon,
            zeta,
        ],
        &weekly("Mon", "08:00", "Asia/Bishkek"),
    );
    with_files(&[
        (
            "places/zeta.toml",
            &place("zeta", "Zeta", "TJ", "Asia/Dushanbe"),
        ),
        ("services/zeta.toml", &bus),
    ])
}

/// A permit tied to a place (not a crossing) is needed from the first day the vehicle may
/// reach the place, not the day the traveller boards, and where no source gives the time
/// there, on every day it may be, as a crossing's border-area permit is where no time is
/// known at the post. The Monday bus of 7 Sep 2026 (after Pass D reopens; a KG passport
/// enters Tajikistan visa-free) reaches Zeta 30 hours after leaving, so untimed Epsilon on
/// Monday or Tuesday: the permit must be valid on both. A bus that a source says spends a
/// night on the way before Epsilon reaches it on Tuesday at the earliest.
#[test]
fn a_place_permit_is_needed_from_the_first_day_the_place_may_be_reached() {
    let args = [
        "gamma",
        "zeta",
        "--date",
        "2026-09-07",
        "--within",
        "1",
        "--passport",
        "KG",
    ];
    let permit = |dir: &tempfile::TempDir| {
        let (p, code) = common::plan_json(Some(dir.path()), &args);
        assert_eq!(code, 0, "{p:#?}");
        let it = &p.itineraries[0];
        assert_eq!(it.services(), ["gamma-zeta-bus"]);
        let need = it
            .before_you_go
            .iter()
            .find(|n| n.kind == "permit" && n.id == "region-permit")
            .expect("the region permit is needed");
        (need.needed_from.clone(), need.needed_until.clone())
    };
    let text = |dir: &tempfile::TempDir| {
        let mut all = vec!["--data", dir.path().to_str().unwrap(), "plan"];
        all.extend_from_slice(&args);
        common::run(&all).ok()
    };
    let dir = gamma_zeta_bus(
        r#"{ at = "epsilon" }"#,
        r#"{ at = "zeta", offset = "30h" }"#,
    );
    assert_eq!(
        permit(&dir),
        ("2026-09-07".to_string(), Some("2026-09-08".to_string()))
    );
    text(&dir).stdout_has(
        "needed at Epsilon on Mon 7 or Tue 8 Sep (no source gives the day: it must be valid on both)",
    );
    let dir = gamma_zeta_bus(r#"{ at = "epsilon", nights = 1 }"#, r#"{ at = "zeta" }"#);
    assert_eq!(permit(&dir), ("2026-09-08".to_string(), None));
    text(&dir).stdout_has("needed at Epsilon from Tue 8 Sep\n");
}
