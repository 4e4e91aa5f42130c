//! `plan … --ics FILE`: the file parses with the `icalendar` crate's RFC 5545 parser, every
//! timed event is in a zone the file defines, and the instants it gives are the planner's;
//! a leg whose time no source gives is an all-day event, never a timed one.

mod common;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use common::json::PlanJson;
use common::run;
use icalendar::parser::{read_calendar, unfold, Component};
use std::collections::BTreeMap;

const KASHGAR_BISHKEK: &[&str] = &[
    "plan",
    "kashgar",
    "bishkek",
    "--date",
    "2026-06-13",
    "--passport",
    "GB",
];

fn prop<'a>(c: &'a Component, name: &str) -> Option<&'a icalendar::parser::Property<'a>> {
    c.properties.iter().find(|p| p.name == name)
}

fn param(p: &icalendar::parser::Property, key: &str) -> Option<String> {
    p.params
        .iter()
        .find(|x| x.key == key)
        .and_then(|x| x.val.as_ref().map(|v| v.as_str().to_string()))
}

fn offset(s: &str) -> FixedOffset {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let h: i32 = s[1..3].parse().unwrap();
    let m: i32 = s[3..5].parse().unwrap();
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).unwrap()
}

/// A start or end as the file states it: an instant (resolved through the file's own
/// VTIMEZONE definitions) or a whole day.
#[derive(Debug, PartialEq)]
enum When {
    At(DateTime<Utc>, String),
    Day(NaiveDate),
}

struct Ics {
    text: String,
}

impl Ics {
    fn write(args: &[&str]) -> Ics {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trip.ics");
        let mut all: Vec<&str> = args.to_vec();
        let p = path.to_str().unwrap().to_string();
        all.extend(["--ics", &p]);
        let r = run(&all).ok();
        assert!(
            r.stderr.contains("note: wrote itinerary"),
            "stderr: {}",
            r.stderr
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "a content line over 75 octets: {line}");
        }
        Ics { text }
    }
}

struct Parsed<'a> {
    zones: BTreeMap<String, Vec<(NaiveDateTime, FixedOffset)>>,
    items: Vec<Component<'a>>,
}

fn parse(unfolded: &str) -> Parsed<'_> {
    let cal = read_calendar(unfolded).expect("RFC 5545 parses");
    assert!(cal
        .properties
        .iter()
        .any(|p| p.name == "VERSION" && p.val == "2.0"));
    let mut zones = BTreeMap::new();
    let mut items = Vec::new();
    for c in cal.components {
        if c.name == "VTIMEZONE" {
            let id = prop(&c, "TZID").unwrap().val.as_str().to_string();
            let obs = c
                .components
                .iter()
                .map(|o| {
                    let start = NaiveDateTime::parse_from_str(
                        prop(o, "DTSTART").unwrap().val.as_str(),
                        "%Y%m%dT%H%M%S",
                    )
                    .unwrap();
                    (start, offset(prop(o, "TZOFFSETTO").unwrap().val.as_str()))
                })
                .collect::<Vec<_>>();
            zones.insert(id, obs);
        } else {
            items.push(c);
        }
    }
    Parsed { zones, items }
}

impl Parsed<'_> {
    fn when(&self, c: &Component, name: &str) -> Option<When> {
        let p = prop(c, name)?;
        let v = p.val.as_str();
        if param(p, "VALUE").as_deref() == Some("DATE") {
            return Some(When::Day(NaiveDate::parse_from_str(v, "%Y%m%d").unwrap()));
        }
        if let Some(utc) = v.strip_suffix('Z') {
            let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").unwrap();
            return Some(When::At(t.and_utc(), "UTC".into()));
        }
        let tzid = param(p, "TZID").expect("a local time always names its zone");
        let obs = self
            .zones
            .get(&tzid)
            .unwrap_or_else(|| panic!("{tzid} has no VTIMEZONE in the file"));
        let local = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").unwrap();
        let (_, off) = obs
            .iter()
            .rev()
            .find(|(start, _)| *start <= local)
            .unwrap_or_else(|| panic!("{tzid} does not cover {local}"));
        Some(When::At(
            off.from_local_datetime(&local).unwrap().with_timezone(&Utc),
            tzid,
        ))
    }
}

fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn the_headline_trip_imports_with_its_local_times_alarm_and_to_dos() {
    let ics = Ics::write(KASHGAR_BISHKEK);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let events: Vec<&Component> = cal.items.iter().filter(|c| c.name == "VEVENT").collect();
    let leg = events[0];
    assert_eq!(
        cal.when(leg, "DTSTART"),
        Some(When::At(
            Utc.with_ymd_and_hms(2026, 6, 15, 1, 0, 0).unwrap(),
            "Asia/Shanghai".into()
        )),
        "09:00 Beijing time in Kashgar"
    );
    // No source gives the agency car's arrival in Bishkek: the event has no end, and its
    // description says the arrival is not known rather than showing a made-up time.
    assert_eq!(cal.when(leg, "DTEND"), None, "no arrival time is invented");
    let description = prop(leg, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        description.contains(
            "Arrival in Bishkek: no source gives the time (Mon 15 Jun 2026 at the earliest)"
        ),
        "{description}"
    );
    assert!(description.contains("Board at: Kashgar"), "{description}");
    assert!(description.contains("350 USD per vehicle"), "{description}");

    let border = events[1];
    assert!(prop(border, "SUMMARY")
        .unwrap()
        .val
        .as_str()
        .contains("Torugart"));
    assert_eq!(
        cal.when(border, "DTSTART"),
        Some(When::At(
            Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap(),
            "Asia/Shanghai".into()
        ))
    );
    // No source gives how long clearing the Chinese post takes (only the drive to the
    // Kyrgyz one in this direction, about 3 h in 2009): the pass has a start and no
    // made-up end.
    assert_eq!(
        cal.when(border, "DTEND"),
        None,
        "no time at the Kyrgyz post is invented"
    );
    let hours = prop(border, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        hours.contains(
            "Mon-Fri, 10:00–17:00 Beijing time; in practice be through by 12:00 Beijing time"
        ),
        "the post's hours: {hours}"
    );
    let alarm = border
        .components
        .iter()
        .find(|c| c.name == "VALARM")
        .expect("an alarm");
    assert_eq!(
        cal.when(alarm, "TRIGGER"),
        Some(When::At(
            Utc.with_ymd_and_hms(2026, 6, 15, 3, 0, 0).unwrap(),
            "UTC".into()
        )),
        "an hour before the 12:00 Beijing time cut-off"
    );

    let todos: Vec<&Component> = cal.items.iter().filter(|c| c.name == "VTODO").collect();
    assert!(todos.iter().any(|t| prop(t, "SUMMARY")
        .unwrap()
        .val
        .as_str()
        .starts_with("Book Agency transfer")));
    assert!(todos.iter().any(|t| prop(t, "SUMMARY")
        .unwrap()
        .val
        .as_str()
        .contains("Chinese permit for the Torugart crossing")));
    // The Chinese permit takes a day (the agency's word): due, to be started, on the 14th.
    let permit = todos
        .iter()
        .find(|t| {
            prop(t, "SUMMARY")
                .unwrap()
                .val
                .as_str()
                .contains("Chinese permit")
        })
        .unwrap();
    assert_eq!(
        cal.when(permit, "DUE"),
        Some(When::Day(NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()))
    );
    assert!(prop(permit, "DESCRIPTION")
        .unwrap()
        .val
        .as_str()
        .contains("It takes 1 day: start by Sun 14 Jun 2026."));
    for t in &todos {
        match cal.when(t, "DUE") {
            Some(When::Day(d)) => assert!(d < NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()),
            other => panic!("a to-do is due before the journey: {other:?}"),
        }
    }
}

#[test]
fn every_itinerary_exports_the_planners_instants_and_no_invented_time() {
    let mut args = KASHGAR_BISHKEK.to_vec();
    args.push("--json");
    let j: PlanJson = run(&args).ok().json();
    let its = &j.itineraries;
    assert!(its.len() >= 2);
    let mut untimed = 0;
    for (i, it) in its.iter().enumerate() {
        let n = (i + 1).to_string();
        let mut args = KASHGAR_BISHKEK.to_vec();
        args.extend(["--itinerary", &n]);
        let ics = Ics::write(&args);
        let unfolded = unfold(&ics.text);
        let cal = parse(&unfolded);
        let legs: Vec<&Component> = cal
            .items
            .iter()
            .filter(|c| {
                c.name == "VEVENT"
                    && !prop(c, "SUMMARY")
                        .unwrap()
                        .val
                        .as_str()
                        .starts_with("Border")
            })
            .collect();
        let json_legs = &it.legs;
        assert_eq!(legs.len(), json_legs.len(), "one event per leg");
        for (e, l) in legs.iter().zip(json_legs) {
            if l.time_known {
                match cal.when(e, "DTSTART") {
                    Some(When::At(t, _)) => assert_eq!(t, instant(&l.depart)),
                    other => panic!("a timed leg is a timed event: {other:?}"),
                }
                // It ends at its arrival where a source gives it; otherwise it has no end.
                match (cal.when(e, "DTEND"), l.arrive_known) {
                    (Some(When::At(t, _)), true) => assert_eq!(t, instant(&l.arrive)),
                    (None, false) => {}
                    other => panic!("a timed leg ends at its known arrival: {other:?}"),
                }
            } else {
                untimed += 1;
                let day = DateTime::parse_from_rfc3339(&l.depart)
                    .unwrap()
                    .date_naive();
                // The window a source gives it, or else the day only.
                match cal.when(e, "DTSTART") {
                    Some(When::Day(d)) => assert_eq!(d, day),
                    Some(When::At(t, _)) => {
                        assert_eq!(t, instant(&l.window.as_ref().unwrap().from))
                    }
                    other => panic!("an untimed leg is its window or its day: {other:?}"),
                }
            }
        }
    }
    assert!(
        untimed > 0,
        "the Naryn route has a shared taxi with no time"
    );
}

