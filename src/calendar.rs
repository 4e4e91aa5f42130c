//! When a border post is open: status, season, dated closures, public holidays, weekdays,
//! hours, lunch breaks and the practical cut-off, each judged in the clock the post keeps.
//! The planner and `crossings hours` both ask here, so they can never disagree.

use crate::model::{Crossing, CrossingStatus, Dataset, Direction, Side};
use crate::types::{Season, TimeRange, Weekdays};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// Why a crossing (or one side of it) is closed on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Closed {
    Status {
        status: CrossingStatus,
        since: Option<NaiveDate>,
        reopens: Option<NaiveDate>,
    },
    Season(Season),
    Closure {
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
    },
    Holiday {
        country: crate::types::Country,
        name: String,
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

/// Is the crossing open on this calendar day, judged for one side (its holidays are those
/// the crossing names; its weekdays are the side's)?
pub fn side_day(ds: &Dataset, c: &Crossing, side: &Side, date: NaiveDate) -> Result<(), Closed> {
    match c.status {
        CrossingStatus::Closed if c.reopens.is_none_or(|r| date < r) => {
            return Err(Closed::Status {
                status: c.status,
                since: c.status_since,
                reopens: c.reopens,
            });
        }
        _ => {}
    }
    if let Some(s) = c.season {
        if !s.contains(date) {
            return Err(Closed::Season(s));
        }
    }
    if let Some(cl) = c
        .closures
        .iter()
        .find(|cl| cl.from <= date && date <= cl.to)
    {
        return Err(Closed::Closure {
            from: cl.from,
            to: cl.to,
            reason: cl.reason.to_string(),
        });
    }
    // Public holidays are a forecast; where a notice speaks for the holiday block, it rules.
    // (The notice is looked for only on a holiday: most days are none, and a crossing may
    // have many notices.)
    for country in &c.holidays_close {
        if let Some(name) = ds.holiday(*country, date) {
            if c.notice_covers(date) {
                break;
            }
            return Err(Closed::Holiday {
                country: *country,
                name: name.to_string(),
            });
        }
    }
    if let Some(days) = side.days {
        if !days.contains(date.weekday()) {
            return Err(Closed::Weekday {
                weekday: date.weekday(),
                days,
            });
        }
    }
    Ok(())
}

/// Whether the dataset knows the public holidays of `country` in the year of `date`: the
/// generated lists end in some year, and a later year's holidays are simply not known.
pub fn holidays_known(ds: &Dataset, country: crate::types::Country, date: NaiveDate) -> bool {
    ds.holidays
        .get(&country)
        .and_then(|l| l.last())
        .is_some_and(|h| h.date.year() >= date.year())
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

/// Can a vehicle going `dir` and reaching this side's post at instant `t` pass?
pub fn side_at(
    ds: &Dataset,
    c: &Crossing,
    side: &Side,
    dir: Direction,
    t: DateTime<Utc>,
) -> Result<(), Blocked> {
    let local = t.with_timezone(&side.zone.0);
    side_day(ds, c, side, local.date_naive()).map_err(Blocked::Day)?;
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
    if side_at(ds, c, side, dir, t).is_ok() {
        return Some(t);
    }
    let zone = side.zone.0;
    let start = t.with_timezone(&zone).date_naive();
    for i in 0..=days.max(0) {
        // Checked: a date near the end of the calendar ends the look-ahead, not the program.
        let Some(date) = start.checked_add_days(Days::new(i as u64)) else {
            break;
        };
        if side_day(ds, c, side, date).is_err() {
            continue;
        }
        // Candidate moments that day: opening, and the end of each lunch break.
        let mut candidates = vec![side.hours.map(|h| h.start.0).unwrap_or(NaiveTime::MIN)];
        candidates.extend(side.breaks.iter().map(|b| b.end.0));
        candidates.sort();
        for time in candidates {
            if let Some(instant) = at_local(zone, date, time) {
                if instant >= t && side_at(ds, c, side, dir, instant).is_ok() {
                    return Some(instant);
                }
            }
        }
    }
    None
}

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

    fn side(country: &str, zone: &str) -> Side {
        Side {
            country: country.parse().unwrap(),
            post: "post".into(),
            near: 0,
            zone: zone.parse().unwrap(),
            days: Some("Mon-Fri".parse().unwrap()),
            hours: Some("10:00-17:00".parse().unwrap()),
            breaks: vec!["13:00-14:00".parse().unwrap()],
            cutoff: Some("12:30".parse().unwrap()),
            cutoff_for: None,
            clear: None,
            queue: false,
        }
    }

    fn fixture() -> (Dataset, Crossing) {
        let mut holidays: BTreeMap<Country, Vec<Holiday>> = BTreeMap::new();
        holidays.insert(
            "CN".parse().unwrap(),
            vec![Holiday {
                date: d("2026-10-01"),
                names: vec!["National Day".into()],
            }],
        );
        let ds = Dataset {
            sources: vec![],
            places: vec![],
            permits: vec![],
            crossings: vec![],
            services: vec![],
            visas: Visas::default(),
            holidays,
            rates: Rates {
                base: None,
                rates: BTreeMap::new(),
            },
        };
        let c = Crossing {
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
            holidays_close: vec!["CN".parse().unwrap()],
            season: Some(Season {
                open: "04-01".parse().unwrap(),
                close: "11-30".parse().unwrap(),
            }),
            between: None,
            sides: [side("CN", "Asia/Shanghai"), side("KG", "Asia/Bishkek")],
            closures: vec![Closure {
                from: d("2026-06-01"),
                to: d("2026-06-02"),
                reason: "notice".into(),
                sources: vec![],
            }],
            disputes: vec![],
            prov: Provenance {
                sources: vec![],
                verified: Some(d("2026-01-01")),
                newest: None,
            },
            notes: None,
        };
        (ds, c)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
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
}
