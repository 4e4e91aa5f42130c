//! Laying out text: wrapping at word boundaries to a width, with hanging indents.

use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns (never splitting a word; a word longer than the line
/// stands alone), the first line after `first`, the others after `rest`. With no width
/// (output into a pipe or a file, unless COLUMNS says otherwise) the text is one line.
pub fn wrap(text: &str, width: Option<usize>, first: &str, rest: &str) -> String {
    let Some(width) = width else {
        return format!("{first}{text}\n");
    };
    let mut out = String::new();
    let mut line = first.to_string();
    let mut at_start = true;
    let mut used = first.width();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if !at_start && used + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            used = rest.width();
            at_start = true;
        }
        if !at_start {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
        at_start = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// `s` with its first letter upper-case, for a phrase that begins a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries_with_a_hanging_indent() {
        let t = "agency-car over the Torugart Pass with a change of car at the pass";
        assert_eq!(
            wrap(t, Some(24), "- ", "  "),
            "- agency-car over the\n  Torugart Pass with a\n  change of car at the\n  pass\n"
        );
        assert_eq!(wrap(t, None, "- ", "  "), format!("- {t}\n"));
        // A word longer than the line is never split.
        assert_eq!(
            wrap("a Kashgar–Torugart–Bishkek b", Some(10), "", ""),
            "a\nKashgar–Torugart–Bishkek\nb\n"
        );
    }
}
