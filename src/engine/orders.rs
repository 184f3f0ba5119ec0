//! Taking commands: checking that a move is allowed now (and saying why
//! not), queuing it for the turn's resolution, sharing evidence at once.

use crate::scenario::compiled::in_set;
use crate::scenario::schema::CbmKind;
use crate::scenario::Scenario;

use super::command::{Command, Move, RuleError};
use super::event::EventKind;
use super::state::Order;
use super::Game;

impl Game {
    /// Apply an actor's command. Returns the events it caused (the whole
    /// turn's resolution when it was the last commit).
    pub fn apply(&mut self, actor: usize, command: &Command) -> Result<Vec<super::Event>, RuleError> {
        let before = self.state.events.len();
        self.apply_quietly(actor, command)?;
        Ok(self.state.events[before..].to_vec())
    }

    /// `apply` without returning the events (they stay in the state):
    /// for headless games, where nobody reads them as they happen.
    pub fn apply_quietly(&mut self, actor: usize, command: &Command) -> Result<(), RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        if actor >= self.scenario.actor_count() {
            return Err(RuleError::UnknownActor(format!("#{actor}")));
        }
        match command {
            Command::Act { action, target } => {
                let a = self.action_index(action)?;
                let t = match target {
                    Some(id) => Some(self.actor_index(id)?),
                    None => None,
                };
                self.act(actor, a, t)
            }
            Command::Attribute {
                suspect,
                confidence,
                layer,
            } => {
                let s = self.suspect_index(suspect)?;
                let layer = layer.unwrap_or_else(|| self.usual_layer(actor, s));
                self.order_statement(
                    actor,
                    Order::Attribute {
                        suspect: s,
                        confidence: *confidence,
                        layer,
                    },
                )
            }
            Command::Propose {
                suspect,
                confidence,
                layer,
            } => {
                let s = self.suspect_index(suspect)?;
                let layer = layer.unwrap_or_else(|| self.usual_layer(actor, s));
                self.order_statement(
                    actor,
                    Order::Propose {
                        suspect: s,
                        confidence: *confidence,
                        layer,
                    },
                )
            }
            Command::Sign { proposal } => self.order_statement(actor, Order::Sign { proposal: *proposal }),
            Command::Decline { proposal } => {
                self.check_uncommitted(actor)?;
                self.decline_order(actor, *proposal)
            }
            Command::Retract { statement } => self.order_statement(actor, Order::Retract { statement: *statement }),
            Command::Refine {
                statement,
                confidence,
                layer,
            } => {
                let current = self.state.attributions.get(*statement).map(|a| a.layer);
                let layer = layer.or(current).unwrap_or_default();
                self.order_statement(
                    actor,
                    Order::Refine {
                        statement: *statement,
                        confidence: *confidence,
                        layer,
                    },
                )
            }
            Command::Tearline { evidence } => {
                self.check_uncommitted(actor)?;
                let e = self.held_index(actor, evidence)?;
                self.tearline_order(actor, e)
            }
            Command::Share { evidence, with } => {
                self.check_uncommitted(actor)?;
                let e = self.held_index(actor, evidence)?;
                if with.is_empty() {
                    return Err(RuleError::NoRecipients);
                }
                let mut to = Vec::with_capacity(with.len());
                for id in with {
                    let t = self.actor_index(id)?;
                    self.may_share(actor, e, t).map_err(RuleError::TlpForbids)?;
                    if !to.contains(&t) {
                        to.push(t);
                    }
                }
                self.share(actor, e, &to);
                Ok(())
            }
            Command::Publish { evidence } => {
                self.check_uncommitted(actor)?;
                let e = self.held_index(actor, evidence)?;
                let tlp = self.scenario.file.evidence[e].tlp;
                if tlp != crate::scenario::schema::Tlp::Clear {
                    return Err(RuleError::TlpForbids(format!(
                        "only TLP:CLEAR evidence may be published; this is {}",
                        tlp.label()
                    )));
                }
                self.publish(actor, e);
                Ok(())
            }
            Command::Withdraw => {
                self.check_uncommitted(actor)?;
                let orders = std::mem::take(&mut self.state.actors[actor].orders);
                for o in orders {
                    self.state.actors[actor].resources += super::statement_orders::order_cost(self, &o);
                }
                Ok(())
            }
            Command::Message { .. } | Command::Offer { .. } | Command::Answer { .. } => {
                self.press_command(actor, command)
            }
            Command::Reply { request, reply } => self.reply(actor, *request, reply),
            Command::Commit => self.commit(actor),
        }
    }

    /// `apply_quietly` for a command whose ids are already indices: the
    /// same checks and the same result as the `Command` it stands for,
    /// without looking up a name.
    pub fn apply_move(&mut self, actor: usize, m: Move) -> Result<(), RuleError> {
        if self.is_over() {
            return Err(RuleError::GameOver);
        }
        let n = self.scenario.actor_count();
        if actor >= n {
            return Err(RuleError::UnknownActor(format!("#{actor}")));
        }
        match m {
            Move::Act { action, target } => {
                if action >= self.scenario.actions.len() {
                    return Err(RuleError::UnknownAction(format!("#{action}")));
                }
                if let Some(t) = target.filter(|&t| t >= n) {
                    return Err(RuleError::UnknownActor(format!("#{t}")));
                }
                self.act(actor, action, target)
            }
            Move::Attribute {
                suspect,
                confidence,
                layer,
            }
            | Move::Propose {
                suspect,
                confidence,
                layer,
            } => {
                if suspect >= self.scenario.file.suspects.len() {
                    return Err(RuleError::UnknownSuspect(format!("#{suspect}")));
                }
                let order = if matches!(m, Move::Attribute { .. }) {
                    Order::Attribute {
                        suspect,
                        confidence,
                        layer,
                    }
                } else {
                    Order::Propose {
                        suspect,
                        confidence,
                        layer,
                    }
                };
                self.order_statement(actor, order)
            }
            Move::Sign { proposal } => self.order_statement(actor, Order::Sign { proposal }),
            Move::Decline { proposal } => {
                self.check_uncommitted(actor)?;
                self.decline_order(actor, proposal)
            }
            Move::Tearline { evidence } => {
                self.check_uncommitted(actor)?;
                if evidence >= self.scenario.evidence.len() || !self.state.holds(actor, evidence) {
                    return Err(RuleError::NotHeld(format!("#{evidence}")));
                }
                self.tearline_order(actor, evidence)
            }
            Move::Share { evidence, with } => {
                self.check_uncommitted(actor)?;
                if evidence >= self.scenario.evidence.len() || !self.state.holds(actor, evidence) {
                    return Err(RuleError::NotHeld(format!("#{evidence}")));
                }
                if with == 0 {
                    return Err(RuleError::NoRecipients);
                }
                if with >> n != 0 {
                    return Err(RuleError::UnknownActor(format!("#{}", 63 - with.leading_zeros())));
                }
                let mut to = [0usize; 64];
                let mut k = 0;
                for t in (0..n).filter(|&t| in_set(with, t)) {
                    self.may_share(actor, evidence, t).map_err(RuleError::TlpForbids)?;
                    to[k] = t;
                    k += 1;
                }
                self.share(actor, evidence, &to[..k]);
                Ok(())
            }
            Move::Answer {
                proposal,
                accept,
                because,
            } => {
                let c = Move::Answer {
                    proposal,
                    accept,
                    because,
                }
                .to_command(&self.scenario);
                self.press_command(actor, &c)
            }
            Move::Reply { request, reply } => self.reply_pick(actor, request, reply),
            Move::Commit => self.commit(actor),
        }
    }

    fn act(&mut self, actor: usize, a: usize, t: Option<usize>) -> Result<(), RuleError> {
        self.check_committable(actor)?;
        self.check_act(actor, a, t)
            .map_err(|u| RuleError::Unavailable(u.describe(&self.scenario, actor)))?;
        self.state.actors[actor].resources -= self.scenario.actions[a].cost;
        self.state.actors[actor]
            .orders
            .push(Order::Act { action: a, target: t });
        Ok(())
    }

    fn commit(&mut self, actor: usize) -> Result<(), RuleError> {
        self.check_uncommitted(actor)?;
        self.state.actors[actor].committed = true;
        self.push_public(EventKind::Committed { actor });
        if self.state.actors.iter().all(|a| a.committed) {
            self.resolve_turn();
        }
        Ok(())
    }

    pub(crate) fn check_uncommitted(&self, actor: usize) -> Result<(), RuleError> {
        if self.state.actors[actor].committed {
            return Err(RuleError::AlreadyCommitted);
        }
        Ok(())
    }

    fn action_index(&self, id: &str) -> Result<usize, RuleError> {
        self.scenario
            .action_ix
            .get(id)
            .copied()
            .ok_or_else(|| RuleError::UnknownAction(id.to_string()))
    }

    fn suspect_index(&self, id: &str) -> Result<usize, RuleError> {
        self.scenario
            .suspect_ix
            .get(id)
            .copied()
            .ok_or_else(|| RuleError::UnknownSuspect(id.to_string()))
    }

    /// An evidence item the actor holds; the same error whether the id
    /// exists or not, so no one learns of evidence they do not hold.
    fn held_index(&self, actor: usize, id: &str) -> Result<usize, RuleError> {
        match self.scenario.evidence_ix.get(id) {
            Some(&e) if self.state.holds(actor, e) => Ok(e),
            _ => Err(RuleError::NotHeld(id.to_string())),
        }
    }

    pub(crate) fn check_committable(&self, actor: usize) -> Result<(), RuleError> {
        let a = &self.state.actors[actor];
        if a.committed {
            return Err(RuleError::AlreadyCommitted);
        }
        if a.orders.len() as u32 >= self.scenario.file.moves_per_turn {
            return Err(RuleError::NoMovesLeft);
        }
        Ok(())
    }

    /// Why `actor` may not take `action` on `target` now, if it may not.
    /// Moves already chosen this turn are taken into account.
    pub fn check_act(&self, actor: usize, action: usize, target: Option<usize>) -> Result<(), Unavailable> {
        let s = &self.scenario;
        let ca = &s.actions[action];
        let st = &self.state.actors[actor];
        if !ca.may_take[actor] {
            return Err(Unavailable::NotForYou);
        }
        if ca.once && (st.used.contains(&action) || queued(st, action)) {
            return Err(Unavailable::OnceOnly);
        }
        if queued(st, action) {
            return Err(Unavailable::AlreadyChosen);
        }
        if ca.cost > st.resources {
            return Err(Unavailable::Cost {
                cost: ca.cost,
                have: st.resources,
            });
        }
        match (ca.targets, target) {
            (None, Some(_)) => return Err(Unavailable::TakesNoTarget),
            (Some(_), None) => return Err(Unavailable::NeedsTarget),
            (Some(allowed), Some(t)) => {
                if t == actor {
                    return Err(Unavailable::SelfTarget);
                }
                if !in_set(allowed, t) {
                    return Err(Unavailable::InvalidTarget(t));
                }
                if let Some(kind) = ca.cbm {
                    let r = self.state.relations[s.pair(actor, t)];
                    if kind.is_lasting() && r.has(kind) {
                        return Err(Unavailable::InForce(kind, t));
                    }
                    if self.has_offered(actor, t, kind) {
                        return Err(Unavailable::Offered(t));
                    }
                }
            }
            (None, None) => {}
        }
        if !self.holds(&ca.requires, Some(actor), target) {
            return Err(Unavailable::Conditions);
        }
        Ok(())
    }
}

