//! Closures as announced, forecasts as forecasts (issue 12), on the embedded data: a border
//! service's notice, with the hours it gives, decides the days it covers over the public-holiday
//! calendar, in `hours` (a date and a month) and in plans; where no notice exists the calendar
//! is shown as a forecast.

mod common;
use common::json::{AdviceJson, AdviceKind, PlanJson};
use common::run;

/// The month calendar's row that starts with day `day` (" 16o  17N ...").
fn row(stdout: &str, day: &str) -> String {
    stdout
        .lines()
        .find(|l| l.trim_start().starts_with(day) && l.contains("  "))
        .unwrap_or_else(|| panic!("no row starting {day} in\n{stdout}"))
        .trim()
        .to_string()
}

/// Spring Festival 2026. China's calendar has 15–23 February off (New Year's Eve on Mon 16 Feb,
/// days off on Fri 20 and Mon 23 Feb); the Kyrgyz Border Service's revised notice closed both
/// posts from 22:00 on Mon 16 Feb to 08:00 on Fri 20 Feb, Kyrgyz time. So 16, 20 and 23 Feb are
/// open (the month view says when the notice starts and ends on 16 and 20 Feb), 17–19 Feb
/// closed by the notice, and no day of the block is a holiday forecast.
#[test]
fn the_spring_festival_2026_notice_beats_the_holiday_calendar() {
    for id in ["irkeshtam", "torugart"] {
        let month = run(&["hours", id, "--month", "2026-02"]).ok();
        assert_eq!(
            row(&month.stdout, "16o"),
            "16o  17N  18N  19N  20o  21w  22w",
            "{id}: {}",
            month.stdout
        );
        assert!(
            row(&month.stdout, "23o").starts_with("23o  24o"),
            "{id}: {}",
            month.stdout
        );
        // The days the notice starts and ends within say when.
        for day in ["Mon 16 Feb", "Fri 20 Feb"] {
            assert!(
                month.stdout.contains(&format!(
                    "{day}: open, but it is closed from 22:00 UTC+6 on Mon 16 Feb until 08:00 UTC+6 on Fri 20 Feb"
                )),
                "{id}: {}",
                month.stdout
            );
        }
        let grid_has_holiday = month
            .stdout
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .any(|l| l.contains('H'));
        assert!(
            !grid_has_holiday && !month.stdout.contains("public holiday;"),
            "{id}: a holiday forecast inside an announced block:\n{}",
            month.stdout
        );
    }

    // On the day it starts, the post is open and says when it shuts, to the hour.
    let monday = run(&["hours", "irkeshtam", "torugart", "--date", "2026-02-16"]).ok();
    for name in ["Irkeshtam Pass", "Torugart Pass"] {
        let line = monday
            .stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{}", monday.stdout));
        assert!(
            line.contains(
                "is open, but it is closed from 22:00 UTC+6 on Mon 16 Feb until 08:00 UTC+6 on Fri 20 Feb"
            ),
            "{line}"
        );
    }

    // Inside it, closed, and the next opening is the posts' first hour after 08:00 on Friday.
    let tuesday = run(&["hours", "irkeshtam", "torugart", "--date", "2026-02-17"]).ok();
    let line = |name: &str| {
        tuesday
            .stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{}", tuesday.stdout))
            .to_string()
    };
    assert!(
        line("Irkeshtam Pass").contains("next opens Fri 20 Feb 09:00 UTC+6"),
        "{}",
        tuesday.stdout
    );
    assert!(
        line("Torugart Pass").contains("next opens Fri 20 Feb 10:00 UTC+6"),
        "{}",
        tuesday.stdout
    );
}

/// New Year 2026: the notice reopened Irkeshtam at 22:00 on 1 January, after the post's hours,
/// so the whole day is closed; Torugart reopened at 08:00 on 2 January.
#[test]
fn a_notice_reopening_after_hours_closes_the_whole_day() {
    let r = run(&["hours", "irkeshtam", "torugart", "--date", "2026-01-01"]).ok();
    let line = |name: &str| {
        r.stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{}", r.stdout))
            .to_string()
    };
    let irkeshtam = line("Irkeshtam Pass");
    assert!(
        irkeshtam.contains("until 22:00 UTC+6 on Thu 1 Jan")
            && irkeshtam.contains("next opens Fri 2 Jan 09:00 UTC+6"),
        "{irkeshtam}"
    );
    let torugart = line("Torugart Pass");
    assert!(
        torugart.contains("until 08:00 UTC+6 on Fri 2 Jan")
            && torugart.contains("next opens Fri 2 Jan 10:00 UTC+6"),
        "{torugart}"
    );
    let month = run(&["hours", "irkeshtam", "--month", "2026-01"]).ok();
    assert!(
        row(&month.stdout, "1N").starts_with("1N   2o"),
        "{}",
        month.stdout
    );
}

