//! Properties that hold for any game: determinism, no leaks in views,
//! bounds, and replay.

mod common;

use std::sync::Arc;

use common::small;
use demarche::bots::{self, Policy};
use demarche::engine::{Command, EventKind, Game, GameLog, ProposalRef, Reply, Terms};
use demarche::scenario::schema::{Confidence, Layer};
use demarche::scenario::Scenario;
use proptest::prelude::*;

/// Every command an actor might send, valid or not, from a choice number.
/// `n` numbers the move, so no two letters carry the same text and the leak
/// check cannot mistake an actor's own letter for someone else's.
fn command_for(s: &Scenario, n: usize, choice: (u8, u8, u8)) -> Command {
    let f = &s.file;
    let (k, x, y) = (choice.0 % 16, usize::from(choice.1), usize::from(choice.2));
    let layer = [None, Some(Layer::Technique), Some(Layer::Group), Some(Layer::State)][y % 4];
    match k {
        0 | 1 => Command::Act {
            action: f.actions[x % f.actions.len()].id.clone(),
            target: (y % 3 != 0).then(|| f.actors[y % f.actors.len()].id.clone()),
        },
        2 => Command::Attribute {
            suspect: f.suspects[x % f.suspects.len()].id.clone(),
            confidence: [Confidence::Low, Confidence::Moderate, Confidence::High][y % 3],
            layer,
        },
        7 => Command::Propose {
            suspect: f.suspects[x % f.suspects.len()].id.clone(),
            confidence: [Confidence::Low, Confidence::Moderate, Confidence::High][y % 3],
            layer,
        },
        8 => Command::Sign { proposal: x % 4 },
        9 => Command::Decline { proposal: y % 4 },
        10 => Command::Retract { statement: x % 6 },
        11 if y % 2 == 0 => Command::Refine {
            statement: x % 6,
            confidence: [Confidence::Low, Confidence::Moderate, Confidence::High][y % 3],
            layer,
        },
        11 => Command::Tearline {
            evidence: f.evidence[x % f.evidence.len()].id.clone(),
        },
        3 => Command::Share {
            evidence: f.evidence[x % f.evidence.len()].id.clone(),
            with: vec![f.actors[y % f.actors.len()].id.clone()],
        },
        4 => Command::Publish {
            evidence: f.evidence[x % f.evidence.len()].id.clone(),
        },
        5 => Command::Withdraw,
        12 => Command::Message {
            to: if y % 4 != 0 {
                vec![f.actors[y % f.actors.len()].id.clone()]
            } else {
                Vec::new()
            },
            text: format!("press note {n}: {x} for {y}."),
        },
        13 => Command::Offer {
            to: f.actors[y % f.actors.len()].id.clone(),
            terms: if x % 2 == 0 {
                Terms::Restraint {
                    turns: 1 + x as u32 % 3,
                }
            } else {
                Terms::Assistance
            },
            text: format!("deal note {n}: {x} for {y}."),
        },
        14 => Command::Answer {
            proposal: ProposalRef::Deal(x % 3),
            accept: y % 2 == 0,
            text: format!("answer note {n}: {x}."),
            because: None,
        },
        15 => Command::Reply {
            request: x % 3,
            reply: match y % 4 {
                0 => Reply::Evidence {
                    evidence: f.evidence[x % f.evidence.len()].id.clone(),
                },
                1 => Reply::Prepared,
                2 => Reply::Explain {
                    text: format!("explanation {x} for {y}."),
                },
                _ => Reply::Decline,
            },
        },
        _ => Command::Commit,
    }
}

/// small.ron with questions through a channel (see the fixture).
fn asking() -> Arc<Scenario> {
    let loaded = demarche::scenario::load::from_str("asking", include_str!("fixtures/asking.ron"));
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("asking.ron loads"))
}

fn check_bounds(g: &Game) {
    let s = g.scenario();
    let st = g.state();
    for r in &st.relations {
        assert!((0..=100).contains(&r.trust) && (0..=100).contains(&r.tension), "{r:?}");
        assert!(r.rung < s.rung_count());
    }
    for (v, t) in st.tracks.iter().zip(&s.file.tracks) {
        assert!((t.min..=t.max).contains(v), "{} = {v}", t.id);
    }
    for a in &st.actors {
        assert!((0..=100).contains(&a.credibility));
        assert!(a.resources >= 0);
    }
}

