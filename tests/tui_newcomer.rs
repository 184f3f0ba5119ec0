//! What a first-time player must be able to read from the screen alone:
//! their secret objectives, names of any script at full width, lists that
//! say there is more, and what each symbol means.

use demarche::session::catalog;
use demarche::tui::app::{App, Screen};
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

use KeyCode::{Char, Down, Enter};

fn app(fixture: &str) -> App {
    App::new(Theme::plain(), vec![catalog::entry(fixture)], 3)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for k in keys {
        app.on_key(KeyEvent::new(*k, KeyModifiers::NONE));
    }
}

fn screen(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::draw(app, f)).unwrap();
    t
}

fn text(app: &App, w: u16, h: u16) -> String {
    let t = screen(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            // A wide character covers the cell after it.
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn wide_names_keep_their_columns_at_80x24() {
    let mut a = app("tests/fixtures/wide.ron");
    press(&mut a, &[Enter, Enter]);
    for (key, name) in [('2', "intel"), ('3', "relations"), ('4', "world"), ('5', "actions")] {
        press(&mut a, &[Char(key)]);
        insta::assert_snapshot!(format!("wide_{name}_80x24"), screen(&a, 80, 24).backend());
    }
    insta::assert_snapshot!("wide_all_panels_120x40", screen(&a, 120, 40).backend());
    let s = text(&a, 120, 40);
    assert!(s.contains("credibility 60"), "the header keeps its end:\n{s}");
    // The track's value stays inside its panel.
    let row = s.lines().find(|l| l.contains("域名系统完整性")).unwrap();
    assert!(row.contains("60"), "{row}");
}

#[test]
fn the_header_keeps_the_figures_when_a_name_is_long() {
    let mut a = app("tests/fixtures/wide.ron");
    press(&mut a, &[Enter, Enter]);
    let head = text(&a, 80, 24).lines().next().unwrap().to_string();
    assert!(head.contains("res 8") && head.contains("cred 60"), "{head}");
}

#[test]
fn secret_objectives_in_the_solo_briefing_and_during_play() {
    let mut a = app("tests/fixtures/small.ron");
    press(&mut a, &[Enter]);
    let s = text(&a, 80, 24);
    assert!(s.contains("Your secret objectives"), "{s}");
    assert!(s.contains("Avoid blaming the wrong state"), "{s}");
    assert!(!s.contains("Keep your services"), "only the player's own: {s}");
    press(&mut a, &[Enter, Char('4')]);
    assert_eq!(a.screen, Screen::Play);
    insta::assert_snapshot!("objectives_world_80x24", screen(&a, 80, 24).backend());
    let s = text(&a, 120, 40);
    assert!(s.contains("Avoid blaming the wrong state"), "{s}");
}

#[test]
fn hot_seat_players_read_their_objectives_behind_the_privacy_screen() {
    let mut a = app("tests/fixtures/small.ron");
    press(&mut a, &[Enter, Down, Char(' ')]);
    let s = text(&a, 80, 24);
    assert!(!s.contains("Avoid blaming") && !s.contains("Keep your services"), "{s}");
    press(&mut a, &[Enter]);
    assert_eq!(a.screen, Screen::Privacy);
    // The handover screen says which keys work there.
    insta::assert_snapshot!("hot_seat_handover_80x24", screen(&a, 80, 24).backend());
    let s = text(&a, 80, 24);
    assert!(
        s.lines()
            .last()
            .is_some_and(|l| l.contains("Enter") && l.contains("quit")),
        "{s}"
    );
    press(&mut a, &[Enter]);
    assert_eq!(a.screen, Screen::Resolution);
    insta::assert_snapshot!("hot_seat_brief_80x24", screen(&a, 80, 24).backend());
    let s = text(&a, 80, 24);
    assert!(s.contains("Avoid blaming the wrong state"), "{s}");
    assert!(!s.contains("Keep your services"), "{s}");
    press(&mut a, &[Enter]);
    assert_eq!(a.screen, Screen::Play);
    press(&mut a, &[Char('c'), Char('y'), Enter]);
    assert_eq!(a.screen, Screen::Resolution);
    let s = text(&a, 80, 24);
    assert!(s.contains("Keep your services out of the news"), "{s}");
    assert!(!s.contains("Avoid blaming"), "{s}");
}

#[test]
fn long_lists_say_there_is_more() {
    let mut a = app("tests/fixtures/eight.ron");
    press(&mut a, &[Enter]);
    // Bots of every policy in turn, so the game runs long enough to fill
    // the feed.
    if let Some(b) = a.briefing.as_mut() {
        for (i, seat) in b.seats.iter_mut().enumerate().skip(1) {
            *seat = demarche::tui::app::SeatChoice::Bot(demarche::bots::Policy::ALL[i % 3]);
        }
    }
    press(&mut a, &[Enter]);
    for _ in 0..2 {
        press(&mut a, &[Char('c'), Char('y'), KeyCode::Esc]);
    }
    press(&mut a, &[Char('1')]);
    let s = text(&a, 80, 24);
    assert!(s.contains("▼") && s.contains("more"), "{s}");
    assert!(!s.contains("▲"), "nothing above the first row: {s}");
    for _ in 0..60 {
        press(&mut a, &[Down]);
    }
    insta::assert_snapshot!("more_rows_feed_80x24", screen(&a, 80, 24).backend());
    let s = text(&a, 80, 24);
    assert!(s.contains("▲") && s.contains("more"), "{s}");
}

#[test]
fn the_first_turn_explains_the_symbols_of_the_actions() {
    let mut a = app("tests/fixtures/small.ron");
    press(&mut a, &[Enter, Enter, Char('5')]);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = text(&a, w, h);
        assert!(
            s.contains("◦cost") && s.contains("hostility") && s.contains("UN norm"),
            "{s}"
        );
    }
}

#[test]
fn locked_moves_say_what_unlocks_them() {
    let mut a = app("scenarios/baltic-cable.ron");
    press(&mut a, &[Enter, Enter]);
    if a.screen == Screen::Resolution {
        press(&mut a, &[KeyCode::Esc]);
    }
    let v = a.view.clone().unwrap();
    let why = |action: &str, target: &str| {
        v.options
            .iter()
            .find(|o| o.action == action && o.target.as_deref() == Some(target))
            .and_then(|o| o.unavailable.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        why("expel_diplomats", "veldmark"),
        "needs the ladder at Diplomatic protest or above with Veldmark"
    );
    assert_eq!(
        why("naval_show_of_force", "eastmark"),
        "from turn 5; needs the ladder at Retorsion or above with Eastmark"
    );
    // The screen shows it for the selected move.
    let row = v
        .options
        .iter()
        .position(|o| o.action == "naval_show_of_force" && o.target.as_deref() == Some("eastmark"))
        .unwrap();
    press(&mut a, &[Char('5')]);
    for _ in 0..row {
        press(&mut a, &[Down]);
    }
    let s = text(&a, 120, 40);
    assert!(s.contains("from turn 5"), "{s}");
    assert!(!s.contains("its conditions are not met"), "{s}");
}

#[test]
fn the_help_ends_with_every_symbol_and_the_norms() {
    let mut a = app("tests/fixtures/small.ron");
    press(&mut a, &[Enter, Enter, Char('?')]);
    // The legend follows the keys: scroll to the end of the help (each
    // frame tells the help how far it may scroll).
    let mut s = text(&a, 120, 40);
    for _ in 0..200 {
        press(&mut a, &[Down]);
        s = text(&a, 120, 40);
    }
    assert!(
        s.contains("Symbols of the actions list") || s.contains("Other marks"),
        "{s}"
    );
    assert!(s.contains("UN norms of responsible state behaviour"), "{s}");
}

#[test]
fn the_attribution_dialog_lines_up_wide_suspect_names_in_screen_columns() {
    let mut a = app("tests/fixtures/wide.ron");
    press(&mut a, &[Enter, Enter, Char('a')]);
    let s = text(&a, 80, 24);
    let col = |name: &str| {
        let row = s
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{s}"));
        let at = row.find("your evidence").unwrap_or_else(|| panic!("{row}"));
        unicode_width::UnicodeWidthStr::width(&row[..at])
    };
    assert_eq!(col("海龟黑客组织"), col("Revendeurs criminels 💰"), "\n{s}");
}
