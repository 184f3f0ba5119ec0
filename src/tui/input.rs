//! Keys and mouse into state changes: one function a screen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::app::{App, HitList, Io, Overlay, Panel, Screen, SeatChoice};
use super::dialogs;
use super::game::Match;
use super::keymap::{self, Action};
use crate::bots::Policy;

/// Move a selection within `len` items.
pub fn step(sel: usize, len: usize, action: Action) -> usize {
    if len == 0 {
        return 0;
    }
    match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(len - 1),
        Action::PageUp => sel.saturating_sub(10),
        Action::PageDown => (sel + 10).min(len - 1),
        Action::Home => 0,
        Action::End => len - 1,
        _ => sel.min(len - 1),
    }
}

impl App {
    /// A key: looked up in the keymap of the open dialog, or else of the
    /// screen, and the action found there is run.
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Io> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if self.console.is_some() {
            return self.console_key(key);
        }
        let io = if let Some(overlay) = self.overlay.clone() {
            let action = keymap::lookup(keymap::overlay_stack(&overlay), &key);
            if action == Some(Action::Quit) {
                self.request_quit()
            } else {
                dialogs::on_key(self, overlay, action, key)
            }
        } else {
            match keymap::lookup(self.stack(), &key) {
                None => Vec::new(),
                Some(Action::Help) => {
                    self.overlay = Some(Overlay::Help);
                    self.overlay_scroll = 0;
                    Vec::new()
                }
                Some(Action::Quit) => self.request_quit(),
                Some(a) => match self.screen {
                    Screen::Launcher => self.launcher_key(a),
                    Screen::Briefing => self.briefing_key(a),
                    Screen::Privacy => self.privacy_key(a),
                    Screen::Resolution => self.resolution_key(a),
                    Screen::Play => self.play_key(a, key.code),
                    Screen::Debrief => self.debrief_key(a, key.code),
                    Screen::WhiteCell => self.white_cell_key(a),
                    Screen::Spectator | Screen::Rooms => Vec::new(),
                },
            }
        };
        self.refresh();
        io
    }

    /// Text pasted into the terminal (bracketed paste): it goes into the
    /// open text field as text, newlines included, and never runs as keys.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(room) = self.open_room_mut() {
            return room.on_paste(text);
        }
        if !dialogs::paste(self, text) {
            // Name a text field this screen can open, with its key from
            // the keymap table.
            let field = match self.screen {
                Screen::WhiteCell => Some(("an inject", keymap::Context::WhiteCell, Action::Inject)),
                Screen::Play => Some(("notes to self", keymap::Context::Play, Action::Notes)),
                _ => None,
            };
            let hint = match field {
                Some((what, c, a)) => format!(
                    "Paste goes into a text field: open one first ({what}: {})",
                    super::keymap_query::label_of(c, a)
                ),
                None => "Paste goes into a text field: open one first".to_string(),
            };
            self.set_status(hint, true);
        }
    }

    pub(super) fn request_quit(&mut self) -> Vec<Io> {
        if self.game_in_progress() {
            self.overlay = Some(Overlay::Quit);
            Vec::new()
        } else {
            self.quit = true;
            Vec::new()
        }
    }

    fn briefing_key(&mut self, action: Action) -> Vec<Io> {
        let Some(b) = self.briefing.as_mut() else {
            return Vec::new();
        };
        let n = b.seats.len();
        match action {
            Action::Back => {
                self.briefing = None;
                self.screen = Screen::Launcher;
            }
            Action::ToggleSeat => {
                b.seats[b.sel] = match b.seats[b.sel] {
                    SeatChoice::Human => SeatChoice::Bot(Policy::Cautious),
                    SeatChoice::Bot(_) => SeatChoice::Human,
                };
            }
            Action::CyclePolicy => {
                if let SeatChoice::Bot(p) = b.seats[b.sel] {
                    let i = Policy::ALL.iter().position(|x| *x == p).unwrap_or(0);
                    b.seats[b.sel] = SeatChoice::Bot(Policy::ALL[(i + 1) % 3]);
                }
            }
            Action::Left => b.scroll = b.scroll.saturating_sub(3),
            Action::Right => b.scroll = b.scroll.saturating_add(3),
            Action::Start => {
                if !b.seats.contains(&SeatChoice::Human) {
                    self.set_status("Choose at least one actor to play yourself (Space)", true);
                    return Vec::new();
                }
                let seats: Vec<Option<Policy>> = b
                    .seats
                    .iter()
                    .map(|s| match s {
                        SeatChoice::Human => None,
                        SeatChoice::Bot(p) => Some(*p),
                    })
                    .collect();
                let m = Match::start(b.scenario.clone(), b.seed, &seats, self.turn_timer);
                self.begin(m);
                return vec![Io::Autosave];
            }
            a => b.sel = step(b.sel, n, a),
        }
        Vec::new()
    }

    /// Put a match on screen: the privacy screen if several people share
    /// the keyboard, else straight to play.
    pub fn begin(&mut self, mut m: Match) {
        if let Some(mode) = self.press {
            m.set_press(mode);
        }
        let several = m.humans() > 1;
        self.game = Some(m);
        self.debrief = None;
        self.screen = if several { Screen::Privacy } else { Screen::Play };
        self.after_privacy_if(!several);
    }

    fn after_privacy_if(&mut self, go: bool) {
        if !go {
            return;
        }
        let Some(m) = self.game.as_mut() else { return };
        if m.to_brief[m.current] || m.game.is_over() {
            m.to_brief[m.current] = false;
            m.prepare_resolution();
            self.screen = if m.desks[m.current].resolution.is_empty() {
                self.after_resolution_screen()
            } else {
                Screen::Resolution
            };
        } else {
            self.screen = Screen::Play;
        }
    }

    pub(super) fn after_resolution_screen(&self) -> Screen {
        match (&self.game, &self.remote) {
            (Some(m), _) if m.game.is_over() => Screen::Debrief,
            (None, Some(r)) if r.debrief.is_some() => Screen::Debrief,
            _ => Screen::Play,
        }
    }

    fn privacy_key(&mut self, action: Action) -> Vec<Io> {
        if action == Action::Continue {
            self.after_privacy_if(true);
        }
        Vec::new()
    }

    fn resolution_key(&mut self, action: Action) -> Vec<Io> {
        let next = self.after_resolution_screen();
        let Some(d) = self.desk_mut() else {
            return Vec::new();
        };
        let len = d.resolution.len();
        match action {
            Action::NextEvent => {
                if d.res_sel + 1 >= len {
                    self.screen = next;
                } else {
                    d.res_sel += 1;
                }
            }
            Action::PrevEvent => d.res_sel = d.res_sel.saturating_sub(1),
            Action::Skip => self.screen = next,
            a => d.res_sel = step(d.res_sel, len, a),
        }
        Vec::new()
    }

    /// The person at the keyboard ends the turn.
    pub fn commit(&mut self) -> Vec<Io> {
        if self.remote.is_some() {
            match self.submit(&crate::engine::Command::Commit) {
                Ok(()) => self.set_status("Committed: waiting for the others", false),
                Err(e) => self.set_status(e, true),
            }
            return Vec::new();
        }
        let Some(m) = self.game.as_mut() else {
            return Vec::new();
        };
        match m.commit_current() {
            Ok(resolved) => {
                let several = m.humans() > 1;
                if resolved && m.game.is_over() {
                    m.current = m.first_human();
                }
                self.screen = if several { Screen::Privacy } else { Screen::Play };
                self.after_privacy_if(!several);
                if resolved {
                    self.set_status(String::new(), false);
                }
                vec![Io::Autosave]
            }
            Err(e) => {
                self.set_status(e.to_string(), true);
                Vec::new()
            }
        }
    }

    fn debrief_key(&mut self, action: Action, code: KeyCode) -> Vec<Io> {
        match action {
            Action::Tabs => {
                let n = self.debrief_tabs_shown().max(1);
                let back = matches!(code, KeyCode::Left | KeyCode::BackTab);
                self.debrief_tab = (self.debrief_tab + if back { n - 1 } else { 1 }) % n;
                self.debrief_scroll = 0;
            }
            Action::Export => return vec![Io::Export],
            Action::Filter => {
                if let Some(d) = self.debrief.as_ref() {
                    self.debrief_filter = super::screens::debrief_press::next_filter(d, self.debrief_filter);
                    // The filter is about messages: show them.
                    self.debrief_tab = super::screens::debrief::TABS
                        .iter()
                        .position(|t| *t == "Messages")
                        .unwrap_or(0);
                    self.debrief_scroll = 0;
                }
            }
            Action::Reveal => self.reveal_key(true),
            Action::Conceal => self.reveal_key(false),
            a => self.debrief_scroll = step(self.debrief_scroll, 10_000, a),
        }
        Vec::new()
    }

    pub fn on_mouse(&mut self, ev: MouseEvent) {
        if self.console.is_some() {
            return self.console_mouse(ev);
        }
        if self.overlay.is_some() {
            return;
        }
        let hits = self.hits.borrow().clone();
        let at = |r: &ratatui::layout::Rect| {
            ev.column >= r.x && ev.column < r.x + r.width && ev.row >= r.y && ev.row < r.y + r.height
        };
        if let MouseEventKind::Down(MouseButton::Left) = ev.kind {
            if let Some((_, tab)) = hits.tabs.iter().find(|(r, _)| at(r)) {
                match self.screen {
                    Screen::Debrief => self.debrief_tab = *tab,
                    Screen::Play => {
                        if let Some(d) = self.desk_mut() {
                            d.ui.focus = *tab;
                        }
                    }
                    _ => {}
                }
                return;
            }
        }
        let Some((rect, list, first)) = hits.lists.iter().find(|(r, _, _)| at(r)).copied() else {
            return;
        };
        let row = (ev.row.saturating_sub(rect.y + 1)) as usize + first;
        let code = match ev.kind {
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            _ => None,
        };
        let click = matches!(ev.kind, MouseEventKind::Down(MouseButton::Left));
        match list {
            HitList::Panel(p) => {
                let len = self.view.as_ref().map_or(0, |v| super::screens::play::panel_len(v, p));
                if let Some(d) = self.desk_mut() {
                    let ui = &mut d.ui;
                    ui.focus = p.index();
                    if let Some(c) = code {
                        ui.sel[p.index()] = step(ui.sel[p.index()], len, c);
                    } else if click && row < len && ev.row > rect.y {
                        ui.sel[p.index()] = row;
                    }
                }
            }
            HitList::Launcher => match code {
                Some(c) => self.launcher_sel = step(self.launcher_sel, self.launcher_rows(), c),
                None if click && row < self.launcher_rows() && ev.row > rect.y => self.launcher_sel = row,
                None => {}
            },
            HitList::Seats => {
                if let Some(b) = self.briefing.as_mut() {
                    match code {
                        Some(c) => b.sel = step(b.sel, b.seats.len(), c),
                        None if click && row < b.seats.len() && ev.row > rect.y => b.sel = row,
                        None => {}
                    }
                }
            }
            HitList::Resolution => {
                if let Some(d) = self.desk_mut() {
                    match code {
                        Some(c) => d.res_sel = step(d.res_sel, d.resolution.len(), c),
                        None if click && row < d.resolution.len() && ev.row > rect.y => d.res_sel = row,
                        None => {}
                    }
                }
            }
            HitList::DebriefBody => {
                if let Some(c) = code {
                    self.debrief_scroll = step(self.debrief_scroll, 10_000, c);
                }
            }
            // The console's overview handles its own clicks.
            HitList::Rooms => {}
        }
        self.refresh();
    }

    /// A second passed. Returns IO when the turn timer ran out.
    pub fn tick(&mut self) -> Vec<Io> {
        if let Some(c) = self.console.as_mut() {
            for room in &mut c.rooms {
                room.tick();
            }
            return Vec::new();
        }
        let over = self.game.as_ref().is_some_and(|m| m.game.is_over());
        let remote = self.remote.is_some();
        // A paused clock, one waiting for the first player, or one whose
        // server is out of reach, stands still.
        let paused = self.remote.as_ref().is_some_and(|r| !r.clock_runs());
        let screen = self.screen;
        let Some(d) = self.desk_mut() else {
            return Vec::new();
        };
        if remote {
            // The server keeps the real clock; this only counts down between its updates.
            if !paused {
                d.time_left = d.time_left.map(|t| t.saturating_sub(1));
            }
            return Vec::new();
        }
        if screen != Screen::Play || over {
            return Vec::new();
        }
        match d.time_left {
            Some(0) => {
                self.overlay = None;
                let name = self.view.as_ref().map_or(String::new(), |v| v.name.clone());
                let io = self.commit();
                self.set_status(format!("Time ran out for {name}: the turn was committed"), true);
                self.refresh();
                io
            }
            Some(t) => {
                d.time_left = Some(t - 1);
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    pub fn focus_panel(&mut self, p: Panel) {
        if let Some(d) = self.desk_mut() {
            d.ui.focus = p.index();
        }
    }
}
