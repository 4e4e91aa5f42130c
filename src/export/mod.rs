//! Pictures and files a traveller looks at rather than reads: the itinerary as an iCalendar
//! file (`ics`), routes and crossings as GeoJSON (`geojson`), the region as an SVG map
//! (`map`, over the country shapes of `geo`), and a month of departure days (`month`), all
//! built from the planner's typed itineraries and the calendar's typed state of each
//! crossing (`state`).

pub mod geojson;
pub mod ics;
pub mod map;
pub mod month;
pub mod state;

use crate::model::{Dataset, PlaceIx, StopAt};
use crate::planner::Leg;

/// Where a leg's traveller boards and leaves the vehicle.
pub fn leg_places(ds: &Dataset, leg: &Leg) -> (PlaceIx, PlaceIx) {
    let stops = &ds.services[leg.service].stops;
    let place = |i: usize| match stops[i].at {
        StopAt::Place(p) => p,
        // Boarding and alighting happen at places; validation keeps it so.
        StopAt::Crossing(c) => ds.crossings[c].sides[0].near,
    };
    (place(leg.board), place(leg.alight))
}

/// A leg's course as (longitude, latitude) points: every stop from boarding to alighting
/// (border posts included) whose position is known.
pub fn leg_path(ds: &Dataset, leg: &Leg) -> Vec<[f64; 2]> {
    ds.services[leg.service].stops[leg.board..=leg.alight]
        .iter()
        .filter_map(|s| match s.at {
            StopAt::Place(p) => ds.places[p].coords,
            StopAt::Crossing(c) => ds.crossings[c].coords,
        })
        .map(lon_lat)
        .collect()
}

/// The dataset keeps positions as [latitude, longitude]; GeoJSON and the map want
/// [longitude, latitude].
pub fn lon_lat(c: [f64; 2]) -> [f64; 2] {
    [c[1], c[0]]
}

/// Writes an exported file, or says which file could not be written and why.
pub fn write_file(path: &std::path::Path, bytes: &[u8], flag: &str) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| {
        format!(
            "{flag} {}: cannot write the file ({e}); give a path in a folder you can write to",
            path.display()
        )
    })
}

/// The `check` warning for places and crossings without coordinates: GeoJSON leaves them
/// without a geometry and the map cannot draw them.
pub fn unplaced(ds: &Dataset) -> String {
    let missing: Vec<String> = ds
        .places
        .iter()
        .filter(|p| p.coords.is_none())
        .map(|p| format!("place {}", p.id))
        .chain(
            ds.crossings
                .iter()
                .filter(|c| c.coords.is_none())
                .map(|c| format!("crossing {}", c.id)),
        )
        .collect();
    let mut out = format!("records without coordinates: {}\n", missing.len());
    for m in missing {
        out.push_str(&format!(
            "warning: {m} has no coords; GeoJSON and the map cannot place it (add coords = [latitude, longitude] with its source)\n"
        ));
    }
    out
}

/// `plan … --ics FILE [--itinerary N]`: writes itinerary N (from 1, default 1) and returns
/// the note saying so, or why nothing was written.
pub fn write_ics(
    ds: &Dataset,
    req: &crate::planner::Request,
    itineraries: &[crate::planner::Itinerary],
    which: Option<&str>,
    path: &std::path::Path,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    let n = match which {
        Some(s) => crate::request::count(s, "--itinerary", 1, 100)? as usize,
        None => 1,
    };
    let Some(it) = itineraries.get(n - 1) else {
        return Ok(match itineraries.len() {
            0 => format!(
                "no itinerary, so no calendar was written to {}",
                path.display()
            ),
            k => {
                return Err(format!(
                    "--itinerary {n}: the answer has {k} itinerar{}; give a number from 1 to {k}",
                    if k == 1 { "y" } else { "ies" }
                ))
            }
        });
    };
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    write_file(
        path,
        ics::itinerary(ds, req, n, it, stamp).as_bytes(),
        "--ics",
    )?;
    Ok(format!(
        "wrote itinerary {n} to {} (iCalendar)",
        path.display()
    ))
}
