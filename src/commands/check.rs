//! `crossings check`: the dataset is valid (or the edge already reported every problem);
//! count what it holds, how recently it was verified, what lacks coordinates and every
//! disputed fact.

use crate::answer::{Answer, CheckAnswer, Counts, Record};
use crate::model::{Dataset, Provenance, ServiceStatus, SourceAge};
use crate::query::CheckQuery;
use chrono::NaiveDate;

pub fn answer(ds: &Dataset, q: &CheckQuery) -> Answer {
    let today = q.today;
    let counts = Counts {
        sources: ds.sources.len(),
        places: ds.places.len(),
        permits: ds.permits.len(),
        crossings: ds.crossings.len(),
        services: ds.services.len(),
        visa_destinations: ds
            .visas
            .index
            .iter()
            .map(|(d, _, _)| *d)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        visa_overrides: ds.visas.rules.len(),
        exit_rules: ds.visas.exits.len(),
        holiday_dates: ds.holidays.values().map(|h| h.len()).sum(),
        currency_rates: ds.rates.rates.len(),
    };
    // Verification, and the age of every record by its newest (non-reference) source.
    let mut records: Vec<(Record, &Provenance)> = Vec::new();
    records.extend(
        ds.places
            .iter()
            .enumerate()
            .map(|(i, p)| (Record::Place(i), &p.prov)),
    );
    records.extend(
        ds.permits
            .iter()
            .enumerate()
            .map(|(i, p)| (Record::Permit(i), &p.prov)),
    );
    records.extend(
        ds.crossings
            .iter()
            .enumerate()
            .map(|(i, c)| (Record::Crossing(i), &c.prov)),
    );
    records.extend(
        ds.services
            .iter()
            .enumerate()
            .map(|(i, s)| (Record::Service(i), &s.prov)),
    );
    let mut verified: Vec<(NaiveDate, Record)> = records
        .iter()
        .filter_map(|(what, p)| p.verified.map(|d| (d, *what)))
        .collect();
    // Oldest first (the render layer orders records verified the same day by name).
    verified.sort_by_key(|(d, _)| *d);
    let stale = verified
        .iter()
        .filter(|(d, _)| (today - *d).num_days() > 365)
        .count();
    let ages: Vec<(SourceAge, usize)> = [
        SourceAge::UnderOneYear,
        SourceAge::OneToThreeYears,
        SourceAge::ThreeToFiveYears,
        SourceAge::FiveToTenYears,
        SourceAge::OverTenYears,
        SourceAge::Undated,
    ]
    .into_iter()
    .map(|age| {
        let n = records.iter().filter(|(_, p)| p.age(today) == age).count();
        (age, n)
    })
    .collect();
    let old = records
        .iter()
        .filter(|(_, p)| p.age(today).is_old())
        .map(|(what, p)| (*what, p.newest.clone()))
        .collect();
    let running_old = ds
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == ServiceStatus::Running && s.prov.age(today).is_old())
        .map(|(i, _)| i)
        .collect();
    let unplaced = ds
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.coords.is_none())
        .map(|(i, _)| Record::Place(i))
        .chain(
            ds.crossings
                .iter()
                .enumerate()
                .filter(|(_, c)| c.coords.is_none())
                .map(|(i, _)| Record::Crossing(i)),
        )
        .collect();
    let mut disputes = Vec::new();
    for (i, c) in ds.crossings.iter().enumerate() {
        disputes.extend((0..c.disputes.len()).map(|k| (Record::Crossing(i), k)));
    }
    for (i, s) in ds.services.iter().enumerate() {
        disputes.extend((0..s.disputes.len()).map(|k| (Record::Service(i), k)));
    }
    Answer::Check(Box::new(CheckAnswer {
        today,
        counts,
        records: records.len(),
        verified,
        stale,
        ages,
        old,
        running_old,
        unplaced,
        disputes,
    }))
}
