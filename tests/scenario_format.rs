//! Format gaps trainers hit: tracks that drift by themselves, every few
//! turns or while a condition holds, and effects of naming one suspect in
//! particular; with errors at their place in the file and old scenarios
//! loading unchanged.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix, SMALL};
use demarche::engine::{Command, Game};
use demarche::scenario::schema::{Confidence, Layer};
use demarche::scenario::{load, Scenario};

fn from(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("t", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

fn track(g: &Game, id: &str) -> i32 {
    let i = g.scenario().file.tracks.iter().position(|t| t.id == id).expect("track");
    g.state().tracks[i]
}

const PRESSURE: &str =
    r#"Track(id: "pressure", name: "Public pressure", min: 0, max: 100, start: 30, higher_is: Worse)"#;

#[test]
fn a_track_drifts_every_n_turns_and_while_a_condition_holds() {
    let text = SMALL.replacen(
        PRESSURE,
        r#"Track(id: "pressure", name: "Public pressure", min: 0, max: 100, start: 30, higher_is: Worse,
              drift: [Drift(by: 4, every: 2, from: 2), Drift(by: -7, when: Flag("emergency"))])"#,
        1,
    );
    let mut g = Game::new(from(&text), 1);
    let north = ix(&g, "north");
    // Turn 1: the start inject adds 10; no drift is due (from turn 2).
    commit_all(&mut g);
    assert_eq!(track(&g, "pressure"), 40);
    // Turn 2: +4 at its end.
    commit_all(&mut g);
    assert_eq!(track(&g, "pressure"), 44);
    // Turn 3: the directive sets the flag; the second drift runs while it holds.
    g.apply(north, &act("directive", None)).expect("directive");
    commit_all(&mut g);
    assert_eq!(track(&g, "pressure"), 37);
    // Turn 4: both: +4 - 7.
    commit_all(&mut g);
    assert_eq!(track(&g, "pressure"), 34);
}

#[test]
fn old_tracks_do_not_drift_and_bad_drifts_are_placed() {
    let mut g = Game::new(from(SMALL), 1);
    commit_all(&mut g);
    commit_all(&mut g);
    assert_eq!(track(&g, "pressure"), 40, "no drift without one written");
    let bad = SMALL.replacen(
        PRESSURE,
        r#"Track(id: "pressure", name: "Public pressure", min: 0, max: 100, start: 30, higher_is: Worse,
              drift: [Drift(by: 4, every: 0), Drift(by: 1, when: Flag("nonesuch"))])"#,
        1,
    );
    let loaded = load::from_str("bad", &bad);
    assert_eq!(loaded.errors(), 2, "{:?}", loaded.diagnostics);
    for d in &loaded.diagnostics {
        let span = d.span.clone().expect("placed");
        let line = bad[..span.start].lines().count();
        assert_eq!(line, 33, "{} at line {line}, where the drift is written", d.message);
    }
    assert!(loaded.diagnostics.iter().any(|d| d.message.contains("every 0 turns")));
    assert!(loaded.diagnostics.iter().any(|d| d.message.contains("nonesuch")));
}

/// Vendor names the crooks, Northland names turtle on turn 1; the truth
/// comes out on turn 5. Returns (dns after turn 1, north-east tension after
/// turn 1, vendor's credibility and dns at the end).
fn two_statements(text: &str) -> (i32, i32, i32, i32) {
    let mut g = Game::new(from(text), 1);
    let (north, vendor) = (ix(&g, "north"), ix(&g, "vendor"));
    let say = |suspect: &str, layer| Command::Attribute {
        suspect: suspect.into(),
        confidence: Confidence::Low,
        layer: Some(layer),
    };
    g.apply(vendor, &say("crooks", Layer::Group))
        .expect("vendor names crooks");
    g.apply(north, &say("turtle", Layer::State))
        .expect("north names turtle");
    commit_all(&mut g);
    let tension = g
        .view(north)
        .relations
        .iter()
        .find(|r| r.with == "east")
        .expect("east")
        .tension;
    let early = (track(&g, "dns"), tension);
    while !g.state().truth_revealed {
        commit_all(&mut g);
    }
    commit_all(&mut g);
    (early.0, early.1, g.state().actors[vendor].credibility, track(&g, "dns"))
}

