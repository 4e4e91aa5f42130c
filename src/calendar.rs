//! When a border post is open: status, season, dated closures, public holidays, weekdays,
//! hours, lunch breaks and the practical cut-off, each judged in the clock the post keeps.
//! The planner and `crossings hours` both ask here, so they can never disagree.

use crate::model::{Closure, Crossing, CrossingIx, CrossingStatus, Dataset, Direction, Side};
use crate::types::{Season, TimeRange, Weekdays};
use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Why a crossing (or one side of it) is closed on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Closed {
    Status {
        status: CrossingStatus,
        since: Option<NaiveDate>,
        reopens: Option<NaiveDate>,
    },
    Season(Season),
    /// An open crossing on a day before its `status_since`: the data records it open only
    /// from that day, and what held before is not known. Not offered, but not known closed.
    NotRecordedOpen {
        since: NaiveDate,
    },
    /// An announced closure (a notice). With hours, it starts at `starts` on `from` and
    /// ends at `ends` on `to`, in `zone`; without, it is whole days in each post's clock.
    Closure {
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
        starts: Option<NaiveTime>,
        ends: Option<NaiveTime>,
        zone: Option<Tz>,
    },
    /// A forecast: a public holiday expected to close the post, no notice published yet.
    /// `pattern` is true where the day follows the crossing's recorded pattern (which days
    /// of a holiday block past notices closed), false where every day off is assumed.
    Holiday {
        country: crate::types::Country,
        name: String,
        pattern: bool,
    },
    Weekday {
        weekday: Weekday,
        days: Weekdays,
    },
}

impl Closed {
    /// A short kind, for grouping and for JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Closed::Status { .. } => "status",
            Closed::Season(_) => "season",
            Closed::NotRecordedOpen { .. } => "not-recorded-open",
            Closed::Closure { .. } => "closure",
            Closed::Holiday { .. } => "holiday",
            Closed::Weekday { .. } => "weekend",
        }
    }
}

/// Why a vehicle cannot pass a post at a given moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocked {
    Day(Closed),
    /// Reached outside the hours (or after the practical cut-off), or in a lunch break.
    Hours {
        local: NaiveTime,
        window: Option<TimeRange>,
        cutoff: Option<NaiveTime>,
        lunch: Option<TimeRange>,
    },
}

/// A notice's closing as instants (`Closure::span`): `None` for a notice of whole days.
pub type Span = Option<(DateTime<Utc>, DateTime<Utc>)>;

/// The span of each of a crossing's notices, in the order of `c.closures`.
pub fn spans(c: &Crossing) -> Vec<Span> {
    c.closures.iter().map(Closure::span).collect()
}

/// Is the crossing open on this calendar day, judged for one side (its holidays are those
/// the crossing names; its weekdays are the side's)?
pub fn side_day(ds: &Dataset, c: &Crossing, side: &Side, date: NaiveDate) -> Result<(), Closed> {
    side_day_in(ds, c, &spans(c), side, date)
}

/// `side_day` with the crossing's notice spans worked out (`spans`).
fn side_day_in(
    ds: &Dataset,
    c: &Crossing,
    spans: &[Span],
    side: &Side,
    date: NaiveDate,
) -> Result<(), Closed> {
    match c.status {
        CrossingStatus::Closed if c.reopens.is_none_or(|r| date < r) => {
            return Err(Closed::Status {
                status: c.status,
                since: c.status_since,
                reopens: c.reopens,
            });
        }
        // Open since a day (a reopening, most often after 2020-22): on an earlier day the
        // dataset does not know it open, and does not offer it.
        CrossingStatus::Open => {
            if let Some(since) = c.status_since.filter(|s| date < *s) {
                return Err(Closed::NotRecordedOpen { since });
            }
        }
        _ => {}
    }
    if let Some(s) = c.season {
        if !s.contains(date) {
            return Err(Closed::Season(s));
        }
    }
    if let Some((cl, _)) = c
        .closures
        .iter()
        .zip(spans)
        .find(|(cl, span)| closes_whole_day(cl, **span, side, date))
    {
        return Err(closed_by(cl));
    }
    // Public holidays are a forecast; where a notice speaks for the holiday block, it rules.
    // (The notice is looked for only on a holiday: most days are none, and a crossing may
    // have many notices.)
    for country in &c.holidays_close {
        if let Some(h) = ds.holiday_on(*country, date) {
            if c.notice_covers(date) {
                break;
            }
            let pattern = c.forecast(*country);
            if pattern.is_none_or(|f| f.closes_on(&h)) {
                return Err(Closed::Holiday {
                    country: *country,
                    name: h.names.first().map(|n| n.to_string()).unwrap_or_default(),
                    pattern: pattern.is_some(),
                });
            }
        }
    }
    if let Some(days) = side.days {
        // A make-up working day opens it where past notices show so (and no notice speaks).
        if !days.contains(date.weekday()) && (!makeup_open(ds, c, date) || c.notice_covers(date)) {
            return Err(Closed::Weekday {
                weekday: date.weekday(),
                days,
            });
        }
    }
    Ok(())
}

/// Is `date` a make-up working day on which, as past notices show, the crossing opens
/// although its posts are normally closed that weekday?
pub fn makeup_open(ds: &Dataset, c: &Crossing, date: NaiveDate) -> bool {
    c.forecasts
        .iter()
        .any(|f| f.opens_on_makeup_days && ds.makeup_day(f.country, date))
}

/// The closure as a reason.
pub fn closed_by(cl: &Closure) -> Closed {
    Closed::Closure {
        from: cl.from,
        to: cl.to,
        reason: cl.reason.to_string(),
        starts: cl.starts.map(|t| t.0),
        ends: cl.ends.map(|t| t.0),
        zone: cl.zone.map(|z| z.0),
    }
}

/// Does the notice close this side's post for the whole of its local `date`? A notice of
/// whole days closes the dates it names; one with hours closes a day when it covers all of
/// the post's opening hours that day (the whole day where the hours are not known).
fn closes_whole_day(cl: &Closure, span: Span, side: &Side, date: NaiveDate) -> bool {
    match span {
        None => cl.from <= date && date <= cl.to,
        Some((a, b)) => {
            let zone = side.zone.0;
            let covered = match side.hours {
                Some(h) => at_local(zone, date, h.start.0)
                    .zip(at_local(zone, date, h.end.0))
                    .map(|(s, e)| a <= s && e < b),
                None => at_local(zone, date, NaiveTime::MIN)
                    .zip(
                        date.succ_opt()
                            .and_then(|n| at_local(zone, n, NaiveTime::MIN)),
                    )
                    .map(|(s, e)| a <= s && e <= b),
            };
            covered.unwrap_or(false)
        }
    }
}

