//! The checked dataset the rest of the program trusts: every reference resolved to an index,
//! every value typed. Built only by `validate`.

use crate::types::{
    Country, Currency, Decimal, Dur, LocalTime, Money, Reported, Season, TimeRange, Weekdays, Zone,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

pub use crate::raw::{CrossingStatus, Enforce, Foreigners, Mode, Per, ScheduleKind, ServiceStatus};

pub type PlaceIx = usize;
pub type CrossingIx = usize;
pub type ServiceIx = usize;
pub type SourceIx = usize;
pub type PermitIx = usize;

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub reports: Reported,
}

/// Where a record's facts come from and when it was last checked against them.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub sources: Vec<SourceIx>,
    pub verified: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Country,
    pub zone: Zone,
    pub local_zone: Option<Zone>,
    pub coords: Option<[f64; 2]>,
    pub permits: Vec<PermitIx>,
    pub prov: Provenance,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Permit {
    pub id: String,
    pub name: String,
    pub how: Option<String>,
    pub enforce: Enforce,
    pub prov: Provenance,
}

#[derive(Debug, Clone)]
pub struct Side {
    pub country: Country,
    pub post: String,
    pub near: PlaceIx,
    pub zone: Zone,
    pub days: Option<Weekdays>,
    pub hours: Option<TimeRange>,
    pub breaks: Vec<TimeRange>,
    pub cutoff: Option<LocalTime>,
}

#[derive(Debug, Clone)]
pub struct Closure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub sources: Vec<SourceIx>,
}

#[derive(Debug, Clone)]
pub struct Alternative {
    pub says: String,
    pub sources: Vec<SourceIx>,
}

#[derive(Debug, Clone)]
pub struct Dispute {
    pub fact: String,
    pub summary: String,
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone)]
pub struct Crossing {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub altitude_m: Option<u32>,
    pub coords: Option<[f64; 2]>,
    pub status: CrossingStatus,
    pub status_since: Option<NaiveDate>,
    pub reopens: Option<NaiveDate>,
    pub foreigners: Foreigners,
    pub foreigners_public_transport: Option<bool>,
    pub on_foot: Option<bool>,
    pub bicycle: Option<bool>,
    pub visa_on_arrival: Vec<Country>,
    pub permits: Vec<PermitIx>,
    pub holidays_close: Vec<Country>,
    pub season: Option<Season>,
    pub sides: [Side; 2],
    pub closures: Vec<Closure>,
    pub disputes: Vec<Dispute>,
    pub prov: Provenance,
    pub notes: Option<String>,
}

impl Crossing {
    pub fn side_of(&self, country: Country) -> Option<&Side> {
        self.sides.iter().find(|s| s.country == country)
    }
    pub fn countries(&self) -> [Country; 2] {
        [self.sides[0].country, self.sides[1].country]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopAt {
    Place(PlaceIx),
    Crossing(CrossingIx),
}

#[derive(Debug, Clone)]
pub struct Stop {
    pub at: StopAt,
    pub offset: Option<Dur>,
    pub clear: Option<Dur>,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub kind: ScheduleKind,
    pub days: Option<Weekdays>,
    pub depart: Option<LocalTime>,
    pub window: Option<TimeRange>,
    pub zone: Zone,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
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

#[derive(Debug, Clone)]
pub struct Fare {
    pub price: Money,
    pub per: Per,
    pub seats: Option<u32>,
    /// Stop indexes the fare is for.
    pub from: usize,
    pub to: usize,
    pub sources: Vec<SourceIx>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Baggage {
    pub free_kg: Option<u32>,
    pub excess_per_kg: Option<Money>,
    pub per_piece: Option<Money>,
    pub sources: Vec<SourceIx>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub mode: Mode,
    pub operator: Option<String>,
    pub foreigners: Option<bool>,
    pub status: ServiceStatus,
    pub status_since: Option<NaiveDate>,
    pub stops: Vec<Stop>,
    pub schedule: Schedule,
    pub fares: Vec<Fare>,
    pub baggage: Option<Baggage>,
    pub disputes: Vec<Dispute>,
    pub prov: Provenance,
    pub notes: Option<String>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone)]
pub struct VisaRule {
    pub destination: Country,
    /// `None` means every passport.
    pub passports: Option<Vec<Country>>,
    pub except: Vec<Country>,
    pub requirement: Requirement,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub note: Option<String>,
    pub prov: Provenance,
}

#[derive(Debug, Clone, Default)]
pub struct Visas {
    /// (destination, passport) → requirement, from the Passport Index.
    pub index: HashMap<(Country, Country), Requirement>,
    pub rules: Vec<VisaRule>,
    pub index_source: Option<SourceIx>,
}

#[derive(Debug, Clone)]
pub struct Rate {
    pub currency: Currency,
    pub per_base: Decimal,
    pub date: NaiveDate,
    pub prov: Provenance,
}

#[derive(Debug, Clone)]
pub struct Rates {
    pub base: Option<Currency>,
    pub rates: HashMap<Currency, Rate>,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub places: Vec<Place>,
    pub permits: Vec<Permit>,
    pub crossings: Vec<Crossing>,
    pub services: Vec<Service>,
    pub visas: Visas,
    /// country → date → holiday names.
    pub holidays: HashMap<Country, BTreeMap<NaiveDate, Vec<String>>>,
    pub rates: Rates,
}

impl Dataset {
    pub fn holiday(&self, country: Country, date: NaiveDate) -> Option<&str> {
        self.holidays
            .get(&country)?
            .get(&date)?
            .first()
            .map(String::as_str)
    }
    pub fn holiday_years(&self, country: Country) -> Option<(NaiveDate, NaiveDate)> {
        let h = self.holidays.get(&country)?;
        Some((*h.keys().next()?, *h.keys().next_back()?))
    }
}
