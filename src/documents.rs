//! The paperwork model: the documents an itinerary needs before its borders (visas to
//! arrange, permits), how each is obtained, how long that takes, and whether it can still
//! be done before the day it is needed. Pure functions of the dataset and the request;
//! `render` writes them in words.
//!
//! A document is *held* when the traveller names it (`--visa CC`, `--permit ID`) or holds a
//! passport or visa that waives it. Otherwise it is *obtainable* when its channel is one a
//! traveller can use before the border (online, an agency, an office on the way, an
//! embassy, or unknown) and its lead time, where the data gives one, fits between today and
//! the day it is needed. By default the planner uses obtainable documents and lists them
//! under "Before you go"; with `--held-only` it uses only held ones and what the border
//! gives (visa-free entry, a visa on arrival that this land border offers).

use crate::model::{Dataset, Enforce, HowToGet, Lead, Permit, PermitIx, Requirement, StopAt};
use crate::planner::{BorderPass, Itinerary, Leg, Request};
use crate::types::Country;
use crate::visa::{Channel, Entry};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

/// A document a journey may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Doc {
    /// A visa (or e-visa, ETA) for a country.
    Visa(Country),
    /// A permit from the dataset.
    Permit(PermitIx),
}

impl Doc {
    /// The country whose offices issue it, for counting working days: a visa's destination;
    /// a permit's issuer is not in the data (weekends only are skipped).
    pub fn issuer(self) -> Option<Country> {
        match self {
            Doc::Visa(c) => Some(c),
            Doc::Permit(_) => None,
        }
    }
}

/// One document an itinerary needs and the traveller does not hold yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub doc: Doc,
    pub channel: Channel,
    pub get: HowToGet,
    /// The local date it is first needed (a visa: the day of entry at the second post; a
    /// permit: the first day the place or the crossing's first post may be reached), and the
    /// border or place where it is checked.
    pub by: NaiveDate,
    /// Where no source gives the day it is needed (a post or a place whose time is not
    /// known, reached on one of several days): the last of those days. It must hold on every
    /// day from `by` to it: a visa must admit the traveller on any of them, a permit for a
    /// crossing's border area cover each day the traveller may be in the area (the first
    /// post reached to the last day either post may be passed), a place's permit each day
    /// the place may be reached (`place_days`). `None` when it is needed on one known day.
    pub until: Option<NaiveDate>,
    pub at: StopAt,
    /// For a visa: the passport it is for and the requirement it meets.
    pub passport: Option<Country>,
    pub requirement: Option<Requirement>,
    /// For a visa: the last day of a waiver for this passport that has ended.
    pub waiver_ended: Option<NaiveDate>,
    /// Whether the route is refused without it (a checked permit, a visa) or it is only
    /// reported as needed (permits whose enforcement the sources leave uncertain).
    pub enforced: bool,
}

/// The first day a document applied for on `today` can be held, when the lead time is known.
/// Working days skip weekends and the public holidays of the issuing country (`issuer`,
/// where the data knows them): a Chinese visa's "4 working days" do not run through
/// Golden Week.
pub fn ready_on(
    ds: &Dataset,
    issuer: Option<Country>,
    today: NaiveDate,
    lead: Option<Lead>,
) -> Option<NaiveDate> {
    ready_on_with(today, lead, |d| day_off(ds, issuer, d))
}

/// Whether `day` is no working day for the office issuing a document of `issuer`: a
/// weekend, or a public holiday of that country.
pub fn day_off(ds: &Dataset, issuer: Option<Country>, day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        || issuer.is_some_and(|c| ds.holiday(c, day).is_some())
}

fn ready_on_with(
    today: NaiveDate,
    lead: Option<Lead>,
    off: impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    match lead? {
        Lead::Days(d) => today.checked_add_signed(Duration::days(i64::from(d))),
        Lead::WorkingDays(d) => {
            let mut day = today;
            let mut left = d;
            while left > 0 {
                day = day.succ_opt()?;
                if !off(day) {
                    left -= 1;
                }
            }
            Some(day)
        }
    }
}

