//! The command line as a contract: names matched ignoring case and accents, suggestions for
//! near misses, exit code 2 with a message naming the flag and the fix for every bad value,
//! help, version, JSON for places, and a quiet end on a closed pipe.

mod common;
use common::{run, run_env};

#[test]
fn places_match_names_and_aliases_ignoring_case_and_accents() {
    for q in ["kashi", "KASHGAR", "喀什", "Qeshqer"] {
        run(&["places", q]).ok().stdout_has("kashgar");
    }
    for q in ["Ürümqi", "URUMQI", "wulumuqi"] {
        run(&["places", q]).ok().stdout_has("urumqi");
    }
    run(&["places", "sost"]).ok().stdout_has("sust");
    let j: serde_json::Value =
        serde_json::from_str(&run(&["places", "khorgos", "--json"]).ok().stdout).unwrap();
    assert_eq!(j["places"][0]["id"], "khorgos");
    assert_eq!(
        j["crossings"][0]["id"], "khorgos",
        "the town and the crossing are both found"
    );
}

#[test]
fn places_finds_names_by_their_words_before_letters_inside_a_word() {
    let ids = |q: Option<&str>| -> (Vec<String>, Vec<String>) {
        let mut args = vec!["places", "--json"];
        args.extend(q);
        let j: serde_json::Value = serde_json::from_str(&run(&args).ok().stdout).unwrap();
        let list = |k: &str| -> Vec<String> {
            j[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string())
                .collect()
        };
        (list("places"), list("crossings"))
    };
    // Osh, and the crossing named for its road; not Tashkent ("Toshkent") or Ishkashim
    // ("Ishkoshim"), which only have the letters inside a word.
    assert_eq!(
        ids(Some("osh")),
        (vec!["osh".into()], vec!["dostuk".into()])
    );
    // No name has "kent" at a word's start: the names with it inside a word are shown, by
    // country, then name.
    assert_eq!(
        ids(Some("kent")).0,
        ["shymkent", "zharkent", "penjikent", "tashkent"]
    );
    // The whole list by country, then name; crossings by the countries they join.
    let (places, crossings) = ids(None);
    assert_eq!(&places[..3], ["eshkashem", "bole", "jeminay"]);
    assert_eq!(&crossings[..3], ["ishkashim", "irkeshtam", "torugart"]);
}

#[test]
fn plan_accepts_any_name_of_a_place() {
    run(&["plan", "Kashi", "Ürümqi", "--date", "2026-06-16", "--json"])
        .stdout_has("\"from\": \"kashgar\"");
}

/// A crossing given where a place is wanted (a traveller who wants to go over Torugart
/// writes `--via torugart`), or a place where a crossing is, is named for what it is, with
/// the command that finds what to write instead; not "no place named 'torugart'".
#[test]
fn a_crossing_for_a_place_or_a_place_for_a_crossing_is_named_as_one() {
    run(&["plan", "kashgar", "bishkek", "--via", "torugart"])
        .code(2)
        .stderr_has(
            "error: 'torugart' is a crossing (Torugart Pass), not a place; name a place, like one \
             the services over it link (`crossings services --via torugart` lists them)\n",
        );
    run(&["plan", "kashgar", "Torugart Pass"])
        .code(2)
        .stderr_has("error: 'Torugart Pass' is a crossing (Torugart Pass), not a place;");
    run(&["plan", "kashgar", "bishkek", "--avoid", "osh"])
        .code(2)
        .stderr_has(
            "error: 'osh' is a place (Osh), not a crossing; name a crossing (`crossings services \
             --from osh` lists the services from it and the crossings they use)\n",
        );
    // A name that is both a place and a crossing is the one asked for.
    run(&["hours", "khorgos", "--date", "2027-06-14"]).ok();
    run(&[
        "plan",
        "khorgos",
        "almaty",
        "--date",
        "2027-06-14",
        "--json",
    ])
    .ok();
}

#[test]
fn an_unknown_place_suggests_the_closest() {
    run(&["plan", "kashgr", "bishkek"])
        .code(2)
        .stderr_has("error: no place named 'kashgr'; did you mean 'kashgar'?");
    run(&["hours", "torugrat"])
        .code(2)
        .stderr_has("error: no crossing named 'torugrat'; did you mean 'torugart'?");
    run(&["places", "zzzzqqq"]).code(1).stderr_has(
        "note: nothing matches 'zzzzqqq'; run `crossings places` to list every place and crossing",
    );
}

