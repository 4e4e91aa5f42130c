//! The paperwork model end to end on the embedded data (issue 11): for the seed journeys and
//! GB, US, IN, CN, KG, KZ, UZ and dual passports, the default answer plans with the
//! documents the traveller can still obtain and lists each under "Before you go"; with
//! `--held-only` the same journey is refused when it needs one, with the fix and its
//! effect; lead times that cannot fit move the crossing; dated waivers are surfaced.

mod common;
use common::run;
use std::collections::BTreeSet;

// The strict structs of the JSON contract (tests/common/json.rs).
use common::json::PlanJson as Plan;

fn plan(from: &str, to: &str, date: &str, passports: &[&str], extra: &[&str]) -> (Plan, i32) {
    let mut args = vec!["plan", from, to, "--date", date, "--json"];
    for p in passports {
        args.extend_from_slice(&["--passport", p]);
    }
    args.extend_from_slice(extra);
    let r = run(&args);
    (r.json(), r.code)
}

/// The documents of the first itinerary, as `kind:id`.
fn docs(p: &Plan) -> BTreeSet<String> {
    p.itineraries
        .first()
        .map(|it| {
            it.before_you_go
                .iter()
                .map(|n| format!("{}:{}", n.kind, n.id))
                .collect()
        })
        .unwrap_or_default()
}