#[test]
fn asking_for_an_itinerary_the_answer_lacks_is_a_usage_error() {
    let mut args = KASHGAR_BISHKEK.to_vec();
    args.extend(["--ics", "/nonexistent-dir/x.ics", "--itinerary", "40"]);
    run(&args)
        .code(2)
        .stderr_has("--itinerary 40: the answer has");
    let mut args = KASHGAR_BISHKEK.to_vec();
    args.extend(["--ics", "/nonexistent-dir/x.ics"]);
    run(&args)
        .code(2)
        .stderr_has("error: --ics /nonexistent-dir/x.ics: cannot write the file");
}

/// The Kashgar–Gilgit bus sleeps in Tashkurgan and crosses Khunjerab the next day, at a
/// time no source gives, and no source gives when it reaches Sust. The calendar puts the
/// border on the day after the bus leaves (it was on the day it leaves), ends the ride at
/// no invented time, and says the arrival is not known.
#[test]
fn a_bus_that_sleeps_on_the_way_crosses_the_next_day_and_arrives_at_no_invented_time() {
    let args = [
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-06-10",
        "--within",
        "1",
        "--passport",
        "GB",
        "--visa",
        "PK",
        "--max",
        "9",
    ];
    let j: PlanJson = {
        let mut a = args.to_vec();
        a.push("--json");
        run(&a).ok().json()
    };
    let n = j
        .itineraries
        .iter()
        .position(|it| it.legs.len() == 1 && it.legs[0].service == "kashgar-gilgit-bus")
        .expect("the through bus is an answer")
        + 1;
    let n = n.to_string();
    let mut a = args.to_vec();
    a.extend(["--itinerary", &n]);
    let ics = Ics::write(&a);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let events: Vec<&Component> = cal.items.iter().filter(|c| c.name == "VEVENT").collect();
    let (leg, border) = (events[0], events[1]);
    assert_eq!(
        cal.when(leg, "DTSTART"),
        Some(When::At(
            Utc.with_ymd_and_hms(2027, 6, 10, 7, 0, 0).unwrap(),
            "Asia/Shanghai".into()
        )),
        "15:00 Beijing time"
    );
    assert_eq!(cal.when(leg, "DTEND"), None, "no source gives the arrival");
    let description = prop(leg, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        description.contains(
            "Arrival in Sust: no source gives the time (Fri 11 Jun 2027 at the earliest)"
        ),
        "{description}"
    );
    assert_eq!(
        prop(border, "SUMMARY").unwrap().val.as_str(),
        "Border: Khunjerab Pass (time not known)"
    );
    assert_eq!(
        cal.when(border, "DTSTART"),
        Some(When::Day(NaiveDate::from_ymd_opt(2027, 6, 11).unwrap()))
    );
}

/// The overnight Tashkent–Bishkek bus (18:00, arriving 07:40 the next day) passes two
/// posts no source times: it may reach each on Mon 14 or Tue 15 Jun 2027, so each border
/// is an all-day event over both days, the days the plan checked, not a day it picked.
#[test]
fn an_untimed_border_the_bus_may_reach_on_two_days_covers_both() {
    let ics = Ics::write(&[
        "plan",
        "tashkent",
        "bishkek",
        "--date",
        "2027-06-14",
        "--within",
        "1",
        "--passport",
        "GB",
        "--itinerary",
        "1",
    ]);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let borders: Vec<&Component> = cal
        .items
        .iter()
        .filter(|c| c.name == "VEVENT" && prop(c, "UID").unwrap().val.as_str().contains("border"))
        .collect();
    assert_eq!(borders.len(), 2);
    for b in borders {
        assert!(
            prop(b, "SUMMARY")
                .unwrap()
                .val
                .as_str()
                .ends_with("(day and time not known)"),
            "{:?}",
            prop(b, "SUMMARY")
        );
        let day = |d: u32| Some(When::Day(NaiveDate::from_ymd_opt(2027, 6, d).unwrap()));
        assert_eq!(cal.when(b, "DTSTART"), day(14));
        assert_eq!(
            cal.when(b, "DTEND"),
            day(16),
            "the end is exclusive: through the 15th"
        );
    }
}

