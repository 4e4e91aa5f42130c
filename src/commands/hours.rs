//! `crossings hours`: border crossings at a glance (one line each: open or closed on the
//! day, why, and when next), the card of one crossing, and a month calendar for one. All
//! judgements come from `calendar`, as the planner's do, when the answer is shown.

use crate::answer::{Answer, HoursAnswer, Nothing};
use crate::model::Dataset;
use crate::query::HoursQuery;

pub fn answer(_ds: &Dataset, q: &HoursQuery) -> Answer {
    match q.country {
        // A valid question with no answer: exit 1, the reason and the fix on stderr.
        Some(cc) if q.chosen.is_empty() => Answer::Nothing(Nothing::NoCrossingOn(cc)),
        _ => Answer::Hours(HoursAnswer {
            chosen: q.chosen.clone(),
            when: q.when,
        }),
    }
}
