//! `crossings places [QUERY]`: places and crossings with their ids, names, aliases,
//! countries and zones.

use crate::cli::PlacesArgs;
use crate::model::Dataset;
use crate::names;
use crate::render;
use crate::run::{Failure, Output};

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

pub fn run(ds: &Dataset, args: &PlacesArgs, width: Option<usize>) -> Result<Output, Failure> {
    let places = ranked(&ds.places, args.query.as_deref());
    let crossings = ranked(&ds.crossings, args.query.as_deref());
    if let Some(q) = &args.query {
        if places.is_empty() && crossings.is_empty() {
            // A search with no match is a valid question with no answer: exit 1.
            return Ok(Output {
                text: String::new(),
                code: 1,
                notes: vec![format!(
                    "nothing matches '{}'; run `crossings places` to list every place and crossing",
                    names::prefix(q)
                )],
            });
        }
    }
    if args.json {
        return Ok(Output::answer(render::json::to_text(
            &render::json::places(ds, &places, &crossings),
        )));
    }
    Ok(Output::answer(render::places::text(
        ds, &places, &crossings, width,
    )))
}
