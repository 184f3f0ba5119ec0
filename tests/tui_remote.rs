//! The networked screens (player, facilitator, projector), driven by a
//! room in-process: every message goes through the real protocol types.

mod common;

mod table;

use demarche::tui::app::{App, Screen};
use demarche::tui::screens;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use table::{Table, NORTH, SCREEN, WHITE};

fn shot(app: &App, name: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| screens::draw(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_facilitator_paces_the_game_and_players_see_it() {
    let mut t = Table::new();
    assert_eq!(t.seats[WHITE].app.screen, Screen::WhiteCell);
    assert_eq!(t.seats[SCREEN].app.screen, Screen::Spectator);
    assert_eq!(t.seats[NORTH].app.screen, Screen::Play);
    // Hand the three other actors to bots.
    for _ in 0..3 {
        t.key(WHITE, KeyCode::Down);
        t.key(WHITE, KeyCode::Char('b'));
    }
    shot(&t.seats[WHITE].app, "white_cell");
    shot(&t.seats[SCREEN].app, "spectator");
    // Pause: the player's move is refused and the header says so.
    t.key(WHITE, KeyCode::Char('p'));
    assert!(t.seats[NORTH].app.remote.as_ref().unwrap().paused);
    t.key(NORTH, KeyCode::Char('c'));
    t.key(NORTH, KeyCode::Char('y'));
    let status = t.seats[NORTH].app.status.clone().unwrap();
    assert!(status.0.contains("paused"), "{status:?}");
    shot(&t.seats[NORTH].app, "remote_player_paused");
    t.key(WHITE, KeyCode::Char('p'));
    // An inject written on the spot reaches everyone as news.
    t.key(WHITE, KeyCode::Char('i'));
    for c in "Minister calls".chars() {
        t.key(WHITE, KeyCode::Char(c));
    }
    t.key(WHITE, KeyCode::Enter);
    t.chord(WHITE, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let feed = &t.seats[NORTH].app.view.as_ref().unwrap().feed;
    assert!(feed.iter().any(|f| f.headline == "White cell: Minister calls"));
    // The player commits: the turn resolves and the resolution shows.
    t.key(NORTH, KeyCode::Char('c'));
    t.key(NORTH, KeyCode::Char('y'));
    assert_eq!(t.seats[NORTH].app.screen, Screen::Resolution);
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().turn, 2);
    // Ending the game brings the players and the white cell to the
    // debrief; the projector waits for the white cell to reveal it.
    t.key(WHITE, KeyCode::Char('E'));
    t.key(WHITE, KeyCode::Char('y'));
    for (i, s) in t.seats.iter().enumerate() {
        assert_eq!(s.app.debrief.is_some(), i != SCREEN, "seat {i}");
    }
    t.key(NORTH, KeyCode::Esc);
    assert_eq!(t.seats[NORTH].app.screen, Screen::Debrief);
    shot(&t.seats[NORTH].app, "remote_debrief");
}
