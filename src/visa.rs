//! Entry rules: which requirement applies to a passport at a destination on a date (the
//! Passport Index, overridden by dated rules), and whether a traveller with several passports
//! and some visas may enter at a given land border.

use crate::model::{Crossing, Dataset, Requirement, VisaRule};
use crate::types::Country;
use chrono::NaiveDate;

/// The requirement for one passport, with the override that set it (if any).
pub fn requirement(
    ds: &Dataset,
    passport: Country,
    destination: Country,
    date: NaiveDate,
) -> Option<(Requirement, Option<&VisaRule>)> {
    if passport == destination {
        return Some((Requirement::OwnCountry, None));
    }
    let rule = ds.visas.rules.iter().rev().find(|r| {
        r.destination == destination
            && r.passports.as_ref().is_none_or(|l| l.contains(&passport))
            && !r.except.contains(&passport)
            && r.from.is_none_or(|f| date >= f)
            && r.until.is_none_or(|u| date <= u)
    });
    match rule {
        Some(r) => Some((r.requirement, Some(r))),
        None => ds.visas.indexed(destination, passport).map(|q| (q, None)),
    }
}

/// The outcome of arriving at a border.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// May enter; the note says on what terms (visa-free days, visa held).
    Allowed(String),
    /// May enter if they arrange something before (e-visa, ETA): a warning.
    Arrange(String),
    /// May not enter: the reason and the fix.
    Refused(String),
}

/// Ranks how easy an entry is, lower is easier, for choosing the best passport.
fn rank(q: Requirement, voa_here: bool) -> u8 {
    match q {
        Requirement::OwnCountry => 0,
        Requirement::VisaFreeDays(_) | Requirement::VisaFree => 1,
        Requirement::VisaOnArrival if voa_here => 2,
        Requirement::EVisa | Requirement::Eta => 3,
        Requirement::VisaOnArrival | Requirement::VisaRequired => 4,
        Requirement::NoAdmission => 5,
    }
}

fn country_name(c: Country) -> String {
    let names = [
        ("CN", "China"),
        ("KG", "Kyrgyzstan"),
        ("KZ", "Kazakhstan"),
        ("PK", "Pakistan"),
        ("TJ", "Tajikistan"),
        ("UZ", "Uzbekistan"),
        ("TM", "Turkmenistan"),
        ("AF", "Afghanistan"),
    ];
    names
        .iter()
        .find(|(code, _)| *code == c.as_str())
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| c.to_string())
}

/// Whether someone holding `passports` and visas for `held` may enter `destination` over
/// `crossing` on `date`.
pub fn entry(
    ds: &Dataset,
    passports: &[Country],
    held: &[Country],
    destination: Country,
    crossing: &Crossing,
    date: NaiveDate,
) -> Entry {
    let voa_here = crossing.visa_on_arrival.contains(&destination);
    let dest = country_name(destination);
    let best = passports
        .iter()
        .filter_map(|p| requirement(ds, *p, destination, date).map(|(q, r)| (*p, q, r)))
        .min_by_key(|(_, q, _)| rank(*q, voa_here));
    let Some((passport, q, rule)) = best else {
        let list: Vec<String> = passports.iter().map(Country::to_string).collect();
        return Entry::Arrange(format!(
            "{dest}: no visa data for a {} passport; check the rules before you go",
            list.join("/")
        ));
    };
    let why = rule
        .and_then(|r| r.note.clone())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    if q == Requirement::NoAdmission {
        return Entry::Refused(format!(
            "{dest}: no admission for a {passport} passport{why}"
        ));
    }
    if held.contains(&destination) {
        return Entry::Allowed(format!("{dest}: visa held"));
    }
    match q {
        Requirement::OwnCountry => Entry::Allowed(format!("{dest}: own country ({passport} passport)")),
        Requirement::VisaFreeDays(d) => Entry::Allowed(format!("{dest}: visa-free for {d} days on a {passport} passport")),
        Requirement::VisaFree => Entry::Allowed(format!("{dest}: visa-free on a {passport} passport")),
        Requirement::VisaOnArrival if voa_here => Entry::Allowed(format!("{dest}: visa on arrival at {} for a {passport} passport", crossing.name)),
        Requirement::EVisa => Entry::Arrange(format!("{dest}: e-visa needed for a {passport} passport; apply before you go")),
        Requirement::Eta => Entry::Arrange(format!("{dest}: electronic travel authorisation (ETA) needed for a {passport} passport; apply before you go")),
        Requirement::VisaOnArrival => Entry::Refused(format!(
            "{dest}: visa on arrival is not offered at {} for a {passport} passport; arrange the visa before you go and pass --visa {destination} if you hold one",
            crossing.name
        )),
        Requirement::VisaRequired | Requirement::NoAdmission => {
            Entry::Refused(format!("{dest}: visa required for a {passport} passport; pass --visa {destination} if you hold one"))
        }
    }
}
