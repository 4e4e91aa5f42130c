//! GeoJSON (RFC 7946) from `hours --date D --geojson` and `plan … --geojson`, decoded into
//! strict structs: positions are [longitude, latitude] of the record, states come from the
//! calendar, times keep their zone and unknown times stay unknown.

mod common;
use common::run;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawCollection {
    #[serde(rename = "type")]
    kind: String,
    features: Vec<RawFeature>,
}

struct Collection {
    kind: String,
    features: Vec<Feature>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawFeature {
    #[serde(rename = "type")]
    kind: String,
    geometry: Option<RawGeometry>,
    properties: serde_json::Map<String, serde_json::Value>,
}

// A tagged enum cannot hold numbers under serde_json's arbitrary precision (the crate's
// setting): the geometry is decoded in two steps.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: serde_json::Value,
}

#[derive(Debug)]
struct Feature {
    kind: String,
    geometry: Option<Geometry>,
    properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug)]
enum Geometry {
    Point([f64; 2]),
    LineString(Vec<[f64; 2]>),
}

fn position(v: &serde_json::Value) -> [f64; 2] {
    let a = v.as_array().expect("a position is an array");
    assert_eq!(a.len(), 2, "a position is [longitude, latitude]");
    [a[0].as_f64().unwrap(), a[1].as_f64().unwrap()]
}

impl From<RawFeature> for Feature {
    fn from(r: RawFeature) -> Feature {
        let geometry = r.geometry.map(|g| match g.kind.as_str() {
            "Point" => Geometry::Point(position(&g.coordinates)),
            "LineString" => Geometry::LineString(
                g.coordinates
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(position)
                    .collect(),
            ),
            other => panic!("unexpected geometry {other}"),
        });
        Feature {
            kind: r.kind,
            geometry,
            properties: r.properties,
        }
    }
}

// Every field is decoded (deny_unknown_fields pins the contract), not every one asserted.
#[allow(dead_code)]
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct CrossingProps {
    kind: String,
    id: String,
    name: String,
    countries: [String; 2],
    date: String,
    state: String,
    open: bool,
    reason: Option<String>,
    next_open: Option<String>,
    next_open_day: Option<String>,
    posts: Vec<Post>,
    altitude_m: Option<u32>,
    color: String,
}

#[allow(dead_code)]
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Post {
    country: String,
    post: String,
    zone: String,
    days: Option<String>,
    hours: Option<String>,
    breaks: Vec<String>,
    cutoff: Option<String>,
    cutoff_for: Option<String>,
}

fn decode(text: &str) -> Collection {
    let c: RawCollection = serde_json::from_str(text).expect("GeoJSON decodes");
    let c = Collection {
        kind: c.kind,
        features: c.features.into_iter().map(Feature::from).collect(),
    };
    assert_eq!(c.kind, "FeatureCollection");
    for f in &c.features {
        assert_eq!(f.kind, "Feature");
        let points: Vec<[f64; 2]> = match &f.geometry {
            Some(Geometry::Point(p)) => vec![*p],
            Some(Geometry::LineString(l)) => {
                assert!(l.len() >= 2, "a LineString has two positions at least");
                l.clone()
            }
            None => vec![],
        };
        for [lon, lat] in points {
            // The region lies east of the Caspian and north of the Arabian Sea: a swapped
            // latitude and longitude would fall outside.
            assert!((45.0..=120.0).contains(&lon), "longitude {lon}");
            assert!((20.0..=55.0).contains(&lat), "latitude {lat}");
        }
    }
    c
}

fn crossing_props(f: &Feature) -> CrossingProps {
    serde_json::from_value(serde_json::Value::Object(f.properties.clone())).expect("crossing props")
}

