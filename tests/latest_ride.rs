//! After the search each leg moves to the latest ride of its service that still catches the
//! next one (no needless wait). The moved leg must keep what is known of its price.

mod common;
use common::json::PlanJson;
use common::{real_data_with, run};

/// The Osh–Bishkek seat price (1,200 som, October 2019), taken out of the real data: the
/// taxi is then priced only as a whole minivan, as the data had it until December 2026.
const SEAT_PRICE: &str = r#"[[service.fare]]
amount = "1200"
currency = "KGS"
per = "person"
from = "osh"
to = "bishkek"
sources = ["ca26-mizuno-2019-10-20-osh-bishkek"]
note = "Seat in a 7-seat van from a stand in central Osh, October 2019 (1,600 som with pick-up from the guesthouse)."
"#;

/// A shared taxi priced only as a whole vehicle tells a traveller alone what hiring it
/// costs. In this plan the Osh–Bishkek taxi's leg is moved to a later start of the same
/// taxi (to as late as still catches the leg on from Bishkek), and it used to lose the
/// hire price on the way (shown as a fare not known at all). No shared taxi in the real
/// data is now priced only per vehicle, so the question is asked of the real data with the
/// Osh–Bishkek seat price taken out. (The plan was Osh to Khujand, until the taxi's detour
/// by Bishkek, days longer than the direct route, stopped being offered.)
#[test]
fn a_leg_moved_to_a_later_ride_keeps_its_whole_vehicle_price() {
    let data = real_data_with(&[("services/central-asia.toml", SEAT_PRICE, "")]);
    let r = run(&[
        "--data",
        data.path().to_str().expect("utf-8 path"),
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
