//! Rules on leaving a country (`[[exit]]` in visas/): a ride that leaves a country over a
//! crossing every passport held is barred from is not offered; with several passports the
//! traveller leaves on one the rule does not bar, and the plan says which.

mod common;
use common::json::{AdviceKind, Cause};
use common::{golden, golden_run, plan_json, run, with_files};

/// Indian passports in Pakistan: the dataset's only land exit (Khunjerab) is not one the
/// traveller may use, so there is no answer, and the reason says why and what would help.
#[test]
fn an_indian_passport_has_no_land_exit_from_pakistan() {
    golden_run(
        "plan-islamabad-khorog-in",
        100,
        &[
            "plan",
            "islamabad",
            "khorog",
            "--date",
            "2027-07-05",
            "--passport",
            "IN",
        ],
    );
    // `--explain` names the rule with its sources.
    golden_run(
        "plan-islamabad-khorog-in-explain",
        100,
        &[
            "plan",
            "islamabad",
            "khorog",
            "--date",
            "2027-07-05",
            "--passport",
            "IN",
            "--explain",
        ],
    );
    let (p, code) = plan_json(
        None,
        &[
            "islamabad",
            "khorog",
            "--date",
            "2027-07-05",
            "--passport",
            "IN",
        ],
    );
    assert_eq!(code, 1);
    assert!(p.itineraries.is_empty());
    let exit = p
        .reasons
        .iter()
        .find(|r| r.cause == Cause::ExitBarred)
        .expect("an exit-barred reason");
    assert_eq!(exit.crossing.as_deref(), Some("khunjerab"));
    let e = exit.exit.as_ref().expect("the exit rule");
    assert_eq!(
        (e.country.as_str(), e.crossing.as_str()),
        ("PK", "khunjerab")
    );
    assert_eq!(e.barred, ["IN"]);
    assert!(e.free.is_empty());
    assert_eq!(e.rules.len(), 1);
    assert_eq!(
        e.rules[0].crossings, None,
        "every crossing on Pakistan's borders"
    );
    assert!(e.rules[0].note.contains("Wagah"), "{}", e.rules[0].note);
}

/// With a second passport the rule does not bar, the traveller leaves Pakistan on it, and
/// the plan says so where the rule decided it.
#[test]
fn a_second_passport_leaves_where_the_first_may_not() {
    let args = [
        "islamabad",
        "khorog",
        "--date",
        "2027-07-05",
        "--passport",
        "IN",
        "--passport",
        "GB",
    ];
    let (p, code) = plan_json(None, &args);
    assert_eq!(code, 0);
    assert!(!p.itineraries.is_empty());
    for it in &p.itineraries {
        let on = it
            .advice
            .iter()
            .find(|a| a.kind == AdviceKind::ExitOn)
            .expect("the passport to leave Pakistan on");
        let e = on.exit.as_ref().expect("the rule");
        assert_eq!(e.barred, ["IN"]);
        assert_eq!(e.free, ["GB"]);
    }
    let mut all = vec!["plan"];
    all.extend_from_slice(&args);
    run(&all)
        .ok()
        .stdout_has("Pakistan: leave over Khunjerab Pass on the GB passport (IN passports may not leave over it)");
}

/// The fixture with a rule at one crossing: GB passports may not leave China over Pass A.
fn pass_a_rule() -> tempfile::TempDir {
    with_files(&[(
        "visas/exits.toml",
        r#"[[exit]]
country = "CN"
passports = ["GB"]
crossings = ["pass-a"]
note = "leave over Pass B"
sources = ["fixture"]
verified = 2026-01-01
"#,
    )])
}

/// A rule at one crossing bars only that crossing, and only for the passports it names.
#[test]
fn a_rule_at_one_crossing_bars_only_that_crossing() {
    let tmp = pass_a_rule();
    let dir = tmp.path();
    let over = |p: &common::json::PlanJson, id: &str| {
        p.itineraries
            .iter()
            .any(|it| it.legs.iter().any(|l| l.borders.iter().any(|b| b.id == id)))
    };
    let date = ["alpha", "beta", "--date", "2026-06-15", "--max", "5"];
    let mut gb = date.to_vec();
    gb.extend_from_slice(&["--passport", "GB"]);
    // Without the rule Pass A is offered.
    let (p, _) = plan_json(Some(&common::fixture("mini")), &gb);
    assert!(over(&p, "pass-a"));
    // With it, a GB passport goes over Pass B only.
    let (p, code) = plan_json(Some(dir), &gb);
    assert_eq!(code, 0);
    assert!(!over(&p, "pass-a"), "no ride leaves China over Pass A");
    assert!(over(&p, "pass-b"), "Pass B is still offered");
    // A KG passport is not named by the rule.
    let mut kg = date.to_vec();
    kg.extend_from_slice(&["--passport", "KG"]);
    let (p, _) = plan_json(Some(dir), &kg);
    assert!(over(&p, "pass-a"));
    // GB and PK: Pass A again, leaving on the PK passport, which the plan names.
    let mut both = gb.clone();
    both.extend_from_slice(&["--passport", "PK"]);
    let (p, _) = plan_json(Some(dir), &both);
    assert!(over(&p, "pass-a"));
    let mut text = vec!["--data", dir.to_str().unwrap(), "plan"];
    text.extend_from_slice(&both);
    let r = run(&text).ok();
    golden("plan-fixture-exit-on", &r.stdout);
}

