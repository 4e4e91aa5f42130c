//! The JSON contract (version 2): the types every command's `--json` prints, and the
//! functions that build them from the commands' answers. A program reads the causes, kinds,
//! ids and ISO dates; the `text` beside a reason or a note is the English sentence, for
//! showing, never needed to understand the object, and it names no command-line flag.
//!
//! The types derive `JsonSchema`: `schemas()` gives the schema of each command's output,
//! committed in schema/ and kept current by tests/json_schema.rs.

use super::words::Words;
use crate::calendar::Closed;
use crate::documents::{self, Doc, Need};
use crate::findings::{Advice, Blocker, Entry, Subject};
use crate::model::{CrossingStatus, Dataset, Lead, Requirement, StopAt};
use crate::money;
use crate::planner::{BorderPass, Leg};
use crate::types::Country;
use crate::types::Money;
use crate::visa::{Channel, ExitBar};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the JSON contract, in every command's output as `"version"`.
pub const VERSION: u32 = 2;

/// Pretty JSON with a final newline.
pub fn to_text<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// An amount of money: a decimal number in the currency's units (never a float in the
/// program: the number is written from integer minor units).
#[derive(Serialize, JsonSchema)]
pub struct Amount {
    pub amount: serde_json::Number,
    /// ISO 4217.
    pub currency: String,
}

pub fn amount(m: Money) -> Amount {
    Amount {
        amount: money::json(m),
        currency: m.currency.to_string(),
    }
}

fn rfc3339(t: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    t.with_timezone(&zone).to_rfc3339()
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

// ---------------------------------------------------------------------------------------
// Why a crossing is closed on a day (plan reasons, hours, the month calendar).

/// Why a crossing is closed on a day.
#[derive(Serialize, JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ClosedFor {
    /// The crossing's status is closed or uncertain.
    Status,
    /// The crossing is recorded open only from `since`, a later day; its state on this day
    /// is not known (not offered, but not known closed).
    NotRecordedOpen,
    /// Closed for the winter (outside its season).
    Season,
    /// A dated closure announced by a border service.
    Closure,
    /// A public holiday of one side's country (expected, not yet announced).
    Holiday,
    /// A weekday a post does not open.
    Weekday,
}

/// Why a crossing is closed on a day, as data.
#[derive(Serialize, JsonSchema)]
pub struct ClosedJson {
    pub cause: ClosedFor,
    /// Status: `closed` or `uncertain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Status: the day the status began; not-recorded-open: the day the crossing is recorded
    /// open from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The day it is due to reopen (status: where announced; season: the next first day of
    /// the season).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reopens: Option<String>,
    /// Season: its first and last open day each year (MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season_opens: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season_closes: Option<String>,
    /// Closure: its first and last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Closure: the reason the border service gave (as the data says it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Closure with hours: the time it starts on `from` and the time the post reopens on
    /// `to` (`HH:MM`), in `zone` (IANA); absent for whole days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Holiday (a forecast): true where the day follows the crossing's pattern from past
    /// notices, false where every day off of the calendar is assumed to close it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<bool>,
    /// Holiday: the country (ISO 3166-1 alpha-2) and the holiday's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// Weekday: the weekdays the post is closed (`Mon` … `Sun`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekdays: Option<Vec<String>>,
}

/// Why a crossing is closed on the day `on`.
pub fn closed(why: &Closed, on: NaiveDate) -> ClosedJson {
    let mut j = ClosedJson {
        cause: ClosedFor::Status,
        status: None,
        since: None,
        reopens: None,
        season_opens: None,
        season_closes: None,
        from: None,
        to: None,
        reason: None,
        starts: None,
        ends: None,
        zone: None,
        pattern: None,
        country: None,
        holiday: None,
        weekdays: None,
    };
    let md = |m: crate::types::MonthDay| format!("{:02}-{:02}", m.month, m.day);
    match why {
        Closed::Status {
            status,
            since,
            reopens,
        } => {
            j.status = Some(match status {
                CrossingStatus::Closed => "closed",
                CrossingStatus::Open => "open",
                CrossingStatus::Uncertain => "uncertain",
            });
            j.since = since.map(|d| d.to_string());
            j.reopens = reopens.map(|d| d.to_string());
        }
        Closed::NotRecordedOpen { since } => {
            j.cause = ClosedFor::NotRecordedOpen;
            j.since = Some(since.to_string());
        }
        Closed::Season(s) => {
            j.cause = ClosedFor::Season;
            use chrono::Datelike;
            j.reopens = [on.year(), on.year() + 1]
                .into_iter()
                .filter_map(|y| s.open.in_year(y))
                .find(|d| *d >= on)
                .map(|d| d.to_string());
            j.season_opens = Some(md(s.open));
            j.season_closes = Some(md(s.close));
        }
        Closed::Closure {
            from,
            to,
            reason,
            starts,
            ends,
            zone,
        } => {
            j.cause = ClosedFor::Closure;
            j.from = Some(from.to_string());
            j.to = Some(to.to_string());
            j.reason = Some(reason.clone());
            j.starts = starts.map(|t| t.format("%H:%M").to_string());
            j.ends = ends.map(|t| t.format("%H:%M").to_string());
            j.zone = zone.map(|z| z.name().to_string());
        }
        Closed::Holiday {
            country,
            name,
            pattern,
        } => {
            j.cause = ClosedFor::Holiday;
            j.country = Some(country.to_string());
            j.holiday = Some(name.clone());
            j.pattern = Some(*pattern);
        }
        Closed::Weekday { days, .. } => {
            j.cause = ClosedFor::Weekday;
            j.weekdays = Some(days.missing().iter().map(|d| d.to_string()).collect());
        }
    }
    j
}

// ---------------------------------------------------------------------------------------
// Entry decisions.

/// What the exit rules say about leaving a country over a crossing on the passports held.
#[derive(Serialize, JsonSchema)]
pub struct ExitJson {
    /// The country being left (ISO 3166-1 alpha-2).
    pub country: String,
    /// The crossing (id).
    pub crossing: String,
    /// The passports held that may not leave over it.
    pub barred: Vec<String>,
    /// The passports held that may (empty: the traveller may not leave over it).
    pub free: Vec<String>,
    /// The rules that bar them, as the data gives them.
    pub rules: Vec<ExitRuleJson>,
}

/// One rule on leaving a country (data/visas, `[[exit]]`).
#[derive(Serialize, JsonSchema)]
pub struct ExitRuleJson {
    /// The passports it bars; null: every passport (but `except`).
    pub passports: Option<Vec<String>>,
    /// Passports it does not bar.
    pub except: Vec<String>,
    /// The crossings it bars (ids); null: every crossing of the dataset on the country's
    /// borders.
    pub crossings: Option<Vec<String>>,
    /// Where the passports may leave instead, and why.
    pub note: String,
    /// The day someone checked its sources (YYYY-MM-DD).
    pub verified: Option<String>,
}

pub fn exit(ds: &Dataset, bar: &ExitBar) -> ExitJson {
    let codes = |l: &[Country]| l.iter().map(Country::to_string).collect::<Vec<_>>();
    ExitJson {
        country: bar.country.to_string(),
        crossing: ds.crossings[bar.crossing].id.to_string(),
        barred: codes(&bar.passports),
        free: codes(&bar.free),
        rules: bar
            .rules
            .iter()
            .filter_map(|k| ds.visas.exits.get(*k))
            .map(|r| ExitRuleJson {
                passports: r.passports.as_deref().map(codes),
                except: codes(&r.except),
                crossings: r
                    .crossings
                    .as_ref()
                    .map(|l| l.iter().map(|c| ds.crossings[*c].id.to_string()).collect()),
                note: r.note.to_string(),
                verified: r.prov.verified.map(|d| d.to_string()),
            })
            .collect(),
    }
}

/// An entry decision at a land border.
#[derive(Serialize, JsonSchema)]
pub struct EntryJson {
    /// `admit` (nothing to arrange), `arrange` (a document before the border), `refuse`,
    /// `no-data` (the dataset has no rule for these passports).
    pub decision: &'static str,
    /// The country entered.
    pub country: String,
    /// The passport the decision is for (absent for `no-data`: see `passports`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passport: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passports: Option<Vec<String>>,
    /// `own-country`, `visa-free`, `visa-on-arrival`, `e-visa`, `eta`, `visa-required`,
    /// `no-admission`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<&'static str>,
    /// For a visa-free stay limited in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Admit: on a visa the traveller holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<bool>,
    /// Admit: the last day of the dated rule that admits them, and what is needed after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<&'static str>,
    /// Arrange: how the document is obtained (`online`, `agency`, `office`, `embassy`,
    /// `unknown`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<&'static str>,
    /// Arrange: the last day of an easier rule that has ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver_ended: Option<String>,
}

fn requirement(r: Requirement) -> (&'static str, Option<u32>) {
    match r {
        Requirement::OwnCountry => ("own-country", None),
        Requirement::VisaFreeDays(d) => ("visa-free", Some(d)),
        Requirement::VisaFree => ("visa-free", None),
        Requirement::VisaOnArrival => ("visa-on-arrival", None),
        Requirement::EVisa => ("e-visa", None),
        Requirement::Eta => ("eta", None),
        Requirement::VisaRequired => ("visa-required", None),
        Requirement::NoAdmission => ("no-admission", None),
    }
}

