//! Entry rules: which requirement applies to a passport at a destination on a date (the
//! Passport Index, overridden by dated rules), and on what terms a traveller with several
//! passports and some visas may enter at a given land border. The answer is data: render
//! writes it in words.

use crate::model::{Crossing, CrossingIx, Dataset, HowToGet, Obtain, Requirement, VisaRule};
use crate::types::Country;
use chrono::NaiveDate;

/// The requirement for one passport, with the override that set it (if any).
pub fn requirement(
    ds: &Dataset,
    passport: Country,
    destination: Country,
    date: NaiveDate,
) -> Option<(Requirement, Option<&VisaRule>)> {
    if passport == destination {
        return Some((Requirement::OwnCountry, None));
    }
    let rule = ds.visas.rules.iter().rev().find(|r| {
        r.destination == destination
            && r.passports.as_ref().is_none_or(|l| l.contains(&passport))
            && !r.except.contains(&passport)
            && r.from.is_none_or(|f| date >= f)
            && r.until.is_none_or(|u| date <= u)
    });
    match rule {
        Some(r) => Some((r.requirement, Some(r))),
        None => ds.visas.indexed(destination, passport).map(|q| (q, None)),
    }
}

/// How an entry requirement is met, in the order a traveller cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// Nothing to arrange: own country.
    Nothing,
    /// At the border: visa-free, or a visa on arrival that this land border offers.
    AtBorder,
    /// Before travel, online (e-visa, ETA, online permit).
    Online,
    /// Before travel, through a travel agency.
    Agency,
    /// Before the checkpoint, at a government office in the country.
    Office,
    /// Before travel, at an embassy or consulate (usually in the home country).
    Embassy,
    /// Before travel; no source says how.
    Unknown,
    /// Not obtainable for this passport.
    NotObtainable,
}

impl Channel {
    /// Whether the document has to be arranged before reaching the border.
    pub fn in_advance(self) -> bool {
        matches!(
            self,
            Channel::Online
                | Channel::Agency
                | Channel::Office
                | Channel::Embassy
                | Channel::Unknown
        )
    }
    pub fn from_obtain(o: Obtain) -> Channel {
        match o {
            Obtain::Border => Channel::AtBorder,
            Obtain::Online => Channel::Online,
            Obtain::Agency => Channel::Agency,
            Obtain::Office => Channel::Office,
            Obtain::Embassy => Channel::Embassy,
        }
    }
}

/// How a requirement is met at `crossing` for `destination`, with what the data says about
/// getting the document. The Passport Index words decide the default channel (e-visa and
/// ETA online, a visa at an embassy, a visa on arrival at the border only where that land
/// border offers one, else at an embassy); an application record for the destination and
/// requirement may say otherwise (Pakistan's visas are applied for online).
pub fn channel(
    ds: &Dataset,
    q: Requirement,
    destination: Country,
    crossing: &Crossing,
) -> (Channel, HowToGet) {
    let voa_here = crossing.visa_on_arrival.contains(&destination);
    let default = match q {
        Requirement::OwnCountry => return (Channel::Nothing, HowToGet::default()),
        Requirement::VisaFree | Requirement::VisaFreeDays(_) => {
            return (Channel::AtBorder, HowToGet::default())
        }
        Requirement::VisaOnArrival if voa_here => return (Channel::AtBorder, HowToGet::default()),
        Requirement::NoAdmission => return (Channel::NotObtainable, HowToGet::default()),
        Requirement::EVisa | Requirement::Eta => Channel::Online,
        Requirement::VisaOnArrival | Requirement::VisaRequired => Channel::Embassy,
    };
    // A visa on arrival not offered here: the data's record for that case, else the
    // country's ordinary visa.
    let app = ds.visas.application(destination, q).or_else(|| {
        (q == Requirement::VisaOnArrival)
            .then(|| ds.visas.application(destination, Requirement::VisaRequired))
            .flatten()
    });
    match app {
        Some(a) => {
            let ch = a.get.obtain.map_or(default, Channel::from_obtain);
            // An application record that says "at the border" cannot make a visa on arrival
            // appear where this border does not offer one.
            let ch = if ch == Channel::AtBorder && q == Requirement::VisaOnArrival {
                default
            } else {
                ch
            };
            (ch, a.get.clone())
        }
        None => (default, HowToGet::default()),
    }
}

