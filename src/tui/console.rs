//! The white cell console: a trainer with several rooms holds one
//! facilitator connection per room, each with its own white cell screen
//! (an `App` driven by that room's server, as `demarche join` with one
//! code), and sees every room at a glance on one screen. Keys on the
//! overview act on the selected room; in a room every white cell key works
//! as it does alone, and Esc or 1-9 go back to the rooms. What a key does
//! to a room goes on that room's connection only.

use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::app::{App, HitList, Io, Overlay, Screen};
use super::console_glance::Glance;
use super::dialogs;
use super::input::step;
use super::keymap::{self, Action, Context};
use super::theme::Theme;
use super::Input;

/// Every room of the console.
pub struct Console {
    /// One facilitator's app per room.
    pub rooms: Vec<App>,
    /// Each room's number on the server, in the order of `rooms`.
    pub numbers: Vec<usize>,
    /// The room under the cursor on the overview (an index into `rooms`).
    pub sel: usize,
    /// The room on screen, or None for the overview.
    pub open: Option<usize>,
}

impl Console {
    /// Each room at a glance, in order.
    pub fn glances(&self) -> Vec<Glance> {
        self.rooms
            .iter()
            .zip(&self.numbers)
            .map(|(room, n)| Glance::of(*n, room))
            .collect()
    }
}

impl App {
    /// A console over `rooms`: (the room's number on the server, its
    /// facilitator's app), shown in the order of their numbers.
    pub fn console(theme: Theme, mut rooms: Vec<(usize, App)>) -> App {
        rooms.sort_by_key(|(n, _)| *n);
        let mut app = App::new(theme, Vec::new(), 0);
        app.screen = Screen::Rooms;
        let (numbers, mut apps): (Vec<usize>, Vec<App>) = rooms.into_iter().unzip();
        for a in &mut apps {
            a.in_console = true;
        }
        app.console = Some(Console {
            rooms: apps,
            numbers,
            sel: 0,
            open: None,
        });
        app
    }

    /// The room open on the console, if any.
    pub fn open_room(&self) -> Option<&App> {
        let c = self.console.as_ref()?;
        c.rooms.get(c.open?)
    }

    pub fn open_room_mut(&mut self) -> Option<&mut App> {
        let c = self.console.as_mut()?;
        c.rooms.get_mut(c.open?)
    }

    /// What came from room `i`'s connection.
    pub fn on_room(&mut self, i: usize, input: Input) {
        let Some(room) = self.console.as_mut().and_then(|c| c.rooms.get_mut(i)) else {
            return;
        };
        match input {
            Input::Server(m) => room.on_server(*m),
            Input::Closed(why) => room.on_disconnect(why),
            Input::Term(_) | Input::Hangup | Input::Room(..) => {}
        }
    }