fn channel(ch: Channel) -> &'static str {
    match ch {
        Channel::Online => "online",
        Channel::Agency => "agency",
        Channel::Office => "office",
        Channel::Embassy => "embassy",
        Channel::Nothing | Channel::AtBorder => "border",
        Channel::Unknown | Channel::NotObtainable => "unknown",
    }
}

pub fn entry(e: &Entry) -> EntryJson {
    let mut j = EntryJson {
        decision: "admit",
        country: String::new(),
        passport: None,
        passports: None,
        requirement: None,
        days: None,
        held: None,
        until: None,
        after: None,
        channel: None,
        waiver_ended: None,
    };
    match e {
        Entry::Admit {
            passport,
            destination,
            requirement: r,
            held,
            until,
            after,
            ..
        } => {
            let (q, days) = requirement(*r);
            j.country = destination.to_string();
            j.passport = Some(passport.to_string());
            j.requirement = Some(q);
            j.days = days;
            j.held = Some(*held);
            j.until = until.map(|d| d.to_string());
            j.after = after.map(|a| requirement(a).0);
        }
        Entry::Arrange {
            passport,
            destination,
            requirement: r,
            channel: ch,
            ended,
            ..
        } => {
            j.decision = "arrange";
            j.country = destination.to_string();
            j.passport = Some(passport.to_string());
            j.requirement = Some(requirement(*r).0);
            j.channel = Some(channel(*ch));
            j.waiver_ended = ended.map(|d| d.to_string());
        }
        Entry::Refuse {
            passport,
            destination,
            ..
        } => {
            j.decision = "refuse";
            j.country = destination.to_string();
            j.passport = Some(passport.to_string());
            j.requirement = Some("no-admission");
        }
        Entry::NoData {
            passports,
            destination,
        } => {
            j.decision = "no-data";
            j.country = destination.to_string();
            j.passports = Some(passports.iter().map(|p| p.to_string()).collect());
        }
    }
    j
}

// ---------------------------------------------------------------------------------------
// Reasons (what blocked every ride) and advice (what a traveller should know).

/// What blocked a ride.
#[derive(Serialize, JsonSchema, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// A post or the whole crossing is closed that day (see `closed`).
    PostClosed,
    /// The vehicle would reach a post outside its hours, after its practical cut-off or in
    /// its lunch break (see `reach`, `hours`, `cutoff`, `lunch`, in `zone`).
    OutsideHours,
    /// The service is suspended (`since`).
    ServiceSuspended,
    /// The service does not take foreign passengers.
    NoForeignPassengers,
    /// The crossing is open only to citizens of its two countries.
    CitizensOnly,
    /// Foreigners may cross only in an agency transfer, not on this public service.
    AgencyOnly,
    /// Entry refused on every passport held (see `entry`).
    EntryRefused,
    /// Every passport held is barred from leaving the country over the crossing by an exit
    /// rule (see `exit`).
    ExitBarred,
    /// Only documents held were to be used, and this visa is not held (see `entry`).
    VisaNotHeld,
    /// Only documents held were to be used, and this permit is not held.
    PermitNotHeld,
    /// A document cannot be held in time when applied for today (see `ready`).
    TooLate,
    /// Journeys leave on these days, but each waits for a connection that leaving after the
    /// days searched still catches, arriving as early and no dearer: none is offered (see
    /// `earliest`).
    LeaveLater,
}

/// A start and end time of day (HH:MM) in a post's clock.
#[derive(Serialize, JsonSchema)]
pub struct Span {
    pub from: String,
    pub to: String,
}

fn span(r: crate::types::TimeRange) -> Span {
    Span {
        from: hhmm(r.start.0),
        to: hhmm(r.end.0),
    }
}

/// Why no itinerary could use a ride, on the days it applied to.
#[derive(Serialize, JsonSchema)]
pub struct ReasonJson {
    pub cause: Cause,
    /// The departure days it applied to (ISO dates), ascending.
    pub dates: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crossing: Option<String>,
    /// The country of the post concerned (ISO 3166-1 alpha-2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<ClosedJson>,
    /// Outside hours: the IANA zone of the post's clock, and the times in it (HH:MM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reach: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lunch: Option<Span>,
    /// Service suspended: since when, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryJson>,
    /// Exit barred: the rules and the passports they bar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit: Option<ExitJson>,
    /// A permit id (permit not held, or too late).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permit: Option<String>,
    /// Too late: the visa's country, or see `permit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visa: Option<String>,
    /// Too late: the day an application made today would be held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready: Option<String>,
    /// Post closed: true where no source gives the time there and `service` may reach it
    /// on more than one local day; the closed day (in `dates`) is one of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub may_reach: Option<bool>,
    /// The sentence the human view shows.
    pub text: String,
}

fn doc_ids(ds: &Dataset, d: Doc) -> (Option<String>, Option<String>) {
    match d {
        Doc::Visa(c) => (Some(c.to_string()), None),
        Doc::Permit(p) => (None, Some(ds.permits[p].id.to_string())),
    }
}

pub fn reason(w: &Words, b: &Blocker, dates: &std::collections::BTreeSet<NaiveDate>) -> ReasonJson {
    let ds = w.ds;
    let first = dates.iter().next().copied().unwrap_or(w.today);
    let mut j = ReasonJson {
        cause: Cause::PostClosed,
        dates: dates.iter().map(|d| d.to_string()).collect(),
        service: None,
        crossing: None,
        post: None,
        closed: None,
        zone: None,
        reach: None,
        hours: None,
        cutoff: None,
        lunch: None,
        since: None,
        entry: None,
        exit: None,
        permit: None,
        visa: None,
        ready: None,
        may_reach: None,
        text: w.blocker_fact(b, first),
    };
    let service = |s: usize| Some(ds.services[s].id.to_string());
    let crossing = |c: usize| Some(ds.crossings[c].id.to_string());
    match b {
        Blocker::PostClosed {
            crossing: c,
            side,
            why,
            may_reach,
        } => {
            j.crossing = crossing(*c);
            if let Some(s) = may_reach {
                j.service = service(*s);
                j.may_reach = Some(true);
            }
            j.post = ds.crossings[*c]
                .sides
                .get(*side)
                .map(|s| s.country.to_string());
            j.closed = Some(closed(why, first));
        }
        Blocker::OutsideHours {
            crossing: c,
            side,
            service: s,
            reach,
            hours,
            cutoff,
            lunch,
        } => {
            j.cause = Cause::OutsideHours;
            j.crossing = crossing(*c);
            j.service = service(*s);
            if let Some(sd) = ds.crossings[*c].sides.get(*side) {
                j.post = Some(sd.country.to_string());
                j.zone = Some(sd.zone.0.name().to_string());
            }
            j.reach = Some(hhmm(*reach));
            j.hours = hours.map(span);
            j.cutoff = cutoff.map(hhmm);
            j.lunch = lunch.map(span);
        }
        Blocker::ServiceSuspended { service: s, since } => {
            j.cause = Cause::ServiceSuspended;
            j.service = service(*s);
            j.since = since.map(|d| d.to_string());
        }
        Blocker::NoForeignPassengers { service: s } => {
            j.cause = Cause::NoForeignPassengers;
            j.service = service(*s);
        }
        Blocker::CitizensOnly { crossing: c } => {
            j.cause = Cause::CitizensOnly;
            j.crossing = crossing(*c);
        }
        Blocker::AgencyOnly {
            crossing: c,
            service: s,
        } => {
            j.cause = Cause::AgencyOnly;
            j.crossing = crossing(*c);
            j.service = service(*s);
        }
        Blocker::EntryRefused(e) => {
            j.cause = Cause::EntryRefused;
            j.entry = Some(entry(e));
        }
        Blocker::ExitBarred(bar) => {
            j.cause = Cause::ExitBarred;
            j.crossing = crossing(bar.crossing);
            j.exit = Some(exit(ds, bar));
        }
        Blocker::VisaNotHeld {
            entry: e,
            crossing: c,
        } => {
            j.cause = Cause::VisaNotHeld;
            j.crossing = crossing(*c);
            j.entry = Some(entry(e));
        }
        Blocker::PermitNotHeld { permit } => {
            j.cause = Cause::PermitNotHeld;
            j.permit = Some(ds.permits[*permit].id.to_string());
        }
        Blocker::TooLate { doc, get, today } => {
            j.cause = Cause::TooLate;
            (j.visa, j.permit) = doc_ids(ds, *doc);
            j.ready =
                documents::ready_on(ds, doc.issuer(), *today, get.lead).map(|d| d.to_string());
        }
        Blocker::LeaveLater => j.cause = Cause::LeaveLater,
    }
    j
}

