//! Data features a traveller sees (issue 12): departure times a source gives only roughly,
//! fares that cover one stretch of a ride, rail posts that holidays do not close, and the
//! holiday pattern on the `hours` card.

mod common;
use common::{broken, json::*, run};

/// "Around midnight" (Lonely Planet) is not a timetable: the Osh–Kashgar bus leaves "about
/// 00:00" in the plan's text, its JSON and the services list, and a timetabled bus does not.
/// The source says Sunday night: the text names the night (a traveller reading "Mon 14 Jun
/// 00:00" could come on Monday night, a day late).
#[test]
fn an_approximate_departure_is_shown_as_about() {
    let text = run(&["plan", "osh", "kashgar", "--date", "2027-06-14"]).ok();
    assert!(
        text.stdout.contains(
            "Osh Mon 14 Jun 2027 about 00:00 UTC+6 (the night of Sun 13 to Mon 14 Jun) → Kashgar"
        ),
        "{}",
        text.stdout
    );
    // The post is reached at a time derived from that departure: rough too.
    assert!(
        text.stdout.contains("Kyrgyzstan post about 09:00 UTC+6"),
        "{}",
        text.stdout
    );
    let plan: PlanJson = run(&["plan", "osh", "kashgar", "--date", "2027-06-14", "--json"])
        .ok()
        .json();
    let legs: Vec<&LegJson> = plan
        .itineraries
        .iter()
        .flat_map(|it| it.legs.iter())
        .collect();
    let bus = legs
        .iter()
        .find(|l| l.service == "osh-kashgar-bus")
        .expect("the Osh–Kashgar bus is planned");
    assert!(bus.time_known && bus.time_approx);
    assert!(legs
        .iter()
        .filter(|l| l.service != "osh-kashgar-bus")
        .all(|l| !l.time_approx));

    let services = run(&["services", "--from", "osh", "--to", "kashgar"]).ok();
    let entry = |id: &str| {
        let at = services.stdout.find(&format!("{id} ")).expect("listed");
        let rest = &services.stdout[at..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
    };
    assert!(
        entry("osh-kashgar-bus").contains("runs: Mon,Wed about 00:00 UTC+6"),
        "{}",
        services.stdout
    );
    let json: ServicesJson = run(&["services", "--from", "osh", "--to", "kashgar", "--json"])
        .ok()
        .json();
    for s in &json.services {
        assert_eq!(
            s.schedule.depart_approx,
            s.id == "osh-kashgar-bus",
            "{}",
            s.id
        );
    }
}

/// The calendar export says the times are approximate instead of passing them off as a
/// timetable.
#[test]
fn the_calendar_marks_an_approximate_ride() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trip.ics");
    run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-06-14",
        "--ics",
        file.to_str().expect("utf-8 path"),
    ])
    .ok();
    let ics = std::fs::read_to_string(&file).expect("ics written");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:Osh → Kashgar (Osh–Kashgar international sleeper bus (via Irkeshtam)\\; times approximate)"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("SUMMARY:Border: Irkeshtam Pass (times approximate)"),
        "{unfolded}"
    );
}

#[test]
fn approx_without_a_departure_time_is_refused() {
    let dir = broken(&[(
        "services/services.toml",
        "days = \"Mon,Thu\"\ndepart = \"09:00\"\n",
        "days = \"Mon,Thu\"\napprox = true\n",
    )]);
    let r = run(&["check", "--data", dir.path().to_str().expect("utf-8 path")]).code(2);
    assert!(
        r.stderr.contains(
            "schedule `approx = true` marks `depart` as approximate, but there is no `depart`"
        ),
        "{}",
        r.stderr
    );
}

