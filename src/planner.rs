//! The search: dated multi-leg itineraries from one place to another that respect
//! schedules, border days and hours (in each post's clock), seasons, holidays, dated
//! closures, who may cross, permits and visas. It keeps the itineraries no other beats on
//! arrival, cost and changes at once, and when none exists it says why.

use crate::calendar::{self, minus, plus, Blocked};
use crate::documents::{self, Doc};
use crate::findings::{Blocker, Subject};
use crate::model::*;
use crate::money;
use crate::types::{Country, Money};
use crate::visa::{self, Entry};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;

/// Time to change from one vehicle to the next at a place. A planning margin, not a fact
/// from a source; the README documents it.
pub const MIN_CONNECTION: i64 = 60;
/// The most legs an itinerary may have.
pub const MAX_LEGS: usize = 6;
/// The longest a journey may last, from its first departure (and so how many days after
/// the last possible departure day the search may arrive).
pub const TRIP_DAYS: i64 = 14;
/// How long before a post's closing time or cut-off a vehicle should reach it, in minutes;
/// one that arrives later is marked tight. A planning default, documented in the README.
pub const MARGIN: i64 = 60;
/// Dawn, in the local clock of the place a leg leaves from: no leg whose time no timetable
/// fixes (on demand, when full, time unknown) leaves before it, and none of them is still on
/// the road at midnight, unless the service is an overnight one (sleeper bus, train).
/// A planning default, documented in the README.
pub const DAWN: NaiveTime = match NaiveTime::from_hms_opt(6, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// The most nights a vehicle queues at a post that says vehicles queue (a weekend and a
/// holiday); a longer closure ends the ride. A planning default, documented in the README.
pub const MAX_QUEUE_NIGHTS: i64 = 3;
/// How many days past the `--within` window the profile search looks at first for
/// departures that make an itinerary in the window wait needlessly (a weekend and a
/// holiday). It looks further when an answer in the window arrives later than that
/// (`beyond_for`): a journey leaving after the window beats one in it only by leaving
/// before that one arrives. A planning choice, documented in the README.
pub const LOOK_BEYOND: i64 = MAX_QUEUE_NIGHTS;

/// The days past the `--within` window (which ends at `latest`) a profile search must look
/// so that every journey leaving after the window that could beat one in it arriving at
/// `arrive` is tried: `LOOK_BEYOND`, or up to the day of that arrival when it is later. One
/// that beats it arrives no later, so leaves before it arrives.
pub fn beyond_for(latest: DateTime<Utc>, arrive: DateTime<Utc>) -> i64 {
    LOOK_BEYOND.max((arrive - latest).num_days() + 1)
}
/// Legs longer than this cannot avoid the night; they only have to leave after dawn.
pub const LONGEST_DAY_LEG: i64 = 18 * 60;

/// Seconds in a day.
const DAY_SECS: i64 = 86_400;

/// The daytime window in which a service whose departure no source gives is assumed to
/// leave, in the local clock of the place it leaves from: agency cars from dawn to 18:00,
/// shared taxis, minibuses and buses that leave when full 07:00–14:00 (they fill up in the
/// morning). Planning defaults, documented in the README; a window in the data wins, and a
/// train or sleeper bus no source times leaves at any hour of its day (`whole_day`).
pub fn default_window(mode: Mode) -> (NaiveTime, NaiveTime) {
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    match mode {
        Mode::AgencyCar => (DAWN, hm(18, 0)),
        _ => (hm(7, 0), hm(14, 0)),
    }
}

/// Whether a service leaves at an hour no source gives and may leave at any hour of its
/// day: a train or sleeper bus, neither timetabled nor on demand, with no window nor
/// earliest time in the data. The traveller is there from the day's start (its window in
/// `window_of` is that moment, 00:00), and it leaves before the next midnight. (It runs
/// through the night by nature, so the daytime default would be an invented window, and
/// with a long ride it would decide the day of arrival.)
pub fn whole_day(s: &Service) -> bool {
    let sc = &s.schedule;
    overnight(s.mode)
        && sc.window.is_none()
        && sc.depart.is_none()
        && sc.kind != ScheduleKind::OnDemand
}

/// For a service whose departure no source gives (neither timetabled nor on demand),
/// boarding at stop `i` at `board`: the first and the last moment it may leave that day,
/// the traveller not choosing which. The window's start and end on the local day of
/// `board` (the whole day, to the next midnight, for `whole_day`); a vehicle kept off the
/// road at midnight (the night rule, for a ride to stop `j` of a known length up to
/// `LONGEST_DAY_LEG`) leaves no later than that length before the midnight after `board`
/// in the clock kept there. The end is exclusive, and may be `board` or before it (a
/// traveller boarding at the window's end: the vehicle then leaves at `board`). `None` for
/// a timetabled or on-demand service.
pub fn departure_span(
    ds: &Dataset,
    zones: &mut calendar::Zones,
    s: &Service,
    (i, j): (usize, usize),
    board: DateTime<Utc>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if timetabled(s) || s.schedule.kind == ScheduleKind::OnDemand {
        return None;
    }
    let (zone, ws, we) = window_of(ds, s, i);
    let date = zones.date(zone, board);
    let first = zones.at_local(zone, date, ws).unwrap_or(board).min(board);
    let (end_day, end) = closes_on(s, date, we)?;
    let mut last = zones.at_local(zone, end_day, end).unwrap_or(board);
    let length = s.stops[j]
        .offset
        .map(|o| o.to_chrono() - s.stops[i].board().unwrap_or_default().to_chrono());
    if let Some(d) = length.filter(|d| !overnight(s.mode) && d.num_minutes() <= LONGEST_DAY_LEG) {
        let clock = local_clock(ds, s, i);
        let next_day = zones.date(clock, board).succ_opt()?;
        if let Some(m) = zones.at_local(clock, next_day, NaiveTime::MIN) {
            last = last.min(minus(m, d));
        }
    }
    Some((first, last))
}

/// Where the departure window of `s` that opens on local day `date` ends, its end `we` as
/// `window_of` gives it: that day, or for a `whole_day` service the next midnight (None
/// past the calendar's last day).
fn closes_on(s: &Service, date: NaiveDate, we: NaiveTime) -> Option<(NaiveDate, NaiveTime)> {
    if whole_day(s) {
        Some((date.succ_opt()?, NaiveTime::MIN))
    } else {
        Some((date, we))
    }
}

/// How much later than `board` a vehicle boarded then may leave, at most, by its
/// `departure_span`: to a minute before the span's last moment, which is exclusive (a
/// vehicle kept off the road at midnight arrives on the day it left); zero for a
/// timetabled or on-demand service, or one whose last moment is `board` or before it. Every time on
/// the ride after `board` may be as much later.
pub fn late_by(span: Option<(DateTime<Utc>, DateTime<Utc>)>, board: DateTime<Utc>) -> Duration {
    match span {
        Some((_, last)) if last > board => calendar::between(last, board) - Duration::minutes(1),
        _ => Duration::zero(),
    }
}

/// The next start to try after `t` for a vehicle whose start no timetable fixes: the next
/// half hour, on the grid of UTC half hours every generated and real window and post hour
/// lies on (zones are whole or half hours from UTC). A start off it (a change after the
/// latest arrival of a ride that may leave until a minute before its window ends) steps
/// onto it, not half an hour past it.
fn half_hour_after(t: DateTime<Utc>) -> DateTime<Utc> {
    let step = 30 * 60;
    let past = t.timestamp().rem_euclid(step);
    DateTime::from_timestamp(t.timestamp() - past + step, 0).unwrap_or(t + Duration::minutes(30))
}

/// Whether a service runs through the night by nature (the night rule does not apply).
pub fn overnight(mode: Mode) -> bool {
    matches!(mode, Mode::SleeperBus | Mode::Train)
}

/// Whether a service's departure is fixed by a timetable (otherwise the planner places it
/// inside a window: on demand, when full, or time unknown).
pub fn timetabled(s: &Service) -> bool {
    s.schedule.depart.is_some() && s.schedule.kind == ScheduleKind::Weekly
}

/// The clock a free departure window is judged in: the data's window and a when-full
/// service's earliest time are in the schedule's zone; a default window is in the clock
/// people keep at the boarding place. (A `whole_day` service's is the day's start: 00:00
/// to 00:00, boarded only then.)
pub fn window_of(ds: &Dataset, s: &Service, board: usize) -> (chrono_tz::Tz, NaiveTime, NaiveTime) {
    let sc = &s.schedule;
    if let Some(w) = sc.window {
        return (sc.zone.0, w.start.0, w.end.0);
    }
    if let Some(d) = sc.depart {
        return (sc.zone.0, d.0, d.0);
    }
    if whole_day(s) {
        return (local_clock(ds, s, board), NaiveTime::MIN, NaiveTime::MIN);
    }
    let (a, b) = default_window(s.mode);
    (local_clock(ds, s, board), a, b)
}

/// The clock people keep at a stop (Kashgar keeps Xinjiang time), for the night rule.
fn local_clock(ds: &Dataset, s: &Service, stop: usize) -> chrono_tz::Tz {
    match s.stops[stop].at {
        StopAt::Place(p) => ds.places[p].local_zone.unwrap_or(ds.places[p].zone).0,
        StopAt::Crossing(_) => s.schedule.zone.0,
    }
}

/// Which side of crossing `ci`, stop `k` of service `s`, the vehicle passes first: the
/// one in the country of the last place before it (the first side when none is).
pub fn first_side(ds: &Dataset, s: &Service, k: usize, ci: CrossingIx) -> usize {
    let before = s.stops[..k].iter().rev().find_map(|st| match st.at {
        StopAt::Place(p) => Some(ds.places[p].country),
        StopAt::Crossing(_) => None,
    });
    ds.crossings[ci]
        .sides
        .iter()
        .position(|sd| Some(sd.country) == before)
        .unwrap_or(0)
}

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
    /// The present moment when planning from now (no `--date`): nothing leaves before it,
    /// and transfers that must be booked ahead leave no earlier than that long after it.
    pub now: Option<DateTime<Utc>>,
}

/// Passing one border on a leg: which side comes first, when each post is reached and
/// passed (unknown when the timetable does not say), and how long the vehicle waited there.
#[derive(Debug, Clone)]
pub struct BorderPass {
    pub crossing: CrossingIx,
    pub first_side: usize,
    /// When the vehicle reaches the first post (before any wait).
    pub reach: Option<DateTime<Utc>>,
    /// When it passes the first post (after waiting for the opening or the end of lunch).
    pub passed: Option<DateTime<Utc>>,
    /// When it passes the second post.
    pub cleared: Option<DateTime<Utc>>,
    /// The local day each post (the first, then the second) is passed on, in its own clock,
    /// after any wait; where no time is known there, the (first) day it was checked for.
    /// Whether the post's holidays are known is judged on these days, through `latest`
    /// (`Plan::holidays_unknown`).
    pub days: [Option<NaiveDate>; 2],
    /// Where no time is known at a post and the vehicle may reach it on more than one
    /// local day (between the last time known before it and the next one after it): the
    /// last of them (`days` holds the first). Every one was checked.
    pub latest: [Option<NaiveDate>; 2],
    /// Waiting at both posts for them to open.
    pub waited: Duration,
    /// Whether the time to clear the first post and drive to the second is known (from the
    /// service or from the crossing's data); otherwise the second post is timed as if it
    /// took no time, a lower bound.
    pub clear_known: bool,
    /// Reached within `MARGIN` of a post's closing time or cut-off.
    pub tight: bool,
    /// The entry decision at the second post (shared: every leg through the same post on
    /// the same terms holds the same decision). Where no time is known there and it may be
    /// passed on more than one day, it was judged on every one: a visa to arrange on any of
    /// them is the decision (from the first day it is needed, `entry_from`).
    pub entry: Option<Arc<Entry>>,
    /// The day `entry` was judged on, where that is later than the first day the second
    /// post may be passed on (a waiver that ends within the days it may be reached).
    pub entry_from: Option<NaiveDate>,
}

impl BorderPass {
    /// Where no time at the first post is known: the local day there it was checked for
    /// (the day of boarding, or as many days after the start as the nights a source says
    /// the vehicle spends on the way). `None` when `reach` is known.
    pub fn untimed_day(&self) -> Option<NaiveDate> {
        self.reach.is_none().then_some(self.days[0]).flatten()
    }

    /// Where no time at the first post is known and the vehicle may reach the border on
    /// more than one local day: the first and the last of them (the first post's first
    /// day, and the last day either post may be passed on).
    pub fn untimed_days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.untimed_day()?;
        let last = self.latest.iter().flatten().max().copied()?;
        (last > first).then_some((first, last))
    }

    /// The local day the vehicle reaches the first post, before any wait there: the day of
    /// `reach`, or, with no time known there, the day it was checked for (after a night on
    /// the way, not the day the vehicle left). Not the day the border is crossed: see
    /// `pass_day`.
    pub fn reach_day(&self, ds: &Dataset, leg_depart: DateTime<Utc>) -> NaiveDate {
        let zone = ds.crossings[self.crossing].sides[self.first_side].zone.0;
        match (self.reach, self.untimed_day()) {
            (Some(t), _) => t.with_timezone(&zone).date_naive(),
            (None, Some(d)) => d,
            (None, None) => leg_depart.with_timezone(&zone).date_naive(),
        }
    }

    /// The day the border is crossed, the one outputs show: the local day the first post
    /// is passed, in its clock, after any wait for it to open (a bus reaching it after it
    /// closed and queueing overnight crosses the next day); with no time known there, the
    /// day it was checked for (`days[0]`, which is then `reach_day`).
    pub fn pass_day(&self, ds: &Dataset, leg_depart: DateTime<Utc>) -> NaiveDate {
        self.days[0].unwrap_or_else(|| self.reach_day(ds, leg_depart))
    }

    /// The day of entry: the local day the second post is passed, in its clock, after any
    /// wait there (`days[1]`). The planner judges the entry (visa) on it, so a visa must be
    /// valid from it.
    pub fn entry_day(&self, ds: &Dataset, leg_depart: DateTime<Utc>) -> NaiveDate {
        self.days[1].unwrap_or_else(|| self.pass_day(ds, leg_depart))
    }

    /// The first day the entry decision (`entry`) applies: the day of entry, or a later day
    /// the second post may be passed on where a visa is needed only from it.
    pub fn entry_needed(&self, ds: &Dataset, leg_depart: DateTime<Utc>) -> NaiveDate {
        self.entry_from
            .unwrap_or_else(|| self.entry_day(ds, leg_depart))
    }
}

#[derive(Debug, Clone)]
pub struct Leg {
    pub service: ServiceIx,
    pub board: usize,
    pub alight: usize,
    /// When the leg leaves; for a leg whose time is not known, the earliest it can (inside
    /// `window`).
    pub depart: DateTime<Utc>,
    /// When it arrives; when `arrive_known` is false, only a lower bound.
    pub arrive: DateTime<Utc>,
    pub borders: Vec<BorderPass>,
    /// The fare used (index into the service's fares) and its cost for the whole party.
    pub fare: Option<(usize, Money)>,
    /// When fares quoted apart for stretches make up the ride end to end (Sary-Tash to the
    /// border, then the border to Kashgar), `fare` is the first stretch's and these are the
    /// others', in order: the ride costs their sum. Empty otherwise.
    pub more_fares: Vec<(usize, Money)>,
    pub vehicles: Option<u32>,
    /// A shared taxi priced only as a whole vehicle that the party does not fill: the seat
    /// price is unknown (`fare` is `None`) and this is what hiring the whole vehicle costs
    /// (fare index, cost for the party).
    pub hire: Option<(usize, Money)>,
    /// False when no source fixes the departure time (a shared taxi that leaves when full,
    /// a bus whose time is unknown): the times are then the earliest that fit, not a timetable.
    pub time_known: bool,
    /// For a leg whose time is not known: the window it leaves in that day (first and last
    /// moment, the same for a when-full service with only an earliest time).
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// False when the arrival is only a lower bound: no source gives the time at the stop
    /// where the leg ends, or none gives when the vehicle leaves and leaving at the first
    /// or the last moment of its day (its window; a train's whole day) arrives on
    /// different days, or either could not make the ride (`length_known` tells them
    /// apart).
    pub arrive_known: bool,
    /// The latest it may arrive, where a source gives the time at the stop where the leg
    /// ends but none gives when the vehicle leaves: the arrival of the vehicle leaving at
    /// the last moment it may (`late_by`), with its own waits at posts. The next leg is
    /// planned from it (`Planner::ready_at`): the traveller does not choose when the
    /// vehicle leaves. `arrive` otherwise, and where that vehicle cannot make the ride
    /// (`arrive_known` is then false).
    pub latest: DateTime<Utc>,
    /// False when the leg boards at a stop on the way where no source gives when the
    /// vehicle leaves (a train's dwell): `depart` is then when it arrives there, the time
    /// to be aboard by, and the departure itself is not known.
    pub depart_given: bool,
}

impl Leg {
    /// Whether a source gives the time at the stop where the leg ends, so how long the ride
    /// takes is known (`arrive - depart`, with any wait at a post), even where its arrival
    /// is not (`arrive_known`: a train no source times, 16h30m from whenever it leaves).
    pub fn length_known(&self, ds: &Dataset) -> bool {
        ds.services[self.service].stops[self.alight]
            .offset
            .is_some()
    }
    /// Whether `arrive` is a time to show: a source fixes the departure and gives the time
    /// at the stop where the leg ends (otherwise it is only the earliest it could be).
    pub fn arrive_timed(&self) -> bool {
        self.time_known && self.arrive_known
    }
    /// Reaches a post within `MARGIN` of its closing time or cut-off.
    pub fn tight(&self) -> bool {
        self.borders.iter().any(|b| b.tight)
    }

    /// The fares the ride's price adds up (fare index, cost for the party): `fare`, then
    /// `more_fares`.
    pub fn fares(&self) -> impl Iterator<Item = (usize, Money)> + '_ {
        self.fare.into_iter().chain(self.more_fares.iter().copied())
    }

    /// Whether the known price of the ride is only a minimum: a quote says "at least", or
    /// the fares used cover only part of the ride.
    pub fn minimum_fare(&self, s: &Service) -> bool {
        let Some((fi, _)) = self.fare else {
            return false;
        };
        if self.more_fares.is_empty() {
            return s
                .fares
                .get(fi)
                .is_none_or(|f| f.minimum_for(self.board, self.alight));
        }
        self.fares()
            .any(|(fi, _)| s.fares.get(fi).is_none_or(|f| f.at_least))
    }
}

#[derive(Debug, Clone)]
pub struct Itinerary {
    pub legs: Vec<Leg>,
    /// Known cost for the party in the dataset's base currency (minor units).
    pub cost: i64,
    /// Legs whose fare is unknown (or has no rate to convert it).
    pub unknown_fares: u32,
    /// The rides whose price is unknown or only partly known (a minimum), as costs compare
    /// them (`Unpriced`), sorted: known costs are compared only where these agree.
    pub unpriced: Vec<Unpriced>,
}

/// A ride's stretch of a service: (service, board stop, alight stop).
pub type Stretch = (ServiceIx, usize, usize);

/// A ride whose price is not known, or only a minimum, as costs compare it: the kind of
/// vehicle and whether a minimum is known — not the service nor the places. Two rides in
/// the same kind of vehicle whose fares no source gives (or both only "at least") count as
/// the same unknown amount beyond what is known, so their known costs are compared:
/// otherwise N parallel routes (through different towns) give N itineraries that cannot
/// be compared on cost, every combination of them survives, and the search does not scale.
/// A fare not known is still never taken as cheaper than a known one (an itinerary with
/// more unknown fares never counts as cheaper), a bare "not known" never as a minimum, nor
/// a bus's as a taxi's. The answer names the services whose fares are not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unpriced {
    pub mode: Mode,
    /// A minimum price is known (counted in the cost); otherwise nothing is.
    pub minimum: bool,
}

impl Itinerary {
    pub fn depart(&self) -> DateTime<Utc> {
        self.legs.first().map(|l| l.depart).unwrap_or_default()
    }
    /// The arrival; when `arrive_known` is false, a lower bound.
    pub fn arrive(&self) -> DateTime<Utc> {
        self.legs.last().map(|l| l.arrive).unwrap_or_default()
    }
    /// Whether the time of arrival is known (a source gives the time at the last stop).
    pub fn arrive_known(&self) -> bool {
        self.legs.last().is_none_or(|l| l.arrive_known)
    }
    /// Whether a source gives every leg's arrival. Where one on the way is not given, the
    /// legs after it are planned from the earliest it could be (the next day), so the
    /// journey's end is only the earliest too, though its last leg's length is known: a bus
    /// of "15 hours to two days" to Osh may miss the next morning's taxi to Bishkek. (The
    /// words' rule for "at the earliest"; `arrive_known`, the last leg's, is the search's.)
    pub fn arrival_certain(&self) -> bool {
        self.legs.iter().all(|l| l.arrive_known)
    }
    /// Whether a source fixes the departure (the first leg's time; a later leg may still
    /// leave when full).
    pub fn depart_known(&self) -> bool {
        self.legs.first().is_some_and(|l| l.time_known)
    }
    /// Whether `arrive()` is a time to show: every departure is timetabled and a source
    /// gives the time at the last stop (otherwise it is only a lower bound).
    pub fn arrive_timed(&self) -> bool {
        self.time_known() && self.arrive_known()
    }
    /// Whether every leg's departure time is fixed by a source.
    pub fn time_known(&self) -> bool {
        self.legs.iter().all(|l| l.time_known)
    }
    /// Whether some post is reached within `MARGIN` of its closing time or cut-off.
    pub fn tight(&self) -> bool {
        self.legs.iter().any(Leg::tight)
    }
    pub fn changes(&self) -> usize {
        self.legs.len().saturating_sub(1)
    }
    /// Whether `self` counts as costing no more than `other`: known costs are compared only
    /// when both have the same unpriced rides (compared as `Unpriced`: the same kinds of
    /// vehicle, each with a minimum or not, whatever the service), so a partial fare never
    /// makes an itinerary look cheaper than a complete one; and an itinerary with fewer
    /// unpriced rides counts as no dearer (a price not known is not a saving). Transitive,
    /// and kept by extending both with the same legs (the same ride is added to both).
    pub fn costs_no_more(&self, other: &Itinerary) -> bool {
        self.unpriced.len() < other.unpriced.len()
            || (self.cost <= other.cost && self.unpriced == other.unpriced)
    }

