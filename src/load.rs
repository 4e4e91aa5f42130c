//! Reading a dataset directory (`data/` at build time, `--data DIR` at run time) and parsing
//! it into raw TOML types. Every file is parsed even when an earlier one fails, so one run
//! reports every problem.

use crate::problem::{line_col, Lines, Problem};
use crate::raw;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The folders of a dataset, one kind of record each.
pub const KINDS: &[&str] = &[
    "sources",
    "places",
    "permits",
    "crossings",
    "services",
    "visas",
    "holidays",
    "rates",
];

/// One data file: the name shown in messages and its text.
pub struct DataFile {
    pub shown: String,
    pub kind: String,
    pub text: String,
}

/// Where a run of raw records was parsed from: the file's number and the byte offset in it
/// where the parsed text starts (0 unless a large file was parsed a piece at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub file: usize,
    pub base: usize,
}

/// All records of a dataset, still raw, each run tagged with the piece of a file it came
/// from (a file's pieces are consecutive and in order).
#[derive(Default, Clone)]
pub struct RawDataset {
    pub files: Vec<String>,
    pub sources: Vec<(Piece, raw::SourcesFile)>,
    pub places: Vec<(Piece, raw::PlacesFile)>,
    pub permits: Vec<(Piece, raw::PermitsFile)>,
    pub crossings: Vec<(Piece, raw::CrossingsFile)>,
    pub services: Vec<(Piece, raw::ServicesFile)>,
    pub visas: Vec<(Piece, raw::VisasFile)>,
    pub holidays: Vec<(Piece, raw::HolidaysFile)>,
    pub rates: Vec<(Piece, raw::RatesFile)>,
    /// Each file's lines, for turning byte offsets into lines and columns (the texts
    /// themselves are freed once parsed).
    pub lines: Vec<Lines>,
    /// Folders with a file that failed to parse: references into them are not reported,
    /// since the missing records are a consequence of the parse error already reported.
    pub failed: Vec<String>,
}

impl RawDataset {
    /// A problem at a byte offset in file number `file`.
    pub fn problem(&self, file: usize, offset: usize, message: String) -> Problem {
        let (line, col) = self.lines[file].line_col(offset);
        Problem {
            file: self.files[file].clone(),
            line: Some(line),
            col: Some(col),
            message,
        }
    }
}

/// The largest data file read, in bytes (the largest real one is under 100 KiB; the
/// synthetic network at a thousand times the real one, examples/synth, writes files of
/// ~140 MB): a file past it is not data, and is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The largest dataset read, all files together (the synthetic network at a thousand times
/// is ~420 MB; loading takes several times the input in memory).
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Folders every dataset has (the others may be absent).
const REQUIRED: &[&str] = &["sources", "places", "crossings", "services"];