#[test]
fn naming_one_suspect_has_its_own_effects_when_made_and_when_judged() {
    let text = SMALL.replacen(
        r#"attribution: (wrong: [Track("pressure", 10)]),"#,
        r#"attribution: (wrong: [Track("pressure", 10)], suspects: [
        OnSuspect(suspect: "crooks", made: [Track("dns", -5)], wrong: [Credibility(Me, -7)]),
        OnSuspect(suspect: "turtle", made: [Tension(Me, Target, 9)], correct: [Track("dns", 3)]),
    ]),"#,
        1,
    );
    let plain = two_statements(SMALL);
    let own = two_statements(&text);
    assert_eq!(own.0, plain.0 - 5, "naming the crooks costs dns integrity");
    assert_eq!(own.1, plain.1 + 9, "naming turtle angers the state behind it more");
    assert_eq!(
        own.2,
        plain.2 - 7,
        "the wrong claim about the crooks costs the vendor more"
    );
    assert_eq!(own.3, plain.3 - 5 + 3, "the right claim about turtle restores some");
}

#[test]
fn per_suspect_effects_name_a_known_suspect_once() {
    let text = SMALL.replacen(
        r#"attribution: (wrong: [Track("pressure", 10)]),"#,
        r#"attribution: (suspects: [OnSuspect(suspect: "ghosts", made: [])]),"#,
        1,
    );
    let loaded = load::from_str("bad", &text);
    assert_eq!(loaded.errors(), 1, "{:?}", loaded.diagnostics);
    let d = &loaded.diagnostics[0];
    assert!(d.message.contains("unknown suspect `ghosts`"), "{}", d.message);
    assert!(d.span.is_some(), "placed in the file");
}

#[test]
fn asking_through_a_channel_returns_the_asked_sides_answer() {
    let text = SMALL
        .replacen(
            r#"        Evidence(id: "sigint","#,
            r#"        Evidence(id: "east_answer", title: "Eastmark's answer", text: "Our registrar's reseller was hijacked too.",
                 kind: Political, points_to: "crooks", reliability: 20, tlp: Amber, found_by: ["ask"], answered_by: "east"),
        Evidence(id: "north_answer", title: "Northland's answer", text: "We have seen the certificates.",
                 kind: Political, points_to: "turtle", reliability: 20, tlp: Amber, found_by: ["ask"], answered_by: "north"),
        Evidence(id: "sigint","#,
            1,
        )
        .replacen(
            "    actions: [",
            r#"    actions: [
        Action(id: "ask", name: "Ask through the hotline", description: "Ask the other side what it knows.",
               by: Kinds([State]), target: Kinds([State]), cost: 1, upholds: [ConsiderAllInformation]),"#,
            1,
        );
    let mut g = Game::new(from(&text), 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("ask", Some("east"))).expect("north asks east");
    g.apply(east, &act("ask", Some("north"))).expect("east asks north");
    commit_all(&mut g);
    // Each side may answer through the next turn; unanswered, the
    // scenario's answer goes as its standing line.
    commit_all(&mut g);
    let holds = |g: &Game, who: usize, id: &str| g.view(who).evidence.iter().any(|e| e.id == id);
    assert!(holds(&g, north, "east_answer"), "Northland hears Eastmark's answer");
    assert!(!holds(&g, north, "north_answer"), "not its own");
    assert!(holds(&g, east, "north_answer"), "Eastmark hears Northland's answer");
    assert!(!holds(&g, east, "east_answer"));
    let bad = text.replacen(r#"answered_by: "east""#, r#"answered_by: "west""#, 1);
    let loaded = load::from_str("bad", &bad);
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.message.contains("unknown actor `west`") && d.span.is_some()));
}

#[test]
fn a_question_with_a_wrong_objective_is_placed_at_its_own_number() {
    // Two questions with the same text: each error points at its own
    // `objective`, not at the first question with that text.
    let bad = SMALL.replacen(
        r#"        Question(objective: 2, text: "Whom did you call first?"),"#,
        r#"        Question(objective: 7, text: "Same question?"),
        Question(objective: 9, text: "Same question?"),"#,
        1,
    );
    let loaded = load::from_str("bad", &bad);
    let placed: Vec<(usize, String)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("refers to objective"))
        .map(|d| {
            let span = d.span.clone().expect("placed");
            (bad[..span.start].lines().count(), bad[span].to_string())
        })
        .collect();
    assert_eq!(
        placed,
        vec![(89, "7".to_string()), (90, "9".to_string())],
        "{:?}",
        loaded.diagnostics
    );
}