/// The last day to apply for a document with this lead time so that it is held on
/// `needed_on` (the inverse of `ready_on`), when the lead time is known.
pub fn apply_by(
    ds: &Dataset,
    issuer: Option<Country>,
    needed_on: NaiveDate,
    lead: Option<Lead>,
) -> Option<NaiveDate> {
    apply_by_with(needed_on, lead, |d| day_off(ds, issuer, d))
}

fn apply_by_with(
    needed_on: NaiveDate,
    lead: Option<Lead>,
    off: impl Fn(NaiveDate) -> bool + Copy,
) -> Option<NaiveDate> {
    match lead? {
        Lead::Days(d) => needed_on.checked_sub_signed(Duration::days(i64::from(d))),
        Lead::WorkingDays(d) => {
            // The latest day whose `ready_on` is no later than `needed_on`.
            let mut day = needed_on;
            loop {
                if ready_on_with(day, Some(Lead::WorkingDays(d)), off)? <= needed_on {
                    return Some(day);
                }
                day = day.pred_opt()?;
            }
        }
    }
}

/// Whether a document with this lead time, applied for today, is held by `needed_on`.
/// An unknown lead time is not a reason to refuse: it stays unknown and is shown so.
pub fn in_time(
    ds: &Dataset,
    issuer: Option<Country>,
    today: NaiveDate,
    lead: Option<Lead>,
    needed_on: NaiveDate,
) -> bool {
    ready_on(ds, issuer, today, lead).is_none_or(|r| r <= needed_on)
}

/// How a permit is obtained: from the data, else "before travel, how not known".
pub fn permit_channel(p: &Permit) -> Channel {
    p.get.obtain.map_or(Channel::Unknown, Channel::from_obtain)
}

/// Whether the traveller holds the permit: named it, or a passport or visa held waives it.
/// The visas held are those named and the visa of the country the journey starts in, when
/// every passport held needs one there (`visa_of_start`). The one rule for the planner's
/// rides and "Before you go" alike, so that no permit is waited for that the list calls
/// waived, nor listed when the planner counts it held.
pub fn permit_held(ds: &Dataset, req: &Request, p: PermitIx) -> bool {
    let permit = &ds.permits[p];
    req.permits.contains(&p)
        || permit.waived(&req.passports, &req.visas)
        || visa_of_start(ds, req).is_some_and(|c| permit.waived(&[], &[c]))
}

/// The visa of the country the journey starts in, when every passport held needs one there
/// (none without a passport): the traveller is there on it, so it counts as held (starting
/// in Pakistan, the Karakoram Highway border-area permit is waived).
pub fn visa_of_start(ds: &Dataset, req: &Request) -> Option<Country> {
    let start = ds.places[req.from].country;
    let needs_visa = |p: &Country| {
        matches!(
            crate::visa::requirement(ds, *p, start, req.date),
            Some((
                Requirement::VisaOnArrival
                    | Requirement::EVisa
                    | Requirement::Eta
                    | Requirement::VisaRequired,
                _
            ))
        )
    };
    (!req.visas.contains(&start)
        && !req.passports.is_empty()
        && req.passports.iter().all(needs_visa))
    .then_some(start)
}

