//! The words of `crossings services`: one entry a service — id and name, then mode, route,
//! days and times in the timetable's clock, duration, fares, baggage and status — wrapped at
//! word boundaries.

use super::text::wrap;
use crate::model::{Dataset, Per, ScheduleKind, Service, ServiceStatus, StopAt};

fn status_word(s: ServiceStatus) -> &'static str {
    match s {
        ServiceStatus::Running => "running",
        ServiceStatus::Suspended => "suspended",
        ServiceStatus::Uncertain => "uncertain",
    }
}

pub fn schedule_text(s: &Service) -> String {
    let sc = &s.schedule;
    // Any date serves for the zone's abbreviation in this region (no daylight saving).
    let day = sc
        .first
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    let time = |t: crate::types::LocalTime| super::words::Words::clock(sc.zone.0, day, t.0);
    let days = sc.days.map(|d| d.to_string());
    // A departure the source gives only roughly ("around midnight").
    let depart = |t| {
        if sc.approx {
            format!("about {}", time(t))
        } else {
            time(t)
        }
    };
    let mut t = match sc.kind {
        // What no source gives is said apart from what one does ("Tue, time not known"),
        // never run into it ("days not known time not known").
        ScheduleKind::Weekly => match (days, sc.depart.map(depart)) {
            (Some(d), Some(t)) => format!("{d} {t}"),
            (Some(d), None) => format!("{d}, time not known"),
            (None, Some(t)) => format!("days not known (planned as if daily), {t}"),
            (None, None) => "days and time not known (planned as if daily)".into(),
        },
        ScheduleKind::OnDemand => format!(
            "on demand{}",
            days.map(|d| format!(", {d}")).unwrap_or_default()
        ),
        ScheduleKind::WhenFull => format!(
            "leaves when full, {}",
            days.unwrap_or_else(|| "days not known".into())
        ),
    };
    if sc.kind != ScheduleKind::Weekly {
        if let Some(d) = sc.depart {
            t.push_str(&format!(", from {}", depart(d)));
        }
    }
    if let Some(w) = sc.window {
        t.push_str(&format!(", between {} and {}", time(w.start), time(w.end)));
    }
    if let Some(f) = sc.first {
        t.push_str(&format!("\nfrom {}", super::words::Words::full_date(f)));
    }
    if let Some(l) = sc.last {
        t.push_str(&format!("\nuntil {}", super::words::Words::full_date(l)));
    }
    t
}

fn duration_text(s: &Service) -> String {
    let last = s.stops.len() - 1;
    match (
        s.stops[last].offset,
        crate::model::nights_at(&s.stops, last),
    ) {
        (Some(d), _) => format!("takes {d}"),
        (None, 0) => "duration not known".into(),
        (None, 1) => "duration not known, a night on the way".into(),
        (None, n) => format!("duration not known, {n} nights on the way"),
    }
}

fn fares_text(ds: &Dataset, s: &Service) -> String {
    if s.fares.is_empty() {
        return "unknown".into();
    }
    s.fares
        .iter()
        .map(|f| {
            let per = if f.per == Per::Person {
                "person".to_string()
            } else {
                f.seats
                    .map(|n| format!("vehicle of {n}"))
                    .unwrap_or_else(|| "vehicle".into())
            };
            let leg = if f.from == 0 && f.to == s.stops.len() - 1 {
                String::new()
            } else {
                format!(" {}", segment(ds, s, f.from, f.to))
            };
            let least = if f.at_least { "at least " } else { "" };
            format!("{least}{} per {per}{leg}", f.price.display())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The stretch a fare covers, named as `plan` names it: "Sary-Tash–Irkeshtam Pass".
fn segment(ds: &Dataset, s: &Service, a: usize, b: usize) -> String {
    let name = |i: usize| super::plan::stop_name(ds, s, i);
    format!("{}–{}", name(a), name(b))
}

pub fn baggage_text(s: &Service) -> String {
    let Some(b) = &s.baggage else {
        return "no rule known".into();
    };
    let mut parts = Vec::new();
    if let Some(k) = b.free_kg {
        parts.push(format!("{k} kg free"));
    }
    match b.excess_per_kg {
        Some(r) => parts.push(format!("then {} per kg", r.display())),
        None if b.free_kg.is_some() => parts.push("excess rate not known".into()),
        None => {}
    }
    if let Some(p) = b.per_piece {
        parts.push(format!("{} per bag", p.display()));
    }
    if parts.is_empty() {
        parts.push(
            b.note
                .as_deref()
                .map_or_else(|| "rule known only as a note".into(), str::to_string),
        );
    }
    parts.join(", ")
}

/// Every service in `chosen`, in that order.
pub fn text(ds: &Dataset, chosen: &[usize], width: Option<usize>) -> String {
    let mut out = String::new();
    for (n, i) in chosen.iter().enumerate() {
        let s = &ds.services[*i];
        if n > 0 {
            out.push('\n');
        }
        let mut head = format!("{} · {}", s.name, super::mode_name(s.mode));
        if let Some(o) = &s.operator {
            head.push_str(&format!(" · {o}"));
        }
        out.push_str(&wrap(&head, width, &format!("{}  ", s.id), "    "));
        let route: Vec<String> = s
            .stops
            .iter()
            .map(|st| match st.at {
                StopAt::Place(p) => ds.places[p].name.to_string(),
                StopAt::Crossing(c) => format!("[{}]", ds.crossings[c].name),
            })
            .collect();
        out.push_str(&wrap(&route.join(" → "), width, "    ", "      "));
        let lines = [
            (
                "runs",
                format!(
                    "{}; {}",
                    schedule_text(s).replace('\n', "; "),
                    duration_text(s)
                ),
            ),
            ("fares", fares_text(ds, s).replace('\n', "; ")),
            ("baggage", baggage_text(s)),
            ("status", status_text(s)),
        ];
        for (label, text) in lines {
            out.push_str(&wrap(&text, width, &format!("    {label}: "), "      "));
        }
    }
    out
}

fn status_text(s: &Service) -> String {
    let mut t = status_word(s.status).to_string();
    if let Some(d) = s.status_since {
        t.push_str(&format!(" since {}", super::words::Words::full_date(d)));
    }
    t.push_str(&format!("; {}", super::verified(&s.prov)));
    t
}
