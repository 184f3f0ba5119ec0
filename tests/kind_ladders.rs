//! A kind of relation with a ladder of its own: a state and a company
//! climb from "Business as usual" to "Exclusion from procurement", not to
//! sanctions. Conditions read a rung only on its own ladder, a cap from
//! another ladder stops at the same relative height, the screens and the
//! report name the pair's own rungs, and mistakes in `ladders` are placed.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix};
use demarche::engine::debrief::Debrief;
use demarche::engine::Game;
use demarche::scenario::diagnostic::line_col;
use demarche::scenario::{load, Scenario};
use demarche::session::catalog;
use demarche::session::report::Report;
use demarche::tui::app::App;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

const FIXTURE: &str = include_str!("fixtures/company_ladder.ron");

fn from(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("t", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

fn rung_with(g: &Game, a: &str, b: &str) -> usize {
    g.state().relations[g.scenario().pair(ix(g, a), ix(g, b))].rung
}

/// Whether `north` may take `action` on `target` now, and why not.
fn locked(g: &Game, action: &str, target: &str) -> Option<String> {
    let v = g.view(ix(g, "north"));
    let o = v
        .options
        .iter()
        .find(|o| o.action == action && o.target.as_deref() == Some(target))
        .unwrap_or_else(|| panic!("{action} on {target} is listed"));
    o.unavailable.clone()
}

#[test]
fn a_state_and_a_company_climb_their_own_ladder_with_caps_mapped_by_height() {
    let mut g = Game::new(from(FIXTURE), 1);
    let north = ix(&g, "north");
    // Its relation with the vendor names the company ladder's rungs.
    let v = g.view(north);
    let vendor = v.relations.iter().find(|r| r.with == "vendor").expect("vendor");
    assert_eq!(
        (vendor.rung_name.as_str(), vendor.rungs, vendor.ladder),
        ("Business as usual", 4, 1)
    );
    let east = v.relations.iter().find(|r| r.with == "east").expect("east");
    assert_eq!((east.rung_name.as_str(), east.rungs, east.ladder), ("Concern", 5, 0));
    // "Exclude" needs the pair at Contract review: locked, and says so.
    let why = locked(&g, "exclude", "vendor").expect("locked at first");
    assert!(why.contains("Contract review"), "{why}");
    // Criticism is capped at "Retorsion" (3 of 0-4 on the main ladder):
    // on the company's ladder (0-3) that is rung 2, Contract review.
    g.apply(north, &act("criticise", Some("vendor"))).expect("criticise");
    commit_all(&mut g);
    assert_eq!(rung_with(&g, "north", "vendor"), 2);
    g.apply(north, &act("criticise", Some("vendor"))).expect("again");
    commit_all(&mut g);
    assert_eq!(rung_with(&g, "north", "vendor"), 2, "the cap holds");
    let feed: Vec<String> = g.view(north).feed.iter().map(|f| f.headline.clone()).collect();
    assert!(
        feed.iter().any(|t| t.contains("\"Contract review\"")),
        "the feed names the company rung: {feed:?}"
    );
    // A condition on the main ladder says nothing about this pair: the
    // vendor at its rung 2 is not "at Concern or above".
    assert!(
        locked(&g, "warn", "vendor").is_some(),
        "a main-ladder rung is not read on the company ladder"
    );
    assert_eq!(locked(&g, "warn", "east"), None, "but it is on the main ladder");
    // Now exclusion is open and climbs to the top of the company ladder.
    assert_eq!(locked(&g, "exclude", "vendor"), None);
    g.apply(north, &act("exclude", Some("vendor"))).expect("exclude");
    commit_all(&mut g);
    assert_eq!(rung_with(&g, "north", "vendor"), 3);
    let v = g.view(north);
    let vendor = v.relations.iter().find(|r| r.with == "vendor").expect("vendor");
    assert_eq!(vendor.rung_name, "Exclusion from procurement");
    // The war ending reads the main ladder only: the company's top rung
    // is no armed conflict.
    assert!(g.state().ending.is_none());
    // The debrief and the report name the pair's own rungs.
    let d = Debrief::new(&g);
    let h = d
        .escalation
        .iter()
        .find(|p| p.a == "Northland" && p.b == "Bluewall Security")
        .expect("pair");
    assert_eq!(h.ladder, 1);
    assert_eq!(d.rung_of(h, 3), "Exclusion from procurement");
    let md = Report::new(&g, FIXTURE).to_markdown();
    assert!(
        md.contains("State and company, a ladder of its own: 1. Business as usual"),
        "{md}"
    );
    assert!(md.contains("**Exclusion from procurement**"), "{md}");
}

#[test]
fn old_scenarios_keep_one_ladder() {
    let g = Game::new(common::small(), 1);
    assert!(g.scenario().pair_ladder.iter().all(|&l| l == 0));
    let v = g.view(ix(&g, "north"));
    let vendor = v.relations.iter().find(|r| r.with == "vendor").expect("vendor");
    assert_eq!((vendor.rung_name.as_str(), vendor.ladder), ("Cooperation", 0));
}

/// The (line, column) of every error of `text`, with its message.
fn errors(text: &str) -> Vec<(usize, usize, String)> {
    let loaded = load::from_str("bad", text);
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let span = d.span.clone().unwrap_or_else(|| panic!("placed: {}", d.message));
            let (l, c) = line_col(text, span.start);
            (l, c, d.message.clone())
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")].matches('\n').count() + 1
}

#[test]
fn mistakes_in_ladders_are_placed() {
    // A ladder with no rungs.
    let start = FIXTURE
        .find("rungs: [\n            Rung(id: \"business_as_usual\"")
        .expect("rungs");
    let end = FIXTURE[start..].find("]),").expect("end") + start;
    let empty = format!("{}rungs: [{}", &FIXTURE[..start], &FIXTURE[end..]);
    let e = errors(&empty);
    let at = e.iter().find(|x| x.2.contains("has 0 rungs")).expect("reported");
    assert_eq!(at.0, line_of(&empty, "Ladder(name"), "{e:?}");

    // The same kind of pair given two ladders.
    let twice = FIXTURE.replacen(
        "    ladders: [",
        "    ladder_between: [(State, State), (Company, State)],\n    ladders: [",
        1,
    );
    let e = errors(&twice);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].2.contains("given two ladders"), "{e:?}");
    assert_eq!(e[0].0, line_of(&twice, "Ladder(name"), "{e:?}");

    // An unknown kind, from the parser, with its place.
    let unknown = FIXTURE.replacen("between: [(State, Company)]", "between: [(State, Corporation)]", 1);
    let e = errors(&unknown);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].2.contains("Corporation"), "{e:?}");
    assert_eq!(e[0].0, line_of(&unknown, "Ladder(name"), "{e:?}");

    // A rung id used on two ladders.
    let dup = FIXTURE.replacen("Rung(id: \"public_criticism\"", "Rung(id: \"concern\"", 1);
    let e = errors(&dup);
    assert!(e.iter().any(|x| x.2.contains("duplicate rung id `concern`")), "{e:?}");

    // A relation starting on a rung of the wrong ladder.
    let wrong = FIXTURE.replacen(
        "    relations: [\n",
        "    relations: [\n        Relation(between: (\"north\", \"vendor\"), trust: 40, tension: 30, rung: \"concern\"),\n",
        1,
    );
    let e = errors(&wrong);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].2.contains("not a rung of the ladder"), "{e:?}");
    assert_eq!(e[0].0, line_of(&wrong, "(\"north\", \"vendor\")"), "{e:?}");
}

