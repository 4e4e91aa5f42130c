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

/// The itinerary that is exactly these services, in order.
fn by_services<'a>(p: &'a PlanJson, services: &[&str]) -> &'a ItineraryJson {
    p.itineraries
        .iter()
        .find(|it| it.services() == services)
        .unwrap_or_else(|| panic!("no itinerary by {services:?}: {p:#?}"))
}

/// (departure, arrival) of the itinerary and of each day it also runs in the window.
fn runs(it: &ItineraryJson) -> Vec<(&str, &str)> {
    std::iter::once((it.depart.as_str(), it.arrive.as_str()))
        .chain(
            it.also
                .iter()
                .map(|a| (a.depart.as_str(), a.arrive.as_str())),
        )
        .collect()
}

#[test]
fn bukhara_to_khiva_offers_the_day_train_on_its_three_days() {
    // Uzbekistan Railways' timetable from 4 June 2022: from Bukhara on Wednesdays, Fridays
    // and Sundays at 12:14, in Khiva at 18:33 (the window starts on Monday 14 June 2027).
    let p = plan("bukhara", "khiva");
    let it = by_services(&p, &["bukhara-khiva-train"]);
    assert!(it.time_known, "{it:#?}");
    assert_eq!(
        runs(it),
        [
            ("2027-06-16T12:14:00+05:00", "2027-06-16T18:33:00+05:00"),
            ("2027-06-18T12:14:00+05:00", "2027-06-18T18:33:00+05:00"),
            ("2027-06-20T12:14:00+05:00", "2027-06-20T18:33:00+05:00"),
        ]
    );
    assert!(crosses_no_border(it), "{it:?}");
}

#[test]
fn khiva_to_bukhara_offers_the_morning_train_on_its_three_days() {
    // The same timetable the other way: from Khiva on Mondays, Thursdays and Saturdays at
    // 08:10, in Bukhara at 14:36.
    let p = plan("khiva", "bukhara");
    let it = by_services(&p, &["khiva-bukhara-train"]);
    assert!(it.time_known, "{it:#?}");
    assert_eq!(
        runs(it),
        [
            ("2027-06-14T08:10:00+05:00", "2027-06-14T14:36:00+05:00"),
            ("2027-06-17T08:10:00+05:00", "2027-06-17T14:36:00+05:00"),
            ("2027-06-19T08:10:00+05:00", "2027-06-19T14:36:00+05:00"),
        ]
    );
}

#[test]
fn khorgos_to_urumqi_leaves_at_20_45_and_arrives_the_next_morning_time_not_known() {
    // The overnight K9790 left Khorgos at 20:45 Beijing time on its first run (1 April 2023);
    // no source gives its arrival, only that it arrives in the morning.
    let p = plan("khorgos", "urumqi");
    let it = by_services(&p, &["khorgos-urumqi-train"]);
    let leg = &it.legs[0];
    assert_eq!(leg.depart, "2027-06-14T20:45:00+08:00");
    assert!(leg.depart_given && !leg.arrive_known, "{leg:#?}");
    assert!(leg.arrive.starts_with("2027-06-15"), "{leg:#?}");
    assert_eq!(leg.newest_source.as_deref(), Some("2023-04-03"));
}
