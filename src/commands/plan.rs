//! `crossings plan FROM TO`: resolve the flags into a planning request, plan, and print the
//! itineraries as tables or as the JSON contract documented in the README.

use crate::calendar;
use crate::cli::PlanArgs;
use crate::model::{Dataset, Per, StopAt};
use crate::money;
use crate::planner::{self, Itinerary, Leg, Request};
use crate::render;
use crate::request;
use crate::run::{Failure, Output};
use crate::types::{Currency, Money};
use crate::warnings;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::fmt::Write;

/// The largest `--within` (a year and a day).
const MAX_WITHIN: u32 = 366;

fn resolve(
    ds: &Dataset,
    a: &PlanArgs,
    today: NaiveDate,
) -> Result<(Request, Currency, usize), String> {
    let from = request::place(ds, &a.from)?;
    let to = request::place(ds, &a.to)?;
    if from == to {
        return Err(format!(
            "'{}' and '{}' are the same place; give two different places",
            a.from, a.to
        ));
    }
    let date = match &a.date {
        Some(d) => request::date(d, "--date")?,
        None => today,
    };
    let within = request::count(&a.within, "--within", 1, MAX_WITHIN)?;
    let party = request::count(&a.party, "--party", 1, 60)?;
    let max = request::count(&a.max, "--max", 1, 100)? as usize;
    let passports = a
        .passports
        .iter()
        .map(|p| request::country(ds, p, "--passport"))
        .collect::<Result<Vec<_>, _>>()?;
    let visas = a
        .visas
        .iter()
        .map(|v| request::country(ds, v, "--visa"))
        .collect::<Result<Vec<_>, _>>()?;
    let permits = a
        .permits
        .iter()
        .map(|p| {
            let q = crate::names::fold(p);
            ds.permits
                .iter()
                .position(|x| crate::names::fold(&x.id) == q)
                .ok_or_else(|| {
                    let ids: Vec<&str> = ds.permits.iter().map(|x| x.id.as_str()).collect();
                    format!(
                        "--permit '{p}' is not a permit this dataset knows; expected one of {}",
                        ids.join(", ")
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let via = a
        .via
        .as_deref()
        .map(|v| request::place(ds, v))
        .transpose()?;
    let avoid = a
        .avoid
        .iter()
        .map(|c| request::crossing(ds, c))
        .collect::<Result<Vec<_>, _>>()?;
    let currency = request::currency(ds, &a.currency, "--currency")?;
    Ok((
        Request {
            from,
            to,
            date,
            within,
            passports,
            visas,
            permits,
            party,
            via,
            avoid,
        },
        currency,
        max,
    ))
}

#[derive(Serialize)]
struct Amount {
    amount: serde_json::Number,
    currency: String,
}

fn amount(m: Money) -> Amount {
    Amount {
        amount: m
            .amount_string()
            .parse()
            .unwrap_or_else(|_| serde_json::Number::from(0)),
        currency: m.currency.to_string(),
    }
}

#[derive(Serialize)]
struct FareJson {
    amount: serde_json::Number,
    currency: String,
    per: &'static str,
    /// What this leg costs the whole party, in the fare's currency.
    party: Amount,
}

#[derive(Serialize)]
struct CrossingJson {
    id: String,
    at: Option<String>,
}

#[derive(Serialize)]
struct LegJson {
    from: String,
    to: String,
    mode: String,
    service: String,
    depart: String,
    arrive: String,
    fare: Option<FareJson>,
    crossing: Option<CrossingJson>,
    /// False when no source fixes the departure time: times are the earliest that fit.
    time_known: bool,
}

#[derive(Serialize)]
struct TotalJson {
    amount: serde_json::Number,
    currency: String,
    /// False when some leg's fare is unknown: the amount is then a lower bound.
    complete: bool,
    rate_date: Option<String>,
}

#[derive(Serialize)]
struct ItineraryJson {
    depart: String,
    arrive: String,
    total: TotalJson,
    per_person: Option<Amount>,
    changes: usize,
    /// Local midnights between departure and arrival, on board or not.
    nights: i64,
    /// Of those, nights spent at a place between two legs.
    stopover_nights: i64,
    /// False when some leg's departure time is not fixed by a source.
    time_known: bool,
    legs: Vec<LegJson>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct PlanJson {
    from: String,
    to: String,
    date: String,
    within: u32,
    party: u32,
    itineraries: Vec<ItineraryJson>,
    reasons: Vec<String>,
    warnings: Vec<String>,
    earliest: Option<String>,
}

fn rfc3339(t: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    t.with_timezone(&zone).to_rfc3339()
}

fn place_of(ds: &Dataset, leg: &Leg, stop: usize) -> usize {
    match ds.services[leg.service].stops[stop].at {
        StopAt::Place(p) => p,
        StopAt::Crossing(_) => 0,
    }
}

/// Nights spent at intermediate places between legs (local midnights passed while waiting).
/// Nights of the whole journey (local midnights between leaving and arriving, on board or
/// not), and how many of them are spent at a stopover between two legs.
fn nights(ds: &Dataset, it: &Itinerary) -> (i64, i64) {
    let (Some(first), Some(last)) = (it.legs.first(), it.legs.last()) else {
        return (0, 0);
    };
    let zone_of = |l: &Leg, stop: usize| ds.places[place_of(ds, l, stop)].zone.0;
    let all = (last
        .arrive
        .with_timezone(&zone_of(last, last.alight))
        .date_naive()
        - first
            .depart
            .with_timezone(&zone_of(first, first.board))
            .date_naive())
    .num_days();
    let stopovers = it
        .legs
        .windows(2)
        .map(|w| {
            let zone = zone_of(&w[0], w[0].alight);
            (w[1].depart.with_timezone(&zone).date_naive()
                - w[0].arrive.with_timezone(&zone).date_naive())
            .num_days()
        })
        .sum();
    (all.max(0), stopovers)
}

/// The total for the party in `currency`, and whether every fare was known.
fn total(ds: &Dataset, it: &Itinerary, currency: Currency) -> (Money, bool, Option<NaiveDate>) {
    let mut sum = Money { minor: 0, currency };
    let mut complete = it.unknown_fares == 0;
    let mut date: Option<NaiveDate> = None;
    for leg in &it.legs {
        if let Some((_, m)) = leg.fare {
            match money::convert(&ds.rates, m, currency) {
                Some(x) => {
                    sum.minor += x.minor;
                    if m.currency != currency {
                        let d = money::rate_date(&ds.rates, m.currency, currency);
                        date = match (date, d) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                    }
                }
                None => complete = false,
            }
        }
    }
    (sum, complete, date)
}

/// A moment with its zone, or only its day where no source fixes the time.
fn when(t: DateTime<Utc>, zone: chrono_tz::Tz, known: bool) -> String {
    if known {
        calendar::show(t, zone)
    } else {
        format!(
            "{} (time not known)",
            t.with_timezone(&zone).format("%a %-d %b")
        )
    }
}

fn duration(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let m = (to - from).num_minutes();
    crate::types::Dur(m).to_string()
}

pub fn run(ds: &Dataset, a: &PlanArgs, today: NaiveDate) -> Result<Output, Failure> {
    let (req, currency, max) = resolve(ds, a, today)?;
    let (mut plan, earliest) = planner::plan(ds, &req);
    plan.itineraries.truncate(max);
    let notes = warnings::for_plan(ds, &req);
    let mut unusable: Vec<String> = plan.unusable.values().cloned().collect();
    unusable.sort();
    let mut plan_warnings = notes;
    plan_warnings.extend(
        unusable
            .into_iter()
            .map(|u| format!("not planned with: {u}")),
    );
    let found = !plan.itineraries.is_empty();
    if req.date < today {
        plan_warnings.insert(0, format!("{} is in the past (today is {today}): the answer describes the timetables and rules as the dataset knows them now", req.date));
    }
    if !found {
        // The facts behind the reasons may themselves be contested: say so.
        for ci in &plan.blocked_at {
            let c = &ds.crossings[*ci];
            for d in c.disputes.iter().filter(|d| warnings::matters(d)) {
                plan_warnings.push(format!("{} — disputed {}: {}", c.name, d.fact, d.summary));
            }
        }
    }
    let reasons: Vec<String> = if found {
        Vec::new()
    } else {
        // The cause met most often first: it is the one most likely to be the real blocker.
        let mut reasons: Vec<_> = plan.reasons.iter().collect();
        reasons.sort_by_key(|(why, dates)| (std::cmp::Reverse(dates.len()), *why));
        reasons
            .into_iter()
            .map(|(why, dates)| {
                let shown: Vec<String> = dates
                    .iter()
                    .take(3)
                    .map(|d| d.format("%a %-d %b %Y").to_string())
                    .collect();
                let more = dates.len().saturating_sub(3);
                let more = if more > 0 {
                    format!(" and {more} more day(s)")
                } else {
                    String::new()
                };
                format!("{why} (met on {}{more})", shown.join(", "))
            })
            .collect()
    };
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    let code = if found { 0 } else { 1 };

    if a.json {
        let itineraries = plan
            .itineraries
            .iter()
            .map(|it| {
                let (all_nights, stopover_nights) = nights(ds, it);
                let (sum, complete, rate_date) = total(ds, it, currency);
                let shares_vehicle = it.legs.iter().any(|l| l.vehicles.is_some());
                ItineraryJson {
                    depart: rfc3339(it.depart(), from.zone.0),
                    arrive: rfc3339(it.arrive(), to.zone.0),
                    total: TotalJson {
                        amount: amount(sum).amount,
                        currency: currency.to_string(),
                        complete,
                        rate_date: rate_date.map(|d| d.to_string()),
                    },
                    per_person: (shares_vehicle && req.party > 1).then(|| {
                        amount(Money {
                            minor: sum.minor / i64::from(req.party),
                            currency,
                        })
                    }),
                    changes: it.changes(),
                    nights: all_nights,
                    stopover_nights,
                    time_known: it.time_known(),
                    legs: it
                        .legs
                        .iter()
                        .map(|l| {
                            let s = &ds.services[l.service];
                            let (fp, tp) = (
                                &ds.places[place_of(ds, l, l.board)],
                                &ds.places[place_of(ds, l, l.alight)],
                            );
                            LegJson {
                                from: fp.id.to_string(),
                                to: tp.id.to_string(),
                                mode: render::mode_name(s.mode).into(),
                                service: s.id.to_string(),
                                depart: rfc3339(l.depart, fp.zone.0),
                                arrive: rfc3339(l.arrive, tp.zone.0),
                                fare: l.fare.map(|(fi, party)| {
                                    let f = &s.fares[fi];
                                    FareJson {
                                        amount: amount(f.price).amount,
                                        currency: f.price.currency.to_string(),
                                        per: if f.per == Per::Person {
                                            "person"
                                        } else {
                                            "vehicle"
                                        },
                                        party: amount(party),
                                    }
                                }),
                                crossing: l.borders.first().map(|b| {
                                    let c = &ds.crossings[b.crossing];
                                    CrossingJson {
                                        id: c.id.to_string(),
                                        at: b
                                            .reach
                                            .map(|t| rfc3339(t, c.sides[b.first_side].zone.0)),
                                    }
                                }),
                                time_known: l.time_known,
                            }
                        })
                        .collect(),
                    warnings: warnings::for_itinerary(ds, &req, it, today),
                }
            })
            .collect();
        let j = PlanJson {
            from: from.id.to_string(),
            to: to.id.to_string(),
            date: req.date.to_string(),
            within: req.within,
            party: req.party,
            itineraries,
            reasons,
            warnings: plan_warnings,
            earliest: earliest.map(|d| d.to_string()),
        };
        let text = serde_json::to_string_pretty(&j)
            .map_err(|e| Failure::Usage(format!("cannot write JSON: {e}")))?
            + "\n";
        return Ok(Output {
            text,
            code,
            notes: vec![],
        });
    }

    let mut out = String::new();
    let last_day = req.date + chrono::Duration::days(i64::from(req.within) - 1);
    let window = format!(
        "{} – {}",
        req.date.format("%a %-d %b %Y"),
        last_day.format("%a %-d %b %Y")
    );
    if !found {
        let _ = writeln!(
            out,
            "No itinerary from {} to {} leaving {window}.",
            from.name, to.name
        );
        if reasons.is_empty() {
            let _ = writeln!(
                out,
                "No service with known times in the dataset connects {} to {} (even with changes).",
                from.name, to.name
            );
        } else {
            let _ = writeln!(out, "\nWhy:");
            for r in &reasons {
                let _ = writeln!(out, "- {r}");
            }
        }
        match earliest {
            Some(d) => {
                let _ = writeln!(
                    out,
                    "\nEarliest departure that works within a year: {}.",
                    d.format("%a %-d %b %Y")
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "\nNo departure within a year works with these passports, visas and permits."
                );
            }
        }
    } else {
        let _ = writeln!(
            out,
            "{} → {}, leaving {window}, party of {}",
            from.name, to.name, req.party
        );
    }
    for (n, it) in plan.itineraries.iter().enumerate() {
        let crossings: usize = it.legs.iter().map(|l| l.borders.len()).sum();
        let (all_nights, stopover_nights) = nights(ds, it);
        let _ = writeln!(
            out,
            "\nItinerary {}: {} → {} ({}; {} change(s), {} night(s), {} of them at a stopover, {} border crossing(s))",
            n + 1,
            when(it.depart(), from.zone.0, it.legs.first().is_some_and(|l| l.time_known)),
            when(it.arrive(), to.zone.0, it.time_known()),
            if it.time_known() { duration(it.depart(), it.arrive()) } else { format!("about {}", duration(it.depart(), it.arrive())) },
            it.changes(),
            all_nights,
            stopover_nights,
            crossings
        );
        let mut t = render::table(&[
            "depart",
            "arrive",
            "from → to",
            "mode",
            "service",
            "border",
            "fare",
        ]);
        for l in &it.legs {
            let s = &ds.services[l.service];
            let (fp, tp) = (
                &ds.places[place_of(ds, l, l.board)],
                &ds.places[place_of(ds, l, l.alight)],
            );
            let border = l
                .borders
                .iter()
                .map(|b| {
                    let c = &ds.crossings[b.crossing];
                    match b.reach {
                        Some(t) => format!(
                            "{} {}",
                            c.name,
                            when(t, c.sides[b.first_side].zone.0, l.time_known)
                        ),
                        None => format!("{} (time not known)", c.name),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            let fare = match l.fare {
                Some((fi, party)) => {
                    let f = &s.fares[fi];
                    let per = if f.per == Per::Person {
                        "person"
                    } else {
                        "vehicle"
                    };
                    if party == f.price {
                        format!("{} per {per}", f.price.display())
                    } else {
                        format!(
                            "{} per {per} ({} in all)",
                            f.price.display(),
                            party.display()
                        )
                    }
                }
                None => "unknown".into(),
            };
            let (depart, arrive) = if l.time_known {
                (
                    calendar::show(l.depart, fp.zone.0),
                    calendar::show(l.arrive, tp.zone.0),
                )
            } else {
                (
                    format!(
                        "{} (time not known)",
                        l.depart.with_timezone(&fp.zone.0).format("%a %-d %b")
                    ),
                    format!("{} after departure", duration(l.depart, l.arrive)),
                )
            };
            t.add_row(vec![
                depart,
                arrive,
                format!("{} → {}", fp.name, tp.name),
                render::mode_name(s.mode).to_string(),
                s.id.to_string(),
                if border.is_empty() {
                    "-".into()
                } else {
                    border
                },
                fare,
            ]);
        }
        let _ = writeln!(out, "{t}");
        let (sum, complete, rate_date) = total(ds, it, currency);
        let any_fare = it.legs.iter().any(|l| l.fare.is_some());
        let mut line = match (any_fare, complete) {
            (false, _) => "Total for the party: unknown (no fare for these services is known)".to_string(),
            (true, true) => format!("Total for the party: {}", sum.display()),
            (true, false) => format!("Total for the party: at least {} (some fares are unknown or minimums; see warnings)", sum.display()),
        };
        if let Some(d) = rate_date {
            line.push_str(&format!(", converted at rates of {d}"));
        }
        if req.party > 1 && any_fare {
            line.push_str(&format!(
                "; per person {}{}",
                if complete { "" } else { "at least " },
                Money {
                    minor: sum.minor / i64::from(req.party),
                    currency
                }
                .display()
            ));
        }
        let _ = writeln!(out, "{line}");
        let w = warnings::for_itinerary(ds, &req, it, today);
        if !w.is_empty() {
            let _ = writeln!(out, "Warnings:");
            for x in w {
                let _ = writeln!(out, "- {x}");
            }
        }
    }
    if !plan_warnings.is_empty() {
        let _ = writeln!(out, "\nNotes:");
        for x in &plan_warnings {
            let _ = writeln!(out, "- {x}");
        }
    }
    Ok(Output {
        text: out,
        code,
        notes: vec![],
    })
}
