//! The words of `crossings baggage`: per service what the weight costs, with the rule and
//! its sources; and the same rows as JSON.

use super::json::{amount, BaggageCaseJson, BaggageJson, BaggageRowJson, BaggageStatus};
use super::text::wrap;
use crate::answer::{BaggageAnswer, BaggageCase, BaggageRow};
use crate::model::{Dataset, ServiceStatus};
use crate::money::{self, tenths_text as kg_text};
use chrono::NaiveDate;

fn case_json(c: BaggageCase) -> BaggageCaseJson {
    match c {
        BaggageCase::NoRule => BaggageCaseJson::NoRule,
        BaggageCase::WithinAllowance => BaggageCaseJson::WithinAllowance,
        BaggageCase::RateUnknown => BaggageCaseJson::RateUnknown,
        BaggageCase::Charged => BaggageCaseJson::Charged,
        BaggageCase::AllowanceUnknown => BaggageCaseJson::AllowanceUnknown,
    }
}

/// Whether a rule is known and gives the fee: the fee itself decides (a charge too large
/// to compute stays unknown).
fn status(r: &BaggageRow) -> BaggageStatus {
    match (r.case, r.fee) {
        (BaggageCase::NoRule, _) => BaggageStatus::NoRule,
        (_, Some(_)) => BaggageStatus::FeeKnown,
        (_, None) => BaggageStatus::FeeUnknown,
    }
}

/// Whether the rate of `date` is more than a year older than `today` (as `plan` flags it).
fn stale(date: Option<NaiveDate>, today: NaiveDate) -> bool {
    date.is_some_and(|d| (today - d).num_days() > money::STALE_RATE_DAYS)
}

/// " at the CNY rate of Sat 13 Dec 2025": the rate an amount in `from` was converted at,
/// ", more than a year old" after it when it is (the text is in brackets).
fn rate_text(from: crate::types::Currency, date: Option<NaiveDate>, today: NaiveDate) -> String {
    let old = if stale(date, today) {
        ", more than a year old"
    } else {
        ""
    };
    match date {
        Some(d) => format!(
            " at the {from} rate of {}{old}",
            super::words::Words::full_date(d)
        ),
        None => format!(" at a {from} rate of unknown date"),
    }
}

/// What the row means: "6 kg over the allowance; plus 5 USD per bag".
fn row_text(ds: &Dataset, r: &BaggageRow, today: NaiveDate) -> String {
    let b = ds.services[r.service].baggage.as_ref();
    let excess = r.excess_tenths.unwrap_or(0);
    let note = match r.case {
        BaggageCase::NoRule => "No baggage rule is known for this service".to_string(),
        BaggageCase::WithinAllowance => format!(
            "Within the {} kg allowance: no excess fee",
            r.free_kg.unwrap_or(0)
        ),
        BaggageCase::RateUnknown => format!(
            "{} kg over the allowance; what the excess costs is not known",
            kg_text(excess)
        ),
        BaggageCase::Charged => format!("{} kg over the allowance", kg_text(excess)),
        BaggageCase::AllowanceUnknown => b
            .and_then(|b| b.note.as_deref())
            .map(str::to_string)
            .unwrap_or_else(|| "No weight allowance is known".into()),
    };
    // "plus 2 CNY per bag (about 0.22 GBP)" in the currency asked for, as the fee is.
    let per_piece = r
        .per_piece
        .map(|p| match r.per_piece_converted {
            Some(c) if c.currency != p.currency => {
                format!(
                    "; plus {} per bag (about {}{})",
                    p.display(),
                    c.display(),
                    rate_text(p.currency, r.rate_date, today)
                )
            }
            _ => format!("; plus {} per bag", p.display()),
        })
        .unwrap_or_default();
    note + &per_piece
}

pub fn json(ds: &Dataset, a: &BaggageAnswer, today: NaiveDate) -> BaggageJson {
    BaggageJson {
        version: super::json::VERSION,
        kg: money::json_tenths(a.kg_tenths),
        services: a
            .rows
            .iter()
            .map(|r| BaggageRowJson {
                service: ds.services[r.service].id.to_string(),
                free_kg: r.free_kg,
                excess_kg: r.excess_tenths.map(money::json_tenths),
                rate: r.rate.map(amount),
                fee: r.fee.map(amount),
                fee_converted: r.fee_converted.map(amount),
                per_piece: r.per_piece.map(amount),
                per_piece_converted: r.per_piece_converted.map(amount),
                rate_date: r.rate_date.map(|d| d.to_string()),
                rate_stale: stale(r.rate_date, today),
                status: status(r),
                case: case_json(r.case),
                text: row_text(ds, r, today),
            })
            .collect(),
    }
}

pub fn text(ds: &Dataset, a: &BaggageAnswer, today: NaiveDate, width: Option<usize>) -> String {
    let mut out = format!("Baggage of {} kg:\n", kg_text(a.kg_tenths));
    for r in &a.rows {
        let s = &ds.services[r.service];
        let fee = match (r.fee.map(amount), r.fee_converted.map(amount)) {
            // "no excess fee" says it: not "fee 0 CNY" after a charge a bag.
            _ if matches!(r.case, BaggageCase::WithinAllowance) => String::new(),
            (Some(f), Some(c)) if c.currency != f.currency => format!(
                "; fee {} {} (about {} {}{})",
                f.amount,
                f.currency,
                c.amount,
                c.currency,
                r.fee
                    .map_or(String::new(), |m| rate_text(m.currency, r.rate_date, today))
            ),
            (Some(f), _) => format!("; fee {} {}", f.amount, f.currency),
            // The text says why (no rule known, the rate not known).
            (None, _) => String::new(),
        };
        let said = row_text(ds, r, today);
        let rule = s
            .baggage
            .as_ref()
            .map(|b| {
                // A rule known only as a note (no allowance, rate or price a bag) is
                // already the row's text: said once.
                let only_note = b.note.is_some()
                    && b.free_kg.is_none()
                    && b.excess_per_kg.is_none()
                    && b.per_piece.is_none();
                if only_note {
                    format!(" [sources: {}]", super::source_ids(ds, &b.sources))
                } else {
                    // The note says what the sources say of this service's excess charge
                    // (per kilo, "charged extra"): the words claim no more than it does.
                    let note = b
                        .note
                        .as_deref()
                        .map(|n| format!(". {}", n.strip_suffix('.').unwrap_or(n)))
                        .unwrap_or_default();
                    format!(
                        " Rule: {}{note} [sources: {}]",
                        super::services::baggage_text(s),
                        super::source_ids(ds, &b.sources)
                    )
                }
            })
            .unwrap_or_default();
        // A note that ends its own sentence gets no second full stop.
        let said = format!("{said}{fee}");
        let said = said.strip_suffix('.').unwrap_or(&said);
        // The service as the services card names it: its id (what `baggage SERVICE` takes)
        // and its name; then what the weight costs.
        out.push_str(&wrap(&s.name, width, &format!("  {}  ", s.id), "      "));
        // A suspended service is listed as `services` lists it, and said to be suspended:
        // its rule is of no use until it runs again.
        if s.status == ServiceStatus::Suspended {
            let since = s
                .status_since
                .map(|d| format!(" since {}", super::words::Words::full_date(d)))
                .unwrap_or_default();
            out.push_str(&wrap(
                &format!("Suspended{since}: it does not run now."),
                width,
                "      ",
                "      ",
            ));
        }
        out.push_str(&wrap(&format!("{said}.{rule}"), width, "      ", "      "));
    }
    out
}
