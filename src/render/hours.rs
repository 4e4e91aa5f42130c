//! The words of `crossings hours`: a crossing's state on a day, one line a crossing for the
//! overview, the card of one crossing and its month calendar. Every time is in the clock of
//! the post it belongs to, with that clock named.

use super::text::wrap;
use super::words::{country_name, Words};
use crate::calendar::{self, Closed};
use crate::model::{Crossing, CrossingStatus, Foreigners, Side};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use std::fmt::Write;

/// The posts (their countries) whose opening days no source gives: on those the calendar can
/// only say that no closure is known.
pub fn days_unknown(c: &Crossing) -> Vec<String> {
    c.sides
        .iter()
        .filter(|s| s.days.is_none())
        .map(|s| s.country.to_string())
        .collect()
}

fn no_closure_known(posts: &[String]) -> String {
    format!(
        "no closure known (opening days of the {} {} are not known)",
        posts.join(" and "),
        if posts.len() > 1 { "posts" } else { "post" }
    )
}

/// ", unless a public holiday: the CN and KG holidays of 2031 are not known" beyond the
/// years whose holidays the dataset knows (a holiday closure cannot be told), else "".
fn holidays_unknown(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    let unknown: Vec<String> = c
        .holidays_close
        .iter()
        .filter(|country| !calendar::holidays_known(w.ds, **country, on))
        .map(|country| country.to_string())
        .collect();
    if unknown.is_empty() {
        String::new()
    } else {
        format!(
            ", unless a public holiday: the {} holidays of {} are not known",
            unknown.join(" and "),
            on.year()
        )
    }
}

/// ", but it is closed from 22:00 UTC+6 on Mon 16 Feb until …" where a notice with hours
/// closes a post for part of the day, else "".
fn part_closed(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    c.sides
        .iter()
        .find_map(|s| calendar::part_day_closure(c, s, on))
        .map(|cl| format!(", but {}", w.closed("it", &calendar::closed_by(cl), on)))
        .unwrap_or_default()
}

/// "; its status is uncertain (since Fri 31 Jul 2026): check before relying on it" for a
/// crossing whose status no recent source settles, from the day that holds, else "". The
/// planner still plans through it (and lists it under Check locally), so the day's state
/// says the same.
fn uncertain(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    if !c.uncertain_on(on) {
        return String::new();
    }
    let since = c
        .status_since
        .map(|d| format!(" (since {})", w.date_near(d, on)))
        .unwrap_or_default();
    format!("; its status is uncertain{since}: check before relying on it")
}

/// "open", "no closure known (opening days of the KZ and KG posts are not known)", or why
/// it is closed: "Torugart Pass is closed on Saturdays and Sundays".
pub fn day_state(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    match calendar::crossing_day(w.ds, c, on) {
        Err(why) => w.closed(&c.name, &why, on),
        Ok(()) => open_state(w, c, on) + &unannounced(w, c, on),
    }
}

/// A day the crossing is not closed: "open" or "no closure known (…)", then what still
/// qualifies it (a closure for part of the day, holidays not known, an uncertain status).
fn open_state(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    let posts = days_unknown(c);
    let open: String = if posts.is_empty() {
        "open".into()
    } else {
        no_closure_known(&posts)
    };
    open + &part_closed(w, c, on) + &holidays_unknown(w, c, on) + &uncertain(w, c, on)
}

/// "; China has not announced its 2027 holiday schedule yet: it may also close on days next
/// to …" on a day within 3 days of a holiday in a year whose official schedule is not
/// announced (`warnings::unannounced_on`), else "".
fn unannounced(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    w.unannounced_near(&crate::warnings::unannounced_on(w.ds, c, on))
        .iter()
        .map(|t| format!("; {t}"))
        .collect()
}

/// The moment a crossing opens, and the clock of the post that opens last.
pub type Opening = (chrono::DateTime<chrono::Utc>, chrono_tz::Tz);

