//! The search: dated multi-leg itineraries from one place to another that respect
//! schedules, border days and hours (in each post's clock), seasons, holidays, dated
//! closures, who may cross, permits and visas. It keeps the itineraries no other beats on
//! arrival, cost and changes at once, and when none exists it says why.

use crate::calendar::{self, Blocked};
use crate::documents::{self, Doc};
use crate::findings::{Blocker, Subject};
use crate::model::*;
use crate::money;
use crate::types::{Country, Money};
use crate::visa::{self, Entry};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

/// Time to change from one vehicle to the next at a place. A planning margin, not a fact
/// from a source; the README documents it.
pub const MIN_CONNECTION: i64 = 60;
/// The most legs an itinerary may have.
pub const MAX_LEGS: usize = 6;
/// The longest a journey may last, from its first departure (and so how many days after
/// the last possible departure day the search may arrive).
pub const TRIP_DAYS: i64 = 14;

/// A resolved planning question. Dates are arguments: nothing here reads the clock.
#[derive(Debug, Clone)]
pub struct Request {
    pub from: PlaceIx,
    pub to: PlaceIx,
    pub date: NaiveDate,
    pub within: u32,
    pub passports: Vec<Country>,
    pub visas: Vec<Country>,
    pub permits: Vec<PermitIx>,
    pub party: u32,
    pub via: Option<PlaceIx>,
    pub avoid: Vec<CrossingIx>,
    /// Plan only with documents held (named or waived) and what the border gives; otherwise
    /// documents that can still be obtained before each border are used too.
    pub held_only: bool,
    /// The day documents would be applied for (lead times count from it).
    pub today: NaiveDate,
}

/// Passing one border on a leg: which side comes first and when each post is reached
/// (unknown when the timetable does not say).
#[derive(Debug, Clone)]
pub struct BorderPass {
    pub crossing: CrossingIx,
    pub first_side: usize,
    pub reach: Option<DateTime<Utc>>,
    pub cleared: Option<DateTime<Utc>>,
    pub entry: Option<Entry>,
}

#[derive(Debug, Clone)]
pub struct Leg {
    pub service: ServiceIx,
    pub board: usize,
    pub alight: usize,
    pub depart: DateTime<Utc>,
    pub arrive: DateTime<Utc>,
    pub borders: Vec<BorderPass>,
    /// The fare used (index into the service's fares) and its cost for the whole party.
    pub fare: Option<(usize, Money)>,
    pub vehicles: Option<u32>,
    /// A shared taxi priced only as a whole vehicle that the party does not fill: the seat
    /// price is unknown (`fare` is `None`) and this is what hiring the whole vehicle costs
    /// (fare index, cost for the party).
    pub hire: Option<(usize, Money)>,
    /// False when no source fixes the departure time (a shared taxi that leaves when full,
    /// a bus whose time is unknown): the times are then the earliest that fit, not a timetable.
    pub time_known: bool,
}

#[derive(Debug, Clone)]
pub struct Itinerary {
    pub legs: Vec<Leg>,
    /// Known cost for the party in the dataset's base currency (minor units).
    pub cost: i64,
    /// Legs whose fare is unknown (or has no rate to convert it).
    pub unknown_fares: u32,
    /// The stretches whose price is unknown or only partly known (a minimum), as (service,
    /// board stop, alight stop), sorted: costs are compared only where these agree.
    pub unpriced: Vec<Stretch>,
}

/// A ride's stretch of a service: (service, board stop, alight stop).
pub type Stretch = (ServiceIx, usize, usize);

impl Itinerary {
    pub fn depart(&self) -> DateTime<Utc> {
        self.legs.first().map(|l| l.depart).unwrap_or_default()
    }
    pub fn arrive(&self) -> DateTime<Utc> {
        self.legs.last().map(|l| l.arrive).unwrap_or_default()
    }
    /// Whether every leg's departure time is fixed by a source.
    pub fn time_known(&self) -> bool {
        self.legs.iter().all(|l| l.time_known)
    }
    pub fn changes(&self) -> usize {
        self.legs.len().saturating_sub(1)
    }
    /// Whether `self` is at least as good as `other` on arrival, cost and changes, and left
    /// no earlier (so its 14-day budget reaches at least as far: see the invariants in `run`).
    fn covers(&self, other: &Itinerary) -> bool {
        self.arrive() <= other.arrive()
            && self.costs_no_more(other)
            && self.legs.len() <= other.legs.len()
            && self.depart() >= other.depart()
    }

    /// Whether `self` counts as costing no more than `other`: known costs are compared only
    /// when `self`'s unpriced stretches are among `other`'s (then it surely costs no more),
    /// so a partial fare never makes an itinerary look cheaper than a complete one; and an
    /// itinerary with fewer unpriced stretches counts as no dearer (a price not known is
    /// not a saving). Transitive, and kept by extending both with the same legs (a journey
    /// never rides the same stretch twice, so the counts add up).
    pub fn costs_no_more(&self, other: &Itinerary) -> bool {
        (self.cost <= other.cost && self.unpriced.iter().all(|u| other.unpriced.contains(u)))
            || self.unpriced.len() < other.unpriced.len()
    }

