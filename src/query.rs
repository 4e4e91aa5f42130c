//! Typed questions: what each command is asked, with every name resolved to the dataset's
//! records and every number and date checked. The edge (`run`, from the flags of `cli`)
//! builds one of these once, before any command runs; the commands read nothing else, so
//! they know neither flags nor clap, and how the answer is shown (`View`) is kept apart.

use crate::model::{CrossingIx, PlaceIx, ServiceIx};
use crate::planner::Request;
use crate::types::{Country, Currency};
use chrono::NaiveDate;

/// One question to one command.
#[derive(Debug, Clone)]
pub enum Query {
    Plan(PlanQuery),
    PlanMonth(PlanMonthQuery),
    Hours(HoursQuery),
    Services(ServicesQuery),
    Baggage(BaggageQuery),
    Places(PlacesQuery),
    Check(CheckQuery),
    Map(MapQuery),
}

/// `plan FROM TO`: a planning request and how much of the answer to keep.
#[derive(Debug, Clone)]
pub struct PlanQuery {
    pub req: Request,
    pub currency: Currency,
    /// How many routes to keep (each with its other days).
    pub max: usize,
    /// Today: lead times, past dates and which years are shown.
    pub today: NaiveDate,
}

/// `plan FROM TO --month`: each departure day of a month.
#[derive(Debug, Clone)]
pub struct PlanMonthQuery {
    pub req: Request,
    /// The month's first day.
    pub first: NaiveDate,
}

/// `hours`: which crossings, and on which day or month.
#[derive(Debug, Clone)]
pub struct HoursQuery {
    pub chosen: Vec<CrossingIx>,
    pub when: HoursWhen,
    /// `Some` when the crossings were restricted to one country's borders.
    pub country: Option<Country>,
}

#[derive(Debug, Clone, Copy)]
pub enum HoursWhen {
    /// The state on a day: `asked` is the date given (none: today).
    Day {
        on: NaiveDate,
        asked: Option<NaiveDate>,
    },
    /// A month calendar of one crossing, from its first day.
    Month(NaiveDate),
}

/// `services`: those stopping at `from` (then at `to`) or crossing `via`.
#[derive(Debug, Clone)]
pub struct ServicesQuery {
    pub from: Option<PlaceIx>,
    pub to: Option<PlaceIx>,
    pub via: Option<CrossingIx>,
}

/// `baggage`: the kilos (in tenths) on one service or on every service of a route.
#[derive(Debug, Clone)]
pub struct BaggageQuery {
    pub on: BaggageOn,
    pub kg_tenths: u32,
    pub currency: Currency,
}

#[derive(Debug, Clone, Copy)]
pub enum BaggageOn {
    Service(ServiceIx),
    Route { from: PlaceIx, to: PlaceIx },
}

/// `places [QUERY]`.
#[derive(Debug, Clone)]
pub struct PlacesQuery {
    pub query: Option<String>,
}

/// `check`: the dataset as of today.
#[derive(Debug, Clone)]
pub struct CheckQuery {
    pub today: NaiveDate,
}

/// `map`: the crossings on these countries' borders (all when none) on a day.
#[derive(Debug, Clone)]
pub struct MapQuery {
    pub date: NaiveDate,
    pub countries: Vec<Country>,
}

/// How an answer is shown: the render layer's only input besides the answer.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub format: Format,
    /// Add each fact's sources and the full dispute texts (plan).
    pub explain: bool,
    /// The width to wrap text to; none into a pipe or a file.
    pub width: Option<usize>,
    pub color: bool,
    /// Today, for words (a date in another year shows its year).
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    GeoJson,
    /// An SVG picture (`map`).
    Svg,
}
