//! The facilitator's ("white cell") powers over a game: ad-hoc injects,
//! forcing a turn to resolve, the turn clock running out, ending the game. Logged like any command, so
//! replays stay exact.

use super::command::{RuleError, WhiteCell};
use super::event::{CutOffCause, EventKind};
use super::{bit, Event, Game};

/// Longest ad-hoc inject text accepted.
pub const MAX_INJECT_TEXT: usize = 4000;

impl Game {
    pub fn white_cell(&mut self, command: &WhiteCell) -> Result<Vec<Event>, RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        let before = self.state.events.len();
        match command {
            WhiteCell::Inject {
                headline,
                text,
                audience,
            } => {
                if headline.trim().is_empty() {
                    return Err(RuleError::Invalid("an inject needs a headline".into()));
                }
                if headline.len() + text.len() > MAX_INJECT_TEXT {
                    return Err(RuleError::Invalid(format!(
                        "an inject may hold at most {MAX_INJECT_TEXT} characters"
                    )));
                }
                let kind = EventKind::AdHocInject {
                    headline: headline.clone(),
                    text: text.clone(),
                };
                if audience.is_empty() {
                    self.push_public(kind);
                } else {
                    let mut mask = 0u64;
                    for id in audience {
                        mask |= bit(self.actor_index(id)?);
                    }
                    self.push(false, mask, kind);
                }
            }
            WhiteCell::ForceResolve => {
                self.cut_off(CutOffCause::Facilitator, false);
                self.resolve_turn();
            }
            WhiteCell::Message { from, to, text } => self.facilitator_message(from, to, text)?,
            WhiteCell::Press { mode } => self.set_press(*mode),
            WhiteCell::TimeUp { stand_in } => {
                self.cut_off(CutOffCause::TimeUp, *stand_in);
                if !stand_in {
                    self.resolve_turn();
                }
            }
            WhiteCell::EndGame => {
                self.close_requests();
                self.state.stopped = true;
                self.push_public(EventKind::Stopped);
            }
        }
        Ok(self.state.events[before..].to_vec())
    }

    /// Every actor that has not committed loses (and is refunded) the
    /// orders it had not confirmed, and is told why. Without a stand-in it
    /// counts as committed with no move; with one, everyone is told a bot
    /// moves for it, and it stays uncommitted until the bot commits.
    fn cut_off(&mut self, cause: CutOffCause, stand_in: bool) {
        for a in 0..self.state.actors.len() {
            if self.state.actors[a].committed {
                continue;
            }
            let dropped = std::mem::take(&mut self.state.actors[a].orders);
            for o in &dropped {
                self.state.actors[a].resources += super::statement_orders::order_cost(self, o);
            }
            self.push_to(
                &[a],
                EventKind::CutOff {
                    actor: a,
                    dropped,
                    cause,
                },
            );
            if stand_in {
                self.push_public(EventKind::StoodIn { actor: a });
            } else {
                self.state.actors[a].committed = true;
            }
        }
    }
}