/// A plan over an announced closure follows it: the Osh–Kashgar bus leaving on Wed 18 Feb 2026
/// reaches Irkeshtam inside the closure and waits until the posts open on Friday, and the plan
/// names the notice's hours as announced.
#[test]
fn a_plan_waits_out_an_announced_closure() {
    let r = run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2026-02-18",
        "--within",
        "1",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout.contains(
            "Irkeshtam Pass: Kyrgyzstan post about 09:00 UTC+6, China post Fri 20 Feb about 12:45 Beijing time; waits 2d 0h at the Kyrgyzstan post for it to open"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "Irkeshtam Pass is closed from 22:00 UTC+6 on Mon 16 Feb until 08:00 UTC+6 on Fri 20 Feb"
        ) && r.stdout.contains("(announced)"),
        "{}",
        r.stdout
    );
    // The Torugart route crosses once the post has reopened, not on a holiday forecast.
    assert!(
        r.stdout
            .contains("Torugart Pass: Kyrgyzstan post 10:00 UTC+6, China post 13:30 Beijing time"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("expected closure"), "{}", r.stdout);
}

/// The Osh–Kashgar bus (times approximate) reaches the Kyrgyz post of Irkeshtam on the
/// Dragon Boat Festival of 2027, a forecast closure, and queues until Thursday: At the border
/// names both days, "about" as the leg line does, and the holiday that shut the post (the
/// hours shown, Mon-Fri, would not tell why a Wednesday was closed). On an ordinary Monday
/// the margin to the cut-off is "about" too.
#[test]
fn a_bus_queueing_through_a_forecast_holiday_is_told_why() {
    let r = run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-06-08",
        "--within",
        "2",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout.contains(
            "reached Wed 9 Jun 2027 about 09:00 UTC+6 when closed: crossed Thu 10 Jun 2027; on Wed 9 Jun 2027: expected closure for Dragon Boat Festival (China public holiday; not yet announced)"
        ),
        "{}",
        r.stdout
    );
    let r = run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-06-14",
        "--within",
        "1",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout
            .contains("reached about 09:00 UTC+6, 2h30m before the cut-off"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("when closed"), "{}", r.stdout);
}

/// Where no notice is known yet, the calendar is a forecast and says so: the Spring Festival
/// of 2027 at Torugart.
#[test]
fn without_a_notice_the_calendar_is_a_forecast() {
    let r = run(&["hours", "torugart", "--date", "2027-02-08"]).ok();
    assert!(
        r.stdout.contains(
            "expected closure for Chinese New Year (Spring Festival) (China public holiday; not yet announced)"
        ),
        "{}",
        r.stdout
    );
}

/// The Spring Festival notice of 2018 had Torugart and Irkeshtam both working normally on
/// Saturday 24 February, a Chinese make-up working day, so each post's forecast opens it on
/// make-up working days: Saturday 10 October 2026 is one (open), Saturday 17 October is not.
#[test]
fn both_kyrgyz_chinese_posts_open_on_a_chinese_make_up_saturday() {
    for id in ["irkeshtam", "torugart"] {
        let month = run(&["hours", id, "--month", "2026-10"]).ok();
        assert!(
            row(&month.stdout, "5").ends_with("10o  11w"),
            "{id}: {}",
            month.stdout
        );
        assert!(
            row(&month.stdout, "12o").ends_with("17w  18w"),
            "{id}: {}",
            month.stdout
        );
        let card = run(&["hours", id]).ok();
        assert!(
            card.stdout
                .contains("and open on make-up working days (past notices)"),
            "{id}: {}",
            card.stdout
        );
    }
}
/// Khunjerab's winter: the planner keeps the 1 Apr–30 Nov season, and the season dispute says
/// what the reports of winter 2025–26 show (cargo all winter, nothing on travellers).
#[test]
fn khunjerab_winter_2025_26_is_in_the_season_dispute() {
    let r = run(&["hours", "khunjerab", "--explain"]).ok();
    assert!(
        r.stdout
            .contains("Open for cargo all through winter 2025-26"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("no report found says whether travellers crossed"),
        "{}",
        r.stdout
    );
    let winter = run(&["hours", "khunjerab", "--date", "2027-01-14"]).ok();
    assert!(
        winter.stdout.contains("closed for the winter"),
        "{}",
        winter.stdout
    );
}

/// The Osh–Kashgar bus of Wed 10 Feb 2027 reaches Irkeshtam on the last day of the Chinese
/// Spring Festival closure and queues a day at the Kyrgyz post: the border line names the
/// post it waits at, so the wait does not read as a day in no-man's land before the Chinese
/// post.
#[test]
fn a_wait_at_the_border_names_the_post() {
    let r = run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-02-05",
        "--passport",
        "GB",
        "--visa",
        "CN",
        "--max",
        "1",
    ])
    .ok();
    assert!(
        r.stdout.contains(
            "Irkeshtam Pass: Kyrgyzstan post about 09:00 UTC+6, China post Thu 11 Feb 2027 about 12:45 Beijing time; waits 1d 0h at the Kyrgyzstan post for it to open"
        ),
        "{}",
        r.stdout
    );
}

