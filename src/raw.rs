//! The TOML layer: types that mirror the data files one to one, with string ids and no
//! references resolved. Unknown keys are rejected. Only `load` and `validate` see these.

use crate::types::{
    Country, Currency, Day, Decimal, Dur, LocalTime, Reported, Season, TimeRange, Weekdays, Zone,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// `[latitude, longitude]`: exactly two numbers (serde's arrays would take the first two
/// of three and drop the rest without a word).
fn coords<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<[f64; 2]>, D::Error> {
    let v: Vec<f64> = Deserialize::deserialize(d)?;
    match v.as_slice() {
        [lat, lon] => Ok(Some([*lat, *lon])),
        _ => Err(serde::de::Error::custom(format!(
            "`coords` has {} number(s); expected exactly two, [latitude, longitude]",
            v.len()
        ))),
    }
}

/// `between`: a table of drives keyed by the country whose post is passed first. A bare
/// duration (no direction) is refused with the fix.
fn between<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, Dur>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Between {
        PerSide(BTreeMap<String, String>),
        Bare(String),
        Other(serde::de::IgnoredAny),
    }
    match Between::deserialize(d)? {
        Between::PerSide(m) => m
            .into_iter()
            .map(|(k, v)| match v.parse::<Dur>() {
                Ok(dur) => Ok((k, dur)),
                Err(e) => Err(serde::de::Error::custom(format!("`between` for {k}: {e}"))),
            })
            .collect::<Result<_, _>>()
            .map(Some),
        Between::Bare(s) => Err(serde::de::Error::custom(format!(
            "`between = \"{s}\"` gives no direction; a drive is reported one way: key it by the country whose post is passed first, e.g. between = {{ KG = \"{s}\" }}"
        ))),
        Between::Other(_) => Err(serde::de::Error::custom(
            "`between` is not a table of durations; expected the drive keyed by the country whose post is passed first, e.g. between = { KG = \"1h30m\" }",
        )),
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub source: Vec<Spanned<Source>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub reports: Reported,
    /// A gazetteer or map consulted only to locate or name records: it does not date their facts.
    #[serde(default)]
    pub reference: bool,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    #[serde(default)]
    pub place: Vec<Spanned<Place>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub country: Country,
    pub zone: Zone,
    pub local_zone: Option<Zone>,
    #[serde(default, deserialize_with = "coords")]
    pub coords: Option<[f64; 2]>,
    #[serde(default)]
    pub permits: Vec<String>,
    pub sources: Vec<String>,
    /// The day someone checked a source confirming the record; absent when nobody has.
    pub verified: Option<Day>,
    pub notes: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct PermitsFile {
    #[serde(default)]
    pub permit: Vec<Spanned<Permit>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Permit {
    pub id: String,
    pub name: String,
    pub how: Option<String>,
    pub enforce: Enforce,
    /// Not needed by holders of a visa for any of these countries.
    #[serde(default)]
    pub waived_by_visa: Vec<Country>,
    /// Not needed by holders of a passport of any of these countries.
    #[serde(default)]
    pub waived_by_passport: Vec<Country>,
    /// Needed only on a ride that reaches the permit's place or crossing from an earlier
    /// stop in this country (the checkpoint is on the way in from the rest of it): a ride
    /// that boards there, or arrives there over a border from another country, needs none.
    /// It must be the country of every place, and a side of every crossing, that names it.
    pub only_coming_from: Option<Country>,
    /// How the permit is obtained (`online`, `embassy`, `agency`, `border`), where the
    /// sources say.
    pub obtain: Option<Obtain>,
    /// Where to apply, in words.
    pub apply_at: Option<String>,
    pub cost: Option<RawMoney>,
    /// Days (calendar) needed between applying and holding it.
    pub lead_days: Option<u32>,
    /// Working days (Monday to Friday) needed between applying and holding it.
    pub lead_working_days: Option<u32>,
    pub sources: Vec<String>,
    /// The day someone checked a source confirming the record; absent when nobody has.
    pub verified: Option<Day>,
    pub notes: Option<String>,
}

/// How a document is obtained before the border (or at it).
#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Obtain {
    /// Given at the border itself.
    Border,
    /// Applied for online before travel (e-visa, ETA, online permit).
    Online,
    /// Through a travel agency before travel.
    Agency,
    /// At a government office in the country, before the checkpoint (a border-pass window).
    Office,
    /// At an embassy or consulate before travel, usually in the home country.
    Embassy,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Enforce {
    Refuse,
    Warn,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct CrossingsFile {
    #[serde(default)]
    pub crossing: Vec<Spanned<Crossing>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Crossing {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub altitude_m: Option<u32>,
    #[serde(default, deserialize_with = "coords")]
    pub coords: Option<[f64; 2]>,
    pub status: CrossingStatus,
    pub status_since: Option<Day>,
    pub reopens: Option<Day>,
    pub foreigners: Foreigners,
    pub foreigners_public_transport: Option<bool>,
    pub on_foot: Option<bool>,
    pub bicycle: Option<bool>,
    #[serde(default)]
    pub visa_on_arrival: Vec<Country>,
    #[serde(default)]
    pub permits: Vec<String>,
    #[serde(default)]
    pub holidays_close: Vec<Country>,
    pub season: Option<Season>,
    /// Driving time from one post to the other, per direction: keyed by the country whose
    /// post is passed first (sourced; unknown for a direction it does not name).
    #[serde(default, deserialize_with = "between")]
    pub between: Option<BTreeMap<String, Dur>>,
    pub sources: Vec<String>,
    /// The day someone checked a source confirming the record; absent when nobody has.
    pub verified: Option<Day>,
    pub notes: Option<String>,
    #[serde(default)]
    pub side: Vec<Spanned<Side>>,
    #[serde(default)]
    pub closure: Vec<Spanned<Closure>>,
    /// How public holidays close this crossing, per country, as past notices show.
    #[serde(default)]
    pub forecast: Vec<Spanned<Forecast>>,
    #[serde(default)]
    pub dispute: Vec<Spanned<Dispute>>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum CrossingStatus {
    Open,
    Closed,
    Uncertain,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Foreigners {
    Anyone,
    CitizensOnly,
    AgencyOnly,
    Unknown,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub country: Country,
    pub post: String,
    pub near: String,
    pub zone: Zone,
    pub days: Option<Weekdays>,
    pub hours: Option<TimeRange>,
    #[serde(default)]
    pub breaks: Vec<TimeRange>,
    pub cutoff: Option<LocalTime>,
    /// Which travellers the cut-off is reported for; both directions when absent.
    pub cutoff_for: Option<Direction>,
    /// How long clearing this post takes (sourced; unknown when absent).
    pub clear: Option<Dur>,
    /// Whether vehicles that arrive after closing queue overnight for the next opening.
    pub queue: Option<bool>,
}

/// A direction of travel through one side's post.
#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Leaving this side's country.
    Leaving,
    /// Entering this side's country.
    Entering,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub from: Day,
    pub to: Day,
    /// The time on `from` when the closure starts (from midnight when absent), in `zone`.
    pub starts: Option<LocalTime>,
    /// The time on `to` when the post reopens (closed all day when absent), in `zone`.
    pub ends: Option<LocalTime>,
    /// The clock the notice's times are given in (needed with `starts` or `ends`).
    pub zone: Option<Zone>,
    pub reason: String,
    pub sources: Vec<String>,
}

/// Which days of a country's public-holiday calendar close a crossing when no notice has
/// been published yet (a forecast), as the crossing's past notices show.
#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ForecastCloses {
    /// Every day off the calendar gives, bridge days included (the default).
    EveryDayOff,
    /// The holidays and their observed days; bridge days (days off exchanged for a make-up
    /// working day) stay open.
    HolidaysOnly,
    /// Only the holidays named in `holidays`.
    Listed,
    /// Public holidays do not close it (rail posts that run through holidays).
    Never,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Forecast {
    pub country: Country,
    pub closes: ForecastCloses,
    /// With `closes = "listed"`: the holiday names (as in the holidays file) that close it.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// A post closed on some weekdays opens on this country's make-up working days.
    pub opens_on_makeup_days: Option<bool>,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub fact: String,
    /// For a fact recorded per direction (`between`): the country whose post is passed first
    /// in the direction the dispute is about.
    pub from: Option<Country>,
    pub summary: String,
    pub alternatives: Vec<Alternative>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub says: String,
    pub sources: Vec<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct ServicesFile {
    #[serde(default)]
    pub service: Vec<Spanned<Service>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub mode: Mode,
    pub operator: Option<String>,
    pub foreigners: Option<bool>,
    pub status: ServiceStatus,
    pub status_since: Option<Day>,
    pub sources: Vec<String>,
    /// The day someone checked a source confirming the record; absent when nobody has.
    pub verified: Option<Day>,
    pub notes: Option<String>,
    pub stops: Vec<Spanned<Stop>>,
    pub schedule: Schedule,
    #[serde(default)]
    pub fare: Vec<Spanned<Fare>>,
    pub baggage: Option<Baggage>,
    #[serde(default)]
    pub dispute: Vec<Spanned<Dispute>>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Bus,
    SleeperBus,
    Minibus,
    Train,
    SharedTaxi,
    AgencyCar,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceStatus {
    Running,
    Suspended,
    Uncertain,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    pub at: Option<String>,
    pub cross: Option<String>,
    pub offset: Option<Dur>,
    pub clear: Option<Dur>,
    /// When the vehicle leaves this stop, counted like `offset` (which is when it arrives),
    /// where a source gives it: only at a place between the first and the last stop.
    pub depart: Option<Dur>,
    /// Where no source gives the time (no `offset`): the nights spent on the way when the
    /// vehicle gets here, where a source says so (see `model::Stop::nights`).
    pub nights: Option<u8>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub kind: ScheduleKind,
    pub days: Option<Weekdays>,
    pub depart: Option<LocalTime>,
    /// The source gives `depart` only roughly ("around midnight"): every time of a ride on
    /// the service is then shown as approximate.
    #[serde(default)]
    pub approx: bool,
    pub window: Option<TimeRange>,
    /// How long ahead an on-demand transfer must be booked (permits, a partner agency).
    pub book_ahead: Option<Dur>,
    pub zone: Zone,
    pub first: Option<Day>,
    pub last: Option<Day>,
    #[serde(default)]
    pub except: Vec<Day>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ScheduleKind {
    Weekly,
    OnDemand,
    WhenFull,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Fare {
    pub amount: Decimal,
    pub currency: Currency,
    pub per: Per,
    pub seats: Option<u32>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// True when the real price is higher: it covers only part of the stretch, or a source
    /// gives it as "from" or "upward of".
    #[serde(default)]
    pub at_least: bool,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    Person,
    Vehicle,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Baggage {
    pub free_kg: Option<u32>,
    pub excess_per_kg: Option<RawMoney>,
    pub per_piece: Option<RawMoney>,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawMoney {
    pub amount: Decimal,
    pub currency: Currency,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct VisasFile {
    #[serde(default)]
    pub visa: Vec<Spanned<VisaTable>>,
    #[serde(default)]
    pub rule: Vec<Spanned<VisaRule>>,
    #[serde(default)]
    pub apply: Vec<Spanned<Application>>,
    #[serde(default)]
    pub exit: Vec<Spanned<ExitRule>>,
}

/// A rule on leaving a country: holders of these passports may not leave it over these
/// crossings of the dataset (or over any of them on its borders).
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ExitRule {
    /// The country being left.
    pub country: Country,
    pub passports: Passports,
    #[serde(default)]
    pub except: Vec<Country>,
    /// "all": every crossing of the dataset on the country's borders; or crossing ids.
    pub crossings: Crossings,
    /// Where the passport may leave instead, and why: the plan quotes it.
    pub note: String,
    pub sources: Vec<String>,
    pub verified: Day,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub enum Crossings {
    Named(String),
    List(Vec<String>),
}

/// How a visa of one kind (a Passport Index requirement) for a destination is obtained.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub destination: Country,
    /// The requirement this describes, in the Passport Index vocabulary ("e-visa", "eta",
    /// "visa required", "visa on arrival").
    pub requirement: String,
    pub obtain: Obtain,
    pub apply_at: Option<String>,
    pub cost: Option<RawMoney>,
    pub lead_days: Option<u32>,
    pub lead_working_days: Option<u32>,
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub verified: Day,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct VisaTable {
    pub destination: Country,
    pub requirements: BTreeMap<String, String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct VisaRule {
    pub destination: Country,
    pub passports: Passports,
    #[serde(default)]
    pub except: Vec<Country>,
    pub requirement: String,
    pub days: Option<u32>,
    pub from: Option<Day>,
    pub until: Option<Day>,
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub verified: Day,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub enum Passports {
    Named(String),
    List(Vec<Country>),
}

impl Passports {
    /// Every country code a rule names: its listed passports, then its `except` ones.
    pub fn named_with(&self, except: &[Country]) -> Vec<Country> {
        match self {
            Passports::List(l) => l.iter().chain(except).copied().collect(),
            Passports::Named(_) => except.to_vec(),
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct HolidaysFile {
    #[serde(default)]
    pub holiday: Vec<Spanned<Holiday>>,
    #[serde(default)]
    pub announced: Vec<Spanned<Announced>>,
}

/// The last year whose official holiday schedule (bridge days off, make-up working days,
/// transfers of days off) a country's holiday list follows, with the notice as its source.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Announced {
    pub country: Country,
    pub through: i32,
    pub sources: Vec<String>,
    pub verified: Day,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub country: Country,
    pub date: Day,
    pub name: String,
    /// A bridge day: the day off given in exchange for working on this date.
    pub makeup: Option<Day>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RatesFile {
    #[serde(default)]
    pub rate: Vec<Spanned<Rate>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub currency: Currency,
    pub per_base: Decimal,
    pub base: Currency,
    pub date: Day,
    pub sources: Vec<String>,
    pub verified: Day,
}
