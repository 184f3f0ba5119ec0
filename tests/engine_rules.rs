//! The rules, tested through the engine's public interface.

mod common;

use common::{act, commit_all, ix, small};
use demarche::engine::rules::norms;
use demarche::engine::{Command, EventKind, Game, RuleError};
use demarche::scenario::schema::{CbmKind, Confidence, Norm};

#[test]
fn a_turn_resolves_only_when_every_actor_has_committed() {
    let mut g = Game::new(small(), 1);
    let north = ix(&g, "north");
    g.apply(north, &Command::Commit).unwrap();
    assert_eq!(g.turn(), 1);
    assert_eq!(
        g.apply(north, &act("directive", None)),
        Err(RuleError::AlreadyCommitted)
    );
    commit_all(&mut g);
    assert_eq!(g.turn(), 2);
    assert!(g.waiting_for().contains(&north), "a new turn waits for everyone again");
}

#[test]
fn one_move_per_turn_and_costs_are_paid_and_refunded() {
    let mut g = Game::new(small(), 1);
    let north = ix(&g, "north");
    let before = g.view(north).resources;
    g.apply(north, &act("directive", None)).unwrap();
    assert_eq!(g.view(north).resources, before - 2);
    assert_eq!(
        g.apply(north, &act("protest", Some("east"))),
        Err(RuleError::NoMovesLeft)
    );
    g.apply(north, &Command::Withdraw).unwrap();
    assert_eq!(g.view(north).resources, before);
    g.apply(north, &act("protest", Some("east"))).unwrap();
}

#[test]
fn actions_check_who_may_take_them_and_their_targets() {
    let mut g = Game::new(small(), 1);
    let cert = ix(&g, "cert");
    let north = ix(&g, "north");
    let err = g.apply(cert, &act("protest", Some("east"))).unwrap_err();
    assert!(err.to_string().contains("cannot take"), "{err}");
    let err = g.apply(north, &act("protest", None)).unwrap_err();
    assert!(err.to_string().contains("choose a target"), "{err}");
    let err = g.apply(north, &act("protest", Some("cert"))).unwrap_err();
    assert!(err.to_string().contains("not a valid target"), "{err}");
    let err = g.apply(north, &act("nothing", None)).unwrap_err();
    assert_eq!(err, RuleError::UnknownAction("nothing".into()));
}

#[test]
fn a_confidence_building_measure_needs_both_sides() {
    let mut g = Game::new(small(), 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("hotline", Some("east"))).unwrap();
    commit_all(&mut g);
    let v = g.view(east);
    let rel = v.relations.iter().find(|r| r.with == "north").unwrap();
    assert_eq!(rel.offered_to_me, vec![CbmKind::Hotline]);
    assert!(rel.channels.is_empty(), "an offer alone is not a hotline");
    let before = g.misread_chance(north, east, 50);
    g.apply(east, &act("hotline", Some("north"))).unwrap();
    commit_all(&mut g);
    let rel = g.view(north).relations.into_iter().find(|r| r.with == "east").unwrap();
    assert_eq!(rel.channels, vec![CbmKind::Hotline]);
    let after = g.misread_chance(north, east, 50);
    assert!(
        after * 2 < before,
        "a hotline makes misreading far rarer: {before}% -> {after}%"
    );
    let err = g.apply(north, &act("hotline", Some("east"))).unwrap_err();
    assert!(err.to_string().contains("already in force"), "{err}");
}

#[test]
fn consultations_can_calm_the_pair() {
    let calmed = (0..20).any(|seed| {
        let mut g = Game::new(small(), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        let start = g.state().relations[g.scenario().pair(north, east)];
        g.apply(north, &act("consult", Some("east"))).unwrap();
        g.apply(east, &act("consult", Some("north"))).unwrap();
        commit_all(&mut g);
        let now = g.state().relations[g.scenario().pair(north, east)];
        now.tension < start.tension && now.rung < start.rung
    });
    assert!(calmed, "consultations that go well ease the pair and step it down");
}

#[test]
fn hostile_moves_escalate_and_can_be_misread() {
    let mut misread = 0;
    for seed in 0..200 {
        let mut g = Game::new(small(), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        let p = g.scenario().pair(north, east);
        let start = g.state().relations[p];
        g.apply(north, &act("protest", Some("east"))).unwrap();
        commit_all(&mut g);
        let now = g.state().relations[p];
        assert!(now.rung > start.rung && now.tension > start.tension);
        if g.state()
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Misread { .. }))
        {
            misread += 1;
            assert!(now.rung >= start.rung + 2, "a misreading adds a rung");
        }
    }
    // 30% ambiguity at trust 30: 27% before channels.
    assert!((30..90).contains(&misread), "misread {misread} of 200");
}

