//! The facilitator's ("white cell") commands on a room: pause, timer,
//! injects, forcing resolution, seats, kicking, ending the game. Each
//! accepted one is logged: engine commands as commands, the rest as room
//! records, stamped with the time and the facilitator's name.

use std::time::{Duration, Instant};

use super::protocol::{Facilitate, Seat, ServerMsg, Timeout, DEBRIEF_SECTIONS};
use super::room::{Out, Room};
use crate::engine::{Author, WhiteCell};
use crate::session::room_record::RoomChange;

/// The longest turn timer, and the most time one `extend_timer` may leave
/// on the clock: 24 hours, in seconds.
pub const MAX_TIMER_SECONDS: u64 = crate::session::turn_time::MAX_TURN_SECONDS;

fn too_long(seconds: u64) -> String {
    format!("a turn timer is at most {MAX_TIMER_SECONDS} seconds (24 hours); {seconds} is too many")
}

impl Room {
    pub(super) fn tell_all(&self, out: &mut Out, msg: ServerMsg) {
        for id in self.conns.keys() {
            out.push((*id, msg.clone()));
        }
    }

    /// Carry out a facilitator's command and log it, with `by` (the
    /// facilitator's join name) and the time.
    ///
    /// Errors (sent back as `rejected`): a timer over `MAX_TIMER_SECONDS`,
    /// no timer to extend, an unknown actor or connection, a rule refusal.
    pub(super) fn facilitate(
        &mut self,
        cmd: Facilitate,
        by: Option<String>,
        now: Instant,
        out: &mut Out,
    ) -> Result<(), String> {
        let change = match &cmd {
            Facilitate::Pause => Some(RoomChange::Pause),
            Facilitate::Resume => Some(RoomChange::Resume),
            Facilitate::SetTimer { seconds } => Some(RoomChange::TurnTimer {
                seconds: (*seconds > 0).then_some(*seconds),
            }),
            Facilitate::ExtendTimer { seconds } => Some(RoomChange::ExtendTimer { seconds: *seconds }),
            Facilitate::OnTimeout { then } => Some(RoomChange::OnTimeout {
                bot: *then == Timeout::Bot,
            }),
            Facilitate::SetSeat { actor, seat } => Some(RoomChange::Seat {
                actor: actor.clone(),
                bot: match seat {
                    Seat::Human => None,
                    Seat::Bot { policy } => Some(*policy),
                },
            }),
            Facilitate::Kick { connection } => Some(RoomChange::Kick {
                connection: *connection,
                name: self.conns.get(connection).and_then(|c| c.name.clone()),
            }),
            Facilitate::Revoke { code_of } => {
                // The new code is known once made: the record follows.
                let code = self.revoke(code_of, now, out)?;
                self.record(
                    RoomChange::Revoke {
                        of: code_of.clone(),
                        code,
                    },
                    by,
                );
                return Ok(());
            }
            Facilitate::Reveal { sections } => Some(RoomChange::Reveal { sections: *sections }),
            Facilitate::Inject { .. }
            | Facilitate::ForceResolve
            | Facilitate::EndGame
            | Facilitate::Message { .. }
            | Facilitate::Press { .. } => None,
        };
        // A seat is recorded before the moves it causes (a bot's), so a
        // replay of the file meets them in the same order.
        let seat_first = matches!(cmd, Facilitate::SetSeat { .. });
        if seat_first {
            if let Some(c) = &change {
                self.check_seat(&cmd)?;
                self.record(c.clone(), by.clone());
            }
        }
        self.apply_facilitation(cmd, by.clone(), now, out)?;
        if let Some(c) = change.filter(|_| !seat_first) {
            self.record(c, by);
        }
        Ok(())
    }

