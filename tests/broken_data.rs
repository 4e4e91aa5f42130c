//! Fixture datasets with one defect each: the exact message names the file, the line and
//! what was expected, and the program exits 2.

mod common;
use common::{broken, run};

/// A text replacement in one fixture file: (file, from, to).
type Edit<'a> = (&'a str, &'a str, &'a str);

#[track_caller]
fn check_fails(edits: &[(&str, &str, &str)], expected: &str) {
    let tmp = broken(edits);
    let dir = tmp.path().to_str().unwrap().to_string();
    let r = run(&["--data", &dir, "check"]).code(2);
    let want = expected.replace("DIR", &dir);
    assert!(
        r.stderr.lines().any(|l| l == want),
        "expected the line\n{want}\nin stderr:\n{}",
        r.stderr
    );
}

#[test]
fn valid_fixture_passes() {
    common::mini(&["check"]).ok().stdout_has("dataset OK");
}

#[test]
fn each_defect_has_its_own_message() {
    let cases: &[(&[Edit], &str)] = &[
        (
            &[("places/places.toml", "zone = \"Asia/Bishkek\"\nsources", "zone = \"Asia/Bishkke\"\nsources")],
            "error: DIR/places/places.toml:15:8: 'Asia/Bishkke' is not a time zone; expected an IANA name like Asia/Shanghai or Asia/Bishkek",
        ),
        (
            &[("places/places.toml", "name = \"Beta\"", "name = \"Beta\"\npopulation = 5")],
            "error: DIR/places/places.toml:14:1: unknown field `population`, expected one of `id`, `name`, `aliases`, `country`, `zone`, `local_zone`, `coords`, `permits`, `sources`, `verified`, `notes`",
        ),
        (
            &[("places/places.toml", "id = \"gamma\"", "id = \"beta\"")],
            "error: DIR/places/places.toml:19:1: duplicate place id 'beta'; it is already defined at DIR/places/places.toml:11",
        ),
        (
            &[("services/services.toml", "{ at = \"beta\", offset = \"10h\" }", "{ at = \"betta\", offset = \"10h\" }")],
            "error: DIR/services/services.toml:11:3: unknown place 'betta'; did you mean 'beta'?",
        ),
        (
            &[("places/places.toml", "name = \"Gamma\"", "name = \"Gamma\"\naliases = [\"Beta\"]")],
            "error: DIR/places/places.toml:19:1: place 'gamma': the name or alias 'Beta' is also used by place 'beta'; a name must pick out one place",
        ),
        (
            &[("crossings/crossings.toml", "hours = \"09:00-18:00\"", "hours = \"09:00-25:00\"")],
            "error: DIR/crossings/crossings.toml:30:9: '09:00-25:00' is not a time range; expected HH:MM-HH:MM like 10:00-17:00",
        ),
        (
            &[("services/services.toml", "currency = \"CNY\"", "currency = \"RMB\"")],
            "error: DIR/services/services.toml:20:12: 'RMB' is not a supported currency; expected an ISO 4217 code, one of CNY, EUR, GBP, KGS, KZT, PKR, TJS, TMT, USD, UZS, AFN",
        ),
        (
            &[("places/places.toml", "sources = [\"fixture\"]\nverified = 2026-01-01\n\n[[place]]\nid = \"gamma\"", "sources = [\"fixtur\"]\nverified = 2026-01-01\n\n[[place]]\nid = \"gamma\"")],
            "error: DIR/places/places.toml:11:1: unknown source 'fixtur'; did you mean 'fixture'?",
        ),
        (
            &[("crossings/crossings.toml", "days = \"Mon-Fri\"\nhours = \"10:00-17:00\"", "days = \"Mon-Fry\"\nhours = \"10:00-17:00\"")],
            "error: DIR/crossings/crossings.toml:19:8: 'Mon-Fry' is not a set of weekdays; expected \"daily\", \"Mon-Fri\" or \"Mon,Thu\"",
        ),
        (
            &[("crossings/crossings.toml", "verified = 2026-01-01\n\n[[crossing.side]]\ncountry = \"CN\"\npost = \"Alpha north post\"", "verified = 2026-1-01\n\n[[crossing.side]]\ncountry = \"CN\"\npost = \"Alpha north post\"")],
            "error: DIR/crossings/crossings.toml:53:12: invalid date, expected a two-digit month (MM)",
        ),
        (
            &[("services/services.toml", "{ cross = \"pass-b\", offset = \"5h\", clear = \"2h\" }", "{ cross = \"pass-c\", offset = \"5h\", clear = \"2h\" }")],
            "error: DIR/services/services.toml:56:1: service 'alpha-gamma-bus' crosses 'pass-c' (CN–PK) but its stops before and after are in CN and KG; expected one on each side",
        ),
        (
            &[("rates/rates.toml", "per_base = \"87\"", "per_base = \"eighty\"")],
            "error: DIR/rates/rates.toml:11:12: 'eighty' is not a decimal number; expected digits like \"16000\" or \"64.69\"",
        ),
        (
            &[("visas/visas.toml", "GB = \"60\"", "GB = \"sixty days\"")],
            "error: DIR/visas/visas.toml:1:1: visa requirements for KG: 'sixty days' is not a visa requirement; expected a number of days, \"visa free\", \"visa on arrival\", \"e-visa\", \"eta\", \"visa required\", \"no admission\" or \"-1\"",
        ),
    ];
    for (edits, expected) in cases {
        check_fails(edits, expected);
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let tmp = broken(&[
        (
            "places/places.toml",
            "zone = \"Asia/Karachi\"",
            "zone = \"Asia/Karachy\"",
        ),
        (
            "services/services.toml",
            "{ at = \"gamma\", offset = \"20h\" }",
            "{ at = \"gama\", offset = \"20h\" }",
        ),
        (
            "rates/rates.toml",
            "currency = \"GBP\"",
            "currency = \"XYZ\"",
        ),
    ]);
    let dir = tmp.path().to_str().unwrap();
    let r = run(&["--data", dir, "check"]).code(2);
    assert!(
        r.stderr
            .contains("places.toml:31:8: 'Asia/Karachy' is not a time zone"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("'XYZ' is not a supported currency"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("error: 2 problem(s) in the dataset"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_or_empty_data_directory_is_a_clear_error() {
    run(&["--data", "/no/such/dir", "check"])
        .code(2)
        .stderr_has("no dataset directory at '/no/such/dir'");
    let empty = tempfile::tempdir().unwrap();
    run(&["--data", empty.path().to_str().unwrap(), "places"])
        .code(2)
        .stderr_has("no data files in");
}

#[test]
fn a_file_that_is_not_toml_is_reported_not_panicked_on() {
    let tmp = broken(&[(
        "places/places.toml",
        "[[place]]\nid = \"alpha\"",
        "[[place]\nid = \"alpha\"",
    )]);
    let r = run(&["--data", tmp.path().to_str().unwrap(), "check"]).code(2);
    assert!(r.stderr.contains("places/places.toml:1:"), "{}", r.stderr);
}
