//! Loads and validates `data/` at build time with the crate's own loader and validator, and
//! embeds the checked dataset in the binary in a compact binary form. The TOML files stay
//! the single source of truth; a run of the program then costs little more than starting
//! it. A data problem fails the build with every problem listed (file, line, what was
//! expected), exactly as `crossings --data data check` would report it.

#![allow(dead_code)]

#[path = "src/load.rs"]
mod load;
#[path = "src/model.rs"]
mod model;
#[path = "src/names.rs"]
mod names;
#[path = "src/problem.rs"]
mod problem;
#[path = "src/raw.rs"]
mod raw;
#[path = "src/text.rs"]
mod text;
#[path = "src/types.rs"]
mod types;
#[path = "src/validate.rs"]
mod validate;
#[path = "src/work.rs"]
mod work;

use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("dataset.bin");
    println!("cargo:rerun-if-changed=data");
    link_without_pie();
    for module in [
        "load", "model", "names", "problem", "raw", "text", "types", "validate", "work",
    ] {
        println!("cargo:rerun-if-changed=src/{module}.rs");
    }
    // Relative, so problems read `data/places/…:12:3` (build scripts run in the package root).
    let _ = &root;
    let files = match load::read_dir(std::path::Path::new("data")) {
        Ok(files) => files,
        Err(p) => fail(&p),
    };
    let (raw, mut problems) = load::parse_all(files);
    let dataset = match validate::validate(raw) {
        Ok(ds) if problems.is_empty() => ds,
        Ok(_) => fail(&problems),
        Err(more) => {
            problems.extend(more);
            fail(&problems)
        }
    };
    // The dataset's date for `crossings --version`: the newest day a record was verified.
    let verified = dataset
        .places
        .iter()
        .map(|x| &x.prov)
        .chain(dataset.crossings.iter().map(|x| &x.prov))
        .chain(dataset.services.iter().map(|x| &x.prov))
        .chain(dataset.permits.iter().map(|x| &x.prov))
        .filter_map(|p| p.verified)
        .max()
        .map_or_else(|| "not verified".to_string(), |d| format!("verified {d}"));
    println!("cargo:rustc-env=CROSSINGS_DATASET_VERIFIED={verified}");
    // The fingerprint of the encoded types' source, stamped into compiled datasets
    // (src/compiled.rs): a file compiled by a build whose model differs is refused.
    let mut id: u64 = 0xcbf2_9ce4_8422_2325;
    for module in ["model", "types", "text"] {
        let path = format!("src/{module}.rs");
        let source = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        for b in source {
            id = (id ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=CROSSINGS_FORMAT_ID={id:016x}");
    // What planning never shows (sources, notes, versions of disputed facts) is embedded
    // apart, in two parts: only the commands that show them decode them.
    let mut dataset = dataset;
    let details = dataset.take_details();
    let bytes = dataset
        .encode()
        .unwrap_or_else(|e| panic!("cannot encode the dataset: {e}"));
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    let (sources, rest) = details
        .encode()
        .unwrap_or_else(|e| panic!("cannot encode the details: {e}"));
    for (name, bytes) in [("sources.bin", sources), ("details.bin", rest)] {
        let out = out.with_file_name(name);
        std::fs::write(&out, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    }
}

/// Links the `crossings` executable at a fixed address (not position-independent) on
/// Linux. A position-independent executable makes the dynamic loader patch every pointer in
/// its tables at each start: ~30,000 relocations, most of them chrono-tz's zone tables, and
/// three quarters of the instructions `crossings --version` runs. At a fixed address the
/// linker resolves them once, at build time. Only the binaries are linked so (tests, build
/// scripts and proc-macros keep the toolchain's defaults); elsewhere nothing changes.
/// `CROSSINGS_PIE=1` at build time keeps the default (for distributors who require PIE).
fn link_without_pie() {
    println!("cargo:rerun-if-env-changed=CROSSINGS_PIE");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let wanted = std::env::var_os("CROSSINGS_PIE").is_none_or(|v| v.is_empty() || v == "0");
    if wanted && target_os == "linux" && target_env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

fn fail(problems: &[problem::Problem]) -> ! {
    for p in problems {
        println!("cargo:warning={p}");
    }
    panic!("{} problem(s) in data/; fix them (each is listed above with its file and line) and build again", problems.len());
}
