//! One answer value per command, as data: what `commands` worked out for a `query::Query`.
//! The render layer is the only one that turns these into English, tables, JSON or
//! pictures; the edge turns an answer's `Exit` into the process's exit code.

use crate::documents::Need;
use crate::export::month::Day;
use crate::findings::{Advice, Blocker};
use crate::model::{CrossingIx, PermitIx, PlaceIx, ServiceIx, SourceAge};
use crate::money;
use crate::planner::{Itinerary, Plan, Request};
use crate::query::HoursWhen;
use crate::types::{Country, Currency, Money, Reported};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// How a run ends: the process's exit code is chosen from this at the edge, nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The question was answered (0).
    Answered,
    /// A valid question with no answer (1): the reasons are shown.
    NoAnswer,
    /// Bad input or bad data (2): the message names the thing and the fix.
    BadInput,
}

/// What a command found.
pub enum Answer {
    Plan(Box<PlanAnswer>),
    PlanMonth(PlanMonthAnswer),
    Hours(HoursAnswer),
    Services(Vec<ServiceIx>),
    Baggage(BaggageAnswer),
    Places {
        places: Vec<PlaceIx>,
        crossings: Vec<CrossingIx>,
    },
    Check(Box<CheckAnswer>),
    Map(MapAnswer),
    /// A valid question that nothing in the dataset answers.
    Nothing(Nothing),
}

impl Answer {
    pub fn exit(&self) -> Exit {
        match self {
            Answer::Plan(p) if p.itineraries.is_empty() => Exit::NoAnswer,
            Answer::PlanMonth(m) if m.days.iter().all(|d| d.best.is_none()) => Exit::NoAnswer,
            Answer::Nothing(_) => Exit::NoAnswer,
            _ => Exit::Answered,
        }
    }
}

/// Why a valid question has no answer (words in `render::words`).
#[derive(Debug, Clone)]
pub enum Nothing {
    /// `hours --country`: no crossing on this country's borders.
    NoCrossingOn(Country),
    /// `map --country`: no crossing on any of these countries' borders.
    NoCrossingOnAny(Vec<Country>),
    /// `services` with filters that no service matches.
    NoServiceMatches,
    /// `baggage --from --to`: no service runs from one to the other.
    NoServiceBetween { from: PlaceIx, to: PlaceIx },
    /// `places QUERY`: no id, name or alias contains it.
    NoPlaceMatches(String),
}

/// One itinerary with what the command worked out about it.
pub struct ItineraryAnswer {
    pub it: Itinerary,
    pub total: money::Total,
    pub nights: i64,
    pub stopover_nights: i64,
    /// False when a stopover follows an overnight ride (sleeper bus, train) whose arrival
    /// time is not known: its nights are counted from the earliest that arrival could be,
    /// so `stopover_nights` is at most that many (the rest may be spent on board).
    pub stopover_nights_known: bool,
    pub advice: Vec<Advice>,
    pub needs: Vec<Need>,
    /// The same route on other days, later in the answer's order: named with this
    /// itinerary in the text rather than shown again, listed in JSON.
    pub also: Vec<Itinerary>,
}

/// The answer to `plan`: the request, the itineraries, and when there are none, why.
pub struct PlanAnswer {
    pub req: Request,
    pub itineraries: Vec<ItineraryAnswer>,
    /// Blocking causes, the one met most often first, each with the dates it applied to.
    pub reasons: Vec<(Blocker, BTreeSet<NaiveDate>)>,
    /// Notes about the whole answer (past date, no passport, services not used, disputes
    /// behind the reasons).
    pub notes: Vec<Advice>,
    pub earliest: Option<NaiveDate>,
    /// Routes found beyond `--max`, not shown.
    pub more: usize,
    /// Every itinerary found (each route on each of its days).
    pub found: usize,
    /// The search itself (what would change the answer, whether the places connect).
    pub plan: Plan,
    /// With no itinerary: every route between the places takes more rides than a journey
    /// may have (`planner::MAX_LEGS`), so none was searched.
    pub too_many_rides: Option<TooManyRides>,
}

