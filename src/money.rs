//! Converting money between currencies with the dataset's dated rates, exactly: integer
//! minor units and decimal rates, rounded half up once at the end.

use crate::model::{Dataset, Rates};
use crate::planner::Itinerary;
use crate::types::{Currency, Money};
use chrono::NaiveDate;

/// `units of currency per one base unit` as (mantissa, scale); the base itself is 1.
fn per_base(rates: &Rates, c: Currency) -> Option<(i128, u32)> {
    if rates.base == Some(c) {
        return Some((1, 0));
    }
    rates
        .rates
        .get(&c)
        .map(|r| (r.per_base.mantissa, r.per_base.scale))
}

/// Converts `m` into `to`; `None` when a rate is missing.
pub fn convert(rates: &Rates, m: Money, to: Currency) -> Option<Money> {
    if m.currency == to {
        return Some(m);
    }
    let (fm, fs) = per_base(rates, m.currency)?;
    let (tm, ts) = per_base(rates, to)?;
    // In 64 bits when nothing overflows there (the usual case): 128-bit multiplications and
    // divisions are library calls several times dearer, and the planner converts every fare
    // it prices. Every step that fits gives the same value in both.
    let narrow = match (i64::try_from(fm), i64::try_from(tm)) {
        (Ok(fm), Ok(tm)) => quotient_64(
            m.minor,
            (fm, fs),
            (tm, ts),
            m.currency.digits(),
            to.digits(),
        ),
        _ => None,
    };
    let minor = match narrow {
        Some(x) => x,
        None => i64::try_from(quotient_128(
            i128::from(m.minor),
            (fm, fs),
            (tm, ts),
            m.currency.digits(),
            to.digits(),
        )?)
        .ok()?,
    };
    Some(Money {
        minor,
        currency: to,
    })
}

/// `convert`'s arithmetic, written once for each integer width: value_to = value_from *
/// (tm / 10^ts) / (fm / 10^fs), in minor units of each (`from_digits`, `to_digits`),
/// rounded half up; `None` when a step overflows or the rate is not positive.
macro_rules! rounded_quotient {
    ($name:ident, $t:ty) => {
        fn $name(
            minor: $t,
            (fm, fs): ($t, u32),
            (tm, ts): ($t, u32),
            from_digits: u32,
            to_digits: u32,
        ) -> Option<$t> {
            let ten: $t = 10;
            let num = minor
                .checked_mul(tm)?
                .checked_mul(ten.checked_pow(fs)?)?
                .checked_mul(ten.checked_pow(to_digits)?)?;
            let den = fm
                .checked_mul(ten.checked_pow(ts)?)?
                .checked_mul(ten.checked_pow(from_digits)?)?;
            if den <= 0 {
                return None;
            }
            Some(num.checked_mul(2)?.checked_add(den)? / den.checked_mul(2)?)
        }
    };
}
rounded_quotient!(quotient_64, i64);
rounded_quotient!(quotient_128, i128);

