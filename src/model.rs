//! The checked dataset the rest of the program trusts: every reference resolved to an index,
//! every value typed. Built only by `validate`.

use crate::text::Text;
use crate::types::{
    Country, Currency, Decimal, Dur, LocalTime, Money, Reported, Season, TimeRange, Weekdays, Zone,
};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::raw::{
    CrossingStatus, Direction, Enforce, ForecastCloses, Foreigners, Mode, Obtain, Per,
    ScheduleKind, ServiceStatus,
};

pub type PlaceIx = usize;
pub type CrossingIx = usize;
pub type ServiceIx = usize;
pub type SourceIx = usize;
pub type PermitIx = usize;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    pub url: Option<Text>,
    pub reports: Reported,
    /// Consulted only to locate or name records (a gazetteer): it does not date their facts.
    pub reference: bool,
}

/// Where a record's facts come from and when someone last checked a source confirming them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Provenance {
    pub sources: Vec<SourceIx>,
    /// None when nobody has checked a confirming source on a known day.
    #[serde(with = "days::maybe")]
    pub verified: Option<NaiveDate>,
    /// The newest date the record's sources report, reference sources (gazetteers) left out;
    /// None when no dated source remains. Worked out once by `validate` (the sources
    /// themselves are not loaded for planning).
    pub newest: Option<Reported>,
}

/// How old a record's newest source is, by the latest day that source can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceAge {
    UnderOneYear,
    OneToThreeYears,
    ThreeToFiveYears,
    FiveToTenYears,
    OverTenYears,
    Undated,
}

impl SourceAge {
    /// Older than the three years after which a service is no longer taken as running.
    pub fn is_old(self) -> bool {
        self >= SourceAge::ThreeToFiveYears
    }
}

/// The newest of the dates these sources report, reference sources (gazetteers) left out;
/// None when no dated source remains.
pub fn newest_report(sources: &[Source], cited: &[SourceIx]) -> Option<Reported> {
    cited
        .iter()
        .filter_map(|&i| sources.get(i))
        .filter(|s| !s.reference)
        .map(|s| &s.reports)
        .filter(|r| r.latest_day().is_some())
        .max_by_key(|r| r.latest_day())
        .cloned()
}

impl Provenance {
    /// The age class of the newest source on `today`.
    pub fn age(&self, today: NaiveDate) -> SourceAge {
        let Some(day) = self.newest.as_ref().and_then(|r| r.latest_day()) else {
            return SourceAge::Undated;
        };
        let years = |n: i32| {
            today
                .with_year(today.year() - n)
                .unwrap_or_else(|| today - chrono::Duration::days(365 * i64::from(n)))
        };
        if day > years(1) {
            SourceAge::UnderOneYear
        } else if day > years(3) {
            SourceAge::OneToThreeYears
        } else if day > years(5) {
            SourceAge::ThreeToFiveYears
        } else if day > years(10) {
            SourceAge::FiveToTenYears
        } else {
            SourceAge::OverTenYears
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    pub aliases: Vec<Text>,
    pub country: Country,
    pub zone: Zone,
    pub local_zone: Option<Zone>,
    pub coords: Option<[f64; 2]>,
    pub permits: Vec<PermitIx>,
    pub prov: Provenance,
    pub notes: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Permit {
    pub id: Text,
    pub name: Text,
    pub how: Option<Text>,
    pub enforce: Enforce,
    pub waived_by_visa: Vec<Country>,
    pub waived_by_passport: Vec<Country>,
    /// Needed only on a ride that reaches its place or crossing from an earlier stop in
    /// this country (`only_coming_from` in the data); `None`: on every ride there.
    pub only_coming_from: Option<Country>,
    /// How to get it, where the sources say.
    pub get: HowToGet,
    pub prov: Provenance,
}

/// Time needed between applying for a document and holding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lead {
    Days(u32),
    /// Monday to Friday only.
    WorkingDays(u32),
}

/// What the sources say about obtaining a document; every part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HowToGet {
    pub obtain: Option<Obtain>,
    pub apply_at: Option<String>,
    pub cost: Option<Money>,
    pub lead: Option<Lead>,
    pub note: Option<String>,
}

/// How a kind of visa for a destination is obtained (for every passport that needs it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Application {
    pub destination: Country,
    pub requirement: Requirement,
    pub get: HowToGet,
    pub prov: Provenance,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Side {
    pub country: Country,
    pub post: Text,
    pub near: PlaceIx,
    pub zone: Zone,
    pub days: Option<Weekdays>,
    pub hours: Option<TimeRange>,
    pub breaks: Vec<TimeRange>,
    pub cutoff: Option<LocalTime>,
    /// The travellers the cut-off applies to (`None`: both directions).
    pub cutoff_for: Option<Direction>,
    /// Time to clear this post, where a source gives it.
    pub clear: Option<Dur>,
    /// Vehicles arriving after closing wait overnight for the next opening.
    pub queue: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Closure {
    #[serde(with = "days::one")]
    pub from: NaiveDate,
    #[serde(with = "days::one")]
    pub to: NaiveDate,
    /// When the closure starts on `from` (midnight when `None`), in `zone`.
    pub starts: Option<LocalTime>,
    /// When the post reopens on `to` (closed all day when `None`), in `zone`.
    pub ends: Option<LocalTime>,
    /// The notice's clock; set whenever `starts` or `ends` is.
    pub zone: Option<Zone>,
    pub reason: Text,
    pub sources: Vec<SourceIx>,
}

impl Closure {
    /// A notice with hours: the instants it runs from (inclusive) and to (exclusive). `None`
    /// for a notice of whole days, which each post judges by its own calendar date.
    pub fn span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let zone = self.zone?.0;
        if self.starts.is_none() && self.ends.is_none() {
            return None;
        }
        let at = |d: NaiveDate, t: chrono::NaiveTime| {
            zone.from_local_datetime(&d.and_time(t))
                .earliest()
                .map(|x| x.with_timezone(&Utc))
        };
        let start = at(
            self.from,
            self.starts.map_or(chrono::NaiveTime::MIN, |t| t.0),
        )?;
        let end = match self.ends {
            Some(t) => at(self.to, t.0)?,
            None => at(self.to.succ_opt()?, chrono::NaiveTime::MIN)?,
        };
        Some((start, end))
    }
}

/// How a country's public holidays close a crossing where no notice speaks yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Forecast {
    pub country: Country,
    pub closes: ForecastCloses,
    /// With `ForecastCloses::Listed`: the holiday names that close it.
    pub holidays: Vec<Text>,
    /// A post closed on some weekdays opens on the country's make-up working days.
    pub opens_on_makeup_days: bool,
    pub sources: Vec<SourceIx>,
    pub note: Option<Text>,
}

