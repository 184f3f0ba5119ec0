//! The white cell's press desk: every message of the game as it is
//! written, private ones included (the facilitator reads them live, as in
//! an exercise's control room), filtered to one actor if wished; and a
//! form to write as any actor the white cell plays (a government nobody
//! plays, say). Keys come from the keymap's `PressDesk` and `WriteAs`
//! contexts.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Overlay};
use super::dialogs::{push_text, typed};
use super::input::step;
use super::keymap::Action;
use crate::engine::press::MAX_TEXT;
use crate::net::protocol::{Facilitate, SeatInfo};

/// The messages overlay: which actor's correspondence is shown, and how
/// far it is scrolled up from the newest line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PressDesk {
    /// A seat index (the facilitator's seat order), or every message.
    pub filter: Option<usize>,
    /// Lines scrolled up from the bottom (0: the newest in sight).
    pub up: usize,
}

/// The form to write as an actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteAs {
    /// The seat written as.
    pub from: usize,
    /// One tick per seat; nobody ticked: a public statement.
    pub to: Vec<bool>,
    /// The recipient row under the cursor.
    pub to_sel: usize,
    /// May hold newlines.
    pub text: String,
    /// 0 writer, 1 recipients, 2 text.
    pub field: usize,
}

/// Lines of one PgUp or PgDn in the desk.
const PAGE: usize = 10;

impl App {
    fn seats(&self) -> Vec<SeatInfo> {
        self.remote
            .as_ref()
            .and_then(|r| r.facilitator.as_ref())
            .map(|s| s.seats.clone())
            .unwrap_or_default()
    }

    /// Open the press desk (`m` on the white cell's screen).
    pub(super) fn open_press_desk(&mut self) {
        self.overlay = Some(Overlay::PressDesk(PressDesk::default()));
    }

    /// A key on the press desk.
    pub(super) fn press_desk_key(&mut self, mut desk: PressDesk, action: Option<Action>) {
        let n = self.seats().len();
        match action {
            Some(Action::Back) => {
                self.overlay = None;
                return;
            }
            // ← → go through "every actor" and then each actor.
            Some(Action::Right) => {
                desk.filter = match desk.filter {
                    None if n > 0 => Some(0),
                    Some(i) if i + 1 < n => Some(i + 1),
                    _ => None,
                };
                desk.up = 0;
            }
            Some(Action::Left) => {
                desk.filter = match desk.filter {
                    None if n > 0 => Some(n - 1),
                    Some(0) | None => None,
                    Some(i) => Some(i - 1),
                };
                desk.up = 0;
            }
            Some(Action::Up) => desk.up = desk.up.saturating_add(1),
            Some(Action::Down) => desk.up = desk.up.saturating_sub(1),
            Some(Action::PageUp) => desk.up = desk.up.saturating_add(PAGE),
            Some(Action::PageDown) => desk.up = desk.up.saturating_sub(PAGE),
            Some(Action::Home) => desk.up = usize::MAX / 2,
            Some(Action::End) => desk.up = 0,
            Some(Action::Write) => {
                self.overlay = Some(Overlay::WriteAs(WriteAs {
                    from: desk.filter.unwrap_or(0),
                    to: vec![false; n],
                    field: 1,
                    ..WriteAs::default()
                }));
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::PressDesk(desk));
    }

    /// A key in the write-as form.
    pub(super) fn write_as_key(&mut self, mut form: WriteAs, action: Option<Action>, key: &KeyEvent) {
        let n = self.seats().len();
        match action {
            Some(Action::Back) => {
                self.overlay = Some(Overlay::PressDesk(PressDesk {
                    filter: Some(form.from),
                    up: 0,
                }));
                return;
            }
            Some(Action::NextField) => form.field = (form.field + 1) % 3,
            Some(Action::PrevField) => form.field = (form.field + 2) % 3,
            Some(a @ (Action::Left | Action::Right)) if form.field == 0 && n > 0 => {
                form.from = if a == Action::Right {
                    (form.from + 1) % n
                } else {
                    (form.from + n - 1) % n
                };
            }
            Some(a @ (Action::Up | Action::Down)) if form.field == 1 => form.to_sel = step(form.to_sel, n, a),
            Some(Action::Tick) if form.field == 1 => {
                if let Some(t) = form.to.get_mut(form.to_sel) {
                    *t = !*t;
                }
            }
            Some(Action::Newline) if form.field == 2 => push_text(&mut form.text, "\n", MAX_TEXT, true),
            Some(Action::Newline) => form.field = (form.field + 1) % 3,
            Some(Action::DeleteBack) if form.field == 2 => {
                form.text.pop();
            }
            Some(Action::Send) => {
                if self.send_as(&form) {
                    return;
                }
            }
            Some(_) => {}
            None => {
                if let Some(c) = typed(key) {
                    match form.field {
                        2 => push_text(&mut form.text, c.encode_utf8(&mut [0; 4]), MAX_TEXT, true),
                        1 if c == ' ' => {
                            if let Some(t) = form.to.get_mut(form.to_sel) {
                                *t = !*t;
                            }
                        }
                        // Typing in another field starts the text.
                        _ => {
                            form.field = 2;
                            push_text(&mut form.text, c.encode_utf8(&mut [0; 4]), MAX_TEXT, true);
                        }
                    }
                }
            }
        }
        self.overlay = Some(Overlay::WriteAs(form));
    }

    /// Text pasted into the write-as form lands in its text, whatever field
    /// is selected; false if the form is not open.
    pub(super) fn write_as_paste(&mut self, text: &str) -> bool {
        let Some(Overlay::WriteAs(form)) = self.overlay.as_mut() else {
            return false;
        };
        form.field = 2;
        push_text(&mut form.text, text, MAX_TEXT, true);
        true
    }

    /// Send the form's message; true when it went.
    fn send_as(&mut self, form: &WriteAs) -> bool {
        let seats = self.seats();
        let Some(from) = seats.get(form.from) else { return false };
        if form.text.trim().is_empty() {
            self.set_status("Write the message first", true);
            return false;
        }
        let to: Vec<&SeatInfo> = seats
            .iter()
            .zip(&form.to)
            .filter(|(s, t)| **t && s.actor != from.actor)
            .map(|(s, _)| s)
            .collect();
        let done = if to.is_empty() {
            format!("Public statement sent as {}", from.name)
        } else {
            let names: Vec<&str> = to.iter().map(|s| s.name.as_str()).collect();
            format!("Sent as {} to {}", from.name, names.join(", "))
        };
        let command = Facilitate::Message {
            from: from.actor.clone(),
            to: to.iter().map(|s| s.actor.clone()).collect(),
            text: form.text.trim_end().to_string(),
        };
        let filter = Some(form.from);
        self.overlay = Some(Overlay::PressDesk(PressDesk { filter, up: 0 }));
        let Some(r) = self.remote.as_mut() else { return true };
        match r.facilitate(command) {
            Ok(()) => self.set_status(done, false),
            Err(e) => self.set_status(e, true),
        }
        true
    }
}
