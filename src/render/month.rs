//! The words of `plan FROM TO --month`: the month as a calendar of departure days, then a
//! line per day that works (when it arrives) and each reason nothing leaves, once, with its
//! days; wrapped at word boundaries.

use super::plan::days_text;
use super::text::{capitalise, wrap};
use super::words::Words;
use crate::answer::PlanMonthAnswer;
use crate::export::month::{Day, Why};
use chrono::Datelike;
use std::fmt::Write;

/// Why nothing leaves on day `d`; whether a holiday is past is judged against today (`w`),
/// and the day to leave instead is written as the month's other days are (`in_month`).
fn why_text(w: &Words, in_month: &Words, d: &Day) -> Option<String> {
    d.why.as_ref().map(|why| match why {
        Why::Closed(ci, c) => w.closed(w.crossing(*ci), c, d.date),
        Why::LeaveLater { instead } => leave_instead(in_month, d.date, *instead),
        Why::Blocked(b) => w.blocker(b, d.date),
    })
}

/// "leave the next day instead, as …", or on the day named: the day to leave on instead of
/// `date`, whose journeys all wait for one leaving later (`Why::LeaveLater`).
pub fn leave_instead(
    w: &Words,
    date: chrono::NaiveDate,
    instead: Option<chrono::NaiveDate>,
) -> String {
    match instead {
        Some(d) if date.succ_opt() == Some(d) => w.leave_later("the next day"),
        Some(d) => w.leave_later(&format!("on {}", w.date(d))),
        None => w.leave_later("later"),
    }
}

/// The month as a calendar of departure days, then a line per day that works and the reasons
/// for the days that do not. Dates and times show a
/// year only when it is not the month's (the title names it); whether a holiday is past is
/// judged against today (`w`).
pub fn text(w: &Words, a: &PlanMonthAnswer, color: bool, width: Option<usize>) -> String {
    let ds = w.ds;
    let in_month = Words { ds, today: a.first };
    let (first, days) = (a.first, &a.days);
    let (from, to) = (&ds.places[a.req.from], &ds.places[a.req.to]);
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
    out.push('\n');
    out.push_str(&wrap(
        "o the journey works leaving that day · x no itinerary leaving that day",
        width,
        "",
        "",
    ));
    out.push('\n');
    // A day that works gets a line of its own; a reason for "no" is said once, with the days
    // it applies to, in the order they first come.
    let mut nos: Vec<(String, Vec<chrono::NaiveDate>)> = Vec::new();
    // The reasons no other day lifts (`Blocker::any_day`) beside a day's own.
    let mut any_day: Vec<String> = Vec::new();
    for d in days {
        let day = format!("{:<11} ", d.date.format("%a %-d %b"));
        let said = match d.best {
            // The first leg's time is known, the arrival only as the earliest day it could
            // be (no source gives the time at the destination, or a later leg leaves when
            // full): the plan's header says the same.
            Some((dep, arr, known)) if d.depart_known && !(known && d.arrive_known) => format!(
                "leave {}, arrive {} at the earliest (time not known)",
                in_month.moment_about(dep, from.zone.0, d.about.0),
                in_month.date(arr.with_timezone(&to.zone.0).date_naive())
            ),
            Some((dep, arr, true)) => format!(
                "leave {}, arrive {}",
                in_month.moment_about(dep, from.zone.0, d.about.0),
                in_month.moment_about(arr, to.zone.0, d.about.1)
            ),
            Some((_, arr, false)) => format!(
                "leave (time not known), arrive {} at the earliest",
                in_month.date(arr.with_timezone(&to.zone.0).date_naive())
            ),
            None => {
                let why = why_text(w, &in_month, d)
                    .unwrap_or_else(|| "no service connects the places that day".into());
                // Beside the day's reason, the other routes' that blocked a ride that day
                // (not one met days later, after a wait on the way: under this day it would
                // read as closing it), each once; a day the journeys only wait for a later
                // one needs no more: leaving later is the answer. A rule with no dates is said
                // once for the month, below.
                let mut said = vec![why];
                if !matches!(d.why, Some(Why::LeaveLater { .. })) {
                    let (every, dated): (Vec<_>, Vec<_>) = d
                        .reasons
                        .iter()
                        .filter(|(_, dates)| dates.contains(&d.date))
                        .cloned()
                        .partition(|(b, _)| b.any_day());
                    for (line, _) in super::plan::why_lines(w, &dated, d.date) {
                        if !said.contains(&line) {
                            said.push(line);
                        }
                    }
                    for (line, _) in super::plan::why_lines(w, &every, d.date) {
                        if !said.contains(&line) && !any_day.contains(&line) {
                            any_day.push(line);
                        }
                    }
                }
                for why in said {
                    match nos.iter_mut().find(|(said, _)| *said == why) {
                        Some((_, dates)) => dates.push(d.date),
                        None => nos.push((why, vec![d.date])),
                    }
                }
                continue;
            }
        };
        out.push_str(&wrap(&said, width, &day, "            "));
    }
    if !nos.is_empty() {
        if days.iter().any(|d| d.best.is_some()) {
            out.push('\n');
        }
        out.push_str("No itinerary leaving:\n");
        for (why, dates) in &nos {
            let line = format!("{}: {why}", days_text(&in_month, dates));
            out.push_str(&wrap(&line, width, "- ", "  "));
        }
    }
    if !any_day.is_empty() {
        out.push_str("Whatever the day:\n");
        for why in &any_day {
            out.push_str(&wrap(&capitalise(why), width, "- ", "  "));
        }
    }
    out
}
