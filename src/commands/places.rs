//! `crossings places [QUERY]`: places and crossings with their ids, names, aliases,
//! countries and zones.

use crate::answer::{Answer, Nothing};
use crate::model::Dataset;
use crate::names;
use crate::query::PlacesQuery;

/// How well a record answers a query: 0 an id, name or alias equal to it, 1 one that starts
/// with it, 2 one with a word that starts with it ("osh" in "Dostuk - Dustlik (Osh -
/// Andijan)"), 3 one that merely contains it ("osh" in "Toshkent"); `None` no match (case,
/// accents and punctuation ignored).
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
    } else if item.names().iter().any(|n| {
        // Each word of the name on: where a word starts, the rest of the name, folded.
        n.char_indices()
            .filter(|&(i, c)| {
                c.is_alphanumeric()
                    && !n[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
            .any(|(i, _)| names::fold(&n[i..]).starts_with(&q))
    }) {
        2
    } else {
        3
    })
}

/// The order a list reads in: places by country, then name.
fn place_key(ds: &Dataset, i: usize) -> (String, String) {
    let p = &ds.places[i];
    (p.country.to_string(), names::fold(&p.name))
}

/// Crossings by the two countries they join (in either order: KG–CN beside CN–KG), then
/// name.
fn crossing_key(ds: &Dataset, i: usize) -> (String, String) {
    let c = &ds.crossings[i];
    let mut pair = [
        c.sides[0].country.to_string(),
        c.sides[1].country.to_string(),
    ];
    pair.sort();
    (pair.concat(), names::fold(&c.name))
}

/// The records matching `query` (all when none), each with its rank, the best matches first
/// and then in `key`'s order.
fn ranked<T: names::Named, K: Ord>(
    items: &[T],
    query: Option<&str>,
    key: impl Fn(usize) -> K,
) -> Vec<(u8, usize)> {
    let mut found: Vec<(u8, K, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, x)| match query {
            None => Some((0, key(i), i)),
            Some(q) => rank(x, q).map(|r| (r, key(i), i)),
        })
        .collect();
    found.sort();
    found.into_iter().map(|(r, _, i)| (r, i)).collect()
}

pub fn answer(ds: &Dataset, q: &PlacesQuery) -> Answer {
    let places = ranked(&ds.places, q.query.as_deref(), |i| place_key(ds, i));
    let crossings = ranked(&ds.crossings, q.query.as_deref(), |i| crossing_key(ds, i));
    // A name that only contains the query inside a word ("osh" in "Toshkent") is shown only
    // when no name has it at a word's start.
    let best = places.iter().chain(&crossings).map(|(r, _)| *r).min();
    let keep = |list: Vec<(u8, usize)>| -> Vec<usize> {
        list.into_iter()
            .filter(|(r, _)| *r < 3 || best == Some(3))
            .map(|(_, i)| i)
            .collect()
    };
    let (places, crossings) = (keep(places), keep(crossings));
    match &q.query {
        // A search with no match is a valid question with no answer: exit 1.
        Some(query) if places.is_empty() && crossings.is_empty() => {
            Answer::Nothing(Nothing::NoPlaceMatches(query.clone()))
        }
        _ => Answer::Places { places, crossings },
    }
}
