//! Every command's `--json` decoded into the strict structs of the contract (version 2,
//! tests/common/json.rs): an unknown, missing or retyped field fails. Reasons and notes are
//! read by their cause or kind and ids, never by their prose, and no field names a flag.

mod common;
use common::json::*;
use common::run;

/// Whether any string anywhere in the JSON names a command-line flag.
fn names_a_flag(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => s
            .split(|c: char| c.is_whitespace() || c == '(' || c == '`')
            .any(|w| w.starts_with("--") && w.len() > 2 && w.as_bytes()[2].is_ascii_lowercase())
            .then(|| s.clone()),
        serde_json::Value::Array(a) => a.iter().find_map(names_a_flag),
        serde_json::Value::Object(o) => o.values().find_map(names_a_flag),
        _ => None,
    }
}

fn decoded<T: serde::de::DeserializeOwned>(args: &[&str], code: i32) -> T {
    let mut all = args.to_vec();
    all.push("--json");
    let r = run(&all).code(code);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 2, "{args:?}");
    assert_eq!(names_a_flag(&v), None, "{args:?}: a flag in the JSON");
    r.json()
}

#[test]
fn plan_with_itineraries() {
    let p: PlanJson = decoded(
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
        ],
        0,
    );
    assert_eq!((p.from.as_str(), p.to.as_str()), ("kashgar", "bishkek"));
    assert!(p.reasons.is_empty());
    let it = &p.itineraries[0];
    assert_eq!(it.legs[0].crossing.as_ref().unwrap().id, "torugart");
    // The cut-off at the first post, as data in its own clock.
    let border = it
        .advice
        .iter()
        .find(|a| a.kind == AdviceKind::Border)
        .expect("a border note");
    assert_eq!(border.crossing.as_deref(), Some("torugart"));
    assert_eq!(border.zone.as_deref(), Some("Asia/Shanghai"));
    assert_eq!(border.cutoff.as_deref(), Some("12:00"));
    assert!(it.advice.iter().any(|a| a.kind == AdviceKind::Entry
        && a.entry
            .as_ref()
            .is_some_and(|e| e.country == "KG" && e.decision == "admit")));
}

#[test]
fn plan_with_no_itinerary_gives_reasons_as_objects() {
    let p: PlanJson = decoded(common::KASHGAR_SUST_IN_WINTER, 1);
    assert!(p.itineraries.is_empty());
    let r = &p.reasons[0];
    assert_eq!(r.cause, Cause::PostClosed);
    assert_eq!(r.crossing.as_deref(), Some("khunjerab"));
    assert_eq!(r.dates[0], "2026-12-10");
    let closed = r.closed.as_ref().unwrap();
    assert_eq!(closed.cause, ClosedFor::Season);
    assert_eq!(closed.reopens.as_deref(), Some("2027-04-01"));
    assert_eq!(p.earliest.as_deref(), Some("2027-03-31"));
}

#[test]
fn held_only_reasons_and_fixes_name_documents_not_flags() {
    let p: PlanJson = decoded(
        &[
            "plan",
            "kashgar",
            "sust",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
            "--held-only",
        ],
        1,
    );
    let r = p
        .reasons
        .iter()
        .find(|r| r.cause == Cause::VisaNotHeld)
        .expect("the visa not held");
    let e = r.entry.as_ref().unwrap();
    assert_eq!((e.country.as_str(), e.decision.as_str()), ("PK", "arrange"));
    assert!(p
        .fixes
        .iter()
        .any(|f| f.change == "hold" && f.documents.contains(&"visa:PK".to_string())));
}

