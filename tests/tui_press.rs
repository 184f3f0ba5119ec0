//! Press in the terminal: the inbox with unread marks and threads, the
//! compose form with recipients shown and pasted multi-line text, and a
//! proposal a bot answers at once, on a test backend at 80x24 and 120x40.

mod common;

use demarche::session::catalog;
use demarche::tui::app::{App, Overlay};
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn playing() -> App {
    let catalog = vec![catalog::entry("tests/fixtures/small.ron")];
    let mut a = App::new(Theme::plain(), catalog, 3);
    a.default_policy = Some(demarche::bots::Policy::Cooperative);
    keys(&mut a, &[KeyCode::Enter, KeyCode::Enter]);
    a
}

fn keys(app: &mut App, keys: &[KeyCode]) {
    for k in keys {
        app.on_key(KeyEvent::new(*k, KeyModifiers::NONE));
    }
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        keys(app, &[KeyCode::Char(c)]);
    }
}

/// The screen at 80x24 and 120x40, as text: each must show every `want`.
fn shows(app: &App, want: &[&str]) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| screens::draw(app, f)).expect("draw");
        let buf = t.backend().buffer().clone();
        let text: String = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
            .collect();
        for s in want {
            assert!(text.contains(s), "{w}x{h} lacks {s:?}:\n{text}");
        }
    }
}

#[test]
fn a_message_written_with_pasted_lines_goes_to_the_ticked_recipient_only() {
    let mut a = playing();
    keys(&mut a, &[KeyCode::Char('m')]);
    assert!(matches!(a.overlay, Some(Overlay::Inbox(_))));
    shows(
        &a,
        &["Messages", "Public statements", "Eastmark", "Waiting for your answer"],
    );
    keys(&mut a, &[KeyCode::Char('w')]);
    typing(&mut a, "Our registry was hijacked.");
    keys(&mut a, &[KeyCode::Enter]);
    a.on_paste("Can your CERT\r\nshare indicators?\u{1b}[2J");
    // Tick the CERT (the second other actor) as the only recipient.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Down, KeyCode::F(2)]);
    shows(
        &a,
        &[
            "To: Northland CERT",
            "Our registry was hijacked.",
            "share indicators?",
            "[x] Northland CERT",
        ],
    );
    ctrl(&mut a, 's');
    assert!(matches!(a.overlay, Some(Overlay::Inbox(_))), "{:?}", a.status);
    shows(&a, &["Northland → Northland CERT", "Can your CERT"]);
    let game = &a.game.as_ref().expect("game").game;
    let cert = game.actor_index("cert").expect("cert");
    let east = game.actor_index("east").expect("east");
    let got = game.view(cert).press.messages;
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].text,
        "Our registry was hijacked.\nCan your CERT\nshare indicators?[2J"
    );
    assert!(game.view(east).press.messages.is_empty(), "east was not written to");
}

#[test]
fn a_restraint_proposed_in_the_inbox_is_answered_by_the_bot_at_once() {
    let mut a = playing();
    keys(&mut a, &[KeyCode::Char('m'), KeyCode::Char('p')]);
    assert!(matches!(a.overlay, Some(Overlay::Propose(_))));
    keys(&mut a, &[KeyCode::Char('-')]);
    shows(&a, &["Propose", "mutual restraint for 2 turns"]);
    keys(&mut a, &[KeyCode::Enter]);
    let game = &a.game.as_ref().expect("game").game;
    let deal = game.state().deals.first().cloned().expect("a deal");
    assert_eq!(deal.answer.map(|x| x.0), Some(true), "the cooperative bot agrees");
    shows(&a, &["With Eastmark", "Agreed: neither of us climbs the ladder"]);
}

#[test]
fn unread_marks_clear_when_the_thread_is_read() {
    let mut a = playing();
    {
        let m = a.game.as_mut().expect("game");
        let east = m.game.actor_index("east").expect("east");
        let c = demarche::engine::Command::Message {
            to: vec!["north".into()],
            text: "Eastmark asks for calm.".into(),
        };
        m.apply(east, &c).expect("sent");
    }
    a.refresh();
    let v = a.view.clone().expect("view");
    assert_eq!(demarche::tui::press_dialogs::unread(&a, &v, "east"), 1);
    keys(&mut a, &[KeyCode::Char('m')]);
    let v = a.view.clone().expect("view");
    assert_eq!(
        demarche::tui::press_dialogs::unread(&a, &v, "east"),
        0,
        "opening the inbox reads it"
    );
}

/// Play on, committing each turn, until the debrief shows (at most 30 turns).
fn play_to_the_end(a: &mut App) {
    for _ in 0..30 {
        if a.screen == demarche::tui::app::Screen::Debrief {
            return;
        }
        keys(a, &[KeyCode::Char('c'), KeyCode::Char('y'), KeyCode::Esc]);
    }
    panic!("the game did not end: {:?}", a.screen);
}

#[test]
fn alone_against_bots_a_player_negotiates_and_reads_it_all_in_the_debrief() {
    let mut a = playing();
    // A mutual restraint with Eastmark, agreed by its bot at once.
    keys(
        &mut a,
        &[KeyCode::Char('m'), KeyCode::Char('p'), KeyCode::Enter, KeyCode::Esc],
    );
    // A joint statement proposed from the attribution dialog.
    keys(&mut a, &[KeyCode::Char('a'), KeyCode::Char('p'), KeyCode::Enter]);
    {
        let g = &a.game.as_ref().expect("game").game;
        assert_eq!(g.state().deals.len(), 1, "{:?}", a.status);
        let said = a.status.as_ref().map(|s| s.0.clone()).unwrap_or_default();
        assert!(said.starts_with("Joint statement proposed"), "{said}");
    }
    play_to_the_end(&mut a);
    let d = a.debrief.clone().expect("the debrief");
    assert!(d
        .promises
        .iter()
        .any(|p| p.by == "Northland" && p.to == "Eastmark" && p.mark.starts_with("promise")));
    assert!(
        d.correspondence
            .iter()
            .any(|l| l.from == "east" && l.text.starts_with("Agreed")),
        "the bot's answer is in the record: {:?}",
        d.correspondence
    );
    assert!(
        d.attributions.iter().any(|x| x.actor == "Northland" && x.turn == 2),
        "the joint statement was made at the end of turn 2: {:?}",
        d.attributions
    );
    // `f` shows the Messages tab, filtered to one actor at a time.
    keys(&mut a, &[KeyCode::Char('f')]);
    shows(
        &a,
        &[
            "Messages",
            "The correspondence of Northland",
            "Promises",
            "Northland to Eastmark",
        ],
    );
}
