//! Compiled datasets (issue #15): `crossings compile DIR --out FILE` writes a checked
//! dataset in the compact binary form the build embeds (see build.rs), and `--data FILE`
//! reads it back without parsing or validating TOML again.
//!
//! The file: a magic line, the format's version, the fingerprint of the model it was
//! encoded from, a checksum and the lengths of its three parts, then the parts themselves
//! exactly as the build embeds them (the facts planning reads; the sources; notes and the
//! versions of disputed facts), so that a command decodes only what it shows. A file that
//! is not one, was written by another version of crossings, is cut short or has a changed
//! byte is refused with exit 2, naming the file and the fix (recompile); nothing in it is
//! trusted before the checksum matches, and every index a record holds is checked before
//! the dataset is used.

use crate::model::{Dataset, Details, StopAt};
use crate::run::{load_dataset, Failure, Output, Shows};
use std::path::Path;

/// The file's first bytes.
pub const MAGIC: &[u8; 18] = b"crossings dataset\n";
/// The layout of the header and its checksum (2: a word at a time); the layout of the
/// parts is the model's, `FORMAT_ID`.
pub const VERSION: u32 = 2;
/// A fingerprint of the source of the types encoded (model, types, text), computed by
/// build.rs: any change to them makes older files "compiled by another version".
pub const FORMAT_ID: &str = env!("CROSSINGS_FORMAT_ID");
/// Magic, version, format id, checksum, three lengths.
const HEADER: usize = MAGIC.len() + 4 + 8 + 8 + 3 * 8;
/// The largest compiled file read (a thousand times the real network is ~100 MB).
pub const MAX_BYTES: u64 = 4 << 30;

/// FNV-1a over 64-bit little-endian words (the bytes after the last whole word one at a
/// time), each step's product rotated so that its high bits feed the next multiplication:
/// enough to tell a damaged file from a sound one (not a defence against a forger, which
/// the index check below is for). Every step maps the state one to one, so a file that
/// differs from a sound one in one word (any one byte, any bits of it) never matches its
/// checksum. A word a step, not a byte: a large file is read at start-up, and a byte a
/// step cost more than decoding it (12 M of the 94 M instructions of the 10× plan).
fn checksum(body: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = body.chunks_exact(8);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(a))
            .wrapping_mul(PRIME)
            .rotate_left(29);
    }
    for b in words.remainder() {
        h = (h ^ u64::from(*b)).wrapping_mul(PRIME).rotate_left(29);
    }
    h
}

fn format_id() -> u64 {
    u64::from_str_radix(FORMAT_ID, 16).unwrap_or(0)
}

/// The compiled form of a checked dataset (taken apart as the build embeds it).
pub fn encode(mut ds: Dataset) -> Result<Vec<u8>, String> {
    let details = ds.take_details();
    let facts = ds.encode()?;
    // Each part freed once encoded: `compile` then holds the dataset or its bytes, not both.
    drop(ds);
    let (sources, rest) = details.encode()?;
    drop(details);
    let parts: [&[u8]; 3] = [&facts, &sources, &rest];
    let mut out = Vec::with_capacity(HEADER + parts.iter().map(|p| p.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&format_id().to_le_bytes());
    // The checksum, of the parts one after another, is written once they are.
    out.extend_from_slice(&[0; 8]);
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    }
    for p in parts {
        out.extend_from_slice(p);
    }
    seal(&mut out);
    Ok(out)
}

/// `crossings compile DIR --out FILE`: loads and checks `dir` as `--data DIR` does, then
/// writes it compiled to `out`.
pub fn compile(dir: &Path, out: &Path) -> Result<Output, Failure> {
    let ds = load_dataset(Some(dir), Shows::Everything)?;
    let (places, crossings, services) = (ds.places.len(), ds.crossings.len(), ds.services.len());
    let bytes =
        encode(ds).map_err(|e| Failure::Usage(format!("cannot encode the dataset ({e})")))?;
    std::fs::write(out, &bytes).map_err(|e| {
        Failure::Usage(format!(
            "cannot write {} ({e}); check that its folder exists and can be written",
            out.display()
        ))
    })?;
    Ok(Output::answer(format!(
        "compiled {} ({places} places, {crossings} crossings, {services} services) into {} ({} bytes); use it with --data {}\n",
        dir.display(),
        out.display(),
        bytes.len(),
        out.display()
    )))
}

