//! Keys on the facilitator's screen, and in its dialogs.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, InjectForm, Io, Overlay};
use super::dialogs::{push_text, typed};
use super::input::step;
use super::keymap::Action;
use crate::bots::Policy;
use crate::net::protocol::{Facilitate, Role, Seat, Timeout, DEBRIEF_SECTIONS};

/// Longest headline, in bytes.
const MAX_HEADLINE: usize = 200;
/// Longest inject text, in bytes (the engine takes headline and text up to
/// 4000 together).
const MAX_INJECT: usize = 3500;
/// Longest duration typed at the timer prompt.
const MAX_TIMER_TEXT: usize = 16;
/// Longest turn timer, in seconds: a day.
pub use crate::session::turn_time::MAX_TURN_SECONDS;

/// The time per turn a facilitator typed (see `session::turn_time`).
pub use crate::session::turn_time::parse as parse_turn_time;

/// A number of seconds as people say it: `1 h 30 min`, `10 min`, `90 s`
/// read as `1 min 30 s` (the same words as the reports).
pub use crate::session::report::duration_words as describe_time;

impl App {
    fn send_facilitate(&mut self, f: Facilitate, done: &str) {
        let Some(r) = self.remote.as_mut() else { return };
        match r.facilitate(f) {
            Ok(()) => self.set_status(done, false),
            Err(e) => self.set_status(e, true),
        }
    }

    pub(super) fn white_cell_key(&mut self, action: Action) -> Vec<Io> {
        let Some(r) = self.remote.as_mut() else {
            return Vec::new();
        };
        let Some(state) = r.facilitator.clone() else {
            return Vec::new();
        };
        let sel = r.seat_sel.min(state.seats.len().saturating_sub(1));
        let seat = state.seats.get(sel).cloned();
        match action {
            Action::Pause => {
                let (f, done) = if state.paused {
                    (Facilitate::Resume, "Resumed")
                } else {
                    (Facilitate::Pause, "Paused")
                };
                self.send_facilitate(f, done);
            }
            Action::SetTimer => self.overlay = Some(Overlay::TimerPrompt { text: String::new() }),
            Action::AddMinute => self.send_facilitate(Facilitate::ExtendTimer { seconds: 60 }, "One more minute"),
            Action::OnTimeout => {
                let then = if state.on_timeout == Timeout::NoMove {
                    Timeout::Bot
                } else {
                    Timeout::NoMove
                };
                let done = if then == Timeout::Bot {
                    "On time-out, a bot moves for late players"
                } else {
                    "On time-out, late players make no move"
                };
                self.send_facilitate(Facilitate::OnTimeout { then }, done);
            }
            Action::Inject => {
                self.overlay = Some(Overlay::InjectForm(InjectForm {
                    to: vec![false; state.seats.len()],
                    ..InjectForm::default()
                }))
            }
            Action::ForceResolve => self.overlay = Some(Overlay::ConfirmForce),
            Action::Inbox => self.open_press_desk(),
            Action::EndGame => self.overlay = Some(Overlay::ConfirmEndGame),
            Action::SeatBot | Action::SeatPolicy => {
                let Some(s) = seat else { return Vec::new() };
                let (to, done) = match (s.seat, action) {
                    (Seat::Human, _) => (
                        Seat::Bot {
                            policy: Policy::Cautious,
                        },
                        format!("{}: a cautious bot plays (B: another policy)", s.name),
                    ),
                    (Seat::Bot { .. }, Action::SeatBot) => (Seat::Human, format!("{}: back to its player", s.name)),
                    (Seat::Bot { policy }, _) => {
                        let i = Policy::ALL.iter().position(|p| *p == policy).unwrap_or(0);
                        let next = Policy::ALL[(i + 1) % Policy::ALL.len()];
                        (Seat::Bot { policy: next }, format!("{}: a {next} bot plays", s.name))
                    }
                };
                self.send_facilitate(
                    Facilitate::SetSeat {
                        actor: s.actor.clone(),
                        seat: to,
                    },
                    &done,
                );
            }
            Action::Kick => {
                let conn = seat.as_ref().and_then(|s| {
                    state
                        .connections
                        .iter()
                        .find(|c| matches!(&c.role, Role::Player { actor } if *actor == s.actor))
                });
                match conn {
                    Some(c) => self.send_facilitate(
                        Facilitate::Kick {
                            connection: c.connection,
                        },
                        "Disconnected",
                    ),
                    None => self.set_status("Nobody is connected for this actor", true),
                }
            }
            a => {
                if let Some(r) = self.remote.as_mut() {
                    r.seat_sel = step(sel, state.seats.len(), a);
                }
            }
        }
        Vec::new()
    }

