//! Compiled datasets (issue #15): `crossings compile DIR --out FILE`, then `--data FILE`
//! answers exactly as `--data DIR`; a file that is not one, is old, cut short or damaged is
//! exit 2 naming the file and the fix, never a panic (every truncation and bit flip tried
//! here, and forged files whose checksum was made to match).

mod common;

use common::run;
use crossings::compiled;
use crossings::run::Shows;
use std::path::{Path, PathBuf};

fn data_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/data").to_string()
}

fn compile(dir: &str, out: &Path) -> Vec<u8> {
    let out_s = out.to_str().unwrap();
    let r = run(&["compile", dir, "--out", out_s]).ok();
    assert!(
        r.stdout.starts_with(&format!("compiled {dir} (")) && r.stdout.contains(out_s),
        "{}",
        r.stdout
    );
    std::fs::read(out).unwrap()
}

/// The questions a traveller asks, each answered from the directory and from the
/// compiled file: the same bytes on stdout and stderr, the same exit code.
#[test]
fn a_compiled_dataset_answers_exactly_as_its_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("data.crossings");
    compile(&data_dir(), &file);
    let file = file.to_str().unwrap().to_string();
    let dir = data_dir();
    let questions: &[&[&str]] = &[
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2027-06-12",
            "--passport",
            "GB",
        ],
        &[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2027-06-12",
            "--passport",
            "GB",
            "--json",
            "--explain",
        ],
        &[
            "plan",
            "sust",
            "kashgar",
            "--date",
            "2027-01-12",
            "--passport",
            "US",
            "--held-only",
        ],
        &["hours", "torugart", "--month", "2027-10"],
        &["hours", "--date", "2027-05-01"],
        &["services", "--json"],
        &["baggage", "--from", "kashgar", "--to", "osh", "--kg", "30"],
        &["places", "osh"],
        &["check"],
    ];
    for q in questions {
        let with = |data: &str| {
            let mut args = vec!["--data", data];
            args.extend_from_slice(q);
            run(&args)
        };
        let (a, b) = (with(&dir), with(&file));
        assert_eq!(a.code, b.code, "{q:?}: {}", b.stderr);
        assert_eq!(a.stdout, b.stdout, "{q:?}");
        assert_eq!(a.stderr, b.stderr, "{q:?}");
        assert!(!a.stdout.is_empty(), "{q:?}");
    }
}

/// A small dataset compiles and round-trips through the library too: encode, decode, encode
/// gives the same bytes.
#[test]
fn encode_decode_encode_is_the_same_bytes() {
    let dir = PathBuf::from(data_dir());
    let ds = crossings::run::load_dataset(Some(&dir), Shows::Everything).unwrap();
    let bytes = compiled::encode(ds).unwrap();
    let back = compiled::decode(&bytes, Shows::Everything).unwrap();
    assert_eq!(compiled::encode(back).unwrap(), bytes);
}

/// The headline question asked of the dataset in `file`.
fn plan_on(file: &Path) -> common::Run {
    let f = file.to_str().unwrap();
    run(&[
        "--data",
        f,
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-12",
    ])
}

/// Exit 2, nothing on stdout, one message naming the file and the fix.
#[track_caller]
fn refused(file: &Path, why: &str) {
    let f = file.to_str().unwrap();
    let r = plan_on(file).code(2);
    assert_eq!(r.stdout, "");
    let want = format!(
        "error: {f}: {why}; recompile it with `crossings compile DIR --out {f}` (or pass --data a dataset directory)\n"
    );
    assert_eq!(r.stderr, want);
}

#[test]
fn a_wrong_old_cut_or_damaged_file_is_refused_by_name_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("data.crossings");
    let good = compile(&data_dir(), &file);
    let put = |bytes: &[u8]| std::fs::write(&file, bytes).unwrap();

    put(b"[[place]]\nid = \"x\"\n");
    refused(
        &file,
        "is not a compiled crossings dataset (it does not start with the line 'crossings dataset')",
    );
    put(b"");
    refused(
        &file,
        "is not a compiled crossings dataset (it does not start with the line 'crossings dataset')",
    );

    let mut old = good.clone();
    old[compiled::MAGIC.len()] = 0; // version 0
    put(&old);
    refused(
        &file,
        &format!(
            "was compiled by another version of crossings (format 0.{}; this one reads {}.{})",
            compiled::FORMAT_ID,
            compiled::VERSION,
            compiled::FORMAT_ID
        ),
    );

    put(&good[..good.len() - 1]);
    refused(
        &file,
        &format!(
            "is damaged or cut short ({} bytes after the header where its header counts {})",
            good.len() - 1 - 62,
            good.len() - 62
        ),
    );
    put(&good[..40]);
    refused(&file, "is cut short (its header is incomplete)");

    let mut flipped = good.clone();
    let at = good.len() / 2;
    flipped[at] ^= 0x10;
    put(&flipped);
    refused(
        &file,
        "is damaged (its checksum does not match its contents)",
    );
}

