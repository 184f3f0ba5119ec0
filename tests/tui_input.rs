//! The terminal game's behaviour through its public interface: keys,
//! mouse, timer, hot-seat order, themes.

use demarche::engine::EventKind;
use demarche::session::catalog;
use demarche::tui::app::{App, Io, Overlay, Panel, Screen};
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;

fn app() -> App {
    App::new(Theme::plain(), vec![catalog::entry("tests/fixtures/small.ron")], 5)
}

fn key(app: &mut App, c: KeyCode) -> Vec<Io> {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::draw(app, f)).unwrap();
    format!("{}", t.backend())
}

fn click(app: &mut App, column: u16, row: u16, kind: MouseEventKind) {
    app.on_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn choosing_an_action_queues_it_and_commit_resolves_the_turn() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Play);
    key(&mut a, KeyCode::Char('5'));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay, Some(Overlay::ConfirmAct(2)));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.view.as_ref().unwrap().orders.len(), 1);
    key(&mut a, KeyCode::Char('c'));
    let io = key(&mut a, KeyCode::Char('y'));
    assert_eq!(io, vec![Io::Autosave], "every commit is saved");
    assert_eq!(a.screen, Screen::Resolution);
    let m = a.game.as_ref().unwrap();
    assert_eq!(m.game.turn(), 2);
    assert!(m
        .game
        .state()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Moved { .. })));
    // The log holds the move, so the game can be replayed.
    assert!(m.log.commands.iter().any(|c| c.actor == "north"));
}

#[test]
fn escape_backs_out_and_quit_asks_during_a_game() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Briefing);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Launcher);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(a.overlay, Some(Overlay::Quit));
    key(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none() && !a.quit);
    key(&mut a, KeyCode::Char('q'));
    let io = key(&mut a, KeyCode::Char('y'));
    assert!(a.quit);
    assert_eq!(io, vec![Io::Autosave], "quitting saves the game");
}

#[test]
fn hot_seat_players_take_turns_behind_a_privacy_screen() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Privacy);
    assert!(draw(&a, 120, 40).contains("Pass the keyboard to Northland"));
    key(&mut a, KeyCode::Enter);
    // Each reads their own brief before the first turn.
    assert_eq!(a.screen, Screen::Resolution);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view.as_ref().unwrap().actor, "north");
    assert!(
        !draw(&a, 120, 40).contains("Keep your services"),
        "another player's secret objectives are not on the play screen"
    );
    key(&mut a, KeyCode::Char('c'));
    key(&mut a, KeyCode::Char('y'));
    assert_eq!(a.screen, Screen::Privacy);
    assert!(draw(&a, 120, 40).contains("Pass the keyboard to Eastmark"));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view.as_ref().unwrap().actor, "east");
    // Eastmark does not see Northland's private evidence.
    let v = a.view.as_ref().unwrap();
    assert!(v.evidence.iter().all(|e| e.id != "sigint"));
}

#[test]
fn the_mouse_focuses_panels_and_selects_rows() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    draw(&a, 120, 40);
    // The actions panel is in the bottom third at 120x40.
    click(&mut a, 10, 32, MouseEventKind::Down(MouseButton::Left));
    let d = a.desk().unwrap();
    assert_eq!(d.ui.panel(), Panel::Actions);
    let sel = d.ui.sel[Panel::Actions.index()];
    assert!(sel > 0, "clicking a row selects it");
    click(&mut a, 10, 32, MouseEventKind::ScrollUp);
    assert_eq!(a.desk().unwrap().ui.sel[Panel::Actions.index()], sel - 1);
}

#[test]
fn the_turn_timer_commits_when_it_runs_out() {
    let mut a = app();
    a.turn_timer = Some(2);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    assert!(draw(&a, 120, 40).contains("⏱ 0:02"));
    a.tick();
    a.tick();
    assert_eq!(a.game.as_ref().unwrap().game.turn(), 1);
    let io = a.tick();
    assert_eq!(io, vec![Io::Autosave]);
    assert_eq!(a.game.as_ref().unwrap().game.turn(), 2);
    assert!(a.status.as_ref().unwrap().0.contains("Time ran out"));
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    let big = draw(&a, 120, 40);
    let small = draw(&a, 80, 24);
    assert!(
        big.contains("4 World") && big.contains("5 Actions"),
        "all panels at 120x40"
    );
    assert!(small.contains("1 Situation  2 Intel"), "tabs at 80x24");
    assert!(draw(&a, 79, 24).contains("too small"));
}

#[test]
fn themes_load_and_no_color_is_plain() {
    assert_eq!(Theme::new(false), Theme::plain());
    assert!(Theme::new(true).color);
    let shipped = std::fs::read_to_string("assets/theme.ron").unwrap();
    assert!(Theme::from_source(&shipped).is_ok());
    let err = Theme::from_source("Theme(title: 3)").unwrap_err();
    assert!(err.contains("Expected") || err.contains("expected"), "{err}");
}
