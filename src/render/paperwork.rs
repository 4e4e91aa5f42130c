//! The words of the paperwork model: entry decisions, documents to arrange ("Before you
//! go"), the blockers they raise and the fixes for a "no". The core returns these as data
//! (`visa::Entry`, `documents::Need`, `documents::Fix`, `findings::Blocker`); only this
//! module writes them as sentences.

use super::text::capitalise;
use super::words::{country_name, days_either_as, Words};
use crate::documents::{ready_on, Change, Doc, Fix, Need};
use crate::model::{Dataset, HowToGet, Lead, Permit, Requirement, StopAt};
use crate::planner::Request;
use crate::types::Country;
use crate::visa::{Channel, Entry, ExitBar};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// "a Chinese visa", "a Tajik e-visa", "the GBAO permit (…)".
pub fn doc_name(ds: &Dataset, doc: Doc, q: Option<Requirement>) -> String {
    match doc {
        Doc::Visa(c) => {
            let kind = match q {
                Some(Requirement::EVisa) => "an e-visa",
                Some(Requirement::Eta) => "an electronic travel authorisation (ETA)",
                _ => "a visa",
            };
            format!("{kind} for {}", country_name(c))
        }
        Doc::Permit(p) => format!("the {}", ds.permits[p].name),
    }
}

/// "a visa", "an e-visa", "an ETA".
fn kind(q: Requirement) -> &'static str {
    match q {
        Requirement::EVisa => "an e-visa",
        Requirement::Eta => "an electronic travel authorisation (ETA)",
        _ => "a visa",
    }
}

/// Short name for lists of fixes: "a visa for Pakistan", "the GBAO permit".
pub fn doc_short(ds: &Dataset, doc: Doc) -> String {
    match doc {
        Doc::Visa(c) => format!("a visa for {}", country_name(c)),
        Doc::Permit(p) => {
            let name = &ds.permits[p].name;
            let short = name.split(" (").next().unwrap_or(name);
            format!("the {short}")
        }
    }
}

/// The flag that says a document is held.
pub fn flag(ds: &Dataset, doc: Doc) -> String {
    match doc {
        Doc::Visa(c) => format!("--visa {c}"),
        Doc::Permit(p) => format!("--permit {}", ds.permits[p].id),
    }
}

fn channel(ch: Channel) -> &'static str {
    match ch {
        Channel::Nothing => "nothing to arrange",
        Channel::AtBorder => "given at the border",
        Channel::Online => "apply online before you go",
        Channel::Agency => "arranged through a travel agency before you go",
        Channel::Office => "from a government office on the way, before the checkpoint",
        Channel::Embassy => {
            "apply at an embassy or consulate before you go (usually in your home country)"
        }
        Channel::Unknown => "arrange before you go (no source says how)",
        Channel::NotObtainable => "not obtainable",
    }
}

pub fn lead(l: Lead) -> String {
    match l {
        Lead::Days(1) => "1 day".into(),
        Lead::Days(d) => format!("{d} days"),
        Lead::WorkingDays(1) => "1 working day".into(),
        Lead::WorkingDays(d) => format!("{d} working days"),
    }
}

fn day(d: NaiveDate) -> String {
    Words::full_date(d)
}

/// Why a visa is needed though the passport had a waiver: the waiver's last day, with its
/// year, in words that hold whether that day is still ahead of the reader or already past.
fn waiver_end(passport: impl std::fmt::Display, last: NaiveDate) -> String {
    format!(
        "the visa waiver for {passport} passports is announced to run only to {}, unless it is extended",
        day(last)
    )
}

/// A document's title: "A visa for Pakistan (GB passport)".
pub fn doc_title(ds: &Dataset, n: &Need) -> String {
    let who = n
        .passport
        .map(|p| format!(" ({p} passport)"))
        .unwrap_or_default();
    format!("{}{who}", capitalise(&doc_name(ds, n.doc, n.requirement)))
}

