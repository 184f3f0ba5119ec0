//! The attribution process, through the engine's public interface: who may
//! attribute, layers, timing, joint statements, retraction and refinement,
//! exculpatory and explained-away evidence, tearlines, and credibility.

mod common;

use std::sync::Arc;

use common::commit_all;
use demarche::engine::rules::norms;
use demarche::engine::{Command, EventKind, Game, Verdict};
use demarche::scenario::schema::{Confidence, Layer, Norm};
use demarche::scenario::{load, Scenario};

const SOURCE: &str = include_str!("fixtures/attribution.ron");

fn scenario_from(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("attribution", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

fn game() -> Game {
    Game::new(scenario_from(SOURCE), 7)
}

fn ix(g: &Game, id: &str) -> usize {
    g.actor_index(id).expect("actor")
}

fn attribute(suspect: &str, confidence: Confidence, layer: Option<Layer>) -> Command {
    Command::Attribute {
        suspect: suspect.into(),
        confidence,
        layer,
    }
}

fn tension(g: &Game, a: &str, b: &str) -> i32 {
    let v = g.view(ix(g, a));
    v.relations.iter().find(|r| r.with == b).expect("relation").tension
}

#[test]
fn states_and_companies_attribute_by_default_and_international_organisations_do_not() {
    let mut g = game();
    let (osce, cert, vendor) = (ix(&g, "osce"), ix(&g, "cert"), ix(&g, "vendor"));
    let err = g.apply(osce, &attribute("bear", Confidence::Low, None)).unwrap_err();
    assert!(
        err.to_string().contains("international organisations do not attribute"),
        "{err}"
    );
    let err = g.apply(cert, &attribute("bear", Confidence::Low, None)).unwrap_err();
    assert!(err.to_string().contains("does not make public attributions"), "{err}");
    g.apply(vendor, &attribute("bear", Confidence::Low, None)).unwrap();
    // A scenario may say otherwise, per actor.
    let text = SOURCE.replace(
        "    endings: [",
        "    attribution: (by: Actors([\"cert\", \"north\"]), cost: 3),\n    endings: [",
    );
    let mut g = Game::new(scenario_from(&text), 7);
    g.apply(cert, &attribute("crooks", Confidence::Low, None)).unwrap();
    let err = g.apply(vendor, &attribute("bear", Confidence::Low, None)).unwrap_err();
    assert!(err.to_string().contains("does not make public attributions"), "{err}");
    assert_eq!(g.view(cert).resources, 5, "a statement costs the scenario's cost");
    g.apply(cert, &Command::Withdraw).unwrap();
    assert_eq!(g.view(cert).resources, 8, "withdrawing refunds it");
}

#[test]
fn a_vendor_names_a_group_and_a_government_holds_a_state_responsible() {
    let mut g = game();
    let (north, vendor) = (ix(&g, "north"), ix(&g, "vendor"));
    let err = g
        .apply(vendor, &attribute("bear", Confidence::Low, Some(Layer::State)))
        .unwrap_err();
    assert!(
        err.to_string().contains("only governments hold a state responsible"),
        "{err}"
    );
    let err = g
        .apply(north, &attribute("crooks", Confidence::Low, Some(Layer::State)))
        .unwrap_err();
    assert!(err.to_string().contains("no state is known"), "{err}");
    // Without a layer, each speaks at its usual one.
    g.apply(north, &attribute("bear", Confidence::High, None)).unwrap();
    g.apply(vendor, &attribute("bear", Confidence::Moderate, Some(Layer::Technique)))
        .unwrap();
    commit_all(&mut g);
    let layers: Vec<(usize, Layer, bool)> = g
        .state()
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Attributed {
                actor,
                layer,
                calibrated,
                ..
            } => Some((*actor, *layer, *calibrated)),
            _ => None,
        })
        .collect();
    assert!(layers.contains(&(north, Layer::State, true)), "{layers:?}");
    // The vendor's lone implant supports a technical claim at moderate
    // confidence, though it would support only low confidence in the group.
    assert!(layers.contains(&(vendor, Layer::Technique, true)), "{layers:?}");
    assert_eq!(g.confidence(vendor, 0), Some(Confidence::Low));
}

