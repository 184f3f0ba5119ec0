//! Bots that play their part: the culprit presses on covertly until it is
//! named, nobody repeats one call all game, and governments answer only
//! states their evidence points to.

mod common;

use std::sync::Arc;

use common::small;
use demarche::bots::{self, Policy};
use demarche::engine::EventKind;
use demarche::scenario::schema::Visibility;
use demarche::scenario::{load, Scenario};
use demarche::simulate::{self, Summary};

fn shipped(name: &str) -> Arc<Scenario> {
    let s = demarche::shipped::find(name).expect("shipped");
    let loaded = load::from_str(name, s.source);
    Arc::new(loaded.scenario.expect("loads"))
}

#[test]
fn the_culprit_uses_its_covert_moves_whatever_its_temperament() {
    let s = shipped("hospital-ransomware");
    for policy in Policy::ALL {
        let t = simulate::run(&s, 200, 9, &[policy], 1);
        let sum = Summary::new(&s, &t, 9, &[policy], 1.0, 1, 4);
        let c = sum.culprit.expect("culprit");
        assert!(
            c.games_with_covert_share > 0.2,
            "{policy}: the culprit tried a covert move in only {:.0}% of games",
            c.games_with_covert_share * 100.0
        );
    }
}

#[test]
fn the_culprit_presses_on_unseen_and_lies_low_once_named() {
    use demarche::bots::Bot;
    use demarche::engine::{Command, Game, Move};
    use demarche::scenario::schema::{Confidence, Layer};
    let s = shipped("hospital-ransomware");
    let (east, west) = (s.actor_ix["eastmark"], s.actor_ix["westmark"]);
    let wave = s.action_ix["second_wave"];
    // Turn 3, when a second wave is first open to Eastmark: in one game
    // nobody has spoken, in the other Westmark named GREY LANTERN on turn 2.
    let game = |named: bool, seed: u64| {
        let mut g = Game::new(Arc::clone(&s), seed);
        for turn in 1..=2 {
            if named && turn == 2 {
                let say = Command::Attribute {
                    suspect: "grey_lantern".into(),
                    confidence: Confidence::Low,
                    layer: Some(Layer::Group),
                };
                g.apply(west, &say).expect("Westmark speaks");
            }
            common::commit_all(&mut g);
        }
        g
    };
    let waves = |named: bool| {
        (0..60u64)
            .filter(|&seed| {
                let g = game(named, seed);
                assert_eq!(g.perspective(east).named_publicly(), named);
                let mut moves = Vec::new();
                for policy in Policy::ALL {
                    Bot::new(policy, seed, east).decide(&g.perspective(east), &mut moves);
                    if moves
                        .iter()
                        .any(|m| matches!(m, Move::Act { action, .. } if *action == wave))
                    {
                        return true;
                    }
                }
                false
            })
            .count()
    };
    let (unseen, exposed) = (waves(false), waves(true));
    assert!(unseen >= 20, "a second wave in only {unseen} of 60 games while unseen");
    assert!(
        exposed * 5 <= unseen,
        "{exposed} second waves once named, {unseen} unseen"
    );
}

#[test]
fn intelligence_requests_are_not_counted_as_covert_operations() {
    let s = shipped("hospital-ransomware");
    let t = simulate::run(&s, 1, 1, &[Policy::Cooperative], 1);
    let c = Summary::new(&s, &t, 1, &[Policy::Cooperative], 1.0, 1, 4)
        .culprit
        .expect("culprit");
    // `second_wave` and `hack_back`, not the secret `request_intelligence`.
    assert_eq!(c.covert_actions, 2);
}

#[test]
fn nobody_repeats_one_move_all_game() {
    for name in ["hospital-ransomware", "baltic-cable", "tutorial"] {
        let s = shipped(name);
        let t = simulate::run(&s, 200, 4, &[], 1);
        let sum = Summary::new(&s, &t, 4, &[], 1.0, 1, 4);
        let turns = s.file.turns as f64;
        for a in &sum.actors {
            if let Some(top) = a.moves.first() {
                assert!(
                    top.per_game < turns * 0.5,
                    "{name}: {} takes {} {:.1} times a game",
                    a.actor,
                    top.action,
                    top.per_game
                );
            }
        }
    }
}

