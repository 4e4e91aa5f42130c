//! Writes a synthetic dataset N times the size of `data/`, in the same layout, for
//! benchmarking (`benches/scale.rs` uses the same generator):
//!
//! ```sh
//! cargo run --release --example synth -- --scale 10 --out /tmp/crossings-x10
//! crossings --data /tmp/crossings-x10 check
//! ```
//!
//! How it grows, for copy k = 1..N-1:
//! - every place, permit, crossing and service is copied with its id suffixed `-k` and its
//!   name and aliases suffixed ` k` (so no name collides), and every reference inside the
//!   copy (place permits, crossing permits and `near` places, service stops and fare
//!   stops) renamed to the copy's records: N disjoint networks;
//! - every real service is copied once more as `ID-tk`, on the real places and crossings,
//!   with its departure (where it has one) k minutes later, modulo the day, and the same
//!   offsets: a plan between real places faces N times the services;
//! - the real holidays (2025–2028) are repeated 4k years later (a 29 February that does not
//!   exist in the shifted year is left out), so the holiday table grows N-fold without
//!   touching the real years;
//! - sources, visas and rates are shared and copied as they are.
//!
//! Copy 0 is the real data, written byte for byte, comments included.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// What a generated dataset holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub places: usize,
    pub permits: usize,
    pub crossings: usize,
    pub services: usize,
    pub holidays: usize,
    /// Bytes of TOML written.
    pub bytes: u64,
}

/// The array key of each folder whose records are copied.
fn record_key(kind: &str) -> Option<&'static str> {
    match kind {
        "places" => Some("place"),
        "permits" => Some("permit"),
        "crossings" => Some("crossing"),
        "services" => Some("service"),
        "holidays" => Some("holiday"),
        _ => None,
    }
}

fn push_str(t: &mut Table, key: &str, suffix: &str) {
    if let Some(Value::String(s)) = t.get_mut(key) {
        s.push_str(suffix);
    }
}

fn push_each(t: &mut Table, key: &str, suffix: &str) {
    if let Some(Value::Array(a)) = t.get_mut(key) {
        for v in a {
            if let Value::String(s) = v {
                s.push_str(suffix);
            }
        }
    }
}

fn tables<'a>(t: &'a mut Table, key: &str) -> impl Iterator<Item = &'a mut Table> {
    t.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_table_mut)
}

/// Renames a record and every reference in it to copy `k`.
fn rename(kind: &str, r: &mut Table, k: usize) {
    let (id, name) = (format!("-{k}"), format!(" {k}"));
    push_str(r, "id", &id);
    push_str(r, "name", &name);
    push_each(r, "aliases", &name);
    match kind {
        "places" => push_each(r, "permits", &id),
        "crossings" => {
            push_each(r, "permits", &id);
            for side in tables(r, "side") {
                push_str(side, "near", &id);
            }
        }
        "services" => {
            for stop in tables(r, "stops") {
                push_str(stop, "at", &id);
                push_str(stop, "cross", &id);
            }
            for fare in tables(r, "fare") {
                push_str(fare, "from", &id);
                push_str(fare, "to", &id);
            }
        }
        _ => {}
    }
}

/// A real service again, on the real network, leaving `k` minutes later (mod the day).
fn shifted(r: &mut Table, k: usize) {
    push_str(r, "id", &format!("-t{k}"));
    push_str(r, "name", &format!(" (+{k} min)"));
    let Some(depart) = r
        .get_mut("schedule")
        .and_then(Value::as_table_mut)
        .and_then(|s| s.get_mut("depart"))
    else {
        return;
    };
    if let Value::String(hhmm) = depart {
        if let Some((h, m)) = hhmm.split_once(':') {
            if let (Ok(h), Ok(m)) = (h.parse::<usize>(), m.parse::<usize>()) {
                let t = (h * 60 + m + k) % (24 * 60);
                *hhmm = format!("{:02}:{:02}", t / 60, t % 60);
            }
        }
    }
}

/// A real holiday `4k` years later, or `None` when that date does not exist.
fn holiday_later(r: &mut Table, k: usize) -> Option<()> {
    let Some(Value::Datetime(dt)) = r.get_mut("date") else {
        return Some(());
    };
    let date = dt.date.as_mut()?;
    let year = u16::try_from(usize::from(date.year) + 4 * k).ok()?;
    if year > 9999 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if date.month == 2 && date.day == 29 && !leap {
        return None;
    }
    date.year = year;
    Some(())
}

