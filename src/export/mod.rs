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
