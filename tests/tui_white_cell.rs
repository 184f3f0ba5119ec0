//! The facilitator's screen as a trainer uses it: every key in its help
//! does what the help says, pasted or typed injects stay in the form,
//! injects go to any set of actors, force resolve asks first, the timer
//! prompt reads people's durations, bots get the policy chosen.

mod common;
mod table;

use demarche::bots::Policy;
use demarche::net::protocol::{ClientMsg, Facilitate, Seat};
use demarche::tui::app::{Overlay, Screen};
use demarche::tui::screens;
use demarche::tui::white_cell_input::parse_turn_time;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use table::{Table, NORTH, SCREEN, WHITE};

fn draw(t: &Table, i: usize, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| screens::draw(&t.seats[i].app, f)).unwrap();
    format!("{}", term.backend())
}

fn turn(t: &Table) -> u32 {
    t.seats[NORTH].app.view.as_ref().unwrap().turn
}

fn facilitator(t: &Table) -> demarche::net::protocol::FacilitatorState {
    t.seats[WHITE].app.remote.as_ref().unwrap().facilitator.clone().unwrap()
}

/// North chooses a move and does not commit yet.
fn north_chooses(t: &mut Table) {
    t.key(NORTH, KeyCode::Char('5'));
    t.key(NORTH, KeyCode::Down);
    t.key(NORTH, KeyCode::Down);
    t.key(NORTH, KeyCode::Enter);
    t.key(NORTH, KeyCode::Char('y'));
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().orders.len(), 1);
}

#[test]
fn k_disconnects_the_selected_actors_player() {
    let mut t = Table::new();
    assert_eq!(facilitator(&t).seats[0].actor, "north");
    assert!(facilitator(&t).seats[0].connected);
    t.key(WHITE, KeyCode::Char('k'));
    assert!(
        !t.seats[NORTH].app.remote.as_ref().unwrap().connected,
        "the player was told goodbye"
    );
    assert!(!facilitator(&t).seats[0].connected);
}

#[test]
fn a_pasted_multi_line_inject_stays_in_the_form_until_sent() {
    let mut t = Table::new();
    north_chooses(&mut t);
    t.key(WHITE, KeyCode::Char('i'));
    t.paste(
        WHITE,
        "Markets wobble\r\nThe stock exchange fell 3% this morning.\r\nOfficials blame the outage on the attack.",
    );
    let Some(Overlay::InjectForm(form)) = t.seats[WHITE].app.overlay.clone() else {
        panic!("the form is still open: {:?}", t.seats[WHITE].app.overlay);
    };
    assert_eq!(form.headline, "Markets wobble");
    assert_eq!(
        form.text,
        "The stock exchange fell 3% this morning.\nOfficials blame the outage on the attack."
    );
    assert_eq!(turn(&t), 1, "nothing ran as keys");
    let screen = draw(&t, WHITE, 120, 40);
    assert!(screen.contains("Officials blame the outage"), "{screen}");
    t.chord(WHITE, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(t.seats[WHITE].app.overlay.is_none());
    let feed = &t.seats[NORTH].app.view.as_ref().unwrap().feed;
    let item = feed
        .iter()
        .find(|f| f.headline == "White cell: Markets wobble")
        .expect("the inject reached the player");
    assert!(item.text.contains('\n'), "its lines are kept: {:?}", item.text);
    assert_eq!(
        t.seats[NORTH].app.view.as_ref().unwrap().orders.len(),
        1,
        "the move is kept"
    );
}

#[test]
fn typed_lines_without_bracketed_paste_never_run_as_commands() {
    // A terminal without bracketed paste sends a paste as keys, Enter for
    // each newline: the form keeps them all.
    let mut t = Table::new();
    north_chooses(&mut t);
    t.key(WHITE, KeyCode::Char('i'));
    t.keys(WHITE, "Markets wobble");
    t.key(WHITE, KeyCode::Enter);
    t.keys(WHITE, "The stock exchange fell 3% this morning.");
    t.key(WHITE, KeyCode::Enter);
    t.keys(WHITE, "Officials blame the outage; pause, kick, bot, End.");
    assert_eq!(turn(&t), 1, "no 'f' forced the turn");
    assert!(!t.seats[WHITE].app.remote.as_ref().unwrap().paused, "no 'p' paused");
    let Some(Overlay::InjectForm(form)) = t.seats[WHITE].app.overlay.clone() else {
        panic!("the form is still open");
    };
    assert_eq!(form.headline, "Markets wobble");
    assert!(form.text.ends_with("pause, kick, bot, End."), "{:?}", form.text);
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().orders.len(), 1);
}