/// The outcome of arriving at a border.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// May enter with nothing arranged in advance (or with the visa the traveller holds).
    Admit {
        passport: Country,
        destination: Country,
        requirement: Requirement,
        held: bool,
        /// The last day of the dated rule that admits them, if it ends.
        until: Option<NaiveDate>,
        /// What is needed once that rule ends, when it ends.
        after: Option<Requirement>,
        note: Option<String>,
    },
    /// May enter with a visa arranged before the border, not yet held.
    Arrange {
        passport: Country,
        destination: Country,
        requirement: Requirement,
        channel: Channel,
        get: HowToGet,
        note: Option<String>,
        /// The last day of a dated rule that admitted this passport more easily and has
        /// ended ("the visa waiver for GB passports ended 31 Dec 2026").
        ended: Option<NaiveDate>,
    },
    /// May not enter on any of the passports.
    Refuse {
        passport: Country,
        destination: Country,
        note: Option<String>,
    },
    /// No visa data for any of the passports: the traveller must check.
    NoData {
        passports: Vec<Country>,
        destination: Country,
    },
}

impl Entry {
    /// The visa to arrange before the border, if any.
    pub fn to_arrange(&self) -> Option<(Country, Channel, &HowToGet)> {
        match self {
            Entry::Arrange {
                destination,
                channel,
                get,
                ..
            } => Some((*destination, *channel, get)),
            _ => None,
        }
    }
}

/// Whether someone holding `passports` and visas for `held` may enter `destination` over
/// `crossing` on `date`, and on what terms; the best passport decides: one admitted, then
/// one whose document (if any) can be held by `date` when applied for on `today`, then the
/// easiest channel.
pub fn entry(
    ds: &Dataset,
    passports: &[Country],
    held: &[Country],
    destination: Country,
    crossing: &Crossing,
    date: NaiveDate,
    today: NaiveDate,
) -> Entry {
    let is_held = held.contains(&destination);
    let best = passports
        .iter()
        .filter_map(|p| requirement(ds, *p, destination, date).map(|(q, r)| (*p, q, r)))
        .map(|(p, q, r)| {
            let (ch, get) = channel(ds, q, destination, crossing);
            (p, q, r, ch, get)
        })
        .min_by_key(|(_, _, _, ch, get)| {
            let late = ch.in_advance()
                && !is_held
                && !crate::documents::in_time(ds, Some(destination), today, get.lead, date);
            (*ch == Channel::NotObtainable, late, *ch)
        });
    let Some((passport, q, rule, ch, get)) = best else {
        return Entry::NoData {
            passports: passports.to_vec(),
            destination,
        };
    };
    let note = rule.and_then(|r| r.note.as_deref().map(str::to_string));
    if ch == Channel::NotObtainable {
        return Entry::Refuse {
            passport,
            destination,
            note,
        };
    }
    let until = rule.and_then(|r| r.until);
    let after = until.and_then(|u| {
        let next = u.succ_opt()?;
        requirement(ds, passport, destination, next).map(|(q, _)| q)
    });
    if ch.in_advance() && !is_held {
        // A waiver for this passport that has ended, most recent first.
        let ended = ds
            .visas
            .rules
            .iter()
            .filter(|r| {
                r.destination == destination
                    && r.passports.as_ref().is_some_and(|l| l.contains(&passport))
                    && matches!(
                        r.requirement,
                        Requirement::VisaFree | Requirement::VisaFreeDays(_)
                    )
            })
            .filter_map(|r| r.until)
            .filter(|u| *u < date)
            .max();
        return Entry::Arrange {
            passport,
            destination,
            requirement: q,
            channel: ch,
            get,
            note,
            ended,
        };
    }
    Entry::Admit {
        passport,
        destination,
        requirement: q,
        held: ch.in_advance(),
        until,
        after,
        note,
    }
}

/// What the exit rules say about leaving `country` over crossing `ci` with `passports`: the
/// passports they bar there, each with the first rule (index into `Visas::exits`) that bars
/// it. The traveller may leave when some passport is not barred (with several, as at entry,
/// on the best one: one that may); with none given, exit rules are not checked, as visas
/// are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitBar {
    /// The country being left.
    pub country: Country,
    pub crossing: CrossingIx,
    /// The traveller's passports the rules bar there, in the order given.
    pub passports: Vec<Country>,
    /// The rules that bar them, each once, in the data's order.
    pub rules: Vec<usize>,
    /// The traveller's passports no rule bars there (empty: they may not leave over it).
    pub free: Vec<Country>,
}

