//! Synthetic datasets N times the size of `data/`, for benchmarking: a *connected* network
//! that grows N-fold while every copy keeps the real timetables, so the workload stays
//! comparable across scales (`benches/scale.rs` uses the same rules):
//!
//! ```sh
//! cargo run --release --example synth -- --scale 10 --out /tmp/crossings-x10
//! crossings --data /tmp/crossings-x10 check
//! ```
//!
//! How it grows. The **hubs** are the real places at least `HUB_SERVICES` services stop at
//! (the region's big cities and junctions: Kashgar, Tashkent, Almaty, Urumqi, Osh, Bishkek,
//! …). For copy k = 1..N-1:
//! - every place that is not a hub is copied with its id suffixed `-k` and its name and
//!   aliases suffixed ` k` (so no name collides);
//! - every crossing is copied the same way, its posts `near` the copied places (or the hub);
//! - every service is copied with its stops renamed to the copy's places and crossings,
//!   except at hubs, where the copy stops at the real place: copies join the real network
//!   at the hubs, like the many other routes a whole region's dataset would have;
//! - timetables, windows, hours, fares and permits are kept exactly (no departure is
//!   shifted, so no copy moves into a post's closing time): a plan between hubs faces N
//!   routes as good as the real one, and N times the services at each hub.
//!
//! Sources, visas, rates, permits and holidays are shared: a bigger network of the same
//! countries has the same holidays and rules. Copy 0 is the real data, written byte for
//! byte, comments included.
//!
//! `generate` writes the TOML (for `--data`); `scale` builds the same network in memory
//! from a loaded dataset (for the plan benchmark at sizes TOML loading does not reach).

use crossings::model::{Dataset, StopAt};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// A place is a hub when at least this many services stop there.
pub const HUB_SERVICES: usize = 8;

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

/// Which places are hubs (see the module comment), by place index.
pub fn hubs(ds: &Dataset) -> Vec<bool> {
    let mut n = vec![0usize; ds.places.len()];
    for s in &ds.services {
        let mut seen = HashSet::new();
        for st in &s.stops {
            if let StopAt::Place(p) = st.at {
                if seen.insert(p) {
                    n[p] += 1;
                }
            }
        }
    }
    n.into_iter().map(|c| c >= HUB_SERVICES).collect()
}

/// The dataset `ds` grown `scale` times in memory, by the rules of the module comment.
pub fn scale(ds: &Dataset, scale: usize) -> Dataset {
    let hub = hubs(ds);
    let (np, nc) = (ds.places.len(), ds.crossings.len());
    let mut out = ds.clone();
    // Where place p of copy k is: the hub itself, or its copy.
    let non_hub: Vec<usize> = (0..np).filter(|p| !hub[*p]).collect();
    let mut slot = vec![usize::MAX; np];
    for (i, p) in non_hub.iter().enumerate() {
        slot[*p] = i;
    }
    out.places.reserve(non_hub.len() * scale.saturating_sub(1));
    out.crossings.reserve(nc * scale.saturating_sub(1));
    out.services
        .reserve(ds.services.len() * scale.saturating_sub(1));
    for k in 1..scale {
        let place_base = np + (k - 1) * non_hub.len();
        let crossing_base = nc + (k - 1) * nc;
        let place = |p: usize| if hub[p] { p } else { place_base + slot[p] };
        let suffix = |t: &crossings::text::Text, s: &str| -> crossings::text::Text {
            format!("{t}{s}").into()
        };
        let (id, name) = (format!("-{k}"), format!(" {k}"));
        for &p in &non_hub {
            let mut c = ds.places[p].clone();
            c.id = suffix(&c.id, &id);
            c.name = suffix(&c.name, &name);
            c.aliases = c.aliases.iter().map(|a| suffix(a, &name)).collect();
            out.places.push(c);
        }
        for c in &ds.crossings {
            let mut c = c.clone();
            c.id = suffix(&c.id, &id);
            c.name = suffix(&c.name, &name);
            c.aliases = c.aliases.iter().map(|a| suffix(a, &name)).collect();
            for side in &mut c.sides {
                side.near = place(side.near);
            }
            out.crossings.push(c);
        }
        for s in &ds.services {
            let mut s = s.clone();
            s.id = suffix(&s.id, &id);
            s.name = suffix(&s.name, &name);
            for st in &mut s.stops {
                st.at = match st.at {
                    StopAt::Place(p) => StopAt::Place(place(p)),
                    StopAt::Crossing(c) => StopAt::Crossing(crossing_base + c),
                };
            }
            out.services.push(s);
        }
    }
    out
}

