//! `plan FROM TO --month YYYY-MM`: each departure day of a month, whether the journey works
//! leaving that day and when it arrives at the earliest — the flexible-date view, drawn
//! like `hours --month`.

use crate::calendar::{self, Closed};
use crate::findings::Blocker;
use crate::model::{CrossingIx, Dataset};
use crate::planner::{Index, Plan, Planner, Request};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One departure day.
pub struct Day {
    pub date: NaiveDate,
    /// The day's first answer, as a one-day `plan` ranks them (it arrives on the earliest
    /// day, a known arrival before one not known): (departure, arrival, every time known).
    pub best: Option<(DateTime<Utc>, DateTime<Utc>, bool)>,
    /// Whether that departure and arrival are only approximate (a source's "around
    /// midnight"), as `render::ends_about` says.
    pub about: (bool, bool),
    /// Whether every leg's arrival is known (`Itinerary::arrival_certain`; otherwise the
    /// arrival is only the earliest it could be).
    pub arrive_known: bool,
    /// Whether the first leg leaves at a time a source gives (a train at 21:00 followed by
    /// a shared taxi that leaves when full: the departure is known, the arrival is not).
    pub depart_known: bool,
    /// When nothing works: why, that day.
    pub why: Option<Why>,
    /// When nothing works: every cause the day's search met, with the days of the rides it
    /// stopped (as `plan --date DAY --within 1` gives them): the other routes' reasons beside
    /// `why`.
    pub reasons: Vec<(Blocker, BTreeSet<NaiveDate>)>,
}

/// Why no journey leaves on a day.
pub enum Why {
    /// A crossing on the way is closed that day.
    Closed(CrossingIx, Closed),
    /// Journeys leave that day, but each waits on the way for a connection that leaving
    /// later still catches, arriving as early, no dearer and with no more changes
    /// (`Blocker::LeaveLater`): the traveller should leave on `instead`, the next day whose
    /// own plan offers an itinerary (looked for up to `LOOK_AHEAD` days on; `None` beyond).
    LeaveLater { instead: Option<NaiveDate> },
    /// The reason the search met most often.
    Blocked(Blocker),
}

/// How many days after a day whose journeys all wait for a later one the month view looks
/// for the day to leave instead (past the month's end, each planned as the month's are).
const LOOK_AHEAD: i64 = 14;

/// The plan of one departure day: a search one day wide, as `plan --date DAY --within 1`.
fn plan_day(ds: &Dataset, req: &Request, index: &Arc<Index>, date: NaiveDate) -> Plan {
    let day_req = Request {
        date,
        within: 1,
        // As `plan` does: for a day already past, documents count as applied for in good
        // time; otherwise lead times count from today.
        today: if date < req.today {
            date - chrono::Duration::days(365)
        } else {
            req.today
        },
        ..req.clone()
    };
    Planner::with_index(ds, &day_req, Arc::clone(index)).run()
}

/// Plans each day of the month on its own (a search one day wide).
pub fn days(ds: &Dataset, req: &Request, first: NaiveDate) -> Vec<Day> {
    // One index of the dataset serves every day's search.
    let index = Arc::new(Index::new(ds));
    let mut days = first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .map(|date| {
            let plan = plan_day(ds, req, &index, date);
            // The answer `plan --date DAY --within 1` shows first: the planner's itineraries
            // come in its ranking (`Itinerary::key`), which puts a known arrival before an
            // unknown one that could be earlier the same day.
            let first = plan.itineraries.first();
            let best = first.map(|it| (it.depart(), it.arrive(), it.time_known()));
            let about = first.map_or((false, false), |it| crate::render::ends_about(ds, it));
            // As the plan's header: after a ride on the way whose arrival no source gives,
            // the journey's arrival is only the earliest too.
            let arrive_known = first.is_some_and(|it| it.arrival_certain());
            let depart_known = first.is_some_and(|it| it.depart_known());
            // That journeys leave that day but each waits for a connection that leaving later
            // still catches says it best; then a crossing on the way that is closed that day
            // (the calendar's own sentence); otherwise the reason the search met most often.
            let why = if best.is_none() {
                let later = plan.reasons.iter().any(|(b, _)| *b == Blocker::LeaveLater);
                later
                    .then_some(Why::LeaveLater { instead: None })
                    .or_else(|| {
                        plan.blocked_at.iter().find_map(|&(ci, _)| {
                            calendar::crossing_day(ds, &ds.crossings[ci], date)
                                .err()
                                .map(|w| Why::Closed(ci, w))
                        })
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
            let reasons = if best.is_none() {
                plan.reasons
            } else {
                Vec::new()
            };
            Day {
                date,
                best,
                about,
                arrive_known,
                depart_known,
                why,
                reasons,
            }
        })
        .collect::<Vec<Day>>();
    // The day to leave instead of each day whose journeys wait for a later one: the next
    // that works, in the month or, past its end, planned the same way.
    let mut after: Vec<(NaiveDate, bool)> = Vec::new();
    for k in 0..days.len() {
        if !matches!(days[k].why, Some(Why::LeaveLater { .. })) {
            continue;
        }
        let date = days[k].date;
        let mut instead = days[k + 1..]
            .iter()
            .find(|d| d.best.is_some())
            .map(|d| d.date);
        let mut next = days.last().map_or(date, |d| d.date);
        while instead.is_none() && (next - date).num_days() < LOOK_AHEAD {
            next = match next.succ_opt() {
                Some(n) => n,
                None => break,
            };
            let works = match after.iter().find(|(d, _)| *d == next) {
                Some((_, w)) => *w,
                None => {
                    let w = !plan_day(ds, req, &index, next).itineraries.is_empty();
                    after.push((next, w));
                    w
                }
            };
            if works {
                instead = Some(next);
            }
        }
        days[k].why = Some(Why::LeaveLater { instead });
    }
    days
}
