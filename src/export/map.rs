//! The region as an SVG picture: country shapes and names (Natural Earth, generated into
//! data/geo by scripts/gen_geo.py), every crossing a symbol coloured by its state on a date,
//! a legend and the date; optionally itineraries drawn over it.
//!
//! Legibility rules, checked by rendering the picture to PNG: symbols keep their shape as
//! well as their colour (circle open, square closed, diamond uncertain) so the picture
//! reads in greyscale and for colour-blind eyes; labels carry a white halo and are placed
//! greedily where they overlap no other label or symbol, else left out (the legend counts
//! every crossing, labelled or not).

use super::state::{self, State};
use super::{leg_path, leg_places, lon_lat};
use crate::model::{CrossingIx, Dataset};
use crate::planner::Itinerary;
use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt::Write;

/// The fill colour of a state: greens open, amber "open, but", blues and reds closed.
pub fn color(s: State) -> &'static str {
    match s {
        State::Open => "#1a9850",
        State::DaysUnknown => "#a6d96a",
        State::CitizensOnly => "#fdae61",
        State::Weekend => "#4575b4",
        State::Holiday => "#d73027",
        State::Season => "#74add1",
        State::Notice => "#7b3294",
        State::Uncertain => "#bdbdbd",
        State::NotRecordedOpen => "#f7f7f7",
    }
}

static COUNTRIES: &str = include_str!("../../data/geo/countries.json");

#[derive(Deserialize)]
struct Geo {
    generator: String,
    countries: Vec<GeoCountry>,
}

#[derive(Deserialize)]
struct GeoCountry {
    code: Option<String>,
    name: String,
    /// Rings of [longitude, latitude].
    rings: Vec<Vec<[f64; 2]>>,
}

fn geo() -> Result<Geo, String> {
    serde_json::from_str(COUNTRIES)
        .map_err(|e| format!("the embedded country shapes cannot be read ({e}); rebuild crossings"))
}

const WIDTH: f64 = 1200.0;
const MARGIN: f64 = 16.0;
const TITLE_H: f64 = 56.0;
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// An equirectangular projection scaled by the cosine of the middle latitude: true to
/// shape at this scale and latitude, and simple to check.
struct View {
    lon0: f64,
    lat0: f64,
    lon1: f64,
    lat1: f64,
    kx: f64,
    scale: f64,
    top: f64,
}

impl View {
    fn fit(points: &[[f64; 2]]) -> View {
        let (mut lon0, mut lat0, mut lon1, mut lat1) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
        for [lon, lat] in points {
            lon0 = lon0.min(*lon);
            lon1 = lon1.max(*lon);
            lat0 = lat0.min(*lat);
            lat1 = lat1.max(*lat);
        }
        if points.is_empty() {
            (lon0, lat0, lon1, lat1) = (66.0, 34.0, 90.0, 46.0);
        }
        // Room around the outermost symbols, and never a tiny window.
        let pad = 1.2;
        let (mut lon0, mut lon1) = (lon0 - pad, lon1 + pad);
        let (mut lat0, mut lat1) = (lat0 - pad, lat1 + pad);
        let widen = |a: &mut f64, b: &mut f64, min: f64| {
            if *b - *a < min {
                let mid = (*a + *b) / 2.0;
                *a = mid - min / 2.0;
                *b = mid + min / 2.0;
            }
        };
        widen(&mut lon0, &mut lon1, 8.0);
        widen(&mut lat0, &mut lat1, 5.0);
        let kx = ((lat0 + lat1) / 2.0).to_radians().cos();
        // Keep the picture between landscape 5:2 and 4:3: a tall or flat selection gets
        // more of its surroundings rather than a page-long or sliver-thin map.
        let (w, h) = ((lon1 - lon0) * kx, lat1 - lat0);
        if h / w > 0.75 {
            widen(&mut lon0, &mut lon1, h / 0.75 / kx);
        } else if h / w < 0.4 {
            widen(&mut lat0, &mut lat1, w * 0.4);
        }
        let scale = (WIDTH - 2.0 * MARGIN) / ((lon1 - lon0) * kx);
        View {
            lon0,
            lat0,
            lon1,
            lat1,
            kx,
            scale,
            top: TITLE_H,
        }
    }
    fn height(&self) -> f64 {
        (self.lat1 - self.lat0) * self.scale
    }
    fn xy(&self, [lon, lat]: [f64; 2]) -> (f64, f64) {
        (
            MARGIN + (lon - self.lon0) * self.kx * self.scale,
            self.top + (self.lat1 - lat) * self.scale,
        )
    }
    fn inside(&self, [lon, lat]: [f64; 2]) -> bool {
        (self.lon0..=self.lon1).contains(&lon) && (self.lat0..=self.lat1).contains(&lat)
    }
}

