//! Matching what people type to places and crossings: ids, names and aliases, ignoring case,
//! accents and punctuation, with "did you mean" suggestions for near misses.

use unicode_normalization::UnicodeNormalization;

/// The form names are compared in: accents stripped, lower case, letters and digits only
/// (`Ürümqi` → `urumqi`, `Sary-Tash` → `sarytash`). Non-Latin scripts are kept as they are.
pub fn fold(s: &str) -> String {
    crate::work::add(s.len());
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether a character must not reach a terminal as it is: control characters (which can
/// clear the screen or change colours) and the Unicode bidirectional controls (which can
/// make text read differently from how it is stored).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// `s` with every unsafe character written as an escape (`\u{1b}`), for showing text that
/// came from outside (arguments, data files) on a terminal.
pub fn escape(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// At most the first 40 characters of a value, escaped, for quoting it in a message (a
/// value may be megabytes long, or hold control characters).
pub fn prefix(s: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    escape(&out)
}

/// Like `escape`, for text of several lines: line ends and tabs are kept.
pub fn escape_text(s: &str) -> String {
    if !s.chars().any(|c| is_unsafe(c) && !matches!(c, '\n' | '\t')) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unsafe(c) && !matches!(c, '\n' | '\t') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Levenshtein distance over chars.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    crate::work::add((a.len() + 1) * (b.len() + 1));
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

/// The longest id, name or alias `check` accepts, in bytes.
pub const MAX_NAME_BYTES: usize = 200;

/// Finds the one record `query` names, or says which ids come closest.
pub fn resolve<T: Named>(items: &[T], query: &str, what: &str) -> Result<usize, String> {
    // Most queries are ids: find those without folding every name in the dataset.
    if let Some(i) = items
        .iter()
        .position(|it| it.id().eq_ignore_ascii_case(query.trim()))
    {
        return Ok(i);
    }
    let shown = prefix(query);
    // No name is longer than this (`check` refuses longer ones): a longer query cannot
    // match, and folding or comparing it whole would cost time for nothing.
    if query.len() > MAX_NAME_BYTES {
        return Err(format!(
            "no {what} named '{shown}'; names are at most {MAX_NAME_BYTES} bytes long"
        ));
    }
    let q = fold(query);
    if q.is_empty() {
        return Err(format!(
            "'{shown}' is not a {what} name; give an id, a name or an alias"
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
    Err(format!("no {what} named '{shown}'; {hint}"))
}

/// Ids whose names are close to the folded query, nearest first (at most three).
fn suggest<T: Named>(items: &[T], q: &str) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = items
        .iter()
        .filter_map(|it| {
            let limit = (q.chars().count() / 3).max(1);
            let qn = q.chars().count();
            // The distance is at least the difference in length: skip names that cannot be near.
            let best = it
                .names()
                .iter()
                .map(|n| fold(n))
                .filter(|n| n.chars().count().abs_diff(qn) <= limit)
                .map(|n| distance(&n, q))
                .min()
                .unwrap_or(usize::MAX);
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
    // No name is longer than MAX_NAME_BYTES, so no longer query is contained in one.
    if query.len() > MAX_NAME_BYTES {
        return false;
    }
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
