//! `plan FROM TO --month YYYY-MM`: each departure day marked by whether the journey works
//! and when it arrives, with the day's reason when it does not; the same answers as a
//! one-day `plan` for that date.

mod common;
use common::run;

// The strict structs of the JSON contract (tests/common/json.rs).
use common::json::PlanMonthJson as Month;

#[test]
fn june_from_kashgar_to_bishkek_works_on_weekdays_but_not_the_dragon_boat_festival() {
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2026-06",
        // Not through China by Urumqi and Khorgos, which works every day.
        "--avoid",
        "khorgos",
    ])
    .ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "Kashgar → Bishkek, departures in June 2026");
    assert_eq!(lines[1], " Mon  Tue  Wed  Thu  Fri  Sat  Sun");
    assert_eq!(lines[2], "  1o   2o   3o   4o   5o   6x   7x");
    assert_eq!(lines[4], " 15o  16o  17o  18o  19x  20x  21x");
    assert_eq!(
        r.stdout.matches("closed on Saturdays and Sundays").count(),
        1
    );
    assert!(!r.stdout.contains("Sat 13 Jun  no"), "{}", r.stdout);
    r.stdout_has(
        "Mon 15 Jun  leave Mon 15 Jun 09:00 Beijing time, arrive Mon 15 Jun at the earliest (time not known)\n",
    )
    // Each reason for "no" is said once, with the days it applies to, not on every day.
    .stdout_has(
        "\nNo itinerary leaving:\n- Sat 6 – Sun 7 Jun, Sat 13 – Sun 14 Jun, Sat 20 – Sun 21 Jun, Sat 27 – Sun 28 Jun: Torugart Pass is closed on Saturdays and Sundays\n",
    )
    .stdout_has(
        "- Fri 19 Jun: Torugart Pass: Dragon Boat Festival was a China public holiday; no notice confirmed a closure\n",
    );

    let m: Month = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2026-06",
        "--avoid",
        "khorgos",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(
        (m.from.as_str(), m.to.as_str(), m.month.as_str()),
        ("kashgar", "bishkek", "2026-06")
    );
    assert_eq!(m.days.len(), 30);
    // Each day agrees with a one-day plan for that date.
    for d in m
        .days
        .iter()
        .filter(|d| ["2026-06-15", "2026-06-19"].contains(&d.date.as_str()))
    {
        let (one, _) = common::plan_json(
            None,
            &[
                "kashgar",
                "bishkek",
                "--passport",
                "GB",
                "--date",
                &d.date,
                "--within",
                "1",
                "--avoid",
                "khorgos",
            ],
        );
        let its = &one.itineraries;
        assert_eq!(d.works, !its.is_empty(), "{d:?}");
        if d.works {
            assert_eq!(d.time_known, Some(true));
            assert!(d.reason.is_none());
            let earliest = its.iter().map(|i| i.arrive.as_str()).min();
            assert_eq!(d.arrive.as_deref(), earliest);
            assert!(d.depart.is_some());
        } else {
            // 19 June: the Dragon Boat Festival closes the Chinese post.
            let why = d.reason.as_ref().expect("a reason");
            assert!(d.depart.is_none());
            assert_eq!(why.crossing.as_deref(), Some("torugart"), "{why:?}");
            let closed = why.closed.as_ref().expect("a closure");
            assert_eq!(
                (closed.country.as_deref(), closed.holiday.as_deref()),
                (Some("CN"), Some("Dragon Boat Festival"))
            );
        }
    }
}

#[test]
fn a_month_with_no_working_day_exits_1_and_month_excludes_date() {
    run(&[
        "plan",
        "kashgar",
        "sust",
        "--passport",
        "GB",
        "--visa",
        "PK",
        "--month",
        "2026-12",
    ])
    .code(1)
    .stdout_has(
        "\nNo itinerary leaving:\n- Tue 1 – Thu 31 Dec: Khunjerab Pass is closed for the winter from 1 Dec",
    );
    run(&[
        "plan",
        "kashgar",
        "sust",
        "--month",
        "2026-12",
        "--date",
        "2026-12-01",
    ])
    .code(2);
    run(&["plan", "kashgar", "sust", "--month", "2026-13"])
        .code(2)
        .stderr_has("2026-13");
}

