//! Dialogs that guard what cannot be undone and start where the evidence
//! stands: publishing asks first; the attribution dialog opens at the
//! confidence the evidence supports.

use demarche::engine::EventKind;
use demarche::session::catalog;
use demarche::tui::app::{App, Overlay, Screen};
use demarche::tui::dialogs::LEVELS;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn started(path: &str) -> App {
    let mut a = App::new(Theme::plain(), vec![catalog::entry(path)], 5);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Play);
    a
}

fn key(app: &mut App, c: KeyCode) {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn screen(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| screens::draw(app, f)).expect("draw");
    t
}

fn published(app: &App) -> usize {
    let m = app.game.as_ref().expect("a game");
    m.game
        .state()
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::EvidencePublished { .. }))
        .count()
}

#[test]
fn publishing_asks_first_and_no_keeps_the_evidence_private() {
    let mut a = started("tests/fixtures/small.ron");
    let first = a.view.as_ref().expect("view").evidence[0].title.clone();
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.overlay, Some(Overlay::ConfirmPublish(0)));
    assert_eq!(published(&a), 0, "nothing is published before the answer");
    let t = screen(&a, 80, 24);
    insta::assert_snapshot!("confirm_publish_80x24", t.backend());
    let text = format!("{}", t.backend());
    assert!(text.contains(&first) && text.contains("cannot be taken back"), "{text}");
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.overlay, None);
    assert_eq!(published(&a), 0, "no keeps it private");
    key(&mut a, KeyCode::Char('p'));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.overlay, None);
    assert_eq!(published(&a), 1, "yes publishes it");
}

/// The dialog's stated level for the suspect under the cursor.
fn dialog_level(app: &App) -> (usize, usize) {
    match app.overlay {
        Some(Overlay::Attribute { sel, level, .. }) => (sel, level),
        ref o => panic!("the attribution dialog is open: {o:?}"),
    }
}

#[test]
fn the_attribution_dialog_starts_at_the_confidence_the_evidence_supports() {
    let mut a = started("tests/fixtures/attribution.ron");
    let v = a.view.clone().expect("view");
    let supported: Vec<usize> = v
        .suspects
        .iter()
        .map(|s| {
            s.confidence
                .map_or(0, |c| LEVELS.iter().position(|&l| l == c).expect("a level"))
        })
        .collect();
    assert!(
        supported.iter().any(|&l| l > 0),
        "the fixture gives some suspect more than low confidence: {supported:?}"
    );
    key(&mut a, KeyCode::Char('a'));
    for (i, &want) in supported.iter().enumerate() {
        let (sel, level) = dialog_level(&a);
        assert_eq!(sel, i);
        assert_eq!(
            level, want,
            "suspect {} starts at what the Intel panel shows",
            v.suspects[i].name
        );
        if i == 0 {
            insta::assert_snapshot!("attribute_starts_supported_80x24", screen(&a, 80, 24).backend());
        }
        key(&mut a, KeyCode::Down);
    }
}
