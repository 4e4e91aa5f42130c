//! `crossings baggage`: the free allowance, the excess kilos and what they cost, per
//! service or for every service on a route. An unpublished rate stays unknown.

use crate::answer::{Answer, BaggageAnswer, BaggageCase, BaggageRow, Nothing};
use crate::commands::services::select;
use crate::model::{Dataset, Service};
use crate::money;
use crate::query::{BaggageOn, BaggageQuery};
use crate::types::{Currency, Money};

/// The fee for `excess` tenths of a kilo at `rate` per kilo, rounded half up to the minor
/// unit; `None` (unknown) when it does not fit.
fn fee(rate: Money, excess_tenths: u32) -> Option<Money> {
    money::per_tenth(rate, excess_tenths)
}

fn row(ds: &Dataset, si: usize, s: &Service, kg: u32, currency: Currency) -> BaggageRow {
    let Some(b) = &s.baggage else {
        return BaggageRow {
            service: si,
            free_kg: None,
            excess_tenths: None,
            rate: None,
            fee: None,
            fee_converted: None,
            per_piece: None,
            per_piece_converted: None,
            rate_date: None,
            case: BaggageCase::NoRule,
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
    let case = match (b.free_kg, excess, b.excess_per_kg) {
        (Some(_), Some(0), _) => BaggageCase::WithinAllowance,
        (Some(_), Some(_), None) => BaggageCase::RateUnknown,
        (Some(_), Some(_), Some(_)) => BaggageCase::Charged,
        _ => BaggageCase::AllowanceUnknown,
    };
    let fee_converted = fee_m.and_then(|m| money::convert(&ds.rates, m, currency));
    let per_piece_converted = b
        .per_piece
        .and_then(|m| money::convert(&ds.rates, m, currency));
    // The rate of each amount converted into another currency.
    let rate_date = [
        fee_m.zip(fee_converted),
        b.per_piece.zip(per_piece_converted),
    ]
    .into_iter()
    .flatten()
    .filter(|(m, c)| m.currency != c.currency)
    .filter_map(|(m, c)| money::rate_date(&ds.rates, m.currency, c.currency))
    .min();
    BaggageRow {
        service: si,
        free_kg: b.free_kg,
        excess_tenths: excess,
        rate: b.excess_per_kg,
        fee: fee_m,
        fee_converted,
        per_piece: b.per_piece,
        per_piece_converted,
        rate_date,
        case,
    }
}

pub fn answer(ds: &Dataset, q: &BaggageQuery) -> Answer {
    let chosen: Vec<usize> = match q.on {
        BaggageOn::Service(s) => vec![s],
        BaggageOn::Route { from, to } => {
            let list = select(ds, Some(from), Some(to), None);
            if list.is_empty() {
                // A valid question with no answer: exit 1, the reason and the fix on stderr.
                return Answer::Nothing(Nothing::NoServiceBetween { from, to });
            }
            list
        }
    };
    Answer::Baggage(BaggageAnswer {
        kg_tenths: q.kg_tenths,
        currency: q.currency,
        rows: chosen
            .iter()
            .map(|i| row(ds, *i, &ds.services[*i], q.kg_tenths, q.currency))
            .collect(),
    })
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
        assert_eq!(money::tenths_text(65), "6.5");
        assert_eq!(money::tenths_text(60), "6");
    }
}
