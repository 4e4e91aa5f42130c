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
#[path = "src/types.rs"]
mod types;
#[path = "src/validate.rs"]
mod validate;

use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("dataset.bin");
    println!("cargo:rerun-if-changed=data");
    for module in [
        "load", "model", "names", "problem", "raw", "types", "validate",
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
    let dataset = match validate::validate(&raw) {
        Ok(ds) if problems.is_empty() => ds,
        Ok(_) => fail(&problems),
        Err(more) => {
            problems.extend(more);
            fail(&problems)
        }
    };
    // What planning never shows (sources, notes) is embedded apart: only the commands that
    // show it decode it.
    let mut dataset = dataset;
    let details = dataset.take_details();
    let bytes = dataset
        .encode()
        .unwrap_or_else(|e| panic!("cannot encode the dataset: {e}"));
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    let bytes = details
        .encode()
        .unwrap_or_else(|e| panic!("cannot encode the details: {e}"));
    let out = out.with_file_name("details.bin");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

fn fail(problems: &[problem::Problem]) -> ! {
    for p in problems {
        println!("cargo:warning={p}");
    }
    panic!("{} problem(s) in data/; fix them (each is listed above with its file and line) and build again", problems.len());
}