/// The next day (on or after `on`, within a year) both posts open, with the moment the later
/// opens and its clock only when every post's hours are known: an unknown opening hour is
/// never shown as midnight.
pub fn next_opening(
    ds: &crate::model::Dataset,
    c: &Crossing,
    on: NaiveDate,
) -> Option<(NaiveDate, Option<Opening>)> {
    let known = c.sides.iter().all(|s| s.hours.is_some());
    calendar::next_open(ds, c, on).map(|(d, t, z)| (d, known.then_some((t, z))))
}

/// "CN–KG, 3752 m".
fn countries(c: &Crossing) -> String {
    // As `plan` writes it: "3,752 m".
    let alt = c
        .altitude_m
        .map(|a| format!(", {} m", super::words::thousands(a)))
        .unwrap_or_default();
    format!("{}–{}{alt}", c.sides[0].country, c.sides[1].country)
}

/// The state on `on` after the crossing's name: " is open", ": no closure known (…)",
/// " is closed on Saturdays and Sundays; next opens Mon 14 Jun 10:00 UTC+6".
fn state_after_name(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    match calendar::crossing_day(w.ds, c, on) {
        Ok(()) => {
            let sep = if days_unknown(c).is_empty() {
                " is "
            } else {
                ": "
            };
            format!("{sep}{}", open_state(w, c, on))
        }
        Err(why) => {
            let said = w.closed("", &why, on);
            let next = match next_opening(w.ds, c, on) {
                Some((_, Some((t, z)))) => format!("; next opens {}", w.moment(t, z)),
                Some((d, None)) => {
                    let posts: Vec<String> = c
                        .sides
                        .iter()
                        .map(|s| match s.hours {
                            Some(h) => format!(
                                "{} post from {}",
                                country_name(s.country),
                                Words::clock(s.zone.0, d, h.start.0)
                            ),
                            None => format!("{} post hours not known", country_name(s.country)),
                        })
                        .collect();
                    format!("; next opens {} ({})", w.date(d), posts.join("; "))
                }
                None => "; it does not open within a year".into(),
            };
            format!("{said}{next}")
        }
    }
}

/// `crossings hours`: one line a crossing — name, countries, open or closed on the day and
/// why, and when it next opens.
pub fn overview(w: &Words, chosen: &[usize], on: NaiveDate, width: Option<usize>) -> String {
    let ds = w.ds;
    let mut out = format!(
        "Border crossings on {} (each post keeps its own clock):\n",
        Words::full_date(on)
    );
    for i in chosen {
        let c = &ds.crossings[*i];
        let first = format!("  {}  ", c.id);
        let line = format!(
            "{} ({}){}",
            c.name,
            countries(c),
            state_after_name(w, c, on)
        );
        out.push_str(&wrap(&line, width, &first, "      "));
    }
    out.push_str(&wrap(
        "`crossings hours ID` shows a crossing's days and hours, season, who may cross and what is disputed; `--month YYYY-MM` its calendar.",
        width,
        "\n",
        "",
    ));
    out
}

/// "Mon-Fri 10:00–17:00 Beijing time; lunch 13:30–15:00 Beijing time; be through by 12:00
/// Beijing time when leaving China" (the direction named where a source gives the cut-off
/// for one direction only).
fn side_hours(side: &Side, on: NaiveDate) -> String {
    let clock = |t: NaiveTime| Words::clock(side.zone.0, on, t);
    let range = |a: NaiveTime, b: NaiveTime| format!("{}–{}", a.format("%H:%M"), clock(b));
    let mut text = Words::days_and_hours(side, on);
    for b in &side.breaks {
        text.push_str(&format!("; lunch {}", range(b.start.0, b.end.0)));
    }
    if let Some(c) = side.cutoff {
        text.push_str(&format!("; be through by {}", clock(c.0)));
        match side.cutoff_for {
            Some(crate::model::Direction::Leaving) => {
                text.push_str(&format!(" when leaving {}", country_name(side.country)))
            }
            Some(crate::model::Direction::Entering) => {
                text.push_str(&format!(" when entering {}", country_name(side.country)))
            }
            None => {}
        }
    }
    text
}