/// A notice with hours that closes this side's post for part of its local `date` (it
/// starts or ends within the day): the post is open only outside it.
pub fn part_day_closure<'a>(c: &'a Crossing, side: &Side, date: NaiveDate) -> Option<&'a Closure> {
    let zone = side.zone.0;
    let start = at_local(zone, date, NaiveTime::MIN)?;
    let end = at_local(zone, date.succ_opt()?, NaiveTime::MIN)?;
    c.closures.iter().find(|cl| {
        let span = cl.span();
        span.is_some_and(|(a, b)| a < end && start < b) && !closes_whole_day(cl, span, side, date)
    })
}

/// The notice with hours in force at instant `t`, if any.
fn closure_at<'a>(c: &'a Crossing, spans: &[Span], t: DateTime<Utc>) -> Option<&'a Closure> {
    c.closures
        .iter()
        .zip(spans)
        .find(|(_, span)| span.is_some_and(|(a, b)| a <= t && t < b))
        .map(|(cl, _)| cl)
}

/// Whether the dataset knows the public holidays of `country` in the year of `date`: the
/// generated lists cover a span of years (sorted by date), and the holidays of a year before
/// or after it are simply not known (dates are accepted from five years before the earliest
/// dated record, so a past year can be outside the span too).
pub fn holidays_known(ds: &Dataset, country: crate::types::Country, date: NaiveDate) -> bool {
    ds.holidays
        .get(&country)
        .is_some_and(|l| l.spans_year_of(date))
}

/// Is the whole crossing open on this date (both sides)?
pub fn crossing_day(ds: &Dataset, c: &Crossing, date: NaiveDate) -> Result<(), Closed> {
    for side in &c.sides {
        side_day(ds, c, side, date)?;
    }
    Ok(())
}

/// The cut-off that applies to travellers going `dir` through this side's post: a cut-off
/// reported for one direction only binds that direction.
pub fn cutoff(side: &Side, dir: Direction) -> Option<NaiveTime> {
    side.cutoff
        .filter(|_| side.cutoff_for.is_none_or(|d| d == dir))
        .map(|c| c.0)
}

/// The latest moment of the day a vehicle going `dir` may reach the post: the closing time
/// or the practical cut-off for that direction, whichever is earlier.
pub fn last_entry(side: &Side, dir: Direction) -> Option<NaiveTime> {
    match (side.hours.map(|h| h.end.0), cutoff(side, dir)) {
        (Some(h), Some(c)) => Some(h.min(c)),
        (h, c) => h.or(c),
    }
}

/// The latest moment of the day a vehicle going `dir` that passes the post at `t` could
/// have reached it: `last_entry`, or earlier where a notice closes the post later that
/// local day (the margin a traveller has is to the closure).
pub fn last_entry_at(
    c: &Crossing,
    side: &Side,
    dir: Direction,
    t: DateTime<Utc>,
) -> Option<NaiveTime> {
    last_entry_in(&spans(c), side, dir, t, None)
}

/// `last_entry_at` with the crossing's notice spans worked out (`spans`).
fn last_entry_in(
    spans: &[Span],
    side: &Side,
    dir: Direction,
    t: DateTime<Utc>,
    mut zones: Option<&mut Zones>,
) -> Option<NaiveTime> {
    let zone = side.zone.0;
    let mut local = |t: DateTime<Utc>| local_in(zones.as_deref_mut(), zone, t);
    let date = local(t).date();
    let closes = spans
        .iter()
        .filter_map(|span| *span)
        .map(|(a, _)| a)
        .filter(|a| *a > t)
        .map(&mut local)
        .filter(|a| a.date() == date)
        .map(|a| a.time())
        .min();
    match (last_entry(side, dir), closes) {
        (Some(l), Some(x)) => Some(l.min(x)),
        (l, x) => l.or(x),
    }
}

/// `t`'s local date and time in `zone`, through `zones` where given.
fn local_in(zones: Option<&mut Zones>, zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    match zones {
        Some(z) => z.local(zone, t),
        None => t.with_timezone(&zone).naive_local(),
    }
}

/// Can a vehicle going `dir` and reaching this side's post at instant `t` pass?
pub fn side_at(
    ds: &Dataset,
    c: &Crossing,
    side: &Side,
    dir: Direction,
    t: DateTime<Utc>,
) -> Result<(), Blocked> {
    let spans = spans(c);
    Post::new(ds, c, side, &spans).at(dir, t)
}

/// Local midnight of `date` in `zone` as an instant.
pub fn at_local(zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|d| d.with_timezone(&Utc))
}

/// The first instant at or after `t` when a vehicle going `dir` could pass this side,
/// looking at most `days` days ahead.
pub fn next_side_open(
    ds: &Dataset,
    c: &Crossing,
    side: &Side,
    dir: Direction,
    t: DateTime<Utc>,
    days: i64,
) -> Option<DateTime<Utc>> {
    let spans = spans(c);
    Post::new(ds, c, side, &spans).next_open(dir, t, days)
}

/// One side's post of a crossing, as the planner asks about it again and again: the
/// crossing's notice spans worked out once, and in a `Memo` each local day's verdict once.
/// Its answers are those of the free functions (`side_day`, `side_at`, `next_side_open`,
/// `last_entry_at`), which call it.
pub struct Post<'a> {
    ds: &'a Dataset,
    c: &'a Crossing,
    side: &'a Side,
    spans: &'a [Span],
    days: Option<&'a mut DayVerdicts>,
    zones: Option<&'a mut Zones>,
}

/// Each local day's `side_day` verdict for one post.
type DayVerdicts = HashMap<NaiveDate, Result<(), Closed>, Fast>;

