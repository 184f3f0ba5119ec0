//! Answering a question asked through a channel at the terminal: the play
//! screen says one is waiting, `r` opens the answer dialog, and the answer
//! chosen there reaches the asker. On a test backend at 80x24.

use std::sync::Arc;

use demarche::bots::Policy;
use demarche::engine::{Answered, Command, Game, GameLog};
use demarche::scenario::load;
use demarche::session::log_file::Setup;
use demarche::tui::app::{App, Overlay, Screen};
use demarche::tui::game::Match;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

/// The asking fixture, with a prepared answer for Northland too.
fn scenario() -> Arc<demarche::scenario::Scenario> {
    let text = include_str!("fixtures/asking.ron").replacen(
        r#"        Evidence(id: "sigint","#,
        r#"        Evidence(id: "north_answer", title: "Northland's line", text: "We saw certificates issued for our names.",
                 kind: Political, points_to: "turtle", reliability: 20, tlp: Amber, found_by: ["ask"], answered_by: "north"),
        Evidence(id: "sigint","#,
        1,
    );
    let loaded = load::from_str("asking", &text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

/// Northland at the keyboard on turn 2, asked by Eastmark on turn 1.
fn asked() -> App {
    let s = scenario();
    let mut g = Game::new(Arc::clone(&s), 5);
    let mut log = GameLog::new(&g);
    let east = g.actor_index("east").expect("east");
    let ask = Command::Act {
        action: "ask".into(),
        target: Some("north".into()),
    };
    g.apply(east, &ask).expect("east asks");
    log.record(&g, east, &ask);
    for a in g.waiting_for() {
        g.apply(a, &Command::Commit).expect("commit");
        log.record(&g, a, &Command::Commit);
    }
    let setup = Setup {
        humans: vec!["north".into()],
        bots: ["east", "cert", "vendor"]
            .iter()
            .map(|id| (id.to_string(), Policy::Cautious))
            .collect(),
        ..Setup::default()
    };
    let mut app = App::new(Theme::plain(), Vec::new(), 5);
    app.game = Some(Match::resume(log, &setup).expect("resumes"));
    app.screen = Screen::Play;
    app.refresh();
    app
}

fn key(app: &mut App, c: KeyCode) {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn text_of(app: &App, w: u16, h: u16) -> (Terminal<TestBackend>, String) {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| screens::draw(app, f)).expect("draw");
    let buf = t.backend().buffer().clone();
    let text = (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
        .collect();
    (t, text)
}

#[test]
fn the_asked_player_sees_the_question_and_answers_it_in_a_dialog() {
    let mut a = asked();
    let (_, play) = text_of(&a, 80, 24);
    assert!(
        play.contains("Eastmark asks you through the point of contact"),
        "the notice:\n{play}"
    );
    key(&mut a, KeyCode::Char('m'));
    let (_, inbox) = text_of(&a, 80, 24);
    assert!(
        inbox.contains("Eastmark: a question through the point of contact"),
        "the inbox lists it:\n{inbox}"
    );
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('r'));
    assert!(matches!(a.overlay, Some(Overlay::Reply(_))), "{:?}", a.status);
    let (t, dialog) = text_of(&a, 80, 24);
    assert!(dialog.contains("Give your prepared answer"), "{dialog}");
    insta::assert_snapshot!("reply_dialog_80x24", t.backend());
    // The explanation: the last answer but one.
    for _ in 0..12 {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Some(Overlay::Explain(_))));
    for c in "Our resolvers were hijacked too.".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    a.on_paste("\u{1b}[2J Ask our CERT.");
    key(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none(), "{:?}", a.status);
    let game = &a.game.as_ref().expect("game").game;
    assert_eq!(game.requests()[0].answer.map(|x| x.0), Some(Answered::Explained));
    let east = game.actor_index("east").expect("east");
    let heard = game
        .view(east)
        .feed
        .into_iter()
        .find(|f| f.headline.contains("with an explanation"));
    assert_eq!(
        heard.map(|f| f.text).as_deref(),
        Some("Our resolvers were hijacked too.[2J Ask our CERT.")
    );
    let (_, after) = text_of(&a, 80, 24);
    assert!(!after.contains("asks you"), "the notice goes once answered:\n{after}");
}

#[test]
fn an_item_tlp_forbids_is_explained_and_not_sent() {
    let mut a = asked();
    key(&mut a, KeyCode::Char('r'));
    let Some(Overlay::Reply(form)) = &a.overlay else {
        panic!("the dialog is open")
    };
    let v = a.view.clone().expect("view");
    let r = v
        .press
        .requests
        .iter()
        .find(|r| r.number == form.request)
        .expect("question");
    let red = r
        .may_share
        .iter()
        .position(|(_, _, why)| why.as_deref().is_some_and(|w| w.contains("TLP:RED")));
    let at = red.expect("the intercepted tasking (TLP:RED) reached Northland on turn 2");
    // The prepared answer comes first, then the items.
    for _ in 0..=at {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Some(Overlay::Reply(_))), "stays open");
    let status = a.status.clone().map(|s| s.0).unwrap_or_default();
    assert!(status.contains("TLP:RED"), "{status}");
    assert!(a.game.as_ref().expect("game").game.requests()[0].answer.is_none());
}

#[test]
fn ending_the_turn_warns_of_a_question_due_now_and_answering_clears_it() {
    let mut app = asked();
    key(&mut app, KeyCode::Char('c'));
    let (_, text) = text_of(&app, 80, 24);
    assert!(text.contains("Eastmark's question is due this turn"), "{text}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('c'));
    let (_, text) = text_of(&app, 80, 24);
    assert!(text.contains("End your turn?"), "{text}");
    assert!(!text.contains("question is due this turn"), "{text}");
}
