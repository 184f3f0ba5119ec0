//! Taking statement commands: attributing, proposing and signing joint
//! statements, retracting and refining, declining, issuing tearlines.
//! Each check says why not in words; a statement costs the scenario's
//! statement cost when chosen and is refunded if withdrawn.

use crate::scenario::schema::{ActorKind, Confidence, Layer, Tlp};

use super::command::RuleError;
use super::state::Order;
use super::Game;

/// Why an actor may not make a statement now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementRefusal {
    /// The scenario does not let this actor (or its kind) attribute.
    NotAnAttributor(ActorKind),
    OnePerTurn,
    Cost {
        cost: i32,
        have: i32,
    },
    /// It already has a standing statement naming this suspect.
    AlreadyNamed,
    /// Only governments hold states responsible.
    StateLayerForGovernments,
    /// No state stands behind this suspect.
    NoStateBehind,
    UnknownProposal,
    /// It proposed, signed or declined this proposal already.
    Answered,
    UnknownStatement,
    NotYours,
    /// The truth is out and the statement was judged.
    Judged,
    Retracted,
    /// Refining must change the confidence or the layer.
    Unchanged,
    /// The truth came out before the joint statement was made.
    Lapsed,
}

impl StatementRefusal {
    /// The reason in words, for the player.
    pub fn describe(self) -> String {
        match self {
            StatementRefusal::NotAnAttributor(ActorKind::IntlOrg) => {
                "international organisations do not attribute; they can convene and support".into()
            }
            StatementRefusal::NotAnAttributor(k) => {
                format!("in this scenario a {} does not make public attributions", k.label())
            }
            StatementRefusal::OnePerTurn => "you already make a statement this turn".into(),
            StatementRefusal::Cost { cost, have } => {
                format!("a statement costs {cost} resources; you have {have}")
            }
            StatementRefusal::AlreadyNamed => {
                "you have already attributed the incident to this suspect (refine or retract that statement)".into()
            }
            StatementRefusal::StateLayerForGovernments => {
                "only governments hold a state responsible; name the group or the technique".into()
            }
            StatementRefusal::NoStateBehind => "no state is known to stand behind this suspect".into(),
            StatementRefusal::UnknownProposal => "there is no such proposal for you to answer".into(),
            StatementRefusal::Answered => "you have already answered this proposal".into(),
            StatementRefusal::UnknownStatement => "there is no such statement".into(),
            StatementRefusal::NotYours => "you can only retract or refine your own statements".into(),
            StatementRefusal::Judged => "the truth is out and the statement was judged".into(),
            StatementRefusal::Retracted => "that statement was retracted".into(),
            StatementRefusal::Unchanged => "choose another confidence or layer to refine it".into(),
            StatementRefusal::Lapsed => "the truth came out before it was made: it lapsed".into(),
        }
    }
}

impl From<StatementRefusal> for RuleError {
    fn from(r: StatementRefusal) -> RuleError {
        RuleError::Unavailable(r.describe())
    }
}

impl Game {
    /// Why `actor` may not make any statement now, if it may not.
    pub fn check_statement(&self, actor: usize) -> Result<(), StatementRefusal> {
        if !self.scenario.may_attribute[actor] {
            return Err(StatementRefusal::NotAnAttributor(self.scenario.file.actors[actor].kind));
        }
        let st = &self.state.actors[actor];
        if st.orders.iter().any(Order::is_statement) {
            return Err(StatementRefusal::OnePerTurn);
        }
        let cost = self.scenario.file.attribution.cost;
        if cost > st.resources {
            return Err(StatementRefusal::Cost {
                cost,
                have: st.resources,
            });
        }
        Ok(())
    }

    /// Why `actor` may not attribute to `suspect` at `layer` now.
    pub fn check_attribute(&self, actor: usize, suspect: usize, layer: Layer) -> Result<(), StatementRefusal> {
        self.check_statement(actor)?;
        self.check_claim(actor, suspect, layer)?;
        if self
            .state
            .attributions
            .iter()
            .any(|a| a.actor == actor && a.suspect == suspect && a.retracted.is_none())
        {
            return Err(StatementRefusal::AlreadyNamed);
        }
        Ok(())
    }

    /// Whether `actor` may make a claim at `layer` about `suspect` at all.
    fn check_claim(&self, actor: usize, suspect: usize, layer: Layer) -> Result<(), StatementRefusal> {
        if layer == Layer::State {
            if self.scenario.file.actors[actor].kind != ActorKind::State {
                return Err(StatementRefusal::StateLayerForGovernments);
            }
            if self.scenario.suspect_actor[suspect].is_none() {
                return Err(StatementRefusal::NoStateBehind);
            }
        }
        Ok(())
    }