impl<'a> Post<'a> {
    fn new(ds: &'a Dataset, c: &'a Crossing, side: &'a Side, spans: &'a [Span]) -> Post<'a> {
        Post {
            ds,
            c,
            side,
            spans,
            days: None,
            zones: None,
        }
    }

    fn local(&mut self, zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
        local_in(self.zones.as_deref_mut(), zone, t)
    }

    fn at_local(&mut self, zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
        match self.zones.as_deref_mut() {
            Some(z) => z.at_local(zone, date, time),
            None => at_local(zone, date, time),
        }
    }

    /// `side_day` for this post.
    pub fn day(&mut self, date: NaiveDate) -> Result<(), Closed> {
        let (ds, c, side, spans) = (self.ds, self.c, self.side, self.spans);
        match self.days.as_deref_mut() {
            Some(days) => days
                .entry(date)
                .or_insert_with(|| side_day_in(ds, c, spans, side, date))
                .clone(),
            None => side_day_in(ds, c, spans, side, date),
        }
    }

    /// `last_entry_at` for this post.
    pub fn last_entry_at(&mut self, dir: Direction, t: DateTime<Utc>) -> Option<NaiveTime> {
        last_entry_in(self.spans, self.side, dir, t, self.zones.as_deref_mut())
    }

    /// `side_at` for this post.
    pub fn at(&mut self, dir: Direction, t: DateTime<Utc>) -> Result<(), Blocked> {
        let side = self.side;
        let local = self.local(side.zone.0, t);
        self.day(local.date()).map_err(Blocked::Day)?;
        if let Some(cl) = closure_at(self.c, self.spans, t) {
            return Err(Blocked::Day(closed_by(cl)));
        }
        let time = local.time();
        let opens = side.hours.map(|h| h.start.0);
        let last = last_entry(side, dir);
        let outside = opens.is_some_and(|o| time < o) || last.is_some_and(|l| time > l);
        let lunch = side
            .breaks
            .iter()
            .find(|b| b.start.0 < time && time < b.end.0)
            .copied();
        if outside || lunch.is_some() {
            return Err(Blocked::Hours {
                local: time,
                window: side.hours,
                cutoff: cutoff(side, dir),
                lunch,
            });
        }
        Ok(())
    }

    /// `next_side_open` for this post.
    pub fn next_open(
        &mut self,
        dir: Direction,
        t: DateTime<Utc>,
        days: i64,
    ) -> Option<DateTime<Utc>> {
        if self.at(dir, t).is_ok() {
            return Some(t);
        }
        let side = self.side;
        let zone = side.zone.0;
        let start = self.local(zone, t).date();
        // One list of candidates for every day looked at (each day's made afresh).
        let mut candidates: Vec<NaiveTime> = Vec::new();
        for i in 0..=days.max(0) {
            // Checked: a date near the end of the calendar ends the look-ahead, not the program.
            let Some(date) = start.checked_add_days(Days::new(i as u64)) else {
                break;
            };
            if self.day(date).is_err() {
                continue;
            }
            // Candidate moments that day: opening, the end of each lunch break, and the end of
            // a notice with hours that ends that day.
            candidates.clear();
            candidates.push(side.hours.map(|h| h.start.0).unwrap_or(NaiveTime::MIN));
            candidates.extend(side.breaks.iter().map(|b| b.end.0));
            // A local date is within a day of the UTC date (offsets are under a day): a
            // notice ending further off is not converted.
            let near = date.pred_opt().unwrap_or(date)..=date.succ_opt().unwrap_or(date);
            for (_, b) in self.spans.iter().filter_map(|span| *span) {
                if !near.contains(&b.date_naive()) {
                    continue;
                }
                let b = self.local(zone, b);
                if b.date() == date {
                    candidates.push(b.time());
                }
            }
            candidates.sort();
            for &time in &candidates {
                if let Some(instant) = self.at_local(zone, date, time) {
                    if instant >= t && self.at(dir, instant).is_ok() {
                        return Some(instant);
                    }
                }
            }
        }
        None
    }
}

/// The planner's memo of the posts' calendars: for each crossing its notices' spans, worked
/// out once, and for each side each local day's verdict, once.
#[derive(Default)]
pub struct Memo {
    crossings: Vec<Option<CrossingMemo>>,
    /// The time-zone conversions, for the posts and for the planner itself.
    pub zones: Zones,
}

struct CrossingMemo {
    spans: Vec<Span>,
    days: [DayVerdicts; 2],
}

impl Memo {
    /// Side `side` (0 or 1) of crossing `ci` of `ds`; one memo serves one dataset.
    pub fn post<'a>(&'a mut self, ds: &'a Dataset, ci: CrossingIx, side: usize) -> Post<'a> {
        let Memo { crossings, zones } = self;
        if crossings.len() <= ci {
            crossings.resize_with(ci + 1, || None);
        }
        let c = &ds.crossings[ci];
        let m = crossings[ci].get_or_insert_with(|| CrossingMemo {
            spans: spans(c),
            days: Default::default(),
        });
        Post {
            ds,
            c,
            side: &c.sides[side],
            spans: &m.spans,
            days: Some(&mut m.days[side]),
            zones: Some(zones),
        }
    }
}

/// `t + d`, as chrono adds them, for the planner's hot paths: a sum that stays within a day
/// of `t`'s UTC date is built from the date and the seconds of the day, without chrono's
/// general addition (which handles leap seconds and any span, and costs several times more).
///
/// The usual sum, on `t`'s own UTC day, is worked out inline; any other goes through
/// `plus_apart`, kept out of line so that the callers stay small.
#[inline]
pub fn plus(t: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
    let utc = t.naive_utc();
    let time = utc.time();
    let secs = i64::from(time.num_seconds_from_midnight()) + d.num_seconds();
    let nanos = time.nanosecond();
    if d.subsec_nanos() == 0 && nanos < 1_000_000_000 && (0..DAY).contains(&secs) {
        if let Some(time) = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, nanos) {
            return NaiveDateTime::new(utc.date(), time).and_utc();
        }
    }
    plus_apart(t, d)
}

/// `plus` for a sum on another UTC day (or with a leap second or a fraction of a second).
#[cold]
#[inline(never)]
fn plus_apart(t: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
    let utc = t.naive_utc();
    let (date, time) = (utc.date(), utc.time());
    let nanos = time.nanosecond();
    if d.subsec_nanos() == 0 && nanos < 1_000_000_000 {
        let secs = i64::from(time.num_seconds_from_midnight()) + d.num_seconds();
        let date = match secs.div_euclid(DAY) {
            -1 => date.pred_opt(),
            0 => Some(date),
            1 => date.succ_opt(),
            _ => None,
        };
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(secs.rem_euclid(DAY) as u32, nanos);
        if let (Some(date), Some(time)) = (date, time) {
            return NaiveDateTime::new(date, time).and_utc();
        }
    }
    t + d
}

