//! `crossings services`: the services with their days, departure times (with zone),
//! durations, fares, baggage rules, status and verification date.

use crate::cli::ServicesArgs;
use crate::model::{Dataset, StopAt};
use crate::render;
use crate::request;
use crate::run::{Failure, Output};

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

pub fn run(ds: &Dataset, a: &ServicesArgs, width: Option<usize>) -> Result<Output, Failure> {
    let from = a
        .from
        .as_deref()
        .map(|p| request::place(ds, p))
        .transpose()?;
    let to = a.to.as_deref().map(|p| request::place(ds, p)).transpose()?;
    let via = a
        .via
        .as_deref()
        .map(|c| request::crossing(ds, c))
        .transpose()?;
    let chosen = select(ds, from, to, via);
    if chosen.is_empty() && (from.is_some() || to.is_some() || via.is_some()) {
        // A valid question with no answer: exit 1, the reason and the fix on stderr.
        return Ok(Output {
            text: String::new(),
            code: 1,
            notes: vec!["no service in the dataset matches these --from/--to/--via; run `crossings services` to list them all".into()],
        });
    }
    if a.json {
        return Ok(Output::answer(render::json::to_text(
            &render::json::services(ds, &chosen),
        )));
    }
    Ok(Output::answer(render::services::text(ds, &chosen, width)))
}
