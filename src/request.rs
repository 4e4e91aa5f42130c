//! Turning raw command-line values into checked ones: dates, counts, countries,
//! currencies, weights, places and crossings. Every message names the flag and the fix.

use crate::model::{CrossingIx, Dataset, PlaceIx};
use crate::names;
use crate::types::{Country, Currency, Decimal};
use chrono::NaiveDate;

pub fn date(s: &str, flag: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{flag} '{s}' is not a date; expected YYYY-MM-DD, like 2026-06-13"))
}

pub fn month(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d")
        .map_err(|_| format!("--month '{s}' is not a month; expected YYYY-MM, like 2026-10"))
}

/// A whole number in `min..=max`.
pub fn count(s: &str, flag: &str, min: u32, max: u32) -> Result<u32, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n >= i64::from(min) && n <= i64::from(max) => Ok(n as u32),
        Ok(n) => Err(format!(
            "{flag} {n} is out of range; expected a whole number from {min} to {max}"
        )),
        Err(_) => Err(format!(
            "{flag} '{s}' is not a number; expected a whole number from {min} to {max}"
        )),
    }
}

/// A country code the dataset knows something about.
pub fn country(ds: &Dataset, s: &str, flag: &str) -> Result<Country, String> {
    // ISO 3166 writes the United Kingdom GB; UK is the commonest slip.
    if s.trim().eq_ignore_ascii_case("UK") {
        return Err(format!(
            "{flag} UK is not an ISO 3166 code; did you mean GB (the United Kingdom)?"
        ));
    }
    let c: Country = s.parse().map_err(|e: String| format!("{flag}: {e}"))?;
    let known = ds.visas.knows(c) || ds.places.iter().any(|p| p.country == c);
    if known {
        Ok(c)
    } else {
        Err(format!("{flag} {c} is not a country this dataset knows; expected an ISO 3166-1 alpha-2 code like GB, CN or KG"))
    }
}

pub fn currency(ds: &Dataset, s: &str, flag: &str) -> Result<Currency, String> {
    let c: Currency = s.parse().map_err(|e: String| format!("{flag}: {e}"))?;
    if ds.rates.base == Some(c) || ds.rates.rates.contains_key(&c) {
        Ok(c)
    } else {
        let mut have: Vec<&str> = ds.rates.rates.keys().map(|c| c.code()).collect();
        have.sort();
        Err(format!(
            "{flag} {c}: the dataset has no exchange rate for it; use one of {}",
            have.join(", ")
        ))
    }
}

/// Kilograms: a non-negative number with at most one decimal, returned in tenths.
pub fn kilos(s: &str) -> Result<u32, String> {
    let bad = || {
        format!("--kg '{s}' is not a weight; expected kilograms from 0 to 1000, like 26 or 23.5")
    };
    let d: Decimal = s.parse().map_err(|_| bad())?;
    if d.mantissa < 0 {
        return Err(format!(
            "--kg {s} is negative; expected kilograms from 0 to 1000, like 26"
        ));
    }
    if d.scale > 1 {
        return Err(format!(
            "--kg {s} has more than one decimal; round it to tenths of a kilo, like 23.5"
        ));
    }
    let tenths = if d.scale == 0 {
        d.mantissa * 10
    } else {
        d.mantissa
    };
    if tenths > 10_000 {
        return Err(bad());
    }
    Ok(tenths as u32)
}

pub fn place(ds: &Dataset, s: &str) -> Result<PlaceIx, String> {
    names::resolve(&ds.places, s, "place")
}

pub fn crossing(ds: &Dataset, s: &str) -> Result<CrossingIx, String> {
    names::resolve(&ds.crossings, s, "crossing")
}

pub fn service(ds: &Dataset, s: &str) -> Result<usize, String> {
    let q = names::fold(s);
    if let Some(i) = ds.services.iter().position(|x| names::fold(&x.id) == q) {
        return Ok(i);
    }
    let mut near: Vec<(usize, &str)> = ds
        .services
        .iter()
        .map(|x| (names::distance(&names::fold(&x.id), &q), x.id.as_str()))
        .filter(|(d, _)| *d <= 3)
        .collect();
    near.sort();
    let hint = near
        .first()
        .map(|(_, id)| format!("did you mean '{id}'?"))
        .unwrap_or_else(|| "run `crossings services` to list them".into());
    Err(format!("no service named '{s}'; {hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_the_flag() {
        assert_eq!(
            date("2026-02-30", "--date").unwrap_err(),
            "--date '2026-02-30' is not a date; expected YYYY-MM-DD, like 2026-06-13"
        );
        assert!(count("-3", "--within", 1, 366)
            .unwrap_err()
            .contains("out of range"));
        assert!(count("abc", "--party", 1, 50)
            .unwrap_err()
            .contains("not a number"));
        assert_eq!(kilos("26").unwrap(), 260);
        assert_eq!(kilos("23.5").unwrap(), 235);
        assert!(kilos("-1").unwrap_err().contains("negative"));
        assert!(kilos("heavy").is_err());
        assert!(kilos("2.25").is_err());
        assert!(month("2026-13").is_err());
    }
}