/// Sutherland-Hodgman clipping of a ring to the view (for label placement by area).
fn clip(ring: &[[f64; 2]], v: &View) -> Vec<[f64; 2]> {
    let mut pts: Vec<[f64; 2]> = ring.to_vec();
    let edges: [(usize, f64, bool); 4] = [
        (0, v.lon0, true),
        (0, v.lon1, false),
        (1, v.lat0, true),
        (1, v.lat1, false),
    ];
    for (axis, bound, lower) in edges {
        if pts.is_empty() {
            break;
        }
        let inside = |p: &[f64; 2]| {
            if lower {
                p[axis] >= bound
            } else {
                p[axis] <= bound
            }
        };
        let cut = |p: &[f64; 2], q: &[f64; 2]| {
            let t = (bound - p[axis]) / (q[axis] - p[axis]);
            let mut r = [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
            r[axis] = bound;
            r
        };
        let src = std::mem::take(&mut pts);
        for i in 0..src.len() {
            let q = &src[i];
            let p = &src[(i + src.len() - 1) % src.len()];
            if inside(q) {
                if !inside(p) {
                    pts.push(cut(p, q));
                }
                pts.push(*q);
            } else if inside(p) {
                pts.push(cut(p, q));
            }
        }
    }
    pts
}

/// Signed area and centroid of a ring in projected pixels.
fn area_centroid(ring: &[(f64, f64)]) -> (f64, (f64, f64)) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..ring.len() {
        let (x0, y0) = ring[i];
        let (x1, y1) = ring[(i + 1) % ring.len()];
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-9 {
        return (0.0, ring.first().copied().unwrap_or((0.0, 0.0)));
    }
    (a.abs() / 2.0, (cx / (3.0 * a), cy / (3.0 * a)))
}

/// Splits text into lines of at most `width` characters, at spaces.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in s.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A crossing's name as a label: the part before any parenthesis.
pub fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

/// Rough width of a label in DejaVu Sans, for collision checks.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.58
}

#[derive(Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn hits(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

fn symbol(out: &mut String, s: State, x: f64, y: f64, r: f64) {
    let fill = color(s);
    let stroke = "stroke=\"#222\" stroke-width=\"1.2\"";
    // Not known closed: an uncertain crossing and a day before it is recorded open are
    // diamonds, not squares.
    let unknown = matches!(s, State::Uncertain | State::NotRecordedOpen);
    if !s.is_open() && !unknown {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" {stroke}/>",
            x - r,
            y - r,
            2.0 * r,
            2.0 * r
        );
    } else if unknown {
        let _ = write!(
            out,
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{fill}\" {stroke}/>",
            y - r * 1.3,
            x + r * 1.3,
            y + r * 1.3,
            x - r * 1.3
        );
    } else {
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" {stroke}/>"
        );
    }
    out.push('\n');
}

/// Puts a label beside a symbol of radius `r` at the first of eight positions around it
/// (then the same farther out) that overlaps nothing; leaves it out when none is free.
#[allow(clippy::too_many_arguments)]
fn place_label(
    out: &mut String,
    text: &str,
    (x, y): (f64, f64),
    r: f64,
    size: f64,
    style: &str,
    taken: &mut Vec<Rect>,
    fits: &dyn Fn(&Rect, &[Rect]) -> bool,
) {
    let w = text_width(text, size);
    let h = size * 0.75;
    for far in [1.0, 2.2] {
        let g = r * far + 3.0;
        // (left edge, baseline) of each candidate.
        let spots = [
            (x + g, y + h / 2.0),
            (x - g - w, y + h / 2.0),
            (x - w / 2.0, y - g),
            (x - w / 2.0, y + g + h),
            (x + g * 0.7, y - g * 0.7),
            (x + g * 0.7, y + g * 0.7 + h),
            (x - g * 0.7 - w, y - g * 0.7),
            (x - g * 0.7 - w, y + g * 0.7 + h),
        ];
        for (lx, base) in spots {
            let b = Rect {
                x0: lx,
                y0: base - h - 2.0,
                x1: lx + w,
                y1: base + 3.0,
            };
            if fits(&b, taken) {
                let _ = writeln!(
                    out,
                    "<text x=\"{lx:.1}\" y=\"{base:.1}\" {style}>{}</text>",
                    esc(text)
                );
                taken.push(b);
                return;
            }
        }
    }
}

struct CountryLabel {
    name: String,
    at: (f64, f64),
    size: f64,
    mine: bool,
    /// The country's rings as seen in the view, in pixels.
    rings: Vec<Vec<(f64, f64)>>,
}

