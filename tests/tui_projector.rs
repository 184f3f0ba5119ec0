//! The projector as the room sees it, and what players are told when a
//! turn is cut short: the turn clock large, a PAUSED banner, who the room
//! is still waiting for; why an uncommitted move did not run, and that a
//! stand-in bot moved on a timeout.

mod common;
mod table;

use demarche::engine::FeedItem;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::Terminal;
use table::{Table, NORTH, SCREEN, WHITE};

fn draw(t: &Table, i: usize, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| demarche::tui::screens::draw(&t.seats[i].app, f)).unwrap();
    format!("{}", term.backend())
}

fn projector_waits_for(t: &Table) -> Vec<String> {
    let r = t.seats[SCREEN].app.remote.as_ref().unwrap();
    r.public.as_ref().unwrap().waiting_for.clone()
}

/// North chooses a move and does not commit.
fn north_chooses(t: &mut Table) {
    t.key(NORTH, KeyCode::Char('5'));
    t.key(NORTH, KeyCode::Down);
    t.key(NORTH, KeyCode::Down);
    t.key(NORTH, KeyCode::Enter);
    t.key(NORTH, KeyCode::Char('y'));
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().orders.len(), 1);
}

/// What a player's feed says, newest first.
fn feed(t: &Table, i: usize) -> Vec<FeedItem> {
    t.seats[i].app.view.as_ref().map(|v| v.feed.clone()).unwrap_or_default()
}

fn white_timeline(t: &Table) -> String {
    let s = t.seats[WHITE].app.remote.as_ref().unwrap().facilitator.clone().unwrap();
    format!("{:?}", s.debrief)
}

fn set_timer(t: &mut Table, text: &str) {
    t.key(WHITE, KeyCode::Char('t'));
    t.keys(WHITE, text);
    t.key(WHITE, KeyCode::Enter);
}

#[test]
fn the_projector_keeps_waiting_for_those_who_have_not_committed() {
    let mut t = Table::new();
    assert_eq!(projector_waits_for(&t).len(), 4);
    t.key(NORTH, KeyCode::Char('c'));
    t.key(NORTH, KeyCode::Char('y'));
    t.later(1);
    let left = projector_waits_for(&t);
    assert_eq!(left, vec!["east", "cert", "vendor"]);
    let screen = draw(&t, SCREEN, 120, 40);
    assert!(screen.contains("Waiting for Eastmark, Northland CERT"), "{screen}");
}

#[test]
fn the_projector_shows_the_clock_large_and_a_pause_banner() {
    let mut t = Table::new();
    set_timer(&mut t, "10m");
    t.key(WHITE, KeyCode::Char('p'));
    let left = t.seats[SCREEN].app.remote.as_ref().unwrap().desk.time_left;
    assert!(left.is_some_and(|s| (598..=600).contains(&s)), "{left:?}");
    // The seconds may have moved while the test ran: draw the full time.
    t.seats[SCREEN].app.remote.as_mut().unwrap().desk.time_left = Some(600);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = draw(&t, SCREEN, w, h);
        insta::assert_snapshot!(format!("projector_paused_{w}x{h}"), screen);
        assert!(screen.contains("PAUSED"));
    }
    // The big digits are the clock's: 10:00.
    let big = demarche::tui::screens::spectator::big_digits("10:00");
    assert!(draw(&t, SCREEN, 120, 40).contains(&big[0].chars().flat_map(|c| [c, c]).collect::<String>()));
    t.key(WHITE, KeyCode::Char('p'));
    assert!(!draw(&t, SCREEN, 120, 40).contains("PAUSED"));
}

#[test]
fn a_forced_turn_tells_each_player_why_their_move_did_not_run() {
    let mut t = Table::new();
    north_chooses(&mut t);
    t.key(WHITE, KeyCode::Char('f'));
    t.key(WHITE, KeyCode::Char('y'));
    let told = feed(&t, NORTH);
    let item = told
        .iter()
        .find(|i| {
            i.headline
                .contains("The facilitator resolved the turn before Northland committed")
        })
        .unwrap_or_else(|| panic!("{told:#?}"));
    assert!(item.text.contains("not made"), "{item:?}");
    assert!(!item.public);
    // The projector does not see a player's dropped move.
    let r = t.seats[SCREEN].app.remote.as_ref().unwrap();
    assert!(!format!("{:?}", r.public).contains("before Northland committed"));
}