/// What a note is about.
#[derive(Serialize, JsonSchema, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceKind {
    /// An entry decision needing nothing arranged (see `entry`).
    Entry,
    /// An exit rule bars some of the passports held from leaving over the crossing: leave
    /// on one of the others (see `exit`).
    ExitOn,
    /// A transfer arranged on demand: book it ahead.
    BookAhead,
    /// A border passed: its practical cut-off in the first post's clock (`cutoff`, `zone`)
    /// and when it is reached (`reach`).
    Border,
    /// The service leaves when full: no fixed time.
    WhenFull,
    /// A scheduled service whose departure time no source gives (`weekdays` it runs).
    NoDepartureTime,
    /// A timetabled service whose running days no source gives: planned as if daily.
    NoRunningDays,
    /// No recent source confirms the service is running (`old`: none in three years).
    Unconfirmed,
    /// The newest date the service's sources report (`newest`).
    NewestSource,
    /// The fare used is a minimum: the total is a lower bound.
    MinimumFare,
    /// No fare known for the stretch.
    FareUnknown,
    /// Priced per vehicle, seats unknown: one vehicle assumed.
    SeatsUnknown,
    /// A disputed fact that could change the plan (`fact`; the texts in `--explain`).
    Disputed,
    /// The record was last verified more than a year ago (`verified`).
    Stale,
    /// Official time differs from the clock many people keep (`zone`, `local_zone`).
    ClockTrap,
    /// No source says when the service reaches the border: only the day was checked.
    BorderTimeUnknown,
    /// A post's opening hours are unknown.
    HoursUnknown,
    /// The crossing's status is uncertain.
    CrossingUncertain,
    /// A dated closure announced near the day of the passage (`closed`).
    ClosureNear,
    /// No passport given: visas not checked, border rules as for a foreigner.
    NoPassport,
    /// A service between the places is suspended or not running (`since`); not used.
    Suspended,
    /// A service with no known time at a stop (`at`): no plan boards it there (a ride may
    /// still pass or end there).
    Untimed,
    /// The first departure date asked (`date`) is before today (`today`).
    PastDate,
    /// The holidays of `country` in `year` are not in the dataset.
    HolidaysUnknown,
    /// A post is passed (`days`) within 3 days of a public holiday of `country` (`holiday`,
    /// its days off `from`–`to` as listed) in a `year` whose official holiday schedule
    /// (bridge days, make-up working days, transfers) is not announced yet: the post may
    /// also close on days next to it.
    ScheduleUnannounced,
    /// The search stopped at its work limit: other itineraries may exist.
    SearchTruncated,
}

/// What a traveller should know about an itinerary or the whole answer.
#[derive(Serialize, JsonSchema)]
pub struct AdviceJson {
    pub kind: AdviceKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crossing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The country of the post concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryJson>,
    /// An exit rule that decided the passport to leave on (`exit-on`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit: Option<ExitJson>,
    /// RFC 3339 with the post's offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reach: Option<String>,
    /// HH:MM in `zone`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
    /// An IANA zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_zone: Option<String>,
    /// Weekdays a service runs (`Mon` … `Sun`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekdays: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<bool>,
    /// YYYY-MM-DD, YYYY-MM, YYYY or "c. YYYY", as the newest source reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newest: Option<String>,
    /// The disputed fact's name as the data files write it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<ClosedJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Untimed: the place or crossing id of the stop with no time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// A public holiday's name, as the holiday list gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// YYYY-MM-DD: the first and last day of the holiday's days off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// YYYY-MM-DD: the local days a post is passed near the holiday, in date order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<String>>,
    /// The sentence the human view shows.
    pub text: String,
}

fn subject_id(ds: &Dataset, s: Subject) -> (Option<String>, Option<String>, Option<String>) {
    match s {
        Subject::Service(i) => (Some(ds.services[i].id.to_string()), None, None),
        Subject::Crossing(i) => (None, Some(ds.crossings[i].id.to_string()), None),
        Subject::Place(i) => (None, None, Some(ds.places[i].id.to_string())),
    }
}

pub fn advice(w: &Words, a: &Advice) -> AdviceJson {
    let ds = w.ds;
    let mut j = AdviceJson {
        kind: AdviceKind::NoPassport,
        service: None,
        crossing: None,
        place: None,
        post: None,
        entry: None,
        exit: None,
        reach: None,
        cutoff: None,
        zone: None,
        local_zone: None,
        weekdays: None,
        old: None,
        newest: None,
        fact: None,
        verified: None,
        closed: None,
        since: None,
        at: None,
        date: None,
        today: None,
        country: None,
        year: None,
        holiday: None,
        from: None,
        to: None,
        days: None,
        text: w.advice_fact(a),
    };
    let service = |s: usize| Some(ds.services[s].id.to_string());
    let crossing = |c: usize| Some(ds.crossings[c].id.to_string());
    match a {
        Advice::Entry(e) => {
            j.kind = AdviceKind::Entry;
            j.entry = Some(entry(e));
        }
        Advice::ExitOn(bar) => {
            j.kind = AdviceKind::ExitOn;
            j.crossing = crossing(bar.crossing);
            j.exit = Some(exit(ds, bar));
        }
        Advice::BookAhead { service: s } => {
            j.kind = AdviceKind::BookAhead;
            j.service = service(*s);
        }
        Advice::Border {
            crossing: c,
            first_side,
            reach,
            ..
        } => {
            j.kind = AdviceKind::Border;
            j.crossing = crossing(*c);
            if let Some(sd) = ds.crossings[*c].sides.get(*first_side) {
                j.post = Some(sd.country.to_string());
                j.zone = Some(sd.zone.0.name().to_string());
                j.cutoff = sd.cutoff.map(|t| hhmm(t.0));
                j.reach = reach.map(|t| rfc3339(t, sd.zone.0));
            }
        }
        Advice::WhenFull { service: s } => {
            j.kind = AdviceKind::WhenFull;
            j.service = service(*s);
        }
        Advice::NoRunningDays { service: s } => {
            j.kind = AdviceKind::NoRunningDays;
            j.service = service(*s);
        }
        Advice::NoDepartureTime { service: s, days } => {
            j.kind = AdviceKind::NoDepartureTime;
            j.service = service(*s);
            j.weekdays = days.map(|d| {
                let missing = d.missing();
                [
                    chrono::Weekday::Mon,
                    chrono::Weekday::Tue,
                    chrono::Weekday::Wed,
                    chrono::Weekday::Thu,
                    chrono::Weekday::Fri,
                    chrono::Weekday::Sat,
                    chrono::Weekday::Sun,
                ]
                .into_iter()
                .filter(|x| !missing.contains(x))
                .map(|x| x.to_string())
                .collect()
            });
        }
        Advice::Unconfirmed { service: s, old } => {
            j.kind = AdviceKind::Unconfirmed;
            j.service = service(*s);
            j.old = Some(*old);
            j.newest = ds.services[*s].prov.newest.as_ref().map(|r| r.to_string());
        }
        Advice::NewestSource { service: s } => {
            j.kind = AdviceKind::NewestSource;
            j.service = service(*s);
            j.newest = ds.services[*s].prov.newest.as_ref().map(|r| r.to_string());
        }
        Advice::MinimumFare { service: s, .. } => {
            j.kind = AdviceKind::MinimumFare;
            j.service = service(*s);
        }
        Advice::FareUnknown { service: s } => {
            j.kind = AdviceKind::FareUnknown;
            j.service = service(*s);
        }
        Advice::SeatsUnknown { service: s } => {
            j.kind = AdviceKind::SeatsUnknown;
            j.service = service(*s);
        }
        Advice::Disputed { subject, dispute } => {
            j.kind = AdviceKind::Disputed;
            (j.service, j.crossing, j.place) = subject_id(ds, *subject);
            j.fact = Some(w.dispute_of(*subject, *dispute).fact.to_string());
        }
        Advice::Stale { subject, verified } => {
            j.kind = AdviceKind::Stale;
            (j.service, j.crossing, j.place) = subject_id(ds, *subject);
            j.verified = Some(verified.to_string());
        }
        Advice::ClockTrap { place, .. } => {
            j.kind = AdviceKind::ClockTrap;
            let p = &ds.places[*place];
            j.place = Some(p.id.to_string());
            j.zone = Some(p.zone.0.name().to_string());
            j.local_zone = Some(p.local_zone.map_or(p.zone.0, |z| z.0).name().to_string());
        }
        Advice::BorderTimeUnknown {
            crossing: c,
            service: s,
        } => {
            j.kind = AdviceKind::BorderTimeUnknown;
            j.crossing = crossing(*c);
            j.service = service(*s);
        }
        Advice::HoursUnknown { crossing: c, side } => {
            j.kind = AdviceKind::HoursUnknown;
            j.crossing = crossing(*c);
            j.post = ds.crossings[*c]
                .sides
                .get(*side)
                .map(|s| s.country.to_string());
        }
        Advice::CrossingUncertain { crossing: c } => {
            j.kind = AdviceKind::CrossingUncertain;
            j.crossing = crossing(*c);
        }
        Advice::ClosureNear {
            crossing: c,
            closure,
        } => {
            j.kind = AdviceKind::ClosureNear;
            j.crossing = crossing(*c);
            let cl = &ds.crossings[*c].closures[*closure];
            j.closed = Some(closed(&crate::calendar::closed_by(cl), cl.from));
        }
        Advice::NoPassport => j.kind = AdviceKind::NoPassport,
        Advice::Suspended { service: s, since } => {
            j.kind = AdviceKind::Suspended;
            j.service = service(*s);
            j.since = since.map(|d| d.to_string());
        }
        Advice::Untimed { service: s, stop } => {
            j.kind = AdviceKind::Untimed;
            j.service = service(*s);
            let (_, c, p) = subject_id(ds, *stop);
            j.at = c.or(p);
        }
        Advice::PastDate { date, today } => {
            j.kind = AdviceKind::PastDate;
            j.date = Some(date.to_string());
            j.today = Some(today.to_string());
        }
        Advice::HolidaysUnknown { country, year } => {
            j.kind = AdviceKind::HolidaysUnknown;
            j.country = Some(country.to_string());
            j.year = Some(*year);
        }
        Advice::ScheduleUnannounced {
            country,
            year,
            holiday,
            from,
            to,
            days,
        } => {
            j.kind = AdviceKind::ScheduleUnannounced;
            j.country = Some(country.to_string());
            j.year = Some(*year);
            j.holiday = Some(holiday.to_string());
            j.from = Some(from.to_string());
            j.to = Some(to.to_string());
            j.days = Some(days.iter().map(|d| d.to_string()).collect());
        }
        Advice::SearchTruncated => j.kind = AdviceKind::SearchTruncated,
    }
    j
}