impl Forecast {
    /// Does this public-holiday day close the crossing under the pattern?
    pub fn closes_on(&self, h: &Holiday) -> bool {
        match self.closes {
            ForecastCloses::EveryDayOff => true,
            ForecastCloses::HolidaysOnly => h.makeup.is_none(),
            ForecastCloses::Listed => h
                .names
                .iter()
                .flat_map(|n| n.split("; "))
                .any(|n| self.holidays.iter().any(|l| l.as_str() == n)),
            ForecastCloses::Never => false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alternative {
    pub says: Text,
    pub sources: Vec<SourceIx>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dispute {
    pub fact: Text,
    /// For a fact a crossing records per direction (`DIRECTED_FACTS`): the country whose
    /// post is passed first in the one direction the versions are about, as `between` is
    /// keyed; None: the dispute is about every direction.
    pub from: Option<Country>,
    pub summary: Text,
    pub alternatives: Vec<Alternative>,
}

impl Dispute {
    /// The facts a crossing records per direction, which a dispute may tie to one
    /// direction: the drive between the posts.
    pub const DIRECTED_FACTS: &'static [&'static str] = &["between"];

    /// Whether the dispute is about a passage that passes `first`'s post first.
    pub fn applies_from(&self, first: Country) -> bool {
        self.from.is_none_or(|c| c == first)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Crossing {
    pub id: Text,
    pub name: Text,
    pub aliases: Vec<Text>,
    pub altitude_m: Option<u32>,
    pub coords: Option<[f64; 2]>,
    pub status: CrossingStatus,
    #[serde(with = "days::maybe")]
    pub status_since: Option<NaiveDate>,
    #[serde(with = "days::maybe")]
    pub reopens: Option<NaiveDate>,
    pub foreigners: Foreigners,
    pub foreigners_public_transport: Option<bool>,
    pub on_foot: Option<bool>,
    pub bicycle: Option<bool>,
    pub visa_on_arrival: Vec<Country>,
    pub permits: Vec<PermitIx>,
    pub holidays_close: Vec<Country>,
    pub season: Option<Season>,
    /// Driving time between the two posts, per direction, where a source gives it:
    /// `between[i]` is from side `i`'s post to the other's (a time reported one way is
    /// not used the other way).
    pub between: [Option<Dur>; 2],
    pub sides: [Side; 2],
    pub closures: Vec<Closure>,
    /// Per country, which public-holiday days close it (a forecast), from past notices;
    /// a country in `holidays_close` without one closes it on every day off.
    pub forecasts: Vec<Forecast>,
    pub disputes: Vec<Dispute>,
    pub prov: Provenance,
    pub notes: Option<Text>,
}

impl Permit {
    /// Whether a traveller with these passports and visas needs no such permit.
    pub fn waived(&self, passports: &[Country], visas: &[Country]) -> bool {
        passports
            .iter()
            .any(|p| self.waived_by_passport.contains(p))
            || visas.iter().any(|v| self.waived_by_visa.contains(v))
    }

    /// Whether a ride on `s` boarding at stop `board` needs this permit, which stop `k`
    /// (`board <= k`) names: always, unless the permit is needed only coming from a
    /// country, and then only where the last place the ride stops at before `k` is in it
    /// (boarding at `k`, or arriving over a border from elsewhere, needs none).
    pub fn needed_on(&self, ds: &Dataset, s: &Service, board: usize, k: usize) -> bool {
        let Some(from) = self.only_coming_from else {
            return true;
        };
        let last = s.stops[board..k].iter().rev().find_map(|st| match st.at {
            StopAt::Place(p) => Some(ds.places[p].country),
            StopAt::Crossing(_) => None,
        });
        last == Some(from)
    }
}

/// How many days either side of an announced closure the notice answers for the holiday
/// block around it: public-holiday closures (forecasts) are not applied there.
pub const NOTICE_REACH_DAYS: i64 = 7;

impl Crossing {
    /// Is the crossing's status uncertain on this day: recorded uncertain, from its
    /// `status_since` when it has one? The planner still plans through it, with a warning.
    pub fn uncertain_on(&self, day: NaiveDate) -> bool {
        self.status == CrossingStatus::Uncertain && self.status_since.is_none_or(|s| s <= day)
    }
    /// Does an announced closure (a notice) speak for this date's holiday block? Then the
    /// public-holiday calendar, a forecast, gives way to what was announced.
    pub fn notice_covers(&self, date: NaiveDate) -> bool {
        // In day numbers: chrono's date arithmetic costs a hundred instructions a call, and
        // the planner asks this for every closure on every day it checks a post.
        let day = i64::from(date.num_days_from_ce());
        let n = |d: NaiveDate| i64::from(d.num_days_from_ce());
        self.closures
            .iter()
            .any(|cl| n(cl.from) - NOTICE_REACH_DAYS <= day && day <= n(cl.to) + NOTICE_REACH_DAYS)
    }

    /// The forecast pattern recorded for a country's holidays, if any.
    pub fn forecast(&self, country: Country) -> Option<&Forecast> {
        self.forecasts.iter().find(|f| f.country == country)
    }

    pub fn side_of(&self, country: Country) -> Option<&Side> {
        self.sides.iter().find(|s| s.country == country)
    }
    pub fn countries(&self) -> [Country; 2] {
        [self.sides[0].country, self.sides[1].country]
    }

    /// The disputes (with their indices) about a passage that passes side `first_side`'s
    /// post first: every undirected one and those tied to that direction.
    pub fn disputes_from(&self, first_side: usize) -> impl Iterator<Item = (usize, &Dispute)> {
        let first = self.sides[first_side].country;
        self.disputes
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.applies_from(first))
    }

    /// The side whose post a directed dispute's passage passes first; None when undirected.
    pub fn dispute_side(&self, d: &Dispute) -> Option<usize> {
        d.from
            .and_then(|c| self.sides.iter().position(|s| s.country == c))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopAt {
    Place(PlaceIx),
    Crossing(CrossingIx),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stop {
    pub at: StopAt,
    /// When the vehicle reaches the stop, after leaving the first one (`None`: no source
    /// gives it). At the first stop it is 0, the departure.
    pub offset: Option<Dur>,
    pub clear: Option<Dur>,
    /// When it leaves an intermediate place stop, where a source gives that (a train's
    /// dwell); `None` there means the departure is not known: no later than the next
    /// stop, no earlier than `offset`.
    pub depart: Option<Dur>,
    /// At a stop whose time no source gives (`offset` is `None`): the nights the vehicle
    /// has spent on the way when it gets there, where a source says so ("sleeps in
    /// Tashkurgan and crosses Khunjerab the next day"). The stop is then reached on the
    /// local date that many days after the vehicle's first stop, at a time not known.
    /// 0 (the default) says nothing: the same day, as far as is known.
    pub nights: u8,
}

impl Stop {
    /// When a traveller boarding here must be aboard, counted from the first stop: the
    /// departure where a source gives it, else the arrival (the earliest the vehicle can
    /// leave).
    pub fn board(&self) -> Option<Dur> {
        self.depart.or(self.offset)
    }
}

/// The nights a vehicle has spent on the way when it reaches stop `k` (the most any stop up
/// to it says: see `Stop::nights`).
pub fn nights_at(stops: &[Stop], k: usize) -> u8 {
    stops[..=k].iter().map(|st| st.nights).max().unwrap_or(0)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schedule {
    pub kind: ScheduleKind,
    pub days: Option<Weekdays>,
    pub depart: Option<LocalTime>,
    /// The source gives `depart` only roughly ("around midnight"): the planner uses it as
    /// given, and every time of a ride on the service is shown as "about".
    #[serde(default)]
    pub approx: bool,
    pub window: Option<TimeRange>,
    /// How long ahead it must be booked, where a source says.
    pub book_ahead: Option<Dur>,
    pub zone: Zone,
    #[serde(with = "days::maybe")]
    pub first: Option<NaiveDate>,
    #[serde(with = "days::maybe")]
    pub last: Option<NaiveDate>,
    #[serde(with = "days::many")]
    pub except: Vec<NaiveDate>,
}

impl Schedule {
    /// Whether the service is meant to run on this local date (weekday, first/last, exceptions).
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.days.is_none_or(|d| d.contains(date.weekday()))
            && self.first.is_none_or(|f| date >= f)
            && self.last.is_none_or(|l| date <= l)
            && !self.except.contains(&date)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fare {
    pub price: Money,
    pub per: Per,
    pub seats: Option<u32>,
    /// Stop indexes the fare is for.
    pub from: usize,
    pub to: usize,
    /// The real price is higher (part of the stretch only, or an "upward of" figure).
    pub at_least: bool,
    pub sources: Vec<SourceIx>,
    pub note: Option<Text>,
}

impl Fare {
    /// The fare prices a ride from stop `board` to stop `alight`: its stretch is the ride's,
    /// or lies inside it (a quote for one side of a border, `to = "torugart"`); then the
    /// rest of the ride is not priced.
    pub fn fits(&self, board: usize, alight: usize) -> bool {
        board <= self.from && self.to <= alight
    }

    /// On a ride from `board` to `alight`, the fare is only a lower bound: the source says
    /// so (`at_least`), or the fare covers part of the ride only.
    pub fn minimum_for(&self, board: usize, alight: usize) -> bool {
        self.at_least || self.from != board || self.to != alight
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baggage {
    pub free_kg: Option<u32>,
    pub excess_per_kg: Option<Money>,
    pub per_piece: Option<Money>,
    pub sources: Vec<SourceIx>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub id: Text,
    pub name: Text,
    pub mode: Mode,
    pub operator: Option<Text>,
    pub foreigners: Option<bool>,
    pub status: ServiceStatus,
    #[serde(with = "days::maybe")]
    pub status_since: Option<NaiveDate>,
    pub stops: Vec<Stop>,
    pub schedule: Schedule,
    pub fares: Vec<Fare>,
    pub baggage: Option<Baggage>,
    pub disputes: Vec<Dispute>,
    pub prov: Provenance,
    pub notes: Option<Text>,
}

impl Service {
    pub fn crossings(&self) -> impl Iterator<Item = CrossingIx> + '_ {
        self.stops.iter().filter_map(|s| match s.at {
            StopAt::Crossing(c) => Some(c),
            StopAt::Place(_) => None,
        })
    }
    pub fn place_stop(&self, place: PlaceIx) -> Option<usize> {
        self.stops.iter().position(|s| s.at == StopAt::Place(place))
    }
}

/// A visa requirement in the Passport Index vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    OwnCountry,
    VisaFreeDays(u32),
    VisaFree,
    VisaOnArrival,
    EVisa,
    Eta,
    VisaRequired,
    NoAdmission,
}

impl std::str::FromStr for Requirement {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.trim() {
            "-1" => Requirement::OwnCountry,
            "visa free" => Requirement::VisaFree,
            "visa on arrival" => Requirement::VisaOnArrival,
            "e-visa" => Requirement::EVisa,
            "eta" => Requirement::Eta,
            "visa required" => Requirement::VisaRequired,
            "no admission" => Requirement::NoAdmission,
            n => match n.parse::<u32>() {
                Ok(days) if days > 0 => Requirement::VisaFreeDays(days),
                _ => {
                    return Err(format!(
                        "'{s}' is not a visa requirement; expected a number of days, \"visa free\", \"visa on arrival\", \"e-visa\", \"eta\", \"visa required\", \"no admission\" or \"-1\""
                    ))
                }
            },
        })
    }
}

impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Requirement::OwnCountry => f.write_str("own country"),
            Requirement::VisaFreeDays(d) => write!(f, "visa-free for {d} days"),
            Requirement::VisaFree => f.write_str("visa-free"),
            Requirement::VisaOnArrival => f.write_str("visa on arrival"),
            Requirement::EVisa => f.write_str("e-visa"),
            Requirement::Eta => f.write_str("ETA"),
            Requirement::VisaRequired => f.write_str("visa required"),
            Requirement::NoAdmission => f.write_str("no admission"),
        }
    }
}

/// A dated override of the Passport Index for a destination.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VisaRule {
    pub destination: Country,
    /// `None` means every passport.
    pub passports: Option<Vec<Country>>,
    pub except: Vec<Country>,
    pub requirement: Requirement,
    #[serde(with = "days::maybe")]
    pub from: Option<NaiveDate>,
    #[serde(with = "days::maybe")]
    pub until: Option<NaiveDate>,
    pub note: Option<Text>,
    pub prov: Provenance,
}

/// A rule on leaving a country: holders of some passports may not leave it over some of
/// the dataset's crossings (`visa::exit_bar` applies it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExitRule {
    /// The country being left.
    pub country: Country,
    /// `None` means every passport.
    pub passports: Option<Vec<Country>>,
    pub except: Vec<Country>,
    /// The crossings it bars, each on `country`'s border; `None`: every crossing of the
    /// dataset on its borders.
    pub crossings: Option<Vec<CrossingIx>>,
    /// Where the passport may leave instead, and why.
    pub note: Text,
    pub prov: Provenance,
}

impl ExitRule {
    /// Whether the rule bars `passport` from leaving over crossing `ci`.
    pub fn bars(&self, passport: Country, ci: CrossingIx) -> bool {
        self.passports
            .as_ref()
            .is_none_or(|l| l.contains(&passport))
            && !self.except.contains(&passport)
            && self.crossings.as_ref().is_none_or(|l| l.contains(&ci))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Visas {
    /// (destination, passport, requirement) from the Passport Index, sorted.
    #[serde(with = "packed_index")]
    pub index: Vec<(Country, Country, Requirement)>,
    pub rules: Vec<VisaRule>,
    pub index_source: Option<SourceIx>,
    /// How each kind of visa is obtained, where the sources say.
    pub applications: Vec<Application>,
    /// Rules on leaving a country, by passport and crossing.
    pub exits: Vec<ExitRule>,
}

impl Visas {
    /// The Passport Index requirement for a passport at a destination.
    pub fn indexed(&self, destination: Country, passport: Country) -> Option<Requirement> {
        let i = self
            .index
            .binary_search_by_key(&(destination, passport), |(d, p, _)| (*d, *p))
            .ok()?;
        Some(self.index[i].2)
    }
    /// Whether some override for this destination holds only between dates, so that entry
    /// there can depend on the day.
    pub fn has_dated_rules(&self, destination: Country) -> bool {
        self.rules
            .iter()
            .any(|r| r.destination == destination && (r.from.is_some() || r.until.is_some()))
    }
    /// How a visa of this kind for `destination` is obtained, where the data says.
    pub fn application(&self, destination: Country, q: Requirement) -> Option<&Application> {
        self.applications.iter().find(|a| {
            a.destination == destination
                && std::mem::discriminant(&a.requirement) == std::mem::discriminant(&q)
        })
    }
    /// Whether entry to `destination` can depend on the day: a dated rule, or a visa whose
    /// lead time decides whether it can be obtained by then.
    pub fn depends_on_date(&self, destination: Country) -> bool {
        self.has_dated_rules(destination)
            || self
                .applications
                .iter()
                .any(|a| a.destination == destination && a.get.lead.is_some())
    }
    /// Whether the index knows this country as a passport or a destination.
    pub fn knows(&self, c: Country) -> bool {
        self.index.iter().any(|(d, p, _)| *d == c || *p == c)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rate {
    pub currency: Currency,
    pub per_base: Decimal,
    #[serde(with = "days::one")]
    pub date: NaiveDate,
    pub prov: Provenance,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rates {
    pub base: Option<Currency>,
    pub rates: BTreeMap<Currency, Rate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub places: Vec<Place>,
    pub permits: Vec<Permit>,
    pub crossings: Vec<Crossing>,
    pub services: Vec<Service>,
    pub visas: Visas,
    /// country → its public holidays, sorted by date.
    pub holidays: BTreeMap<Country, HolidayList>,
    /// country → the last year whose official holiday schedule its list follows.
    pub announced: BTreeMap<Country, Announced>,
    pub rates: Rates,
}

/// The last year whose official holiday schedule (bridge days off, make-up working days,
/// transfers of days off) a country's holiday list follows; later years hold only the
/// statutory days, and the days around them may yet be declared off.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Announced {
    pub through: i32,
    pub prov: Provenance,
}

fn take_alternatives(disputes: &mut [Dispute]) -> Vec<Vec<Alternative>> {
    disputes
        .iter_mut()
        .map(|d| std::mem::take(&mut d.alternatives))
        .collect()
}

fn put_alternatives(disputes: &mut [Dispute], alternatives: Vec<Vec<Alternative>>) {
    for (d, a) in disputes.iter_mut().zip(alternatives) {
        d.alternatives = a;
    }
}

/// What planning never shows, embedded apart from the rest of the dataset.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Details {
    pub sources: Vec<Source>,
    pub place_notes: Vec<Option<Text>>,
    pub crossing_notes: Vec<Option<Text>>,
    pub service_notes: Vec<Option<Text>>,
    /// Per crossing, per dispute: every version with its sources.
    pub crossing_alternatives: Vec<Vec<Vec<Alternative>>>,
    pub service_alternatives: Vec<Vec<Vec<Alternative>>>,
}

/// The sources as embedded: first their ids, one text for all with each one's length
/// (baggage, services and the map print only ids), then the rest of each source.
#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct SourceIds<'a> {
    ids: Text,
    /// Per source the length of its id in bytes (2 bytes, little-endian).
    #[serde(with = "serde_bytes_slice")]
    lengths: std::borrow::Cow<'a, [u8]>,
}

#[derive(Serialize, Deserialize)]
struct SourceRest {
    title: Text,
    url: Option<Text>,
    reports: Reported,
    reference: bool,
}

impl Details {
    /// Two byte strings: the sources (their ids first, then the rest of each), then the
    /// rest of the details (notes and versions of disputed facts), so that a command that
    /// cites sources by id need not decode anything else.
    pub fn encode(&self) -> Result<(Vec<u8>, Vec<u8>), String> {
        let (mut ids, mut lengths) = (String::new(), Vec::new());
        for s in &self.sources {
            let len = u16::try_from(s.id.len()).map_err(|e| e.to_string())?;
            lengths.extend_from_slice(&len.to_le_bytes());
            ids.push_str(&s.id);
        }
        let head = SourceIds {
            ids: ids.into(),
            lengths: lengths.into(),
        };
        let tail: Vec<SourceRest> = self
            .sources
            .iter()
            .map(|s| SourceRest {
                title: s.title.clone(),
                url: s.url.clone(),
                reports: s.reports.clone(),
                reference: s.reference,
            })
            .collect();
        let mut sources = postcard::to_stdvec(&head).map_err(|e| e.to_string())?;
        sources.extend(postcard::to_stdvec(&tail).map_err(|e| e.to_string())?);
        let rest = Details {
            sources: Vec::new(),
            ..self.clone()
        };
        Ok((
            sources,
            postcard::to_stdvec(&rest).map_err(|e| e.to_string())?,
        ))
    }
    /// The sources, from the first of `encode`'s byte strings: with `all`, whole; without,
    /// only their ids (each title empty, no address, dated `Undated`, not a reference),
    /// which is all the commands below `Shows::Everything` print of them.
    pub fn sources_from(bytes: &[u8], all: bool) -> Result<Vec<Source>, String> {
        let (head, tail) =
            postcard::take_from_bytes::<SourceIds>(bytes).map_err(|e| e.to_string())?;
        let bad = || "packed source ids are malformed".to_string();
        let mut at = 0usize;
        let mut sources = Vec::with_capacity(head.lengths.len() / 2);
        for len in head.lengths.chunks(2) {
            let [a, b] = *len else { return Err(bad()) };
            let end = at + usize::from(u16::from_le_bytes([a, b]));
            sources.push(Source {
                id: head.ids.slice(at..end).ok_or_else(bad)?,
                title: Text::default(),
                url: None,
                reports: Reported::Undated,
                reference: false,
            });
            at = end;
        }
        if at != head.ids.len() {
            return Err(bad());
        }
        if all {
            let rest: Vec<SourceRest> = postcard::from_bytes(tail).map_err(|e| e.to_string())?;
            if rest.len() != sources.len() {
                return Err("the sources' ids and details do not match".into());
            }
            for (s, r) in sources.iter_mut().zip(rest) {
                s.title = r.title;
                s.url = r.url;
                s.reports = r.reports;
                s.reference = r.reference;
            }
        }
        Ok(sources)
    }
    /// The rest, from the second of `encode`'s byte strings (`sources` is left empty).
    pub fn decode(bytes: &[u8]) -> Result<Details, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

/// A public holiday: a date and the names the holidays library gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub names: Vec<Text>,
    /// A bridge day: the day off given for working on this (make-up) date.
    pub makeup: Option<NaiveDate>,
}

/// A country's public holidays, sorted by date, one entry a date. Planning asks of almost
/// every day only whether it is a holiday or a make-up day, so the dates are kept as day
/// numbers and the names apart, in one text: decoding the embedded list makes no date and
/// no name, and a `Holiday` with its names is made only for a day that is one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HolidayList {
    /// Per holiday, its day number (`NaiveDate::num_days_from_ce`), ascending.
    days: Vec<i32>,
    /// Per holiday, its make-up day's number (`NO_MAKEUP` for none).
    makeups: Vec<i32>,
    /// Per holiday, how many names it has.
    counts: Vec<u8>,
    /// Per holiday, the index in `ends` of its first name.
    first: Vec<u32>,
    /// Per name, where it ends in `names`.
    ends: Vec<u32>,
    names: Text,
}

/// Why holidays cannot make a `HolidayList` (`HolidayList::new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayListError {
    /// Not in date order, or two on one date.
    Order(NaiveDate),
    /// More names than a holiday can keep (`HolidayList::MAX_NAMES`).
    Names(NaiveDate, usize),
    /// The names are longer together than the list can index (4 GiB).
    Length,
}

impl HolidayListError {
    /// The date of the holiday refused, where one is to blame.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            HolidayListError::Order(d) | HolidayListError::Names(d, _) => Some(*d),
            HolidayListError::Length => None,
        }
    }
}

