//! Shared pieces of human output: tables, sources, disputes and provenance lines. The
//! command modules compose them; nothing here decides anything.

pub mod hours;
pub mod json;
pub mod paperwork;
pub mod places;
pub mod plan;
pub mod services;
pub mod text;
pub mod words;

use crate::model::{Dataset, Dispute, Provenance, SourceIx};
use comfy_table::{presets, ContentArrangement, Table};

/// A table with the project's look. On a terminal, cells wrap to fit its width; into a pipe
/// or a file, lines are never wrapped, so output stays stable for scripts and tests.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    t
}

/// A two-column table with no header, for one record shown field by field.
pub fn card() -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// "title (reports DATE)" for one source.
pub fn source(ds: &Dataset, ix: SourceIx) -> String {
    let s = &ds.sources[ix];
    format!("{} ({})", s.title, s.reports)
}

/// The source ids of a record, comma separated.
pub fn source_ids(ds: &Dataset, ixs: &[SourceIx]) -> String {
    ixs.iter()
        .map(|i| ds.sources[*i].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "verified 2026-11-21; sources: a, b" (or "not verified; sources: …").
pub fn provenance(ds: &Dataset, p: &Provenance) -> String {
    format!("{}; sources: {}", verified(p), source_ids(ds, &p.sources))
}

/// "verified 2026-11-21", or "not verified" when nobody checked a source on a known day.
pub fn verified(p: &Provenance) -> String {
    match p.verified {
        Some(d) => format!("verified {d}"),
        None => "not verified".to_string(),
    }
}

/// Lines describing a dispute and every version in it.
pub fn dispute(ds: &Dataset, d: &Dispute) -> Vec<String> {
    let mut lines = vec![format!("DISPUTED {}: {}", d.fact, d.summary)];
    for a in &d.alternatives {
        lines.push(format!("  - {} [{}]", a.says, source_ids(ds, &a.sources)));
    }
    lines
}

pub fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// The name of a mode as the data files and every output write it.
pub fn mode_name(m: crate::model::Mode) -> &'static str {
    use crate::model::Mode::*;
    match m {
        Bus => "bus",
        SleeperBus => "sleeper-bus",
        Minibus => "minibus",
        Train => "train",
        SharedTaxi => "shared-taxi",
        AgencyCar => "agency-car",
    }
}
