//! Turning raw command-line values into checked ones: dates, counts, countries,
//! currencies, weights, places and crossings. Every message names the flag and the fix.

use crate::model::{CrossingIx, Dataset, PlaceIx};
use crate::names;
use crate::types::{Country, Currency, Decimal};
use chrono::NaiveDate;

/// Years either side of the dataset's dated records that a command still accepts.
pub const MARGIN_YEARS: i32 = 5;
/// The widest range whatever the dataset says, so that every date a command accepts
/// leaves room for the planner's arithmetic (a year of search plus a two-week journey).
const FLOOR_YEAR: i32 = 1990;
const CEILING_YEAR: i32 = 2100;

/// The dates a command accepts: from 1 January `MARGIN_YEARS` before the dataset's earliest
/// dated record (holidays, rates, verification dates) to 31 December `MARGIN_YEARS` after
/// its latest, within 1990–2100. Outside it the dataset says nothing about holidays, rates
/// or timetables, and a typo like `26-06-15` (the year 26) is caught.
pub fn date_range(ds: &Dataset) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let mut years = ds
        .holidays
        .values()
        // Sorted by date: the earliest and the latest within the years looked at are enough.
        .flat_map(|hs| {
            let within = |d: &NaiveDate| (FLOOR_YEAR..=CEILING_YEAR).contains(&d.year());
            let first = hs.dates().find(within);
            let last = hs.dates().rev().find(within);
            first.into_iter().chain(last).map(|d| d.year())
        })
        .chain(ds.rates.rates.values().map(|r| r.date.year()))
        .chain(
            ds.places
                .iter()
                .filter_map(|p| p.prov.verified)
                .map(|d| d.year()),
        )
        .chain(
            ds.crossings
                .iter()
                .filter_map(|c| c.prov.verified)
                .map(|d| d.year()),
        )
        .chain(
            ds.services
                .iter()
                .filter_map(|s| s.prov.verified)
                .map(|d| d.year()),
        )
        .filter(|y| (FLOOR_YEAR..=CEILING_YEAR).contains(y));
    let first = years.next();
    let (lo, hi) = years.fold(first.map_or((2000, 2030), |y| (y, y)), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let lo = (lo - MARGIN_YEARS).max(FLOOR_YEAR);
    let hi = (hi + MARGIN_YEARS).min(CEILING_YEAR);
    (
        NaiveDate::from_ymd_opt(lo, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(hi, 12, 31).unwrap_or(NaiveDate::MIN),
    )
}

/// `date` if it lies in the dataset's range; `what` names where it came from.
pub fn ensure_in_range(ds: &Dataset, date: NaiveDate, what: &str) -> Result<NaiveDate, String> {
    let (lo, hi) = date_range(ds);
    if date < lo || date > hi {
        return Err(format!(
            "{what} {date} is outside the dates this dataset covers; expected a date from {lo} to {hi}"
        ));
    }
    Ok(date)
}

/// A date `YYYY-MM-DD` (four-digit year) within the dataset's range.
pub fn date(ds: &Dataset, s: &str, flag: &str) -> Result<NaiveDate, String> {
    let bad = || {
        format!(
            "{flag} '{}' is not a date; expected YYYY-MM-DD, like 2027-06-13",
            prefix(s)
        )
    };
    let t = s.trim();
    // chrono reads any number of year digits and a sign: `26-06-15` would be the year 26.
    if t.len() != 10 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(bad());
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad())?;
    ensure_in_range(ds, d, flag)
}

