//! Every screen, drawn on a test backend at 80x24 and 120x40.

mod common;

use demarche::session::catalog;
use demarche::tui::app::App;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app() -> App {
    let catalog = vec![
        catalog::entry("tests/fixtures/small.ron"),
        catalog::entry("tests/fixtures/does-not-exist.ron"),
    ];
    App::new(Theme::plain(), catalog, 3)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for k in keys {
        app.on_key(KeyEvent::new(*k, KeyModifiers::NONE));
    }
}

fn shot(app: &App, name: &str) {
    for (w, h) in SIZES {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| screens::draw(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

use KeyCode::{Char, Down, Enter, Esc, Right};

/// Launcher → briefing → play as Northland alone.
fn playing() -> App {
    let mut a = app();
    press(&mut a, &[Enter, Enter]);
    a
}

#[test]
fn launcher() {
    let mut a = app();
    shot(&a, "launcher");
    press(&mut a, &[Down]);
    shot(&a, "launcher_broken_entry");
}

#[test]
fn briefing() {
    let mut a = app();
    press(&mut a, &[Enter, Down, Char(' ')]);
    shot(&a, "briefing");
}

#[test]
fn play_panels() {
    let mut a = playing();
    shot(&a, "play_feed");
    for (key, name) in [
        ('2', "play_intel"),
        ('3', "play_relations"),
        ('4', "play_world"),
        ('5', "play_actions"),
    ] {
        press(&mut a, &[Char(key)]);
        shot(&a, name);
    }
}

#[test]
fn dialogs() {
    let mut a = playing();
    press(&mut a, &[Char('5'), Down, Down, Enter]);
    shot(&a, "confirm_action");
    press(&mut a, &[Esc, Char('2'), Char('s')]);
    shot(&a, "share");
    press(&mut a, &[Esc, Char('a'), Right, Right]);
    shot(&a, "attribute_overclaim");
    press(&mut a, &[Esc, Char('?')]);
    shot(&a, "help");
    press(&mut a, &[Esc, Char('q')]);
    shot(&a, "quit");
    press(&mut a, &[Esc, Char('n'), Char('h'), Char('i')]);
    shot(&a, "notes");
    press(&mut a, &[Esc, Char('c')]);
    shot(&a, "end_turn");
}

#[test]
fn resolution_and_debrief() {
    let mut a = playing();
    press(&mut a, &[Char('5'), Down, Down, Enter, Char('y'), Char('c'), Char('y')]);
    shot(&a, "resolution");
    // Play on, committing with no move, until the game ends.
    for _ in 0..12 {
        press(&mut a, &[Esc, Char('c'), Char('y')]);
    }
    press(&mut a, &[Esc]);
    for tab in ["outcome", "timeline", "escalation", "norms", "attribution", "questions"] {
        shot(&a, &format!("debrief_{tab}"));
        press(&mut a, &[Right]);
    }
}

#[test]
fn hot_seat_privacy_screen() {
    let mut a = app();
    press(&mut a, &[Enter, Down, Char(' '), Enter]);
    shot(&a, "privacy");
}

#[test]
fn too_small() {
    let a = playing();
    let mut t = Terminal::new(TestBackend::new(60, 20)).unwrap();
    t.draw(|f| screens::draw(&a, f)).unwrap();
    insta::assert_snapshot!("too_small_60x20", t.backend());
}
