//! Escalation through misperception beyond the pair, ladders per kind of
//! relation, channels in force from the start, and what `simulate`
//! reports about them, tested through the public interface.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix, SMALL};
use demarche::bots::Policy;
use demarche::engine::{EventKind, Game};
use demarche::scenario::{load, Scenario};
use demarche::simulate::{self, Summary};

fn shipped(name: &str) -> Arc<Scenario> {
    let s = demarche::shipped::find(name).expect("shipped");
    from_text(s.source)
}

fn from_text(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("test", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

fn misread_by(g: &Game, who: usize) -> usize {
    g.state()
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Misread { target, .. } if target == who))
        .count()
}

#[test]
fn a_third_party_may_misread_a_move_aimed_at_someone_else() {
    let s = shipped("hospital-ransomware");
    let mut third = 0;
    for seed in 0..300 {
        let mut g = Game::new(Arc::clone(&s), seed);
        g.apply(ix(&g, "northland"), &act("summon_ambassador", Some("valdoria")))
            .unwrap();
        commit_all(&mut g);
        third += misread_by(&g, ix(&g, "eastmark"));
    }
    assert!(
        third > 0,
        "Eastmark never read a summons of Valdoria as aimed at itself"
    );
}

#[test]
fn a_secret_move_with_no_target_can_come_to_light_and_be_misread() {
    let s = shipped("hospital-ransomware");
    let (mut exposed, mut misread) = (0, 0);
    for seed in 0..300 {
        let mut g = Game::new(Arc::clone(&s), seed);
        let north = ix(&g, "northland");
        g.apply(north, &act("request_intelligence", None)).unwrap();
        commit_all(&mut g);
        for e in &g.state().events {
            match e.kind {
                EventKind::Exposed { actor, .. } if actor == north => {
                    assert!(e.public, "everyone learns of it");
                    exposed += 1;
                }
                EventKind::Misread { actor, .. } if actor == north => misread += 1,
                _ => {}
            }
        }
    }
    assert!(exposed > 10 && misread > 0, "exposed {exposed}, misread {misread}");
}

#[test]
fn tension_between_others_raises_everyones_alertness() {
    let s = shipped("hospital-ransomware");
    let mut g = Game::new(s, 1);
    let (north, east, val) = (ix(&g, "northland"), ix(&g, "eastmark"), ix(&g, "valdoria"));
    assert_eq!(g.alertness(north, val), 100);
    let calm = g.misread_chance(north, val, 50);
    for _ in 0..3 {
        g.apply(north, &act("summon_ambassador", Some("eastmark"))).unwrap();
        commit_all(&mut g);
    }
    assert!(g.state().relations[g.scenario().pair(north, east)].tension >= 60);
    assert!(g.alertness(north, val) > 100);
    assert!(
        g.misread_chance(north, val, 50) > calm,
        "a tense neighbourhood misreads more"
    );
}

#[test]
fn a_company_and_a_state_do_not_climb_the_ladder_together_unless_the_scenario_says_so() {
    let text = SMALL.replacen(
        "by: Kinds([State]), target: Kinds([State]), cost: 1, hostility: 1, ambiguity: 30)",
        "by: Kinds([State]), target: Kinds([State, Company]), cost: 1, hostility: 1, ambiguity: 30)",
        1,
    );
    let climb = |text: &str| {
        let mut g = Game::new(from_text(text), 1);
        let (north, vendor) = (ix(&g, "north"), ix(&g, "vendor"));
        let p = g.scenario().pair(north, vendor);
        let before = g.state().relations[p];
        g.apply(north, &act("protest", Some("vendor"))).unwrap();
        commit_all(&mut g);
        let after = g.state().relations[p];
        assert!(after.tension > before.tension, "tension still rises");
        after.rung > before.rung
    };
    assert!(!climb(&text), "no ladder between a state and a company by default");
    let own = text.replacen(
        "    relations: [",
        "    ladder_between: [(State, State), (State, Company)],\n    relations: [",
        1,
    );
    assert!(climb(&own), "the scenario gave them a ladder");
}

#[test]
fn a_relation_can_start_with_a_channel_in_force() {
    let s = shipped("hospital-ransomware");
    let g = Game::new(s, 1);
    let v = g.view(ix(&g, "northland"));
    let east = v.relations.iter().find(|r| r.with == "eastmark").unwrap();
    assert_eq!(east.channels, vec![demarche::scenario::schema::CbmKind::PointOfContact]);
    let bad = SMALL.replacen(
        "rung: \"cooperation\"),\n    relations",
        "rung: \"cooperation\", channels: [Consultations]),\n    relations",
        1,
    );
    let loaded = load::from_str("bad", &bad);
    assert!(loaded.errors() > 0, "consultations are never a standing channel");
}