/// The Almaty–Tashkent train, whose departure no source gives, may leave at any hour of its
/// day: an all-day event on the day it leaves, whose description gives the ride's length
/// and its arrival only as the earliest, and a border event over both days the railway
/// crossing may be reached on.
#[test]
fn a_train_no_source_times_is_a_day_and_its_border_covers_the_next_too() {
    let ics = Ics::write(&[
        "plan",
        "almaty",
        "tashkent",
        "--date",
        "2027-06-14",
        "--within",
        "1",
        "--passport",
        "GB",
        "--itinerary",
        "1",
    ]);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let event = |uid: &str| {
        cal.items
            .iter()
            .find(|c| c.name == "VEVENT" && prop(c, "UID").unwrap().val.as_str().ends_with(uid))
            .unwrap_or_else(|| panic!("no event {uid}: {}", ics.text))
    };
    let day = |d: u32| Some(When::Day(NaiveDate::from_ymd_opt(2027, 6, d).unwrap()));
    let leg = event("-leg1@crossings");
    assert!(prop(leg, "SUMMARY")
        .unwrap()
        .val
        .as_str()
        .contains("train No. 1; time not known)"));
    assert_eq!(cal.when(leg, "DTSTART"), day(14));
    assert_eq!(cal.when(leg, "DTEND"), day(15));
    let text = prop(leg, "DESCRIPTION")
        .unwrap()
        .val
        .as_str()
        .replace("\\n", "\n");
    assert!(text.contains("the ride takes about 16h30m."), "{text}");
    assert!(
        text.contains(
            "Arrival in Tashkent: no source gives when it leaves (Mon 14 Jun 2027 at the earliest)"
        ),
        "{text}"
    );
    let border = event("-leg1-border1@crossings");
    assert!(prop(border, "SUMMARY")
        .unwrap()
        .val
        .as_str()
        .ends_with("(day and time not known)"));
    assert_eq!(cal.when(border, "DTSTART"), day(14));
    assert_eq!(cal.when(border, "DTEND"), day(16), "through the 15th");
}

/// A copy of the fixture dataset with Pass Q: a Friday bus from Beta reaches its Kyrgyz post
/// (open Mon-Fri 09:00-18:00, where vehicles queue) at 20:00, after it closed, and queues
/// over the weekend; it crosses on Monday, into China, where a British traveller needs a
/// visa. The crossing's border-area permit (only warned about) is needed from Friday, when
/// the bus is in the queue.
fn weekend_queue() -> tempfile::TempDir {
    use common::records::{crossing, service, side, weekly};
    // Vehicles queue at the Kyrgyz post.
    let kg = side(
        "KG",
        "Beta east post",
        "beta",
        "Asia/Bishkek",
        "Mon-Fri",
        "09:00-18:00",
    );
    let cn = side(
        "CN",
        "Alpha west post",
        "alpha",
        "Asia/Shanghai",
        "Mon-Fri",
        "10:00-19:00",
    );
    let pass = crossing("pass-q", "Pass Q", [&(kg + "queue = true\n"), &cn]).replacen(
        "\nsources",
        "\npermits = [\"pass-q-zone\"]\nsources",
        1,
    );
    let permit = r#"
[[permit]]
id = "pass-q-zone"
name = "Pass Q border-zone permit"
how = "Arranged by the bus company."
enforce = "warn"
sources = ["fixture"]
verified = 2026-01-01
"#;
    let bus = service(
        "beta-alpha-bus",
        "Beta–Alpha bus over Pass Q",
        "bus",
        &[
            r#"{ at = "beta", offset = "0h" }"#,
            r#"{ cross = "pass-q", offset = "10h" }"#,
            r#"{ at = "alpha", offset = "14h" }"#,
        ],
        &weekly("Fri", "10:00", "Asia/Bishkek"),
    );
    common::with_files(&[
        ("crossings/pass-q.toml", &pass),
        ("permits/pass-q.toml", permit),
        ("services/pass-q.toml", &bus),
    ])
}

