//! GeoJSON (RFC 7946): the crossings of the region with their state on a date, and
//! itineraries as LineStrings (legs) and Points (border passes), so that an answer opens in
//! any map tool. Positions are [longitude, latitude] (WGS 84); a record whose position the
//! dataset does not know keeps its feature with a null geometry, as RFC 7946 allows.

use super::state::{self, State};
use super::{leg_path, leg_places, lon_lat};
use crate::model::{CrossingIx, Dataset, Side};
use crate::planner::{Itinerary, Leg};
use crate::types::Money;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{json, Map, Value};

fn point(coords: Option<[f64; 2]>) -> Value {
    match coords {
        Some(c) => json!({"type": "Point", "coordinates": lon_lat(c)}),
        None => Value::Null,
    }
}

fn feature(geometry: Value, properties: Value) -> Value {
    json!({"type": "Feature", "geometry": geometry, "properties": properties})
}

fn collection(features: Vec<Value>) -> String {
    let fc = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&fc).unwrap_or_default() + "\n"
}

/// One post's days and hours, in its own clock (IANA zone named), with the cut-off of the
/// direction it is passed in (`dir`), or, with none, its cut-off whatever the direction.
fn post(side: &Side, dir: Option<crate::model::Direction>) -> Value {
    let cutoff = match dir {
        Some(d) => crate::calendar::cutoff(side, d),
        None => side.cutoff.map(|c| c.0),
    };
    json!({
        "country": side.country.to_string(),
        "post": side.post,
        "zone": side.zone.0.name(),
        "days": side.days.map(|d| d.to_string()),
        "hours": side.hours.map(|h| h.to_string()),
        "breaks": side.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
        "cutoff": cutoff.map(|c| c.format("%H:%M").to_string()),
        // The way through the post it holds for, where only one.
        "cutoff_for": side
            .cutoff_for
            .filter(|_| cutoff.is_some())
            .map(crate::render::words::direction_word),
    })
}

fn rfc3339(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).to_rfc3339()
}

/// `hours --date D --geojson`: every chosen crossing a Point with its state that day and why.
/// `reason` words why a crossing is closed (the render layer's sentence).
pub fn crossings(
    ds: &Dataset,
    chosen: &[CrossingIx],
    date: NaiveDate,
    reason: &dyn Fn(CrossingIx, &crate::calendar::Closed) -> String,
) -> String {
    let features = chosen
        .iter()
        .map(|&ci| {
            let c = &ds.crossings[ci];
            let day = state::on(ds, c, date);
            let next = match day.closed {
                Some(_) => crate::render::hours::next_opening(ds, c, date),
                None => None,
            };
            let next_open = next.and_then(|(_, at)| at).map(|(t, z)| rfc3339(t, z));
            let next_open_day = next.map(|(d, _)| d.to_string());
            feature(
                point(c.coords),
                json!({
                    "kind": "crossing",
                    "id": c.id,
                    "name": c.name,
                    "countries": [c.sides[0].country.to_string(), c.sides[1].country.to_string()],
                    "date": date.to_string(),
                    "state": day.state.key(),
                    "open": day.state.is_open(),
                    "reason": day.closed.as_ref().map(|w| reason(ci, w)),
                    "next_open": next_open,
                    "next_open_day": next_open_day,
                    "posts": c.sides.iter().map(|s| post(s, None)).collect::<Vec<_>>(),
                    "altitude_m": c.altitude_m,
                    "color": super::map::color(day.state),
                }),
            )
        })
        .collect();
    collection(features)
}

fn fare(ds: &Dataset, leg: &Leg) -> Value {
    let s = &ds.services[leg.service];
    // Fares quoted apart for stretches that make up the leg: the first, with the others
    // (their sum is the leg's price); each a minimum only if its quote says so.
    let one = |fi: usize, party: Money| {
        let f = &s.fares[fi];
        json!({
            "amount": f.price.amount_string(),
            "currency": f.price.currency.to_string(),
            "per": crate::render::words::per_word(f.per),
            "party": party.amount_string(),
            "at_least": if leg.more_fares.is_empty() { leg.minimum_fare(s) } else { f.at_least },
        })
    };
    match leg.fare {
        Some((fi, party)) => {
            let mut v = one(fi, party);
            if !leg.more_fares.is_empty() {
                v["more_fares"] = leg.more_fares.iter().map(|&(fi, m)| one(fi, m)).collect();
            }
            v
        }
        None => Value::Null,
    }
}

