//! A problem found in the data: the file, the line and column where known, and what was
//! expected. Problems are collected and reported together, then the program exits 2.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl Problem {
    /// A problem with a whole file or directory, not one place in it.
    pub fn whole(file: &str, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            col: None,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = self.col {
            write!(f, ":{c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The 1-based line and column of a byte offset in `text` (for one offset; `LineIndex`
/// for many).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

/// Bytes per block of `LineIndex`'s character counts.
const BLOCK: usize = 128;

/// One text's line starts and character counts, worked out once, so that the line and
/// column of any offset cost a binary search and a scan of at most one block: a file with
/// thousands of problems, even all on one line of megabytes, is not rescanned for each.
pub struct LineIndex {
    /// The byte offset where each line starts.
    starts: Vec<usize>,
    /// The characters before each `BLOCK`-byte block.
    blocks: Vec<usize>,
}

/// Whether a byte starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        crate::work::add(text.len());
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            blocks.push(chars);
            chars += block.iter().filter(|b| starts_char(**b)).count();
        }
        blocks.push(chars);
        LineIndex { starts, blocks }
    }

    /// The characters in `text[..at]` (`at` a character boundary).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let block = at / BLOCK;
        let from = block * BLOCK;
        crate::work::add(at - from + 1);
        self.blocks[block]
            + text.as_bytes()[from..at]
                .iter()
                .filter(|b| starts_char(**b))
                .count()
    }

    /// The 1-based line and column (in characters) of a byte offset in `text`, the text
    /// this index was made from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= at).max(1);
        crate::work::add(usize::BITS as usize);
        let from = self.starts[line - 1];
        (
            line,
            self.chars_before(text, at) - self.chars_before(text, from) + 1,
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_and_column() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(super::line_col(t, 0), (1, 1));
        assert_eq!(super::line_col(t, 6), (2, 1));
        assert_eq!(super::line_col(t, 11), (2, 6));
        assert_eq!(super::line_col(t, 999), (3, 1));
        // Columns count characters, across the index's blocks.
        let long = format!("{}\nx{}é=", "é".repeat(3000), "ü".repeat(5000));
        let at = long.find('=').unwrap();
        assert_eq!(super::line_col(&long, at), (2, 5003));
        assert_eq!(super::line_col(&long, at - 1), (2, 5002));
        assert_eq!(super::line_col(&long, 6000), (1, 3001));
    }
}