#[test]
fn tlp_markings_limit_sharing() {
    let mut g = Game::new(small(), 1);
    let north = ix(&g, "north");
    // Turn 1: "lang" (TLP:CLEAR) reaches everyone through the public inject.
    g.apply(
        north,
        &Command::Share {
            evidence: "lang".into(),
            with: vec!["cert".into()],
        },
    )
    .unwrap();
    commit_all(&mut g);
    // Turn 2: "sigint" (TLP:RED) reaches Northland only.
    assert!(g.view(north).evidence.iter().any(|e| e.id == "sigint"));
    let err = g
        .apply(
            north,
            &Command::Share {
                evidence: "sigint".into(),
                with: vec!["cert".into()],
            },
        )
        .unwrap_err();
    assert!(matches!(err, RuleError::TlpForbids(_)), "{err}");
    let err = g
        .apply(
            north,
            &Command::Publish {
                evidence: "sigint".into(),
            },
        )
        .unwrap_err();
    assert!(matches!(err, RuleError::TlpForbids(_)), "{err}");
    // Another actor cannot tell an unknown id from one it does not hold.
    let cert = ix(&g, "cert");
    assert_eq!(
        g.apply(
            cert,
            &Command::Share {
                evidence: "sigint".into(),
                with: vec!["north".into()]
            }
        ),
        Err(RuleError::NotHeld("sigint".into()))
    );
    assert_eq!(
        g.apply(
            cert,
            &Command::Share {
                evidence: "nope".into(),
                with: vec!["north".into()]
            }
        ),
        Err(RuleError::NotHeld("nope".into()))
    );
}

#[test]
fn confidence_follows_evidence_and_a_refuted_false_flag_stops_counting() {
    let mut g = Game::new(small(), 2);
    let cert = ix(&g, "cert");
    let crooks = g.scenario().suspect_ix["crooks"];
    let turtle = g.scenario().suspect_ix["turtle"];
    // The planted "lang" item points at the criminals.
    assert_eq!(g.confidence(cert, crooks), Some(Confidence::Low));
    assert_eq!(g.confidence(cert, turtle), None);
    // Forensics until the refuting item turns up.
    for _ in 0..5 {
        if g.state().holds(cert, g.scenario().evidence_ix["refute"]) {
            break;
        }
        g.apply(cert, &act("forensics", None)).unwrap();
        commit_all(&mut g);
    }
    assert!(
        g.state().holds(cert, g.scenario().evidence_ix["refute"]),
        "forensics found the refutation"
    );
    assert_eq!(g.confidence(cert, crooks), None, "the false flag no longer counts");
    assert_eq!(g.confidence(cert, turtle), Some(Confidence::Moderate));
    let v = g.view(cert);
    assert!(v.evidence.iter().any(|e| e.id == "lang" && e.refuted));
}

#[test]
fn overclaimed_attribution_breaches_norm_b_and_a_wrong_one_costs_credibility() {
    let mut g = Game::new(small(), 1);
    let north = ix(&g, "north");
    let start = g.state().actors[north].credibility;
    // Northland holds only the planted item: low confidence in the criminals.
    g.apply(
        north,
        &Command::Attribute {
            suspect: "crooks".into(),
            confidence: Confidence::High,
            layer: None,
        },
    )
    .unwrap();
    commit_all(&mut g);
    let att = &g.state().attributions[0];
    assert_eq!(att.held, Some(Confidence::Low));
    let t = norms::tally(g.scenario(), &g.state().events);
    assert_eq!(t[north].breached[Norm::ConsiderAllInformation as usize], 1);
    // Play on until the vendor report reveals the truth (turn 5).
    while g.turn() < 6 && !g.is_over() {
        commit_all(&mut g);
    }
    let att = &g.state().attributions[0];
    assert_eq!(att.judged, Some(false));
    assert_eq!(
        g.state().actors[north].credibility,
        start - 30,
        "wrong at high confidence: -30"
    );
}