#[test]
fn hours_geojson_gives_every_crossing_its_state_on_the_date() {
    let all = run(&["hours", "--json"]).ok().stdout;
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let n = all["crossings"].as_array().unwrap().len();

    // Saturday 13 June 2026: Torugart is closed for the weekend, Khunjerab is in season.
    let c = decode(
        &run(&["hours", "--date", "2026-06-13", "--geojson"])
            .ok()
            .stdout,
    );
    assert_eq!(c.features.len(), n, "every crossing is a feature");
    let by_id: BTreeMap<String, (CrossingProps, &Feature)> = c
        .features
        .iter()
        .map(|f| {
            let p = crossing_props(f);
            (p.id.clone(), (p, f))
        })
        .collect();
    let (torugart, f) = &by_id["torugart"];
    assert_eq!(torugart.kind, "crossing");
    assert_eq!(torugart.date, "2026-06-13");
    assert_eq!(torugart.state, "closed-weekend");
    assert!(!torugart.open);
    assert_eq!(
        torugart.reason.as_deref(),
        Some("Torugart Pass is closed on Saturdays and Sundays")
    );
    assert!(
        torugart
            .next_open
            .as_deref()
            .is_some_and(|t| t.starts_with("2026-06-15T")),
        "{:?}",
        torugart.next_open
    );
    assert_eq!(torugart.next_open_day.as_deref(), Some("2026-06-15"));
    assert_eq!(torugart.posts[0].zone, "Asia/Shanghai");
    // The dataset keeps [latitude, longitude]; GeoJSON wants [longitude, latitude].
    match f.geometry {
        Some(Geometry::Point([lon, lat])) => {
            assert!((75.0..76.0).contains(&lon) && (40.0..41.0).contains(&lat))
        }
        ref g => panic!("Torugart has a position: {g:?}"),
    }
    assert_eq!(by_id["khunjerab"].0.state, "closed-weekend");
    let c = decode(
        &run(&["hours", "khunjerab", "--date", "2026-06-15", "--geojson"])
            .ok()
            .stdout,
    );
    let k = crossing_props(&c.features[0]);
    assert_eq!((k.state.as_str(), k.open, k.reason), ("open", true, None));

    // In December Khunjerab is out of season.
    let c = decode(
        &run(&["hours", "khunjerab", "--date", "2026-12-10", "--geojson"])
            .ok()
            .stdout,
    );
    let k = crossing_props(&c.features[0]);
    assert_eq!((k.state.as_str(), k.open), ("closed-season", false));
    assert_eq!(k.countries, ["CN".to_string(), "PK".to_string()]);

    // Before Torugart is recorded open (20 Feb 2023) its state is not known: not "closed".
    let c = decode(
        &run(&["hours", "torugart", "--date", "2023-02-10", "--geojson"])
            .ok()
            .stdout,
    );
    let t = crossing_props(&c.features[0]);
    assert_eq!((t.state.as_str(), t.open), ("not-recorded-open", false));
    assert_eq!(
        t.reason.as_deref(),
        Some("Torugart Pass is not recorded open before Mon 20 Feb 2023; its status before then is not known")
    );
}

#[test]
fn plan_geojson_draws_legs_between_places_and_border_passes_with_their_times() {
    let c = decode(
        &run(&[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2026-06-13",
            "--passport",
            "GB",
            "--geojson",
        ])
        .ok()
        .stdout,
    );
    let first: Vec<&Feature> = c
        .features
        .iter()
        .filter(|f| f.properties["itinerary"] == 1)
        .collect();
    let leg = first
        .iter()
        .find(|f| f.properties["kind"] == "leg")
        .expect("a leg");
    assert_eq!(leg.properties["from"], "kashgar");
    assert_eq!(leg.properties["service"], "kashgar-bishkek-agency");
    assert_eq!(leg.properties["depart"], "2026-06-15T09:00:00+08:00");
    // No source gives the agency car's arrival in Bishkek: no time, not a guess.
    assert_eq!(leg.properties["arrive"], serde_json::Value::Null);
    match &leg.geometry {
        Some(Geometry::LineString(l)) => {
            let [lon, lat] = l[0];
            assert!(
                (75.9..76.1).contains(&lon) && (39.4..39.6).contains(&lat),
                "starts at Kashgar"
            );
        }
        g => panic!("the leg is a line: {g:?}"),
    }
    let border = first
        .iter()
        .find(|f| f.properties["kind"] == "border")
        .expect("a border pass");
    assert_eq!(border.properties["id"], "torugart");
    assert_eq!(border.properties["at"], "2026-06-15T10:00:00+08:00");
    assert_eq!(border.properties["posts"][0]["cutoff"], "12:00");
    // The Kyrgyz post's noon cut-off is for leaving Kyrgyzstan: a traveller entering it
    // there has none to meet, so the map shows none (as the plan and the calendar).
    assert_eq!(border.properties["posts"][1]["country"], "KG");
    assert_eq!(
        border.properties["posts"][1]["cutoff"],
        serde_json::Value::Null
    );
    assert!(matches!(border.geometry, Some(Geometry::Point(_))));
}

