//! `crossings services`: the services with their days, departure times (with zone),
//! durations, fares, baggage rules, status and verification date.

use crate::answer::{Answer, Nothing};
use crate::model::{Dataset, StopAt};
use crate::query::ServicesQuery;

/// Service indexes that stop at `from` (then at `to` later on), or cross `via`.
pub fn select(
    ds: &Dataset,
    from: Option<usize>,
    to: Option<usize>,
    via: Option<usize>,
) -> Vec<usize> {
    (0..ds.services.len())
        .filter(|i| {
            let s = &ds.services[*i];
            let fi = from.map(|p| s.place_stop(p));
            let ti = to.map(|p| s.place_stop(p));
            let order_ok = match (fi, ti) {
                (Some(Some(a)), Some(Some(b))) => a < b,
                (Some(None), _) | (_, Some(None)) => false,
                _ => true,
            };
            order_ok && via.is_none_or(|c| s.stops.iter().any(|st| st.at == StopAt::Crossing(c)))
        })
        .collect()
}

pub fn answer(ds: &Dataset, q: &ServicesQuery) -> Answer {
    let chosen = select(ds, q.from, q.to, q.via);
    if chosen.is_empty() && (q.from.is_some() || q.to.is_some() || q.via.is_some()) {
        // A valid question with no answer: exit 1, the reason and the fix on stderr.
        return Answer::Nothing(Nothing::NoServiceMatches);
    }
    Answer::Services(chosen)
}