/// A leg whose time no source gives shows no times at the posts, and so no wait worked out
/// from them: the Kashgar–Sost bus boarded in Tashkurgan leaves when full.
#[test]
fn an_untimed_leg_shows_no_wait_at_the_border() {
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-05-03",
        "--passport",
        "PK",
        "--max",
        "3",
    ])
    .ok();
    assert!(
        r.stdout
            .contains("Khunjerab Pass: China post, Pakistan post (times not known)\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("waits"), "{}", r.stdout);
}

/// The plan's notes that a holiday schedule is not announced yet, as JSON and as text lines.
fn unannounced(args: &[&str]) -> (Vec<AdviceJson>, Vec<String>, PlanJson) {
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let plan: PlanJson = run(&json_args).ok().json();
    let (notes, rest): (Vec<AdviceJson>, Vec<AdviceJson>) = plan
        .advice
        .into_iter()
        .partition(|a| a.kind == AdviceKind::ScheduleUnannounced);
    let plan = PlanJson {
        advice: rest,
        ..plan
    };
    // Never on an itinerary: a plan's note, once.
    for it in &plan.itineraries {
        assert!(
            it.advice
                .iter()
                .all(|a| a.kind != AdviceKind::ScheduleUnannounced),
            "{:?}",
            it.advice
        );
    }
    let text = run(args).ok().stdout;
    let lines = text
        .lines()
        .filter(|l| l.contains("holiday schedule"))
        .map(str::to_string)
        .collect();
    (notes, lines, plan)
}

/// China's 2027 holiday schedule (its bridge days off and make-up working days) was not
/// announced on 2 December 2026 (data/holidays/announced.toml: the lists follow the State
/// Council's schedule through 2026). Osh to Kashgar leaving Thu 11 Feb 2027, the day after
/// the Spring Festival's statutory days off (5–10 Feb) end: the first route passes Irkeshtam
/// on Fri 12 Feb, two days from the block, and the plan says once, for China and that
/// holiday, that the border may also close on days next to it. (The detour through
/// Kazakhstan and Khorgos, days longer, is not offered beside it: README, "No journey days
/// longer".)
#[test]
fn a_crossing_next_to_a_2027_chinese_holiday_notes_the_unannounced_schedule_once() {
    let (notes, lines, plan) = unannounced(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-02-11",
        "--max",
        "5",
    ]);
    assert!(plan.itineraries.len() > 1, "{:?}", plan.itineraries);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert_eq!(n.country.as_deref(), Some("CN"));
    assert_eq!(n.year, Some(2027));
    assert_eq!(
        n.holiday.as_deref(),
        Some("Chinese New Year (Spring Festival)")
    );
    assert_eq!(n.from.as_deref(), Some("2027-02-05"));
    assert_eq!(n.to.as_deref(), Some("2027-02-10"));
    assert_eq!(n.days.as_deref(), Some(&["2027-02-12".to_string()][..]));
    assert_eq!(
        lines,
        [
            "- China has not announced its 2027 holiday schedule yet: the days off listed for \
Chinese New Year (Spring Festival), 5–10 Feb 2027, are only the statutory ones, and the \
border may also close on days next to them (a post is passed on Fri 12 Feb 2027); check the \
border service's notices"
        ],
        "{lines:?}"
    );
    // Khunjerab, two days after the statutory Labour Day block of 2027 (1–4 May).
    let (notes, _, _) = unannounced(&["plan", "kashgar", "gilgit", "--date", "2027-05-05"]);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].holiday.as_deref(), Some("Labor Day"));
    assert_eq!(
        (notes[0].from.as_deref(), notes[0].to.as_deref()),
        (Some("2027-05-01"), Some("2027-05-04"))
    );
}