fn serialize(key: &str, records: Vec<Value>) -> Result<String, String> {
    let mut t = Table::new();
    t.insert(key.to_string(), Value::Array(records));
    toml::to_string(&t).map_err(|e| format!("cannot write TOML: {e}"))
}

/// Writes a dataset `scale` times the size of `data` into `out` (which must not exist or
/// be empty) and returns what it holds.
pub fn generate(data: &Path, out: &Path, scale: usize) -> Result<Counts, String> {
    if scale == 0 {
        return Err("--scale must be at least 1".into());
    }
    if scale > 1000 {
        return Err("--scale at most 1000 (holiday years must stay below 10000)".into());
    }
    let mut counts = Counts::default();
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    for entry in std::fs::read_dir(data).map_err(|e| io(data, e))? {
        let dir = entry.map_err(|e| io(data, e))?.path();
        if !dir.is_dir() {
            continue;
        }
        let kind = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let target = out.join(&kind);
        std::fs::create_dir_all(&target).map_err(|e| io(&target, e))?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| io(&dir, e))?
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let dest = target.join(file.file_name().unwrap_or_default());
            let key = record_key(&kind);
            let is_toml = file.extension().is_some_and(|e| e == "toml");
            let (Some(key), true) = (key, is_toml) else {
                let n = std::fs::copy(&file, &dest).map_err(|e| io(&file, e))?;
                if is_toml {
                    counts.bytes += n;
                }
                continue;
            };
            let text = std::fs::read_to_string(&file).map_err(|e| io(&file, e))?;
            let table: Table =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            let records: Vec<Value> = table
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let mut w =
                std::io::BufWriter::new(std::fs::File::create(&dest).map_err(|e| io(&dest, e))?);
            let mut written = text.len() as u64;
            let mut emit = |s: String, w: &mut std::io::BufWriter<std::fs::File>| {
                written += s.len() as u64 + 1;
                std::io::Write::write_all(w, b"\n")
                    .and_then(|_| std::io::Write::write_all(w, s.as_bytes()))
            };
            std::io::Write::write_all(&mut w, text.as_bytes()).map_err(|e| io(&dest, e))?;
            let mut n = records.len();
            for k in 1..scale {
                let mut copy = Vec::with_capacity(records.len());
                for r in &records {
                    let mut r = r.clone();
                    let Some(t) = r.as_table_mut() else { continue };
                    if kind == "holidays" {
                        if holiday_later(t, k).is_none() {
                            continue;
                        }
                    } else {
                        rename(&kind, t, k);
                    }
                    copy.push(r);
                }
                if kind == "services" {
                    for r in &records {
                        let mut r = r.clone();
                        if let Some(t) = r.as_table_mut() {
                            shifted(t, k);
                        }
                        copy.push(r);
                    }
                }
                n += copy.len();
                let mut s = String::new();
                let _ = writeln!(s, "# synthetic copy {k}");
                s.push_str(&serialize(key, copy)?);
                emit(s, &mut w).map_err(|e| io(&dest, e))?;
            }
            std::io::Write::flush(&mut w).map_err(|e| io(&dest, e))?;
            counts.bytes += written;
            match kind.as_str() {
                "places" => counts.places += n,
                "permits" => counts.permits += n,
                "crossings" => counts.crossings += n,
                "services" => counts.services += n,
                "holidays" => counts.holidays += n,
                _ => {}
            }
        }
    }
    Ok(counts)
}

/// The real dataset of this repository.
pub fn real_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut scale, mut out, mut data) = (None, None, real_data());
    while let Some(a) = args.next() {
        match a.as_str() {
            "--scale" => scale = args.next().and_then(|s| s.parse::<usize>().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            "--data" => data = args.next().map(PathBuf::from).unwrap_or(data),
            _ => {
                eprintln!("error: unexpected argument '{a}'; usage: synth --scale N --out DIR [--data DIR]");
                std::process::exit(2);
            }
        }
    }
    let (Some(scale), Some(out)) = (scale, out) else {
        eprintln!("error: usage: synth --scale N --out DIR [--data DIR] (N = 1..1000)");
        std::process::exit(2);
    };
    if out.exists()
        && std::fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "error: {} exists and is not empty; give a new directory",
            out.display()
        );
        std::process::exit(2);
    }
    match generate(&data, &out, scale) {
        Ok(c) => println!(
            "wrote {} ({}x): {} places, {} permits, {} crossings, {} services, {} holidays, {:.1} MB of TOML",
            out.display(),
            scale,
            c.places,
            c.permits,
            c.crossings,
            c.services,
            c.holidays,
            c.bytes as f64 / 1e6
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