#[test]
fn plan_month() {
    let m: PlanMonthJson = decoded(
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--passport",
            "GB",
            "--month",
            "2027-06",
            // Not through China by Urumqi and Khorgos, which works every day.
            "--avoid",
            "khorgos",
        ],
        0,
    );
    assert_eq!(m.days.len(), 30);
    let sat = m.days.iter().find(|d| d.date == "2027-06-12").unwrap();
    assert!(!sat.works);
    let why = sat.reason.as_ref().unwrap();
    assert_eq!(why.crossing.as_deref(), Some("torugart"));
    assert_eq!(why.closed.as_ref().unwrap().cause, ClosedFor::Weekday);
    assert_eq!(why.instead, None);
}

/// Every Sunday of June 2027 from Kashgar to Bishkek, journeys leave but each waits on the
/// way for a connection Monday's still catches: the day says to leave on Monday instead
/// (`instead`), under the stable cause `leave-later`.
#[test]
fn plan_month_names_the_day_to_leave_instead() {
    let m: PlanMonthJson = decoded(
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--passport",
            "GB",
            "--month",
            "2027-06",
        ],
        0,
    );
    let sun = m.days.iter().find(|d| d.date == "2027-06-27").unwrap();
    assert!(!sun.works);
    let why = sun.reason.as_ref().unwrap();
    assert_eq!(why.blocked.as_ref().unwrap().cause, Cause::LeaveLater);
    assert_eq!(why.instead.as_deref(), Some("2027-06-28"));
    assert!(
        why.text.starts_with("leave the next day instead, as "),
        "{}",
        why.text
    );
    // Past the month's end: Sunday 31 October 2027's day to leave on is in November.
    let m: PlanMonthJson = decoded(
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--passport",
            "GB",
            "--month",
            "2027-10",
        ],
        0,
    );
    let last = m.days.last().unwrap();
    assert_eq!(last.date, "2027-10-31");
    assert_eq!(
        last.reason.as_ref().unwrap().instead.as_deref(),
        Some("2027-11-01")
    );
}

#[test]
fn hours_overview_and_on_a_date() {
    let h: HoursJson = decoded(&["hours"], 0);
    assert!(h.date.is_none() && h.crossings.iter().all(|c| c.on_date.is_none()));
    let h: HoursJson = decoded(&["hours", "--date", "2027-06-12"], 0);
    let t = h.crossings.iter().find(|c| c.id == "torugart").unwrap();
    let day = t.on_date.as_ref().unwrap();
    assert!(!day.open);
    assert_eq!(
        day.closed.as_ref().unwrap().weekdays.as_deref(),
        Some(&["Sat".to_string(), "Sun".to_string()][..])
    );
    assert_eq!(day.next_open.as_deref(), Some("2027-06-14T10:00:00+06:00"));
    assert_eq!(day.next_open_day.as_deref(), Some("2027-06-14"));
    assert_eq!(t.sides[0].zone, "Asia/Shanghai");
    // The drive between the posts, each direction its own report: 3 h out of China (2009),
    // 1 h 30 min into it (2016). A crossing whose posts nobody times says null both ways.
    let drives = |c: &str| -> Vec<Option<i64>> {
        let c = h.crossings.iter().find(|x| x.id == c).unwrap();
        c.sides
            .iter()
            .map(|s| s.drive_to_other_post_minutes)
            .collect()
    };
    assert_eq!(drives("torugart"), [Some(180), Some(90)]);
    assert_eq!(drives("khunjerab"), [None, None]);
}

#[test]
fn hours_of_a_post_not_known_give_the_day_it_next_opens_never_midnight() {
    // Khorgos closes for China's New Year's Day (Kazakh notices show no closure for the
    // Kazakh New Year holidays) and no source gives its posts' hours: the next opening is a
    // day, not a moment at 00:00.
    let h: HoursJson = decoded(&["hours", "khorgos", "--date", "2027-01-01"], 0);
    let day = h.crossings[0].on_date.as_ref().unwrap();
    assert!(!day.open);
    assert_eq!(day.next_open, None);
    assert!(day.next_open_day.is_some());
    let out = run(&["hours", "--date", "2027-01-01"]).code(0);
    assert!(!out.stdout.contains("00:00"), "{}", out.stdout);
    assert!(
        out.stdout.contains("next opens Sat 2 Jan 2027 (China post hours not known; Kazakhstan post hours not known)"),
        "{}",
        out.stdout
    );
}