/// Each defect of an exit rule is named with its file, line and fix, and the data is
/// refused (exit 2).
#[test]
fn a_broken_exit_rule_is_named_with_its_file_and_fix() {
    let rule = |country: &str, passports: &str, crossings: &str| {
        format!(
            "[[exit]]\ncountry = \"{country}\"\npassports = {passports}\ncrossings = {crossings}\nnote = \"n\"\nsources = [\"fixture\"]\nverified = 2026-01-01\n"
        )
    };
    let cases = [
        (
            rule("CN", "[\"GB\"]", "[\"pass-z\"]"),
            "exit rule for CN: unknown crossing 'pass-z'; use the id of a [[crossing]] record on CN's borders",
        ),
        (
            rule("CN", "[\"GB\"]", "[\"pass-d\"]"),
            "exit rule for CN: crossing 'pass-d' is not on CN's borders (it joins KG and TJ); name a crossing CN is left by",
        ),
        (
            rule("CN", "[\"QQ\"]", "\"all\""),
            "exit rule for CN names QQ, a country no place or visa table of the dataset knows; check the code (ISO 3166-1 alpha-2)",
        ),
        (
            rule("CN", "[\"GB\"]", "\"some\""),
            "exit rule for CN: crossings = \"some\" is not understood; expected \"all\" (every crossing of the dataset on CN's borders) or a list of crossing ids",
        ),
        (
            rule("CN", "[]", "\"all\""),
            "exit rule for CN: passports = [] bars no one; list the passports it is about, or \"all\"",
        ),
        (
            rule("CN", "[\"GB\"]", "\"all\"").replace("sources = [\"fixture\"]", "sources = [\"nowhere\"]"),
            "unknown source 'nowhere'",
        ),
    ];
    for (text, message) in cases {
        let tmp = with_files(&[("visas/exits.toml", &text)]);
        let dir = tmp.path().to_str().unwrap().to_string();
        let r = run(&["--data", &dir, "check"]).code(2);
        let want = format!("error: {dir}/visas/exits.toml:1:1: {message}");
        assert!(
            r.stderr.lines().any(|l| l.starts_with(&want)),
            "expected a line starting\n{want}\nin stderr:\n{}",
            r.stderr
        );
    }
    // An unknown key, as in every record.
    let tmp = with_files(&[(
        "visas/exits.toml",
        &rule("CN", "[\"GB\"]", "\"all\"").replace("note", "until = 2027-01-01\nnote"),
    )]);
    let dir = tmp.path().to_str().unwrap().to_string();
    run(&["--data", &dir, "check"])
        .code(2)
        .stderr_has("unknown field `until`");
}

/// `--explain` says a rule's note once: under "Why" where the rule is the reason there is no
/// answer, under Sources (with the rule's sources) where it only chose the passport to leave
/// on.
#[test]
fn explain_says_an_exit_rules_note_once() {
    let note = "must leave by the port they entered at";
    let base = [
        "plan",
        "islamabad",
        "khorog",
        "--date",
        "2027-07-05",
        "--explain",
        "--passport",
        "IN",
    ];
    let r = run(&base).code(1);
    assert_eq!(r.stdout.matches(note).count(), 1, "{}", r.stdout);
    let why = r.stdout.find("Why:").expect("Why");
    let sources = r.stdout.find("Sources:").expect("Sources");
    let at = r.stdout.find(note).expect("the note");
    assert!(why < at && at < sources, "the note is under Why");
    r.stdout_has("- Exit rule: IN passports may not leave Pakistan over any crossing of this dataset, verified");
    let mut both = base.to_vec();
    both.extend_from_slice(&["--passport", "GB"]);
    let r = run(&both).ok();
    assert_eq!(r.stdout.matches(note).count(), 1, "{}", r.stdout);
    let sources = r.stdout.find("Sources:").expect("Sources");
    assert!(r.stdout.find(note).expect("the note") > sources);
    r.stdout_has("(IN passports may not leave over it)")
        .stdout_has("- Exit rule: IN passports may not leave Pakistan over any crossing of this dataset, verified");
}
