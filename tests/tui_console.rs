//! The white cell console: several rooms, each a real room in-process and
//! a real facilitator's app on the real protocol types, behind one
//! overview; what the console does to a room goes to that room only.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use demarche::net::protocol::{ClientMsg, Facilitate, Role, Seat, ServerMsg};
use demarche::net::room::{Room, RoomCodes};
use demarche::tui::app::{App, Overlay, Screen};
use demarche::tui::remote::Remote;
use demarche::tui::theme::Theme;
use demarche::tui::{screens, Input};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

const FACILITATOR: u64 = 1;
const NORTH: u64 = 2;
const EAST: u64 = 3;

/// Rooms in-process and the console over them, with one clock for all, so
/// every picture is the same at every run.
struct Console {
    rooms: Vec<Room>,
    outboxes: Vec<Arc<Mutex<Vec<ClientMsg>>>>,
    app: App,
    now: Instant,
}

impl Console {
    fn new(n: usize) -> Console {
        let now = Instant::now();
        let mut rooms = Vec::new();
        let mut outboxes = Vec::new();
        let mut apps = Vec::new();
        for i in 0..n {
            let codes = RoomCodes {
                players: (0..4).map(|a| format!("r{i}p{a}")).collect(),
                facilitator: format!("r{i}f"),
                spectator: format!("r{i}s"),
            };
            let mut room = Room::new(i + 1, common::small(), 3 + i as u64, codes, None).unwrap();
            room.start(now);
            rooms.push(room);
            let outbox = Arc::new(Mutex::new(Vec::new()));
            let o = Arc::clone(&outbox);
            let mut app = App::new(Theme::plain(), Vec::new(), 0);
            app.remote = Some(Remote::new(Box::new(move |m| {
                o.lock().unwrap().push(m);
                true
            })));
            outboxes.push(outbox);
            apps.push((i + 1, app));
        }
        let mut c = Console {
            rooms,
            outboxes,
            app: App::console(Theme::plain(), apps),
            now,
        };
        for i in 0..n {
            let out = c.rooms[i].join(FACILITATOR, Role::Facilitator, None, Some("trainer".into()), now);
            c.deliver(i, out);
        }
        c
    }

    fn deliver(&mut self, i: usize, mut out: Vec<(u64, ServerMsg)>) {
        out.extend(self.rooms[i].states(self.now));
        for (conn, msg) in out {
            if conn == FACILITATOR {
                self.app.on_room(i, Input::Server(Box::new(msg)));
            }
        }
    }

