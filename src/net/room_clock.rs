//! The turn clock of a room: deadlines, pauses, and what happens when time
//! runs out.

use std::time::{Duration, Instant};

use super::protocol::{Role, ServerMsg, Timeout};
use super::room::{Out, Room};
use crate::engine::{Author, WhiteCell};

impl Room {
    /// A new turn starts the clock again. A turn that starts during a
    /// pause, or while no player is connected (a room just opened, before
    /// anyone has joined), keeps its full time until play resumes or the
    /// first player joins.
    pub(super) fn restart_clock(&mut self, now: Instant) {
        if self.timer_turn != self.game.turn() {
            self.timer_turn = self.game.turn();
            let full = self.turn_seconds.map(Duration::from_secs);
            self.run_clock(full, now);
        }
    }

    /// Set the clock to `left`: it runs from `now`, unless the room is
    /// paused or no player is connected, when it keeps `left` until play
    /// resumes or the first player joins.
    pub(super) fn run_clock(&mut self, left: Option<Duration>, now: Instant) {
        let nobody = !self.conns.values().any(|c| matches!(c.role, Role::Player { .. }));
        if self.paused || nobody {
            self.frozen = left;
            self.deadline = None;
        } else {
            self.deadline = left.and_then(|f| now.checked_add(f));
            self.frozen = None;
        }
    }

    /// Whether the clock waits for the first player to connect: it has
    /// time, is not paused, and does not run.
    pub fn clock_waits(&self) -> bool {
        !self.paused && self.deadline.is_none() && self.frozen.is_some()
    }

    /// The turn clock as every connection is told it.
    pub(super) fn timer(&self, now: Instant) -> ServerMsg {
        ServerMsg::Timer {
            seconds_left: self.seconds_left(now),
            waits: self.clock_waits(),
        }
    }

    /// A player joins a room whose clock waits for players: it starts,
    /// and every connection is told the time left, so clocks that waited
    /// show it running.
    pub(super) fn player_arrived(&mut self, now: Instant, out: &mut Out) {
        if self.clock_waits() {
            if let Some(f) = self.frozen.take() {
                self.deadline = now.checked_add(f);
                let timer = self.timer(now);
                self.tell_all(out, timer);
            }
        }
    }

    pub fn seconds_left(&self, now: Instant) -> Option<u64> {
        if let Some(f) = self.frozen {
            return Some(f.as_secs());
        }
        self.deadline.map(|d| d.saturating_duration_since(now).as_secs())
    }

    /// When the room next needs a tick: the turn clock, or pending
    /// `waiting` and facilitator updates.
    pub fn deadline(&self) -> Option<Instant> {
        let clock = if self.paused || self.game.is_over() {
            None
        } else {
            self.deadline
        };
        match (clock, self.roster_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Time passed: send pending updates, and when the clock ran out,
    /// resolve the turn for those who have not committed.
    pub fn tick(&mut self, now: Instant) -> Out {
        let mut out = Vec::new();
        self.roster_tick(now, &mut out);
        if self.paused || self.game.is_over() || self.deadline.is_none_or(|d| d > now) {
            return out;
        }
        let turn = self.game.turn();
        // Those who had not committed lose their unconfirmed moves and are
        // told why; with a stand-in, everyone is told a bot moves for them.
        let stand_in = self.on_timeout == Timeout::Bot;
        let _ = self.facilitate_engine(&WhiteCell::TimeUp { stand_in }, Author::Clock);
        if stand_in {
            for a in self.game.waiting_for() {
                // The stand-in's last commit may resolve the turn: stop there.
                if self.game.turn() != turn || self.game.is_over() {
                    break;
                }
                let policy = self.stand_in_policy(a);
                let mut bot = self.bot_for(a, policy);
                for c in bot.choose(&self.game.perspective(a)) {
                    let by = Author::StandIn {
                        policy: policy.name().into(),
                    };
                    let _ = self.act(a, &c, by);
                }
            }
        }
        // Only the turn that ran out is resolved, never the next one.
        if self.game.turn() == turn && !self.game.is_over() && !self.game.waiting_for().is_empty() {
            let _ = self.facilitate_engine(&WhiteCell::TimeUp { stand_in: false }, Author::Clock);
        }
        self.after_change(now, turn, true);
        out
    }
}