#[test]
fn a_claim_is_judged_at_its_layer() {
    let mut g = game();
    let (north, vendor) = (ix(&g, "north"), ix(&g, "vendor"));
    // COLD CUB did not do it, but the state behind it did.
    g.apply(north, &attribute("cub", Confidence::Low, Some(Layer::State)))
        .unwrap();
    g.apply(vendor, &attribute("cub", Confidence::Low, Some(Layer::Group)))
        .unwrap();
    while g.turn() < 5 {
        commit_all(&mut g);
    }
    let st = g.state();
    let by = |a: usize| st.attributions.iter().find(|x| x.actor == a).expect("statement");
    assert_eq!(by(north).verdict(), Verdict::Correct, "the state is the right one");
    assert_eq!(by(vendor).verdict(), Verdict::Wrong, "the group is the wrong one");
}

#[test]
fn a_statement_after_the_reveal_concurs_and_is_not_counted_as_correct_attribution() {
    let mut g = game();
    let (north, south) = (ix(&g, "north"), ix(&g, "south"));
    g.apply(north, &attribute("bear", Confidence::High, None)).unwrap();
    while g.turn() < 5 {
        commit_all(&mut g);
    }
    assert!(g.state().truth_revealed);
    let before = g.state().actors[south].credibility;
    g.apply(south, &attribute("bear", Confidence::Moderate, None)).unwrap();
    commit_all(&mut g);
    let st = g.state();
    let late = st
        .attributions
        .iter()
        .find(|a| a.actor == south)
        .expect("late statement");
    assert!(late.after_reveal);
    assert_eq!(late.verdict(), Verdict::Concurred);
    assert_eq!(st.actors[south].credibility, before, "concurring earns no credibility");
    let early = st
        .attributions
        .iter()
        .find(|a| a.actor == north)
        .expect("early statement");
    assert_eq!(early.verdict(), Verdict::Correct);
    // Endings can tell the two apart.
    while !g.is_over() {
        commit_all(&mut g);
    }
    assert_eq!(g.scenario().file.endings[g.ending().unwrap()].id, "concurred");
}

#[test]
fn simulate_counts_attributions_before_and_after_the_reveal_separately() {
    let s = scenario_from(SOURCE);
    let t = demarche::simulate::run(&s, 60, 3, &[], 1);
    assert!(t.attributions + t.after_reveal > 0, "{t:?}");
    assert!(t.correct <= t.attributions);
    assert!(t.concurred <= t.after_reveal);
    // Bots do not pile on once the truth is out.
    assert_eq!(t.after_reveal, 0, "{t:?}");
}

#[test]
fn a_joint_statement_is_proposed_signed_made_and_joined_later() {
    let mut g = game();
    let (north, west, south, east, vendor) = (
        ix(&g, "north"),
        ix(&g, "west"),
        ix(&g, "south"),
        ix(&g, "east"),
        ix(&g, "vendor"),
    );
    let propose = Command::Propose {
        suspect: "bear".into(),
        confidence: Confidence::High,
        layer: None,
    };
    g.apply(north, &propose).unwrap();
    commit_all(&mut g);
    assert!(g.state().attributions.is_empty(), "a proposal is not yet a statement");
    assert_eq!(g.view(west).proposals.len(), 1);
    assert!(g.view(east).proposals.is_empty(), "the accused is not shown it");
    // A vendor may not put its name to a claim about a state; it declines.
    let err = g.apply(vendor, &Command::Sign { proposal: 0 }).unwrap_err();
    assert!(err.to_string().contains("only governments"), "{err}");
    g.apply(vendor, &Command::Decline { proposal: 0 }).unwrap();
    assert!(g.view(north).feed.iter().any(|f| f.headline.contains("declines")));
    // Westmark signs though its evidence supports only moderate confidence.
    g.apply(west, &Command::Sign { proposal: 0 }).unwrap();
    commit_all(&mut g);
    let st = g.state();
    assert_eq!(st.attributions.len(), 2, "made with every signer");
    for a in &st.attributions {
        assert_eq!(a.joint_with.len(), 1);
        assert_eq!(a.proposal, Some(0));
    }
    let t = norms::tally(g.scenario(), &st.events);
    let b = Norm::ConsiderAllInformation as usize;
    assert_eq!(t[north].upheld[b], 1);
    assert_eq!(
        t[west].breached[b], 1,
        "a signer's confidence must rest on its own evidence"
    );
    // Southland joins later with a supporting statement.
    g.apply(south, &Command::Sign { proposal: 0 }).unwrap();
    commit_all(&mut g);
    let late = g
        .state()
        .attributions
        .iter()
        .find(|a| a.actor == south)
        .expect("joined");
    assert_eq!(late.proposal, Some(0));
    assert_eq!(late.joint_with.len(), 2);
}

