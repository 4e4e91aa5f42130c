//! The journeys people make inside one country, end to end on the embedded dataset: a
//! traveller asking for them gets the domestic train or bus, not a detour over borders.

mod common;
use common::json::{ItineraryJson, PlanJson};

/// `plan FROM TO --date 2027-06-14 --json`, decoded into the strict contract; it must find
/// an itinerary.
fn plan(from: &str, to: &str) -> PlanJson {
    let (p, code) = common::plan_json(None, &[from, to, "--date", "2027-06-14"]);
    assert_eq!(code, 0, "{from} → {to}: {p:#?}");
    assert!(!p.itineraries.is_empty(), "{from} → {to}: {p:#?}");
    p
}

/// (service, from, to) of every leg of an itinerary.
fn legs(it: &ItineraryJson) -> Vec<(&str, &str, &str)> {
    it.legs
        .iter()
        .map(|l| (l.service.as_str(), l.from.as_str(), l.to.as_str()))
        .collect()
}

fn crosses_no_border(it: &ItineraryJson) -> bool {
    it.legs.iter().all(|l| l.crossing.is_none())
}

#[test]
fn urumqi_to_kashgar_is_a_direct_domestic_leg() {
    let p = plan("urumqi", "kashgar");
    let first = &p.itineraries[0];
    let l = legs(first);
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].0.starts_with("urumqi-kashgar-"), "{l:?}");
    assert!(crosses_no_border(first), "{first:?}");
}

#[test]
fn samarkand_to_bukhara_takes_the_sharq_train() {
    let p = plan("samarkand", "bukhara");
    let first = &p.itineraries[0];
    assert_eq!(
        legs(first),
        [("tashkent-bukhara-sharq", "samarkand", "bukhara")]
    );
    assert_eq!(first.arrive, "2027-06-14T15:09:00+05:00");
}

#[test]
fn xian_to_kashgar_changes_trains_in_urumqi() {
    let p = plan("xian", "kashgar");
    let first = &p.itineraries[0];
    let l = legs(first);
    assert_eq!(l.len(), 2, "{l:?}");
    assert_eq!(l[0].0, "xian-urumqi-train");
    assert_eq!((l[0].2, l[1].1), ("urumqi", "urumqi"));
    assert!(l[1].0.starts_with("urumqi-kashgar-"), "{l:?}");
    assert!(crosses_no_border(first), "{first:?}");
}

#[test]
fn tashkent_to_andijan_takes_the_morning_train_through_the_kamchik_tunnel() {
    let p = plan("tashkent", "andijan");
    let first = &p.itineraries[0];
    assert_eq!(legs(first)[0].0, "tashkent-andijan-train-60");
    assert_eq!(first.depart, "2027-06-14T08:05:00+05:00");
    assert_eq!(first.arrive, "2027-06-14T14:05:00+05:00");
}

#[test]
fn gilgit_and_islamabad_are_joined_both_ways() {
    for (from, to) in [("gilgit", "islamabad"), ("islamabad", "gilgit")] {
        let p = plan(from, to);
        let first = &p.itineraries[0];
        let l = legs(first);
        assert_eq!(l.len(), 1, "{from}->{to}: {l:?}");
        assert!(crosses_no_border(first), "{first:?}");
    }
}
