//! The English of every finding, date, time, zone and count. Each sentence exists once,
//! here; tables, notes and the `text` beside JSON objects all take it from this module.

use crate::calendar::Closed;
use crate::documents::Doc;
use crate::findings::{Advice, Blocker, Entry, Subject};
use crate::model::{CrossingStatus, Dataset, Per, ServiceStatus};
use crate::types::{Country, Weekdays};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// What words need besides the finding: the dataset (names) and today (a date in another
/// year shows its year).
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub ds: &'a Dataset,
    pub today: NaiveDate,
}

/// "1 change", "2 changes"; `many` is the plural.
pub fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A dated moment in the first hour of a day is easily taken for the night after it: the
/// Osh–Kashgar bus "Mon 5 Jul about 00:00" leaves on Sunday night. Such a moment names the
/// night it falls in: " (the night of Sun 4 to Mon 5 Jul)"; any other, nothing.
fn night_of(local: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    if local.hour() != 0 {
        return String::new();
    }
    let day = local.date();
    let Some(eve) = day.pred_opt() else {
        return String::new();
    };
    let eve_text = if eve.month() == day.month() {
        eve.format("%a %-d").to_string()
    } else {
        eve.format("%a %-d %b").to_string()
    };
    format!(" (the night of {eve_text} to {})", day.format("%a %-d %b"))
}

/// A zone's label that cannot be mistaken: "Beijing time" and "Xinjiang time" by name
/// (chrono-tz's "CST" is also US Central time), every other zone by its offset ("UTC+6").
pub fn zone_label<T: TimeZone>(zone: Tz, at: &DateTime<T>) -> String {
    match zone {
        Tz::Asia__Shanghai => "Beijing time".into(),
        Tz::Asia__Urumqi => "Xinjiang time".into(),
        _ => utc_offset(zone, at),
    }
}

/// "UTC+6", "UTC+5:30".
pub fn utc_offset<T: TimeZone>(zone: Tz, at: &DateTime<T>) -> String {
    let secs = at.with_timezone(&zone).offset().fix().local_minus_utc();
    let (h, m) = (secs / 3600, (secs.abs() % 3600) / 60);
    if m == 0 {
        format!("UTC{h:+}")
    } else {
        format!("UTC{h:+}:{m:02}")
    }
}

/// Local midnight of `date` in `zone`, for labelling a zone on that day.
fn on_day(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    crate::calendar::at_local(zone, date, NaiveTime::MIN)
        .unwrap_or_else(|| date.and_time(NaiveTime::MIN).and_utc())
}