// ---------------------------------------------------------------------------------------
// plan --json

#[derive(Serialize, JsonSchema)]
pub struct FareJson {
    pub amount: serde_json::Number,
    pub currency: String,
    /// `person` or `vehicle`.
    pub per: &'static str,
    /// True when only a minimum is known (a minimum quote, or a fare for part of the leg).
    pub at_least: bool,
    /// The stops (place or crossing ids) the fare covers: the leg's own ends, or a stretch
    /// inside the leg, the rest of which is not priced (unless the leg's `more_fares`
    /// price it).
    pub covers_from: String,
    pub covers_to: String,
    /// What this leg costs the whole party, in the fare's currency.
    pub party: Amount,
}

/// A border a leg passes.
#[derive(Serialize, JsonSchema)]
pub struct LegCrossingJson {
    pub id: String,
    /// When the first post is reached (RFC 3339 in its clock); null when no source says.
    pub at: Option<String>,
    /// The day the border is crossed: the local date the first post is passed, after any
    /// wait for it to open (a vehicle reaching it after it closed and queueing overnight
    /// crosses the next day, a day later than `at`), or, when no time is known, the day it
    /// was checked for (a vehicle that spends a night on the way crosses the next day).
    pub day: String,
    /// The day of entry: the local date the second post is passed, in its clock, after any
    /// wait there (or the day it was checked for). A visa must be valid from it.
    pub entry_day: String,
    /// Where no source gives the time at the first post and the vehicle may reach it on
    /// more than one local day (it is on the road over midnight between the times known
    /// before and after the post): the last of them; `day` is the first, and every day
    /// between was checked. Absent when only one day is possible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_latest: Option<String>,
    /// The same for the second post: the last local day it may be passed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_day_latest: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct WindowJson {
    pub from: String,
    pub to: String,
}