#[test]
fn bad_values_are_exit_2_with_the_flag_and_the_fix() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["plan", "kashgar", "osh", "--date", "2026-02-30"],
            "error: --date '2026-02-30' is not a date; expected YYYY-MM-DD, like 2027-06-13",
        ),
        (
            &["plan", "kashgar", "osh", "--date", "tomorrow"],
            "error: --date 'tomorrow' is not a date",
        ),
        (
            &["plan", "kashgar", "osh", "--within", "-3"],
            "error: --within -3 is out of range; expected a whole number from 1 to 366",
        ),
        (
            &["plan", "kashgar", "osh", "--within", "100000"],
            "error: --within 100000 is out of range",
        ),
        (
            &["plan", "kashgar", "osh", "--party", "0"],
            "error: --party 0 is out of range; expected a whole number from 1 to 60",
        ),
        (
            &["plan", "kashgar", "osh", "--party", "two"],
            "error: --party 'two' is not a number",
        ),
        (
            &["plan", "kashgar", "osh", "--max", "0"],
            "error: --max 0 is out of range",
        ),
        (
            &["plan", "kashgar", "osh", "--passport", "XX"],
            "error: --passport XX is not a country this dataset knows",
        ),
        (
            &["plan", "kashgar", "osh", "--passport", "British"],
            "error: --passport: 'British' is not a country code",
        ),
        (
            &["plan", "kashgar", "osh", "--visa", "123"],
            "error: --visa: '123' is not a country code",
        ),
        (
            &["plan", "kashgar", "osh", "--currency", "DOGE"],
            "error: --currency: 'DOGE' is not a supported currency",
        ),
        (
            &["plan", "kashgar", "osh", "--permit", "moon"],
            "error: --permit 'moon' is not a permit this dataset knows",
        ),
        (
            &["plan", "kashgar", "osh", "--avoid", "nowhere-pass"],
            "error: no crossing named 'nowhere-pass'",
        ),
        (
            &["plan", "kashgar", "kashi"],
            "error: 'kashgar' and 'kashi' are the same place",
        ),
        (
            &["plan", "kashgar", "osh", "--via", "kashi"],
            "error: --via 'kashi' is where the journey starts; give a place on the way, or leave --via out",
        ),
        (
            &["plan", "kashgar", "osh", "--month", "2027-06", "--via", "OSH"],
            "error: --via 'OSH' is where the journey ends; give a place on the way, or leave --via out",
        ),
        (
            &["hours", "--month", "2026-13", "torugart"],
            "error: --month '2026-13' is not a month; expected YYYY-MM",
        ),
        (
            &["hours", "--month", "2026-10"],
            "error: --month shows one crossing",
        ),
        (
            &["hours", "--country", "QQ"],
            "error: --country QQ is not a country this dataset knows",
        ),
        (
            &["baggage", "kashgar-osh-bus", "--kg", "-1"],
            "error: --kg -1 is negative; expected kilograms from 0 to 1000",
        ),
        (
            &["baggage", "kashgar-osh-bus", "--kg", "heavy"],
            "error: --kg 'heavy' is not a weight",
        ),
        (
            &["baggage", "no-such-bus", "--kg", "20"],
            "error: no service named 'no-such-bus'",
        ),
        (&["baggage", "--kg", "20"], "error: name a service"),
    ];
    for (args, message) in cases {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}\n{}", r.stderr);
        assert!(
            r.stderr.contains(message),
            "{args:?}: expected {message:?} in\n{}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn clap_usage_errors_are_exit_2_and_help_is_exit_0() {
    run(&["plan"])
        .code(2)
        .stderr_has("required arguments were not provided");
    run(&["frobnicate"]).code(2);
    run(&["--help"])
        .ok()
        .stdout_has("Exit codes: 0 success; 1 a valid question with no answer");
    run(&["plan", "--help"]).ok().stdout_has("--passport <CC>");
    run(&["--version"]).ok().stdout_has("crossings 0.1.0");
}

#[test]
fn a_bad_today_in_the_environment_is_a_clear_error() {
    run_env(&["check"], &[("CROSSINGS_TODAY", "someday")])
        .code(2)
        .stderr_has("CROSSINGS_TODAY='someday' is not a date");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossings"))
        .args(["hours"])
        .env("CROSSINGS_TODAY", common::TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some(), "ended by a signal");
}

