//! Delegations and seats: several people may play one actor. Every
//! connection holding the actor's code sees the actor's view; one of them
//! holds the pen (acts and commits) and may pass it, and all may share
//! draft notes with the delegation. An observer's code shadows an actor's
//! view without acting. The facilitator may revoke a code and issue a new
//! one for the same seat.

use std::time::Instant;

use super::codes::new_code;
use super::protocol::{Member, Role, ServerMsg};
use super::room::{Out, Room};

/// Longest draft note, in characters.
pub const MAX_NOTE: usize = 2000;

/// Whose code a facilitator revokes: an actor id (its players' code),
/// `observer:ID` (that actor's observers' code), or `spectator`.
#[derive(Debug, Clone, Copy)]
pub(super) enum CodeOf {
    Player(usize),
    Observer(usize),
    Spectator,
}

impl Room {
    /// The players of actor `a`, oldest connection first.
    fn delegation(&self, a: usize) -> Vec<u64> {
        self.conns
            .iter()
            .filter(|(_, c)| c.actor == Some(a) && matches!(c.role, Role::Player { .. }))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Who holds actor `a`'s pen, if anyone is connected.
    pub(super) fn pen(&self, a: usize) -> Option<u64> {
        self.pens.get(a).copied().flatten()
    }

    /// After a connection of actor `a` came or went: if the pen is free,
    /// the longest-connected player takes it; everyone with the actor's
    /// view hears who is there.
    pub(super) fn seats_changed(&mut self, a: usize, out: &mut Out) {
        let members = self.delegation(a);
        if let Some(slot) = self.pens.get_mut(a) {
            if slot.is_none_or(|p| !members.contains(&p)) {
                *slot = members.first().copied();
            }
        }
        self.tell_delegation(a, out);
    }

    /// Send `delegation` to every connection with actor `a`'s view.
    fn tell_delegation(&self, a: usize, out: &mut Out) {
        let pen = self.pen(a);
        let Some(actor) = self.game.scenario().file.actors.get(a) else {
            return;
        };
        let members: Vec<Member> = self
            .conns
            .iter()
            .filter(|(_, c)| c.actor == Some(a))
            .map(|(id, c)| Member {
                connection: *id,
                name: c.name.clone(),
                pen: pen == Some(*id),
                observer: matches!(c.role, Role::Observer { .. }),
            })
            .collect();
        for m in &members {
            out.push((
                m.connection,
                ServerMsg::Delegation {
                    actor: actor.id.clone(),
                    members: members.clone(),
                },
            ));
        }
    }

    /// The pen holder hands the pen to another player of the delegation.
    pub(super) fn pass_pen(&mut self, conn: u64, to: u64, out: &mut Out) -> Result<(), String> {
        let a = self.player_actor(conn).ok_or("only players hold a pen")?;
        if self.pen(a) != Some(conn) {
            return Err("only the member holding the pen may pass it".into());
        }
        if !self.delegation(a).contains(&to) {
            return Err(format!("connection {to} is not a player of your delegation"));
        }
        self.pens[a] = Some(to);
        self.tell_delegation(a, out);
        Ok(())
    }

    /// A draft note, shared with everyone holding the actor's view.
    pub(super) fn note(&mut self, conn: u64, text: &str, out: &mut Out) -> Result<(), String> {
        let a = self
            .player_actor(conn)
            .ok_or("only players of a delegation share notes")?;
        let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
        if text.trim().is_empty() {
            return Err("a note needs some text".into());
        }
        if text.chars().count() > MAX_NOTE {
            return Err(format!("a note may hold at most {MAX_NOTE} characters"));
        }
        let name = self.conns.get(&conn).and_then(|c| c.name.clone());
        let to: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.actor == Some(a))
            .map(|(id, _)| *id)
            .collect();
        for id in to {
            out.push((
                id,
                ServerMsg::Note {
                    from: conn,
                    name: name.clone(),
                    text: text.clone(),
                },
            ));
        }
        Ok(())
    }

    /// The actor a connection plays, if it is a player (not an observer).
    pub(super) fn player_actor(&self, conn: u64) -> Option<usize> {
        let c = self.conns.get(&conn)?;
        matches!(c.role, Role::Player { .. }).then_some(c.actor).flatten()
    }

    /// Parse what `revoke` names.
    pub(super) fn code_of(&self, who: &str) -> Result<CodeOf, String> {
        if who == "spectator" {
            return Ok(CodeOf::Spectator);
        }
        if who == "facilitator" {
            return Err("the facilitator's own code cannot be revoked from the room".into());
        }
        if let Some(id) = who.strip_prefix("observer:") {
            return Ok(CodeOf::Observer(self.game.actor_index(id).map_err(|e| e.to_string())?));
        }
        self.game
            .actor_index(who)
            .map(CodeOf::Player)
            .map_err(|e| e.to_string())
    }

    /// Set the code of `of` (as the log names it: an actor id,
    /// `observer:ID`, `facilitator` or `spectator`), for a room restored
    /// from its log. Errors: `of` names no code of this room.
    pub(super) fn set_code(&mut self, of: &str, code: &str) -> Result<(), String> {
        let slot = if of == "facilitator" {
            &mut self.codes.facilitator
        } else {
            match self.code_of(of)? {
                CodeOf::Player(a) => &mut self.codes.players[a],
                CodeOf::Observer(a) => &mut self.observer_codes[a],
                CodeOf::Spectator => &mut self.codes.spectator,
            }
        };
        if slot != code {
            code.clone_into(slot);
            self.codes_changed = true;
        }
        Ok(())
    }

    /// Replace a code with a new one: the connections that joined with it
    /// are closed, and the facilitators are sent the new code. Returns the
    /// new code (for the log).
    pub(super) fn revoke(&mut self, who: &str, now: Instant, out: &mut Out) -> Result<String, String> {
        let which = self.code_of(who)?;
        let code = new_code();
        self.set_code(who, &code)?;
        let gone: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| match which {
                CodeOf::Player(a) => matches!(c.role, Role::Player { .. }) && c.actor == Some(a),
                CodeOf::Observer(a) => matches!(c.role, Role::Observer { .. }) && c.actor == Some(a),
                CodeOf::Spectator => c.role == Role::Spectator,
            })
            .map(|(id, _)| *id)
            .collect();
        for id in gone {
            out.push((
                id,
                ServerMsg::Bye {
                    reason: "the facilitator replaced this join code".into(),
                },
            ));
            out.extend(self.leave(id, now));
        }
        self.codes_changed = true;
        let facilitators: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.role == Role::Facilitator)
            .map(|(id, _)| *id)
            .collect();
        for id in facilitators {
            out.push((
                id,
                ServerMsg::Code {
                    of: who.to_string(),
                    code: code.clone(),
                },
            ));
        }
        Ok(code)
    }

    /// Whether codes changed since the last call (the server then
    /// updates the codes it admits).
    pub fn take_codes_changed(&mut self) -> bool {
        std::mem::take(&mut self.codes_changed)
    }
}
