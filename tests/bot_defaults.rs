//! Bots follow the actor's role by default: a scenario may name the style
//! per actor (`bot: Cautious`); without it, CERTs, international
//! organisations and civil society never get a hawkish bot.

use std::sync::Arc;

use demarche::bots::Policy;
use demarche::scenario::load;
use demarche::scenario::schema::ActorKind;
use demarche::session::catalog;
use demarche::shipped;
use demarche::tui::app::{App, SeatChoice};
use demarche::tui::theme::Theme;

const SMALL: &str = include_str!("fixtures/small.ron");

fn seats(scenario: Arc<demarche::scenario::Scenario>) -> Vec<SeatChoice> {
    let mut a = App::new(Theme::plain(), Vec::new(), 1);
    a.open_briefing(scenario);
    a.briefing.expect("a briefing").seats
}

#[test]
fn no_cert_or_organisation_gets_a_hawkish_bot_by_default() {
    let mut checked = 0;
    let fixtures = [
        "tests/fixtures/attribution.ron",
        "tests/fixtures/eight.ron",
        "tests/fixtures/big32.ron",
    ];
    let scenarios = shipped::ALL
        .iter()
        .map(|s| Arc::new(load::from_str(s.name, s.source).scenario.expect("loads")))
        .chain(fixtures.iter().map(|p| catalog::entry(p).scenario.expect("loads")));
    for s in scenarios {
        for (i, seat) in seats(Arc::clone(&s)).into_iter().enumerate() {
            let a = &s.file.actors[i];
            if matches!(a.kind, ActorKind::Cert | ActorKind::IntlOrg | ActorKind::CivilSociety) {
                checked += 1;
                assert_ne!(
                    seat,
                    SeatChoice::Bot(Policy::Hawkish),
                    "{}: {} ({:?}) gets a hawkish bot",
                    s.file.title,
                    a.name,
                    a.kind
                );
            }
        }
    }
    assert!(checked >= 3, "the scenarios have CERTs and organisations to check");
}

#[test]
fn a_scenario_names_the_bot_of_an_actor() {
    let src = SMALL.replace(
        r#"kind: Cert, description: "National CERT.","#,
        r#"kind: Cert, description: "National CERT.", bot: Cooperative,"#,
    );
    let src = src.replace(
        r#"kind: State, description: "Neighbour.","#,
        r#"kind: State, description: "Neighbour.", bot: Cautious,"#,
    );
    let loaded = load::from_str("small", &src);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    let s = Arc::new(loaded.scenario.expect("loads"));
    let got = seats(Arc::clone(&s));
    let at = |id: &str| got[s.actor_ix[id]];
    assert_eq!(at("east"), SeatChoice::Bot(Policy::Cautious));
    assert_eq!(at("cert"), SeatChoice::Bot(Policy::Cooperative));
}

#[test]
fn an_unknown_bot_style_is_an_error_with_its_place() {
    let src = SMALL.replace(
        r#"kind: Cert, description: "National CERT.","#,
        r#"kind: Cert, description: "National CERT.", bot: Angry,"#,
    );
    let loaded = load::from_str("small", &src);
    assert!(loaded.errors() > 0, "an unknown style is refused");
    let text = format!("{:?}", loaded.diagnostics);
    assert!(text.contains("Angry"), "{text}");
}

#[test]
fn simulate_without_policies_seats_the_same_bots_as_play() {
    let src = SMALL.replace(
        r#"kind: State, description: "Neighbour.","#,
        r#"kind: State, description: "Neighbour.", bot: Hawkish,"#,
    );
    let s = Arc::new(load::from_str("small", &src).scenario.expect("loads"));
    let fixtures = [
        Arc::clone(&s),
        catalog::entry("tests/fixtures/eight.ron").scenario.expect("loads"),
    ];
    for s in fixtures.iter().chain(
        shipped::ALL
            .iter()
            .map(|x| Arc::new(load::from_str(x.name, x.source).scenario.expect("loads")))
            .collect::<Vec<_>>()
            .iter(),
    ) {
        for seed in [1, 2, 99] {
            let simulated = demarche::bots::assign(&[], &s.file.actors, seed);
            // Play proposes a bot for every seat but the first (human).
            for (i, seat) in seats(Arc::clone(s)).into_iter().enumerate().skip(1) {
                assert_eq!(SeatChoice::Bot(simulated[i]), seat, "{}: seat {i}", s.file.title);
            }
            for (a, p) in s.file.actors.iter().zip(&simulated) {
                if matches!(a.kind, ActorKind::Cert | ActorKind::IntlOrg | ActorKind::CivilSociety) {
                    assert_ne!(*p, Policy::Hawkish, "{} gets a hawkish bot in simulate", a.name);
                }
            }
        }
    }
    // The scenario's `bot:` wins over the role.
    assert_eq!(
        demarche::bots::assign(&[], &s.file.actors, 5)[s.actor_ix["east"]],
        Policy::Hawkish
    );
    // A single policy still seats everyone on it.
    assert!(demarche::bots::assign(&[Policy::Cautious], &s.file.actors, 5)
        .iter()
        .all(|&p| p == Policy::Cautious));
}
