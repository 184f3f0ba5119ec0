//! Keys inside dialogs: confirmations, sharing, attribution, notes.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Io, Overlay};
use super::input::step;
use super::keymap::Action;
use crate::engine::Command;
use crate::scenario::schema::Confidence;

pub const LEVELS: [Confidence; 3] = [Confidence::Low, Confidence::Moderate, Confidence::High];

/// Longest notes to self, in bytes.
const MAX_NOTES: usize = 4000;

/// The character a key types into a text field, if it types one.
pub fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}

/// Push `text` onto `field`, within `max` bytes, keeping newlines only if
/// the field takes several lines; control characters never get in.
pub fn push_text(field: &mut String, text: &str, max: usize, multiline: bool) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in text.chars() {
        let c = match c {
            '\n' if !multiline => ' ',
            '\t' => ' ',
            '\n' => '\n',
            c if c.is_control() => continue,
            c => c,
        };
        if field.len() + c.len_utf8() > max {
            return;
        }
        field.push(c);
    }
}

/// Text pasted while a dialog is open; false when no text field is open.
pub fn paste(app: &mut App, text: &str) -> bool {
    match app.overlay.as_mut() {
        Some(Overlay::Notes) => {
            if let Some(d) = app.desk_mut() {
                push_text(&mut d.notes, text, MAX_NOTES, true);
            }
            true
        }
        Some(Overlay::Compose(_)) => super::press_dialogs::paste(app, text),
        Some(Overlay::Explain(_)) => super::reply_dialog::paste(app, text),
        _ => app.white_cell_paste(text),
    }
}

/// A key in a dialog, with the action the keymap found for it (None: the
/// key is not bound there, so it may be typed text).
pub fn on_key(app: &mut App, overlay: Overlay, action: Option<Action>, key: KeyEvent) -> Vec<Io> {
    if app.white_cell_dialog_key(&overlay, action, &key) {
        return Vec::new();
    }
    let yes = action == Some(Action::Yes);
    let no = action == Some(Action::No);
    match overlay {
        Overlay::Help | Overlay::Message { .. } => match action {
            Some(Action::Back) => {
                app.overlay = None;
                app.overlay_scroll = 0;
            }
            Some(a) => {
                let max = app.hits.borrow().overlay_max_scroll as usize + 1;
                app.overlay_scroll = step(app.overlay_scroll as usize, max, a) as u16;
            }
            None => {}
        },
        Overlay::Quit => {
            if yes {
                app.overlay = None;
                app.quit = true;
                return vec![Io::Autosave];
            } else if no {
                app.overlay = None;
            }
        }
        Overlay::EndTurn => {
            if yes {
                app.overlay = None;
                return app.commit();
            } else if no {
                app.overlay = None;
            }
        }
        Overlay::ConfirmAct(i) => {
            if yes {
                app.overlay = None;
                let Some(o) = app.view.as_ref().and_then(|v| v.options.get(i)).cloned() else {
                    return Vec::new();
                };
                let cmd = Command::Act {
                    action: o.action.clone(),
                    target: o.target.clone(),
                };
                apply(app, &cmd, format!("Chosen: {} — press c to end your turn", o.name));
            } else if no {
                app.overlay = None;
            }
        }
        Overlay::ConfirmPublish(i) => {
            if yes {
                app.overlay = None;
                let Some(e) = app.view.as_ref().and_then(|v| v.evidence.get(i)) else {
                    return Vec::new();
                };
                let cmd = Command::Publish { evidence: e.id.clone() };
                let done = format!("Published \"{}\"", e.title);
                apply(app, &cmd, done);
            } else if no {
                app.overlay = None;
            }
        }
        Overlay::Share {
            evidence,
            mut ticked,
            mut sel,
        } => {
            let Some(v) = app.view.as_ref() else {
                return Vec::new();
            };
            let Some(e) = v.evidence.get(evidence) else {
                app.overlay = None;
                return Vec::new();
            };
            match action {
                Some(Action::Tick) => {
                    if let Some((_, None)) = e.share_with.get(sel) {
                        ticked[sel] = !ticked[sel];
                    }
                }
                Some(Action::Send) => {
                    let with: Vec<String> = e
                        .share_with
                        .iter()
                        .zip(&ticked)
                        .filter(|(_, t)| **t)
                        .map(|((id, _), _)| id.clone())
                        .collect();
                    if with.is_empty() {
                        app.set_status("Tick at least one recipient with Space", true);
                        return Vec::new();
                    }
                    let cmd = Command::Share {
                        evidence: e.id.clone(),
                        with,
                    };
                    let done = format!("Shared \"{}\"", e.title);
                    app.overlay = None;
                    apply(app, &cmd, done);
                    return Vec::new();
                }
                Some(Action::Back) => {
                    app.overlay = None;
                    return Vec::new();
                }
                Some(a) => sel = step(sel, ticked.len(), a),
                None => {}
            }
            app.overlay = Some(Overlay::Share { evidence, ticked, sel });
        }
        Overlay::Attribute {
            sel,
            level,
            layer,
            joint,
        } => return super::statement_dialogs::attribute_key(app, action, sel, level, layer, joint),
        Overlay::Statements { sel } => return super::statement_dialogs::statements_key(app, action, sel),
        o @ (Overlay::Inbox(_) | Overlay::Compose(_) | Overlay::Propose(_)) => {
            return super::press_dialogs::on_key(app, o, action, &key)
        }
        o @ (Overlay::Reply(_) | Overlay::Explain(_)) => return super::reply_dialog::on_key(app, o, action, &key),
        Overlay::InjectForm(_)
        | Overlay::TimerPrompt { .. }
        | Overlay::ConfirmEndGame
        | Overlay::ConfirmForce
        | Overlay::PressDesk(_)
        | Overlay::WriteAs(_) => {}
        Overlay::Notes => {
            let Some(d) = app.desk_mut() else {
                return Vec::new();
            };
            let note = &mut d.notes;
            match action {
                Some(Action::Back) => {
                    app.overlay = None;
                    return vec![Io::Autosave];
                }
                Some(Action::Newline) => push_text(note, "\n", MAX_NOTES, true),
                Some(Action::DeleteBack) => {
                    note.pop();
                }
                Some(_) => {}
                None => {
                    if let Some(c) = typed(&key) {
                        push_text(note, c.encode_utf8(&mut [0; 4]), MAX_NOTES, true);
                    }
                }
            }
        }
    }
    Vec::new()
}

pub(super) fn apply(app: &mut App, cmd: &Command, done: String) {
    match app.submit(cmd) {
        Ok(()) => app.set_status(done, false),
        Err(e) => app.set_status(e, true),
    }
}
