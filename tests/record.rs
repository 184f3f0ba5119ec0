//! The incident on the record, norms counted per distinct act, each kind of
//! actor against its own framework, secret objectives checked, and
//! responses aimed at an innocent party, through the public interfaces.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix, small, SMALL};
use demarche::bots;
use demarche::engine::debrief::{ActorReview, Debrief};
use demarche::engine::Game;
use demarche::scenario::{load, Scenario};
use demarche::session::report::Report;
use demarche::shipped;

fn shipped(name: &str) -> Arc<Scenario> {
    let s = shipped::ALL.iter().find(|s| s.name == name).expect("shipped");
    Arc::new(load::from_str(s.name, s.source).scenario.expect("loads"))
}

fn review<'a>(d: &'a Debrief, name: &str) -> &'a ActorReview {
    d.actors.iter().find(|a| a.name == name).expect("actor")
}

fn times(list: &[demarche::engine::debrief::NormCount], code: &str) -> u32 {
    list.iter().find(|n| n.code == code).map_or(0, |n| n.times)
}

/// The small fixture with an incident, a GCSC commitment and checked
/// objectives added, as a trainer would write them.
fn recorded() -> Arc<Scenario> {
    let text = SMALL
        .replace(
            r#"    culprit: "turtle","#,
            r#"    culprit: "turtle",
    incidents: [
        Incident(id: "hijack", title: "Registry hijack", by: "turtle", against: ["north", "cert"],
                 what: "SEA TURTLE redirected government domains through the national registry.",
                 breaches: [NoDamageToCriticalInfrastructure], breaches_commitments: ["public_core"]),
    ],
    commitments: [
        Commitment(id: "public_core", name: "do not damage the public core of the internet",
                   framework: "GCSC (2017)", applies_to: Anyone, covers: [NoDamageToCriticalInfrastructure],
                   upheld_by: ["patch"]),
    ],"#,
        )
        .replace(
            r#"secret_objectives: ["Restore the registry"]"#,
            r#"secret_objectives: [Objective(text: "Restore the registry", when: TrackAtLeast("dns", 75)), "Stay calm"]"#,
        )
        .replace(
            r#"secret_objectives: ["Keep your services out of the news"]"#,
            r#"secret_objectives: [Objective(text: "Nobody names us", when: Not(Attributed("turtle")))]"#,
        );
    let loaded = load::from_str("recorded", &text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

#[test]
fn the_incident_opens_the_debrief_and_every_report_and_is_charged_to_the_one_responsible() {
    let s = shipped("hospital-ransomware");
    let g = Game::new(Arc::clone(&s), 3);
    let d = Debrief::new(&g);
    let inc = &d.incidents[0];
    assert_eq!(inc.responsible.as_deref(), Some("Eastmark"));
    assert_eq!(inc.against, ["Northland", "Westmark", "Solace Health Group"]);
    assert!(inc.breaches.iter().any(|b| b.starts_with("(f)")) && inc.breaches.iter().any(|b| b.starts_with("(i)")));
    // Before anyone moves, the record already charges Eastmark: one act
    // against each of the three victims.
    let east = review(&d, "Eastmark");
    assert!(east.responsible);
    assert_eq!(times(&east.breached, "f"), 3);
    assert_eq!(times(&east.breached, "i"), 3);
    assert_eq!(times(&review(&d, "Valdoria").breached, "f"), 0);
    let r = Report::new(&g, "t.log");
    let md = r.to_markdown();
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(at("## The incident on the record") < at("## Scenario"), "{md}");
    assert!(md.contains("Eastmark is responsible"));
    let html = r.to_html();
    assert!(html.find("id=\"incident\"") < html.find("id=\"outcome\""));
    assert!(r.to_json().contains("\"incidents\""));
}

#[test]
fn norms_are_counted_per_distinct_act_and_target_not_per_click() {
    let mut g = Game::new(small(), 2);
    let cert = ix(&g, "cert");
    for _ in 0..4 {
        g.apply(cert, &act("forensics", None)).unwrap();
        commit_all(&mut g);
    }
    let d = Debrief::new(&g);
    let c = review(&d, "Northland CERT");
    // Four analyses are one act of sharing and analysis (mandate M2).
    assert_eq!(times(&c.upheld, "M2"), 1, "{:?}", c.upheld);
    let tally = demarche::engine::rules::norms::tally(g.scenario(), &g.state().events);
    assert_eq!(tally[cert].upheld[3], 1, "norm d once, however many clicks");
}

#[test]
fn each_kind_of_actor_answers_to_its_own_framework_and_is_ranked_only_among_its_kind() {
    let s = recorded();
    let mut g = Game::new(Arc::clone(&s), 2);
    let (cert, vendor) = (ix(&g, "cert"), ix(&g, "vendor"));
    g.apply(cert, &act("patch", None)).unwrap();
    g.apply(vendor, &act("forensics", None)).unwrap();
    commit_all(&mut g);
    let d = Debrief::new(&g);
    let v = review(&d, "Bluewall Security");
    assert!(v.framework.contains("Tech Accord"), "{}", v.framework);
    assert_eq!(times(&v.upheld, "TA-4"), 1, "forensics shared: collective action");
    assert!(
        v.upheld.iter().all(|n| n.code.len() > 1),
        "no UN letter for a company: {:?}",
        v.upheld
    );
    let c = review(&d, "Northland CERT");
    assert!(c.framework.contains("(k)"));
    assert_eq!(times(&c.upheld, "M1"), 1);
    // The GCSC commitment, given as data, applies to all and is upheld by
    // hardening the registry; the incident breaches it for Eastmark.
    assert_eq!(times(&c.upheld, "public_core"), 1);
    assert_eq!(times(&review(&d, "Eastmark").breached, "public_core"), 2);
    assert_eq!((v.standing, v.peers), (1, 1));
    let north = review(&d, "Northland");
    assert_eq!(north.peers, 2);
    // The company upheld most, but the plan never ranks it against states.
    let plan = Report::new(&g, "t.log").plan();
    for f in plan.strengths.iter().filter(|f| f.area == "Norms upheld") {
        for o in &f.observation {
            assert!(!o.contains("Bluewall"), "{o}");
        }
    }
}

#[test]
fn secret_objectives_with_a_condition_are_checked_others_are_for_discussion() {
    let s = recorded();
    let mut g = Game::new(Arc::clone(&s), 5);
    let cert = ix(&g, "cert");
    for _ in 0..2 {
        g.apply(cert, &act("patch", None)).unwrap();
        commit_all(&mut g);
    }
    let d = Debrief::new(&g);
    let c = review(&d, "Northland CERT");
    assert_eq!(c.objectives[0].met, Some(true), "dns 60 + 15 + 15 >= 75");
    assert_eq!(c.objectives[1].met, None);
    assert_eq!(review(&d, "Eastmark").objectives[0].met, Some(true));
    assert_eq!(
        review(&d, "Northland").objectives[0].met,
        None,
        "plain text: not checked"
    );
    let md = Report::new(&g, "t.log").to_markdown();
    assert!(md.contains("✓ met: Restore the registry"), "{md}");
    // A misspelt field says what it expected, where.
    let bad = SMALL.replace(
        r#"secret_objectives: ["Publish first"]"#,
        r#"secret_objectives: [Objective(txt: "Publish first")]"#,
    );
    let loaded = load::from_str("bad", &bad);
    assert_eq!(loaded.errors(), 1);
    let msg = format!("{:?}", loaded.diagnostics[0]);
    assert!(msg.contains("text"), "{msg}");
}

#[test]
fn old_scenarios_load_without_a_record() {
    let g = Game::new(small(), 1);
    let d = Debrief::new(&g);
    assert!(d.incidents.is_empty());
    assert!(Report::new(&g, "t.log").to_markdown().find("## The incident").is_none());
}

#[test]
fn responses_aimed_at_an_innocent_party_appear_in_the_improvement_plan() {
    let s = shipped("hospital-ransomware");
    let mut g = Game::new(Arc::clone(&s), 9);
    let north = ix(&g, "northland");
    g.apply(north, &act("summon_ambassador", Some("valdoria"))).unwrap();
    commit_all(&mut g);
    let west = ix(&g, "westmark");
    g.apply(west, &act("summon_ambassador", Some("eastmark"))).unwrap();
    commit_all(&mut g);
    let plan = Report::new(&g, "t.log").plan();
    let f = plan
        .improvements
        .iter()
        .find(|f| f.area == "Responses aimed at an innocent party")
        .expect("finding");
    assert_eq!(f.who, ["Northland"]);
    assert!(f.observation[0].contains("at Valdoria"), "{:?}", f.observation);
    assert!(f.observation.iter().all(|o| !o.contains("at Eastmark")));
}

#[test]
fn in_mixed_bot_games_the_culprit_carries_the_incident_and_never_outranks_its_victims() {
    for sc in shipped::ALL {
        let s = shipped(sc.name);
        let mut table = bots::Table::new(Arc::clone(&s));
        for i in 0..200 {
            let g = table.play(demarche::simulate::game_seed(77, i), &[], None);
            let d = Debrief::new(g);
            for (inc, def) in d.incidents.iter().zip(&s.file.incidents) {
                let Some(r) = &inc.responsible else { continue };
                let culprit = review(&d, r);
                for n in &def.breaches {
                    let code = n.letter().to_string();
                    assert!(
                        times(&culprit.breached, &code) >= inc.against.len() as u32,
                        "{}: game {i}: {r} lacks ({code})",
                        sc.name
                    );
                }
                for v in &inc.against {
                    let victim = review(&d, v);
                    if victim.kind == culprit.kind {
                        assert!(
                            culprit.standing > victim.standing,
                            "{}: game {i}: {r} ranks {} of {}, {v} {}",
                            sc.name,
                            culprit.standing,
                            culprit.peers,
                            victim.standing
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn simulate_reports_the_incident_record_and_the_culprits_place_against_its_victims() {
    for sc in shipped::ALL {
        let s = shipped(sc.name);
        let t = demarche::simulate::run(&s, 300, 5, &[], 1);
        let sum = demarche::simulate::Summary::new(&s, &t, 5, &[], 1.0, 1, 4);
        let charged = s.incidents.iter().any(|i| i.responsible.is_some());
        assert_eq!(sum.incident_record.is_some(), charged, "{}", sc.name);
        if let Some(r) = sum.incident_record {
            assert!(!r.responsible.is_empty());
            assert!(
                (r.breaches_shown_share - 1.0).abs() < f64::EPSILON,
                "{}: breaches shown in {:.1}% of games",
                sc.name,
                r.breaches_shown_share * 100.0
            );
            assert_eq!(r.games_ranked_above_a_victim, 0, "{}", sc.name);
        }
    }
    let s = shipped("hospital-ransomware");
    let t = demarche::simulate::run(&s, 50, 5, &[], 1);
    let r = demarche::simulate::Summary::new(&s, &t, 5, &[], 1.0, 1, 4)
        .incident_record
        .expect("MEDLOCK is charged to Eastmark");
    assert_eq!(r.responsible, ["eastmark"]);
}
