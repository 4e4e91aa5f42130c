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
            &[("permits/permits.toml", "enforce = \"refuse\"", "enforce = \"refuse\"\nonly_coming_from = \"CN\"")],
            "error: DIR/places/places.toml:35:1: place 'epsilon' names permit 'region-permit', needed only coming from CN (`only_coming_from`), but it is in TJ; name the permit where CN is, or change `only_coming_from`",
        ),
        (
            &[("places/places.toml", "zone = \"Asia/Bishkek\"\nsources", "zone = \"Asia/Bishkke\"\nsources")],
            "error: DIR/places/places.toml:15:8: 'Asia/Bishkke' is not a time zone; expected an IANA name like Asia/Shanghai or Asia/Bishkek (key `zone`)",
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
            "error: DIR/crossings/crossings.toml:30:9: '09:00-25:00' is not a time range; expected HH:MM-HH:MM like 10:00-17:00 (key `hours`)",
        ),
        (
            &[("services/services.toml", "currency = \"CNY\"", "currency = \"RMB\"")],
            "error: DIR/services/services.toml:20:12: 'RMB' is not a supported currency; expected an ISO 4217 code, one of CNY, EUR, GBP, KGS, KZT, PKR, TJS, TMT, USD, UZS, AFN (key `currency`)",
        ),
        (
            &[("places/places.toml", "sources = [\"fixture\"]\nverified = 2026-01-01\n\n[[place]]\nid = \"gamma\"", "sources = [\"fixtur\"]\nverified = 2026-01-01\n\n[[place]]\nid = \"gamma\"")],
            "error: DIR/places/places.toml:11:1: unknown source 'fixtur'; did you mean 'fixture'?",
        ),
        (
            &[("crossings/crossings.toml", "days = \"Mon-Fri\"\nhours = \"10:00-17:00\"", "days = \"Mon-Fry\"\nhours = \"10:00-17:00\"")],
            "error: DIR/crossings/crossings.toml:19:8: 'Mon-Fry' is not a set of weekdays; expected \"daily\", \"Mon-Fri\" or \"Mon,Thu\" (key `days`)",
        ),
        (
            &[("crossings/crossings.toml", "verified = 2026-01-01\n\n[[crossing.side]]\ncountry = \"CN\"\npost = \"Alpha north post\"", "verified = 2026-1-01\n\n[[crossing.side]]\ncountry = \"CN\"\npost = \"Alpha north post\"")],
            "error: DIR/crossings/crossings.toml:53:12: invalid date, expected a two-digit month (MM) (key `verified`)",
        ),
        (
            &[("services/services.toml", "{ cross = \"pass-b\", offset = \"5h\", clear = \"2h\" }", "{ cross = \"pass-c\", offset = \"5h\", clear = \"2h\" }")],
            "error: DIR/services/services.toml:56:1: service 'alpha-gamma-bus' crosses 'pass-c' (CN–PK) but its stops before and after are in CN and KG; expected one on each side",
        ),
        (
            &[("rates/rates.toml", "per_base = \"87\"", "per_base = \"eighty\"")],
            "error: DIR/rates/rates.toml:11:12: 'eighty' is not a decimal number; expected digits like \"16000\" or \"64.69\" (key `per_base`)",
        ),
        (
            &[("visas/visas.toml", "GB = \"60\"", "GB = \"sixty days\"")],
            "error: DIR/visas/visas.toml:1:1: visa requirements for KG: 'sixty days' is not a visa requirement; expected a number of days, \"visa free\", \"visa on arrival\", \"e-visa\", \"eta\", \"visa required\", \"no admission\" or \"-1\"",
        ),
        // The drive between the posts is reported one way: a bare time, with no direction,
        // is refused, and so is a direction from a country the crossing does not touch.
        (
            &[("crossings/crossings.toml", "holidays_close = [\"CN\"]\n", "holidays_close = [\"CN\"]\nbetween = \"1h\"\n")],
            "error: DIR/crossings/crossings.toml:11:11: `between = \"1h\"` gives no direction; a drive is reported one way: key it by the country whose post is passed first, e.g. between = { KG = \"1h\" } (key `between`)",
        ),
        (
            &[("crossings/crossings.toml", "holidays_close = [\"CN\"]\n", "holidays_close = [\"CN\"]\nbetween = { KG = \"1h\", TJ = \"2h\" }\n")],
            "error: DIR/crossings/crossings.toml:2:1: crossing 'pass-a': `between` names 'TJ', which is not one of its sides (CN and KG); key each drive by the country whose post is passed first, e.g. between = { CN = \"1h30m\" }",
        ),
        // A dispute may be tied to one direction only where the fact has one (the drive
        // between the posts), and only to a country the crossing joins.
        (
            &[("crossings/crossings.toml", "fact = \"hours\"\n", "fact = \"hours\"\nfrom = \"CN\"\n")],
            "error: DIR/crossings/crossings.toml:38:1: crossing 'pass-a': the dispute about 'hours' has `from = \"CN\"`, but that fact has no direction; only a crossing's 'between' is recorded per direction: remove `from`",
        ),
        (
            &[("crossings/crossings.toml", "fact = \"hours\"\n", "fact = \"between\"\nfrom = \"TJ\"\n")],
            "error: DIR/crossings/crossings.toml:38:1: crossing 'pass-a': the dispute about 'between' has `from = \"TJ\"`, which is not one of its sides (CN and KG); name the country whose post is passed first in the direction the versions time, or leave `from` out when they do not say",
        ),
        (
            &[("crossings/crossings.toml", "fact = \"hours\"\n", "fact = \"between\"\nfrom = \"Kyrgyzstan\"\n")],
            "error: DIR/crossings/crossings.toml:40:8: 'Kyrgyzstan' is not a country code; expected two letters (ISO 3166-1 alpha-2) like CN or KG (key `from`)",
        ),
        (
            &[("services/services.toml", "[service.baggage]\nfree_kg = 20\nsources = [\"fixture\"]\n", "[service.baggage]\nfree_kg = 20\nsources = [\"fixture\"]\n[[service.dispute]]\nfact = \"fare\"\nfrom = \"CN\"\nsummary = \"Two fares.\"\nalternatives = [\n  { says = \"350 CNY\", sources = [\"fixture\"] },\n  { says = \"400 CNY\", sources = [\"fixture\"] },\n]\n")],
            "error: DIR/services/services.toml:26:1: service 'alpha-beta-bus': the dispute about 'fare' has `from = \"CN\"`, but that fact has no direction; only a crossing's 'between' is recorded per direction: remove `from`",
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
        r.stderr
            .contains("error: 2 problems in the dataset; fix them"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_or_empty_data_directory_is_a_clear_error() {
    // A path with nothing there is a mistyped flag, said once, with no "fix the dataset"
    // line under it.
    let r = run(&["--data", "/no/such/dir", "check"]).code(2);
    assert_eq!(
        r.stderr,
        "error: /no/such/dir: no such file or folder; name a dataset folder (with folders like places/ and crossings/, see data/README.md) or a file made by `crossings compile`\n"
    );
    // `compile` names the same path the same way.
    let r = run(&["compile", "/no/such/dir", "--out", "/tmp/never-written.bin"]).code(2);
    assert!(
        r.stderr
            .starts_with("error: /no/such/dir: no such file or folder; name a dataset folder"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
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

/// The gaps of issue #13: each was accepted as "dataset OK"; each is now one error naming
/// the file, the line, the key and the fix.
#[test]
fn validation_gaps_are_check_errors() {
    let cases: &[(&[Edit], &str)] = &[
        (
            &[("places/places.toml", "name = \"Beta\"", "name = \"Beta\"\ncoords = [42.8, 74.6, 800.0]")],
            "error: DIR/places/places.toml:14:10: `coords` has 3 number(s); expected exactly two, [latitude, longitude]",
        ),
        (
            &[("services/services.toml", "days = \"Mon,Thu\"", "days = \"Mon,Thu,Mon\"")],
            "error: DIR/services/services.toml:15:8: 'Mon,Thu,Mon' names Mon twice; list each weekday once, like \"Mon,Thu\" or \"Mon-Fri\" (key `days`)",
        ),
        (
            &[("services/services.toml", "  { at = \"beta\", offset = \"10h\" },", "  { at = \"beta\", offset = \"10h\" },\n  { at = \"alpha\", offset = \"20h\" },")],
            "error: DIR/services/services.toml:12:3: service 'alpha-beta-bus' stops at place 'alpha' twice (stops 1 and 4); a service may pass each place once: split a round trip into two services",
        ),
        (
            &[("crossings/crossings.toml", "cutoff = \"12:00\"", "cutoff = \"08:00\"")],
            "error: DIR/crossings/crossings.toml:14:1: `cutoff` 08:00 lies outside the `hours` 10:00-17:00; expected the last time to arrive, within the opening hours",
        ),
        (
            &[("crossings/crossings.toml", "days = \"Mon-Fri\"\nhours = \"09:00-18:00\"", "days = \"Sat,Sun\"\nhours = \"09:00-18:00\"")],
            "error: DIR/crossings/crossings.toml:2:1: crossing 'pass-a': the CN side is open Mon-Fri and the KG side Sat,Sun, never on the same day, so no one can cross; fix `days` on one side",
        ),
        (
            &[("visas/visas.toml", "requirement = \"visa required\"\nnote", "requirement = \"visa required\"\nfrom = 2026-06-01\nuntil = 2026-01-01\nnote")],
            "error: DIR/visas/visas.toml:17:1: visa rule for PK ends (`until` 2026-01-01) before it starts (`from` 2026-06-01); expected from <= until",
        ),
        (
            &[("visas/visas.toml", "except = [\"PK\"]", "except = [\"QQ\"]")],
            "error: DIR/visas/visas.toml:17:1: visa rule for PK names QQ, a country no place or visa table of the dataset knows; check the code (ISO 3166-1 alpha-2)",
        ),
        (
            &[("visas/visas.toml", "destination = \"CN\"", "destination = \"KG\"")],
            "error: DIR/visas/visas.toml:5:1: a second [[visa]] table for destination KG; the first is at DIR/visas/visas.toml:1: merge them into one",
        ),
        (
            &[("places/places.toml", "verified = 2026-01-01", "verified = 2026-01-01\nverified = 2026-01-02")],
            "error: DIR/places/places.toml:10:1: duplicate key (key `verified`); a key may appear once in a table: keep one of them",
        ),
        (
            &[("places/places.toml", "name = \"Beta\"", "name = \"Be\\u001b[2Jta\"")],
            "error: DIR/places/places.toml:13:11: the character U+001B (a control or bidirectional-override character) can garble or disguise text on a terminal; remove it",
        ),
        (
            &[("places/places.toml", "name = \"Beta\"", "name = \"Be\u{202E}ta\"")],
            "error: DIR/places/places.toml:13:11: the character U+202E (a control or bidirectional-override character) can garble or disguise text on a terminal; remove it",
        ),
        (
            &[("crossings/crossings.toml", "from = 2026-06-01", "from = 0026-06-01")],
            "error: DIR/crossings/crossings.toml:33:8: 0026-06-01 is out of range; expected a date in the years 1900 to 2200 (key `from`)",
        ),
    ];
    for (edits, expected) in cases {
        check_fails(edits, expected);
    }
}

#[test]
fn an_empty_dataset_is_not_ok() {
    let tmp = tempfile::tempdir().unwrap();
    for kind in ["sources", "places", "crossings", "services"] {
        std::fs::create_dir(tmp.path().join(kind)).unwrap();
        std::fs::write(tmp.path().join(kind).join("a.toml"), "").unwrap();
    }
    let r = run(&["--data", tmp.path().to_str().unwrap(), "check"]).code(2);
    assert_eq!(
        r.stderr,
        "error: dataset: no place records; a dataset needs at least one place, one crossing and one service (see data/README.md)\n\
         error: dataset: no crossing records; a dataset needs at least one place, one crossing and one service (see data/README.md)\n\
         error: dataset: no service records; a dataset needs at least one place, one crossing and one service (see data/README.md)\n\
         error: 3 problems in the dataset; fix them and run `crossings check` again\n"
    );
}

/// Exactly these lines on stderr (DIR is the dataset directory), exit 2, within 20 s.
#[track_caller]
fn fs_case(setup: impl FnOnce(&std::path::Path), expected: &[&str]) {
    let tmp = broken(&[]);
    let dir = tmp.path().to_str().unwrap().to_string();
    setup(tmp.path());
    let r = run(&["--data", &dir, "check"]).code(2);
    let mut want: Vec<String> = expected.iter().map(|l| l.replace("DIR", &dir)).collect();
    want.push(match expected.len() {
        1 => "error: 1 problem in the dataset; fix it and run `crossings check` again".to_string(),
        n => {
            format!("error: {n} problems in the dataset; fix them and run `crossings check` again")
        }
    });
    let got: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(got, want);
}

/// File-system objects in place of data files: each is one message, not a hang, a read
/// until memory runs out, or a cascade of "unknown place" errors.
#[cfg(unix)]
#[test]
fn file_system_objects_are_refused_by_name() {
    use std::os::unix::fs::symlink;
    use std::process::Command;
    let mkfifo = |p: &std::path::Path| {
        assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
    };
    fs_case(
        |d| mkfifo(&d.join("places/fifo.toml")),
        &["error: DIR/places/fifo.toml: is not a regular file (a pipe, socket or device); data files must be regular .toml files"],
    );
    fs_case(
        |d| symlink("/dev/zero", d.join("places/zero.toml")).unwrap(),
        &["error: DIR/places/zero.toml: is a link to '/dev/zero', outside the dataset; copy the file into the dataset instead"],
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = std::fs::canonicalize(elsewhere.path())
        .unwrap()
        .join("o.toml");
    std::fs::write(&outside, "").unwrap();
    fs_case(
        |d| symlink(&outside, d.join("places/out.toml")).unwrap(),
        &[&format!("error: DIR/places/out.toml: is a link to '{}', outside the dataset; copy the file into the dataset instead", outside.display())],
    );
    fs_case(
        |d| std::fs::rename(d.join("places"), d.join("place")).unwrap(),
        &[
            "error: DIR/place: 'place/' is not a dataset folder; did you mean 'places/'? The folders are sources/, places/, permits/, crossings/, services/, visas/, holidays/, rates/",
            "error: DIR/places: no places/ folder; every dataset has folders sources/, places/, crossings/, services/ (see data/README.md)",
        ],
    );
    fs_case(
        |d| {
            std::fs::rename(d.join("places/places.toml"), d.join("places/places.TOML")).unwrap()
        },
        &["error: DIR/places/places.TOML: '.TOML' is not the data file extension; rename it to end in .toml"],
    );
    fs_case(
        |d| {
            let f = std::fs::File::create(d.join("places/huge.toml")).unwrap();
            f.set_len(crossings::load::MAX_FILE_BYTES + 1).unwrap();
        },
        &[&format!(
            "error: DIR/places/huge.toml: is larger than {max} bytes ({} bytes); split it into several files, or check that it is a data file",
            crossings::load::MAX_FILE_BYTES + 1,
            max = crossings::load::MAX_FILE_BYTES
        )],
    );
    fs_case(
        |d| std::fs::write(d.join("places/bad.toml"), b"id = \"a\"\n# \xff\xfe\n").unwrap(),
        &["error: DIR/places/bad.toml:2:3: invalid UTF-8 at byte 11; data files must be UTF-8 text"],
    );
}

/// A country's holiday list refused (more names on one date than a holiday keeps) is one
/// message at the first record of that date; two make-up days for one holiday, one at the
/// record giving the second, naming the record that gives the first (not the date's first
/// record, which gives none here). The crossings that close for that country's holidays are
/// not also reported as closing on holidays "the dataset has no holidays for".
#[test]
fn a_refused_holiday_list_is_one_message_at_its_record() {
    let extra: String = (0..256)
        .map(|i| {
            format!("\n[[holiday]]\ncountry = \"CN\"\ndate = 2026-10-01\nname = \"Day {i}\"\n")
        })
        .collect();
    fs_case(
        |d| {
            let path = d.join("holidays/holidays.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text + &extra).unwrap();
        },
        &["error: DIR/holidays/holidays.toml:1:1: the public holidays of CN: 257 records name the holiday on 2026-10-01, more than 255 a day; keep at most 255 records for that date"],
    );
    fs_case(
        |d| {
            let path = d.join("holidays/holidays.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            let more = "\n[[holiday]]\ncountry = \"CN\"\ndate = 2026-10-01\nname = \"Golden Week\"\nmakeup = 2026-09-27\n\n[[holiday]]\ncountry = \"CN\"\ndate = 2026-10-01\nname = \"Golden Week\"\nmakeup = 2026-10-10\n";
            std::fs::write(&path, text + more).unwrap();
        },
        &["error: DIR/holidays/holidays.toml:29:1: the CN holiday on 2026-10-01 has the make-up day 2026-10-10 here but 2026-09-27 at DIR/holidays/holidays.toml:23; a holiday has one make-up day: give the same `makeup` in every record of that day"],
    );
}

/// The `[[announced]]` record of a holidays file (the last year whose official holiday
/// schedule a country's list follows): a country without holidays, a year outside its list,
/// no source or an unknown one is a message at the record, naming the fix.
#[test]
fn an_announced_schedule_record_names_its_defect() {
    let file = "holidays/holidays.toml";
    let cases: &[(&[Edit], &str)] = &[
        (
            &[(file, "country = \"CN\"\nthrough", "country = \"KZ\"\nthrough")],
            "error: DIR/holidays/holidays.toml:17:1: announced schedule of KZ: the dataset has no holidays for KZ; name a country of the holidays files (or add it to scripts/gen_holidays.py)",
        ),
        (
            &[(file, "through = 2026", "through = 2031")],
            "error: DIR/holidays/holidays.toml:17:1: announced schedule of CN: `through = 2031` is outside the years of its holiday list (2026-2026); give a year from 2025 to 2026",
        ),
        (
            &[(file, "sources = [\"fixture\"]\nverified = 2026-01-01\n", "sources = []\nverified = 2026-01-01\n")],
            "error: DIR/holidays/holidays.toml:17:1: announced schedule of CN has no sources; every record names at least one source id",
        ),
        (
            &[(file, "sources = [\"fixture\"]\nverified = 2026-01-01\n", "verified = 2026-01-01\n")],
            "error: DIR/holidays/holidays.toml:17:1: missing field `sources` (key `announced`)",
        ),
        (
            &[(file, "sources = [\"fixture\"]\nverified = 2026-01-01\n", "sources = [\"fixtur\"]\nverified = 2026-01-01\n")],
            "error: DIR/holidays/holidays.toml:17:1: unknown source 'fixtur'; did you mean 'fixture'?",
        ),
        (
            &[(file, "verified = 2026-01-01\n", "verified = 2026-01-01\n\n[[announced]]\ncountry = \"CN\"\nthrough = 2025\nsources = [\"fixture\"]\nverified = 2026-01-01\n")],
            "error: DIR/holidays/holidays.toml:23:1: a second announced schedule of CN; it is already given at DIR/holidays/holidays.toml:17: keep one record per country",
        ),
    ];
    for (edits, expected) in cases {
        check_fails(edits, expected);
    }
}

/// TOML errors name their line and key, inside inline tables and values spread over lines
/// too, with the fix where the toml crate's words give none.
#[test]
fn toml_errors_name_their_line_key_and_fix() {
    let svc = "services/services.toml";
    let cases: &[(Edit, &str)] = &[
        (
            (svc, "{ at = \"alpha\", offset = \"0h\" }", "{ at = 5, offset = \"0h\" }"),
            "error: DIR/services/services.toml:9:10: invalid type: integer `5`, expected a string (key `at` in `stops`)",
        ),
        (
            (svc, "{ at = \"alpha\", offset = \"0h\" }", "{ at = \"alpha\", at = \"x\", offset = \"0h\" }"),
            "error: DIR/services/services.toml:9:19: duplicate key (key `at` in `stops`); a key may appear once in a table: keep one of them",
        ),
        (
            (svc, "kind = \"weekly\"", "kind = 7"),
            "error: DIR/services/services.toml:14:8: expected a quoted word (such as \"bus\" or \"weekly\"), not a number, array or date (key `kind`)",
        ),
        (
            (svc, "status = \"running\"", "status = \"running\"\nstatus = \"x\""),
            "error: DIR/services/services.toml:6:1: duplicate key (key `status`); a key may appear once in a table: keep one of them",
        ),
        (
            ("places/places.toml", "aliases = [\"Älpha Town\", \"阿尔法\"]", "aliases = [\n  \"Älpha Town\",\n  5,\n]"),
            "error: DIR/places/places.toml:6:3: invalid type: integer `5`, expected a string (key `aliases`)",
        ),
    ];
    for ((file, from, to), expected) in cases {
        check_fails(&[(file, from, to)], expected);
    }
    // Nesting past the parser's limit: the line, the key and the limit.
    let deep = format!("name = \"Alpha\"\nx = {}", "[".repeat(10_000));
    let tmp = broken(&[("places/places.toml", "name = \"Alpha\"", &deep)]);
    let r = run(&["--data", tmp.path().to_str().unwrap(), "check"]).code(2);
    assert!(
        r.stderr.contains("places/places.toml:4:")
            && r.stderr
                .contains("(key `x`); data files nest arrays and tables a few levels deep at most"),
        "{}",
        r.stderr
    );
    // Invalid UTF-8: the byte offset, the line and the column.
    let tmp = broken(&[]);
    let path = tmp.path().join("places/places.toml");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n# caf\xe9\n");
    let at = bytes.len() - 2;
    std::fs::write(&path, bytes).unwrap();
    let r = run(&["--data", tmp.path().to_str().unwrap(), "check"]).code(2);
    assert!(
        r.stderr.contains(&format!(
            "invalid UTF-8 at byte {at}; data files must be UTF-8 text"
        )),
        "{}",
        r.stderr
    );
}

/// The outcome of checking `files` parsed with files cut into pieces of at least
/// `piece_bytes` (1: a piece per record): the encoded dataset, or every problem as printed.
fn outcome_in_pieces(
    files: &[(String, String, String)],
    piece_bytes: usize,
) -> Result<Vec<u8>, Vec<String>> {
    let files = files
        .iter()
        .map(|(shown, kind, text)| crossings::load::DataFile {
            shown: shown.clone(),
            kind: kind.clone(),
            text: text.clone(),
        })
        .collect();
    let (raw, mut problems) = crossings::load::parse_all_in_pieces(files, piece_bytes);
    let pieces = raw.services.len();
    match crossings::validate::validate(raw) {
        Ok(ds) if problems.is_empty() => {
            if piece_bytes == 1 {
                assert!(pieces > 3, "the service files were not cut into pieces");
            }
            Ok(ds.encode().unwrap())
        }
        Ok(_) => Err(problems.iter().map(ToString::to_string).collect()),
        Err(more) => {
            problems.extend(more);
            Err(problems.iter().map(ToString::to_string).collect())
        }
    }
}

/// A large file is parsed a run of records at a time (the parser's scratch is many times
/// the text): the real files cut at every record give the same dataset, byte for byte, and
/// broken ones the same messages with the same lines and columns as parsed whole, also
/// where a cut falls inside a multi-line string or a file has a parse error.
#[test]
fn files_parsed_in_pieces_read_exactly_as_whole() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let real: Vec<(String, String, String)> = crossings::load::read_dir(&dir)
        .unwrap()
        .into_iter()
        .map(|f| (f.shown, f.kind, f.text))
        .collect();
    let whole = outcome_in_pieces(&real, usize::MAX);
    assert!(whole.is_ok());
    assert_eq!(outcome_in_pieces(&real, 1), whole);
    assert_eq!(outcome_in_pieces(&real, 4096), whole);

    let edit = |kind: &str, f: &dyn Fn(&str) -> String| -> Vec<(String, String, String)> {
        let mut files = real.clone();
        let file = files.iter_mut().rev().find(|x| x.1 == kind).unwrap();
        file.2 = f(&file.2);
        files
    };
    // A note whose text holds a line like a record's header: a cut there is inside the
    // string, and the file still reads as one.
    let noted = edit("services", &|t| {
        let at = t.rfind("\n[[service]]\n").unwrap() + "\n[[service]]\n".len();
        format!("{}dispute = []\n{}", &t[..at], &t[at..]).replacen(
            "dispute = []\n",
            "operator = \"\"\"\n[[service]]\nid = \"x\"\n\"\"\"\n",
            1,
        )
    });
    let noted_whole = outcome_in_pieces(&noted, usize::MAX);
    assert_eq!(outcome_in_pieces(&noted, 1), noted_whole);

    // Problems found by the validator deep in a file, and a parse error in another.
    let unknown = edit("services", &|t| {
        let at = t.len() * 3 / 4;
        let (a, b) = t.split_at(t[at..].find("at = \"").unwrap() + at);
        format!("{a}at = \"nowhere-{}", &b["at = \"".len()..])
    });
    let both = {
        let mut files = unknown.clone();
        let rates = files.iter_mut().rev().find(|x| x.1 == "rates").unwrap();
        rates.2.push_str("\n[[rate]]\ncurrency = \n");
        files
    };
    for files in [&unknown, &both] {
        let whole = outcome_in_pieces(files, usize::MAX).unwrap_err();
        assert!(
            whole.iter().any(|p| p.contains("unknown place 'nowhere-")),
            "{whole:?}"
        );
        assert!(
            files == &unknown || whole.iter().any(|p| p.contains("rates")),
            "{whole:?}"
        );
        assert_eq!(outcome_in_pieces(files, 1).unwrap_err(), whole);
        assert_eq!(outcome_in_pieces(files, 4096).unwrap_err(), whole);
    }
}