    /// How itineraries are ranked for the answer: at least as good on arrival, changes and
    /// cost (`costs_no_more`). Transitive, like `covers`, which implies it.
    pub fn outranks(&self, other: &Itinerary) -> bool {
        self.arrive() <= other.arrive()
            && self.legs.len() <= other.legs.len()
            && self.costs_no_more(other)
    }

    fn key(&self) -> (DateTime<Utc>, i64, &[Stretch], usize) {
        (self.arrive(), self.cost, &self.unpriced, self.legs.len())
    }
}

/// The answer: itineraries, and why there are none (or none sooner).
#[derive(Debug, Default)]
pub struct Plan {
    pub itineraries: Vec<Itinerary>,
    /// Blocking causes met during the search, each with the dates it applied to.
    pub reasons: Vec<(Blocker, BTreeSet<NaiveDate>)>,
    /// Services that would connect these places but cannot be planned with.
    pub unusable: BTreeMap<ServiceIx, Subject>,
    /// Crossings whose closure or hours blocked a ride that mattered.
    pub blocked_at: BTreeSet<CrossingIx>,
    /// Documents not held that blocked a ride that mattered (with `--held-only`), with the
    /// dates: holding them is the fix to try.
    pub doc_blocks: BTreeMap<Doc, BTreeSet<NaiveDate>>,
    /// Whether any chain of services with known times links the two places at all.
    pub connected: bool,
    /// What would change the answer: documents to hold, the user's own restrictions to
    /// drop (see `documents::explain`).
    pub fixes: Vec<documents::Fix>,
    /// Steps the search took (rides tried and labels compared): its work, which tests
    /// bound by the dataset's size.
    pub work: u64,
    /// Whether the search stopped early (its work budget spent, or more equally good
    /// itineraries at a place than it keeps): other itineraries may exist.
    pub truncated: bool,
}

/// The search's work budget: a fixed allowance plus a share per stop of every service, so
/// that it grows with the dataset, not with the product of its options.
/// (The real dataset's plans take a few thousand steps; its budget is about a hundred
/// times that.)
pub const WORK_BASE: u64 = 200_000;
pub const WORK_PER_STOP: u64 = 500;
/// The most labels kept at one place (with the same progress towards --via) that no other
/// beats: enough for every trade-off a traveller weighs, few enough that comparing a new
/// label with the bag, and the final ranking, stay cheap.
pub const BAG_CAP: usize = 48;

/// The budget for `ds`.
pub fn work_budget(ds: &Dataset) -> u64 {
    let stops: u64 = ds.services.iter().map(|s| s.stops.len() as u64).sum();
    WORK_BASE.saturating_add(WORK_PER_STOP.saturating_mul(stops))
}

struct Label {
    place: PlaceIx,
    via_ok: bool,
    itinerary: Itinerary,
}

pub struct Planner<'a> {
    ds: &'a Dataset,
    req: &'a Request,
    /// place → services stopping there, with the stop index.
    at_place: HashMap<PlaceIx, Vec<(ServiceIx, usize)>>,
    /// For each place, the fewest rides (dates ignored) to the destination. Only a ride that
    /// gets closer explains why a journey fails; detours add noise, not reasons.
    hops: Vec<Option<u32>>,
    /// Entry decisions by (country, crossing, date); the date is dropped from the key when
    /// no dated rule applies to that country, so each is worked out once.
    entries: HashMap<(Country, CrossingIx, Option<NaiveDate>), Entry>,
    /// Whether the ride being tried counts towards the reasons (see `ride`).
    recording: bool,
    plan: Plan,
}

