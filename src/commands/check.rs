//! `crossings check`: the dataset is valid (or `run` already reported every problem); print
//! what it holds, the oldest verification and every disputed fact.

use crate::model::Dataset;
use crate::render;
use crate::run::{Failure, Output};
use chrono::NaiveDate;
use std::fmt::Write;

pub fn run(ds: &Dataset, today: NaiveDate) -> Result<Output, Failure> {
    let mut out = String::new();
    let holidays: usize = ds.holidays.values().map(|h| h.len()).sum();
    let counts = [
        ("sources", ds.sources.len()),
        ("places", ds.places.len()),
        ("permits", ds.permits.len()),
        ("crossings", ds.crossings.len()),
        ("services", ds.services.len()),
        (
            "visa destinations",
            ds.visas
                .index
                .iter()
                .map(|(d, _, _)| *d)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        ),
        ("visa overrides", ds.visas.rules.len()),
        ("holiday dates", holidays),
        ("currency rates", ds.rates.rates.len()),
    ];
    let _ = writeln!(out, "dataset OK");
    let mut t = render::table(&["kind", "records"]);
    for (k, n) in counts {
        t.add_row(vec![k.to_string(), n.to_string()]);
    }
    let _ = writeln!(out, "{t}");

    // Oldest verification, and records older than a year.
    let mut verified: Vec<(NaiveDate, String)> = Vec::new();
    verified.extend(
        ds.places
            .iter()
            .map(|p| (p.prov.verified, format!("place {}", p.id))),
    );
    verified.extend(
        ds.crossings
            .iter()
            .map(|c| (c.prov.verified, format!("crossing {}", c.id))),
    );
    verified.extend(
        ds.services
            .iter()
            .map(|s| (s.prov.verified, format!("service {}", s.id))),
    );
    verified.extend(
        ds.permits
            .iter()
            .map(|p| (p.prov.verified, format!("permit {}", p.id))),
    );
    verified.sort();
    if let Some((d, what)) = verified.first() {
        let _ = writeln!(out, "oldest verification: {d} ({what})");
    }
    let stale = verified
        .iter()
        .filter(|(d, _)| (today - *d).num_days() > 365)
        .count();
    let _ = writeln!(out, "records not verified in the last 12 months: {stale}");
    out.push_str(&crate::export::unplaced(ds));

    let mut disputes = Vec::new();
    for c in &ds.crossings {
        disputes.extend(c.disputes.iter().map(|d| (format!("crossing {}", c.id), d)));
    }
    for s in &ds.services {
        disputes.extend(s.disputes.iter().map(|d| (format!("service {}", s.id), d)));
    }
    let _ = writeln!(out, "\ndisputed facts: {}", disputes.len());
    for (what, d) in disputes {
        let _ = writeln!(
            out,
            "- {what}: {} ({} versions): {}",
            d.fact,
            d.alternatives.len(),
            d.summary
        );
    }
    Ok(Output::answer(out))
}