/// Kubat Tour's price is for its Kyrgyz car, Naryn to the Torugart border: the ride to
/// Kashgar is priced as a minimum and the text says which stretch the price covers.
#[test]
fn a_fare_for_one_side_of_the_border_prices_the_ride_as_a_minimum() {
    let plan: PlanJson = run(&["plan", "naryn", "kashgar", "--date", "2027-06-14", "--json"])
        .ok()
        .json();
    let leg = plan
        .itineraries
        .iter()
        .flat_map(|it| it.legs.iter())
        .find(|l| l.service == "naryn-kashgar-agency")
        .expect("the Kubat Tour transfer is planned");
    let fare = leg.fare.as_ref().expect("priced");
    assert_eq!(
        (fare.covers_from.as_str(), fare.covers_to.as_str()),
        ("naryn", "torugart")
    );
    assert!(fare.at_least);
    assert_eq!((leg.from.as_str(), leg.to.as_str()), ("naryn", "kashgar"));

    let text = run(&["plan", "naryn", "kashgar", "--date", "2027-06-14"]).ok();
    assert!(
        text.stdout
            .contains("at least 100 USD per vehicle of 4, Naryn–Torugart Pass only"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_fare_may_name_a_border_stop_but_not_a_crossing_the_service_does_not_use() {
    // `pass-a` is a border stop of the fixture bus: accepted.
    let ok = broken(&[(
        "services/services.toml",
        "amount = \"350\"\ncurrency = \"CNY\"\nper = \"person\"\n",
        "amount = \"350\"\ncurrency = \"CNY\"\nper = \"person\"\nto = \"pass-a\"\n",
    )]);
    run(&["check", "--data", ok.path().to_str().expect("utf-8 path")]).ok();
    let bad = broken(&[(
        "services/services.toml",
        "amount = \"350\"\ncurrency = \"CNY\"\nper = \"person\"\n",
        "amount = \"350\"\ncurrency = \"CNY\"\nper = \"person\"\nto = \"nowhere\"\n",
    )]);
    let r = run(&["check", "--data", bad.path().to_str().expect("utf-8 path")]).code(2);
    assert!(
        r.stderr
            .contains("fare names 'nowhere', which is not a stop of"),
        "{}",
        r.stderr
    );
}

/// The Spring Festival closes the Khorgos road post; the rail crossing beside it keeps
/// working, as the notices say.
#[test]
fn the_altynkol_rail_crossing_stays_open_when_the_road_post_closes() {
    let r = run(&[
        "hours",
        "altynkol-khorgos-rail",
        "khorgos",
        "--date",
        "2027-02-08",
    ])
    .ok();
    let rail = r
        .stdout
        .lines()
        .find(|l| l.contains("altynkol-khorgos-rail"))
        .expect("rail line");
    let road = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("khorgos "))
        .expect("road line");
    assert!(rail.contains("no closure known"), "{rail}");
    assert!(road.contains("expected closure"), "{road}");
}

/// The `hours` card says which days of whose holidays close a crossing, as past notices
/// showed, and that a rail post's notices left it open.
#[test]
fn the_hours_card_shows_the_holiday_pattern() {
    let torugart = run(&["hours", "torugart"]).ok();
    assert!(
        torugart.stdout.contains(
            "China: the holidays and their observed days, not the bridge days of a holiday block, and open on make-up working days (past notices); Kyrgyzstan: only Eid al-Fitr and Eid al-Adha (past notices)"
        ),
        "{}",
        torugart.stdout
    );
    let khunjerab = run(&["hours", "khunjerab"]).ok();
    assert!(
        khunjerab
            .stdout
            .contains("Pakistan: every day off (no notice shows which days)"),
        "{}",
        khunjerab.stdout
    );
    let rail = run(&["hours", "altynkol-khorgos-rail"]).ok();
    assert!(
        rail.stdout
            .contains("Closes for the public holidays of: none: past notices of Kazakhstan and China left it open"),
        "{}",
        rail.stdout
    );
}

/// The month view gives the day the Osh–Kashgar bus could arrive, not a time no source
/// gives (the 12:45 Beijing time it reaches the Chinese post is not its arrival).
#[test]
fn the_month_view_does_not_invent_an_arrival_time() {
    let r = run(&["plan", "osh", "kashgar", "--month", "2027-06"]).ok();
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Wed 2 Jun"))
        .expect("Wed 2 Jun line");
    assert_eq!(
        line,
        "Wed 2 Jun   leave Wed 2 Jun about 00:00 UTC+6 (the night of Tue 1 to Wed 2 Jun), arrive Wed 2 Jun at the earliest (time not known)"
    );
}

/// The Kashgar–Gilgit bus sleeps in Tashkurgan and crosses Khunjerab the next day (2025
/// reports; no time given): `nights = 1` on its Khunjerab stop. Leaving Thu 30 Sep 2027 it
/// would reach the pass on Fri 1 Oct, National Day, when Khunjerab is closed, so it is not
/// offered (it was, when an untimed post was checked on the day the bus leaves); leaving
/// Thu 10 Jun 2027 it is, reaching Sust on Fri 11 Jun at a time not known, after a night.
#[test]
fn a_night_on_the_way_moves_the_border_to_the_next_day() {
    let plan = |date: &str| -> PlanJson {
        let args = [
            "plan",
            "kashgar",
            "sust",
            "--date",
            date,
            "--within",
            "1",
            "--passport",
            "GB",
            "--visa",
            "PK",
            "--max",
            "9",
            "--json",
        ];
        run(&args).ok().json()
    };
    // Over the pass on the bus (riding it only to Tashkurgan, before the night, is another
    // itinerary).
    fn bus(p: &PlanJson) -> Vec<&ItineraryJson> {
        p.itineraries
            .iter()
            .filter(|it| {
                it.legs
                    .iter()
                    .any(|l| l.service == "kashgar-gilgit-bus" && l.to == "sust")
            })
            .collect()
    }
    let eve = plan("2027-09-30");
    assert!(!eve.itineraries.is_empty());
    assert!(bus(&eve).is_empty(), "{:#?}", bus(&eve));
    let june = plan("2027-06-10");
    let found = bus(&june);
    assert_eq!(found.len(), 1, "{june:#?}");
    let it = &found[0];
    assert_eq!(it.depart, "2027-06-10T15:00:00+08:00");
    assert!(!it.legs[0].arrive_known);
    assert!(it.arrive.starts_with("2027-06-11T"), "{}", it.arrive);
    assert_eq!(it.nights, 1);
    // The pass is crossed on the day after the night, not the day the bus leaves.
    let pass = it.legs[0].crossing.as_ref().unwrap();
    assert_eq!((pass.id.as_str(), pass.at.as_deref()), ("khunjerab", None));
    assert_eq!(pass.day, "2027-06-11");
}

/// `nights` is only for a stop whose time no source gives, grows along the route and has
/// no time after it: each misuse is refused by name.
#[test]
fn nights_on_the_way_are_checked() {
    let cases = [
        (
            "  { cross = \"pass-a\", offset = \"2h\" },",
            "  { cross = \"pass-a\", offset = \"2h\", nights = 1 },",
            "stop 2 has `nights` and a time; expected `nights` only at a stop after the first whose time no source gives",
        ),
        (
            "  { cross = \"pass-a\", offset = \"2h\" },",
            "  { cross = \"pass-a\", nights = 1 },",
            "stop 3 has an `offset` after a stop with `nights`; expected no times after the nights on the way",
        ),
    ];
    for (from, to, expected) in cases {
        let dir = broken(&[("services/services.toml", from, to)]);
        let r = run(&["check", "--data", dir.path().to_str().expect("utf-8 path")]).code(2);
        assert!(r.stderr.contains(expected), "{}", r.stderr);
    }
}

/// A return ticket is not a one-way fare: the 2018 reports of the Lahore–Kashgar coach give
/// Rs 13,000 one way and Rs 23,000 return, and the services card lists only the one-way
/// price (two bare fares side by side read as two prices for the same ride).
#[test]
fn the_lahore_coach_lists_its_one_way_fare_only() {
    let r = run(&["services", "--from", "lahore", "--to", "kashgar"]).ok();
    let card: Vec<&str> = r
        .stdout
        .split("\n\n")
        .filter(|c| c.starts_with("lahore-kashgar-bus "))
        .collect();
    assert_eq!(card.len(), 1, "{}", r.stdout);
    assert!(
        card[0].contains("    fares: 13,000 PKR per person\n"),
        "{}",
        card[0]
    );
    assert!(!card[0].contains("23,000"), "{}", card[0]);
}

/// The Kashgar–Bishkek bus has one price however far one rides (Hitchwiki, March 2025): one
/// fare for the whole route, not the same 598 CNY listed twice.
#[test]
fn the_torugart_bus_lists_its_one_fare_once() {
    let r = run(&["services", "--from", "kashgar", "--to", "naryn"]).ok();
    let card: Vec<&str> = r
        .stdout
        .split("\n\n")
        .filter(|c| c.starts_with("kashgar-bishkek-bus "))
        .collect();
    assert_eq!(card.len(), 1, "{}", r.stdout);
    assert!(
        card[0].contains("    fares: 598 CNY per person\n"),
        "{}",
        card[0]
    );
    assert_eq!(card[0].matches("598").count(), 1, "{}", card[0]);
}

/// "Charged per kilo" is what Rough Guides says of Kashgar's international buses, not of
/// every service whose excess rate is unknown: the Lahore coach's reports say only that
/// heavier baggage costs extra, and that is all its row claims.
#[test]
fn an_unknown_excess_rate_claims_only_what_the_service_sources_say() {
    let r = run(&[
        "baggage", "--from", "lahore", "--to", "kashgar", "--kg", "26",
    ])
    .ok();
    assert!(r.stdout.contains("lahore-kashgar-bus"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("6 kg over the allowance; what the excess costs is not known"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("charged extra, at a rate not given"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("kilo"), "{}", r.stdout);
    assert!(!r.stdout.contains("per kg"), "{}", r.stdout);
}