/// Reached on Friday evening after the post closed, crossed on Monday: the JSON's crossing
/// day, the calendar's border event, the GeoJSON's date and the visa's needed-from date are
/// Monday, the day the traveller crosses and enters China, not Friday, when the bus reaches
/// the queue (the JSON's `at` and a calendar event of its own for the wait).
#[test]
fn a_bus_that_queues_over_the_weekend_is_shown_crossing_on_monday() {
    let dir = weekend_queue();
    let data = dir.path().to_str().expect("utf-8 path");
    let args = [
        "--data",
        data,
        "plan",
        "beta",
        "alpha",
        "--date",
        "2026-06-12",
        "--within",
        "1",
        "--passport",
        "GB",
    ];
    let json: PlanJson = run(&[&args[..], &["--json"]].concat()).ok().json();
    let it = json
        .itineraries
        .iter()
        .find(|it| it.legs.len() == 1 && it.legs[0].service == "beta-alpha-bus")
        .expect("the Friday bus is an answer");
    let crossing = it.legs[0].crossing.as_ref().expect("a border on the leg");
    assert_eq!(crossing.id, "pass-q");
    assert_eq!(crossing.at.as_deref(), Some("2026-06-12T20:00:00+06:00"));
    assert_eq!(crossing.day, "2026-06-15", "crossed Monday, not Friday");
    assert_eq!(crossing.entry_day, "2026-06-15");
    // Queued until 09:00 Monday: through the Chinese post at 11:00 Beijing time, in Alpha
    // four hours after the border (the ride's remaining 4 h, moved by the wait).
    assert_eq!(it.legs[0].arrive, "2026-06-15T15:00:00+08:00");
    let needed = |id: &str| {
        it.before_you_go
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("{id} in before_you_go: {:#?}", it.before_you_go))
            .needed_from
            .clone()
    };
    assert_eq!(needed("CN"), "2026-06-15", "the visa from the day of entry");
    assert_eq!(
        needed("pass-q-zone"),
        "2026-06-12",
        "the permit from the queue"
    );

    // The text names both days, and the visa's.
    run(&args)
        .ok()
        .stdout_has("reached Fri 12 Jun 20:00 UTC+6 when closed: crossed Mon 15 Jun")
        .stdout_has("a visa for China (GB passport); needed at Pass Q from Mon 15 Jun");

    let k = json
        .itineraries
        .iter()
        .position(|x| std::ptr::eq(x, it))
        .unwrap()
        + 1;
    let n = k.to_string();
    let geo: serde_json::Value =
        serde_json::from_str(&run(&[&args[..], &["--geojson"]].concat()).ok().stdout).unwrap();
    let border = geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["properties"])
        .find(|p| p["kind"] == "border" && p["itinerary"] == k)
        .expect("the border pass is a feature");
    assert_eq!(border["at"], "2026-06-12T20:00:00+06:00");
    assert_eq!(border["date"], "2026-06-15");
    assert_eq!(border["entry_date"], "2026-06-15");

    let ics = Ics::write(&[&args[..], &["--itinerary", &n]].concat());
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let events: Vec<&Component> = cal.items.iter().filter(|c| c.name == "VEVENT").collect();
    let summary = |e: &Component| prop(e, "SUMMARY").unwrap().val.as_str().to_string();
    let summaries: Vec<String> = events.iter().map(|e| summary(e)).collect();
    assert_eq!(
        summaries,
        [
            "Beta → Alpha (Beta–Alpha bus over Pass Q)",
            "Border: Pass Q, wait for the Kyrgyzstan post to open",
            "Border: Pass Q",
        ]
    );
    let (wait, border) = (events[1], events[2]);
    let at = |y, m, d, h| When::At(Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap(), "".into());
    let zoned = |w: Option<When>| match w {
        Some(When::At(t, _)) => When::At(t, "".into()),
        other => panic!("a timed event: {other:?}"),
    };
    // The wait: from reaching the post, Fri 20:00 UTC+6, to its opening, Mon 09:00.
    assert_eq!(zoned(cal.when(wait, "DTSTART")), at(2026, 6, 12, 14));
    assert_eq!(zoned(cal.when(wait, "DTEND")), at(2026, 6, 15, 3));
    let why = prop(wait, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        why.contains("waits 2d 13h for it to open: the border is crossed on Mon 15 Jun 2026"),
        "{why}"
    );
    // The crossing: on Monday, from the opening of the Kyrgyz post; no source times the
    // Chinese one, so no end is invented.
    assert_eq!(zoned(cal.when(border, "DTSTART")), at(2026, 6, 15, 3));
    assert_eq!(cal.when(border, "DTEND"), None);
    // The visa is due the day before it is needed (no source gives how long it takes).
    let visa = cal
        .items
        .iter()
        .find(|c| c.name == "VTODO" && summary(c).contains("visa"))
        .expect("a to-do for the Chinese visa");
    assert_eq!(
        cal.when(visa, "DUE"),
        Some(When::Day(NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()))
    );
}

/// A copy of the fixture dataset with Pass R: a Wednesday bus from Beta passes its Kyrgyz
/// post (open till 23:00) at 20:00, reaches the Chinese post an hour later, at 23:00 Beijing
/// time, after it closed at 19:00, and queues there overnight for its 10:00 opening.
fn night_queue_at_the_second_post() -> tempfile::TempDir {
    use common::records::{crossing, service, side, weekly};
    // Vehicles queue at the Chinese post.
    let kg = side(
        "KG",
        "Beta south post",
        "beta",
        "Asia/Bishkek",
        "daily",
        "08:00-23:00",
    );
    let cn = side(
        "CN",
        "Alpha west gate",
        "alpha",
        "Asia/Shanghai",
        "daily",
        "10:00-19:00",
    );
    let pass = crossing("pass-r", "Pass R", [&kg, &(cn + "queue = true\n")]);
    let bus = service(
        "beta-alpha-night-bus",
        "Beta–Alpha bus over Pass R",
        "bus",
        &[
            r#"{ at = "beta", offset = "0h" }"#,
            r#"{ cross = "pass-r", offset = "8h", clear = "1h" }"#,
            r#"{ at = "alpha", offset = "12h" }"#,
        ],
        &weekly("Wed", "12:00", "Asia/Bishkek"),
    );
    common::with_files(&[
        ("crossings/pass-r.toml", &pass),
        ("services/pass-r.toml", &bus),
    ])
}