impl<'a> Planner<'a> {
    pub fn new(ds: &'a Dataset, req: &'a Request) -> Planner<'a> {
        let mut at_place: HashMap<PlaceIx, Vec<(ServiceIx, usize)>> = HashMap::new();
        for (si, s) in ds.services.iter().enumerate() {
            for (i, st) in s.stops.iter().enumerate() {
                if let StopAt::Place(p) = st.at {
                    at_place.entry(p).or_default().push((si, i));
                }
            }
        }
        let hops = hops_to(ds, req.to);
        let connected = hops[req.from].is_some();
        Planner {
            ds,
            req,
            at_place,
            hops,
            entries: HashMap::new(),
            recording: false,
            plan: Plan {
                connected,
                ..Plan::default()
            },
        }
    }

    /// Whether the traveller may enter `country` over crossing `ci` on `date`.
    fn entry(&mut self, country: Country, ci: CrossingIx, date: NaiveDate) -> Entry {
        let ds = self.ds;
        let key = (
            country,
            ci,
            ds.visas.depends_on_date(country).then_some(date),
        );
        self.entries
            .entry(key)
            .or_insert_with(|| {
                visa::entry(
                    ds,
                    &self.req.passports,
                    &self.req.visas,
                    country,
                    &ds.crossings[ci],
                    date,
                    self.req.today,
                )
            })
            .clone()
    }

    /// Whether an entry decision stops the traveller at the border on `date`: refused, a
    /// visa not held with `--held-only`, or one that cannot be obtained by then (with the
    /// day it could be held).
    fn entry_blocked(
        &mut self,
        entry: Option<&Entry>,
        ci: CrossingIx,
        date: NaiveDate,
    ) -> (Option<Blocker>, Option<NaiveDate>) {
        match entry {
            Some(e @ Entry::Refuse { .. }) => {
                (Some(Blocker::EntryRefused(Box::new(e.clone()))), None)
            }
            Some(
                e @ Entry::Arrange {
                    destination, get, ..
                },
            ) => {
                if self.req.held_only {
                    if self.recording {
                        self.plan
                            .doc_blocks
                            .entry(Doc::Visa(*destination))
                            .or_default()
                            .insert(date);
                    }
                    return (
                        Some(Blocker::VisaNotHeld {
                            entry: Box::new(e.clone()),
                            crossing: ci,
                        }),
                        None,
                    );
                }
                if documents::in_time(self.req.today, get.lead, date) {
                    return (None, None);
                }
                let ready = documents::ready_on(self.req.today, get.lead);
                (
                    Some(Blocker::TooLate {
                        doc: Doc::Visa(*destination),
                        get: Box::new(get.clone()),
                        today: self.req.today,
                    }),
                    ready,
                )
            }
            _ => (None, None),
        }
    }

    /// The first day a permit on stops `i..=j` of service `si` that the traveller must
    /// still obtain can be held, when that is after `day` (lead times from the data).
    fn permits_ready(&self, si: ServiceIx, i: usize, j: usize) -> Option<(NaiveDate, Doc)> {
        let ds = self.ds;
        if self.req.held_only {
            return None;
        }
        ds.services[si].stops[i..=j]
            .iter()
            .flat_map(|st| match st.at {
                StopAt::Place(p) => ds.places[p].permits.iter(),
                StopAt::Crossing(c) => ds.crossings[c].permits.iter(),
            })
            .filter(|p| !documents::permit_held(ds, self.req, **p))
            .filter_map(|p| {
                documents::ready_on(self.req.today, ds.permits[*p].get.lead)
                    .map(|d| (d, Doc::Permit(*p)))
            })
            .max()
    }

    fn reject(&mut self, reason: Blocker, date: NaiveDate) {
        if self.recording {
            match self.plan.reasons.iter_mut().find(|(b, _)| *b == reason) {
                Some((_, dates)) => {
                    dates.insert(date);
                }
                None => self.plan.reasons.push((reason, BTreeSet::from([date]))),
            }
        }
    }

    fn is_foreigner(&self, countries: &[Country]) -> bool {
        !self.req.passports.iter().any(|p| countries.contains(p))
    }

    /// Date-independent reasons a traveller cannot ride service `s` from stop `i` to `j`
    /// (`Err(None)`: not usable, but nothing worth telling).
    fn static_check(&mut self, si: ServiceIx, i: usize, j: usize) -> Result<(), Option<Blocker>> {
        let ds = self.ds;
        let s = &ds.services[si];
        if s.status == ServiceStatus::Suspended {
            return Err(Some(Blocker::ServiceSuspended {
                service: si,
                since: s.status_since,
            }));
        }
        if s.stops[i].offset.is_none() || s.stops[j].offset.is_none() {
            // Worth telling only when it would have reached the destination.
            if s.stops[j].at == StopAt::Place(self.req.to) {
                let stop = match s.stops[if s.stops[i].offset.is_none() { i } else { j }].at {
                    StopAt::Place(p) => Subject::Place(p),
                    StopAt::Crossing(c) => Subject::Crossing(c),
                };
                self.plan.unusable.insert(si, stop);
            }
            return Err(None);
        }
        let served: Vec<Country> = s
            .stops
            .iter()
            .filter_map(|st| match st.at {
                StopAt::Place(p) => Some(ds.places[p].country),
                StopAt::Crossing(_) => None,
            })
            .collect();
        if s.foreigners == Some(false) && self.is_foreigner(&served) {
            return Err(Some(Blocker::NoForeignPassengers { service: si }));
        }
        for st in &s.stops[i..=j] {
            let permits: &[PermitIx] = match st.at {
                StopAt::Crossing(ci) => {
                    let c = &ds.crossings[ci];
                    if self.req.avoid.iter().any(|a| ds.crossings[*a].id == c.id) {
                        return Err(None);
                    }
                    let foreign = self.is_foreigner(&c.countries());
                    if foreign && c.foreigners == Foreigners::CitizensOnly {
                        return Err(Some(Blocker::CitizensOnly { crossing: ci }));
                    }
                    let no_public = c.foreigners == Foreigners::AgencyOnly
                        || c.foreigners_public_transport == Some(false);
                    if foreign && no_public && s.mode != Mode::AgencyCar {
                        return Err(Some(Blocker::AgencyOnly {
                            crossing: ci,
                            service: si,
                        }));
                    }
                    &c.permits
                }
                StopAt::Place(p) => &ds.places[p].permits,
            };
            for p in permits {
                let permit = &ds.permits[*p];
                if self.req.held_only
                    && permit.enforce == Enforce::Refuse
                    && !documents::permit_held(ds, self.req, *p)
                {
                    if self.recording {
                        let day = self.req.date;
                        self.plan
                            .doc_blocks
                            .entry(Doc::Permit(*p))
                            .or_default()
                            .insert(day);
                    }
                    return Err(Some(Blocker::PermitNotHeld { permit: *p }));
                }
            }
        }
        Ok(())
    }

    /// Checks the borders between stops `i` and `j` for a departure at `t0`. On failure
    /// returns the reason and, where the post opens later, the instant the vehicle should
    /// have reached it instead (for shifting an on-demand departure).
    fn borders(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
        want_shift: bool,
    ) -> Result<Vec<BorderPass>, (Blocker, NaiveDate, Option<Duration>)> {
        let ds = self.ds;
        let s = &ds.services[si];
        let mut passes = Vec::new();
        for k in i + 1..j {
            let StopAt::Crossing(ci) = s.stops[k].at else {
                continue;
            };
            let c = &ds.crossings[ci];
            let before = s.stops[..k].iter().rev().find_map(|st| match st.at {
                StopAt::Place(p) => Some(ds.places[p].country),
                StopAt::Crossing(_) => None,
            });
            let first_side = c
                .sides
                .iter()
                .position(|sd| Some(sd.country) == before)
                .unwrap_or(0);
            let (a, b) = (&c.sides[first_side], &c.sides[1 - first_side]);
            let board = t0 + s.stops[i].offset.unwrap_or_default().to_chrono();
            let (reach, cleared) = match s.stops[k].offset {
                Some(o) => {
                    let reach = t0 + o.to_chrono();
                    (
                        Some(reach),
                        Some(reach + s.stops[k].clear.unwrap_or_default().to_chrono()),
                    )
                }
                None => (None, None),
            };
            // The visa is judged on arrival at the second post, and reported even when a
            // post is also closed: both block the journey, and the traveller should see both.
            let entry_date = cleared
                .unwrap_or(board)
                .with_timezone(&b.zone.0)
                .date_naive();
            let entry =
                (!self.req.passports.is_empty()).then(|| self.entry(b.country, ci, entry_date));
            let (refused, ready) = self.entry_blocked(entry.as_ref(), ci, entry_date);
            for (side_ix, side, at) in [(first_side, a, reach), (1 - first_side, b, cleared)] {
                let when = at.unwrap_or(board);
                let local_date = when.with_timezone(&side.zone.0).date_naive();
                let result = match at {
                    Some(t) => calendar::side_at(ds, c, side, t),
                    // Time at the border unknown: only the day can be checked.
                    None => calendar::side_day(ds, c, side, local_date).map_err(Blocked::Day),
                };
                if let Err(blocked) = result {
                    if let Some(why) = &refused {
                        self.reject(why.clone(), entry_date);
                    }
                    if self.recording {
                        self.plan.blocked_at.insert(ci);
                    }
                    // Only an on-demand start can move to the next opening; a timetable cannot.
                    let shift = at
                        .filter(|_| want_shift)
                        .and_then(|t| calendar::next_side_open(ds, c, side, t, 400).map(|n| n - t));
                    let why = match blocked {
                        Blocked::Day(why) => Blocker::PostClosed {
                            crossing: ci,
                            side: side_ix,
                            why,
                        },
                        Blocked::Hours {
                            local,
                            window,
                            cutoff,
                            lunch,
                        } => Blocker::OutsideHours {
                            crossing: ci,
                            side: side_ix,
                            service: si,
                            reach: local,
                            hours: window,
                            cutoff,
                            lunch,
                        },
                    };
                    return Err((why, local_date, shift));
                }
            }
            if let Some(why) = refused {
                // A dated visa rule may admit the traveller on a later day, and a visa still
                // being processed is held from a later day: an on-demand start can wait for
                // that local midnight at the entry post; otherwise it is final.
                let at = cleared.unwrap_or(board);
                let next = match ready {
                    Some(r) => Some(r),
                    None => ds
                        .visas
                        .depends_on_date(b.country)
                        .then_some(entry_date + Duration::days(1)),
                };
                let shift = next
                    .filter(|_| want_shift)
                    .and_then(|d| calendar::at_local(b.zone.0, d, NaiveTime::MIN))
                    .map(|midnight| midnight - at);
                return Err((why, entry_date, shift));
            }
            passes.push(BorderPass {
                crossing: ci,
                first_side,
                reach,
                cleared,
                entry,
            });
        }
        Ok(passes)
    }
}

