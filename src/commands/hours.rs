//! `crossings hours`: border crossings at a glance; open on a date and when next; a month
//! calendar for one crossing. All judgements come from `calendar`, as the planner's do.

use crate::calendar::{self, Closed};
use crate::cli::HoursArgs;
use crate::model::{Crossing, CrossingStatus, Dataset, Foreigners, Side};
use crate::render;
use crate::render::words::Words;
use crate::request;
use crate::run::{Failure, Output};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use std::fmt::Write;

fn status_word(s: CrossingStatus) -> &'static str {
    match s {
        CrossingStatus::Open => "open",
        CrossingStatus::Closed => "closed",
        CrossingStatus::Uncertain => "uncertain",
    }
}

fn foreigners_word(f: Foreigners) -> &'static str {
    match f {
        Foreigners::Anyone => "anyone",
        Foreigners::CitizensOnly => "citizens-only",
        Foreigners::AgencyOnly => "agency-only",
        Foreigners::Unknown => "unknown",
    }
}

/// One side's days and hours, every time with the zone the post keeps.
fn side_text(side: &Side, on: NaiveDate) -> String {
    let t = |x: NaiveTime| Words::clock(side.zone.0, on, x);
    let days = side
        .days
        .map(|d| d.to_string())
        .unwrap_or_else(|| "days unknown".into());
    let hours = side
        .hours
        .map(|h| format!("{}–{}", t(h.start.0), t(h.end.0)))
        .unwrap_or_else(|| "hours unknown".into());
    let mut text = format!("{} {}: {days} {hours}", side.country, side.post);
    for b in &side.breaks {
        text.push_str(&format!("; lunch {}–{}", t(b.start.0), t(b.end.0)));
    }
    if let Some(c) = side.cutoff {
        text.push_str(&format!("; be through by {}", t(c.0)));
    }
    text
}

fn disputed(c: &Crossing, fact: &str) -> &'static str {
    if c.disputes.iter().any(|d| d.fact == fact) {
        " (disputed)"
    } else {
        ""
    }
}