/// First post passed on Wednesday evening, the second reached after it closed and queued
/// at overnight: the calendar's crossing event ends on reaching the second post, on
/// Wednesday, and the night's wait is an event of its own, from reaching the post to its
/// opening on Thursday, the day of entry (not one event over the night).
#[test]
fn a_night_queue_at_the_second_post_is_an_event_of_its_own() {
    let dir = night_queue_at_the_second_post();
    let data = dir.path().to_str().expect("utf-8 path");
    let args = [
        "--data",
        data,
        "plan",
        "beta",
        "alpha",
        "--date",
        "2026-06-10",
        "--within",
        "1",
        "--passport",
        "GB",
        "--visa",
        "CN",
    ];
    let json: PlanJson = run(&[&args[..], &["--json"]].concat()).ok().json();
    let k = json
        .itineraries
        .iter()
        .position(|it| it.legs.len() == 1 && it.legs[0].service == "beta-alpha-night-bus")
        .expect("the Wednesday bus is an answer");
    let leg = &json.itineraries[k].legs[0];
    let crossing = leg.crossing.as_ref().expect("a border on the leg");
    assert_eq!(crossing.at.as_deref(), Some("2026-06-10T20:00:00+06:00"));
    assert_eq!(
        crossing.day, "2026-06-10",
        "the Kyrgyz post passed on Wednesday"
    );
    assert_eq!(
        crossing.entry_day, "2026-06-11",
        "China entered on Thursday"
    );
    // Through the Chinese post at its opening, 10:00, eleven hours after reaching it; in
    // Alpha four hours after the first post, moved by the wait.
    assert_eq!(leg.arrive, "2026-06-11T13:00:00+08:00");

    let n = (k + 1).to_string();
    let ics = Ics::write(&[&args[..], &["--itinerary", &n]].concat());
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let events: Vec<&Component> = cal.items.iter().filter(|c| c.name == "VEVENT").collect();
    let summary = |e: &Component| prop(e, "SUMMARY").unwrap().val.as_str().to_string();
    let summaries: Vec<String> = events.iter().map(|e| summary(e)).collect();
    assert_eq!(
        summaries,
        [
            "Beta → Alpha (Beta–Alpha bus over Pass R)",
            "Border: Pass R",
            "Border: Pass R, wait for the China post to open",
        ]
    );
    let (border, wait) = (events[1], events[2]);
    let at = |z: &str, d, h| {
        When::At(
            Utc.with_ymd_and_hms(2026, 6, d, h, 0, 0).unwrap(),
            z.to_string(),
        )
    };
    // The crossing: from the Kyrgyz post, Wed 20:00 UTC+6, to reaching the Chinese one an
    // hour later, Wed 23:00 Beijing time.
    assert_eq!(
        cal.when(border, "DTSTART"),
        Some(at("Asia/Bishkek", 10, 14))
    );
    assert_eq!(cal.when(border, "DTEND"), Some(at("Asia/Shanghai", 10, 15)));
    // The wait: from then to the opening, Thu 10:00 Beijing time.
    assert_eq!(cal.when(wait, "DTSTART"), Some(at("Asia/Shanghai", 10, 15)));
    assert_eq!(cal.when(wait, "DTEND"), Some(at("Asia/Shanghai", 11, 2)));
    let why = prop(wait, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        why.contains("waits 11h for it to open: China is entered on Thu 11 Jun 2026"),
        "{why}"
    );
    assert!(
        why.contains("CN post (Alpha west gate)"),
        "the post's hours: {why}"
    );
}