#[test]
fn retracting_costs_credibility_and_spares_the_verdict() {
    let mut g = game();
    let north = ix(&g, "north");
    let start = g.state().actors[north].credibility;
    g.apply(north, &attribute("crooks", Confidence::High, None)).unwrap();
    commit_all(&mut g);
    let err = g.apply(ix(&g, "west"), &Command::Retract { statement: 0 }).unwrap_err();
    assert!(err.to_string().contains("your own"), "{err}");
    g.apply(north, &Command::Retract { statement: 0 }).unwrap();
    commit_all(&mut g);
    assert_eq!(g.state().actors[north].credibility, start - 10);
    while g.turn() < 5 {
        commit_all(&mut g);
    }
    let a = &g.state().attributions[0];
    assert_eq!(a.verdict(), Verdict::Retracted);
    assert_eq!(
        g.state().actors[north].credibility,
        start - 10,
        "not judged wrong as well"
    );
}

#[test]
fn refining_restates_a_statement_and_checks_it_again() {
    let mut g = game();
    let west = ix(&g, "west");
    g.apply(west, &attribute("bear", Confidence::Low, None)).unwrap();
    commit_all(&mut g);
    let err = g
        .apply(
            west,
            &Command::Refine {
                statement: 0,
                confidence: Confidence::Low,
                layer: None,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("another confidence or layer"), "{err}");
    g.apply(
        west,
        &Command::Refine {
            statement: 0,
            confidence: Confidence::High,
            layer: None,
        },
    )
    .unwrap();
    commit_all(&mut g);
    let st = g.state();
    assert_eq!(st.attributions.len(), 1, "restated in place");
    assert_eq!(st.attributions[0].stated, Confidence::High);
    let t = norms::tally(g.scenario(), &st.events);
    let b = Norm::ConsiderAllInformation as usize;
    assert_eq!(
        (t[west].upheld[b], t[west].breached[b]),
        (1, 1),
        "the overclaim is caught"
    );
}

#[test]
fn exculpatory_and_explained_away_evidence_lower_confidence_without_calling_it_planted() {
    let g = game();
    let (west, cert) = (ix(&g, "west"), ix(&g, "cert"));
    assert_eq!(g.confidence(cert, 2), None, "the alibi cancels the rumour");
    assert_eq!(g.confidence(west, 0), Some(Confidence::Moderate));
    let v = g.view(west);
    let forum = v.evidence.iter().find(|e| e.id == "forum").expect("held");
    assert!(forum.explained && !forum.refuted, "explained away, not planted");
    // Without the alibi or the relay, things look otherwise.
    let text = SOURCE
        .replace("knows: [\"rumour\", \"alibi\"]", "knows: [\"rumour\"]")
        .replace("\"forum\", \"relay\",", "\"forum\",");
    let g = Game::new(scenario_from(&text), 7);
    assert_eq!(g.confidence(cert, 2), Some(Confidence::Low));
    assert_eq!(g.confidence(west, 0), Some(Confidence::Low));
}

#[test]
fn private_knowledge_feeds_its_holders_confidence_only() {
    let g = game();
    assert_eq!(g.confidence(ix(&g, "north"), 0), Some(Confidence::High));
    assert_eq!(g.confidence(ix(&g, "east"), 0), None);
}

#[test]
fn a_tearline_is_a_wider_less_reliable_derivative_recorded_as_such() {
    let mut g = game();
    let (north, west) = (ix(&g, "north"), ix(&g, "west"));
    let err = g
        .apply(
            north,
            &Command::Share {
                evidence: "intel".into(),
                with: vec!["west".into()],
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("TLP:RED"), "{err}");
    let err = g
        .apply(north, &Command::Tearline { evidence: "c2".into() })
        .unwrap_err();
    assert!(err.to_string().contains("only TLP:RED"), "{err}");
    let before = g.weights(north)[0].score;
    g.apply(
        north,
        &Command::Tearline {
            evidence: "intel".into(),
        },
    )
    .unwrap();
    assert_eq!(g.weights(north)[0].score, before, "no double counting for its holder");
    let v = g.view(north);
    let t = v
        .evidence
        .iter()
        .find(|e| e.id == "intel.tearline")
        .expect("tearline held");
    assert_eq!((t.tlp.label(), t.reliability), ("TLP:GREEN", 42));
    assert!(v.feed.iter().any(|f| f.headline.contains("issues a tearline")));
    let west_before = g.weights(west)[0].score;
    g.apply(
        north,
        &Command::Share {
            evidence: "intel.tearline".into(),
            with: vec!["west".into()],
        },
    )
    .unwrap();
    assert_eq!(g.weights(west)[0].score, west_before + 42);
}

#[test]
fn credibility_and_co_signers_scale_how_a_statement_lands() {
    let alone = |text: &str| {
        let mut g = Game::new(scenario_from(text), 7);
        let before = tension(&g, "north", "east");
        g.apply(ix(&g, "north"), &attribute("bear", Confidence::High, None))
            .unwrap();
        commit_all(&mut g);
        tension(&g, "north", "east") - before
    };
    let credible = alone(SOURCE);
    let discredited = alone(&SOURCE.replace(
        "description: \"Victim.\", resources: 8,",
        "description: \"Victim.\", resources: 8, credibility: 20,",
    ));
    assert!(credible > discredited, "{credible} vs {discredited}");
    // The same statement made jointly with two others weighs more.
    let mut g = game();
    let before = tension(&g, "north", "east");
    let propose = Command::Propose {
        suspect: "bear".into(),
        confidence: Confidence::Moderate,
        layer: None,
    };
    g.apply(ix(&g, "north"), &propose).unwrap();
    commit_all(&mut g);
    for a in ["west", "south"] {
        g.apply(ix(&g, a), &Command::Sign { proposal: 0 }).unwrap();
    }
    commit_all(&mut g);
    let joint = tension(&g, "north", "east") - before;
    assert!(joint > credible, "{joint} vs {credible}");
}

#[test]
fn a_tearline_never_carries_the_originals_words_and_only_restricted_items_have_one() {
    let s = demarche::shipped::find("hospital-ransomware").expect("shipped");
    let sc = scenario_from(s.source);
    let f = &sc.file;
    let sigint = f.evidence.iter().find(|e| e.id == "ev_sigint").expect("sigint");
    let t = f
        .evidence
        .iter()
        .find(|e| e.id == "ev_sigint.tearline")
        .expect("tearline");
    assert!(!t.title.contains(&sigint.title) && !t.text.contains(&sigint.text));
    assert!(t.text.contains(sigint.tearline.as_deref().expect("written")));
    let bad = s
        .source
        .replacen("tlp: Clear),", "tlp: Clear, tearline: Some(\"x\")),", 1);
    let loaded = load::from_str("bad", &bad);
    assert!(loaded.errors() > 0);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("needs no tearline"))
        .expect("said");
    assert!(d.span.is_some(), "placed in the file");
}
