//! Findings of the fuzz targets (fuzz/, run with scripts/fuzz.sh), each as the concrete
//! input that showed it, run the way the target ran it: `crossings::run::execute` in
//! process, under `catch_unwind`, with the properties the target checks.
//!
//! - `load_toml` / `load_mutate`: one data file replaced; `--data DIR check` must exit 0, or
//!   2 with every stderr line starting "error: ".
//! - `cli`: any command line; exit 0, 1 or 2, and exit 2 prints nothing on stdout.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::OsString;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crossings::run::{execute, Ran};

/// Counts the bytes this thread holds, so a test can tell whether a call gives back what
/// it allocated (other test threads do not disturb the count).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    let _ = LIVE.try_with(|l| l.set(l.get() + delta));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> isize {
    LIVE.with(|l| l.get())
}

fn args(list: &[&str]) -> Vec<OsString> {
    std::iter::once("crossings")
        .chain(list.iter().copied())
        .map(OsString::from)
        .collect()
}

/// Runs the program in process; a panic fails the test with the arguments.
fn run(list: &[OsString]) -> Ran {
    match catch_unwind(AssertUnwindSafe(|| execute(list.to_vec()))) {
        Ok(ran) => ran,
        Err(e) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("crossings panicked on {list:?}: {msg}");
        }
    }
}