#[test]
fn plan_geojson_shows_no_time_where_no_source_gives_one() {
    let text = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2026-06-13",
        "--passport",
        "GB",
        "--json",
    ])
    .ok()
    .stdout;
    let j: serde_json::Value = serde_json::from_str(&text).unwrap();
    let c = decode(
        &run(&[
            "plan",
            "kashgar",
            "bishkek",
            "--date",
            "2026-06-13",
            "--passport",
            "GB",
            "--geojson",
        ])
        .ok()
        .stdout,
    );
    let legs: Vec<&Feature> = c
        .features
        .iter()
        .filter(|f| f.properties["kind"] == "leg")
        .collect();
    let json_legs: Vec<&serde_json::Value> = j["itineraries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|it| it["legs"].as_array().unwrap())
        .collect();
    assert_eq!(legs.len(), json_legs.len());
    let mut untimed = 0;
    for (g, l) in legs.iter().zip(&json_legs) {
        assert_eq!(g.properties["service"], l["service"]);
        if l["time_known"] == false {
            untimed += 1;
            assert!(g.properties["depart"].is_null() && g.properties["arrive"].is_null());
            // The window it leaves in, as in the plan's JSON.
            assert_eq!(g.properties["window"]["from"], l["window"]["from"]);
            assert_eq!(g.properties["window"]["to"], l["window"]["to"]);
        } else {
            assert_eq!(g.properties["depart"], l["depart"]);
        }
    }
    assert!(
        untimed > 0,
        "the Naryn route has a shared taxi with no time"
    );
}

/// The overnight Tashkent–Bishkek bus may reach each of its untimed posts on Mon 14 or
/// Tue 15 Jun 2027: each border point gives both days, as the plan's JSON does.
#[test]
fn an_untimed_border_point_gives_the_last_day_it_may_be_passed_on() {
    let args = [
        "plan",
        "tashkent",
        "bishkek",
        "--date",
        "2027-06-14",
        "--within",
        "1",
    ];
    let c = decode(&run(&[&args[..], &["--geojson"]].concat()).ok().stdout);
    let j: serde_json::Value =
        serde_json::from_str(&run(&[&args[..], &["--json"]].concat()).ok().stdout).unwrap();
    let borders: Vec<&Feature> = c
        .features
        .iter()
        .filter(|f| f.properties["kind"] == "border" && f.properties["itinerary"] == 1)
        .collect();
    let json_borders = j["itineraries"][0]["legs"][0]["borders"]
        .as_array()
        .unwrap();
    assert_eq!(borders.len(), 2);
    for (g, b) in borders.iter().zip(json_borders) {
        assert_eq!(g.properties["id"], b["id"]);
        assert_eq!(g.properties["date"], "2027-06-14");
        assert_eq!(g.properties["date_latest"], "2027-06-15");
        assert_eq!(g.properties["entry_date_latest"], "2027-06-15");
        assert_eq!(g.properties["date_latest"], b["day_latest"]);
        assert_eq!(g.properties["time_known"], false);
    }
}

