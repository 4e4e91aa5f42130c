//! One module per subcommand: each takes the checked dataset and a typed question
//! (`query`) and returns one answer value (`answer`). None knows the command line, the
//! terminal or how the answer is shown: the edge (`run`) builds the question, the render
//! layer words the answer.

pub mod baggage;
pub mod check;
pub mod hours;
pub mod map;
pub mod places;
pub mod plan;
pub mod services;

use crate::answer::Answer;
use crate::model::Dataset;
use crate::query::Query;

/// Answers one question.
pub fn answer(ds: &Dataset, q: &Query) -> Answer {
    match q {
        Query::Plan(q) => Answer::Plan(Box::new(plan::answer(ds, q))),
        Query::PlanMonth(q) => Answer::PlanMonth(plan::month(ds, q)),
        Query::Hours(q) => hours::answer(ds, q),
        Query::Services(q) => services::answer(ds, q),
        Query::Baggage(q) => baggage::answer(ds, q),
        Query::Places(q) => places::answer(ds, q),
        Query::Check(q) => check::answer(ds, q),
        Query::Map(q) => map::answer(ds, q),
    }
}