/// The array key of each folder whose records are copied.
fn record_key(kind: &str) -> Option<&'static str> {
    match kind {
        "places" => Some("place"),
        "crossings" => Some("crossing"),
        "services" => Some("service"),
        _ => None,
    }
}

/// Appends `suffix` to the string at `key`, unless it names a hub.
fn push_str(t: &mut Table, key: &str, suffix: &str, hubs: &HashSet<String>) {
    if let Some(Value::String(s)) = t.get_mut(key) {
        if !hubs.contains(s.as_str()) {
            s.push_str(suffix);
        }
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

/// Renames a record and every reference in it to copy `k` (hubs keep their ids); `None`
/// for a hub place, which is not copied.
fn rename(kind: &str, r: &mut Table, k: usize, hubs: &HashSet<String>) -> Option<()> {
    let none = HashSet::new();
    let (id, name) = (format!("-{k}"), format!(" {k}"));
    if kind == "places"
        && r.get("id")
            .and_then(Value::as_str)
            .is_some_and(|p| hubs.contains(p))
    {
        return None;
    }
    push_str(r, "id", &id, &none);
    push_str(r, "name", &name, &none);
    push_each(r, "aliases", &name);
    match kind {
        "crossings" => {
            for side in tables(r, "side") {
                push_str(side, "near", &id, hubs);
            }
        }
        "services" => {
            for stop in tables(r, "stops") {
                push_str(stop, "at", &id, hubs);
                push_str(stop, "cross", &id, &none);
            }
            for fare in tables(r, "fare") {
                push_str(fare, "from", &id, hubs);
                push_str(fare, "to", &id, hubs);
            }
        }
        _ => {}
    }
    Some(())
}

fn serialize(key: &str, records: Vec<Value>) -> Result<String, String> {
    let mut t = Table::new();
    t.insert(key.to_string(), Value::Array(records));
    toml::to_string(&t).map_err(|e| format!("cannot write TOML: {e}"))
}

/// Loads and checks a dataset directory.
pub fn load(dir: &Path) -> Result<Dataset, String> {
    let files = crossings::load::read_dir(dir).map_err(|p| p[0].to_string())?;
    let (raw, problems) = crossings::load::parse_all(files);
    if let Some(p) = problems.first() {
        return Err(format!("{} problem(s), first: {p}", problems.len()));
    }
    crossings::validate::validate(raw).map_err(|ps| {
        format!(
            "{} problem(s), first: {}",
            ps.len(),
            ps.first().map(|p| p.to_string()).unwrap_or_default()
        )
    })
}

/// Writes a dataset `scale` times the size of `data` into `out` (which must not exist or
/// be empty) and returns what it holds.
pub fn generate(data: &Path, out: &Path, scale: usize) -> Result<Counts, String> {
    if scale == 0 {
        return Err("--scale must be at least 1".into());
    }
    let real = load(data)?;
    let hub_ids: HashSet<String> = hubs(&real)
        .iter()
        .zip(&real.places)
        .filter(|(h, _)| **h)
        .map(|(_, p)| p.id.to_string())
        .collect();
    let mut counts = Counts {
        permits: real.permits.len(),
        holidays: real.holidays.values().map(|l| l.len()).sum(),
        ..Counts::default()
    };
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
                    if rename(&kind, t, k, &hub_ids).is_some() {
                        copy.push(r);
                    }
                }
                if copy.is_empty() {
                    continue;
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
                "crossings" => counts.crossings += n,
                "services" => counts.services += n,
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
        eprintln!("error: usage: synth --scale N --out DIR [--data DIR] (N ≥ 1)");
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
