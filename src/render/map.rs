//! The words on the SVG maps: the title of `crossings map` and each itinerary's line in the
//! legend of `plan --map`. The drawing itself is `export::map`'s.

use super::words::Words;
use crate::answer::{MapAnswer, PlanAnswer};
use crate::export::map::{short_name, svg, MapWords, Picture};
use crate::export::state::State;

/// The legend's words for a crossing's state.
pub fn state_label(s: State) -> &'static str {
    match s {
        State::Open => "open",
        State::DaysUnknown => "no closure known (opening days not known)",
        State::CitizensOnly => "open to citizens of the two sides only",
        State::Weekend => "closed: weekend",
        State::Holiday => "closed: public holiday",
        State::Season => "closed: out of season",
        State::Notice => "closed: notice or crossing closed",
        State::Uncertain => "status uncertain",
        State::NotRecordedOpen => "not recorded open yet: status not known",
    }
}

/// The footnote: where the borders come from, how to read the symbols, what is not drawn.
fn foot(generator: &str, unplaced: &[&str]) -> String {
    let mut foot = format!(
        "Borders: Natural Earth (public domain), {generator}. Symbols: circle open, square closed, diamond uncertain or not known."
    );
    if !unplaced.is_empty() {
        foot.push_str(&format!(
            " Not drawn (position not known): {}.",
            unplaced.join(", ")
        ));
    }
    foot
}

fn map_words(date: chrono::NaiveDate) -> MapWords {
    MapWords {
        legend_title: format!(
            "State of each crossing on {} (both posts, each in its own clock)",
            Words::full_date(date)
        ),
        label: state_label,
        foot,
    }
}
use crate::model::Dataset;

/// `crossings map`: the crossings in their state on the day.
pub fn crossings_svg(ds: &Dataset, a: &MapAnswer) -> Result<String, String> {
    let title = if a.countries.is_empty() {
        format!("Border crossings on {}", Words::full_date(a.date))
    } else {
        let list: Vec<String> = a.countries.iter().map(|c| c.to_string()).collect();
        format!(
            "Border crossings of {} on {}",
            list.join(", "),
            Words::full_date(a.date)
        )
    };
    svg(
        ds,
        &Picture {
            crossings: a.crossings.clone(),
            date: a.date,
            title,
            routes: vec![],
            words: map_words(a.date),
        },
    )
}

/// `plan … --map`: every itinerary shown, over the crossings in their state on the day the
/// first itinerary leaves; `None` when there is no itinerary.
pub fn plan_svg(ds: &Dataset, a: &PlanAnswer) -> Result<Option<String>, String> {
    let req = &a.req;
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    let Some(first) = a.itineraries.first() else {
        return Ok(None);
    };
    let date = first.it.depart().with_timezone(&from.zone.0).date_naive();
    let words = Words { ds, today: date };
    let routes = a
        .itineraries
        .iter()
        .enumerate()
        .map(|(i, ia)| {
            let it = &ia.it;
            let via: Vec<&str> = it
                .legs
                .iter()
                .flat_map(|l| l.borders.iter())
                .map(|b| short_name(&ds.crossings[b.crossing].name))
                .collect();
            let via = if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", via.join(", "))
            };
            let when = if it.arrive_timed() {
                format!(
                    "{} → {}",
                    words.moment_about(it.depart(), from.zone.0, super::ends_about(ds, it).0),
                    words.moment_about(it.arrive(), to.zone.0, super::ends_about(ds, it).1)
                )
            } else {
                // No source times the arrival (or a leg after the first): its day is only the
                // earliest it could be. A timetabled first departure is still shown.
                let arrive = words.date(it.arrive().with_timezone(&to.zone.0).date_naive());
                let (leave, then) = if it.depart_known() {
                    let at = super::ends_about(ds, it).0;
                    (words.moment_about(it.depart(), from.zone.0, at), " →")
                } else {
                    let day = it.depart().with_timezone(&from.zone.0).date_naive();
                    (format!("leave {}", words.date(day)), ", arrive")
                };
                let unknown = if it.time_known() {
                    "arrival time not known"
                } else {
                    "some times not known"
                };
                format!("{leave}{then} {arrive} at the earliest ({unknown}: dashed)")
            };
            (format!("Itinerary {}{via}: {when}", i + 1), it)
        })
        .collect();
    let picture = Picture {
        crossings: (0..ds.crossings.len()).collect(),
        date,
        title: format!("{} → {}", from.name, to.name),
        routes,
        words: map_words(date),
    };
    svg(ds, &picture).map(Some)
}
