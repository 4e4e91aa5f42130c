//! `crossings hours`: border crossings at a glance (one line each: open or closed on the
//! day, why, and when next), the card of one crossing, and a month calendar for one. All
//! judgements come from `calendar`, as the planner's do; the words from `render::hours`.

use crate::cli::HoursArgs;
use crate::model::Dataset;
use crate::render;
use crate::render::words::Words;
use crate::request;
use crate::run::{Failure, Output};
use chrono::NaiveDate;

/// `today` is `None` only when `--date` or `--month` is given and the clock cannot be read.
pub fn run(
    ds: &Dataset,
    a: &HoursArgs,
    today: Option<NaiveDate>,
    color: bool,
    width: Option<usize>,
) -> Result<Output, Failure> {
    let mut chosen: Vec<usize> = a
        .crossings
        .iter()
        .map(|q| request::crossing(ds, q))
        .collect::<Result<_, _>>()?;
    if chosen.is_empty() {
        chosen = (0..ds.crossings.len()).collect();
    }
    if let Some(cc) = &a.country {
        let cc = request::country(ds, cc, "--country")?;
        chosen.retain(|i| ds.crossings[*i].countries().contains(&cc));
        if chosen.is_empty() {
            // A valid question with no answer: exit 1, the reason and the fix on stderr.
            return Ok(Output {
                text: String::new(),
                code: 1,
                notes: vec![format!(
                    "no crossing in the dataset is on a border of {cc}; try another --country"
                )],
            });
        }
    }
    if let Some(m) = &a.month {
        let first = request::month(ds, m)?;
        if chosen.len() != 1 || a.crossings.len() != 1 {
            return Err(Failure::Usage("--month shows one crossing; name exactly one, like `crossings hours torugart --month 2026-10`".into()));
        }
        if a.json {
            let w = Words {
                ds,
                today: today.unwrap_or(first),
            };
            return Ok(Output::answer(render::json::to_text(
                &render::json::hours_month(&w, &ds.crossings[chosen[0]], first),
            )));
        }
        let w = Words {
            ds,
            today: today.unwrap_or(first),
        };
        return Ok(Output::answer(render::hours::month(
            &w,
            &ds.crossings[chosen[0]],
            first,
            color,
            width,
        )));
    }
    let date = a
        .date
        .as_deref()
        .map(|d| request::date(ds, d, "--date"))
        .transpose()?;
    let on = date
        .or(today)
        .ok_or_else(|| Failure::Usage("give --date YYYY-MM-DD: today is not known".into()))?;
    if a.geojson {
        return Ok(Output::answer(crate::export::geojson::crossings(
            ds, &chosen, on,
        )));
    }

    if a.json {
        let w = Words {
            ds,
            today: today.or(date).unwrap_or(on),
        };
        return Ok(Output::answer(render::json::to_text(&render::json::hours(
            &w, &chosen, date,
        ))));
    }

    let w = Words {
        ds,
        today: today.unwrap_or(on),
    };
    // One crossing reads best as a card (a line per field); several as a line each.
    Ok(Output::answer(match chosen.as_slice() {
        [one] => render::hours::card(&w, &ds.crossings[*one], on, width),
        _ => render::hours::overview(&w, &chosen, on, width),
    }))
}