impl<'a> Planner<'a> {
    /// The earliest feasible ride on service `si` from stop `i` to stop `j`, boarding no
    /// earlier than `ready` and (for a first leg) departing before `latest`.
    fn ride(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        ready: DateTime<Utc>,
        latest: Option<DateTime<Utc>>,
        horizon: DateTime<Utc>,
    ) -> Option<Leg> {
        // Only a ride that gets closer to the destination, from a place no farther from it
        // than the origin, explains why a journey fails: a detour that went the other way
        // first (Osh to Bishkek on the way to Murghab) adds noise, not reasons.
        let stops = &self.ds.services[si].stops;
        let origin = self.hops[self.req.from];
        self.recording = match (stops[i].at, stops[j].at) {
            (StopAt::Place(a), StopAt::Place(b)) => matches!(
                (self.hops[a], self.hops[b], origin),
                (Some(x), Some(y), Some(o)) if y < x && x <= o
            ),
            _ => false,
        };
        if let Err(reason) = self.static_check(si, i, j) {
            if let Some(reason) = reason {
                let d = ready
                    .with_timezone(&self.ds.services[si].schedule.zone.0)
                    .date_naive();
                self.reject(reason, d);
            }
            return None;
        }
        // A permit still to be obtained is held only from the day its lead time allows.
        let mut ready = ready;
        let mut waiting_for: Option<(NaiveDate, Doc)> = None;
        if let Some((day, doc)) = self.permits_ready(si, i, j) {
            let zone = self.ds.services[si].schedule.zone.0;
            if let Some(t) = calendar::at_local(zone, day, NaiveTime::MIN).filter(|t| *t > ready) {
                ready = t;
                waiting_for = Some((day, doc));
            }
        }
        let leg = self.ride_from(si, i, j, ready, latest, horizon);
        if let (None, Some((_, Doc::Permit(p)))) = (&leg, waiting_for) {
            let why = Blocker::TooLate {
                doc: Doc::Permit(p),
                get: Box::new(self.ds.permits[p].get.clone()),
                today: self.req.today,
            };
            self.reject(why, self.req.today);
        }
        leg
    }

