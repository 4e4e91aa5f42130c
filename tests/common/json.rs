//! The JSON contract (version 2) as strict structs: every command's `--json` decodes into
//! these, and a field added, renamed or dropped on either side fails the decoding
//! (`deny_unknown_fields`). Mirrors src/render/json.rs; the schema in schema/ is generated
//! from that file.
#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub amount: serde_json::Number,
    pub currency: String,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ClosedFor {
    Status,
    NotRecordedOpen,
    Season,
    Closure,
    Holiday,
    Weekday,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ClosedJson {
    pub cause: ClosedFor,
    pub status: Option<String>,
    pub since: Option<String>,
    pub reopens: Option<String>,
    pub season_opens: Option<String>,
    pub season_closes: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: Option<String>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub zone: Option<String>,
    pub pattern: Option<bool>,
    pub country: Option<String>,
    pub holiday: Option<String>,
    pub weekdays: Option<Vec<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ExitJson {
    pub country: String,
    pub crossing: String,
    pub barred: Vec<String>,
    pub free: Vec<String>,
    pub rules: Vec<ExitRuleJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ExitRuleJson {
    pub passports: Option<Vec<String>>,
    pub except: Vec<String>,
    pub crossings: Option<Vec<String>>,
    pub note: String,
    pub verified: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct EntryJson {
    pub decision: String,
    pub country: String,
    pub passport: Option<String>,
    pub passports: Option<Vec<String>>,
    pub requirement: Option<String>,
    pub days: Option<u32>,
    pub held: Option<bool>,
    pub until: Option<String>,
    pub after: Option<String>,
    pub channel: Option<String>,
    pub waiver_ended: Option<String>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    PostClosed,
    OutsideHours,
    ServiceSuspended,
    NoForeignPassengers,
    CitizensOnly,
    AgencyOnly,
    EntryRefused,
    ExitBarred,
    VisaNotHeld,
    PermitNotHeld,
    TooLate,
    LeaveLater,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub from: String,
    pub to: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ReasonJson {
    pub cause: Cause,
    pub dates: Vec<String>,
    pub service: Option<String>,
    pub crossing: Option<String>,
    pub post: Option<String>,
    pub closed: Option<ClosedJson>,
    pub zone: Option<String>,
    pub reach: Option<String>,
    pub hours: Option<Span>,
    pub cutoff: Option<String>,
    pub lunch: Option<Span>,
    pub since: Option<String>,
    pub entry: Option<EntryJson>,
    pub exit: Option<ExitJson>,
    pub permit: Option<String>,
    pub visa: Option<String>,
    pub ready: Option<String>,
    pub may_reach: Option<bool>,
    pub text: String,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceKind {
    Entry,
    ExitOn,
    BookAhead,
    Border,
    WhenFull,
    NoDepartureTime,
    NoRunningDays,
    Unconfirmed,
    NewestSource,
    MinimumFare,
    FareUnknown,
    SeatsUnknown,
    Disputed,
    Stale,
    ClockTrap,
    BorderTimeUnknown,
    HoursUnknown,
    CrossingUncertain,
    ClosureNear,
    NoPassport,
    Suspended,
    Untimed,
    PastDate,
    HolidaysUnknown,
    ScheduleUnannounced,
    SearchTruncated,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AdviceJson {
    pub kind: AdviceKind,
    pub service: Option<String>,
    pub crossing: Option<String>,
    pub place: Option<String>,
    pub post: Option<String>,
    pub entry: Option<EntryJson>,
    pub exit: Option<ExitJson>,
    pub reach: Option<String>,
    pub cutoff: Option<String>,
    pub zone: Option<String>,
    pub local_zone: Option<String>,
    pub weekdays: Option<Vec<String>>,
    pub old: Option<bool>,
    pub newest: Option<String>,
    pub fact: Option<String>,
    pub verified: Option<String>,
    pub closed: Option<ClosedJson>,
    pub since: Option<String>,
    pub at: Option<String>,
    pub date: Option<String>,
    pub today: Option<String>,
    pub country: Option<String>,
    pub year: Option<i32>,
    pub holiday: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub days: Option<Vec<String>>,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FareJson {
    pub amount: serde_json::Number,
    pub currency: String,
    pub per: String,
    pub at_least: bool,
    pub covers_from: String,
    pub covers_to: String,
    pub party: Amount,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LegCrossingJson {
    pub id: String,
    pub at: Option<String>,
    pub day: String,
    pub entry_day: String,
    pub day_latest: Option<String>,
    pub entry_day_latest: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct WindowJson {
    pub from: String,
    pub to: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LegJson {
    pub from: String,
    pub to: String,
    pub mode: String,
    pub service: String,
    pub depart: String,
    pub arrive: String,
    pub fare: Option<FareJson>,
    pub more_fares: Vec<FareJson>,
    pub hire: Option<Amount>,
    pub crossing: Option<LegCrossingJson>,
    pub borders: Vec<LegCrossingJson>,
    pub time_known: bool,
    pub time_approx: bool,
    pub newest_source: Option<String>,
    pub window: Option<WindowJson>,
    pub arrive_known: bool,
    pub depart_given: bool,
    pub tight: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct RateJson {
    pub currency: String,
    pub date: Option<String>,
    pub stale: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct MissingJson {
    pub service: String,
    pub why: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TotalJson {
    pub amount: serde_json::Number,
    pub currency: String,
    pub complete: bool,
    pub rates: Vec<RateJson>,
    pub missing: Vec<MissingJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LeadJson {
    pub days: u32,
    pub working_days: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct NeedJson {
    pub kind: String,
    pub id: String,
    pub how: String,
    pub apply_at: Option<String>,
    pub lead: Option<LeadJson>,
    pub cost: Option<Amount>,
    pub needed_from: String,
    pub needed_until: Option<String>,
    pub apply_by: Option<String>,
    pub passport: Option<String>,
    pub waiver_ended: Option<String>,
    pub enforced: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ItineraryJson {
    pub depart: String,
    pub arrive: String,
    pub total: TotalJson,
    pub per_person: Option<Amount>,
    pub changes: usize,
    pub arrive_known: bool,
    pub nights: i64,
    pub stopover_nights: i64,
    pub stopover_nights_known: bool,
    pub time_known: bool,
    pub legs: Vec<LegJson>,
    pub before_you_go: Vec<NeedJson>,
    pub advice: Vec<AdviceJson>,
    pub also: Vec<AlsoJson>,
}

impl ItineraryJson {
    /// The service of each leg, in order.
    pub fn services(&self) -> Vec<&str> {
        self.legs.iter().map(|l| l.service.as_str()).collect()
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AlsoJson {
    pub depart: String,
    pub arrive: String,
    pub arrive_known: bool,
    pub tight: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FixJson {
    pub change: String,
    pub documents: Vec<String>,
    pub depart: Option<String>,
    pub arrive: Option<String>,
    pub earliest: Option<String>,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlanJson {
    pub version: u32,
    pub from: String,
    pub to: String,
    pub date: String,
    pub within: u32,
    pub party: u32,
    pub itineraries: Vec<ItineraryJson>,
    pub more: usize,
    pub reasons: Vec<ReasonJson>,
    pub fixes: Vec<FixJson>,
    pub connected: bool,
    pub truncated: bool,
    pub advice: Vec<AdviceJson>,
    pub earliest: Option<String>,
    pub searched_until: Option<String>,
    pub too_many_rides: Option<TooManyRidesJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TooManyRidesJson {
    pub fewest: u32,
    pub most: u32,
    pub split_at: Option<String>,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlanDayJson {
    pub date: String,
    pub works: bool,
    pub depart: Option<String>,
    pub arrive: Option<String>,
    pub time_known: Option<bool>,
    pub depart_known: Option<bool>,
    pub depart_approx: Option<bool>,
    pub arrive_approx: Option<bool>,
    pub arrive_known: Option<bool>,
    pub reason: Option<DayReasonJson>,
    pub reasons: Vec<ReasonJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DayReasonJson {
    pub crossing: Option<String>,
    pub closed: Option<ClosedJson>,
    pub blocked: Option<ReasonJson>,
    pub instead: Option<String>,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlanMonthJson {
    pub version: u32,
    pub from: String,
    pub to: String,
    pub month: String,
    pub days: Vec<PlanDayJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SideJson {
    pub country: String,
    pub post: String,
    pub near: String,
    pub zone: String,
    pub days: Option<Vec<String>>,
    pub hours: Option<Span>,
    pub breaks: Vec<Span>,
    pub cutoff: Option<String>,
    pub cutoff_for: Option<String>,
    pub drive_to_other_post_minutes: Option<i64>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AltJson {
    pub says: String,
    pub sources: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DisputeJson {
    pub fact: String,
    pub from: Option<String>,
    pub summary: String,
    pub alternatives: Vec<AltJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SeasonJson {
    pub opens: String,
    pub closes: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct OnDateJson {
    pub open: bool,
    pub closed: Option<ClosedJson>,
    pub next_open: Option<String>,
    pub next_open_day: Option<String>,
    pub days_unknown: Vec<String>,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct HoursCrossingJson {
    pub id: String,
    pub name: String,
    pub countries: [String; 2],
    pub status: String,
    pub status_since: Option<String>,
    pub reopens: Option<String>,
    pub sides: Vec<SideJson>,
    pub season: Option<SeasonJson>,
    pub holidays_close: Vec<String>,
    pub foreigners: String,
    pub foreigners_public_transport: Option<bool>,
    pub on_foot: Option<bool>,
    pub bicycle: Option<bool>,
    pub permits: Vec<String>,
    pub altitude_m: Option<u32>,
    pub verified: Option<String>,
    pub sources: Vec<String>,
    pub disputes: Vec<DisputeJson>,
    pub on_date: Option<OnDateJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct HoursJson {
    pub version: u32,
    pub date: Option<String>,
    pub crossings: Vec<HoursCrossingJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct HoursDayJson {
    pub date: String,
    pub open: bool,
    pub closed: Option<ClosedJson>,
    pub text: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct HoursMonthJson {
    pub version: u32,
    pub id: String,
    pub name: String,
    pub month: String,
    pub days: Vec<HoursDayJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct StopJson {
    pub kind: String,
    pub id: String,
    pub offset_minutes: Option<i64>,
    pub depart_minutes: Option<i64>,
    pub nights: u8,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ScheduleJson {
    pub kind: String,
    pub days: Option<Vec<String>>,
    pub depart: Option<String>,
    pub depart_approx: bool,
    pub window: Option<Span>,
    pub zone: String,
    pub book_ahead_minutes: Option<i64>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub except: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ServiceFareJson {
    pub amount: serde_json::Number,
    pub currency: String,
    pub per: String,
    pub seats: Option<u32>,
    pub from: String,
    pub to: String,
    pub at_least: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct BaggageRuleJson {
    pub free_kg: Option<u32>,
    pub excess_per_kg: Option<Amount>,
    pub per_piece: Option<Amount>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ServiceJson {
    pub id: String,
    pub name: String,
    pub mode: String,
    pub operator: Option<String>,
    pub stops: Vec<StopJson>,
    pub schedule: ScheduleJson,
    pub fares: Vec<ServiceFareJson>,
    pub baggage: Option<BaggageRuleJson>,
    pub status: String,
    pub status_since: Option<String>,
    pub foreigners: Option<bool>,
    pub verified: Option<String>,
    pub newest_source: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ServicesJson {
    pub version: u32,
    pub services: Vec<ServiceJson>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BaggageStatus {
    NoRule,
    FeeKnown,
    FeeUnknown,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BaggageCase {
    NoRule,
    WithinAllowance,
    RateUnknown,
    Charged,
    AllowanceUnknown,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct BaggageRowJson {
    pub service: String,
    pub free_kg: Option<u32>,
    pub excess_kg: Option<serde_json::Number>,
    pub rate: Option<Amount>,
    pub fee: Option<Amount>,
    pub fee_converted: Option<Amount>,
    pub per_piece: Option<Amount>,
    pub per_piece_converted: Option<Amount>,
    pub rate_date: Option<String>,
    pub rate_stale: bool,
    pub status: BaggageStatus,
    pub case: BaggageCase,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct BaggageJson {
    pub version: u32,
    pub kg: serde_json::Number,
    pub services: Vec<BaggageRowJson>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlaceJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: String,
    pub zone: String,
    pub local_zone: Option<String>,
    pub coords: Option<[f64; 2]>,
    pub verified: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlaceCrossingJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub countries: [String; 2],
    pub zones: [String; 2],
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlacesJson {
    pub version: u32,
    pub places: Vec<PlaceJson>,
    pub crossings: Vec<PlaceCrossingJson>,
}