#[test]
fn a_day_whose_first_leg_is_timetabled_shows_its_departure_even_when_the_arrival_is_not_known() {
    // Saturday 9 Oct 2027: Torugart is shut for the weekend, so the day's journey is the
    // 23:36 train to Urumqi, the next evening's sleeper bus to Khorgos and buses and shared
    // taxis on through Kazakhstan, whose times no source fixes (each planned from the latest
    // the one before may arrive, so it reaches Bishkek on Tuesday at the earliest). The
    // train's departure is a timetable's; only the arrival is not known. It read "leave
    // (time not known)".
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2027-10",
    ])
    .ok();
    r.stdout_has(
        "Sat 9 Oct   leave Sat 9 Oct 23:36 Beijing time, arrive Tue 12 Oct at the earliest (time not known)\n",
    )
    .stdout_has("Mon 11 Oct  leave Mon 11 Oct 09:00 Beijing time, arrive Mon 11 Oct at the earliest (time not known)\n")
    .stdout_lacks("leave (time not known)");

    let m: Month = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2027-10",
        "--json",
    ])
    .ok()
    .json();
    let sat = m.days.iter().find(|d| d.date == "2027-10-09").unwrap();
    assert_eq!(sat.depart.as_deref(), Some("2027-10-09T23:36:00+08:00"));
    assert_eq!(sat.depart_known, Some(true));
    assert_eq!(sat.time_known, Some(false));
    let mon = m.days.iter().find(|d| d.date == "2027-10-11").unwrap();
    // The agency car leaves when booked, its arrival in Bishkek not known.
    assert_eq!(
        (mon.depart_known, mon.time_known, mon.arrive_known),
        (Some(true), Some(true), Some(false))
    );
    let closed = m.days.iter().find(|d| d.date == "2027-10-01").unwrap();
    assert_eq!(closed.depart_known, None);
}

/// Each day of the month shows the answer a one-day plan for that date shows first, not
/// merely the one whose arrival is earliest: Omega to Psi, a coach leaving at 08:00 and
/// arriving at 14:00 ranks above a 07:00 bus whose arrival no source gives (its earliest
/// possible arrival is sooner, but not known). Pinned as text and as JSON, and checked
/// against one-day plans on the embedded data too.
#[test]
fn each_day_shows_the_answer_a_one_day_plan_shows_first() {
    use common::records::{place, service, weekly};
    let places = place("omega", "Omega", "CN", "Asia/Shanghai")
        + &place("psi", "Psi", "CN", "Asia/Shanghai");
    let coach = service(
        "omega-psi-coach",
        "Omega–Psi coach",
        "bus",
        &[
            r#"{ at = "omega", offset = "0h" }"#,
            r#"{ at = "psi", offset = "6h" }"#,
        ],
        &weekly("daily", "08:00", "Asia/Shanghai"),
    );
    let bus = service(
        "omega-psi-bus",
        "Omega–Psi bus (arrival not known)",
        "bus",
        &[r#"{ at = "omega", offset = "0h" }"#, r#"{ at = "psi" }"#],
        &weekly("daily", "07:00", "Asia/Shanghai"),
    );
    let dir = common::with_files(&[
        ("places/extra.toml", &places),
        ("services/extra.toml", &(coach + &bus)),
    ]);
    let data = dir.path().to_str().expect("utf-8 path");
    let month = ["--data", data, "plan", "omega", "psi", "--month", "2026-06"];
    run(&month).ok().stdout_has(
        "Mon 15 Jun  leave Mon 15 Jun 08:00 Beijing time, arrive Mon 15 Jun 14:00 Beijing time\n",
    );
    let m: Month = run(&[&month[..], &["--json"]].concat()).ok().json();
    for date in ["2026-06-01", "2026-06-15", "2026-06-30"] {
        let day = m.days.iter().find(|d| d.date == date).expect("the day");
        let (one, _) = common::plan_json(
            Some(dir.path()),
            &["omega", "psi", "--date", date, "--within", "1"],
        );
        assert_eq!(one.itineraries.len(), 2, "{date}: both are offered");
        let first = &one.itineraries[0];
        assert_eq!(first.services(), ["omega-psi-coach"], "{date}");
        assert_eq!(
            (day.depart.as_deref(), day.arrive.as_deref()),
            (Some(first.depart.as_str()), Some(first.arrive.as_str())),
            "{date}"
        );
        assert_eq!(day.arrive_known, Some(true), "{date}");
    }

    // The embedded data: Bishkek to Almaty, where the marshrutka that leaves when full
    // (about 5 hours) ranks above the 08:00 bus whose arrival no source gives; the month
    // showed the bus.
    let m: Month = run(&[
        "plan",
        "bishkek",
        "almaty",
        "--passport",
        "GB",
        "--month",
        "2027-06",
        "--json",
    ])
    .ok()
    .json();
    for date in ["2027-06-01", "2027-06-05", "2027-06-30"] {
        let day = m.days.iter().find(|d| d.date == date).expect("the day");
        let (one, _) = common::plan_json(
            None,
            &[
                "bishkek",
                "almaty",
                "--passport",
                "GB",
                "--date",
                date,
                "--within",
                "1",
            ],
        );
        let first = one.itineraries.first().expect("a journey that day");
        assert_eq!(
            (day.depart.as_deref(), day.arrive.as_deref()),
            (Some(first.depart.as_str()), Some(first.arrive.as_str())),
            "{date}"
        );
    }
}

/// After a ride on the way whose arrival no source gives (the Bishkek–Almaty bus), the
/// month says the arrival is only the earliest, as the day's own plan does, not the
/// Urumqi–Kashgar train's 03:47 as if the whole chain were timed.
#[test]
fn an_arrival_after_an_untimed_ride_on_the_way_is_the_earliest() {
    let args = [
        "plan",
        "bishkek",
        "kashgar",
        "--passport",
        "GB",
        "--visa",
        "CN",
        "--month",
        "2027-06",
    ];
    run(&args).ok().stdout_has(
        "Fri 4 Jun   leave Fri 4 Jun 08:00 UTC+6, arrive Mon 7 Jun at the earliest (time not known)\n",
    );
    let mut json = args.to_vec();
    json.push("--json");
    let m: Month = run(&json).ok().json();
    let day = m.days.iter().find(|d| d.date == "2027-06-04").unwrap();
    assert!(day.works, "{day:?}");
    assert_eq!(day.arrive_known, Some(false), "{day:?}");
}

/// Kashgar to Sust in April 2027: every journey leaving on Saturday 3 April waits on the
/// way for a connection that leaving on Monday 5 April still catches, so the day says to
/// leave on Monday instead, written as every other day of the month is: without the year
/// the title names.
#[test]
fn the_day_to_leave_instead_reads_like_the_months_other_days() {
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--passport",
        "GB",
        "--month",
        "2027-04",
    ])
    .ok();
    assert!(!r.stdout.contains("Apr 2027 instead"), "{}", r.stdout);
    r.stdout_has("Kashgar → Sust, departures in April 2027\n")
        .stdout_has(
            "\n- Sat 3 Apr: leave on Mon 5 Apr instead, as every journey leaving then waits",
        )
        .stdout_has("\nMon 5 Apr   leave Mon 5 Apr 11:00 Beijing time,");
}