#[derive(Serialize, JsonSchema)]
pub struct LegJson {
    pub from: String,
    pub to: String,
    /// `bus`, `sleeper-bus`, `minibus`, `train`, `shared-taxi`, `agency-car`.
    pub mode: String,
    pub service: String,
    /// RFC 3339 in the clock of the place left.
    pub depart: String,
    /// RFC 3339 in the clock of the place reached.
    pub arrive: String,
    /// The leg's fare, or when fares quoted apart for stretches make up the leg end to end
    /// (Sary-Tash to the border, then the border to Kashgar), the first stretch's.
    pub fare: Option<FareJson>,
    /// The other stretches' fares, in order, when `fare` is the first of such stretches:
    /// the leg costs their sum. Empty otherwise.
    pub more_fares: Vec<FareJson>,
    /// A shared taxi priced only as a whole vehicle the party does not fill: the seat price
    /// is unknown (`fare` is null) and this is the price of hiring the whole vehicle.
    pub hire: Option<Amount>,
    /// The first border the leg passes, the same as `borders[0]` (kept for consumers that
    /// read only it); null when the leg passes none.
    pub crossing: Option<LegCrossingJson>,
    /// Every border the leg passes, in the order passed (a bus from Tashkent to Bishkek
    /// through Kazakhstan passes two); empty when it passes none.
    pub borders: Vec<LegCrossingJson>,
    /// False when no source fixes the departure time: times are the earliest that fit.
    pub time_known: bool,
    /// True when the timetable gives the departure only roughly ("around midnight"): every
    /// time of this leg (`depart`, `arrive`, the post) is approximate.
    pub time_approx: bool,
    /// The newest date the service's sources report (YYYY-MM-DD, YYYY-MM, YYYY, "c. YYYY");
    /// null when every source is undated.
    pub newest_source: Option<String>,
    /// For a leg whose time is not known: the window it leaves in (`depart` is then its
    /// earliest moment, not a timetable time).
    pub window: Option<WindowJson>,
    /// False when `arrive` is only the earliest the leg could arrive: no source gives the
    /// time at the stop where it ends, or none gives when it leaves and it may arrive on a
    /// later day than `arrive` (a train that may leave at any hour of its day).
    pub arrive_known: bool,
    /// False when the leg boards at a stop on the way where no source gives when the
    /// vehicle leaves: `depart` is then when it arrives there (be aboard by then).
    pub depart_given: bool,
    /// Whether a post is reached within the margin before its closing time or cut-off.
    pub tight: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct RateJson {
    pub currency: String,
    pub date: Option<String>,
    /// More than a year older than today.
    pub stale: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct MissingJson {
    pub service: String,
    /// `unknown`, `minimum`, `seat-price`, `no-rate`, `too-large`.
    pub why: &'static str,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalJson {
    pub amount: serde_json::Number,
    pub currency: String,
    /// False when some leg's fare is unknown or a minimum: the amount is then a lower bound.
    pub complete: bool,
    /// Every rate used: the fare's currency, the rate's date, and whether it is stale.
    pub rates: Vec<RateJson>,
    /// What the amount leaves out, by leg.
    pub missing: Vec<MissingJson>,
}

#[derive(Serialize, JsonSchema)]
pub struct LeadJson {
    pub days: u32,
    pub working_days: bool,
}

/// A document to arrange before travel.
#[derive(Serialize, JsonSchema)]
pub struct NeedJson {
    /// `visa` or `permit`.
    pub kind: &'static str,
    /// The country (visa) or the permit id.
    pub id: String,
    /// `online`, `agency`, `office`, `embassy`, `border` or `unknown`.
    pub how: &'static str,
    pub apply_at: Option<String>,
    pub lead: Option<LeadJson>,
    pub cost: Option<Amount>,
    /// The local date it is first needed.
    pub needed_from: String,
    /// Where no source gives the day it is needed (a post or a place with a permit whose
    /// time is not known, reached on one of several days): the last of those days. It must
    /// be valid on every day from `needed_from` to this one: a visa must admit the traveller
    /// on any of them, a crossing's border-area permit cover each day the traveller may be
    /// in the area, a place's permit each day they may reach the place.
    /// Absent when it is needed on one known day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed_until: Option<String>,
    /// The last day to apply for it to be held in time, where the lead time is known.
    pub apply_by: Option<String>,
    pub passport: Option<String>,
    /// For a visa: the last day of a waiver for this passport that has ended.
    pub waiver_ended: Option<String>,
    /// False for permits whose enforcement the sources leave uncertain.
    pub enforced: bool,
}

pub fn need(ds: &Dataset, n: &Need) -> NeedJson {
    let (kind, id) = match n.doc {
        Doc::Visa(c) => ("visa", c.to_string()),
        Doc::Permit(p) => ("permit", ds.permits[p].id.to_string()),
    };
    NeedJson {
        kind,
        id,
        how: channel(n.channel),
        apply_at: n.get.apply_at.clone(),
        lead: n.get.lead.map(|l| match l {
            Lead::Days(d) => LeadJson {
                days: d,
                working_days: false,
            },
            Lead::WorkingDays(d) => LeadJson {
                days: d,
                working_days: true,
            },
        }),
        cost: n.get.cost.map(amount),
        needed_from: n.by.to_string(),
        needed_until: n.until.map(|d| d.to_string()),
        apply_by: documents::apply_by(ds, n.doc.issuer(), n.by, n.get.lead).map(|d| d.to_string()),
        passport: n.passport.map(|p| p.to_string()),
        waiver_ended: n.waiver_ended.map(|d| d.to_string()),
        enforced: n.enforced,
    }
}

#[derive(Serialize, JsonSchema)]
pub struct ItineraryJson {
    pub depart: String,
    pub arrive: String,
    pub total: TotalJson,
    /// The total shared per traveller, when a vehicle is shared by a party of two or more.
    pub per_person: Option<Amount>,
    pub changes: usize,
    /// False when `arrive` is only the earliest the journey could arrive: some leg's
    /// `arrive_known` is false (the legs after it are planned from its earliest arrival).
    /// The text then says "at the earliest".
    pub arrive_known: bool,
    /// Local midnights between departure and arrival, on board or not; when `arrive_known`
    /// is false, counted to the earliest possible arrival (at least this many).
    pub nights: i64,
    /// Of those, nights spent at a place between two legs.
    pub stopover_nights: i64,
    /// False when a stopover follows an overnight ride (sleeper bus, train) whose arrival
    /// time is not known: `stopover_nights` is then counted from the earliest that arrival
    /// could be, an upper bound (some of those nights may be spent on board).
    pub stopover_nights_known: bool,
    /// False when some leg's departure time is not fixed by a source.
    pub time_known: bool,
    pub legs: Vec<LegJson>,
    /// Documents to arrange before travel, in the order they are needed.
    pub before_you_go: Vec<NeedJson>,
    /// What to know about this itinerary.
    pub advice: Vec<AdviceJson>,
    /// The same route (services and stops) on other days of the window, in the answer's
    /// order: each with its departure and arrival (`arrive_known` false when that arrival is
    /// only the earliest it could be, as the itinerary's own `arrive_known`).
    pub also: Vec<AlsoJson>,
}

/// The same route on another day.
#[derive(Serialize, JsonSchema)]
pub struct AlsoJson {
    pub depart: String,
    pub arrive: String,
    pub arrive_known: bool,
    pub tight: bool,
}

/// What would change the answer.
#[derive(Serialize, JsonSchema)]
pub struct FixJson {
    /// `hold` (hold the documents listed) or `drop-restrictions` (plan without the
    /// crossings avoided and the place to pass that were asked for).
    pub change: &'static str,
    /// For `hold`: the documents, as `visa:CC` or `permit:ID`.
    pub documents: Vec<String>,
    /// The departure of the best itinerary it gives within the days searched.
    pub depart: Option<String>,
    pub arrive: Option<String>,
    /// Otherwise the earliest departure day within a year it makes possible.
    pub earliest: Option<String>,
    pub text: String,
}

/// With no itinerary: every route takes more rides than a plan searches.
#[derive(Serialize, JsonSchema)]
pub struct TooManyRidesJson {
    /// The fewest rides a route from the origin to the destination (through `--via`)
    /// takes, dates ignored.
    pub fewest: u32,
    /// The most rides a plan's journey may have.
    pub most: u32,
    /// A place (id) where the journey splits into two parts each within `most`, to plan
    /// one after the other; null where none does.
    pub split_at: Option<String>,
    pub text: String,
}

/// `crossings plan FROM TO --json`.
#[derive(Serialize, JsonSchema)]
pub struct PlanJson {
    /// The contract's version: 2.
    pub version: u32,
    pub from: String,
    pub to: String,
    /// The first departure day searched.
    pub date: String,
    /// How many departure days were searched.
    pub within: u32,
    pub party: u32,
    pub itineraries: Vec<ItineraryJson>,
    /// Routes found beyond the number asked for, not shown.
    pub more: usize,
    /// When there is no itinerary: why, the cause met most often first.
    pub reasons: Vec<ReasonJson>,
    /// What would change the answer, each with its effect.
    pub fixes: Vec<FixJson>,
    /// False when no chain of services with known times links the two places.
    pub connected: bool,
    /// True when the search stopped early (its work budget spent, or more equally good
    /// itineraries at a place than it keeps): other itineraries may exist.
    pub truncated: bool,
    /// Notes about the whole answer.
    pub advice: Vec<AdviceJson>,
    /// With no itinerary: the earliest departure day within a year that works.
    pub earliest: Option<String>,
    /// With no itinerary: the last departure day looked at for `earliest` when the dataset's
    /// dates end before a year does (none works up to it); otherwise null.
    pub searched_until: Option<String>,
    /// With no itinerary: set when every route takes more rides than a plan searches;
    /// otherwise null.
    pub too_many_rides: Option<TooManyRidesJson>,
}

fn place_of(ds: &Dataset, leg: &Leg, stop: usize) -> usize {
    match ds.services[leg.service].stops[stop].at {
        StopAt::Place(p) => p,
        StopAt::Crossing(_) => 0,
    }
}

pub fn plan(w: &Words, a: &super::plan::PlanAnswer) -> PlanJson {
    let ds = w.ds;
    let req = &a.req;
    let from = &ds.places[req.from];
    let to = &ds.places[req.to];
    let itineraries = a
        .itineraries
        .iter()
        .map(|ia| {
            let it = &ia.it;
            let t = &ia.total;
            let shares_vehicle = it.legs.iter().any(|l| l.vehicles.is_some());
            ItineraryJson {
                depart: rfc3339(it.depart(), from.zone.0),
                arrive: rfc3339(it.arrive(), to.zone.0),
                total: TotalJson {
                    amount: money::json(t.sum),
                    currency: t.sum.currency.to_string(),
                    complete: t.complete(),
                    rates: t
                        .rates
                        .iter()
                        .map(|r| RateJson {
                            currency: r.currency.to_string(),
                            date: r.date.map(|d| d.to_string()),
                            stale: r
                                .date
                                .is_some_and(|d| (w.today - d).num_days() > money::STALE_RATE_DAYS),
                        })
                        .collect(),
                    missing: t
                        .missing
                        .iter()
                        .map(|(n, m)| MissingJson {
                            service: ds.services[it.legs[*n].service].id.to_string(),
                            why: match m {
                                money::Missing::Unknown => "unknown",
                                money::Missing::Minimum => "minimum",
                                money::Missing::SeatPrice => "seat-price",
                                money::Missing::NoRate(_) => "no-rate",
                                money::Missing::TooLarge => "too-large",
                            },
                        })
                        .collect(),
                },
                per_person: (shares_vehicle && req.party > 1).then(|| {
                    amount(Money {
                        minor: t.sum.minor / i64::from(req.party),
                        currency: t.sum.currency,
                    })
                }),
                changes: it.changes(),
                arrive_known: it.arrival_certain(),
                nights: ia.nights,
                stopover_nights: ia.stopover_nights,
                stopover_nights_known: ia.stopover_nights_known,
                time_known: it.time_known(),
                legs: it.legs.iter().map(|l| leg(ds, l)).collect(),
                before_you_go: ia.needs.iter().map(|n| need(ds, n)).collect(),
                advice: ia.advice.iter().map(|x| advice(w, x)).collect(),
                also: ia
                    .also
                    .iter()
                    .map(|o| AlsoJson {
                        depart: rfc3339(o.depart(), from.zone.0),
                        arrive: rfc3339(o.arrive(), to.zone.0),
                        arrive_known: o.arrival_certain(),
                        tight: o.tight(),
                    })
                    .collect(),
            }
        })
        .collect();
    PlanJson {
        version: VERSION,
        from: from.id.to_string(),
        to: to.id.to_string(),
        date: req.date.to_string(),
        within: req.within,
        party: req.party,
        itineraries,
        more: a.more,
        reasons: a
            .reasons
            .iter()
            .map(|(b, dates)| reason(w, b, dates))
            .collect(),
        fixes: a
            .plan
            .fixes
            .iter()
            .map(|f| FixJson {
                change: match f.change {
                    documents::Change::Hold(_) => "hold",
                    documents::Change::DropRestrictions => "drop-restrictions",
                },
                documents: match &f.change {
                    documents::Change::Hold(d) => d
                        .iter()
                        .map(|d| match d {
                            Doc::Visa(c) => format!("visa:{c}"),
                            Doc::Permit(p) => format!("permit:{}", ds.permits[*p].id),
                        })
                        .collect(),
                    documents::Change::DropRestrictions => vec![],
                },
                depart: f
                    .itinerary
                    .as_ref()
                    .map(|it| rfc3339(it.depart(), from.zone.0)),
                arrive: f
                    .itinerary
                    .as_ref()
                    .map(|it| rfc3339(it.arrive(), to.zone.0)),
                earliest: f.earliest.map(|d| d.to_string()),
                text: super::paperwork::fix_with(ds, req, f, false),
            })
            .collect(),
        connected: a.plan.connected,
        truncated: a.plan.truncated,
        advice: a.notes.iter().map(|x| advice(w, x)).collect(),
        earliest: a.earliest.map(|d| d.to_string()),
        searched_until: a.plan.searched_until.map(|d| d.to_string()),
        too_many_rides: a.too_many_rides.map(|t| TooManyRidesJson {
            fewest: t.fewest,
            most: t.most,
            split_at: t.split.map(|p| ds.places[p].id.to_string()),
            text: super::plan::too_many_rides(w, req, &t),
        }),
    }
}

fn leg_crossing(ds: &Dataset, l: &Leg, b: &BorderPass) -> LegCrossingJson {
    let c = &ds.crossings[b.crossing];
    LegCrossingJson {
        id: c.id.to_string(),
        at: b.reach.map(|t| rfc3339(t, c.sides[b.first_side].zone.0)),
        day: b.pass_day(ds, l.depart).to_string(),
        entry_day: b.entry_day(ds, l.depart).to_string(),
        day_latest: b.latest[0].map(|d| d.to_string()),
        entry_day_latest: b.latest[1].map(|d| d.to_string()),
    }
}

fn leg(ds: &Dataset, l: &Leg) -> LegJson {
    let s = &ds.services[l.service];
    let (fp, tp) = (
        &ds.places[place_of(ds, l, l.board)],
        &ds.places[place_of(ds, l, l.alight)],
    );
    // A fare is a minimum when its quote says so or it covers part of the leg, unless
    // the stretches quoted apart make up the whole leg (then only "at least" quotes are).
    let fare_json = |fi: usize, party: Money| {
        let f = &s.fares[fi];
        FareJson {
            amount: money::json(f.price),
            currency: f.price.currency.to_string(),
            per: super::words::per_word(f.per),
            at_least: if l.more_fares.is_empty() {
                l.minimum_fare(s)
            } else {
                f.at_least
            },
            covers_from: stop_id(ds, s.stops[f.from].at).1,
            covers_to: stop_id(ds, s.stops[f.to].at).1,
            party: amount(party),
        }
    };
    LegJson {
        from: fp.id.to_string(),
        to: tp.id.to_string(),
        mode: super::mode_name(s.mode).into(),
        service: s.id.to_string(),
        depart: rfc3339(l.depart, fp.zone.0),
        arrive: rfc3339(l.arrive, tp.zone.0),
        fare: l.fare.map(|(fi, party)| fare_json(fi, party)),
        more_fares: l
            .more_fares
            .iter()
            .map(|&(fi, party)| fare_json(fi, party))
            .collect(),
        hire: l.hire.map(|(_, m)| amount(m)),
        crossing: l.borders.first().map(|b| leg_crossing(ds, l, b)),
        borders: l.borders.iter().map(|b| leg_crossing(ds, l, b)).collect(),
        time_known: l.time_known,
        time_approx: super::leg_about(ds, l),
        newest_source: s.prov.newest.as_ref().map(|r| r.to_string()),
        window: l.window.map(|(a, b)| WindowJson {
            from: rfc3339(a, fp.zone.0),
            to: rfc3339(b, fp.zone.0),
        }),
        arrive_known: l.arrive_known,
        depart_given: l.depart_given,
        tight: l.tight(),
    }
}

// ---------------------------------------------------------------------------------------
// plan --month --json

#[derive(Serialize, JsonSchema)]
pub struct PlanDayJson {
    pub date: String,
    pub works: bool,
    pub depart: Option<String>,
    pub arrive: Option<String>,
    /// False when some leg's time is not fixed by a source: times are the earliest that fit.
    pub time_known: Option<bool>,
    /// False when no source fixes the first leg's time: `depart` is then the earliest that
    /// fits (true with `time_known` false: the departure is a timetable's, the arrival is
    /// not).
    pub depart_known: Option<bool>,
    /// `depart` / `arrive` are only approximate (a source's "around midnight").
    pub depart_approx: Option<bool>,
    pub arrive_approx: Option<bool>,
    /// False when `arrive` is only the earliest the journey could arrive (as a plan's
    /// itinerary's `arrive_known`: some leg's arrival is not known).
    pub arrive_known: Option<bool>,
    /// When nothing works that day: why (a crossing's closure, or the cause met most often).
    pub reason: Option<DayReasonJson>,
    /// When nothing works that day: every cause that day's search met, as `plan --json`'s
    /// `reasons` for `plan --date DAY --within 1` (the `dates` of the rides each stopped, which
    /// may run past the day); empty when the journey works.
    pub reasons: Vec<ReasonJson>,
}

/// Why no journey leaves on a day.
#[derive(Serialize, JsonSchema)]
pub struct DayReasonJson {
    /// A crossing on the way closed that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crossing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<ClosedJson>,
    /// Otherwise what blocked the rides most often.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked: Option<ReasonJson>,
    /// With `blocked` cause `leave-later` (every journey leaving that day waits on the way
    /// for a connection that a later departure still catches): the day to leave instead, the
    /// next whose own plan offers an itinerary (ISO date; absent when none within 14 days).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    pub text: String,
}

/// `crossings plan FROM TO --month YYYY-MM --json`.
#[derive(Serialize, JsonSchema)]
pub struct PlanMonthJson {
    pub version: u32,
    pub from: String,
    pub to: String,
    /// YYYY-MM.
    pub month: String,
    pub days: Vec<PlanDayJson>,
}

pub fn plan_month(
    w: &Words,
    req: &crate::planner::Request,
    first: NaiveDate,
    days: &[crate::export::month::Day],
) -> PlanMonthJson {
    use crate::export::month::Why;
    let ds = w.ds;
    let (fz, tz) = (ds.places[req.from].zone.0, ds.places[req.to].zone.0);
    PlanMonthJson {
        version: VERSION,
        from: ds.places[req.from].id.to_string(),
        to: ds.places[req.to].id.to_string(),
        month: first.format("%Y-%m").to_string(),
        days: days
            .iter()
            .map(|d| PlanDayJson {
                date: d.date.to_string(),
                works: d.best.is_some(),
                depart: d.best.map(|(a, _, _)| a.with_timezone(&fz).to_rfc3339()),
                arrive: d.best.map(|(_, b, _)| b.with_timezone(&tz).to_rfc3339()),
                time_known: d.best.map(|(_, _, k)| k),
                depart_known: d.best.map(|_| d.depart_known),
                depart_approx: d.best.map(|_| d.about.0),
                arrive_approx: d.best.map(|_| d.about.1),
                arrive_known: d.best.map(|_| d.arrive_known),
                reason: d.why.as_ref().map(|why| match why {
                    Why::Closed(ci, c) => DayReasonJson {
                        crossing: Some(ds.crossings[*ci].id.to_string()),
                        closed: Some(closed(c, d.date)),
                        blocked: None,
                        instead: None,
                        text: w.closed(w.crossing(*ci), c, d.date),
                    },
                    Why::LeaveLater { instead } => {
                        let b = crate::findings::Blocker::LeaveLater;
                        let r = reason(w, &b, &std::iter::once(d.date).collect());
                        DayReasonJson {
                            crossing: None,
                            closed: None,
                            blocked: Some(r),
                            instead: instead.map(|d| d.to_string()),
                            text: super::month::leave_instead(w, d.date, *instead),
                        }
                    }
                    Why::Blocked(b) => {
                        let r = reason(w, b, &std::iter::once(d.date).collect());
                        DayReasonJson {
                            crossing: None,
                            closed: None,
                            text: r.text.clone(),
                            blocked: Some(r),
                            instead: None,
                        }
                    }
                }),
                reasons: d.reasons.iter().map(|(b, ds)| reason(w, b, ds)).collect(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// hours --json

#[derive(Serialize, JsonSchema)]
pub struct SideJson {
    pub country: String,
    pub post: String,
    /// The place id nearest the post.
    pub near: String,
    /// The IANA zone of the post's clock; every time of this side is in it.
    pub zone: String,
    /// The weekdays it opens (`Mon` … `Sun`); null when not known.
    pub days: Option<Vec<String>>,
    pub hours: Option<Span>,
    pub breaks: Vec<Span>,
    /// The practical cut-off (HH:MM): be through by then.
    pub cutoff: Option<String>,
    /// The way through the post the cut-off holds for: `leaving` or `entering` its country;
    /// null when it holds either way (or there is none).
    pub cutoff_for: Option<String>,
    /// The drive from this post to the other one, in minutes, where a source times it in
    /// this direction (a time reported the other way is not used); null when not known.
    pub drive_to_other_post_minutes: Option<i64>,
}

#[derive(Serialize, JsonSchema)]
pub struct AltJson {
    pub says: String,
    pub sources: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct DisputeJson {
    /// The fact disputed, as the data files name it.
    pub fact: String,
    /// For a fact recorded per direction (`between`): the country whose post is passed
    /// first in the one direction the versions are about; null when about every direction.
    pub from: Option<String>,
    pub summary: String,
    pub alternatives: Vec<AltJson>,
}

#[derive(Serialize, JsonSchema)]
pub struct SeasonJson {
    /// First and last open day each year (MM-DD).
    pub opens: String,
    pub closes: String,
}

/// A crossing on the date asked.
#[derive(Serialize, JsonSchema)]
pub struct OnDateJson {
    pub open: bool,
    /// Why it is closed.
    pub closed: Option<ClosedJson>,
    /// When closed: when it next opens (RFC 3339 in the clock of the post that opens last),
    /// only when every post's opening hours are known.
    pub next_open: Option<String>,
    /// When closed: the next day both posts open (ISO date), also when their hours are not
    /// known.
    pub next_open_day: Option<String>,
    /// When open: the posts (countries) whose opening days are not known, so that only
    /// "no closure known" can be said.
    pub days_unknown: Vec<String>,
    pub text: String,
}

#[derive(Serialize, JsonSchema)]
pub struct HoursCrossingJson {
    pub id: String,
    pub name: String,
    pub countries: [String; 2],
    /// `open`, `closed` or `uncertain`.
    pub status: &'static str,
    pub status_since: Option<String>,
    pub reopens: Option<String>,
    pub sides: Vec<SideJson>,
    /// Null when open all year.
    pub season: Option<SeasonJson>,
    /// Countries whose public holidays close it.
    pub holidays_close: Vec<String>,
    /// `anyone`, `citizens-only`, `agency-only`, `unknown`.
    pub foreigners: &'static str,
    pub foreigners_public_transport: Option<bool>,
    pub on_foot: Option<bool>,
    pub bicycle: Option<bool>,
    pub permits: Vec<String>,
    pub altitude_m: Option<u32>,
    pub verified: Option<String>,
    pub sources: Vec<String>,
    pub disputes: Vec<DisputeJson>,
    /// With a date: open that day or not, why, and when next.
    pub on_date: Option<OnDateJson>,
}

/// `crossings hours --json`.
#[derive(Serialize, JsonSchema)]
pub struct HoursJson {
    pub version: u32,
    pub date: Option<String>,
    pub crossings: Vec<HoursCrossingJson>,
}

fn weekdays(d: crate::types::Weekdays) -> Vec<String> {
    let missing = d.missing();
    [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ]
    .into_iter()
    .filter(|x| !missing.contains(x))
    .map(|x| x.to_string())
    .collect()
}

pub fn hours(w: &Words, chosen: &[usize], date: Option<NaiveDate>) -> HoursJson {
    use crate::calendar;
    use crate::model::Foreigners;
    let ds = w.ds;
    let ids =
        |v: &[usize]| -> Vec<String> { v.iter().map(|s| ds.sources[*s].id.to_string()).collect() };
    let crossings = chosen
        .iter()
        .map(|i| {
            let c = &ds.crossings[*i];
            HoursCrossingJson {
                id: c.id.to_string(),
                name: c.name.to_string(),
                countries: [
                    c.sides[0].country.to_string(),
                    c.sides[1].country.to_string(),
                ],
                status: match c.status {
                    CrossingStatus::Open => "open",
                    CrossingStatus::Closed => "closed",
                    CrossingStatus::Uncertain => "uncertain",
                },
                status_since: c.status_since.map(|d| d.to_string()),
                reopens: c.reopens.map(|d| d.to_string()),
                sides: c
                    .sides
                    .iter()
                    .zip(c.between)
                    .map(|(s, between)| SideJson {
                        country: s.country.to_string(),
                        post: s.post.to_string(),
                        near: ds.places[s.near].id.to_string(),
                        zone: s.zone.0.name().into(),
                        days: s.days.map(weekdays),
                        hours: s.hours.map(span),
                        breaks: s.breaks.iter().map(|b| span(*b)).collect(),
                        cutoff: s.cutoff.map(|c| hhmm(c.0)),
                        cutoff_for: s
                            .cutoff
                            .and(s.cutoff_for)
                            .map(|d| crate::render::words::direction_word(d).into()),
                        drive_to_other_post_minutes: between.map(|d| d.minutes()),
                    })
                    .collect(),
                season: c.season.map(|s| SeasonJson {
                    opens: format!("{:02}-{:02}", s.open.month, s.open.day),
                    closes: format!("{:02}-{:02}", s.close.month, s.close.day),
                }),
                holidays_close: c.holidays_close.iter().map(|h| h.to_string()).collect(),
                foreigners: match c.foreigners {
                    Foreigners::Anyone => "anyone",
                    Foreigners::CitizensOnly => "citizens-only",
                    Foreigners::AgencyOnly => "agency-only",
                    Foreigners::Unknown => "unknown",
                },
                foreigners_public_transport: c.foreigners_public_transport,
                on_foot: c.on_foot,
                bicycle: c.bicycle,
                permits: c
                    .permits
                    .iter()
                    .map(|p| ds.permits[*p].id.to_string())
                    .collect(),
                altitude_m: c.altitude_m,
                verified: c.prov.verified.map(|d| d.to_string()),
                sources: ids(&c.prov.sources),
                disputes: c
                    .disputes
                    .iter()
                    .map(|d| DisputeJson {
                        fact: d.fact.to_string(),
                        from: d.from.map(|c| c.to_string()),
                        summary: d.summary.to_string(),
                        alternatives: d
                            .alternatives
                            .iter()
                            .map(|x| AltJson {
                                says: x.says.to_string(),
                                sources: ids(&x.sources),
                            })
                            .collect(),
                    })
                    .collect(),
                on_date: date.map(|d| {
                    let why = calendar::crossing_day(ds, c, d).err();
                    let days_unknown = super::hours::days_unknown(c);
                    OnDateJson {
                        open: why.is_none(),
                        text: super::hours::day_state(w, c, d),
                        next_open: why.as_ref().and_then(|_| {
                            super::hours::next_opening(ds, c, d)
                                .and_then(|(_, at)| at)
                                .map(|(t, z)| t.with_timezone(&z).to_rfc3339())
                        }),
                        next_open_day: why.as_ref().and_then(|_| {
                            super::hours::next_opening(ds, c, d).map(|(day, _)| day.to_string())
                        }),
                        closed: why.as_ref().map(|x| closed(x, d)),
                        days_unknown: if why.is_none() {
                            days_unknown
                        } else {
                            Vec::new()
                        },
                    }
                }),
            }
        })
        .collect();
    HoursJson {
        version: VERSION,
        date: date.map(|d| d.to_string()),
        crossings,
    }
}

/// One day of a crossing's month.
#[derive(Serialize, JsonSchema)]
pub struct HoursDayJson {
    pub date: String,
    pub open: bool,
    pub closed: Option<ClosedJson>,
    pub text: Option<String>,
}

/// `crossings hours CROSSING --month YYYY-MM --json`.
#[derive(Serialize, JsonSchema)]
pub struct HoursMonthJson {
    pub version: u32,
    pub id: String,
    pub name: String,
    pub month: String,
    pub days: Vec<HoursDayJson>,
}

pub fn hours_month(w: &Words, c: &crate::model::Crossing, first: NaiveDate) -> HoursMonthJson {
    use chrono::Datelike;
    let days = first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .map(|d| {
            let why = crate::calendar::crossing_day(w.ds, c, d).err();
            HoursDayJson {
                date: d.to_string(),
                open: why.is_none(),
                closed: why.as_ref().map(|x| closed(x, d)),
                text: why.map(|x| w.closed(&c.name, &x, d)),
            }
        })
        .collect();
    HoursMonthJson {
        version: VERSION,
        id: c.id.to_string(),
        name: c.name.to_string(),
        month: first.format("%Y-%m").to_string(),
        days,
    }
}

// ---------------------------------------------------------------------------------------
// services --json

#[derive(Serialize, JsonSchema)]
pub struct StopJson {
    /// `place` or `crossing`.
    pub kind: &'static str,
    pub id: String,
    /// Time from the first stop (minutes) at which the vehicle reaches the stop, where a
    /// source gives it.
    pub offset_minutes: Option<i64>,
    /// Time from the first stop (minutes) at which it leaves a stop on the way, where a
    /// source gives that; null otherwise (not known, or the first or last stop).
    pub depart_minutes: Option<i64>,
    /// Where no source gives the time: the nights a source says the vehicle has spent on
    /// the way when it gets here (0: none said; see `crossings plan` for how it is used).
    pub nights: u8,
}

#[derive(Serialize, JsonSchema)]
pub struct ScheduleJson {
    /// `weekly` (fixed times), `on-demand` (an arranged transfer), `when-full`.
    pub kind: &'static str,
    /// Weekdays it runs; null when not known.
    pub days: Option<Vec<String>>,
    /// HH:MM in `zone`: the timetable time (weekly) or the earliest (others).
    pub depart: Option<String>,
    /// True when the source gives `depart` only roughly ("around midnight").
    pub depart_approx: bool,
    /// A window it leaves in, where a source gives one.
    pub window: Option<Span>,
    /// The IANA zone its times are written in.
    pub zone: String,
    /// Days booked ahead, where a source says (minutes).
    pub book_ahead_minutes: Option<i64>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub except: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ServiceFareJson {
    pub amount: serde_json::Number,
    pub currency: String,
    /// `person` or `vehicle`.
    pub per: &'static str,
    /// Seats in the vehicle, for a per-vehicle fare.
    pub seats: Option<u32>,
    /// The stops (place or crossing ids) the fare is for.
    pub from: String,
    pub to: String,
    pub at_least: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct BaggageRuleJson {
    pub free_kg: Option<u32>,
    pub excess_per_kg: Option<Amount>,
    pub per_piece: Option<Amount>,
}

#[derive(Serialize, JsonSchema)]
pub struct ServiceJson {
    pub id: String,
    pub name: String,
    pub mode: &'static str,
    pub operator: Option<String>,
    pub stops: Vec<StopJson>,
    pub schedule: ScheduleJson,
    pub fares: Vec<ServiceFareJson>,
    /// Null when no baggage rule is known.
    pub baggage: Option<BaggageRuleJson>,
    /// `running`, `suspended`, `uncertain`.
    pub status: &'static str,
    pub status_since: Option<String>,
    /// Whether foreigners may ride; null when not known.
    pub foreigners: Option<bool>,
    pub verified: Option<String>,
    /// The newest date its sources report.
    pub newest_source: Option<String>,
    pub sources: Vec<String>,
}

/// `crossings services --json`.
#[derive(Serialize, JsonSchema)]
pub struct ServicesJson {
    pub version: u32,
    pub services: Vec<ServiceJson>,
}

fn stop_id(ds: &Dataset, at: StopAt) -> (&'static str, String) {
    match at {
        StopAt::Place(p) => ("place", ds.places[p].id.to_string()),
        StopAt::Crossing(c) => ("crossing", ds.crossings[c].id.to_string()),
    }
}

pub fn services(ds: &Dataset, chosen: &[usize]) -> ServicesJson {
    use crate::model::{ScheduleKind, ServiceStatus};
    let services = chosen
        .iter()
        .map(|i| {
            let s = &ds.services[*i];
            let sc = &s.schedule;
            ServiceJson {
                id: s.id.to_string(),
                name: s.name.to_string(),
                mode: super::mode_name(s.mode),
                operator: s.operator.as_deref().map(str::to_string),
                stops: s
                    .stops
                    .iter()
                    .map(|st| {
                        let (kind, id) = stop_id(ds, st.at);
                        StopJson {
                            kind,
                            id,
                            offset_minutes: st.offset.map(|d| d.0),
                            depart_minutes: st.depart.map(|d| d.0),
                            nights: st.nights,
                        }
                    })
                    .collect(),
                schedule: ScheduleJson {
                    kind: match sc.kind {
                        ScheduleKind::Weekly => "weekly",
                        ScheduleKind::OnDemand => "on-demand",
                        ScheduleKind::WhenFull => "when-full",
                    },
                    days: sc.days.map(weekdays),
                    depart: sc.depart.map(|t| hhmm(t.0)),
                    depart_approx: sc.approx,
                    window: sc.window.map(span),
                    zone: sc.zone.0.name().to_string(),
                    book_ahead_minutes: sc.book_ahead.map(|d| d.0),
                    first: sc.first.map(|d| d.to_string()),
                    last: sc.last.map(|d| d.to_string()),
                    except: sc.except.iter().map(|d| d.to_string()).collect(),
                },
                fares: s
                    .fares
                    .iter()
                    .map(|f| ServiceFareJson {
                        amount: money::json(f.price),
                        currency: f.price.currency.to_string(),
                        per: super::words::per_word(f.per),
                        seats: f.seats,
                        from: stop_id(ds, s.stops[f.from].at).1,
                        to: stop_id(ds, s.stops[f.to].at).1,
                        at_least: f.at_least,
                    })
                    .collect(),
                baggage: s.baggage.as_ref().map(|b| BaggageRuleJson {
                    free_kg: b.free_kg,
                    excess_per_kg: b.excess_per_kg.map(amount),
                    per_piece: b.per_piece.map(amount),
                }),
                status: match s.status {
                    ServiceStatus::Running => "running",
                    ServiceStatus::Suspended => "suspended",
                    ServiceStatus::Uncertain => "uncertain",
                },
                status_since: s.status_since.map(|d| d.to_string()),
                foreigners: s.foreigners,
                verified: s.prov.verified.map(|d| d.to_string()),
                newest_source: s.prov.newest.as_ref().map(|r| r.to_string()),
                sources: s
                    .prov
                    .sources
                    .iter()
                    .map(|x| ds.sources[*x].id.to_string())
                    .collect(),
            }
        })
        .collect();
    ServicesJson {
        version: VERSION,
        services,
    }
}

// ---------------------------------------------------------------------------------------
// baggage --json

/// Whether a baggage rule is known for a service, and whether it gives the fee.
#[derive(Serialize, JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum BaggageStatus {
    /// No baggage rule is known for the service; `fee` is null.
    NoRule,
    /// A rule is known and gives the fee for the weight (0 within the allowance); `fee` is
    /// set.
    FeeKnown,
    /// A rule is known, but not what the weight costs (no allowance or no excess rate is
    /// known); `fee` is null.
    FeeUnknown,
}

/// Which case of a service's baggage rule the weight falls in.
#[derive(Serialize, JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum BaggageCaseJson {
    /// No baggage rule is known.
    NoRule,
    /// Within the free allowance: no excess fee.
    WithinAllowance,
    /// Over the allowance, at a rate no source gives.
    RateUnknown,
    /// Over the allowance, at a known rate.
    Charged,
    /// No weight allowance is known.
    AllowanceUnknown,
}

/// What the baggage costs on one service.
#[derive(Serialize, JsonSchema)]
pub struct BaggageRowJson {
    pub service: String,
    /// Null when no allowance is known.
    pub free_kg: Option<u32>,
    /// Kilos over the allowance (one decimal).
    pub excess_kg: Option<serde_json::Number>,
    /// The excess rate per kilo; null when the data gives none.
    pub rate: Option<Amount>,
    /// The fee for the excess, in the rate's currency; null when unknown.
    pub fee: Option<Amount>,
    /// The fee in the currency asked for.
    pub fee_converted: Option<Amount>,
    /// A charge per bag on top.
    pub per_piece: Option<Amount>,
    /// The charge per bag in the currency asked for.
    pub per_piece_converted: Option<Amount>,
    /// The date (YYYY-MM-DD) of the rate `fee_converted` or `per_piece_converted` was
    /// converted at (the older, where both were); null where nothing was converted.
    pub rate_date: Option<String>,
    /// Whether that rate is more than a year older than today (as a plan's `stale` rate).
    pub rate_stale: bool,
    /// Whether a rule is known and gives the fee: `no-rule`, `fee-known`, `fee-unknown`.
    pub status: BaggageStatus,
    /// Which case of the rule: `no-rule` (no baggage rule known), `within-allowance`,
    /// `rate-unknown` (over the allowance, rate not known), `charged`, `allowance-unknown`.
    pub case: BaggageCaseJson,
    pub text: String,
}

/// `crossings baggage --json`.
#[derive(Serialize, JsonSchema)]
pub struct BaggageJson {
    pub version: u32,
    /// The weight asked about (one decimal).
    pub kg: serde_json::Number,
    pub services: Vec<BaggageRowJson>,
}

// ---------------------------------------------------------------------------------------
// places --json

#[derive(Serialize, JsonSchema)]
pub struct PlaceJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: String,
    pub zone: String,
    /// The clock many people keep there, when it differs from the official zone.
    pub local_zone: Option<String>,
    /// [longitude, latitude].
    pub coords: Option<[f64; 2]>,
    pub verified: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct PlaceCrossingJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub countries: [String; 2],
    pub zones: [String; 2],
}

/// `crossings places --json`, ranked as the human view is (with a query: exact names and
/// aliases first).
#[derive(Serialize, JsonSchema)]
pub struct PlacesJson {
    pub version: u32,
    pub places: Vec<PlaceJson>,
    pub crossings: Vec<PlaceCrossingJson>,
}

pub fn places(ds: &Dataset, places: &[usize], crossings: &[usize]) -> PlacesJson {
    PlacesJson {
        version: VERSION,
        places: places
            .iter()
            .map(|i| {
                let p = &ds.places[*i];
                PlaceJson {
                    id: p.id.to_string(),
                    name: p.name.to_string(),
                    aliases: p.aliases.iter().map(|a| a.to_string()).collect(),
                    country: p.country.to_string(),
                    zone: p.zone.0.name().to_string(),
                    local_zone: p.local_zone.map(|z| z.0.name().to_string()),
                    coords: p.coords,
                    verified: p.prov.verified.map(|d| d.to_string()),
                }
            })
            .collect(),
        crossings: crossings
            .iter()
            .map(|i| {
                let c = &ds.crossings[*i];
                PlaceCrossingJson {
                    id: c.id.to_string(),
                    name: c.name.to_string(),
                    aliases: c.aliases.iter().map(|a| a.to_string()).collect(),
                    countries: [
                        c.sides[0].country.to_string(),
                        c.sides[1].country.to_string(),
                    ],
                    zones: [
                        c.sides[0].zone.0.name().to_string(),
                        c.sides[1].zone.0.name().to_string(),
                    ],
                }
            })
            .collect(),
    }
}

/// The JSON Schema of every command's `--json` output, by file name (schema/NAME.json).
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn one<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    }
    vec![
        ("plan", one::<PlanJson>()),
        ("plan-month", one::<PlanMonthJson>()),
        ("hours", one::<HoursJson>()),
        ("hours-month", one::<HoursMonthJson>()),
        ("services", one::<ServicesJson>()),
        ("baggage", one::<BaggageJson>()),
        ("places", one::<PlacesJson>()),
    ]
}
