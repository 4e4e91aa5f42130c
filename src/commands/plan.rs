//! `crossings plan FROM TO`: plan a typed request, keep `max` routes (each with its other
//! days), and gather what a traveller should know about each itinerary and the whole answer.
//! `--month`: plan each departure day of a month on its own.

use crate::answer::{ItineraryAnswer, PlanAnswer, PlanMonthAnswer, TooManyRides};
use crate::documents;
use crate::findings::{Advice, Subject};
use crate::model::{Dataset, StopAt};
use crate::money;
use crate::planner::{self, Itinerary, Leg};
use crate::query::{PlanMonthQuery, PlanQuery};
use crate::warnings;

fn place_of(ds: &Dataset, leg: &Leg, stop: usize) -> usize {
    match ds.services[leg.service].stops[stop].at {
        StopAt::Place(p) => p,
        StopAt::Crossing(_) => 0,
    }
}

/// Nights of the whole journey (local midnights between leaving and arriving, on board or
/// not), how many of them are spent at a stopover between two legs (local midnights passed
/// while waiting), and whether that count is exact: after an overnight ride (a sleeper bus,
/// a train) whose arrival time is not known it is counted from the earliest that arrival
/// could be, so it is at most that many.
fn nights(ds: &Dataset, it: &Itinerary) -> (i64, i64, bool) {
    let (Some(first), Some(last)) = (it.legs.first(), it.legs.last()) else {
        return (0, 0, true);
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
    // A leg the planner keeps off the road at midnight (not overnight: see
    // `planner::overnight`) arrives before the night even when the time is not known.
    let known = it
        .legs
        .windows(2)
        .all(|w| w[0].arrive_known || !planner::overnight(ds.services[w[0].service].mode));
    (all.max(0), stopovers, known)
}

/// With no itinerary, although services link the two places: whether every route between
/// them (through `--via`) takes more rides than a journey may have (`planner::MAX_LEGS`),
/// dates ignored, so that the search never tried one; and a place to split it at, the two
/// parts each within the limit. Penjikent to Islamabad takes seven rides (Gilgit is the
/// sixth stop), which no search of at most six finds.
fn too_many_rides(ds: &Dataset, req: &planner::Request) -> Option<TooManyRides> {
    let index = planner::Index::new(ds);
    let to = index.hops_to(ds, req.to);
    let from = index.hops_from(ds, req.from);
    let most = planner::MAX_LEGS as u32;
    let parts = |p: usize| {
        Some((
            from.get(p).copied().flatten()?,
            to.get(p).copied().flatten()?,
        ))
    };
    let fewest = match req.via {
        Some(v) => parts(v).map(|(a, b)| a + b)?,
        None => to.get(req.from).copied().flatten()?,
    };
    if fewest <= most {
        return None;
    }
    let within = |p: usize| parts(p).filter(|&(a, b)| a <= most && b <= most);
    let split = match req.via {
        Some(v) => within(v).map(|_| v),
        // On a route with the fewest rides, the longer part as short as can be; the first
        // such place in the dataset's order.
        None => (0..ds.places.len())
            .filter_map(|p| {
                within(p)
                    .filter(|&(a, b)| a + b == fewest)
                    .map(|(a, b)| (a.max(b), p))
            })
            .min()
            .map(|(_, p)| p),
    };
    Some(TooManyRides {
        fewest,
        most,
        split,
    })
}

/// Each departure day of the month: does the journey work leaving that day, and when does
/// it arrive.
pub fn month(ds: &Dataset, q: &PlanMonthQuery) -> PlanMonthAnswer {
    PlanMonthAnswer {
        req: q.req.clone(),
        first: q.first,
        days: crate::export::month::days(ds, &q.req, q.first),
    }
}

/// The itineraries (each route once, with its other days), their notes, and when there is
/// none, why.
pub fn answer(ds: &Dataset, q: &PlanQuery) -> PlanAnswer {
    let (req, currency, max, today) = (q.req.clone(), q.currency, q.max, q.today);
    let (mut plan, earliest) = planner::plan(ds, &req);
    // Each route once (`--max` counts routes), in the order of its best itinerary; the
    // same route on other days goes with it (named in the text, listed in JSON).
    let all = std::mem::take(&mut plan.itineraries);
    let found_count = all.len();
    let groups: Vec<Vec<usize>> = planner::by_route(&all);
    let more = groups.len().saturating_sub(max);
    let groups: Vec<Vec<usize>> = groups.into_iter().take(max).collect();
    plan.itineraries = groups.iter().map(|g| all[g[0]].clone()).collect();
    let also: Vec<Vec<planner::Itinerary>> = groups
        .iter()
        .map(|g| g[1..].iter().map(|i| all[*i].clone()).collect())
        .collect();
    let mut plan_advice = warnings::for_plan(ds, &req, today, &plan.suspended);
    plan_advice.extend(plan.holidays_unknown.iter().map(|(country, year)| {
        Advice::HolidaysUnknown {
            country: *country,
            year: *year,
        }
    }));
    // Holidays next to the days the posts are passed, in years whose official schedule is
    // not announced: once for every itinerary shown (each route and its other days).
    plan_advice.extend(warnings::unannounced(
        ds,
        plan.itineraries.iter().chain(also.iter().flatten()),
    ));
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
        for &(ci, first_side) in &plan.blocked_at {
            let c = &ds.crossings[ci];
            for (k, _) in c
                .disputes_from(first_side)
                .filter(|(_, d)| warnings::matters(d))
            {
                let advice = Advice::Disputed {
                    subject: Subject::Crossing(ci),
                    dispute: k,
                };
                // Blocked both ways: named once.
                if !plan_advice.contains(&advice) {
                    plan_advice.push(advice);
                }
            }
        }
    }
    let itineraries = plan
        .itineraries
        .iter()
        .zip(also)
        .map(|(it, also)| {
            let (nights, stopover_nights, stopover_nights_known) = nights(ds, it);
            ItineraryAnswer {
                also,
                it: it.clone(),
                total: money::total(ds, it, currency),
                nights,
                stopover_nights,
                stopover_nights_known,
                advice: warnings::for_itinerary(ds, &req, it, today),
                needs: documents::needs(ds, &req, it),
            }
        })
        .collect();
    let mut reasons = std::mem::take(&mut plan.reasons);
    // The cause met most often first: it is the one most likely to be the real blocker.
    documents::order_reasons(&mut reasons);
    let too_many_rides = if found || !plan.connected {
        None
    } else {
        too_many_rides(ds, &req)
    };
    PlanAnswer {
        too_many_rides,
        req,
        itineraries,
        reasons: if found { Vec::new() } else { reasons },
        notes: plan_advice,
        earliest,
        more,
        found: found_count,
        plan,
    }
}
