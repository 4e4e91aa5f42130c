//! `crossings places [QUERY]`: places and crossings with their ids, names, aliases,
//! countries and zones.

use crate::cli::PlacesArgs;
use crate::model::Dataset;
use crate::names;
use crate::render;
use crate::run::{Failure, Output};
use serde::Serialize;

#[derive(Serialize)]
struct PlaceJson<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [crate::text::Text],
    country: String,
    zone: &'a str,
    local_zone: Option<&'a str>,
    coords: Option<[f64; 2]>,
    verified: Option<String>,
}

#[derive(Serialize)]
struct CrossingJson<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [crate::text::Text],
    countries: [String; 2],
    zones: [&'a str; 2],
}

#[derive(Serialize)]
struct PlacesJson<'a> {
    places: Vec<PlaceJson<'a>>,
    crossings: Vec<CrossingJson<'a>>,
}

pub fn run(ds: &Dataset, args: &PlacesArgs) -> Result<Output, Failure> {
    let keep = |names_match: bool| args.query.is_none() || names_match;
    let places: Vec<_> = ds
        .places
        .iter()
        .filter(|p| keep(args.query.as_deref().is_some_and(|q| names::matches(*p, q))))
        .collect();
    let crossings: Vec<_> = ds
        .crossings
        .iter()
        .filter(|c| keep(args.query.as_deref().is_some_and(|q| names::matches(*c, q))))
        .collect();
    if let Some(q) = &args.query {
        if places.is_empty() && crossings.is_empty() {
            // A search with no match is a valid question with no answer: exit 1.
            return Ok(Output { text: format!("Nothing matches '{}'; run `crossings places` to list every place and crossing.\n", names::prefix(q)), code: 1, notes: vec![] });
        }
    }
    if args.json {
        let j = PlacesJson {
            places: places
                .iter()
                .map(|p| PlaceJson {
                    id: &p.id,
                    name: &p.name,
                    aliases: &p.aliases,
                    country: p.country.to_string(),
                    zone: p.zone.0.name(),
                    local_zone: p.local_zone.map(|z| z.0.name()),
                    coords: p.coords,
                    verified: p.prov.verified.map(|d| d.to_string()),
                })
                .collect(),
            crossings: crossings
                .iter()
                .map(|c| CrossingJson {
                    id: &c.id,
                    name: &c.name,
                    aliases: &c.aliases,
                    countries: [
                        c.sides[0].country.to_string(),
                        c.sides[1].country.to_string(),
                    ],
                    zones: [c.sides[0].zone.0.name(), c.sides[1].zone.0.name()],
                })
                .collect(),
        };
        return Ok(Output::answer(
            serde_json::to_string_pretty(&j).unwrap_or_default() + "\n",
        ));
    }
    let mut out = String::new();
    if !places.is_empty() {
        let mut t = render::table(&["place", "name", "aliases", "country", "zone"]);
        for p in &places {
            let zone = match p.local_zone {
                Some(l) => format!("{} (locals often keep {})", p.zone.0.name(), l.0.name()),
                None => p.zone.0.name().to_string(),
            };
            t.add_row(vec![
                p.id.to_string(),
                p.name.to_string(),
                p.aliases.join(", "),
                p.country.to_string(),
                zone,
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    if !crossings.is_empty() {
        let mut t = render::table(&["crossing", "name", "aliases", "countries", "zones"]);
        for c in &crossings {
            t.add_row(vec![
                c.id.to_string(),
                c.name.to_string(),
                c.aliases.join(", "),
                format!("{}–{}", c.sides[0].country, c.sides[1].country),
                format!(
                    "{} / {}",
                    c.sides[0].zone.0.name(),
                    c.sides[1].zone.0.name()
                ),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }
    Ok(Output::answer(out))
}
