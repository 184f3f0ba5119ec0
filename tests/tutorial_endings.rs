//! Every ending of the tutorial says only what is true of the game that
//! reaches it: games played by bots and by script are checked against
//! their own record (public statements, the availability track, the
//! ladder), never against the ending's condition.

use std::collections::BTreeSet;
use std::sync::Arc;

use demarche::bots::{self, Policy};
use demarche::engine::rules::attribution;
use demarche::engine::{Command, Game};
use demarche::scenario::{load, Scenario};
use demarche::shipped;

fn tutorial() -> Arc<Scenario> {
    let s = &shipped::ALL[0];
    assert_eq!(s.name, "tutorial");
    Arc::new(load::from_str(s.name, s.source).scenario.expect("the tutorial loads"))
}

/// What the record says about a finished game.
#[derive(Debug)]
struct Facts {
    /// Availability is at 75% or more.
    restored: bool,
    /// Standing (not retracted) public statements: (right at its layer,
    /// made after the truth was out, names Eastmark's services).
    standing: Vec<(bool, bool, bool)>,
    /// Some pair reached countermeasures.
    crisis: bool,
}

fn facts(g: &Game) -> Facts {
    let s = g.scenario();
    let st = g.state();
    let availability = s
        .file
        .tracks
        .iter()
        .position(|t| t.id == "availability")
        .expect("track");
    let counter = s
        .file
        .ladder
        .iter()
        .position(|r| r.id == "countermeasures")
        .expect("rung");
    let services = s
        .file
        .suspects
        .iter()
        .position(|x| x.id == "eastmark_services")
        .expect("suspect");
    Facts {
        restored: st.tracks[availability] >= 75,
        standing: st
            .attributions
            .iter()
            .filter(|a| a.retracted.is_none())
            .map(|a| {
                // A game cut short by a crisis may end before the truth is out.
                let right = a.judged.unwrap_or_else(|| attribution::correct(s, a.suspect, a.layer));
                (right, a.after_reveal, a.suspect == services)
            })
            .collect(),
        crisis: st.relations.iter().any(|r| r.rung >= counter),
    }
}

/// Whether the text of the ending `id` is true of a game with these facts.
fn text_is_true(id: &str, f: &Facts) -> bool {
    let wrong = f.standing.iter().any(|s| !s.0);
    let right_early = f.standing.iter().any(|s| s.0 && !s.1);
    let right_late = f.standing.iter().any(|s| s.0 && s.1);
    let services_named = f.standing.iter().any(|s| s.2);
    match id {
        "crisis" => f.crisis,
        "wrong_accusation" => wrong && services_named,
        "resolved" => f.restored && right_early && !wrong,
        "wrong_party" => wrong,
        "named_not_restored" => !f.restored && right_early,
        "named_late_restored" => f.restored && right_late && !right_early && !wrong,
        "named_late" => !f.restored && right_late && !right_early && !wrong,
        "unnamed_restored" => f.restored && f.standing.is_empty(),
        "time" => !f.restored && f.standing.is_empty(),
        other => panic!("an ending this test does not know: {other}"),
    }
}

fn check(g: &Game, how: &str) -> String {
    assert!(g.is_over(), "{how}: the game ends");
    let s = g.scenario();
    let e = g.state().ending.expect("an ending is reached");
    let id = s.file.endings[e].id.clone();
    let f = facts(g);
    assert!(
        text_is_true(&id, &f),
        "{how}: ending \"{}\" says \"{}\", but the record shows {f:?}",
        s.file.endings[e].title,
        s.file.endings[e].text
    );
    id
}

#[test]
fn bot_games_reach_only_endings_that_are_true_of_them() {
    let scenario = tutorial();
    let mut reached = BTreeSet::new();
    for seed in 0..120 {
        for p in Policy::ALL {
            let g = bots::play(Arc::clone(&scenario), seed, &[p], None);
            reached.insert(check(&g, &format!("seed {seed}, {p} bots")));
        }
        let g = bots::play(Arc::clone(&scenario), seed, &Policy::ALL, None);
        reached.insert(check(&g, &format!("seed {seed}, mixed bots")));
    }
    assert!(reached.len() >= 3, "bots reach several endings: {reached:?}");
}

/// Northland says who did it on turn 2 (the volunteers, as a group, or
/// Eastmark's services); everyone else only commits.
fn scripted(suspect: &str, layer: Option<demarche::scenario::schema::Layer>, seed: u64) -> Game {
    let mut g = Game::new(tutorial(), seed);
    let north = g.actor_index("northland").expect("northland");
    while !g.is_over() {
        if g.turn() == 2 {
            let cmd = Command::Attribute {
                suspect: suspect.into(),
                confidence: demarche::scenario::schema::Confidence::Low,
                layer,
            };
            g.apply(north, &cmd).expect("Northland may attribute on turn 2");
        }
        for a in g.waiting_for() {
            g.apply(a, &Command::Commit).expect("commit");
        }
    }
    g
}

#[test]
fn a_game_with_a_public_attribution_never_ends_as_if_nobody_spoke() {
    use demarche::scenario::schema::Layer;
    for seed in 0..4 {
        for (suspect, layer) in [
            ("hacktivists", Some(Layer::Group)),
            ("eastmark_services", Some(Layer::State)),
            ("eastmark_services", Some(Layer::Group)),
            ("eastmark_services", Some(Layer::Technique)),
        ] {
            let g = scripted(suspect, layer, seed);
            let id = check(&g, &format!("seed {seed}: Northland names {suspect} at {layer:?}"));
            assert!(
                !["time", "unnamed_restored"].contains(&id.as_str()),
                "seed {seed}, {suspect}: a statement stands, yet the ending is {id}"
            );
        }
    }
    let silent = scripted_silent();
    assert!(["time", "unnamed_restored", "crisis"].contains(&check(&silent, "nobody speaks").as_str()));
}

fn scripted_silent() -> Game {
    let mut g = Game::new(tutorial(), 1);
    while !g.is_over() {
        for a in g.waiting_for() {
            g.apply(a, &Command::Commit).expect("commit");
        }
    }
    g
}