/// The documents `it` needs that the traveller does not hold, in the order they are needed,
/// each once.
pub fn needs(ds: &Dataset, req: &Request, it: &Itinerary) -> Vec<Need> {
    // Visas this itinerary has the traveller obtain count as held for the permits they
    // waive (a Pakistani visa waives the Karakoram Highway border-area permit).
    // (The visa of the country the journey starts in counts too: `permit_held`.)
    let mut req = req.clone();
    for pass in it.legs.iter().flat_map(|l| &l.borders) {
        if let Some((c, _, _)) = pass.entry.as_deref().and_then(Entry::to_arrange) {
            if !req.visas.contains(&c) {
                req.visas.push(c);
            }
        }
    }
    let req = &req;
    let mut out: Vec<Need> = Vec::new();
    let mut push = |n: Need| {
        if !out.iter().any(|o| o.doc == n.doc) {
            out.push(n);
        }
    };
    for leg in &it.legs {
        let s = &ds.services[leg.service];
        let zone = s.schedule.zone.0;
        let board_day = leg.depart.with_timezone(&zone).date_naive();
        let mut border = leg.borders.iter();
        for (k, st) in s
            .stops
            .iter()
            .enumerate()
            .take(leg.alight + 1)
            .skip(leg.board)
        {
            let (permits, day, until) = match st.at {
                // A permit for a place from the first day it may be reached, and where no
                // source gives the time there, every day to the last it may be.
                StopAt::Place(p) if ds.places[p].permits.is_empty() => continue,
                StopAt::Place(p) => {
                    let (first, last) = place_days(ds, leg, k, ds.places[p].zone.0);
                    (&ds.places[p].permits, first, last)
                }
                StopAt::Crossing(c) => {
                    let pass = border.find(|b| b.crossing == c);
                    let cr = &ds.crossings[c];
                    // A visa must be valid from the day of entry: the day the second post is
                    // passed, after any wait there or at the first (the day the planner judges
                    // the entry on). A permit for the crossing's border area from the day the
                    // first post is reached: the traveller is in the area from then, queueing
                    // overnight for the post to open included. With no time known at the
                    // border, both are the first day it was checked for; a visa needed only
                    // from a later one of those days (a waiver ending) from that day, and it
                    // must admit the traveller up to the last of them; the permit must cover
                    // every day to the last either post may be passed on.
                    let (reach_day, entry_day) = pass.map_or((board_day, board_day), |b| {
                        (b.reach_day(ds, leg.depart), b.entry_needed(ds, leg.depart))
                    });
                    let entry_until = pass.and_then(|b| b.latest[1]).filter(|d| *d > entry_day);
                    let area_until = pass
                        .and_then(BorderPass::untimed_days)
                        .map(|(_, last)| last)
                        .filter(|d| *d > reach_day);
                    if let Some(Entry::Arrange {
                        passport,
                        destination,
                        requirement,
                        channel,
                        get,
                        ended,
                        ..
                    }) = pass.and_then(|b| b.entry.as_deref())
                    {
                        push(Need {
                            doc: Doc::Visa(*destination),
                            channel: *channel,
                            get: get.clone(),
                            by: entry_day,
                            until: entry_until,
                            at: st.at,
                            passport: Some(*passport),
                            requirement: Some(*requirement),
                            waiver_ended: *ended,
                            enforced: true,
                        });
                    }
                    (&cr.permits, reach_day, area_until)
                }
            };
            for p in permits {
                let permit = &ds.permits[*p];
                if permit_held(ds, req, *p) || !permit.needed_on(ds, s, leg.board, k) {
                    continue;
                }
                push(Need {
                    doc: Doc::Permit(*p),
                    channel: permit_channel(permit),
                    get: permit.get.clone(),
                    by: day,
                    until,
                    at: st.at,
                    passport: None,
                    requirement: None,
                    waiver_ended: None,
                    enforced: permit.enforce == Enforce::Refuse,
                });
            }
        }
    }
    out
}

