//! Shared by the `load_*` targets: the real data/ files, read once, and the in-memory
//! equivalent of `crossings --data DIR check` (load::parse_all + validate::validate, then
//! the cheap commands on a dataset that validates).

#![allow(dead_code)]

use crossings::load::{self, DataFile, Piece, RawDataset};
use crossings::problem::Problem;
use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

/// A real data file: (shown name, kind, text).
pub type Real = (String, String, String);

/// The real data/ directory: the fuzz crate sits in fuzz/, and tests/fuzz_regressions.rs
/// builds this file too, from the project's root.
fn data_dir() -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if root.join("data/places").is_dir() {
        root.join("data")
    } else {
        root.join("../data")
    }
}

/// The files of the real data/ directory, in `load::read_dir` order.
pub fn real_files() -> &'static [Real] {
    static FILES: OnceLock<Vec<Real>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = data_dir();
        load::read_dir(&dir)
            .unwrap_or_else(|p| panic!("cannot read the real dataset: {}", p[0]))
            .into_iter()
            .map(|f| (f.shown, f.kind, f.text))
            .collect()
    })
}

pub fn data_file(shown: &str, kind: &str, text: &str) -> DataFile {
    DataFile {
        shown: shown.to_string(),
        kind: kind.to_string(),
        text: text.to_string(),
    }
}

/// Which real files the fuzzed file stands in for.
pub enum Replace {
    /// Every real file of its kind (the fuzzed file is the only one of that kind); it gets
    /// a new file number after the real ones.
    Kind,
    /// Real file number `n` (it keeps that number and its place in the order).
    File(usize),
}

thread_local! {
    /// The real files, parsed once: `parse_all` of ~470 kB of TOML per input would make the
    /// targets a hundred times slower. Each input gets a copy (validation consumes it) with
    /// its file spliced in.
    static PARSED: RefCell<Option<(RawDataset, Vec<Problem>)>> = const { RefCell::new(None) };
}

/// Replaces the entries of `v` from the files `gone` picks (one run of entries, since
/// `parse_all` appends file by file) by `added`.
fn splice<T>(v: &mut Vec<(Piece, T)>, gone: &dyn Fn(usize) -> bool, added: Vec<(Piece, T)>) {
    let pos = v.iter().position(|(p, _)| gone(p.file)).unwrap_or(v.len());
    let n = v[pos..].iter().take_while(|(p, _)| gone(p.file)).count();
    v.splice(pos..pos + n, added);
}

/// Parses `text` as a file of `kind` standing in for the real files `replace` names, and
/// runs [`check_parsed`] on the result: the same outcome as `load::parse_all` of the whole
/// directory, without re-parsing the real files for every input.
pub fn load_and_check_with(kind: &str, replace: Replace, shown: &str, text: &str) {
    let real = real_files();
    let (mut raw, problems) = PARSED.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (raw, real_problems) = cell.get_or_insert_with(|| {
            let files = real.iter().map(|(s, k, t)| data_file(s, k, t)).collect();
            load::parse_all(files)
        });
        assert!(real_problems.is_empty(), "the real data/ does not parse");
        (raw.clone(), real_problems.clone())
    });
    let (mut one, mut more) = load::parse_all(vec![data_file(shown, kind, text)]);
    let mut problems = problems;
    problems.append(&mut more);
    let index = match replace {
        Replace::Kind => raw.files.len(),
        Replace::File(n) => n,
    };
    let gone = |i: usize| match replace {
        Replace::Kind => real[i].1 == kind,
        Replace::File(n) => i == n,
    };
    raw.failed.append(&mut one.failed);
    let lines = one.lines.pop().expect("one file parsed");
    match replace {
        Replace::Kind => {
            raw.files.push(shown.to_string());
            raw.lines.push(lines);
        }
        Replace::File(n) => {
            raw.files[n] = shown.to_string();
            raw.lines[n] = lines;
        }
    }
    macro_rules! each_kind {
        ($($f:ident),*) => {$(
            let added = std::mem::take(&mut one.$f)
                .into_iter()
                .map(|(p, t)| (Piece { file: index, base: p.base }, t))
                .collect();
            splice(&mut raw.$f, &gone, added);
        )*};
    }
    each_kind!(sources, places, permits, crossings, services, visas, holidays, rates);
    let fast = check_parsed(raw, problems);
    // CROSSINGS_FUZZ_CROSSCHECK=1: also parse every file again, in `read_dir` order, and
    // demand the same outcome (checks the splicing above).
    if std::env::var_os("CROSSINGS_FUZZ_CROSSCHECK").is_some() {
        let mut files = Vec::new();
        let mut placed = false;
        for (i, (s, k, t)) in real.iter().enumerate() {
            let stands_in = match replace {
                Replace::Kind => k == kind,
                Replace::File(n) => i == n,
            };
            if stands_in {
                if !placed {
                    files.push(data_file(shown, kind, text));
                    placed = true;
                }
            } else {
                files.push(data_file(s, k, t));
            }
        }
        if !placed {
            files.push(data_file(shown, kind, text));
        }
        let slow = load_and_check(files);
        assert_eq!(fast, slow, "splicing changed the outcome");
    }
}