/// Rewrites the checksum of a compiled dataset to match its contents (nothing if it has no
/// whole header): for tests and fuzzing, which change a file's contents to see that a
/// forged file cannot make the program panic either.
pub fn seal(bytes: &mut [u8]) {
    if bytes.len() < HEADER || !bytes.starts_with(MAGIC) {
        return;
    }
    let sum = checksum(&bytes[HEADER..]);
    let at = MAGIC.len() + 12;
    bytes[at..at + 8].copy_from_slice(&sum.to_le_bytes());
}

/// Whether `path` is a regular file that starts like a compiled dataset would: `--data`
/// then reads it as one (any other regular file is refused by `read` with its reason).
pub fn is_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

fn refuse(path: &Path, why: &str) -> Failure {
    Failure::Usage(format!(
        "{}: {why}; recompile it with `crossings compile DIR --out {}` (or pass --data a dataset directory)",
        path.display(),
        path.display()
    ))
}

/// Reads the compiled dataset at `path`, decoding what `shows` needs. With `for_the_run`
/// (the binary, which exits after one command) the file's bytes are kept to the end of the
/// process and the dataset's strings borrow them, as they borrow the embedded dataset's,
/// instead of each being copied (14,000 allocations for the 10× network); otherwise
/// (tests, fuzzing, the library) the bytes are freed and the strings own copies.
pub fn read(path: &Path, shows: Shows, for_the_run: bool) -> Result<Dataset, Failure> {
    let len = std::fs::metadata(path)
        .map_err(|e| refuse(path, &format!("cannot be read ({e})")))?
        .len();
    if len > MAX_BYTES {
        return Err(refuse(
            path,
            &format!(
                "is larger than {MAX_BYTES} bytes ({len} bytes), too large for a compiled dataset"
            ),
        ));
    }
    // The first line first: any other file (`--data` given a large file by mistake) is
    // refused without being read whole.
    use std::io::Read;
    let cannot = |e: std::io::Error| refuse(path, &format!("cannot be read ({e})"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAGIC.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.starts_with(MAGIC) {
        bytes.reserve(usize::try_from(len).unwrap_or(0));
        file.take(MAX_BYTES)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    let decoded = if for_the_run {
        let bytes: &'static [u8] = Vec::leak(bytes);
        crate::text::borrowing_from(bytes, |b| decode(b, shows))
    } else {
        decode(&bytes, shows)
    };
    decoded.map_err(|why| refuse(path, &why))
}

/// Decodes a compiled dataset; the reason it is refused otherwise.
pub fn decode(bytes: &[u8], shows: Shows) -> Result<Dataset, String> {
    if !bytes.starts_with(MAGIC) {
        return Err("is not a compiled crossings dataset (it does not start with the line 'crossings dataset')".into());
    }
    let word = |at: usize, n: usize| -> Option<u64> {
        let b = bytes.get(at..at + n)?;
        let mut a = [0u8; 8];
        a[..n].copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    };
    let cut = || "is cut short (its header is incomplete)".to_string();
    let at = MAGIC.len();
    let version = word(at, 4).ok_or_else(cut)?;
    let id = word(at + 4, 8).ok_or_else(cut)?;
    if version != u64::from(VERSION) || id != format_id() {
        return Err(format!(
            "was compiled by another version of crossings (format {version}.{id:016x}; this one reads {VERSION}.{:016x})",
            format_id()
        ));
    }
    let sum = word(at + 12, 8).ok_or_else(cut)?;
    let mut lens = [0u64; 3];
    for (k, l) in lens.iter_mut().enumerate() {
        *l = word(at + 20 + 8 * k, 8).ok_or_else(cut)?;
    }
    let body = &bytes[HEADER.min(bytes.len())..];
    let total = lens.iter().try_fold(0u64, |a, l| a.checked_add(*l));
    if total != Some(body.len() as u64) {
        return Err(format!(
            "is damaged or cut short ({} bytes after the header where its header counts {})",
            body.len(),
            total.map_or_else(|| "more than can be".to_string(), |t| t.to_string())
        ));
    }
    let (facts, rest) = body.split_at(lens[0] as usize);
    let (sources, details) = rest.split_at(lens[1] as usize);
    if checksum(body) != sum {
        return Err("is damaged (its checksum does not match its contents)".into());
    }
    let damaged = |e: String| format!("is damaged (it cannot be decoded: {e})");
    let mut ds = Dataset::decode(facts).map_err(damaged)?;
    if shows >= Shows::SourceIds {
        ds.sources = Details::sources_from(sources, shows == Shows::Everything).map_err(damaged)?;
    }
    if shows >= Shows::Details {
        let mut d = Details::decode(details).map_err(damaged)?;
        d.sources = std::mem::take(&mut ds.sources);
        if d.place_notes.len() != ds.places.len()
            || d.crossing_notes.len() != ds.crossings.len()
            || d.service_notes.len() != ds.services.len()
        {
            return Err(damaged("its notes do not match its records".into()));
        }
        ds.put_details(d);
    }
    indices_in_range(&ds, shows).map_err(damaged)?;
    Ok(ds)
}

/// Every index a record holds points at a record of the dataset (the validator made them
/// so; a file made by hand need not have): what the commands index cannot panic.
fn indices_in_range(ds: &Dataset, shows: Shows) -> Result<(), String> {
    let (places, crossings, permits) = (ds.places.len(), ds.crossings.len(), ds.permits.len());
    let sources = ds.sources.len();
    let bad = |what: &str, id: &str| Err(format!("{what} of '{id}' points past the records"));
    let cited = |list: &[usize]| shows < Shows::SourceIds || list.iter().all(|s| *s < sources);
    for p in &ds.places {
        if p.permits.iter().any(|x| *x >= permits) || !cited(&p.prov.sources) {
            return bad("a permit or source", &p.id);
        }
    }
    for c in &ds.crossings {
        if c.sides.iter().any(|s| s.near >= places) {
            return bad("a side", &c.id);
        }
        let disputed = c.disputes.iter().flat_map(|d| &d.alternatives);
        if c.permits.iter().any(|x| *x >= permits)
            || !cited(&c.prov.sources)
            || !c.closures.iter().all(|x| cited(&x.sources))
            || !disputed.into_iter().all(|a| cited(&a.sources))
        {
            return bad("a permit or source", &c.id);
        }
    }
    for s in &ds.services {
        if s.stops.len() < 2 {
            return bad("the stops", &s.id);
        }
        for st in &s.stops {
            match st.at {
                StopAt::Place(p) if p < places => {}
                StopAt::Crossing(c) if c < crossings => {}
                _ => return bad("a stop", &s.id),
            }
        }
        if s.fares
            .iter()
            .any(|f| f.from >= f.to || f.to >= s.stops.len() || !cited(&f.sources))
            || !cited(&s.prov.sources)
            || !s
                .disputes
                .iter()
                .flat_map(|d| &d.alternatives)
                .all(|a| cited(&a.sources))
        {
            return bad("a fare or source", &s.id);
        }
    }
    for p in &ds.permits {
        if !cited(&p.prov.sources) {
            return bad("a source", &p.id);
        }
    }
    for x in &ds.visas.exits {
        let crossings_ok = x.crossings.iter().flatten().all(|c| *c < crossings);
        if !crossings_ok || !cited(&x.prov.sources) {
            return bad(
                "a crossing or source",
                &format!("the exit rule for {}", x.country),
            );
        }
    }
    if !cited(&ds.visas.index_source.into_iter().collect::<Vec<_>>()) {
        return bad("a source", "the visa index");
    }
    Ok(())
}
