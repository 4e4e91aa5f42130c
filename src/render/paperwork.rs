//! The words of the paperwork model: entry decisions, documents to arrange ("Before you
//! go"), the blockers they raise and the fixes for a "no". The core returns these as data
//! (`visa::Entry`, `documents::Need`, `documents::Fix`, `findings::Blocker`); only this
//! module writes them as sentences.

use super::words::{country_name, Words};
use crate::documents::{ready_on, Change, Doc, Fix, Need};
use crate::model::{Dataset, HowToGet, Lead, Permit, Requirement, StopAt};
use crate::planner::Request;
use crate::types::Country;
use crate::visa::{Channel, Entry};
use chrono::NaiveDate;

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
    let mut parts = vec![channel(n.channel).to_string()];
    if let Some(at) = &n.get.apply_at {
        parts.push(format!("where: {at}"));
    }
    parts.push(
        match (n.get.lead, crate::documents::apply_by(n.by, n.get.lead)) {
            (Some(l), Some(by)) => format!("takes {}, so apply by {}", lead(l), day(by)),
            (Some(l), None) => format!("takes {}", lead(l)),
            _ => "time needed not known".into(),
        },
    );
    parts.push(match n.get.cost {
        Some(c) if c.minor == 0 => "free".into(),
        Some(c) => format!("costs {}", c.display()),
        None => "cost not known".into(),
    });
    let who = match (n.passport, n.waiver_ended) {
        (Some(p), Some(u)) => format!(
            " ({p} passport; the visa waiver for {p} passports ended {})",
            day(u)
        ),
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
    format!(
        "{}{who}, needed from {}: {}{checked}{note}",
        capitalise(&doc_name(ds, n.doc, n.requirement)),
        day(n.by),
        parts.join("; ")
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
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
                        format!("{dest}: visa-free for {d} days on a {passport} passport")
                    }
                    Requirement::VisaOnArrival => {
                        format!("{dest}: visa on arrival at this border for a {passport} passport")
                    }
                    _ => format!("{dest}: visa-free on a {passport} passport"),
                }
            };
            if let (Some(u), false) = (until, *held) {
                let next = match after {
                    Some(Requirement::VisaFree | Requirement::VisaFreeDays(_)) | None => {
                        String::new()
                    }
                    Some(Requirement::EVisa) => {
                        format!("; after that an e-visa for {dest} is needed")
                    }
                    Some(Requirement::Eta) => {
                        format!("; after that an ETA for {dest} is needed")
                    }
                    Some(Requirement::NoAdmission) => {
                        format!("; after that {passport} passports are not admitted")
                    }
                    Some(_) => format!("; after that a visa for {dest} is needed"),
                };
                s.push_str(&format!(
                    " (the waiver for {passport} passports ends {}{next})",
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
            "{}: {} is needed for a {passport} passport — {} (see Before you go)",
            country_name(*destination),
            kind(*requirement),
            channel(*ch)
        ),
        Entry::Refuse {
            passport,
            destination,
            note,
        } => format!(
            "{}: no admission for a {passport} passport{}",
            country_name(*destination),
            note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
        ),
        Entry::NoData {
            passports,
            destination,
        } => {
            let list: Vec<String> = passports.iter().map(Country::to_string).collect();
            format!(
                "{}: no visa data for a {} passport; check the rules before you go",
                country_name(*destination),
                list.join("/")
            )
        }
    }
}

/// A visa the traveller does not hold, with `--held-only`.
pub fn visa_not_held(ds: &Dataset, e: &Entry, crossing: &crate::model::Crossing) -> String {
    match e {
        Entry::Arrange {
            passport,
            destination,
            requirement,
            ..
        } => format!(
            "{}: {}{} is needed for a {passport} passport and is not held",
            country_name(*destination),
            if *requirement == Requirement::VisaOnArrival {
                format!("visa on arrival is not offered at {}, so ", crossing.name)
            } else {
                String::new()
            },
            kind(*requirement),
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
    match (get.lead, ready_on(today, get.lead)) {
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
        Change::DropRestrictions => {
            let mut flags: Vec<String> = req
                .avoid
                .iter()
                .map(|c| format!("--avoid {}", ds.crossings[*c].id))
                .collect();
            if let Some(v) = req.via {
                flags.push(format!("--via {}", ds.places[v].id));
            }
            format!(
                "Your own {} removed every route; without {}",
                flags.join(" "),
                if flags.len() > 1 { "them" } else { "it" }
            )
        }
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
            let mins = (it.arrive() - it.depart()).num_minutes();
            format!(
                "{head}: {}, leaving {}, arriving {} ({}{})",
                names.join(" → "),
                it.depart()
                    .with_timezone(&from.zone.0)
                    .format("%a %-d %b %Y"),
                it.arrive().with_timezone(&to_zone).format("%a %-d %b %Y"),
                if it.time_known() { "" } else { "about " },
                crate::types::Dur(mins)
            )
        }
        (None, Some(d)) => format!("{head}: earliest departure {}", d.format("%a %-d %b %Y")),
        (None, None) => format!("{head}: still no departure within a year"),
    }
}