fn disputed(c: &Crossing, facts: &[&str]) -> &'static str {
    if c.disputes.iter().any(|d| facts.contains(&d.fact.as_str())) {
        " (disputed)"
    } else {
        ""
    }
}

/// Whose public holidays close a crossing and which days, as its `[[crossing.forecast]]`
/// records say past notices showed: "China (the holidays and their observed days, not the
/// bridge days of a holiday block; open on make-up working days) and Kyrgyzstan (only Eid
/// al-Fitr and Eid al-Adha)". A country without a record: every day off.
fn holiday_pattern(c: &Crossing) -> String {
    use crate::model::ForecastCloses;
    let pattern = |country| {
        let Some(f) = c.forecasts.iter().find(|f| f.country == country) else {
            return "every day off (no notice shows which days)".to_string();
        };
        let mut t = match f.closes {
            ForecastCloses::EveryDayOff => "every day off".to_string(),
            ForecastCloses::HolidaysOnly => {
                "the holidays and their observed days, not the bridge days of a holiday block"
                    .to_string()
            }
            ForecastCloses::Listed => {
                let mut names: Vec<&str> = f
                    .holidays
                    .iter()
                    .map(|h| h.as_str().trim_end_matches(" (estimated)"))
                    .collect();
                names.dedup();
                match names.split_last() {
                    Some((last, [])) => format!("only {last}"),
                    Some((last, rest)) => format!("only {} and {last}", rest.join(", ")),
                    None => "only the holidays listed".to_string(),
                }
            }
            ForecastCloses::Never => "never".to_string(),
        };
        if f.opens_on_makeup_days {
            t.push_str(", and open on make-up working days");
        }
        t + " (past notices)"
    };
    let closing: Vec<String> = c
        .holidays_close
        .iter()
        .map(|x| format!("{}: {}", country_name(*x), pattern(*x)))
        .collect();
    // Countries whose notices left it open (rail posts keep working through the holidays
    // that close the road posts).
    let open: Vec<String> = c
        .forecasts
        .iter()
        .filter(|f| f.closes == ForecastCloses::Never && !c.holidays_close.contains(&f.country))
        .map(|f| country_name(f.country).to_string())
        .collect();
    match (closing.is_empty(), open.is_empty()) {
        (true, true) => "no country known".to_string(),
        (true, false) => format!("none: past notices of {} left it open", open.join(" and ")),
        (false, true) => closing.join("; "),
        (false, false) => format!(
            "{}; past notices of {} left it open",
            closing.join("; "),
            open.join(" and ")
        ),
    }
}

/// "from the China post to the Kyrgyzstan post 3h; the other way 1h30m" where a source times
/// the drive between the posts in one direction at least (each direction only its own),
/// else None: the posts stand together or nobody says.
/// A direction is marked disputed only where a dispute about the drive is about it (an
/// undirected one is about both).
fn between(c: &Crossing) -> Option<String> {
    if c.between.iter().all(Option::is_none) {
        return None;
    }
    let way = |i: usize| {
        let (from, to) = (c.sides[i].country, c.sides[1 - i].country);
        let time = c.between[i].map_or_else(|| "not known".to_string(), |d| d.to_string());
        let disputed = c.disputes_from(i).any(|(_, d)| d.fact == "between");
        format!(
            "from the {} post to the {} post {time}{}",
            country_name(from),
            country_name(to),
            if disputed { " (disputed)" } else { "" }
        )
    };
    Some(format!("{}; {}", way(0), way(1)))
}

