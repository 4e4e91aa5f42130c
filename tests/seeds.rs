//! The seed documents' facts, end to end on the embedded dataset: what a traveller who read
//! the guidebook page, the forum thread and the blog post would expect to see.

mod common;
use common::json::{BaggageJson, ClosedFor, HoursJson, HoursMonthJson, ItineraryJson, PlanJson};
use common::run;

/// `plan … --json` on the embedded dataset, decoded into the strict contract
/// (tests/common/json.rs), and its exit code.
fn plan_json(args: &[&str]) -> (PlanJson, i32) {
    common::plan_json(None, args)
}

/// The id of the crossing a leg passes, if any.
fn crossing(it: &ItineraryJson, leg: usize) -> Option<&str> {
    it.legs[leg].crossing.as_ref().map(|c| c.id.as_str())
}

/// Seed 000: Torugart is open Monday to Friday, must be crossed before noon, and foreigners
/// may not use public transport over it: from Kashgar on a Saturday the answer is an agency
/// car on Monday morning.
#[test]
fn kashgar_to_bishkek_on_a_saturday_goes_by_agency_car_on_monday() {
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2026-06-13",
        "--passport",
        "GB",
    ])
    .ok();
    // The first itinerary's header, its border pass in each post's clock, and the notes
    // (given once for the whole answer) that concern it.
    assert!(
        r.stdout
            .contains("1. Kashgar Mon 15 Jun 09:00 Beijing time → Bishkek Mon 15 Jun at the earliest, time not known;"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            // The drive between is timed northbound (about 3 h, 2009) but no source
            // times the clearing: the second post's time is a lower bound and says so.
            .contains("Torugart Pass: China post 10:00 Beijing time, Kyrgyzstan post 11:00 UTC+6 at the earliest\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "Torugart Pass, Mon-Fri: China post 10:00–17:00 Beijing time, through by 12:00"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("- [all] Kyrgyzstan: visa-free for 60 days on a GB passport"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("many people keep Xinjiang time (UTC+6)"),
        "{}",
        r.stdout
    );

    let (p, code) = plan_json(&[
        "kashgar",
        "bishkek",
        "--date",
        "2026-06-13",
        "--passport",
        "GB",
    ]);
    assert_eq!(code, 0);
    for it in &p.itineraries {
        // Never over Torugart on a weekend (a route through Urumqi and Khorgos may leave on
        // Saturday), and never on the public bus a foreigner may not take.
        let torugart = (0..it.legs.len()).any(|k| crossing(it, k) == Some("torugart"));
        assert!(!torugart || it.depart.as_str() >= "2026-06-15", "{it:?}");
        assert!(!it.services().contains(&"kashgar-bishkek-bus"), "{it:?}");
    }
    let first = &p.itineraries[0];
    assert_eq!(crossing(first, 0), Some("torugart"));
    assert_eq!(
        first.legs[0].crossing.as_ref().unwrap().at.as_deref(),
        Some("2026-06-15T10:00:00+08:00")
    );
    // No source gives the agency car's arrival in Bishkek: the plan does not make one up.
    assert!(!first.legs[0].arrive_known);
    assert_eq!(first.legs[0].mode, "agency-car");
}

/// Seed 000: the Torugart post closes on Saturdays and Sundays.
#[test]
fn hours_on_a_saturday_shows_torugart_closed_for_the_weekend_with_its_next_opening() {
    let r = run(&["hours", "torugart", "--date", "2026-06-13"]).ok();
    assert!(
        r.stdout.contains(
            "On Sat 13 Jun: closed on Saturdays and Sundays; next opens Mon 15 Jun 10:00 UTC+6\n"
        ),
        "{}",
        r.stdout
    );
    // Open means both posts open: the Kyrgyz post opens at 10:00 Kyrgyz time, 12:00 in Beijing.
    assert!(r.stdout.contains("Mon 15 Jun 10:00 UTC+6"), "{}", r.stdout);
    let j: HoursJson = run(&["hours", "--date", "2026-06-13", "--json"])
        .ok()
        .json();
    let t = j.crossings.iter().find(|c| c.id == "torugart").unwrap();
    let day = t.on_date.as_ref().unwrap();
    assert!(!day.open);
    let closed = day.closed.as_ref().unwrap();
    assert_eq!(closed.cause, ClosedFor::Weekday);
    assert_eq!(
        closed.weekdays.as_deref(),
        Some(&["Sat".to_string(), "Sun".to_string()][..])
    );
    assert_eq!(day.text, "Torugart Pass is closed on Saturdays and Sundays");
    assert_eq!(day.next_open.as_deref(), Some("2026-06-15T10:00:00+06:00"));
    assert_eq!(t.countries, ["CN", "KG"]);
}

/// Seed 000 and the research: both sides close for national holidays; October's Golden
/// Week shows, with the holiday's name, as a forecast until a notice is recorded; once past
/// (today is in November 2026), as a holiday no notice confirmed.
#[test]
fn torugart_october_calendar_names_the_national_day_closure() {
    let r = run(&["hours", "torugart", "--month", "2026-10"]).ok();
    assert!(r.stdout.contains("  1H   2H   3H   4w"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "Thu 1 Oct: National Day was a China public holiday; no notice confirmed a closure\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour when NO_COLOR is set"
    );
}

/// Seed 000 had the Irkeshtam bus on Mondays and Thursdays for US$50; a May 2025 traveller
/// reports it every Monday for 595 yuan and gives no time, so the plan offers Monday's bus
/// with its departure time unknown, and a Tuesday start waits for the next Monday.
#[test]
fn kashgar_to_osh_takes_the_monday_bus_over_irkeshtam() {
    let (p, code) = plan_json(&["kashgar", "osh", "--date", "2026-06-13", "--passport", "GB"]);
    assert_eq!(code, 0);
    let bus = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["kashgar-osh-bus"])
        .expect("the bus is offered");
    let leg = &bus.legs[0];
    assert!(leg.depart.starts_with("2026-06-15T"), "{leg:?}");
    assert!(!leg.time_known, "no source gives the 2025 time");
    let fare = leg.fare.as_ref().unwrap();
    assert_eq!(fare.amount.to_string(), "595");
    assert_eq!(fare.currency, "CNY");
    assert_eq!(crossing(bus, 0), Some("irkeshtam"));
    // A Tuesday start waits for the next Monday's bus.
    let (p, _) = plan_json(&[
        "kashgar",
        "osh",
        "--date",
        "2026-06-16",
        "--passport",
        "GB",
        "--max",
        "30",
    ]);
    let bus = p
        .itineraries
        .iter()
        .find(|it| it.services() == ["kashgar-osh-bus"])
        .unwrap();
    assert!(bus.depart.starts_with("2026-06-22T"), "{bus:?}");
}

/// Seed 000: Khunjerab closes for the winter and third-country nationals must arrange the
/// Pakistani visa before reaching the border.
#[test]
fn kashgar_to_sust_in_december_is_refused_for_winter_and_the_visa() {
    let r = run(&[common::KASHGAR_SUST_IN_WINTER, &["--held-only"]].concat()).code(1);
    assert!(
        r.stdout
            .contains("Khunjerab Pass is closed for the winter from 1 Dec; it reopens 1 Apr"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "Pakistan: a visa is needed for a GB passport and is not held (--held-only); pass --visa PK if you hold one"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "- With a visa for Pakistan (--visa PK): earliest departure Wed 31 Mar 2027\n"
        ),
        "the fix and its effect: {}",
        r.stdout
    );
    assert!(
        r.stdout.contains("disputed season"),
        "the contested season is shown: {}",
        r.stdout
    );
    // With the visa, the first possible day is the spring reopening.
    let (p, code) = plan_json(&[
        "kashgar",
        "sust",
        "--date",
        "2026-12-10",
        "--passport",
        "GB",
        "--visa",
        "PK",
    ]);
    assert_eq!(code, 1);
    // The bus spends a night in Tashkurgan, so leaving Kashgar on 31 March crosses on 1 April.
    assert_eq!(p.earliest.as_deref(), Some("2027-03-31"), "{p:?}");
    assert!(p.itineraries.is_empty());
}

/// Seed 000: ¥290 buses to Sust, and every kilo over 20 kg is charged on international buses.
#[test]
fn baggage_to_sust_shows_six_kilos_over_the_twenty_kilo_allowance() {
    let r = run(&["baggage", "--from", "kashgar", "--to", "sust", "--kg", "26"]).ok();
    assert!(r.stdout.contains("kashgar-sust-bus"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("6 kg over the allowance; what the excess costs is not known"),
        "{}",
        r.stdout
    );
    // The per-kilo charge is what the seed says of Kashgar's international buses: shown
    // as that service's rule, with its source.
    assert!(r.stdout.contains("every kilo over 20 kg"), "{}", r.stdout);
    let j: BaggageJson = run(&[
        "baggage", "--from", "kashgar", "--to", "sust", "--kg", "26", "--json",
    ])
    .ok()
    .json();
    for s in &j.services {
        assert_eq!(s.free_kg, Some(20), "{s:?}");
        assert_eq!(
            s.excess_kg.as_ref().map(|k| k.to_string()).as_deref(),
            Some("6")
        );
        assert!(s.rate.is_none(), "no source gives the rate");
        assert!(s.fee.is_none());
    }
    let sust = j
        .services
        .iter()
        .find(|s| s.service == "kashgar-sust-bus")
        .unwrap();
    assert_eq!(sust.case, common::json::BaggageCase::RateUnknown);
    assert_eq!(sust.status, common::json::BaggageStatus::FeeUnknown);
    assert!(sust.text.contains("6 kg over"));
}

/// Seed 002: the daily 07:00 Almaty–Urumqi sleeper bus, 16,000 tenge, about 20 hours,
/// arriving early next morning; Almaty keeps UTC+5, the Chinese side Beijing time.
#[test]
fn almaty_to_urumqi_by_the_daily_bus_across_three_hours_of_zones() {
    let r = run(&["plan", "almaty", "urumqi", "--date", "2026-06-16"]).ok();
    assert!(r.stdout.contains("Tue 16 Jun 07:00 UTC+5"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Wed 17 Jun 06:00 Beijing time"),
        "{}",
        r.stdout
    );
    let explained = run(&[
        "plan",
        "almaty",
        "urumqi",
        "--date",
        "2026-06-16",
        "--explain",
    ])
    .ok();
    assert!(
        explained.stdout.contains("16,000 KZT per person"),
        "{}",
        explained.stdout
    );
    // The suspended train this way is named; the one the other way (K9795, Urumqi to
    // Almaty) is no news to this traveller.
    assert!(
        r.stdout.contains(
            "Almaty-2–Urumqi international train (train 53 / K9796 in the guide) is suspended; it was not used"
        ),
        "the suspended train is named: {}",
        r.stdout
    );
    assert!(!r.stdout.contains("(K9795)"), "{}", r.stdout);
    let (p, _) = plan_json(&["almaty", "urumqi", "--date", "2026-06-16"]);
    let it = &p.itineraries[0];
    assert_eq!(it.depart, "2026-06-16T07:00:00+05:00");
    assert_eq!(it.arrive, "2026-06-17T06:00:00+08:00");
    assert_eq!(crossing(it, 0), Some("khorgos"));
}

/// Seed 001: a Kyrgyz border permit for cycling the Torugart approach, organised by the agency.
#[test]
fn the_torugart_permits_are_named_on_the_crossing() {
    let r = run(&["hours", "torugart"]).ok();
    assert!(
        r.stdout
            .contains("Permits: Chinese permit for the Torugart crossing"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Kyrgyz border-zone permit"),
        "{}",
        r.stdout
    );
}

/// A Chinese national holiday closes the Chinese posts: on 1 October the Irkeshtam bus day
/// (Thursday) is lost.
#[test]
fn a_chinese_national_holiday_date_moves_the_journey() {
    let (p, code) = plan_json(&[
        "kashgar",
        "osh",
        "--date",
        "2026-10-01",
        "--within",
        "3",
        "--passport",
        "GB",
        // Not the long way round by Urumqi and Khorgos.
        "--avoid",
        "khorgos",
    ]);
    assert_eq!(code, 1, "{p:?}");
    assert!(
        p.reasons.iter().any(|r| r.closed.as_ref().is_some_and(|c| {
            c.cause == ClosedFor::Holiday
                && c.holiday
                    .as_deref()
                    .is_some_and(|h| h.contains("National Day"))
        })),
        "{p:?}"
    );
}

#[test]
fn the_embedded_dataset_is_valid_and_sourced() {
    let r = run(&["check"]).ok();
    assert!(r.stdout.starts_with("dataset OK"));
    assert!(r
        .stdout
        .contains("verified records not checked in the last 12 months: 0"));
    // A service is marked running only on a source from the last three years.
    assert!(
        r.stdout
            .contains("services marked running without a source from the last three years: 0"),
        "{}",
        r.stdout
    );
    // The count of verified records is the data's: the records (crossings, services,
    // places, permits) and those of them carrying a `verified` day, counted in the files.
    // Verification is per record, not a bulk date: they carry more than one day.
    let (mut records, mut verified) = (0, 0);
    let mut days = std::collections::BTreeSet::new();
    for (dir, header) in [
        ("crossings", "[[crossing]]"),
        ("services", "[[service]]"),
        ("places", "[[place]]"),
        ("permits", "[[permit]]"),
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(dir);
        for entry in std::fs::read_dir(&path).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for l in text.lines() {
                if l.trim_end() == header {
                    records += 1;
                }
                if let Some(day) = l.strip_prefix("verified = ") {
                    verified += 1;
                    days.insert(day.trim().to_string());
                }
            }
        }
    }
    assert!(
        r.stdout.contains(&format!(
            "\nrecords verified (a confirming source checked on a stated day): {verified} of {records}\n"
        )),
        "{}",
        r.stdout
    );
    assert!(days.len() > 1, "{days:?}");
}

/// `check` lists, by name, records whose newest source is older than three years.
#[test]
fn check_lists_records_whose_newest_source_is_old() {
    let r = run(&["check"]).ok();
    assert!(r
        .stdout
        .contains("records by the age of their newest source"));
    // The Sost–Gilgit vans rest on a 2009 fare report only.
    assert!(
        r.stdout
            .contains("- service sust-gilgit-wagon: newest source 2009-03-12"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_month_calendar_as_json_names_each_closed_day() {
    let j: HoursMonthJson = run(&["hours", "torugart", "--month", "2026-10", "--json"])
        .ok()
        .json();
    let days = &j.days;
    assert_eq!(days.len(), 31);
    assert_eq!(days[0].date, "2026-10-01");
    assert!(!days[0].open);
    let holiday = days[0].closed.as_ref().and_then(|c| c.holiday.as_deref());
    let text = days[0].text.as_deref().unwrap_or_default();
    assert!(
        holiday.is_some_and(|h| h.contains("National Day")) && text.contains("National Day"),
        "{:?}",
        days[0]
    );
    let day = |date: &str| days.iter().find(|d| d.date == date).unwrap();
    let sat = day("2026-10-17");
    assert_eq!(
        sat.closed.as_ref().map(|c| c.cause),
        Some(ClosedFor::Weekday)
    );
    // Saturday 10 Oct is a Chinese make-up working day, and past notices show Torugart
    // working on one: the forecast opens it.
    let makeup = day("2026-10-10");
    assert!(makeup.open, "{makeup:?}");
    // Tuesday 6 Oct is a bridge day off, which recent notices left open.
    let bridge = day("2026-10-06");
    assert!(bridge.open, "{bridge:?}");
    let monday = day("2026-10-12");
    assert!(monday.open);
    assert!(monday.closed.is_none());
}

/// No source gives when the Kashgar–Gilgit bus (night in Tashkurgan) reaches Sust: the
/// header's day (the day after it leaves, for the night on the way) is only the earliest it
/// could be, and says so.
#[test]
fn an_unknown_arrival_says_its_day_is_the_earliest() {
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-10-06",
        "--within",
        "1",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout.contains(
            "2. Kashgar Wed 6 Oct 2027 15:00 Beijing time → Sust Thu 7 Oct 2027 at the earliest, time not known;"
        ),
        "{}",
        r.stdout
    );
    // The border line names the day the bus crosses, after its night in Tashkurgan; and
    // the visa is needed from that day.
    assert!(
        r.stdout.contains(
            "     Khunjerab Pass: China post, Pakistan post (on Thu 7 Oct 2027, times not known)\n"
        ),
        "{}",
        r.stdout
    );
}

/// A drive between the posts timed in one direction is not used for the other. Irkeshtam's
/// 1.5 h from the Kyrgyz post to the Chinese control is a report of going into China: the
/// Osh bus reaches the Chinese post after it (and the Kyrgyz post's 15 minutes), a time the
/// plan gives as its own; leaving China, a 2019 report of about 2 h applies instead (with
/// no time for clearing the Chinese post, the Kyrgyz one is "at the earliest"). Torugart
/// has a time each way: 1.5 h into China (2016), 3 h out of it (2009).
#[test]
fn a_drive_between_the_posts_is_used_only_in_the_direction_it_was_reported() {
    let cases = [
        (
            "osh",
            "kashgar",
            "Irkeshtam Pass: Kyrgyzstan post about 09:00 UTC+6, China post about 12:45 Beijing time\n",
        ),
        (
            "kashgar",
            "osh",
            "Irkeshtam Pass: China post 12:00 Beijing time, Kyrgyzstan post 12:00 UTC+6 at the earliest\n",
        ),
        (
            "naryn",
            "kashgar",
            "Torugart Pass: Kyrgyzstan post 10:00 UTC+6, China post 13:30 Beijing time at the earliest\n",
        ),
    ];
    for (from, to, border) in cases {
        let r = run(&["plan", from, to, "--date", "2027-06-14", "--passport", "GB"]).ok();
        assert!(r.stdout.contains(border), "{from} → {to}:\n{}", r.stdout);
    }
}

/// The dispute about Torugart's drive between the posts is about the drive out of China (the
/// Chinese post first): a traveller going that way is told it is disputed, one going into
/// China (1.5 h, a single report) is not, and the card marks only that direction.
#[test]
fn a_dispute_about_the_drive_one_way_is_shown_only_that_way() {
    let plan = |from: &str, to: &str| {
        run(&["plan", from, to, "--date", "2027-06-14", "--passport", "GB"])
            .ok()
            .stdout
    };
    let out_of_china = plan("kashgar", "naryn");
    assert!(
        out_of_china.contains("disputed hours, drive between the posts and rule for foreigners\n"),
        "{out_of_china}"
    );
    let into_china = plan("naryn", "kashgar");
    assert!(
        into_china.contains(
            "Torugart Pass, Mon-Fri: Kyrgyzstan post 10:00–17:00 UTC+6, through by 12:00; China post 10:00–17:00 Beijing time; 3,752 m: snow even in summer; reached 10:00 UTC+6, 2h before the cut-off; disputed hours and rule for foreigners\n"
        ),
        "{into_china}"
    );
    assert!(!into_china.contains("drive between"), "{into_china}");
    // --explain gives the dispute's versions only where the plan names it.
    let explain = |from: &str, to: &str| {
        run(&[
            "plan",
            from,
            to,
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
            "--explain",
        ])
        .ok()
        .stdout
    };
    assert!(explain("kashgar", "naryn").contains("disputed drive between the posts: Northbound"));
    assert!(!explain("naryn", "kashgar").contains("drive between the posts"));
    // With no itinerary (a Saturday, the other crossings avoided), the disputes behind the
    // reasons follow the direction the blocked rides took.
    let blocked = |from: &str, to: &str| {
        run(&[
            "plan",
            from,
            to,
            "--date",
            "2027-06-12",
            "--within",
            "1",
            "--passport",
            "GB",
            "--avoid",
            "khorgos",
            "--avoid",
            "irkeshtam",
        ])
        .code(1)
        .stdout
    };
    let out_of_china = blocked("kashgar", "naryn");
    assert!(
        out_of_china.contains("- Torugart Pass: disputed hours, drive between the posts and rule for foreigners (--explain"),
        "{out_of_china}"
    );
    let into_china = blocked("naryn", "kashgar");
    assert!(
        into_china.contains("- Torugart Pass: disputed hours and rule for foreigners (--explain"),
        "{into_china}"
    );
    let card = run(&["hours", "torugart"]).ok().stdout;
    assert!(
        card.contains("Drive between the posts: from the China post to the Kyrgyzstan post 3h (disputed); from the Kyrgyzstan post to the China post 1h30m\n"),
        "{card}"
    );
    assert!(
        card.contains("Disputed: hours, drive from the China post to the Kyrgyzstan post, rule for foreigners"),
        "{card}"
    );
}

/// Nights at a stopover after an overnight ride whose arrival no source gives are a
/// ceiling: the Dordoi cargo minibus with berths leaves Bishkek at 16:00–18:00 and its night
/// may be spent on board, so the Osh stopover before the midnight bus is "up to 2" nights
/// (JSON `stopover_nights_known: false`). After the Naryn shared taxi, which the planner
/// keeps off the road at midnight, the night in Naryn is certain. (The Dordoi route is the
/// third shown: the shared taxi to Osh a day later catches the same bus.)
#[test]
fn stopover_nights_after_an_overnight_ride_not_timed_are_a_ceiling() {
    let args = [
        "bishkek",
        "kashgar",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--max",
        "3",
    ];
    let (p, code) = plan_json(&args);
    assert_eq!(code, 0);
    let by_first = |id: &str| {
        p.itineraries
            .iter()
            .find(|it| it.services()[0] == id)
            .unwrap_or_else(|| panic!("an itinerary starting with {id}: {p:#?}"))
    };
    let minibus = by_first("bishkek-osh-cargo-minibus");
    assert!(!minibus.legs[0].arrive_known);
    assert_eq!(
        (minibus.stopover_nights, minibus.stopover_nights_known),
        (2, false)
    );
    let naryn = by_first("bishkek-naryn-taxi");
    assert_eq!(
        (naryn.stopover_nights, naryn.stopover_nights_known),
        (1, true)
    );
    let mut text = vec!["plan"];
    text.extend_from_slice(&args);
    let r = run(&text).ok();
    assert!(
        r.stdout.contains(
            "journey time not known, 1 change, at least 2 nights (up to 2 at a stopover),"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("about 1d 0h, 1 change, 1 night (1 at a stopover),"),
        "{}",
        r.stdout
    );
}
