//! Closures as announced, forecasts as forecasts (issue 12), on the embedded data: a border
//! service's notice, with the hours it gives, decides the days it covers over the public-holiday
//! calendar, in `hours` (a date and a month) and in plans; where no notice exists the calendar
//! is shown as a forecast.

mod common;
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
