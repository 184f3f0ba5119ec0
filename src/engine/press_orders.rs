//! Taking press commands: messages, offers and answers, and the white
//! cell's messages in the name of an actor it plays. Each check says why
//! not in words (`press_text`); a refused command changes nothing.

use crate::scenario::schema::{CbmKind, PressMode};

use super::command::{Command, Move, RuleError};
use super::event::EventKind;
use super::press::{clean, Deal, DealTerms, ProposalRef, Reason, Terms, MAX_RESTRAINT};
use super::press_text as text;
use super::state::{cbm_bit, Order};
use super::Game;

impl Game {
    /// Apply `Message`, `Offer` or `Answer` for `actor`.
    pub(crate) fn press_command(&mut self, actor: usize, command: &Command) -> Result<(), RuleError> {
        match command {
            Command::Message { to, text: raw } => {
                let body = clean(raw)?;
                let to = self.recipients(actor, to)?;
                if to.is_empty() {
                    if let Some(why) = self.public_refusal() {
                        return Err(RuleError::Invalid(why));
                    }
                }
                for &t in &to {
                    if let Some(why) = self.line_refusal(actor, t) {
                        return Err(RuleError::Invalid(why));
                    }
                }
                self.say(actor, to, body, false);
                Ok(())
            }
            Command::Offer { to, terms, text: raw } => {
                let t = self.actor_index(to)?;
                let note = if raw.trim().is_empty() { None } else { Some(clean(raw)?) };
                self.offer(actor, t, terms, note)
            }
            Command::Answer {
                proposal,
                accept,
                text: raw,
                because,
            } => {
                let note = if raw.trim().is_empty() { None } else { Some(clean(raw)?) };
                self.answer(actor, proposal, *accept, note, *because)
            }
            _ => Err(RuleError::Invalid("not a press command".into())),
        }
    }

    /// Recipients by id, without repeats; writing to oneself is refused.
    fn recipients(&self, actor: usize, ids: &[String]) -> Result<Vec<usize>, RuleError> {
        let mut to = Vec::with_capacity(ids.len());
        for id in ids {
            let t = self.actor_index(id)?;
            if t == actor {
                return Err(RuleError::Invalid(text::TO_SELF.into()));
            }
            if !to.contains(&t) {
                to.push(t);
            }
        }
        to.sort_unstable();
        Ok(to)
    }

    /// Record a message: public when `to` is empty, else seen by the
    /// writer and its recipients.
    pub(crate) fn say(&mut self, from: usize, to: Vec<usize>, text: String, facilitator: bool) {
        if to.is_empty() {
            self.push_public(EventKind::Said {
                from,
                to,
                text,
                facilitator,
            });
        } else {
            let mut seen = to.clone();
            seen.push(from);
            self.push_to(
                &seen,
                EventKind::Said {
                    from,
                    to,
                    text,
                    facilitator,
                },
            );
        }
    }

    fn line_open(&self, from: usize, to: usize) -> Result<(), RuleError> {
        match self.line_refusal(from, to) {
            Some(why) => Err(RuleError::Invalid(why)),
            None => Ok(()),
        }
    }

    fn offer(&mut self, actor: usize, to: usize, terms: &Terms, note: Option<String>) -> Result<(), RuleError> {
        if to == actor {
            return Err(RuleError::Invalid(text::TO_SELF.into()));
        }
        let needs_line = note.is_some() || matches!(terms, Terms::Restraint { .. } | Terms::Assistance);
        if needs_line {
            self.line_open(actor, to)?;
        }
        match terms {
            Terms::Restraint { turns } => {
                if !(1..=MAX_RESTRAINT).contains(turns) {
                    return Err(RuleError::Invalid(text::RESTRAINT_TURNS.into()));
                }
                if self.state.deals.iter().any(|d| d.binds(actor, to, self.state.turn)) {
                    let name = &self.scenario.file.actors[to].name;
                    return Err(RuleError::Invalid(text::already_in_restraint(name)));
                }
                self.open_deal(actor, to, DealTerms::Restraint { turns: *turns });
            }
            Terms::Assistance => self.open_deal(actor, to, DealTerms::Assistance),
            Terms::JointStatement {
                suspect,
                confidence,
                layer,
            } => {
                let propose = Command::Propose {
                    suspect: suspect.clone(),
                    confidence: *confidence,
                    layer: *layer,
                };
                self.apply_quietly(actor, &propose)?;
            }
            Terms::Measure { measure } => {
                let action = self.measure_action(actor, to, *measure)?;
                self.apply_move(
                    actor,
                    Move::Act {
                        action,
                        target: Some(to),
                    },
                )?;
            }
        }
        if let Some(body) = note {
            self.say(actor, vec![to], body, false);
        }
        Ok(())
    }