impl std::fmt::Display for HolidayListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HolidayListError::Order(d) => write!(
                f,
                "the holiday on {d} is out of date order or a second one that day: give each date once, in order"
            ),
            HolidayListError::Names(d, n) => write!(
                f,
                "{n} records name the holiday on {d}, more than {max} a day; keep at most {max} records for that date",
                max = HolidayList::MAX_NAMES
            ),
            HolidayListError::Length => write!(f, "the holidays' names are longer than 4 GiB together"),
        }
    }
}

const NO_MAKEUP: i32 = i32::MIN;

fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

impl HolidayList {
    pub fn len(&self) -> usize {
        self.days.len()
    }
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
    fn date(&self, i: usize) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(*self.days.get(i)?)
    }
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.date(0)
    }
    /// Whether the first holiday is in `date`'s year or before and the last in it or after
    /// (worked out on day numbers: the planner asks for every drive).
    pub fn spans_year_of(&self, date: NaiveDate) -> bool {
        let (Some(&first), Some(&last)) = (self.days.first(), self.days.last()) else {
            return false;
        };
        let jan1 = date.num_days_from_ce() - date.ordinal0() as i32;
        let days = if date.leap_year() { 366 } else { 365 };
        first < jan1 + days && last >= jan1
    }
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.date(self.days.len().checked_sub(1)?)
    }
    /// Every holiday's date, in order.
    pub fn dates(&self) -> impl DoubleEndedIterator<Item = NaiveDate> + '_ {
        self.days
            .iter()
            .filter_map(|d| NaiveDate::from_num_days_from_ce_opt(*d))
    }
    fn names_of(&self, i: usize) -> impl Iterator<Item = &str> + '_ {
        let first = self.first.get(i).map_or(0, |f| *f as usize);
        let count = self.counts.get(i).map_or(0, |c| usize::from(*c));
        (first..first + count).filter_map(move |k| {
            let start = match k.checked_sub(1) {
                Some(p) => *self.ends.get(p)? as usize,
                None => 0,
            };
            self.names.get(start..*self.ends.get(k)? as usize)
        })
    }
    fn holiday(&self, i: usize) -> Option<Holiday> {
        let makeup = match self.makeups.get(i) {
            Some(&NO_MAKEUP) | None => None,
            Some(m) => NaiveDate::from_num_days_from_ce_opt(*m),
        };
        Some(Holiday {
            date: self.date(i)?,
            names: self.names_of(i).map(Text::from).collect(),
            makeup,
        })
    }
    fn find(&self, date: NaiveDate) -> Option<usize> {
        self.days.binary_search(&day_number(date)).ok()
    }
    /// The holiday on `date`, if it is one.
    pub fn on(&self, date: NaiveDate) -> Option<Holiday> {
        self.holiday(self.find(date)?)
    }
    /// The first name of the holiday on `date`, if it is one.
    pub fn name_on(&self, date: NaiveDate) -> Option<&str> {
        self.names_of(self.find(date)?).next()
    }
    /// Whether `date` is the make-up working day of a holiday within 60 days of it.
    pub fn is_makeup_day(&self, date: NaiveDate) -> bool {
        let day = day_number(date);
        let a = self.days.partition_point(|d| *d < day.saturating_sub(60));
        let b = self.days.partition_point(|d| *d <= day.saturating_add(60));
        self.makeups.get(a..b).is_some_and(|m| m.contains(&day))
    }
    /// Every holiday, in date order.
    pub fn iter(&self) -> impl Iterator<Item = Holiday> + '_ {
        (0..self.len()).filter_map(|i| self.holiday(i))
    }
    /// Adds `h` in date order, unless a holiday is on its date already (then `Ok(false)`).
    pub fn insert(&mut self, h: Holiday) -> Result<bool, HolidayListError> {
        let day = day_number(h.date);
        let Err(i) = self.days.binary_search(&day) else {
            return Ok(false);
        };
        let mut all: Vec<Holiday> = self.iter().collect();
        all.insert(i, h);
        *self = HolidayList::new(all)?;
        Ok(true)
    }

    /// The most names one holiday keeps (its count is a byte in the embedded form).
    pub const MAX_NAMES: usize = u8::MAX as usize;

    /// The list of `holidays`, which must be in date order, one a date, each with at most
    /// `MAX_NAMES` names: anything else is refused, never cut.
    pub fn new(
        holidays: impl IntoIterator<Item = Holiday>,
    ) -> Result<HolidayList, HolidayListError> {
        let mut out = HolidayList::default();
        let mut names = String::new();
        for h in holidays {
            let day = day_number(h.date);
            if out.days.last().is_some_and(|d| *d >= day) {
                return Err(HolidayListError::Order(h.date));
            }
            let count = u8::try_from(h.names.len())
                .map_err(|_| HolidayListError::Names(h.date, h.names.len()))?;
            out.days.push(day);
            out.makeups.push(h.makeup.map_or(NO_MAKEUP, day_number));
            out.counts.push(count);
            out.first
                .push(u32::try_from(out.ends.len()).map_err(|_| HolidayListError::Length)?);
            for n in &h.names {
                names.push_str(n);
                out.ends
                    .push(u32::try_from(names.len()).map_err(|_| HolidayListError::Length)?);
            }
        }
        out.names = names.into();
        Ok(out)
    }
}