/// One line of "Before you go".
pub fn need(ds: &Dataset, n: &Need) -> String {
    need_with(ds, n, &[])
}

/// Whether two needs are the same document, got the same way, for the same passport: they
/// differ at most in the day and place it is needed.
fn same_document(a: &Need, b: &Need) -> bool {
    a.doc == b.doc
        && a.channel == b.channel
        && a.get == b.get
        && a.passport == b.passport
        && a.requirement == b.requirement
        && a.waiver_ended == b.waiver_ended
        && a.enforced == b.enforced
}

/// `--explain`'s "Before you go": each document in full (`need`) once, with the itineraries
/// it applies to. Where they need it on different days, the earliest leads and the others
/// follow in brackets with their itineraries: "needed from Wed 5 May 2027 (itinerary 2: Fri
/// 7 May 2027)", "so apply by Tue 27 Apr 2027 (itinerary 2: Thu 29 Apr 2027)". Returns each
/// line with the itineraries (1-based) it applies to.
pub fn needs_explained(ds: &Dataset, itineraries: &[&[Need]]) -> Vec<(String, BTreeSet<usize>)> {
    let mut groups: Vec<Vec<(usize, &Need)>> = Vec::new();
    for (k, needs) in itineraries.iter().enumerate() {
        for n in needs.iter() {
            match groups.iter_mut().find(|g| same_document(g[0].1, n)) {
                Some(g) => g.push((k + 1, n)),
                None => groups.push(vec![(k + 1, n)]),
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|members| {
            let set: BTreeSet<usize> = members.iter().map(|(k, _)| *k).collect();
            let &(_, first) = members.iter().min_by_key(|(_, n)| (n.by, n.until))?;
            Some((need_with(ds, first, &members), set))
        })
        .collect()
}

/// `need` for `n`, naming after its own days those of `others` (the same document needed by
/// other itineraries) that differ.
fn need_with(ds: &Dataset, n: &Need, others: &[(usize, &Need)]) -> String {
    let apply_by = |x: &Need| crate::documents::apply_by(ds, x.doc.issuer(), x.by, x.get.lead);
    // The other days it is needed on, each with its itineraries and its last day to apply.
    let mut later: Vec<(Window, Vec<String>, Option<NaiveDate>)> = Vec::new();
    for (k, x) in others {
        if (x.by, x.until) == (n.by, n.until) {
            continue;
        }
        match later.iter_mut().find(|(w, _, _)| *w == (x.by, x.until)) {
            Some((_, ks, _)) => ks.push(k.to_string()),
            None => later.push(((x.by, x.until), vec![k.to_string()], apply_by(x))),
        }
    }
    later.sort();
    let label = |ks: &[String]| {
        let what = if ks.len() > 1 {
            "itineraries"
        } else {
            "itinerary"
        };
        format!("{what} {}", ks.join(", "))
    };
    let brackets = |items: Vec<String>| {
        if items.is_empty() {
            String::new()
        } else {
            format!(" ({})", items.join("; "))
        }
    };
    let mut parts = vec![channel(n.channel).to_string()];
    if let Some(at) = &n.get.apply_at {
        parts.push(format!("where: {at}"));
    }
    parts.push(match (n.get.lead, apply_by(n)) {
        (Some(l), Some(by)) => {
            let others = later
                .iter()
                .filter(|(_, _, a)| *a != Some(by))
                .filter_map(|(_, ks, a)| Some(format!("{}: {}", label(ks), day((*a)?))))
                .collect();
            format!(
                "takes {}, so apply by {}{}",
                lead(l),
                day(by),
                brackets(others)
            )
        }
        (Some(l), None) => format!("takes {}", lead(l)),
        _ => "time needed not known".into(),
    });
    parts.push(match n.get.cost {
        Some(c) if c.minor == 0 => "free".into(),
        Some(c) => format!("costs {}", c.display()),
        None => "cost not known".into(),
    });
    let who = match (n.passport, n.waiver_ended) {
        (Some(p), Some(u)) => format!(" ({p} passport; {})", waiver_end(p, u)),
        (Some(p), None) => format!(" ({p} passport)"),
        _ => String::new(),
    };
    let checked = if n.enforced {
        String::new()
    } else {
        " — whether it is still checked is uncertain".to_string()
    };
    let how = match n.doc {
        Doc::Permit(p) => ds.permits[p].how.as_deref(),
        Doc::Visa(_) => None,
    };
    let note = n
        .get
        .note
        .as_deref()
        .or(how)
        .map(|x| format!(". {x}"))
        .unwrap_or_default();
    // Needed on one of several days, which no source fixes: it must hold on each.
    let when = match n.until {
        Some(u) => format!(
            "{} ({})",
            Words::full_on_days_either(n.by, u),
            unknown_day(1, n.by, u)
        ),
        None => format!("from {}", day(n.by)),
    };
    let other_days = later
        .iter()
        .map(|((by, until), ks, _)| {
            let d = match until {
                Some(u) => format!(
                    "{}, {}",
                    days_either_as(*by, *u, Words::full_date),
                    valid_on(*by, *u)
                ),
                None => day(*by),
            };
            format!("{}: {d}", label(ks))
        })
        .collect();
    format!(
        "{}{who}, needed {when}{}: {}{checked}{note}",
        capitalise(&doc_name(ds, n.doc, n.requirement)),
        brackets(other_days),
        parts.join("; ")
    )
}

/// What documents (`docs` of them) needed on one of the days from `by` to `until` (a post no
/// source times) must do: "no source gives the day: it must be valid on both".
fn unknown_day(docs: usize, by: NaiveDate, until: NaiveDate) -> String {
    let who = if docs > 1 { "they" } else { "it" };
    format!(
        "no source gives the day: {who} must be {}",
        valid_on(by, until)
    )
}

/// "valid on both" (two days), "valid on each" (more).
fn valid_on(by: NaiveDate, until: NaiveDate) -> &'static str {
    if (until - by).num_days() == 1 {
        "valid on both"
    } else {
        "valid on each"
    }
}

/// What an entry decision means for the traveller.
pub fn entry(ds: &Dataset, e: &Entry) -> String {
    let _ = ds;
    match e {
        Entry::Admit {
            passport,
            destination,
            requirement,
            held,
            until,
            after,
            ..
        } => {
            let dest = country_name(*destination);
            let mut s = if *held {
                format!("{dest}: visa held")
            } else {
                match requirement {
                    Requirement::OwnCountry => {
                        format!("{dest}: own country ({passport} passport)")
                    }
                    Requirement::VisaFreeDays(d) => {
                        format!(
                            "{dest}: visa-free for {d} days on {}",
                            a_passport(*passport)
                        )
                    }
                    Requirement::VisaOnArrival => {
                        format!(
                            "{dest}: visa on arrival at this border for {}",
                            a_passport(*passport)
                        )
                    }
                    _ => format!("{dest}: visa-free on {}", a_passport(*passport)),
                }
            };
            if let (Some(u), false) = (until, *held) {
                let next = match after {
                    Some(Requirement::VisaFree | Requirement::VisaFreeDays(_)) | None => {
                        String::new()
                    }
                    Some(Requirement::EVisa) => {
                        format!(
                            "; unless it is extended, an e-visa for {dest} is needed after that"
                        )
                    }
                    Some(Requirement::Eta) => {
                        format!("; unless it is extended, an ETA for {dest} is needed after that")
                    }
                    Some(Requirement::NoAdmission) => {
                        format!("; unless it is extended, {passport} passports are not admitted after that")
                    }
                    Some(_) => {
                        format!("; unless it is extended, a visa for {dest} is needed after that")
                    }
                };
                s.push_str(&format!(
                    " (the waiver for {passport} passports is announced to run until {}{next})",
                    crate::render::words::Words::full_date(*u)
                ));
            }
            s
        }
        Entry::Arrange {
            passport,
            destination,
            requirement,
            channel: ch,
            ..
        } => format!(
            "{}: {} is needed for {} — {} (see Before you go)",
            country_name(*destination),
            kind(*requirement),
            a_passport(*passport),
            channel(*ch)
        ),
        Entry::Refuse {
            passport,
            destination,
            note,
        } => format!(
            "{}: no admission for {}{}",
            country_name(*destination),
            a_passport(*passport),
            note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
        ),
        Entry::NoData {
            passports,
            destination,
        } => {
            let list: Vec<String> = passports.iter().map(Country::to_string).collect();
            format!(
                "{}: no visa data for {} {} passport; check the rules before you go",
                country_name(*destination),
                article(&list.join("/")),
                list.join("/")
            )
        }
    }
}

/// A visa the traveller does not hold, with `--held-only`; a visa on arrival names the
/// crossings that do not offer it, all in one sentence.
pub fn visa_not_held(ds: &Dataset, e: &Entry, crossings: &[&crate::model::Crossing]) -> String {
    match e {
        Entry::Arrange {
            passport,
            destination,
            requirement,
            ..
        } => format!(
            "{}: {}{} is needed for {} and is not held",
            country_name(*destination),
            if *requirement == Requirement::VisaOnArrival {
                let names: Vec<String> = crossings.iter().map(|c| c.name.to_string()).collect();
                format!(
                    "visa on arrival is not offered at {}, so ",
                    super::words::join_and(&names)
                )
            } else {
                String::new()
            },
            kind(*requirement),
            a_passport(*passport),
        ),
        other => entry(ds, other),
    }
}

/// A checked permit the traveller does not hold, with `--held-only`.
pub fn permit_not_held(p: &Permit) -> String {
    format!("this route needs the {} and it is not held", p.name)
}

/// What to type when a document not held blocked the plan (`--held-only`): the human view
/// adds it after the reason; JSON never names a flag.
pub fn held_hint(ds: &Dataset, doc: Doc) -> String {
    format!(" (--held-only); pass {} if you hold one", flag(ds, doc))
}

/// A document whose lead time does not fit before the day it is needed.
pub fn too_late(ds: &Dataset, doc: Doc, get: &HowToGet, today: NaiveDate) -> String {
    let name = doc_short(ds, doc);
    match (get.lead, ready_on(ds, doc.issuer(), today, get.lead)) {
        (Some(l), Some(r)) => format!(
            "{} takes {} to obtain: applied for today ({}) it is held from {}",
            capitalise(&name),
            lead(l),
            day(today),
            day(r)
        ),
        _ => format!("{} cannot be obtained in time", capitalise(&name)),
    }
}

/// "With a visa for Pakistan: earliest departure Wed 31 Mar 2027", "With the GBAO
/// permit: Osh → Sary-Tash → Murghab → Khorog → Dushanbe, leaving …, 3d 4h".
pub fn fix(ds: &Dataset, req: &Request, f: &Fix) -> String {
    fix_with(ds, req, f, true)
}

/// `fix`, with the flags that make the change (`flags`) or without (the `text` in JSON).
pub fn fix_with(ds: &Dataset, req: &Request, f: &Fix, flags: bool) -> String {
    let head = match &f.change {
        Change::Hold(docs) => {
            let names: Vec<String> = docs.iter().map(|d| doc_short(ds, *d)).collect();
            let shown: Vec<String> = docs.iter().map(|d| flag(ds, *d)).collect();
            if flags {
                format!("With {} ({})", names.join(" and "), shown.join(" "))
            } else {
                format!("With {}", names.join(" and "))
            }
        }
        Change::DropRestrictions if !flags => {
            "Your own restrictions (crossings avoided, a place to pass) removed every route; without them".to_string()
        }
        // "Why" has said that they removed every route: the fix only names them.
        Change::DropRestrictions => format!("Without {}", restriction_flags(ds, req).join(" ")),
    };
    match (&f.itinerary, f.earliest) {
        (Some(it), _) => {
            let from = &ds.places[req.from];
            let mut names = vec![from.name.clone()];
            for l in &it.legs {
                if let StopAt::Place(p) = ds.services[l.service].stops[l.alight].at {
                    names.push(ds.places[p].name.clone());
                }
            }
            let to_zone = ds.places[req.to].zone.0;
            // As the plan's own header: where no source gives the arrival, its day is only
            // the earliest and the journey's length is not known (not a lower bound shown
            // as a length).
            let earliest = if it.arrival_certain() {
                ""
            } else {
                " at the earliest"
            };
            let span = super::plan::journey_time(it);
            format!(
                "{head}: {}, leaving {}, arriving {}{earliest} ({span})",
                names.join(" → "),
                it.depart()
                    .with_timezone(&from.zone.0)
                    .format("%a %-d %b %Y"),
                it.arrive().with_timezone(&to_zone).format("%a %-d %b %Y"),
            )
        }
        (None, Some(d)) => format!("{head}: earliest departure {}", d.format("%a %-d %b %Y")),
        (None, None) => format!("{head}: still no departure within a year"),
    }
}

/// How a group of documents is obtained, as the opening of its "Before you go" sentence.
fn obtain_head(ch: Channel) -> &'static str {
    match ch {
        Channel::Online => "Apply online",
        Channel::Agency => "Arrange through a travel agency",
        Channel::Office => "Get from a government office on the way, before the checkpoint",
        Channel::Embassy => "Apply at an embassy or consulate (usually in your home country)",
        _ => "Arrange (no source says how)",
    }
}

