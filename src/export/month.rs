//! `plan FROM TO --month YYYY-MM`: each departure day of a month, whether the journey works
//! leaving that day and when it arrives at the earliest — the flexible-date view, drawn
//! like `hours --month`.

use crate::calendar::{self, Closed};
use crate::findings::Blocker;
use crate::model::{CrossingIx, Dataset};
use crate::planner::{Planner, Request};
use crate::render::words::Words;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::fmt::Write;

/// One departure day.
pub struct Day {
    pub date: NaiveDate,
    /// The earliest arrival leaving that day: (departure, arrival, every time known).
    pub best: Option<(DateTime<Utc>, DateTime<Utc>, bool)>,
    /// When nothing works: why, that day.
    pub why: Option<Why>,
}

/// Why no journey leaves on a day.
pub enum Why {
    /// A crossing on the way is closed that day.
    Closed(CrossingIx, Closed),
    /// The reason the search met most often.
    Blocked(Blocker),
}

fn why_text(w: &Words, d: &Day) -> Option<String> {
    d.why.as_ref().map(|why| match why {
        Why::Closed(ci, c) => w.closed(w.crossing(*ci), c, d.date),
        Why::Blocked(b) => w.blocker(b, d.date),
    })
}

/// Plans each day of the month on its own (a search one day wide).
pub fn days(ds: &Dataset, req: &Request, first: NaiveDate) -> Vec<Day> {
    first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .map(|date| {
            let day_req = Request {
                date,
                within: 1,
                // As `plan` does: for a day already past, documents count as applied for in
                // good time; otherwise lead times count from today.
                today: if date < req.today {
                    date - chrono::Duration::days(365)
                } else {
                    req.today
                },
                ..req.clone()
            };
            let plan = Planner::new(ds, &day_req).run();
            let best = plan
                .itineraries
                .iter()
                .min_by_key(|it| it.arrive())
                .map(|it| (it.depart(), it.arrive(), it.time_known()));
            // A crossing on the way that is closed that day says it best (the calendar's own
            // sentence); otherwise the reason the search met most often.
            let why = if best.is_none() {
                plan.blocked_at
                    .iter()
                    .find_map(|&ci| {
                        calendar::crossing_day(ds, &ds.crossings[ci], date)
                            .err()
                            .map(|w| Why::Closed(ci, w))
                    })
                    .or_else(|| {
                        // The first of those met most often (the planner's order breaks ties).
                        let most = plan.reasons.iter().map(|(_, d)| d.len()).max()?;
                        plan.reasons
                            .iter()
                            .find(|(_, d)| d.len() == most)
                            .map(|(b, _)| Why::Blocked(b.clone()))
                    })
            } else {
                None
            };
            Day { date, best, why }
        })
        .collect()
}

pub fn json(ds: &Dataset, req: &Request, first: NaiveDate, days: &[Day]) -> String {
    let w = Words { ds, today: first };
    crate::render::json::to_text(&crate::render::json::plan_month(&w, req, first, days))
}

/// The month as a calendar of departure days, then a line per day.
pub fn text(ds: &Dataset, req: &Request, first: NaiveDate, days: &[Day], color: bool) -> String {
    let (from, to) = (&ds.places[req.from], &ds.places[req.to]);
    let w = Words { ds, today: first };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} → {}, departures in {}",
        from.name,
        to.name,
        first.format("%B %Y")
    );
    let _ = writeln!(out, " Mon  Tue  Wed  Thu  Fri  Sat  Sun");
    let mut line = "     ".repeat(first.weekday().num_days_from_monday() as usize);
    for d in days {
        let (mark, paint) = if d.best.is_some() {
            ("o", "32")
        } else {
            ("x", "31")
        };
        let cell = format!("{:>3}{mark}", d.date.day());
        if color {
            line.push_str(&format!("\x1b[{paint}m{cell}\x1b[0m "));
        } else {
            line.push_str(&format!("{cell} "));
        }
        if d.date.weekday() == chrono::Weekday::Sun {
            let _ = writeln!(out, "{}", line.trim_end());
            line.clear();
        }
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "\no the journey works leaving that day   x no itinerary leaving that day\n"
    );
    for d in days {
        let day = d.date.format("%a %-d %b");
        let _ = match d.best {
            Some((dep, arr, true)) => writeln!(
                out,
                "{day:<11} leave {}, arrive {}",
                w.moment(dep, from.zone.0),
                w.moment(arr, to.zone.0)
            ),
            Some((_, arr, false)) => writeln!(
                out,
                "{day:<11} leave (time not known), arrive {} at the earliest",
                arr.with_timezone(&to.zone.0).format("%a %-d %b")
            ),
            None => writeln!(
                out,
                "{day:<11} no: {}",
                why_text(&w, d).unwrap_or_else(|| "no service connects the places that day".into())
            ),
        };
    }
    out
}

/// `plan FROM TO --month YYYY-MM [--json]`.
pub fn run(
    ds: &Dataset,
    req: &Request,
    month: &str,
    as_json: bool,
) -> Result<crate::run::Output, crate::run::Failure> {
    let first = crate::request::month(ds, month)?;
    let all = days(ds, req, first);
    let text = if as_json {
        json(ds, req, first, &all)
    } else {
        self::text(ds, req, first, &all, false)
    };
    Ok(crate::run::Output {
        text,
        code: if all.iter().any(|d| d.best.is_some()) {
            0
        } else {
            1
        },
        notes: vec![],
    })
}