/// Every route from the origin to the destination (through `--via`, if given) takes more
/// rides than a plan's journey may have, dates ignored: none of them is ever searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyRides {
    /// The fewest rides a route takes, dates ignored.
    pub fewest: u32,
    /// The most a journey may have (`planner::MAX_LEGS`).
    pub most: u32,
    /// A place on such a route where the journey splits into two parts, each within the
    /// limit and each as short as can be (the `--via` place where it does); none where no
    /// place does.
    pub split: Option<PlaceIx>,
}

/// `plan --month`: each departure day of the month.
pub struct PlanMonthAnswer {
    pub req: Request,
    pub first: NaiveDate,
    pub days: Vec<Day>,
}

/// `hours`: the crossings chosen and the day or month asked about (their state on it is
/// the calendar's, read as the answer is shown).
pub struct HoursAnswer {
    pub chosen: Vec<CrossingIx>,
    pub when: HoursWhen,
}

/// `baggage`: a row per service.
pub struct BaggageAnswer {
    pub kg_tenths: u32,
    pub currency: Currency,
    pub rows: Vec<BaggageRow>,
}

/// What a weight costs on one service. An unpublished rate stays unknown.
pub struct BaggageRow {
    pub service: ServiceIx,
    pub free_kg: Option<u32>,
    pub excess_tenths: Option<u32>,
    pub rate: Option<Money>,
    pub fee: Option<Money>,
    pub fee_converted: Option<Money>,
    pub per_piece: Option<Money>,
    /// The charge per bag in the currency asked for.
    pub per_piece_converted: Option<Money>,
    /// The date of the rate a fee or charge per bag was converted at into the currency
    /// asked for (the older, where both were); `None` where nothing was converted.
    pub rate_date: Option<chrono::NaiveDate>,
    pub case: BaggageCase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaggageCase {
    /// No baggage rule is known for the service.
    NoRule,
    /// Within the free allowance: no excess fee.
    WithinAllowance,
    /// Over the allowance, at a rate no source publishes.
    RateUnknown,
    /// Over the allowance, at a known rate.
    Charged,
    /// No weight allowance is known.
    AllowanceUnknown,
}

/// A record of the dataset, as `check` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Record {
    Place(PlaceIx),
    Permit(PermitIx),
    Crossing(CrossingIx),
    Service(ServiceIx),
}

/// `check`: what the dataset holds, how recently it was verified and what is disputed.
pub struct CheckAnswer {
    pub today: NaiveDate,
    pub counts: Counts,
    /// Every place, permit, crossing and service.
    pub records: usize,
    /// The records a confirming source was checked for on a stated day, oldest first.
    pub verified: Vec<(NaiveDate, Record)>,
    /// Verified records not checked in the last 12 months.
    pub stale: usize,
    /// Records by the age of their newest source.
    pub ages: Vec<(SourceAge, usize)>,
    /// Records whose newest source is older than three years (or undated).
    pub old: Vec<(Record, Option<Reported>)>,
    /// Services marked running without a source from the last three years.
    pub running_old: Vec<ServiceIx>,
    /// Places and crossings without coordinates.
    pub unplaced: Vec<Record>,
    /// Every disputed fact: the record and the index into its `disputes`.
    pub disputes: Vec<(Record, usize)>,
}

/// How many records of each kind the dataset holds.
pub struct Counts {
    pub sources: usize,
    pub places: usize,
    pub permits: usize,
    pub crossings: usize,
    pub services: usize,
    pub visa_destinations: usize,
    pub visa_overrides: usize,
    /// Rules barring passports from leaving a country over some of its crossings.
    pub exit_rules: usize,
    pub holiday_dates: usize,
    pub currency_rates: usize,
}

/// `map`: the crossings drawn, on a day, and the countries asked for.
pub struct MapAnswer {
    pub crossings: Vec<CrossingIx>,
    pub date: NaiveDate,
    pub countries: Vec<Country>,
}
