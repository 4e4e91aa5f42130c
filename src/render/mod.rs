//! The one render layer: every command's answer (`answer::Answer`) becomes text, JSON,
//! GeoJSON or a picture here, as the `query::View` asks; the English of every finding lives
//! in `words`. Nothing here decides anything.

pub mod baggage;
pub mod check;
pub mod hours;
pub mod ics;
pub mod json;
pub mod map;
pub mod month;
pub mod paperwork;
pub mod places;
pub mod plan;
pub mod services;
pub mod text;
pub mod words;

use crate::answer::Answer;
use crate::model::{Dataset, Provenance, SourceIx};
use crate::query::{Format, HoursWhen, View};
use comfy_table::{presets, ContentArrangement, Table};
use words::Words;

/// A leg's times are approximate: its timetable gives the departure only roughly ("around
/// midnight"), so the times derived from it (the posts, the arrival) are rough too.
pub fn leg_about(ds: &Dataset, l: &crate::planner::Leg) -> bool {
    l.time_known && ds.services[l.service].schedule.approx
}

/// An itinerary's departure and arrival are approximate (its first / last leg's are).
pub fn ends_about(ds: &Dataset, it: &crate::planner::Itinerary) -> (bool, bool) {
    (
        it.legs.first().is_some_and(|l| leg_about(ds, l)),
        it.legs.last().is_some_and(|l| leg_about(ds, l)),
    )
}

/// An answer as shown: the text for stdout and notes for stderr.
pub struct Shown {
    pub text: String,
    pub notes: Vec<String>,
}

/// Shows one answer as the view asks. Fails only when a picture cannot be drawn.
pub fn answer(ds: &Dataset, a: &Answer, v: &View) -> Result<Shown, String> {
    let w = Words { ds, today: v.today };
    let mut notes = Vec::new();
    let text = match a {
        Answer::Nothing(n) => {
            return Ok(Shown {
                text: String::new(),
                notes: vec![w.nothing(n)],
            })
        }
        Answer::Plan(p) => match v.format {
            Format::Json => json::to_text(&json::plan(&w, p)),
            Format::GeoJson => {
                let its: Vec<_> = p.itineraries.iter().map(|i| i.it.clone()).collect();
                // An empty map says nothing: the reasons are in the text and JSON views.
                if its.is_empty() {
                    notes.push(format!(
                        "no itinerary from {} to {}, so the GeoJSON has no features; run the plan without --geojson (or with --json) to read why",
                        ds.places[p.req.from].name, ds.places[p.req.to].name
                    ));
                }
                // The map has no room for the plan's notes; the one that changes what the
                // whole answer means (a date in the past) goes to stderr.
                for n in &p.notes {
                    if matches!(n, crate::findings::Advice::PastDate { .. }) {
                        notes.push(w.advice(n));
                    }
                }
                crate::export::geojson::plan(ds, &its)
            }
            Format::Text | Format::Svg => plan::text(
                &w,
                p,
                plan::Layout {
                    width: v.width,
                    explain: v.explain,
                },
            ),
        },
        Answer::PlanMonth(m) => match v.format {
            Format::Json => json::to_text(&json::plan_month(&w, &m.req, m.first, &m.days)),
            _ => month::text(&w, m, v.color, v.width),
        },
        Answer::Hours(h) => match (h.when, v.format) {
            (HoursWhen::Month(first), Format::Json) => {
                json::to_text(&json::hours_month(&w, &ds.crossings[h.chosen[0]], first))
            }
            (HoursWhen::Month(first), _) => {
                hours::month(&w, &ds.crossings[h.chosen[0]], first, v.color, v.width)
            }
            (HoursWhen::Day { on, .. }, Format::GeoJson) => {
                crate::export::geojson::crossings(ds, &h.chosen, on, &|ci, why| {
                    w.closed(&ds.crossings[ci].name, why, on)
                })
            }
            (HoursWhen::Day { asked, .. }, Format::Json) => {
                json::to_text(&json::hours(&w, &h.chosen, asked))
            }
            // One crossing reads best as a card (a line per field); several as a line each.
            (HoursWhen::Day { on, .. }, _) => match h.chosen.as_slice() {
                [one] => hours::card(&w, &ds.crossings[*one], on, v.width, v.explain),
                _ => hours::overview(&w, &h.chosen, on, v.width),
            },
        },
        Answer::Services(chosen) => match v.format {
            Format::Json => json::to_text(&json::services(ds, chosen)),
            _ => services::text(ds, chosen, v.width),
        },
        Answer::Baggage(b) => match v.format {
            Format::Json => json::to_text(&baggage::json(ds, b, v.today)),
            _ => baggage::text(ds, b, v.today, v.width),
        },
        Answer::Places { places, crossings } => match v.format {
            Format::Json => json::to_text(&json::places(ds, places, crossings)),
            _ => places::text(ds, places, crossings, v.width),
        },
        Answer::Check(c) => check::text(ds, c, v.width),
        Answer::Map(m) => map::crossings_svg(ds, m)?,
    };
    Ok(Shown { text, notes })
}

/// A table with the project's look. On a terminal, cells wrap to fit its width; into a pipe
/// or a file, lines are never wrapped, so output stays stable for scripts and tests.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    t
}

/// A two-column table with no header, for one record shown field by field.
pub fn card() -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// "title (reports DATE)" for one source.
pub fn source(ds: &Dataset, ix: SourceIx) -> String {
    let s = &ds.sources[ix];
    format!("{} ({})", s.title, s.reports)
}

/// A record's sources newest first, by the latest day each report can refer to
/// (`Reported::latest_day`: "2024-09" counts as 30 Sep 2024, "c. 2017" as 31 Dec 2017), then
/// the undated ones; sources dated to the same day keep the record's order.
pub fn newest_first(ds: &Dataset, ixs: &[SourceIx]) -> Vec<SourceIx> {
    let mut v: Vec<SourceIx> = ixs
        .iter()
        .copied()
        .filter(|ix| ds.sources.get(*ix).is_some())
        .collect();
    // `None` (undated) is the least of the keys, so last once reversed; the sort is stable.
    v.sort_by_key(|ix| std::cmp::Reverse(ds.sources[*ix].reports.latest_day()));
    v
}

/// The source ids of a record, comma separated.
pub fn source_ids(ds: &Dataset, ixs: &[SourceIx]) -> String {
    ixs.iter()
        .map(|i| ds.sources[*i].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "verified 2026-11-21; sources: a, b" (or "not verified; sources: …").
pub fn provenance(ds: &Dataset, p: &Provenance) -> String {
    format!("{}; sources: {}", verified(p), source_ids(ds, &p.sources))
}

/// "verified 2026-11-21", or "not verified" when nobody checked a source on a known day.
pub fn verified(p: &Provenance) -> String {
    match p.verified {
        Some(d) => format!("verified {d}"),
        None => "not verified".to_string(),
    }
}

pub fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// The name of a mode as the data files and every output write it.
pub fn mode_name(m: crate::model::Mode) -> &'static str {
    use crate::model::Mode::*;
    match m {
        Bus => "bus",
        SleeperBus => "sleeper-bus",
        Minibus => "minibus",
        Train => "train",
        SharedTaxi => "shared-taxi",
        AgencyCar => "agency-car",
    }
}
