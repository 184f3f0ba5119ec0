//! The law of responses (retorsion, countermeasures, unlawful moves),
//! consultations that can fail, and the conditions trainers asked for,
//! tested through the engine's public interface.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix, SMALL};
use demarche::engine::debrief::Debrief;
use demarche::engine::rules::consultations::ConsultOutcome;
use demarche::engine::rules::law::Ground;
use demarche::engine::{Command, EventKind, Game};
use demarche::scenario::schema::Confidence;
use demarche::scenario::{load, Scenario};

/// The small test scenario with some of its text replaced.
fn variant(changes: &[(&str, &str)]) -> Arc<Scenario> {
    let mut text = SMALL.to_string();
    for (from, to) in changes {
        assert!(text.contains(from), "the fixture has `{from}`");
        text = text.replacen(from, to, 1);
    }
    let loaded = load::from_str("small", &text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

const COUNTERMEASURE: (&str, &str) = (
    "hostility: 2, ambiguity: 40, breaches",
    "hostility: 2, ambiguity: 40, legal: Countermeasure, breaches",
);
const NOTICE: (&str, &str) = (
    "cost: 1, hostility: 1, ambiguity: 30)",
    "cost: 1, hostility: 1, ambiguity: 30, legal: Retorsion, notice: true)",
);

fn findings(g: &Game) -> Vec<Ground> {
    g.state()
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::LegalFinding { ground, .. } => Some(ground),
            _ => None,
        })
        .collect()
}

/// Play `actor`'s hack-back against `target` on fresh seeds until it
/// succeeds, after `before` (moves of the first turn), and return the game.
fn hack_back(s: &Arc<Scenario>, actor: &str, target: &str, before: &[(&str, &str, &str)]) -> Game {
    for seed in 0..200 {
        let mut g = Game::new(Arc::clone(s), seed);
        for (who, action, on) in before {
            g.apply(ix(&g, who), &act(action, Some(on))).unwrap();
        }
        commit_all(&mut g);
        g.apply(ix(&g, actor), &act("hackback", Some(target))).unwrap();
        commit_all(&mut g);
        if g.state()
            .taken
            .iter()
            .any(|t| t.1 == g.scenario().action_ix["hackback"])
        {
            return g;
        }
    }
    panic!("the hack-back never succeeded");
}

#[test]
fn a_countermeasure_against_a_state_not_responsible_is_recorded_as_wrongful() {
    let s = variant(&[COUNTERMEASURE, NOTICE]);
    // East is behind the culprit; North did nothing wrong.
    let g = hack_back(&s, "east", "north", &[("east", "protest", "north")]);
    assert_eq!(findings(&g), vec![Ground::NotResponsible]);
    let d = Debrief::new(&g);
    let r = d.responses.iter().find(|r| r.character == "countermeasure").unwrap();
    assert!(!r.lawful);
    assert!(
        r.why.contains("not responsible") && r.why.contains("Art. 49"),
        "{}",
        r.why
    );
    let summons = d.responses.iter().find(|r| r.character == "retorsion").unwrap();
    assert!(summons.lawful && summons.why.contains("lawful"), "{summons:?}");
}

#[test]
fn a_countermeasure_is_lawful_only_after_a_call_to_stop() {
    let s = variant(&[COUNTERMEASURE, NOTICE]);
    let without = hack_back(&s, "north", "east", &[]);
    assert_eq!(findings(&without), vec![Ground::NoNotice]);
    let with = hack_back(&s, "north", "east", &[("north", "protest", "east")]);
    assert_eq!(findings(&with), vec![Ground::Justified]);
    let d = Debrief::new(&with);
    assert!(d.responses.iter().any(|r| r.lawful && r.why.contains("Arts. 49–53")));
}