impl Words<'_> {
    /// Every date reads the same way: "Mon 14 Jun", with the year when it is not this one.
    pub fn date(&self, d: NaiveDate) -> String {
        if d.year() == self.today.year() {
            d.format("%a %-d %b").to_string()
        } else {
            d.format("%a %-d %b %Y").to_string()
        }
    }

    /// The days a vehicle may reach a post whose time is not known: "Mon 14 or Tue 15
    /// Jun", "between Mon 14 and Wed 16 Jun" (the year as `date` shows it, once).
    pub fn days_either(&self, from: NaiveDate, to: NaiveDate) -> String {
        days_either_as(from, to, |d| self.date(d))
    }

    /// `date` in a view of the day `near`: with the year also where it is not `near`'s, so
    /// that in a view of a day in 2027 a crossing's status "since Fri 31 Jul 2026" does
    /// not read as a day after it.
    pub fn date_near(&self, d: NaiveDate, near: NaiveDate) -> String {
        if d.year() == near.year() {
            self.date(d)
        } else {
            Words::full_date(d)
        }
    }

    /// `days_either` after a verb: "on Mon 14 or Tue 15 Jun", "between Mon 14 and Wed 16
    /// Jun" (not "on between").
    pub fn on_days_either(&self, from: NaiveDate, to: NaiveDate) -> String {
        on_days_either_as(from, to, |d| self.date(d))
    }

    /// `on_days_either` with every year shown: "on Mon 14 or Tue 15 Jun 2027".
    pub fn full_on_days_either(from: NaiveDate, to: NaiveDate) -> String {
        on_days_either_as(from, to, Words::full_date)
    }

    /// A date that always shows its year (a range's ends, a search window).
    pub fn full_date(d: NaiveDate) -> String {
        d.format("%a %-d %b %Y").to_string()
    }

    /// A moment in a zone, always with the zone: "Mon 14 Jun 08:00 Beijing time".
    pub fn moment(&self, t: DateTime<Utc>, zone: Tz) -> String {
        let l = t.with_timezone(&zone);
        format!(
            "{} {} {}{}",
            self.date(l.date_naive()),
            l.format("%H:%M"),
            zone_label(zone, &t),
            night_of(l.naive_local())
        )
    }

    /// A moment with its zone, its date left out when it falls on `day` (the day the line
    /// already names): "18:00 UTC+6", or "Tue 15 Jun 06:00 UTC+6".
    pub fn moment_on(&self, t: DateTime<Utc>, zone: Tz, day: NaiveDate) -> String {
        let l = t.with_timezone(&zone);
        if l.date_naive() == day {
            format!("{} {}", l.format("%H:%M"), zone_label(zone, &t))
        } else {
            self.moment(t, zone)
        }
    }

    /// `moment`, or with `about` the time marked approximate (a source that says "around
    /// midnight"): "Mon 14 Jun about 00:00 UTC+6".
    pub fn moment_about(&self, t: DateTime<Utc>, zone: Tz, about: bool) -> String {
        if !about {
            return self.moment(t, zone);
        }
        let l = t.with_timezone(&zone);
        format!(
            "{} about {} {}{}",
            self.date(l.date_naive()),
            l.format("%H:%M"),
            zone_label(zone, &t),
            night_of(l.naive_local())
        )
    }

    /// `moment_on`, or with `about` the time marked approximate: "about 09:00 UTC+6".
    pub fn moment_on_about(
        &self,
        t: DateTime<Utc>,
        zone: Tz,
        day: NaiveDate,
        about: bool,
    ) -> String {
        if !about {
            return self.moment_on(t, zone, day);
        }
        if t.with_timezone(&zone).date_naive() == day {
            format!("about {}", self.moment_on(t, zone, day))
        } else {
            self.moment_about(t, zone, true)
        }
    }

    /// A time of day with its zone: "12:00 Beijing time", the zone judged on `date`.
    pub fn clock(zone: Tz, date: NaiveDate, time: NaiveTime) -> String {
        format!(
            "{} {}",
            time.format("%H:%M"),
            zone_label(zone, &on_day(zone, date))
        )
    }

    /// A post's opening hours on a day: "10:00–17:00 Beijing time", the zone once at the
    /// end; "round the clock" for the dataset's 00:00-23:59.
    pub fn hours(zone: Tz, date: NaiveDate, h: crate::types::TimeRange) -> String {
        if h.round_the_clock() {
            "round the clock".into()
        } else {
            format!(
                "{}–{}",
                h.start.0.format("%H:%M"),
                Words::clock(zone, date, h.end.0)
            )
        }
    }

    /// A post's days and hours on a day: "Mon-Fri, 10:00–17:00 Beijing time", each "not
    /// known" where the data has none.
    pub fn days_and_hours(side: &crate::model::Side, date: NaiveDate) -> String {
        let days = side
            .days
            .map(|d| d.to_string())
            .unwrap_or_else(|| "days not known".into());
        let hours = side
            .hours
            .map(|h| Words::hours(side.zone.0, date, h))
            .unwrap_or_else(|| "hours not known".into());
        format!("{days}, {hours}")
    }

    /// A holiday's name with any date the generator wrote inside it ("substituted from
    /// 09/20/2026") written like every other date.
    pub fn holiday(&self, name: &str) -> String {
        let mut out = String::new();
        let mut rest = name;
        while let Some(i) = rest.find('/') {
            // MM/DD/YYYY: two digits, slash, two digits, slash, four digits.
            let start = i.saturating_sub(2);
            let cand = rest.get(start..start + 10);
            let parsed = cand.and_then(|c| NaiveDate::parse_from_str(c, "%m/%d/%Y").ok());
            match parsed {
                Some(d) if rest.is_char_boundary(start) => {
                    out.push_str(&rest[..start]);
                    out.push_str(&self.date(d));
                    rest = &rest[start + 10..];
                }
                _ => {
                    out.push_str(&rest[..=i]);
                    rest = &rest[i + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A public holiday's closure on `on`, with no notice known: "expected closure for
    /// Ashura (Pakistan public holiday; not yet announced)" until the day; "Ashura was a
    /// Pakistan public holiday; no notice confirmed a closure" once it is past.
    pub fn holiday_closure(&self, country: Country, name: &str, on: NaiveDate) -> String {
        if on < self.today {
            format!(
                "{} was a {} public holiday; no notice confirmed a closure",
                self.holiday(name),
                country_name(country)
            )
        } else {
            format!(
                "expected closure for {} ({} public holiday; not yet announced)",
                self.holiday(name),
                country_name(country)
            )
        }
    }

    /// Why a valid question has no answer, and what to try instead.
    pub fn nothing(&self, n: &crate::answer::Nothing) -> String {
        use crate::answer::Nothing;
        let ds = self.ds;
        match n {
            Nothing::NoCrossingOn(cc) => format!(
                "no crossing in the dataset is on a border of {cc}; try another --country"
            ),
            Nothing::NoCrossingOnAny(_) => "no crossing in the dataset is on a border of these countries; try another --country".into(),
            Nothing::NoServiceMatches => "no service in the dataset matches these --from/--to/--via; run `crossings services` to list them all".into(),
            Nothing::NoServiceBetween { from, to } => format!(
                "no service in the dataset runs from {} to {}; check `crossings services --from {}`",
                ds.places[*from].name, ds.places[*to].name, ds.places[*from].id
            ),
            Nothing::NoPlaceMatches(q) => format!(
                "nothing matches '{}'; run `crossings places` to list every place and crossing",
                crate::names::prefix(q)
            ),
        }
    }

    pub fn service(&self, si: usize) -> &str {
        &self.ds.services[si].name
    }

    pub fn crossing(&self, ci: usize) -> &str {
        &self.ds.crossings[ci].name
    }

    pub fn subject(&self, s: Subject) -> &str {
        match s {
            Subject::Service(i) => &self.ds.services[i].name,
            Subject::Crossing(i) => &self.ds.crossings[i].name,
            Subject::Place(i) => &self.ds.places[i].name,
        }
    }

    /// Why a crossing is closed on the day `on`: "Torugart Pass is closed on Saturdays and
    /// Sundays". A public holiday is an expected closure until its day; after it, only a
    /// notice would have confirmed one.
    pub fn closed(&self, name: &str, why: &Closed, on: NaiveDate) -> String {
        match why {
            Closed::Status {
                status,
                since,
                reopens,
            } => {
                let state = match (status, since) {
                    (CrossingStatus::Closed, Some(d)) => {
                        format!("has been closed since {}", self.date_near(*d, on))
                    }
                    (CrossingStatus::Closed, None) => "is closed".to_string(),
                    (_, Some(d)) => {
                        format!(
                            "has been of uncertain status since {}",
                            self.date_near(*d, on)
                        )
                    }
                    (_, None) => "is of uncertain status".to_string(),
                };
                let re = reopens
                    .map(|d| format!("; it is due to reopen {}", self.date_near(d, on)))
                    .unwrap_or_else(|| "; no reopening date is known".into());
                format!("{name} {state}{re}")
            }
            Closed::NotRecordedOpen { since } => format!(
                "{name} is not recorded open before {}; its status before then is not known",
                self.date_near(*since, on)
            ),
            Closed::Season(s) => {
                let close_next = s
                    .close
                    .in_year(2001)
                    .and_then(|d| d.succ_opt())
                    .map(crate::types::MonthDay::of);
                let from = close_next
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| s.close.to_string());
                format!(
                    "{name} is closed for the winter from {from}; it reopens {} (open {} to {})",
                    s.open, s.open, s.close
                )
            }
            Closed::Closure {
                from,
                to,
                reason,
                starts,
                ends,
                zone: Some(zone),
            } if starts.is_some() || ends.is_some() => {
                let at = |d: NaiveDate, t: Option<NaiveTime>, whole: &str| match t {
                    Some(t) => format!("{} on {}", Self::clock(*zone, d, t), self.date(d)),
                    None => format!("{whole} {}", self.date(d)),
                };
                format!(
                    "{name} is closed from {} until {} ({reason})",
                    at(*from, *starts, "the start of"),
                    at(*to, *ends, "the end of")
                )
            }
            Closed::Closure {
                from, to, reason, ..
            } => {
                if from == to {
                    format!("{name} is closed on {} ({reason})", self.date(*from))
                } else {
                    format!(
                        "{name} is closed from {} to {} ({reason})",
                        self.date(*from),
                        self.date(*to)
                    )
                }
            }
            Closed::Holiday {
                country, name: h, ..
            } => {
                format!("{name}: {}", self.holiday_closure(*country, h, on))
            }
            Closed::Weekday { days, .. } => {
                let closed: Vec<String> = days.missing().iter().map(|d| plural_day(*d)).collect();
                format!("{name} is closed on {}", join_and(&closed))
            }
        }
    }

    /// What a traveller should do when every journey leaving on a day waits on the way for
    /// a connection that leaving later still catches (`Blocker::LeaveLater`): leave `when`
    /// ("later", "the next day", "on Wed 9 Jun") instead.
    pub fn leave_later(&self, when: &str) -> String {
        format!(
            "leave {when} instead, as every journey leaving then waits on the way for a \
             connection that a later departure still catches, arriving as early, no dearer \
             and with no more changes"
        )
    }

    /// What blocked a ride, and the flag that fixes it where there is one.
    pub fn blocker(&self, b: &Blocker, date: NaiveDate) -> String {
        let ds = self.ds;
        let fact = self.blocker_fact(b, date);
        match b {
            Blocker::VisaNotHeld { entry: e, .. } => match e.to_arrange() {
                Some((c, _, _)) => fact + &super::paperwork::held_hint(ds, Doc::Visa(c)),
                None => fact,
            },
            Blocker::PermitNotHeld { permit } => {
                fact + &super::paperwork::held_hint(ds, Doc::Permit(*permit))
            }
            Blocker::ExitBarred(_) => fact + super::paperwork::exit_hint(),
            _ => fact,
        }
    }

    /// What blocked a ride, naming no flag (the `text` beside a JSON reason).
    pub fn blocker_fact(&self, b: &Blocker, date: NaiveDate) -> String {
        let ds = self.ds;
        match b {
            Blocker::PostClosed {
                crossing,
                side,
                why,
                may_reach,
            } => {
                match may_reach {
                    // The crossing is named once: "… may reach the Uzbekistan post of
                    // Zhibek Zholy on Wed 5 Feb 2025 (no source gives its time there): it is
                    // closed from …".
                    Some(service) => {
                        let closed = match why {
                            Closed::Holiday {
                                country, name: h, ..
                            } => self.holiday_closure(*country, h, date),
                            _ => self.closed("it", why, date),
                        };
                        format!(
                            "{} may reach the {} post of {} on {} (no source gives its time there): {closed}",
                            self.service(*service),
                            country_name(ds.crossings[*crossing].sides[*side].country),
                            self.crossing(*crossing),
                            self.date(date)
                        )
                    }
                    None => self.closed(self.crossing(*crossing), why, date),
                }
            }
            Blocker::OutsideHours {
                crossing,
                side,
                service,
                reach,
                hours,
                cutoff,
                lunch,
            } => {
                let c = &ds.crossings[*crossing];
                let sd = &c.sides[*side];
                let zone = |t: NaiveTime| Self::clock(sd.zone.0, date, t);
                let mut why = Vec::new();
                if let Some(w) = hours {
                    why.push(format!("open {}–{}", zone(w.start.0), zone(w.end.0)));
                }
                if let Some(c) = cutoff {
                    why.push(format!("practical cut-off {}", zone(*c)));
                }
                if let Some(l) = lunch {
                    why.push(format!("lunch break {}–{}", zone(l.start.0), zone(l.end.0)));
                }
                // What the time breaks: 12:00 is inside 09:00–18:00, so "outside its hours"
                // would contradict the bracket when only the cut-off (11:30) is past.
                let broken = match (hours, cutoff, lunch) {
                    (Some(w), _, _) if *reach < w.start.0 => "before it opens",
                    (Some(w), _, _) if *reach > w.end.0 => "after it closes",
                    (_, Some(c), _) if *reach > *c => "after its practical cut-off",
                    (_, _, Some(_)) => "in its lunch break",
                    _ => "outside its hours",
                };
                format!(
                    "{} would reach the {} post of {} at {}, {broken} ({})",
                    self.service(*service),
                    country_name(sd.country),
                    c.name,
                    zone(*reach),
                    why.join("; ")
                )
            }
            Blocker::ServiceSuspended { service, since } => match since {
                Some(d) => format!(
                    "{} has been suspended since {}",
                    self.service(*service),
                    self.date(*d)
                ),
                None => format!("{} is suspended", self.service(*service)),
            },
            Blocker::NoForeignPassengers { service } => {
                format!(
                    "{} does not take foreign passengers",
                    self.service(*service)
                )
            }
            Blocker::CitizensOnly { crossing } => {
                let c = &ds.crossings[*crossing];
                format!(
                    "{} is open only to citizens of {} and {}",
                    c.name,
                    country_name(c.sides[0].country),
                    country_name(c.sides[1].country)
                )
            }
            Blocker::AgencyOnly { crossing, service } => format!(
                "foreigners may not cross {} on public transport ({}); only in an agency transfer",
                self.crossing(*crossing),
                self.service(*service)
            ),
            Blocker::EntryRefused(e) => self.entry(e),
            Blocker::ExitBarred(bar) => super::paperwork::exit_barred(ds, bar),
            Blocker::VisaNotHeld { entry, crossing } => {
                super::paperwork::visa_not_held(ds, entry, &[&ds.crossings[*crossing]])
            }
            Blocker::PermitNotHeld { permit } => {
                super::paperwork::permit_not_held(&ds.permits[*permit])
            }
            Blocker::TooLate { doc, get, today } => {
                super::paperwork::too_late(ds, *doc, get, *today)
            }
            Blocker::LeaveLater => self.leave_later("later"),
        }
    }

    /// An entry decision: "Kyrgyzstan: visa-free for 60 days on a GB passport".
    pub fn entry(&self, e: &Entry) -> String {
        super::paperwork::entry(self.ds, e)
    }

    /// One piece of advice as a sentence. `Border` is shown by the plan view as a whole
    /// note; here it is its cut-off alone.
    pub fn advice(&self, a: &Advice) -> String {
        match a {
            Advice::NoPassport => "no --passport given: visas were not checked, and border rules were applied as for a foreigner (a citizen of neither side)".into(),
            Advice::SearchTruncated => "the search stopped early (it reached its work limit for this dataset): other itineraries may exist; narrow it with --within or --via".into(),
            _ => self.advice_fact(a),
        }
    }

    /// One piece of advice as a sentence naming no flag (the `text` beside a JSON note).
    pub fn advice_fact(&self, a: &Advice) -> String {
        let ds = self.ds;
        match a {
            Advice::Entry(e) => self.entry(e),
            Advice::ExitOn(bar) => super::paperwork::exit_on(ds, bar),
            Advice::BookAhead { service } => format!(
                "book {} ahead through an agency: it runs on demand, and the times shown are the earliest that fit the border hours",
                self.service(*service)
            ),
            Advice::Border {
                crossing,
                first_side,
                reach,
                day,
                ..
            } => {
                let c = &ds.crossings[*crossing];
                let first = &c.sides[*first_side];
                // The cut-off on the day the post is passed (after any wait for it to open).
                match (first.cutoff, reach) {
                    (Some(cut), Some(_)) => format!(
                        "{}: in practice be through before {}",
                        c.name,
                        Self::clock(first.zone.0, *day, cut.0)
                    ),
                    _ => format!("{}: crossed on this itinerary", c.name),
                }
            }
            Advice::WhenFull { service } => format!(
                "{} leaves when full: no fixed departure time, and it may not run at all that day",
                self.service(*service)
            ),
            Advice::NoRunningDays { service } => format!(
                "{}: no source gives the days it runs: it is planned as if it ran every day",
                self.service(*service)
            ),
            Advice::NoDepartureTime { service, days } => match days {
                Some(d) => format!(
                    "{} runs {} but no source gives its departure time: the times shown are the earliest that fit",
                    self.service(*service),
                    runs_on(*d)
                ),
                None => format!(
                    "{}: no source gives its running days or departure time: the times shown are the earliest that fit",
                    self.service(*service)
                ),
            },
            Advice::Unconfirmed { service, old: true } => format!(
                "{}: no source from the last three years confirms it is running (newest source: {})",
                self.service(*service),
                newest_source(&ds.services[*service])
            ),
            Advice::Unconfirmed { service, old: false } => format!(
                "{}: not confirmed to be running (newest source: {})",
                self.service(*service),
                newest_source(&ds.services[*service])
            ),
            Advice::NewestSource { service } => format!(
                "{}: newest source {}",
                self.service(*service),
                newest_source(&ds.services[*service])
            ),
            Advice::MinimumFare { service, .. } => format!(
                "{}: the fare is a minimum, so the total is a lower bound",
                self.service(*service)
            ),
            Advice::FareUnknown { service } => {
                format!("{}: fare unknown for this stretch", self.service(*service))
            }
            Advice::SeatsUnknown { service } => format!(
                "{}: priced per vehicle and the seats per vehicle are unknown; one vehicle is assumed for the party",
                self.service(*service)
            ),
            Advice::Disputed { subject, dispute } => {
                let d = self.dispute_of(*subject, *dispute);
                format!(
                    "{}, disputed {}: {}",
                    self.subject(*subject),
                    fact_name(&d.fact),
                    d.summary
                )
            }
            Advice::Stale { subject, verified } => format!(
                "{} was last verified on {}",
                self.subject(*subject),
                self.date(*verified)
            ),
            Advice::ClockTrap { place, at } => {
                let p = &ds.places[*place];
                let local = p.local_zone.map(|z| z.0).unwrap_or(p.zone.0);
                format!(
                    "{}: times here are {} ({}), but many people keep {} ({}); ask which clock a ticket or an opening time uses",
                    p.name,
                    zone_label(p.zone.0, at),
                    utc_offset(p.zone.0, at),
                    zone_label(local, at),
                    utc_offset(local, at)
                )
            }
            Advice::BorderTimeUnknown { crossing, service } => format!(
                "{}: no source says when {} reaches the border, so only the day (not the hours) was checked",
                self.crossing(*crossing),
                self.service(*service)
            ),
            Advice::HoursUnknown { crossing, side } => {
                let c = &ds.crossings[*crossing];
                format!(
                    "{}: the opening hours of the {} post are unknown",
                    c.name,
                    country_name(c.sides[*side].country)
                )
            }
            Advice::CrossingUncertain { crossing } => format!(
                "{}: its status is uncertain",
                self.crossing(*crossing)
            ),
            Advice::ClosureNear { crossing, closure } => {
                let c = &ds.crossings[*crossing];
                let cl = &c.closures[*closure];
                self.closed(&c.name, &crate::calendar::closed_by(cl), cl.from) + " (announced)"
            }
            Advice::NoPassport => "no passport given: visas were not checked, and border rules were applied as for a foreigner (a citizen of neither side)".into(),
            Advice::Suspended { service, since } => {
                let s = &ds.services[*service];
                let state = match (s.status == ServiceStatus::Suspended, since) {
                    (true, Some(d)) => format!("has been suspended since {}", self.date(*d)),
                    (true, None) => "is suspended".into(),
                    (false, _) => "is not running".into(),
                };
                format!("{} {state}; it was not used", s.name)
            }
            Advice::Untimed { service, stop } => format!(
                "{}: no source gives its time at {}, so no plan boards it there (nothing says when to be at the stop)",
                self.service(*service),
                self.subject(*stop)
            ),
            Advice::PastDate { date, today } => format!(
                "{} is in the past (today is {}): the answer describes the timetables and rules as the dataset knows them now",
                Self::full_date(*date),
                Self::full_date(*today)
            ),
            Advice::HolidaysUnknown { country, year } => holidays_unknown(&[(*country, *year)]),
            Advice::ScheduleUnannounced {
                country,
                year,
                holiday,
                from,
                to,
                days,
            } => self.unannounced(*country, *year, &[(holiday, *from, *to)], days),
            Advice::SearchTruncated => "the search stopped early (it reached its work limit for this dataset): other itineraries may exist; narrow the days searched or name a place to pass".into(),
        }
    }

    /// One country's unannounced holiday schedule for a year (`Advice::ScheduleUnannounced`),
    /// its holidays near the posts passed (`holidays`: each with its listed days off) in one
    /// sentence, with the days a post is passed.
    fn unannounced(
        &self,
        country: Country,
        year: i32,
        holidays: &[(&crate::text::Text, NaiveDate, NaiveDate)],
        days: &[NaiveDate],
    ) -> String {
        let listed: Vec<String> = holidays
            .iter()
            .map(|(h, from, to)| format!("{}, {}", self.holiday(h), day_span(*from, *to)))
            .collect();
        // Each holiday's days are after a comma: the last is set apart by ", and".
        let listed = match listed.as_slice() {
            [rest @ .., last] if !rest.is_empty() => format!("{}, and {last}", rest.join(", ")),
            _ => listed.concat(),
        };
        format!(
            "{} has not announced its {year} holiday schedule yet: the days off listed for {listed}, are only the statutory ones, and the border may also close on days next to them (a post is passed on {}); check the border service's notices",
            country_name(country),
            join_and(&days.iter().map(|d| self.date(*d)).collect::<Vec<_>>())
        )
    }

    /// The notes `ScheduleUnannounced` of one plan, one sentence per country and year (New
    /// Year's Day and its observed day are one block of notice, not two notes), each with
    /// the position of the first note it stands for.
    pub fn unannounced_notes(&self, advice: &[&Advice]) -> Vec<(usize, String)> {
        type Group<'a> = (
            usize,
            (Country, i32),
            Vec<(&'a crate::text::Text, NaiveDate, NaiveDate)>,
            Vec<NaiveDate>,
        );
        let mut groups: Vec<Group> = Vec::new();
        for (k, a) in advice.iter().enumerate() {
            let Advice::ScheduleUnannounced {
                country,
                year,
                holiday,
                from,
                to,
                days,
            } = a
            else {
                continue;
            };
            match groups.iter_mut().find(|g| g.1 == (*country, *year)) {
                Some((_, _, hs, ds)) => {
                    hs.push((holiday, *from, *to));
                    ds.extend(days.iter().copied());
                }
                None => groups.push((
                    k,
                    (*country, *year),
                    vec![(holiday, *from, *to)],
                    days.to_vec(),
                )),
            }
        }
        groups
            .into_iter()
            .map(|(k, (country, year), mut hs, mut ds)| {
                hs.sort_by_key(|h| h.1);
                ds.sort();
                ds.dedup();
                (k, self.unannounced(country, year, &hs, &ds))
            })
            .collect()
    }

    /// The holiday schedules not announced near a crossing's day (`hours --date`), one
    /// sentence per country and year: "China has not announced its 2027 holiday schedule yet:
    /// it may also close on days next to Chinese New Year (Spring Festival), 5–10 Feb 2027 as
    /// listed". A country's several holidays are one sentence: "… next to Defender of the
    /// Fatherland Day, 7 May 2027; and Victory Day, 9–10 May 2027 as listed". Other advice is
    /// left out.
    pub fn unannounced_near(&self, advice: &[Advice]) -> Vec<String> {
        let mut groups: Vec<((Country, i32), Vec<String>)> = Vec::new();
        for a in advice {
            let Advice::ScheduleUnannounced {
                country,
                year,
                holiday,
                from,
                to,
                ..
            } = a
            else {
                continue;
            };
            let item = format!("{}, {}", self.holiday(holiday), day_span(*from, *to));
            match groups.iter_mut().find(|(k, _)| *k == (*country, *year)) {
                Some((_, items)) => items.push(item),
                None => groups.push(((*country, *year), vec![item])),
            }
        }
        groups
            .into_iter()
            .map(|((country, year), items)| {
                let next_to = match items.as_slice() {
                    [rest @ .., last] if !rest.is_empty() => {
                        format!("{}; and {last}", rest.join("; "))
                    }
                    _ => items.concat(),
                };
                format!(
                    "{} has not announced its {year} holiday schedule yet: it may also close on days next to {next_to} as listed",
                    country_name(country)
                )
            })
            .collect()
    }

    pub fn dispute_of(&self, s: Subject, k: usize) -> &crate::model::Dispute {
        match s {
            Subject::Service(i) => &self.ds.services[i].disputes[k],
            Subject::Crossing(i) => &self.ds.crossings[i].disputes[k],
            Subject::Place(_) => &self.ds.crossings[0].disputes[k],
        }
    }
}

/// The first sentence of a text (up to and including its first ". "), for a short note.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

/// A disputed fact's field name as words.
pub fn fact_name(fact: &str) -> String {
    match fact {
        "depart" => "departure time".into(),
        "visa_on_arrival" => "visa on arrival".into(),
        "cutoff" => "practical cut-off".into(),
        "foreigners" => "rule for foreigners".into(),
        "reopens" => "reopening date".into(),
        "zone" => "time zone".into(),
        "between" => "drive between the posts".into(),
        f => f.replace('_', " "),
    }
}

/// A crossing's disputed fact by name, with the direction a directed one is about: "drive
/// from the China post to the Kyrgyzstan post".
pub fn dispute_name(c: &crate::model::Crossing, d: &crate::model::Dispute) -> String {
    match c.dispute_side(d) {
        Some(i) if d.fact == "between" => format!(
            "drive from the {} post to the {} post",
            country_name(c.sides[i].country),
            country_name(c.sides[1 - i].country)
        ),
        Some(i) => format!(
            "{} (the {} post passed first)",
            fact_name(&d.fact),
            country_name(c.sides[i].country)
        ),
        None => fact_name(&d.fact),
    }
}

/// "daily" or "on Mon,Thu".
pub fn runs_on(d: Weekdays) -> String {
    if d == Weekdays::ALL {
        "daily".into()
    } else {
        format!("on {d}")
    }
}

pub fn plural_day(d: Weekday) -> String {
    let n = [
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
        "Sundays",
    ];
    n[d.num_days_from_monday() as usize].to_string()
}

/// One of the days from `from` to `to`, the last written by `last` and the first as much as
/// differs from it: "Mon 14 or Tue 15 Jun", "between Mon 14 and Wed 16 Jun", "between Fri
/// 31 Dec 2027 and Sun 2 Jan 2028" (the first with its year as `last` writes one then).
pub fn days_either_as(
    from: NaiveDate,
    to: NaiveDate,
    last: impl Fn(NaiveDate) -> String,
) -> String {
    let first = if from.year() != to.year() {
        last(from)
    } else if from.month() != to.month() {
        from.format("%a %-d %b").to_string()
    } else {
        from.format("%a %-d").to_string()
    };
    if to - from == chrono::Duration::days(1) {
        format!("{first} or {}", last(to))
    } else {
        format!("between {first} and {}", last(to))
    }
}

/// `days_either_as` after a verb: "on Mon 14 or Tue 15 Jun", but "between Mon 14 and Wed
/// 16 Jun".
pub fn on_days_either_as(
    from: NaiveDate,
    to: NaiveDate,
    last: impl Fn(NaiveDate) -> String,
) -> String {
    let days = days_either_as(from, to, last);
    if to - from == chrono::Duration::days(1) {
        format!("on {days}")
    } else {
        days
    }
}

/// A run of days, its year once: "9 Jun 2027", "5–10 Feb 2027", "30 Apr–4 May 2027",
/// "31 Dec 2026–2 Jan 2027".
pub fn day_span(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        from.format("%-d %b %Y").to_string()
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{}", from.format("%-d"), to.format("%-d %b %Y"))
    } else if from.year() == to.year() {
        format!("{}–{}", from.format("%-d %b"), to.format("%-d %b %Y"))
    } else {
        format!("{}–{}", from.format("%-d %b %Y"), to.format("%-d %b %Y"))
    }
}

/// A country's English name, or its code where this table lacks it.
pub fn country_name(c: Country) -> String {
    let names = [
        ("CN", "China"),
        ("KG", "Kyrgyzstan"),
        ("KZ", "Kazakhstan"),
        ("PK", "Pakistan"),
        ("TJ", "Tajikistan"),
        ("UZ", "Uzbekistan"),
        ("TM", "Turkmenistan"),
        ("AF", "Afghanistan"),
        ("GB", "the United Kingdom"),
        ("RU", "Russia"),
    ];
    names
        .iter()
        .find(|(code, _)| *code == c.as_str())
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| c.to_string())
}

/// "3,752".
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    if s.len() > 3 {
        format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
    } else {
        s
    }
}

