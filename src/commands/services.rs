//! `crossings services`: the services with their days, departure times (with zone),
//! durations, fares, baggage rules, status and verification date.

use crate::cli::ServicesArgs;
use crate::model::{Dataset, Per, ScheduleKind, Service, ServiceStatus, StopAt};
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

pub fn route(ds: &Dataset, s: &Service) -> Vec<String> {
    s.stops
        .iter()
        .map(|st| match st.at {
            StopAt::Place(p) => ds.places[p].id.to_string(),
            StopAt::Crossing(c) => format!("[{}]", ds.crossings[c].id),
        })
        .collect()
}

fn status_word(s: ServiceStatus) -> &'static str {
    match s {
        ServiceStatus::Running => "running",
        ServiceStatus::Suspended => "suspended",
        ServiceStatus::Uncertain => "uncertain",
    }
}

fn schedule_text(s: &Service) -> String {
    let sc = &s.schedule;
    // Any date serves for the zone's abbreviation in this region (no daylight saving).
    let day = sc
        .first
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    let time = |t: crate::types::LocalTime| crate::render::words::Words::clock(sc.zone.0, day, t.0);
    let days = sc.days.map(|d| d.to_string());
    let mut t = match sc.kind {
        ScheduleKind::Weekly => format!(
            "{} {}",
            days.unwrap_or_else(|| "days not known".into()),
            sc.depart
                .map(time)
                .unwrap_or_else(|| "time not known".into())
        ),
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
            t.push_str(&format!(", from {}", time(d)));
        }
    }
    if let Some(w) = sc.window {
        t.push_str(&format!(", between {} and {}", time(w.start), time(w.end)));
    }
    if let Some(f) = sc.first {
        t.push_str(&format!("\nfrom {f}"));
    }
    if let Some(l) = sc.last {
        t.push_str(&format!("\nuntil {l}"));
    }
    t
}

fn duration_text(s: &Service) -> String {
    match s.stops.last().and_then(|st| st.offset) {
        Some(d) => d.to_string(),
        None => "unknown".into(),
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
            format!("{} per {per}{leg}", f.price.display())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn segment(ds: &Dataset, s: &Service, a: usize, b: usize) -> String {
    let name = |i: usize| match s.stops[i].at {
        StopAt::Place(p) => ds.places[p].id.clone(),
        StopAt::Crossing(c) => ds.crossings[c].id.clone(),
    };
    format!("{}→{}", name(a), name(b))
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
        None if b.free_kg.is_some() => {
            parts.push("excess charged per kg (rate not published)".into())
        }
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

pub fn run(ds: &Dataset, a: &ServicesArgs) -> Result<Output, Failure> {
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
    let mut t = render::table(&[
        "service", "mode", "route", "schedule", "duration", "fares", "baggage", "status",
    ]);
    for i in &chosen {
        let s = &ds.services[*i];
        let status = format!(
            "{}{}\n{}",
            status_word(s.status),
            s.status_since
                .map(|d| format!(" since {d}"))
                .unwrap_or_default(),
            crate::render::verified(&s.prov)
        );
        t.add_row(vec![
            format!("{}\n{}", s.id, s.operator.clone().unwrap_or_default())
                .trim_end()
                .to_string(),
            render::mode_name(s.mode).to_string(),
            route(ds, s).join(" → "),
            schedule_text(s),
            duration_text(s),
            fares_text(ds, s),
            baggage_text(s),
            status,
        ]);
    }
    Ok(Output::answer(format!("{t}\n")))
}