/// Days before Torugart is recorded open (20 Feb 2023) have a cause of their own, with the
/// day it is recorded open from; the open status is not given as the reason.
#[test]
fn days_before_the_crossing_is_recorded_open_are_not_recorded_open() {
    let m: HoursMonthJson = decoded(&["hours", "torugart", "--month", "2023-02"], 0);
    for d in &m.days {
        let before = d.date.as_str() < "2023-02-20";
        let c = d.closed.as_ref();
        assert_eq!(
            c.is_some_and(|c| c.cause == ClosedFor::NotRecordedOpen),
            before,
            "{d:?}"
        );
        if before {
            let c = c.unwrap();
            assert_eq!(
                (c.since.as_deref(), c.status.as_deref()),
                (Some("2023-02-20"), None)
            );
            assert!(!d.open);
            assert_eq!(
                d.text.as_deref(),
                Some("Torugart Pass is not recorded open before Mon 20 Feb 2023; its status before then is not known")
            );
        }
    }
    let h: HoursJson = decoded(&["hours", "torugart", "--date", "2023-02-10"], 0);
    let on = h.crossings[0].on_date.as_ref().unwrap();
    assert!(!on.open);
    assert_eq!(
        on.closed.as_ref().map(|c| c.cause),
        Some(ClosedFor::NotRecordedOpen)
    );
    assert_eq!(on.next_open_day.as_deref(), Some("2023-02-20"));
    // A plan on such a day gives the same cause for Khunjerab (recorded open from 3 Apr 2023).
    let p: PlanJson = decoded(common::KASHGAR_SUST_BEFORE_REOPENING, 1);
    assert!(
        p.reasons
            .iter()
            .any(|r| r.crossing.as_deref() == Some("khunjerab")
                && r.closed
                    .as_ref()
                    .is_some_and(|c| c.cause == ClosedFor::NotRecordedOpen
                        && c.since.as_deref() == Some("2023-04-03"))),
        "{:?}",
        p.reasons
    );
}

#[test]
fn hours_month() {
    let m: HoursMonthJson = decoded(&["hours", "torugart", "--month", "2027-10"], 0);
    assert_eq!(m.days.len(), 31);
    assert!(m.days.iter().any(|d| d
        .closed
        .as_ref()
        .is_some_and(|c| c.cause == ClosedFor::Holiday)));
}

#[test]
fn services() {
    let s: ServicesJson = decoded(&["services", "--via", "irkeshtam"], 0);
    assert!(!s.services.is_empty());
    for x in &s.services {
        assert!(
            x.stops
                .iter()
                .any(|st| st.kind == "crossing" && st.id == "irkeshtam"),
            "{x:?}"
        );
    }
    let all: ServicesJson = decoded(&["services"], 0);
    assert!(all.services.len() > s.services.len());
}

#[test]
fn baggage() {
    let b: BaggageJson = decoded(
        &["baggage", "--from", "kashgar", "--to", "sust", "--kg", "26"],
        0,
    );
    assert_eq!(b.kg.to_string(), "26");
    // Kashgar's international buses charge for every kilo over 20 kg, at a rate no source
    // gives.
    assert!(!b.services.is_empty());
    for s in &b.services {
        assert_eq!(
            (s.status, s.case, s.fee.is_none()),
            (BaggageStatus::FeeUnknown, BaggageCase::RateUnknown, true),
            "{s:?}"
        );
    }
}