    /// How itineraries are ranked for the answer: at least as good on arrival, changes,
    /// margins and cost (`costs_no_more`), leaving no earlier. Transitive, like `covers`,
    /// which implies it. Leaving no earlier makes the answer a profile: a later departure
    /// that arrives later is another answer, and of two that arrive together the one that
    /// leaves later wins (no needless wait).
    pub fn outranks(&self, other: &Itinerary) -> bool {
        self.arrive() <= other.arrive()
            && (self.arrive_known() || !other.arrive_known())
            && self.legs.len() <= other.legs.len()
            && (!self.tight() || other.tight())
            && self.depart() >= other.depart()
            && self.costs_no_more(other)
    }

    /// Whether `self` makes `other` no sensible choice although neither outranks the other
    /// (`outranks` compares fares only where the same rides are unpriced): `self` spends
    /// fewer days on the road inside `other`'s — it leaves on the same day or later (in the
    /// origin's clock `from`) and arrives on an earlier day (in the destination's clock
    /// `to`; for an arrival not known, the earliest day it could be) — with no more legs,
    /// not tight unless `other` is, and `other`'s known cost no lower than `self`'s,
    /// whatever fares either leaves unpriced. `other` is then better on nothing known:
    /// knowing its arrival time is no reason to offer a detour days longer (Samarkand to
    /// Dushanbe by Osh and the Pamirs, four days, beside Tashkent and Khujand, whose last
    /// shared taxi's arrival no source gives but could be two days sooner).
    /// Knowing more of `other`'s fares is no reason to offer a journey days longer: Bishkek
    /// to Naryn by Osh, Kashgar and Torugart (at least 167 USD) beside the direct shared
    /// taxi whose fare no source gives. One whose known cost is lower stays (Kashgar to
    /// Bishkek by Urumqi and Almaty, at least 62 USD, beside the agency car over Torugart,
    /// at least 350).
    pub fn overshadows(&self, other: &Itinerary, from: chrono_tz::Tz, to: chrono_tz::Tz) -> bool {
        let day = |t: DateTime<Utc>, z: chrono_tz::Tz| t.with_timezone(&z).date_naive();
        day(self.arrive(), to) < day(other.arrive(), to)
            && day(self.depart(), from) >= day(other.depart(), from)
            && self.legs.len() <= other.legs.len()
            && (!self.tight() || other.tight())
            && other.cost >= self.cost
    }

    /// The order answers are shown in: earliest arrival day first, in the destination's
    /// clock (`to`) — for an arrival not known, the earliest day it could be, so a direct
    /// bus whose arrival no source gives is not ranked after a slower chain that arrives
    /// the next day — then, of those arriving the same day, the one leaving on the later
    /// day in the origin's clock (`from`; fewer days on the road), then a known arrival
    /// before one not known (an untimed bus's earliest possible arrival can be the moment
    /// it leaves: no reason to rank it above a shared taxi whose journey time is known),
    /// then the earlier arrival, comfortable before tight, fully priced before partly
    /// priced, cheaper, fewer legs, then the later departure.
    #[allow(clippy::type_complexity)]
    fn key(
        &self,
        zones: &mut calendar::Zones,
        from: chrono_tz::Tz,
        to: chrono_tz::Tz,
    ) -> (
        NaiveDate,
        Reverse<NaiveDate>,
        bool,
        DateTime<Utc>,
        bool,
        u32,
        i64,
        &[Unpriced],
        usize,
        Reverse<DateTime<Utc>>,
    ) {
        (
            zones.date(to, self.arrive()),
            Reverse(zones.date(from, self.depart())),
            !self.arrive_known(),
            self.arrive(),
            self.tight(),
            self.unknown_fares,
            self.cost,
            &self.unpriced,
            self.legs.len(),
            Reverse(self.depart()),
        )
    }
}

impl Itinerary {
    /// The stretches of services it rides, in order: two itineraries with the same route
    /// differ only in their days.
    pub fn route(&self) -> Vec<Stretch> {
        self.legs
            .iter()
            .map(|l| (l.service, l.board, l.alight))
            .collect()
    }
}

/// The itineraries grouped by route, each group in the answer's order and the groups in
/// the order of their first itinerary: a profile over several days finds the same car on
/// each of them, and an answer shows each route once and names its other days.
pub fn by_route(its: &[Itinerary]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(Vec<Stretch>, Vec<usize>)> = Vec::new();
    for (i, it) in its.iter().enumerate() {
        let r = it.route();
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, members)) => members.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    groups.into_iter().map(|(_, m)| m).collect()
}

/// The answer: itineraries, and why there are none (or none sooner).
#[derive(Debug, Default)]
pub struct Plan {
    pub itineraries: Vec<Itinerary>,
    /// Blocking causes met during the search, each with the dates it applied to.
    pub reasons: Vec<(Blocker, BTreeSet<NaiveDate>)>,
    /// Services that would reach the destination but are not used: no source gives their
    /// time at the stop where the traveller would board (named with each), so nothing says
    /// when to be there.
    pub unusable: BTreeMap<ServiceIx, Subject>,
    /// Suspended services that would have served this trip (see `Serves`): from the origin
    /// or to the destination, on a route between them with the fewest rides. Set by
    /// `search`.
    pub suspended: Vec<ServiceIx>,
    /// Crossings whose closure or hours blocked a ride that mattered, each with the side
    /// whose post that ride passes first.
    pub blocked_at: BTreeSet<(CrossingIx, usize)>,
    /// Documents not held that blocked a ride that mattered (with `--held-only`), with the
    /// dates: holding them is the fix to try.
    pub doc_blocks: BTreeMap<Doc, BTreeSet<NaiveDate>>,
    /// Whether any chain of services with known times links the two places at all.
    pub connected: bool,
    /// What would change the answer: documents to hold, the user's own restrictions to
    /// drop (see `documents::explain`).
    pub fixes: Vec<documents::Fix>,
    /// Countries and years whose public holidays the dataset does not know although a
    /// crossing used (or tried) then closes for them: the plan cannot tell holiday closures.
    pub holidays_unknown: BTreeSet<(Country, i32)>,
    /// Steps the search took (rides tried and labels compared): its work, which tests
    /// bound by the dataset's size.
    pub work: u64,
    /// Whether the search stopped early (its work budget spent, or more equally good
    /// itineraries at a place than it keeps): other itineraries may exist.
    pub truncated: bool,
    /// With no itinerary: the last departure day the look for the earliest day that works
    /// reached, when the dataset's dates (`request::date_range`) ended it before a year.
    pub searched_until: Option<NaiveDate>,
}

/// The search's work budget: a fixed allowance plus a share per stop of every service, so
/// that it grows with the dataset, and with nothing else: not with the product of its
/// options (a place keeps at most `BAG_CAP` labels a day) nor with the `--within` window
/// (up to a year and a day). A search that spends it stops, keeps what it found (searched
/// in order of arrival: every itinerary arriving before it stopped) and says so
/// (`Plan::truncated`). On the real dataset (3.6 million steps) a week's or a month's
/// search takes a few hundred thousand steps; a year's window from its busiest places
/// (Urumqi, Xi'an, Bukhara) needs more and is cut short, with the note.
pub const WORK_BASE: u64 = 2_000_000;
pub const WORK_PER_STOP: u64 = 5_000;
/// The most labels kept at one place (with the same progress towards --via) that no other
/// beats: enough for every trade-off a traveller weighs, few enough that comparing a new
/// label with the bag, and the final ranking, stay cheap.
pub const BAG_CAP: usize = 48;

/// The budget of one search on `ds`, whatever the request.
pub fn work_budget(ds: &Dataset) -> u64 {
    let stops: u64 = ds.services.iter().map(|s| s.stops.len() as u64).sum();
    WORK_BASE.saturating_add(WORK_PER_STOP.saturating_mul(stops))
}

/// The labels at one place (with one `--via` progress) that no other covers, by the day
/// (in the origin's clock) their journey left. A label can cover, or be covered by, only
/// one that left between its own arrival less the longest journey in the bag and its
/// arrival (`covers` needs the coverer to leave no earlier and arrive no later), so a new
/// label is compared with those days only: the work per label does not grow with the
/// `--window`'s length, as comparing it with the whole bag did (quadratic in the days).
#[derive(Default)]
struct Bag {
    by_day: Sorted<NaiveDate>,
    /// The longest journey (arrival less departure) of a label ever put in the bag.
    span: Duration,
}

/// Lists of label ids by a key (a day, a departure), in the key's order: a sorted vector,
/// where the search's range look-ups cost far less than in a `BTreeMap` (a bag holds a few
/// days; a year's profile some hundreds).
struct Sorted<K>(Vec<(K, Vec<usize>)>);

impl<K> Default for Sorted<K> {
    fn default() -> Self {
        Sorted(Vec::new())
    }
}

impl<K: Ord + Copy> Sorted<K> {
    /// Where the keys in `from..=to` lie (none when `from` is after `to`).
    fn bounds(&self, from: K, to: K) -> std::ops::Range<usize> {
        let lo = self.0.partition_point(|(k, _)| *k < from);
        let hi = self.0.partition_point(|(k, _)| *k <= to);
        lo..hi.max(lo)
    }

    /// The lists with keys in `r`, in order.
    fn range(&self, r: std::ops::RangeInclusive<K>) -> &[(K, Vec<usize>)] {
        let b = self.bounds(*r.start(), *r.end());
        &self.0[b]
    }

    /// `range`, to change.
    fn range_mut(&mut self, r: std::ops::RangeInclusive<K>) -> &mut [(K, Vec<usize>)] {
        let b = self.bounds(*r.start(), *r.end());
        &mut self.0[b]
    }

    /// The list at `k`, made empty if there is none.
    fn at(&mut self, k: K) -> &mut Vec<usize> {
        let at = match self.0.binary_search_by(|(x, _)| x.cmp(&k)) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (k, Vec::new()));
                at
            }
        };
        &mut self.0[at].1
    }
}

/// Stretches of `s` with fares quoted apart that make up the ride from stop `board` to
/// stop `alight` end to end, each starting where the last ended (A–B, then B–C for a ride
/// A–C), if there are such: the first found, trying the stretches from `board` in the
/// order of the data.
pub fn tiling(s: &Service, board: usize, alight: usize) -> Option<Vec<(usize, usize)>> {
    let mut tried: Vec<usize> = Vec::new();
    for f in &s.fares {
        if f.from != board || f.to <= board || f.to > alight || tried.contains(&f.to) {
            continue;
        }
        tried.push(f.to);
        if f.to == alight {
            return Some(vec![(board, alight)]);
        }
        if let Some(mut rest) = tiling(s, f.to, alight) {
            rest.insert(0, (board, f.to));
            return Some(rest);
        }
    }
    None
}

/// The places where `it`, leaving from `from`, comes back to a place it has been: a stop
/// after boarding at the origin or at a place an earlier leg boarded, stopped at or
/// alighted (the loop rule, invariant 5, checked on a whole itinerary). Empty when it has
/// no loop.
fn comes_back(ds: &Dataset, from: PlaceIx, it: &Itinerary) -> Vec<PlaceIx> {
    let mut been = vec![from];
    let mut back = Vec::new();
    for leg in &it.legs {
        let before = been.len();
        let stops = &ds.services[leg.service].stops;
        for (k, st) in stops
            .iter()
            .enumerate()
            .take(leg.alight + 1)
            .skip(leg.board)
        {
            let StopAt::Place(p) = st.at else { continue };
            if k > leg.board && been[..before].contains(&p) {
                back.push(p);
            }
            been.push(p);
        }
    }
    back
}

/// Whether every place in `a` is in `b` (the places two labels have been, invariant 3).
fn within(a: &[PlaceIx], b: &[PlaceIx]) -> bool {
    a.iter().all(|p| b.contains(p))
}

/// Whether a label that has been at the places `a` (`Label::been`, and of them the
/// tracked ones, `Label::kept`) may cover one that has been at `b`, when `Summary::covers`
/// says it is as good (invariant 3). At a place the journeys go on from: every tracked
/// place of the first is one of the second's. At the destination, where they end: every
/// place of the first is one of the second's, or the two are `equal` on every criterion
/// (which one is kept changes no criterion; keeping the other routes lets the answer,
/// after each leg is moved to its latest ride, show a route that can leave later).
fn places_allow(
    arrived: bool,
    a: (&[PlaceIx], &[PlaceIx]),
    b: (&[PlaceIx], &[PlaceIx]),
    equal: impl FnOnce() -> bool,
) -> bool {
    if arrived {
        within(a.0, b.0) || equal()
    } else {
        within(a.1, b.1)
    }
}

/// Whether two labels are equal on every criterion dominance compares.
fn same(a: &Hot, b: &Hot) -> bool {
    a.sum == b.sum && a.costs == b.costs
}

/// An itinerary's costs as dominance compares them (`Itinerary::costs_no_more`), held in
/// the label itself: the rides whose price is not known (at most one a leg, so at most
/// `MAX_LEGS`) in a fixed array rather than a vector of their own.
#[derive(Debug, Clone, Copy)]
struct Costs {
    cost: i64,
    unknown_fares: u32,
    unpriced_len: u8,
    /// Sorted; only the first `unpriced_len` count.
    unpriced: [Unpriced; MAX_LEGS],
}

impl PartialEq for Costs {
    fn eq(&self, o: &Costs) -> bool {
        self.cost == o.cost
            && self.unknown_fares == o.unknown_fares
            && self.unpriced() == o.unpriced()
    }
}

impl Costs {
    const NONE: Costs = Costs {
        cost: 0,
        unknown_fares: 0,
        unpriced_len: 0,
        unpriced: [Unpriced {
            mode: Mode::Bus,
            minimum: false,
        }; MAX_LEGS],
    };

    fn unpriced(&self) -> &[Unpriced] {
        &self.unpriced[..usize::from(self.unpriced_len)]
    }

    /// `Itinerary::costs_no_more`, on the costs alone.
    fn costs_no_more(&self, other: &Costs) -> bool {
        self.unpriced_len < other.unpriced_len
            || (self.cost <= other.cost && self.unpriced() == other.unpriced())
    }

    /// Adds an unpriced ride, keeping them sorted. A label has at most `MAX_LEGS` legs,
    /// each adding at most one.
    fn add_unpriced(&mut self, part: Unpriced) {
        let n = usize::from(self.unpriced_len);
        let at = self.unpriced[..n].partition_point(|u| *u < part);
        self.unpriced.copy_within(at..n, at + 1);
        self.unpriced[at] = part;
        self.unpriced_len += 1;
    }
}

/// A label: a journey from the origin to `place`. What comparing labels reads (`Hot`) is
/// kept apart from the rest, in a table of its own indexed by the same label id, so that
/// comparing a new label with a bag of others reads a few compact entries.
struct Label {
    place: PlaceIx,
    via_ok: bool,
    /// Every place the journey has been: the origin, and where each ride boarded, stopped
    /// on the way (whether or not anyone got off) and alighted (invariant 5). Kept only by
    /// a label at the destination, the one place it is compared (`places_allow`); elsewhere
    /// empty, and worked out from the legs (`Label::been`) when a journey arrives.
    been: Vec<PlaceIx>,
    /// The last leg (none at the origin): the legs before it are `parent`'s, shared rather
    /// than copied into every label (`Label::itinerary` puts them together). Boxed, as the
    /// search makes it (`Planner::build`): a leg is a few hundred bytes, and the labels'
    /// table, which grows by copying, holds only the pointer.
    leg: Option<Box<Leg>>,
    /// The label this one extends by `leg` (itself at the origin).
    parent: usize,
}

/// What dominance compares of a label (see `Label`).
#[derive(Debug, Clone, Copy)]
struct Hot {
    /// What dominance compares of the itinerary besides its costs, kept so that comparing
    /// walks no legs.
    sum: Summary,
    costs: Costs,
    /// The places the journey has been that are tracked (`Planner::tracked`): no later ride
    /// may stop at one, and a label covers another only if it has been at none the other
    /// has not been at (invariants 3 and 5). Where they lie in the search's pool of such
    /// lists (start, length).
    kept: (u32, u32),
}

impl Hot {
    fn kept<'p>(&self, pool: &'p [PlaceIx]) -> &'p [PlaceIx] {
        let (at, n) = (self.kept.0 as usize, self.kept.1 as usize);
        &pool[at..at + n]
    }
}

impl Label {
    /// Adds to `out` every place the journey of label `id` has been after its origin: each
    /// place its rides stopped at after boarding (see `Label::been`).
    fn been(ds: &Dataset, labels: &[Label], id: usize, out: &mut Vec<PlaceIx>) {
        let mut at = id;
        while let Some(leg) = &labels[at].leg {
            let stops = &ds.services[leg.service].stops[leg.board + 1..=leg.alight];
            out.extend(stops.iter().filter_map(|st| match st.at {
                StopAt::Place(p) => Some(p),
                StopAt::Crossing(_) => None,
            }));
            at = labels[at].parent;
        }
    }

    /// The whole itinerary of label `id`: its legs gathered from its parents.
    fn itinerary(labels: &[Label], hot: &[Hot], id: usize) -> Itinerary {
        let costs = &hot[id].costs;
        let mut legs = Vec::with_capacity(hot[id].sum.legs);
        let mut at = id;
        while let Some(leg) = &labels[at].leg {
            legs.push(Leg::clone(leg));
            at = labels[at].parent;
        }
        legs.reverse();
        Itinerary {
            legs,
            cost: costs.cost,
            unknown_fares: costs.unknown_fares,
            unpriced: costs.unpriced().to_vec(),
        }
    }
}

/// The criteria of an itinerary that `covers` compares besides its cost (which the
/// itinerary holds): its first departure, its arrival and whether that is known, its
/// number of legs and whether some post on it is reached tight. Worked out once per label
/// (and for a new label before its legs are copied: most new labels are covered and
/// dropped without ever being built).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Summary {
    depart: DateTime<Utc>,
    arrive: DateTime<Utc>,
    arrive_known: bool,
    /// The latest the last leg may arrive (`Leg::latest`), which the next leg is planned
    /// from; at the destination, where nothing follows, `arrive`.
    latest: DateTime<Utc>,
    legs: usize,
    tight: bool,
}

impl Summary {
    /// The summary of the journey that has not left.
    fn start() -> Summary {
        Summary {
            depart: DateTime::default(),
            arrive: DateTime::default(),
            arrive_known: true,
            latest: DateTime::default(),
            legs: 0,
            tight: false,
        }
    }

    /// The summary of `self`'s itinerary with `leg` added (`tight`: `Leg::tight` of it,
    /// whose passes the search copies into it only once it is kept; `arrived`: it ends
    /// the journey, so its latest arrival plans nothing).
    fn then(&self, leg: &Leg, tight: bool, arrived: bool) -> Summary {
        Summary {
            depart: if self.legs == 0 {
                leg.depart
            } else {
                self.depart
            },
            arrive: leg.arrive,
            arrive_known: leg.arrive_known,
            latest: if arrived { leg.arrive } else { leg.latest },
            legs: self.legs + 1,
            tight: self.tight || tight,
        }
    }

    /// Whether the itinerary summed up by `self` with costs `it` covers another (summed up
    /// by `o`, with costs `other`): it is at least as good on arrival (a known one is
    /// better than one not known; the latest arrival, which the next leg is planned from,
    /// no later either), cost, changes and margins, and left no earlier (so its 14-day
    /// budget reaches at least as far: see the invariants in `run`).
    fn covers(&self, it: &Costs, o: &Summary, other: &Costs) -> bool {
        self.arrive <= o.arrive
            && (self.arrive_known || !o.arrive_known)
            && self.latest <= o.latest
            && it.costs_no_more(other)
            && self.legs <= o.legs
            && (!self.tight || o.tight)
            && self.depart >= o.depart
    }
}

