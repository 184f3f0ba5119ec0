//! The keymap is the only place keys are bound: every key shown in a
//! screen's help runs that row's action, no key is bound twice where it
//! applies, and text fields leave typed letters alone.

mod common;
mod table;

use demarche::tui::app::{InjectForm, Overlay, Screen};
use demarche::tui::keymap::{self, Context, BINDINGS};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

const SCREENS: [Screen; 9] = [
    Screen::Launcher,
    Screen::Briefing,
    Screen::Privacy,
    Screen::Resolution,
    Screen::Play,
    Screen::Debrief,
    Screen::WhiteCell,
    Screen::Spectator,
    Screen::Rooms,
];

fn overlays() -> Vec<Overlay> {
    vec![
        Overlay::Help,
        Overlay::Quit,
        Overlay::ConfirmAct(0),
        Overlay::Share {
            evidence: 0,
            ticked: Vec::new(),
            sel: 0,
        },
        Overlay::Attribute {
            sel: 0,
            level: 0,
            layer: 0,
            joint: false,
        },
        Overlay::Statements { sel: 0 },
        Overlay::Notes,
        Overlay::EndTurn,
        Overlay::Message {
            title: String::new(),
            text: String::new(),
        },
        Overlay::InjectForm(InjectForm::default()),
        Overlay::TimerPrompt { text: String::new() },
        Overlay::ConfirmEndGame,
        Overlay::ConfirmForce,
        Overlay::ConfirmPublish(0),
        Overlay::Inbox(Default::default()),
        Overlay::Compose(Default::default()),
        Overlay::Propose(Default::default()),
        Overlay::Reply(Default::default()),
        Overlay::Explain(Default::default()),
        Overlay::PressDesk(Default::default()),
        Overlay::WriteAs(Default::default()),
    ]
}

fn stacks() -> Vec<(String, &'static [Context])> {
    let mut all: Vec<(String, &'static [Context])> = SCREENS
        .iter()
        .map(|s| (format!("{s:?}"), keymap::screen_stack(*s)))
        .collect();
    // A room opened from the white cell console.
    for s in [Screen::WhiteCell, Screen::Debrief] {
        all.push((format!("console {s:?}"), keymap::console_room_stack(s)));
    }
    all.extend(overlays().iter().map(|o| (format!("{o:?}"), keymap::overlay_stack(o))));
    all
}

#[test]
fn no_key_is_bound_twice_where_it_applies() {
    for (name, stack) in stacks() {
        let dups = keymap::duplicates(stack);
        assert!(dups.is_empty(), "{name}: keys bound twice: {dups:?}");
    }
}

#[test]
fn every_key_in_the_help_runs_its_own_row() {
    for (name, stack) in stacks() {
        for b in keymap::rows(stack) {
            for k in b.keys {
                let ev = KeyEvent::new(k.code, k.mods);
                assert_eq!(
                    keymap::lookup(stack, &ev),
                    b.action,
                    "{name}: {:?} is documented as \"{}\" but runs something else",
                    k.code,
                    b.does
                );
            }
        }
    }
}

#[test]
fn the_white_cell_kick_key_is_not_taken_by_list_movement() {
    let stack = keymap::screen_stack(Screen::WhiteCell);
    let k = KeyEvent::new(ratatui::crossterm::event::KeyCode::Char('k'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(stack, &k), Some(keymap::Action::Kick));
}

#[test]
fn text_fields_bind_no_typed_letter() {
    for b in BINDINGS.iter().filter(|b| b.context.takes_text()) {
        for k in b.keys {
            assert!(
                !k.is_text(),
                "{:?} binds {:?}, which must be typed text",
                b.context,
                k.code
            );
        }
    }
}

#[test]
fn every_binding_is_reachable_from_some_screen_or_dialog() {
    let stacks = stacks();
    for b in BINDINGS {
        assert!(
            stacks.iter().any(|(_, s)| s.contains(&b.context)),
            "{:?} \"{}\" is in no screen's keymap",
            b.context,
            b.does
        );
    }
}

#[test]
fn the_statement_keys_run_from_the_table() {
    use ratatui::crossterm::event::KeyCode;
    let mut t = table::Table::new();
    let p = table::NORTH;
    t.key(p, KeyCode::Char('a'));
    t.key(p, KeyCode::Char('p'));
    t.key(p, KeyCode::Tab);
    t.key(p, KeyCode::Char('l'));
    assert!(
        matches!(
            t.seats[p].app.overlay,
            // Up one from low, the level the evidence supports at the start.
            Some(Overlay::Attribute {
                level: 1,
                layer: 1,
                joint: true,
                ..
            })
        ),
        "{:?}",
        t.seats[p].app.overlay
    );
    t.key(p, KeyCode::Esc);
    assert!(t.seats[p].app.overlay.is_none());
    t.key(p, KeyCode::Char('o'));
    assert!(matches!(t.seats[p].app.overlay, Some(Overlay::Statements { sel: 0 })));
    t.key(p, KeyCode::Esc);
    assert!(t.seats[p].app.overlay.is_none());
}
