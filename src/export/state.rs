//! The state of a crossing on a date, in the few kinds a map legend can show, decided by
//! `calendar` exactly as `crossings hours` and the planner decide it.

use crate::calendar::{self, Closed};
use crate::model::{Crossing, CrossingStatus, Dataset, Foreigners};
use chrono::NaiveDate;

/// What a traveller sees of a crossing on a day, most decisive first: closed (and for what),
/// else open only to citizens of the two sides, else open on days no source gives, else open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Open,
    /// No closure is known, but the opening days of a post are not known either.
    DaysUnknown,
    /// Open, but only to citizens of the two countries.
    CitizensOnly,
    Weekend,
    Holiday,
    Season,
    /// Closed by a dated notice, or the crossing itself closed.
    Notice,
    /// No closure known for the day, but whether the crossing works at all is uncertain.
    Uncertain,
    /// A day before the one the crossing is recorded open from: its state is not known
    /// (not offered, not known closed).
    NotRecordedOpen,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Open,
        State::DaysUnknown,
        State::CitizensOnly,
        State::Weekend,
        State::Holiday,
        State::Season,
        State::Notice,
        State::Uncertain,
        State::NotRecordedOpen,
    ];

    /// A stable word for JSON and GeoJSON.
    pub fn key(self) -> &'static str {
        match self {
            State::Open => "open",
            State::DaysUnknown => "days-unknown",
            State::CitizensOnly => "citizens-only",
            State::Weekend => "closed-weekend",
            State::Holiday => "closed-holiday",
            State::Season => "closed-season",
            State::Notice => "closed-notice",
            State::Uncertain => "uncertain",
            State::NotRecordedOpen => "not-recorded-open",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, State::Open | State::DaysUnknown | State::CitizensOnly)
    }
}

/// A crossing's state on a date, with the calendar's reason when it is closed.
#[derive(Debug, Clone)]
pub struct DayState {
    pub state: State,
    pub closed: Option<Closed>,
}

pub fn on(ds: &Dataset, c: &Crossing, date: NaiveDate) -> DayState {
    match calendar::crossing_day(ds, c, date) {
        Err(why) => DayState {
            state: match &why {
                Closed::Weekday { .. } => State::Weekend,
                Closed::Holiday { .. } => State::Holiday,
                Closed::Season(_) => State::Season,
                Closed::Closure { .. } | Closed::Status { .. } => State::Notice,
                Closed::NotRecordedOpen { .. } => State::NotRecordedOpen,
            },
            closed: Some(why),
        },
        Ok(()) => DayState {
            state: if c.status != CrossingStatus::Open {
                // The calendar lets an uncertain crossing pass; a map must not call it open.
                State::Uncertain
            } else if c.foreigners == Foreigners::CitizensOnly {
                State::CitizensOnly
            } else if c.sides.iter().any(|s| s.days.is_none()) {
                State::DaysUnknown
            } else {
                State::Open
            },
            closed: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_has_a_distinct_key() {
        let mut keys: Vec<&str> = State::ALL.iter().map(|s| s.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), State::ALL.len());
        assert_eq!(
            State::ALL.iter().filter(|s| s.is_open()).count(),
            3,
            "open, days unknown, citizens only"
        );
    }
}