    /// `ride` once the date-independent rules have passed.
    fn ride_from(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        ready: DateTime<Utc>,
        latest: Option<DateTime<Utc>>,
        horizon: DateTime<Utc>,
    ) -> Option<Leg> {
        let s = &self.ds.services[si];
        let sc = &s.schedule;
        let zone = sc.zone.0;
        let off_i = s.stops[i].offset.unwrap_or_default().to_chrono();
        let off_j = s.stops[j].offset.unwrap_or_default().to_chrono();
        let too_late =
            |t0: DateTime<Utc>| t0 + off_i > horizon || latest.is_some_and(|l| t0 + off_i >= l);
        let time_known = sc.depart.is_some() || sc.kind == ScheduleKind::OnDemand;
        let build = |t0: DateTime<Utc>, borders: Vec<BorderPass>| Leg {
            service: si,
            board: i,
            alight: j,
            depart: t0 + off_i,
            arrive: t0 + off_j,
            borders,
            fare: None,
            vehicles: None,
            hire: None,
            time_known,
        };

        if let Some(depart) = sc.depart {
            // A timetable: try each running day in turn.
            let mut day = (ready - off_i).with_timezone(&zone).date_naive() - Duration::days(1);
            loop {
                let Some(t0) = calendar::at_local(zone, day, depart.0) else {
                    day += Duration::days(1);
                    continue;
                };
                if too_late(t0) {
                    return None;
                }
                if t0 + off_i >= ready && sc.runs_on(day) {
                    match self.borders(si, i, j, t0, false) {
                        Ok(b) => return Some(build(t0, b)),
                        Err((why, date, _)) => self.reject(why, date),
                    }
                }
                day += Duration::days(1);
            }
        }
        // On demand, or leaves when full with no fixed time: start as soon as allowed,
        // and move the start so that each post is reached when it is open. The reasons for
        // each move count only if no start works in the end.
        let mut pending: Vec<(Blocker, NaiveDate)> = Vec::new();
        let leg = self
            .shifted(si, i, j, ready - off_i, &too_late, &mut pending)
            .map(|(t0, b)| build(t0, b));
        if leg.is_none() {
            for (why, date) in pending {
                self.reject(why, date);
            }
        }
        leg
    }