/// 2026's schedule was announced (4 November 2025) and is in the list: a crossing the day
/// after National Day 2026's days off (1–7 Oct) gets no such note. Nor does one far from any
/// holiday in 2027 (Osh to Kashgar in late June, between Dragon Boat and Mid-Autumn).
#[test]
fn an_announced_year_or_a_day_far_from_holidays_has_no_schedule_note() {
    for date in ["2026-10-08", "2027-06-22"] {
        let (notes, lines, plan) = unannounced(&["plan", "osh", "kashgar", "--date", date]);
        assert!(!plan.itineraries.is_empty(), "{date}");
        assert!(
            notes.is_empty() && lines.is_empty(),
            "{date}: {notes:?} {lines:?}"
        );
    }
}

/// `hours --date` says the same of a day next to a holiday in a year whose schedule is not
/// announced (Irkeshtam, the day after the Spring Festival 2027's statutory days off), and
/// nothing of a day next to one in 2026, whose schedule is in the list (Thu 8 Oct 2026, the
/// day after National Day's).
#[test]
fn hours_on_a_day_next_to_an_unannounced_holiday_says_so() {
    let day = run(&["hours", "irkeshtam", "--date", "2027-02-11"]).ok();
    assert!(
        day.stdout.contains(
            "On Thu 11 Feb 2027: open; China has not announced its 2027 holiday schedule yet: \
it may also close on days next to Chinese New Year (Spring Festival), 5–10 Feb 2027 as listed"
        ),
        "{}",
        day.stdout
    );
    let day = run(&["hours", "irkeshtam", "--date", "2026-10-08"]).ok();
    assert!(day.stdout.contains("On Thu 8 Oct: open"), "{}", day.stdout);
    assert!(!day.stdout.contains("holiday schedule"), "{}", day.stdout);
}

/// Kazakhstan's and Kyrgyzstan's 2026 schedules are in the lists (announced.toml, checked on
/// 2 December 2026) and their 2027 ones were not announced. Khorgos on Thu 6 May 2027 is
/// within 3 days of China's statutory Labour Day block and of two Kazakh holidays that close
/// it (its forecast: Defender of the Fatherland Day and Victory Day, not the days off in lieu
/// of 1 and 9 May): `hours` says so once per country, the Kazakh holidays in one sentence.
/// The day after Kazakhstan's
/// Independence Day 2026 (Thu 17 Dec 2026) gets no such note, and Torugart the day after
/// Kurman Ait 2027 (Sun 16 May, a date the holiday list estimates) names Kyrgyzstan.
#[test]
fn hours_next_to_central_asian_holidays_says_which_schedules_are_not_announced() {
    let day = run(&["hours", "khorgos", "--date", "2027-05-06"]).ok();
    assert!(
        day.stdout.contains(
            "On Thu 6 May 2027: open; China has not announced its 2027 holiday schedule yet: \
it may also close on days next to Labor Day, 1–4 May 2027 as listed; Kazakhstan has not \
announced its 2027 holiday schedule yet: it may also close on days next to Defender of the \
Fatherland Day, 7 May 2027; and Victory Day, 9 May 2027 as listed\n"
        ),
        "{}",
        day.stdout
    );
    let day = run(&["hours", "khorgos", "--date", "2026-12-17"]).ok();
    assert!(day.stdout.contains("On Thu 17 Dec: open"), "{}", day.stdout);
    assert!(!day.stdout.contains("holiday schedule"), "{}", day.stdout);
    let day = run(&["hours", "torugart", "--date", "2027-05-17"]).ok();
    assert!(
        day.stdout.contains(
            "On Mon 17 May 2027: open; Kyrgyzstan has not announced its 2027 holiday schedule \
yet: it may also close on days next to Eid al-Adha (estimated), 16 May 2027 as listed\n"
        ),
        "{}",
        day.stdout
    );
}