/// One document in a "Before you go" sentence: "the Chinese permit for the Torugart crossing
/// (takes 1 day)", "a visa for Tajikistan (GB passport; at evisa.tj; 50 USD)".
fn need_item(w: &Words, n: &Need) -> String {
    let ds = w.ds;
    let what = doc_name(ds, n.doc, n.requirement);
    // "the Chinese permit … (arranged by a Kashgar agency)": the channel says how.
    let what = match what.rfind(" (") {
        Some(i) if what.ends_with(')') && i > 0 => what[..i].to_string(),
        _ => what,
    };
    let mut details = Vec::new();
    if let Some(p) = n.passport {
        details.push(format!("{p} passport"));
        if let Some(d) = n.waiver_ended {
            details.push(waiver_end(p, d));
        }
    }
    if let Doc::Permit(p) = n.doc {
        if let Some(c) = ds.permits[p].only_coming_from {
            details.push(format!(
                "only on the way there from elsewhere in {}, not from another country",
                super::words::country_name(c)
            ));
        }
    }
    if let Some(at) = &n.get.apply_at {
        details.push(format!("at {at}"));
    }
    if let Some(l) = n.get.lead {
        details.push(format!("takes {}", lead(l)));
    }
    if let Some(c) = n.get.cost {
        details.push(if c.minor == 0 {
            "free".into()
        } else {
            c.display()
        });
    }
    if details.is_empty() {
        what
    } else {
        format!("{what} ({})", details.join("; "))
    }
}

