//! The words of `crossings hours`: a crossing's state on a day, the one-line overview and
//! the card of one crossing.

use super::words::Words;
use crate::calendar;
use crate::model::Crossing;
use chrono::NaiveDate;

/// The posts (their countries) whose opening days no source gives: on those the calendar can
/// only say that no closure is known.
pub fn days_unknown(c: &Crossing) -> Vec<String> {
    c.sides
        .iter()
        .filter(|s| s.days.is_none())
        .map(|s| s.country.to_string())
        .collect()
}

/// "open", "no closure known (opening days of the KZ and KG posts are not known)", or why
/// it is closed: "Torugart Pass is closed on Saturdays and Sundays".
pub fn day_state(w: &Words, c: &Crossing, on: NaiveDate) -> String {
    match calendar::crossing_day(w.ds, c, on) {
        Err(why) => w.closed(&c.name, &why),
        Ok(()) => {
            let posts = days_unknown(c);
            if posts.is_empty() {
                "open".into()
            } else {
                format!(
                    "no closure known (opening days of the {} {} not known)",
                    posts.join(" and "),
                    if posts.len() > 1 {
                        "posts are"
                    } else {
                        "post is"
                    }
                )
            }
        }
    }
}
