//! After the search each leg moves to the latest ride of its service that still catches the
//! next one (no needless wait). The moved leg must keep what is known of its price.

mod common;
use common::json::PlanJson;
use common::run;

/// The Osh–Bishkek shared taxi is priced only as a whole vehicle: a traveller alone is told
/// what hiring it costs. In this plan its leg is moved to a later start of the same taxi
/// (from the window's 07:00 to as late as still catches the leg on from Bishkek), and it
/// used to lose the hire price on the way (shown as a fare not known at all). (The plan
/// was Osh to Khujand, until the taxi's detour by Bishkek, days longer than the direct
/// route, stopped being offered.)
#[test]
fn a_leg_moved_to_a_later_ride_keeps_its_whole_vehicle_price() {
    let r = run(&[
        "plan",
        "osh",
        "almaty",
        "--date",
        "2027-03-21",
        "--passport",
        "KZ",
        "--max",
        "10",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p: PlanJson = r.json();
    let legs: Vec<_> = p
        .itineraries
        .iter()
        .flat_map(|it| &it.legs)
        .filter(|l| l.service == "osh-bishkek-shared-taxi")
        .collect();
    assert!(!legs.is_empty(), "the shared taxi is offered");
    assert!(
        legs.iter().any(|l| !l.depart.contains("T07:00")),
        "the taxi's leg is moved later"
    );
    for l in legs {
        assert!(l.fare.is_none(), "no seat price is known");
        let hire = l.hire.as_ref().expect("the whole vehicle's price is shown");
        assert_eq!(hire.currency, "KGS");
        assert!(!l.time_known, "a taxi that leaves when full");
    }
}
