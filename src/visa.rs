//! Entry rules: which requirement applies to a passport at a destination on a date (the
//! Passport Index, overridden by dated rules), and whether a traveller with several passports
//! and some visas may enter at a given land border.

pub use crate::findings::Entry;
use crate::findings::{Admit, Decision, Document, Refusal};
use crate::model::{CrossingIx, Dataset, Requirement, VisaRule};
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

/// Whether someone holding `passports` and visas for `held` may enter `destination` over
/// crossing `ci` on `date`.
pub fn entry(
    ds: &Dataset,
    passports: &[Country],
    held: &[Country],
    destination: Country,
    ci: CrossingIx,
    date: NaiveDate,
) -> Entry {
    let crossing = &ds.crossings[ci];
    let voa_here = crossing.visa_on_arrival.contains(&destination);
    let best = passports
        .iter()
        .filter_map(|p| requirement(ds, *p, destination, date).map(|(q, r)| (*p, q, r)))
        .min_by_key(|(_, q, _)| rank(*q, voa_here));
    let decided = |passport: Option<Country>, decision: Decision, rule: Option<usize>| Entry {
        country: destination,
        crossing: ci,
        passport,
        decision,
        rule,
    };
    let Some((passport, q, rule)) = best else {
        return decided(None, Decision::Arrange(Document::CheckRules), None);
    };
    let rule = rule.and_then(|r| ds.visas.rules.iter().position(|x| std::ptr::eq(x, r)));
    let decision = if q == Requirement::NoAdmission {
        Decision::Refuse(Refusal::NoAdmission)
    } else if held.contains(&destination) {
        Decision::Admit(Admit::VisaHeld)
    } else {
        match q {
            Requirement::OwnCountry => Decision::Admit(Admit::OwnCountry),
            Requirement::VisaFreeDays(d) => Decision::Admit(Admit::VisaFree { days: Some(d) }),
            Requirement::VisaFree => Decision::Admit(Admit::VisaFree { days: None }),
            Requirement::VisaOnArrival if voa_here => Decision::Admit(Admit::VisaOnArrival),
            Requirement::EVisa => Decision::Arrange(Document::EVisa),
            Requirement::Eta => Decision::Arrange(Document::Eta),
            Requirement::VisaOnArrival => Decision::Refuse(Refusal::NoVisaOnArrivalHere),
            Requirement::VisaRequired | Requirement::NoAdmission => {
                Decision::Refuse(Refusal::VisaRequired)
            }
        }
    };
    decided(Some(passport), decision, rule)
}