/// A charge per bag is also given in the currency asked for, as the fee is: the Kashgar–Sost
/// bus's 2 CNY a bag in pounds.
#[test]
fn baggage_per_bag_in_the_currency_asked_for() {
    let b: BaggageJson = decoded(
        &[
            "baggage",
            "kashgar-sust-bus",
            "--kg",
            "26",
            "--currency",
            "GBP",
        ],
        0,
    );
    let row = &b.services[0];
    let piece = row.per_piece.as_ref().expect("a charge per bag");
    let conv = row.per_piece_converted.as_ref().expect("converted");
    assert_eq!(
        (piece.currency.as_str(), conv.currency.as_str()),
        ("CNY", "GBP")
    );
    // The conversion names its rate's date, the date JSON gives.
    let date = row.rate_date.as_deref().expect("the rate's date");
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
    assert!(
        row.text.ends_with(&format!(
            "plus 2 CNY per bag (about {} GBP at the CNY rate of {})",
            conv.amount,
            day.format("%a %-d %b %Y")
        )),
        "{}",
        row.text
    );
}

/// A rate more than a year older than today is said to be, as a plan's total says it: the
/// CNY rate of 13 Dec 2025 is fresh on 3 Dec 2026 and stale on 10 Jan 2027.
#[test]
fn baggage_flags_a_rate_over_a_year_old() {
    let args = [
        "baggage",
        "kashgar-sust-bus",
        "--kg",
        "26",
        "--currency",
        "GBP",
        "--json",
    ];
    for (today, stale) in [("2026-12-03", false), ("2027-01-10", true)] {
        let b: BaggageJson = common::run_env(&args, &[("CROSSINGS_TODAY", today)])
            .ok()
            .json();
        let row = &b.services[0];
        assert_eq!(row.rate_date.as_deref(), Some("2025-12-13"));
        assert_eq!(row.rate_stale, stale, "{today}");
        assert_eq!(
            row.text
                .ends_with("at the CNY rate of Sat 13 Dec 2025, more than a year old)"),
            stale,
            "{today}: {}",
            row.text
        );
    }
}

/// `status` says whether a rule is known for the service and whether it gives the fee: no
/// rule (the agency car), a rule without an excess rate (the bus over Pass A, over its
/// allowance), a fee (within the allowance, or over it at a known rate).
#[test]
fn baggage_status_says_whether_a_rule_and_its_fee_are_known() {
    let mini = |args: &[&str]| -> BaggageJson {
        common::mini(&[&["baggage"], args, &["--json"]].concat())
            .ok()
            .json()
    };
    let rows = |b: &BaggageJson| -> Vec<(String, BaggageStatus, BaggageCase, Option<String>)> {
        b.services
            .iter()
            .map(|s| {
                (
                    s.service.clone(),
                    s.status,
                    s.case,
                    s.fee
                        .as_ref()
                        .map(|f| format!("{} {}", f.amount, f.currency)),
                )
            })
            .collect()
    };
    let route = mini(&["--from", "alpha", "--to", "beta", "--kg", "26"]);
    assert_eq!(
        rows(&route),
        [
            (
                "alpha-beta-bus".into(),
                BaggageStatus::FeeUnknown,
                BaggageCase::RateUnknown,
                None
            ),
            (
                "alpha-beta-agency".into(),
                BaggageStatus::NoRule,
                BaggageCase::NoRule,
                None
            ),
            (
                "alpha-beta-train".into(),
                BaggageStatus::NoRule,
                BaggageCase::NoRule,
                None
            ),
        ]
    );
    let within = mini(&["alpha-beta-bus", "--kg", "12"]);
    assert_eq!(
        rows(&within),
        [(
            "alpha-beta-bus".into(),
            BaggageStatus::FeeKnown,
            BaggageCase::WithinAllowance,
            Some("0 USD".into())
        )]
    );
    let charged = mini(&["alpha-gamma-bus", "--kg", "26"]);
    assert_eq!(
        rows(&charged),
        [(
            "alpha-gamma-bus".into(),
            BaggageStatus::FeeKnown,
            BaggageCase::Charged,
            Some("60 CNY".into())
        )]
    );
}

