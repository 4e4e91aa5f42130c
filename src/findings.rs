//! What the core finds, as data: why a ride is blocked (`Blocker`), what a traveller should
//! know or do (`Advice`); entry decisions are `visa::Entry` and documents to arrange are
//! `documents::Need`.
//! Nothing here writes English: `render` words these values for tables and JSON alike, so a
//! sentence exists once and a program can read the cause, the ids and the dates.
//!
//! Adding a finding: add a variant here (with the indices it concerns, never prose), then
//! its words in `render::words` and its JSON shape in `render::json`; the compiler lists every
//! match that must learn it.

use crate::calendar::Closed;
use crate::documents::Doc;
use crate::model::{CrossingIx, HowToGet, PermitIx, PlaceIx, ServiceIx};
use crate::types::{TimeRange, Weekdays};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// An entry decision at a land border (admit, arrange a document first, refuse): the
/// paperwork model's `visa::Entry`.
pub use crate::visa::Entry;
/// What the exit rules say about leaving a country over a crossing on the passports held.
pub use crate::visa::ExitBar;

/// What blocked a ride the planner tried. Each is reported with the dates it applied to.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// A post (or the whole crossing) is closed that day.
    PostClosed {
        crossing: CrossingIx,
        /// Index into the crossing's `sides`.
        side: usize,
        why: Closed,
        /// Where no source gives the time at the post and the service (this one) may
        /// reach it on more than one local day: the reason's day is one of them, not
        /// necessarily the first, and the traveller cannot choose which.
        may_reach: Option<ServiceIx>,
    },
    /// The vehicle would reach a post outside its hours, after its practical cut-off or in
    /// its lunch break; every time is in that post's clock.
    OutsideHours {
        crossing: CrossingIx,
        side: usize,
        service: ServiceIx,
        reach: NaiveTime,
        hours: Option<TimeRange>,
        cutoff: Option<NaiveTime>,
        lunch: Option<TimeRange>,
    },
    ServiceSuspended {
        service: ServiceIx,
        since: Option<NaiveDate>,
    },
    NoForeignPassengers {
        service: ServiceIx,
    },
    CitizensOnly {
        crossing: CrossingIx,
    },
    /// Foreigners may cross only in an agency transfer, not on this public service.
    AgencyOnly {
        crossing: CrossingIx,
        service: ServiceIx,
    },
    /// Entry refused on every passport held.
    EntryRefused(Box<Entry>),
    /// Every passport held is barred from leaving the country over the crossing by an exit
    /// rule (`ExitBar::free` is empty).
    ExitBarred(Box<ExitBar>),
    /// With `--held-only`: a visa the traveller would have to arrange and does not hold.
    VisaNotHeld {
        entry: Box<Entry>,
        crossing: CrossingIx,
    },
    /// With `--held-only`: a checked permit the traveller does not hold.
    PermitNotHeld {
        permit: PermitIx,
    },
    /// A document that cannot be held in time when applied for `today` (its lead time).
    TooLate {
        doc: Doc,
        get: Box<HowToGet>,
        today: NaiveDate,
    },
    /// Journeys leave on these days, but each waits for a connection that leaving after
    /// the window still catches (arriving as early, no dearer, no more changes, no
    /// tighter): none is offered, as none should be taken.
    LeaveLater,
}

impl Blocker {
    /// Whether it is a rule with no dates (a service that takes no foreigners, a crossing
    /// for citizens only or crossed by foreigners only in an agency car): it holds whatever
    /// day the traveller leaves, so another day does not lift it.
    pub fn any_day(&self) -> bool {
        matches!(
            self,
            Blocker::NoForeignPassengers { .. }
                | Blocker::CitizensOnly { .. }
                | Blocker::AgencyOnly { .. }
        )
    }
}

/// Where a fact sits: a service, a crossing or a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Service(ServiceIx),
    Crossing(CrossingIx),
    Place(PlaceIx),
}

