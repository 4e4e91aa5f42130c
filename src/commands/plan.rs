//! `crossings plan FROM TO`: resolve the flags into a planning request, plan, and print the
//! itineraries as tables or as the JSON contract documented in the README.

use crate::cli::PlanArgs;
use crate::documents;
use crate::findings::{Advice, Subject};
use crate::model::{Dataset, StopAt};
use crate::money;
use crate::planner::{self, Itinerary, Leg, Request};
use crate::render;
use crate::render::plan::{ItineraryAnswer, Layout, PlanAnswer};
use crate::render::words::Words;
use crate::request;
use crate::run::{Failure, Output};
use crate::types::Currency;
use crate::warnings;
use chrono::{DateTime, NaiveDate, Utc};

/// The largest `--within` (a year and a day).
const MAX_WITHIN: u32 = 366;

fn resolve(
    ds: &Dataset,
    a: &PlanArgs,
    today: NaiveDate,
    now: Option<DateTime<Utc>>,
) -> Result<(Request, Currency, usize), String> {
    let from = request::place(ds, &a.from)?;
    let to = request::place(ds, &a.to)?;
    if from == to {
        return Err(format!(
            "'{}' and '{}' are the same place; give two different places",
            a.from, a.to
        ));
    }
    // Without --date the search starts now, in the origin's clock: nothing leaves in the past.
    let now = now.filter(|_| a.date.is_none());
    let today = now.map_or(today, |n| {
        n.with_timezone(&ds.places[from].zone.0).date_naive()
    });
    let date = match (&a.date, now) {
        (Some(d), _) => request::date(ds, d, "--date")?,
        (None, Some(n)) => n.with_timezone(&ds.places[from].zone.0).date_naive(),
        (None, None) => today,
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
            held_only: a.held_only,
            // Lead times count from today; for a date already past the question is about
            // the timetables and rules, not what can still be arranged in time, so documents
            // count as applied for in good time (a year before).
            today: if date < today {
                date - chrono::Duration::days(365)
            } else {
                today
            },
            now,
        },
        currency,
        max,
    ))
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

pub fn run(
    ds: &Dataset,
    a: &PlanArgs,
    today: NaiveDate,
    now: Option<DateTime<Utc>>,
    width: Option<usize>,
) -> Result<Output, Failure> {
    let (req, currency, max) = resolve(ds, a, today, now)?;
    if let Some(m) = &a.month {
        return crate::export::month::run(ds, &req, m, a.json);
    }
    let (mut plan, earliest) = planner::plan(ds, &req);
    let more = plan.itineraries.len().saturating_sub(max);
    plan.itineraries.truncate(max);
    let w = Words { ds, today };
    let mut plan_advice = warnings::for_plan(ds, &req, today);
    plan_advice.extend(plan.holidays_unknown.iter().map(|(country, year)| {
        Advice::HolidaysUnknown {
            country: *country,
            year: *year,
        }
    }));
    plan_advice.extend(plan.unusable.iter().map(|(service, stop)| Advice::Untimed {
        service: *service,
        stop: *stop,
    }));
    let found = !plan.itineraries.is_empty();
    if plan.truncated {
        plan_advice.insert(0, Advice::SearchTruncated);
    }
    if !found {
        // The facts behind the reasons may themselves be contested: say so.
        for ci in &plan.blocked_at {
            let c = &ds.crossings[*ci];
            for (k, _) in c
                .disputes
                .iter()
                .enumerate()
                .filter(|(_, d)| warnings::matters(d))
            {
                plan_advice.push(Advice::Disputed {
                    subject: Subject::Crossing(*ci),
                    dispute: k,
                });
            }
        }
    }
    let code = if found { 0 } else { 1 };
    let mut notes = Vec::new();
    if let Some(path) = &a.map {
        notes.push(crate::export::map::write_plan(
            ds,
            &req,
            &plan.itineraries,
            path,
        )?);
    }
    if let Some(path) = &a.ics {
        notes.push(crate::export::write_ics(
            ds,
            &req,
            &plan.itineraries,
            a.itinerary.as_deref(),
            path,
            today,
        )?);
    }
    if a.geojson {
        return Ok(Output {
            text: crate::export::geojson::plan(ds, &plan.itineraries),
            code,
            notes,
        });
    }

    let itineraries = plan
        .itineraries
        .iter()
        .map(|it| {
            let (nights, stopover_nights) = nights(ds, it);
            ItineraryAnswer {
                it: it.clone(),
                total: money::total(ds, it, currency),
                nights,
                stopover_nights,
                advice: warnings::for_itinerary(ds, &req, it, today),
                needs: documents::needs(ds, &req, it),
            }
        })
        .collect();
    let mut reasons = std::mem::take(&mut plan.reasons);
    // The cause met most often first: it is the one most likely to be the real blocker.
    documents::order_reasons(&mut reasons);
    let answer = PlanAnswer {
        req,
        itineraries,
        reasons: if found { Vec::new() } else { reasons },
        notes: plan_advice,
        earliest,
        more,
        plan,
    };
    let text = if a.json {
        render::json::to_text(&render::json::plan(&w, &answer))
    } else {
        let layout = Layout {
            width,
            explain: a.explain,
        };
        render::plan::text(&w, &answer, layout)
    };
    Ok(Output { text, code, notes })
}
