//! A room at a glance, for the host's terminal: turn, clock, who has
//! committed and how many are connected. It holds no text from the
//! scenario, so it is safe to print as it is.

use std::fmt;
use std::time::Instant;

use super::protocol::FacilitatorState;
use super::room::Room;

/// A room at a glance, for the host's terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomStatus {
    pub room: usize,
    pub turn: u32,
    pub turns: u32,
    /// Actors that have committed this turn, of `actors`.
    pub committed: usize,
    pub actors: usize,
    /// Open connections, of every role.
    pub connected: usize,
    pub seconds_left: Option<u64>,
    /// The clock waits for the first player to connect: `seconds_left`
    /// is the time it starts with.
    pub clock_waits: bool,
    pub paused: bool,
    pub over: bool,
}

impl fmt::Display for RoomStatus {
    /// `room 1: turn 3 of 6, 2 of 4 committed, 5 connected, 2:31 left`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "room {}: ", self.room)?;
        if self.over {
            return write!(f, "game over, {} connected", self.connected);
        }
        write!(
            f,
            "turn {} of {}, {} of {} committed, {} connected",
            self.turn, self.turns, self.committed, self.actors, self.connected
        )?;
        match self.seconds_left {
            Some(s) if self.clock_waits => write!(f, ", {}:{:02} once a player joins", s / 60, s % 60)?,
            Some(s) => write!(f, ", {}:{:02} left", s / 60, s % 60)?,
            None => {}
        }
        if self.paused {
            write!(f, ", PAUSED")?;
        }
        Ok(())
    }
}

impl RoomStatus {
    /// Whether `other` differs in more than the clock.
    pub fn differs_from(&self, other: &RoomStatus) -> bool {
        let clockless = |s: &RoomStatus| RoomStatus {
            seconds_left: None,
            ..s.clone()
        };
        clockless(self) != clockless(other)
    }
}

impl RoomStatus {
    /// The room at a glance from the facilitator's picture of it, for the
    /// white cell console: the turn being played (the last once over),
    /// the seats committed, every open connection (the facilitator's
    /// own included), `seconds_left`, the clock as the client counts it
    /// down between the server's updates, and whether it waits for the
    /// first player.
    pub fn of_facilitator(s: &FacilitatorState, seconds_left: Option<u64>, clock_waits: bool) -> RoomStatus {
        let d = &s.debrief;
        RoomStatus {
            room: s.room,
            turn: if d.over { d.turns_played } else { d.turns_played + 1 },
            turns: d.turns,
            committed: s.seats.iter().filter(|seat| seat.committed).count(),
            actors: s.seats.len(),
            connected: s.connections.len(),
            seconds_left,
            clock_waits,
            paused: s.paused,
            over: d.over,
        }
    }
}

impl Room {
    /// The room at a glance, for the host's terminal.
    pub fn status(&self, now: Instant) -> RoomStatus {
        let actors = self.game.scenario().actor_count();
        RoomStatus {
            room: self.id,
            turn: self.game.turn(),
            turns: self.game.scenario().file.turns,
            committed: actors.saturating_sub(self.game.waiting_for().len()),
            actors,
            connected: self.conns.len(),
            seconds_left: self.seconds_left(now),
            clock_waits: self.clock_waits(),
            paused: self.paused,
            over: self.game.is_over(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_line_says_turn_commits_connections_and_clock() {
        let s = RoomStatus {
            room: 2,
            turn: 3,
            turns: 6,
            committed: 2,
            actors: 4,
            connected: 5,
            seconds_left: Some(151),
            clock_waits: false,
            paused: true,
            over: false,
        };
        assert_eq!(
            s.to_string(),
            "room 2: turn 3 of 6, 2 of 4 committed, 5 connected, 2:31 left, PAUSED"
        );
        let later = RoomStatus {
            seconds_left: Some(100),
            ..s.clone()
        };
        assert!(!later.differs_from(&s));
        let waits = RoomStatus {
            clock_waits: true,
            paused: false,
            committed: 0,
            connected: 1,
            ..s.clone()
        };
        assert_eq!(
            waits.to_string(),
            "room 2: turn 3 of 6, 0 of 4 committed, 1 connected, 2:31 once a player joins"
        );
        assert!(waits.differs_from(&s));
    }
}