#[test]
fn cautious_and_cooperative_bots_still_misread_and_channels_prevent_it() {
    let with = shipped("hospital-ransomware");
    let source = demarche::shipped::find("hospital-ransomware").unwrap().source;
    let without = from_text(&source.replace(", channels: [PointOfContact]", ""));
    for policy in [Policy::Cautious, Policy::Cooperative] {
        let a = simulate::run(&with, 1500, 5, &[policy], 1);
        let b = simulate::run(&without, 1500, 5, &[policy], 1);
        assert!(a.misreadings > 0, "{policy}: no misreading at all");
        assert!(a.rises[1] > 0, "{policy}: no rung rise from a misreading");
        assert!(
            a.misreadings < b.misreadings,
            "{policy}: points of contact should prevent misreadings ({} with, {} without)",
            a.misreadings,
            b.misreadings
        );
    }
}

#[test]
fn every_shipped_scenario_has_misreadings_under_calm_bots() {
    for s in demarche::shipped::ALL {
        let scenario = shipped(s.name);
        for policy in [Policy::Cautious, Policy::Cooperative] {
            let t = simulate::run(&scenario, 1500, 8, &[policy], 1);
            assert!(t.misreadings > 0, "{} with {policy} bots: no misreading", s.name);
            assert!(
                t.rises[1] > 0,
                "{} with {policy} bots: no rise from a misreading",
                s.name
            );
        }
    }
}

#[test]
fn simulate_reports_causes_moves_culprit_and_lints() {
    let s = shipped("hospital-ransomware");
    let t = simulate::run(&s, 300, 2, &[], 1);
    let sum = Summary::new(&s, &t, 2, &[], 1.0, 1, 4);
    assert!(sum.largest_one_turn_drop <= 1, "no exchange drops a pair two rungs");
    assert_eq!(sum.rises.len(), 5);
    let c = sum.culprit.as_ref().expect("the culprit has an actor");
    assert_eq!(c.actor, "eastmark");
    assert!(c.covert_actions >= 1);
    assert!(sum.actors.iter().any(|a| !a.moves.is_empty()));
    // An ending that cannot happen is flagged.
    let never = s.file.endings.iter().zip(&t.endings).filter(|(_, &n)| n == 0).count();
    let flagged = sum.lints.iter().filter(|l| l.contains("is never reached")).count();
    assert_eq!(never, flagged, "{:?}", sum.lints);
    // By the title the table of endings shows, with the id of the file:
    // in a handful of games on the small scenario some ending never comes.
    let small = from_text(SMALL);
    let few = simulate::run(&small, 3, 1, &[], 1);
    let lints = simulate::lints(&small, &few, 4);
    let unseen: Vec<String> = small
        .file
        .endings
        .iter()
        .zip(&few.endings)
        .filter(|(_, &n)| n == 0)
        .map(|(e, _)| format!("ending \"{}\" (`{}`) is never reached", e.title, e.id))
        .collect();
    assert!(!unseen.is_empty());
    for line in &unseen {
        assert!(lints.contains(line), "{line}: {lints:?}");
    }
}

#[test]
fn a_misreading_raises_the_misreaders_posture_not_the_movers() {
    // Find a game in which Eastmark misreads Northland's protest.
    for seed in 0..400 {
        let mut g = Game::new(from_text(SMALL), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        let before = (g.perceived_tension(north, east), g.perceived_tension(east, north));
        assert_eq!(before.0, before.1, "both read a new pair alike");
        g.apply(north, &act("protest", Some("east"))).unwrap();
        commit_all(&mut g);
        let misread =
            g.state().events.iter().any(
                |e| matches!(e.kind, EventKind::Misread { actor, target, .. } if actor == north && target == east),
            );
        let (n_view, e_view) = (g.perceived_tension(north, east), g.perceived_tension(east, north));
        if !misread {
            assert_eq!(n_view, e_view, "seed {seed}: no misreading, one view");
            continue;
        }
        assert!(
            e_view > n_view,
            "seed {seed}: Eastmark misread, so it feels more threatened ({e_view} vs {n_view})"
        );
        let shown = |me: usize, other: &str| {
            g.view(me)
                .relations
                .iter()
                .find(|r| r.with == other)
                .expect("relation")
                .tension
        };
        assert_eq!(shown(east, "north"), e_view, "each side's screen shows its own view");
        assert_eq!(shown(north, "east"), n_view);
        return;
    }
    panic!("no misreading in 400 games");
}

#[test]
fn a_move_aimed_at_no_one_says_who_may_misread_it_before_it_is_chosen() {
    let s = shipped("tutorial");
    let g = Game::new(Arc::clone(&s), 1);
    let (north, alert) = (ix(&g, "northland"), s.action_ix["raise_alert"]);
    let lines = g.consequences(north, alert, None);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("% chance Eastmark reads it as aimed at itself")),
        "{lines:?}"
    );
    // A CERT is on no ladder with Northland: nobody else is named.
    assert!(!lines.iter().any(|l| l.contains("NCERT")), "{lines:?}");
}
