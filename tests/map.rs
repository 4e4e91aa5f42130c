//! `crossings map` and `plan … --map`: the SVG renders with a real renderer (resvg) into a
//! picture that is not blank, and a crossing's symbol shows the colour of its state on the
//! date. The PNGs are left in the target directory for a person to look at.

mod common;
use common::run;

/// Renders SVG text to a pixmap with the system's fonts.
fn render(svg: &str) -> resvg::tiny_skia::Pixmap {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, Default::default(), &mut pixmap.as_mut());
    pixmap
}

fn save(pixmap: &resvg::tiny_skia::Pixmap, name: &str) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    pixmap.save_png(&path).unwrap();
}

/// The centre of a crossing's symbol as the SVG places it.
fn symbol_centre(svg: &str, id: &str) -> (f32, f32) {
    let start = svg
        .find(&format!("<g id=\"crossing-{id}\""))
        .unwrap_or_else(|| panic!("{id} is drawn"));
    let g = &svg[start..start + svg[start..].find("</g>").unwrap()];
    let num = |attr: &str| -> f32 {
        let i = g.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
        g[i..i + g[i..].find('"').unwrap()].parse().unwrap()
    };
    if g.contains("<circle") {
        (num("cx"), num("cy"))
    } else {
        (
            num("x") + num("width") / 2.0,
            num("y") + num("height") / 2.0,
        )
    }
}

fn pixel(p: &resvg::tiny_skia::Pixmap, (x, y): (f32, f32)) -> String {
    let c = p.pixel(x as u32, y as u32).unwrap();
    format!("#{:02x}{:02x}{:02x}", c.red(), c.green(), c.blue())
}

#[test]
fn the_region_map_renders_and_colours_each_crossing_by_its_state() {
    // Saturday 13 June 2026: Torugart is closed for the weekend; Monday it is open.
    let sat = run(&["map", "--date", "2026-06-13"]).ok().stdout;
    assert!(sat.starts_with("<svg"));
    assert!(sat.contains("State of each crossing on Sat 13 Jun 2026"));
    let png = render(&sat);
    save(&png, "map-2026-06-13.png");
    let white = png
        .pixels()
        .iter()
        .filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255)
        .count();
    assert!(
        white < png.pixels().len() / 2,
        "the picture is mostly drawn, not blank"
    );
    assert!(sat.contains("<g id=\"crossing-torugart\" data-state=\"closed-weekend\""));
    assert_eq!(pixel(&png, symbol_centre(&sat, "torugart")), "#4575b4");

    let mon = run(&["map", "--date", "2026-06-15", "--country", "KG"])
        .ok()
        .stdout;
    let png = render(&mon);
    save(&png, "map-kg-2026-06-15.png");
    assert!(mon.contains("<g id=\"crossing-torugart\" data-state=\"open\""));
    assert_eq!(pixel(&png, symbol_centre(&mon, "torugart")), "#1a9850");
    assert!(!mon.contains("crossing-khunjerab"), "only Kyrgyz crossings");

    // Khunjerab in winter.
    let dec = run(&["map", "--date", "2026-12-10", "--country", "PK"])
        .ok()
        .stdout;
    assert!(dec.contains("<g id=\"crossing-khunjerab\" data-state=\"closed-season\""));

    // Before Torugart is recorded open (20 Feb 2023): not a closed square but a diamond of
    // its own colour, named so in the legend.
    let past = run(&["map", "--date", "2023-02-10", "--country", "KG"])
        .ok()
        .stdout;
    render(&past);
    let start = past
        .find("<g id=\"crossing-torugart\" data-state=\"not-recorded-open\"")
        .expect("Torugart is not recorded open that day");
    let g = &past[start..start + past[start..].find("</g>").unwrap()];
    assert!(g.contains("<path") && g.contains("fill=\"#f7f7f7\""), "{g}");
    assert!(past.contains("not recorded open yet: status not known ("));
}

#[test]
fn plan_draws_its_itineraries_on_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.svg");
    let p = path.to_str().unwrap();
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2026-06-13",
        "--passport",
        "GB",
        "--map",
        p,
    ])
    .ok();
    assert!(r.stderr.contains("note: wrote the map to"), "{}", r.stderr);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains(
        "Itinerary 1 via Torugart Pass: Mon 15 Jun 09:00 Beijing time → Mon 15 Jun at the earliest (arrival time not known: dashed)"
    ));
    assert!(svg.contains("<polyline"));
    let png = render(&svg);
    save(&png, "plan-kashgar-bishkek.png");
}

/// A timetabled first departure stays on the caption when a later leg has no time (the
/// Kashgar–Tashkurgan bus, then the Tashkurgan–Sost bus no source times).
#[test]
fn a_timetabled_departure_stays_on_the_caption_when_a_later_leg_is_untimed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kkh.svg");
    let p = path.to_str().unwrap();
    run(&[
        "plan",
        "kashgar",
        "gilgit",
        "--date",
        "2026-10-09",
        "--passport",
        "GB",
        "--visa",
        "PK",
        "--map",
        p,
    ])
    .ok();
    let svg = std::fs::read_to_string(&path).unwrap();
    let captions: Vec<&str> = svg
        .split("Itinerary ")
        .skip(1)
        .map(|c| c.split('<').next().unwrap_or(""))
        .collect();
    assert!(
        captions
            .iter()
            .any(|c| c.contains("(some times not known: dashed)")
                && c.contains("Beijing time →")
                && !c.contains("leave ")),
        "{captions:?}"
    );
}

#[test]
fn map_output_errors_name_the_flag() {
    run(&["map", "--out", "/nonexistent-dir/map.svg"])
        .code(2)
        .stderr_has("error: --out /nonexistent-dir/map.svg: cannot write the file");
    run(&["map", "--country", "ZZ"])
        .code(2)
        .stderr_has("--country");
}
