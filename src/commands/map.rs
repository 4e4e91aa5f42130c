//! `crossings map`: the crossings on the borders of the countries asked for (all when none),
//! to be drawn in their state on a day.

use crate::answer::{Answer, MapAnswer, Nothing};
use crate::model::{CrossingIx, Dataset};
use crate::query::MapQuery;

pub fn answer(ds: &Dataset, q: &MapQuery) -> Answer {
    let crossings: Vec<CrossingIx> = (0..ds.crossings.len())
        .filter(|&ci| {
            q.countries.is_empty()
                || ds.crossings[ci]
                    .countries()
                    .iter()
                    .any(|c| q.countries.contains(c))
        })
        .collect();
    if crossings.is_empty() {
        return Answer::Nothing(Nothing::NoCrossingOnAny(q.countries.clone()));
    }
    Answer::Map(MapAnswer {
        crossings,
        date: q.date,
        countries: q.countries.clone(),
    })
}
