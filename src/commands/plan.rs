//! `crossings plan FROM TO`: resolve the flags into a planning request, plan, and print the
//! itineraries as tables or as the JSON contract documented in the README.

use crate::cli::PlanArgs;
use crate::documents;
use crate::findings::{Advice, Subject};
use crate::model::{Dataset, Per, StopAt};
use crate::money;
use crate::planner::{self, Itinerary, Leg, Request};
use crate::render::plan::{ItineraryAnswer, Layout, PlanAnswer};
use crate::render::words::Words;
use crate::render::{self, words};
use crate::request;
use crate::run::{Failure, Output};
use crate::types::{Currency, Money};
use crate::warnings;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

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

#[derive(Serialize)]
struct Amount {
    amount: serde_json::Number,
    currency: String,
}

fn amount(m: Money) -> Amount {
    Amount {
        amount: money::json(m),
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
    /// A shared taxi priced only as a whole vehicle the party does not fill: the seat price
    /// is unknown (`fare` is null) and this is the price of hiring the whole vehicle.
    hire: Option<Amount>,
    crossing: Option<CrossingJson>,
    /// False when no source fixes the departure time: times are the earliest that fit.
    time_known: bool,
    /// The newest date the service's sources report (YYYY-MM-DD, YYYY-MM, YYYY, "c. YYYY");
    /// null when every source is undated.
    newest_source: Option<String>,
    /// For a leg whose time is not known: the window it leaves in (`depart` is then its
    /// earliest moment, not a timetable time).
    window: Option<WindowJson>,
    /// False when no source gives the time at the stop where the leg ends: `arrive` is then
    /// only the earliest it could be.
    arrive_known: bool,
    /// Whether a post is reached within the margin before its closing time or cut-off.
    tight: bool,
}

#[derive(Serialize)]
struct WindowJson {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct TotalJson {
    amount: serde_json::Number,
    currency: String,
    /// False when some leg's fare is unknown: the amount is then a lower bound.
    complete: bool,
    /// The oldest rate used (kept for compatibility; see `rates`).
    rate_date: Option<String>,
    /// Every rate used: the fare's currency, the rate's date, and whether it is more than a
    /// year older than today.
    rates: Vec<RateJson>,
    /// What the amount leaves out, by leg: `unknown`, `minimum`, `seat-price`, `no-rate`.
    missing: Vec<MissingJson>,
}

#[derive(Serialize)]
struct RateJson {
    currency: String,
    date: Option<String>,
    stale: bool,
}

#[derive(Serialize)]
struct MissingJson {
    service: String,
    why: &'static str,
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
    /// Documents to arrange before travel, in the order they are needed.
    before_you_go: Vec<NeedJson>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct NeedJson {
    /// `visa` or `permit`.
    kind: &'static str,
    /// The country (visa) or the permit id.
    id: String,
    /// `online`, `agency`, `office`, `embassy` or `unknown`.
    how: &'static str,
    apply_at: Option<String>,
    lead: Option<LeadJson>,
    cost: Option<Amount>,
    /// The local date it is first needed.
    needed_from: String,
    passport: Option<String>,
    /// For a visa: the last day of a waiver for this passport that has ended.
    waiver_ended: Option<String>,
    /// False for permits whose enforcement the sources leave uncertain.
    enforced: bool,
}

#[derive(Serialize)]
struct LeadJson {
    days: u32,
    working_days: bool,
}

fn need_json(ds: &Dataset, n: &documents::Need) -> NeedJson {
    use crate::visa::Channel;
    let (kind, id) = match n.doc {
        documents::Doc::Visa(c) => ("visa", c.to_string()),
        documents::Doc::Permit(p) => ("permit", ds.permits[p].id.to_string()),
    };
    NeedJson {
        kind,
        id,
        how: match n.channel {
            Channel::Online => "online",
            Channel::Agency => "agency",
            Channel::Office => "office",
            Channel::Embassy => "embassy",
            Channel::Nothing | Channel::AtBorder => "border",
            Channel::Unknown | Channel::NotObtainable => "unknown",
        },
        apply_at: n.get.apply_at.clone(),
        lead: n.get.lead.map(|l| match l {
            crate::model::Lead::Days(d) => LeadJson {
                days: d,
                working_days: false,
            },
            crate::model::Lead::WorkingDays(d) => LeadJson {
                days: d,
                working_days: true,
            },
        }),
        cost: n.get.cost.map(amount),
        needed_from: n.by.to_string(),
        passport: n.passport.map(|p| p.to_string()),
        waiver_ended: n.waiver_ended.map(|d| d.to_string()),
        enforced: n.enforced,
    }
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
    /// What would change the answer, each with its effect.
    fixes: Vec<FixJson>,
    /// False when no chain of services with known times links the two places.
    connected: bool,
    /// True when the search stopped early (its work budget spent, or more equally good
    /// itineraries at a place than it keeps): other itineraries may exist.
    truncated: bool,
    warnings: Vec<String>,
    earliest: Option<String>,
}

#[derive(Serialize)]
struct FixJson {
    /// `hold` (documents) or `drop-restrictions` (the user's --avoid/--via).
    change: &'static str,
    /// For `hold`: the documents, as `visa:CC` or `permit:ID`.
    documents: Vec<String>,
    /// The departure of the best itinerary it gives within the window asked.
    depart: Option<String>,
    arrive: Option<String>,
    /// Otherwise the earliest departure day within a year it makes possible.
    earliest: Option<String>,
    text: String,
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
    let plan_warnings: Vec<String> = plan_advice.iter().map(|a| w.advice(a)).collect();
    let reasons: Vec<String> = if found {
        Vec::new()
    } else {
        // The cause met most often first: it is the one most likely to be the real blocker.
        let mut ordered = plan.reasons.clone();
        documents::order_reasons(&mut ordered);
        let mut reasons: Vec<(String, &std::collections::BTreeSet<NaiveDate>)> = ordered
            .iter()
            .map(|(b, dates)| {
                let first = dates.iter().next().copied().unwrap_or(req.date);
                (w.blocker(b, first), dates)
            })
            .collect();
        // Stable: among reasons met as often, the more decisive first (documents::order_reasons).
        reasons.sort_by_key(|(_, y)| std::cmp::Reverse(y.len()));
        let mut seen = std::collections::BTreeSet::new();
        reasons.retain(|(why, _)| seen.insert(why.clone()));
        reasons
            .into_iter()
            .map(|(why, dates)| {
                let shown: Vec<String> = dates.iter().take(3).map(|d| w.date(*d)).collect();
                let more = dates.len().saturating_sub(3);
                let more = if more > 0 {
                    format!(
                        " and {}",
                        words::count(more as i64, "more day", "more days")
                    )
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

    if a.json {
        let itineraries = plan
            .itineraries
            .iter()
            .map(|it| {
                let (all_nights, stopover_nights) = nights(ds, it);
                let t = money::total(ds, it, currency);
                let (sum, complete) = (t.sum, t.complete());
                let rate_date = t.rates.iter().filter_map(|r| r.date).min();
                let shares_vehicle = it.legs.iter().any(|l| l.vehicles.is_some());
                ItineraryJson {
                    depart: rfc3339(it.depart(), from.zone.0),
                    arrive: rfc3339(it.arrive(), to.zone.0),
                    total: TotalJson {
                        amount: amount(sum).amount,
                        currency: currency.to_string(),
                        complete,
                        rate_date: rate_date.map(|d| d.to_string()),
                        rates: t
                            .rates
                            .iter()
                            .map(|r| RateJson {
                                currency: r.currency.to_string(),
                                date: r.date.map(|d| d.to_string()),
                                stale: r.date.is_some_and(|d| {
                                    (today - d).num_days() > money::STALE_RATE_DAYS
                                }),
                            })
                            .collect(),
                        missing: t
                            .missing
                            .iter()
                            .map(|(n, m)| MissingJson {
                                service: ds.services[it.legs[*n].service].id.to_string(),
                                why: match m {
                                    money::Missing::Unknown => "unknown",
                                    money::Missing::Minimum => "minimum",
                                    money::Missing::SeatPrice => "seat-price",
                                    money::Missing::NoRate(_) => "no-rate",
                                    money::Missing::TooLarge => "too-large",
                                },
                            })
                            .collect(),
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
                                hire: l.hire.map(|(_, m)| amount(m)),
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
                                newest_source: s.prov.newest.as_ref().map(|r| r.to_string()),
                                window: l.window.map(|(a, b)| WindowJson {
                                    from: rfc3339(a, fp.zone.0),
                                    to: rfc3339(b, fp.zone.0),
                                }),
                                arrive_known: l.arrive_known,
                                tight: l.tight(),
                            }
                        })
                        .collect(),
                    before_you_go: documents::needs(ds, &req, it)
                        .iter()
                        .map(|n| need_json(ds, n))
                        .collect(),
                    warnings: warnings::for_itinerary(ds, &req, it, today)
                        .iter()
                        .map(|a| w.advice(a))
                        .collect(),
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
            fixes: plan
                .fixes
                .iter()
                .map(|f| FixJson {
                    change: match f.change {
                        documents::Change::Hold(_) => "hold",
                        documents::Change::DropRestrictions => "drop-restrictions",
                    },
                    documents: match &f.change {
                        documents::Change::Hold(d) => d
                            .iter()
                            .map(|d| match d {
                                documents::Doc::Visa(c) => format!("visa:{c}"),
                                documents::Doc::Permit(p) => {
                                    format!("permit:{}", ds.permits[*p].id)
                                }
                            })
                            .collect(),
                        documents::Change::DropRestrictions => vec![],
                    },
                    depart: f
                        .itinerary
                        .as_ref()
                        .map(|it| rfc3339(it.depart(), from.zone.0)),
                    arrive: f
                        .itinerary
                        .as_ref()
                        .map(|it| rfc3339(it.arrive(), to.zone.0)),
                    earliest: f.earliest.map(|d| d.to_string()),
                    text: render::paperwork::fix(ds, &req, f),
                })
                .collect(),
            connected: plan.connected,
            truncated: plan.truncated,
        };
        let text = serde_json::to_string_pretty(&j)
            .map_err(|e| Failure::Usage(format!("cannot write JSON: {e}")))?
            + "\n";
        return Ok(Output { text, code, notes });
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
    let layout = Layout {
        width,
        explain: a.explain,
    };
    Ok(Output {
        text: render::plan::text(&w, &answer, layout),
        code,
        notes,
    })
}
