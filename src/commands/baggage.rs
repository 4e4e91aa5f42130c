//! `crossings baggage`: the free allowance, the excess kilos and what they cost, per
//! service or for every service on a route. An unpublished rate stays unknown.

use crate::cli::BaggageArgs;
use crate::commands::services::select;
use crate::model::{Dataset, Service};
use crate::money;
use crate::render;
use crate::request;
use crate::run::{Failure, Output};
use crate::types::{Currency, Money};
use std::fmt::Write;

use crate::render::json::{amount, BaggageRowJson as Row};

use money::tenths_text as kg_text;

/// The fee for `excess` tenths of a kilo at `rate` per kilo, rounded half up to the minor
/// unit; `None` (unknown) when it does not fit.
fn fee(rate: Money, excess_tenths: u32) -> Option<Money> {
    money::per_tenth(rate, excess_tenths)
}

fn row(ds: &Dataset, s: &Service, kg: u32, currency: Currency) -> Row {
    let Some(b) = &s.baggage else {
        return Row {
            service: s.id.to_string(),
            free_kg: None,
            excess_kg: None,
            rate: None,
            fee: None,
            fee_converted: None,
            per_piece: None,
            case: "no-rule",
            text: "no baggage rule is known for this service".into(),
        };
    };
    let excess = b.free_kg.map(|f| kg.saturating_sub(f.saturating_mul(10)));
    let fee_m = match (excess, b.excess_per_kg) {
        (Some(e), Some(r)) => fee(r, e),
        // Within the allowance nothing is charged, whatever the (unknown) rate.
        (Some(0), None) => b
            .per_piece
            .map(|p| Money {
                minor: 0,
                currency: p.currency,
            })
            .or(Some(Money { minor: 0, currency })),
        _ => None,
    };
    let (case, note) = match (b.free_kg, excess, b.excess_per_kg) {
        (Some(f), Some(0), _) => ("within-allowance", format!("within the {f} kg allowance: no excess fee")),
        (Some(_), Some(e), None) => ("rate-unknown", format!("{} kg over the allowance; the rate is not published: it is charged per kilo at the station", kg_text(e))),
        (Some(_), Some(e), Some(_)) => ("charged", format!("{} kg over the allowance", kg_text(e))),
        _ => ("allowance-unknown", b.note.as_deref().map(str::to_string).unwrap_or_else(|| "no weight allowance is known".into())),
    };
    let per_piece_note = b
        .per_piece
        .map(|p| format!("; plus {} per bag", p.display()))
        .unwrap_or_default();
    Row {
        service: s.id.to_string(),
        free_kg: b.free_kg,
        excess_kg: excess.map(money::json_tenths),
        rate: b.excess_per_kg.map(amount),
        fee: fee_m.map(amount),
        fee_converted: fee_m
            .and_then(|m| money::convert(&ds.rates, m, currency))
            .map(amount),
        per_piece: b.per_piece.map(amount),
        case,
        text: note + &per_piece_note,
    }
}

pub fn run(ds: &Dataset, a: &BaggageArgs, width: Option<usize>) -> Result<Output, Failure> {
    let kg = request::kilos(&a.kg)?;
    let currency = request::currency(ds, &a.currency, "--currency")?;
    let chosen: Vec<usize> = match (&a.service, &a.from, &a.to) {
        (Some(s), None, None) => vec![request::service(ds, s)?],
        (None, Some(f), Some(t)) => {
            let (fp, tp) = (request::place(ds, f)?, request::place(ds, t)?);
            let list = select(ds, Some(fp), Some(tp), None);
            if list.is_empty() {
                // A valid question with no answer: exit 1, the reason and the fix on stderr.
                return Ok(Output {
                    text: String::new(),
                    code: 1,
                    notes: vec![format!(
                        "no service in the dataset runs from {} to {}; check `crossings services --from {}`",
                        ds.places[fp].name, ds.places[tp].name, ds.places[fp].id
                    )],
                });
            }
            list
        }
        _ => return Err(Failure::Usage("name a service (`crossings baggage kashgar-osh-bus --kg 26`) or a route with --from and --to, not both".into())),
    };
    let rows: Vec<Row> = chosen
        .iter()
        .map(|i| row(ds, &ds.services[*i], kg, currency))
        .collect();
    if a.json {
        return Ok(Output::answer(render::json::to_text(
            &render::json::BaggageJson {
                version: render::json::VERSION,
                kg: money::json_tenths(kg),
                services: rows,
            },
        )));
    }
    let mut out = String::new();
    let _ = writeln!(out, "Baggage of {} kg:", kg_text(kg));
    for (i, r) in chosen.iter().zip(&rows) {
        let s = &ds.services[*i];
        let fee = match (&r.fee, &r.fee_converted) {
            (Some(f), Some(c)) if c.currency != f.currency => format!(
                "; fee {} {} (about {} {})",
                f.amount, f.currency, c.amount, c.currency
            ),
            (Some(f), _) => format!("; fee {} {}", f.amount, f.currency),
            // The text says why (no rule known, the rate not published).
            (None, _) => String::new(),
        };
        let rule = s
            .baggage
            .as_ref()
            .map(|b| {
                format!(
                    " Rule: {} [sources: {}]",
                    render::services::baggage_text(s),
                    render::source_ids(ds, &b.sources)
                )
            })
            .unwrap_or_default();
        out.push_str(&render::text::wrap(
            &format!("{}{fee}.{rule}", r.text),
            width,
            &format!("  {}  ", r.service),
            "      ",
        ));
    }
    Ok(Output::answer(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_round_half_up_per_tenth_of_a_kilo() {
        let cny: Currency = "CNY".parse().unwrap();
        let rate = Money {
            minor: 1000,
            currency: cny,
        }; // 10 CNY per kg
        assert_eq!(fee(rate, 60).unwrap().amount_string(), "60");
        assert_eq!(fee(rate, 65).unwrap().amount_string(), "65");
        let odd = Money {
            minor: 333,
            currency: cny,
        }; // 3.33 per kg, 0.5 kg → 1.665 → 1.67
        assert_eq!(fee(odd, 5).unwrap().amount_string(), "1.67");
        assert_eq!(kg_text(65), "6.5");
        assert_eq!(kg_text(60), "6");
    }
}
