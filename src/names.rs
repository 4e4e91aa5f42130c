//! Matching what people type to places and crossings: ids, names and aliases, ignoring case,
//! accents and punctuation, with "did you mean" suggestions for near misses.

use unicode_normalization::UnicodeNormalization;

/// The form names are compared in: accents stripped, lower case, letters and digits only
/// (`Ürümqi` → `urumqi`, `Sary-Tash` → `sarytash`). Non-Latin scripts are kept as they are.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Levenshtein distance over chars.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Something that can be named on the command line: its id and every name it answers to.
pub trait Named {
    fn id(&self) -> &str;
    fn names(&self) -> Vec<&str>;
}

/// Places and crossings answer to their id, their name and every alias.
macro_rules! named_by_id_name_aliases {
    ($($t:ty),*) => {
        $(impl Named for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn names(&self) -> Vec<&str> {
                [self.id.as_str(), self.name.as_str()].into_iter().chain(self.aliases.iter().map(crate::text::Text::as_str)).collect()
            }
        })*
    };
}
named_by_id_name_aliases!(crate::model::Place, crate::model::Crossing);

/// Finds the one record `query` names, or says which ids come closest.
pub fn resolve<T: Named>(items: &[T], query: &str, what: &str) -> Result<usize, String> {
    // Most queries are ids: find those without folding every name in the dataset.
    if let Some(i) = items
        .iter()
        .position(|it| it.id().eq_ignore_ascii_case(query.trim()))
    {
        return Ok(i);
    }
    let q = fold(query);
    if q.is_empty() {
        return Err(format!(
            "'{query}' is not a {what} name; give an id, a name or an alias"
        ));
    }
    if let Some(i) = items
        .iter()
        .position(|it| it.names().iter().any(|n| fold(n) == q))
    {
        return Ok(i);
    }
    let suggestions = suggest(items, &q);
    let hint = match suggestions.as_slice() {
        [] => format!(
            "run `crossings {}` to list them",
            if what == "crossing" {
                "hours"
            } else {
                "places"
            }
        ),
        [one] => format!("did you mean '{one}'?"),
        many => format!(
            "did you mean one of {}?",
            many.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(format!("no {what} named '{query}'; {hint}"))
}

/// Ids whose names are close to the folded query, nearest first (at most three).
fn suggest<T: Named>(items: &[T], q: &str) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = items
        .iter()
        .filter_map(|it| {
            let best = it.names().iter().map(|n| distance(&fold(n), q)).min()?;
            let limit = (q.chars().count() / 3).max(1);
            let prefix = it
                .names()
                .iter()
                .any(|n| q.len() >= 3 && fold(n).starts_with(q));
            (best <= limit || prefix).then_some((if prefix { 0 } else { best }, it.id()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Whether `item` matches a free-text search: any name contains the folded query.
pub fn matches<T: Named>(item: &T, query: &str) -> bool {
    let q = fold(query);
    item.names().iter().any(|n| fold(n).contains(&q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let cases = [
            ("Ürümqi", "urumqi"),
            ("URUMQI", "urumqi"),
            ("Sary-Tash", "sarytash"),
            ("Xo'jand", "xojand"),
            ("喀什", "喀什"),
            ("  Kashi ", "kashi"),
        ];
        for (input, folded) in cases {
            assert_eq!(fold(input), folded, "{input}");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kashgr", "kashgar"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("osh", "osh"), 0);
    }
}