#[test]
fn a_record_without_coordinates_is_a_check_warning_and_a_null_geometry() {
    common::mini(&["check"])
        .ok()
        .stdout_has("warning: place alpha has no coords; GeoJSON and the map cannot place it (add coords = [latitude, longitude] with its source)")
        .stdout_has("warning: crossing pass-a has no coords;");
    let c = decode(
        &common::mini(&["hours", "--date", "2026-06-15", "--geojson"])
            .ok()
            .stdout,
    );
    assert!(!c.features.is_empty());
    assert!(c.features.iter().all(|f| f.geometry.is_none()));
}

#[test]
fn no_itinerary_is_an_empty_collection_exit_1_and_a_note() {
    let r = run(&[
        common::KASHGAR_SUST_IN_WINTER,
        &["--held-only", "--geojson"],
    ]
    .concat())
    .code(1);
    let c = decode(&r.stdout);
    assert!(c.features.is_empty());
    // An empty map explains nothing: stderr says where the reasons are.
    r.stderr_has("note: no itinerary from Kashgar to Sust, so the GeoJSON has no features; run the plan without --geojson (or with --json) to read why");
}

/// Torugart's noon cut-offs are advice for leaving each country ("be at the border before
/// noon" going to China; leaving Kashgar by noon going to Kyrgyzstan): `hours --geojson`
/// and `hours --json` say which way each holds (`cutoff_for`), as the hours card does
/// ("when leaving China"), so a map user entering Kyrgyzstan does not race a noon
/// deadline that is not theirs. Khunjerab's posts have no cut-off: none is said.
#[test]
fn a_posts_cutoff_names_the_way_it_holds_for() {
    let c = decode(
        &run(&["hours", "torugart", "--date", "2027-06-14", "--geojson"])
            .ok()
            .stdout,
    );
    let t = crossing_props(&c.features[0]);
    let h: common::json::HoursJson = run(&["hours", "torugart", "--json"]).ok().json();
    let said: Vec<(&str, Option<&str>, Option<&str>)> = t
        .posts
        .iter()
        .map(|p| {
            (
                p.country.as_str(),
                p.cutoff.as_deref(),
                p.cutoff_for.as_deref(),
            )
        })
        .chain(h.crossings[0].sides.iter().map(|s| {
            (
                s.country.as_str(),
                s.cutoff.as_deref(),
                s.cutoff_for.as_deref(),
            )
        }))
        .collect();
    let noon = |cc| (cc, Some("12:00"), Some("leaving"));
    assert_eq!(
        said,
        [noon("CN"), noon("KG"), noon("CN"), noon("KG")],
        "GeoJSON, then JSON"
    );
    let h: common::json::HoursJson = run(&["hours", "khunjerab", "--json"]).ok().json();
    assert!(h.crossings[0]
        .sides
        .iter()
        .all(|s| s.cutoff.is_none() && s.cutoff_for.is_none()));
}

/// GeoJSON has no room for the plan's notes, so a departure date before today (a typo for
/// next year, say) would draw last year's journeys without a word: the note that the date
/// is in the past goes to stderr, as the text plan prints it. A future date has no such note.
#[test]
fn a_past_date_is_noted_on_stderr_beside_the_geojson() {
    let past = [
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2026-06-13",
        "--passport",
        "GB",
        "--geojson",
    ];
    let r = run(&past).ok();
    assert!(!decode(&r.stdout).features.is_empty());
    assert_eq!(
        r.stderr,
        "note: Sat 13 Jun 2026 is in the past (today is Sat 21 Nov 2026): the answer describes the timetables and rules as the dataset knows them now\n"
    );
    let future = [
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-13",
        "--passport",
        "GB",
        "--geojson",
    ];
    let r = run(&future).ok();
    assert!(!r.stderr.contains("in the past"), "{}", r.stderr);
}