fn checkpoint(ds: &Dataset, at: StopAt) -> &str {
    match at {
        StopAt::Place(p) => &ds.places[p].name,
        StopAt::Crossing(c) => &ds.crossings[c].name,
    }
}

/// When an itinerary first needs a group of documents: the first day, and where no source
/// gives the day, the last it may be (`Need::until`).
type Window = (NaiveDate, Option<NaiveDate>);

/// "Before you go" for documents: one sentence per way of obtaining the same documents,
/// shared by every itinerary that needs them (on whatever day): what to get, where, how
/// long it takes, where it is checked and from when, and the last day to apply. Returns
/// each sentence with the itineraries (1-based) it applies to.
pub fn before_you_go(w: &Words, itineraries: &[&[Need]]) -> Vec<(String, BTreeSet<usize>)> {
    let ds = w.ds;
    // Per itinerary, its documents grouped by how they are obtained (and whether checked).
    type Group<'a> = (String, Vec<(usize, Vec<&'a Need>)>);
    let mut groups: Vec<Group> = Vec::new();
    for (k, needs) in itineraries.iter().enumerate() {
        let mut own: Vec<((Channel, bool), Vec<&Need>)> = Vec::new();
        for n in needs.iter() {
            let key = (n.channel, n.enforced);
            match own.iter_mut().find(|(g, _)| *g == key) {
                Some((_, v)) => v.push(n),
                None => own.push((key, vec![n])),
            }
        }
        for ((ch, enforced), list) in own {
            let items: Vec<String> = list.iter().map(|n| need_item(w, n)).collect();
            let mut text = format!("{}: {}", obtain_head(ch), super::words::join_and(&items));
            if !enforced {
                text.push_str(" (whether still checked is uncertain)");
            }
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, members)) => members.push((k + 1, list)),
                None => groups.push((text, vec![(k + 1, list)])),
            }
        }
    }
    groups
        .into_iter()
        .map(|(text, members)| {
            // Where and when each itinerary first needs them: the first day, and where no
            // source gives the day (a post reached on one of several days), the last day
            // they may be needed on then.
            let first: Vec<(usize, Window, StopAt)> = members
                .iter()
                .filter_map(|(n, list)| {
                    let x = list.iter().min_by_key(|x| x.by)?;
                    let until = list
                        .iter()
                        .filter(|y| y.by == x.by)
                        .filter_map(|y| y.until)
                        .max();
                    Some((*n, (x.by, until), x.at))
                })
                .collect();
            let set: BTreeSet<usize> = members.iter().map(|(n, _)| *n).collect();
            // The same documents for every member (they are in the sentence).
            let docs = members.first().map_or(0, |(_, list)| list.len());
            let Some(&(_, window0, at0)) = first.iter().min_by_key(|(_, w, _)| *w) else {
                return (text, set);
            };
            let by0 = window0.0;
            // A day in the year of the first, without it: "Tue 15 Jun".
            let short = |d: NaiveDate| {
                if d.year() == by0.year() {
                    d.format("%a %-d %b").to_string()
                } else {
                    w.date(d)
                }
            };
            let place = if first.iter().all(|(_, _, a)| *a == at0) {
                checkpoint(ds, at0).to_string()
            } else if first
                .iter()
                .all(|(_, _, a)| matches!(a, StopAt::Crossing(_)))
            {
                "the border".to_string()
            } else {
                "the first checkpoint".to_string()
            };
            // Other days, with the itineraries they belong to: "(itinerary 3: Tue 15 Jun)",
            // "(itinerary 2: Tue 15 or Wed 16 Jun, valid on both)".
            let mut later: Vec<(Window, Vec<usize>)> = Vec::new();
            for (n, d, _) in &first {
                if *d == window0 {
                    continue;
                }
                match later.iter_mut().find(|(x, _)| x == d) {
                    Some((_, ns)) => ns.push(*n),
                    None => later.push((*d, vec![*n])),
                }
            }
            later.sort();
            // Needed on one of several days (no time known at the post), which no source
            // fixes: valid on each of them; said first in the brackets.
            let mut notes: Vec<String> = Vec::new();
            if let (by, Some(until)) = window0 {
                notes.push(unknown_day(docs, by, until));
            }
            notes.extend(later.iter().map(|(d, ns)| {
                let ns: Vec<String> = ns.iter().map(usize::to_string).collect();
                let label = if ns.len() > 1 {
                    "itineraries"
                } else {
                    "itinerary"
                };
                // The year once, with the first day.
                let day = match d {
                    (by, Some(until)) => format!(
                        "{}, {}",
                        days_either_as(*by, *until, short),
                        valid_on(*by, *until)
                    ),
                    (by, None) => short(*by),
                };
                format!("{label} {}: {day}", ns.join(", "))
            }));
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join("; "))
            };
            // The last day to apply, for the earliest itinerary, where a lead time is known.
            let apply = members
                .iter()
                .flat_map(|(_, list)| list.iter())
                .filter_map(|x| crate::documents::apply_by(ds, x.doc.issuer(), x.by, x.get.lead))
                .min()
                .map(|d| format!(", so apply by {}", short(d)))
                .unwrap_or_default();
            let when = match window0 {
                (by, Some(until)) => w.on_days_either(by, until),
                (by, None) => format!("from {}", w.date(by)),
            };
            (
                format!("{text}; needed at {place} {when}{notes}{apply}"),
                set,
            )
        })
        .collect()
}