/// `t - d` (`plus`).
#[inline]
pub fn minus(t: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
    plus(t, -d)
}

/// `a - b`, as chrono subtracts them, for the planner's hot paths: from the days' numbers
/// and the seconds of the day, without chrono's general subtraction (which handles leap
/// seconds, and costs several times more); with a leap second, chrono's.
#[inline]
pub fn between(a: DateTime<Utc>, b: DateTime<Utc>) -> TimeDelta {
    let (a, b) = (a.naive_utc(), b.naive_utc());
    let (ta, tb) = (a.time(), b.time());
    let (na, nb) = (ta.nanosecond(), tb.nanosecond());
    if na >= 1_000_000_000 || nb >= 1_000_000_000 {
        return a - b;
    }
    let days = if a.date() == b.date() {
        0
    } else {
        i64::from(a.date().num_days_from_ce()) - i64::from(b.date().num_days_from_ce())
    };
    let secs = days * DAY + i64::from(ta.num_seconds_from_midnight())
        - i64::from(tb.num_seconds_from_midnight());
    if na == nb {
        TimeDelta::seconds(secs)
    } else {
        TimeDelta::seconds(secs) + TimeDelta::nanoseconds(i64::from(na) - i64::from(nb))
    }
}

/// Time-zone conversions for the planner, which makes hundreds of thousands of them with a
/// handful of zones and days. Local times to instants are chrono-tz's answers (`at_local`):
/// worked out from the offsets where the zone keeps one offset around them (`at_by_offset`),
/// else asked of chrono-tz and remembered by (zone, date, time). Instants to local times go
/// through the offset
/// of the instant's UTC day, where chrono-tz gives the zone one offset at the day's first and
/// last second (the zones of this region have kept one offset all year for decades, but that
/// is checked day by day from the tz data, not assumed); a day on which the offset changes is
/// converted by chrono-tz instant by instant. Each memo has a small direct-mapped table in
/// front of its hash map (a plan asks about a few dozen zone-days, again and again), keyed
/// by the UTC date itself: chrono's conversions between dates and day numbers, and hashing,
/// cost more than the rest of a conversion.
#[derive(Default)]
pub struct Zones {
    at: HashMap<(Tz, NaiveDate, NaiveTime), Option<DateTime<Utc>>, Fast>,
    offsets: HashMap<(Tz, NaiveDate), Option<i64>, Fast>,
    /// Direct-mapped fronts of `at` and `offsets`.
    at_recent: Recent<(Tz, NaiveDate, NaiveTime), Option<DateTime<Utc>>>,
    offsets_recent: Recent<(Tz, NaiveDate), Option<i64>>,
    /// For each zone (by `Tz as usize`), two runs of consecutive UTC days through each of
    /// which `offset` found the one offset: its first day, its last day and that offset. A
    /// plan asks about a few days of a few zones (and now and then a notice's far day), so
    /// nearly every conversion is answered from here with a few comparisons
    /// (`steady_offset`), before the direct-mapped table.
    runs: Vec<[Option<Run>; 2]>,
}

/// A run of UTC days of one offset: first day, last day, offset (seconds east of UTC).
type Run = (NaiveDate, NaiveDate, i64);

/// How many days `Zones::run_offset` checks one by one to join a day to its zone's run
/// (beyond them the run starts again at the day).
const RUN_GAP: i64 = 62;

/// A direct-mapped table of `SLOTS` recent answers: a slot holds the last key that hashed to it.
struct Recent<K, V>(Vec<Option<(K, V)>>);

const SLOTS: usize = 256;

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent(Vec::new())
    }
}

impl<K: PartialEq + Copy, V: Copy> Recent<K, V> {
    /// The answer the slot holds for `key`, if it does.
    #[inline]
    fn get(&self, slot: usize, key: K) -> Option<V> {
        match self.0.get(slot % SLOTS) {
            Some(Some((k, v))) if *k == key => Some(*v),
            _ => None,
        }
    }

    /// Keeps `value` for `key` in its slot (the key it held before is forgotten).
    fn put(&mut self, slot: usize, key: K, value: V) {
        if self.0.is_empty() {
            self.0.resize_with(SLOTS, || None);
        }
        self.0[slot % SLOTS] = Some((key, value));
    }

    #[inline]
    fn get_or(&mut self, slot: usize, key: K, f: impl FnOnce() -> V) -> V {
        if let Some(Some((k, v))) = self.0.get(slot % SLOTS) {
            if *k == key {
                return *v;
            }
        }
        self.fill(slot, key, f)
    }

    /// `get_or` when the slot holds another key (or the table is not made yet).
    #[cold]
    #[inline(never)]
    fn fill(&mut self, slot: usize, key: K, f: impl FnOnce() -> V) -> V {
        if self.0.is_empty() {
            self.0.resize_with(SLOTS, || None);
        }
        let cell = &mut self.0[slot % SLOTS];
        match cell {
            Some((k, v)) if *k == key => *v,
            _ => {
                let v = f();
                *cell = Some((key, v));
                v
            }
        }
    }
}

/// Seconds in a day.
const DAY: i64 = 86_400;

