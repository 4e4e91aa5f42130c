//! `crossings check`: the dataset is valid (or `run` already reported every problem); print
//! what it holds, the oldest verification and every disputed fact.

use crate::model::{Dataset, ServiceStatus, SourceAge};
use crate::render;
use crate::run::{Failure, Output};
use crate::types::Reported;
use chrono::NaiveDate;
use std::fmt::Write;

pub fn run(ds: &Dataset, today: NaiveDate, width: Option<usize>) -> Result<Output, Failure> {
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

    // Verification, and the age of every record by its newest (non-reference) source.
    let mut records: Vec<(String, &crate::model::Provenance)> = Vec::new();
    records.extend(
        ds.places
            .iter()
            .map(|p| (format!("place {}", p.id), &p.prov)),
    );
    records.extend(
        ds.permits
            .iter()
            .map(|p| (format!("permit {}", p.id), &p.prov)),
    );
    records.extend(
        ds.crossings
            .iter()
            .map(|c| (format!("crossing {}", c.id), &c.prov)),
    );
    records.extend(
        ds.services
            .iter()
            .map(|s| (format!("service {}", s.id), &s.prov)),
    );
    let mut verified: Vec<(NaiveDate, &str)> = records
        .iter()
        .filter_map(|(what, p)| p.verified.map(|d| (d, what.as_str())))
        .collect();
    verified.sort();
    let _ = writeln!(
        out,
        "records verified (a confirming source checked on a stated day): {} of {}",
        verified.len(),
        records.len()
    );
    if let Some((d, what)) = verified.first() {
        let _ = writeln!(out, "oldest verification: {d} ({what})");
    }
    let stale = verified
        .iter()
        .filter(|(d, _)| (today - *d).num_days() > 365)
        .count();
    let _ = writeln!(
        out,
        "verified records not checked in the last 12 months: {stale}"
    );

    let ages: Vec<(SourceAge, &str, Option<&Reported>)> = records
        .iter()
        .map(|(what, p)| (p.age(today), what.as_str(), p.newest.as_ref()))
        .collect();
    let _ = writeln!(
        out,
        "\nrecords by the age of their newest source (as of {today}):"
    );
    let mut t = render::table(&["newest source", "records"]);
    for (age, label) in [
        (SourceAge::UnderOneYear, "under 1 year"),
        (SourceAge::OneToThreeYears, "1 to 3 years"),
        (SourceAge::ThreeToFiveYears, "3 to 5 years"),
        (SourceAge::FiveToTenYears, "5 to 10 years"),
        (SourceAge::OverTenYears, "over 10 years"),
        (SourceAge::Undated, "undated only"),
    ] {
        let n = ages.iter().filter(|(a, _, _)| *a == age).count();
        t.add_row(vec![label.to_string(), n.to_string()]);
    }
    let _ = writeln!(out, "{t}");
    let old: Vec<_> = ages.iter().filter(|(a, _, _)| a.is_old()).collect();
    let _ = writeln!(
        out,
        "records whose newest source is older than three years (or undated): {}",
        old.len()
    );
    for (_, what, newest) in &old {
        let _ = writeln!(
            out,
            "- {what}: newest source {}",
            newest.map_or("undated".to_string(), |r| r.to_string())
        );
    }
    let running_old: Vec<&str> = ds
        .services
        .iter()
        .filter(|s| s.status == ServiceStatus::Running && s.prov.age(today).is_old())
        .map(|s| s.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "services marked running without a source from the last three years: {}",
        running_old.len()
    );
    for id in running_old {
        let _ = writeln!(out, "- service {id}");
    }
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
    // Long lines (warnings, dispute summaries) wrap at word boundaries under a hanging
    // indent; the tables are narrow.
    let out = out
        .lines()
        .map(|l| {
            use unicode_width::UnicodeWidthStr;
            if width.is_some_and(|w| l.width() > w) {
                crate::render::text::wrap(l, width, "", "  ")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    Ok(Output::answer(out))
}