/// The slow, obvious way (every file parsed for each input): for checking the fast one.
pub fn load_and_check(files: Vec<DataFile>) -> String {
    let (raw, problems) = load::parse_all(files);
    check_parsed(raw, problems)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// What `crossings --data DIR check` does with these files, without the disk: parse,
/// validate, and on success run `check` (plus `places`, `hours`, `services` as JSON and one
/// small `plan`, for coverage of the code that trusts a validated dataset). Every outcome must be
/// "exit 0" or "exit 2 with messages that each render as `error: ...`"; a panic is a bug.
pub fn check_parsed(raw: RawDataset, mut problems: Vec<Problem>) -> String {
    let validated = crossings::validate::validate(raw);
    let ds = match validated {
        Ok(ds) if problems.is_empty() => ds,
        Ok(_) => return render_problems(&problems),
        Err(more) => {
            assert!(!more.is_empty(), "validate failed without a problem");
            problems.extend(more);
            return render_problems(&problems);
        }
    };
    // Exit 0 path: `check` must answer.
    let out = crossings::run::answer(&ds, &["check"], today());
    assert_eq!(
        out.code, 0,
        "check on a validated dataset answered with code {}: {}",
        out.code, out.stderr
    );
    assert!(out.stdout.starts_with("dataset OK"), "{}", out.stdout);
    let outcome = out.stdout.clone();

    // The embedded-dataset path encodes and decodes: that must round-trip.
    let bytes = ds.encode().expect("a validated dataset encodes");
    crossings::model::Dataset::decode(&bytes).expect("an encoded dataset decodes");

    // Cheap commands over a validated dataset: any exit code is fine, a panic is not. The
    // arguments go through clap and the program's own dispatch (`run::answer`), as on the
    // command line, so that new flags and changed command signatures need no change here.
    let _ = crossings::run::answer(&ds, &["places", "--json"], today());
    let _ = crossings::run::answer(&ds, &["hours", "--date", "2026-06-13", "--json"], today());
    let _ = crossings::run::answer(&ds, &["services", "--json"], today());
    if ds.places.len() >= 2 {
        let from = ds.places[0].id.to_string();
        let to = ds.places[ds.places.len() - 1].id.to_string();
        for json in [true, false] {
            let mut args = vec![
                "plan",
                &from,
                &to,
                "--date",
                "2026-06-13",
                "--within",
                "2",
                "--passport",
                "GB",
                "--party",
                "2",
                "--max",
                "5",
            ];
            if json {
                args.push("--json");
            }
            let _ = crossings::run::answer(&ds, &args, today());
        }
    }
    outcome
}

/// The exit-2 path: every problem renders (as `run::execute` would print it) and the
/// dataset is not silently accepted.
fn render_problems(problems: &[Problem]) -> String {
    assert!(!problems.is_empty());
    let mut lines: Vec<String> = problems.iter().map(|p| format!("error: {p}\n")).collect();
    lines.sort();
    lines.concat()
}

/// The real dataset compiled (`crossings compile data --out FILE`), once.
pub fn compiled_real() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = data_dir();
        let ds = crossings::run::load_dataset(Some(&dir), crossings::run::Shows::Everything)
            .unwrap_or_else(|_| panic!("cannot load the real dataset"));
        crossings::compiled::encode(ds).expect("the real dataset encodes")
    })
}

