//! Loading's work on crafted datasets (issue #13), counted in steps (`crossings::work`:
//! bytes parsed and scanned, names folded, cells of an edit distance), never in wall time.
//! Each shape once took seconds from a file of a few hundred kilobytes: 80,000 aliases on
//! one place (a `Vec::contains` for each), 20,000 problems in one file (each line number
//! found by rescanning the file), a 1 MiB place name (its "did you mean" compared whole
//! with every name), a service with thousands of stops. Each now costs a small multiple of
//! its size, and twice the input costs about twice the work.

mod common;
use common::records;

use crossings::{load, names, validate, work};
use std::path::Path;

/// Loads and checks `dir` as `crossings --data DIR check` does; returns the steps counted
/// and the problems reported.
fn load_steps(dir: &Path) -> (u64, Vec<String>) {
    let before = work::steps();
    let problems = match load::read_dir(dir) {
        Err(p) => p,
        Ok(files) => {
            let (raw, mut problems) = load::parse_all(files);
            if let Err(more) = validate::validate(raw) {
                problems.extend(more);
            }
            problems
        }
    };
    (
        work::steps() - before,
        problems.iter().map(ToString::to_string).collect(),
    )
}

/// The fixture dataset plus one file, `kind/extra.toml`.
fn with_file(kind: &str, text: &str) -> tempfile::TempDir {
    common::with_files(&[(&format!("{kind}/extra.toml"), text)])
}

fn bytes_of(dir: &Path) -> u64 {
    let mut total = 0;
    for kind in std::fs::read_dir(dir).unwrap() {
        for f in std::fs::read_dir(kind.unwrap().path()).unwrap() {
            total += f.unwrap().metadata().unwrap().len();
        }
    }
    total
}

/// Loads each dataset `make(n)` for the sizes given and checks the work is within
/// `per_byte` steps a byte of input and grows no faster than the input (2.5× the steps
/// for 2× the size); `expect` checks the problems of each.
fn linear(
    what: &str,
    sizes: [usize; 2],
    make: impl Fn(usize) -> tempfile::TempDir,
    expect: impl Fn(usize, &[String]),
) {
    let mut seen = Vec::new();
    for n in sizes {
        let dir = make(n);
        let bytes = bytes_of(dir.path());
        let (steps, problems) = load_steps(dir.path());
        expect(n, &problems);
        assert!(
            steps <= 8 * bytes,
            "{what}, n = {n}: {steps} steps for {bytes} bytes"
        );
        seen.push((n, bytes, steps));
    }
    let [(n1, b1, s1), (n2, b2, s2)] = [seen[0], seen[1]];
    assert!(
        s2 as f64 / s1 as f64 <= 1.25 * b2 as f64 / b1 as f64,
        "{what}: {s1} steps for n = {n1} ({b1} bytes), {s2} for n = {n2} ({b2} bytes)"
    );
    eprintln!("{what}: {seen:?}");
}

fn aliases_file(n: usize, one_line: bool) -> String {
    let aliases: Vec<String> = (0..n).map(|i| format!("\"alias {i}\"")).collect();
    let sep = if one_line { ", " } else { ",\n  " };
    format!(
        "[[place]]\nid = \"many\"\nname = \"Many\"\naliases = [{}]\ncountry = \"KG\"\nzone = \"Asia/Bishkek\"\nsources = [\"fixture\"]\nverified = 2026-01-01\n",
        aliases.join(sep)
    )
}

#[test]
fn many_aliases_on_one_place() {
    for one_line in [false, true] {
        linear(
            "aliases",
            [20_000, 40_000],
            |n| with_file("places", &aliases_file(n, one_line)),
            |n, problems| assert!(problems.is_empty(), "n = {n}: {:?}", &problems[..1]),
        );
    }
    // The same alias twice in one place is not a problem; on two places it is, once each.
    let mut two = aliases_file(10_000, false);
    two.push_str(&aliases_file(10_000, false).replace("\"many\"", "\"more\""));
    let (_, problems) = load_steps(with_file("places", &two).path());
    assert_eq!(problems.len(), 10_000 + 1, "{:?}", &problems[..2]);
}

