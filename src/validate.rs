//! Turning raw TOML records into the checked `Dataset`: ids unique and well formed, every
//! reference resolved, names and aliases not colliding, values consistent. Every problem is
//! collected with its file and line; nothing after this step re-checks a reference.

use crate::load::{Piece, RawDataset};
use crate::model::*;
use crate::names::fold;
use crate::problem::Problem;
use crate::raw;
use crate::text::Text;
use crate::types::{Country, Day, Dur, Money};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// Checks the raw dataset; returns the dataset, or every problem found. The raw records
/// are consumed: their strings move into the dataset, and each file's records are freed as
/// they are checked, so loading holds little more than the dataset itself at any time.
pub fn validate(raw: RawDataset) -> Result<Dataset, Vec<Problem>> {
    let mut v = Validator {
        raw,
        problems: Vec::new(),
        refused_holidays: Vec::new(),
    };
    let ds = v.dataset();
    if v.problems.is_empty() {
        Ok(ds)
    } else {
        Err(v.problems)
    }
}

struct Validator {
    /// The file names, lines and failed folders; the records are taken out as they are
    /// checked.
    raw: RawDataset,
    problems: Vec<Problem>,
    /// Countries whose holiday list was refused: reported once, where it was refused, not
    /// again as missing wherever a crossing closes for their holidays.
    refused_holidays: Vec<Country>,
}

/// A record's location: file number and byte offset.
#[derive(Clone, Copy)]
struct At(usize, usize);

fn at<T>(piece: Piece, s: &Spanned<T>) -> At {
    At(piece.file, piece.base + s.span().start)
}