    /// A key on the console: the open room's, unless it goes back to the
    /// rooms; on the overview, looked up in the overview's keys.
    pub(super) fn console_key(&mut self, key: KeyEvent) -> Vec<Io> {
        let Some(c) = self.console.as_mut() else {
            return Vec::new();
        };
        if let Some(room) = c.open.and_then(|i| c.rooms.get_mut(i)) {
            // The console's keys come first in the room's stack, but a
            // dialog keeps every key.
            if room.overlay.is_none() {
                match keymap::lookup(&[Context::ConsoleRoom], &key) {
                    Some(Action::Rooms) => {
                        c.sel = c.open.take().unwrap_or(c.sel);
                        return Vec::new();
                    }
                    Some(Action::OpenRoom) => {
                        self.open_by_key(&key);
                        return Vec::new();
                    }
                    _ => {}
                }
            }
            let io = room.on_key(key);
            self.quit |= room.quit;
            return io;
        }
        if let Some(overlay) = self.overlay.clone() {
            let action = keymap::lookup(keymap::overlay_stack(&overlay), &key);
            return if action == Some(Action::Quit) {
                self.request_quit()
            } else {
                dialogs::on_key(self, overlay, action, key)
            };
        }
        match keymap::lookup(self.stack(), &key) {
            None => {}
            Some(Action::Help) => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
            }
            Some(Action::Quit) => return self.request_quit(),
            Some(Action::OpenRoom) => self.open_by_key(&key),
            Some(Action::Pause) => self.pause_selected(),
            Some(Action::PauseAll) => self.pause_all(),
            Some(a) => {
                if let Some(c) = self.console.as_mut() {
                    c.sel = step(c.sel, c.rooms.len(), a);
                }
            }
        }
        Vec::new()
    }

    /// Open the room a key names: Enter the selected one, a digit the room
    /// with that number.
    fn open_by_key(&mut self, key: &KeyEvent) {
        let Some(c) = self.console.as_mut() else { return };
        let i = match key.code {
            KeyCode::Char(d) if d.is_ascii_digit() => {
                let n = d.to_digit(10).unwrap_or(0) as usize;
                match c.numbers.iter().position(|x| *x == n) {
                    Some(i) => i,
                    None => {
                        let msg = format!("There is no room {n} on this console");
                        match self.open_room_mut() {
                            Some(room) => room.set_status(msg, true),
                            None => self.set_status(msg, true),
                        }
                        return;
                    }
                }
            }
            _ => c.sel,
        };
        if i < c.rooms.len() {
            c.sel = i;
            c.open = Some(i);
        }
    }

    /// Pause the selected room, or resume it, as `p` does in the room.
    fn pause_selected(&mut self) {
        let Some(c) = self.console.as_mut() else { return };
        let n = c.numbers.get(c.sel).copied().unwrap_or(0);
        let Some(room) = c.rooms.get_mut(c.sel) else { return };
        if room.remote.as_ref().is_none_or(|r| r.facilitator.is_none()) {
            return self.set_status(format!("Room {n} has not sent its picture yet"), true);
        }
        room.white_cell_key(Action::Pause);
        let said = room.status.clone();
        if let Some((text, error)) = said {
            self.set_status(format!("Room {n}: {text}"), error);
        }
    }

    /// Pause every room that runs (for a plenary), or, when none does,
    /// resume every paused room. Rooms over or not yet pictured are left.
    fn pause_all(&mut self) {
        let Some(c) = self.console.as_mut() else { return };
        let paused = |room: &App| -> Option<bool> {
            let s = room.remote.as_ref()?.facilitator.as_ref()?;
            (!s.debrief.over).then_some(s.paused)
        };
        let pause = c.rooms.iter().any(|r| paused(r) == Some(false));
        let mut done = Vec::new();
        for (room, n) in c.rooms.iter_mut().zip(&c.numbers) {
            if paused(room) == Some(!pause) {
                room.white_cell_key(Action::Pause);
                done.push(n.to_string());
            }
        }
        let (what, error) = match (done.is_empty(), pause) {
            (true, _) => ("No room is running or paused".to_string(), true),
            (false, true) => (format!("Paused: room {}", done.join(", ")), false),
            (false, false) => (format!("Resumed: room {}", done.join(", ")), false),
        };
        self.set_status(what, error);
    }

    /// The mouse on the console: the open room's, or on the overview a
    /// click selects a room and the wheel moves the selection.
    pub(super) fn console_mouse(&mut self, ev: MouseEvent) {
        if let Some(room) = self.open_room_mut() {
            return room.on_mouse(ev);
        }
        if self.overlay.is_some() {
            return;
        }
        let hit = self
            .hits
            .borrow()
            .lists
            .iter()
            .find(|(_, l, _)| *l == HitList::Rooms)
            .copied();
        let Some(c) = self.console.as_mut() else { return };
        match ev.kind {
            MouseEventKind::ScrollUp => c.sel = step(c.sel, c.rooms.len(), Action::Up),
            MouseEventKind::ScrollDown => c.sel = step(c.sel, c.rooms.len(), Action::Down),
            MouseEventKind::Down(MouseButton::Left) => {
                let Some((r, _, first)) = hit else { return };
                let inside = ev.column >= r.x && ev.column < r.x + r.width && ev.row >= r.y && ev.row < r.y + r.height;
                let i = first + usize::from(ev.row.saturating_sub(r.y)) / 2;
                if inside && i < c.rooms.len() {
                    c.sel = i;
                }
            }
            _ => {}
        }
    }
}