fn queued(st: &super::ActorState, action: usize) -> bool {
    st.orders
        .iter()
        .any(|o| matches!(o, Order::Act { action: a, .. } if *a == action))
}

/// Why an action cannot be taken now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    NotForYou,
    OnceOnly,
    AlreadyChosen,
    Cost { cost: i32, have: i32 },
    TakesNoTarget,
    NeedsTarget,
    SelfTarget,
    InvalidTarget(usize),
    InForce(CbmKind, usize),
    Offered(usize),
    Conditions,
}

impl Unavailable {
    /// The reason in words, for the player.
    pub fn describe(self, s: &Scenario, actor: usize) -> String {
        let name = |i: usize| s.file.actors[i].name.clone();
        match self {
            Unavailable::NotForYou => format!("{} cannot take this action", name(actor)),
            Unavailable::OnceOnly => "can be taken only once per game".into(),
            Unavailable::AlreadyChosen => "already chosen this turn".into(),
            Unavailable::Cost { cost, have } => format!("costs {cost} resources; you have {have}"),
            Unavailable::TakesNoTarget => "this action takes no target".into(),
            Unavailable::NeedsTarget => "choose a target".into(),
            Unavailable::SelfTarget => "you cannot target yourself".into(),
            Unavailable::InvalidTarget(t) => format!("{} is not a valid target", name(t)),
            Unavailable::InForce(k, t) => {
                format!("{} with {} is already in force", k.with_article(), name(t))
            }
            Unavailable::Offered(t) => {
                format!("already offered; waiting for {} to accept", name(t))
            }
            Unavailable::Conditions => "its conditions are not met now".into(),
        }
    }
}
