//! `crossings places`: one entry a record, its id first (what the other commands take),
//! then its name, aliases, country and clock, wrapped at word boundaries.

use super::text::wrap;
use crate::model::Dataset;
use unicode_width::UnicodeWidthStr;

fn entry(id: &str, id_width: usize, rest: &str, width: Option<usize>) -> String {
    let pad = id_width.saturating_sub(id.width());
    let first = format!("  {id}{}  ", " ".repeat(pad));
    let hang = " ".repeat(id_width + 4);
    wrap(rest, width, &first, &hang)
}

/// Places, then crossings, each in the order given.
pub fn text(ds: &Dataset, places: &[usize], crossings: &[usize], width: Option<usize>) -> String {
    let mut out = String::new();
    if !places.is_empty() {
        out.push_str("Places (id, name, also called, country, clock)\n");
        let w = places
            .iter()
            .map(|i| ds.places[*i].id.width())
            .max()
            .unwrap_or(0);
        for i in places {
            let p = &ds.places[*i];
            let mut rest = p.name.to_string();
            if !p.aliases.is_empty() {
                rest.push_str(&format!(" ({})", p.aliases.join(", ")));
            }
            rest.push_str(&format!(" · {} · {}", p.country, p.zone.0.name()));
            if let Some(l) = p.local_zone {
                rest.push_str(&format!(" (many keep {})", l.0.name()));
            }
            out.push_str(&entry(&p.id, w, &rest, width));
        }
    }
    if !crossings.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("Crossings (id, name, also called, countries, each post's clock)\n");
        let w = crossings
            .iter()
            .map(|i| ds.crossings[*i].id.width())
            .max()
            .unwrap_or(0);
        for i in crossings {
            let c = &ds.crossings[*i];
            let mut rest = c.name.to_string();
            if !c.aliases.is_empty() {
                rest.push_str(&format!(" ({})", c.aliases.join(", ")));
            }
            rest.push_str(&format!(
                " · {}–{} · {} / {}",
                c.sides[0].country,
                c.sides[1].country,
                c.sides[0].zone.0.name(),
                c.sides[1].zone.0.name()
            ));
            out.push_str(&entry(&c.id, w, &rest, width));
        }
    }
    out
}