    /// Carry what each facilitator's app sent to its room, until quiet.
    fn pump(&mut self) {
        loop {
            let mut any = false;
            for i in 0..self.rooms.len() {
                let msgs: Vec<ClientMsg> = self.outboxes[i].lock().unwrap().drain(..).collect();
                for m in msgs {
                    any = true;
                    let out = self.rooms[i].handle(FACILITATOR, m, self.now);
                    self.deliver(i, out);
                }
            }
            if !any {
                return;
            }
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        self.pump();
    }

    /// The facilitator of room `i` does `f` from outside the console.
    fn facilitate(&mut self, i: usize, command: Facilitate) {
        let out = self.rooms[i].handle(FACILITATOR, ClientMsg::Facilitate { id: 9, command }, self.now);
        self.deliver(i, out);
    }

    fn player(&mut self, i: usize, conn: u64, actor: &str, index: usize) {
        let role = Role::Player { actor: actor.into() };
        let out = self.rooms[i].join(conn, role, Some(index), Some(format!("p{conn}")), self.now);
        self.deliver(i, out);
    }

    fn commit(&mut self, i: usize, conn: u64) {
        let msg = ClientMsg::Command {
            id: 7,
            command: demarche::engine::Command::Commit,
        };
        let out = self.rooms[i].handle(conn, msg, self.now);
        self.deliver(i, out);
    }

    /// Let two seconds pass, so each room sends its batched roster news.
    fn settle(&mut self) {
        self.now += std::time::Duration::from_secs(2);
        for i in 0..self.rooms.len() {
            let out = self.rooms[i].tick(self.now);
            self.deliver(i, out);
        }
    }

    fn bots(&mut self, i: usize, actors: &[&str]) {
        for a in actors {
            let seat = Seat::Bot {
                policy: demarche::bots::Policy::Cautious,
            };
            self.facilitate(
                i,
                Facilitate::SetSeat {
                    actor: (*a).into(),
                    seat,
                },
            );
        }
    }

    fn screen(&self) -> String {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| screens::draw(&self.app, f)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }
}

/// Three rooms in three states: one playing against the clock, one paused
/// and waiting only for a seat nobody holds, one over.
fn three_rooms() -> Console {
    let mut c = Console::new(3);
    c.bots(0, &["cert", "vendor"]);
    c.facilitate(0, Facilitate::SetTimer { seconds: 600 });
    c.player(0, NORTH, "north", 0);
    c.player(0, EAST, "east", 1);
    c.commit(0, NORTH);
    c.bots(1, &["cert", "vendor"]);
    c.player(1, NORTH, "north", 0);
    c.commit(1, NORTH);
    c.facilitate(1, Facilitate::Pause);
    c.bots(2, &["cert"]);
    c.facilitate(2, Facilitate::EndGame);
    c.settle();
    c
}

#[test]
fn the_overview_shows_every_room_at_80x24() {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let c = three_rooms();
    assert_eq!(c.app.screen, Screen::Rooms);
    t.draw(|f| screens::draw(&c.app, f)).unwrap();
    insta::assert_snapshot!("console_three_rooms_80x24", t.backend());
    let text = c.screen();
    assert!(text.contains("waiting for Eastmark"), "{text}");
    assert!(text.contains("PAUSED"), "{text}");
    assert!(text.contains("stalled"), "{text}");
}

#[test]
fn pausing_from_the_console_pauses_that_room_only() {
    let mut c = three_rooms();
    c.facilitate(1, Facilitate::Resume);
    // 2 opens room 2's white cell; p there pauses room 2, and nothing else.
    c.key(KeyCode::Char('2'));
    assert_eq!(c.app.open_room().map(|r| r.screen), Some(Screen::WhiteCell));
    assert!(c.screen().contains("White cell · room 2"), "{}", c.screen());
    c.key(KeyCode::Char('p'));
    assert!(c.rooms[1].status(c.now).paused, "room 2 is paused");
    assert!(!c.rooms[0].status(c.now).paused, "room 1 goes on");
    // Esc goes back to every room, where p acts on the selected room.
    c.key(KeyCode::Esc);
    assert!(c.app.open_room().is_none());
    assert!(c.screen().contains("PAUSED"));
    c.key(KeyCode::Up);
    c.key(KeyCode::Char('p'));
    assert!(c.rooms[0].status(c.now).paused, "room 1 paused from the overview");
    assert!(c.rooms[1].status(c.now).paused, "room 2 stays paused");
    assert!(c.screen().contains("Room 1: Paused"), "{}", c.screen());
}

#[test]
fn the_rooms_keys_are_in_the_help_and_the_footer() {
    let mut c = three_rooms();
    let text = c.screen();
    assert!(text.contains("open room"), "{text}");
    c.key(KeyCode::Char('?'));
    assert_eq!(c.app.overlay, Some(Overlay::Help));
    let help = c.screen();
    assert!(help.contains("pause or resume the selected room"), "{help}");
    c.key(KeyCode::Esc);
    // In a room, the white cell's own help also says how to get back.
    c.key(KeyCode::Char('1'));
    c.key(KeyCode::Char('?'));
    let help = c.screen();
    assert!(help.contains("back to every room"), "{help}");
    assert!(help.contains("pause or resume the game"), "{help}");
    c.key(KeyCode::Esc);
    assert!(c.app.open_room().is_some(), "Esc closes the help first");
    assert!(c.screen().contains("Esc all rooms"), "{}", c.screen());
    c.key(KeyCode::Char('9'));
    assert!(c.screen().contains("There is no room 9"), "{}", c.screen());
}

#[test]
fn a_lost_room_says_whether_it_comes_back() {
    let mut c = three_rooms();
    c.app
        .on_room(0, Input::Closed("the connection was lost; reconnecting…".into()));
    let bye = ServerMsg::Bye {
        reason: "this code was used to join from another connection".into(),
    };
    c.app.on_room(2, Input::Server(Box::new(bye)));
    let text = c.screen();
    let line = |n: &str| text.lines().find(|l| l.starts_with(n)).unwrap_or_default().to_string();
    assert!(line("▸ 1").contains("reconnecting"), "{text}");
    assert!(line("  3").contains("disconnected: Enter shows why"), "{text}");
    assert!(text.contains("⚠ 3 need you"), "{text}");
    // Room 1 comes back on its own: the server greets it again.
    let welcome = ServerMsg::Welcome {
        protocol: demarche::net::protocol::PROTOCOL_VERSION,
        room: 1,
        connection: 5,
        role: Role::Facilitator,
        scenario: "Test".into(),
    };
    c.app.on_room(0, Input::Server(Box::new(welcome)));
    assert!(!c.screen().contains("reconnecting"), "{}", c.screen());
}

#[test]
fn capital_p_pauses_every_running_room_then_resumes_them() {
    let mut c = three_rooms();
    c.key(KeyCode::Char('P'));
    assert!(c.rooms[0].status(c.now).paused && c.rooms[1].status(c.now).paused);
    assert!(c.screen().contains("Paused: room 1"), "{}", c.screen());
    c.key(KeyCode::Char('P'));
    assert!(!c.rooms[0].status(c.now).paused && !c.rooms[1].status(c.now).paused);
    assert!(c.screen().contains("Resumed: room 1, 2"), "{}", c.screen());
}

#[test]
fn a_click_selects_a_room_and_the_wheel_moves_the_selection() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut c = three_rooms();
    let _ = c.screen();
    let at = |kind, row| MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Room 3's second line: the header, the headings, then two rows a room.
    c.app.on_mouse(at(MouseEventKind::Down(MouseButton::Left), 7));
    assert_eq!(c.app.console.as_ref().unwrap().sel, 2);
    c.app.on_mouse(at(MouseEventKind::ScrollUp, 7));
    assert_eq!(c.app.console.as_ref().unwrap().sel, 1);
    c.key(KeyCode::Enter);
    assert!(c.screen().contains("White cell · room 2"), "{}", c.screen());
}

