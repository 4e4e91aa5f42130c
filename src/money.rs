//! Converting money between currencies with the dataset's dated rates, exactly: integer
//! minor units and decimal rates, rounded half up once at the end.

use crate::model::Rates;
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
    // value_to = value_from * (tm / 10^ts) / (fm / 10^fs), in minor units of each.
    let num = i128::from(m.minor)
        .checked_mul(tm)?
        .checked_mul(10i128.checked_pow(fs)?)?
        .checked_mul(10i128.checked_pow(to.digits())?)?;
    let den = fm
        .checked_mul(10i128.checked_pow(ts)?)?
        .checked_mul(10i128.checked_pow(m.currency.digits())?)?;
    if den <= 0 {
        return None;
    }
    let minor = (num * 2 + den) / (den * 2);
    Some(Money {
        minor: i64::try_from(minor).ok()?,
        currency: to,
    })
}

/// The date of the rate used to convert between two currencies: the older of the two.
pub fn rate_date(rates: &Rates, a: Currency, b: Currency) -> Option<NaiveDate> {
    let d = |c: Currency| rates.rates.get(&c).map(|r| r.date);
    match (d(a), d(b)) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Multiplies money by a whole count.
pub fn times(m: Money, n: u32) -> Money {
    Money {
        minor: m.minor.saturating_mul(i64::from(n)),
        currency: m.currency,
    }
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
                        verified: "2026-01-01".parse().unwrap(),
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
}