/// Features for one itinerary: a LineString per leg, then a Point per border pass.
pub fn itinerary_features(ds: &Dataset, n: usize, it: &Itinerary) -> Vec<Value> {
    let mut out = Vec::new();
    for (li, leg) in it.legs.iter().enumerate() {
        let s = &ds.services[leg.service];
        let (from, to) = leg_places(ds, leg);
        let (fp, tp) = (&ds.places[from], &ds.places[to]);
        let path = leg_path(ds, leg);
        let geometry = if path.len() >= 2 {
            json!({"type": "LineString", "coordinates": path})
        } else {
            Value::Null
        };
        let mut p = Map::new();
        p.insert("kind".into(), json!("leg"));
        p.insert("itinerary".into(), json!(n));
        p.insert("leg".into(), json!(li + 1));
        p.insert("from".into(), json!(fp.id));
        p.insert("from_name".into(), json!(fp.name));
        p.insert("to".into(), json!(tp.id));
        p.insert("to_name".into(), json!(tp.name));
        p.insert("service".into(), json!(s.id));
        p.insert("service_name".into(), json!(s.name));
        p.insert("mode".into(), json!(crate::render::mode_name(s.mode)));
        p.insert("time_known".into(), json!(leg.time_known));
        // Only a timetable time is shown as a time; otherwise the day and nothing finer.
        p.insert(
            "depart".into(),
            json!(leg.time_known.then(|| rfc3339(leg.depart, fp.zone.0))),
        );
        // An arrival no source times is only a lower bound: no time is shown for it.
        p.insert(
            "arrive".into(),
            json!(leg.arrive_timed().then(|| rfc3339(leg.arrive, tp.zone.0))),
        );
        // The window a leg no timetable fixes leaves in, and whether a source gives it (else
        // it is the planning default for its mode).
        let s_ = &ds.services[leg.service];
        p.insert(
            "window".into(),
            json!(leg.window.map(|(a, b)| json!({
                "from": rfc3339(a, fp.zone.0),
                "to": rfc3339(b, fp.zone.0),
                "from_data": s_.schedule.window.is_some() || s_.schedule.depart.is_some(),
            }))),
        );
        p.insert(
            "depart_date".into(),
            json!(leg
                .depart
                .with_timezone(&fp.zone.0)
                .date_naive()
                .to_string()),
        );
        p.insert("fare".into(), fare(ds, leg));
        // A shared taxi priced only as a whole vehicle the party does not fill: what hiring
        // it costs (the seat price stays unknown).
        p.insert(
            "hire".into(),
            json!(leg.hire.map(|(fi, m)| json!({
                "amount": m.amount_string(),
                "currency": m.currency.to_string(),
                "seats": ds.services[leg.service].fares[fi].seats,
            }))),
        );
        out.push(feature(geometry, Value::Object(p)));
    }
    for (li, leg) in it.legs.iter().enumerate() {
        for b in &leg.borders {
            let c = &ds.crossings[b.crossing];
            let zone = c.sides[b.first_side].zone.0;
            let at = b.reach.filter(|_| leg.time_known);
            out.push(feature(
                point(c.coords),
                json!({
                    "kind": "border",
                    "itinerary": n,
                    "leg": li + 1,
                    "id": c.id,
                    "name": c.name,
                    "countries": [c.sides[b.first_side].country.to_string(), c.sides[1 - b.first_side].country.to_string()],
                    "at": at.map(|t| rfc3339(t, zone)),
                    "date": b.pass_day(ds, leg.depart).to_string(),
                    "entry_date": b.entry_day(ds, leg.depart).to_string(),
                    "date_latest": b.latest[0].map(|d| d.to_string()),
                    "entry_date_latest": b.latest[1].map(|d| d.to_string()),
                    "time_known": at.is_some(),
                    // Each post's cut-off only where it holds for the way the traveller
                    // passes it (leaving the first country, entering the second).
                    "posts": [
                        post(&c.sides[b.first_side], Some(crate::model::Direction::Leaving)),
                        post(&c.sides[1 - b.first_side], Some(crate::model::Direction::Entering)),
                    ],
                }),
            ));
        }
    }
    out
}

/// `plan … --geojson`: every itinerary shown, numbered from 1 as in the table.
pub fn plan(ds: &Dataset, itineraries: &[Itinerary]) -> String {
    collection(
        itineraries
            .iter()
            .enumerate()
            .flat_map(|(i, it)| itinerary_features(ds, i + 1, it))
            .collect(),
    )
}

/// The state keys a GeoJSON consumer may meet, for documentation and tests.
pub fn state_keys() -> Vec<&'static str> {
    State::ALL.iter().map(|s| s.key()).collect()
}