/// The newest date a service's sources report, or "undated".
pub fn newest_source(s: &crate::model::Service) -> String {
    s.prov
        .newest
        .as_ref()
        .map_or_else(|| "undated".to_string(), |r| r.to_string())
}

/// What a fare is quoted for, as one word: "person" or "vehicle" (the plan's fare text, the
/// JSON contract's `per` and the GeoJSON properties all use it).
pub fn per_word(per: Per) -> &'static str {
    match per {
        Per::Person => "person",
        Per::Vehicle => "vehicle",
    }
}

/// The way through a post a cut-off holds for, as one word: "leaving" or "entering" its
/// country (`hours --json` and the GeoJSON posts' `cutoff_for`).
pub fn direction_word(d: crate::model::Direction) -> &'static str {
    match d {
        crate::model::Direction::Leaving => "leaving",
        crate::model::Direction::Entering => "entering",
    }
}

/// The countries and years whose public holidays the dataset does not know, in one
/// sentence (one per pair would repeat it), countries with the same years together: "the
/// public holidays of CN and KG in 2035 and 2036 and KZ in 2036 are not known to this
/// dataset: …".
pub fn holidays_unknown(pairs: &[(Country, i32)]) -> String {
    let mut by_country: Vec<(Country, Vec<i32>)> = Vec::new();
    for (c, y) in pairs {
        match by_country.iter_mut().find(|(x, _)| x == c) {
            Some((_, years)) if !years.contains(y) => years.push(*y),
            Some(_) => {}
            None => by_country.push((*c, vec![*y])),
        }
    }
    let mut groups: Vec<(Vec<String>, Vec<i32>)> = Vec::new();
    for (c, years) in by_country {
        match groups.iter_mut().find(|(_, y)| *y == years) {
            Some((cs, _)) => cs.push(c.to_string()),
            None => groups.push((vec![c.to_string()], years)),
        }
    }
    let each: Vec<String> = groups
        .iter()
        .map(|(cs, years)| {
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            format!("{} in {}", join_and(cs), join_and(&years))
        })
        .collect();
    let one_year = pairs
        .iter()
        .all(|(_, y)| Some(y) == pairs.first().map(|(_, y)| y));
    let when = if one_year {
        "that year"
    } else {
        "in those years"
    };
    format!(
        "the public holidays of {} are not known to this dataset: a border closed for a holiday {when} cannot be foreseen; check the border service's notices",
        join_and(&each)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn counts_agree() {
        assert_eq!(count(1, "change", "changes"), "1 change");
        assert_eq!(count(0, "change", "changes"), "0 changes");
        assert_eq!(count(2, "night", "nights"), "2 nights");
    }

    #[test]
    fn zones_are_unambiguous() {
        let t: DateTime<Utc> = "2026-06-15T01:00:00Z".parse().unwrap();
        assert_eq!(zone_label(Tz::Asia__Shanghai, &t), "Beijing time");
        assert_eq!(zone_label(Tz::Asia__Urumqi, &t), "Xinjiang time");
        assert_eq!(zone_label(Tz::Asia__Bishkek, &t), "UTC+6");
        assert_eq!(zone_label(Tz::Asia__Kabul, &t), "UTC+4:30");
    }

    #[test]
    fn generated_holiday_dates_read_like_every_date() {
        let ds = crate::run::load_dataset(None, false).expect("embedded dataset");
        let w = Words {
            ds: &ds,
            today: d("2026-11-30"),
        };
        assert_eq!(
            w.holiday("Day off (substituted from 09/20/2026)"),
            "Day off (substituted from Sun 20 Sep)"
        );
        assert_eq!(
            w.holiday("Day off (substituted from 01/26/2025)"),
            "Day off (substituted from Sun 26 Jan 2025)"
        );
        assert_eq!(w.holiday("Labour Day"), "Labour Day");
        assert_eq!(w.date(d("2027-06-14")), "Mon 14 Jun 2027");
    }

    /// A post missed says what the time missed: 12:00 at Irkeshtam's Kyrgyz post (open
    /// 09:00–18:00, cut-off 11:30) is after the cut-off, not "outside its hours" of 09:00–18:00.
    #[test]
    fn a_post_missed_names_what_the_time_missed() {
        let ds = crate::run::load_dataset(None, false).expect("embedded dataset");
        let w = Words {
            ds: &ds,
            today: d("2026-11-30"),
        };
        let crossing = ds
            .crossings
            .iter()
            .position(|c| c.id == "irkeshtam")
            .unwrap();
        let side = ds.crossings[crossing]
            .sides
            .iter()
            .position(|s| s.country.to_string() == "KG")
            .unwrap();
        let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        let range = |a: &str, b: &str| crate::types::TimeRange {
            start: crate::types::LocalTime(t(a)),
            end: crate::types::LocalTime(t(b)),
        };
        let said = |reach: &str, lunch: Option<crate::types::TimeRange>| {
            let b = Blocker::OutsideHours {
                crossing,
                side,
                service: 0,
                reach: t(reach),
                hours: Some(range("09:00", "18:00")),
                cutoff: Some(t("11:30")),
                lunch,
            };
            let text = w.blocker(&b, d("2027-06-14"));
            let at = text
                .find(&format!("at {reach} UTC+6, "))
                .unwrap_or_else(|| panic!("{text}"));
            text[at..].split(" (").next().unwrap().to_string()
        };
        assert_eq!(said("08:00", None), "at 08:00 UTC+6, before it opens");
        assert_eq!(
            said("12:00", None),
            "at 12:00 UTC+6, after its practical cut-off"
        );
        assert_eq!(said("19:00", None), "at 19:00 UTC+6, after it closes");
        assert_eq!(
            said("10:30", Some(range("10:00", "11:00"))),
            "at 10:30 UTC+6, in its lunch break"
        );
    }
}