#[test]
fn places_ranked() {
    let p: PlacesJson = decoded(&["places", "osh"], 0);
    assert_eq!(p.places[0].id, "osh");
    let all: PlacesJson = decoded(&["places"], 0);
    assert!(all.places.len() > p.places.len());
}

#[test]
fn the_flag_check_finds_a_flag() {
    assert!(names_a_flag(&serde_json::json!({"a": ["pass --visa PK if you hold one"]})).is_some());
    assert!(names_a_flag(&serde_json::json!({"a": "(--held-only)"})).is_some());
    assert!(names_a_flag(&serde_json::json!({"a": "Osh – Sary-Tash -- a road"})).is_none());
}

/// Torugart's dispute about the drive between the posts is about one direction (out of
/// China, the Chinese post passed first): the hours JSON says so (`from`), and a plan's
/// advice names it only going that way.
#[test]
fn a_dispute_about_one_direction_is_advised_only_that_way() {
    let h: HoursJson = decoded(&["hours", "torugart"], 0);
    let drive = h.crossings[0]
        .disputes
        .iter()
        .find(|d| d.fact == "between")
        .expect("the dispute about the drive between the posts");
    assert_eq!(drive.from.as_deref(), Some("CN"));
    // Every other dispute is about both directions.
    assert!(h.crossings[0]
        .disputes
        .iter()
        .filter(|d| d.fact != "between")
        .all(|d| d.from.is_none()));
    let disputed_facts = |from: &str, to: &str| -> Vec<String> {
        let p: PlanJson = decoded(
            &["plan", from, to, "--date", "2027-06-14", "--passport", "GB"],
            0,
        );
        let it = &p.itineraries[0];
        assert_eq!(
            it.legs
                .iter()
                .find_map(|l| l.crossing.as_ref())
                .map(|c| c.id.as_str()),
            Some("torugart"),
            "{from} → {to}"
        );
        it.advice
            .iter()
            .filter(|a| a.kind == AdviceKind::Disputed && a.crossing.as_deref() == Some("torugart"))
            .filter_map(|a| a.fact.clone())
            .collect()
    };
    let out_of_china = disputed_facts("kashgar", "naryn");
    assert!(
        out_of_china.contains(&"between".to_string()),
        "{out_of_china:?}"
    );
    let into_china = disputed_facts("naryn", "kashgar");
    assert!(into_china.contains(&"hours".to_string()), "{into_china:?}");
    assert!(
        !into_china.contains(&"between".to_string()),
        "{into_china:?}"
    );
}

/// A copy of the fixture dataset with a bus from Delta (Pakistan) over Pass C into China,
/// through Alpha and on over Pass B into Kyrgyzstan: one leg, two borders.
fn two_borders_on_one_leg() -> tempfile::TempDir {
    let dir = common::broken(&[]);
    let bus = r#"
[[service]]
id = "delta-gamma-bus"
name = "Delta–Gamma bus over Pass C and Pass B"
mode = "bus"
status = "running"
sources = ["fixture"]
verified = 2026-01-01
stops = [
  { at = "delta", offset = "0h" },
  { cross = "pass-c", offset = "2h" },
  { at = "alpha", offset = "4h" },
  { cross = "pass-b", offset = "6h" },
  { at = "gamma", offset = "9h" },
]
[service.schedule]
kind = "weekly"
days = "Mon-Fri"
depart = "06:00"
zone = "Asia/Karachi"
"#;
    std::fs::write(dir.path().join("services/delta-gamma.toml"), bus).expect("write fixture");
    dir
}