#[test]
fn the_game_ends_with_an_ending_when_time_runs_out() {
    let mut g = Game::new(small(), 4);
    while !g.is_over() {
        commit_all(&mut g);
    }
    assert_eq!(g.turn(), 6);
    let e = g.ending().unwrap();
    assert_eq!(g.scenario().file.endings[e].id, "time");
    assert_eq!(g.apply(0, &Command::Commit), Err(RuleError::GameOver));
}

#[test]
fn secret_moves_are_hidden_unless_detected() {
    for seed in 0..40 {
        let mut g = Game::new(small(), seed);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        g.apply(east, &act("hackback", Some("north"))).unwrap();
        commit_all(&mut g);
        let detected = g
            .state()
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Detected { .. }));
        let north_sees = g
            .view(north)
            .feed
            .iter()
            .any(|f| f.headline.contains("Disrupt their servers"));
        assert_eq!(north_sees, detected, "seed {seed}");
        assert!(g
            .view(east)
            .feed
            .iter()
            .any(|f| f.headline.contains("Disrupt their servers")));
    }
}

#[test]
fn amber_received_from_others_is_not_passed_on() {
    let mut g = Game::new(small(), 2);
    let cert = ix(&g, "cert");
    // Forensics until the TLP:AMBER refutation turns up, first-hand.
    for _ in 0..5 {
        if g.state().holds(cert, g.scenario().evidence_ix["refute"]) {
            break;
        }
        g.apply(cert, &act("forensics", None)).unwrap();
        commit_all(&mut g);
    }
    // Trust 50 with the vendor: the CERT may pass its own AMBER item on.
    g.apply(
        cert,
        &Command::Share {
            evidence: "refute".into(),
            with: vec!["vendor".into()],
        },
    )
    .unwrap();
    let vendor = ix(&g, "vendor");
    let err = g
        .apply(
            vendor,
            &Command::Share {
                evidence: "refute".into(),
                with: vec!["north".into()],
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("may not be passed on"), "{err}");
}

#[test]
fn the_white_cell_injects_forces_resolution_and_ends_the_game() {
    use demarche::engine::{GameLog, WhiteCell};
    let mut g = Game::new(small(), 1);
    let mut log = GameLog::new(&g);
    let north = ix(&g, "north");
    let inject = WhiteCell::Inject {
        headline: "Minister demands answers".into(),
        text: "A call from the capital.".into(),
        audience: vec!["north".into()],
    };
    g.white_cell(&inject).unwrap();
    log.record_white_cell(&inject);
    assert!(g
        .view(north)
        .feed
        .iter()
        .any(|f| f.headline == "White cell: Minister demands answers"));
    assert!(!g
        .view(ix(&g, "east"))
        .feed
        .iter()
        .any(|f| f.headline == "White cell: Minister demands answers"));
    g.apply(north, &act("directive", None)).unwrap();
    log.record(&g, north, &act("directive", None));
    g.white_cell(&WhiteCell::ForceResolve).unwrap();
    log.record_white_cell(&WhiteCell::ForceResolve);
    assert_eq!(g.turn(), 2, "the turn resolved without waiting");
    assert!(
        !g.state().taken.iter().any(|t| t.0 == north),
        "an uncommitted move is dropped, not played"
    );
    g.white_cell(&WhiteCell::EndGame).unwrap();
    log.record_white_cell(&WhiteCell::EndGame);
    assert!(g.is_over());
    assert_eq!(g.apply(north, &Command::Commit), Err(RuleError::GameOver));
    let text = serde_json::to_string(&log).unwrap();
    let back: GameLog = serde_json::from_str(&text).unwrap();
    assert_eq!(back.replay().unwrap().state_hash(), g.state_hash());
}