/// (journey, passports, documents to arrange by default, the visa `--held-only` lacks).
type Case = (
    (&'static str, &'static str, &'static str),
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

const TORUGART: (&str, &str, &str) = ("kashgar", "bishkek", "2027-06-14");
const IRKESHTAM: (&str, &str, &str) = ("kashgar", "osh", "2027-06-14");
const KHUNJERAB: (&str, &str, &str) = ("kashgar", "sust", "2027-06-14");
const KHORGOS: (&str, &str, &str) = ("almaty", "urumqi", "2027-06-15");
const KHUNJERAB_NORTH: (&str, &str, &str) = ("sust", "kashgar", "2027-06-14");

const CASES: &[Case] = &[
    // Kashgar to Bishkek over Torugart: the agency-arranged permits for everyone whose
    // passport does not waive them; a Kyrgyz e-visa for Indian and Chinese passports.
    (
        TORUGART,
        &["GB"],
        &[
            "permit:torugart-cn-permit",
            "permit:torugart-kg-border-permit",
        ],
        None,
    ),
    (
        TORUGART,
        &["US"],
        &[
            "permit:torugart-cn-permit",
            "permit:torugart-kg-border-permit",
        ],
        None,
    ),
    (
        TORUGART,
        &["IN"],
        &[
            "permit:torugart-cn-permit",
            "permit:torugart-kg-border-permit",
            "visa:KG",
        ],
        Some("visa:KG"),
    ),
    (
        TORUGART,
        &["CN"],
        &["permit:torugart-kg-border-permit", "visa:KG"],
        Some("visa:KG"),
    ),
    (
        TORUGART,
        &["KG"],
        &["permit:torugart-kg-border-permit"],
        None,
    ),
    (
        TORUGART,
        &["KZ"],
        &[
            "permit:torugart-cn-permit",
            "permit:torugart-kg-border-permit",
        ],
        None,
    ),
    (
        TORUGART,
        &["UZ"],
        &[
            "permit:torugart-cn-permit",
            "permit:torugart-kg-border-permit",
        ],
        None,
    ),
    (
        TORUGART,
        &["IN", "KG"],
        &["permit:torugart-kg-border-permit"],
        None,
    ),
    // Kashgar to Osh over Irkeshtam.
    (IRKESHTAM, &["GB"], &[], None),
    (IRKESHTAM, &["US"], &[], None),
    (IRKESHTAM, &["IN"], &["visa:KG"], Some("visa:KG")),
    (IRKESHTAM, &["CN"], &["visa:KG"], Some("visa:KG")),
    (IRKESHTAM, &["KG"], &[], None),
    (IRKESHTAM, &["KZ"], &[], None),
    (IRKESHTAM, &["UZ"], &[], None),
    (IRKESHTAM, &["CN", "KZ"], &[], None),
    // Kashgar to Sost over Khunjerab: a Pakistani visa for every passport but Pakistan's
    // (and it waives the Chinese border-area permit on the Karakoram Highway); an Indian
    // passport is not admitted there at all (`an_indian_passport_is_refused_at_khunjerab`).
    (KHUNJERAB, &["GB"], &["visa:PK"], Some("visa:PK")),
    (KHUNJERAB, &["US"], &["visa:PK"], Some("visa:PK")),
    (KHUNJERAB, &["CN"], &["visa:PK"], Some("visa:PK")),
    (KHUNJERAB, &["KG"], &["visa:PK"], Some("visa:PK")),
    (KHUNJERAB, &["KZ"], &["visa:PK"], Some("visa:PK")),
    (KHUNJERAB, &["UZ"], &["visa:PK"], Some("visa:PK")),
    // A Pakistani passport needs no visa; the data waives the border-area permit only for
    // holders of a Pakistani or Tajik visa, so it is still listed (and not enforced).
    (
        KHUNJERAB,
        &["GB", "PK"],
        &["permit:kkh-border-zone-permit"],
        None,
    ),
    // Sost to Kashgar, the other way: the border-area permit is checked at Ghez on the way
    // from Kashgar towards Tashkurgan only (`only_coming_from`), so it is never listed going
    // north, not even for a Pakistani passport holder, who is in Pakistan on no visa.
    (KHUNJERAB_NORTH, &["GB"], &["visa:CN"], Some("visa:CN")),
    (KHUNJERAB_NORTH, &["KZ"], &[], None),
    (
        KHUNJERAB_NORTH,
        &["GB", "PK"],
        &["visa:CN"],
        Some("visa:CN"),
    ),
    // Almaty to Urumqi over Khorgos: a Chinese visa from an embassy (the GB waiver ends
    // on 31 Dec 2026), none for Chinese and Kazakh passports nor, since the mutual
    // exemption of 1 Jun 2025, Uzbek ones.
    (KHORGOS, &["GB"], &["visa:CN"], Some("visa:CN")),
    (KHORGOS, &["US"], &["visa:CN"], Some("visa:CN")),
    (KHORGOS, &["IN"], &["visa:CN"], Some("visa:CN")),
    (KHORGOS, &["CN"], &[], None),
    (KHORGOS, &["KG"], &["visa:CN"], Some("visa:CN")),
    (KHORGOS, &["KZ"], &[], None),
    (KHORGOS, &["UZ"], &[], None),
    (KHORGOS, &["IN", "KZ"], &[], None),
];

#[test]
fn seed_journeys_list_what_to_arrange_and_held_only_needs_it() {
    for ((from, to, date), passports, want, lacking) in CASES {
        let who = passports.join("+");
        let (p, code) = plan(from, to, date, passports, &[]);
        assert_eq!(code, 0, "{from}→{to} {who}: by default it is possible");
        let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(docs(&p), want, "{from}→{to} {who}: Before you go");
        // Each document by how it is obtained.
        for n in p.itineraries.iter().flat_map(|it| &it.before_you_go) {
            let how = match (n.kind.as_str(), n.id.as_str()) {
                ("visa", "CN") => "embassy",
                ("visa", "PK" | "KG" | "TJ" | "UZ") | ("permit", "gbao") => "online",
                ("permit", "kkh-border-zone-permit") => "office",
                ("permit", _) => "agency",
                other => panic!("unexpected document {other:?}"),
            };
            assert_eq!(n.how, how, "{from}→{to} {who}: {} {}", n.kind, n.id);
        }
        let (h, code) = plan(from, to, date, passports, &["--held-only"]);
        match lacking {
            None => {
                assert_eq!(code, 0, "{from}→{to} {who} --held-only: nothing to obtain");
                assert!(h.fixes.is_empty(), "{from}→{to} {who}");
            }
            Some(doc) => {
                assert_eq!(code, 1, "{from}→{to} {who} --held-only: refused");
                assert!(h.itineraries.is_empty());
                assert!(!h.reasons.is_empty(), "{from}→{to} {who}: reasons");
                let fix = h
                    .fixes
                    .first()
                    .unwrap_or_else(|| panic!("{from}→{to} {who}: a fix"));
                assert_eq!(fix.documents, [doc.to_string()], "{from}→{to} {who}");
                assert_eq!(
                    fix.depart.as_deref().map(|d| &d[..10]),
                    Some(*date),
                    "{from}→{to} {who}: with the document it works that day"
                );
                assert_eq!(h.earliest, None, "{from}→{to} {who}: never without it");
            }
        }
    }
}

#[test]
fn a_visa_is_listed_with_how_and_when_it_is_needed() {
    let (p, _) = plan("almaty", "urumqi", "2027-06-15", &["US"], &[]);
    let n = &p.itineraries[0].before_you_go[0];
    // The Passport Index says "e-visa" for US passports, but the Chinese visa is applied for
    // at a consulate: the data's application record decides.
    assert_eq!((n.kind.as_str(), n.how.as_str()), ("visa", "embassy"));
    let (p, _) = plan("kashgar", "sust", "2027-06-14", &["GB"], &[]);
    let n = &p.itineraries[0].before_you_go[0];
    assert_eq!((n.id.as_str(), n.how.as_str()), ("PK", "online"));
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--explain",
    ])
    .ok();
    // Both itineraries need it, on different days: said once, the second's days in brackets.
    assert!(
        r.stdout.contains(
            "- [all] A visa for Pakistan (GB passport), needed from Mon 14 Jun 2027 (itinerary 2: Thu 17 Jun 2027): apply online before you go; where: visa.nadra.gov.pk, Pakistan's online visa system; takes 2 days, so apply by Sat 12 Jun 2027 (itinerary 2: Tue 15 Jun 2027); cost not known."
        ),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.matches("A visa for Pakistan").count(),
        1,
        "{}",
        r.stdout
    );
}

