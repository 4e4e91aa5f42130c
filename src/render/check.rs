//! The words of `crossings check`: what the dataset holds, how recently it was verified,
//! what lacks coordinates and every disputed fact.

use crate::answer::{CheckAnswer, Record};
use crate::model::{Dataset, SourceAge};
use std::fmt::Write;

/// "place kashgar", "service kashgar-osh-bus".
pub fn record_name(ds: &Dataset, r: Record) -> String {
    match r {
        Record::Place(i) => format!("place {}", ds.places[i].id),
        Record::Permit(i) => format!("permit {}", ds.permits[i].id),
        Record::Crossing(i) => format!("crossing {}", ds.crossings[i].id),
        Record::Service(i) => format!("service {}", ds.services[i].id),
    }
}

fn age_label(a: SourceAge) -> &'static str {
    match a {
        SourceAge::UnderOneYear => "under 1 year",
        SourceAge::OneToThreeYears => "1 to 3 years",
        SourceAge::ThreeToFiveYears => "3 to 5 years",
        SourceAge::FiveToTenYears => "5 to 10 years",
        SourceAge::OverTenYears => "over 10 years",
        SourceAge::Undated => "undated only",
    }
}

/// The `check` warning for places and crossings without coordinates: GeoJSON leaves them
/// without a geometry and the map cannot draw them.
fn unplaced(ds: &Dataset, a: &CheckAnswer) -> String {
    let mut out = format!("records without coordinates: {}\n", a.unplaced.len());
    for r in &a.unplaced {
        out.push_str(&format!(
            "warning: {} has no coords; GeoJSON and the map cannot place it (add coords = [latitude, longitude] with its source)\n",
            record_name(ds, *r)
        ));
    }
    out
}

pub fn text(ds: &Dataset, a: &CheckAnswer, width: Option<usize>) -> String {
    let today = a.today;
    let mut out = String::new();
    let c = &a.counts;
    let counts = [
        ("sources", c.sources),
        ("places", c.places),
        ("permits", c.permits),
        ("crossings", c.crossings),
        ("services", c.services),
        ("visa destinations", c.visa_destinations),
        ("visa overrides", c.visa_overrides),
        ("exit rules", c.exit_rules),
        ("holiday dates", c.holiday_dates),
        ("currency rates", c.currency_rates),
    ];
    let _ = writeln!(out, "dataset OK");
    let mut t = super::table(&["kind", "records"]);
    for (k, n) in counts {
        t.add_row(vec![k.to_string(), n.to_string()]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "records verified (a confirming source checked on a stated day): {} of {}",
        a.verified.len(),
        a.records
    );
    if let Some((d, what)) = a
        .verified
        .iter()
        .map(|(d, r)| (*d, record_name(ds, *r)))
        .min()
    {
        let _ = writeln!(out, "oldest verification: {d} ({what})");
    }
    let _ = writeln!(
        out,
        "verified records not checked in the last 12 months: {}",
        a.stale
    );
    let _ = writeln!(
        out,
        "\nrecords by the age of their newest source (as of {today}):"
    );
    let mut t = super::table(&["newest source", "records"]);
    for (age, n) in &a.ages {
        t.add_row(vec![age_label(*age).to_string(), n.to_string()]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "records whose newest source is older than three years (or undated): {}",
        a.old.len()
    );
    for (what, newest) in &a.old {
        let _ = writeln!(
            out,
            "- {}: newest source {}",
            record_name(ds, *what),
            newest
                .as_ref()
                .map_or("undated".to_string(), |r| r.to_string())
        );
    }
    let _ = writeln!(
        out,
        "services marked running without a source from the last three years: {}",
        a.running_old.len()
    );
    for i in &a.running_old {
        let _ = writeln!(out, "- service {}", ds.services[*i].id);
    }
    out.push_str(&unplaced(ds, a));
    let _ = writeln!(out, "\ndisputed facts: {}", a.disputes.len());
    for (what, k) in &a.disputes {
        let d = match what {
            Record::Crossing(i) => &ds.crossings[*i].disputes[*k],
            Record::Service(i) => &ds.services[*i].disputes[*k],
            Record::Place(_) | Record::Permit(_) => continue,
        };
        let _ = writeln!(
            out,
            "- {}: {}{} ({} versions): {}",
            record_name(ds, *what),
            d.fact,
            d.from.map(|c| format!(" from {c}")).unwrap_or_default(),
            d.alternatives.len(),
            d.summary
        );
    }
    // Long lines (warnings, dispute summaries) wrap at word boundaries under a hanging
    // indent; the tables are narrow.
    out.lines()
        .map(|l| {
            use unicode_width::UnicodeWidthStr;
            if width.is_some_and(|w| l.width() > w) {
                super::text::wrap(l, width, "", "  ")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}