    /// The earliest on-demand start at or after `t0` that fits the daily window and every
    /// post's hours; the reasons it had to move go to `pending`.
    fn shifted(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        mut t0: DateTime<Utc>,
        too_late: &dyn Fn(DateTime<Utc>) -> bool,
        pending: &mut Vec<(Blocker, NaiveDate)>,
    ) -> Option<(DateTime<Utc>, Vec<BorderPass>)> {
        let sc = &self.ds.services[si].schedule;
        let zone = sc.zone.0;
        for _ in 0..64 {
            let local = t0.with_timezone(&zone);
            let (date, time) = (local.date_naive(), local.time());
            if let Some(w) = sc.window {
                if time < w.start.0 {
                    t0 = calendar::at_local(zone, date, w.start.0)?;
                    continue;
                }
                if time > w.end.0 {
                    t0 = calendar::at_local(zone, date + Duration::days(1), w.start.0)?;
                    continue;
                }
            }
            if !sc.runs_on(date) {
                let start = sc.window.map(|w| w.start.0).unwrap_or(NaiveTime::MIN);
                t0 = calendar::at_local(zone, date + Duration::days(1), start)?;
                if too_late(t0) {
                    return None;
                }
                continue;
            }
            if too_late(t0) {
                return None;
            }
            match self.borders(si, i, j, t0, true) {
                Ok(b) => return Some((t0, b)),
                Err((why, date, shift)) => {
                    pending.push((why, date));
                    match shift {
                        Some(d) if d > Duration::zero() => t0 += d,
                        _ => return None,
                    }
                }
            }
        }
        None
    }

    /// The fare for a ride and what it costs the party, in the fare's currency.
    fn price(&self, leg: &mut Leg) {
        let s = &self.ds.services[leg.service];
        let party = self.req.party.max(1);
        let cost = |f: &Fare| match f.per {
            Per::Person => (party, None),
            Per::Vehicle => {
                let v = f.seats.map_or(1, |seats| party.div_ceil(seats.max(1)));
                (v, Some(v))
            }
        };
        let fares: Vec<(usize, &Fare)> = s
            .fares
            .iter()
            .enumerate()
            .filter(|(_, f)| f.from == leg.board && f.to == leg.alight)
            .collect();
        // Vehicle sizes priced apart (1–4 seats, up to 6, up to 14) are choices: take the
        // cheapest for the party. Otherwise several fares are reports of one price, and the
        // first (the one the data names for planning) is used.
        let tiers = fares.len() > 1
            && fares
                .iter()
                .all(|(_, f)| f.per == Per::Vehicle && f.seats.is_some());
        let chosen = if tiers {
            fares.iter().min_by_key(|(_, f)| {
                let (units, _) = cost(f);
                let m = money::times(f.price, units);
                self.ds
                    .rates
                    .base
                    .zip(m)
                    .and_then(|(b, m)| money::convert(&self.ds.rates, m, b))
                    .map_or(i64::MAX, |x| x.minor)
            })
        } else {
            fares.first()
        };
        if let Some((fi, f)) = chosen {
            let (units, vehicles) = cost(f);
            // A product too large to hold stays unknown (`check` bounds fares well below).
            let m = money::times(f.price, units).map(|m| (*fi, m));
            // A shared taxi sells seats: a price for the whole vehicle is private hire, and
            // a party that does not fill it pays a seat price the data does not give.
            let fills = f.seats.is_some_and(|seats| party >= seats);
            if s.mode == Mode::SharedTaxi && f.per == Per::Vehicle && !fills {
                leg.hire = m;
                return;
            }
            leg.fare = m;
            leg.vehicles = vehicles;
        }
    }