/// A night bus over Pass C (no source times the pass), its Pakistan post here kept on
/// Iran's clock, which left summer time on Wed 22 Sep 2021. Leaving Tue 21 Sep 2021 at 20:00
/// Beijing time, it may pass that post on the 21st (08:00–17:00 UTC+4:30) or the 22nd
/// (08:00–17:00 UTC+3:30): the border event gives that post's hours for each day, as they
/// read differently; the Chinese post's, the same both days, once.
#[test]
fn an_untimed_border_event_gives_the_hours_of_each_day_where_they_differ() {
    use common::records::{place, service, weekly};
    let places =
        place("sigma", "Sigma", "CN", "Asia/Shanghai") + &place("tau", "Tau", "PK", "Asia/Karachi");
    let bus = service(
        "sigma-tau-bus",
        "Sigma–Tau bus",
        "bus",
        &[
            r#"{ at = "sigma", offset = "0h" }"#,
            r#"{ cross = "pass-c" }"#,
            r#"{ at = "tau", offset = "14h" }"#,
        ],
        &weekly("daily", "20:00", "Asia/Shanghai"),
    );
    // Pass C's Pakistan post kept on Iran's clock, which left summer time on Wed 22 Sep 2021.
    let dir = common::broken(&[(
        "crossings/crossings.toml",
        "zone = \"Asia/Karachi\"\ndays = \"Mon-Fri\"\nhours = \"08:00-17:00\"",
        "zone = \"Asia/Tehran\"\ndays = \"Mon-Fri\"\nhours = \"08:00-17:00\"",
    )]);
    std::fs::write(dir.path().join("places/extra.toml"), places).unwrap();
    std::fs::write(dir.path().join("services/extra.toml"), bus).unwrap();
    let ics = Ics::write(&[
        "--data",
        dir.path().to_str().unwrap(),
        "plan",
        "sigma",
        "tau",
        "--date",
        "2021-09-21",
        "--within",
        "1",
        "--itinerary",
        "1",
    ]);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let border = cal
        .items
        .iter()
        .find(|c| c.name == "VEVENT" && prop(c, "UID").unwrap().val.as_str().contains("border"))
        .expect("the border event");
    let description = prop(border, "DESCRIPTION")
        .unwrap()
        .val
        .as_str()
        .to_string();
    assert!(
        description.contains("CN post (Alpha south post): Mon-Fri, 09:00–18:00 Beijing time")
            && description.contains(
                "On Tue 21 Sep 2021: PK post (Delta post): Mon-Fri, 08:00–17:00 UTC+4:30"
            )
            && description.contains(
                "On Wed 22 Sep 2021: PK post (Delta post): Mon-Fri, 08:00–17:00 UTC+3:30"
            )
            && description.matches("CN post").count() == 1
            && !description.contains(": CN post"),
        "{description}"
    );
}

/// The Kashgar–Naryn–Bishkek sleeper bus (10:00 Beijing time, Bishkek 19 h later) on a KG
/// passport: no source times Torugart, which it may reach on Mon 14 or Tue 15 Jun 2027. The
/// border's alarm rings before the first of those days (18:00 Beijing time on Sunday, the
/// first post's clock) and names both, not an hour before Monday's noon cut-off as if the
/// bus were known to cross then; the Kyrgyz border-zone permit's to-do says it is needed
/// on either day.
#[test]
fn an_untimed_border_reached_on_one_of_two_days_rings_before_the_first() {
    let ics = Ics::write(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-14",
        "--within",
        "1",
        "--passport",
        "KG",
        "--via",
        "naryn",
        "--itinerary",
        "1",
    ]);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let border = cal
        .items
        .iter()
        .find(|c| c.name == "VEVENT" && prop(c, "UID").unwrap().val.as_str().contains("border"))
        .expect("the border event");
    let day = |d: u32| Some(When::Day(NaiveDate::from_ymd_opt(2027, 6, d).unwrap()));
    assert_eq!(cal.when(border, "DTSTART"), day(14));
    assert_eq!(cal.when(border, "DTEND"), day(16));
    let alarm = border
        .components
        .iter()
        .find(|c| c.name == "VALARM")
        .expect("an alarm");
    assert_eq!(
        cal.when(alarm, "TRIGGER"),
        Some(When::At(
            Utc.with_ymd_and_hms(2027, 6, 13, 10, 0, 0).unwrap(),
            "UTC".into()
        )),
        "18:00 Beijing time the evening before the first day"
    );
    assert_eq!(
        prop(alarm, "DESCRIPTION").unwrap().val.as_str(),
        "Torugart Pass: the vehicle may reach it on Mon 14 or Tue 15 Jun 2027 (no source gives the day); be through by 12:00 Beijing time on whichever it is"
    );
    let permit = cal
        .items
        .iter()
        .find(|c| {
            c.name == "VTODO"
                && prop(c, "SUMMARY")
                    .unwrap()
                    .val
                    .as_str()
                    .contains("Kyrgyz border-zone permit")
        })
        .expect("the permit's to-do");
    assert_eq!(cal.when(permit, "DUE"), day(13));
    let description = prop(permit, "DESCRIPTION").unwrap().val.as_str();
    assert!(
        description.contains(
            "needed on Mon 14 or Tue 15 Jun 2027 (no source gives the day: it must be valid on both)"
        ) && description.contains(
            "Needed on Mon 14 or Tue 15 Jun 2027, the day not known: by the first, valid to the last."
        ),
        "{description}"
    );
}