/// What the search needs of a dataset whatever the question, built once per dataset (and
/// shared by a plan's searches): the services stopping at each place.
#[derive(Debug, Clone)]
pub struct Index {
    /// place → services stopping there, with the stop index.
    at_place: Vec<Vec<(ServiceIx, usize)>>,
    /// For every entry of `at_place`, place by place, the later stops of the service that
    /// are places (stop index, place), one list after another: what the search reads of
    /// the services at a place, in one compact run rather than in each service's stops.
    later: Vec<(u32, u32)>,
    /// Where each entry's list lies in `later` (from, to), for the entries of `at_place`
    /// place by place; place `p`'s are `spans[first[p]..first[p + 1]]`.
    spans: Vec<(u32, u32)>,
    first: Vec<u32>,
    /// For each stop of each service (service `si`'s stops from `stop_first[si]`), its
    /// entry of `at_place` as numbered in `spans` (`u32::MAX` for a crossing): so that a
    /// ride known by its stops finds its number (`ride_number`).
    stop_entry: Vec<u32>,
    stop_first: Vec<u32>,
    /// For every entry of `at_place` (numbered as in `spans`), what the search reads of the
    /// service at each ride tried from there (`Boarding`): read in order beside `spans`,
    /// where the services themselves, hundreds of bytes each, miss the caches on a large
    /// network.
    boardings: Vec<Boarding>,
}

/// What the search reads of a service boarded at a stop for every ride it tries, before
/// any memo misses (`Index::boardings`).
#[derive(Clone, Copy, Debug)]
struct Boarding {
    /// When the vehicle leaves the stop, counted from its first stop (`Stop::board`; zero
    /// where not known).
    board: Duration,
    /// `timetabled` of the service.
    timetabled: bool,
    /// Whether it runs on demand.
    on_demand: bool,
}

impl Index {
    pub fn new(ds: &Dataset) -> Index {
        let mut at_place = vec![Vec::new(); ds.places.len()];
        for (si, s) in ds.services.iter().enumerate() {
            for (i, st) in s.stops.iter().enumerate() {
                if let StopAt::Place(p) = st.at {
                    if let Some(list) = at_place.get_mut(p) {
                        list.push((si, i));
                    }
                }
            }
        }
        // Indices fit in u32: the dataset would not fit in memory otherwise.
        let entries: usize = at_place.iter().map(Vec::len).sum();
        let (mut later, mut spans) = (Vec::new(), Vec::with_capacity(entries));
        let mut first = Vec::with_capacity(at_place.len() + 1);
        for list in &at_place {
            first.push(spans.len() as u32);
            for &(si, i) in list {
                let from = later.len() as u32;
                let after = ds.services[si].stops.iter().enumerate().skip(i + 1);
                later.extend(after.filter_map(|(j, st)| match st.at {
                    StopAt::Place(q) => Some((j as u32, q as u32)),
                    StopAt::Crossing(_) => None,
                }));
                spans.push((from, later.len() as u32));
            }
        }
        first.push(spans.len() as u32);
        let mut stop_first = Vec::with_capacity(ds.services.len() + 1);
        let mut total = 0usize;
        for s in &ds.services {
            stop_first.push(total as u32);
            total += s.stops.len();
        }
        stop_first.push(total as u32);
        let mut stop_entry = vec![u32::MAX; total];
        let mut boardings = Vec::with_capacity(entries);
        let mut e = 0u32;
        for list in &at_place {
            for &(si, i) in list {
                stop_entry[stop_first[si] as usize + i] = e;
                e += 1;
                let s = &ds.services[si];
                boardings.push(Boarding {
                    board: s.stops[i].board().unwrap_or_default().to_chrono(),
                    timetabled: timetabled(s),
                    on_demand: s.schedule.kind == ScheduleKind::OnDemand,
                });
            }
        }
        Index {
            at_place,
            later,
            spans,
            first,
            stop_entry,
            stop_first,
            boardings,
        }
    }

    /// The number of the ride on service `si` from stop `i` to stop `j` (both places, `i`
    /// before `j`) in `later`, as `options` gives it.
    fn ride_number(&self, si: ServiceIx, i: usize, j: usize) -> Option<usize> {
        let at = *self.stop_first.get(si)? as usize + i;
        let e = *self.stop_entry.get(at)?;
        let &(a, b) = self.spans.get(e as usize)?;
        let (a, b) = (a as usize, b as usize);
        let n = self.later[a..b]
            .binary_search_by_key(&(j as u32), |(k, _)| *k)
            .ok()?;
        Some(a + n)
    }

    /// The services stopping at `place` (service, stop index), each with its later stops
    /// that are places (stop index, place) and where that list starts in `later` (a ride's
    /// number there: see `Planner::clear`).
    #[allow(clippy::type_complexity)]
    fn options(
        &self,
        place: PlaceIx,
    ) -> impl Iterator<Item = (ServiceIx, usize, usize, &[(u32, u32)], Boarding)> {
        let entries = self.first[place] as usize..self.first[place + 1] as usize;
        let spans = &self.spans[entries.clone()];
        self.at_place[place]
            .iter()
            .zip(spans)
            .zip(&self.boardings[entries])
            .map(move |((&(si, i), &(a, b)), &boarding)| {
                let (a, b) = (a as usize, b as usize);
                (si, i, a, &self.later[a..b], boarding)
            })
    }

    /// For each place, the fewest rides to `to` when dates are ignored (`None`: no way
    /// there), by a breadth-first search backwards from `to` over the services stopping at
    /// each place reached: it visits only what can reach `to`. Only rides the planner could
    /// take count: running services, boarded at a timed stop. A ride may end at a stop
    /// whose time no source gives (it arrives, time not known) but may start only where the
    /// time is known, as `static_check` rules.
    pub fn hops_to(&self, ds: &Dataset, to: PlaceIx) -> Vec<Option<u32>> {
        self.rides_to(ds, to, None)
    }

    /// `hops_to` over the rides that do not stop at `avoid` (board, pass or reach it),
    /// counting too a last ride to `to` boarded where no time is given (which the search
    /// tries, to note it unusable): for each place, a lower bound on the rides a journey
    /// that may not come back to `avoid` takes to reach `to`, or to try such a ride there.
    pub fn reach_to(&self, ds: &Dataset, to: PlaceIx, avoid: PlaceIx) -> Vec<Option<u32>> {
        self.rides_to(ds, to, Some(avoid))
    }

    /// `hops_to`, or with `avoid` `reach_to`.
    fn rides_to(&self, ds: &Dataset, to: PlaceIx, avoid: Option<PlaceIx>) -> Vec<Option<u32>> {
        let mut hops = vec![None; ds.places.len()];
        let Some(h) = hops.get_mut(to) else {
            return hops;
        };
        *h = Some(0);
        let mut queue = VecDeque::from([(to, 0u32)]);
        while let Some((b, h)) = queue.pop_front() {
            for &(si, jb) in &self.at_place[b] {
                let s = &ds.services[si];
                if s.status == ServiceStatus::Suspended {
                    continue;
                }
                // From the stop before `b` back: a ride boarded before `avoid` stops there.
                for st in s.stops[..jb].iter().rev() {
                    let StopAt::Place(a) = st.at else { continue };
                    if Some(a) == avoid {
                        break;
                    }
                    let boards = st.offset.is_some() || (avoid.is_some() && b == to);
                    if boards && hops[a].is_none() {
                        hops[a] = Some(h + 1);
                        queue.push_back((a, h + 1));
                    }
                }
            }
        }
        hops
    }

    /// For each place, the fewest rides from `from` when dates are ignored (`None`: not
    /// reached): `hops_to` the other way, over the same rides (running services, boarded
    /// at a timed stop).
    pub fn hops_from(&self, ds: &Dataset, from: PlaceIx) -> Vec<Option<u32>> {
        let mut hops = vec![None; ds.places.len()];
        let Some(h) = hops.get_mut(from) else {
            return hops;
        };
        *h = Some(0);
        let mut queue = VecDeque::from([(from, 0u32)]);
        while let Some((a, h)) = queue.pop_front() {
            for &(si, ia) in &self.at_place[a] {
                let s = &ds.services[si];
                if s.status == ServiceStatus::Suspended || s.stops[ia].offset.is_none() {
                    continue;
                }
                for st in &s.stops[ia + 1..] {
                    let StopAt::Place(b) = st.at else { continue };
                    if hops[b].is_none() {
                        hops[b] = Some(h + 1);
                        queue.push_back((b, h + 1));
                    }
                }
            }
        }
        hops
    }
}

/// Which of the services a plan could not ride would have served the trip: a ride on one
/// is news to the traveller only when it leaves from the origin or reaches the destination
/// and lies on a route between them with the fewest rides (dates ignored, with the service
/// running as the others are), or on any route within `MAX_LEGS` when no running service
/// links the two. The Urumqi–Almaty train is then named to a traveller from Urumqi or
/// Kashgar bound for Almaty, and not to one from Bishkek or Osh, whose journey there is
/// shorter without going round by Urumqi (Bishkek: one marshrutka against three rides),
/// nor to one from Tashkent bound for Kashgar, who could have gone by Almaty and Urumqi in
/// as few rides, but for whom the train neither leaves from the start nor ends the journey.
struct Serves {
    origin: PlaceIx,
    destination: PlaceIx,
    from: Vec<Option<u32>>,
    to: Vec<Option<u32>>,
    /// The fewest rides from the origin to the destination, or `MAX_LEGS` when none links them.
    best: u32,
}

impl Serves {
    /// `to` is `index.hops_to(ds, req.to)`, which the search has already worked out.
    fn new(ds: &Dataset, index: &Index, req: &Request, to: Vec<Option<u32>>) -> Serves {
        let best = to
            .get(req.from)
            .copied()
            .flatten()
            .map_or(MAX_LEGS as u32, |h| h.min(MAX_LEGS as u32));
        Serves {
            origin: req.from,
            destination: req.to,
            from: index.hops_from(ds, req.from),
            to,
            best,
        }
    }

    /// Whether a ride on `s`, boarded at a stop `board` accepts and left at a later
    /// place, one of them the origin or the destination, lies on such a route.
    fn ride(&self, s: &Service, board: impl Fn(usize) -> bool) -> bool {
        s.stops.iter().enumerate().any(|(i, a)| {
            let (StopAt::Place(a), true) = (a.at, board(i)) else {
                return false;
            };
            let Some(before) = self.from.get(a).copied().flatten() else {
                return false;
            };
            s.stops[i + 1..].iter().any(|b| match b.at {
                StopAt::Place(b) if a == self.origin || b == self.destination => self
                    .to
                    .get(b)
                    .copied()
                    .flatten()
                    .is_some_and(|after| before + 1 + after <= self.best),
                _ => false,
            })
        })
    }
}

/// Sets `plan.suspended` to the suspended services that would have served the trip, and
/// keeps in `plan.unusable` only the untimed boardings that would have (`Serves`). `to`:
/// the fewest rides to the destination (`Index::hops_to`), as the search had them.
fn note_services_not_used(
    ds: &Dataset,
    index: &Index,
    req: &Request,
    to: Vec<Option<u32>>,
    plan: &mut Plan,
) {
    let serves = Serves::new(ds, index, req, to);
    plan.suspended = ds
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.status == ServiceStatus::Suspended && serves.ride(s, |i| s.stops[i].offset.is_some())
        })
        .map(|(si, _)| si)
        .collect();
    plan.unusable.retain(|&si, stop| {
        let s = &ds.services[si];
        serves.ride(s, |i| match (s.stops[i].at, *stop) {
            (StopAt::Place(p), Subject::Place(q)) => p == q,
            _ => false,
        })
    });
}

/// A visa's country and the lead time to get it (`Planner::visa_ready`).
type VisaLead = (Country, Option<Lead>);
/// A drive's arguments: service, board stop and alight stop (`stretch`), start, on demand.
type RideKey = ((u32, u32, u32), DateTime<Utc>, bool);
/// `next_start`'s arguments: service, board stop and alight stop (`stretch`), earliest start.
type StartKey = ((u32, u32, u32), DateTime<Utc>);
/// `latest_ride`'s: the leg's ride (`stretch` and departure), the next leg's departure, the
/// last boarding time.
type MoveKey = (
    (u32, u32, u32),
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

/// For each place, whether it is on the way from the origin to the destination, so that
/// a ride from it towards the destination can explain why a journey fails: the origin; a
/// place fewer rides (dates ignored, `hops`) from the destination than the origin; or one
/// as many rides away that is no farther from it as the crow flies (or whose distance is
/// not known). A place more rides away, or as many and farther on the map, is a detour:
/// from Osh to Dushanbe, Kashgar is three rides away as Osh is, but 630 km from Dushanbe
/// to Osh's 390, so the Torugart bus from Kashgar is no reason; from Kashgar, Sary-Tash
/// (three rides too, and nearer) is on the way to the Pamirs.
fn on_the_way(ds: &Dataset, req: &Request, hops: &[Option<u32>]) -> Vec<bool> {
    let (o, n) = (req.from, ds.places.len());
    let Some(ho) = hops.get(o).copied().flatten() else {
        return vec![false; n];
    };
    let dest = ds.places.get(req.to).and_then(|p| p.coords);
    let dist = |p: PlaceIx| dest.zip(ds.places[p].coords).map(|(d, c)| crow(c, d));
    let origin = dist(o);
    (0..n)
        .map(|a| match hops[a] {
            _ if a == o => true,
            Some(h) if h < ho => true,
            Some(h) if h == ho => match (dist(a), origin) {
                (Some(x), Some(y)) => x <= y,
                _ => true,
            },
            _ => false,
        })
        .collect()
}

/// A measure that grows with the great-circle distance between two points (latitude,
/// longitude in degrees): the haversine of the angle between them.
fn crow(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, lo1) = (a[0].to_radians(), a[1].to_radians());
    let (la2, lo2) = (b[0].to_radians(), b[1].to_radians());
    ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2)
}

/// A stretch of a service as the memos key it: 12 bytes where three indices take 24 (the
/// memos hold an entry for each drive and next start of a search, and much of its memory).
/// Each index fits: a dataset of 2³² services or a service of 2³² stops would not fit in
/// memory.
fn stretch(si: ServiceIx, i: usize, j: usize) -> (u32, u32, u32) {
    (si as u32, i as u32, j as u32)
}

pub struct Planner<'a> {
    ds: &'a Dataset,
    req: &'a Request,
    index: Arc<Index>,
    /// For each place, the fewest rides (dates ignored) to the destination. Only a ride that
    /// gets closer explains why a journey fails; detours add noise, not reasons.
    hops: Vec<Option<u32>>,
    /// For each place, the fewest rides (dates ignored) to the destination that do not come
    /// back to the origin (`Index::reach_to`): every journey has been at the origin, and may
    /// not stop there again (invariant 5), so this bounds the rides left more closely than
    /// `hops` (from Kashgar to Bishkek, Tashkurgan is two rides away, both through Kashgar:
    /// no journey from Kashgar goes on from there). Used to prune (see `run`).
    reach: Vec<Option<u32>>,
    /// For each place, whether it is on the way to the destination (`on_the_way`): only
    /// rides from such a place explain why a journey fails.
    on_the_way: Vec<bool>,
    /// Entry decisions by (country, crossing, date); the date is dropped from the key when
    /// no dated rule applies to that country, so each is worked out once.
    entries: HashMap<(Country, CrossingIx, Option<NaiveDate>), Arc<Entry>, calendar::Fast>,
    /// Whether entry to a country can depend on the day (`depends_on_date`), by country.
    dated: Vec<(Country, bool)>,
    /// The first day a visa can be held (`visa_ready`), by country and lead time.
    visas_ready: Vec<(VisaLead, Option<NaiveDate>)>,
    /// The posts' calendars, each day's verdict worked out once (`calendar::Memo`).
    posts: calendar::Memo,
    /// Drives already made, by (service, board, alight, start, on demand), of a ride with no
    /// number (`Index::ride_number`; the others' are in their `RideMemo`): the labels at a
    /// place that are ready at different times often catch the same vehicle (`drive`).
    drives: HashMap<RideKey, DriveIx, calendar::Fast>,
    /// The drives made, where `drives` points (`Made`).
    made: Made,
    /// `arrival_leaving`'s answers, by the same key as `drives`.
    ends: HashMap<RideKey, Option<DateTime<Utc>>, calendar::Fast>,
    /// The border passes of the drives made, one drive's after another (`Drive::borders`).
    passes: Vec<BorderPass>,
    /// `next_start`'s answers, by (service, board, alight, earliest start); a timetable's
    /// by service and earliest start alone.
    starts: HashMap<StartKey, Option<DateTime<Utc>>, calendar::Fast>,
    /// `latest_ride`'s answers within one `latest_rides`.
    moves: HashMap<MoveKey, Option<Leg>, calendar::Fast>,
    /// Whether `latest_ride` drives every later start, not only from the last back to the
    /// one it takes (for what the drives record).
    all_drives: bool,
    /// Whether the ride being tried counts towards the reasons (see `ride`).
    recording: bool,
    /// Whether the journey being extended left after the `--within` window (searched only
    /// to beat what leaves in it): its rides explain nothing.
    beyond_window: bool,
    /// A profile search (every day of the window, latest departures); without it, only the
    /// earliest arrival matters (the search for the first day that works).
    profile: bool,
    /// How many days past the window the profile looks for departures that beat one in it:
    /// `LOOK_BEYOND` at first, more when an answer in the window arrives later (`run`).
    beyond: i64,
    /// Set by a pass of the search whose answer in the window arrives later than it looked
    /// past the window: the days it must look (`beyond_for`).
    wider: Option<i64>,
    /// A search for the journeys leaving after another search's window (`leaving_later`):
    /// it keeps every answer, those whose first leg moved past its own window too, and
    /// never looks further itself.
    after_window: bool,
    /// Whether a label that an itinerary already found covers is left unexpanded (see
    /// `run`); off only for the rerun that collects every reason when nothing was found.
    prune_by_found: bool,
    /// Whether some label was left unexpanded so.
    pruned: bool,
    /// The places whose visits labels keep (`Label::been`): the origin, and every place
    /// an answer of an earlier pass came back to (see `run`, invariant 5).
    tracked: Vec<bool>,
    /// The places where an answer of the last pass came back to where it had been.
    looped: Vec<PlaceIx>,
    /// For each ride from a place to a later place of a service (numbered as in
    /// `Index::later`), whether its date-independent rules (`static_check`) were found to
    /// pass and it needs no permit still to be obtained (`permits_ready`), or to fail
    /// (`CLEAR`, `FAILS`): both depend only on the ride and the request, so such a ride is
    /// not checked again (a failed one only to record its reason).
    clear: Vec<u8>,
    /// The next starts of each ride (numbered as `clear`), and the next runs of each
    /// timetabled service (which do not depend on the stops): where each ride's and each
    /// timetable's `RideMemo` lies in `memos`, plus one (0: none yet). A ride's memo is
    /// read beside the ride rather than in a table of every next start of the search,
    /// whose look-ups miss the caches on a large network.
    ride_memo: Vec<u32>,
    timetable_memo: Vec<u32>,
    memos: Vec<RideMemo>,
    /// The failed drives of the ride being tried (`ride_from`), kept from ride to ride.
    pending: Vec<DriveIx>,
    /// Empty but while a drive is made: what it records (`drive_anew`).
    scratch: Recorded,
    plan: Plan,
}

/// What is known of a ride's date-independent rules (`Planner::clear`): not yet checked,
/// passed with no permit still to be obtained, or failed (`static_check`; checked again
/// only when its reason would be recorded).
const UNCHECKED: u8 = 0;
const CLEAR: u8 = 1;
const FAILS: u8 = 2;

/// What one ride (or one timetable) has been asked: the next starts found, as the times
/// between which each answers (`next_start` gives the earliest start at or after the time
/// asked that fits the departure rule, so every time asked from `from` to the start found
/// has that answer), and the times after the start found that are starts themselves (a
/// window's), sorted (they do not overlap).
///
/// It also holds the ride's drives (`Planner::drive`), by start, sorted: read beside the
/// next starts, where a table of every drive of the search would miss the caches.
#[derive(Default)]
struct RideMemo {
    starts: Vec<Starts>,
    drives: Vec<(DateTime<Utc>, DriveIx)>,
}

/// Asked at `from`, the next start is `next` (and so for every time from `from` to it),
/// and every time after `next` up to `until` is a start itself (`until` is `next` where no
/// later time is known to be one); `None`: there is none (remembered for `from` alone).
#[derive(Clone, Copy)]
struct Starts {
    from: DateTime<Utc>,
    next: Option<DateTime<Utc>>,
    until: DateTime<Utc>,
}

impl RideMemo {
    /// The remembered next start for `t`, if any, and the latest time up to which every
    /// time after it is a start too.
    #[inline]
    fn span(&self, t: DateTime<Utc>) -> Option<Option<(DateTime<Utc>, DateTime<Utc>)>> {
        // Labels are taken in order of arrival: mostly the latest interval.
        let at = match self.starts.last() {
            Some(s) if s.from <= t => self.starts.len() - 1,
            _ => self
                .starts
                .partition_point(|s| s.from <= t)
                .checked_sub(1)?,
        };
        let s = self.starts[at];
        match s.next {
            Some(n) if t <= n => Some(Some((n, s.until))),
            Some(_) if t <= s.until => Some(Some((t, s.until))),
            None if t == s.from => Some(None),
            _ => None,
        }
    }

