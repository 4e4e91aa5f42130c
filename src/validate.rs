//! Turning raw TOML records into the checked `Dataset`: ids unique and well formed, every
//! reference resolved, names and aliases not colliding, values consistent. Every problem is
//! collected with its file and line; nothing after this step re-checks a reference.

use crate::load::RawDataset;
use crate::model::*;
use crate::names::fold;
use crate::problem::Problem;
use crate::raw;
use crate::text::Text;
use crate::types::{Country, Day, Dur, Money};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// Checks the raw dataset; returns the dataset, or every problem found.
pub fn validate(raw: &RawDataset) -> Result<Dataset, Vec<Problem>> {
    let mut v = Validator {
        raw,
        problems: Vec::new(),
    };
    let ds = v.dataset();
    if v.problems.is_empty() {
        Ok(ds)
    } else {
        Err(v.problems)
    }
}

struct Validator<'a> {
    raw: &'a RawDataset,
    problems: Vec<Problem>,
}

/// A record's location: file number and byte offset.
#[derive(Clone, Copy)]
struct At(usize, usize);

fn at<T>(file: usize, s: &Spanned<T>) -> At {
    At(file, s.span().start)
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Validator<'_> {
    fn problem(&mut self, at: At, message: String) {
        self.problems.push(self.raw.problem(at.0, at.1, message));
    }

    /// Registers an id; reports malformed and duplicate ones.
    fn ensure_id(&mut self, seen: &mut HashMap<String, At>, id: &str, kind: &str, at: At) {
        if !is_slug(id) {
            self.problem(at, format!("{kind} id '{id}' is not a slug; expected lowercase letters, digits and '-' only"));
        }
        if let Some(first) = seen.get(id) {
            let line = crate::problem::line_col(&self.raw.texts[first.0], first.1).0;
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
        let raw = self.raw;

        // Sources.
        let mut seen = HashMap::new();
        let mut sources = Vec::new();
        for (f, file) in &raw.sources {
            for s in &file.source {
                self.ensure_id(&mut seen, &s.get_ref().id, "source", at(*f, s));
                let r = s.get_ref();
                sources.push(Source {
                    id: r.id.as_str().into(),
                    title: r.title.as_str().into(),
                    url: r.url.as_deref().map(Text::from),
                    reports: r.reports.clone(),
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
        for (f, file) in &raw.permits {
            for p in &file.permit {
                let a = at(*f, p);
                let r = p.get_ref();
                self.ensure_id(&mut seen, &r.id, "permit", a);
                let srcs = self.sources(&source_ix, &r.sources, a, &format!("permit '{}'", r.id));
                permits.push(Permit {
                    id: r.id.as_str().into(),
                    name: r.name.as_str().into(),
                    how: r.how.as_deref().map(Text::from),
                    enforce: r.enforce,
                    waived_by_visa: r.waived_by_visa.clone(),
                    waived_by_passport: r.waived_by_passport.clone(),
                    prov: Provenance {
                        sources: srcs,
                        verified: r.verified.0,
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
        for (f, file) in &raw.places {
            for p in &file.place {
                let a = at(*f, p);
                let r = p.get_ref();
                self.ensure_id(&mut seen, &r.id, "place", a);
                self.ensure_names(&mut names, &r.id, &r.name, &r.aliases, "place", a);
                self.ensure_coords(r.coords, a);
                let srcs = self.sources(&source_ix, &r.sources, a, &format!("place '{}'", r.id));
                let pp = r
                    .permits
                    .iter()
                    .filter_map(|id| self.resolve(&permit_ix, id, "permit", a))
                    .collect();
                places.push(Place {
                    id: r.id.as_str().into(),
                    name: r.name.as_str().into(),
                    aliases: r.aliases.iter().map(Text::from).collect(),
                    country: r.country,
                    zone: r.zone,
                    local_zone: r.local_zone,
                    coords: r.coords,
                    permits: pp,
                    prov: Provenance {
                        sources: srcs,
                        verified: r.verified.0,
                    },
                    notes: r.notes.as_deref().map(Text::from),
                });
            }
        }
        let place_ix: HashMap<String, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), i))
            .collect();

        // Holidays (needed to check which countries' holidays a crossing may name).
        let mut by_day: BTreeMap<Country, BTreeMap<chrono::NaiveDate, Vec<String>>> =
            BTreeMap::new();
        for (_, file) in &raw.holidays {
            for h in &file.holiday {
                let r = h.get_ref();
                by_day
                    .entry(r.country)
                    .or_default()
                    .entry(r.date.0)
                    .or_default()
                    .push(r.name.clone());
            }
        }
        let holidays: BTreeMap<Country, Vec<Holiday>> = by_day
            .into_iter()
            .map(|(c, days)| {
                (
                    c,
                    days.into_iter()
                        .map(|(date, names)| Holiday {
                            date,
                            names: names.into_iter().map(Text::from).collect(),
                        })
                        .collect(),
                )
            })
            .collect();

        // Crossings.
        let mut seen = HashMap::new();
        let mut cnames: HashMap<String, String> = HashMap::new();
        let mut crossings = Vec::new();
        for (f, file) in &raw.crossings {
            for c in &file.crossing {
                let a = at(*f, c);
                let r = c.get_ref();
                self.ensure_id(&mut seen, &r.id, "crossing", a);
                self.ensure_names(&mut cnames, &r.id, &r.name, &r.aliases, "crossing", a);
                self.ensure_coords(r.coords, a);
                if let Some(x) =
                    self.crossing(r, *f, a, &source_ix, &place_ix, &permit_ix, &holidays)
                {
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
        for (f, file) in &raw.services {
            for s in &file.service {
                let a = at(*f, s);
                self.ensure_id(&mut seen, &s.get_ref().id, "service", a);
                if let Some(x) = self.service(
                    s.get_ref(),
                    *f,
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

        let visas = self.visas(&source_ix);
        let rates = self.rates(&source_ix);
        Dataset {
            sources,
            places,
            permits,
            crossings,
            services,
            visas,
            holidays,
            rates,
        }
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
        let mut own: Vec<String> = Vec::new();
        for n in std::iter::once(id)
            .chain(std::iter::once(name))
            .chain(aliases.iter().map(String::as_str))
        {
            let k = fold(n);
            if k.is_empty() {
                self.problem(a, format!("{kind} '{id}' has an empty name or alias '{n}'"));
                continue;
            }
            if own.contains(&k) {
                continue;
            }
            own.push(k.clone());
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

    fn ensure_coords(&mut self, coords: Option<[f64; 2]>, a: At) {
        if let Some([lat, lon]) = coords {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                self.problem(a, format!("coords [{lat}, {lon}] are out of range; expected [latitude, longitude] in degrees"));
            }
        }
    }

    fn disputes(
        &mut self,
        raw: &[Spanned<raw::Dispute>],
        f: usize,
        s: &HashMap<String, usize>,
    ) -> Vec<Dispute> {
        raw.iter()
            .map(|d| {
                let a = at(f, d);
                let r = d.get_ref();
                if r.alternatives.len() < 2 {
                    self.problem(a, format!("dispute about '{}' lists {} alternative(s); a dispute needs at least two", r.fact, r.alternatives.len()));
                }
                let alternatives = r
                    .alternatives
                    .iter()
                    .map(|alt| Alternative { says: alt.says.as_str().into(), sources: self.sources(s, &alt.sources, a, &format!("an alternative of the dispute about '{}'", r.fact)) })
                    .collect();
                Dispute { fact: r.fact.as_str().into(), summary: r.summary.as_str().into(), alternatives }
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn crossing(
        &mut self,
        r: &raw::Crossing,
        f: usize,
        a: At,
        s: &HashMap<String, usize>,
        places: &HashMap<String, usize>,
        permits: &HashMap<String, usize>,
        holidays: &BTreeMap<Country, Vec<Holiday>>,
    ) -> Option<Crossing> {
        let what = format!("crossing '{}'", r.id);
        let srcs = self.sources(s, &r.sources, a, &what);
        let pp = r
            .permits
            .iter()
            .filter_map(|id| self.resolve(permits, id, "permit", a))
            .collect();
        for c in &r.holidays_close {
            if !holidays.contains_key(c) && !self.raw.failed.iter().any(|f| f == "holidays") {
                self.problem(a, format!("{what} closes on holidays of {c}, but the dataset has no holidays for {c}; add {c} to scripts/gen_holidays.py"));
            }
        }
        let mut sides = Vec::new();
        for side in &r.side {
            let sa = at(f, side);
            let sr = side.get_ref();
            let near = self.resolve(places, &sr.near, "place", sa);
            for b in &sr.breaks {
                if let Some(h) = sr.hours {
                    if b.start < h.start || b.end > h.end {
                        self.problem(sa, format!("break {b} lies outside the hours {h}; expected a break within the opening hours"));
                    }
                }
            }
            sides.push(Side {
                country: sr.country,
                post: sr.post.as_str().into(),
                near: near.unwrap_or(0),
                zone: sr.zone,
                days: sr.days,
                hours: sr.hours,
                breaks: sr.breaks.clone(),
                cutoff: sr.cutoff,
            });
        }
        if sides.len() != 2 || sides[0].country == sides[1].country {
            self.problem(a, format!("{what} has {} side(s){}; expected exactly two [[crossing.side]] tables, one per country", sides.len(), if sides.len() == 2 { " of the same country" } else { "" }));
            return None;
        }
        let closures = r
            .closure
            .iter()
            .map(|c| {
                let ca = at(f, c);
                let cr = c.get_ref();
                if cr.to < cr.from {
                    self.problem(
                        ca,
                        format!(
                            "closure ends ({}) before it starts ({}); expected from <= to",
                            cr.to.0, cr.from.0
                        ),
                    );
                }
                Closure {
                    from: cr.from.0,
                    to: cr.to.0,
                    reason: cr.reason.as_str().into(),
                    sources: self.sources(s, &cr.sources, ca, "closure"),
                }
            })
            .collect();
        let disputes = self.disputes(&r.dispute, f, s);
        let [s0, s1]: [Side; 2] = sides.try_into().ok()?;
        Some(Crossing {
            id: r.id.as_str().into(),
            name: r.name.as_str().into(),
            aliases: r.aliases.iter().map(Text::from).collect(),
            altitude_m: r.altitude_m,
            coords: r.coords,
            status: r.status,
            status_since: r.status_since.map(|d| d.0),
            reopens: r.reopens.map(|d| d.0),
            foreigners: r.foreigners,
            foreigners_public_transport: r.foreigners_public_transport,
            on_foot: r.on_foot,
            bicycle: r.bicycle,
            visa_on_arrival: r.visa_on_arrival.clone(),
            permits: pp,
            holidays_close: r.holidays_close.clone(),
            season: r.season,
            sides: [s0, s1],
            closures,
            disputes,
            prov: Provenance {
                sources: srcs,
                verified: r.verified.0,
            },
            notes: r.notes.as_deref().map(Text::from),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn service(
        &mut self,
        r: &raw::Service,
        f: usize,
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
                }),
                None => ok = false,
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
        let mut last = None;
        for st in &stops {
            if let Some(o) = st.offset {
                if last.is_some_and(|l| o < l) {
                    self.problem(a, format!("{what}: stop offsets go backwards ({o} after {}); expected offsets that grow along the route", last.unwrap_or_default()));
                }
                last = Some(Dur(o.minutes() + st.clear.unwrap_or_default().minutes()));
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
        let schedule = Schedule {
            kind: sc.kind,
            days: sc.days,
            depart: sc.depart,
            window: sc.window,
            zone: sc.zone,
            first: sc.first.map(|d| d.0),
            last: sc.last.map(|d| d.0),
            except: sc.except.iter().map(|d| d.0).collect(),
        };
        let stop_of = |id: &Option<String>, default: usize| -> Result<usize, String> {
            match id {
                None => Ok(default),
                Some(id) => places
                    .get(id)
                    .and_then(|p| stops.iter().position(|s| s.at == StopAt::Place(*p)))
                    .ok_or_else(|| format!("fare names '{id}', which is not a stop of {what}; expected one of its `at` stops")),
            }
        };
        let mut fares = Vec::new();
        for fare in &r.fare {
            let fa = at(f, fare);
            let fr = fare.get_ref();
            let price = Money::from_decimal(fr.amount, fr.currency);
            let (from, to) = (stop_of(&fr.from, 0), stop_of(&fr.to, stops.len() - 1));
            match (price, from, to) {
                (Ok(price), Ok(from), Ok(to)) if from < to => {
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
                        note: fr.note.as_deref().map(Text::from),
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
        let baggage = r.baggage.as_ref().map(|b| {
            let money = |m: &Option<raw::RawMoney>, v: &mut Self| {
                m.as_ref()
                    .and_then(|m| match Money::from_decimal(m.amount, m.currency) {
                        Ok(x) => Some(x),
                        Err(e) => {
                            v.problem(a, format!("{what} baggage: {e}"));
                            None
                        }
                    })
            };
            Baggage {
                free_kg: b.free_kg,
                excess_per_kg: money(&b.excess_per_kg, self),
                per_piece: money(&b.per_piece, self),
                sources: self.sources(s, &b.sources, a, &format!("{what} baggage rule")),
                note: b.note.as_deref().map(Text::from),
            }
        });
        let disputes = self.disputes(&r.dispute, f, s);
        Some(Service {
            id: r.id.as_str().into(),
            name: r.name.as_str().into(),
            mode: r.mode,
            operator: r.operator.as_deref().map(Text::from),
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
                verified: r.verified.0,
            },
            notes: r.notes.as_deref().map(Text::from),
        })
    }

    fn visas(&mut self, s: &HashMap<String, usize>) -> Visas {
        let mut visas = Visas {
            index_source: s.get("ref-passport-index").copied(),
            ..Visas::default()
        };
        for (f, file) in &self.raw.visas {
            for t in &file.visa {
                let a = at(*f, t);
                let r = t.get_ref();
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
            for rule in &file.rule {
                let a = at(*f, rule);
                let r = rule.get_ref();
                let passports = match &r.passports {
                    raw::Passports::Named(n) if n == "all" => None,
                    raw::Passports::Named(n) => {
                        self.problem(a, format!("passports = \"{n}\" is not understood; expected \"all\" or a list of country codes"));
                        None
                    }
                    raw::Passports::List(l) => Some(l.clone()),
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
                let srcs = self.sources(s, &r.sources, a, "visa rule");
                visas.rules.push(VisaRule {
                    destination: r.destination,
                    passports,
                    except: r.except.clone(),
                    requirement,
                    from: r.from.map(|d| d.0),
                    until: r.until.map(|d| d.0),
                    note: r.note.as_deref().map(Text::from),
                    prov: Provenance {
                        sources: srcs,
                        verified: r.verified.0,
                    },
                });
            }
        }
        visas.index.sort_by_key(|(d, p, _)| (*d, *p));
        visas.index.dedup_by_key(|(d, p, _)| (*d, *p));
        visas
    }

    fn rates(&mut self, s: &HashMap<String, usize>) -> Rates {
        let mut rates = Rates {
            base: None,
            rates: BTreeMap::new(),
        };
        for (f, file) in &self.raw.rates {
            for rate in &file.rate {
                let a = at(*f, rate);
                let r = rate.get_ref();
                match rates.base {
                    Some(b) if b != r.base => self.problem(a, format!("rate for {} is against {}, but other rates are against {b}; expected one base currency", r.currency, r.base)),
                    _ => rates.base = Some(r.base),
                }
                if r.per_base.mantissa <= 0 {
                    self.problem(a, format!("rate for {} must be positive", r.currency));
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
                            verified: r.verified.0,
                        },
                    },
                );
            }
        }
        rates
    }
}