/// Even-odd point-in-polygon over all rings.
fn within(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for r in rings {
        for i in 0..r.len() {
            let (x0, y0) = r[i];
            let (x1, y1) = r[(i + 1) % r.len()];
            if (y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Puts a country's name at the free spot nearest its centroid whose ends lie inside it.
fn place_country(
    out: &mut String,
    l: &CountryLabel,
    taken: &mut Vec<Rect>,
    fits: &dyn Fn(&Rect, &[Rect]) -> bool,
    halo: &str,
) {
    let w = text_width(&l.name, l.size) * 1.15;
    let mut candidates: Vec<(f64, f64)> = Vec::new();
    for dy in -6..=6 {
        for dx in -6..=6 {
            candidates.push((l.at.0 + f64::from(dx) * 25.0, l.at.1 + f64::from(dy) * 18.0));
        }
    }
    candidates.sort_by(|a, b| {
        let d = |p: &(f64, f64)| (p.0 - l.at.0).powi(2) + (p.1 - l.at.1).powi(2);
        d(a).total_cmp(&d(b))
    });
    for (cx, cy) in candidates {
        let b = Rect {
            x0: cx - w / 2.0,
            y0: cy - l.size,
            x1: cx + w / 2.0,
            y1: cy + 3.0,
        };
        let ends_inside = within(&l.rings, (b.x0, cy - l.size / 2.0))
            && within(&l.rings, (b.x1, cy - l.size / 2.0));
        if ends_inside && fits(&b, taken) {
            let _ = writeln!(
                out,
                "<text x=\"{cx:.1}\" y=\"{cy:.1}\" font-size=\"{}\" text-anchor=\"middle\" letter-spacing=\"1.5\" fill=\"#8a8170\" {halo}>{}</text>",
                l.size,
                esc(&l.name)
            );
            taken.push(b);
            return;
        }
    }
}

/// Line colours for itineraries 1, 2, …: dark and apart from the state colours.
const ROUTE_COLORS: [&str; 5] = ["#d01c8b", "#252525", "#8c510a", "#01665e", "#e66101"];

/// What to draw: which crossings, on which date, and the itineraries over them, with the
/// words `render::map` gives for them.
pub struct Picture<'a> {
    pub crossings: Vec<CrossingIx>,
    pub date: NaiveDate,
    pub title: String,
    pub routes: Vec<(String, &'a Itinerary)>,
    pub words: MapWords,
}

/// The map's words, from the render layer: the legend's heading, each state's label, and
/// the footnote (given the country shapes' generator and the crossings not drawn).
pub struct MapWords {
    pub legend_title: String,
    pub label: fn(State) -> &'static str,
    pub foot: fn(&str, &[&str]) -> String,
}

pub fn svg(ds: &Dataset, p: &Picture) -> Result<String, String> {
    let geo = geo()?;
    let placed: Vec<(CrossingIx, [f64; 2])> = p
        .crossings
        .iter()
        .filter_map(|&ci| ds.crossings[ci].coords.map(|c| (ci, lon_lat(c))))
        .collect();
    let unplaced: Vec<&str> = p
        .crossings
        .iter()
        .filter(|&&ci| ds.crossings[ci].coords.is_none())
        .map(|&ci| ds.crossings[ci].id.as_str())
        .collect();
    let mut fit: Vec<[f64; 2]> = placed.iter().map(|(_, c)| *c).collect();
    for (_, it) in &p.routes {
        for leg in &it.legs {
            fit.extend(leg_path(ds, leg));
        }
    }
    let v = View::fit(&fit);
    let map_h = v.height();

    let states: Vec<(CrossingIx, [f64; 2], State)> = placed
        .iter()
        .map(|&(ci, c)| (ci, c, state::on(ds, &ds.crossings[ci], p.date).state))
        .collect();
    let mut counts = std::collections::BTreeMap::new();
    for &ci in &p.crossings {
        *counts
            .entry(state::on(ds, &ds.crossings[ci], p.date).state)
            .or_insert(0usize) += 1;
    }

    // The legend: a row per state present, then a row per itinerary.
    let mut legend: Vec<String> = Vec::new();
    let legend_top = v.top + map_h + 14.0;
    let row_h = 22.0;
    let mut rows = 0usize;
    let col_w = (WIDTH - 2.0 * MARGIN) / 2.0;
    let row_pos = |rows: &mut usize| {
        let (col, row) = (*rows % 2, *rows / 2);
        *rows += 1;
        (
            MARGIN + 12.0 + col as f64 * col_w,
            legend_top + 28.0 + row as f64 * row_h,
        )
    };
    for s in State::ALL {
        let Some(n) = counts.get(&s) else { continue };
        let (x, y) = row_pos(&mut rows);
        let mut sym = String::new();
        symbol(&mut sym, s, x, y - 5.0, 7.0);
        legend.push(sym);
        legend.push(format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\">{} ({n})</text>\n",
            x + 16.0,
            y,
            esc((p.words.label)(s))
        ));
    }
    if rows % 2 == 1 {
        rows += 1;
    }
    for (i, (label, it)) in p.routes.iter().enumerate() {
        let (x, y) = (MARGIN + 12.0, legend_top + 28.0 + (rows / 2) as f64 * row_h);
        rows += 2;
        let c = ROUTE_COLORS[i % ROUTE_COLORS.len()];
        let dash = if it.arrive_timed() {
            ""
        } else {
            " stroke-dasharray=\"8 5\""
        };
        legend.push(format!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-width=\"4\"{dash}/>\n<text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"15\">{}</text>\n",
            x - 8.0,
            y - 5.0,
            x + 10.0,
            y - 5.0,
            x + 16.0,
            esc(label)
        ));
    }
    let legend_h = 36.0 + (rows.div_ceil(2)) as f64 * row_h + 60.0;
    let height = legend_top + legend_h;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" font-family=\"{FONT}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&p.title));
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<defs><clipPath id=\"map\"><rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{map_h:.1}\"/></clipPath></defs>",
        v.top,
        WIDTH - 2.0 * MARGIN
    );
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"34\" font-size=\"24\" font-weight=\"bold\">{}</text>",
        esc(&p.title)
    );

    // Countries: land, then the borders on top, all clipped to the map.
    let _ = writeln!(
        out,
        "<g clip-path=\"url(#map)\"><rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{map_h:.1}\" fill=\"#cfe3f0\"/>",
        v.top,
        WIDTH - 2.0 * MARGIN
    );
    let involved: std::collections::BTreeSet<String> = p
        .crossings
        .iter()
        .flat_map(|&ci| ds.crossings[ci].countries())
        .map(|c| c.to_string())
        .collect();
    let mut labels: Vec<CountryLabel> = Vec::new();
    for c in &geo.countries {
        let seen = c.rings.iter().flatten().any(|p| {
            (v.lon0 - 3.0..=v.lon1 + 3.0).contains(&p[0])
                && (v.lat0 - 3.0..=v.lat1 + 3.0).contains(&p[1])
        });
        if !seen {
            continue;
        }
        let mut d = String::new();
        let mut best: (f64, (f64, f64)) = (0.0, (0.0, 0.0));
        let mut visible: Vec<Vec<(f64, f64)>> = Vec::new();
        for ring in &c.rings {
            for (i, pt) in ring.iter().enumerate() {
                let (x, y) = v.xy(*pt);
                let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
            let vis: Vec<(f64, f64)> = clip(ring, &v).into_iter().map(|p| v.xy(p)).collect();
            if vis.len() >= 3 {
                let (a, ctr) = area_centroid(&vis);
                if a > best.0 {
                    best = (a, ctr);
                }
                visible.push(vis);
            }
        }
        let mine = c.code.as_ref().is_some_and(|k| involved.contains(k));
        let fill = if mine { "#fbf7ec" } else { "#eceae4" };
        let _ = writeln!(
            out,
            "<path d=\"{d}\" fill=\"{fill}\" stroke=\"#8a8170\" stroke-width=\"1\" stroke-linejoin=\"round\"/>"
        );
        let size = if mine { 20.0 } else { 15.0 };
        if best.0 > 4000.0 {
            labels.push(CountryLabel {
                name: c.name.to_uppercase(),
                at: best.1,
                size,
                mine,
                rings: visible,
            });
        }
    }

    // Itineraries under the symbols: a white casing, then the colour; dashed where a leg's
    // time is not known.
    for (i, (_, it)) in p.routes.iter().enumerate().rev() {
        let c = ROUTE_COLORS[i % ROUTE_COLORS.len()];
        for leg in &it.legs {
            let pts: Vec<String> = leg_path(ds, leg)
                .into_iter()
                .map(|p| {
                    let (x, y) = v.xy(p);
                    format!("{x:.1},{y:.1}")
                })
                .collect();
            if pts.len() < 2 {
                continue;
            }
            let dash = if leg.arrive_timed() {
                ""
            } else {
                " stroke-dasharray=\"10 6\""
            };
            let _ = writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"8\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n<polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"4.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash}/>",
                pts.join(" "),
                pts.join(" ")
            );
        }
    }
    out.push_str("</g>\n");

    // Obstacles for labels: every symbol, and the map's edges.
    let r = 7.5;
    let mut taken: Vec<Rect> = states
        .iter()
        .map(|(_, c, _)| {
            let (x, y) = v.xy(*c);
            Rect {
                x0: x - r - 2.0,
                y0: y - r - 2.0,
                x1: x + r + 2.0,
                y1: y + r + 2.0,
            }
        })
        .collect();
    let map_rect = Rect {
        x0: MARGIN + 2.0,
        y0: v.top + 2.0,
        x1: WIDTH - MARGIN - 2.0,
        y1: v.top + map_h - 2.0,
    };
    let fits = |b: &Rect, taken: &[Rect]| {
        b.x0 >= map_rect.x0
            && b.x1 <= map_rect.x1
            && b.y0 >= map_rect.y0
            && b.y1 <= map_rect.y1
            && !taken.iter().any(|t| t.hits(b))
    };
    let mut text_out = String::new();
    let halo =
        "stroke=\"#ffffff\" stroke-width=\"3.5\" paint-order=\"stroke\" stroke-linejoin=\"round\"";

    // Places where the itineraries board and alight.
    let mut stops: Vec<usize> = Vec::new();
    for (_, it) in &p.routes {
        for leg in &it.legs {
            let (a, b) = leg_places(ds, leg);
            for x in [a, b] {
                if !stops.contains(&x) {
                    stops.push(x);
                }
            }
        }
    }
    for &pi in &stops {
        let place = &ds.places[pi];
        let Some(c) = place.coords.map(lon_lat).filter(|c| v.inside(*c)) else {
            continue;
        };
        let (x, y) = v.xy(c);
        let _ = writeln!(
            text_out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#ffffff\" stroke=\"#222\" stroke-width=\"2\"/>"
        );
        taken.push(Rect {
            x0: x - 6.0,
            y0: y - 6.0,
            x1: x + 6.0,
            y1: y + 6.0,
        });
    }
    for &pi in &stops {
        let place = &ds.places[pi];
        let Some(c) = place.coords.map(lon_lat).filter(|c| v.inside(*c)) else {
            continue;
        };
        let (x, y) = v.xy(c);
        let style = format!("font-size=\"16\" font-weight=\"bold\" fill=\"#111\" {halo}");
        place_label(
            &mut text_out,
            &place.name,
            (x, y),
            7.0,
            16.0,
            &style,
            &mut taken,
            &fits,
        );
    }

    // The names of the countries whose crossings are shown come before the crossings'
    // names (a reader needs them to find their way); the others only where room is left.
    let (ours, others): (Vec<CountryLabel>, Vec<CountryLabel>) =
        labels.into_iter().partition(|l| l.mine);
    for l in &ours {
        place_country(&mut text_out, l, &mut taken, &fits, halo);
    }

    // Crossing symbols, then their names where they fit.
    for (ci, c, s) in &states {
        let (x, y) = v.xy(*c);
        let cr = &ds.crossings[*ci];
        let _ = write!(
            out,
            "<g id=\"crossing-{}\" data-state=\"{}\"><title>{}: {}</title>",
            esc(&cr.id),
            s.key(),
            esc(&cr.name),
            esc((p.words.label)(*s))
        );
        symbol(&mut out, *s, x, y, r);
        out.push_str("</g>\n");
    }
    for (ci, c, _) in &states {
        let (x, y) = v.xy(*c);
        let name = short_name(&ds.crossings[*ci].name);
        let style = format!("font-size=\"13\" fill=\"#222\" {halo}");
        place_label(
            &mut text_out,
            name,
            (x, y),
            r + 2.0,
            13.0,
            &style,
            &mut taken,
            &fits,
        );
    }
    for l in &others {
        place_country(&mut text_out, l, &mut taken, &fits, halo);
    }
    out.push_str(&text_out);
    let _ = writeln!(
        out,
        "<rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{map_h:.1}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>",
        v.top,
        WIDTH - 2.0 * MARGIN
    );

    // Legend and sources.
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        legend_top + 6.0,
        esc(&p.words.legend_title)
    );
    for l in legend {
        out.push_str(&l);
    }
    let foot = (p.words.foot)(
        geo.generator.split(" (").next().unwrap_or_default(),
        &unplaced,
    );
    for (i, line) in wrap(&foot, 150).iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"12\" fill=\"#555\">{}</text>",
            legend_top + legend_h - 34.0 + i as f64 * 15.0,
            esc(line)
        );
    }
    out.push_str("</svg>\n");
    Ok(out)
}