    /// Remembers that the next start at `t` is `n`, and that every time after it up to
    /// `until` is a start (`t` not answered by `span`).
    fn add_start(&mut self, t: DateTime<Utc>, n: Option<DateTime<Utc>>, until: DateTime<Utc>) {
        if self.starts.capacity() == 0 {
            // Room for a week's starts at once (growing by steps costs more). Made here, not
            // with the memo: a timetabled service's rides keep only drives (their next
            // starts are the service's).
            self.starts.reserve(8);
        }
        let at = self.starts.partition_point(|s| s.from <= t);
        if let Some(s) = self.starts.get_mut(at) {
            // Asked earlier than a time with the same answer: that interval grows back to `t`.
            if n.is_some() && s.next == n {
                s.from = t;
                return;
            }
            // The starts claimed stop short of the next interval (they do not overlap; a
            // start found is before the next time asked, or it would be its answer).
            let until = match n {
                Some(n) if until >= s.from => n.max(s.from - Duration::nanoseconds(1)),
                _ => until,
            };
            self.starts.insert(
                at,
                Starts {
                    from: t,
                    next: n,
                    until,
                },
            );
            return;
        }
        self.starts.push(Starts {
            from: t,
            next: n,
            until,
        });
    }

    /// The drive started at `t0`, if made; else where it goes in `drives`.
    fn drive(&self, t0: DateTime<Utc>) -> Result<DriveIx, usize> {
        // Labels are taken in order of arrival: mostly the latest start, or a later one.
        match self.drives.last() {
            None => Err(0),
            Some(&(t, ix)) if t == t0 => Ok(ix),
            Some(&(t, _)) if t < t0 => Err(self.drives.len()),
            _ => self
                .drives
                .binary_search_by_key(&t0, |d| d.0)
                .map(|at| self.drives[at].1),
        }
    }
}