impl Zones {
    /// `at_local`, remembered.
    #[inline]
    pub fn at_local(
        &mut self,
        zone: Tz,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Option<DateTime<Utc>> {
        let slot = (date.ordinal() as usize)
            .wrapping_mul(31)
            .wrapping_add(time.num_seconds_from_midnight() as usize / 60)
            .wrapping_add((zone as usize).wrapping_mul(97));
        let key = (zone, date, time);
        match self.at_recent.get(slot, key) {
            Some(v) => v,
            None => self.at_local_anew(slot, key),
        }
    }

    /// `at_local` when its slot holds another key (or none): worked out from the zone's
    /// offsets (`at_by_offset`, a few comparisons once the days are in the zone's runs), or
    /// chrono-tz's answer, remembered (a change of offset near it); and kept in the slot.
    #[cold]
    #[inline(never)]
    fn at_local_anew(
        &mut self,
        slot: usize,
        key: (Tz, NaiveDate, NaiveTime),
    ) -> Option<DateTime<Utc>> {
        let (zone, date, time) = key;
        let v = match self.at_by_offset(zone, date, time) {
            Some(t) => Some(t),
            None => *self
                .at
                .entry(key)
                .or_insert_with(|| at_local(zone, date, time)),
        };
        self.at_recent.put(slot, key, v);
        v
    }

    /// `at_local` where the zone keeps one offset `o` through the UTC day of the answer and
    /// the day before (`offset`): the local time less `o` is then the only instant with that
    /// local time from a day before it on (offsets are under a day), so chrono-tz's
    /// earliest. `None` otherwise (a change of offset near it: chrono-tz decides).
    fn at_by_offset(
        &mut self,
        zone: Tz,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Option<DateTime<Utc>> {
        let nanos = time.nanosecond();
        if nanos >= 1_000_000_000 {
            return None;
        }
        let o = self.offset_fast(zone, date).filter(|o| o.abs() < DAY)?;
        let secs = i64::from(time.num_seconds_from_midnight()) - o;
        let day = match secs {
            ..0 => date.pred_opt()?,
            DAY.. => date.succ_opt()?,
            _ => date,
        };
        if self.offset_fast(zone, day) != Some(o)
            || self.offset_fast(zone, day.pred_opt()?) != Some(o)
        {
            return None;
        }
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(secs.rem_euclid(DAY) as u32, nanos)?;
        Some(NaiveDateTime::new(day, time).and_utc())
    }

    /// The offset of `zone` (seconds east of UTC) through the UTC day `day`, when it is the
    /// same at the day's first and last second.
    fn offset(&mut self, zone: Tz, day: NaiveDate) -> Option<i64> {
        let slot = (day.ordinal() as usize)
            .wrapping_add((day.year() as usize).wrapping_mul(367))
            .wrapping_add((zone as usize).wrapping_mul(97));
        let offsets = &mut self.offsets;
        self.offsets_recent.get_or(slot, (zone, day), || {
            *offsets.entry((zone, day)).or_insert_with(|| {
                let start = day.and_time(NaiveTime::MIN).and_utc().timestamp();
                let offset_at = |secs: i64| {
                    DateTime::from_timestamp(secs, 0).map(|u| {
                        i64::from(
                            zone.offset_from_utc_datetime(&u.naive_utc())
                                .fix()
                                .local_minus_utc(),
                        )
                    })
                };
                let (first, last) = (offset_at(start)?, offset_at(start + DAY - 1)?);
                (first == last).then_some(first)
            })
        })
    }

    /// `offset`, where `day` is in its zone's run of days of one offset (`runs`).
    #[inline]
    fn steady_offset(&self, zone: Tz, day: NaiveDate) -> Option<i64> {
        let runs = self.runs.get(zone as usize)?;
        runs.iter()
            .flatten()
            .find(|(first, last, _)| *first <= day && day <= *last)
            .map(|r| r.2)
    }

    /// `offset`: from the zone's run of days when `day` is in it, else worked out (`run_offset`).
    #[inline]
    fn offset_fast(&mut self, zone: Tz, day: NaiveDate) -> Option<i64> {
        match self.steady_offset(zone, day) {
            Some(o) => Some(o),
            None => self.run_offset(zone, day),
        }
    }

    /// `offset` for a day outside its zone's runs. A run grows to take the day in where every
    /// day between has the same offset (checked day by day, `RUN_GAP` days at most); else
    /// the shorter run starts again at the day, so that a plan's window keeps its run when a
    /// far day is asked. Every day of a run has had `offset` give the run's offset, so the
    /// runs answer as `offset` would.
    #[cold]
    #[inline(never)]
    fn run_offset(&mut self, zone: Tz, day: NaiveDate) -> Option<i64> {
        let o = self.offset(zone, day)?;
        let z = zone as usize;
        if self.runs.len() <= z {
            self.runs.resize(z + 1, [None, None]);
        }
        for k in 0..2 {
            let Some((first, last, ro)) = self.runs[z][k] else {
                self.runs[z][k] = Some((day, day, o));
                return Some(o);
            };
            if ro != o {
                continue;
            }
            let (from, to) = if day > last {
                (last, day)
            } else {
                (day, first)
            };
            let joined = (to - from).num_days() <= RUN_GAP
                && from
                    .iter_days()
                    .skip(1)
                    .take_while(|d| *d < to)
                    .all(|d| self.offset(zone, d) == Some(o));
            if joined {
                self.runs[z][k] = Some((first.min(day), last.max(day), o));
                return Some(o);
            }
        }
        let len = |r: Option<Run>| r.map_or(0, |(first, last, _)| (last - first).num_days());
        let k = usize::from(len(self.runs[z][1]) < len(self.runs[z][0]));
        self.runs[z][k] = Some((day, day, o));
        Some(o)
    }

    /// The local date of the UTC date-time `utc` in `zone`, and the local seconds after that
    /// date's midnight, from the offset of its UTC day where the zone keeps one that day
    /// (`offset_fast`): in seconds from the UTC day's midnight, and a day either side at most
    /// (offsets are under a day), as chrono's date-time addition and its day numbers cost
    /// far more. For `local` and `date`.
    #[inline(always)]
    fn shifted(&mut self, zone: Tz, utc: NaiveDateTime) -> Option<(NaiveDate, u32)> {
        let (day, time) = (utc.date(), utc.time());
        let o = self.offset_fast(zone, day)?;
        let l = i64::from(time.num_seconds_from_midnight()) + o;
        let date = match l {
            ..0 => day.pred_opt()?,
            DAY.. => day.succ_opt()?,
            _ => day,
        };
        Some((date, l.rem_euclid(DAY) as u32))
    }

    /// The local date and time of `t` in `zone`: `t.with_timezone(&zone).naive_local()`.
    pub fn local(&mut self, zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
        // `naive_utc`, not `date_naive` and `time`: those add the (zero) offset each time.
        let utc = t.naive_utc();
        let shifted = self.shifted(zone, utc).and_then(|(date, secs)| {
            let time =
                NaiveTime::from_num_seconds_from_midnight_opt(secs, utc.time().nanosecond())?;
            Some(NaiveDateTime::new(date, time))
        });
        match shifted {
            Some(local) => local,
            None => local_by_chrono(zone, t),
        }
    }

    /// Whether `zone` keeps one offset from `a` to `b` (through every UTC day from `a`'s to
    /// `b`'s, checked from the tz data as `offset` does): local times between them then
    /// follow the instants minute for minute.
    pub fn steady(&mut self, zone: Tz, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
        let (mut day, last) = (a.date_naive(), b.date_naive());
        if self.runs.get(zone as usize).is_some_and(|runs| {
            runs.iter()
                .flatten()
                .any(|(first, end, _)| *first <= day && last <= *end)
        }) {
            // Both in one of the zone's runs: every day between has its one offset.
            return true;
        }
        let Some(o) = self.offset(zone, day) else {
            return false;
        };
        while day < last {
            match day.succ_opt() {
                Some(next) if self.offset(zone, next) == Some(o) => day = next,
                _ => return false,
            }
        }
        true
    }

    /// The local date of `t` in `zone`: `local`'s date, without making its time.
    pub fn date(&mut self, zone: Tz, t: DateTime<Utc>) -> NaiveDate {
        let utc = t.naive_utc();
        if utc.time().nanosecond() < 1_000_000_000 {
            if let Some((date, _)) = self.shifted(zone, utc) {
                return date;
            }
        }
        self.local(zone, t).date()
    }
}

/// `Zones::local` where the zone's offset changes during the UTC day: chrono-tz's answer
/// (out of line, so that `Zones::local` stays small).
#[cold]
#[inline(never)]
fn local_by_chrono(zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&zone).naive_local()
}

/// A fast hash for the memos' small keys (dates, zones, indices): FxHash's multiply-rotate,
/// not SipHash, which costs more than the look-ups it would guard (nothing here is keyed by
/// untrusted input).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_i32(&mut self, n: i32) {
        self.add(n as u32 as u64);
    }
    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `BuildHasher` for `FastHasher`.
