//! An investigative move that turns up nothing new says so in the
//! resolution, instead of passing in silence.

use std::sync::Arc;

use demarche::engine::{Command, EventKind, Game, Outcome};
use demarche::scenario::load;
use demarche::shipped;

fn tutorial() -> Arc<demarche::scenario::Scenario> {
    let s = &shipped::ALL[0];
    Arc::new(load::from_str(s.name, s.source).scenario.expect("the tutorial loads"))
}

fn act(g: &mut Game, actor: usize, action: &str) {
    let cmd = Command::Act {
        action: action.into(),
        target: None,
    };
    g.apply(actor, &cmd).expect("the move is allowed");
}

/// Play turn 1 with Northland asking its intelligence service (whose answer
/// is only available from turn 2); return the game once the move succeeded.
fn asked_on_turn_one() -> (Game, usize) {
    let scenario = tutorial();
    for seed in 0..64 {
        let mut g = Game::new(Arc::clone(&scenario), seed);
        let north = g.actor_index("northland").expect("northland");
        act(&mut g, north, "request_intelligence");
        for a in g.waiting_for() {
            g.apply(a, &Command::Commit).expect("commit");
        }
        let succeeded =
            g.state().events.iter().any(
                |e| matches!(e.kind, EventKind::Moved { actor, outcome: Outcome::Succeeded, .. } if actor == north),
            );
        if succeeded {
            return (g, north);
        }
    }
    panic!("no seed in 0..64 lets the request succeed");
}

#[test]
fn an_investigation_that_finds_nothing_says_so_to_its_actor_only() {
    let (g, north) = asked_on_turn_one();
    let feed = g.view(north).feed;
    let item = feed
        .iter()
        .find(|i| i.headline.contains("nothing new found this turn"))
        .unwrap_or_else(|| panic!("the feed says the request found nothing: {feed:#?}"));
    assert_eq!(
        item.headline,
        "Northland: Ask the intelligence service, nothing new found this turn"
    );
    assert!(item.text.contains("later turn"), "{}", item.text);
    let east = g.actor_index("eastmark").expect("eastmark");
    assert!(
        !g.view(east).feed.iter().any(|i| i.headline.contains("nothing new")),
        "the finding is private"
    );
}

#[test]
fn an_investigation_that_finds_something_does_not_say_nothing() {
    let scenario = tutorial();
    let mut said_found = false;
    for seed in 0..64 {
        let mut g = Game::new(Arc::clone(&scenario), seed);
        let north = g.actor_index("northland").expect("northland");
        for _ in 0..2 {
            act(&mut g, north, "request_intelligence");
            for a in g.waiting_for() {
                g.apply(a, &Command::Commit).expect("commit");
            }
        }
        let feed = g.view(north).feed;
        let found = feed
            .iter()
            .any(|i| i.turn == 2 && i.headline.contains("obtains evidence"));
        let nothing = feed.iter().any(|i| i.turn == 2 && i.headline.contains("nothing new"));
        assert!(!(found && nothing), "seed {seed}: both found and nothing found");
        said_found |= found;
    }
    assert!(said_found, "some seed finds the intelligence on turn 2");
}