#[test]
fn an_inject_goes_to_the_ticked_actors_only() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('i'));
    t.keys(WHITE, "Quiet word");
    t.key(WHITE, KeyCode::Tab);
    t.key(WHITE, KeyCode::Tab);
    t.key(WHITE, KeyCode::Char(' '));
    t.key(WHITE, KeyCode::Down);
    t.key(WHITE, KeyCode::Char(' '));
    assert!(draw(&t, WHITE, 80, 24).contains("[x] Eastmark"));
    t.key(WHITE, KeyCode::Enter);
    assert!(t.status(WHITE).contains("Northland, Eastmark"), "{}", t.status(WHITE));
    let north = &t.seats[NORTH].app.view.as_ref().unwrap().feed;
    assert!(north.iter().any(|f| f.headline == "White cell: Quiet word"));
    let public = &t.seats[SCREEN]
        .app
        .remote
        .as_ref()
        .unwrap()
        .public
        .as_ref()
        .unwrap()
        .feed;
    assert!(
        !public.iter().any(|f| f.headline.contains("Quiet word")),
        "not public news"
    );
}

#[test]
fn inject_text_from_a_facilitator_loses_its_control_characters() {
    let mut t = Table::new();
    let msg = ClientMsg::Facilitate {
        id: 9,
        command: Facilitate::Inject {
            headline: "Alert\u{1b}[2J\u{7}".into(),
            text: "line one\r\nline\u{1b}]0;pwned\u{7} two\u{9b}31m".into(),
            audience: Vec::new(),
        },
    };
    let out = t.room.handle(1, msg, std::time::Instant::now());
    t.deliver(out);
    let out = t.room.states(std::time::Instant::now());
    t.deliver(out);
    let feed = &t.seats[NORTH].app.view.as_ref().unwrap().feed;
    let item = feed.iter().find(|f| f.headline.contains("Alert")).unwrap();
    assert_eq!(item.headline, "White cell: Alert[2J");
    assert_eq!(item.text, "line one\nline]0;pwned two31m");
}

#[test]
fn force_resolve_asks_first() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('f'));
    assert_eq!(t.seats[WHITE].app.overlay, Some(Overlay::ConfirmForce));
    let screen = draw(&t, WHITE, 80, 24);
    assert!(screen.contains("Not committed yet: Northland"), "{screen}");
    t.key(WHITE, KeyCode::Char('n'));
    assert_eq!(turn(&t), 1);
    t.key(WHITE, KeyCode::Char('f'));
    t.key(WHITE, KeyCode::Char('y'));
    assert_eq!(turn(&t), 2);
}

#[test]
fn the_timer_prompt_reads_durations_as_people_write_them() {
    assert_eq!(parse_turn_time("90"), Ok(90));
    assert_eq!(parse_turn_time("90s"), Ok(90));
    assert_eq!(parse_turn_time("10m"), Ok(600));
    assert_eq!(parse_turn_time("1h30m"), Ok(5400));
    assert_eq!(parse_turn_time("1h 30m"), Ok(5400));
    assert_eq!(parse_turn_time("off"), Ok(0));
    assert!(parse_turn_time("soon").unwrap_err().contains("not a time"));
    assert!(parse_turn_time("3d").unwrap_err().contains("over a day"));
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('t'));
    t.keys(WHITE, "1h30m");
    assert!(draw(&t, WHITE, 80, 24).contains("= 1 h 30 min per turn"));
    t.key(WHITE, KeyCode::Enter);
    assert_eq!(facilitator(&t).turn_seconds, Some(5400));
    assert!(t.status(WHITE).contains("1 h 30 min per turn"), "{}", t.status(WHITE));
    // Something it cannot read is said, and the prompt stays open.
    t.key(WHITE, KeyCode::Char('t'));
    t.keys(WHITE, "soon");
    t.key(WHITE, KeyCode::Enter);
    assert!(matches!(t.seats[WHITE].app.overlay, Some(Overlay::TimerPrompt { .. })));
    assert!(t.status(WHITE).contains("not a time"));
}

#[test]
fn the_white_cell_clock_counts_down_like_the_players() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('t'));
    t.keys(WHITE, "90s");
    t.key(WHITE, KeyCode::Enter);
    let clock = |t: &Table| t.seats[WHITE].app.remote.as_ref().unwrap().desk.time_left.unwrap();
    let left = clock(&t);
    assert!((89..=90).contains(&left), "{left}");
    assert!(draw(&t, WHITE, 120, 40).contains(&format!("⏱ 1:{:02}", left - 60)));
    t.seats[WHITE].app.tick();
    t.seats[WHITE].app.tick();
    assert_eq!(clock(&t), left - 2);
    assert!(draw(&t, WHITE, 120, 40).contains(&format!("⏱ 1:{:02}", left - 62)));
}