/// The largest amount of money a record may hold, in major units: far above any fare or fee
/// in the region (a year's wages in the currencies with the most digits), far below where
/// sums for a party of 60 over six legs could overflow.
pub const MAX_AMOUNT: i64 = 1_000_000_000;
/// Exchange rates (units per base unit) outside this range are typos, not currencies.
pub const MIN_RATE: &str = "0.0001";
pub const MAX_RATE: i128 = 1_000_000;
/// Seats in a vehicle, and kilos of free baggage, beyond which a record is a typo.
pub const MAX_SEATS: u32 = 60;
pub const MAX_FREE_KG: u32 = 100;
/// Stops on one service: the dataset's longest routes have six; ten times that leaves room
/// for a long train and keeps the search on one route (quadratic in its stops) cheap.
pub const MAX_STOPS: usize = 60;

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A decimal as written: `0.0001`, `500`.
fn show_decimal(d: crate::types::Decimal) -> String {
    let digits = d.mantissa.unsigned_abs().to_string();
    let scale = d.scale as usize;
    let sign = if d.mantissa < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

impl Validator {
    fn problem(&mut self, at: At, message: String) {
        let (line, col) = self.line_col(at);
        self.problems.push(Problem {
            file: self.raw.files[at.0].clone(),
            line: Some(line),
            col: Some(col),
            message,
        });
    }

    /// The 1-based line and column of a record's location.
    fn line_col(&self, at: At) -> (usize, usize) {
        self.raw.lines[at.0].line_col(at.1)
    }

    /// Registers an id; reports malformed and duplicate ones.
    fn ensure_id(&mut self, seen: &mut HashMap<String, At>, id: &str, kind: &str, at: At) {
        if !is_slug(id) {
            self.problem(at, format!("{kind} id '{id}' is not a slug; expected lowercase letters, digits and '-' only"));
        }
        if let Some(first) = seen.get(id) {
            let line = self.line_col(*first).0;
            let file = self.raw.files[first.0].clone();
            self.problem(
                at,
                format!("duplicate {kind} id '{id}'; it is already defined at {file}:{line}"),
            );
        } else {
            seen.insert(id.to_string(), at);
        }
    }

    fn resolve(
        &mut self,
        index: &HashMap<String, usize>,
        id: &str,
        kind: &str,
        at: At,
    ) -> Option<usize> {
        let found = index.get(id).copied();
        if found.is_none() && !self.raw.failed.iter().any(|f| *f == format!("{kind}s")) {
            let mut near: Vec<(usize, &String)> = index
                .keys()
                .filter(|k| k.len().abs_diff(id.len()) <= 2 && id.len() <= 200)
                .map(|k| (crate::names::distance(k, id), k))
                .filter(|(d, _)| *d <= 2)
                .collect();
            near.sort();
            let hint = near
                .first()
                .map(|(_, k)| format!("; did you mean '{k}'?"))
                .unwrap_or_else(|| format!("; define it in data/{kind}s/"));
            self.problem(at, format!("unknown {kind} '{id}'{hint}"));
        }
        found
    }

    fn sources(
        &mut self,
        index: &HashMap<String, usize>,
        ids: &[String],
        at: At,
        what: &str,
    ) -> Vec<SourceIx> {
        if ids.is_empty() {
            self.problem(
                at,
                format!("{what} has no sources; every record names at least one source id"),
            );
        }
        ids.iter()
            .filter_map(|id| self.resolve(index, id, "source", at))
            .collect()
    }

    fn dataset(&mut self) -> Dataset {
        // Sources.
        let mut seen = HashMap::new();
        let mut sources = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.sources) {
            for s in file.source {
                self.ensure_id(&mut seen, &s.get_ref().id, "source", at(f, &s));
                let r = s.into_inner();
                sources.push(Source {
                    id: r.id.into(),
                    title: r.title.into(),
                    url: r.url.map(Text::from),
                    reports: r.reports,
                    reference: r.reference,
                });
            }
        }
        let source_ix: HashMap<String, usize> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.to_string(), i))
            .collect();

        // Permits.
        let mut seen = HashMap::new();
        let mut permits = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.permits) {
            for p in file.permit {
                let a = at(f, &p);
                let r = p.into_inner();
                self.ensure_id(&mut seen, &r.id, "permit", a);
                let srcs = self.sources(&source_ix, &r.sources, a, &format!("permit '{}'", r.id));
                let get = self.how_to_get(
                    r.obtain,
                    r.apply_at,
                    &r.cost,
                    (r.lead_days, r.lead_working_days),
                    None,
                    a,
                    &format!("permit '{}'", r.id),
                );
                permits.push(Permit {
                    id: r.id.into(),
                    name: r.name.into(),
                    how: r.how.map(Text::from),
                    enforce: r.enforce,
                    waived_by_visa: r.waived_by_visa,
                    waived_by_passport: r.waived_by_passport,
                    only_coming_from: r.only_coming_from,
                    get,
                    prov: Provenance {
                        sources: srcs,
                        verified: r.verified.map(|d| d.0),
                        newest: None,
                    },
                });
            }
        }
        let permit_ix: HashMap<String, usize> = permits
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .collect();

        // Places, with names and aliases that must not collide.
        let mut seen = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut places = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.places) {
            for p in file.place {
                let a = at(f, &p);
                let r = p.into_inner();
                self.ensure_id(&mut seen, &r.id, "place", a);
                self.ensure_names(&mut names, &r.id, &r.name, &r.aliases, "place", a);
                self.ensure_coords(r.coords, a);
                let srcs = self.sources(&source_ix, &r.sources, a, &format!("place '{}'", r.id));
                let pp: Vec<usize> = r
                    .permits
                    .iter()
                    .filter_map(|id| self.resolve(&permit_ix, id, "permit", a))
                    .collect();
                let what = format!("place '{}'", r.id);
                self.coming_from(&permits, &pp, &[r.country], a, &what);
                places.push(Place {
                    id: r.id.into(),
                    name: r.name.into(),
                    aliases: r.aliases.into_iter().map(Text::from).collect(),
                    country: r.country,
                    zone: r.zone,
                    local_zone: r.local_zone,
                    coords: r.coords,
                    permits: pp,
                    prov: Provenance {
                        sources: srcs,
                        verified: r.verified.map(|d| d.0),
                        newest: None,
                    },
                    notes: r.notes.map(Text::from),
                });
            }
        }
        let place_ix: HashMap<String, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .collect();

        // Holidays (needed to check which countries' holidays a crossing may name). Each
        // day keeps where its first record stands, so a day refused is reported there.
        // The make-up day keeps where the record giving it stands, for the message when
        // another record of that day gives another.
        type DayNames = (Vec<String>, Option<(chrono::NaiveDate, At)>, At);
        let mut by_day: BTreeMap<Country, BTreeMap<chrono::NaiveDate, DayNames>> = BTreeMap::new();
        let mut announced_raw: Vec<(At, raw::Announced)> = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.holidays) {
            announced_raw.extend(
                file.announced
                    .into_iter()
                    .map(|r| (at(f, &r), r.into_inner())),
            );
            for h in file.holiday {
                let a = at(f, &h);
                let r = h.into_inner();
                let day = by_day
                    .entry(r.country)
                    .or_default()
                    .entry(r.date.0)
                    .or_insert_with(|| (Vec::new(), None, a));
                day.0.push(r.name);
                match (day.1, r.makeup.map(|m| m.0)) {
                    (Some((kept, given)), Some(other)) if kept != other => {
                        let line = self.line_col(given).0;
                        let file = self.raw.files[given.0].clone();
                        self.problem(a, format!("the {} holiday on {} has the make-up day {other} here but {kept} at {file}:{line}; a holiday has one make-up day: give the same `makeup` in every record of that day", r.country, r.date.0));
                    }
                    (None, m) => day.1 = m.map(|m| (m, a)),
                    _ => {}
                }
            }
        }
        let mut holidays: BTreeMap<Country, HolidayList> = BTreeMap::new();
        for (c, days) in by_day {
            let firsts: BTreeMap<chrono::NaiveDate, At> =
                days.iter().map(|(date, day)| (*date, day.2)).collect();
            let list =
                HolidayList::new(days.into_iter().map(|(date, (names, makeup, _))| Holiday {
                    date,
                    names: names.into_iter().map(Text::from).collect(),
                    makeup: makeup.map(|(m, _)| m),
                }));
            match list {
                Ok(list) => {
                    holidays.insert(c, list);
                }
                Err(e) => {
                    self.refused_holidays.push(c);
                    let message = format!("the public holidays of {c}: {e}");
                    match e.date().and_then(|d| firsts.get(&d)) {
                        Some(a) => self.problem(*a, message),
                        None => self.problems.push(Problem::whole("holidays/", message)),
                    }
                }
            }
        }
        let announced = self.announced(announced_raw, &holidays, &source_ix);
        // Crossings.
        let mut seen = HashMap::new();
        let mut cnames: HashMap<String, String> = HashMap::new();
        let mut crossings = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.crossings) {
            for c in file.crossing {
                let a = at(f, &c);
                let r = c.into_inner();
                self.ensure_id(&mut seen, &r.id, "crossing", a);
                self.ensure_names(&mut cnames, &r.id, &r.name, &r.aliases, "crossing", a);
                self.ensure_coords(r.coords, a);
                if let Some(x) =
                    self.crossing(r, f, a, &source_ix, &place_ix, &permit_ix, &holidays)
                {
                    let sides = x.countries();
                    let what = format!("crossing '{}'", x.id);
                    self.coming_from(&permits, &x.permits, &sides, a, &what);
                    crossings.push(x);
                }
            }
        }
        let crossing_ix: HashMap<String, usize> = crossings
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.to_string(), i))
            .collect();

        // Services.
        let mut seen = HashMap::new();
        let mut services = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.services) {
            for s in file.service {
                let a = at(f, &s);
                self.ensure_id(&mut seen, &s.get_ref().id, "service", a);
                if let Some(x) = self.service(
                    s.into_inner(),
                    f,
                    a,
                    &source_ix,
                    &place_ix,
                    &crossing_ix,
                    &places,
                    &crossings,
                ) {
                    services.push(x);
                }
            }
        }

        let visas = self.visas(&source_ix, &places, &crossing_ix, &crossings);
        // A dataset with nothing to plan over is not "OK". Only when nothing else is wrong:
        // records dropped for other problems are not missing records.
        let clean = self.raw.failed.is_empty() && self.problems.is_empty();
        for (kind, n) in [
            ("place", places.len()),
            ("crossing", crossings.len()),
            ("service", services.len()),
        ] {
            if n == 0 && clean {
                self.problems.push(Problem::whole("dataset", format!("no {kind} records; a dataset needs at least one place, one crossing and one service (see data/README.md)")));
            }
        }
        let rates = self.rates(&source_ix);
        let mut ds = Dataset {
            sources,
            places,
            permits,
            crossings,
            services,
            visas,
            holidays,
            announced,
            rates,
        };
        // Each record's newest source, worked out once while the sources are at hand.
        let Dataset {
            sources,
            places,
            permits,
            crossings,
            services,
            ..
        } = &mut ds;
        let provs = places
            .iter_mut()
            .map(|p| &mut p.prov)
            .chain(permits.iter_mut().map(|p| &mut p.prov))
            .chain(crossings.iter_mut().map(|c| &mut c.prov))
            .chain(services.iter_mut().map(|s| &mut s.prov));
        for prov in provs {
            prov.newest = crate::model::newest_report(sources, &prov.sources);
        }
        ds
    }

    fn ensure_names(
        &mut self,
        names: &mut HashMap<String, String>,
        id: &str,
        name: &str,
        aliases: &[String],
        kind: &str,
        a: At,
    ) {
        // A set: a record with tens of thousands of aliases must not cost their square.
        let mut own: std::collections::HashSet<String> = std::collections::HashSet::new();
        for n in std::iter::once(id)
            .chain(std::iter::once(name))
            .chain(aliases.iter().map(String::as_str))
        {
            crate::work::add(1);
            if n.len() > crate::names::MAX_NAME_BYTES {
                self.problem(a, format!("{kind} '{}': the name or alias '{}' is {} bytes long; expected at most {} bytes", crate::names::prefix(id), crate::names::prefix(n), n.len(), crate::names::MAX_NAME_BYTES));
                continue;
            }
            let k = fold(n);
            if k.is_empty() {
                self.problem(a, format!("{kind} '{id}' has an empty name or alias '{n}'"));
                continue;
            }
            if !own.insert(k.clone()) {
                continue;
            }
            match names.get(&k) {
                Some(other) if other != id => {
                    self.problem(a, format!("{kind} '{id}': the name or alias '{n}' is also used by {kind} '{other}'; a name must pick out one {kind}"))
                }
                _ => {
                    names.insert(k, id.to_string());
                }
            }
        }
    }

    /// An amount no larger than `MAX_AMOUNT` major units.
    fn ensure_amount(&mut self, m: Money, a: At, what: &str) {
        let limit = MAX_AMOUNT.saturating_mul(10i64.pow(m.currency.digits()));
        if m.minor > limit {
            let max = Money {
                minor: limit,
                currency: m.currency,
            };
            self.problem(
                a,
                format!(
                    "{what} {} is implausibly large; expected at most {} (check for extra digits)",
                    m.display(),
                    max.display()
                ),
            );
        }
    }

    fn ensure_coords(&mut self, coords: Option<[f64; 2]>, a: At) {
        if let Some([lat, lon]) = coords {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                self.problem(a, format!("coords [{lat}, {lon}] are out of range; expected [latitude, longitude] in degrees"));
            }
        }
    }

    /// A record's disputes. `what` names the record and `sides` its countries (a crossing's
    /// two; none for a service, whose facts have no direction).
    fn disputes(
        &mut self,
        raw: Vec<Spanned<raw::Dispute>>,
        f: Piece,
        s: &HashMap<String, usize>,
        what: &str,
        sides: &[Country],
    ) -> Vec<Dispute> {
        raw.into_iter()
            .map(|d| {
                let a = at(f, &d);
                let r = d.into_inner();
                if r.alternatives.len() < 2 {
                    self.problem(a, format!("dispute about '{}' lists {} alternative(s); a dispute needs at least two", r.fact, r.alternatives.len()));
                }
                if let Some(from) = r.from {
                    if sides.is_empty() || !Dispute::DIRECTED_FACTS.contains(&r.fact.as_str()) {
                        self.problem(a, format!("{what}: the dispute about '{}' has `from = \"{from}\"`, but that fact has no direction; only a crossing's {} is recorded per direction: remove `from`", r.fact, Dispute::DIRECTED_FACTS.iter().map(|f| format!("'{f}'")).collect::<Vec<_>>().join(", ")));
                    } else if !sides.contains(&from) {
                        self.problem(a, format!("{what}: the dispute about '{}' has `from = \"{from}\"`, which is not one of its sides ({}); name the country whose post is passed first in the direction the versions time, or leave `from` out when they do not say", r.fact, sides.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" and ")));
                    }
                }
                let alternatives = r
                    .alternatives
                    .into_iter()
                    .map(|alt| Alternative { sources: self.sources(s, &alt.sources, a, &format!("an alternative of the dispute about '{}'", r.fact)), says: alt.says.into() })
                    .collect();
                Dispute { fact: r.fact.into(), from: r.from, summary: r.summary.into(), alternatives }
            })
            .collect()
    }

    /// A permit needed only coming from a country (`only_coming_from`) must be named only
    /// where a ride can come from it: at a place in that country, at a crossing with a side
    /// there. Elsewhere it would never be asked for, which is a mistake in the data.
    fn coming_from(
        &mut self,
        permits: &[Permit],
        named: &[usize],
        countries: &[Country],
        a: At,
        what: &str,
    ) {
        for p in named {
            let permit = &permits[*p];
            if let Some(c) = permit.only_coming_from {
                if !countries.contains(&c) {
                    let here = countries
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" or ");
                    self.problem(a, format!("{what} names permit '{}', needed only coming from {c} (`only_coming_from`), but it is in {here}; name the permit where {c} is, or change `only_coming_from`", permit.id));
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn crossing(
        &mut self,
        r: raw::Crossing,
        f: Piece,
        a: At,
        s: &HashMap<String, usize>,
        places: &HashMap<String, usize>,
        permits: &HashMap<String, usize>,
        holidays: &BTreeMap<Country, HolidayList>,
    ) -> Option<Crossing> {
        let what = format!("crossing '{}'", r.id);
        let srcs = self.sources(s, &r.sources, a, &what);
        let pp = r
            .permits
            .iter()
            .filter_map(|id| self.resolve(permits, id, "permit", a))
            .collect();
        for c in &r.holidays_close {
            let reported = self.raw.failed.iter().any(|f| f == "holidays")
                || self.refused_holidays.contains(c);
            if !holidays.contains_key(c) && !reported {
                self.problem(a, format!("{what} closes on holidays of {c}, but the dataset has no holidays for {c}; add {c} to scripts/gen_holidays.py"));
            }
        }
        let mut sides = Vec::new();
        for side in r.side {
            let sa = at(f, &side);
            let sr = side.into_inner();
            let near = self.resolve(places, &sr.near, "place", sa);
            for b in &sr.breaks {
                if let Some(h) = sr.hours {
                    if b.start < h.start || b.end > h.end {
                        self.problem(sa, format!("break {b} lies outside the hours {h}; expected a break within the opening hours"));
                    }
                }
            }
            if let (Some(c), Some(h)) = (sr.cutoff, sr.hours) {
                if c < h.start || c > h.end {
                    self.problem(sa, format!("`cutoff` {c} lies outside the `hours` {h}; expected the last time to arrive, within the opening hours"));
                }
            }
            sides.push(Side {
                country: sr.country,
                post: sr.post.into(),
                near: near.unwrap_or(0),
                zone: sr.zone,
                days: sr.days,
                hours: sr.hours,
                breaks: sr.breaks,
                cutoff: sr.cutoff,
                cutoff_for: sr.cutoff_for,
                clear: sr.clear,
                queue: sr.queue.unwrap_or(false),
            });
        }
        if sides.len() != 2 || sides[0].country == sides[1].country {
            self.problem(a, format!("{what} has {} side(s){}; expected exactly two [[crossing.side]] tables, one per country", sides.len(), if sides.len() == 2 { " of the same country" } else { "" }));
            return None;
        }
        if let (Some(d0), Some(d1)) = (sides[0].days, sides[1].days) {
            if !d0.days().any(|d| d1.contains(d)) {
                self.problem(a, format!("{what}: the {} side is open {d0} and the {} side {d1}, never on the same day, so no one can cross; fix `days` on one side", sides[0].country, sides[1].country));
            }
        }
        let closures = r
            .closure
            .into_iter()
            .map(|c| {
                let ca = at(f, &c);
                let cr = c.into_inner();
                if cr.to < cr.from {
                    self.problem(
                        ca,
                        format!(
                            "closure ends ({}) before it starts ({}); expected from <= to",
                            cr.to.0, cr.from.0
                        ),
                    );
                }
                let timed = cr.starts.is_some() || cr.ends.is_some();
                if timed && cr.zone.is_none() {
                    self.problem(ca, "closure gives `starts`/`ends` without `zone`; add the clock the notice's times are in, e.g. zone = \"Asia/Bishkek\"".to_string());
                }
                if !timed && cr.zone.is_some() {
                    self.problem(ca, "closure gives `zone` but no `starts` or `ends`; remove `zone` or add the notice's times".to_string());
                }
                if let (true, Some(a), Some(b)) = (cr.from == cr.to, cr.starts, cr.ends) {
                    if b.0 <= a.0 {
                        self.problem(ca, format!("closure on one day reopens ({}) before it starts ({}); fix `starts`/`ends`", b.0.format("%H:%M"), a.0.format("%H:%M")));
                    }
                }
                Closure {
                    from: cr.from.0,
                    to: cr.to.0,
                    starts: cr.starts,
                    ends: cr.ends,
                    zone: cr.zone.filter(|_| timed),
                    reason: cr.reason.into(),
                    sources: self.sources(s, &cr.sources, ca, "closure"),
                }
            })
            .collect();
        let mut forecasts: Vec<Forecast> = Vec::new();
        for fc in r.forecast {
            let fa = at(f, &fc);
            let fr = fc.into_inner();
            let listed = fr.closes == ForecastCloses::Listed;
            if listed == fr.holidays.is_empty() {
                self.problem(fa, format!("{what}: forecast for {} {}", fr.country, if listed { "closes on `listed` holidays but lists none; add `holidays = [\"...\"]`" } else { "lists `holidays` but does not close on `listed` ones; set closes = \"listed\" or remove `holidays`" }));
            }
            if fr.closes != ForecastCloses::Never && !r.holidays_close.contains(&fr.country) {
                self.problem(fa, format!("{what}: forecast for {} holidays, but {} is not in `holidays_close`; add it there or use closes = \"never\"", fr.country, fr.country));
            }
            if fr.closes == ForecastCloses::Never && r.holidays_close.contains(&fr.country) {
                self.problem(fa, format!("{what}: {} is in `holidays_close` but its forecast says holidays never close it; remove it from `holidays_close`", fr.country));
            }
            if forecasts.iter().any(|x| x.country == fr.country) {
                self.problem(
                    fa,
                    format!(
                        "{what}: a second forecast for {}; keep one per country",
                        fr.country
                    ),
                );
            }
            if let Some(list) = holidays.get(&fr.country) {
                for name in &fr.holidays {
                    let known = list
                        .iter()
                        .flat_map(|h| h.names)
                        .any(|n| n.split("; ").any(|n| n == name));
                    if !known {
                        self.problem(fa, format!("{what}: forecast names holiday '{name}', which the {} holidays file never names; use a name from data/holidays", fr.country));
                    }
                }
            }
            forecasts.push(Forecast {
                country: fr.country,
                closes: fr.closes,
                sources: self.sources(s, &fr.sources, fa, "forecast"),
                holidays: fr.holidays.into_iter().map(Text::from).collect(),
                opens_on_makeup_days: fr.opens_on_makeup_days.unwrap_or(false),
                note: fr.note.map(Text::from),
            });
        }
        // The drive between the posts, per direction: keyed by the side left first.
        let mut between = [None, None];
        for (key, d) in r.between.iter().flatten() {
            match sides.iter().position(|sd| sd.country.as_str() == key.as_str()) {
                Some(i) => between[i] = Some(*d),
                None => self.problem(a, format!("{what}: `between` names '{key}', which is not one of its sides ({} and {}); key each drive by the country whose post is passed first, e.g. between = {{ {} = \"1h30m\" }}", sides[0].country, sides[1].country, sides[0].country)),
            }
        }
        let countries: Vec<Country> = sides.iter().map(|sd| sd.country).collect();
        let disputes = self.disputes(r.dispute, f, s, &what, &countries);
        let [s0, s1]: [Side; 2] = sides.try_into().ok()?;
        Some(Crossing {
            id: r.id.into(),
            name: r.name.into(),
            aliases: r.aliases.into_iter().map(Text::from).collect(),
            altitude_m: r.altitude_m,
            coords: r.coords,
            status: r.status,
            status_since: r.status_since.map(|d| d.0),
            reopens: r.reopens.map(|d| d.0),
            foreigners: r.foreigners,
            foreigners_public_transport: r.foreigners_public_transport,
            on_foot: r.on_foot,
            bicycle: r.bicycle,
            visa_on_arrival: r.visa_on_arrival,
            between,
            permits: pp,
            holidays_close: r.holidays_close,
            season: r.season,
            sides: [s0, s1],
            closures,
            forecasts,
            disputes,
            prov: Provenance {
                sources: srcs,
                verified: r.verified.map(|d| d.0),
                newest: None,
            },
            notes: r.notes.map(Text::from),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn service(
        &mut self,
        r: raw::Service,
        f: Piece,
        a: At,
        s: &HashMap<String, usize>,
        places: &HashMap<String, usize>,
        crossings: &HashMap<String, usize>,
        place_list: &[Place],
        crossing_list: &[Crossing],
    ) -> Option<Service> {
        let what = format!("service '{}'", r.id);
        let srcs = self.sources(s, &r.sources, a, &what);
        let mut stops = Vec::new();
        let mut ok = true;
        // Linear in the stops: a set for the repeated ones below, `MAX_STOPS` for the search.
        crate::work::add(r.stops.len());
        for st in &r.stops {
            let sa = at(f, st);
            let sr = st.get_ref();
            let target = match (&sr.at, &sr.cross) {
                (Some(p), None) => self.resolve(places, p, "place", sa).map(StopAt::Place),
                (None, Some(c)) => self
                    .resolve(crossings, c, "crossing", sa)
                    .map(StopAt::Crossing),
                _ => {
                    self.problem(
                        sa,
                        "a stop needs exactly one of `at = PLACE` or `cross = CROSSING`".into(),
                    );
                    None
                }
            };
            match target {
                Some(t) => stops.push(Stop {
                    at: t,
                    offset: sr.offset,
                    clear: sr.clear,
                    depart: sr.depart,
                    nights: sr.nights.unwrap_or(0),
                }),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        if stops.len() > MAX_STOPS {
            self.problem(a, format!("{what} has {} stops; expected at most {MAX_STOPS} (split it into several services)", stops.len()));
            return None;
        }
        // A place twice on one route (a loop back to the start, a stop listed twice) makes
        // "from here to there" ambiguous.
        let mut seen_at: HashMap<(bool, usize), usize> = HashMap::new();
        for (i, (st, raw_st)) in stops.iter().zip(&r.stops).enumerate() {
            let key = match st.at {
                StopAt::Place(p) => (true, p),
                StopAt::Crossing(c) => (false, c),
            };
            if let Some(first) = seen_at.insert(key, i) {
                let name = match st.at {
                    StopAt::Place(p) => format!("place '{}'", place_list[p].id),
                    StopAt::Crossing(c) => format!("crossing '{}'", crossing_list[c].id),
                };
                self.problem(at(f, raw_st), format!("{what} stops at {name} twice (stops {} and {}); a service may pass each place once: split a round trip into two services", first + 1, i + 1));
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        if stops.len() < 2
            || !matches!(stops.first().map(|s| s.at), Some(StopAt::Place(_)))
            || !matches!(stops.last().map(|s| s.at), Some(StopAt::Place(_)))
        {
            self.problem(
                a,
                format!(
                    "{what} needs at least two stops, starting and ending at a place (`at = ...`)"
                ),
            );
            return None;
        }
        if stops[0].offset.is_some_and(|o| o.minutes() != 0) {
            self.problem(
                a,
                format!(
                    "{what}: the first stop's offset must be 0h (offsets count from the departure)"
                ),
            );
        }
        // A departure of its own only where a vehicle stops between its ends, after it
        // arrives there.
        for (n, st) in stops.iter().enumerate() {
            let Some(d) = st.depart else { continue };
            let inner = n > 0 && n + 1 < stops.len() && matches!(st.at, StopAt::Place(_));
            if !inner {
                self.problem(a, format!("{what}: stop {} has `depart`; expected it only at a place between the first and the last stop (the first stop's departure is the schedule's, offset 0h)", n + 1));
            } else if st.offset.is_none_or(|o| d < o) {
                self.problem(a, format!("{what}: stop {} leaves ({d}) before it arrives ({}); expected `depart` at or after `offset`, and `offset` given", n + 1, st.offset.map_or("not given".into(), |o| o.to_string())));
            }
        }
        // Nights on the way only where no time is given, growing along the route, and no
        // time given after them (a known time would say the day itself).
        let mut nights = 0;
        for (n, st) in stops.iter().enumerate() {
            if st.nights > 0 && (n == 0 || st.offset.is_some() || st.depart.is_some()) {
                self.problem(a, format!("{what}: stop {} has `nights` and a time; expected `nights` only at a stop after the first whose time no source gives (no `offset` or `depart`)", n + 1));
            } else if st.nights > 0 && st.nights < nights {
                self.problem(a, format!("{what}: stop {} has `nights = {}` after a stop with `nights = {nights}`; expected nights that grow along the route", n + 1, st.nights));
            } else if nights > 0 && st.offset.is_some() {
                self.problem(a, format!("{what}: stop {} has an `offset` after a stop with `nights`; expected no times after the nights on the way (give every time as an offset instead)", n + 1));
            }
            nights = nights.max(st.nights);
        }
        let mut last = None;
        for st in &stops {
            if let Some(o) = st.offset {
                if last.is_some_and(|l| o < l) {
                    self.problem(a, format!("{what}: stop offsets go backwards ({o} after {}); expected offsets that grow along the route", last.unwrap_or_default()));
                }
                let leaves = st.depart.unwrap_or(o).max(o);
                last = Some(Dur(
                    leaves.minutes() + st.clear.unwrap_or_default().minutes()
                ));
            }
        }
        // A border stop must sit between a place in each of the crossing's two countries.
        for (i, st) in stops.iter().enumerate() {
            if let StopAt::Crossing(c) = st.at {
                let country_at = |j: usize| match stops[j].at {
                    StopAt::Place(p) => Some(place_list[p].country),
                    StopAt::Crossing(_) => None,
                };
                let before = (0..i).rev().find_map(country_at);
                let after = (i + 1..stops.len()).find_map(country_at);
                let cs = crossing_list[c].countries();
                if !(before.is_some_and(|b| cs.contains(&b))
                    && after.is_some_and(|x| cs.contains(&x))
                    && before != after)
                {
                    self.problem(a, format!("{what} crosses '{}' ({}–{}) but its stops before and after are in {} and {}; expected one on each side", crossing_list[c].id, cs[0], cs[1], before.map_or("?".into(), |c| c.to_string()), after.map_or("?".into(), |c| c.to_string())));
                }
            }
        }
        let sc = &r.schedule;
        if let (Some(Day(first)), Some(Day(last))) = (sc.first, sc.last) {
            if last < first {
                self.problem(
                    a,
                    format!("{what}: schedule ends ({last}) before it starts ({first})"),
                );
            }
        }
        if sc.approx && sc.depart.is_none() {
            self.problem(
                a,
                format!("{what}: schedule `approx = true` marks `depart` as approximate, but there is no `depart`; give the time the source gives, or leave `approx` out"),
            );
        }
        let schedule = Schedule {
            kind: sc.kind,
            days: sc.days,
            depart: sc.depart,
            approx: sc.approx,
            window: sc.window,
            book_ahead: sc.book_ahead,
            zone: sc.zone,
            first: sc.first.map(|d| d.0),
            last: sc.last.map(|d| d.0),
            except: sc.except.iter().map(|d| d.0).collect(),
        };
        let stop_of = |id: &Option<String>, default: usize| -> Result<usize, String> {
            match id {
                None => Ok(default),
                // A place stop, or a border stop for a quote that ends (or starts) at the
                // border (one side's leg of an agency transfer).
                Some(id) => places
                    .get(id)
                    .and_then(|p| stops.iter().position(|s| s.at == StopAt::Place(*p)))
                    .or_else(|| {
                        crossings
                            .get(id)
                            .and_then(|c| stops.iter().position(|s| s.at == StopAt::Crossing(*c)))
                    })
                    .ok_or_else(|| format!("fare names '{id}', which is not a stop of {what}; expected one of its `at` or `cross` stops")),
            }
        };
        let mut fares = Vec::new();
        for fare in r.fare {
            let fa = at(f, &fare);
            let fr = fare.into_inner();
            let price = Money::from_decimal(fr.amount, fr.currency);
            let (from, to) = (stop_of(&fr.from, 0), stop_of(&fr.to, stops.len() - 1));
            match (price, from, to) {
                (Ok(price), Ok(from), Ok(to)) if from < to => {
                    self.ensure_amount(price, fa, "fare `amount`");
                    if fr.seats.is_some_and(|n| n == 0 || n > MAX_SEATS) {
                        self.problem(fa, format!("fare `seats` = {} is out of range; expected 1 to {MAX_SEATS} seats", fr.seats.unwrap_or(0)));
                    }
                    if fr.per == Per::Person && fr.seats.is_some() {
                        self.problem(fa, "`seats` goes with per = \"vehicle\" fares only".into());
                    }
                    fares.push(Fare {
                        price,
                        per: fr.per,
                        seats: fr.seats,
                        from,
                        to,
                        at_least: fr.at_least,
                        sources: self.sources(s, &fr.sources, fa, "fare"),
                        note: fr.note.map(Text::from),
                    })
                }
                (Ok(_), Ok(_), Ok(_)) => self.problem(
                    fa,
                    "fare `from` comes after `to`; expected from before to along the stops".into(),
                ),
                (p, fr_, to_) => {
                    for e in [
                        p.err().map(|e| format!("fare amount: {e}")),
                        fr_.err(),
                        to_.err(),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        self.problem(fa, e);
                    }
                }
            }
        }
        let baggage = r.baggage.map(|b| {
            let money = |m: &Option<raw::RawMoney>, v: &mut Self| {
                m.as_ref()
                    .and_then(|m| match Money::from_decimal(m.amount, m.currency) {
                        Ok(x) => {
                            v.ensure_amount(x, a, &format!("{what} baggage amount"));
                            Some(x)
                        }
                        Err(e) => {
                            v.problem(a, format!("{what} baggage: {e}"));
                            None
                        }
                    })
            };
            if b.free_kg.is_some_and(|k| k > MAX_FREE_KG) {
                self.problem(a, format!("{what} baggage `free_kg` = {} is out of range; expected 0 to {MAX_FREE_KG} kg", b.free_kg.unwrap_or(0)));
            }
            Baggage {
                free_kg: b.free_kg,
                excess_per_kg: money(&b.excess_per_kg, self),
                per_piece: money(&b.per_piece, self),
                sources: self.sources(s, &b.sources, a, &format!("{what} baggage rule")),
                note: b.note.map(Text::from),
            }
        });
        let disputes = self.disputes(r.dispute, f, s, &what, &[]);
        Some(Service {
            id: r.id.into(),
            name: r.name.into(),
            mode: r.mode,
            operator: r.operator.map(Text::from),
            foreigners: r.foreigners,
            status: r.status,
            status_since: r.status_since.map(|d| d.0),
            stops,
            schedule,
            fares,
            baggage,
            disputes,
            prov: Provenance {
                sources: srcs,
                verified: r.verified.map(|d| d.0),
                newest: None,
            },
            notes: r.notes.map(Text::from),
        })
    }

    fn visas(
        &mut self,
        s: &HashMap<String, usize>,
        places: &[Place],
        crossing_ix: &HashMap<String, usize>,
        crossings: &[Crossing],
    ) -> Visas {
        let mut visas = Visas {
            index_source: s.get("ref-passport-index").copied(),
            ..Visas::default()
        };
        let mut tables: HashMap<Country, At> = HashMap::new();
        // Each rule's countries, checked once all are known.
        let mut named: Vec<(At, &'static str, Country, Vec<Country>)> = Vec::new();
        for (f, file) in std::mem::take(&mut self.raw.visas) {
            for t in file.visa {
                let a = at(f, &t);
                let r = t.into_inner();
                if let Some(first) = tables.insert(r.destination, a) {
                    let line = self.line_col(first).0;
                    let file = self.raw.files[first.0].clone();
                    self.problem(a, format!("a second [[visa]] table for destination {}; the first is at {file}:{line}: merge them into one", r.destination));
                }
                for (passport, req) in &r.requirements {
                    let pc = passport.parse::<Country>();
                    let rq = req.parse::<Requirement>();
                    match (pc, rq) {
                        (Ok(p), Ok(q)) => {
                            visas.index.push((r.destination, p, q));
                        }
                        (p, q) => {
                            for e in [p.err(), q.err()].into_iter().flatten() {
                                self.problem(
                                    a,
                                    format!("visa requirements for {}: {e}", r.destination),
                                );
                            }
                        }
                    }
                }
            }
            for rule in file.rule {
                let a = at(f, &rule);
                let r = rule.into_inner();
                named.push((
                    a,
                    "visa rule",
                    r.destination,
                    r.passports.named_with(&r.except),
                ));
                let passports = match r.passports {
                    raw::Passports::Named(n) if n == "all" => None,
                    raw::Passports::Named(n) => {
                        self.problem(a, format!("passports = \"{n}\" is not understood; expected \"all\" or a list of country codes"));
                        None
                    }
                    raw::Passports::List(l) => Some(l),
                };
                let requirement = match r.requirement.parse::<Requirement>() {
                    Ok(Requirement::VisaFree) if r.days.is_some() => {
                        Requirement::VisaFreeDays(r.days.unwrap_or(0))
                    }
                    Ok(q) => q,
                    Err(e) => {
                        self.problem(a, e);
                        continue;
                    }
                };
                if let (Some(from), Some(until)) = (r.from, r.until) {
                    if until < from {
                        self.problem(a, format!("visa rule for {} ends (`until` {}) before it starts (`from` {}); expected from <= until", r.destination, until.0, from.0));
                    }
                }
                let srcs = self.sources(s, &r.sources, a, "visa rule");
                visas.rules.push(VisaRule {
                    destination: r.destination,
                    passports,
                    except: r.except,
                    requirement,
                    from: r.from.map(|d| d.0),
                    until: r.until.map(|d| d.0),
                    note: r.note.map(Text::from),
                    prov: Provenance {
                        sources: srcs,
                        verified: Some(r.verified.0),
                        newest: None,
                    },
                });
            }
            for app in file.apply {
                let a = at(f, &app);
                let r = app.into_inner();
                let requirement = match r.requirement.parse::<Requirement>() {
                    Ok(q) => q,
                    Err(e) => {
                        self.problem(a, e);
                        continue;
                    }
                };
                let what = format!("visa application for {} ({})", r.destination, r.requirement);
                let get = self.how_to_get(
                    Some(r.obtain),
                    r.apply_at,
                    &r.cost,
                    (r.lead_days, r.lead_working_days),
                    r.note,
                    a,
                    &what,
                );
                let srcs = self.sources(s, &r.sources, a, &what);
                visas.applications.push(Application {
                    destination: r.destination,
                    requirement,
                    get,
                    prov: Provenance {
                        sources: srcs,
                        verified: Some(r.verified.0),
                        newest: None,
                    },
                });
            }
            for rule in file.exit {
                let a = at(f, &rule);
                let r = rule.into_inner();
                if let Some(x) = self.exit_rule(r, a, s, crossing_ix, crossings, &mut named) {
                    visas.exits.push(x);
                }
            }
        }
        visas.index.sort_by_key(|(d, p, _)| (*d, *p));
        visas.index.dedup_by_key(|(d, p, _)| (*d, *p));
        // A rule about a country nothing else in the dataset names is a typo (`KZ` for `KG`).
        let known: std::collections::HashSet<Country> = visas
            .index
            .iter()
            .flat_map(|(d, p, _)| [*d, *p])
            .chain(places.iter().map(|p| p.country))
            .collect();
        for (a, kind, destination, countries) in named {
            for c in std::iter::once(destination).chain(countries) {
                if !known.contains(&c) {
                    self.problem(a, format!("{kind} for {destination} names {c}, a country no place or visa table of the dataset knows; check the code (ISO 3166-1 alpha-2)"));
                }
            }
        }
        visas
    }

    /// One `[[exit]]` rule, checked: its crossings exist and are on the border of the
    /// country it is about (its countries are checked with the visa rules', in `named`).
    fn exit_rule(
        &mut self,
        r: raw::ExitRule,
        a: At,
        s: &HashMap<String, usize>,
        crossing_ix: &HashMap<String, usize>,
        crossings: &[Crossing],
        named: &mut Vec<(At, &'static str, Country, Vec<Country>)>,
    ) -> Option<ExitRule> {
        let country = r.country;
        let what = format!("exit rule for {country}");
        named.push((a, "exit rule", country, r.passports.named_with(&r.except)));
        let passports = match r.passports {
            raw::Passports::Named(n) if n == "all" => None,
            raw::Passports::Named(n) => {
                self.problem(a, format!("{what}: passports = \"{n}\" is not understood; expected \"all\" or a list of country codes"));
                return None;
            }
            raw::Passports::List(l) if l.is_empty() => {
                self.problem(a, format!("{what}: passports = [] bars no one; list the passports it is about, or \"all\""));
                return None;
            }
            raw::Passports::List(l) => Some(l),
        };
        let crossings = match r.crossings {
            raw::Crossings::Named(n) if n == "all" => None,
            raw::Crossings::Named(n) => {
                self.problem(a, format!("{what}: crossings = \"{n}\" is not understood; expected \"all\" (every crossing of the dataset on {country}'s borders) or a list of crossing ids"));
                return None;
            }
            raw::Crossings::List(l) if l.is_empty() => {
                self.problem(a, format!("{what}: crossings = [] bars no crossing; list the crossing ids it is about, or \"all\""));
                return None;
            }
            raw::Crossings::List(l) => {
                let mut ixs = Vec::with_capacity(l.len());
                for id in &l {
                    match crossing_ix.get(id.as_str()) {
                        None => self.problem(a, format!("{what}: unknown crossing '{id}'; use the id of a [[crossing]] record on {country}'s borders")),
                        Some(&ci) if !crossings[ci].sides.iter().any(|sd| sd.country == country) => {
                            self.problem(a, format!("{what}: crossing '{id}' is not on {country}'s borders (it joins {} and {}); name a crossing {country} is left by", crossings[ci].sides[0].country, crossings[ci].sides[1].country));
                        }
                        Some(&ci) => ixs.push(ci),
                    }
                }
                if ixs.len() != l.len() {
                    return None;
                }
                Some(ixs)
            }
        };
        let srcs = self.sources(s, &r.sources, a, &what);
        Some(ExitRule {
            country,
            passports,
            except: r.except,
            crossings,
            note: Text::from(r.note),
            prov: Provenance {
                sources: srcs,
                verified: Some(r.verified.0),
                newest: None,
            },
        })
    }

    /// What a record says about obtaining a document, checked.
    #[allow(clippy::too_many_arguments)]
    fn how_to_get(
        &mut self,
        obtain: Option<Obtain>,
        apply_at: Option<String>,
        cost: &Option<raw::RawMoney>,
        lead: (Option<u32>, Option<u32>),
        note: Option<String>,
        a: At,
        what: &str,
    ) -> HowToGet {
        let cost = cost
            .as_ref()
            .and_then(|m| match Money::from_decimal(m.amount, m.currency) {
                Ok(x) => Some(x),
                Err(e) => {
                    self.problem(a, format!("{what} cost: {e}"));
                    None
                }
            });
        let lead = match lead {
            (Some(_), Some(_)) => {
                self.problem(
                    a,
                    format!("{what}: give lead_days or lead_working_days, not both"),
                );
                None
            }
            (Some(d), None) => Some(Lead::Days(d)),
            (None, Some(d)) => Some(Lead::WorkingDays(d)),
            (None, None) => None,
        };
        HowToGet {
            obtain,
            apply_at,
            cost,
            lead,
            note,
        }
    }

    /// The `[[announced]]` records of the holidays files: per country, the last year whose
    /// official schedule its holiday list follows. The country must have a holiday list and
    /// the year lie within it (or be the year before its first, for none yet).
    fn announced(
        &mut self,
        records: Vec<(At, raw::Announced)>,
        holidays: &BTreeMap<Country, HolidayList>,
        s: &HashMap<String, usize>,
    ) -> BTreeMap<Country, Announced> {
        use chrono::Datelike;
        let mut out: BTreeMap<Country, (Announced, At)> = BTreeMap::new();
        for (a, r) in records {
            let what = format!("announced schedule of {}", r.country);
            let sources = self.sources(s, &r.sources, a, &what);
            let Some(list) = holidays.get(&r.country) else {
                let reported = self.raw.failed.iter().any(|f| f == "holidays")
                    || self.refused_holidays.contains(&r.country);
                if !reported {
                    self.problem(a, format!("{what}: the dataset has no holidays for {}; name a country of the holidays files (or add it to scripts/gen_holidays.py)", r.country));
                }
                continue;
            };
            let years = list
                .first_date()
                .zip(list.last_date())
                .map(|(f, l)| (f.year(), l.year()));
            if let Some((first, last)) = years {
                if r.through < first - 1 || r.through > last {
                    self.problem(a, format!("{what}: `through = {}` is outside the years of its holiday list ({first}-{last}); give a year from {} to {last}", r.through, first - 1));
                    continue;
                }
            }
            if let Some((_, first)) = out.get(&r.country) {
                let line = self.line_col(*first).0;
                let file = self.raw.files[first.0].clone();
                self.problem(a, format!("a second {what}; it is already given at {file}:{line}: keep one record per country"));
                continue;
            }
            let announced = Announced {
                through: r.through,
                prov: Provenance {
                    sources,
                    verified: Some(r.verified.0),
                    newest: None,
                },
            };
            out.insert(r.country, (announced, a));
        }
        out.into_iter().map(|(c, (x, _))| (c, x)).collect()
    }

    fn rates(&mut self, s: &HashMap<String, usize>) -> Rates {
        let mut rates = Rates {
            base: None,
            rates: BTreeMap::new(),
        };
        for (f, file) in std::mem::take(&mut self.raw.rates) {
            for rate in file.rate {
                let a = at(f, &rate);
                let r = rate.into_inner();
                match rates.base {
                    Some(b) if b != r.base => self.problem(a, format!("rate for {} is against {}, but other rates are against {b}; expected one base currency", r.currency, r.base)),
                    _ => rates.base = Some(r.base),
                }
                if r.per_base.mantissa <= 0 {
                    self.problem(a, format!("rate for {} must be positive", r.currency));
                    continue;
                }
                let min: crate::types::Decimal = MIN_RATE.parse().unwrap_or(r.per_base);
                // Compare mantissas at one scale; scales are at most 30 digits (Decimal).
                let scale = r.per_base.scale.max(min.scale);
                let at_scale =
                    |d: crate::types::Decimal| d.mantissa.checked_mul(10i128.pow(scale - d.scale));
                let too_small = match (at_scale(r.per_base), at_scale(min)) {
                    (Some(x), Some(m)) => x < m,
                    _ => true,
                };
                let too_large = at_scale(r.per_base)
                    .zip(
                        10i128
                            .checked_pow(scale)
                            .and_then(|p| p.checked_mul(MAX_RATE)),
                    )
                    .is_none_or(|(x, m)| x > m);
                if too_small || too_large {
                    self.problem(a, format!("rate for {} is {}, out of range; expected {MIN_RATE} to {MAX_RATE} {} per {}", r.currency, show_decimal(r.per_base), r.currency, r.base));
                    continue;
                }
                if rates.rates.contains_key(&r.currency) {
                    self.problem(
                        a,
                        format!(
                            "a second rate for {}; expected one rate per currency",
                            r.currency
                        ),
                    );
                }
                let srcs = self.sources(s, &r.sources, a, &format!("rate for {}", r.currency));
                rates.rates.insert(
                    r.currency,
                    Rate {
                        currency: r.currency,
                        per_base: r.per_base,
                        date: r.date.0,
                        prov: Provenance {
                            sources: srcs,
                            verified: Some(r.verified.0),
                            newest: None,
                        },
                    },
                );
            }
        }
        rates
    }
}
