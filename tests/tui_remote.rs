//! The networked screens (player, facilitator, projector), driven by a
//! room in-process: every message goes through the real protocol types.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use demarche::net::protocol::{ClientMsg, Role};
use demarche::net::room::{Room, RoomCodes};
use demarche::tui::app::{App, Screen};
use demarche::tui::remote::Remote;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

struct Seat {
    conn: u64,
    app: App,
    outbox: Arc<Mutex<Vec<ClientMsg>>>,
}

fn seat(conn: u64) -> Seat {
    let outbox = Arc::new(Mutex::new(Vec::new()));
    let o = Arc::clone(&outbox);
    let mut app = App::new(Theme::plain(), Vec::new(), 0);
    app.remote = Some(Remote::new(Box::new(move |m| {
        o.lock().unwrap().push(m);
        true
    })));
    Seat { conn, app, outbox }
}

struct Table {
    room: Room,
    seats: Vec<Seat>,
}

impl Table {
    fn new() -> Table {
        let codes = RoomCodes {
            players: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            facilitator: "f".into(),
            spectator: "s".into(),
        };
        let room = Room::new(1, common::small(), 3, codes, None).unwrap();
        let mut t = Table {
            room,
            seats: vec![seat(1), seat(2), seat(3)],
        };
        let now = Instant::now();
        t.room.start(now);
        let joins = [
            (1, Role::Facilitator, None),
            (2, Role::Spectator, None),
            (3, Role::Player { actor: "north".into() }, Some(0)),
        ];
        for (conn, role, actor) in joins {
            let mut out = t.room.join(conn, role, actor, Some(format!("p{conn}")), now);
            out.extend(t.room.states(now));
            t.deliver(out);
        }
        t
    }
    fn deliver(&mut self, out: Vec<(u64, demarche::net::protocol::ServerMsg)>) {
        for (conn, msg) in out {
            if let Some(s) = self.seats.iter_mut().find(|s| s.conn == conn) {
                s.app.on_server(msg);
            }
        }
    }
    /// Carry every client's outgoing messages to the room, until quiet.
    fn pump(&mut self) {
        loop {
            let mut any = false;
            for i in 0..self.seats.len() {
                let msgs: Vec<ClientMsg> = self.seats[i].outbox.lock().unwrap().drain(..).collect();
                for m in msgs {
                    any = true;
                    let mut out = self.room.handle(self.seats[i].conn, m, Instant::now());
                    out.extend(self.room.states(Instant::now()));
                    self.deliver(out);
                }
            }
            if !any {
                return;
            }
        }
    }
    fn key(&mut self, i: usize, c: KeyCode) {
        self.seats[i].app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
        self.pump();
    }
}

fn shot(app: &App, name: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| screens::draw(app, f)).unwrap();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

const WHITE: usize = 0;
const SCREEN: usize = 1;
const NORTH: usize = 2;

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
    t.key(WHITE, KeyCode::Enter);
    let feed = &t.seats[NORTH].app.view.as_ref().unwrap().feed;
    assert!(feed.iter().any(|f| f.headline == "Minister calls"));
    // The player commits: the turn resolves and the resolution shows.
    t.key(NORTH, KeyCode::Char('c'));
    t.key(NORTH, KeyCode::Char('y'));
    assert_eq!(t.seats[NORTH].app.screen, Screen::Resolution);
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().turn, 2);
    // Ending the game brings everyone to the debrief.
    t.key(WHITE, KeyCode::Char('E'));
    t.key(WHITE, KeyCode::Char('y'));
    for s in &t.seats {
        assert!(s.app.debrief.is_some());
    }
    t.key(NORTH, KeyCode::Esc);
    assert_eq!(t.seats[NORTH].app.screen, Screen::Debrief);
    shot(&t.seats[NORTH].app, "remote_debrief");
}