/// The local days, in the place's clock `zone`, the vehicle of `leg` may reach its stop `k`,
/// a place: the first, and where no source gives the time there, the last when a later time
/// is known (`None` otherwise, or when it is the same day). Where the time is known (boarding,
/// a stop with a time, after any wait at a post before it; the arrival where it is known),
/// its day. Otherwise no earlier than the last time known before it (boarding, a stop with a
/// time, a post passed at a known time, or the day a post with no time was checked for) nor
/// than as many days after the start as the nights a source says the vehicle spends on the
/// way (the arrival where the leg ends there: the earliest it can be), and no later than
/// the next time known after it: the days a post with no time is checked on, for a place.
fn place_days(ds: &Dataset, leg: &Leg, k: usize, zone: Tz) -> (NaiveDate, Option<NaiveDate>) {
    let s = &ds.services[leg.service];
    let day = |t: DateTime<Utc>| t.with_timezone(&zone).date_naive();
    if k == leg.board || (k == leg.alight && leg.arrive_known) {
        let t = if k == leg.board {
            leg.depart
        } else {
            leg.arrive
        };
        return (day(t), None);
    }
    let t0 = leg.depart - s.stops[leg.board].board().unwrap_or_default().to_chrono();
    // Where no source gives the departure, the vehicle may leave up to the last moment of
    // its day, and reach every stop as much later (`planner::departure_span`).
    let mut zones = crate::calendar::Zones::default();
    let span =
        crate::planner::departure_span(ds, &mut zones, s, (leg.board, leg.alight), leg.depart);
    let late = crate::planner::late_by(span, leg.depart);
    let latest = |t: DateTime<Utc>| t + late;
    // The leg's border passes are its crossing stops, in order.
    let passes: Vec<(usize, &BorderPass)> = (leg.board + 1..leg.alight)
        .filter(|m| matches!(s.stops[*m].at, StopAt::Crossing(_)))
        .zip(&leg.borders)
        .collect();
    // When the vehicle reaches stop `m` at its offset `o`: moved on by the waits at the posts
    // before it, and not before the last post before it was passed.
    let at = |m: usize, o: Duration| {
        let before = passes.iter().filter(|(c, _)| *c < m);
        let waited = before
            .clone()
            .fold(Duration::zero(), |w, (_, b)| w + b.waited);
        let t = t0 + o + waited;
        before.filter_map(|(_, b)| b.cleared).fold(t, DateTime::max)
    };
    if let Some(o) = s.stops[k].offset {
        let t = at(k, o.to_chrono());
        let (first, last) = (day(t), day(latest(t)));
        return (first, (last > first).then_some(last));
    }
    let mut first = day(leg.depart);
    for m in leg.board + 1..k {
        if let Some(o) = s.stops[m].offset {
            first = first.max(day(at(m, o.to_chrono())));
        }
    }
    for (_, b) in passes.iter().filter(|(c, _)| *c < k) {
        let passed = b.cleared.map(day).or(b.days[1]).or(b.days[0]);
        first = first.max(passed.unwrap_or(first));
    }
    let nights = crate::model::nights_at(&s.stops, k);
    if nights > 0 {
        first = first.max(day(t0) + Duration::days(i64::from(nights)));
    }
    if k == leg.alight {
        first = first.max(day(leg.arrive));
    }
    let last = s.stops[k + 1..]
        .iter()
        .enumerate()
        .find_map(|(n, st)| st.offset.map(|o| day(latest(at(k + 1 + n, o.to_chrono())))))
        .filter(|d| *d > first);
    (first, last)
}

/// The documents of `it` the traveller would have to arrange, as a set (for comparing
/// routes: "with a GBAO permit").
pub fn doc_set(ds: &Dataset, req: &Request, it: &Itinerary) -> Vec<Doc> {
    let mut v: Vec<Doc> = needs(ds, req, it)
        .into_iter()
        .filter(|n| n.enforced)
        .map(|n| n.doc)
        .collect();
    v.sort();
    v
}

/// Whether some document's lead time, applied for today, could end after the first day of
/// the window (so that it may have kept a route out).
fn lead_times_matter(ds: &Dataset, req: &Request) -> bool {
    let visas = ds
        .visas
        .applications
        .iter()
        .map(|a| (Some(a.destination), a.get.lead));
    let permits = ds.permits.iter().map(|p| (None, p.get.lead));
    visas
        .chain(permits)
        .any(|(issuer, lead)| !in_time(ds, issuer, req.today, lead, req.date))
}