#[test]
fn a_day_names_every_route_it_stopped_and_a_rule_with_no_dates_is_said_once() {
    // Leaving on a Saturday in November without a Pakistani visa (--held-only): the missing
    // visa and the weekend closure of Khunjerab both stop that day's rides; a Monday's rides
    // meet the weekend only days later, which does not close the Monday.
    run(&[
        "plan",
        "kashgar",
        "sust",
        "--passport",
        "GB",
        "--held-only",
        "--month",
        "2027-11",
    ])
    .code(1)
    .stdout_has(
        "\nNo itinerary leaving:\n- Mon 1 – Tue 30 Nov: Pakistan: a visa is needed for a GB passport and is not held (--held-only); pass --visa PK if you hold one\n- Sat 6 – Sun 7 Nov, Sat 13 – Sun 14 Nov, Sat 20 – Sun 21 Nov, Sat 27 – Sun 28 Nov: Khunjerab Pass is closed on Saturdays and Sundays\n- Tue 9 Nov: Khunjerab Pass: expected closure for Iqbal Day (Pakistan public holiday; not yet announced)\n",
    );
    // The bus foreigners may not take is no reason to pick another day: said once, apart.
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2027-10",
    ])
    .ok();
    assert_eq!(r.stdout.matches("does not take foreign").count(), 1);
    r.stdout_has(
        "- Fri 1 Oct: Torugart Pass: expected closure for National Day (China public holiday; not yet announced)\n",
    )
    .stdout_has(
        "\nWhatever the day:\n- Kashgar–Naryn–Bishkek international sleeper bus (via Torugart) does not take foreign passengers\n",
    );
    // JSON gives each day's reasons as that day's own plan does.
    let m: Month = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--passport",
        "GB",
        "--month",
        "2027-10",
        "--json",
    ])
    .ok()
    .json();
    let oct1 = &m.days[0];
    let (one, _) = common::plan_json(
        None,
        &[
            "kashgar",
            "bishkek",
            "--passport",
            "GB",
            "--date",
            "2027-10-01",
            "--within",
            "1",
        ],
    );
    let texts = |rs: &[common::json::ReasonJson]| -> Vec<String> {
        rs.iter().map(|r| r.text.clone()).collect()
    };
    assert_eq!(texts(&oct1.reasons), texts(&one.reasons));
    assert_eq!(oct1.reasons.len(), 2, "{:?}", oct1.reasons);
    assert!(m
        .days
        .iter()
        .filter(|d| d.works)
        .all(|d| d.reasons.is_empty()));
}