/// A leg over two borders lists both in `borders`, in the order passed, each with when its
/// first post is reached (in that post's clock) and its days; `crossing` is the first of
/// them. The text, the GeoJSON and the calendar show both too.
#[test]
fn every_border_of_a_leg_is_in_the_json() {
    let dir = two_borders_on_one_leg();
    let data = dir.path().to_str().expect("utf-8 path");
    let args = [
        "--data",
        data,
        "plan",
        "delta",
        "gamma",
        "--date",
        "2026-06-10",
        "--within",
        "1",
        "--passport",
        "GB",
        "--visa",
        "CN",
    ];
    let p: PlanJson = run(&[&args[..], &["--json"]].concat()).ok().json();
    let (k, it) = p
        .itineraries
        .iter()
        .enumerate()
        .find(|(_, it)| it.legs.len() == 1 && it.legs[0].service == "delta-gamma-bus")
        .expect("the bus is an answer");
    let leg = &it.legs[0];
    let borders: Vec<(&str, Option<&str>, &str, &str)> = leg
        .borders
        .iter()
        .map(|b| {
            (
                b.id.as_str(),
                b.at.as_deref(),
                b.day.as_str(),
                b.entry_day.as_str(),
            )
        })
        .collect();
    assert_eq!(
        borders,
        [
            (
                "pass-c",
                Some("2026-06-10T08:00:00+05:00"),
                "2026-06-10",
                "2026-06-10"
            ),
            (
                "pass-b",
                Some("2026-06-10T15:00:00+08:00"),
                "2026-06-10",
                "2026-06-10"
            ),
        ]
    );
    let first = leg.crossing.as_ref().expect("the first border");
    assert_eq!(
        (first.id.as_str(), first.at.as_deref(), first.day.as_str()),
        ("pass-c", Some("2026-06-10T08:00:00+05:00"), "2026-06-10")
    );

    // The text names both crossings on the leg.
    run(&args)
        .ok()
        .stdout_has("     Pass C: Pakistan post 08:00 UTC+5")
        .stdout_has("     Pass B: China post 15:00 Beijing time");

    // The GeoJSON has a point for each, on the itinerary's leg.
    let n = (k + 1).to_string();
    let geo: serde_json::Value =
        serde_json::from_str(&run(&[&args[..], &["--geojson"]].concat()).ok().stdout).unwrap();
    let points: Vec<&str> = geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["properties"])
        .filter(|p| p["kind"] == "border" && p["itinerary"] == k + 1)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(points, ["pass-c", "pass-b"]);

    // The calendar has an event for each.
    let tmp = tempfile::tempdir().unwrap();
    let ics = tmp.path().join("trip.ics");
    run(&[
        &args[..],
        &["--itinerary", &n, "--ics", ics.to_str().unwrap()],
    ]
    .concat())
    .ok();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("\r\nSUMMARY:Border: Pass C\r\n"), "{text}");
    assert!(text.contains("\r\nSUMMARY:Border: Pass B\r\n"), "{text}");
}

/// JSON says "at the earliest" where the text does. The Kashgar–Osh sleeper bus's arrival
/// is not known, so the Osh–Bishkek taxi after it is planned from its earliest arrival:
/// the last leg's length is known (`arrive_known` true on that leg), but the journey's
/// arrival, and the same route's on other days (`also`: the bus runs on Mondays, so the
/// next one within 14 days), is only the earliest.
#[test]
fn an_arrival_after_an_unknown_one_is_not_certain_in_json() {
    let p: PlanJson = decoded(
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
            "--max",
            "6",
            "--within",
            "14",
        ],
        0,
    );
    let it = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["kashgar-osh-bus", "osh-bishkek-shared-taxi"])
        .expect("the sleeper bus and the taxi");
    assert!(!it.legs[0].arrive_known);
    assert!(it.legs[1].arrive_known, "the taxi's 12h30m is known");
    assert!(!it.arrive_known, "the text says \"at the earliest\"");
    assert!(!it.also.is_empty());
    assert!(it.also.iter().all(|o| !o.arrive_known));
    // A journey whose every arrival is known says so.
    let known = p
        .itineraries
        .iter()
        .find(|it| it.legs.iter().all(|l| l.arrive_known))
        .expect("a journey whose arrival is known");
    assert!(known.arrive_known);
}