/// A file the map is written to: an SVG drawing, so a name ending in another extension
/// (`map.png`) is refused rather than filled with SVG under a misleading name.
pub fn svg_path(path: &std::path::Path, flag: &str) -> Result<std::path::PathBuf, String> {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    {
        Some(e) if e != "svg" => {
            let stem = path.with_extension("svg");
            Err(format!(
                "{flag} {}: the map is drawn as SVG, not .{e}; name the file with .svg, like {}",
                path.display(),
                stem.display()
            ))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// A month `YYYY-MM` within the dataset's range; returns its first day.
pub fn month(ds: &Dataset, s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "--month '{}' is not a month; expected YYYY-MM, like 2027-10",
            prefix(s)
        )
    };
    if t.len() != 7 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(bad());
    }
    let d = NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").map_err(|_| bad())?;
    // Said in months: "--month 9999-12", not the day "9999-12-01" nobody typed.
    let (lo, hi) = date_range(ds);
    if d < lo || d > hi {
        return Err(format!(
            "--month {t} is outside the months this dataset covers; expected a month from {} to {}",
            lo.format("%Y-%m"),
            hi.format("%Y-%m")
        ));
    }
    Ok(d)
}

pub use crate::names::prefix;

/// A whole number in `min..=max`.
pub fn count(s: &str, flag: &str, min: u32, max: u32) -> Result<u32, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n >= i64::from(min) && n <= i64::from(max) => Ok(n as u32),
        Ok(n) => Err(format!(
            "{flag} {n} is out of range; expected a whole number from {min} to {max}"
        )),
        Err(_) => Err(format!(
            "{flag} '{}' is not a number; expected a whole number from {min} to {max}",
            prefix(s)
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
    let c: Country = s.trim().parse().map_err(|e: String| {
        if s.len() > 40 {
            format!("{flag} '{}' is not a country code; expected an ISO 3166-1 alpha-2 code like GB, CN or KG", prefix(s))
        } else {
            format!("{flag}: {}", names::escape(&e))
        }
    })?;
    let known = ds.visas.knows(c) || ds.places.iter().any(|p| p.country == c);
    if known {
        Ok(c)
    } else {
        Err(format!("{flag} {c} is not a country this dataset knows; expected an ISO 3166-1 alpha-2 code like GB, CN or KG"))
    }
}

pub fn currency(ds: &Dataset, s: &str, flag: &str) -> Result<Currency, String> {
    let c: Currency = s.trim().parse().map_err(|e: String| {
        if s.len() > 40 {
            format!(
                "{flag} '{}' is not a currency code; expected an ISO 4217 code like USD or CNY",
                prefix(s)
            )
        } else {
            format!("{flag}: {}", names::escape(&e))
        }
    })?;
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
/// A decimal comma (`23,5`) is read as a decimal point; any other comma is refused, since
/// `1,000` could be a thousand or one.
pub fn kilos(s: &str) -> Result<u32, String> {
    let shown = prefix(s);
    let bad = || {
        format!(
            "--kg '{shown}' is not a weight; expected kilograms from 0 to 1000, like 26 or 23.5"
        )
    };
    let t = s.trim();
    let t = match t.split_once(',') {
        Some((whole, tenth))
            if !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && tenth.len() == 1
                && tenth.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{whole}.{tenth}")
        }
        Some(_) => {
            return Err(format!(
                "--kg '{shown}' has a comma; write kilograms with a decimal point, like 23.5"
            ))
        }
        None => t.to_string(),
    };
    if t.contains('_') {
        return Err(bad());
    }
    let d: Decimal = t.parse().map_err(|_| bad())?;
    if d.mantissa < 0 {
        return Err(format!(
            "--kg {shown} is negative; expected kilograms from 0 to 1000, like 26"
        ));
    }
    if d.scale > 1 {
        return Err(format!(
            "--kg {shown} has more than one decimal; round it to tenths of a kilo, like 23.5"
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

/// A place by id, name or alias; a crossing named where a place is wanted (`plan kashgar
/// torugart`, `--via torugart`) is said to be one, with where to find the places it links.
pub fn place(ds: &Dataset, s: &str) -> Result<PlaceIx, String> {
    names::resolve(&ds.places, s, "place").map_err(|e| {
        match names::resolve(&ds.crossings, s, "crossing") {
            Ok(c) => format!(
                "'{}' is a crossing ({}), not a place; name a place, like one the services over it link (`crossings services --via {}` lists them)",
                prefix(s),
                ds.crossings[c].name,
                ds.crossings[c].id
            ),
            Err(_) => e,
        }
    })
}

/// A crossing by id, name or alias; a place named where a crossing is wanted (`hours
/// kashgar`, `--avoid osh`) is said to be one.
pub fn crossing(ds: &Dataset, s: &str) -> Result<CrossingIx, String> {
    names::resolve(&ds.crossings, s, "crossing").map_err(|e| {
        match names::resolve(&ds.places, s, "place") {
            Ok(p) => format!(
                "'{}' is a place ({}), not a crossing; name a crossing (`crossings services --from {}` lists the services from it and the crossings they use)",
                prefix(s),
                ds.places[p].name,
                ds.places[p].id
            ),
            Err(_) => e,
        }
    })
}

pub fn service(ds: &Dataset, s: &str) -> Result<usize, String> {
    if s.len() > names::MAX_NAME_BYTES {
        return Err(format!(
            "no service named '{}'; ids are at most {} bytes long",
            prefix(s),
            names::MAX_NAME_BYTES
        ));
    }
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
    Err(format!("no service named '{}'; {hint}", prefix(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn embedded() -> Dataset {
        crate::run::load_dataset(None, false).expect("embedded dataset")
    }

    #[test]
    fn bad_values_name_the_flag() {
        let ds = embedded();
        assert_eq!(
            date(&ds, "2026-02-30", "--date").unwrap_err(),
            "--date '2026-02-30' is not a date; expected YYYY-MM-DD, like 2027-06-13"
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
        assert!(month(&ds, "2026-13").is_err());
    }

    #[test]
    fn dates_outside_the_dataset_range_are_refused() {
        let ds = embedded();
        let (lo, hi) = date_range(&ds);
        assert!(lo.year() >= 1990 && hi.year() <= 2100, "{lo}..{hi}");
        assert!(date(&ds, "2027-06-14", "--date").is_ok());
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "26-06-15",
            "0026-06-15",
            "9999-12-31",
            "1900-01-01",
            " 2027-06-14x",
            "2027-6-14",
        ] {
            let e = date(&ds, bad, "--date").unwrap_err();
            assert!(e.starts_with("--date "), "{bad}: {e}");
        }
        let e = date(&ds, "9999-12-31", "--date").unwrap_err();
        assert_eq!(
            e,
            format!("--date 9999-12-31 is outside the dates this dataset covers; expected a date from {lo} to {hi}")
        );
        assert!(month(&ds, "+262142-12").is_err());
        assert!(month(&ds, "26-06").is_err());
        assert!(month(&ds, "2027-06").is_ok());
    }

    #[test]
    fn kilos_with_a_decimal_comma() {
        assert_eq!(kilos("23,5").unwrap(), 235);
        assert_eq!(kilos(" 7,0 ").unwrap(), 70);
        for bad in ["1,000", "23,55", ",5", "2,3,4", "23_5"] {
            let e = kilos(bad).unwrap_err();
            assert!(e.starts_with("--kg '"), "{bad}: {e}");
        }
    }

    #[test]
    fn long_values_are_quoted_by_a_short_prefix() {
        let ds = embedded();
        let long = "x".repeat(1 << 20);
        for e in [
            date(&ds, &long, "--date").unwrap_err(),
            place(&ds, &long).unwrap_err(),
            service(&ds, &long).unwrap_err(),
            kilos(&long).unwrap_err(),
            country(&ds, &long, "--passport").unwrap_err(),
            currency(&ds, &long, "--currency").unwrap_err(),
            count(&long, "--party", 1, 60).unwrap_err(),
        ] {
            assert!(e.len() < 300, "{} bytes: {}…", e.len(), &e[..100]);
        }
        let e = place(&ds, "\u{1b}[2Jkashgar\u{202e}").unwrap_err();
        assert!(!e.contains('\u{1b}') && !e.contains('\u{202e}'), "{e}");
    }
}
