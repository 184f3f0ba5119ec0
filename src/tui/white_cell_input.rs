//! Keys on the facilitator's screen, and in its dialogs.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Io, Overlay};
use super::input::step;
use crate::bots::Policy;
use crate::net::protocol::{Facilitate, Seat, Timeout};

impl App {
    fn send_facilitate(&mut self, f: Facilitate, done: &str) {
        let Some(r) = self.remote.as_mut() else { return };
        match r.facilitate(f) {
            Ok(()) => self.set_status(done, false),
            Err(e) => self.set_status(e, true),
        }
    }

    pub(super) fn white_cell_key(&mut self, code: KeyCode) -> Vec<Io> {
        let Some(r) = self.remote.as_mut() else {
            return Vec::new();
        };
        let Some(state) = r.facilitator.clone() else {
            return Vec::new();
        };
        let sel = r.seat_sel.min(state.seats.len().saturating_sub(1));
        let seat = state.seats.get(sel).cloned();
        match code {
            KeyCode::Char('p') => {
                let (f, done) = if state.paused {
                    (Facilitate::Resume, "Resumed")
                } else {
                    (Facilitate::Pause, "Paused")
                };
                self.send_facilitate(f, done);
            }
            KeyCode::Char('t') => self.overlay = Some(Overlay::TimerPrompt { digits: String::new() }),
            KeyCode::Char('+') => self.send_facilitate(Facilitate::ExtendTimer { seconds: 60 }, "One more minute"),
            KeyCode::Char('o') => {
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
            KeyCode::Char('i') => {
                self.overlay = Some(Overlay::InjectForm {
                    headline: String::new(),
                    text: String::new(),
                    field: 0,
                    to_selected: false,
                })
            }
            KeyCode::Char('f') => self.send_facilitate(Facilitate::ForceResolve, "Turn resolved"),
            KeyCode::Char('E') => self.overlay = Some(Overlay::ConfirmEndGame),
            KeyCode::Char('b') => {
                if let Some(s) = seat {
                    let to = match s.seat {
                        Seat::Human => Seat::Bot {
                            policy: Policy::Cautious,
                        },
                        Seat::Bot { .. } => Seat::Human,
                    };
                    self.send_facilitate(
                        Facilitate::SetSeat {
                            actor: s.actor.clone(),
                            seat: to,
                        },
                        "Seat changed",
                    );
                }
            }
            KeyCode::Char('k') => {
                let conn = seat.as_ref().and_then(|s| {
                    state
                        .connections
                        .iter()
                        .find(|c| matches!(&c.role, crate::net::protocol::Role::Player { actor } if *actor == s.actor))
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
            c => {
                if let Some(r) = self.remote.as_mut() {
                    r.seat_sel = step(sel, state.seats.len(), c);
                }
            }
        }
        Vec::new()
    }

    /// Keys inside the facilitator's dialogs; true when handled.
    pub(super) fn white_cell_dialog_key(&mut self, code: KeyCode) -> bool {
        match self.overlay.clone() {
            Some(Overlay::TimerPrompt { mut digits }) => {
                match code {
                    KeyCode::Char(c) if c.is_ascii_digit() && digits.len() < 5 => digits.push(c),
                    KeyCode::Backspace => {
                        digits.pop();
                    }
                    KeyCode::Enter => {
                        self.overlay = None;
                        let seconds = digits.parse().unwrap_or(0);
                        let done = if seconds == 0 {
                            "Timer off".to_string()
                        } else {
                            format!("{seconds} s per turn")
                        };
                        self.send_facilitate(Facilitate::SetTimer { seconds }, &done);
                        return true;
                    }
                    KeyCode::Esc => {
                        self.overlay = None;
                        return true;
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::TimerPrompt { digits });
                true
            }
            Some(Overlay::InjectForm {
                mut headline,
                mut text,
                mut field,
                mut to_selected,
            }) => {
                match code {
                    KeyCode::Tab => field = (field + 1) % 2,
                    KeyCode::Esc => {
                        self.overlay = None;
                        return true;
                    }
                    KeyCode::F(2) => to_selected = !to_selected,
                    KeyCode::Enter if field == 0 => field = 1,
                    KeyCode::Enter => {
                        self.overlay = None;
                        let audience = if to_selected {
                            let r = self.remote.as_ref();
                            let sel = r.map_or(0, |r| r.seat_sel);
                            r.and_then(|r| r.facilitator.as_ref())
                                .and_then(|s| s.seats.get(sel))
                                .map(|s| vec![s.actor.clone()])
                                .unwrap_or_default()
                        } else {
                            Vec::new()
                        };
                        self.send_facilitate(
                            Facilitate::Inject {
                                headline,
                                text,
                                audience,
                            },
                            "Inject sent",
                        );
                        return true;
                    }
                    KeyCode::Backspace => {
                        let t = if field == 0 { &mut headline } else { &mut text };
                        t.pop();
                    }
                    KeyCode::Char(c) => {
                        let t = if field == 0 { &mut headline } else { &mut text };
                        if t.len() < 1500 {
                            t.push(c);
                        }
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::InjectForm {
                    headline,
                    text,
                    field,
                    to_selected,
                });
                true
            }
            Some(Overlay::ConfirmEndGame) => {
                if matches!(code, KeyCode::Char('y') | KeyCode::Enter) {
                    self.overlay = None;
                    self.send_facilitate(Facilitate::EndGame, "The game is over: everyone sees the debrief");
                } else if matches!(code, KeyCode::Char('n') | KeyCode::Esc) {
                    self.overlay = None;
                }
                true
            }
            _ => false,
        }
    }
}
