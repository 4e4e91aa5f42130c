//! Reading a dataset directory (`data/` at build time, `--data DIR` at run time) and parsing
//! it into raw TOML types. Every file is parsed even when an earlier one fails, so one run
//! reports every problem.

use crate::problem::{line_col, Problem};
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

/// All records of a dataset, still raw, each tagged with the file it came from.
#[derive(Default)]
pub struct RawDataset {
    pub files: Vec<String>,
    pub sources: Vec<(usize, raw::SourcesFile)>,
    pub places: Vec<(usize, raw::PlacesFile)>,
    pub permits: Vec<(usize, raw::PermitsFile)>,
    pub crossings: Vec<(usize, raw::CrossingsFile)>,
    pub services: Vec<(usize, raw::ServicesFile)>,
    pub visas: Vec<(usize, raw::VisasFile)>,
    pub holidays: Vec<(usize, raw::HolidaysFile)>,
    pub rates: Vec<(usize, raw::RatesFile)>,
    /// The text of each file, for turning byte offsets into lines.
    pub texts: Vec<String>,
    /// Folders with a file that failed to parse: references into them are not reported,
    /// since the missing records are a consequence of the parse error already reported.
    pub failed: Vec<String>,
}

impl RawDataset {
    /// A problem at a byte offset in file number `file`.
    pub fn problem(&self, file: usize, offset: usize, message: String) -> Problem {
        let (line, col) = line_col(&self.texts[file], offset);
        Problem {
            file: self.files[file].clone(),
            line: Some(line),
            col: Some(col),
            message,
        }
    }
}

/// Lists and reads the files of a dataset directory. A missing directory is a problem.
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, Problem> {
    let shown_dir = dir.display().to_string();
    if !dir.is_dir() {
        return Err(Problem::whole(
            &shown_dir,
            format!("no dataset directory at '{shown_dir}'; pass --data a directory with folders like places/ and crossings/ (see data/README.md)"),
        ));
    }
    let mut files = Vec::new();
    for kind in KINDS {
        let sub = dir.join(kind);
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Problem::whole(
                    &shown,
                    format!("cannot read this file: {e}; check that it exists and is UTF-8 text"),
                )
            })?;
            files.push(DataFile {
                shown,
                kind: kind.to_string(),
                text,
            });
        }
    }
    if files.is_empty() {
        return Err(Problem::whole(
            &shown_dir,
            format!(
                "no data files in '{shown_dir}'; expected *.toml files in folders {}",
                KINDS.join("/, ") + "/"
            ),
        ));
    }
    Ok(files)
}

fn parse<T: DeserializeOwned>(
    file: &DataFile,
    index: usize,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) -> Option<(usize, T)> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some((index, v)),
        Err(e) => {
            let (line, col) = match e.span().map(|s| line_col(&file.text, s.start)) {
                Some((l, c)) => (Some(l), Some(c)),
                None => (None, None),
            };
            problems.push(Problem {
                file: file.shown.clone(),
                line,
                col,
                message: e.message().trim().to_string(),
            });
            failed.push(file.kind.clone());
            None
        }
    }
}

/// Parses every file into its raw type; returns the dataset and the problems found.
pub fn parse_all(files: Vec<DataFile>) -> (RawDataset, Vec<Problem>) {
    let mut raw = RawDataset::default();
    let mut problems = Vec::new();
    for (i, file) in files.iter().enumerate() {
        raw.files.push(file.shown.clone());
        raw.texts.push(file.text.clone());
        let (p, f) = (&mut problems, &mut raw.failed);
        match file.kind.as_str() {
            "sources" => raw.sources.extend(parse(file, i, p, f)),
            "places" => raw.places.extend(parse(file, i, p, f)),
            "permits" => raw.permits.extend(parse(file, i, p, f)),
            "crossings" => raw.crossings.extend(parse(file, i, p, f)),
            "services" => raw.services.extend(parse(file, i, p, f)),
            "visas" => raw.visas.extend(parse(file, i, p, f)),
            "holidays" => raw.holidays.extend(parse(file, i, p, f)),
            "rates" => raw.rates.extend(parse(file, i, p, f)),
            other => problems.push(Problem::whole(
                &file.shown,
                format!(
                    "'{other}' is not a dataset folder; expected one of {}",
                    KINDS.join(", ")
                ),
            )),
        }
    }
    (raw, problems)
}