impl Dataset {
    /// The compact binary form the build embeds (see build.rs).
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        postcard::to_stdvec(self).map_err(|e| e.to_string())
    }
    pub fn decode(bytes: &[u8]) -> Result<Dataset, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
    /// Takes out what planning never shows (the sources, the records' notes, the versions of
    /// disputed facts), to be embedded apart and decoded only by the commands that show them
    /// (see build.rs and `run::load_dataset`).
    pub fn take_details(&mut self) -> Details {
        Details {
            sources: std::mem::take(&mut self.sources),
            place_notes: self.places.iter_mut().map(|p| p.notes.take()).collect(),
            crossing_notes: self.crossings.iter_mut().map(|c| c.notes.take()).collect(),
            service_notes: self.services.iter_mut().map(|s| s.notes.take()).collect(),
            crossing_alternatives: self
                .crossings
                .iter_mut()
                .map(|c| take_alternatives(&mut c.disputes))
                .collect(),
            service_alternatives: self
                .services
                .iter_mut()
                .map(|s| take_alternatives(&mut s.disputes))
                .collect(),
        }
    }
    /// Puts back what `take_details` took out.
    pub fn put_details(&mut self, d: Details) {
        self.sources = d.sources;
        for (p, n) in self.places.iter_mut().zip(d.place_notes) {
            p.notes = n;
        }
        for (c, n) in self.crossings.iter_mut().zip(d.crossing_notes) {
            c.notes = n;
        }
        for (s, n) in self.services.iter_mut().zip(d.service_notes) {
            s.notes = n;
        }
        for (c, alts) in self.crossings.iter_mut().zip(d.crossing_alternatives) {
            put_alternatives(&mut c.disputes, alts);
        }
        for (s, alts) in self.services.iter_mut().zip(d.service_alternatives) {
            put_alternatives(&mut s.disputes, alts);
        }
    }
    pub fn holiday(&self, country: Country, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&country)?.name_on(date)
    }

    /// Whether `country`'s official holiday schedule for `year` is known not to be in its
    /// list yet: a record says which year's schedule the list follows last, and `year` is
    /// after it. False without a record (no claim either way).
    pub fn schedule_unannounced(&self, country: Country, year: i32) -> bool {
        self.announced
            .get(&country)
            .is_some_and(|a| year > a.through)
    }

    /// The public holiday of `country` on `date`, if it is one.
    pub fn holiday_on(&self, country: Country, date: NaiveDate) -> Option<Holiday> {
        self.holidays.get(&country)?.on(date)
    }

    /// Whether `date` is a make-up working day in `country` (the day worked in exchange for a
    /// bridge day off). Holidays are sorted by date and a make-up day lies within a few weeks
    /// of its bridge day, so only holidays within 60 days are looked at.
    pub fn makeup_day(&self, country: Country, date: NaiveDate) -> bool {
        self.holidays
            .get(&country)
            .is_some_and(|l| l.is_makeup_day(date))
    }
}

