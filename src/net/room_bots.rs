//! The seats bots hold in a room. A bot's moves depend only on the game so
//! far and the turn: it is made afresh each turn from the room's seed and
//! the turn, and told what its actor already shared, so a room restarted
//! from its log plays on exactly as one that never stopped.

use super::protocol::Seat;
use super::room::Room;
use crate::bots::Bot;
use crate::bots::Policy;
use crate::engine::{Author, Command, Logged};
use crate::session::room_record::RoomChange;

impl Room {
    /// Hand an actor to a bot (or back to a person). A bot taking over
    /// discards what the person chose this turn and not yet committed, and
    /// chooses afresh.
    pub fn set_seat(&mut self, actor: usize, seat: Seat, by: Author) {
        let to_bot = matches!(seat, Seat::Bot { .. }) && self.seats[actor] != seat;
        self.seats[actor] = seat;
        let chosen = !self.game.state().actors[actor].orders.is_empty();
        if to_bot && chosen && !self.game.is_over() && self.game.waiting_for().contains(&actor) {
            // Logged like any move, so a replay discards them too.
            let _ = self.act(actor, &Command::Withdraw, by);
        }
        self.bots[actor] = None;
    }

    /// A bot for `actor` this turn, with the policy of its seat.
    pub(super) fn bot_for(&self, actor: usize, policy: crate::bots::Policy) -> Bot {
        let turn = u64::from(self.game.turn());
        let seed = self.game.state().seed ^ turn.wrapping_mul(0xA24B_AED4_963E_E407);
        let mut bot = Bot::new(policy, seed, actor);
        let s = self.game.scenario();
        let me = &s.file.actors[actor].id;
        for c in self.log.commands.iter().filter(|c| &c.actor == me) {
            if let Logged::Actor(Command::Share { evidence, with }) = &c.command {
                let Some(&e) = s.evidence_ix.get(evidence) else {
                    continue;
                };
                let mask = with
                    .iter()
                    .filter_map(|w| s.actor_ix.get(w))
                    .filter(|&&a| a < 64)
                    .fold(0u64, |m, &a| m | (1 << a));
                bot.already_shared(e, mask);
            }
        }
        bot
    }

    /// Bots move for the actors they hold, until none is waiting: a bot's
    /// commit may resolve the turn, and the bots before it in the order of
    /// actors then move in the new turn at once, as they would in a room
    /// started again from its log.
    pub(super) fn run_bots(&mut self) {
        loop {
            let turn = self.game.turn();
            self.run_bots_once();
            if self.game.turn() == turn || self.game.is_over() {
                return;
            }
        }
    }

    fn run_bots_once(&mut self) {
        for a in 0..self.bots.len() {
            let Seat::Bot { policy } = self.seats[a] else {
                self.bots[a] = None;
                continue;
            };
            if self.game.is_over() || !self.game.waiting_for().contains(&a) {
                continue;
            }
            let turn = self.game.turn();
            let mut bot = match self.bots[a].take() {
                Some((t, b)) if t == turn && b.policy == policy => b,
                _ => self.bot_for(a, policy),
            };
            let commands = bot.choose(&self.game.perspective(a));
            self.bots[a] = Some((turn, bot));
            for c in commands {
                let by = Author::Bot {
                    policy: policy.name().into(),
                };
                let _ = self.act(a, &c, by);
            }
        }
    }

    /// The policy of the stand-in bot that moves for `actor` when its
    /// time runs out: the one the facilitator last chose for the seat
    /// (from the start or in play, as the log records it), else cautious.
    pub(super) fn stand_in_policy(&self, actor: usize) -> Policy {
        let id = &self.game.scenario().file.actors[actor].id;
        let chosen = self.journal.records.iter().rev().find_map(|r| match &r.room {
            RoomChange::Seat { actor: a, bot: Some(p) } if a == id => Some(*p),
            _ => None,
        });
        chosen
            .or_else(|| {
                let initial = &self.journal.initial.bots;
                initial.iter().find(|(a, _)| a == id).map(|(_, p)| *p)
            })
            .unwrap_or(Policy::Cautious)
    }
}