/// The date of the rate used to convert between two currencies: the older of the two.
pub fn rate_date(rates: &Rates, a: Currency, b: Currency) -> Option<NaiveDate> {
    let d = |c: Currency| rates.rates.get(&c).map(|r| r.date);
    match (d(a), d(b)) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Multiplies money by a whole count; `None` when the product does not fit (`check`
/// bounds amounts so that no dataset it accepts gets there).
pub fn times(m: Money, n: u32) -> Option<Money> {
    m.checked_times(n)
}

/// Adds up amounts in one currency; `None` when the sum does not fit.
pub fn sum(amounts: impl IntoIterator<Item = Money>, currency: Currency) -> Option<Money> {
    amounts
        .into_iter()
        .try_fold(Money { minor: 0, currency }, Money::checked_add)
}

/// An amount as a JSON number, exactly: `amount_string` always writes `-?\d+(\.\d+)?`,
/// a JSON number, so it goes in as written (never through a float, never as 0).
pub fn json(m: Money) -> serde_json::Number {
    serde_json::Number::from_string_unchecked(m.amount_string())
}

/// Tenths (of a kilo) as a JSON number: `235` → `23.5`.
pub fn json_tenths(tenths: u32) -> serde_json::Number {
    serde_json::Number::from_string_unchecked(tenths_text(tenths))
}

/// Tenths as text: `260` → `26`, `235` → `23.5`.
pub fn tenths_text(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A fee of `rate` per unit for `tenths` tenths of a unit, rounded half up to the minor
/// unit; `None` when it does not fit.
pub fn per_tenth(rate: Money, tenths: u32) -> Option<Money> {
    let x = i128::from(rate.minor).checked_mul(i128::from(tenths))?;
    let minor = (x.checked_mul(2)?.checked_add(10)?) / 20;
    Some(Money {
        minor: i64::try_from(minor).ok()?,
        currency: rate.currency,
    })
}

/// Rates older than this (days) before today are flagged.
pub const STALE_RATE_DAYS: i64 = 365;

/// The unit totals are given in, in minor units: whole units of every currency (the
/// dollars of an agency quote or a visa fee, the som of a shared taxi). A total is a sum of
/// fares converted at dated rates, so its cents carry no information.
pub fn usual_step(c: Currency) -> i64 {
    10i64.pow(c.digits())
}

/// `m` rounded half up to the currency's usual unit, for text (JSON keeps the exact amount).
pub fn rounded(m: Money) -> Money {
    let step = usual_step(m.currency);
    let minor = m
        .minor
        .checked_add(step / 2)
        .map_or(m.minor, |x| x / step * step);
    Money { minor, ..m }
}

/// Why part of an itinerary's cost is not in its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No fare for this stretch in the data.
    Unknown,
    /// The fare is a minimum (it covers part of the stretch, or is an "upward of" figure).
    Minimum,
    /// A shared taxi priced only as a whole vehicle the party does not fill: the seat price
    /// is unknown.
    SeatPrice,
    /// No rate to convert the fare's currency.
    NoRate(Currency),
    /// The sum does not fit (never with checked data).
    TooLarge,
}

/// A rate used in a total: the fare's currency and the rate's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateUsed {
    pub currency: Currency,
    pub date: Option<NaiveDate>,
}

/// An itinerary's cost for the party in one currency: the known part, what is missing (by
/// leg), and the rates it was converted at.
#[derive(Debug, Clone)]
pub struct Total {
    pub sum: Money,
    pub missing: Vec<(usize, Missing)>,
    pub rates: Vec<RateUsed>,
}

impl Total {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
    /// Whether any leg's fare is known at all.
    pub fn any_known(&self, legs: usize) -> bool {
        let unknown = self
            .missing
            .iter()
            .filter(|(_, m)| matches!(m, Missing::Unknown | Missing::SeatPrice))
            .count();
        unknown < legs
    }
}

/// The total for the party of `it` in `currency`.
pub fn total(ds: &Dataset, it: &Itinerary, currency: Currency) -> Total {
    let mut t = Total {
        sum: Money { minor: 0, currency },
        missing: Vec::new(),
        rates: Vec::new(),
    };
    for (n, leg) in it.legs.iter().enumerate() {
        let s = &ds.services[leg.service];
        let Some(_) = leg.fare else {
            t.missing.push((
                n,
                if leg.hire.is_some() {
                    Missing::SeatPrice
                } else {
                    Missing::Unknown
                },
            ));
            continue;
        };
        // Fares quoted apart for stretches that make up the ride are added.
        for (_, m) in leg.fares() {
            match convert(&ds.rates, m, currency) {
                Some(x) => {
                    match t.sum.checked_add(x) {
                        Some(sum) => t.sum = sum,
                        None => t.missing.push((n, Missing::TooLarge)),
                    }
                    if m.currency != currency {
                        let used = RateUsed {
                            currency: m.currency,
                            date: rate_date(&ds.rates, m.currency, currency),
                        };
                        if !t.rates.contains(&used) {
                            t.rates.push(used);
                        }
                    }
                }
                None => t.missing.push((n, Missing::NoRate(m.currency))),
            }
        }
        if leg.minimum_fare(s) {
            t.missing.push((n, Missing::Minimum));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Provenance, Rate};
    use std::collections::BTreeMap;

    fn rates() -> Rates {
        let usd: Currency = "USD".parse().unwrap();
        let mut r = BTreeMap::new();
        for (c, v) in [("KZT", "500"), ("CNY", "7.1")] {
            let cur: Currency = c.parse().unwrap();
            r.insert(
                cur,
                Rate {
                    currency: cur,
                    per_base: v.parse().unwrap(),
                    date: "2026-01-01".parse().unwrap(),
                    prov: Provenance {
                        sources: vec![],
                        verified: Some("2026-01-01".parse().unwrap()),
                        newest: None,
                    },
                },
            );
        }
        Rates {
            base: Some(usd),
            rates: r,
        }
    }

    fn money(a: &str, c: &str) -> Money {
        Money::from_decimal(a.parse().unwrap(), c.parse().unwrap()).unwrap()
    }

    #[test]
    fn extreme_amounts_are_refused_not_wrapped() {
        let usd: Currency = "USD".parse().unwrap();
        let big = Money {
            minor: i64::MAX / 2 + 1,
            currency: usd,
        };
        assert_eq!(times(big, 2), None);
        assert_eq!(sum([big, big], usd), None);
        assert_eq!(per_tenth(big, 4800), None);
        let r = rates();
        assert_eq!(convert(&r, big, "KZT".parse().unwrap()), None);
        // A baggage fee of 480 kg over at 1 USD per kg is 480 USD, not 0.
        let one = money("1", "USD");
        assert_eq!(per_tenth(one, 4800).unwrap().amount_string(), "480");
    }

    #[test]
    fn json_amounts_are_exact_numbers_for_every_value() {
        let usd: Currency = "USD".parse().unwrap();
        for minor in [0, 1, -1, 5, 10, 99, 100, 12345, -12345, i64::MAX, i64::MIN] {
            let m = Money {
                minor,
                currency: usd,
            };
            let text = serde_json::to_string(&json(m)).unwrap();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(back.is_number(), "{text}");
            let d: crate::types::Decimal = text.parse().unwrap();
            let want = i128::from(minor);
            assert_eq!(d.mantissa * 10i128.pow(2 - d.scale), want, "{text}");
        }
        assert_eq!(serde_json::to_string(&json_tenths(235)).unwrap(), "23.5");
    }

    #[test]
    fn the_64_bit_path_gives_the_128_bit_answer() {
        // The whole computation in i128, as `convert` made it before its 64-bit path.
        let wide = |minor: i64, (fm, fs): (i128, u32), (tm, ts): (i128, u32), fd: u32, td: u32| {
            let num = i128::from(minor) * tm * 10i128.pow(fs) * 10i128.pow(td);
            let den = fm * 10i128.pow(ts) * 10i128.pow(fd);
            i64::try_from((num * 2 + den) / (den * 2)).ok()
        };
        let rates = [(1, 0), (71, 1), (500, 0), (123_456_789, 4), (7, 9), (3, 18)];
        let minors = [
            0,
            1,
            -1,
            49,
            50,
            -50,
            12_345,
            -99_999,
            1 << 40,
            -(1 << 40),
            i64::MAX / 3,
        ];
        for &f in &rates {
            for &t in &rates {
                for &(fd, td) in &[(0, 2), (2, 0), (2, 2), (3, 0)] {
                    for &m in &minors {
                        let narrow = |(r, s): (i128, u32)| (i64::try_from(r).unwrap(), s);
                        if let Some(x) = quotient_64(m, narrow(f), narrow(t), fd, td) {
                            assert_eq!(Some(x), wide(m, f, t, fd, td), "{m} {f:?} {t:?} {fd} {td}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn conversions_are_exact_and_rounded_once() {
        let r = rates();
        let cases = [
            (money("16000", "KZT"), "USD", "32"),
            (money("1", "USD"), "KZT", "500"),
            (money("455", "CNY"), "USD", "64.08"),
            (money("100", "CNY"), "KZT", "7042.25"),
        ];
        for (m, to, want) in cases {
            let got = convert(&r, m, to.parse().unwrap()).unwrap();
            assert_eq!(got.amount_string(), want, "{} → {to}", m.display());
        }
        assert!(convert(&r, money("1", "PKR"), "USD".parse().unwrap()).is_none());
    }

    #[test]
    fn text_amounts_round_to_the_usual_unit() {
        let cases = [
            ("104.59", "USD", "105"),
            ("104.49", "USD", "104"),
            ("0.81", "USD", "1"),
            ("30520.49", "KGS", "30520"),
            ("30520.5", "KGS", "30521"),
            ("2030.4", "CNY", "2030"),
            ("0.4", "KZT", "0"),
        ];
        for (a, c, want) in cases {
            assert_eq!(rounded(money(a, c)).amount_string(), want, "{a} {c}");
        }
    }
}