#[test]
fn the_facilitator_chooses_a_bots_policy() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Down);
    t.key(WHITE, KeyCode::Char('b'));
    let seat = |t: &Table| facilitator(t).seats[1].seat;
    assert_eq!(
        seat(&t),
        Seat::Bot {
            policy: Policy::Cautious
        }
    );
    t.key(WHITE, KeyCode::Char('B'));
    assert_eq!(
        seat(&t),
        Seat::Bot {
            policy: Policy::Cooperative
        }
    );
    t.key(WHITE, KeyCode::Char('B'));
    assert_eq!(
        seat(&t),
        Seat::Bot {
            policy: Policy::Hawkish
        }
    );
    assert!(draw(&t, WHITE, 80, 24).contains("bot: hawkish"));
    t.key(WHITE, KeyCode::Char('b'));
    assert_eq!(seat(&t), Seat::Human);
}

#[test]
fn every_key_of_the_white_cell_help_can_be_read_at_80x24() {
    let mut t = Table::new();
    assert_eq!(t.seats[WHITE].app.screen, Screen::WhiteCell);
    t.key(WHITE, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&draw(&t, WHITE, 80, 24));
        t.key(WHITE, KeyCode::Down);
    }
    for b in demarche::tui::keymap::help_rows(Screen::WhiteCell) {
        assert!(seen.contains(b.does), "\"{}\" never shows in the help", b.does);
    }
    t.key(WHITE, KeyCode::Esc);
    assert!(t.seats[WHITE].app.overlay.is_none());
}

#[test]
fn the_white_cell_reads_every_message_live_and_writes_as_an_actor() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('m'));
    assert!(matches!(t.seats[WHITE].app.overlay, Some(Overlay::PressDesk(_))));
    assert!(draw(&t, WHITE, 80, 24).contains("No messages yet"));
    // Write as Eastmark (the second seat) to Northland only.
    t.key(WHITE, KeyCode::Char('w'));
    t.key(WHITE, KeyCode::BackTab);
    t.key(WHITE, KeyCode::Right);
    t.key(WHITE, KeyCode::Tab);
    t.key(WHITE, KeyCode::F(2));
    t.paste(
        WHITE,
        "Our ambassador asks for a meeting.\r\nTomorrow, 10:00, at the ministry.",
    );
    let screen = draw(&t, WHITE, 80, 24);
    assert!(screen.contains("From: ◂ Eastmark ▸"), "{screen}");
    assert!(screen.contains("To: Northland"), "{screen}");
    assert!(screen.contains("Tomorrow, 10:00"), "{screen}");
    t.chord(WHITE, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        t.status(WHITE).contains("Sent as Eastmark to Northland"),
        "{}",
        t.status(WHITE)
    );
    let msgs = &t.seats[NORTH].app.view.as_ref().unwrap().press.messages;
    let got = msgs.last().expect("Northland got the message");
    assert_eq!(
        (got.from.as_str(), got.text.as_str()),
        (
            "east",
            "Our ambassador asks for a meeting.\nTomorrow, 10:00, at the ministry."
        )
    );
    // The desk shows it, marked as the white cell's, and keeps it when
    // filtered to Northland; filtered to an actor it does not involve, it
    // is gone.
    let screen = draw(&t, WHITE, 100, 30);
    assert!(screen.contains("Turn 1 · Eastmark → Northland"), "{screen}");
    assert!(screen.contains("written by the white cell"), "{screen}");
    let seats = facilitator(&t).seats;
    let cert = seats.iter().position(|s| s.actor == "cert").expect("a CERT seat");
    t.key(WHITE, KeyCode::Esc);
    t.key(WHITE, KeyCode::Char('m'));
    for _ in 0..=cert {
        t.key(WHITE, KeyCode::Right);
    }
    let screen = draw(&t, WHITE, 100, 30);
    assert!(
        screen.contains(&format!("Messages of {}", seats[cert].name)),
        "{screen}"
    );
    assert!(!screen.contains("ambassador"), "{screen}");
    // The spectator's projector never shows a private message.
    assert!(!draw(&t, SCREEN, 120, 40).contains("ambassador"));
}

#[test]
fn the_white_cell_reads_its_own_words_for_a_pause_and_players_theirs() {
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('p'));
    assert!(facilitator(&t).paused);
    let own = t.status(WHITE);
    assert!(own.starts_with("Paused for every player"), "{own}");
    assert!(own.ends_with("p: resume"), "{own}");
    assert!(!own.contains("The facilitator"), "{own}");
    assert_eq!(t.status(NORTH), "The facilitator paused the game");
    assert_eq!(t.status(SCREEN), "The facilitator paused the game");
    let screen = draw(&t, WHITE, 80, 24);
    assert!(screen.contains("Paused for every player"), "{screen}");
    t.key(WHITE, KeyCode::Char('p'));
    assert!(!facilitator(&t).paused);
    assert_eq!(t.status(WHITE), "Resumed for every player · p: pause");
    assert_eq!(t.status(NORTH), "The game resumes");
}