#[test]
fn services_lists_days_times_with_zone_fares_and_baggage() {
    let r = run(&["services", "--from", "kashgar", "--to", "osh"]).ok();
    assert!(r.stdout.contains("kashgar-osh-bus"), "{}", r.stdout);
    // The 2025 report gives the day but no time: the card says so rather than show one.
    assert!(
        r.stdout.contains("runs: Mon, time not known;"),
        "{}",
        r.stdout
    );
    // A bus whose days no source gives: said apart from its time, and as the plan treats it.
    let r = run(&["services", "--from", "kashgar", "--to", "tashkurgan"]).ok();
    assert!(
        r.stdout
            .contains("runs: days not known (planned as if daily), 11:00 Beijing time; takes 6h"),
        "{}",
        r.stdout
    );
    let r = run(&["services"]).ok();
    assert!(
        !r.stdout.contains("not known time not known"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("595 CNY per person"), "{}", r.stdout);
    assert!(r.stdout.contains("20 kg free"), "{}", r.stdout);
    let j: serde_json::Value =
        serde_json::from_str(&run(&["services", "--via", "khorgos", "--json"]).ok().stdout)
            .unwrap();
    assert!(j["services"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "almaty-urumqi-bus"));
}

#[test]
fn version_names_the_dataset_and_colour_follows_the_flag() {
    let v = run(&["--version"]).ok();
    assert!(
        v.stdout.starts_with("crossings ") && v.stdout.contains("(embedded dataset verified 20"),
        "{}",
        v.stdout
    );
    let month = ["hours", "torugart", "--month", "2026-10"];
    // NO_COLOR is set by the test helper: auto and never give plain text, always colours.
    assert!(!run(&month).ok().stdout.contains('\u{1b}'));
    let never = [&month[..], &["--color", "never"]].concat();
    assert!(!run(&never).ok().stdout.contains('\u{1b}'));
    let always = [&month[..], &["--color", "always"]].concat();
    assert!(run(&always).ok().stdout.contains("\u{1b}[31m  1H\u{1b}[0m"));
    run(&["hours", "--color", "sometimes"])
        .code(2)
        .stderr_has("invalid value 'sometimes' for '--color <WHEN>'");
}

#[test]
fn a_route_no_service_runs_is_exit_1() {
    run(&["baggage", "--from", "osh", "--to", "almaty", "--kg", "30"])
        .code(1)
        .stderr_has("note: no service in the dataset runs from Osh to Almaty");
}

#[test]
fn shell_completions_and_the_manual_page_are_generated() {
    let r = run(&["completions", "bash"]).ok();
    assert!(r.stdout.contains("_crossings()"), "{}", r.stdout);
    assert!(r.stdout.contains("plan"), "{}", r.stdout);
    let r = run(&["completions", "fish"]).ok();
    assert!(r.stdout.contains("complete -c crossings"), "{}", r.stdout);
    let r = run(&["manpage"]).ok();
    assert!(
        r.stdout.starts_with(".ie") || r.stdout.contains(".TH crossings"),
        "{}",
        r.stdout
    );
    run(&["completions", "cmd.exe"]).code(2);
}

#[test]
fn an_empty_answer_to_a_valid_question_exits_1_with_the_fix() {
    run(&["places", "zzz"]).code(1);
    run(&["services", "--via", "kulma"])
        .code(1)
        .stderr_has("run `crossings services` to list them all");
    run(&["hours", "--country", "GB"])
        .code(1)
        .stderr_has("try another --country");
}

#[test]
fn a_cause_met_on_several_weekdays_is_one_why_line() {
    // Khunjerab is closed on Saturdays and on Sundays: one line naming both, with the weekends.
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-06-12",
        "--passport",
        "GB",
        "--held-only",
    ])
    .code(1);
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("- Khunjerab Pass is closed on Saturdays and Sundays"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert!(
        lines[0].contains("(for rides on Sat 12 – Sun 13 Jun 2027, Sat 19 – Sun 20 Jun 2027"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_public_holiday_already_past_is_not_called_not_yet_announced() {
    // Today is 21 Nov 2026: Pakistan's August holidays are past, New Year 2027 is ahead.
    let r = run(&["hours", "khunjerab", "--month", "2026-08"]).code(0);
    assert!(
        r.stdout.contains(
            "Fri 14 Aug: Independence Day was a Pakistan public holiday; no notice confirmed a closure"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("not yet announced"), "{}", r.stdout);
    let r = run(&["hours", "torugart", "--date", "2027-01-01"]).code(0);
    assert!(r.stdout.contains("not yet announced"), "{}", r.stdout);
}

/// `--version` and `-V` are answered before clap's parser is built (start-up): the text
/// must stay exactly what clap prints.
#[test]
fn version_fast_path_prints_what_clap_prints() {
    use clap::CommandFactory;
    let clap_text = crossings::cli::Cli::command().render_version().to_string();
    assert_eq!(run(&["--version"]).ok().stdout, clap_text);
    assert_eq!(run(&["-V"]).ok().stdout, clap_text);
    assert!(
        clap_text.starts_with("crossings 0.1.0 (embedded dataset "),
        "{clap_text}"
    );
}

#[test]
fn a_suspended_service_is_named_only_where_it_would_have_served() {
    // Urumqi to Kashgar: the suspended trains from Urumqi run to Kazakhstan, away from
    // Kashgar; naming them would be noise.
    let r = run(&[
        "plan",
        "urumqi",
        "kashgar",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
    ])
    .code(0);
    assert!(!r.stdout.contains("suspended"), "{}", r.stdout);
    // Bishkek (or Osh) to Almaty: the Urumqi–Almaty train ends there, but reaching Urumqi
    // first takes two rides where one marshrutka goes straight to Almaty.
    for from in ["bishkek", "osh"] {
        let r = run(&[
            "plan",
            from,
            "almaty",
            "--date",
            "2027-06-14",
            "--passport",
            "GB",
        ])
        .code(0);
        assert!(!r.stdout.contains("suspended"), "{}", r.stdout);
    }
    // Bishkek to Urumqi: the Almaty–Urumqi train would have been the last leg.
    let r = run(&[
        "plan",
        "bishkek",
        "urumqi",
        "--date",
        "2027-06-15",
        "--passport",
        "GB",
    ])
    .code(0);
    assert!(
        r.stdout.contains(
            "- Almaty-2–Urumqi international train (train 53 / K9796 in the guide) is suspended; it was not used"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_suspended_service_the_why_lines_name_is_not_named_again_in_the_notes() {
    // Urumqi to Almaty over National Day: no itinerary; "Why" says the train is suspended.
    let r = run(&[
        "plan",
        "urumqi",
        "almaty",
        "--date",
        "2027-10-01",
        "--within",
        "3",
        "--passport",
        "KZ",
    ])
    .code(1);
    assert_eq!(r.stdout.matches("suspended").count(), 1, "{}", r.stdout);
    r.stdout_has("- Urumqi–Almaty international train (K9795) is suspended (for rides on Fri 1 – Sun 3 Oct 2027)\n");
}

#[test]
fn a_baggage_rule_known_only_as_a_note_is_said_once() {
    // The Almaty–Urumqi bus has no allowance, only a traveller's note: the row is that
    // note, with its sources, not the note again as "Rule: …" after a double full stop.
    run(&["baggage", "almaty-urumqi-bus", "--kg", "30"])
        .ok()
        .stdout_has(
            "      No separate luggage ticket needed (2019). No weight limit reported. \
             [sources: caravanistan-forum-almaty-urumqi-bus-2019]\n",
        )
        .stdout_lacks("..")
        .stdout_lacks("Rule:");
}

#[test]
fn the_earliest_day_is_looked_for_only_up_to_the_last_date_the_dataset_covers() {
    // The last date `--date` accepts, as its own error message gives it.
    let refused = run(&["plan", "almaty", "gilgit", "--date", "2100-12-31"]).code(2);
    let last = refused
        .stderr
        .rsplit(" to ")
        .next()
        .map(|s| s.trim().trim_end_matches('.').to_string())
        .expect("the range in the message");
    let last = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d").expect("a date");
    // Khunjerab is shut from December to April: leaving in the dataset's last December,
    // the first day that works would be in the next year, which cannot be asked about.
    let date = format!("{}-12-20", last.format("%Y"));
    let today = format!("{}-06-01", last.format("%Y"));
    let plan = |json: &[&str]| {
        let args = [
            &[
                "plan",
                "almaty",
                "gilgit",
                "--date",
                &date,
                "--passport",
                "GB",
            ],
            json,
        ]
        .concat();
        run_env(&args, &[("CROSSINGS_TODAY", &today)]).code(1)
    };
    let r = plan(&[]);
    let json: common::json::PlanJson = plan(&["--json"]).json();
    assert_eq!(json.earliest, None);
    assert_eq!(json.searched_until, Some(last.to_string()));
    let named = last.format("%a %-d %b %Y").to_string();
    assert!(!r.stdout.contains("Earliest departure"), "{}", r.stdout);
    r.stdout_has(&format!(
        "No departure up to {named}, the last date this dataset covers, works."
    ));
}

/// A plan for one day (`--within 1`) names that day once, with or without an answer, not
/// as a range from it to itself.
#[test]
fn a_one_day_plan_names_its_day_once() {
    let one = ["--within", "1", "--passport", "GB"];
    let mut args = vec!["plan", "kashgar", "sust", "--date", "2027-01-14"];
    args.extend_from_slice(&one);
    run(&args)
        .code(1)
        .stdout_has("No itinerary from Kashgar to Sust leaving Thu 14 Jan 2027.\n");
    let mut args = vec!["plan", "kashgar", "osh", "--date", "2027-06-14"];
    args.extend_from_slice(&one);
    run(&args)
        .ok()
        .stdout_has("Kashgar → Osh, leaving Mon 14 Jun 2027, GB passport:")
        .stdout_lacks("– Mon 14 Jun 2027");
}