    /// On the facilitator's debrief: show the projector one section more
    /// (`more`) or one less.
    pub(super) fn reveal_key(&mut self, more: bool) {
        let Some(r) = self.remote.as_ref() else {
            return self.set_status("The projector is for hosted games: run `demarche host`", true);
        };
        let Some(state) = r.facilitator.as_ref().filter(|_| r.role == Some(Role::Facilitator)) else {
            return self.set_status("Only the facilitator shows the debrief on the projector", true);
        };
        let now = state.revealed;
        let all = DEBRIEF_SECTIONS.len() as u8;
        let sections = match (more, now) {
            (true, n) if n >= all => {
                return self.set_status("The projector already shows the whole debrief", false);
            }
            (false, 0) => return self.set_status("The projector shows none of the debrief", false),
            (true, n) => n + 1,
            (false, n) => n - 1,
        };
        let done = if sections == 0 {
            "The projector is back on the game".to_string()
        } else {
            let name = DEBRIEF_SECTIONS[usize::from(sections) - 1];
            format!("The projector shows the debrief up to {name} ({sections} of {all})")
        };
        self.send_facilitate(Facilitate::Reveal { sections }, &done);
    }

    /// Text pasted into the facilitator's open text field; false if none.
    pub(super) fn white_cell_paste(&mut self, text: &str) -> bool {
        match self.overlay.as_mut() {
            Some(Overlay::InjectForm(form)) => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                match form.field {
                    // Several lines pasted into the headline: the first is
                    // the headline, the rest the text.
                    0 => match text.split_once('\n') {
                        Some((first, rest)) => {
                            push_text(&mut form.headline, first, MAX_HEADLINE, false);
                            push_text(&mut form.text, rest, MAX_INJECT, true);
                            form.field = 1;
                        }
                        None => push_text(&mut form.headline, &text, MAX_HEADLINE, false),
                    },
                    1 => push_text(&mut form.text, &text, MAX_INJECT, true),
                    _ => return false,
                }
                true
            }
            Some(Overlay::WriteAs(_)) => self.write_as_paste(text),
            Some(Overlay::TimerPrompt { text: t }) => {
                push_text(t, text, MAX_TIMER_TEXT, false);
                true
            }
            _ => false,
        }
    }

    /// Keys inside the facilitator's dialogs; true when handled.
    pub(super) fn white_cell_dialog_key(&mut self, overlay: &Overlay, action: Option<Action>, key: &KeyEvent) -> bool {
        match overlay.clone() {
            Overlay::TimerPrompt { mut text } => {
                match action {
                    Some(Action::DeleteBack) => {
                        text.pop();
                    }
                    Some(Action::Send) => {
                        match parse_turn_time(&text) {
                            Ok(seconds) => {
                                self.overlay = None;
                                let done = if seconds == 0 {
                                    "Timer off".to_string()
                                } else {
                                    format!("Turn timer: {} per turn, from now", describe_time(seconds))
                                };
                                self.send_facilitate(Facilitate::SetTimer { seconds }, &done);
                            }
                            Err(e) => self.set_status(e, true),
                        }
                        return true;
                    }
                    Some(Action::Back) => {
                        self.overlay = None;
                        return true;
                    }
                    Some(_) => {}
                    None => {
                        if let Some(c) = typed(key) {
                            push_text(&mut text, c.encode_utf8(&mut [0; 4]), MAX_TIMER_TEXT, false);
                        }
                    }
                }
                self.overlay = Some(Overlay::TimerPrompt { text });
                true
            }
            Overlay::InjectForm(mut form) => {
                if self.inject_form_key(&mut form, action, key) {
                    self.overlay = Some(Overlay::InjectForm(form));
                }
                true
            }
            Overlay::PressDesk(desk) => {
                self.press_desk_key(desk, action);
                true
            }
            Overlay::WriteAs(form) => {
                self.write_as_key(form, action, key);
                true
            }
            Overlay::ConfirmEndGame => {
                match action {
                    Some(Action::Yes) => {
                        self.overlay = None;
                        self.send_facilitate(Facilitate::EndGame, "The game is over: everyone sees the debrief");
                    }
                    Some(Action::No) => self.overlay = None,
                    _ => {}
                }
                true
            }
            Overlay::ConfirmForce => {
                match action {
                    Some(Action::Yes) => {
                        self.overlay = None;
                        self.send_facilitate(Facilitate::ForceResolve, "Turn resolved");
                    }
                    Some(Action::No) => self.overlay = None,
                    _ => {}
                }
                true
            }
            _ => false,
        }
    }

    /// A key in the inject form; false once the form is closed.
    fn inject_form_key(&mut self, form: &mut InjectForm, action: Option<Action>, key: &KeyEvent) -> bool {
        match action {
            Some(Action::NextField) => form.field = (form.field + 1) % 3,
            Some(Action::PrevField) => form.field = (form.field + 2) % 3,
            Some(Action::Back) => {
                self.overlay = None;
                return false;
            }
            Some(Action::Newline) if form.field == 0 => form.field = 1,
            Some(Action::Newline) if form.field == 1 => push_text(&mut form.text, "\n", MAX_INJECT, true),
            Some(Action::Newline | Action::Send) => return !self.send_inject(form),
            Some(Action::DeleteBack) => {
                match form.field {
                    0 => form.headline.pop(),
                    1 => form.text.pop(),
                    _ => None,
                };
            }
            Some(Action::Tick) if form.field == 2 => {
                if let Some(t) = form.to.get_mut(form.to_sel) {
                    *t = !*t;
                }
            }
            Some(a @ (Action::Up | Action::Down)) if form.field == 2 => {
                form.to_sel = step(form.to_sel, form.to.len(), a)
            }
            Some(_) => {}
            None => {
                let Some(c) = typed(key) else { return true };
                let mut buf = [0; 4];
                let s = c.encode_utf8(&mut buf);
                match form.field {
                    0 => push_text(&mut form.headline, s, MAX_HEADLINE, false),
                    1 => push_text(&mut form.text, s, MAX_INJECT, true),
                    _ if c == ' ' => {
                        if let Some(t) = form.to.get_mut(form.to_sel) {
                            *t = !*t;
                        }
                    }
                    _ => {}
                }
            }
        }
        true
    }

    /// Send the inject in the form; true when it was sent.
    fn send_inject(&mut self, form: &InjectForm) -> bool {
        if form.headline.trim().is_empty() {
            self.set_status("An inject needs a headline", true);
            return false;
        }
        let seats = self
            .remote
            .as_ref()
            .and_then(|r| r.facilitator.as_ref())
            .map(|s| s.seats.clone())
            .unwrap_or_default();
        let audience: Vec<String> = seats
            .iter()
            .zip(&form.to)
            .filter(|(_, t)| **t)
            .map(|(s, _)| s.actor.clone())
            .collect();
        let done = if audience.is_empty() {
            "Inject sent to everyone as news".to_string()
        } else {
            let names: Vec<&str> = seats
                .iter()
                .zip(&form.to)
                .filter(|(_, t)| **t)
                .map(|(s, _)| s.name.as_str())
                .collect();
            format!("Inject sent to {}", names.join(", "))
        };
        self.overlay = None;
        self.send_facilitate(
            Facilitate::Inject {
                headline: form.headline.trim().to_string(),
                text: form.text.trim_end().to_string(),
                audience,
            },
            &done,
        );
        true
    }
}