#[test]
fn the_relations_panel_names_each_pairs_own_rung() {
    let mut a = App::new(
        Theme::plain(),
        vec![catalog::entry("tests/fixtures/company_ladder.ron")],
        3,
    );
    for k in [KeyCode::Enter, KeyCode::Enter, KeyCode::Char('3')] {
        a.on_key(KeyEvent::new(k, KeyModifiers::NONE));
    }
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| screens::draw(&a, f)).expect("draw");
    insta::assert_snapshot!("company_ladder_relations_80x24", t.backend());
}

#[test]
fn governments_put_a_stonewalling_shipowner_under_review() {
    use demarche::bots::{self, Policy};
    use demarche::engine::EventKind;
    let s = from(demarche::shipped::find("baltic-cable").expect("shipped").source);
    let review = s.action_ix["review_shipowner"];
    let mut reviews = 0;
    for seed in 0..300 {
        let g = bots::play(Arc::clone(&s), seed, &[Policy::Hawkish], None);
        let stonewalled = g
            .state()
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Inject { inject } if g.scenario().file.injects[inject].id == "owner_stonewalls"));
        for e in &g.state().events {
            if let EventKind::Moved { action, .. } = e.kind {
                if action == review {
                    assert!(stonewalled, "seed {seed}: a review with no grievance against the owner");
                    reviews += 1;
                }
            }
        }
    }
    assert!(reviews > 0, "no government ever reviewed the shipowner");
}