/// The user's own `--avoid`/`--via`, as flags.
fn restriction_flags(ds: &Dataset, req: &Request) -> Vec<String> {
    let mut flags: Vec<String> = req
        .avoid
        .iter()
        .map(|c| format!("--avoid {}", ds.crossings[*c].id))
        .collect();
    if let Some(v) = req.via {
        flags.push(format!("--via {}", ds.places[v].id));
    }
    flags
}

/// When the user's own `--avoid`/`--via` removed every route (a fix drops them), those
/// flags: "--avoid torugart --avoid irkeshtam".
pub fn restrictions(ds: &Dataset, req: &Request, fixes: &[Fix]) -> Option<String> {
    fixes
        .iter()
        .any(|f| matches!(f.change, Change::DropRestrictions))
        .then(|| restriction_flags(ds, req).join(" "))
}

/// "a GB passport", "an IN passport": the article as the code is read aloud, letter by
/// letter (an F, an R, but a U).
fn a_passport(passport: Country) -> String {
    let code = passport.to_string();
    format!("{} {code} passport", article(&code))
}

/// The indefinite article before a country code read as letters.
fn article(code: &str) -> &'static str {
    match code.chars().next() {
        Some('A' | 'E' | 'F' | 'H' | 'I' | 'L' | 'M' | 'N' | 'O' | 'R' | 'S' | 'X') => "an",
        _ => "a",
    }
}

