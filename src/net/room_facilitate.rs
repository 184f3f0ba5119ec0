//! The facilitator's ("white cell") commands on a room: pause, timer,
//! injects, forcing resolution, seats, kicking, ending the game.

use std::time::{Duration, Instant};

use super::protocol::{Facilitate, ServerMsg};
use super::room::{Out, Room};
use crate::engine::WhiteCell;
use crate::session::log_file::LogWriter;

impl Room {
    fn tell_all(&self, out: &mut Out, msg: ServerMsg) {
        for id in self.conns.keys() {
            out.push((*id, msg.clone()));
        }
    }

    /// Seats, the timer, the timeout policy and the pause live in the log's
    /// header, so a restarted server keeps them: rewrite it, atomically.
    fn save_setup(&mut self) -> Result<(), String> {
        if let Some(p) = self.path.clone() {
            let writer = LogWriter::create_with_setup(&p, &self.log, Some(&self.setup()))
                .map_err(|e| format!("the game log could not be rewritten: {e}"))?;
            self.writer = Some(writer);
        }
        Ok(())
    }

    pub(super) fn facilitate(&mut self, cmd: Facilitate, now: Instant, out: &mut Out) -> Result<(), String> {
        let setup_changes = matches!(
            cmd,
            Facilitate::Pause
                | Facilitate::Resume
                | Facilitate::SetTimer { .. }
                | Facilitate::OnTimeout { .. }
                | Facilitate::SetSeat { .. }
        );
        self.apply_facilitation(cmd, now, out)?;
        if setup_changes {
            self.save_setup()?;
        }
        Ok(())
    }

    fn apply_facilitation(&mut self, cmd: Facilitate, now: Instant, out: &mut Out) -> Result<(), String> {
        match cmd {
            Facilitate::Pause => {
                if !self.paused {
                    self.paused = true;
                    self.frozen = self.deadline.map(|d| d.saturating_duration_since(now));
                }
                self.tell_all(out, ServerMsg::Paused { paused: true });
            }
            Facilitate::Resume => {
                if self.paused {
                    self.paused = false;
                    if let Some(f) = self.frozen.take() {
                        self.deadline = Some(now + f);
                    }
                }
                self.tell_all(out, ServerMsg::Paused { paused: false });
            }
            Facilitate::SetTimer { seconds } => {
                if seconds == 0 {
                    self.tell_all(out, ServerMsg::Timer { seconds_left: None });
                }
                self.turn_seconds = (seconds > 0).then_some(seconds);
                self.deadline = self.turn_seconds.map(|s| now + Duration::from_secs(s));
                self.frozen = self
                    .paused
                    .then(|| Duration::from_secs(seconds))
                    .filter(|_| seconds > 0);
            }
            Facilitate::ExtendTimer { seconds } => {
                let add = Duration::from_secs(seconds);
                match (self.frozen.as_mut(), self.deadline.as_mut()) {
                    (Some(f), _) => *f += add,
                    (None, Some(d)) => *d += add,
                    (None, None) => return Err("no turn timer is running".into()),
                }
            }
            Facilitate::OnTimeout { then } => self.on_timeout = then,
            Facilitate::Inject {
                headline,
                text,
                audience,
            } => {
                self.facilitate_engine(&WhiteCell::Inject {
                    headline,
                    text,
                    audience,
                })
                .map_err(|e| e.to_string())?;
            }
            Facilitate::ForceResolve => self
                .facilitate_engine(&WhiteCell::ForceResolve)
                .map_err(|e| e.to_string())?,
            Facilitate::EndGame => self.facilitate_engine(&WhiteCell::EndGame).map_err(|e| e.to_string())?,
            Facilitate::SetSeat { actor, seat } => {
                let a = self.game.actor_index(&actor).map_err(|e| e.to_string())?;
                self.set_seat(a, seat);
            }
            Facilitate::Kick { connection } => {
                if self.conns.remove(&connection).is_none() {
                    return Err(format!("no connection {connection} in this room"));
                }
                out.push((
                    connection,
                    ServerMsg::Bye {
                        reason: "the facilitator closed this connection".into(),
                    },
                ));
            }
        }
        Ok(())
    }
}