fn yes_no(b: Option<bool>, yes: &str, no: &str, unknown: &str) -> String {
    match b {
        Some(true) => yes.into(),
        Some(false) => no.into(),
        None => unknown.into(),
    }
}

/// `crossings hours CROSSING`: one crossing field by field, every value wrapped under its
/// label.
pub fn card(w: &Words, c: &Crossing, on: NaiveDate, width: Option<usize>, explain: bool) -> String {
    let ds = w.ds;
    let mut out = format!("{} ({}) — {}\n", c.name, c.id, countries(c));
    let mut field = |label: &str, text: &str| {
        out.push_str(&wrap(text, width, &format!("  {label}: "), "      "));
    };
    // One crossing's day also says when a holiday schedule next to it is not announced (the
    // overview of every crossing leaves it out: it would repeat on each Chinese post).
    let unannounced = if calendar::crossing_day(ds, c, on).is_ok() {
        unannounced(w, c, on)
    } else {
        String::new()
    };
    field(
        &format!("On {}", w.date(on)),
        &(state_after_name(w, c, on)
            .trim_start_matches(": ")
            .trim_start_matches(" is ")
            .trim_start()
            .to_string()
            + &unannounced),
    );
    for s in &c.sides {
        field(
            &format!("{} post", country_name(s.country)),
            &format!(
                "{} — {}{}",
                s.post,
                side_hours(s, on),
                disputed(c, &["hours", "days"])
            ),
        );
    }
    field(
        "Season",
        &(c.season
            .map(|s| format!("open {} to {}", s.open, s.close))
            .unwrap_or_else(|| "open all year".into())
            + disputed(c, &["season"])),
    );
    if let Some(text) = between(c) {
        field("Drive between the posts", &text);
    }
    field("Closes for the public holidays of", &holiday_pattern(c));
    let mut who = vec![
        match c.foreigners {
            Foreigners::Anyone => "foreigners may cross".to_string(),
            Foreigners::CitizensOnly => format!(
                "only citizens of {} and {}",
                country_name(c.sides[0].country),
                country_name(c.sides[1].country)
            ),
            Foreigners::AgencyOnly => "foreigners only in an agency transfer".to_string(),
            Foreigners::Unknown => "whether foreigners may cross is not known".to_string(),
        } + disputed(c, &["foreigners"]),
    ];
    who.push(yes_no(
        c.foreigners_public_transport,
        "on public transport",
        "not on public transport",
        "public transport not known",
    ));
    who.push(yes_no(
        c.on_foot,
        "on foot",
        "not on foot",
        "on foot not known",
    ));
    who.push(
        yes_no(
            c.bicycle,
            "by bicycle",
            "not by bicycle",
            "by bicycle not known",
        ) + disputed(c, &["bicycle"]),
    );
    field("Who may cross", &who.join("; "));
    if !c.permits.is_empty() {
        field(
            "Permits",
            &c.permits
                .iter()
                .map(|p| {
                    let permit = &ds.permits[*p];
                    match permit.only_coming_from {
                        // At a crossing, coming from a side's country is leaving it.
                        Some(from) => format!(
                            "{} (only leaving {})",
                            permit.name,
                            super::words::country_name(from)
                        ),
                        None => permit.name.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
    let mut status = match c.status {
        CrossingStatus::Open => "open".to_string(),
        CrossingStatus::Closed => "closed".to_string(),
        CrossingStatus::Uncertain => "uncertain".to_string(),
    };
    if let Some(d) = c.status_since {
        status.push_str(&format!(" since {}", w.date_near(d, on)));
    }
    if let Some(d) = c.reopens {
        status.push_str(&format!("; due to reopen {}", w.date_near(d, on)));
    }
    status.push_str(&match c.prov.verified {
        Some(d) => format!("; verified {}", w.date_near(d, on)),
        None => "; not verified".into(),
    });
    field("Status", &status);
    if !explain {
        // The data's own notes and the dispute texts are sources' words: `--explain`.
        if !c.disputes.is_empty() {
            let facts: Vec<String> = c
                .disputes
                .iter()
                .map(|d| super::words::dispute_name(c, d))
                .collect();
            out.push_str(&wrap(
                &format!(
                    "Disputed: {} (`crossings hours {} --explain` shows each version and its sources, and the data's notes)",
                    super::words::join_and(&facts),
                    c.id
                ),
                width,
                "\n",
                "  ",
            ));
        }
        return out;
    }
    if let Some(notes) = &c.notes {
        out.push_str("\nNotes:\n");
        for para in notes.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&wrap(para.trim(), width, "  ", "  "));
        }
    }
    if !c.disputes.is_empty() {
        out.push_str("\nDisputed (each version with its sources):\n");
        for d in &c.disputes {
            out.push_str(&wrap(
                &format!("{}: {}", super::words::dispute_name(c, d), d.summary),
                width,
                "  ",
                "    ",
            ));
            for a in &d.alternatives {
                out.push_str(&wrap(
                    &format!("{} [{}]", a.says, super::source_ids(ds, &a.sources)),
                    width,
                    "    - ",
                    "      ",
                ));
            }
        }
    }
    out
}

/// A month calendar: each day open or closed (and why), holidays and notices named beneath.
pub fn month(
    w: &Words,
    c: &Crossing,
    first: NaiveDate,
    color: bool,
    width: Option<usize>,
) -> String {
    let ds = w.ds;
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
    // Days before the crossing is recorded open: one note for them all, not "closed".
    let mut not_recorded = false;
    let mut day = first;
    while day.month() == first.month() {
        let (mark, paint) = match calendar::crossing_day(ds, c, day) {
            Ok(()) => {
                // Open, but a notice with hours shuts it for part of the day: say when.
                let part = part_closed(w, c, day);
                if !part.is_empty() {
                    notes.push(format!("{}: open{part}", w.date(day)));
                }
                ("o", "32")
            }
            Err(Closed::Weekday { .. }) => ("w", "90"),
            Err(Closed::Holiday { country, name, .. }) => {
                notes.push(format!(
                    "{}: {}",
                    w.date(day),
                    w.holiday_closure(country, &name, day)
                ));
                ("H", "31")
            }
            Err(Closed::Season(_)) => ("s", "34"),
            Err(Closed::Closure { reason, .. }) => {
                notes.push(format!("{}: closed by notice ({reason})", w.date(day)));
                ("N", "31")
            }
            Err(Closed::Status { .. }) => ("x", "31"),
            Err(why @ Closed::NotRecordedOpen { .. }) => {
                if !not_recorded {
                    not_recorded = true;
                    notes.insert(0, format!("{}.", w.closed(&c.name, &why, day)));
                }
                ("?", "90")
            }
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
    out.push('\n');
    let mut legend = "o open · w closed that weekday · H public holiday (a closure expected; no notice known) · s out of season · N closed by notice · x crossing closed".to_string();
    if not_recorded {
        legend.push_str(" · ? not recorded open yet (status not known)");
    }
    out.push_str(&wrap(&legend, width, "", ""));
    if !notes.is_empty() {
        out.push('\n');
        for n in notes {
            out.push_str(&wrap(&n, width, "", "  "));
        }
    }
    // The facts the calendar rests on that sources dispute, named, and where to read each
    // version (as the crossing's card says it).
    let facts: Vec<String> = c
        .disputes
        .iter()
        .filter(|d| d.fact == "hours" || d.fact == "days" || d.fact == "season")
        .map(|d| super::words::dispute_name(c, d))
        .collect();
    if !facts.is_empty() {
        out.push_str(&wrap(
            &format!(
                "Disputed: {} (`crossings hours {} --explain` shows each version and its sources)",
                super::words::join_and(&facts),
                c.id
            ),
            width,
            "\n",
            "",
        ));
    }
    out
}
