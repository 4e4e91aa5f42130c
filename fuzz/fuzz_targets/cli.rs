//! Arbitrary command lines through `crossings::run::execute`. The input is split on NUL or
//! newline into arguments (raw bytes, so non-UTF-8 arguments are tried too) and prefixed
//! with "crossings". Two tokens are rewritten so the fuzzer can reach other datasets:
//! `@mini` becomes the path of tests/fixtures/mini and `@data` the path of data/.
//! "Today" is fixed (CROSSINGS_TODAY=2026-11-21) so every finding reproduces.
//!
//! Properties: no panic; exit code 0, 1 or 2; exit 2 prints nothing on stdout and something
//! on stderr.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::sync::Once;

const MAX_ARGS: usize = 24;

fuzz_target!(|data: &[u8]| {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        std::env::set_var("CROSSINGS_TODAY", "2026-11-21");
        std::env::set_var("NO_COLOR", "1");
    });
    let parts: Vec<&[u8]> = data.split(|&b| b == 0 || b == b'\n').collect();
    if parts.len() > MAX_ARGS {
        return;
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut args = vec![OsString::from("crossings")];
    for p in parts {
        args.push(match p {
            b"@mini" => OsString::from(format!("{root}/tests/fixtures/mini")),
            b"@data" => OsString::from(format!("{root}/data")),
            _ => OsString::from_vec(p.to_vec()),
        });
    }
    let ran = crossings::run::execute(args.clone());
    assert!(
        matches!(ran.code, 0..=2),
        "exit code {} for {args:?}",
        ran.code
    );
    if ran.code == 2 {
        assert!(
            ran.stdout.is_empty(),
            "exit 2 with stdout for {args:?}:\n{}",
            ran.stdout
        );
        assert!(
            !ran.stderr.is_empty(),
            "exit 2 without a message for {args:?}"
        );
    }
});
