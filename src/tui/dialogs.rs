//! Keys inside dialogs: confirmations, sharing, attribution, notes.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Io, Overlay};
use super::input::step;
use crate::engine::Command;
use crate::scenario::schema::Confidence;

pub const LEVELS: [Confidence; 3] = [Confidence::Low, Confidence::Moderate, Confidence::High];

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Io> {
    if app.white_cell_dialog_key(key.code) {
        return Vec::new();
    }
    let Some(overlay) = app.overlay.clone() else {
        return Vec::new();
    };
    let code = key.code;
    let yes = matches!(code, KeyCode::Enter | KeyCode::Char('y'));
    let no = matches!(code, KeyCode::Esc | KeyCode::Char('n'));
    match overlay {
        Overlay::Help | Overlay::Message { .. } => {
            if matches!(
                code,
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Char(' ')
            ) {
                app.overlay = None;
            }
        }
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
            match code {
                KeyCode::Char(' ') => {
                    if let Some((_, None)) = e.share_with.get(sel) {
                        ticked[sel] = !ticked[sel];
                    }
                }
                KeyCode::Enter => {
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
                KeyCode::Esc => {
                    app.overlay = None;
                    return Vec::new();
                }
                KeyCode::Char('k') => sel = step(sel, ticked.len(), KeyCode::Up),
                KeyCode::Char('j') => sel = step(sel, ticked.len(), KeyCode::Down),
                c => sel = step(sel, ticked.len(), c),
            }
            app.overlay = Some(Overlay::Share { evidence, ticked, sel });
        }
        Overlay::Attribute {
            sel,
            level,
            layer,
            joint,
        } => return super::statement_dialogs::attribute_key(app, code, sel, level, layer, joint),
        Overlay::Statements { sel } => return super::statement_dialogs::statements_key(app, code, sel),
        Overlay::InjectForm { .. } | Overlay::TimerPrompt { .. } | Overlay::ConfirmEndGame => {}
        Overlay::Notes => {
            let Some(d) = app.desk_mut() else {
                return Vec::new();
            };
            let note = &mut d.notes;
            match code {
                KeyCode::Esc => {
                    app.overlay = None;
                    return vec![Io::Autosave];
                }
                KeyCode::Enter => note.push('\n'),
                KeyCode::Backspace => {
                    note.pop();
                }
                KeyCode::Char(c) if note.len() < 4000 => note.push(c),
                _ => {}
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