/// "IN passports", "IN and BD passports".
fn passports_plural(list: &[Country]) -> String {
    let codes: Vec<String> = list.iter().map(Country::to_string).collect();
    format!("{} passports", super::words::join_and(&codes))
}

/// The notes of the exit rules that bar, each once, joined.
fn exit_notes(ds: &Dataset, bar: &ExitBar) -> String {
    let notes: Vec<&str> = bar
        .rules
        .iter()
        .filter_map(|k| ds.visas.exits.get(*k))
        .map(|r| r.note.as_str())
        .collect();
    notes.join("; ")
}

/// Every passport held barred from leaving over a crossing: "IN passports may not leave
/// Pakistan over Khunjerab Pass (Indian nationals may enter … and leave where they entered)".
pub fn exit_barred(ds: &Dataset, bar: &ExitBar) -> String {
    format!(
        "{} may not leave {} over {} ({})",
        passports_plural(&bar.passports),
        country_name(bar.country),
        ds.crossings[bar.crossing].name,
        exit_notes(ds, bar)
    )
}

/// What would let the traveller leave after all (the flag names it).
pub fn exit_hint() -> &'static str {
    "; if you hold a passport it does not bar, plan on it (--passport CC)"
}

/// Some passports barred from leaving over a crossing the itinerary uses: "Pakistan: leave
/// over Khunjerab Pass on the GB passport (IN passports may not leave over it)".
pub fn exit_on(ds: &Dataset, bar: &ExitBar) -> String {
    let free: Vec<String> = bar.free.iter().map(Country::to_string).collect();
    format!(
        "{}: leave over {} on the {} passport{} ({} may not leave over it)",
        country_name(bar.country),
        ds.crossings[bar.crossing].name,
        free.join(" or "),
        if free.len() > 1 { "s" } else { "" },
        passports_plural(&bar.passports)
    )
}

