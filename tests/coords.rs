//! Every place and crossing of the embedded dataset can be put on a map: it has coordinates,
//! or it is on the short list below of records whose location no source gives. A new record
//! without `coords` fails here until someone either finds a source for its location or
//! lists it (and `crossings check` names it as unplaced either way).

use crossings::model::Dataset;
use std::sync::OnceLock;

/// Crossings whose post no source consulted locates (see the README's dataset section for
/// what was looked for). Each is named by `crossings check` as "has no coords". Empty since
/// December 2026: the last six were placed from the Uzbek customs post list and, for
/// Kairagach, the village the post is named after.
const NOT_LOCATED: &[&str] = &[];

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| crossings::run::load_dataset(None, false).expect("embedded dataset"))
}

fn unplaced(ds: &Dataset) -> Vec<String> {
    let places = ds
        .places
        .iter()
        .filter(|p| p.coords.is_none())
        .map(|p| format!("place {}", p.id));
    let crossings = ds
        .crossings
        .iter()
        .filter(|c| c.coords.is_none())
        .map(|c| format!("crossing {}", c.id));
    places.chain(crossings).collect()
}

#[test]
fn every_place_and_crossing_has_coordinates_or_is_listed_as_not_located() {
    let missing = unplaced(ds());
    let unlisted: Vec<&String> = missing
        .iter()
        .filter(|m| !NOT_LOCATED.contains(&m.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "records without coords = [latitude, longitude]: {unlisted:?}; add coordinates with their source"
    );
    // A listed record that has since been located comes off the list.
    let stale: Vec<&&str> = NOT_LOCATED
        .iter()
        .filter(|n| !missing.iter().any(|m| m == *n))
        .collect();
    assert!(
        stale.is_empty(),
        "located now, remove from NOT_LOCATED: {stale:?}"
    );
}

#[test]
fn check_names_every_record_without_coordinates() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crossings"))
        .arg("check")
        .output()
        .expect("run crossings check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "records without coordinates: {}\n",
            NOT_LOCATED.len()
        )),
        "{text}"
    );
    for n in NOT_LOCATED {
        assert!(
            text.contains(&format!("warning: {n} has no coords")),
            "{n} not named:\n{text}"
        );
    }
}