/// The Almaty–Tashkent train runs daily, but no source gives its departure: it may leave
/// at any hour of its day, so its arrival 16h30m later is only "at the earliest" (the day
/// it leaves, from 00:00), the window it leaves in is the whole day, and the railway
/// crossing, which no source times, is checked on the day it leaves and the next.
#[test]
fn a_train_no_source_times_leaves_in_its_whole_day() {
    let p: PlanJson = decoded(
        &[
            "plan",
            "almaty",
            "tashkent",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
        ],
        0,
    );
    let it = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["almaty-tashkent-train"])
        .expect("the train");
    let leg = &it.legs[0];
    assert!(!leg.time_known);
    assert!(!leg.arrive_known);
    assert!(!it.arrive_known);
    let w = leg.window.as_ref().expect("a window");
    assert_eq!(
        (w.from.as_str(), w.to.as_str()),
        ("2027-06-14T00:00:00+05:00", "2027-06-15T00:00:00+05:00")
    );
    assert_eq!(leg.arrive, "2027-06-14T16:30:00+05:00");
    let b = &leg.borders[0];
    assert_eq!(b.day, "2027-06-14");
    assert_eq!(b.day_latest.as_deref(), Some("2027-06-15"));
}

/// The traveller does not choose when a train no source times leaves, so the connection
/// after it is planned from the latest it may arrive: the Talgo of Mon 14 Jun (any hour,
/// about 16h30m) may reach Tashkent as late as Tue 15 Jun 16:29, so the Sharq train it
/// connects to is Wednesday's 09:15, not Tuesday's, which the train leaving Almaty after
/// 15:45 would miss. The train's own arrival is still only the earliest it could be.
#[test]
fn a_connection_after_an_untimed_train_is_planned_from_its_latest_arrival() {
    let p: PlanJson = decoded(
        &[
            "plan",
            "almaty",
            "samarkand",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
            "--max",
            "4",
        ],
        0,
    );
    let it = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["almaty-tashkent-train", "tashkent-bukhara-sharq"])
        .expect("the Talgo and the Sharq train");
    let (train, sharq) = (&it.legs[0], &it.legs[1]);
    assert_eq!(train.depart, "2027-06-14T00:00:00+05:00");
    assert_eq!(train.arrive, "2027-06-14T16:30:00+05:00");
    assert!(!train.arrive_known);
    assert_eq!(sharq.depart, "2027-06-16T09:15:00+05:00");
    assert!(!it.arrive_known);
}

/// Every route from Penjikent to Islamabad takes seven rides: `too_many_rides` says how
/// many, the most a plan searches and where to split it; both parts then have answers.
#[test]
fn plan_beyond_the_most_rides_names_a_place_to_split_it() {
    let p: PlanJson = decoded(common::PENJIKENT_ISLAMABAD, 1);
    assert!(p.itineraries.is_empty() && p.connected);
    let t = p.too_many_rides.expect("too_many_rides");
    assert_eq!((t.fewest, t.most), (7, 6));
    let split = t.split_at.expect("a place to split at");
    assert!(
        t.text
            .contains(&format!("`crossings plan penjikent {split}`")),
        "{}",
        t.text
    );
    for (a, b) in [("penjikent", split.as_str()), (split.as_str(), "islamabad")] {
        let part: PlanJson = decoded(
            &[
                "plan",
                a,
                b,
                "--date",
                "2027-07-12",
                "--within",
                "14",
                "--passport",
                "GB",
            ],
            0,
        );
        assert!(!part.itineraries.is_empty(), "{a} → {b}");
    }
    // Where the places are linked within the limit, it is null.
    let p: PlanJson = decoded(common::KASHGAR_SUST_IN_WINTER, 1);
    assert!(p.too_many_rides.is_none());
}