/// The `compiled` target: the real compiled dataset changed by `input`, then decoded as
/// `--data FILE` does and, when it decodes, asked what the commands ask. The first byte:
/// bit 0 set, the checksum is made to match the changed contents (a forged file, which
/// reaches the decoder and the commands; otherwise nearly every change is refused by the
/// checksum); bits 1-2, what is decoded (`Shows`: facts, sources, everything). The rest, in
/// groups of six bytes `[op, offset (4 bytes, little-endian), value]`: op % 4 = 0 xors the
/// byte at offset % length with value, 1 sets it, 2 cuts the file there, 3 inserts value.
/// A refusal must say why (it is printed as `error: FILE: WHY; recompile it …`, exit 2);
/// a file that decodes must be answered with exit 0, 1 or 2; a panic is a bug.
pub fn check_compiled(input: &[u8]) -> String {
    use crossings::run::Shows;
    let Some((&flags, ops)) = input.split_first() else {
        return String::new();
    };
    let mut bytes = compiled_real().to_vec();
    for op in ops.chunks_exact(6) {
        if bytes.is_empty() {
            break;
        }
        let at = u32::from_le_bytes([op[1], op[2], op[3], op[4]]) as usize % bytes.len();
        match op[0] % 4 {
            0 => bytes[at] ^= op[5],
            1 => bytes[at] = op[5],
            2 => bytes.truncate(at),
            _ => bytes.insert(at, op[5]),
        }
    }
    if flags & 1 == 1 {
        crossings::compiled::seal(&mut bytes);
    }
    let shows = match (flags >> 1) % 4 {
        0 => Shows::Facts,
        1 => Shows::SourceIds,
        2 => Shows::Details,
        _ => Shows::Everything,
    };
    let ds = match crossings::compiled::decode(&bytes, shows) {
        Ok(ds) => ds,
        Err(why) => {
            assert!(!why.trim().is_empty(), "a refusal without a reason");
            return format!("refused: {why}");
        }
    };
    // The commands that read what was decoded (`run::Shows::of`): planning and places the
    // facts alone; baggage and services the sources' ids too; hours the notes and disputes'
    // versions too; check and an explained plan everything.
    // Plans over one or two days: each input must stay well under libFuzzer's 10 s limit
    // in the fuzz build (a `--month` is 30 searches).
    let questions: &[&[&str]] = match shows {
        Shows::Facts => &[
            &[
                "plan",
                "kashgar",
                "bishkek",
                "--date",
                "2027-06-12",
                "--within",
                "2",
            ],
            &["places", "--json"],
        ],
        Shows::SourceIds => &[
            &["baggage", "--from", "kashgar", "--to", "sust", "--kg", "26"],
            &["services", "--from", "kashgar"],
        ],
        Shows::Details => &[
            &["hours", "torugart", "--month", "2027-06"],
            &["hours", "--date", "2027-06-12", "--json"],
        ],
        Shows::Everything => &[
            &["check"],
            &[
                "plan",
                "osh",
                "kashgar",
                "--date",
                "2027-06-14",
                "--within",
                "1",
                "--explain",
            ],
        ],
    };
    let mut outcome = String::from("decoded:");
    for args in questions {
        let ran = crossings::run::answer(&ds, args, today());
        assert!(
            ran.code <= 2,
            "{args:?} on a decoded file answered with code {}: {}",
            ran.code,
            ran.stderr
        );
        outcome.push_str(&format!(" {}", ran.code));
    }
    outcome
}