/// Tajikistan's and Pakistan's 2026 schedules are in the lists as well (announced.toml,
/// checked on 3 December 2026), so their 2027 holidays are forecasts with the note: Khunjerab
/// on Thu 20 May 2027, the day after Pakistan's estimated Eid al-Adha days off (17–19 May),
/// names Pakistan. And the Tajik law's next working day off for a holiday on a weekend is in
/// the list: Kulma, which closes on every Tajik day off, is expected closed on Mon 10 May 2027
/// (Victory Day falls on Sunday 9 May) and opens on the Tuesday.
#[test]
fn pakistani_and_tajik_holidays_of_2027_are_forecasts_after_their_announced_2026_lists() {
    let day = run(&["hours", "khunjerab", "--date", "2027-05-20"]).ok();
    assert!(
        day.stdout.contains(
            "On Thu 20 May 2027: open; Pakistan has not announced its 2027 holiday schedule yet: \
it may also close on days next to Eid al-Adha (estimated), 17–19 May 2027 as listed\n"
        ),
        "{}",
        day.stdout
    );
    let day = run(&["hours", "kulma", "--date", "2027-05-10"]).ok();
    assert!(
        day.stdout.contains(
            "On Mon 10 May 2027: expected closure for Victory Day (observed) (Tajikistan public \
holiday; not yet announced); next opens Tue 11 May 2027"
        ),
        "{}",
        day.stdout
    );
}

/// The note names only holidays that can close the post by its forecast. Torugart closes for
/// the two Kyrgyz Aits only (past notices): on Mon 4 Jan 2027, the day after China's New
/// Year's Day and inside the Kyrgyz New Year days off (1-7 Jan), only China is named; on Thu
/// 11 Mar 2027 the Kyrgyz note names Eid al-Fitr (9 Mar), not International Women's Day, the
/// day before it (the two are one run of days off in the Kyrgyz list).
#[test]
fn the_unannounced_schedule_note_names_only_holidays_that_close_the_post() {
    let day = run(&["hours", "torugart", "--date", "2027-01-04"]).ok();
    assert!(
        day.stdout.contains(
            "On Mon 4 Jan 2027: open; China has not announced its 2027 holiday schedule yet: \
it may also close on days next to New Year's Day, 1 Jan 2027 as listed\n"
        ),
        "{}",
        day.stdout
    );
    assert!(!day.stdout.contains("Kyrgyzstan has not"), "{}", day.stdout);
    let day = run(&["hours", "torugart", "--date", "2027-03-11"]).ok();
    assert!(
        day.stdout.contains(
            "On Thu 11 Mar 2027: open; Kyrgyzstan has not announced its 2027 holiday schedule \
yet: it may also close on days next to Eid al-Fitr (estimated), 9 Mar 2027 as listed\n"
        ),
        "{}",
        day.stdout
    );
}

/// Osh to Kashgar on any day of the week from Mon 8 Mar 2027 passes Irkeshtam or Torugart on
/// several days within 3 days of Eid al-Fitr (9 Mar, Kyrgyz): the plan says so once, for
/// Kyrgyzstan and that holiday, with every day a post is passed near it, not once per day or
/// per itinerary; International Women's Day (8 Mar), which does not close these posts, is
/// not named.
#[test]
fn a_plan_over_several_days_notes_each_unannounced_holiday_once() {
    let (notes, lines, plan) = unannounced(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-03-08",
        "--within",
        "7",
    ]);
    assert!(plan.itineraries.len() > 1, "{:?}", plan.itineraries);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert_eq!(n.country.as_deref(), Some("KG"));
    assert_eq!(n.holiday.as_deref(), Some("Eid al-Fitr (estimated)"));
    assert_eq!(
        (n.from.as_deref(), n.to.as_deref()),
        (Some("2027-03-09"), Some("2027-03-09"))
    );
    let days = n.days.as_deref().unwrap_or_default();
    assert!(days.len() > 1, "{days:?}");
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "- Kyrgyzstan has not announced its 2027 holiday schedule yet: the days off listed \
for Eid al-Fitr (estimated), 9 Mar 2027, are only the statutory ones"
        ),
        "{lines:?}"
    );
}

/// Two holidays of one country's unannounced year near the posts passed (New Year's Day and
/// its observed day) are one note, not two that say the same: which days are listed, and
/// every day a post is passed.
#[test]
fn one_countrys_unannounced_year_is_one_note() {
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-12-27",
        "--passport",
        "US",
        "--held-only",
    ])
    .ok();
    assert_eq!(
        r.stdout.matches("has not announced its 2028").count(),
        1,
        "{}",
        r.stdout
    );
    r.stdout_has(
        "- China has not announced its 2028 holiday schedule yet: the days off listed for New Year's Day, 1 Jan 2028, and New Year's Day (observed), 3 Jan 2028, are only the statutory ones, and the border may also close on days next to them (a post is passed on Wed 29 Dec 2027, Thu 30 Dec 2027 and Fri 31 Dec 2027); check the border service's notices\n",
    );
}