/// Nothing in `actor`'s view belongs to another actor's secrets.
fn check_no_leak(g: &Game, actor: usize) {
    let s = g.scenario();
    let v = g.view(actor);
    let json = serde_json::to_string(&v).unwrap();
    for (i, a) in s.file.actors.iter().enumerate() {
        if i != actor {
            for secret in &a.secret_objectives {
                assert!(
                    !json.contains(secret.text.as_str()),
                    "{} sees {}'s objective",
                    v.actor,
                    a.id
                );
            }
        }
    }
    for (i, e) in s.file.evidence.iter().enumerate() {
        let held = g.state().holds(actor, i);
        assert_eq!(v.evidence.iter().any(|h| h.id == e.id), held);
        // An actor's own prepared answer to a question is its to know.
        let own_answer = e.answered_by.as_deref() == Some(s.file.actors[actor].id.as_str());
        if !held && !own_answer {
            assert!(
                !json.contains(e.title.as_str()),
                "{} sees the title of {}",
                v.actor,
                e.id
            );
            assert!(!json.contains(e.text.as_str()), "{} sees the text of {}", v.actor, e.id);
        }
    }
    assert!(!json.contains("genuine"), "views never say which evidence is genuine");
    // Questions through a channel and their answers reach the two actors
    // and no one else.
    for (n, q) in g.requests().iter().enumerate() {
        let party = q.by == actor || q.to == actor;
        assert_eq!(
            v.press.requests.iter().any(|r| r.number == n),
            party,
            "{} and question {n}",
            v.actor
        );
    }
    for e in &g.state().events {
        if let EventKind::Asked { by, to, .. } | EventKind::Replied { by, to, .. } = &e.kind {
            assert_eq!(
                e.visible_to(actor),
                *by == actor || *to == actor,
                "{} and {:?}",
                v.actor,
                e.kind
            );
            if let EventKind::Replied { text, .. } = &e.kind {
                if !e.visible_to(actor) && !text.is_empty() {
                    assert!(!json.contains(text.as_str()), "{} reads another's answer", v.actor);
                }
            }
        }
    }
    // Messages reach their writer and recipients, and no one else.
    for e in &g.state().events {
        if let EventKind::Said { from, to, text, .. } = &e.kind {
            let meant = to.is_empty() || *from == actor || to.contains(&actor);
            assert_eq!(e.visible_to(actor), meant, "{} and {:?}", v.actor, e.kind);
            if !meant {
                assert!(
                    !json.contains(text.as_str()),
                    "{} reads a message to others: {text}",
                    v.actor
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn same_seed_and_commands_give_the_same_hash_and_refusals_change_nothing(
        seed in any::<u64>(),
        moves in proptest::collection::vec((0usize..4, any::<(u8, u8, u8)>()), 0..120),
    ) {
        // small.ron and questions through a channel, asked and answered.
        let s = asking();
        let mut a = Game::new(Arc::clone(&s), seed);
        let mut b = Game::new(Arc::clone(&s), seed);
        let mut log = GameLog::new(&a);
        for (n, (actor, choice)) in moves.into_iter().enumerate() {
            let c = command_for(&s, n, choice);
            let before = a.state_hash();
            let ra = a.apply(actor, &c);
            let rb = b.apply(actor, &c);
            prop_assert_eq!(&ra, &rb);
            match ra {
                Ok(_) => log.record(&a, actor, &c),
                Err(_) => prop_assert_eq!(before, a.state_hash(), "a refused command changed the state"),
            }
            check_bounds(&a);
            for x in 0..s.actor_count() {
                check_no_leak(&a, x);
            }
        }
        prop_assert_eq!(a.state_hash(), b.state_hash());
        let replayed = log.replay().unwrap();
        prop_assert_eq!(replayed.state_hash(), a.state_hash());
    }

    #[test]
    fn any_bot_game_replays_to_its_hash(seed in any::<u64>(), policy in 0usize..4) {
        let s = asking();
        let policies: Vec<Policy> = if policy == 3 { Vec::new() } else { vec![Policy::ALL[policy]] };
        let mut log = GameLog::new(&Game::new(Arc::clone(&s), seed));
        let g = bots::play(Arc::clone(&s), seed, &policies, Some(&mut log));
        prop_assert!(g.is_over());
        check_bounds(&g);
        for x in 0..s.actor_count() {
            check_no_leak(&g, x);
        }
        let replayed = log.replay().unwrap();
        prop_assert_eq!(replayed.state_hash(), g.state_hash());
        let again = bots::play(Arc::clone(&s), seed, &policies, None);
        prop_assert_eq!(again.state_hash(), g.state_hash());
    }
}

#[test]
fn the_state_and_the_log_round_trip_through_serde() {
    let s = small();
    let mut log = GameLog::new(&Game::new(Arc::clone(&s), 9));
    let g = bots::play(Arc::clone(&s), 9, &[], Some(&mut log));
    let json = serde_json::to_string(g.state()).unwrap();
    let back: demarche::engine::State = serde_json::from_str(&json).unwrap();
    assert_eq!(Game::from_state(Arc::clone(&s), back).state_hash(), g.state_hash());
    let text = serde_json::to_string(&log).unwrap();
    let log2: GameLog = serde_json::from_str(&text).unwrap();
    assert_eq!(log2, log);
}

#[test]
fn bots_of_every_policy_finish_and_differ() {
    let s = small();
    let mut rungs = Vec::new();
    for p in Policy::ALL {
        let mut total = 0;
        for seed in 0..50 {
            let g = bots::play(Arc::clone(&s), seed, &[p], None);
            assert!(g.is_over());
            total += g.state().rung_history.iter().flatten().map(|&r| r as u32).sum::<u32>();
        }
        rungs.push(total);
    }
    // Hawks climb the ladder more than cooperative bots.
    assert!(rungs[1] > rungs[0], "cooperative {} vs hawkish {}", rungs[0], rungs[1]);
}

#[test]
fn games_at_a_table_are_the_games_played_alone() {
    let baltic = demarche::shipped::find("baltic-cable").expect("shipped");
    let loaded = demarche::scenario::load::from_str(baltic.name, baltic.source);
    for s in [small(), Arc::new(loaded.scenario.expect("loads"))] {
        // One table for many games, policies changing between them.
        let mut table = bots::Table::new(Arc::clone(&s));
        for seed in 0..40u64 {
            let policies: Vec<Policy> = match seed % 4 {
                3 => Vec::new(),
                p => vec![Policy::ALL[p as usize]],
            };
            let alone = bots::play(Arc::clone(&s), seed, &policies, None);
            let at_table = table.play(seed, &policies, None);
            assert_eq!(at_table.state_hash(), alone.state_hash(), "seed {seed}");
        }
    }
}
