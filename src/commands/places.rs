//! `crossings places [QUERY]`: places and crossings with their ids, names, aliases,
//! countries and zones.

use crate::answer::{Answer, Nothing};
use crate::model::Dataset;
use crate::names;
use crate::query::PlacesQuery;

/// How well a record answers a query: 0 an id, name or alias equal to it, 1 one that starts
/// with it, 2 one that contains it; `None` no match (case and accents ignored).
fn rank<T: names::Named>(item: &T, query: &str) -> Option<u8> {
    if !names::matches(item, query) {
        return None;
    }
    let q = names::fold(query);
    let folded: Vec<String> = item.names().iter().map(|n| names::fold(n)).collect();
    Some(if folded.contains(&q) {
        0
    } else if folded.iter().any(|n| n.starts_with(&q)) {
        1
    } else {
        2
    })
}

/// The indexes of the records matching `query` (all when none), the best matches first and
/// otherwise in the dataset's order.
fn ranked<T: names::Named>(items: &[T], query: Option<&str>) -> Vec<usize> {
    let mut found: Vec<(u8, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, x)| match query {
            None => Some((0, i)),
            Some(q) => rank(x, q).map(|r| (r, i)),
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, i)| i).collect()
}

pub fn answer(ds: &Dataset, q: &PlacesQuery) -> Answer {
    let places = ranked(&ds.places, q.query.as_deref());
    let crossings = ranked(&ds.crossings, q.query.as_deref());
    match &q.query {
        // A search with no match is a valid question with no answer: exit 1.
        Some(query) if places.is_empty() && crossings.is_empty() => {
            Answer::Nothing(Nothing::NoPlaceMatches(query.clone()))
        }
        _ => Answer::Places { places, crossings },
    }
}