/// The request with these documents held (for the fix of a "no": "with a Pakistani visa").
pub fn holding(req: &Request, docs: &[Doc]) -> Request {
    let mut r = req.clone();
    for d in docs {
        match d {
            Doc::Visa(c) if !r.visas.contains(c) => r.visas.push(*c),
            Doc::Permit(p) if !r.permits.contains(p) => r.permits.push(*p),
            _ => {}
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn weekend(d: NaiveDate) -> bool {
        matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    #[test]
    fn lead_times_count_calendar_or_working_days() {
        // 2026-11-27 is a Friday.
        let cases = [
            ("2026-11-27", None, None),
            ("2026-11-27", Some(Lead::Days(3)), Some("2026-11-30")),
            ("2026-11-27", Some(Lead::WorkingDays(1)), Some("2026-11-30")),
            ("2026-11-27", Some(Lead::WorkingDays(3)), Some("2026-12-02")),
            ("2026-11-30", Some(Lead::WorkingDays(5)), Some("2026-12-07")),
            ("2026-11-30", Some(Lead::Days(0)), Some("2026-11-30")),
        ];
        for (today, lead, want) in cases {
            assert_eq!(
                ready_on_with(d(today), lead, weekend),
                want.map(d),
                "{today} {lead:?}"
            );
        }
        // The last day to apply is the inverse: applied then, held on the day needed.
        let back = [
            ("2026-11-30", Lead::Days(3), "2026-11-27"),
            // Applying on a Sunday counts: the first working day after it is Monday.
            ("2026-11-30", Lead::WorkingDays(1), "2026-11-29"),
            ("2026-12-02", Lead::WorkingDays(3), "2026-11-29"),
            ("2026-12-07", Lead::WorkingDays(5), "2026-11-30"),
        ];
        for (needed, lead, want) in back {
            assert_eq!(
                apply_by_with(d(needed), Some(lead), weekend),
                Some(d(want)),
                "{needed} {lead:?}"
            );
            assert!(ready_on_with(d(want), Some(lead), weekend).unwrap() <= d(needed));
        }
        assert_eq!(apply_by_with(d("2026-11-30"), None, weekend), None);
    }

    #[test]
    fn working_days_skip_the_issuing_countrys_public_holidays() {
        // A holiday calendar with Thursday 1 to Wednesday 7 Oct 2026 off (Golden Week).
        let golden = |x: NaiveDate| weekend(x) || (d("2026-10-01")..=d("2026-10-07")).contains(&x);
        // Applied on Wednesday 30 Sep, 4 working days: Thu 8, Fri 9, Mon 12, Tue 13 Oct.
        let lead = Some(Lead::WorkingDays(4));
        assert_eq!(
            ready_on_with(d("2026-09-30"), lead, golden),
            Some(d("2026-10-13"))
        );
        assert_eq!(
            ready_on_with(d("2026-09-30"), lead, weekend),
            Some(d("2026-10-06"))
        );
        // Needed on Monday 12 Oct: apply by Tuesday 29 Sep (Wed 30 Sep, Thu 8, Fri 9, Mon 12
        // Oct); applied on Wednesday 30 Sep it is ready only on Tuesday 13 Oct.
        let by = apply_by_with(d("2026-10-12"), lead, golden).unwrap();
        assert_eq!(by, d("2026-09-29"));
        assert!(ready_on_with(by, lead, golden).unwrap() <= d("2026-10-12"));
        assert!(ready_on_with(by.succ_opt().unwrap(), lead, golden).unwrap() > d("2026-10-12"));
        // Calendar days are calendar days, holiday or not.
        assert_eq!(
            ready_on_with(d("2026-09-30"), Some(Lead::Days(4)), golden),
            Some(d("2026-10-04"))
        );
    }
}

/// How decisive a reason for "no" is, lower first: what no document or choice of day within
/// the window can change (a crossing shut for the season or by its status, a suspended
/// service, no admission, no exit on any passport held, citizens only), then a rule for foreigners (agency only, no
/// foreign passengers), then a day's closure, then a document (too late, not held), then a
/// post's hours. Reasons met on more days come first; among equals, the more decisive.
pub fn decisiveness(b: &crate::findings::Blocker) -> u8 {
    use crate::calendar::Closed;
    use crate::findings::Blocker;
    match b {
        Blocker::PostClosed {
            why: Closed::Status { .. } | Closed::NotRecordedOpen { .. } | Closed::Season(_),
            ..
        }
        | Blocker::ServiceSuspended { .. }
        | Blocker::EntryRefused(_)
        | Blocker::ExitBarred(_)
        | Blocker::CitizensOnly { .. } => 0,
        Blocker::AgencyOnly { .. } | Blocker::NoForeignPassengers { .. } => 1,
        Blocker::PostClosed { .. } => 2,
        Blocker::TooLate { .. } | Blocker::VisaNotHeld { .. } | Blocker::PermitNotHeld { .. } => 3,
        Blocker::OutsideHours { .. } => 4,
        Blocker::LeaveLater => 0,
    }
}

/// Sorts the reasons for "no": that the journeys in the window wait for one leaving after
/// it first, then met on more days first, then the more decisive.
pub fn order_reasons(
    reasons: &mut [(
        crate::findings::Blocker,
        std::collections::BTreeSet<NaiveDate>,
    )],
) {
    // That the journeys in the window wait for one leaving after it is the answer; the rides
    // that failed are only the background.
    reasons.sort_by_key(|(b, dates)| {
        (
            *b != crate::findings::Blocker::LeaveLater,
            std::cmp::Reverse(dates.len()),
            decisiveness(b),
        )
    });
}

/// What the traveller could change to get an answer, or a better one.
#[derive(Debug, Clone)]
pub enum Change {
    /// Hold these documents (obtain them before going).
    Hold(Vec<Doc>),
    /// Drop the user's own `--avoid` and `--via`.
    DropRestrictions,
}

/// A change and its effect: the best itinerary it gives within the asked window, or the
/// earliest departure day within a year it makes possible.
#[derive(Debug, Clone)]
pub struct Fix {
    pub change: Change,
    pub itinerary: Option<Itinerary>,
    pub earliest: Option<NaiveDate>,
}

/// One fix per distinct set of documents, for each itinerary of `p` that arrives before
/// `have` (every one when nothing arrives), earliest first: "with these documents, this".
fn faster_with(
    p: &crate::planner::Plan,
    have: Option<DateTime<Utc>>,
    docs_of: impl Fn(&Itinerary) -> Vec<Doc>,
) -> Vec<Fix> {
    let mut better: Vec<&Itinerary> = p
        .itineraries
        .iter()
        .filter(|it| have.is_none_or(|h| it.arrive() < h))
        .collect();
    better.sort_by_key(|it| it.arrive());
    let mut seen: Vec<Vec<Doc>> = Vec::new();
    let mut fixes = Vec::new();
    for it in better {
        let docs = docs_of(it);
        if docs.is_empty() || seen.contains(&docs) {
            continue;
        }
        seen.push(docs.clone());
        fixes.push(Fix {
            change: Change::Hold(docs),
            itinerary: Some(it.clone()),
            earliest: None,
        });
    }
    fixes
}

/// The most documents `explain` tries one at a time as fixes for a plan with `--held-only`
/// that found nothing. Each try is a search of its own (within the planner's budget, twice
/// when it finds nothing), and a dataset may have thousands of permits: without a cap one
/// plan could cost thousands of searches. With it a plan makes at most `MAX_FIX_TRIES` + 3
/// searches (its own, one without `--avoid`/`--via`, the documents one at a time, then all
/// together), each with its look for the earliest day that works (at most two searches
/// when it finds nothing: the earliest-arrival pass, then every day of the year): at most
/// 45 times the budget, whatever the dataset. The real dataset's plans try a handful.
pub const MAX_FIX_TRIES: usize = 12;

/// The fixes for a plan: when nothing works, what the user's own `--avoid`/`--via` and the
/// documents that blocked (with `--held-only`) change; when `--held-only` found something,
/// whether a document not held gives an earlier arrival ("With the GBAO permit: …"). Also
/// whether documents that blocked were left untried (more than `MAX_FIX_TRIES`): other fixes
/// may then exist, and the answer says the search stopped early.
pub fn explain(ds: &Dataset, req: &Request, plan: &crate::planner::Plan) -> (Vec<Fix>, bool) {
    let mut cut = false;
    let fixes = explain_within(ds, req, plan, &mut cut);
    (fixes, cut)
}

fn explain_within(
    ds: &Dataset,
    req: &Request,
    plan: &crate::planner::Plan,
    cut: &mut bool,
) -> Vec<Fix> {
    use crate::planner::search;
    let mut fixes = Vec::new();
    let found = !plan.itineraries.is_empty();
    if !found && !plan.connected {
        return fixes;
    }
    let best =
        |p: &crate::planner::Plan| p.itineraries.iter().min_by_key(|it| it.arrive()).cloned();
    if !found && (!req.avoid.is_empty() || req.via.is_some()) {
        let free = Request {
            avoid: vec![],
            via: None,
            ..req.clone()
        };
        let (p, earliest) = search(ds, &free);
        if !p.itineraries.is_empty() || earliest.is_some() {
            fixes.push(Fix {
                change: Change::DropRestrictions,
                itinerary: best(&p),
                earliest,
            });
        }
    }
    if !req.held_only {
        // By default: was a route left out only because a document cannot be obtained in
        // time (applied for today)? Plan as if every lead time had long run out, and name
        // each faster itinerary with the documents it needs that are too late. Skipped (one
        // search saved) when every lead time in the data fits before the window opens.
        if !lead_times_matter(ds, req) {
            return fixes;
        }
        let relaxed = Request {
            today: req.today.min(req.date) - Duration::days(2 * 366),
            ..req.clone()
        };
        let (p, _) = search(ds, &relaxed);
        let have = plan.itineraries.iter().map(Itinerary::arrive).min();
        fixes.extend(faster_with(&p, have, |it| {
            let mut docs: Vec<Doc> = needs(ds, req, it)
                .into_iter()
                .filter(|n| n.enforced || matches!(n.doc, Doc::Visa(_)))
                .filter(|n| !in_time(ds, n.doc.issuer(), req.today, n.get.lead, n.by))
                .map(|n| n.doc)
                .collect();
            docs.sort();
            docs
        }));
        return fixes;
    }
    if found {
        // Would documents not held give an earlier arrival? Then the route found is a
        // detour chosen only to avoid them: say so.
        let relaxed = Request {
            held_only: false,
            ..req.clone()
        };
        let (p, _) = search(ds, &relaxed);
        let held_best = plan.itineraries.iter().map(Itinerary::arrive).min();
        fixes.extend(faster_with(&p, held_best, |it| doc_set(ds, req, it)));
    } else if !plan.doc_blocks.is_empty() {
        let docs: Vec<Doc> = plan.doc_blocks.keys().copied().collect();
        let mut tries: Vec<Vec<Doc>> = docs.iter().map(|d| vec![*d]).collect();
        if docs.len() > 1 {
            tries.push(docs.clone());
        }
        let singles = tries.len().min(docs.len());
        for (n, t) in tries.into_iter().enumerate() {
            // All together only when no single one is enough.
            if n >= singles && !fixes.is_empty() {
                break;
            }
            // One document at a time up to the cap; all together still once.
            if n < singles && n >= MAX_FIX_TRIES {
                *cut = true;
                continue;
            }
            let (p, earliest) = search(ds, &holding(req, &t));
            if !p.itineraries.is_empty() || earliest.is_some() {
                fixes.push(Fix {
                    change: Change::Hold(t),
                    itinerary: best(&p),
                    earliest,
                });
            }
        }
    }
    fixes
}