/// A problem on every record: each named with its file and line, the lines worked out once
/// a file. With every record on one line of megabytes (an inline array of tables), each
/// column is found without recounting the line.
#[test]
fn thousands_of_problems_in_one_file() {
    let record = |i: usize| {
        format!("{{ currency = \"CNY\", per_base = \"0\", base = \"USD\", date = 2026-01-01, sources = [\"x{i}\"], verified = 2026-01-01 }}")
    };
    for one_line in [false, true] {
        linear(
            "problems",
            [5_000, 10_000],
            |n| {
                let text = if one_line {
                    let all: Vec<String> = (0..n).map(record).collect();
                    format!("rate = [{}]\n", all.join(", "))
                } else {
                    (0..n)
                        .map(|i| format!("[[rate]]\ncurrency = \"CNY\"\nper_base = \"0\"\nbase = \"USD\"\ndate = 2026-01-01\nsources = [\"x{i}\"]\nverified = 2026-01-01\n"))
                        .collect()
                };
                with_file("rates", &text)
            },
            |n, problems| {
                // Each record: a rate that is not positive.
                assert_eq!(problems.len(), n, "{:?}", &problems[..2]);
                let last = problems.last().unwrap();
                let want = if one_line {
                    let col = "rate = [".len()
                        + (0..n - 1)
                            .map(|i| record(i).chars().count() + 2)
                            .sum::<usize>()
                        + 1;
                    format!("rates/extra.toml:1:{col}: ")
                } else {
                    format!("rates/extra.toml:{}:1: ", 7 * n - 6)
                };
                assert!(last.contains(&want), "{want} in {last}");
            },
        );
    }
}

/// A service with thousands of stops is refused by `check` (at most
/// `validate::MAX_STOPS`) after one pass over them; the search's own bound on long routes
/// is in search_work.rs.
#[test]
fn a_service_with_thousands_of_stops() {
    linear(
        "stops",
        [3_000, 6_000],
        |n| {
            let mut places = String::new();
            let mut stops = Vec::new();
            for i in 0..n {
                places.push_str(&records::place(
                    &format!("s{i}"),
                    &format!("S{i}"),
                    "KG",
                    "Asia/Bishkek",
                ));
                stops.push(format!("{{ at = \"s{i}\", offset = \"{}m\" }}", i % 1000));
            }
            let stops: Vec<&str> = stops.iter().map(String::as_str).collect();
            let long = records::service(
                "long",
                "Long",
                "bus",
                &stops,
                "kind = \"weekly\"\ndepart = \"08:00\"\nzone = \"Asia/Bishkek\"",
            );
            common::with_files(&[
                ("places/extra.toml", &places),
                ("services/extra.toml", &long),
            ])
        },
        |n, problems| {
            assert_eq!(
                problems.len(),
                1,
                "{:?}",
                &problems[..2.min(problems.len())]
            );
            assert!(
                problems[0].contains(&format!(
                    "service 'long' has {n} stops; expected at most {}",
                    validate::MAX_STOPS
                )),
                "{}",
                problems[0]
            );
        },
    );
}

/// A 1 MiB place name: refused by its length before any folding or comparing, and quoted
/// by a short prefix. A name of the longest length a record may have costs at most one
/// edit distance against each name of the dataset.
#[test]
fn a_huge_place_name_and_its_suggestion() {
    let ds = crossings::run::load_dataset(None, false).expect("embedded");
    let all_names: usize = ds.places.iter().map(|p| 2 + p.aliases.len()).sum::<usize>();

    let huge = "kashgar".repeat(150_000);
    let before = work::steps();
    let err = names::resolve(&ds.places, &huge, "place").unwrap_err();
    let steps = work::steps() - before;
    assert!(
        steps < 1_000,
        "{steps} steps for a {} byte name",
        huge.len()
    );
    assert!(err.len() < 200, "{err}");

    // The longest name `check` allows, close to no name: every name within reach of its
    // length is compared, each in at most (longest + 1)² cells.
    for len in [50, 100, names::MAX_NAME_BYTES] {
        let long: String = "kashgarx".chars().cycle().take(len).collect();
        let before = work::steps();
        let err = names::resolve(&ds.places, &long, "place").unwrap_err();
        let steps = work::steps() - before;
        let cap = (all_names * 3 * (len + 1) * (names::MAX_NAME_BYTES + 1)) as u64;
        assert!(steps <= cap, "len {len}: {steps} steps > {cap}");
        assert!(err.len() < 300, "{err}");
        eprintln!("name of {len} bytes: {steps} steps, {all_names} names");
    }
}