/// The `cli` target's properties.
#[track_caller]
fn assert_cli_contract(list: &[OsString], ran: &Ran) {
    assert!(matches!(ran.code, 0..=2), "exit {} for {list:?}", ran.code);
    if ran.code == 2 {
        assert!(
            ran.stdout.is_empty(),
            "exit 2 with stdout for {list:?}:\n{}",
            ran.stdout
        );
        assert!(!ran.stderr.is_empty(), "exit 2 without a message: {list:?}");
    }
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A copy of data/ with every file of `kind` replaced by one file holding `text` (what the
/// `load_toml` target builds in memory), checked with `--data DIR check`.
fn check_with_file(kind: &str, text: &[u8]) -> Ran {
    let tmp = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(data_dir()).expect("data/") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if !entry.path().is_dir() || name == kind {
            continue;
        }
        let to = tmp.path().join(&name);
        std::fs::create_dir_all(&to).expect("mkdir");
        for file in std::fs::read_dir(entry.path()).expect("folder") {
            let file = file.expect("file").path();
            std::fs::copy(&file, to.join(file.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::create_dir_all(tmp.path().join(kind)).expect("mkdir");
    std::fs::write(tmp.path().join(kind).join("fuzzed.toml"), text).expect("write");
    let list = args(&["--data", tmp.path().to_str().expect("utf-8 path"), "check"]);
    let ran = run(&list);
    assert!(
        ran.code == 0 || ran.code == 2,
        "exit {} for a {kind} file {:?}\n{}",
        ran.code,
        String::from_utf8_lossy(text),
        ran.stderr
    );
    if ran.code == 2 {
        assert!(ran.stdout.is_empty(), "exit 2 with stdout:\n{}", ran.stdout);
        for line in ran.stderr.lines() {
            assert!(line.starts_with("error: "), "stderr line {line:?}");
        }
    }
    ran
}

/// The harness itself: an empty file of each kind is a clear data error, not a panic.
#[test]
fn an_empty_data_file_of_each_kind_is_exit_2_or_0() {
    for kind in crossings::load::KINDS {
        check_with_file(kind, b"");
    }
    let ran = check_with_file("rates", b"\xff\xfe not utf-8");
    assert_eq!(ran.code, 2, "{}", ran.stderr);
}

/// Finding of the `cli` target (an out-of-memory after ~80,000 executions at
/// -rss_limit_mb=2048; any input that gets past the flags shows it, minimal: `check`):
/// `run::run` leaks the loaded dataset with `Box::leak` on every call, so
/// `run::execute`, "for tests and fuzzing", grows the process by the size of a dataset per
/// call. Leaking is fine in the one-shot binary (`main_with`), not in `execute`.
#[test]
fn execute_gives_back_the_dataset_it_loaded() {
    let list = args(&["places", "kashgar"]);
    // Warm up: lazily initialised statics are allocated once and kept.
    assert_cli_contract(&list, &run(&list));
    let before = live();
    for _ in 0..10 {
        assert_cli_contract(&list, &run(&list));
    }
    let grown = live() - before;
    assert!(
        grown < 16 * 1024,
        "10 calls of execute({list:?}) kept {grown} bytes ({} per call): the dataset is leaked on every call",
        grown / 10
    );
}

/// A 1 MiB place name took seconds for its "did you mean" and was echoed whole: now the
/// message quotes a short prefix and no suggestion is computed for a name no record can
/// have. Also extreme dates and the values the `cli` dictionary now holds.
#[test]
fn huge_and_extreme_arguments_get_short_messages() {
    let huge = "kashgar".repeat(150_000);
    for list in [
        vec!["plan", huge.as_str(), "bishkek"],
        vec!["hours", huge.as_str()],
        vec!["places", huge.as_str()],
        vec!["baggage", huge.as_str(), "--kg", "26"],
        vec!["plan", "kashgar", "bishkek", "--date", huge.as_str()],
        vec!["hours", "--date=+262142-12-31"],
        vec!["hours", "torugart", "--month=+262142-12"],
        vec!["hours", "--date=-262143-01-01"],
        vec!["plan", "kashgar", "bishkek", "--date=+262142-12-31"],
        vec!["plan", "kashgar", "bishkek", "--date=26-06-15"],
        vec![
            "plan",
            "kashgar",
            "bishkek",
            "--within",
            "366",
            "--date",
            "2031-12-31",
        ],
        vec!["baggage", "kashgar-osh-bus", "--kg", "23,5"],
        vec![
            "baggage",
            "kashgar-osh-bus",
            "--kg",
            "999999999999999999999999",
        ],
    ] {
        let list = args(&list);
        let ran = run(&list);
        assert_cli_contract(&list, &ran);
        assert!(
            ran.stderr.len() < 1_000,
            "{} bytes of stderr for {:?}…",
            ran.stderr.len(),
            &list[..2]
        );
    }
}

/// 80,000 aliases on one place took 8 s to load (each checked against the others with a
/// `Vec::contains`): a set now. 20,000 problems in one file took 15 s (each line number
/// found by rescanning the file): line starts are worked out once per file.
#[test]
fn many_aliases_and_many_problems_load_in_one_pass() {
    let aliases: Vec<String> = (0..80_000).map(|i| format!("\"alias {i}\"")).collect();
    let place = format!(
        "[[place]]\nid = \"many\"\nname = \"Many\"\naliases = [{}]\ncountry = \"KG\"\nzone = \"Asia/Bishkek\"\nsources = [\"ref-passport-index\"]\nverified = 2026-01-01\n",
        aliases.join(", ")
    );
    let ran = check_with_file("places", place.as_bytes());
    // The real crossings name real places this file no longer has: that is the error,
    // not the aliases.
    assert_eq!(ran.code, 2);
    assert!(
        !ran.stderr.contains("alias"),
        "{}",
        &ran.stderr[..500.min(ran.stderr.len())]
    );

    let mut bad = String::new();
    for i in 0..20_000 {
        bad.push_str(&format!(
            "[[rate]]\ncurrency = \"CNY\"\nper_base = \"0\"\nbase = \"USD\"\ndate = 2026-01-01\nsources = [\"x{i}\"]\nverified = 2026-01-01\n"
        ));
    }
    let ran = check_with_file("rates", bad.as_bytes());
    assert_eq!(ran.code, 2);
    let last = ran.stderr.lines().rev().nth(1).unwrap_or_default();
    assert!(
        last.contains(":139994:1: rate for CNY must be positive"),
        "{last}"
    );
}

/// The fuzz targets' shared harness, built by `cargo test` too: a change to the commands'
/// signatures or flags that the nightly-only fuzz build would trip over fails here, in CI.
/// (Found when the longer fuzzing run of issue #13 started: the harness no longer built.)
#[path = "../fuzz/fuzz_targets/common/mod.rs"]
mod fuzz_common;

/// The harness accepts the real dataset (`check`, then places, hours, services and a plan
/// on it) and reports a broken file the way `--data DIR check` does, both by splicing one
/// file into the real ones parsed once and by parsing every file again.
#[test]
fn the_fuzz_harness_builds_and_runs() {
    let real = fuzz_common::real_files();
    let files = real
        .iter()
        .map(|(s, k, t)| fuzz_common::data_file(s, k, t))
        .collect();
    let outcome = fuzz_common::load_and_check(files);
    assert!(outcome.starts_with("dataset OK"), "{outcome}");
    // One real file replaced by a broken one, as load_mutate does.
    std::env::set_var("CROSSINGS_FUZZ_CROSSCHECK", "1");
    let n = real
        .iter()
        .position(|(_, k, _)| k == "rates")
        .expect("a rates file");
    fuzz_common::load_and_check_with(
        "rates",
        fuzz_common::Replace::File(n),
        &real[n].0,
        "[[rate]]\ncurrency = \"CNY\"\nper_base = \"0\"\n",
    );
    fuzz_common::load_and_check_with(
        "places",
        fuzz_common::Replace::Kind,
        "fuzz/places/fuzzed.toml",
        "[[place]]\nid = 5\n",
    );
}

/// Finding of the `load_toml` target in the longer run of issue #13 (after ~330 inputs):
/// a TOML error on a line whose key is preceded by a character of several bytes (here a
/// lossy-decoded byte, U+FFFD) made the key finder slice inside that character. Minimal:
/// the holidays file `d\u{FFFD}tn = 4052-QQ"]`.
#[test]
fn a_key_after_a_multibyte_character_is_named_without_a_panic() {
    let artifact: &[u8] =
        b"[[holiday]]\ncountry = \"CN\"\nd\xa2tn = 4052-QQ\"]\nrequirem\"National Day\"\n";
    for (text, line) in [
        (String::from_utf8_lossy(artifact).into_owned(), 3),
        (
            "[[holiday]]\ncountry = \"CN\"\ndé = 4052-QQ\n".to_string(),
            3,
        ),
        (
            "[[holiday]]\ncountry = \"CN\"\n{ é = 5 = 6 }\n".to_string(),
            3,
        ),
        (
            "[[holiday]]\ncountry = \"CN\"\nx = [\n  é = 5,\n]\n".to_string(),
            4,
        ),
    ] {
        let ran = check_with_file("holidays", text.as_bytes());
        assert_eq!(ran.code, 2, "{text:?}: {}", ran.stderr);
        assert!(
            ran.stderr
                .contains(&format!("holidays/fuzzed.toml:{line}:")),
            "{text:?}: {}",
            ran.stderr
        );
    }
}

/// The `compiled` target's harness on its seeds (fuzz/seeds/compiled/): the real compiled
/// dataset as it is and forged (changed, its checksum made to match) decodes and is
/// answered; changed without the checksum it is refused with the reason.
#[test]
fn the_compiled_fuzz_harness_refuses_or_answers_its_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/compiled");
    let seed = |name: &str| std::fs::read(dir.join(name)).unwrap();
    assert_eq!(
        fuzz_common::check_compiled(&seed("as-is-facts")),
        "decoded: 0 0"
    );
    assert_eq!(
        fuzz_common::check_compiled(&seed("flip-unsealed")),
        "refused: is damaged (its checksum does not match its contents)"
    );
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        let outcome = fuzz_common::check_compiled(&seed(&name));
        assert!(
            outcome.starts_with("decoded:") || outcome.starts_with("refused: "),
            "{name}: {outcome}"
        );
    }
}