    fn check_seat(&self, cmd: &Facilitate) -> Result<(), String> {
        if let Facilitate::SetSeat { actor, .. } = cmd {
            self.game.actor_index(actor).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn apply_facilitation(
        &mut self,
        cmd: Facilitate,
        by: Option<String>,
        now: Instant,
        out: &mut Out,
    ) -> Result<(), String> {
        let author = Author::Facilitator { name: by };
        match cmd {
            Facilitate::Pause => {
                if !self.paused {
                    self.paused = true;
                    // A clock still waiting for the first player keeps its time.
                    if let Some(d) = self.deadline {
                        self.frozen = Some(d.saturating_duration_since(now));
                    }
                }
                self.tell_all(out, ServerMsg::Paused { paused: true });
            }
            Facilitate::Resume => {
                if self.paused {
                    self.paused = false;
                    // With nobody playing, the clock waits for the first player.
                    let left = self.frozen.take();
                    self.run_clock(left, now);
                }
                self.tell_all(out, ServerMsg::Paused { paused: false });
                if self.clock_waits() {
                    let timer = self.timer(now);
                    self.tell_all(out, timer);
                }
            }
            Facilitate::SetTimer { seconds } => {
                if seconds > MAX_TIMER_SECONDS {
                    return Err(too_long(seconds));
                }
                if seconds == 0 {
                    self.tell_all(
                        out,
                        ServerMsg::Timer {
                            seconds_left: None,
                            waits: false,
                        },
                    );
                }
                self.turn_seconds = (seconds > 0).then_some(seconds);
                let full = self.turn_seconds.map(Duration::from_secs);
                self.timer_turn = self.game.turn();
                self.run_clock(full, now);
            }
            Facilitate::ExtendTimer { seconds } => {
                let left = self.seconds_left(now).ok_or("no turn timer is running")?;
                if left.saturating_add(seconds) > MAX_TIMER_SECONDS {
                    return Err(too_long(left.saturating_add(seconds)));
                }
                let add = Duration::from_secs(seconds);
                match (self.frozen.as_mut(), self.deadline.as_mut()) {
                    (Some(f), _) => *f += add,
                    (None, Some(d)) => *d = d.checked_add(add).ok_or_else(|| too_long(seconds))?,
                    (None, None) => return Err("no turn timer is running".into()),
                }
            }
            Facilitate::OnTimeout { then } => self.on_timeout = then,
            Facilitate::Inject {
                headline,
                text,
                audience,
            } => {
                // Text from a peer reaches every player's terminal: no
                // control characters (escape sequences), as for names.
                self.facilitate_engine(
                    &WhiteCell::Inject {
                        headline: clean_text(&headline, false),
                        text: clean_text(&text, true),
                        audience,
                    },
                    author,
                )
                .map_err(|e| e.to_string())?;
            }
            Facilitate::ForceResolve => self
                .facilitate_engine(&WhiteCell::ForceResolve, author)
                .map_err(|e| e.to_string())?,
            Facilitate::EndGame => self
                .facilitate_engine(&WhiteCell::EndGame, author)
                .map_err(|e| e.to_string())?,
            Facilitate::Message { from, to, text } => self
                .facilitate_engine(&WhiteCell::Message { from, to, text }, author)
                .map_err(|e| e.to_string())?,
            Facilitate::Press { mode } => self
                .facilitate_engine(&WhiteCell::Press { mode }, author)
                .map_err(|e| e.to_string())?,
            Facilitate::SetSeat { actor, seat } => {
                let a = self.game.actor_index(&actor).map_err(|e| e.to_string())?;
                self.set_seat(a, seat, author);
            }
            Facilitate::Kick { connection } => {
                if !self.conns.contains_key(&connection) {
                    return Err(format!("no connection {connection} in this room"));
                }
                out.push((
                    connection,
                    ServerMsg::Bye {
                        reason: "the facilitator closed this connection".into(),
                    },
                ));
                out.extend(self.leave(connection, now));
            }
            Facilitate::Revoke { code_of } => {
                self.revoke(&code_of, now, out)?;
            }
            Facilitate::Reveal { sections } => {
                if !self.game.is_over() {
                    return Err("the debrief can be shown on the projector once the game is over".into());
                }
                let most = DEBRIEF_SECTIONS.len();
                if usize::from(sections) > most {
                    return Err(format!("the debrief has {most} sections; {sections} is too many"));
                }
                // Everyone's state goes out after this (`after_change`).
                self.revealed = sections;
            }
        }
        Ok(())
    }
}

/// Text without control characters: tabs become spaces, line breaks become
/// `\n` where `lines` allows them (else a space), every other control
/// character (escape, bell, carriage return alone, C1) is dropped.
fn clean_text(text: &str, lines: bool) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if lines => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