    fn open_deal(&mut self, by: usize, to: usize, terms: DealTerms) {
        self.state.deals.push(Deal {
            by,
            to,
            terms,
            turn: self.state.turn,
            answer: None,
            until: None,
            broken: None,
        });
        let deal = self.state.deals.len() - 1;
        self.push_to(&[by, to], EventKind::DealOffered { deal, by, to, terms });
    }

    /// The scenario's action that offers `measure` to `to`, if `actor` may
    /// take it now.
    pub(crate) fn measure_action(&self, actor: usize, to: usize, measure: CbmKind) -> Result<usize, RuleError> {
        let mut why = None;
        for (a, ca) in self.scenario.actions.iter().enumerate() {
            if ca.cbm != Some(measure) {
                continue;
            }
            match self.check_act(actor, a, Some(to)) {
                Ok(()) => return Ok(a),
                Err(u) => why = Some(u.describe(&self.scenario, actor)),
            }
        }
        let name = &self.scenario.file.actors[to].name;
        Err(RuleError::Unavailable(
            why.unwrap_or_else(|| text::no_cbm_action(measure, name)),
        ))
    }

    fn answer(
        &mut self,
        actor: usize,
        proposal: &ProposalRef,
        accept: bool,
        note: Option<String>,
        because: Option<Reason>,
    ) -> Result<(), RuleError> {
        let unknown = || RuleError::Invalid(text::NO_SUCH_PROPOSAL.into());
        // Whom the answer goes back to, checked before anything changes.
        let proposer = match proposal {
            ProposalRef::Joint(n) => self.state.proposals.get(*n).map(|p| p.by).ok_or_else(unknown)?,
            ProposalRef::Measure { from, measure } => {
                let f = self.actor_index(from)?;
                if f == actor || !self.has_offered(f, actor, *measure) {
                    return Err(unknown());
                }
                f
            }
            ProposalRef::Deal(n) => match self.state.deals.get(*n) {
                Some(d) if d.to == actor && d.answer.is_none() => d.by,
                Some(d) if d.to == actor => return Err(RuleError::Invalid(text::ANSWERED.into())),
                _ => return Err(unknown()),
            },
        };
        if note.is_some() {
            self.line_open(actor, proposer)?;
        }
        match proposal {
            ProposalRef::Joint(n) if accept => self.order_statement(actor, Order::Sign { proposal: *n })?,
            ProposalRef::Joint(n) => {
                self.check_uncommitted(actor)?;
                self.decline_order(actor, *n)?;
            }
            ProposalRef::Measure { measure, .. } if accept => {
                let action = self.measure_action(actor, proposer, *measure)?;
                self.apply_move(
                    actor,
                    Move::Act {
                        action,
                        target: Some(proposer),
                    },
                )?;
            }
            ProposalRef::Measure { measure, .. } => {
                self.state.actors[proposer].offers[actor] &= !cbm_bit(*measure);
                self.push_to(
                    &[actor, proposer],
                    EventKind::CbmDeclined {
                        from: proposer,
                        to: actor,
                        kind: *measure,
                    },
                );
            }
            ProposalRef::Deal(n) => self.settle_deal(*n, accept),
        }
        let words = note.or_else(|| because.map(text::reason));
        if let Some(w) = words {
            if self.line_refusal(actor, proposer).is_none() {
                self.say(actor, vec![proposer], w, false);
            }
        }
        Ok(())
    }

    /// The white cell writes as `from`, bound by no channel rule.
    pub(crate) fn facilitator_message(&mut self, from: &str, to: &[String], raw: &str) -> Result<(), RuleError> {
        if from.trim().is_empty() {
            return Err(RuleError::Invalid(text::NO_FACILITATOR_ACTOR.into()));
        }
        let a = self.actor_index(from)?;
        let body = clean(raw)?;
        let to = self.recipients(a, to)?;
        self.say(a, to, body, true);
        Ok(())
    }

    /// The white cell sets the press mode for the rest of the game.
    pub(crate) fn set_press(&mut self, mode: PressMode) {
        self.state.press_mode = Some(mode);
        self.push_public(EventKind::PressSet { mode });
    }
}