/// An exit rule as `--explain` names it: "Exit rule: IN passports may not leave Pakistan
/// over any crossing of this dataset", "… over Khunjerab Pass".
pub fn exit_rule_name(ds: &Dataset, r: &crate::model::ExitRule) -> String {
    let who = match &r.passports {
        Some(l) => passports_plural(l),
        None if r.except.is_empty() => "No passport".to_string(),
        None => format!("No passport but {}", passports_plural(&r.except)),
    };
    let over = match &r.crossings {
        None => "any crossing of this dataset".to_string(),
        Some(l) => {
            let names: Vec<String> = l
                .iter()
                .map(|c| ds.crossings[*c].name.to_string())
                .collect();
            super::words::join_and(&names)
        }
    };
    let verb = if r.passports.is_none() {
        "may"
    } else {
        "may not"
    };
    format!(
        "Exit rule: {who} {verb} leave {} over {over}",
        country_name(r.country)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Kyrgyz border-zone permit for Torugart, needed by three itineraries: one timed at
    /// the pass on Monday, two reaching it on one of two days no source fixes. The sentence
    /// leads with the first day, and each other itinerary's days say the permit must be
    /// valid on both.
    #[test]
    fn before_you_go_names_every_day_a_document_may_be_needed_on() {
        let ds = crate::run::load_dataset(None, false).expect("embedded dataset");
        let p = ds
            .permits
            .iter()
            .position(|x| &*x.id == "torugart-kg-border-permit")
            .expect("the permit");
        let c = ds
            .crossings
            .iter()
            .position(|x| &*x.id == "torugart")
            .expect("Torugart");
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let need = |by: &str, until: Option<&str>| Need {
            doc: Doc::Permit(p),
            channel: Channel::Agency,
            get: ds.permits[p].get.clone(),
            by: d(by),
            until: until.map(d),
            at: StopAt::Crossing(c),
            passport: None,
            requirement: None,
            waiver_ended: None,
            enforced: false,
        };
        let w = Words {
            ds: &ds,
            today: d("2026-11-21"),
        };
        let its = [
            vec![need("2027-06-14", None)],
            vec![need("2027-06-15", Some("2027-06-16"))],
            vec![need("2027-06-14", Some("2027-06-15"))],
        ];
        let lists: Vec<&[Need]> = its.iter().map(Vec::as_slice).collect();
        let said = before_you_go(&w, &lists);
        assert_eq!(said.len(), 1);
        assert_eq!(
            said[0].0,
            "Arrange through a travel agency: the Kyrgyz border-zone permit for the Torugart approach \
             (whether still checked is uncertain); needed at Torugart Pass from Mon 14 Jun 2027 \
             (itinerary 3: Mon 14 or Tue 15 Jun, valid on both; itinerary 2: Tue 15 or Wed 16 Jun, \
             valid on both)"
        );
        // The first itinerary alone reaches it on one of two days, and its sentence leads
        // with them; a third day is "each".
        let said = before_you_go(&w, &[&its[2], &[need("2027-06-15", Some("2027-06-17"))]]);
        assert_eq!(
            said[0].0,
            "Arrange through a travel agency: the Kyrgyz border-zone permit for the Torugart approach \
             (whether still checked is uncertain); needed at Torugart Pass on Mon 14 or Tue 15 Jun \
             2027 (no source gives the day: it must be valid on both; itinerary 2: between Tue 15 \
             and Thu 17 Jun, valid on each)"
        );
        // Three days no source fixes lead it: "between", not "on between".
        let said = before_you_go(&w, &[&[need("2027-06-14", Some("2027-06-16"))]]);
        assert_eq!(
            said[0].0,
            "Arrange through a travel agency: the Kyrgyz border-zone permit for the Torugart approach \
             (whether still checked is uncertain); needed at Torugart Pass between Mon 14 and Wed 16 \
             Jun 2027 (no source gives the day: it must be valid on each)"
        );
    }
}
