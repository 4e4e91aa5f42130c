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

/// The 1-based line and column of a byte offset in `text` (for one offset; `Lines` for
/// many).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    Lines::new(text).line_col(offset)
}

/// What turning a byte offset of one text into its line and column takes, without the
/// text: where each line starts and where each character longer than a byte continues.
/// Worked out once per file while its text is at hand, so that the text can be freed
/// right after parsing (a dataset's texts are as large as the dataset) and any number of
/// problems found later cost a binary search each, even thousands on one line of megabytes.
/// Offsets are kept in 32 bits (data files are at most `load::MAX_FILE_BYTES`).
#[derive(Clone, Debug, Default)]
pub struct Lines {
    /// The byte offset where each line starts.
    starts: Vec<u32>,
    /// The byte offset of each UTF-8 continuation byte (the 2nd to 4th bytes of a
    /// character): few in data files, which are mostly ASCII.
    continues: Vec<u32>,
    /// The text's length in bytes.
    len: usize,
}

/// A byte offset in 32 bits (past 4 GiB, which no data file reaches, the last one).
fn small(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        crate::work::add(text.len());
        let mut starts = vec![0];
        let mut continues = Vec::new();
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(small(i + 1));
            } else if b & 0xC0 == 0x80 {
                continues.push(small(i));
            }
        }
        Lines {
            starts,
            continues,
            len: text.len(),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset in the text this was
    /// made from; an offset inside a character counts as that character's, one past the
    /// end as the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut at = small(offset.min(self.len));
        // Back to the start of the character `at` lies in (its continuation bytes are the
        // largest offsets at or before it).
        let mut k = self.continues.partition_point(|c| *c <= at);
        while k > 0 && self.continues[k - 1] == at && at > 0 {
            at -= 1;
            k -= 1;
        }
        crate::work::add(2 * usize::BITS as usize);
        let line = self.starts.partition_point(|s| *s <= at).max(1);
        let from = self.starts[line - 1];
        // Bytes from the line's start, less the continuation bytes among them.
        let wide = self.continues.partition_point(|c| *c < at)
            - self.continues.partition_point(|c| *c < from);
        (line, (at - from) as usize - wide + 1)
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

    /// Every offset of a text mixing one- to four-byte characters and empty lines, against
    /// counting characters directly.
    #[test]
    fn lines_agree_with_counting_characters() {
        let t = "ab\n\néü喀什\n𝄞x\n\nyé\n";
        let lines = super::Lines::new(t);
        for offset in 0..=t.len() + 2 {
            let mut at = offset.min(t.len());
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            let line = t[..at].matches('\n').count() + 1;
            let from = t[..at].rfind('\n').map_or(0, |i| i + 1);
            let col = t[from..at].chars().count() + 1;
            assert_eq!(lines.line_col(offset), (line, col), "offset {offset}");
        }
    }
}
