//! Regression tests for issue #13: each input that made `crossings` panic, hang, exhaust
//! memory or answer wrongly without a word, now refused with exit 2 and a message naming the
//! thing and the fix (or answered right).

mod common;
use common::{broken, mini, run, run_env};
use std::process::{Command, Stdio};

#[track_caller]
fn refused(r: common::Run, message: &str) {
    let r = r.code(2);
    assert!(r.stdout.is_empty(), "stdout on exit 2:\n{}", r.stdout);
    assert!(
        r.stderr.lines().any(|l| l == message),
        "expected the line\n{message}\nin stderr:\n{}",
        r.stderr
    );
}

/// The range the embedded dataset accepts, as its messages state it.
fn range() -> String {
    let r = run(&["hours", "--date", "9999-01-01"]).code(2);
    let tail = r
        .stderr
        .split("expected a date from ")
        .nth(1)
        .expect("range in the message")
        .trim()
        .to_string();
    format!("expected a date from {tail}")
}

/// "expected a date from 2020-01-01 to 2035-12-31" as months: "2020-01 to 2035-12".
fn months(range: &str) -> String {
    let tail = range.trim_start_matches("expected a date from ");
    let (lo, hi) = tail.split_once(" to ").expect("a range");
    format!("{} to {}", &lo[..7], &hi[..7])
}

#[test]
fn far_future_dates_are_refused_not_panics() {
    let range = range();
    refused(
        run(&["hours", "--date=+262142-12-31"]),
        "error: --date '+262142-12-31' is not a date; expected YYYY-MM-DD, like 2027-06-13",
    );
    refused(
        run(&["hours", "torugart", "--month=+262142-12"]),
        "error: --month '+262142-12' is not a month; expected YYYY-MM, like 2027-10",
    );
    refused(
        run(&["plan", "kashgar", "bishkek", "--date=+262142-12-31"]),
        "error: --date '+262142-12-31' is not a date; expected YYYY-MM-DD, like 2027-06-13",
    );
    refused(
        run(&["plan", "kashgar", "bishkek", "--date", "9999-12-31"]),
        &format!("error: --date 9999-12-31 is outside the dates this dataset covers; {range}"),
    );
    refused(
        run(&["hours", "torugart", "--month", "9999-12"]),
        &format!(
            "error: --month 9999-12 is outside the months this dataset covers; expected a month from {}",
            months(&range)
        ),
    );
    refused(
        run_env(
            &["plan", "kashgar", "bishkek"],
            &[("CROSSINGS_TODAY", "+262142-12-31")],
        ),
        "error: CROSSINGS_TODAY='+262142-12-31' is not a date; expected YYYY-MM-DD, or unset it to use the clock",
    );
    refused(
        run_env(&["check"], &[("CROSSINGS_TODAY", "9999-12-31")]),
        &format!("error: CROSSINGS_TODAY 9999-12-31 is outside the dates this dataset covers; {range}, or unset it to use the clock"),
    );
}

#[test]
fn a_two_digit_year_is_refused() {
    refused(
        run(&["plan", "kashgar", "bishkek", "--date", "26-06-15"]),
        "error: --date '26-06-15' is not a date; expected YYYY-MM-DD, like 2027-06-13",
    );
}

#[test]
fn a_decimal_comma_in_kilos_is_a_decimal() {
    let comma = mini(&["baggage", "alpha-gamma-bus", "--kg", "23,5"]).ok();
    let point = mini(&["baggage", "alpha-gamma-bus", "--kg", "23.5"]).ok();
    assert_eq!(comma.stdout, point.stdout);
    refused(
        mini(&["baggage", "alpha-gamma-bus", "--kg", "1,000"]),
        "error: --kg '1,000' has a comma; write kilograms with a decimal point, like 23.5",
    );
}

#[test]
fn absurd_amounts_and_rates_are_check_errors() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "services/services.toml",
            "amount = \"350\"",
            "amount = \"92233720368547758\"",
            "error: DIR/services/services.toml:18:1: fare `amount` 92,233,720,368,547,758 CNY is implausibly large; expected at most 1,000,000,000 CNY (check for extra digits)",
        ),
        (
            "rates/rates.toml",
            "per_base = \"7\"",
            "per_base = \"70000000\"",
            "error: DIR/rates/rates.toml:1:1: rate for CNY is 70000000, out of range; expected 0.0001 to 1000000 CNY per USD",
        ),
        (
            "rates/rates.toml",
            "per_base = \"7\"",
            "per_base = \"0.00000001\"",
            "error: DIR/rates/rates.toml:1:1: rate for CNY is 0.00000001, out of range; expected 0.0001 to 1000000 CNY per USD",
        ),
        (
            "services/services.toml",
            "seats = 4",
            "seats = 0",
            "error: DIR/services/services.toml:42:1: fare `seats` = 0 is out of range; expected 1 to 60 seats",
        ),
    ];
    for (file, from, to, want) in cases {
        let tmp = broken(&[(file, from, to)]);
        let dir = tmp.path().to_str().unwrap().to_string();
        refused(run(&["--data", &dir, "check"]), &want.replace("DIR", &dir));
    }
}