#[test]
fn a_held_permit_is_not_asked_for() {
    let (p, code) = plan(
        "kashgar",
        "bishkek",
        "2027-06-14",
        &["GB"],
        &["--permit", "torugart-cn-permit"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        docs(&p),
        BTreeSet::from(["permit:torugart-kg-border-permit".to_string()])
    );
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--permit",
        "torugart-cn-permit",
    ])
    .ok();
    assert!(
        !r.stdout.contains("Chinese permit for the Torugart"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_lead_time_that_cannot_fit_moves_the_crossing() {
    // Today is Sat 21 Nov 2026: an Uzbek e-visa (3 working days) is held from Wed 25 Nov.
    let (p, code) = plan(
        "almaty",
        "tashkent",
        "2026-11-23",
        &["US"],
        &["--within", "1"],
    );
    assert_eq!(code, 0);
    let it = &p.itineraries[0];
    let need = it
        .before_you_go
        .iter()
        .find(|n| n.id == "UZ")
        .expect("the Uzbek e-visa");
    assert!(
        need.needed_from.as_str() >= "2026-11-25",
        "{}",
        need.needed_from
    );
    // A start that must cross the day after tomorrow cannot have it.
    let (p, code) = plan(
        "tashkent",
        "samarkand",
        "2026-11-23",
        &["US"],
        &["--within", "1"],
    );
    assert_eq!(code, 0, "domestic: no visa needed inside Uzbekistan");
    assert!(p.itineraries[0].before_you_go.is_empty());
}

#[test]
fn the_end_of_a_dated_waiver_is_surfaced() {
    let (p, code) = plan("osh", "kashgar", "2026-12-28", &["GB"], &[]);
    assert_eq!(code, 0);
    assert!(
        p.itineraries[0].advice.iter().any(|w| w.entry.as_ref().is_some_and(|e| e.country
            == "CN"
            && e.until.as_deref() == Some("2026-12-31")
            && e.after.as_deref() == Some("visa-required"))
            && w.text
                == "China: visa-free for 30 days on a GB passport (the waiver for GB passports is announced to run until Thu 31 Dec 2026; unless it is extended, a visa for China is needed after that)"),
        "{:?}",
        p.itineraries[0].advice
    );
    assert!(docs(&p).iter().all(|d| d != "visa:CN"));
    let (p, code) = plan("osh", "kashgar", "2027-01-11", &["GB"], &[]);
    assert_eq!(code, 0);
    assert!(docs(&p).contains("visa:CN"), "{:?}", docs(&p));
    let r = run(&[
        "plan",
        "osh",
        "kashgar",
        "--date",
        "2027-01-11",
        "--passport",
        "GB",
    ])
    .ok();
    assert!(
        r.stdout.contains(
            "a visa for China (GB passport; the visa waiver for GB passports is announced to run only to Thu 31 Dec 2026, unless it is extended;"
        ),
        "{}",
        r.stdout
    );
}

/// The waiver's older members (FR, DE, JP, …) show 30 days in the Passport Index (January
/// 2025), but that is the same waiver as announced then: after its announced end (31 Dec
/// 2026) a French traveller is told to arrange a visa, not that the index's 30 days apply.
#[test]
fn an_index_entry_that_was_the_waiver_is_not_carried_past_its_end() {
    let (p, code) = plan("bishkek", "kashgar", "2026-12-14", &["FR"], &[]);
    assert_eq!(code, 0);
    assert!(docs(&p).iter().all(|d| d != "visa:CN"), "{:?}", docs(&p));
    let (p, code) = plan("bishkek", "kashgar", "2027-07-12", &["FR"], &[]);
    assert_eq!(code, 0);
    assert!(docs(&p).contains("visa:CN"), "{:?}", docs(&p));
    let (_, code) = plan(
        "bishkek",
        "kashgar",
        "2027-07-12",
        &["FR"],
        &["--held-only"],
    );
    assert_eq!(code, 1, "held only, without a Chinese visa: no way in");
}

#[test]
fn with_held_only_a_route_with_a_permit_arriving_no_sooner_is_not_named() {
    // From Kashgar the Pamir Highway (by Osh, Murghab and Khorog) is one of the answers
    // when the GBAO permit can be obtained...
    let (p, code) = plan(
        "kashgar",
        "dushanbe",
        "2027-07-05",
        &["GB"],
        &["--visa", "TJ", "--max", "30"],
    );
    assert_eq!(code, 0);
    assert!(p.itineraries.iter().any(|it| it
        .legs
        .iter()
        .any(|l| l.borders.iter().any(|c| c.id == "kyzyl-art"))));
    let (p, code) = plan(
        "kashgar",
        "dushanbe",
        "2027-07-05",
        &["GB"],
        &["--visa", "TJ", "--held-only"],
    );
    assert_eq!(code, 0);
    for it in &p.itineraries {
        assert!(it
            .legs
            .iter()
            .all(|l| l.borders.iter().all(|c| c.id != "kyzyl-art")));
    }
    // ...but its shared jeeps keep to daylight (a night at Murghab and one at Khorog), so
    // with the permit the journey would arrive no sooner than the way by Bishkek and
    // Tashkent: holding it is not named as a way to arrive sooner.
    assert!(
        p.fixes.iter().all(|f| f.documents != ["permit:gbao"]),
        "{}",
        p.fixes
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_users_own_avoid_is_named_when_it_removed_every_route() {
    let r = run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--avoid",
        "torugart",
        "--avoid",
        "irkeshtam",
        "--avoid",
        "khorgos",
    ])
    .code(1);
    assert!(
        r.stdout.contains(
            // No source gives the agency car's arrival in Bishkek: its day is the earliest,
            // and no length is shown for a journey whose end is not known.
            "- Without --avoid torugart --avoid irkeshtam --avoid khorgos: Kashgar → Bishkek, leaving Mon 14 Jun 2027, arriving Mon 14 Jun 2027 at the earliest (journey time not known)\n"
        ),
        "{}",
        r.stdout
    );
    // "Why" says once that they removed every route; the fix does not say it again.
    assert_eq!(
        r.stdout.matches("removed every route").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("No departure within a year works with your --avoid/--via."),
        "{}",
        r.stdout
    );
    // The reasons do not blame a ride over a crossing the traveller excluded (the sleeper
    // bus over Torugart, which takes no foreigners): the exclusion is the reason.
    let why = r
        .stdout
        .split("Why:\n")
        .nth(1)
        .and_then(|w| w.split("\n\n").next())
        .expect("a Why section");
    assert_eq!(
        why,
        "- Your own --avoid torugart --avoid irkeshtam --avoid khorgos removed every route from Kashgar to Bishkek",
        "{}",
        r.stdout
    );
}

#[test]
fn reasons_name_only_what_lies_on_the_way() {
    // Osh to Murghab never enters China: no Chinese visa among the reasons.
    let (p, code) = plan(
        "osh",
        "murghab",
        "2027-07-05",
        &["GB"],
        &["--permit", "gbao", "--held-only"],
    );
    assert_eq!(code, 1);
    assert!(
        p.reasons
            .iter()
            .all(|r| r.entry.as_ref().is_none_or(|e| e.country != "CN")),
        "{:?}",
        p.reasons
    );
    assert!(
        p.reasons[0]
            .entry
            .as_ref()
            .is_some_and(|e| e.country == "TJ")
            && p.reasons[0].text.starts_with("Tajikistan:"),
        "{:?}",
        p.reasons
    );
    assert_eq!(p.fixes[0].documents, ["visa:TJ"]);
    assert!(p.fixes[0].earliest.is_none() && p.fixes[0].depart.is_some());
}

#[test]
fn a_detour_taken_only_because_a_visa_is_too_late_is_named() {
    // Today (Sat 21 Nov 2026) a Chinese visa applied for is held from Thu 26 Nov (4 working
    // days): the plan crosses into China from then on, and says that with the visa in hand
    // the Monday departure would arrive sooner.
    let (p, code) = plan("bishkek", "kashgar", "2026-11-23", &["US"], &[]);
    assert_eq!(code, 0);
    let crossing_days: Vec<&str> = p
        .itineraries
        .iter()
        .flat_map(|it| &it.legs)
        .flat_map(|l| &l.borders)
        .map(|c| c.id.as_str())
        .collect();
    assert!(!crossing_days.is_empty());
    let fix = p
        .fixes
        .first()
        .expect("the faster route with the visa held");
    assert_eq!(fix.documents, ["visa:CN"]);
    let depart = fix.depart.as_deref().expect("an itinerary");
    assert!(depart < "2026-11-26", "{depart}");
    assert!(
        fix.text.starts_with("With a visa for China: Bishkek →"),
        "{}",
        fix.text
    );
    // Holding it, that route is the answer and there is nothing left to say.
    let (held, code) = plan(
        "bishkek",
        "kashgar",
        "2026-11-23",
        &["US"],
        &["--visa", "CN"],
    );
    assert_eq!(code, 0);
    assert!(held.fixes.is_empty());
    // Far enough ahead, every lead time fits: no fix.
    let (later, _) = plan("bishkek", "kashgar", "2027-06-14", &["US"], &[]);
    assert!(later.fixes.is_empty());
}

#[test]
fn a_closed_pass_is_named_before_the_visa_it_would_also_need() {
    let (p, code) = plan("kashgar", "sust", "2026-12-10", &["GB"], &["--held-only"]);
    assert_eq!(code, 1);
    assert_eq!(p.reasons[0].cause, common::json::Cause::PostClosed);
    assert!(
        p.reasons[0]
            .text
            .starts_with("Khunjerab Pass is closed for the winter"),
        "{:?}",
        p.reasons
    );
    assert_eq!(p.reasons[1].cause, common::json::Cause::VisaNotHeld);
    assert!(
        p.reasons[1].text.starts_with("Pakistan: a visa is needed"),
        "{:?}",
        p.reasons
    );
    assert_eq!(p.fixes[0].documents, ["visa:PK"]);
    assert_eq!(p.fixes[0].earliest.as_deref(), Some("2027-03-31"));
}

#[test]
fn the_users_own_avoid_is_the_reason_given_not_a_missing_service() {
    let r = run(&[
        "plan",
        "kashgar",
        "osh",
        "--date",
        "2027-07-05",
        "--passport",
        "GB",
        "--avoid",
        "torugart",
        "--avoid",
        "irkeshtam",
        "--avoid",
        "khorgos",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "Why:\n- Your own --avoid torugart --avoid irkeshtam --avoid khorgos removed every route from Kashgar to Osh\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("No service"), "{}", r.stdout);
}

#[test]
fn a_journey_that_starts_with_an_untimed_arrival_gets_its_reasons() {
    // Batken to Khujand starts with the Batken–Isfara marshrutka, whose time at Isfara no
    // source gives: the ride may end there (and the journey go on the next day), so the
    // places are connected and `--held-only` is refused for the Tajik visa, not for want of
    // a service. (This was Sust to Kashgar by the wagon to Gilgit, then back through Sust:
    // a loop, no longer offered.)
    let (p, code) = plan("batken", "khujand", "2027-06-12", &["GB"], &[]);
    assert_eq!(code, 0, "by default it is possible");
    assert!(p
        .itineraries
        .iter()
        .any(|it| it.legs[0].service == "batken-isfara-marshrutka"));
    let (h, code) = plan("batken", "khujand", "2027-06-12", &["GB"], &["--held-only"]);
    assert_eq!(code, 1);
    assert!(h.connected, "Batken and Khujand are connected");
    assert!(
        h.reasons
            .iter()
            .any(|r| r.cause == common::json::Cause::VisaNotHeld),
        "{:?}",
        h.reasons
    );
    assert_eq!(h.fixes[0].documents, ["visa:TJ"]);
}

/// The article goes with the code as it is read ("an IN passport", "a GB passport"), and a
/// passport named twice is one passport ("GB", not "GB/GB").
#[test]
fn passports_read_aloud_and_named_once() {
    run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-07-10",
        "--passport",
        "IN",
        "--held-only",
    ])
    .code(1)
    .stdout_has("- Pakistan: no admission for an IN passport (")
    .stdout_lacks("a IN");
    run(&[
        "plan",
        "kashgar",
        "bishkek",
        "--date",
        "2027-06-14",
        "--passport",
        "GB",
        "--passport",
        "gb",
    ])
    .ok()
    .stdout_has(", GB passport: ")
    .stdout_has("Kyrgyzstan: visa-free for 60 days on a GB passport")
    .stdout_lacks("GB/GB");
}

/// Pakistan's online visa system does not take Indian nationals, and they may enter only at
/// Wagah and three airports (and Karachi by sea): an Indian passport is refused at
/// Khunjerab, with the reason, and is never told to apply online at visa.nadra.gov.pk.
/// A second passport that Pakistan admits there still plans the journey.
#[test]
fn an_indian_passport_is_refused_at_khunjerab() {
    let r = run(&[
        "plan",
        "kashgar",
        "sust",
        "--date",
        "2027-07-10",
        "--passport",
        "IN",
    ])
    .code(1);
    let r = r.stdout_has("- Pakistan: no admission for an IN passport (not over Khunjerab: Indian nationals may enter Pakistan only at Wagah");
    let r = r.stdout_has("not in the online system, which does not take Indian nationals");
    r.stdout_lacks("visa.nadra.gov.pk");
    let (p, code) = plan("kashgar", "sust", "2027-07-10", &["IN", "GB"], &[]);
    assert_eq!(
        code, 0,
        "a GB passport is admitted with a visa arranged online"
    );
    let want: BTreeSet<String> = ["visa:PK".to_string()].into_iter().collect();
    assert_eq!(docs(&p), want);
}

/// The Kashgar–Naryn–Bishkek sleeper bus on a KG passport may reach Torugart, which no
/// source times, on Mon 14 or Tue 15 Jun 2027: the Kyrgyz border-zone permit is needed from
/// Monday and must cover Tuesday too (`needed_until`); the Kubat Tour car of Tuesday, timed
/// at the pass, needs it on Tuesday only. "Before you go" names both of the bus's days.
#[test]
fn a_border_area_permit_covers_every_day_an_untimed_post_may_be_reached() {
    let (p, code) = plan(
        "kashgar",
        "bishkek",
        "2027-06-13",
        &["KG"],
        &["--within", "3", "--via", "naryn"],
    );
    assert_eq!(code, 0);
    let permit = |k: usize| {
        let it = &p.itineraries[k];
        let n = it
            .before_you_go
            .iter()
            .find(|n| n.kind == "permit" && n.id == "torugart-kg-border-permit")
            .expect("the Kyrgyz border-zone permit");
        (
            it.services(),
            n.needed_from.as_str(),
            n.needed_until.as_deref(),
        )
    };
    assert_eq!(
        permit(0),
        (
            vec!["kashgar-bishkek-bus"],
            "2027-06-14",
            Some("2027-06-15")
        )
    );
    assert_eq!(
        permit(1),
        (
            vec!["kashgar-naryn-agency", "naryn-bishkek-taxi"],
            "2027-06-15",
            None
        )
    );
}

/// The Karakoram Highway border-area permit is checked at Ghez on the way from Kashgar
/// towards Tashkurgan and Khunjerab, and no source asks for it going north: a traveller
/// from Pakistan (on a passport that needs no Pakistani visa, so nothing waives it) is not
/// told to get it in Kashgar, after the border; going south it is listed, and says which way.
#[test]
fn the_karakoram_highway_permit_is_asked_for_going_south_only() {
    for (from, to) in [
        ("sost", "kashgar"),
        ("islamabad", "kashgar"),
        ("tashkurgan", "kashgar"),
    ] {
        let r = run(&["plan", from, to, "--date", "2027-06-14"]);
        assert_eq!(r.code, 0, "{from} -> {to}: {}", r.stderr);
        assert!(
            !r.stdout.contains("border-area permit"),
            "{from} -> {to} asks for the permit going north:\n{}",
            r.stdout
        );
        let (p, _) = plan(from, to, "2027-06-14", &[], &[]);
        for it in &p.itineraries {
            assert!(it
                .before_you_go
                .iter()
                .all(|n| n.id != "kkh-border-zone-permit"));
        }
    }
    let r = run(&["plan", "kashgar", "sust", "--date", "2027-06-14"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "the Chinese border-area permit for Kashgar to Tashkurgan (only on the way there \
             from elsewhere in China, not from another country;"
        ),
        "{}",
        r.stdout
    );
    let (p, _) = plan("kashgar", "sust", "2027-06-14", &[], &[]);
    assert!(docs(&p).contains("permit:kkh-border-zone-permit"));
    let r = run(&["hours", "khunjerab"]);
    assert!(
        r.stdout.contains("Karakoram Highway) (only leaving China)"),
        "{}",
        r.stdout
    );
}

/// A permit for Zeta (in Kyrgyzstan) takes 20 days and is waived by a Kyrgyz visa. A
/// traveller in Beta, Kyrgyzstan, on a passport that needs a Kyrgyz visa is there on one: the
/// permit is waived, so the bus to Zeta leaves on the day asked and nothing is listed to
/// arrange. Before, "Before you go" counted the visa as held and listed nothing while the
/// planner waited 20 days for the permit, offering a bus three weeks late for a document it
/// never named.
#[test]
fn a_permit_waived_by_the_visa_of_the_start_country_is_not_waited_for() {
    use common::records::{service, weekly};
    let zeta = "[[place]]\nid = \"zeta\"\nname = \"Zeta\"\ncountry = \"KG\"\nzone = \"Asia/Bishkek\"\npermits = [\"zeta-permit\"]\nsources = [\"fixture\"]\nverified = 2026-01-01\n";
    let permit = "[[permit]]\nid = \"zeta-permit\"\nname = \"Zeta permit\"\nhow = \"From the district office.\"\nenforce = \"refuse\"\nobtain = \"office\"\nlead_days = 20\nwaived_by_visa = [\"KG\"]\nsources = [\"fixture\"]\nverified = 2026-01-01\n";
    let bus = service(
        "beta-zeta-bus",
        "Beta–Zeta bus",
        "bus",
        &[
            r#"{ at = "beta", offset = "0h" }"#,
            r#"{ at = "zeta", offset = "3h" }"#,
        ],
        &weekly("daily", "09:00", "Asia/Bishkek"),
    );
    let dir = common::with_files(&[
        ("places/extra.toml", zeta),
        ("permits/extra.toml", permit),
        ("services/extra.toml", &bus),
    ]);
    let plan = |passport: &str, extra: &[&str]| {
        let mut a = vec!["beta", "zeta", "--date", "2026-11-23", "--within", "1"];
        a.extend_from_slice(&["--passport", passport]);
        a.extend_from_slice(extra);
        common::plan_json(Some(dir.path()), &a)
    };
    for extra in [&[][..], &["--held-only"][..]] {
        let (p, code) = plan("CN", extra);
        assert_eq!(code, 0, "{extra:?}: {p:#?}");
        let it = &p.itineraries[0];
        assert_eq!(it.legs[0].depart, "2026-11-23T09:00:00+06:00", "{extra:?}");
        assert!(
            it.before_you_go.is_empty(),
            "{extra:?}: {:?}",
            it.before_you_go
        );
    }
    // On a passport that needs no Kyrgyz visa, the traveller holds none: the permit is
    // listed and waited for (20 days from today, 21 November), so no bus in the day asked.
    let (p, code) = plan("GB", &[]);
    assert_eq!(code, 1, "{p:#?}");
    assert_eq!(p.earliest.as_deref(), Some("2026-12-11"));
}