impl ExitBar {
    /// Whether the traveller may not leave over the crossing on any passport.
    pub fn blocks(&self) -> bool {
        self.free.is_empty()
    }
}

/// The exit rules that apply to leaving `country` over `ci` on these passports; `None` when
/// none bars any of them (or no passport was given).
pub fn exit_bar(
    ds: &Dataset,
    passports: &[Country],
    country: Country,
    ci: CrossingIx,
) -> Option<ExitBar> {
    let exits = &ds.visas.exits;
    if passports.is_empty() || !exits.iter().any(|r| r.country == country) {
        return None;
    }
    let mut bar = ExitBar {
        country,
        crossing: ci,
        passports: Vec::new(),
        rules: Vec::new(),
        free: Vec::new(),
    };
    for p in passports {
        match exits
            .iter()
            .position(|r| r.country == country && r.bars(*p, ci))
        {
            Some(k) => {
                bar.passports.push(*p);
                if !bar.rules.contains(&k) {
                    bar.rules.push(k);
                }
            }
            None => bar.free.push(*p),
        }
    }
    bar.rules.sort_unstable();
    (!bar.passports.is_empty()).then_some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{bare, ExitRule, Provenance};

    fn cc(s: &str) -> Country {
        s.parse().unwrap()
    }

    fn rule(
        country: &str,
        passports: Option<&[&str]>,
        except: &[&str],
        crossings: Option<Vec<CrossingIx>>,
    ) -> ExitRule {
        ExitRule {
            country: cc(country),
            passports: passports.map(|l| l.iter().map(|p| cc(p)).collect()),
            except: except.iter().map(|p| cc(p)).collect(),
            crossings,
            note: "n".into(),
            prov: Provenance {
                sources: vec![],
                verified: None,
                newest: None,
            },
        }
    }

    /// Which passports a rule bars, by country left, crossing, list, "all" and `except`;
    /// the traveller is stopped only when none of their passports is free.
    #[test]
    fn exit_bar_names_the_passports_barred_and_those_free() {
        let mut ds = bare::dataset();
        ds.visas.exits = vec![
            rule("PK", Some(&["IN"]), &[], None),
            rule("CN", None, &["CN", "KG"], Some(vec![1])),
        ];
        let bar = |passports: &[&str], country: &str, ci: CrossingIx| {
            let p: Vec<Country> = passports.iter().map(|p| cc(p)).collect();
            exit_bar(&ds, &p, cc(country), ci).map(|b| {
                let codes = |l: &[Country]| l.iter().map(Country::to_string).collect::<Vec<_>>();
                let blocks = b.blocks();
                (codes(&b.passports), codes(&b.free), b.rules, blocks)
            })
        };
        let s = |l: &[&str]| l.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // Every crossing out of Pakistan, for IN passports only.
        assert_eq!(
            bar(&["IN"], "PK", 0),
            Some((s(&["IN"]), vec![], vec![0], true))
        );
        assert_eq!(
            bar(&["IN"], "PK", 7),
            Some((s(&["IN"]), vec![], vec![0], true))
        );
        assert_eq!(
            bar(&["IN", "GB"], "PK", 0),
            Some((s(&["IN"]), s(&["GB"]), vec![0], false))
        );
        assert_eq!(bar(&["GB"], "PK", 0), None);
        // Not about entering Pakistan, nor about leaving another country.
        assert_eq!(bar(&["IN"], "CN", 0), None);
        // Crossing 1 out of China, for every passport but CN and KG.
        assert_eq!(
            bar(&["GB", "US"], "CN", 1),
            Some((s(&["GB", "US"]), vec![], vec![1], true))
        );
        assert_eq!(
            bar(&["GB", "KG"], "CN", 1),
            Some((s(&["GB"]), s(&["KG"]), vec![1], false))
        );
        assert_eq!(bar(&["GB"], "CN", 2), None);
        // Without passports exit rules are not checked, as visas are not.
        assert_eq!(bar(&[], "PK", 0), None);
    }
}