    /// Runs the search and returns the plan.
    ///
    /// # The algorithm: a multi-criteria label-setting search (McRAPTOR-like, by arrival)
    ///
    /// A **label** is a partial journey from the origin that ends at a place: its legs, and
    /// from them its first departure, its arrival, its known cost, its number of unknown
    /// fares and its number of legs, plus whether it has passed `--via`. Labels are expanded
    /// in order of arrival; expanding one tries, for every service stopping where it ends and
    /// every later stop of that service, the **earliest feasible ride** boarding at or after
    /// arrival + `MIN_CONNECTION` (`ride`), and no later than the label's budget.
    ///
    /// Invariants (each new rule must keep them, and `tests/oracle.rs` checks them):
    ///
    /// 1. *What can follow a label depends only on its place, its ready time, its budget
    ///    (first departure + `TRIP_DAYS`), its `--via` progress and the places it visited.*
    ///    Fares, permits, foreigner rules and visas do not depend on what came before; the
    ///    date rules (border days and hours, visas with dates) depend only on when a ride runs.
    /// 2. *Feasible rides are monotone in the ready time.* The rides of one service from stop
    ///    `i` to stop `j` boarding at or after `t` are a subset of those boarding at or after
    ///    any `t' <= t`; so `ride` from an earlier ready time returns a ride arriving no later
    ///    (vehicles of one service do not overtake each other: a later start arrives later).
    ///    Hence the earliest feasible ride per service suffices: a later ride of the same
    ///    service costs the same and can be followed by nothing the earlier one cannot
    ///    (waiting at a place is always allowed).
    /// 3. *Dominance.* Label `a` covers `b` at the same place and `--via` progress when it
    ///    arrives no later, costs no more, has no more unknown fares and no more legs, and
    ///    **left no earlier** (so its budget ends no earlier). By 1 and 2 every continuation of
    ///    `b` is open to `a` and gives a journey at least as good on every criterion, so `b`
    ///    can be dropped. (Comparing budgets is what the first departure is for: a label that
    ///    left earlier may be unable to take a ride 13 days later that the other still can.)
    ///    Visited places are not compared: a journey that comes back to a place is never
    ///    better than the same journey with the loop cut out (no later, no dearer, fewer legs,
    ///    same first departure), so forbidding revisits loses nothing.
    /// 4. *Termination.* Every leg goes to a place not yet visited and an itinerary has at
    ///    most `MAX_LEGS` legs; every ride boards before the horizon.
    pub fn run(mut self) -> Plan {
        let ds = self.ds;
        let req = self.req;
        let origin_zone = ds.places[req.from].zone.0;
        let Some(start) = calendar::at_local(origin_zone, req.date, NaiveTime::MIN) else {
            return self.plan;
        };
        let Some(latest) = calendar::at_local(
            origin_zone,
            req.date + Duration::days(i64::from(req.within)),
            NaiveTime::MIN,
        ) else {
            return self.plan;
        };
        let horizon = latest + Duration::days(TRIP_DAYS);
        let base = ds.rates.base;

        let mut labels: Vec<Label> = vec![Label {
            place: req.from,
            via_ok: req.via.is_none() || req.via == Some(req.from),
            itinerary: Itinerary {
                legs: vec![],
                cost: 0,
                unknown_fares: 0,
                unpriced: vec![],
            },
        }];
        let mut dead = vec![false];
        // Labels at the same place (and with the same progress towards --via) compete: waiting
        // is always allowed, so one that is no worse on any count makes the other useless.
        let mut bags: HashMap<(PlaceIx, bool), Vec<usize>> = HashMap::new();
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((start, 0usize)));
        let mut done: Vec<usize> = Vec::new();
        let budget = work_budget(ds);

