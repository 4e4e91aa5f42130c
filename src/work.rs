//! A count of the steps that loading, validating and matching names take, so that tests
//! can bound the work a crafted input causes by the input's size (issue #13): counted,
//! never timed. (The planner counts its own steps in `Plan::work`.)
//!
//! A step is a small, fixed amount of work: a byte scanned, a name compared, a cell of an
//! edit distance. The count is per thread and only ever grows; a test reads it before and
//! after the call it measures.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts `n` steps.
pub fn add(n: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
}

/// The steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}
