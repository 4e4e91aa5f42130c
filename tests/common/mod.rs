//! Runs the real `crossings` binary: fixed "today", no colour, exact stdout, stderr and
//! exit code. Every integration test goes through here.
#![allow(dead_code)]

pub mod json;
pub mod records;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TODAY: &str = "2026-11-21";

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected exit 0\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
    #[track_caller]
    pub fn stdout_lacks(self, needle: &str) -> Run {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\nstdout:\n{}",
            self.stdout
        );
        self
    }
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\nstderr:\n{}",
            self.stderr
        );
        self
    }
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not the JSON contract: {e}\n{}", self.stdout))
    }
}

pub fn run(args: &[&str]) -> Run {
    run_env(args, &[])
}

pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crossings"));
    // No wrapping unless a test asks for a width: the caller's terminal must not matter.
    cmd.args(args)
        .env("CROSSINGS_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run crossings");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Kashgar to Sust in June 2020 with the visas held: before the day from which the dataset
/// records Khunjerab open (3 Apr 2023). One question, asked in text (journeys.rs) and as
/// JSON (json.rs).
pub const KASHGAR_SUST_BEFORE_REOPENING: &[&str] = &[
    "plan",
    "kashgar",
    "sust",
    "--date",
    "2020-06-15",
    "--passport",
    "GB",
    "--visa",
    "CN",
    "--visa",
    "PK",
];

/// Kashgar to Sust in December, when Khunjerab is closed for the winter, on a GB passport.
/// One question, pinned as text (golden.rs) and as JSON (json.rs), and with only the
/// documents held (`--held-only`) in seeds.rs and geojson.rs.
pub const KASHGAR_SUST_IN_WINTER: &[&str] = &[
    "plan",
    "kashgar",
    "sust",
    "--date",
    "2026-12-10",
    "--passport",
    "GB",
];

/// Penjikent to Islamabad in July: every route takes seven rides, one more than a plan
/// searches.
pub const PENJIKENT_ISLAMABAD: &[&str] = &[
    "plan",
    "penjikent",
    "islamabad",
    "--date",
    "2027-07-12",
    "--passport",
    "GB",
];

/// Runs `args` against the small fixture dataset.
pub fn mini(args: &[&str]) -> Run {
    let dir = fixture("mini");
    let mut all = vec!["--data", dir.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    run(&all)
}

/// A copy of the fixture dataset with text replaced in some files: one defect each.
pub fn broken(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture("mini"), tmp.path());
    for (file, from, to) in edits {
        let path = tmp.path().join(file);
        let text = std::fs::read_to_string(&path).expect("fixture file");
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    tmp
}

/// A copy of the real dataset (`data/`) with text replaced in some files, for a question
/// the real data no longer poses (one record as an older version of the data had it).
pub fn real_data_with(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        tmp.path(),
    );
    for (file, from, to) in edits {
        let path = tmp.path().join(file);
        let text = std::fs::read_to_string(&path).expect("data file");
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    tmp
}

/// A copy of the fixture dataset with files added: (path in the dataset, text), such as
/// `("places/extra.toml", …)` (`records` writes records in the fixture's style).
pub fn with_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = broken(&[]);
    for (file, text) in files {
        std::fs::write(tmp.path().join(file), text).expect("write a data file");
    }
    tmp
}

/// `crossings [--data DIR] plan ARGS --json` (the embedded dataset without `data`), decoded
/// into the strict contract (`json::PlanJson`), and the exit code.
pub fn plan_json(data: Option<&Path>, args: &[&str]) -> (json::PlanJson, i32) {
    let mut all: Vec<&str> = Vec::new();
    if let Some(dir) = data {
        all.extend_from_slice(&["--data", dir.to_str().expect("utf-8 path")]);
    }
    all.push("plan");
    all.extend_from_slice(args);
    all.push("--json");
    let r = run(&all);
    (r.json(), r.code)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Compares `actual` with the expected file `tests/golden/NAME.txt`, showing a line diff on
/// failure. `UPDATE_GOLDENS=1 cargo test` rewrites the file instead: read its diff (git
/// diff) as a traveller would before committing it.
#[track_caller]
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("mkdir golden");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run `UPDATE_GOLDENS=1 cargo test` to create it",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual);
        let mut shown = String::new();
        for change in diff.iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => "-",
                similar::ChangeTag::Insert => "+",
                similar::ChangeTag::Equal => " ",
            };
            shown.push_str(&format!("{sign}{change}"));
            if change.missing_newline() {
                shown.push('\n');
            }
        }
        panic!(
            "output differs from {} (- expected, + actual); if the new output is right, rerun with UPDATE_GOLDENS=1\n{shown}",
            path.display()
        );
    }
}

/// Runs `crossings ARGS` at a fixed width of `columns` and pins the whole answer — the
/// command line, stdout, stderr and the exit code — as golden file NAME.
#[track_caller]
pub fn golden_run(name: &str, columns: u16, args: &[&str]) {
    let cols = columns.to_string();
    let r = run_env(args, &[("COLUMNS", &cols)]);
    let mut text = format!("$ crossings {}\n", args.join(" "));
    text.push_str(&r.stdout);
    if !r.stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&r.stderr);
    }
    text.push_str(&format!("--- exit {}\n", r.code));
    golden(name, &text);
}