/// A post's lunch break reads as its hours do, the clock named once at the end: "closed
/// for lunch 13:00–16:00 Beijing time" (the Irkeshtam bus of the README's headline trip).
#[test]
fn a_lunch_break_names_its_clock_once() {
    let ics = Ics::write(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-13",
        "--passport",
        "GB",
        "--itinerary",
        "2",
    ]);
    let unfolded = unfold(&ics.text);
    assert!(
        unfolded.contains("closed for lunch 13:00–16:00 Beijing time"),
        "{unfolded}"
    );
    assert!(!unfolded.contains("13:00 Beijing time–"), "{unfolded}");
}

/// Two journeys that leave at the same moment (the Kashgar agency car to Bishkek and the
/// Dushanbe shared 4WD to Khorog, both from 01:00 UTC on 12 January 2027) imported into one
/// calendar keep every event and to-do of both: no component of one has the UID of a
/// component of the other, so neither import overwrites the other's. Writing a file again
/// gives the same UIDs, so importing it again updates its events instead of doubling them.
#[test]
fn two_journeys_leaving_at_the_same_moment_never_share_a_uid() {
    let uids = |args: &[&str]| -> Vec<String> {
        let ics = Ics::write(args);
        let unfolded = unfold(&ics.text);
        let cal = parse(&unfolded);
        cal.items
            .iter()
            .map(|c| prop(c, "UID").unwrap().val.as_str().to_string())
            .collect()
    };
    let kashgar = [
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-01-12",
        "--within",
        "1",
        "--passport",
        "GB",
    ];
    let dushanbe = [
        "plan",
        "dushanbe",
        "khorog",
        "--date",
        "2027-01-12",
        "--within",
        "1",
        "--passport",
        "GB",
        "--visa",
        "TJ",
        "--permit",
        "gbao",
    ];
    let depart = |args: &[&str]| -> String {
        let mut a = args.to_vec();
        a.push("--json");
        let j: PlanJson = run(&a).ok().json();
        j.itineraries[0].depart.clone()
    };
    assert_eq!(
        instant(&depart(&kashgar)),
        instant(&depart(&dushanbe)),
        "the two journeys leave at the same moment"
    );
    let (a, b) = (uids(&kashgar), uids(&dushanbe));
    assert!(a.len() >= 3 && !b.is_empty(), "{a:?} {b:?}");
    for u in &a {
        assert!(!b.contains(u), "{u} is in both files: {a:?} {b:?}");
    }
    assert_eq!(a, uids(&kashgar), "the same itinerary keeps its UIDs");
}

/// The agency car to Bishkek runs on demand: its 09:00 is the time the plan chose to fit the
/// Torugart hours, not a timetable's. The event says so in its summary and description (the
/// plan's "on demand: a time to arrange"), and the to-do to book it names the time to ask
/// the agency for; a timetabled bus's event says nothing of the kind.
#[test]
fn an_agency_cars_time_is_one_to_arrange_not_a_timetable() {
    let ics = Ics::write(KASHGAR_BISHKEK);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let text = |c: &Component, name: &str| {
        prop(c, name)
            .unwrap()
            .val
            .as_str()
            .replace("\\n", "\n")
            .replace("\\;", ";")
            .replace("\\,", ",")
    };
    let leg = cal.items.iter().find(|c| c.name == "VEVENT").unwrap();
    assert_eq!(
        text(leg, "SUMMARY"),
        "Kashgar → Bishkek (Agency transfer Kashgar–Torugart–Bishkek (change of car at the pass); on demand: a time to arrange)"
    );
    assert!(
        text(leg, "DESCRIPTION").starts_with(
            "On demand: no timetable; 09:00 Beijing time is the time this plan chose to fit the border hours. Arrange it with the agency.\n"
        ),
        "{}",
        text(leg, "DESCRIPTION")
    );
    let book = cal
        .items
        .iter()
        .find(|c| c.name == "VTODO" && text(c, "SUMMARY").starts_with("Book Agency transfer"))
        .expect("a to-do to book the car");
    assert!(
        text(book, "DESCRIPTION").starts_with(
            "Arranged on demand through an agency. This plan leaves Mon 15 Jun 2026 at 09:00 Beijing time: ask the agency for that time.\n"
        ),
        "{}",
        text(book, "DESCRIPTION")
    );
    // The Tashkurgan–Kashgar bus keeps a timetable: no "time to arrange" on it.
    let ics = Ics::write(&[
        "plan",
        "islamabad",
        "kashgar",
        "--date",
        "2027-06-15",
        "--passport",
        "GB",
    ]);
    let unfolded = unfold(&ics.text);
    let cal = parse(&unfolded);
    let bus = cal
        .items
        .iter()
        .find(|c| c.name == "VEVENT" && text(c, "SUMMARY").starts_with("Tashkurgan → Kashgar"))
        .expect("the Tashkurgan bus");
    assert!(!text(bus, "SUMMARY").contains("on demand"));
    assert!(!text(bus, "DESCRIPTION").contains("On demand"));
}