/// A forged file (its checksum made to match, as a hand-made file's would be) whose stop
/// time lies outside what the data can say, 0 to 60 days after the departure: refused as
/// damaged, by name with the fix, where a time a million years on made the planner panic.
#[test]
fn a_forged_time_out_of_range_is_refused_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("data.crossings");
    let forge = |minutes: i64| {
        let dir = PathBuf::from(data_dir());
        let mut ds = crossings::run::load_dataset(Some(&dir), Shows::Everything).unwrap();
        let bus = ds
            .services
            .iter_mut()
            .find(|s| s.id == "kashgar-bishkek-bus");
        let naryn = &mut bus.unwrap().stops[2];
        assert!(
            naryn.offset.is_some(),
            "the Kashgar-Bishkek bus times Naryn"
        );
        naryn.offset = Some(crossings::types::Dur(minutes));
        std::fs::write(&file, compiled::encode(ds).unwrap()).unwrap();
    };
    for minutes in [i64::MAX, i64::MAX / 100, 60 * 24 * 60 + 1, -1] {
        forge(minutes);
        refused(
            &file,
            "is damaged (it cannot be decoded: Serde Deserialization Error)",
        );
    }
    // 60 days is still a span the data may give.
    forge(60 * 24 * 60);
    let r = plan_on(&file);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
}

/// Every way of cutting the file short and a bit flip in every stretch of it: a refusal,
/// never a panic. Then the same flips with the checksum made to match (a forged file): the
/// decoder refuses it or gives a dataset whose every index is in range, and the commands
/// run on it without panicking.
#[test]
fn truncations_and_bit_flips_never_panic() {
    let dir = PathBuf::from(data_dir());
    let ds = crossings::run::load_dataset(Some(&dir), Shows::Everything).unwrap();
    let good = compiled::encode(ds).unwrap();
    let n = good.len();
    let step = (n / 400).max(1);
    for cut in (0..n).step_by(step).chain(n - 70..n) {
        let e = compiled::decode(&good[..cut], Shows::Everything).err();
        assert!(e.is_some(), "a file cut at {cut} of {n} bytes decoded");
    }
    for (k, at) in (0..n).step_by(step).enumerate() {
        let mut bytes = good.clone();
        bytes[at] ^= 1 << (k % 8);
        assert!(
            compiled::decode(&bytes, Shows::Everything).is_err(),
            "a flip at byte {at} went unnoticed"
        );
    }
    // Forged: fewer, since each decoded one is planned on (a debug build's seconds).
    let mut forged_ok = 0;
    for (k, at) in (62..n).step_by(n / 40).enumerate() {
        let mut bytes = good.clone();
        bytes[at] ^= 1 << (k % 8);
        compiled::seal(&mut bytes);
        for shows in [Shows::Facts, Shows::Everything] {
            let Ok(ds) = compiled::decode(&bytes, shows) else {
                continue;
            };
            forged_ok += 1;
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
            // What each command decodes (`Shows`): planning reads the facts alone.
            let questions: &[&[&str]] = match shows {
                Shows::Facts => &[&["plan", "kashgar", "bishkek", "--date", "2027-06-12"]],
                _ => &[
                    &["hours", "torugart", "--month", "2027-06"],
                    &["services", "--from", "kashgar"],
                    &["check"],
                ],
            };
            for args in questions {
                let ran = crossings::run::answer(&ds, args, today);
                assert!(ran.code <= 2, "flip at {at}: {args:?}: {}", ran.stderr);
            }
        }
    }
    eprintln!("{n} bytes; {forged_ok} forged files decoded and were answered without a panic");
}