#[test]
fn a_rooms_clock_waits_for_its_first_player_then_counts_down() {
    let mut c = Console::new(2);
    c.facilitate(0, Facilitate::SetTimer { seconds: 600 });
    c.bots(1, &["cert", "vendor"]);
    c.player(1, NORTH, "north", 0);
    c.player(1, EAST, "east", 1);
    c.facilitate(1, Facilitate::SetTimer { seconds: 300 });
    c.settle();
    // Five seconds on the console's clock: room 2 counts down, room 1,
    // which nobody has joined, keeps its full time.
    for _ in 0..5 {
        c.app.tick();
    }
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| screens::draw(&c.app, f)).unwrap();
    insta::assert_snapshot!("console_clock_waits_80x24", t.backend());
    let text = c.screen();
    let line = |text: &str, n: &str| text.lines().find(|l| l.starts_with(n)).unwrap_or_default().to_string();
    assert!(line(&text, "▸ 1").contains("waits 10:00"), "{text}");
    assert!(line(&text, "  2").contains("⏱ 4:55"), "{text}");
    assert!(text.contains("the clock starts with the first"), "{text}");
    // Room 1's own white cell screen says so too.
    c.key(KeyCode::Char('1'));
    let room = c.screen();
    assert!(room.contains("clock waits for players · ⏱ 10:00"), "{room}");
    c.key(KeyCode::Esc);
    // The first player arrives: the server starts the clock, and the
    // console counts it down from there.
    c.player(0, NORTH, "north", 0);
    for _ in 0..3 {
        c.app.tick();
    }
    let text = c.screen();
    assert!(line(&text, "▸ 1").contains("⏱ 9:57"), "{text}");
    assert!(!text.contains("the clock starts"), "{text}");
}

#[test]
fn the_projector_shows_a_clock_that_waits_standing_still() {
    let now = Instant::now();
    let codes = RoomCodes {
        players: (0..4).map(|a| format!("p{a}")).collect(),
        facilitator: "f".into(),
        spectator: "s".into(),
    };
    let settings = demarche::session::log_file::Setup {
        turn_timer: Some(600),
        ..Default::default()
    };
    let mut room = Room::new_with(1, common::small(), 3, codes, None, settings).unwrap();
    room.start(now);
    let mut app = App::new(Theme::plain(), Vec::new(), 0);
    app.remote = Some(Remote::new(Box::new(|_| true)));
    const SCREEN: u64 = 5;
    let deliver = |app: &mut App, out: Vec<(u64, ServerMsg)>| {
        for (conn, m) in out {
            if conn == SCREEN {
                app.on_server(m);
            }
        }
    };
    let mut out = room.join(SCREEN, Role::Spectator, None, None, now);
    out.extend(room.states(now));
    deliver(&mut app, out);
    for _ in 0..5 {
        app.tick();
    }
    let time_left = |app: &App| app.remote.as_ref().and_then(|r| r.desk.time_left);
    assert_eq!(time_left(&app), Some(600), "a waiting clock does not count down");
    let draw = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| screens::draw(app, f)).unwrap();
        format!("{}", t.backend())
    };
    assert!(draw(&app).contains("The clock starts when the"), "{}", draw(&app));
    let out = room.join(NORTH, Role::Player { actor: "north".into() }, Some(0), None, now);
    deliver(&mut app, out);
    app.tick();
    assert_eq!(time_left(&app), Some(599), "the first player started it");
    assert!(!draw(&app).contains("The clock starts"), "{}", draw(&app));
}