#[test]
fn a_countermeasure_that_pushes_too_far_or_cannot_be_undone_is_wrongful() {
    let big = variant(&[
        COUNTERMEASURE,
        NOTICE,
        ("hostility: 2, ambiguity: 40", "hostility: 3, ambiguity: 40"),
    ]);
    let g = hack_back(&big, "north", "east", &[("north", "protest", "east")]);
    assert_eq!(findings(&g), vec![Ground::Disproportionate]);
    let lasting = variant(&[
        COUNTERMEASURE,
        NOTICE,
        ("legal: Countermeasure,", "legal: Countermeasure, reversible: false,"),
    ]);
    let g = hack_back(&lasting, "north", "east", &[("north", "protest", "east")]);
    assert_eq!(findings(&g), vec![Ground::Irreversible]);
}

#[test]
fn a_wrongful_response_that_becomes_known_costs_credibility() {
    let s = variant(&[
        COUNTERMEASURE,
        ("visibility: Secret, detection: 50,", "visibility: Public,"),
    ]);
    let g = hack_back(&s, "east", "north", &[]);
    let east = ix(&g, "east");
    let start = g.scenario().file.actors[east].credibility;
    assert_eq!(g.state().actors[east].credibility, start - 8);
}

#[test]
fn consultations_never_drop_a_pair_more_than_one_rung_and_can_fail() {
    let s = variant(&[(
        "trust: 30, tension: 45, rung: \"concern\"",
        "trust: 30, tension: 60, rung: \"retorsion\"",
    )]);
    let (mut eased, mut failed) = (0, 0);
    for seed in 0..100 {
        let mut g = Game::new(Arc::clone(&s), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        let p = g.scenario().pair(north, east);
        let start = g.state().relations[p];
        g.apply(north, &act("consult", Some("east"))).unwrap();
        g.apply(east, &act("consult", Some("north"))).unwrap();
        commit_all(&mut g);
        let now = g.state().relations[p];
        assert!(now.rung + 1 >= start.rung, "seed {seed}: {start:?} -> {now:?}");
        assert!(start.tension - now.tension <= 20, "seed {seed}: {start:?} -> {now:?}");
        for e in &g.state().events {
            match e.kind {
                EventKind::Consulted {
                    outcome: ConsultOutcome::Eased,
                    ..
                } => eased += 1,
                EventKind::Consulted {
                    outcome: ConsultOutcome::Failed,
                    ..
                } => failed += 1,
                _ => {}
            }
        }
    }
    assert!(eased > 10 && failed > 10, "eased {eased}, failed {failed}");
}

#[test]
fn consultations_again_with_nothing_new_bring_nothing() {
    let s = common::small();
    let mut g = Game::new(s, 3);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    // From turn 2, once North's intelligence brief has arrived.
    commit_all(&mut g);
    for _ in 0..2 {
        g.apply(north, &act("consult", Some("east"))).unwrap();
        g.apply(east, &act("consult", Some("north"))).unwrap();
        commit_all(&mut g);
    }
    let outcomes: Vec<ConsultOutcome> = g
        .state()
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Consulted { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[1], ConsultOutcome::NothingNew, "{outcomes:?}");
}

#[test]
fn a_bot_does_not_offer_the_same_talks_again_with_nothing_new_to_say() {
    use demarche::bots::{Bot, Policy};
    use demarche::engine::Move;
    let s = common::small();
    let consult = s.action_ix["consult"];
    // Turn 2, North's brief in: in one game North and East have just
    // consulted, in the other they never have.
    let game = |talked: bool, seed: u64| {
        let mut g = Game::new(Arc::clone(&s), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        commit_all(&mut g);
        if talked {
            g.apply(north, &act("consult", Some("east"))).unwrap();
            g.apply(east, &act("consult", Some("north"))).unwrap();
        }
        commit_all(&mut g);
        (g, north, east)
    };
    let offers = |talked: bool| {
        let mut n = 0;
        for seed in 0..40 {
            let (g, north, east) = game(talked, seed);
            let v = g.perspective(north);
            assert_eq!(v.consultations_bring_nothing_new(east), talked, "seed {seed}");
            for policy in [Policy::Cooperative, Policy::Cautious] {
                let mut moves = Vec::new();
                Bot::new(policy, seed, north).decide(&v, &mut moves);
                n += moves
                    .iter()
                    .filter(|m| matches!(m, Move::Act { action, target: Some(t) } if *action == consult && *t == east))
                    .count();
            }
        }
        n
    };
    assert!(offers(false) > 5, "calm bots offer talks they have not held");
    assert_eq!(offers(true), 0, "nothing has happened since the last talks");
}

#[test]
fn the_culprits_talks_fail_more_once_its_victim_holds_evidence_against_it() {
    let mut g = Game::new(common::small(), 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let before = g.consult_chance(north, east);
    commit_all(&mut g);
    // North receives the intercepted tasking (pointing to East's group).
    commit_all(&mut g);
    assert!(g.state().holds(north, g.scenario().evidence_ix["sigint"]));
    let after = g.consult_chance(north, east);
    assert!(after + 30 <= before, "{before}% -> {after}%");
}

#[test]
fn a_move_never_pushes_a_pair_past_its_rung_cap() {
    let s = variant(&[(
        "cost: 1, hostility: 1, ambiguity: 30)",
        "cost: 1, hostility: 1, ambiguity: 0, max_rung: \"protest\")",
    )]);
    let mut g = Game::new(s, 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let p = g.scenario().pair(north, east);
    for _ in 0..2 {
        g.apply(north, &act("protest", Some("east"))).unwrap();
        commit_all(&mut g);
    }
    assert_eq!(g.state().relations[p].rung, 2, "stops at protest");
}

#[test]
fn behind_responsible_and_who_acts_are_conditions() {
    let s = variant(&[
        (
            "target: Kinds([State]), cost: 1, hostility: 1, ambiguity: 30)",
            "target: Kinds([State, Cert]), requires: Behind(Target, \"turtle\"), cost: 1, hostility: 1, ambiguity: 30)",
        ),
        (
            "by: Actors([\"north\"]), once: true,",
            "by: Kinds([State]), requires: All([Is(Me, \"north\"), IsKind(Me, State), Not(Responsible(Me))]), once: true,",
        ),
    ]);
    let mut g = Game::new(s, 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    assert!(g.apply(north, &act("protest", Some("cert"))).is_err());
    g.apply(north, &act("protest", Some("east"))).unwrap();
    g.apply(north, &Command::Withdraw).unwrap();
    assert!(g.apply(east, &act("directive", None)).is_err());
    g.apply(north, &act("directive", None)).unwrap();
}

#[test]
fn a_claim_by_a_state_differs_from_a_vendors_and_evidence_can_go_to_everyone() {
    let s = variant(&[
        (
            "Ending(id: \"war\", title: \"Conflict\", when: AnyRungAtLeast(\"conflict\")",
            "Ending(id: \"war\", title: \"Conflict\", when: Any([AnyRungAtLeast(\"conflict\"), AnyTensionAtLeast(101)])",
        ),
        (
            "Ending(id: \"fixed\", title: \"Registry restored\", when: All([TrackAtLeast(\"dns\", 90), CorrectlyAttributed])",
            "Ending(id: \"fixed\", title: \"Registry restored\", when: AttributedByKind(State, \"crooks\")",
        ),
        (
            "effects: [Track(\"pressure\", 10)]),",
            "effects: [Track(\"pressure\", 10), Reveal(\"certs\", Everyone)]),",
        ),
    ]);
    let mut g = Game::new(s, 1);
    let certs = g.scenario().evidence_ix["certs"];
    assert!((0..4).all(|a| g.state().holds(a, certs)), "every actor holds it");
    let vendor = ix(&g, "vendor");
    let claim = Command::Attribute {
        suspect: "crooks".into(),
        confidence: Confidence::Low,
        layer: None,
    };
    g.apply(vendor, &claim).unwrap();
    commit_all(&mut g);
    assert!(!g.is_over(), "a vendor's claim is not a state's");
    g.apply(ix(&g, "north"), &claim).unwrap();
    commit_all(&mut g);
    assert!(g.is_over(), "a state named the suspect");
}
