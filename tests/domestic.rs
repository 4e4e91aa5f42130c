//! The journeys people make inside one country, end to end on the embedded dataset: a
//! traveller asking for them gets the domestic train or bus, not a detour over borders.

mod common;
use common::run;
use serde_json::Value;

fn plan(from: &str, to: &str) -> Value {
    let r = run(&["plan", from, to, "--date", "2027-06-14", "--json"]).ok();
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

/// (service, from, to) of every leg of an itinerary.
fn legs(it: &Value) -> Vec<(String, String, String)> {
    it["legs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["service"].as_str().unwrap().to_string(),
                l["from"].as_str().unwrap().to_string(),
                l["to"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn crosses_no_border(it: &Value) -> bool {
    it["legs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["crossing"].is_null())
}

#[test]
fn urumqi_to_kashgar_is_a_direct_domestic_leg() {
    let v = plan("urumqi", "kashgar");
    let first = &v["itineraries"][0];
    let l = legs(first);
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].0.starts_with("urumqi-kashgar-"), "{l:?}");
    assert!(crosses_no_border(first), "{first}");
}

#[test]
fn samarkand_to_bukhara_takes_the_sharq_train() {
    let v = plan("samarkand", "bukhara");
    let first = &v["itineraries"][0];
    assert_eq!(
        legs(first),
        vec![(
            "tashkent-bukhara-sharq".to_string(),
            "samarkand".to_string(),
            "bukhara".to_string()
        )]
    );
    assert_eq!(first["arrive"], "2027-06-14T15:09:00+05:00");
}

#[test]
fn xian_to_kashgar_changes_trains_in_urumqi() {
    let v = plan("xian", "kashgar");
    let first = &v["itineraries"][0];
    let l = legs(first);
    assert_eq!(l.len(), 2, "{l:?}");
    assert_eq!(l[0].0, "xian-urumqi-train");
    assert_eq!((l[0].2.as_str(), l[1].1.as_str()), ("urumqi", "urumqi"));
    assert!(l[1].0.starts_with("urumqi-kashgar-"), "{l:?}");
    assert!(crosses_no_border(first), "{first}");
}

#[test]
fn tashkent_to_andijan_takes_the_morning_train_through_the_kamchik_tunnel() {
    let v = plan("tashkent", "andijan");
    let first = &v["itineraries"][0];
    assert_eq!(legs(first)[0].0, "tashkent-andijan-train-60");
    assert_eq!(first["depart"], "2027-06-14T08:05:00+05:00");
    assert_eq!(first["arrive"], "2027-06-14T14:05:00+05:00");
}

#[test]
fn gilgit_and_islamabad_are_joined_both_ways() {
    for (from, to) in [("gilgit", "islamabad"), ("islamabad", "gilgit")] {
        let v = plan(from, to);
        let first = &v["itineraries"][0];
        let l = legs(first);
        assert_eq!(l.len(), 1, "{from}->{to}: {l:?}");
        assert!(crosses_no_border(first), "{first}");
    }
}