/// What a traveller should know or do about an itinerary or the whole answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Advice {
    /// An entry decision at a border on this itinerary that needs nothing arranged (what
    /// to arrange is a `documents::Need`).
    Entry(Entry),
    /// A border on this itinerary that an exit rule bars some of the traveller's passports
    /// from leaving by: they leave on one of the others (`ExitBar::free`).
    ExitOn(ExitBar),
    /// A transfer arranged on demand: book it ahead.
    BookAhead { service: ServiceIx },
    /// Passing a border: the first post reached and when (None when no source says).
    Border {
        crossing: CrossingIx,
        first_side: usize,
        reach: Option<DateTime<Utc>>,
        /// The day the border is crossed: the local day the first post is passed, after any
        /// wait for it to open (checked for when no time is known); `reach` may be the day
        /// before.
        day: NaiveDate,
        /// With no time known there and more than one possible day: the last day the
        /// vehicle may reach the border (every day from `day` was checked).
        latest: Option<NaiveDate>,
    },
    /// The service leaves when full: no fixed time, and it may not run that day.
    WhenFull { service: ServiceIx },
    /// A scheduled service whose departure time (and perhaps days) no source gives.
    NoDepartureTime {
        service: ServiceIx,
        days: Option<Weekdays>,
    },
    /// A timetabled service whose departure time is given but not its running days: it is
    /// planned as if it ran every day.
    NoRunningDays { service: ServiceIx },
    /// No source from the last three years confirms the service is running (status
    /// uncertain); words show its newest source's date.
    /// `old`: its newest source is more than three years old (or undated).
    Unconfirmed { service: ServiceIx, old: bool },
    /// How recent the newest source of a service used is (status running).
    NewestSource { service: ServiceIx },
    /// The fare used is a minimum: the total is a lower bound.
    MinimumFare { service: ServiceIx, fare: usize },
    /// No fare known for this stretch.
    FareUnknown { service: ServiceIx },
    /// Priced per vehicle with the seats unknown: one vehicle assumed.
    SeatsUnknown { service: ServiceIx },
    /// A disputed fact that changes whether or when the journey works (index into the
    /// subject's `disputes`).
    Disputed { subject: Subject, dispute: usize },
    /// The record was last verified longer ago than a year.
    Stale {
        subject: Subject,
        verified: NaiveDate,
    },
    /// Times at the place are in its official zone, but many people keep another clock.
    ClockTrap { place: PlaceIx, at: DateTime<Utc> },
    /// No source says when the service reaches the border: only the day was checked.
    BorderTimeUnknown {
        crossing: CrossingIx,
        service: ServiceIx,
    },
    /// A post's opening hours are unknown.
    HoursUnknown { crossing: CrossingIx, side: usize },
    /// The crossing's status is uncertain.
    CrossingUncertain { crossing: CrossingIx },
    /// A dated closure announced near the day of the passage (index into `closures`).
    ClosureNear {
        crossing: CrossingIx,
        closure: usize,
    },
    // Notes about the whole answer.
    /// No passport given: visas not checked, border rules applied as for a foreigner.
    NoPassport,
    /// A service between these places exists but is suspended.
    Suspended {
        service: ServiceIx,
        since: Option<NaiveDate>,
    },
    /// Boarding `service` at `stop` would reach the destination, but no source gives its
    /// time there, so no ride starts there (one may still pass or end there).
    Untimed { service: ServiceIx, stop: Subject },
    /// The first departure date asked for is before today.
    PastDate { date: NaiveDate, today: NaiveDate },
    /// A crossing used closes for this country's public holidays, but the dataset does not
    /// know that year's holidays: a holiday closure then cannot be foreseen.
    HolidaysUnknown {
        country: crate::types::Country,
        year: i32,
    },
    /// A post passed within `warnings::UNANNOUNCED_NEAR_DAYS` of a public holiday that closes
    /// the crossing by its forecast (`Crossing::forecast`; every day off without one), in a
    /// year whose official holiday schedule (bridge days off, make-up working days, transfers
    /// of days off) that country has not announced yet (`Dataset::announced`): the holiday's days off are the statutory ones
    /// the list holds, and the days next to them may close the post too. One per country
    /// and holiday for the whole plan.
    ScheduleUnannounced {
        country: crate::types::Country,
        /// The year whose schedule is not announced (the holiday's first day's).
        year: i32,
        /// The holiday: the name most of its days carry in the list.
        holiday: crate::text::Text,
        /// Its first and last day: the run of consecutive listed days off, closing the posts
        /// passed, it is in.
        from: NaiveDate,
        to: NaiveDate,
        /// The local days posts are passed near it, in date order, each once.
        days: Vec<NaiveDate>,
    },
    /// The search stopped at its work budget (or its cap on equally good itineraries at a
    /// place): other itineraries may exist.
    SearchTruncated,
}