/// Runs the binary with `TZ` set and the clock needed (no CROSSINGS_TODAY), killing it if
/// it has not finished in 20 s (a hang is then a failure, not a stuck test run).
fn with_tz(tz: &str, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossings"))
        .args(args)
        .env_remove("CROSSINGS_TODAY")
        .env("NO_COLOR", "1")
        .env("TZ", tz)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crossings");
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed().as_secs() > 20 {
            let _ = child.kill();
            panic!("crossings hung with TZ={tz}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_tz_that_is_not_a_zone_file_cannot_hang_or_exhaust_memory() {
    let (code, stdout, stderr) = with_tz("/dev/zero", &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("dataset OK"), "{stdout}");
    assert_eq!(
        stderr,
        "note: TZ='/dev/zero' names /dev/zero, which is not a regular file; today is taken in UTC\n"
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let fifo = tmp.path().join("zone");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (code, _, stderr) = with_tz(&format!(":{}", fifo.display()), &["check"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("which is not a regular file"), "{stderr}");
    }
    // Commands that do not need today do not read the clock at all.
    let (code, _, stderr) = with_tz("/dev/zero", &["hours", "torugart", "--date", "2027-06-14"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let (code, _, stderr) = with_tz("/dev/zero", &["places", "kashgar"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

/// Output to a full disk used to exit 0 with no message.
#[test]
fn a_write_error_on_stdout_is_exit_2_with_a_message() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    let out = Command::new(env!("CARGO_BIN_EXE_crossings"))
        .args(["hours", "torugart", "--date", "2027-06-14"])
        .env("CROSSINGS_TODAY", common::TODAY)
        .stdout(full)
        .output()
        .expect("run crossings");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write the output (No space left on device (os error 28)); check the disk or the file it goes to\n"
    );
}

/// A closed pipe (`crossings … | head`) still ends quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossings"))
        .args(["hours"])
        .env("CROSSINGS_TODAY", common::TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crossings");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// `TERM=dumb` on a terminal got colour escapes. Runs under a pseudo-terminal with
/// `script(1)` where it is installed.
#[test]
fn term_dumb_means_no_colour() {
    let under_pty = |term: &str| {
        let cmd = format!(
            "TERM={term} CROSSINGS_TODAY={} {} hours torugart --month 2026-10",
            common::TODAY,
            env!("CARGO_BIN_EXE_crossings")
        );
        Command::new("script")
            .args(["-qc", &cmd, "/dev/null"])
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let (Some(xterm), Some(dumb)) = (under_pty("xterm"), under_pty("dumb")) else {
        return; // no script(1)
    };
    assert!(
        xterm.contains('\u{1b}'),
        "the check itself: colour on xterm"
    );
    assert!(!dumb.contains('\u{1b}'), "{dumb}");
}

/// A service with thousands of stops made the search cubic; `check` now bounds a route.
#[test]
fn a_service_with_too_many_stops_is_a_check_error() {
    let stops: String = (0..61)
        .map(|i| {
            format!(
                "  {{ at = \"{}\", offset = \"{}h\" }},\n",
                if i % 2 == 0 { "alpha" } else { "beta" },
                i
            )
        })
        .collect();
    let tmp = broken(&[(
        "services/services.toml",
        "stops = [\n  { at = \"alpha\", offset = \"0h\" },\n  { cross = \"pass-a\", offset = \"2h\" },\n  { at = \"beta\", offset = \"10h\" },\n]",
        &format!("stops = [\n{stops}]"),
    )]);
    let dir = tmp.path().to_str().unwrap().to_string();
    refused(
        run(&["--data", &dir, "check"]),
        &format!("error: {dir}/services/services.toml:1:1: service 'alpha-beta-bus' has 61 stops; expected at most 60 (split it into several services)"),
    );
}

#[test]
fn a_map_file_named_other_than_svg_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path();
    let png = dir.join("route.png");
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-14",
        "--map",
        png.to_str().expect("a UTF-8 path"),
    ]);
    refused(
        r,
        &format!(
            "error: --map {}: the map is drawn as SVG, not .png; name the file with .svg, like {}",
            png.display(),
            dir.join("route.svg").display()
        ),
    );
    assert!(!png.exists(), "nothing is written under the refused name");
    refused(
        run(&["map", "--out", "region.PNG"]),
        "error: --out region.PNG: the map is drawn as SVG, not .png; name the file with .svg, like region.svg",
    );
    // A name with no extension, or .svg in any case, is taken as given.
    for name in ["route", "route.SVG"] {
        let out = dir.join(name);
        let ok = run(&[
            "map",
            "--date",
            "2027-06-14",
            "--out",
            out.to_str().expect("a UTF-8 path"),
        ]);
        assert_eq!(ok.code, 0, "{name}: {}", ok.stderr);
        assert!(
            std::fs::read_to_string(&out)
                .expect("the map")
                .starts_with("<svg"),
            "{name}"
        );
    }
}