impl<'a> Planner<'a> {
    pub fn new(ds: &'a Dataset, req: &'a Request) -> Planner<'a> {
        Planner::with_index(ds, req, Arc::new(Index::new(ds)))
    }

    /// A planner using an index already built for `ds` (`Index::new`).
    pub fn with_index(ds: &'a Dataset, req: &'a Request, index: Arc<Index>) -> Planner<'a> {
        let clear = vec![UNCHECKED; index.later.len()];
        let ride_memo = vec![0; index.later.len()];
        let timetable_memo = vec![0; ds.services.len()];
        let hops = index.hops_to(ds, req.to);
        let reach = index.reach_to(ds, req.to, req.from);
        let on_the_way = on_the_way(ds, req, &hops);
        let connected = hops.get(req.from).is_some_and(Option::is_some);
        let mut tracked = vec![false; ds.places.len()];
        if let Some(t) = tracked.get_mut(req.from) {
            *t = true;
        }
        Planner {
            ds,
            req,
            index,
            hops,
            reach,
            on_the_way,
            entries: HashMap::default(),
            dated: Vec::new(),
            visas_ready: Vec::new(),
            posts: calendar::Memo::default(),
            // Sized for a plan's first few thousand (growing a table rehashes it, and the
            // arena keeps every old table).
            drives: HashMap::default(),
            made: Made::default(),
            ends: HashMap::default(),
            passes: Vec::new(),
            starts: HashMap::with_capacity_and_hasher(START_CAPACITY, Default::default()),
            moves: HashMap::with_capacity_and_hasher(MOVE_CAPACITY, Default::default()),
            all_drives: false,
            recording: false,
            beyond_window: false,
            profile: true,
            beyond: LOOK_BEYOND,
            wider: None,
            after_window: false,
            prune_by_found: true,
            pruned: false,
            tracked,
            looped: Vec::new(),
            clear,
            ride_memo,
            timetable_memo,
            memos: Vec::new(),
            pending: Vec::new(),
            scratch: Recorded::default(),
            plan: Plan {
                connected,
                ..Plan::default()
            },
        }
    }

    /// Whether the traveller may enter `country` over crossing `ci` on `date`.
    fn entry(&mut self, country: Country, ci: CrossingIx, date: NaiveDate) -> Arc<Entry> {
        let ds = self.ds;
        let key = (country, ci, self.depends_on_date(country).then_some(date));
        self.entries
            .entry(key)
            .or_insert_with(|| {
                Arc::new(visa::entry(
                    ds,
                    &self.req.passports,
                    &self.req.visas,
                    country,
                    &ds.crossings[ci],
                    date,
                    self.req.today,
                ))
            })
            .clone()
    }

    /// `Visas::depends_on_date`, worked out once a country (a scan of every rule and way to
    /// apply, asked at every border a drive reaches).
    fn depends_on_date(&mut self, country: Country) -> bool {
        if let Some((_, d)) = self.dated.iter().find(|(c, _)| *c == country) {
            return *d;
        }
        let d = self.ds.visas.depends_on_date(country);
        self.dated.push((country, d));
        d
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
                let ready = self.visa_ready(*destination, get.lead);
                // `documents::in_time`.
                if ready.is_none_or(|r| r <= date) {
                    return (None, None);
                }
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

    /// `documents::ready_on` for a visa of `country` applied for today, worked out once a
    /// country and lead time (a count of working days walks the calendar and its holidays).
    fn visa_ready(&mut self, country: Country, lead: Option<Lead>) -> Option<NaiveDate> {
        if let Some((_, r)) = self.visas_ready.iter().find(|(k, _)| *k == (country, lead)) {
            return *r;
        }
        let r = documents::ready_on(self.ds, Some(country), self.req.today, lead);
        self.visas_ready.push(((country, lead), r));
        r
    }

    /// The first day a permit on stops `i..=j` of service `si` that the traveller must
    /// still obtain can be held, when that is after `day` (lead times from the data).
    fn permits_ready(&self, si: ServiceIx, i: usize, j: usize) -> Option<(NaiveDate, Doc)> {
        let ds = self.ds;
        if self.req.held_only {
            return None;
        }
        let s = &ds.services[si];
        s.stops[i..=j]
            .iter()
            .enumerate()
            .flat_map(|(k, st)| {
                let permits = match st.at {
                    StopAt::Place(p) => ds.places[p].permits.iter(),
                    StopAt::Crossing(c) => ds.crossings[c].permits.iter(),
                };
                permits.filter(move |p| ds.permits[**p].needed_on(ds, s, i, i + k))
            })
            .filter(|p| !documents::permit_held(ds, self.req, **p))
            .filter_map(|p| {
                documents::ready_on(ds, None, self.req.today, ds.permits[*p].get.lead)
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
        // A ride over a crossing the traveller excluded is not theirs to take: nothing about
        // it (suspended, closed to foreigners, no permit) is a reason worth telling.
        let avoided = s.stops[i..=j]
            .iter()
            .any(|st| matches!(st.at, StopAt::Crossing(ci) if self.req.avoid.contains(&ci)));
        if avoided {
            return Err(None);
        }
        if s.status == ServiceStatus::Suspended {
            return Err(Some(Blocker::ServiceSuspended {
                service: si,
                since: s.status_since,
            }));
        }
        // A ride can end where no source gives the time (it arrives, time not known), but
        // it cannot start there: nothing says when to be at the stop.
        if s.stops[i].offset.is_none() {
            // Worth telling only when it would have reached the destination.
            if s.stops[j].at == StopAt::Place(self.req.to) {
                let stop = match s.stops[i].at {
                    StopAt::Place(p) => Subject::Place(p),
                    StopAt::Crossing(c) => Subject::Crossing(c),
                };
                self.plan.unusable.insert(si, stop);
            }
            return Err(None);
        }
        // The countries a service serves matter only to one closed to foreigners.
        if s.foreigners == Some(false) {
            let served: Vec<Country> = s
                .stops
                .iter()
                .filter_map(|st| match st.at {
                    StopAt::Place(p) => Some(ds.places[p].country),
                    StopAt::Crossing(_) => None,
                })
                .collect();
            if self.is_foreigner(&served) {
                return Err(Some(Blocker::NoForeignPassengers { service: si }));
            }
        }
        // Leaving a country over a crossing every passport held is barred from (an exit
        // rule); the country left is the one of the last place before the crossing, as
        // `drive_once` decides which post comes first.
        if !ds.visas.exits.is_empty() && !self.req.passports.is_empty() {
            for k in i + 1..j {
                let StopAt::Crossing(ci) = s.stops[k].at else {
                    continue;
                };
                let left = ds.crossings[ci].sides[first_side(ds, s, k, ci)].country;
                if let Some(bar) = visa::exit_bar(ds, &self.req.passports, left, ci) {
                    if bar.blocks() {
                        return Err(Some(Blocker::ExitBarred(Box::new(bar))));
                    }
                }
            }
        }
        for (k, st) in s.stops.iter().enumerate().take(j + 1).skip(i) {
            let permits: &[PermitIx] = match st.at {
                StopAt::Crossing(ci) => {
                    let c = &ds.crossings[ci];
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
                    && permit.needed_on(ds, s, i, k)
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

    /// Drives service `si` from stop `i` to stop `j` with the vehicle leaving its first stop
    /// at `t0`, through every post in between. A timetabled or when-full vehicle that
    /// reaches a post before it opens or in its lunch break waits, the same day, or
    /// overnight (at most `MAX_QUEUE_NIGHTS`) to the next open day where the post's data
    /// says vehicles queue; the stops after it move with it. An on-demand car (`shift`) does
    /// not wait at the first post it reaches at a known time: its start is chosen so that it
    /// reaches that post open, and on failure the answer says how much later it should have
    /// reached the post. Past that post it waits like any vehicle: starting later to miss a
    /// wait at the second post (the Chinese lunch break at Irkeshtam) would only bring the
    /// first post nearer its closing or cut-off, for no earlier arrival. The second post is
    /// reached after the first post's clearing time and the drive between them (the
    /// service's own `clear` where it gives one).
    ///
    /// A drive depends only on its arguments (and the request), so each is made once per
    /// search: a repeated one is answered from `drives`, and what the first recorded (the
    /// reasons, the crossings that blocked, the documents missing, the holiday horizon) is
    /// recorded again as the first would have been, under the current `recording`. The
    /// result stays in the memo (`made`, its passes in `passes`) and is read there, not
    /// copied: only the leg that is kept copies its passes (`build`).
    fn drive(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
        shift: bool,
        ride: Option<usize>,
    ) -> DriveIx {
        // (Marked `RECORDED` where the drive recorded something: most record nothing, and
        // their memo is then not read here.)
        let marked = match ride {
            // A ride's drives are kept with its next starts (`RideMemo`), in the order of
            // their starts (`shift` is the service's, the same for every drive of a ride).
            Some(k) => {
                let m = self.memo_of(false, k);
                match self.memos[m].drive(t0) {
                    Ok(ix) => ix,
                    Err(at) => {
                        let ix = self.drive_anew(si, i, j, t0, shift);
                        self.memos[m].drives.insert(at, (t0, ix));
                        ix
                    }
                }
            }
            None => {
                let key = (stretch(si, i, j), t0, shift);
                match self.drives.get(&key) {
                    Some(ix) => *ix,
                    None => {
                        let ix = self.drive_anew(si, i, j, t0, shift);
                        self.drives.insert(key, ix);
                        ix
                    }
                }
            }
        };
        let ix = marked & !RECORDED;
        if marked & RECORDED != 0 {
            self.record_again(ix);
        }
        ix
    }

    /// `drive` when the memo does not hold the drive: made, and kept (out of line, so that
    /// `drive` itself stays small). Its number is marked `RECORDED` if it recorded anything.
    #[inline(never)]
    fn drive_anew(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
        shift: bool,
    ) -> DriveIx {
        // Made once with recording on, into an empty record (`scratch`, swapped with the
        // plan's records and back, so that nothing is dropped), which is kept.
        let recording = std::mem::replace(&mut self.recording, true);
        self.swap_scratch();
        if self.passes.capacity() == 0 {
            // Room made once a search drives (not by every planner made).
            self.passes.reserve(PASSES_CAPACITY);
        }
        let first = self.passes.len();
        let result = self.drive_once(si, i, j, t0, shift, true);
        if result.is_err() {
            // The passes of a failed drive up to its failure are not kept.
            self.passes.truncate(first);
        }
        // The plan's records come back as they were; what the drive recorded is left in
        // `scratch`, and taken from it (most drives record nothing).
        self.swap_scratch();
        let r = &self.scratch;
        let nothing = r.reasons.is_empty()
            && r.blocked_at.is_empty()
            && r.doc_blocks.is_empty()
            && r.holidays_unknown.is_empty();
        let recorded = (!nothing).then(|| Box::new(std::mem::take(&mut self.scratch)));
        self.recording = recording;
        let marked = if recorded.is_some() { RECORDED } else { 0 };
        self.made.push(DriveMemo { result, recorded }) | marked
    }

    /// When a vehicle of `si` started at `t0` reaches stop `j` from stop `i`, driven as
    /// `drive_once` drives it but with no judgement of its day (`None` where it could not
    /// make the ride): for a departure no source gives, leaving at its window's first or
    /// last moment. Made once per search; what it records and its passes are not kept.
    #[cold]
    #[inline(never)]
    fn arrival_leaving(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
        shift: bool,
    ) -> Option<DateTime<Utc>> {
        let key = (stretch(si, i, j), t0, shift);
        if let Some(a) = self.ends.get(&key) {
            return *a;
        }
        // Made into an empty record (the records in the plan are those of the drive this
        // one judges, or the plan's own), which is then dropped.
        let recording = std::mem::replace(&mut self.recording, false);
        let mut saved = Recorded::default();
        saved.swap_with(&mut self.plan);
        let first = self.passes.len();
        let arrive = self
            .drive_once(si, i, j, t0, shift, false)
            .ok()
            .map(|d| d.arrive);
        self.passes.truncate(first);
        saved.swap_with(&mut self.plan);
        self.recording = recording;
        self.ends.insert(key, arrive);
        arrive
    }

    /// Exchanges the plan's records with `scratch` (`drive_anew`).
    #[inline]
    fn swap_scratch(&mut self) {
        self.scratch.swap_with(&mut self.plan);
    }

    /// Records into the plan what drive `ix` recorded when it was made (see `drive`).
    #[cold]
    #[inline(never)]
    fn record_again(&mut self, ix: DriveIx) {
        // Taken out of the memo while the plan records it, and put back.
        let recorded = self.made.get_mut(ix).recorded.take();
        if let Some(r) = &recorded {
            if !r.holidays_unknown.is_empty() {
                self.plan.holidays_unknown.extend(&r.holidays_unknown);
            }
            if self.recording {
                if !r.blocked_at.is_empty() {
                    self.plan.blocked_at.extend(&r.blocked_at);
                }
                for (doc, dates) in &r.doc_blocks {
                    self.plan.doc_blocks.entry(*doc).or_default().extend(dates);
                }
                for (reason, dates) in &r.reasons {
                    for date in dates {
                        self.reject(reason.clone(), *date);
                    }
                }
            }
        }
        self.made.get_mut(ix).recorded = recorded;
    }

    /// `drive`, made, its passes added to `passes` (those of a drive that fails are taken
    /// off again by `drive`). (Its result goes once into the drive memo and is read from
    /// there, not moved about: a large failure costs nothing in the search.)
    #[allow(clippy::result_large_err)]
    fn drive_once(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
        shift: bool,
        judge_day: bool,
    ) -> DriveResult {
        let ds = self.ds;
        let s = &ds.services[si];
        // This drive's passes follow the others' in `passes`.
        let first = self.passes.len();
        let mut delay = Duration::zero();
        let mut floor: Option<DateTime<Utc>> = None;
        let board = plus(t0, s.stops[i].board().unwrap_or_default().to_chrono());
        // A departure no source gives may be later than `board`, up to the last moment of
        // its day (`departure_span`): every time after it may be as much later, so an
        // untimed post may be reached that much later, and the arrival may fall on a later
        // day. (`late` runs to that moment, exclusive: a vehicle off the road by midnight
        // arrives on the day it left.)
        let span = departure_span(ds, &mut self.posts.zones, s, (i, j), board);
        let late = late_by(span, board);
        let latest = move |t: DateTime<Utc>| plus(t, late);
        // Whether a post has been reached at a known time (an on-demand car waits after it).
        let mut timed_post_met = false;
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
            // Time from passing the first post to reaching the second.
            let (gap, clear_known) = match s.stops[k].clear {
                Some(cl) => (cl.to_chrono(), true),
                None => (
                    a.clear.unwrap_or_default().to_chrono()
                        + c.between[first_side].unwrap_or_default().to_chrono(),
                    a.clear.is_some() && c.between[first_side].is_some(),
                ),
            };
            let reach = s.stops[k]
                .offset
                .map(|o| plus(plus(t0, o.to_chrono()), delay));
            // Time not known: the post is reached between the last time known before it
            // (boarding, or an earlier stop or post with a time, after any wait) and the
            // next time known after it (a later stop or post with a time), on any local day
            // from the first's to the second's; no earlier than as many days after the
            // vehicle's start as the nights a source says it spends on the way. With no
            // later time known, only the first day: a lower bound.
            let nights = i64::from(nights_at(&s.stops, k));
            let last_known = s.stops[i + 1..k]
                .iter()
                .filter_map(|st| st.offset)
                .map(|o| plus(plus(t0, o.to_chrono()), delay))
                .fold(board, DateTime::max);
            let last_known = floor.map_or(last_known, |f| last_known.max(f));
            let next_known = s.stops[k + 1..]
                .iter()
                .find_map(|st| st.offset)
                .map(|o| plus(plus(t0, o.to_chrono()), delay));
            let untimed_span = |zones: &mut calendar::Zones, zone: chrono_tz::Tz| {
                let day = zones.date(zone, last_known);
                let first = if nights == 0 {
                    day
                } else {
                    day.max(zones.date(zone, t0) + Duration::days(nights))
                };
                let last = next_known.map_or(first, |t| zones.date(zone, latest(t)).max(first));
                (first, last)
            };
            // How much later an on-demand start must be for the first of those days to be
            // `next` (later than it is) in `zone`: the last time known before the post at its
            // midnight, or starting at the midnight `nights` days before it, whichever comes
            // first. Every earlier start has an earlier first day there (one reaching no
            // post at a known time before this one moves every time by its own move; after
            // one, a wait there can move them by more, so half an hour, as at a timed post).
            let timed_before = timed_post_met;
            let untimed_shift = move |zone: chrono_tz::Tz, next: NaiveDate| {
                let midnight = |d: NaiveDate| calendar::at_local(zone, d, NaiveTime::MIN);
                let by_last = midnight(next)? - last_known;
                let by = match midnight(next - Duration::days(nights)) {
                    Some(m) if nights > 0 => by_last.min(m - t0),
                    _ => by_last,
                };
                Some(if timed_before {
                    by.min(Duration::minutes(30))
                } else {
                    by
                })
            };
            let mut pass = BorderPass {
                crossing: ci,
                first_side,
                reach,
                passed: None,
                cleared: None,
                days: [None, None],
                latest: [None, None],
                waited: Duration::zero(),
                clear_known,
                tight: false,
                entry: None,
                entry_from: None,
            };
            let mut at = reach;
            for (n, (side, dir)) in [(a, Direction::Leaving), (b, Direction::Entering)]
                .into_iter()
                .enumerate()
            {
                let side_ix = if n == 0 { first_side } else { 1 - first_side };
                let (first_day, last_day) = match at {
                    Some(t) => {
                        let d = self.posts.zones.date(side.zone.0, t);
                        (d, d)
                    }
                    None => untimed_span(&mut self.posts.zones, side.zone.0),
                };
                let mut local_date = first_day;
                // (Days counted on with `iter_days`: chrono's general date arithmetic costs
                // several times more.)
                if !c.holidays_close.is_empty() {
                    for day in first_day.iter_days().take_while(|d| *d <= last_day) {
                        self.note_horizon(c, day);
                    }
                }
                let mut post = self.posts.post(ds, ci, side_ix);
                let result = match at {
                    Some(t) => post.at(dir, t),
                    // Time at the border unknown: only the days can be checked, every day
                    // the vehicle may reach it on (the traveller cannot choose which).
                    None => {
                        let mut result = Ok(());
                        for day in first_day.iter_days().take_while(|d| *d <= last_day) {
                            if let Err(why) = post.day(day) {
                                local_date = day;
                                result = Err(Blocked::Day(why));
                                break;
                            }
                        }
                        result
                    }
                };
                let passed = match (result, at) {
                    (Ok(()), _) => at,
                    (Err(blocked), t) => {
                        // Waiting: the same local day, or overnight where vehicles queue (no
                        // later opening is looked for).
                        let look = if side.queue { MAX_QUEUE_NIGHTS } else { 0 };
                        let opens = t
                            .filter(|_| !shift || timed_post_met)
                            .and_then(|t| post.next_open(dir, t, look).map(|o| (t, o)))
                            .filter(|(t, o)| {
                                let zones = &mut self.posts.zones;
                                let nights = (zones.date(side.zone.0, *o)
                                    - zones.date(side.zone.0, *t))
                                .num_days();
                                nights == 0 || (side.queue && nights <= MAX_QUEUE_NIGHTS)
                            });
                        match opens {
                            Some((t, o)) => {
                                let waited = calendar::between(o, t);
                                pass.waited += waited;
                                delay += waited;
                                Some(o)
                            }
                            None => {
                                if self.recording {
                                    self.plan.blocked_at.insert((ci, first_side));
                                }
                                // A vehicle that does not choose its start (timetabled, when
                                // full) failing at the first post it reaches, none before it
                                // timed (so nothing before it can delay it): every later start
                                // that reaches this post on the same local day fails here too
                                // (later the same day, no opening follows), and reaches no
                                // post on another year's day than this drive did (the holiday
                                // horizon it notes is the same). `first_fit` skips them
                                // without driving when their reasons are not recorded.
                                // An on-demand car (it does not wait at the first post
                                // it reaches at a known time) failing there: an earlier
                                // start reaches it as much earlier (`latest_ride`).
                                let first_post = t.filter(|_| shift && !timed_post_met);
                                // Where the post may be reached on several days, a later
                                // start's days still include the failing one until its
                                // first day passes it, and run at most as much later as
                                // that start is (the horizon's years are judged that far).
                                let fails_until = if shift || timed_post_met {
                                    None
                                } else {
                                    let next = local_date + Duration::days(1);
                                    let years = (t0.date_naive() - Duration::days(2)).year()
                                        == (last_day
                                            + (local_date - first_day)
                                            + Duration::days(3))
                                        .year();
                                    match t {
                                        Some(t) => {
                                            calendar::at_local(side.zone.0, next, NaiveTime::MIN)
                                                .map(|m| plus(t0, m - t))
                                        }
                                        None => {
                                            untimed_shift(side.zone.0, next).map(|d| plus(t0, d))
                                        }
                                    }
                                    .filter(|_| years)
                                };
                                // Only an on-demand start moves. Failing at the first
                                // post, to reach it at its next opening (nothing before it
                                // delays the car). Failing at a later one, where it may
                                // wait, half an hour on, as a when-full vehicle does: a
                                // wait before this post can delay the car by more than a
                                // later start does (a post passed just before it closes
                                // is waited at to the next day by a car a minute later),
                                // so no longer move can be ruled safe.
                                // A post whose time is not known, closed that day: the
                                // next day.
                                let shift = match (shift, t) {
                                    (false, _) => None,
                                    (true, None) => {
                                        untimed_shift(side.zone.0, local_date + Duration::days(1))
                                    }
                                    (true, Some(_)) if timed_post_met => {
                                        Some(Duration::minutes(30))
                                    }
                                    (true, Some(t)) => self
                                        .posts
                                        .post(ds, ci, side_ix)
                                        .next_open(dir, t, 400)
                                        .map(|n| n - t),
                                };
                                let why = match blocked {
                                    Blocked::Day(why) => Blocker::PostClosed {
                                        crossing: ci,
                                        side: side_ix,
                                        why,
                                        may_reach: (last_day > first_day).then_some(si),
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
                                // The visa is reported too: both block the journey, and the
                                // traveller should see both.
                                let (d1, d2) = match reach {
                                    Some(t) => {
                                        let d = self.posts.zones.date(b.zone.0, t);
                                        (d, d)
                                    }
                                    None => untimed_span(&mut self.posts.zones, b.zone.0),
                                };
                                if let Judged {
                                    blocked: Some((v, day, _)),
                                    ..
                                } = self.entry_over(b, ci, d1, d2)
                                {
                                    self.reject(v, day);
                                }
                                return Err(Failed {
                                    why,
                                    date: local_date,
                                    shift,
                                    fails_until,
                                    first_post,
                                });
                            }
                        }
                    }
                };
                pass.days[n] = Some(match passed {
                    Some(p) => self.posts.zones.date(side.zone.0, p),
                    None => local_date,
                });
                if passed.is_none() && last_day > first_day {
                    pass.latest[n] = Some(last_day);
                }
                timed_post_met |= at.is_some();
                let last =
                    passed.and_then(|p| self.posts.post(ds, ci, side_ix).last_entry_at(dir, p));
                if let (Some(p), Some(last)) = (passed, last) {
                    let minutes = |t: NaiveTime| i64::from(t.num_seconds_from_midnight() / 60);
                    let local = self.posts.zones.local(side.zone.0, p).time();
                    if minutes(last) - minutes(local) < MARGIN {
                        pass.tight = true;
                    }
                }
                if n == 0 {
                    pass.passed = passed;
                    at = passed.map(|p| plus(p, gap));
                } else {
                    pass.cleared = passed;
                }
            }
            // The traveller is through when the second post is cleared.
            if let Some(cl) = pass.cleared {
                let through = plus(cl, b.clear.unwrap_or_default().to_chrono());
                floor = Some(floor.map_or(through, |f| f.max(through)));
            }
            // The visa is judged on arrival at the second post: with no time known there, on
            // every day it may be reached (the traveller cannot choose which).
            let at = pass.cleared.unwrap_or(board);
            let (first_entry, last_entry) = match pass.cleared {
                Some(t) => {
                    let d = self.posts.zones.date(b.zone.0, t);
                    (d, d)
                }
                None => untimed_span(&mut self.posts.zones, b.zone.0),
            };
            let judged = self.entry_over(b, ci, first_entry, last_entry);
            if let Some((why, entry_date, ready)) = judged.blocked {
                // A dated visa rule may admit the traveller on a later day, and a visa still
                // being processed is held from a later day: an on-demand start can wait for
                // that local midnight at the entry post; otherwise it is final. (Where the
                // rules are dated, the next day: a later rule may admit the traveller before
                // the visa is held.) Every start whose first possible day is not past the
                // failing day can still reach the post on it.
                let next = if self.depends_on_date(b.country) {
                    Some(entry_date + Duration::days(1))
                } else {
                    ready
                };
                // Where the post's time is not known but its day is nights after the start,
                // a start at the midnight that many days before `next` reaches it then
                // too: the smaller move (both are positive, the entry date being before
                // `next`).
                // But where vehicles queue overnight at a post passed so far, a start less
                // than that later can reach this post on `next` after a night in the queue
                // (past a cut-off): half an hour on, as at a later post.
                let queues = a.queue
                    || b.queue
                    || self.passes[first..]
                        .iter()
                        .any(|p| ds.crossings[p.crossing].sides.iter().any(|s| s.queue));
                let shift = next.filter(|_| shift).and_then(|d| match pass.cleared {
                    None => untimed_shift(b.zone.0, d),
                    Some(_) if queues => Some(Duration::minutes(30)),
                    Some(_) => Some(calendar::at_local(b.zone.0, d, NaiveTime::MIN)? - at),
                });
                return Err(Failed {
                    why,
                    date: entry_date,
                    shift,
                    fails_until: None,
                    first_post: None,
                });
            }
            pass.entry = judged.entry;
            pass.entry_from = (judged.from > first_entry).then_some(judged.from);
            self.passes.push(pass);
        }
        let arrive = s.stops[j].offset.map(|o| {
            let t = plus(plus(t0, o.to_chrono()), delay);
            floor.map_or(t, |f| t.max(f))
        });
        // This drive's passes end here (those of the drives below are not kept).
        let passes_end = self.passes.len();
        // A time at the stop known, but not when the vehicle leaves: its day is known only
        // where a vehicle leaving at the first and one leaving at the last moment of the day
        // (a minute before the window's end, which is exclusive: `late_by` counts to it)
        // arrive on the same local day, each driven as this one (a wait at a post may
        // absorb the difference, or add a day); not where either could not make the ride.
        // (Judged from the window's first and last moments, not from `board`: whether the
        // day is known must not depend on when in its day the traveller is ready. But the
        // ride as boarded must arrive on that day too: boarded at the window's very end, it
        // may arrive at midnight.)
        // The latest arrival, which the next leg is planned from, is that of the vehicle
        // leaving at the last moment, with its own waits at posts: leaving later, it may
        // meet a lunch break, a closing time or a closed day the earlier one did not. Where
        // it cannot make the ride, no latest arrival is known (`None`): neither is the day.
        // (A pass at a timed post is its first open moment from when it is reached, so a
        // vehicle leaving between the two arrives no later than the last, where both make
        // the ride; one that could not pass the same day would wait for an opening no
        // later than the last vehicle's.)
        let (day_known, latest_arrival) = match (arrive, span) {
            (Some(t), Some((start, end))) if judge_day => {
                let zone = match s.stops[j].at {
                    StopAt::Place(p) => ds.places[p].zone.0,
                    StopAt::Crossing(_) => s.schedule.zone.0,
                };
                let last = if end > start {
                    minus(end, Duration::minutes(1))
                } else {
                    start
                };
                let mut leaving = |at: DateTime<Utc>| {
                    if at == board {
                        Some(t)
                    } else {
                        self.arrival_leaving(si, i, j, plus(t0, at - board), shift)
                    }
                };
                let (first, at_last) = (leaving(start), leaving(last));
                let zones = &mut self.posts.zones;
                let day_known = match (first, at_last) {
                    (Some(a), Some(b)) => {
                        let day = zones.date(zone, a);
                        day == zones.date(zone, b) && day == zones.date(zone, t)
                    }
                    _ => false,
                };
                let latest = if last > board {
                    at_last.map(|b| b.max(t))
                } else {
                    Some(t)
                };
                (day_known, latest)
            }
            _ => (true, arrive),
        };
        // Arrival not known: at least the last time known before the stop, and the local
        // midnight starting the day it is reached after nights on the way.
        let nights = i64::from(nights_at(&s.stops, j));
        let zones = &mut self.posts.zones;
        let lower = || {
            let known = s.stops[i + 1..j]
                .iter()
                .filter_map(|st| st.offset)
                .map(|o| plus(plus(t0, o.to_chrono()), delay))
                .fold(board, DateTime::max);
            let known = floor.map_or(known, |f| known.max(f));
            if nights == 0 {
                return known;
            }
            let zone = match s.stops[j].at {
                StopAt::Place(p) => ds.places[p].zone.0,
                StopAt::Crossing(_) => s.schedule.zone.0,
            };
            let day = zones.date(zone, t0) + Duration::days(nights);
            calendar::at_local(zone, day, NaiveTime::MIN).map_or(known, |m| known.max(m))
        };
        // Where no latest arrival is known (no time at the stop, or the vehicle leaving at
        // its window's last moment cannot make the ride), only a lower bound is known: the
        // next leg waits for the next day.
        let earliest = arrive.unwrap_or_else(lower);
        // Indices fit in u32: as many passes would not fit in memory.
        Ok(Drive {
            borders: (first as u32, passes_end as u32),
            arrive: earliest,
            arrive_known: arrive.is_some() && day_known && latest_arrival.is_some(),
            latest: latest_arrival.unwrap_or(earliest),
        })
    }

    /// The entry decision at the second post of a crossing over the local days `first..=last`
    /// it may be passed on (one day where its time is known), the traveller not choosing
    /// which: the first day that stops them (the reason, that day, and the day a visa could
    /// be held); else a visa to arrange on any day (from the first such day); else the first
    /// day's decision. Where entry does not depend on the day (`depends_on_date`), only the
    /// first day is judged: a visa that can be held by it can be held by every later one.
    fn entry_over(
        &mut self,
        b: &Side,
        ci: CrossingIx,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Judged {
        let last = if self.req.passports.is_empty() || !self.depends_on_date(b.country) {
            first
        } else {
            last
        };
        let mut chosen: Option<(Option<Arc<Entry>>, NaiveDate)> = None;
        for day in first.iter_days().take_while(|d| *d <= last) {
            let entry = self.entry_at(b, ci, day);
            let (refused, ready) = self.entry_blocked(entry.as_deref(), ci, day);
            if let Some(why) = refused {
                return Judged {
                    entry,
                    from: day,
                    blocked: Some((why, day, ready)),
                };
            }
            let arrange =
                |e: &Option<Arc<Entry>>| matches!(e.as_deref(), Some(Entry::Arrange { .. }));
            match &chosen {
                None => chosen = Some((entry, day)),
                Some((e, _)) if !arrange(e) && arrange(&entry) => chosen = Some((entry, day)),
                _ => {}
            }
        }
        let (entry, from) = chosen.unwrap_or((None, first));
        Judged {
            entry,
            from,
            blocked: None,
        }
    }

    /// The entry decision at the second post of a crossing, judged on the local date there
    /// (`None` without passports).
    fn entry_at(&mut self, b: &Side, ci: CrossingIx, date: NaiveDate) -> Option<Arc<Entry>> {
        if self.req.passports.is_empty() {
            return None;
        }
        Some(self.entry(b.country, ci, date))
    }

    /// Notes a crossing that closes for public holidays used on a day beyond the years whose
    /// holidays the dataset knows.
    fn note_horizon(&mut self, c: &Crossing, date: NaiveDate) {
        for country in &c.holidays_close {
            if !calendar::holidays_known(self.ds, *country, date) {
                self.plan.holidays_unknown.insert((*country, date.year()));
            }
        }
    }
}

/// The entries the memo of `latest_ride` is first made for: a table of 256 slots (the
/// README's plan moves about 190 different legs).
const MOVE_CAPACITY: usize = 224;

/// The labels a search first makes room for: the README's plan keeps about 900.
const LABELS_CAPACITY: usize = 1_024;

/// The border passes of drives first made room for (growing the table copies it).
const PASSES_CAPACITY: usize = 2_048;

/// The entries the start memo is first made for: a table of 4,096 slots (a plan such as the
/// README's asks for about twice as many next starts as drives; growing the table once
/// cost more than the rest of its look-ups together).
const START_CAPACITY: usize = 3_584;

/// A drive through the posts: the passes, and the arrival after any waits.
struct Drive {
    /// Where its passes lie in `Planner::passes` (from, to).
    borders: (u32, u32),
    arrive: DateTime<Utc>,
    arrive_known: bool,
    /// `Leg::latest`.
    latest: DateTime<Utc>,
}

/// A drive, or why it failed.
type DriveResult = Result<Drive, Failed>;

/// An entry decision judged over the days a post may be passed on (`Planner::entry_over`).
struct Judged {
    entry: Option<Arc<Entry>>,
    /// The day `entry` was judged on.
    from: NaiveDate,
    /// What stops the traveller, the day it does, and the day a visa could be held.
    blocked: Option<(Blocker, NaiveDate, Option<NaiveDate>)>,
}

/// Why a drive failed, the local date that was, how much later an on-demand start should
/// be, and for a vehicle that does not choose its start, the start before which every later
/// one fails at the same post (when that is known; see `drive_once`), and for an on-demand
/// car failing at the first post it reaches at a known time, when it reached it
/// (`Planner::fails_back`).
struct Failed {
    why: Blocker,
    date: NaiveDate,
    shift: Option<Duration>,
    fails_until: Option<DateTime<Utc>>,
    first_post: Option<DateTime<Utc>>,
}

/// A drive made (`Planner::drive`), with what it recorded if anything (most drives record
/// nothing: kept apart, their memo is about half the size).
struct DriveMemo {
    result: DriveResult,
    recorded: Option<Box<Recorded>>,
}

/// What a drive recorded into the plan.
#[derive(Default)]
struct Recorded {
    reasons: Vec<(Blocker, BTreeSet<NaiveDate>)>,
    blocked_at: BTreeSet<(CrossingIx, usize)>,
    doc_blocks: BTreeMap<Doc, BTreeSet<NaiveDate>>,
    holidays_unknown: BTreeSet<(Country, i32)>,
}

impl Recorded {
    /// Exchanges these records with the plan's.
    #[inline]
    fn swap_with(&mut self, plan: &mut Plan) {
        std::mem::swap(&mut plan.reasons, &mut self.reasons);
        std::mem::swap(&mut plan.blocked_at, &mut self.blocked_at);
        std::mem::swap(&mut plan.doc_blocks, &mut self.doc_blocks);
        std::mem::swap(&mut plan.holidays_unknown, &mut self.holidays_unknown);
    }
}

impl Drive {
    /// Its passes, which lie in `pool` (`Planner::passes`).
    fn borders<'p>(&self, pool: &'p [BorderPass]) -> &'p [BorderPass] {
        &pool[self.borders.0 as usize..self.borders.1 as usize]
    }
}

/// A drive made: its number in `Made`.
type DriveIx = u32;

/// The mark of a drive's number, in the drive memos (`Planner::drive`), that says the drive
/// recorded something (`DriveMemo::recorded`). A search makes far fewer than 2³¹ drives.
const RECORDED: DriveIx = 1 << 31;

/// The drives made in a search, by number: in blocks of `MADE_BLOCK` that never move once
/// made (a table that grew by doubling would copy every drive each time), and with no
/// pointer of their own to count or free, as memos shared by reference had.
#[derive(Default)]
struct Made(Vec<Vec<DriveMemo>>);

/// Drives in one block of `Made`.
const MADE_BLOCK: usize = 512;

impl Made {
    /// Keeps `memo`, and returns its number.
    fn push(&mut self, memo: DriveMemo) -> DriveIx {
        if self.0.last().is_none_or(|b| b.len() == MADE_BLOCK) {
            self.0.push(Vec::with_capacity(MADE_BLOCK));
        }
        let n = self.0.len() - 1;
        let block = &mut self.0[n];
        block.push(memo);
        // A search makes far fewer than 2³² drives (each takes memory).
        (n * MADE_BLOCK + block.len() - 1) as DriveIx
    }

    fn get(&self, ix: DriveIx) -> &DriveMemo {
        let ix = ix as usize;
        &self.0[ix / MADE_BLOCK][ix % MADE_BLOCK]
    }

    fn get_mut(&mut self, ix: DriveIx) -> &mut DriveMemo {
        let ix = ix as usize;
        &mut self.0[ix / MADE_BLOCK][ix % MADE_BLOCK]
    }
}

impl<'a> Planner<'a> {
    /// Whether drive `ix` (one that did not fail) reaches a post within the margin: the
    /// `Leg::tight` of the leg built from it.
    fn tight(&self, ix: DriveIx) -> bool {
        match &self.made.get(ix).result {
            Ok(d) => d.borders(&self.passes).iter().any(|b| b.tight),
            Err(_) => false,
        }
    }

    /// Whether a ride from place `a` to place `b` gets closer to the destination (in fewest
    /// rides, dates ignored), from a place on the way (`on_the_way`): only such a ride
    /// explains why a journey fails.
    fn explains(&self, a: PlaceIx, b: PlaceIx) -> bool {
        self.on_the_way[a] && matches!((self.hops[a], self.hops[b]), (Some(x), Some(y)) if y < x)
    }

    /// The earliest feasible ride on service `si` from stop `i` to stop `j`, boarding no
    /// earlier than `ready` and (for a first leg) departing before `latest`; with
    /// `comfortable`, the earliest that reaches no post within `MARGIN` of its closing time
    /// or cut-off (the reasons are then not recorded: the earliest ride's search did that).
    /// `k` numbers the ride as `Index::later` does (see `clear`), `boarding` is the
    /// service's at stop `i`, and `explains` is `Planner::explains` for it. Returns the leg
    /// without its passes (see `build`) and the drive it was built from.
    #[allow(clippy::too_many_arguments)]
    fn ride(
        &mut self,
        (k, si, i, j): (usize, ServiceIx, usize, usize),
        boarding: Boarding,
        explains: bool,
        ready: DateTime<Utc>,
        latest: Option<DateTime<Utc>>,
        horizon: DateTime<Utc>,
        comfortable: bool,
    ) -> Option<(Box<Leg>, DriveIx)> {
        self.recording = explains && !comfortable && !self.beyond_window;
        let permit = if self.clear[k] == CLEAR {
            None
        } else if self.clear[k] == FAILS && !self.recording {
            // Failed before, and its reason would not be recorded now.
            return None;
        } else {
            if let Err(reason) = self.static_check(si, i, j) {
                // A ride boarding where no time is known and ending at the destination is
                // noted as unusable by every pass (`Plan::unusable`): checked again.
                let s = &self.ds.services[si];
                if s.stops[i].offset.is_some() || s.stops[j].at != StopAt::Place(self.req.to) {
                    self.clear[k] = FAILS;
                }
                if let Some(reason) = reason {
                    let d = ready
                        .with_timezone(&self.ds.services[si].schedule.zone.0)
                        .date_naive();
                    self.reject(reason, d);
                }
                return None;
            }
            let permit = self.permits_ready(si, i, j);
            if permit.is_none() {
                self.clear[k] = CLEAR;
            }
            permit
        };
        // A permit still to be obtained is held only from the day its lead time allows.
        let mut ready = ready;
        let mut waiting_for: Option<(NaiveDate, Doc)> = None;
        if let Some((day, doc)) = permit {
            let zone = self.ds.services[si].schedule.zone.0;
            if let Some(t) = calendar::at_local(zone, day, NaiveTime::MIN).filter(|t| *t > ready) {
                ready = t;
                waiting_for = Some((day, doc));
            }
        }
        let leg = self.ride_from((k, si, i, j), boarding, ready, latest, horizon, comfortable);
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
    #[allow(clippy::too_many_arguments)]
    fn ride_from(
        &mut self,
        (k, si, i, j): (usize, ServiceIx, usize, usize),
        boarding: Boarding,
        ready: DateTime<Utc>,
        latest: Option<DateTime<Utc>>,
        horizon: DateTime<Utc>,
        comfortable: bool,
    ) -> Option<(Box<Leg>, DriveIx)> {
        let off_i = boarding.board;
        // A transfer that must be booked ahead cannot leave sooner than that from now.
        let ready = match self.req.now.zip(self.ds.services[si].schedule.book_ahead) {
            Some((now, b)) => ready.max(now + b.to_chrono()),
            None => ready,
        };
        let too_late = |t0: DateTime<Utc>| {
            let board = plus(t0, off_i);
            board > horizon || latest.is_some_and(|l| board >= l)
        };
        // The failed drives (each says why and on which local date), in a list kept for
        // the next ride (most rides fail a few starts first).
        let mut pending = std::mem::take(&mut self.pending);
        pending.clear();
        let found = self.first_fit(
            (k, si, i, j),
            boarding,
            minus(ready, off_i),
            &too_late,
            comfortable,
            &mut pending,
        );
        if found.is_none() && !comfortable {
            for &ix in &pending {
                if let Err(f) = &self.made.get(ix).result {
                    let (why, date) = (f.why.clone(), f.date);
                    self.reject(why, date);
                }
            }
        }
        self.pending = pending;
        found
    }

    /// The departure rule for a vehicle starting its route at `t0`: the service runs that
    /// day; a timetabled one leaves at its time; any other leaves inside its window, after
    /// dawn, and (unless it runs overnight by nature) is off the road by midnight. Returns
    /// the earliest start at or after `t0` that could satisfy it (`t0` itself when it does).
    ///
    /// Remembered per ride (`ride`, numbered as `clear`, where it has one) or, for a
    /// timetable, whose next run does not depend on the stops, per service (`RideMemo`);
    /// otherwise by its arguments (`starts`).
    /// (`timetable`: `timetabled` of the service.)
    fn next_start(
        &mut self,
        (si, i, j): (ServiceIx, usize, usize),
        timetable: bool,
        t0: DateTime<Utc>,
        ride: Option<usize>,
    ) -> Option<DateTime<Utc>> {
        self.next_starts((si, i, j), timetable, t0, ride)
            .map(|(n, _)| n)
    }

    /// `next_start`, and the latest time up to which every time after it is a start too
    /// (the start itself where none is known): a window's later starts need not be asked.
    fn next_starts(
        &mut self,
        (si, i, j): (ServiceIx, usize, usize),
        timetable: bool,
        t0: DateTime<Utc>,
        ride: Option<usize>,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let memo = if timetable {
            Some(self.memo_of(true, si))
        } else {
            ride.map(|k| self.memo_of(false, k))
        };
        if let Some(m) = memo {
            if let Some(n) = self.memos[m].span(t0) {
                return n;
            }
            let n = self.next_start_once(si, i, j, t0);
            let until = n.map_or(t0, |(_, until)| until);
            self.memos[m].add_start(t0, n.map(|(n, _)| n), until);
            return n;
        }
        let key = (stretch(si, i, j), t0);
        if let Some(n) = self.starts.get(&key) {
            return n.map(|n| (n, n));
        }
        let n = self.next_start_once(si, i, j, t0).map(|(n, _)| n);
        self.starts.insert(key, n);
        n.map(|n| (n, n))
    }

    /// Where the memo of timetabled service `at` (`timetable`) or ride `at` lies in `memos`,
    /// made empty if there is none.
    fn memo_of(&mut self, timetable: bool, at: usize) -> usize {
        let slot = if timetable {
            &mut self.timetable_memo[at]
        } else {
            &mut self.ride_memo[at]
        };
        if *slot == 0 {
            self.memos.push(RideMemo::default());
            // Fewer memos than rides and services: a u32 holds them.
            *slot = self.memos.len() as u32;
        }
        *slot as usize - 1
    }

    /// `next_start`, worked out: the start, and the latest time up to which every time from
    /// it on is a start too (a window's starts; the start itself where none is known).
    fn next_start_once(
        &mut self,
        si: ServiceIx,
        i: usize,
        j: usize,
        t0: DateTime<Utc>,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let ds = self.ds;
        let s = &ds.services[si];
        let sc = &s.schedule;
        let off_i = s.stops[i].board().unwrap_or_default().to_chrono();
        if timetabled(s) {
            let depart = sc.depart?.0;
            let zone = sc.zone.0;
            let mut day = self.posts.zones.date(zone, t0).pred_opt()?;
            for _ in 0..800 {
                // Days the service does not run are skipped before any time-zone look-up;
                // past its last day, none follows.
                if sc.last.is_some_and(|l| day > l) {
                    return None;
                }
                if sc.runs_on(day) {
                    if let Some(t) = self.posts.zones.at_local(zone, day, depart) {
                        if t >= t0 {
                            return Some((t, t));
                        }
                    }
                }
                day = day.succ_opt()?;
            }
            return None;
        }
        let (zone, ws, we) = window_of(ds, s, i);
        let clock = local_clock(ds, s, i);
        let night_free = !overnight(s.mode);
        let dur = s.stops[j].offset.map(|o| o.to_chrono() - off_i);
        let mut t0 = t0;
        let zones = &mut self.posts.zones;
        for _ in 0..800 {
            let board = plus(t0, off_i);
            let local = zones.local(zone, board);
            let (date, time) = (local.date(), local.time());
            if time < ws {
                t0 = minus(zones.at_local(zone, date, ws)?, off_i);
                continue;
            }
            if time > we || !sc.runs_on(date) {
                t0 = minus(zones.at_local(zone, date.succ_opt()?, ws)?, off_i);
                continue;
            }
            // The later boardings that are starts too, as seconds after `board`: to the
            // window's end that day, ...
            let secs = |t: NaiveTime| i64::from(t.num_seconds_from_midnight());
            let mut later = secs(we) - secs(time);
            if night_free {
                // The same conversion when the stop keeps the window's clock.
                let l = if clock == zone {
                    local
                } else {
                    zones.local(clock, board)
                };
                if l.time() < DAWN {
                    let dawn = minus(zones.at_local(clock, l.date(), DAWN)?, off_i);
                    t0 = dawn.max(plus(t0, Duration::minutes(1)));
                    continue;
                }
                let next_day = l.date().succ_opt()?;
                let midnight = zones.at_local(clock, next_day, NaiveTime::MIN)?;
                let day_leg = dur.filter(|d| d.num_minutes() <= LONGEST_DAY_LEG);
                if day_leg.is_some_and(|d| plus(board, d) > midnight) {
                    // Too late to be off the road by midnight: wait for the next dawn.
                    t0 = minus(zones.at_local(clock, next_day, DAWN)?, off_i);
                    continue;
                }
                // ... before the clock's next midnight, and off the road by midnight.
                later = later.min(DAY_SECS - 1 - secs(l.time()));
                if let Some(d) = day_leg {
                    let to_midnight = midnight.timestamp() - board.timestamp();
                    later = later.min(to_midnight - d.num_seconds());
                }
            }
            // Every time between is a start only where the local times follow the instants
            // (no change of offset between, in either clock) and are whole seconds.
            let last = plus(board, Duration::seconds(later.max(0)));
            let steady = board.nanosecond() == 0
                && later > 0
                && zones.steady(zone, board, last)
                && (!night_free || clock == zone || zones.steady(clock, board, last));
            return Some((t0, if steady { minus(last, off_i) } else { t0 }));
        }
        None
    }

    /// The earliest start at or after `t0` that fits the departure rule and every post's
    /// hours (an on-demand car starts later rather than wait at the first post it reaches,
    /// and waits at the later ones; other vehicles wait at the posts), and with `comfortable` reaches no post within the margin; the reasons it had
    /// to move go to `pending`.
    #[allow(clippy::too_many_arguments)]
    fn first_fit(
        &mut self,
        (k, si, i, j): (usize, ServiceIx, usize, usize),
        boarding: Boarding,
        mut t0: DateTime<Utc>,
        too_late: &dyn Fn(DateTime<Utc>) -> bool,
        comfortable: bool,
        pending: &mut Vec<DriveIx>,
    ) -> Option<(Box<Leg>, DriveIx)> {
        let Boarding {
            timetabled,
            on_demand,
            ..
        } = boarding;
        // A later start of the same service: the next run, or the next half hour
        // (`half_hour_after`).
        let step = |t: DateTime<Utc>| {
            if timetabled {
                plus(t, Duration::minutes(1))
            } else {
                half_hour_after(t)
            }
        };
        let mut tries = 0;
        while tries < 2000 {
            tries += 1;
            t0 = self.next_start((si, i, j), timetabled, t0, Some(k))?;
            if too_late(t0) {
                return None;
            }
            let ix = self.drive(si, i, j, t0, on_demand, Some(k));
            match &self.made.get(ix).result {
                Ok(d) if comfortable && d.borders(&self.passes).iter().any(|b| b.tight) => {
                    t0 = step(t0);
                }
                Ok(d) => {
                    let zones = &mut self.posts.zones;
                    return Some((Self::build(self.ds, zones, (si, i, j), t0, d), ix));
                }
                Err(f) => {
                    let (shift, fails_until) = (f.shift, f.fails_until);
                    let early_or_late =
                        f.first_post.is_some() && matches!(f.why, Blocker::OutsideHours { .. });
                    // An on-demand car that reaches the first post it reaches at a known
                    // time outside its hours is started later, to reach it at its next
                    // opening: where that start is one the car can make, the hour it
                    // would have reached the post at is no reason ("would reach Torugart
                    // at 09:30, before it opens" of a car that simply leaves later).
                    let leaves_later = match shift {
                        Some(d) if early_or_late && d > Duration::zero() => {
                            let later = plus(t0, d);
                            self.next_start((si, i, j), timetabled, later, Some(k)) == Some(later)
                        }
                        _ => false,
                    };
                    if !leaves_later {
                        pending.push(ix);
                    }
                    // A timetable tries its next run, a when-full vehicle a later start.
                    match shift {
                        Some(d) if d > Duration::zero() => {
                            t0 = plus(t0, d);
                            continue;
                        }
                        _ if timetabled || !on_demand => {}
                        _ => return None,
                    }
                    t0 = step(t0);
                    // The later starts that fail as this one did are stepped over without
                    // driving them, as the loop would step (each a try), when what they
                    // record is not wanted: they would record only the reasons.
                    if let Some(until) = fails_until.filter(|_| !self.recording) {
                        while tries < 2000 {
                            let next = self.next_start((si, i, j), timetabled, t0, Some(k))?;
                            if next >= until || too_late(next) {
                                break;
                            }
                            tries += 1;
                            t0 = step(next);
                        }
                    }
                }
            }
        }
        None
    }

    /// The leg of the ride on service `si` from stop `i` to `j` started at `t0` and driven
    /// as `d`, unpriced, and without its border passes: the caller copies them from the
    /// drive's (`Drive::borders`) where the leg is kept (most new labels are covered and
    /// dropped). Boxed: the search moves it from ride to label (a pointer, not a few
    /// hundred bytes at each step).
    /// (Apart from the planner, so that `d` can be read where the memo holds it: `zones` is
    /// the planner's.)
    fn build(
        ds: &Dataset,
        zones: &mut calendar::Zones,
        (si, i, j): (ServiceIx, usize, usize),
        t0: DateTime<Utc>,
        d: &Drive,
    ) -> Box<Leg> {
        let s = &ds.services[si];
        let sc = &s.schedule;
        let depart = plus(t0, s.stops[i].board().unwrap_or_default().to_chrono());
        let time_known = timetabled(s) || sc.kind == ScheduleKind::OnDemand;
        let window = (!time_known).then(|| {
            let (zone, ws, we) = window_of(ds, s, i);
            let date = zones.date(zone, depart);
            let mut at = |d: NaiveDate, t| zones.at_local(zone, d, t).unwrap_or(depart);
            // A train or sleeper bus no source times leaves at any hour of its day.
            let (end_day, end) = closes_on(s, date, we).unwrap_or((date, NaiveTime::MIN));
            (at(date, ws), at(end_day, end))
        });
        Box::new(Leg {
            service: si,
            board: i,
            alight: j,
            depart,
            arrive: d.arrive,
            borders: Vec::new(),
            fare: None,
            more_fares: Vec::new(),
            vehicles: None,
            hire: None,
            time_known,
            window,
            arrive_known: d.arrive_known,
            latest: d.latest,
            depart_given: i == 0 || s.stops[i].depart.is_some(),
        })
    }

    /// When a traveller who took `leg` can board the next vehicle: a change after the
    /// latest it may arrive (`Leg::latest`: a ride no source times may leave as late as its
    /// window allows, and the traveller does not choose when); after an arrival whose time
    /// is not known, also no sooner than dawn of the next day in the clock kept where it
    /// arrives (so that an arrival not known is never ready before a known one at the same
    /// time: invariant 1 needs the ready time to grow with the arrival, known before
    /// unknown, and with the latest arrival).
    fn ready_after(&mut self, leg: &Leg) -> DateTime<Utc> {
        self.ready_at(
            leg.service,
            leg.alight,
            leg.arrive,
            leg.arrive_known,
            leg.latest,
        )
    }

    /// `ready_after` a ride on service `si` that arrives at stop `j` at `arrive` (known or
    /// only a lower bound) and at `latest` at the latest.
    fn ready_at(
        &mut self,
        si: ServiceIx,
        j: usize,
        arrive: DateTime<Utc>,
        arrive_known: bool,
        latest: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let change = plus(latest.max(arrive), Duration::minutes(MIN_CONNECTION));
        if arrive_known {
            return change;
        }
        let zone = local_clock(self.ds, &self.ds.services[si], j);
        // The next day starts at dawn in the clock people keep there (06:00 Xinjiang time
        // in Kashgar, not 06:00 Beijing time): a departure in the night after the arrival's
        // day (an Osh bus at about midnight after a Bishkek minibus that left at 16:00, its
        // arrival not known) is not one a traveller could count on catching.
        let zones = &mut self.posts.zones;
        let date = zones.date(zone, arrive) + Duration::days(1);
        zones
            .at_local(zone, date, DAWN)
            .unwrap_or_else(|| arrive + Duration::days(1))
            .max(change)
    }

    /// The latest ride on the same service and stops as `leg` that still catches the next
    /// leg (leaving at `next`), or for the last leg arrives no later than `leg` does, no
    /// later than `limit`: a later start that loses nothing saves a needless wait. `None`
    /// when no later one does (the leg stays).
    ///
    /// Many itineraries found share legs (the same ride, then different ways on), and an
    /// itinerary whose first leg moved is moved again: each leg's answer, which depends only
    /// on the leg's ride, `next` and the last boarding time, is worked out once per
    /// `latest_rides` (`moves`).
    fn latest_ride(
        &mut self,
        leg: &Leg,
        next: Option<DateTime<Utc>>,
        limit: DateTime<Utc>,
    ) -> Option<Leg> {
        // A last leg that waited at no post: a later start of the same vehicle reaches each
        // post, the second post's clearing and the stop later (waits only add), so it
        // arrives later and cannot replace it. Not so where the arrival is not known but is
        // the day after nights on the way: a later start that day arrives as early.
        if next.is_none()
            && !self.all_drives
            && leg.borders.iter().all(|b| b.waited.is_zero())
            && (leg.arrive_known
                || nights_at(&self.ds.services[leg.service].stops, leg.alight) == 0)
        {
            return None;
        }
        // No later than the next leg, the journey's 14-day budget and the horizon.
        let last_board = next.unwrap_or(leg.arrive).min(limit);
        self.recording = false;
        let key = (
            stretch(leg.service, leg.board, leg.alight),
            leg.depart,
            next,
            last_board,
        );
        let moved = match self.moves.get(&key) {
            Some(m) => m.clone(),
            None => {
                let m = self.latest_ride_once(leg, next, last_board);
                self.moves.insert(key, m.clone());
                m
            }
        };
        moved.map(|mut out| {
            out.fare = leg.fare;
            out.more_fares = leg.more_fares.clone();
            out.vehicles = leg.vehicles;
            out.hire = leg.hire;
            out
        })
    }

    /// `latest_ride`, worked out (its fares not yet copied from `leg`).
    fn latest_ride_once(
        &mut self,
        leg: &Leg,
        next: Option<DateTime<Utc>>,
        last_board: DateTime<Utc>,
    ) -> Option<Leg> {
        let (si, i, j) = (leg.service, leg.board, leg.alight);
        let ride = self.index.ride_number(si, i, j);
        let s = &self.ds.services[si];
        let off_i = s.stops[i].board().unwrap_or_default().to_chrono();
        let on_demand = s.schedule.kind == ScheduleKind::OnDemand;
        // A start no timetable fixes: every half hour from the leg's own start (the times
        // its drive, post hours and cut-offs are met at fall on that lattice) and every half
        // hour of the grid (`half_hour_after`), whichever comes first.
        let base = minus(leg.depart, off_i);
        let half_hours = |t: DateTime<Utc>| {
            let n = (t - base).num_seconds().div_euclid(1800) + 1;
            plus(base, Duration::seconds(n * 1800))
        };
        let step = |t: DateTime<Utc>| {
            if timetabled(s) {
                plus(t, Duration::minutes(1))
            } else {
                half_hours(t).min(half_hour_after(t))
            }
        };
        let mut best: Option<Leg> = None;
        // A start at `t0` arrives no sooner than its timetable says (waits only add), or where
        // that is not known, than it boards; and is ready for the next leg no sooner than a
        // change after that: starts after `cutoff` can neither catch the next leg nor arrive
        // as early as `leg`, and are not tried.
        let soonest = s.stops[j].offset.map_or(off_i, |o| o.to_chrono());
        let by = match next {
            Some(n) => minus(n, Duration::minutes(MIN_CONNECTION)),
            None => leg.arrive,
        };
        let cutoff = minus(by, soonest);
        // The later starts, in order: each the next start after the one before plus a step.
        let mut starts = Vec::new();
        let mut t0 = minus(leg.depart, off_i);
        // Up to when every time is a start (a window's; none known yet).
        let mut until = t0;
        for _ in 0..2000 {
            // Past the cutoff only to drive them all (`all_drives`, below); a next start is
            // never before the time asked.
            let after = step(t0);
            if after > cutoff && !self.all_drives {
                break;
            }
            if after <= until {
                t0 = after;
            } else {
                let Some((n, u)) = self.next_starts((si, i, j), timetabled(s), after, ride) else {
                    break;
                };
                (t0, until) = (n, u);
            }
            if plus(t0, off_i) > last_board || (t0 > cutoff && !self.all_drives) {
                break;
            }
            starts.push(t0);
        }
        // The latest of them that catches the next leg without becoming tight: tried from
        // the last back, so that usually one drive answers; only that one is built. The
        // earlier starts that fail as a failed one did (`fails_back`) are not driven (with
        // `all_drives` they are, below).
        let mut failing: Option<(DateTime<Utc>, bool)> = None;
        for &t0 in starts.iter().rev().filter(|t0| **t0 <= cutoff) {
            if let Some((from, inclusive)) = failing {
                if t0 > from || (inclusive && t0 == from) {
                    continue;
                }
            }
            let ix = self.drive(si, i, j, t0, on_demand, ride);
            let (arrive, arrive_known, latest, tight) = match &self.made.get(ix).result {
                Ok(d) => (
                    d.arrive,
                    d.arrive_known,
                    d.latest,
                    d.borders(&self.passes).iter().any(|b| b.tight),
                ),
                Err(f) => {
                    // The post it failed at, and whether outside its hours (else closed
                    // that day).
                    let post = match f.why {
                        Blocker::PostClosed { crossing, side, .. } => Some((crossing, side, false)),
                        Blocker::OutsideHours { crossing, side, .. } => {
                            Some((crossing, side, true))
                        }
                        _ => None,
                    };
                    if let (Some(reach), Some(post)) = (f.first_post, post) {
                        failing = self.fails_back(t0, reach, post);
                    }
                    continue;
                }
            };
            let catches = match next {
                Some(n) => self.ready_at(si, j, arrive, arrive_known, latest) <= n,
                None => arrive <= leg.arrive && arrive_known == leg.arrive_known,
            };
            if catches && (leg.tight() || !tight) {
                if let Ok(d) = &self.made.get(ix).result {
                    let zones = &mut self.posts.zones;
                    let mut built = Self::build(self.ds, zones, (si, i, j), t0, d);
                    built.borders = d.borders(&self.passes).to_vec();
                    best = Some(*built);
                }
                break;
            }
        }
        if self.all_drives {
            // What the starts it skipped would record (the holiday horizon, which a plan
            // without an answer reports): as if each had been driven.
            for &t0 in &starts {
                let _ = self.drive(si, i, j, t0, on_demand, ride);
            }
        }
        best
    }

    /// The earlier starts of an on-demand car that fail as the one started at `t0` did,
    /// failing at the first post it reached at a known time (`reach`, nothing before it
    /// timed, so nothing before it delays the car and it does not wait there): an earlier
    /// start reaches that post as much earlier, and fails there (or before it) if that is
    /// still on the same local day and the post is closed that day, or before it opens, or
    /// still in the same lunch break, or still after its last entry. Returns the earliest
    /// such start and whether it is itself one (`false`: only the starts after it are).
    /// `None` where no earlier start can be ruled out (a notice closing the post for some
    /// hours, a change of the zone's offset that day).
    #[cold]
    #[inline(never)]
    fn fails_back(
        &mut self,
        t0: DateTime<Utc>,
        reach: DateTime<Utc>,
        (ci, side_ix, hours): (CrossingIx, usize, bool),
    ) -> Option<(DateTime<Utc>, bool)> {
        let ds = self.ds;
        let side = &ds.crossings[ci].sides[side_ix];
        let zone = side.zone.0;
        let local = self.posts.zones.local(zone, reach);
        let (date, time) = (local.date(), local.time());
        let day_closed = self.posts.post(ds, ci, side_ix).day(date).is_err();
        let (from, inclusive) = match hours {
            false if day_closed => (NaiveTime::MIN, true),
            true => {
                match side
                    .breaks
                    .iter()
                    .find(|b| b.start.0 < time && time < b.end.0)
                {
                    Some(b) => (b.start.0, false),
                    None if side.hours.is_some_and(|h| time < h.start.0) => (NaiveTime::MIN, true),
                    None => match calendar::last_entry(side, Direction::Leaving) {
                        Some(l) if time > l => (l, false),
                        _ => return None,
                    },
                }
            }
            false => return None,
        };
        let at = self.posts.zones.at_local(zone, date, from)?;
        // One offset from `at` to `reach`, so every instant between has its local time
        // between `from` and the reach's, that day.
        let back = self.posts.zones.local(zone, at);
        if back != date.and_time(from) || local - back != reach - at || at > reach {
            return None;
        }
        Some((t0 - (reach - at), inclusive))
    }

    /// Each itinerary with each leg, from the last back, moved to its latest ride
    /// (`latest_ride`) in a profile search. The journey's 14-day budget runs from its
    /// departure, which moving the first leg makes later: the legs are moved again under the
    /// longer budget until the departure stays put (it only grows, up to the horizon).
    fn latest_rides(&mut self, found: Vec<Itinerary>, horizon: DateTime<Utc>) -> Vec<Itinerary> {
        // What a repeated move records is what the first recorded (the holiday horizon, a
        // set): the moves are remembered within one call (`all_drives` differs between calls).
        self.moves.clear();
        found
            .into_iter()
            .map(|mut it| {
                let legs = if self.profile { it.legs.len() } else { 0 };
                loop {
                    let depart = it.depart();
                    // Each pass under the budget from the departure it started with.
                    let limit = horizon.min(depart + Duration::days(TRIP_DAYS));
                    for k in (0..legs).rev() {
                        let next = it.legs.get(k + 1).map(|l| l.depart);
                        // The first leg too, past the window: if it can leave after the
                        // window, the itinerary waits needlessly (dropped below).
                        if let Some(moved) = self.latest_ride(&it.legs[k], next, limit) {
                            it.legs[k] = moved;
                        }
                    }
                    if it.depart() == depart {
                        break;
                    }
                }
                it
            })
            .collect()
    }

    /// The fare for a ride and what it costs the party, in the fare's currency: the fare
    /// for exactly this ride; failing that, fares quoted apart for stretches that together
    /// make up the ride end to end (Sary-Tash to the border, then the border to Kashgar),
    /// added (`Leg::more_fares`); failing that, a quote for a stretch inside it (one side of
    /// a border), which leaves the rest of the ride unpriced (a minimum).
    fn price(&self, leg: &mut Leg) {
        let ds: &'a Dataset = self.ds;
        let s = &ds.services[leg.service];
        let party = self.req.party.max(1);
        let cost = |f: &Fare| match f.per {
            Per::Person => (party, None),
            Per::Vehicle => {
                let v = f.seats.map_or(1, |seats| party.div_ceil(seats.max(1)));
                (v, Some(v))
            }
        };
        // The fares that apply (with their indices, in the data's order), read where they
        // lie rather than gathered into a list: `exact` those for the stretch `from`–`to`,
        // otherwise those that fit it.
        let all: &'a [Fare] = &s.fares;
        let fares = move |from: usize, to: usize, exact: bool| {
            all.iter().enumerate().filter(move |(_, f)| {
                if exact {
                    f.from == from && f.to == to
                } else {
                    f.fits(from, to)
                }
            })
        };
        let on = |from: usize, to: usize| fares(from, to, true);
        // Vehicle sizes priced apart (1–4 seats, up to 6, up to 14) are choices: take the
        // cheapest for the party. Otherwise several fares are reports of one price, and the
        // first (the one the data names for planning) is used.
        let choose = |from: usize, to: usize, exact: bool| -> Option<(usize, &'a Fare)> {
            let tiers = fares(from, to, exact).nth(1).is_some()
                && fares(from, to, exact).all(|(_, f)| f.per == Per::Vehicle && f.seats.is_some());
            if tiers {
                fares(from, to, exact).min_by_key(|(_, f)| {
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
                fares(from, to, exact).next()
            }
        };
        let exact = on(leg.board, leg.alight).next().is_some();
        let tiled = if !exact {
            tiling(s, leg.board, leg.alight)
        } else {
            None
        };
        if let Some(stretches) = tiled {
            // Each stretch's fare, added. A product too large to hold, or a shared taxi's
            // whole-vehicle price the party does not fill, leaves the ride unpriced.
            let mut pieces = Vec::new();
            for (from, to) in stretches {
                let Some((fi, f)) = choose(from, to, true) else {
                    return;
                };
                let fills = f.seats.is_some_and(|seats| party >= seats);
                if s.mode == Mode::SharedTaxi && f.per == Per::Vehicle && !fills {
                    return;
                }
                let (units, vehicles) = cost(f);
                let Some(m) = money::times(f.price, units) else {
                    return;
                };
                pieces.push((fi, m, vehicles));
            }
            let (fi, m, vehicles) = pieces.remove(0);
            leg.fare = Some((fi, m));
            leg.vehicles = vehicles;
            leg.more_fares = pieces.into_iter().map(|(fi, m, _)| (fi, m)).collect();
            return;
        }
        if let Some((fi, f)) = choose(leg.board, leg.alight, exact) {
            let (units, vehicles) = cost(f);
            // A product too large to hold stays unknown (`check` bounds fares well below).
            let m = money::times(f.price, units).map(|m| (fi, m));
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
    /// from them its first departure, its arrival (and whether that is known), its known
    /// cost and unpriced stretches, its number of legs, whether some post on it is reached
    /// within `MARGIN` of its closing time or cut-off (tight), and whether it has passed
    /// `--via`. Labels are expanded in order of arrival; expanding one tries, for every
    /// service stopping where it ends and every later stop of that service, the **earliest
    /// feasible ride** boarding at or after the label's ready time (arrival +
    /// `MIN_CONNECTION`, or the next local day after an arrival whose time is not known) and
    /// no later than the label's budget, and when that ride is tight also the **earliest
    /// comfortable ride** (`ride`). The first leg is tried from each day of the `--within`
    /// window (the profile).
    ///
    /// Invariants (each new rule must keep them, and `tests/oracle.rs` checks them):
    ///
    /// 1. *What can follow a label depends only on its place, its ready time, its budget
    ///    (first departure + `TRIP_DAYS`), its `--via` progress and the tracked places it
    ///    has been (`Label::kept`: of the places where its rides boarded, stopped on the
    ///    way and alighted, those in `Planner::tracked`; no later ride may stop at one,
    ///    see 5).*
    ///    The ready time grows with the arrival, and an arrival not known is ready no
    ///    sooner than a known one at the same minute (`ready_after`: the next local day,
    ///    but never before a change after the lower bound), so a label that arrives no
    ///    later, known when the other is, is ready no later. Fares, permits, foreigner rules and visas do not depend on what came before; the
    ///    date rules (service days and windows, dawn and the night rule, border days and
    ///    hours, waiting at posts, clearing times, visas with dates) depend only on when a
    ///    ride's vehicle starts.
    /// 2. *Feasible rides are monotone in the ready time, and these two suffice.* The rides
    ///    of one service from stop `i` to stop `j` boarding at or after `t` are a subset of
    ///    those boarding at or after any `t' <= t`, and a later start of the same vehicle
    ///    never arrives earlier (waiting at a post only delays it to the opening, which a
    ///    later start cannot beat). Every ride of one stretch costs the same. So any later
    ///    ride `r` is matched by one of the two tried: if `r` is tight, the earliest ride
    ///    arrives no later and is at worst tight too; if `r` is comfortable, the earliest
    ///    comfortable ride arrives no later and is comfortable. Whatever can follow `r` can
    ///    follow the one that matches it (waiting at a place is always allowed).
    /// 3. *Dominance.* Label `a` covers `b` at the same place and `--via` progress when it
    ///    arrives no later (and is known when `b` is), costs no more (`costs_no_more`), has
    ///    no more legs, is not tight unless `b` is, **left no earlier** (so its budget
    ///    ends no earlier) and **has been at no tracked place `b` has not** (`within` on
    ///    `Label::kept`). By 1 and 2 every continuation of `b` is open to `a` (it stops at
    ///    no tracked place `b` has been, so at none `a` has been) and gives a journey at
    ///    least as good on every criterion (tightness is an "or" over the legs, costs add,
    ///    legs add), so `b` can be dropped. (Comparing budgets is what the first departure
    ///    is for: a label that left earlier may be unable to take a ride 13 days later that
    ///    the other still can.) The tracked places must be compared: a continuation of `b`
    ///    may ride on through a tracked place `a` passed, and cutting `a`'s journey short
    ///    there to board that ride is not the same journey (a stop with no time given
    ///    cannot be boarded, the shorter stretch may have no fare, an on-demand vehicle
    ///    starts afresh): `tests/oracle.rs`
    ///    `a_label_that_passed_a_place_does_not_cover_one_that_did_not` is such a case.
    ///    Places not tracked are not compared, so copies of a route through different
    ///    towns cover each other where they meet and the work stays linear in the network
    ///    (comparing every place made it grow with its square: parallel routes never met).
    ///    At the destination labels are never extended, and there `a` covers `b` when it
    ///    has been nowhere `b` has not (any place) or the two are equal on every criterion
    ///    (`places_allow`): that only chooses which of the journeys that one at least as
    ///    good covers reach the final ranking, where each leg is moved to its latest ride
    ///    and a route that can then leave later is kept (4).
    /// 4. *No needless waits.* After the search each leg, from the last back, is moved to
    ///    the latest ride of its service that still catches the next leg (the last: still
    ///    arrives as early, as known) without becoming tight (`latest_ride`); this changes
    ///    no criterion but the first departure, which only improves. An itinerary in the
    ///    window that one leaving after the window outranks is dropped; one that outranks
    ///    it left before it arrived, so the first leg is tried on every day up to that
    ///    arrival (`beyond`: `LOOK_BEYOND` days at first; when an answer in the window
    ///    arrives later, `beyond_for`, the days up to its arrival are searched alone,
    ///    `leaving_later`, and what their journeys outrank is dropped: a label of theirs
    ///    that covers one in the window ends in a journey that outranks that one's, so this
    ///    drops what searching every day would have pruned). Moving legs later alone would not do:
    ///    dominance compares the departures before the moves, so a journey whose first leg
    ///    could move past the days searched may have been dropped for one that cannot
    ///    (`tests/oracle.rs`
    ///    `a_five_day_wait_that_leaving_after_the_window_avoids_is_not_offered`); looking
    ///    that far, the day its moved first leg leaves is searched, and that day's earliest
    ///    ride, which catches the same next leg, with it.
    /// 5. *No loops, and termination.* No answer comes back to a place it has been (the
    ///    origin, and every place its rides boarded, stopped at or alighted): a traveller
    ///    does not go into the Pamirs from Sary-Tash and come back through Sary-Tash to Osh.
    ///    Crossings are not places. The search enforces it on the **tracked** places
    ///    (`Planner::tracked`: at first the origin alone): a ride ends before the first
    ///    stop at a tracked place the journey has been. A journey may then come back to a
    ///    place not tracked, and such a label takes part like any other; so the search is
    ///    exact (1–3) for the journeys that come back to no tracked place, a set that
    ///    holds every journey without loops. When none of its answers (before those
    ///    leaving after the window are dropped, as they may outrank one in it) comes back
    ///    to a place, every journey without loops is covered by one of them, which has
    ///    none: the answer is exact for the rule. When one does (`comes_back`), the places
    ///    it came back to are tracked too and the search runs again (its memos of rides
    ///    kept), until none does (decremental state-space relaxation, Righini and Salani
    ///    2008). Each run tracks at least one more place, so the runs end; their work adds
    ///    up against one budget, and a search that spends it leaves out the answers that
    ///    loop and says it stopped early. On the embedded data the origin is usually
    ///    enough: of 73 varied plans 9 searched twice (Dushanbe → Kashgar: a route came
    ///    back through Sary-Tash), none three times.
    ///    An itinerary has at most `MAX_LEGS` legs; every ride boards before the horizon;
    ///    the work is bounded by `work_budget`, which grows with the dataset only (past it
    ///    the answer says the search stopped early).
    ///
    /// Three prunings leave out only what could not change the answer: a ride to a place
    /// from which the destination is more rides away than the legs left (`Index::hops_to`,
    /// dates ignored, so a lower bound), unless its failure would be a reason; once a
    /// journey has reached the destination, also one from which every way there within the
    /// legs left comes back to the origin (`Index::reach_to`; by 5 no journey may); and a
    /// label that an itinerary already found in the window covers (by 3, so does it every
    /// extension). The last two can drop reasons, which matter only when nothing is found:
    /// then the search runs again without them.
    pub fn run(mut self) -> Plan {
        let mut plan = self.run_here();
        if self.profile && !self.after_window {
            let (ds, req) = (self.ds, self.req);
            let (from, to) = (ds.places[req.from].zone.0, ds.places[req.to].zone.0);
            let n = plan.itineraries.len();
            let (kept, compared) = sensible(std::mem::take(&mut plan.itineraries), from, to);
            plan.itineraries = kept;
            plan.work += compared;
            if plan.itineraries.len() < n {
                // Only the crossings the answers use matter for the holiday horizon.
                self.plan = plan;
                self.note_answers_horizon();
                plan = std::mem::take(&mut self.plan);
            }
        }
        plan
    }

    /// `run`, the memos left in `self` (`leaving_later` takes them back).
    fn run_here(&mut self) -> Plan {
        let (ds, req) = (self.ds, self.req);
        loop {
            let (mut plan, pruned) = self.labels();
            let looped = std::mem::take(&mut self.looped);
            let mut wider = self.wider.take();
            if let (true, Some(days)) = (looped.is_empty(), wider) {
                // Only the days past those searched can hold a journey that beats an
                // answer arriving late: search them alone and drop what they beat (as
                // the search of every day would have). Should that drop every answer,
                // search every day again instead, for the reasons and holidays it records.
                let later = self.leaving_later(days);
                let kept: Vec<Itinerary> = plan
                    .itineraries
                    .iter()
                    .filter(|it| !later.itineraries.iter().any(|o| o.outranks(it)))
                    .cloned()
                    .collect();
                if !kept.is_empty() {
                    plan.work += later.work;
                    plan.truncated |= later.truncated;
                    if kept.len() < plan.itineraries.len() {
                        plan.itineraries = kept;
                        // Only the crossings the answers use matter for the horizon.
                        self.plan = plan;
                        self.note_answers_horizon();
                        plan = std::mem::take(&mut self.plan);
                    }
                    wider = None;
                }
            }
            if !looped.is_empty() || wider.is_some() {
                if plan.work <= work_budget(ds) {
                    // Some answer came back to a place whose visits no label kept: search
                    // again keeping those too (invariant 5). Some answer in the window
                    // arrives after the days looked at past it: search again looking as far
                    // as it arrives, so that no journey leaving later that beats it is
                    // missed (invariant 4). The memos of rides stay.
                    for p in looped {
                        self.tracked[p] = true;
                    }
                    if let Some(days) = wider {
                        self.beyond = days;
                    }
                    self.plan = Plan {
                        connected: plan.connected,
                        work: plan.work,
                        ..Plan::default()
                    };
                    self.pruned = false;
                    continue;
                }
                // No work left to search again: the answers that loop are left out, and
                // others (that they covered) may exist; so may journeys leaving later that
                // beat an answer.
                plan.itineraries
                    .retain(|it| comes_back(ds, req.from, it).is_empty());
                plan.truncated = true;
            }
            if plan.itineraries.is_empty() && pruned && !self.after_window {
                let mut again = Planner::with_index(ds, req, Arc::clone(&self.index));
                again.profile = self.profile;
                again.beyond = self.beyond;
                again.prune_by_found = false;
                again.tracked = std::mem::take(&mut self.tracked);
                return again.run();
            }
            return plan;
        }
    }

    /// The holiday horizon of the answers found: the countries and years of the days their
    /// posts are passed (after a wait, in its own clock; with no time known, every day
    /// checked: after a night on the way, not the day the vehicle left; through the last
    /// day it may reach the post).
    fn note_answers_horizon(&mut self) {
        let ds = self.ds;
        self.plan.holidays_unknown.clear();
        let its = std::mem::take(&mut self.plan.itineraries);
        for l in its.iter().flat_map(|it| &it.legs) {
            for b in &l.borders {
                for (first, last) in b.days.iter().zip(&b.latest) {
                    let Some(first) = *first else {
                        continue;
                    };
                    let last = last.unwrap_or(first);
                    for day in first.iter_days().take_while(|d| *d <= last) {
                        self.note_horizon(&ds.crossings[b.crossing], day);
                    }
                }
            }
        }
        self.plan.itineraries = its;
    }

    /// The journeys leaving on the days from `self.beyond` to `days` days after the window
    /// (a profile over those days alone, with the same tracked places), to drop the answers
    /// in the window they beat (`run`).
    fn leaving_later(&mut self, days: i64) -> Plan {
        let req = self.req;
        let from = i64::from(req.within) + self.beyond;
        let (Some(date), Ok(within)) = (
            req.date.checked_add_signed(Duration::days(from)),
            u32::try_from(days - self.beyond),
        ) else {
            return Plan::default();
        };
        let sub = Request {
            date,
            within,
            ..req.clone()
        };
        let mut later = Planner::with_index(self.ds, &sub, Arc::clone(&self.index));
        later.beyond = 0;
        later.after_window = true;
        later.tracked = self.tracked.clone();
        // What the memos hold depends on the dataset and the traveller, not on the days
        // searched: the later days' search uses and adds to this search's.
        self.swap_memos(&mut later);
        let plan = later.run_here();
        self.swap_memos(&mut later);
        plan
    }

    /// Exchanges the memos of drives, next starts, the posts' calendars and entry decisions
    /// with `other`'s (a search for the same traveller).
    fn swap_memos(&mut self, other: &mut Planner) {
        std::mem::swap(&mut self.drives, &mut other.drives);
        std::mem::swap(&mut self.made, &mut other.made);
        std::mem::swap(&mut self.passes, &mut other.passes);
        std::mem::swap(&mut self.starts, &mut other.starts);
        std::mem::swap(&mut self.ride_memo, &mut other.ride_memo);
        std::mem::swap(&mut self.timetable_memo, &mut other.timetable_memo);
        std::mem::swap(&mut self.memos, &mut other.memos);
        std::mem::swap(&mut self.posts, &mut other.posts);
        std::mem::swap(&mut self.entries, &mut other.entries);
        std::mem::swap(&mut self.dated, &mut other.dated);
    }

    /// One pass of the search of `run`; also says whether a label was pruned by what was
    /// found, and sets `looped`.
    fn labels(&mut self) -> (Plan, bool) {
        let ds = self.ds;
        let req = self.req;
        let origin_zone = ds.places[req.from].zone.0;
        let Some(midnight) = calendar::at_local(origin_zone, req.date, NaiveTime::MIN) else {
            return (std::mem::take(&mut self.plan), false);
        };
        // Planning from now: nothing leaves in the past.
        let start = req.now.map_or(midnight, |n| n.max(midnight));
        // Checked: every later sum stays below `horizon`, so a request at the end of the
        // calendar (or a window of billions of days) ends the search here, not in a panic.
        let Some(latest) =
            window_end(req).and_then(|end| calendar::at_local(origin_zone, end, NaiveTime::MIN))
        else {
            return (std::mem::take(&mut self.plan), false);
        };
        // The profile also looks `beyond` days past the window (`LOOK_BEYOND`, or as far as
        // an answer in the window arrives, see `run`): an itinerary in the window that one
        // leaving after it beats (arriving as early, no dearer, no more legs, no tighter)
        // waits needlessly and is dropped.
        let beyond = if self.profile { self.beyond } else { 0 };
        let searched_until = latest + Duration::days(beyond);
        let horizon = searched_until + Duration::days(TRIP_DAYS);
        let base = ds.rates.base;
        // The profile: the first leg is tried on every day of the window, each day's
        // earliest ride, so that later days are in view (rRAPTOR's departure loop).
        let days: Vec<(DateTime<Utc>, DateTime<Utc>)> = if !self.profile {
            vec![(start, latest)]
        } else {
            (0..i64::from(req.within) + beyond)
                .filter_map(|d| {
                    let from = calendar::at_local(
                        origin_zone,
                        req.date + Duration::days(d),
                        NaiveTime::MIN,
                    )?;
                    let to = calendar::at_local(
                        origin_zone,
                        req.date + Duration::days(d + 1),
                        NaiveTime::MIN,
                    )?;
                    (to > start).then_some((from.max(start), to.min(searched_until)))
                })
                .collect()
        };

        // The first leg's (ready, latest first departure), one for each day.
        let first_windows: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> =
            days.iter().map(|(a, b)| (*a, Some(*b))).collect();
        // The places a label being extended has been (`Label::kept`), copied out of it.
        let mut kept_before: Vec<PlaceIx> = Vec::new();
        // Made room for at once: growing a table copies it.
        let mut labels: Vec<Label> = Vec::with_capacity(LABELS_CAPACITY);
        labels.push(Label {
            place: req.from,
            via_ok: req.via.is_none() || req.via == Some(req.from),
            been: Vec::new(),
            leg: None,
            parent: 0,
        });
        // The labels' tracked places (`Hot::kept`), one list after another.
        let mut kept_pool: Vec<PlaceIx> = vec![req.from];
        let mut hot: Vec<Hot> = Vec::with_capacity(LABELS_CAPACITY);
        hot.push(Hot {
            sum: Summary::start(),
            costs: Costs::NONE,
            kept: (0, 1),
        });
        let mut dead = Vec::with_capacity(LABELS_CAPACITY);
        dead.push(false);
        // Labels at the same place (and with the same progress towards --via) compete: waiting
        // is always allowed, so one that is no worse on any count makes the other useless.
        // One bag for each place and progress (`key`), at `2 * place + via_ok`: read for every
        // new label, where a hash map's look-up costs more than the rest of a small bag's.
        let mut bags: Vec<Bag> = Vec::new();
        bags.resize_with(2 * ds.places.len(), Bag::default);
        // Labels are taken in order of arrival (and of id): each arrival as the seconds and
        // nanoseconds since the epoch, which order as the instants do and compare as plain
        // integers (chrono's instants compare field by field, at every step of the heap).
        let arrival = |t: DateTime<Utc>| (t.timestamp(), t.timestamp_subsec_nanos());
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((arrival(start), 0usize)));
        let mut done: Vec<usize> = Vec::new();
        // The same, by first departure (for the pruning below).
        let mut done_by_depart: Sorted<DateTime<Utc>> = Sorted::default();
        // The days journeys that reached the destination leave in the window (see below).
        let mut left_in_window: BTreeSet<NaiveDate> = BTreeSet::new();
        let budget = work_budget(ds);
        // The places a ride stops at after boarding, and a new label's places (see
        // `Label::been`), worked out before it is known to be kept.
        let (mut passed, mut been): (Vec<PlaceIx>, Vec<PlaceIx>) = (Vec::new(), Vec::new());
        let (mut kept_passed, mut kept): (Vec<PlaceIx>, Vec<PlaceIx>) = (Vec::new(), Vec::new());

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
                done_by_depart.at(hot[id].sum.depart).push(id);
                continue;
            }
            // Pruned by what was found: an itinerary in the window whose arrival is known and
            // that covers this label covers every journey extending it (arrivals only grow,
            // costs and legs only add, a tight leg stays tight, the first departure stays),
            // so each of them would be dropped on reaching the destination (invariant 3).
            // Only an itinerary that left between this label's departure and its arrival can
            // cover it (it leaves no earlier and arrives no later): those are looked up by
            // departure (`done_by_depart`), so a year's window does not compare every label
            // with every itinerary found (quadratic in the window's days).
            let l = &hot[id];
            let prune = |d: &usize| {
                let d = &hot[*d];
                d.sum.arrive_known
                    && d.sum.depart < latest
                    && d.sum.covers(&d.costs, &l.sum, &l.costs)
            };
            if self.prune_by_found
                && if l.sum.depart <= l.sum.arrive {
                    done_by_depart
                        .range(l.sum.depart..=l.sum.arrive)
                        .iter()
                        .flat_map(|(_, ids)| ids)
                        .any(prune)
                } else {
                    done.iter().any(prune)
                }
            {
                self.pruned = true;
                continue;
            }
            let legs_so_far = hot[id].sum.legs;
            if legs_so_far >= MAX_LEGS {
                continue;
            }
            // (ready, latest first departure) for each ride to try.
            let after_last;
            let windows: &[(DateTime<Utc>, Option<DateTime<Utc>>)] = match &labels[id].leg {
                None => &first_windows,
                Some(last) => {
                    after_last = [(self.ready_after(last), None)];
                    &after_last
                }
            };
            // The tracked places the journey has been: no ride may stop there again
            // (invariant 5).
            kept_before.clear();
            kept_before.extend_from_slice(hot[id].kept(&kept_pool));
            let index = Arc::clone(&self.index);

            let first_depart = (legs_so_far > 0).then_some(hot[id].sum.depart);
            // A journey lasts at most TRIP_DAYS from its first departure: no months spent
            // waiting at a stopover for a pass to reopen.
            let limit = match first_depart {
                None => horizon,
                Some(d) => horizon.min(d + Duration::days(TRIP_DAYS)),
            };
            for &(ready, first_leg_latest) in windows {
                self.beyond_window = first_depart.unwrap_or(ready) >= latest;
                for (si, i, first, later, boarding) in index.options(place) {
                    let s = &ds.services[si];
                    // The places this ride has stopped at after boarding, up to stop `j`.
                    passed.clear();
                    kept_passed.clear();
                    for (n, &(j, p)) in later.iter().enumerate() {
                        let (k, j, p) = (first + n, j as usize, p as usize);
                        // A ride that would come back to a place the journey has been
                        // (into the Pamirs from Sary-Tash, then back through Sary-Tash to
                        // Osh) ends before it: no loops, not even passing through.
                        if self.tracked[p] && kept_before.contains(&p) {
                            break;
                        }
                        passed.push(p);
                        if self.tracked[p] {
                            kept_passed.push(p);
                        }
                        // No way on from `p` to the destination within the leg limit (dates
                        // ignored): nothing can follow this ride, and unless it explains a
                        // failure (`explains`) it is not tried at all.
                        let within = |h: Option<u32>| {
                            h.is_some_and(|h| legs_so_far + 1 + h as usize <= MAX_LEGS)
                        };
                        let on = within(self.hops[p]);
                        // (Stop `i` is `place`.)
                        let explains = self.explains(place, p);
                        if !on && !explains {
                            continue;
                        }
                        // Nor, once a journey has reached the destination, when every way on
                        // within the limit comes back to the origin: such a ride leads to no
                        // answer (nor to an untimed ride to note), and only the reasons it
                        // could record are lost, which matter only when nothing is found
                        // (the search then runs again without pruning).
                        if !explains
                            && self.prune_by_found
                            && !done.is_empty()
                            && !within(self.reach[p])
                        {
                            self.pruned = true;
                            continue;
                        }
                        if self.plan.work > budget {
                            self.plan.truncated = true;
                            break;
                        }
                        self.plan.work += 1 + (j - i) as u64;
                        let Some((earliest, earliest_ix)) = self.ride(
                            (k, si, i, j),
                            boarding,
                            explains,
                            ready,
                            first_leg_latest,
                            limit,
                            false,
                        ) else {
                            continue;
                        };
                        // A tight earliest ride: the earliest comfortable one is another
                        // trade-off (invariant 2).
                        let earliest_tight = self.tight(earliest_ix);
                        let comfortable = if earliest_tight {
                            self.plan.work += 1 + (j - i) as u64;
                            self.ride(
                                (k, si, i, j),
                                boarding,
                                explains,
                                ready,
                                first_leg_latest,
                                limit,
                                true,
                            )
                        } else {
                            None
                        }
                        .map(|(leg, ix)| (leg, ix, self.tight(ix)));
                        for (mut leg, ix, tight) in
                            std::iter::once((earliest, earliest_ix, earliest_tight))
                                .chain(comfortable)
                        {
                            self.price(&mut leg);
                            let passes_via = req.via.is_some_and(|v| {
                                s.stops[i..=j].iter().any(|st| st.at == StopAt::Place(v))
                            });
                            // The new label's costs first, its leg only once it is kept.
                            let parent = hot[id];
                            let mut it = parent.costs;
                            let before = it.unknown_fares;
                            match (leg.fare, base) {
                                (Some(_), Some(b)) => {
                                    // The fares of stretches quoted apart are added.
                                    let mut convertible = true;
                                    for (_, m) in leg.fares() {
                                        match money::convert(&ds.rates, m, b) {
                                            Some(x) => it.cost = it.cost.saturating_add(x.minor),
                                            None => convertible = false,
                                        }
                                    }
                                    if !convertible {
                                        it.unknown_fares += 1;
                                    }
                                    // A minimum price (or a fare for part of the
                                    // ride) leaves the rest of the cost unknown.
                                    if leg.minimum_fare(s) {
                                        it.unknown_fares += 1;
                                    }
                                }
                                _ => it.unknown_fares += 1,
                            }
                            if it.unknown_fares > before {
                                let part = Unpriced {
                                    mode: s.mode,
                                    // Unknown beyond a minimum only when that is all.
                                    minimum: it.unknown_fares == before + 1 && leg.minimum_fare(s),
                                };
                                it.add_unpriced(part);
                            }
                            let key = (p, via_ok || passes_via);
                            // A label that has arrived is never extended: where it has
                            // been, and its latest arrival, no longer matter (invariant 3).
                            let arrived = key == (req.to, true);
                            let sum = parent.sum.then(&leg, tight, arrived);
                            let new = Hot {
                                sum,
                                costs: it,
                                kept: (0, 0),
                            };
                            kept.clear();
                            kept.extend_from_slice(&kept_before);
                            kept.extend_from_slice(&kept_passed);
                            been.clear();
                            if arrived {
                                been.push(req.from);
                                Label::been(ds, &labels, id, &mut been);
                                been.extend_from_slice(&passed);
                            }
                            // A journey leaving in the window reached the destination, covered
                            // or not: its day (in the origin's clock) is kept for the reason
                            // when none is offered (`Blocker::LeaveLater`); of journeys that
                            // come back to no place they have been (the others are none).
                            if arrived && self.profile && sum.depart < latest {
                                let d = sum.depart.with_timezone(&origin_zone).date_naive();
                                if !left_in_window.contains(&d) {
                                    let mut whole = Label::itinerary(&labels, &hot, id);
                                    whole.legs.push(Leg::clone(&leg));
                                    if comes_back(ds, req.from, &whole).is_empty() {
                                        left_in_window.insert(d);
                                    }
                                }
                            }
                            let bag = &mut bags[2 * key.0 + usize::from(key.1)];
                            // Only labels that left between `it`'s arrival less the bag's
                            // longest journey and its arrival can cover it or be covered
                            // by it (see `Bag`).
                            let zones = &mut self.posts.zones;
                            let mut day = |t: DateTime<Utc>| zones.date(origin_zone, t);
                            let (left, arrive) = (sum.depart, sum.arrive);
                            let near = day(left.min(arrive - bag.span))..=day(arrive);
                            let mut compared = 0u64;
                            let covered = bag.by_day.range(near.clone()).iter().any(|(_, ids)| {
                                ids.iter().any(|o_id| {
                                    compared += 1;
                                    let o = &hot[*o_id];
                                    o.sum.covers(&o.costs, &sum, &it)
                                        && places_allow(
                                            arrived,
                                            (&labels[*o_id].been, o.kept(&kept_pool)),
                                            (&been, &kept),
                                            || same(o, &new),
                                        )
                                })
                            });
                            if covered {
                                // As many as were compared before: each compared at most
                                // once, whichever covered it (the work is counted as the
                                // whole neighbourhood, as before).
                                compared = bag
                                    .by_day
                                    .range(near)
                                    .iter()
                                    .map(|(_, v)| v.len() as u64)
                                    .sum();
                                self.plan.work += compared;
                                continue;
                            }
                            self.plan.work += compared;
                            for (_, ids) in bag.by_day.range_mut(near).iter_mut() {
                                ids.retain(|o| {
                                    let l = &hot[*o];
                                    let beaten = sum.covers(&it, &l.sum, &l.costs)
                                        && places_allow(
                                            arrived,
                                            (&been, &kept),
                                            (&labels[*o].been, l.kept(&kept_pool)),
                                            || same(&new, l),
                                        );
                                    dead[*o] |= beaten;
                                    !beaten
                                });
                            }
                            // The cap counts the labels that left on the same day: a profile
                            // keeps one set of trade-offs per day of the window.
                            let same_day = bag.by_day.at(day(left));
                            if same_day.len() >= BAG_CAP {
                                self.plan.truncated = true;
                                continue;
                            }
                            // Kept: its passes are copied from the drive's.
                            if let Ok(d) = &self.made.get(ix).result {
                                leg.borders = d.borders(&self.passes).to_vec();
                            }
                            let at = kept_pool.len();
                            kept_pool.extend_from_slice(&kept);
                            labels.push(Label {
                                place: p,
                                via_ok: key.1,
                                been: been.clone(),
                                leg: Some(leg),
                                parent: id,
                            });
                            hot.push(Hot {
                                kept: (at as u32, kept.len() as u32),
                                ..new
                            });
                            dead.push(false);
                            let nid = labels.len() - 1;
                            same_day.push(nid);
                            bag.span = bag.span.max(arrive - left);
                            heap.push(Reverse((arrival(arrive), nid)));
                        }
                    }
                }
            }
        }
        let found_ids: Vec<usize> = done.into_iter().filter(|id| !dead[*id]).collect();
        let found_at = |labels: &[Label]| {
            found_ids
                .iter()
                .map(|id| Label::itinerary(labels, &hot, *id))
                .collect::<Vec<Itinerary>>()
        };
        // No needless waits: each leg, from the last back, leaves as late as still catches
        // the next one (the last one as late as still arrives as early).
        let found: Vec<Itinerary> = self.latest_rides(found_at(&labels), horizon);
        let (from_zone, to_zone) = (ds.places[req.from].zone.0, ds.places[req.to].zone.0);
        // The answers in the order they are shown (`order`, a stable sort: of equal keys the
        // one found first comes first; `rank` is each one's place in it), each key worked out
        // once rather than at every comparison.
        let zones = &mut self.posts.zones;
        let keys: Vec<_> = found
            .iter()
            .map(|it| it.key(zones, from_zone, to_zone))
            .collect();
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        let mut rank = vec![0; found.len()];
        for (r, &k) in order.iter().enumerate() {
            rank[k] = r;
        }
        // Keep the itineraries no other outranks (of equal ones, the first). One that
        // outranks `it` left no earlier and arrives no later, so it left between `it`'s
        // departure and arrival: only those are compared (by departure), which keeps the
        // ranking linear in the window's days (at most BAG_CAP answers a day).
        let mut by_depart: Vec<(DateTime<Utc>, usize)> = found
            .iter()
            .enumerate()
            .map(|(k, it)| (it.depart(), k))
            .collect();
        by_depart.sort_unstable();
        let mut compared = 0u64;
        let best: Vec<Itinerary> = order
            .iter()
            .filter(|&&i| {
                let it = &found[i];
                let lo = by_depart.partition_point(|(d, _)| *d < it.depart());
                let hi = by_depart.partition_point(|(d, _)| *d <= it.arrive());
                let near = &by_depart[lo..hi.max(lo)];
                compared += near.len() as u64;
                !near.iter().any(|&(_, k)| {
                    k != i && found[k].outranks(it) && (keys[k] != keys[i] || rank[k] < rank[i])
                })
            })
            .map(|&i| found[i].clone())
            .collect();
        self.plan.work += compared;
        // Where an answer (or one leaving after the window that may outrank one in it)
        // comes back to a place it has been: possible only at places not tracked.
        let mut looped: Vec<PlaceIx> = best
            .iter()
            .flat_map(|it| comes_back(ds, req.from, it))
            .collect();
        looped.sort_unstable();
        looped.dedup();
        self.looped = looped;
        // What leaves after the window (searched, or moved there above because its first
        // leg can leave later and still catch the next) was kept only to beat what leaves
        // in it: an itinerary in the window that one leaving after it outranks waits
        // needlessly. Both belong to a later window (a longer --within shows them). One
        // that outranks an answer in the window left before that answer arrives: if one
        // arrives later than the days looked at past the window, the search must look
        // further (`run` searches again).
        if self.profile && !self.after_window {
            let need = best
                .iter()
                .filter(|it| it.depart() < latest)
                .map(|it| beyond_for(latest, it.arrive()))
                .max()
                .unwrap_or(0);
            if need > beyond {
                self.wider = Some(need);
            }
        }
        let best: Vec<Itinerary> = best
            .into_iter()
            .filter(|it| !self.profile || self.after_window || it.depart() < latest)
            .collect();
        // Journeys reached the destination leaving in the window, and none is offered: each
        // was covered, at last, by one leaving after the window, or its first leg moved past
        // the window. That is why, on the days they leave.
        if best.is_empty() && !left_in_window.is_empty() {
            self.plan
                .reasons
                .push((Blocker::LeaveLater, left_in_window));
        }
        if best.is_empty() && !found.is_empty() {
            // The holiday horizon is then reported as every drive above met it: make the
            // drives `latest_ride` skipped (their answers are as before).
            self.all_drives = true;
            self.latest_rides(found_at(&labels), horizon);
            self.all_drives = false;
        }
        // When there is an answer, only the crossings it uses matter for the holiday horizon.
        self.plan.itineraries = best;
        if !self.plan.itineraries.is_empty() {
            self.note_answers_horizon();
        }
        (std::mem::take(&mut self.plan), self.pruned)
    }
}

/// The answers (in the order they are shown) without those another answer kept
/// overshadows (`Itinerary::overshadows`), and the number of comparisons made. Taken in
/// order, so an answer is left out only for one that is offered: one that overshadows
/// another arrives on an earlier day, so it comes first. It left on a day from the other's
/// departure to its arrival, and only those days are looked at (a journey lasts at most
/// `TRIP_DAYS` and some more, so the work stays linear in the window's days).
fn sensible(its: Vec<Itinerary>, from: chrono_tz::Tz, to: chrono_tz::Tz) -> (Vec<Itinerary>, u64) {
    let day = |t: DateTime<Utc>, z: chrono_tz::Tz| t.with_timezone(&z).date_naive();
    let mut kept: Vec<Itinerary> = Vec::with_capacity(its.len());
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let mut compared = 0u64;
    for it in its {
        let (first, last) = (day(it.depart(), from), day(it.arrive(), from));
        let beaten = by_day.range(first..=last.max(first)).any(|(_, ks)| {
            ks.iter().any(|&k| {
                compared += 1;
                kept[k].overshadows(&it, from, to)
            })
        });
        if !beaten {
            by_day.entry(first).or_default().push(kept.len());
            kept.push(it);
        }
    }
    (kept, compared)
}

/// Days of calendar the search needs on either side of its window for its own arithmetic
/// (the journey's `TRIP_DAYS`, the next day's opening, a ride's duration): far more than
/// that, so that every `+` in the search is in range once `window_end` is.
const CALENDAR_MARGIN: u64 = 1_000;

/// The day after the departure window (`--date` plus `--within` days), if the calendar
/// has it with `CALENDAR_MARGIN` days to spare either side. `request::date` keeps dates
/// within the dataset's years; this guards the library's other callers.
fn window_end(req: &Request) -> Option<NaiveDate> {
    use chrono::Days;
    let end = req
        .date
        .checked_add_days(Days::new(u64::from(req.within)))?;
    end.checked_add_days(Days::new(CALENDAR_MARGIN))?;
    req.date.checked_sub_days(Days::new(CALENDAR_MARGIN))?;
    Some(end)
}

/// Plans `req`; when nothing is found, also looks for the earliest day within a year on
/// which the journey becomes possible, and for what would make it possible sooner
/// (`Plan::fixes`).
pub fn plan(ds: &Dataset, req: &Request) -> (Plan, Option<NaiveDate>) {
    let (mut plan, earliest) = search(ds, req);
    // The fixes' searches are bounded in number (`documents::MAX_FIX_TRIES`); documents
    // left untried make the answer say the search stopped early.
    let (fixes, cut) = documents::explain(ds, req, &plan);
    plan.fixes = fixes;
    plan.truncated |= cut;
    (plan, earliest)
}

/// `plan` without looking for fixes. The earliest day named is one whose own plan (that
/// day alone, `--within 1`) offers an itinerary: the search for the first day that works
/// (earliest arrival, not a profile) may find a journey that leaves on a day and waits for
/// a connection that leaving later still catches, which that day's plan drops (invariant
/// 4); the search then goes on from the next day.
pub fn search(ds: &Dataset, req: &Request) -> (Plan, Option<NaiveDate>) {
    let index = Arc::new(Index::new(ds));
    let planner = Planner::with_index(ds, req, Arc::clone(&index));
    let to = planner.hops.clone();
    let mut plan = planner.run();
    note_services_not_used(ds, &index, req, to, &mut plan);
    if !plan.itineraries.is_empty() {
        return (plan, None);
    }
    let Some(mut date) = window_end(req) else {
        return (plan, None);
    };
    // The days looked at: up to a year after `--date`, at least one after the window.
    let end = date + Duration::days(i64::from(366u32.saturating_sub(req.within).max(1)));
    // Not past the last date the dataset covers: a day after it could not be asked about.
    let last = crate::request::date_range(ds).1;
    let end = if end > last + Duration::days(1) {
        plan.searched_until = Some(last);
        last + Duration::days(1)
    } else {
        end
    };
    let zone = ds.places[req.from].zone.0;
    // Each pass names a later day than the one before, so the passes end; a day whose
    // plan drops what was found leaves days later that do work (what outranked it leaves
    // before it arrives), so there are few.
    while date < end {
        let later = Request {
            date,
            within: u32::try_from((end - date).num_days()).unwrap_or(1).max(1),
            ..req.clone()
        };
        let mut planner = Planner::with_index(ds, &later, Arc::clone(&index));
        planner.profile = false;
        let mut next = planner.run();
        // The earliest-arrival pass tries the first leg's earliest ride only, and a journey
        // may last no more than `TRIP_DAYS` from it: one whose first leg must leave weeks
        // later (Almaty to Gilgit in January: Urumqi is reached at once, Khunjerab opens on
        // 1 April) is out of its reach. Before saying no day works, every day is tried (a
        // profile over the rest of the year, as `--within` would).
        if next.itineraries.is_empty() {
            next = Planner::with_index(ds, &later, Arc::clone(&index)).run();
        }
        let Some(first) = next
            .itineraries
            .iter()
            .map(|it| it.depart())
            .min()
            .map(|t| t.with_timezone(&zone).date_naive())
        else {
            return (plan, None);
        };
        let that_day = Request {
            date: first,
            within: 1,
            ..req.clone()
        };
        if !Planner::with_index(ds, &that_day, Arc::clone(&index))
            .run()
            .itineraries
            .is_empty()
        {
            return (plan, Some(first));
        }
        date = first.max(date) + Duration::days(1);
    }
    (plan, None)
}