/// Lists and reads the files of a dataset directory. Only regular files are read, each
/// within `MAX_FILE_BYTES`; a link leading out of the directory, a misspelled folder or
/// extension, an unreadable folder or a missing required folder is a problem named once
/// (rather than the cascade of unknown references it would cause).
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, Vec<Problem>> {
    let shown_dir = dir.display().to_string();
    if !dir.is_dir() {
        return Err(vec![Problem::whole(
            &shown_dir,
            format!("no dataset directory at '{shown_dir}'; pass --data a directory with folders like places/ and crossings/ (see data/README.md)"),
        )]);
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let no_data = || {
        vec![Problem::whole(
            &shown_dir,
            format!(
                "no data files in '{shown_dir}'; expected *.toml files in folders {}",
                KINDS.join("/, ") + "/"
            ),
        )]
    };
    if !KINDS.iter().any(|k| dir.join(k).exists()) {
        let mut problems = Vec::new();
        unexpected_entries(dir, &mut problems);
        return Err(if problems.is_empty() {
            no_data()
        } else {
            problems
        });
    }
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut total: u64 = 0;
    unexpected_entries(dir, &mut problems);
    for kind in KINDS {
        let sub = dir.join(kind);
        let shown_sub = sub.display().to_string();
        let entries = match std::fs::read_dir(&sub) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if REQUIRED.contains(kind) {
                    problems.push(Problem::whole(
                        &shown_sub,
                        format!(
                            "no {kind}/ folder; every dataset has folders {}/ (see data/README.md)",
                            REQUIRED.join("/, ")
                        ),
                    ));
                }
                continue;
            }
            Err(e) => {
                problems.push(Problem::whole(
                    &shown_sub,
                    format!("cannot read this folder: {e}; check that it is a readable directory"),
                ));
                continue;
            }
        };
        if let Some(p) = escapes(&root, &sub) {
            problems.push(p);
            continue;
        }
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => problems.push(Problem::whole(
                    &shown_sub,
                    format!("cannot list this folder: {e}; check its permissions"),
                )),
            }
        }
        paths.sort();
        for path in paths {
            let shown = path.display().to_string();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext != "toml" {
                // `*.TOML`, `*.tml`, `*.tomll`: meant as data, and silently skipping it
                // would make every reference into it an "unknown" error.
                if !ext.is_empty() && crate::names::distance(&ext.to_ascii_lowercase(), "toml") <= 1
                {
                    problems.push(Problem::whole(
                        &shown,
                        format!(
                            "'.{}' is not the data file extension; rename it to end in .toml",
                            crate::names::prefix(ext)
                        ),
                    ));
                }
                continue;
            }
            match read_file(&root, &path, &mut total) {
                Ok(text) => files.push(DataFile {
                    shown,
                    kind: kind.to_string(),
                    text,
                }),
                Err(p) => problems.push(p),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if files.is_empty() {
        return Err(no_data());
    }
    Ok(files)
}

/// Entries at the top of a dataset that look like data but are not where data is read:
/// a folder named like a kind (`place/`, `Places/`), a folder holding `*.toml` files, a
/// `*.toml` file outside any kind folder.
fn unexpected_entries(dir: &Path, problems: &mut Vec<Problem>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut found: Vec<(String, std::path::PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !KINDS.contains(&name.as_str()) && !name.starts_with('.'))
        .collect();
    found.sort();
    for (name, path) in found {
        let shown = path.display().to_string();
        let lower = name.to_ascii_lowercase();
        let near = KINDS
            .iter()
            .find(|k| crate::names::distance(&lower, k) <= 2 || lower.starts_with(*k));
        if path.is_dir() {
            let has_toml = std::fs::read_dir(&path).ok().is_some_and(|es| {
                es.flatten().take(10_000).any(|e| {
                    e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                })
            });
            match near {
                Some(k) => problems.push(Problem::whole(&shown, format!("'{}/' is not a dataset folder; did you mean '{k}/'? The folders are {}", crate::names::prefix(&name), KINDS.join("/, ") + "/"))),
                None if has_toml => problems.push(Problem::whole(&shown, format!("'{}/' holds .toml files but is not a dataset folder; move them into one of {}", crate::names::prefix(&name), KINDS.join("/, ") + "/"))),
                None => {}
            }
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        {
            problems.push(Problem::whole(
                &shown,
                format!(
                    "a data file outside the kind folders is not read; move it into one of {}",
                    KINDS.join("/, ") + "/"
                ),
            ));
        }
    }
}

/// A problem when `path` (a folder or file of the dataset) resolves to somewhere outside
/// the dataset directory `root` (canonical): a link leaving the dataset is refused.
fn escapes(root: &Path, path: &Path) -> Option<Problem> {
    let real = std::fs::canonicalize(path).ok()?;
    (!real.starts_with(root)).then(|| {
        Problem::whole(
            &path.display().to_string(),
            format!(
                "is a link to '{}', outside the dataset; copy the file into the dataset instead",
                crate::names::prefix(&real.display().to_string())
            ),
        )
    })
}

/// Reads one data file: a regular file (after links within the dataset), at most
/// `MAX_FILE_BYTES`, UTF-8.
fn read_file(root: &Path, path: &Path, total: &mut u64) -> Result<String, Problem> {
    use std::io::Read;
    let shown = path.display().to_string();
    if let Some(p) = escapes(root, path) {
        return Err(p);
    }
    let cannot = |e: std::io::Error| {
        Problem::whole(
            &shown,
            format!("cannot read this file: {e}; check that it exists and is readable"),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(Problem::whole(
            &shown,
            format!("is {what}; data files must be regular .toml files"),
        ));
    }
    let too_large = |n: u64| {
        Problem::whole(
            &shown,
            format!("is larger than {MAX_FILE_BYTES} bytes ({n} bytes); split it into several files, or check that it is a data file"),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // The size may change between the look and the read: read at most one byte more.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    *total += bytes.len() as u64;
    if *total > MAX_TOTAL_BYTES {
        return Err(Problem::whole(
            &shown,
            format!("the dataset is larger than {MAX_TOTAL_BYTES} bytes by this file; check that the folder holds only data"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..at]), at);
        Problem {
            file: shown.clone(),
            line: Some(line),
            col: Some(col),
            message: format!("invalid UTF-8 at byte {at}; data files must be UTF-8 text"),
        }
    })
}

/// Files larger than this are parsed a run of records at a time (`pieces`): the TOML
/// parser's scratch is ~15 times the text it parses, so the peak stays a few megabytes
/// whatever the file's size.
pub const PIECE_BYTES: usize = 256 * 1024;

/// Where to cut a data file into pieces that parse on their own to the same records: at
/// top-level `[[kind]]` headers (written at the start of a line, no dot in the name), each
/// piece at least `size` bytes. `None` when the file is small or does not have that shape
/// (keys before the first header belong to the whole file). A cut inside a multi-line
/// string, array or inline table leaves the piece before it unterminated, so it fails to
/// parse, and `parse` then reads the file whole: cutting never changes an outcome.
fn pieces(text: &str, size: usize) -> Option<Vec<usize>> {
    if text.len() <= size {
        return None;
    }
    let mut starts = vec![0];
    let mut header_seen = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let is_header = line
            .strip_prefix("[[")
            .and_then(|l| l.split_once("]]"))
            .is_some_and(|(name, rest)| {
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && {
                        let rest = rest.trim();
                        rest.is_empty() || rest.starts_with('#')
                    }
            });
        if is_header {
            if header_seen && at - starts[starts.len() - 1] >= size {
                starts.push(at);
            }
            header_seen = true;
        } else if !header_seen {
            let l = line.trim();
            if !(l.is_empty() || l.starts_with('#')) {
                return None;
            }
        }
    }
    (starts.len() > 1).then_some(starts)
}

#[allow(clippy::too_many_arguments)]
fn parse<T: DeserializeOwned>(
    shown: &str,
    kind: &str,
    text: &str,
    file: usize,
    piece_bytes: usize,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) -> Vec<(Piece, T)> {
    // Parsing is linear in the text (the toml crate, with its nesting limit).
    crate::work::add(text.len());
    if let Some(starts) = pieces(text, piece_bytes) {
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let parsed: Option<Vec<(Piece, T)>> = starts
            .iter()
            .zip(ends)
            .map(|(&base, end)| {
                toml::from_str::<T>(&text[base..end])
                    .ok()
                    .map(|v| (Piece { file, base }, v))
            })
            .collect();
        if let Some(parsed) = parsed {
            return parsed;
        }
        // A piece failed: the whole file, for the message as the file reads.
    }
    match toml::from_str::<T>(text) {
        Ok(v) => vec![(Piece { file, base: 0 }, v)],
        Err(e) => {
            let (line, col) = match e.span().map(|s| line_col(text, s.start)) {
                Some((l, c)) => (Some(l), Some(c)),
                None => (None, None),
            };
            let mut message = e.message().trim().to_string();
            if let Some(key) = e.span().and_then(|sp| key_at(text, sp.start)) {
                if !message.contains(&format!("`{key}`")) {
                    message = format!("{message} (key `{key}`)");
                }
            }
            if message.contains("recursion") || message.contains("recurse") {
                message.push_str("; data files nest arrays and tables a few levels deep at most");
            }
            // The toml crate's words for these name no fix.
            if message.starts_with("wanted string or table") {
                message = message.replacen(
                    "wanted string or table",
                    "expected a quoted word (such as \"bus\" or \"weekly\"), not a number, array or date",
                    1,
                );
            }
            if message.starts_with("duplicate key") {
                message.push_str("; a key may appear once in a table: keep one of them");
            }
            problems.push(Problem {
                file: shown.to_string(),
                line,
                col,
                message,
            });
            failed.push(kind.to_string());
            Vec::new()
        }
    }
}

/// Reports characters that must not reach a terminal (`names::is_unsafe`: control
/// characters, bidirectional overrides), written as they are or as TOML escapes
/// (`\u001b`), with their line and column. Tabs and line ends are fine. At most a few per
/// file: one is enough to fix the file, thousands would bury other problems.
fn ensure_safe_text(shown: &str, text: &str, problems: &mut Vec<Problem>) {
    let mut found = 0;
    let mut report = |offset: usize, c: char| {
        found += 1;
        if found <= 3 {
            let (line, col) = line_col(text, offset);
            problems.push(Problem {
                file: shown.to_string(),
                line: Some(line),
                col: Some(col),
                message: format!(
                    "the character U+{:04X} (a control or bidirectional-override character) can garble or disguise text on a terminal; remove it",
                    u32::from(c)
                ),
            });
        }
    };
    let bytes = text.as_bytes();
    crate::work::add(text.len());
    for (i, c) in text.char_indices() {
        if matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        if crate::names::is_unsafe(c) {
            report(i, c);
        } else if c == '\\' && i + 1 < bytes.len() && matches!(bytes[i + 1], b'u' | b'U') {
            let width = if bytes[i + 1] == b'u' { 4 } else { 8 };
            let escaped = text
                .get(i + 2..i + 2 + width)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            if let Some(e) =
                escaped.filter(|e| crate::names::is_unsafe(*e) && !matches!(e, '\t' | '\n' | '\r'))
            {
                report(i, e);
            }
        }
    }
}

/// The key a TOML error points into, for its message: the key at `offset` itself (a
/// duplicate key's span starts there), else the key of the nearest `=` before `offset` on
/// its line (inside an inline table too: `{ at = 5 }` → `at`), else the table header
/// `[x]` / `[[x]]` the line is, else the key of the value spread over lines that `offset`
/// lies in (`aliases = [` … a bad element). A key inside an inline table of an array
/// spread over lines names the array too: "`at` in `stops`". `None` when nothing looks
/// like a key (or it is long or odd: it is quoted in a message).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"');
    let ok = |key: &str| {
        let key = key.trim();
        (!key.is_empty() && key.len() <= 64 && key.chars().all(|c| is_key_char(c) || c == ' '))
            .then(|| key.to_string())
    };
    if line.trim_start().starts_with('[') {
        return ok(line.trim().trim_matches(|c| c == '[' || c == ']'));
    }
    // The line's own key, if it starts with one (`key = ...`).
    let own = line
        .split_once('=')
        .and_then(|(k, _)| ok(k))
        .filter(|_| !line.trim_start().starts_with('{'));
    // The key at the offset, or before the nearest `=` before it.
    let rest = &text[at..end];
    let here: String = rest.chars().take_while(|c| is_key_char(*c)).collect();
    let inner = if !here.is_empty() && rest[here.len()..].trim_start().starts_with('=') {
        ok(&here)
    } else {
        text[start..at].rfind('=').and_then(|eq| {
            let before = text[start..start + eq].trim_end();
            // After the last character that cannot be in a key (it may be several bytes).
            let from = before
                .char_indices()
                .rev()
                .find(|(_, c)| !is_key_char(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            ok(&before[from..])
        })
    };
    // The key of the value spread over lines: the nearest line before that starts with
    // `key =` (looking back a bounded way: one error per file, but a file may be large).
    let outer = || {
        let back = text[..start].len().saturating_sub(64 * 1024);
        let mut from = start;
        while from > back {
            let prev_start = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
            let prev = &text[prev_start..from - 1];
            if let Some(k) = prev
                .split_once('=')
                .filter(|_| !prev.trim_start().starts_with(['{', '[', '#', '"']))
                .and_then(|(k, _)| ok(k))
            {
                return Some(k);
            }
            // A table header ends the search: the value began after it.
            if prev.trim_start().starts_with('[')
                && ok(prev.trim().trim_matches(|c| c == '[' || c == ']')).is_some()
            {
                return None;
            }
            from = prev_start;
        }
        None
    };
    match (own, inner) {
        (Some(own), Some(inner)) if own != inner => Some(format!("{inner}` in `{own}")),
        (Some(own), _) => Some(own),
        (None, Some(inner)) => Some(match outer() {
            Some(o) => format!("{inner}` in `{o}"),
            None => inner,
        }),
        (None, None) => outer(),
    }
}

/// Parses every file into its raw type; returns the dataset and the problems found. Each
/// file's text is freed once parsed: only its `Lines` are kept, for messages.
pub fn parse_all(files: Vec<DataFile>) -> (RawDataset, Vec<Problem>) {
    parse_all_in_pieces(files, PIECE_BYTES)
}

/// `parse_all`, cutting files larger than `piece_bytes` into pieces (for tests: the real
/// files are smaller than `PIECE_BYTES`).
#[doc(hidden)]
pub fn parse_all_in_pieces(files: Vec<DataFile>, piece_bytes: usize) -> (RawDataset, Vec<Problem>) {
    let mut raw = RawDataset::default();
    let mut problems = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        let (shown, text, kind) = (&file.shown, &file.text, file.kind.as_str());
        ensure_safe_text(shown, text, &mut problems);
        let (p, f) = (&mut problems, &mut raw.failed);
        macro_rules! kinds {
            ($($k:literal => $field:ident),*) => {
                match kind {
                    $($k => raw.$field.extend(parse(shown, kind, text, i, piece_bytes, p, f)),)*
                    other => p.push(Problem::whole(
                        shown,
                        format!(
                            "'{other}' is not a dataset folder; expected one of {}",
                            KINDS.join(", ")
                        ),
                    )),
                }
            };
        }
        kinds!("sources" => sources, "places" => places, "permits" => permits, "crossings" => crossings, "services" => services, "visas" => visas, "holidays" => holidays, "rates" => rates);
        raw.lines.push(Lines::new(text));
        raw.files.push(file.shown);
    }
    (raw, problems)
}