/// Dates in the embedded binary form as day numbers: decoding them is a copy, not a parse.
mod days {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    fn from(n: i32) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(n)
    }

    pub mod one {
        use super::*;
        pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
            d.num_days_from_ce().serialize(s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            from(i32::deserialize(d)?).ok_or_else(|| D::Error::custom("day number out of range"))
        }
    }

    pub mod maybe {
        use super::*;
        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            d.map(|d| d.num_days_from_ce()).serialize(s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            Option::<i32>::deserialize(d)?
                .map(|n| from(n).ok_or_else(|| D::Error::custom("day number out of range")))
                .transpose()
        }
    }

    pub mod many {
        use super::*;
        pub fn serialize<S: Serializer>(d: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
            d.iter()
                .map(|d| d.num_days_from_ce())
                .collect::<Vec<_>>()
                .serialize(s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
            Vec::<i32>::deserialize(d)?
                .into_iter()
                .map(|n| from(n).ok_or_else(|| D::Error::custom("day number out of range")))
                .collect()
        }
    }
}

/// The Passport Index table in the embedded form: seven bytes an entry (destination,
/// passport, requirement, days), so thousands of entries decode as one byte string.
mod packed_index {
    use super::Requirement;
    use crate::types::Country;
    use serde::{de::Error, Deserializer, Serializer};

