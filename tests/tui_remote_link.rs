//! A hosted game's screens while the connection to the server is down:
//! the player (on the resolution screen, the play screen, a dialog), the
//! white cell and the projector all say so and why, and no clock counts
//! down against a server nobody can reach. Driven by a room in-process on
//! the real protocol types.

mod common;

mod table;

use std::time::Instant;

use demarche::net::protocol::{ClientMsg, Facilitate, Role, ServerMsg};
use demarche::tui::app::{App, Screen};
use demarche::tui::screens;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::Terminal;
use table::{Table, NORTH, SCREEN, WHITE};

const SHUTDOWN: &str = "the server is shutting down; the game is saved";

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::draw(app, f)).unwrap();
    format!("{}", t.backend())
}

fn shot(app: &App, name: &str, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| screens::draw(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

/// A room with a two-minute turn clock, the other actors played by bots;
/// the player has committed turn 1 and reads what happened.
fn after_turn_one() -> Table {
    let mut t = Table::new();
    for _ in 0..3 {
        t.key(WHITE, KeyCode::Down);
        t.key(WHITE, KeyCode::Char('b'));
    }
    let timer = ClientMsg::Facilitate {
        id: 90,
        command: Facilitate::SetTimer { seconds: 120 },
    };
    let mut out = t.room.handle(t.seats[WHITE].conn, timer, Instant::now());
    out.extend(t.room.states(Instant::now()));
    t.deliver(out);
    t.key(NORTH, KeyCode::Char('c'));
    t.key(NORTH, KeyCode::Char('y'));
    assert_eq!(t.seats[NORTH].app.screen, Screen::Resolution);
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().turn, 2);
    t
}

/// The host stops: every connection hears why, then the socket closes.
fn host_stops(t: &mut Table) {
    for s in &mut t.seats {
        s.app.on_server(ServerMsg::Bye {
            reason: SHUTDOWN.into(),
        });
        s.app.on_disconnect("the connection to the server was lost".into());
    }
}

#[test]
fn a_new_turn_does_not_keep_the_last_turns_committed_status() {
    let t = after_turn_one();
    let status = t.status(NORTH);
    assert!(!status.contains("ommitted"), "{status}");
    assert!(status.contains("Turn 2/6"), "{status}");
    assert!(!t.seats[NORTH].app.view.as_ref().unwrap().committed);
}

#[test]
fn a_player_who_loses_the_server_sees_it_on_every_screen_and_her_clock_stops() {
    let mut t = after_turn_one();
    host_stops(&mut t);
    let north = &mut t.seats[NORTH].app;
    shot(north, "lost_on_resolution", &[(80, 24), (120, 40)]);
    // The notice box closes; leaving the resolution, the play screen still
    // says so, and the clock does not count down while she waits.
    north.on_key(ratatui::crossterm::event::KeyEvent::from(KeyCode::Esc));
    north.on_key(ratatui::crossterm::event::KeyEvent::from(KeyCode::Esc));
    assert_eq!(north.screen, Screen::Play);
    let before = north.remote.as_ref().unwrap().desk.time_left;
    assert!(before.is_some());
    for _ in 0..5 {
        north.tick();
    }
    assert_eq!(north.remote.as_ref().unwrap().desk.time_left, before);
    shot(north, "lost_on_play", &[(80, 24), (120, 40)]);
    let screen = draw(north, 120, 40);
    assert!(screen.contains("⏱ —"), "{screen}");
    assert!(!screen.contains("ommitted"), "{screen}");
    // A dialog that covers the screen keeps the notice in sight.
    north.on_key(ratatui::crossterm::event::KeyEvent::from(KeyCode::Char('m')));
    let screen = draw(north, 120, 40);
    assert!(
        screen.contains("Not connected, reconnecting on its own: the server is shutting down"),
        "{screen}"
    );
    // The white cell and the projector say it too, with no running clock.
    let white = draw(&t.seats[WHITE].app, 120, 40);
    assert!(white.contains("NOT CONNECTED"), "{white}");
    assert!(!white.contains("running"), "{white}");
    shot(&t.seats[WHITE].app, "lost_white_cell", &[(120, 40)]);
    shot(&t.seats[SCREEN].app, "lost_projector", &[(120, 40)]);
}

#[test]
fn on_reconnection_the_server_tells_the_clock_again() {
    let mut t = after_turn_one();
    host_stops(&mut t);
    let now = Instant::now();
    // Her old connection is gone; what the room tells others of it goes
    // nowhere, as they are disconnected too.
    let _ = t.room.leave(t.seats[NORTH].conn, now);
    let north = Role::Player { actor: "north".into() };
    let mut out = t.room.join(t.seats[NORTH].conn, north, Some(0), Some("p3".into()), now);
    out.extend(t.room.states(now));
    t.deliver(out);
    let app = &t.seats[NORTH].app;
    let r = app.remote.as_ref().unwrap();
    assert!(r.connected && r.link_notice().is_none());
    assert!(r.desk.time_left.is_some_and(|s| s > 100), "{:?}", r.desk.time_left);
    let screen = draw(app, 120, 40);
    assert!(!screen.contains("Not connected"), "{screen}");
    assert!(screen.contains("⏱ 1:") || screen.contains("⏱ 2:"), "{screen}");
}