#[test]
fn time_running_out_tells_players_and_a_stand_in_bot_is_announced() {
    let mut t = Table::new();
    north_chooses(&mut t);
    set_timer(&mut t, "90s");
    t.key(WHITE, KeyCode::Char('o'));
    let turn = t.seats[NORTH].app.view.as_ref().unwrap().turn;
    t.later(120);
    assert_eq!(t.seats[NORTH].app.view.as_ref().unwrap().turn, turn + 1);
    let told = feed(&t, NORTH);
    let heads: Vec<&str> = told.iter().map(|i| i.headline.as_str()).collect();
    assert!(
        heads
            .iter()
            .any(|h| h.contains("Time ran out before Northland committed")),
        "{heads:#?}"
    );
    assert!(
        heads
            .iter()
            .any(|h| h.contains("a stand-in bot moves for Eastmark this turn")),
        "{heads:#?}"
    );
    assert!(
        white_timeline(&t).contains("a stand-in bot moves for Northland"),
        "the white cell sees it too"
    );
    let r = t.seats[SCREEN].app.remote.as_ref().unwrap();
    assert!(format!("{:?}", r.public).contains("a stand-in bot moves for Northland"));
}

/// The row of debrief section tabs on a screen (the second line).
fn tab_row(screen: &str) -> String {
    screen
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim_matches('"')
        .trim_end()
        .to_string()
}

#[test]
fn the_facilitator_reveals_the_debrief_on_the_projector_section_by_section() {
    use demarche::tui::app::Screen;
    let mut t = Table::new();
    t.key(WHITE, KeyCode::Char('E'));
    t.key(WHITE, KeyCode::Char('y'));
    // Players and the facilitator have the debrief; the projector waits.
    assert!(t.seats[NORTH].app.debrief.is_some());
    assert_eq!(t.seats[WHITE].app.screen, Screen::Debrief);
    assert!(t.status(WHITE).contains("v shows the debrief on the projector"));
    assert_eq!(t.seats[SCREEN].app.screen, Screen::Spectator);
    assert!(t.seats[SCREEN].app.debrief.is_none());
    let waiting = draw(&t, SCREEN, 120, 40);
    assert!(waiting.contains("The debrief appears here"), "{waiting}");
    assert!(waiting.contains("when the facilitator shows it"), "{waiting}");

    t.key(WHITE, KeyCode::Char('v'));
    assert_eq!(
        t.status(WHITE),
        "The projector shows the debrief up to Outcome (1 of 7)"
    );
    assert_eq!(t.seats[SCREEN].app.screen, Screen::Debrief);
    let one = draw(&t, SCREEN, 120, 40);
    insta::assert_snapshot!("projector_debrief_tabs_1", tab_row(&one));
    t.key(WHITE, KeyCode::Char('v'));
    let two = draw(&t, SCREEN, 120, 40);
    insta::assert_snapshot!("projector_debrief_tabs_2", tab_row(&two));
    // The projector turned to the section just shown, and cannot go past it.
    assert!(two.contains(" Timeline "), "{two}");
    t.key(SCREEN, KeyCode::Tab);
    t.key(SCREEN, KeyCode::Tab);
    assert_eq!(t.seats[SCREEN].app.debrief_tab, 1);
    // The facilitator's own debrief keeps every section.
    let white = draw(&t, WHITE, 120, 40);
    assert!(tab_row(&white).contains("Questions"), "{white}");
    // V takes sections back, down to none: the projector returns to the game.
    t.key(WHITE, KeyCode::Char('V'));
    t.key(WHITE, KeyCode::Char('V'));
    assert_eq!(t.status(WHITE), "The projector is back on the game");
    assert_eq!(t.seats[SCREEN].app.screen, Screen::Spectator);
    t.key(WHITE, KeyCode::Char('V'));
    assert_eq!(t.status(WHITE), "The projector shows none of the debrief");
    // A player pressing v on the debrief is told it is the facilitator's.
    t.seats[NORTH].app.screen = Screen::Debrief;
    t.key(NORTH, KeyCode::Char('v'));
    assert_eq!(
        t.status(NORTH),
        "Only the facilitator shows the debrief on the projector"
    );
}