    fn code(r: Requirement) -> (u8, u16) {
        match r {
            Requirement::OwnCountry => (0, 0),
            Requirement::VisaFreeDays(d) => (1, u16::try_from(d).unwrap_or(u16::MAX)),
            Requirement::VisaFree => (2, 0),
            Requirement::VisaOnArrival => (3, 0),
            Requirement::EVisa => (4, 0),
            Requirement::Eta => (5, 0),
            Requirement::VisaRequired => (6, 0),
            Requirement::NoAdmission => (7, 0),
        }
    }

    pub fn serialize<S: Serializer>(
        index: &[(Country, Country, Requirement)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(index.len() * 7);
        for (d, p, r) in index {
            let (tag, days) = code(*r);
            bytes.extend_from_slice(d.as_str().as_bytes());
            bytes.extend_from_slice(p.as_str().as_bytes());
            bytes.push(tag);
            bytes.extend_from_slice(&days.to_be_bytes());
        }
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(Country, Country, Requirement)>, D::Error> {
        let bytes: Vec<u8> = serde_bytes_vec(d)?;
        // Checked first, in one loop that only looks (this table is the largest part of
        // the embedded dataset), then decoded in one without a check.
        let upper = |b: u8| b.is_ascii_uppercase();
        let sound = bytes.chunks_exact(7).all(|c| {
            upper(c[0]) & upper(c[1]) & upper(c[2]) & upper(c[3]) & (usize::from(c[4]) < TAGS.len())
        });
        if !sound {
            return Err(D::Error::custom(
                "packed visa index holds a bad country code or requirement",
            ));
        }
        Ok(bytes
            .chunks_exact(7)
            .map(|c| {
                let tag = usize::from(c[4]);
                let req = if tag == 1 {
                    Requirement::VisaFreeDays(u32::from(u16::from_be_bytes([c[5], c[6]])))
                } else {
                    TAGS[tag % TAGS.len()]
                };
                (
                    Country::upper_unchecked([c[0], c[1]]),
                    Country::upper_unchecked([c[2], c[3]]),
                    req,
                )
            })
            .collect())
    }

    /// The requirement of each tag `code` gives (the days of tag 1 apart).
    const TAGS: [Requirement; 8] = [
        Requirement::OwnCountry,
        Requirement::VisaFreeDays(0),
        Requirement::VisaFree,
        Requirement::VisaOnArrival,
        Requirement::EVisa,
        Requirement::Eta,
        Requirement::VisaRequired,
        Requirement::NoAdmission,
    ];

    fn serde_bytes_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                if v.len().is_multiple_of(7) {
                    Ok(v.to_vec())
                } else {
                    Err(E::custom(
                        "packed visa index is not a whole number of entries",
                    ))
                }
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A byte string borrowed from the input where the format allows it.
mod serde_bytes_slice {
    use serde::{de, Deserializer, Serializer};
    use std::borrow::Cow;

    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(b)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, [u8]>, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Cow<'de, [u8]>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A country's holidays in the embedded form: the dates as one byte string and all names
/// as one text, so five hundred holidays decode from a few strings, not a thousand.
mod packed_holidays {
    use super::serde_bytes_slice;
    use super::{HolidayList, NO_MAKEUP};
    use crate::text::Text;
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
    use std::borrow::Cow;

    /// Per holiday its day number (4 bytes, little-endian), how many names it has (1 byte)
    /// and its make-up day's number (4 bytes; `NO_MAKEUP` for none), each kind apart, so
    /// that each decodes in one loop without a branch an entry; per name its length in
    /// bytes (2 bytes); the names one after another.
    #[derive(Serialize, Deserialize)]
    #[serde(bound(deserialize = "'de: 'a"))]
    struct Packed<'a> {
        #[serde(with = "serde_bytes_slice")]
        days: Cow<'a, [u8]>,
        #[serde(with = "serde_bytes_slice")]
        counts: Cow<'a, [u8]>,
        #[serde(with = "serde_bytes_slice")]
        lengths: Cow<'a, [u8]>,
        names: Text,
        #[serde(with = "serde_bytes_slice")]
        makeups: Cow<'a, [u8]>,
    }

    impl Serialize for HolidayList {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut lengths = Vec::new();
            let mut start = 0u32;
            for (k, end) in self.ends.iter().enumerate() {
                let len = end
                    .checked_sub(start)
                    .and_then(|l| u16::try_from(l).ok())
                    .ok_or_else(|| {
                        serde::ser::Error::custom(format!("holiday name {k} is too long"))
                    })?;
                lengths.extend_from_slice(&len.to_le_bytes());
                start = *end;
            }
            let words = |w: &[i32]| -> Vec<u8> { w.iter().flat_map(|d| d.to_le_bytes()).collect() };
            Packed {
                days: words(&self.days).into(),
                counts: Cow::Borrowed(&self.counts),
                lengths: lengths.into(),
                names: self.names.clone(),
                makeups: words(&self.makeups).into(),
            }
            .serialize(s)
        }
    }

    /// Little-endian 4-byte words (a whole number of them: checked by the caller).
    fn words(b: &[u8]) -> Vec<i32> {
        b.chunks_exact(4)
            .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    impl<'de> Deserialize<'de> for HolidayList {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<HolidayList, D::Error> {
            let p = Packed::deserialize(d)?;
            let bad = || D::Error::custom("packed holidays are malformed");
            let n = p.counts.len();
            if p.days.len() != 4 * n || p.makeups.len() != 4 * n || p.lengths.len() % 2 != 0 {
                return Err(bad());
            }
            let (days, makeups) = (words(&p.days), words(&p.makeups));
            // Every day number one a date can have (as chrono's from_num_days_from_ce_opt
            // accepts), ascending: each after the one before, the first and last in range.
            let (lo, hi) = (
                NaiveDate::MIN.num_days_from_ce(),
                NaiveDate::MAX.num_days_from_ce(),
            );
            let date = |d: &i32| (lo..=hi).contains(d);
            if !days.windows(2).all(|w| w[0] < w[1])
                || !days.first().is_none_or(date)
                || !days.last().is_none_or(date)
                || !makeups.iter().all(|m| *m == NO_MAKEUP || date(m))
            {
                return Err(bad());
            }
            // Per holiday the index of its first name.
            let mut names = 0u32;
            let first = p
                .counts
                .iter()
                .map(|c| {
                    let f = names;
                    names = names.saturating_add(u32::from(*c));
                    f
                })
                .collect();
            // Per name where it ends, every one on a character boundary.
            let mut end = 0u32;
            let mut on_boundaries = true;
            let ends: Vec<u32> = p
                .lengths
                .chunks_exact(2)
                .map(|l| {
                    end = end.saturating_add(u32::from(u16::from_le_bytes([l[0], l[1]])));
                    on_boundaries &= p.names.is_char_boundary(end as usize);
                    end
                })
                .collect();
            if !on_boundaries || end as usize != p.names.len() || names as usize != ends.len() {
                return Err(bad());
            }
            Ok(HolidayList {
                days,
                makeups,
                counts: p.counts.into_owned(),
                first,
                ends,
                names: p.names,
            })
        }
    }
}

#[cfg(test)]
mod provenance_tests {
    use super::*;

    fn src(id: &str, reports: &str, reference: bool) -> Source {
        Source {
            id: id.into(),
            title: id.into(),
            url: None,
            reports: reports.parse().unwrap(),
            reference,
        }
    }

    #[test]
    fn the_newest_source_skips_gazetteers_and_undated_reports() {
        let sources = vec![
            src("old", "2019-05", false),
            src("undated", "undated", false),
            src("gazetteer", "2026-07", true),
            src("circa", "c. 2021", false),
        ];
        let prov = |cited: Vec<usize>| Provenance {
            newest: newest_report(&sources, &cited),
            sources: cited,
            verified: None,
        };
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let p = prov(vec![0, 1, 2, 3]);
        assert_eq!(
            p.newest.as_ref().map(|r| r.to_string()).as_deref(),
            Some("c. 2021")
        );
        // "c. 2021" counts as 31 Dec 2021: under five years before 30 Nov 2026.
        assert_eq!(p.age(day("2026-11-30")), SourceAge::ThreeToFiveYears);
        assert_eq!(prov(vec![1, 2]).age(day("2026-11-30")), SourceAge::Undated);
        // May 2019 counts as its last day, 31 May 2019.
        let may = prov(vec![0]);
        assert_eq!(may.age(day("2022-05-30")), SourceAge::OneToThreeYears);
        assert_eq!(may.age(day("2022-06-01")), SourceAge::ThreeToFiveYears);
    }
}

#[cfg(test)]
mod holiday_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn h(date: &str, names: &[&str], makeup: Option<&str>) -> Holiday {
        Holiday {
            date: d(date),
            names: names.iter().map(|n| Text::from(*n)).collect(),
            makeup: makeup.map(d),
        }
    }

    /// The years a list spans are its first and last holidays' years and those between,
    /// across leap years and year ends (the planner's holiday horizon).
    #[test]
    fn a_holiday_list_spans_the_years_of_its_first_and_last_days() {
        let empty = HolidayList::new([]).unwrap();
        assert!(!empty.spans_year_of(d("2026-06-01")));
        for (first, last) in [
            ("2024-12-31", "2026-01-01"),
            ("2024-01-01", "2024-12-31"),
            ("2023-03-01", "2023-03-01"),
        ] {
            let mut days = vec![h(first, &["A"], None)];
            if last != first {
                days.push(h(last, &["B"], None));
            }
            let list = HolidayList::new(days).unwrap();
            let (a, b) = (d(first).year(), d(last).year());
            let mut day = d("2021-12-25");
            while day < d("2028-01-08") {
                let want = a <= day.year() && b >= day.year();
                assert_eq!(list.spans_year_of(day), want, "{first}..{last} {day}");
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn a_holiday_list_answers_by_date_and_keeps_its_names() {
        let mut list = HolidayList::new([
            h("2026-10-01", &["National Day", "Mid-Autumn Festival"], None),
            h("2026-10-08", &["Day off"], Some("2026-10-10")),
        ])
        .unwrap();
        assert_eq!(list.insert(h("2026-09-30", &["Eve"], None)), Ok(true));
        assert_eq!(
            list.insert(h("2026-10-01", &["Twice"], None)),
            Ok(false),
            "one entry a date"
        );
        assert_eq!(list.len(), 3);
        assert_eq!(list.first_date(), Some(d("2026-09-30")));
        assert_eq!(list.last_date(), Some(d("2026-10-08")));
        assert_eq!(list.name_on(d("2026-10-01")), Some("National Day"));
        assert_eq!(
            list.on(d("2026-10-01")),
            Some(h(
                "2026-10-01",
                &["National Day", "Mid-Autumn Festival"],
                None
            ))
        );
        assert_eq!(list.on(d("2026-10-02")), None);
        assert!(list.is_makeup_day(d("2026-10-10")));
        assert!(!list.is_makeup_day(d("2026-10-08")));
        let dates: Vec<NaiveDate> = list.dates().collect();
        assert_eq!(dates, list.iter().map(|h| h.date).collect::<Vec<_>>());
        // The embedded form decodes to the same list, borrowed or copied.
        let bytes = postcard::to_stdvec(&list).unwrap();
        let back: HolidayList = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, list);
        let leaked: &'static [u8] = Vec::leak(bytes.clone());
        let borrowed: HolidayList =
            crate::text::borrowing_from(leaked, |b| postcard::from_bytes(b).unwrap());
        assert_eq!(borrowed, list);
    }

    #[test]
    fn a_malformed_holiday_list_is_refused() {
        let list = HolidayList::new([h("2026-10-01", &["A"], None), h("2026-10-08", &["B"], None)])
            .unwrap();
        let mut bytes = postcard::to_stdvec(&list).unwrap();
        // The two days' numbers (after the byte giving their length), swapped.
        assert_eq!(bytes[0], 8);
        let (first, second) = bytes[1..9].split_at_mut(4);
        first.swap_with_slice(second);
        assert!(
            postcard::from_bytes::<HolidayList>(&bytes).is_err(),
            "not in date order"
        );
        let mut cut =
            postcard::to_stdvec(&HolidayList::new([h("2026-10-01", &["Ab"], None)]).unwrap())
                .unwrap();
        let last = cut.len() - 1;
        cut[last] = 0x7f; // a make-up day past any date chrono can hold
        assert!(postcard::from_bytes::<HolidayList>(&cut).is_err());
    }

    #[test]
    fn a_holiday_list_refuses_what_it_cannot_keep_whole() {
        // Out of order, or twice on a date: refused, not kept unsorted.
        assert_eq!(
            HolidayList::new([h("2026-10-08", &["B"], None), h("2026-10-01", &["A"], None)]),
            Err(HolidayListError::Order(d("2026-10-01")))
        );
        assert_eq!(
            HolidayList::new([h("2026-10-01", &["A"], None), h("2026-10-01", &["B"], None)]),
            Err(HolidayListError::Order(d("2026-10-01")))
        );
        // As many names as a holiday keeps: every one of them, in order, also once encoded.
        let names: Vec<String> = (0..HolidayList::MAX_NAMES)
            .map(|k| format!("n{k}"))
            .collect();
        let many: Vec<&str> = names.iter().map(String::as_str).collect();
        let list = HolidayList::new([h("2026-10-01", &many, None)]).unwrap();
        let kept = list.on(d("2026-10-01")).unwrap().names;
        assert_eq!(kept.len(), HolidayList::MAX_NAMES);
        assert_eq!(kept.last().map(|n| n.as_str()), Some("n254"));
        let back: HolidayList = postcard::from_bytes(&postcard::to_stdvec(&list).unwrap()).unwrap();
        assert_eq!(back, list);
        // One more is refused with the day and the count, not cut to the first 255.
        let names: Vec<String> = (0..=HolidayList::MAX_NAMES)
            .map(|k| format!("n{k}"))
            .collect();
        let many: Vec<&str> = names.iter().map(String::as_str).collect();
        let err = HolidayList::new([h("2026-10-01", &many, None)]).unwrap_err();
        assert_eq!(err, HolidayListError::Names(d("2026-10-01"), 256));
        assert_eq!(
            err.to_string(),
            "256 records name the holiday on 2026-10-01, more than 255 a day; keep at most 255 records for that date"
        );
    }
}

/// Bare records for the library's unit tests: an empty dataset, a post open round the
/// clock, and an open crossing between two posts, with no sources. A test sets the fields
/// it is about with struct update syntax (`Crossing { season, ..bare::crossing(sides) }`).
#[cfg(test)]
pub(crate) mod bare {
    use super::*;

    pub fn dataset() -> Dataset {
        Dataset {
            sources: vec![],
            places: vec![],
            permits: vec![],
            crossings: vec![],
            services: vec![],
            visas: Visas::default(),
            holidays: BTreeMap::new(),
            announced: BTreeMap::new(),
            rates: Rates {
                base: None,
                rates: BTreeMap::new(),
            },
        }
    }

    pub fn side(country: &str, zone: &str) -> Side {
        Side {
            country: country.parse().unwrap(),
            post: "post".into(),
            near: 0,
            zone: zone.parse().unwrap(),
            days: None,
            hours: None,
            breaks: vec![],
            cutoff: None,
            cutoff_for: None,
            clear: None,
            queue: false,
        }
    }

    /// "X Pass", open to anyone, checked on `verified`.
    pub fn crossing(sides: [Side; 2], verified: NaiveDate) -> Crossing {
        Crossing {
            id: "x".into(),
            name: "X Pass".into(),
            aliases: vec![],
            altitude_m: None,
            coords: None,
            status: CrossingStatus::Open,
            status_since: None,
            reopens: None,
            foreigners: Foreigners::Anyone,
            foreigners_public_transport: None,
            on_foot: None,
            bicycle: None,
            visa_on_arrival: vec![],
            permits: vec![],
            holidays_close: vec![],
            season: None,
            between: [None, None],
            sides,
            closures: vec![],
            forecasts: vec![],
            disputes: vec![],
            prov: Provenance {
                sources: vec![],
                verified: Some(verified),
                newest: None,
            },
            notes: None,
        }
    }
}

#[cfg(test)]
mod visa_index_tests {
    use super::{Requirement, Visas};

    fn visas(index: Vec<(&str, &str, Requirement)>) -> Visas {
        Visas {
            index: index
                .into_iter()
                .map(|(d, p, q)| (d.parse().unwrap(), p.parse().unwrap(), q))
                .collect(),
            ..Visas::default()
        }
    }

    #[test]
    fn the_packed_visa_index_decodes_every_requirement_and_refuses_bad_entries() {
        let every = [
            Requirement::OwnCountry,
            Requirement::VisaFreeDays(90),
            Requirement::VisaFree,
            Requirement::VisaOnArrival,
            Requirement::EVisa,
            Requirement::Eta,
            Requirement::VisaRequired,
            Requirement::NoAdmission,
        ];
        let v = visas(every.iter().map(|q| ("KG", "GB", *q)).collect());
        let bytes = postcard::to_stdvec(&v).unwrap();
        let back: Visas = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.index, v.index);
        // The one entry's bytes follow the byte giving their length (7).
        let one = postcard::to_stdvec(&visas(vec![("KG", "GB", Requirement::EVisa)])).unwrap();
        assert_eq!(one[..6], [7, b'K', b'G', b'G', b'B', 4]);
        for (at, byte) in [(5, 8), (1, b'k'), (4, b'1')] {
            let mut bad = one.clone();
            bad[at] = byte;
            assert!(
                postcard::from_bytes::<Visas>(&bad).is_err(),
                "byte {at} = {byte}"
            );
        }
    }
}
