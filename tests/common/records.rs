//! TOML records in the fixture dataset's style (source `fixture`, verified 2026-01-01), for
//! tests that add places and services to a copy of it (`super::with_files`): each test then
//! writes only what its case is about.

/// A `[[place]]` record.
pub fn place(id: &str, name: &str, country: &str, zone: &str) -> String {
    format!(
        "[[place]]\nid = \"{id}\"\nname = \"{name}\"\ncountry = \"{country}\"\nzone = \"{zone}\"\nsources = [\"fixture\"]\nverified = 2026-01-01\n\n"
    )
}

/// A `[[place]]` record where many people keep another clock (`local_zone`), as in Kashgar.
pub fn place_keeping(id: &str, name: &str, country: &str, zone: &str, local_zone: &str) -> String {
    place(id, name, country, zone).replacen(
        "\nsources",
        &format!("\nlocal_zone = \"{local_zone}\"\nsources"),
        1,
    )
}

/// A running `[[service]]` record with its stops (each as the data file writes one, such as
/// `{ at = "beta", offset = "0h" }`) and the lines of its `[service.schedule]`.
pub fn service(id: &str, name: &str, mode: &str, stops: &[&str], schedule: &str) -> String {
    let stops: String = stops.iter().map(|s| format!("  {s},\n")).collect();
    format!(
        "[[service]]\nid = \"{id}\"\nname = \"{name}\"\nmode = \"{mode}\"\nstatus = \"running\"\nsources = [\"fixture\"]\nverified = 2026-01-01\nstops = [\n{stops}]\n[service.schedule]\n{schedule}\n"
    )
}

/// The schedule lines of a weekly service: `days` ("daily", "Mon-Fri"), leaving at `depart`
/// in `zone`.
pub fn weekly(days: &str, depart: &str, zone: &str) -> String {
    format!("kind = \"weekly\"\ndays = \"{days}\"\ndepart = \"{depart}\"\nzone = \"{zone}\"\n")
}

/// An open `[[crossing]]` that anyone may cross, with its two sides, each as `side` writes
/// one (the post passed first on the way in the data's order first).
pub fn crossing(id: &str, name: &str, sides: [&str; 2]) -> String {
    let [a, b] = sides;
    format!(
        "[[crossing]]\nid = \"{id}\"\nname = \"{name}\"\nstatus = \"open\"\nforeigners = \"anyone\"\nsources = [\"fixture\"]\nverified = 2026-01-01\n\n{a}\n{b}"
    )
}

/// A `[[crossing.side]]`: `country`'s post named `post`, near the place `near`, open on
/// `days` ("daily", "Mon-Fri") for `hours` ("09:00-18:00") in `zone`. Lines added after it
/// (such as `queue = true\n`) belong to this side.
pub fn side(country: &str, post: &str, near: &str, zone: &str, days: &str, hours: &str) -> String {
    format!(
        "[[crossing.side]]\ncountry = \"{country}\"\npost = \"{post}\"\nnear = \"{near}\"\nzone = \"{zone}\"\ndays = \"{days}\"\nhours = \"{hours}\"\n"
    )
}