        while let Some(Reverse((_, id))) = heap.pop() {
            if dead[id] {
                continue;
            }
            if self.plan.work > budget {
                self.plan.truncated = true;
                break;
            }
            let (place, via_ok) = (labels[id].place, labels[id].via_ok);
            if place == req.to && via_ok {
                done.push(id);
                continue;
            }
            let legs_so_far = labels[id].itinerary.legs.len();
            if legs_so_far >= MAX_LEGS {
                continue;
            }
            let ready = if legs_so_far == 0 {
                start
            } else {
                labels[id].itinerary.arrive() + Duration::minutes(MIN_CONNECTION)
            };
            let visited: Vec<PlaceIx> = std::iter::once(req.from)
                .chain(labels[id].itinerary.legs.iter().map(|l| {
                    match ds.services[l.service].stops[l.alight].at {
                        StopAt::Place(p) => p,
                        StopAt::Crossing(_) => req.from,
                    }
                }))
                .collect();
            let options = self.at_place.get(&place).cloned().unwrap_or_default();
            for (si, i) in options {
                let s = &ds.services[si];
                for j in i + 1..s.stops.len() {
                    let StopAt::Place(p) = s.stops[j].at else {
                        continue;
                    };
                    if visited.contains(&p) {
                        continue;
                    }
                    let first_leg_latest = (legs_so_far == 0).then_some(latest);
                    // A journey lasts at most TRIP_DAYS from its first departure: no months
                    // spent waiting at a stopover for a pass to reopen.
                    let limit = if legs_so_far == 0 {
                        horizon
                    } else {
                        horizon.min(labels[id].itinerary.depart() + Duration::days(TRIP_DAYS))
                    };
                    if self.plan.work > budget {
                        self.plan.truncated = true;
                        break;
                    }
                    self.plan.work += 1 + (j - i) as u64;
                    let Some(mut leg) = self.ride(si, i, j, ready, first_leg_latest, limit) else {
                        continue;
                    };
                    self.price(&mut leg);
                    let passes_via = req
                        .via
                        .is_some_and(|v| s.stops[i..=j].iter().any(|st| st.at == StopAt::Place(v)));
                    let mut it = labels[id].itinerary.clone();
                    let before = it.unknown_fares;
                    match (leg.fare, base) {
                        (Some((fi, m)), Some(b)) => {
                            match money::convert(&ds.rates, m, b) {
                                Some(x) => it.cost = it.cost.saturating_add(x.minor),
                                None => it.unknown_fares += 1,
                            }
                            // A minimum price leaves the rest of the cost unknown.
                            if s.fares[fi].at_least {
                                it.unknown_fares += 1;
                            }
                        }
                        _ => it.unknown_fares += 1,
                    }
                    if it.unknown_fares > before {
                        let part = (si, i, j);
                        if let Err(at) = it.unpriced.binary_search(&part) {
                            it.unpriced.insert(at, part);
                        }
                    }
                    it.legs.push(leg);
                    let key = (p, via_ok || passes_via);
                    let bag = bags.entry(key).or_default();
                    self.plan.work += bag.len() as u64;
                    if bag
                        .iter()
                        .any(|o| !dead[*o] && labels[*o].itinerary.covers(&it))
                    {
                        continue;
                    }
                    for o in bag.iter() {
                        if it.covers(&labels[*o].itinerary) {
                            dead[*o] = true;
                        }
                    }
                    bag.retain(|o| !dead[*o]);
                    if bag.len() >= BAG_CAP {
                        self.plan.truncated = true;
                        continue;
                    }
                    let arrive = it.arrive();
                    labels.push(Label {
                        place: p,
                        via_ok: key.1,
                        itinerary: it,
                    });
                    dead.push(false);
                    let nid = labels.len() - 1;
                    bag.push(nid);
                    heap.push(Reverse((arrive, nid)));
                }
            }
        }
        let mut found: Vec<Itinerary> = done
            .into_iter()
            .filter(|id| !dead[*id])
            .map(|id| labels[id].itinerary.clone())
            .collect();
        // Earliest first; at the same arrival a fully priced one before a partly priced one.
        found.sort_by_key(|it| (it.arrive(), it.unknown_fares, it.cost, it.legs.len()));
        // Keep the itineraries no other outranks (of equal ones, the first). `found` holds
        // at most BAG_CAP labels per bag at the destination, so this stays small.
        self.plan.work += (found.len() * found.len()) as u64;
        let best: Vec<Itinerary> = found
            .iter()
            .enumerate()
            .filter(|(i, it)| {
                !found
                    .iter()
                    .enumerate()
                    .any(|(k, o)| k != *i && o.outranks(it) && (o.key() != it.key() || k < *i))
            })
            .map(|(_, it)| it.clone())
            .collect();
        self.plan.itineraries = best;
        self.plan
    }
}

/// For each place, the fewest rides to `to` when dates are ignored (`None`: no way there).
/// Only rides the planner could take count: running services between timed stops.
fn hops_to(ds: &Dataset, to: PlaceIx) -> Vec<Option<u32>> {
    let mut hops = vec![None; ds.places.len()];
    hops[to] = Some(0);
    let mut changed = true;
    while changed {
        changed = false;
        for s in ds
            .services
            .iter()
            .filter(|s| s.status != ServiceStatus::Suspended)
        {
            // Place stops whose time after departure is known.
            let places: Vec<PlaceIx> = s
                .stops
                .iter()
                .filter(|st| st.offset.is_some())
                .filter_map(|st| match st.at {
                    StopAt::Place(p) => Some(p),
                    StopAt::Crossing(_) => None,
                })
                .collect();
            for (k, p) in places.iter().enumerate() {
                let best = places[k + 1..]
                    .iter()
                    .filter_map(|q| hops[*q])
                    .min()
                    .map(|h| h + 1);
                if let Some(b) = best {
                    if hops[*p].is_none_or(|h| b < h) {
                        hops[*p] = Some(b);
                        changed = true;
                    }
                }
            }
        }
    }
    hops
}

/// Plans `req`; when nothing is found, also looks for the earliest day within a year on
/// which the journey becomes possible, and for what would make it possible sooner
/// (`Plan::fixes`).
pub fn plan(ds: &Dataset, req: &Request) -> (Plan, Option<NaiveDate>) {
    let (mut plan, earliest) = search(ds, req);
    plan.fixes = documents::explain(ds, req, &plan);
    (plan, earliest)
}

/// `plan` without looking for fixes.
pub fn search(ds: &Dataset, req: &Request) -> (Plan, Option<NaiveDate>) {
    let plan = Planner::new(ds, req).run();
    if !plan.itineraries.is_empty() {
        return (plan, None);
    }
    let later = Request {
        date: req.date + Duration::days(i64::from(req.within)),
        within: 366u32.saturating_sub(req.within).max(1),
        ..req.clone()
    };
    let next = Planner::new(ds, &later).run();
    let first = next
        .itineraries
        .iter()
        .map(|it| it.depart())
        .min()
        .map(|t| t.with_timezone(&ds.places[req.from].zone.0).date_naive());
    (plan, first)
}
