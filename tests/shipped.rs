//! Every shipped scenario validates cleanly, plays to an ending with every
//! bot policy, and in 1000 mixed bot games reaches every ending at least
//! once with none taking more than 80% of games.

use std::sync::Arc;

use demarche::bots::{self, Policy};
use demarche::scenario::load;
use demarche::shipped;
use demarche::simulate;

#[test]
fn shipped_scenarios_are_sound_and_balanced() {
    assert!(shipped::ALL.len() >= 3);
    assert_eq!(shipped::ALL[0].name, "tutorial", "the tutorial comes first");
    for s in shipped::ALL {
        let loaded = load::from_str(s.name, s.source);
        assert!(loaded.diagnostics.is_empty(), "{}: {:?}", s.name, loaded.diagnostics);
        let scenario = Arc::new(loaded.scenario.expect("loads"));
        for p in Policy::ALL {
            let g = bots::play(Arc::clone(&scenario), 11, &[p], None);
            assert!(g.is_over(), "{} with {p} bots ends", s.name);
        }
        if s.name == "tutorial" {
            assert!(
                scenario.file.turns <= 6 && scenario.actor_count() <= 4,
                "the tutorial stays short"
            );
            continue;
        }
        let f = &scenario.file;
        assert!(
            f.actors.len() >= 6 && f.turns >= 10 && f.injects.len() >= 10 && f.endings.len() >= 3,
            "{}",
            s.name
        );
        assert!(f.evidence.iter().any(|e| !e.genuine), "{} has a false flag", s.name);
        let kinds: std::collections::BTreeSet<_> = f.actors.iter().map(|a| a.kind).collect();
        assert!(kinds.len() >= 3, "{} mixes states, companies and CERTs", s.name);
        let t = simulate::run(&scenario, 1000, 1, &[], 2);
        for (e, n) in f.endings.iter().zip(&t.endings) {
            assert!(*n >= 1, "{}: ending {} never reached", s.name, e.id);
            assert!(*n <= 800, "{}: ending {} in {n} of 1000 games", s.name, e.id);
        }
    }
}

/// The facts the shipped scenarios state are the documented ones
/// (domain notes: OSCE decisions, EU sanctions, US courts, Budapest), and
/// each suggested timing adds up.
#[test]
fn shipped_scenarios_state_the_facts_right_and_their_timing_adds_up() {
    for s in shipped::ALL {
        let f = load::from_str(s.name, s.source).scenario.expect("loads").file;
        let mut texts: Vec<&str> = f
            .sources
            .iter()
            .chain(&f.facilitator_notes)
            .map(String::as_str)
            .collect();
        texts.extend(f.actions.iter().map(|a| a.description.as_str()));
        for t in &texts {
            assert!(
                !t.contains("1202 (2016): CBM 10"),
                "{}: CBM 10 is in Decision 1106: {t}",
                s.name
            );
            assert!(
                !t.contains("(OSCE CBM 10)"),
                "{}: CBM 10 is a notification network, not a hotline: {t}",
                s.name
            );
            if t.contains("2020/1127") {
                assert!(!t.contains("Olympic Destroyer"), "{}: {t}", s.name);
                for case in ["OPCW", "WannaCry", "NotPetya", "Cloud Hopper"] {
                    assert!(t.contains(case), "{}: the first EU listings covered {case}", s.name);
                }
            }
            assert!(
                !t.contains("WannaCry (2018)"),
                "{}: 2018 was a complaint, 2021 the indictment: {t}",
                s.name
            );
        }
        if f.actions.iter().any(|a| a.description.contains("24/7 network")) {
            assert!(
                f.actions.iter().any(|a| a.description.contains("Counterfactual"))
                    && f.facilitator_notes.iter().any(|n| n.contains("Counterfactual")),
                "{}: the Budapest 24/7 network with a non-party is flagged",
                s.name
            );
        }
        // "Suggested timing: 10 minutes briefing, 7 minutes per turn, 25
        // minutes hot wash: 112 minutes in all".
        let timing = f
            .facilitator_notes
            .iter()
            .find(|n| n.starts_with("Suggested timing"))
            .expect("a suggested timing");
        let numbers: Vec<u32> = timing
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse().ok())
            .collect();
        let [brief, per_turn, wash, total] = numbers[..] else {
            panic!("{}: {timing}", s.name)
        };
        assert_eq!(brief + per_turn * f.turns + wash, total, "{}: {timing}", s.name);
        assert!(total <= 120, "{}: play fits in two hours", s.name);
    }
}

/// The large scenarios let a government ask another through the point of
/// contact in force from the start (OSCE CBM 8), not one it has no channel
/// with, and the asked side's bot answers whatever its policy.
#[test]
fn governments_can_ask_each_other_through_a_point_of_contact() {
    use demarche::bots::Bot;
    use demarche::engine::{Command, Game};
    let ask = |to: &str| Command::Act {
        action: "ask_point_of_contact".into(),
        target: Some(to.into()),
    };
    for (name, no_channel) in [("hospital-ransomware", "valdoria"), ("baltic-cable", "kestria")] {
        let s = shipped::find(name).expect("shipped");
        let scenario = Arc::new(load::from_str(name, s.source).scenario.expect("loads"));
        let mut g = Game::new(Arc::clone(&scenario), 5);
        let (north, east) = (scenario.actor_ix["northland"], scenario.actor_ix["eastmark"]);
        assert!(
            g.apply(north, &ask(no_channel)).is_err(),
            "{name}: no channel with {no_channel}"
        );
        g.apply(north, &ask("eastmark"))
            .expect("a point of contact from the start");
        for a in g.waiting_for() {
            g.apply(a, &Command::Commit).expect("commit");
        }
        assert_eq!(g.requests().len(), 1, "{name}");
        for policy in Policy::ALL {
            let mut h = g.clone();
            for c in Bot::new(policy, 5, east).choose(&h.perspective(east)) {
                let _ = h.apply(east, &c);
            }
            assert!(h.requests()[0].answer.is_some(), "{name}: a {policy} Eastmark answers");
        }
    }
}
