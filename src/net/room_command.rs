//! A player's command: who may send it (the delegation member holding
//! the pen, while no bot holds the seat and the game runs), and who hears
//! of it once it is accepted.

use std::time::Instant;

use crate::engine::{Author, Command};

use super::protocol::{ErrorCode, Role, Seat, ServerMsg};
use super::room::{Out, Room};

impl Room {
    /// Handle `command` from connection `conn` (its actor and role).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn command(
        &mut self,
        conn: u64,
        id: u64,
        command: Command,
        actor: Option<usize>,
        role: &Role,
        now: Instant,
        out: &mut Out,
    ) {
        let err = |id: u64, code: ErrorCode, message: String| {
            (
                conn,
                ServerMsg::Error {
                    id: Some(id),
                    code,
                    message,
                },
            )
        };
        let (Some(a), Role::Player { .. }) = (actor, &role) else {
            out.push(err(id, ErrorCode::NotAllowed, "only players send commands".into()));
            return;
        };
        if self.pen(a) != Some(conn) {
            let who = self
                .pen(a)
                .and_then(|p| self.conns.get(&p))
                .and_then(|c| c.name.clone());
            let who = who.unwrap_or_else(|| "another member".into());
            out.push(err(
                id,
                ErrorCode::NotAllowed,
                format!("{who} holds your delegation's pen; ask them to pass it to you"),
            ));
            return;
        }
        if self.paused {
            out.push(err(id, ErrorCode::Paused, "the facilitator has paused the game".into()));
            return;
        }
        if matches!(self.seats[a], Seat::Bot { .. }) {
            out.push(err(
                id,
                ErrorCode::NotAllowed,
                "a bot is playing your actor; ask the facilitator".into(),
            ));
            return;
        }
        let turn = self.game.turn();
        let seen = self.game.state().events.len();
        let by = Author::Person {
            name: self.conns.get(&conn).and_then(|c| c.name.clone()),
        };
        match self.act(a, &command, by) {
            Ok(()) => {
                out.push((conn, ServerMsg::Ack { id }));
                // Only a resolved turn or shared evidence changes others' views;
                // a commit changes who is waiting; other moves concern the mover alone.
                let published = matches!(command, Command::Publish { .. });
                let everyone = self.after_change(now, turn, published);
                if !everyone {
                    match &command {
                        Command::Commit => self.roster_later(now, true),
                        // A private share concerns the sharer and the recipients only.
                        Command::Share { with, .. } => {
                            let to: Vec<u64> = self
                                .conns
                                .iter()
                                .filter(|(_, c)| {
                                    c.actor == Some(a)
                                        || c.actor.is_some_and(|a| {
                                            with.iter().any(|w| self.game.actor_index(w).ok() == Some(a))
                                        })
                                })
                                .map(|(id, _)| *id)
                                .collect();
                            for c in to {
                                self.state_later(c);
                            }
                        }
                        // The whole delegation (and its observers) sees the move.
                        _ => {
                            let mine: Vec<u64> = self
                                .conns
                                .iter()
                                .filter(|(_, c)| c.actor == Some(a))
                                .map(|(id, _)| *id)
                                .collect();
                            for c in mine {
                                self.state_later(c);
                            }
                        }
                    }
                    if !matches!(command, Command::Commit) {
                        self.tell_readers(a, seen);
                    }
                    self.roster_later(now, false);
                }
            }
            Err(e) => out.push(err(id, ErrorCode::Rejected, e.to_string())),
        }
    }
}

impl Room {
    /// Those who may read an event the move of `actor` caused (a message,
    /// a proposal, an answer: events from index `seen` on) get their state
    /// now, not at the end of the turn; spectators too if one is public.
    fn tell_readers(&mut self, actor: usize, seen: usize) {
        let events = &self.game.state().events;
        let new = events.get(seen..).unwrap_or_default();
        if new.is_empty() {
            return;
        }
        let public = new.iter().any(|e| e.public);
        let to: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| match (c.actor, &c.role) {
                (Some(x), _) => x != actor && new.iter().any(|e| e.visible_to(x)),
                (None, Role::Spectator) => public,
                _ => false,
            })
            .map(|(id, _)| *id)
            .collect();
        for c in to {
            self.state_later(c);
        }
    }
}