fn how_text(ds: &Dataset, c: &Crossing) -> String {
    let mut parts = vec![format!(
        "foreigners: {}{}",
        foreigners_word(c.foreigners),
        disputed(c, "foreigners")
    )];
    parts.push(format!(
        "public transport for foreigners: {}",
        render::yes_no(c.foreigners_public_transport)
    ));
    parts.push(format!(
        "on foot: {}; bicycle: {}",
        render::yes_no(c.on_foot),
        render::yes_no(c.bicycle)
    ));
    if !c.permits.is_empty() {
        parts.push(format!(
            "permits: {}",
            c.permits
                .iter()
                .map(|p| ds.permits[*p].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    parts.join("\n")
}

fn status_text(c: &Crossing) -> String {
    let mut s = status_word(c.status).to_string();
    if let Some(d) = c.status_since {
        s.push_str(&format!(" since {d}"));
    }
    if let Some(d) = c.reopens {
        s.push_str(&format!("; reopens {d}"));
    }
    format!("{s}\n{}", crate::render::verified(&c.prov))
}

fn season_text(c: &Crossing) -> String {
    c.season
        .map(|s| format!("{} – {}", s.open, s.close))
        .unwrap_or_else(|| "year-round".into())
        + disputed(c, "season")
}

/// (open, reason, next opening as text and RFC 3339) for a date.
fn on_date(
    ds: &Dataset,
    today: NaiveDate,
    c: &Crossing,
    date: NaiveDate,
) -> (bool, Option<String>, Option<(String, String)>) {
    let w = Words { ds, today };
    match calendar::crossing_day(ds, c, date) {
        Ok(()) => (true, None, None),
        Err(why) => {
            let next = calendar::next_open(ds, c, date)
                .map(|(_, t, z)| (w.moment(t, z), t.with_timezone(&z).to_rfc3339()));
            (false, Some(w.closed(&c.name, &why)), next)
        }
    }
}

/// "opening days of the CN post are not known", when a post's days are unknown: the
/// calendar can then only say that no closure is known.
fn unknown_days(c: &Crossing) -> Option<String> {
    let posts: Vec<String> = c
        .sides
        .iter()
        .filter(|s| s.days.is_none())
        .map(|s| s.country.to_string())
        .collect();
    (!posts.is_empty()).then(|| {
        format!(
            "opening days of the {} post{} are not known",
            posts.join(" and "),
            if posts.len() > 1 { "s" } else { "" }
        )
    })
}

/// `today` is `None` when `--date` or `--month` is given (the clock is then not read).
pub fn run(
    ds: &Dataset,
    a: &HoursArgs,
    today: Option<NaiveDate>,
    color: bool,
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
        return Ok(Output::answer(month(
            ds,
            &ds.crossings[chosen[0]],
            first,
            color,
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

    let mut header = vec![
        "crossing",
        "days and hours (each post's own clock)",
        "season",
        "closed on holidays of",
        "who may cross",
        "status",
    ];
    let day_col;
    if let Some(d) = date {
        day_col = format!("on {}", d.format("%a %-d %b %Y"));
        header.push(&day_col);
        header.push("next opens");
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for i in &chosen {
        let c = &ds.crossings[*i];
        let alt = c.altitude_m.map(|a| format!(", {a} m")).unwrap_or_default();
        let hours_mark = if c
            .disputes
            .iter()
            .any(|d| d.fact == "hours" || d.fact == "days")
        {
            "\n(hours disputed)"
        } else {
            ""
        };
        let mut row = vec![
            format!(
                "{}\n{} ({}–{}{alt})",
                c.id, c.name, c.sides[0].country, c.sides[1].country
            ),
            format!(
                "{}\n{}{hours_mark}",
                side_text(&c.sides[0], on),
                side_text(&c.sides[1], on)
            ),
            season_text(c),
            if c.holidays_close.is_empty() {
                "none known".into()
            } else {
                c.holidays_close
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            how_text(ds, c),
            status_text(c),
        ];
        if let Some(d) = date {
            let (open, reason, next) = on_date(ds, today.unwrap_or(d), c, d);
            row.push(if open {
                match unknown_days(c) {
                    Some(caveat) => format!("no closure known ({caveat})"),
                    None => "open".into(),
                }
            } else {
                format!("closed: {}", reason.unwrap_or_default())
            });
            row.push(if open {
                "-".into()
            } else {
                next.map(|(s, _)| s)
                    .unwrap_or_else(|| "not within a year".into())
            });
        }
        rows.push(row);
    }
    // One crossing reads best as a card (a line per field); several as a table.
    let t = match rows.as_slice() {
        [one] => {
            let mut t = render::card();
            for (field, value) in header.iter().zip(one) {
                t.add_row(vec![field.to_string(), value.clone()]);
            }
            if let Some(notes) = &ds.crossings[chosen[0]].notes {
                t.add_row(vec!["notes".to_string(), notes.to_string()]);
            }
            t
        }
        _ => {
            let mut t = render::table(&header);
            for row in rows {
                t.add_row(row);
            }
            t
        }
    };
    let mut out = format!("{t}\n");
    for i in &chosen {
        let c = &ds.crossings[*i];
        for d in &c.disputes {
            let _ = writeln!(out, "{}: {}", c.name, render::dispute(ds, d).join("\n"));
        }
    }
    Ok(Output::answer(out))
}

/// A month calendar: each day open or closed (and why), holidays named beneath.
fn month(ds: &Dataset, c: &Crossing, first: NaiveDate, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}–{}), {}",
        c.name,
        c.sides[0].country,
        c.sides[1].country,
        first.format("%B %Y")
    );
    let _ = writeln!(out, " Mon  Tue  Wed  Thu  Fri  Sat  Sun");
    let mut line = "     ".repeat(first.weekday().num_days_from_monday() as usize);
    let mut notes: Vec<String> = Vec::new();
    let mut day = first;
    while day.month() == first.month() {
        let (mark, paint) = match calendar::crossing_day(ds, c, day) {
            Ok(()) => ("o", "32"),
            Err(Closed::Weekday { .. }) => ("w", "90"),
            Err(Closed::Holiday { country, name }) => {
                notes.push(format!(
                    "{:>2} {}: expected closure: {name} ({country} public holiday; not yet announced)",
                    day.day(),
                    day.format("%b")
                ));
                ("H", "31")
            }
            Err(Closed::Season(_)) => ("s", "34"),
            Err(Closed::Closure { reason, .. }) => {
                notes.push(format!(
                    "{:>2} {}: closed by notice ({reason})",
                    day.day(),
                    day.format("%b")
                ));
                ("N", "31")
            }
            Err(Closed::Status { .. }) => ("x", "31"),
        };
        let cell = format!("{:>3}{mark}", day.day());
        if color {
            line.push_str(&format!("\x1b[{paint}m{cell}\x1b[0m "));
        } else {
            line.push_str(&format!("{cell} "));
        }
        if day.weekday() == chrono::Weekday::Sun {
            let _ = writeln!(out, "{}", line.trim_end());
            line.clear();
        }
        day += Duration::days(1);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "\no open   w closed for the weekend   H expected closure (public holiday; not yet announced)   s out of season   N closed by notice   x crossing closed");
    if !notes.is_empty() {
        let _ = writeln!(out);
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    if c.disputes
        .iter()
        .any(|d| d.fact == "hours" || d.fact == "days" || d.fact == "season")
    {
        let _ = writeln!(
            out,
            "\nSome of these facts are disputed: see `crossings hours {}`.",
            c.id
        );
    }
    out
}