pub type Fast = BuildHasherDefault<FastHasher>;

/// The first day on or after `date` (within a year) on which both sides are open, with the
/// moment the later of the two posts opens that day and that side's zone.
pub fn next_open(
    ds: &Dataset,
    c: &Crossing,
    date: NaiveDate,
) -> Option<(NaiveDate, DateTime<Utc>, Tz)> {
    (0..=366)
        .map_while(|i| date.checked_add_days(Days::new(i)))
        .find(|d| crossing_day(ds, c, *d).is_ok())
        .and_then(|d| {
            c.sides
                .iter()
                .filter_map(|s| {
                    at_local(
                        s.zone.0,
                        d,
                        s.hours.map(|h| h.start.0).unwrap_or(NaiveTime::MIN),
                    )
                    .map(|t| (t, s.zone.0))
                })
                .max_by_key(|(t, _)| *t)
                .map(|(t, z)| (d, t, z))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::types::*;
    use std::collections::BTreeMap;

    /// A post open Mon-Fri 10:00-17:00, lunch 13:00-14:00, through by 12:30.
    fn side(country: &str, zone: &str) -> Side {
        Side {
            days: Some("Mon-Fri".parse().unwrap()),
            hours: Some("10:00-17:00".parse().unwrap()),
            breaks: vec!["13:00-14:00".parse().unwrap()],
            cutoff: Some("12:30".parse().unwrap()),
            ..bare::side(country, zone)
        }
    }

    fn fixture() -> (Dataset, Crossing) {
        let mut holidays: BTreeMap<Country, HolidayList> = BTreeMap::new();
        holidays.insert(
            "CN".parse().unwrap(),
            HolidayList::new([
                Holiday {
                    date: d("2026-10-01"),
                    names: vec!["National Day".into()],
                    makeup: None,
                },
                // A bridge day off, worked on Saturday 10 Oct.
                Holiday {
                    date: d("2026-10-06"),
                    names: vec!["Day off".into()],
                    makeup: Some(d("2026-10-10")),
                },
            ])
            .unwrap(),
        );
        let ds = Dataset {
            holidays,
            ..bare::dataset()
        };
        let c = Crossing {
            holidays_close: vec!["CN".parse().unwrap()],
            season: Some(Season {
                open: "04-01".parse().unwrap(),
                close: "11-30".parse().unwrap(),
            }),
            closures: vec![Closure {
                from: d("2026-06-01"),
                to: d("2026-06-02"),
                starts: None,
                ends: None,
                zone: None,
                reason: "notice".into(),
                sources: vec![],
            }],
            ..bare::crossing(
                [side("CN", "Asia/Shanghai"), side("KG", "Asia/Bishkek")],
                d("2026-01-01"),
            )
        };
        (ds, c)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// The planner's remembered conversions are chrono-tz's, hour by hour over three years,
    /// in the region's zones and in zones that change their clocks (the days of a change
    /// fall back to chrono-tz).
    #[test]
    fn remembered_time_zone_conversions_are_chrono_tz_s() {
        let zones = [
            "Asia/Shanghai",
            "Asia/Urumqi",
            "Asia/Almaty",
            "Asia/Bishkek",
            "Asia/Tashkent",
            "Asia/Dushanbe",
            "Asia/Karachi",
            "Asia/Kabul",
            "Europe/London",
            "America/New_York",
            "Australia/Lord_Howe",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "America/St_Johns",
        ];
        let mut memo = Zones::default();
        let start = utc("2026-01-01T00:30:00Z");
        for name in zones {
            let zone: Tz = name.parse().unwrap();
            for h in 0..3 * 366 * 24 {
                let t = start + chrono::Duration::hours(h);
                let want = t.with_timezone(&zone).naive_local();
                assert_eq!(memo.local(zone, t), want, "{name} {t}");
                assert_eq!(memo.date(zone, t), want.date(), "{name} {t}");
                if h % 24 == 0 {
                    for time in [
                        "00:00", "00:30", "01:00", "01:30", "01:59", "02:00", "02:30", "03:00",
                        "06:00", "12:00", "23:30", "23:59",
                    ] {
                        let time: NaiveTime = time.parse().unwrap();
                        let date = want.date();
                        assert_eq!(
                            memo.at_local(zone, date, time),
                            at_local(zone, date, time),
                            "{name} {date} {time}"
                        );
                    }
                }
            }
        }
    }

    /// The runs of days of one offset (`Zones::runs`) answer as chrono-tz whatever the order
    /// the instants are asked in: days near each other, far apart, either side of a change.
    #[test]
    fn conversions_asked_in_any_order_are_chrono_tz_s() {
        let start = utc("2026-01-01T00:10:00Z");
        for name in [
            "Asia/Almaty",
            "Europe/London",
            "Australia/Lord_Howe",
            "America/St_Johns",
        ] {
            let zone: Tz = name.parse().unwrap();
            let mut memo = Zones::default();
            let mut x: u64 = 12345;
            for _ in 0..20_000 {
                // A walk of small steps with now and then a jump of up to two years.
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let hours = if x >> 60 == 0 {
                    (x >> 20) % (2 * 366 * 24)
                } else {
                    (x >> 20) % (40 * 24) + 300 * 24
                };
                let t = start
                    + chrono::Duration::hours(hours as i64)
                    + chrono::Duration::minutes((x >> 8) as i64 % 60);
                let want = t.with_timezone(&zone).naive_local();
                assert_eq!(memo.local(zone, t), want, "{name} {t}");
                assert_eq!(memo.date(zone, t), want.date(), "{name} {t}");
                let b = t + chrono::Duration::hours((x >> 40) as i64 % 72);
                if memo.steady(zone, t, b) {
                    let lb = b.with_timezone(&zone).naive_local();
                    assert_eq!(lb - want, b - t, "{name} {t} {b}");
                }
            }
        }
    }

    /// `steady` (which the planner trusts to skip asking for a window's later starts) holds
    /// only where every local time between follows the instants minute for minute, and
    /// holds through the region's days.
    #[test]
    fn steady_offsets_are_those_chrono_tz_keeps() {
        let mut memo = Zones::default();
        let start = utc("2026-03-20T00:00:00Z");
        for name in [
            "Asia/Almaty",
            "Asia/Urumqi",
            "Europe/London",
            "America/St_Johns",
        ] {
            let zone: Tz = name.parse().unwrap();
            for h in (0..40 * 24).step_by(5) {
                let a = start + chrono::Duration::hours(h);
                let b = a + chrono::Duration::hours(h % 31);
                if !memo.steady(zone, a, b) {
                    continue;
                }
                let la = a.with_timezone(&zone).naive_local();
                for m in (0..=(b - a).num_minutes()).step_by(15) {
                    let x = a + chrono::Duration::minutes(m);
                    let lx = x.with_timezone(&zone).naive_local();
                    assert_eq!(lx, la + chrono::Duration::minutes(m), "{name} {a} {x}");
                }
            }
        }
        let almaty: Tz = "Asia/Almaty".parse().unwrap();
        let june = utc("2027-06-13T05:00:00Z");
        assert!(memo.steady(almaty, june, june + chrono::Duration::hours(30)));
        // London puts its clocks forward at 01:00 UTC on 29 March 2026.
        let london: Tz = "Europe/London".parse().unwrap();
        let before = utc("2026-03-28T20:00:00Z");
        assert!(!memo.steady(london, before, before + chrono::Duration::hours(8)));
    }

    #[test]
    fn plus_adds_as_chrono_does() {
        let minutes = [
            0, 1, 30, -30, 59, 1439, 1440, -1440, 1441, 2879, 2880, -2881, 20_160,
        ];
        let start = utc("2027-12-30T00:00:00Z");
        for m in 0..3 * 24 * 4 {
            let t = start + chrono::Duration::minutes(15 * m + 7);
            for d in minutes.map(chrono::Duration::minutes) {
                assert_eq!(plus(t, d), t + d, "{t} + {d}");
                assert_eq!(minus(t, d), t - d, "{t} - {d}");
            }
            let d = chrono::Duration::milliseconds(1500);
            assert_eq!(plus(t, d), t + d, "{t} + {d}");
        }
    }

    #[test]
    fn between_subtracts_as_chrono_does() {
        let start = utc("2027-12-30T00:00:00Z");
        let offsets = [0, 1, 59, 1439, 1440, 1441, 2880, 20_160, 525_600 * 3];
        for m in 0..3 * 24 * 4 {
            let t = start + chrono::Duration::minutes(15 * m + 7);
            for d in offsets.map(chrono::Duration::minutes) {
                for u in [t + d, t - d] {
                    assert_eq!(between(t, u), t - u, "{t} - {u}");
                    assert_eq!(between(u, t), u - t, "{u} - {t}");
                }
            }
            // Fractions of a second, and a leap second (chrono's representation).
            let u = t + chrono::Duration::milliseconds(1500);
            assert_eq!(between(t, u), t - u, "{t} - {u}");
            assert_eq!(between(u, t), u - t, "{u} - {t}");
            let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
                .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_500))
                .map(|n| n.and_utc())
                .unwrap();
            assert_eq!(between(t, leap), t - leap, "{t} - {leap}");
            assert_eq!(between(leap, t), leap - t, "{leap} - {t}");
        }
    }

    #[test]
    fn day_rules() {
        let (ds, c) = fixture();
        let cases = [
            ("2026-06-15", None),            // Monday
            ("2026-06-13", Some("weekend")), // Saturday
            ("2026-10-01", Some("holiday")), // Thursday, National Day
            ("2026-12-10", Some("season")),  // Thursday, winter
            ("2026-06-01", Some("closure")), // Monday, dated notice
        ];
        for (date, want) in cases {
            let got = crossing_day(&ds, &c, d(date)).err().map(|e| e.kind());
            assert_eq!(got, want, "{date}");
        }
    }

    #[test]
    fn hours_breaks_and_cutoff_in_the_posts_own_clock() {
        let (ds, c) = fixture();
        let cn = &c.sides[0];
        // 02:00 UTC = 10:00 Beijing: open.
        assert!(side_at(&ds, &c, cn, Direction::Leaving, utc("2026-06-15T02:00:00Z")).is_ok());
        // 01:59 UTC = 09:59 Beijing: not yet.
        assert!(side_at(&ds, &c, cn, Direction::Leaving, utc("2026-06-15T01:59:00Z")).is_err());
        // 04:31 UTC = 12:31 Beijing: after the 12:30 cut-off although the post is open to 17:00.
        assert!(side_at(&ds, &c, cn, Direction::Leaving, utc("2026-06-15T04:31:00Z")).is_err());
        // The same instant is 10:31 in Bishkek: the Kyrgyz side is open.
        assert!(side_at(
            &ds,
            &c,
            &c.sides[1],
            Direction::Entering,
            utc("2026-06-15T04:31:00Z")
        )
        .is_ok());
    }

    #[test]
    fn next_opening_skips_weekend_and_holiday() {
        let (ds, c) = fixture();
        // Saturday 13 June → Monday 15 June 10:00 Beijing = 02:00 UTC.
        let n = next_side_open(
            &ds,
            &c,
            &c.sides[0],
            Direction::Leaving,
            utc("2026-06-13T03:00:00Z"),
            30,
        )
        .unwrap();
        assert_eq!(n, utc("2026-06-15T02:00:00Z"));
        // After the cut-off on Wednesday 30 Sep, Thursday 1 Oct is a holiday → Friday 2 Oct.
        let n = next_side_open(
            &ds,
            &c,
            &c.sides[0],
            Direction::Leaving,
            utc("2026-09-30T06:00:00Z"),
            30,
        )
        .unwrap();
        assert_eq!(n, utc("2026-10-02T02:00:00Z"));
        let (day, _, _) = next_open(&ds, &c, d("2026-12-10")).unwrap();
        assert_eq!(day, d("2027-04-01"));
    }

    /// A notice with hours, in the Chinese post's clock: from 14:00 on Mon 15 Jun to 11:00
    /// on Wed 17 Jun 2026.
    fn timed(c: &mut Crossing) {
        c.closures.push(Closure {
            from: d("2026-06-15"),
            to: d("2026-06-17"),
            starts: Some("14:00".parse().unwrap()),
            ends: Some("11:00".parse().unwrap()),
            zone: Some("Asia/Shanghai".parse().unwrap()),
            reason: "notice with hours".into(),
            sources: vec![],
        });
        c.sides[0].cutoff = None;
    }

    #[test]
    fn a_notice_with_hours_closes_part_of_its_first_and_last_day() {
        let (ds, mut c) = fixture();
        timed(&mut c);
        let cn = c.sides[0].clone();
        let go = Direction::Entering;
        // Monday: open in the morning (the day itself is not closed)...
        assert!(crossing_day(&ds, &c, d("2026-06-15")).is_ok());
        assert!(side_at(&ds, &c, &cn, go, utc("2026-06-15T02:30:00Z")).is_ok()); // 10:30
        assert!(part_day_closure(&c, &cn, d("2026-06-15")).is_some());
        // ... and the last entry is the notice's 14:00, before the post's 17:00.
        let last = last_entry_at(&c, &cn, go, utc("2026-06-15T02:30:00Z"));
        assert_eq!(last, Some("14:00".parse().unwrap()));
        // 14:10 Beijing on Monday: closed by the notice, which says when.
        match side_at(&ds, &c, &cn, go, utc("2026-06-15T06:10:00Z")) {
            Err(Blocked::Day(Closed::Closure { starts, ends, .. })) => {
                assert_eq!(starts, Some(NaiveTime::from_hms_opt(14, 0, 0).unwrap()));
                assert_eq!(ends, Some(NaiveTime::from_hms_opt(11, 0, 0).unwrap()));
            }
            other => panic!("expected the notice, got {other:?}"),
        }
        // The Kyrgyz post (Bishkek, two hours behind) is closed at the same instant.
        assert!(side_at(&ds, &c, &c.sides[1], go, utc("2026-06-15T06:10:00Z")).is_err());
        // Tuesday: closed all day.
        assert_eq!(
            crossing_day(&ds, &c, d("2026-06-16"))
                .err()
                .map(|e| e.kind()),
            Some("closure")
        );
        // Wednesday: closed at 10:30 (the post's usual opening), open from 11:00.
        assert!(crossing_day(&ds, &c, d("2026-06-17")).is_ok());
        assert!(side_at(&ds, &c, &cn, go, utc("2026-06-17T02:30:00Z")).is_err());
        let n = next_side_open(&ds, &c, &cn, go, utc("2026-06-15T06:10:00Z"), 30).unwrap();
        assert_eq!(n, utc("2026-06-17T03:00:00Z"));
    }

    #[test]
    fn a_notice_covering_all_of_a_days_hours_closes_the_day() {
        // Closed until 22:00, after the post's 17:00 closing: nothing of the day is left.
        let (ds, mut c) = fixture();
        c.closures.push(Closure {
            from: d("2026-06-15"),
            to: d("2026-06-15"),
            starts: None,
            ends: Some("22:00".parse().unwrap()),
            zone: Some("Asia/Bishkek".parse().unwrap()),
            reason: "notice".into(),
            sources: vec![],
        });
        assert_eq!(
            crossing_day(&ds, &c, d("2026-06-15"))
                .err()
                .map(|e| e.kind()),
            Some("closure")
        );
        assert!(crossing_day(&ds, &c, d("2026-06-16")).is_ok());
    }

    fn pattern(c: &mut Crossing, closes: crate::model::ForecastCloses, makeup: bool) {
        c.forecasts.push(Forecast {
            country: "CN".parse().unwrap(),
            closes,
            holidays: vec!["National Day".into()],
            opens_on_makeup_days: makeup,
            sources: vec![],
            note: None,
        });
    }

    #[test]
    fn forecasts_follow_the_crossings_pattern() {
        use crate::model::ForecastCloses::*;
        let closed = |c: &Crossing, date: &str| {
            let (ds, _) = fixture();
            crossing_day(&ds, c, d(date)).err()
        };
        // No pattern recorded: every day off closes it, the bridge day too (not a pattern).
        let (_, plain) = fixture();
        assert!(matches!(
            closed(&plain, "2026-10-06"),
            Some(Closed::Holiday { pattern: false, .. })
        ));
        // Past notices closed the holidays, not the bridge days.
        let (_, mut c) = fixture();
        pattern(&mut c, HolidaysOnly, false);
        assert!(matches!(
            closed(&c, "2026-10-01"),
            Some(Closed::Holiday { pattern: true, .. })
        ));
        assert_eq!(closed(&c, "2026-10-06"), None);
        // The make-up Saturday stays a weekend day unless past notices opened it.
        assert_eq!(closed(&c, "2026-10-10").map(|e| e.kind()), Some("weekend"));
        let (_, mut c) = fixture();
        pattern(&mut c, HolidaysOnly, true);
        assert_eq!(closed(&c, "2026-10-10"), None);
        assert_eq!(closed(&c, "2026-10-11").map(|e| e.kind()), Some("weekend"));
        // Only listed holidays: National Day closes it, the bridge day off does not.
        let (_, mut c) = fixture();
        pattern(&mut c, Listed, false);
        assert!(closed(&c, "2026-10-01").is_some());
        assert_eq!(closed(&c, "2026-10-06"), None);
        // A notice for the block rules over the pattern: no forecast, no make-up opening.
        let (_, mut c) = fixture();
        pattern(&mut c, HolidaysOnly, true);
        c.closures.push(Closure {
            from: d("2026-10-03"),
            to: d("2026-10-03"),
            starts: None,
            ends: None,
            zone: None,
            reason: "notice".into(),
            sources: vec![],
        });
        assert_eq!(closed(&c, "2026-10-01"), None);
        assert_eq!(closed(&c, "2026-10-10").map(|e| e.kind()), Some("weekend"));
    }
}