    /// Why `actor` may not sign (or join) proposal `p` now.
    pub fn check_sign(&self, actor: usize, p: usize) -> Result<(), StatementRefusal> {
        let prop = match self.state.proposals.get(p) {
            Some(x) if self.may_see_proposal(actor, p) => x,
            _ => return Err(StatementRefusal::UnknownProposal),
        };
        if prop.answered_by(actor) {
            return Err(StatementRefusal::Answered);
        }
        if prop.lapsed {
            return Err(StatementRefusal::Lapsed);
        }
        self.check_statement(actor)?;
        self.check_claim(actor, prop.suspect, prop.layer)?;
        if prop.made.is_some() {
            // Joining later is a statement of one's own about that suspect.
            self.check_attribute(actor, prop.suspect, prop.layer)?;
        }
        Ok(())
    }

    /// Why `actor` may not retract (or, with a new confidence and layer,
    /// refine) statement `i` now.
    pub fn check_own_statement(
        &self,
        actor: usize,
        i: usize,
        refine: Option<(Confidence, Layer)>,
    ) -> Result<(), StatementRefusal> {
        let a = self
            .state
            .attributions
            .get(i)
            .ok_or(StatementRefusal::UnknownStatement)?;
        if a.actor != actor {
            return Err(StatementRefusal::NotYours);
        }
        if a.retracted.is_some() {
            return Err(StatementRefusal::Retracted);
        }
        if a.judged.is_some() {
            return Err(StatementRefusal::Judged);
        }
        if self.state.actors[actor]
            .orders
            .iter()
            .any(|o| matches!(o, Order::Retract { statement } | Order::Refine { statement, .. } if *statement == i))
        {
            return Err(StatementRefusal::OnePerTurn);
        }
        if let Some((c, layer)) = refine {
            if c == a.stated && layer == a.layer {
                return Err(StatementRefusal::Unchanged);
            }
            self.check_statement(actor)?;
            self.check_claim(actor, a.suspect, layer)?;
        } else if self.state.actors[actor].orders.iter().any(Order::is_statement) {
            return Err(StatementRefusal::OnePerTurn);
        }
        Ok(())
    }

    /// Queue a statement order after its checks, paying its cost
    /// (retractions are free in resources).
    pub(crate) fn order_statement(&mut self, actor: usize, order: Order) -> Result<(), RuleError> {
        self.check_committable(actor)?;
        match order {
            Order::Attribute { suspect, layer, .. } | Order::Propose { suspect, layer, .. } => {
                self.check_attribute(actor, suspect, layer)?
            }
            Order::Sign { proposal } => self.check_sign(actor, proposal)?,
            Order::Retract { statement } => self.check_own_statement(actor, statement, None)?,
            Order::Refine {
                statement,
                confidence,
                layer,
            } => self.check_own_statement(actor, statement, Some((confidence, layer)))?,
            Order::Act { .. } => return Err(RuleError::Invalid("not a statement".into())),
        }
        self.state.actors[actor].resources -= order_cost(self, &order);
        self.state.actors[actor].orders.push(order);
        Ok(())
    }

    /// Decline a proposal: immediate, free, takes no move.
    pub(crate) fn decline_order(&mut self, actor: usize, proposal: usize) -> Result<(), RuleError> {
        match self.state.proposals.get(proposal) {
            Some(p) if self.may_see_proposal(actor, proposal) && p.made.is_none() && !p.lapsed => {
                if p.answered_by(actor) {
                    return Err(StatementRefusal::Answered.into());
                }
            }
            _ => return Err(StatementRefusal::UnknownProposal.into()),
        }
        if self.state.actors[actor]
            .orders
            .iter()
            .any(|o| matches!(o, Order::Sign { proposal: p } if *p == proposal))
        {
            return Err(RuleError::Invalid(
                "you chose to sign it this turn (withdraw first)".into(),
            ));
        }
        self.decline(actor, proposal);
        Ok(())
    }

    /// Issue a tearline of a held item, at once.
    pub(crate) fn tearline_order(&mut self, actor: usize, evidence: usize) -> Result<(), RuleError> {
        let tlp = self.scenario.file.evidence[evidence].tlp;
        if tlp < Tlp::AmberStrict || self.scenario.evidence[evidence].tearline.is_none() {
            return Err(RuleError::TlpForbids(format!(
                "only TLP:RED or TLP:AMBER+STRICT material needs a tearline; this is {}",
                tlp.label()
            )));
        }
        if !self.issue_tearline(actor, evidence) {
            return Err(RuleError::Invalid(
                "you have already issued a tearline of this item".into(),
            ));
        }
        Ok(())
    }
}

/// What an order costs in resources: a statement its cost, a retraction nothing.
pub(crate) fn order_cost(g: &Game, o: &Order) -> i32 {
    match o {
        Order::Act { action, .. } => g.scenario.actions[*action].cost,
        Order::Retract { .. } => 0,
        _ => g.scenario.file.attribution.cost,
    }
}
