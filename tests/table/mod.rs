//! A room in-process with a facilitator, a projector and one player, each
//! a real `App` on the real protocol types: what the screens of a hosted
//! game do, without sockets.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Instant;

use demarche::net::protocol::{ClientMsg, Role, ServerMsg};
use demarche::net::room::{Room, RoomCodes};
use demarche::tui::app::App;
use demarche::tui::remote::Remote;
use demarche::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const WHITE: usize = 0;
pub const SCREEN: usize = 1;
pub const NORTH: usize = 2;

pub struct Seat {
    pub conn: u64,
    pub app: App,
    pub outbox: Arc<Mutex<Vec<ClientMsg>>>,
}

pub fn seat(conn: u64) -> Seat {
    let outbox = Arc::new(Mutex::new(Vec::new()));
    let o = Arc::clone(&outbox);
    let mut app = App::new(Theme::plain(), Vec::new(), 0);
    app.remote = Some(Remote::new(Box::new(move |m| {
        o.lock().unwrap().push(m);
        true
    })));
    Seat { conn, app, outbox }
}

pub struct Table {
    pub room: Room,
    pub seats: Vec<Seat>,
}

impl Table {
    pub fn new() -> Table {
        let codes = RoomCodes {
            players: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            facilitator: "f".into(),
            spectator: "s".into(),
        };
        let room = Room::new(1, crate::common::small(), 3, codes, None).unwrap();
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
    pub fn deliver(&mut self, out: Vec<(u64, ServerMsg)>) {
        for (conn, msg) in out {
            if let Some(s) = self.seats.iter_mut().find(|s| s.conn == conn) {
                s.app.on_server(msg);
            }
        }
    }
    /// Carry every client's outgoing messages to the room, until quiet.
    pub fn pump(&mut self) {
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
    /// Let `secs` pass for the room (its clock, its pending roster
    /// updates), then deliver what it sends.
    pub fn later(&mut self, secs: u64) {
        let now = Instant::now() + std::time::Duration::from_secs(secs);
        let mut out = self.room.tick(now);
        out.extend(self.room.states(now));
        self.deliver(out);
        self.pump();
    }

    pub fn key(&mut self, i: usize, c: KeyCode) {
        self.seats[i].app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
        self.pump();
    }

    /// A key with modifiers (Ctrl-S), then deliver.
    pub fn chord(&mut self, i: usize, c: KeyCode, m: KeyModifiers) {
        self.seats[i].app.on_key(KeyEvent::new(c, m));
        self.pump();
    }
    pub fn keys(&mut self, i: usize, text: &str) {
        for c in text.chars() {
            self.key(i, KeyCode::Char(c));
        }
    }
    pub fn paste(&mut self, i: usize, text: &str) {
        self.seats[i].app.on_paste(text);
        self.pump();
    }
    /// What the facilitator's status line says.
    pub fn status(&self, i: usize) -> String {
        self.seats[i].app.status.clone().map(|s| s.0).unwrap_or_default()
    }
}
