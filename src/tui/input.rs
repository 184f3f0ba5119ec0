//! Keys and mouse into state changes: one function a screen.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, HitList, Io, Overlay, Panel, Screen, SeatChoice};
use super::dialogs;
use super::game::Match;
use crate::bots::Policy;

/// A key, simplified: vim keys mapped to arrows.
fn normalize(key: KeyEvent) -> KeyCode {
    match key.code {
        KeyCode::Char('k') => KeyCode::Up,
        KeyCode::Char('j') => KeyCode::Down,
        KeyCode::Char('h') => KeyCode::Left,
        KeyCode::Char('l') => KeyCode::Right,
        c => c,
    }
}

/// Move a selection within `len` items.
pub fn step(sel: usize, len: usize, code: KeyCode) -> usize {
    if len == 0 {
        return 0;
    }
    match code {
        KeyCode::Up => sel.saturating_sub(1),
        KeyCode::Down => (sel + 1).min(len - 1),
        KeyCode::PageUp => sel.saturating_sub(10),
        KeyCode::PageDown => (sel + 10).min(len - 1),
        KeyCode::Home => 0,
        KeyCode::End => len - 1,
        _ => sel.min(len - 1),
    }
}

impl App {
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Io> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return self.request_quit();
        }
        let io = if self.overlay.is_some() {
            dialogs::on_key(self, key)
        } else {
            let code = normalize(key);
            match (code, self.screen) {
                (KeyCode::Char('?'), _) => {
                    self.overlay = Some(Overlay::Help);
                    Vec::new()
                }
                (KeyCode::Char('q'), _) => self.request_quit(),
                (_, Screen::Launcher) => self.launcher_key(code),
                (_, Screen::Briefing) => self.briefing_key(code),
                (_, Screen::Privacy) => self.privacy_key(code),
                (_, Screen::Resolution) => self.resolution_key(code),
                (_, Screen::Play) => self.play_key(code),
                (_, Screen::Debrief) => self.debrief_key(code),
                (_, Screen::WhiteCell) => self.white_cell_key(code),
                (_, Screen::Spectator) => Vec::new(),
            }
        };
        self.refresh();
        io
    }

    fn request_quit(&mut self) -> Vec<Io> {
        if self.game_in_progress() {
            self.overlay = Some(Overlay::Quit);
            Vec::new()
        } else {
            self.quit = true;
            Vec::new()
        }
    }

    fn launcher_key(&mut self, code: KeyCode) -> Vec<Io> {
        match code {
            KeyCode::Enter => {
                let Some(e) = self.catalog.get(self.launcher_sel) else {
                    return Vec::new();
                };
                match (&e.scenario, &e.problem) {
                    (Some(s), _) => {
                        let s = s.clone();
                        self.open_briefing(s);
                    }
                    (None, p) => {
                        let p = p.clone().unwrap_or_default();
                        self.set_status(format!("This scenario cannot be played: {p}"), true);
                    }
                }
            }
            KeyCode::Esc => self.quit = true,
            c => self.launcher_sel = step(self.launcher_sel, self.catalog.len(), c),
        }
        Vec::new()
    }

    fn briefing_key(&mut self, code: KeyCode) -> Vec<Io> {
        let Some(b) = self.briefing.as_mut() else {
            return Vec::new();
        };
        let n = b.seats.len();
        match code {
            KeyCode::Esc => {
                self.briefing = None;
                self.screen = Screen::Launcher;
            }
            KeyCode::Char(' ') => {
                b.seats[b.sel] = match b.seats[b.sel] {
                    SeatChoice::Human => SeatChoice::Bot(Policy::Cautious),
                    SeatChoice::Bot(_) => SeatChoice::Human,
                };
            }
            KeyCode::Char('b') => {
                if let SeatChoice::Bot(p) = b.seats[b.sel] {
                    let i = Policy::ALL.iter().position(|x| *x == p).unwrap_or(0);
                    b.seats[b.sel] = SeatChoice::Bot(Policy::ALL[(i + 1) % 3]);
                }
            }
            KeyCode::Left => b.scroll = b.scroll.saturating_sub(3),
            KeyCode::Right => b.scroll = b.scroll.saturating_add(3),
            KeyCode::Enter => {
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
            c => b.sel = step(b.sel, n, c),
        }
        Vec::new()
    }

    /// Put a match on screen: the privacy screen if several people share
    /// the keyboard, else straight to play.
    pub fn begin(&mut self, m: Match) {
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

    fn privacy_key(&mut self, code: KeyCode) -> Vec<Io> {
        if code == KeyCode::Enter {
            self.after_privacy_if(true);
        }
        Vec::new()
    }

    fn resolution_key(&mut self, code: KeyCode) -> Vec<Io> {
        let next = self.after_resolution_screen();
        let Some(d) = self.desk_mut() else {
            return Vec::new();
        };
        let len = d.resolution.len();
        match code {
            KeyCode::Right | KeyCode::Enter | KeyCode::Char(' ') => {
                if d.res_sel + 1 >= len {
                    self.screen = next;
                } else {
                    d.res_sel += 1;
                }
            }
            KeyCode::Left => d.res_sel = d.res_sel.saturating_sub(1),
            KeyCode::Esc => self.screen = next,
            c => d.res_sel = step(d.res_sel, len, c),
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

    fn debrief_key(&mut self, code: KeyCode) -> Vec<Io> {
        match code {
            KeyCode::Right | KeyCode::Tab => {
                self.debrief_tab = (self.debrief_tab + 1) % super::screens::debrief::TABS.len();
                self.debrief_scroll = 0;
            }
            KeyCode::Left | KeyCode::BackTab => {
                let n = super::screens::debrief::TABS.len();
                self.debrief_tab = (self.debrief_tab + n - 1) % n;
                self.debrief_scroll = 0;
            }
            KeyCode::Char('e') => return vec![Io::Export],
            KeyCode::Esc => {}
            c => self.debrief_scroll = step(self.debrief_scroll, 10_000, c),
        }
        Vec::new()
    }

    pub fn on_mouse(&mut self, ev: MouseEvent) {
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
            MouseEventKind::ScrollUp => Some(KeyCode::Up),
            MouseEventKind::ScrollDown => Some(KeyCode::Down),
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
                Some(c) => self.launcher_sel = step(self.launcher_sel, self.catalog.len(), c),
                None if click && row < self.catalog.len() && ev.row > rect.y => self.launcher_sel = row,
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
        }
        self.refresh();
    }

    /// A second passed. Returns IO when the turn timer ran out.
    pub fn tick(&mut self) -> Vec<Io> {
        let over = self.game.as_ref().is_some_and(|m| m.game.is_over());
        let remote = self.remote.is_some();
        let paused = self.remote.as_ref().is_some_and(|r| r.paused);
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