#[test]
fn governments_do_not_answer_a_state_they_have_no_evidence_against() {
    // In the small scenario nobody holds evidence against Eastmark before
    // turn 2, and nothing points at Northland at all.
    let s = small();
    for seed in 0..60 {
        let g = bots::play(Arc::clone(&s), seed, &[Policy::Hawkish], None);
        for e in &g.state().events {
            if let EventKind::Moved {
                actor,
                action,
                target: Some(target),
                ..
            } = e.kind
            {
                // The culprit's own covert attacks are not answers.
                let ca = &g.scenario().actions[action];
                let hostile = ca.hostility > 0 && ca.visibility != Visibility::Secret;
                let north = g.actor_index("north").unwrap();
                if hostile && g.scenario().file.actors[actor].id == "east" {
                    assert_ne!(target, north, "seed {seed}: East answered a state it has nothing on");
                }
                if hostile && e.turn == 1 {
                    panic!("seed {seed}: a hostile answer on turn 1, before any evidence");
                }
            }
        }
    }
}

#[test]
fn a_seat_can_be_played_from_a_script() {
    use demarche::bots::{Script, Seat};
    let s = shipped("hospital-ransomware");
    let text = "act summon_ambassador eastmark\npass\n# turn 3: two orders, one too many\nact private_demarche eastmark; attribute grey_lantern high\n";
    let script = Script::parse(text, &s).unwrap();
    let seat = Seat {
        actor: s.actor_ix["northland"],
        script,
    };
    let t = simulate::run_seated(&s, 50, 1, &[Policy::Cautious], 1, Some(&seat));
    let k = seat.actor * s.actions.len() + s.action_ix["summon_ambassador"];
    assert_eq!(t.moves[k], 50, "Northland summoned Eastmark once in every game");
    assert!(t.script_refused >= 40, "one order a turn: the statement is refused");
    let err = Script::parse("pass\nact nothing", &s).unwrap_err();
    assert!(
        err.contains("line 2") && err.contains("unknown action `nothing`"),
        "{err}"
    );
}

#[test]
fn bots_issue_tearlines_of_restricted_items_that_would_help_others_and_share_them() {
    let s = shipped("hospital-ransomware");
    let (mut issued, mut shared) = (0, 0);
    for seed in 0..60 {
        let g = bots::play(Arc::clone(&s), seed, &[Policy::Cooperative], None);
        let mut torn = Vec::new();
        for e in &g.state().events {
            match &e.kind {
                EventKind::TearlineIssued { actor, tearline, .. } => {
                    issued += 1;
                    torn.push((*actor, *tearline));
                }
                EventKind::EvidenceShared { from, evidence, .. } if torn.contains(&(*from, *evidence)) => shared += 1,
                _ => {}
            }
        }
    }
    assert!(issued > 0, "no bot ever issued a tearline");
    assert!(shared > 0, "no tearline was ever passed on");
}

#[test]
fn companies_name_groups_like_vendors_and_never_hold_a_state_responsible() {
    use demarche::scenario::schema::{ActorKind, Layer};
    let s = shipped("hospital-ransomware");
    let mut named = 0;
    for seed in 0..80 {
        let g = bots::play(Arc::clone(&s), seed, &[], None);
        for e in &g.state().events {
            if let EventKind::Attributed { actor, layer, .. } = e.kind {
                if s.file.actors[actor].kind == ActorKind::Company {
                    assert_ne!(layer, Layer::State, "seed {seed}: a company held a state responsible");
                    named += 1;
                }
            }
        }
    }
    assert!(named > 0, "no company ever published");
}

#[test]
fn calm_play_does_not_end_the_tutorial_the_same_way_every_time() {
    let s = shipped("tutorial");
    for policy in [Policy::Cooperative, Policy::Cautious] {
        let t = simulate::run(&s, 600, 3, &[policy], 1);
        for (e, &n) in s.file.endings.iter().zip(&t.endings) {
            assert!(
                n as f64 / t.games as f64 <= 0.8,
                "{policy}: `{}` ends {n} of {} games",
                e.id,
                t.games
            );
        }
    }
}
