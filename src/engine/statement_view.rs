//! What an actor sees of the attribution process: its own confidence at
//! each layer, the joint statements shown to it, its own statements (to
//! retract or refine) and the tearlines it may issue.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::{ActorKind, Confidence, Layer};

use super::rules::attribution::{level_at, Weight};
use super::state::{Proposal, Verdict};
use super::{Game, Perspective, StatementRefusal};

impl<'g> Perspective<'g> {
    /// This actor's kind (state, company...).
    pub fn kind(&self) -> ActorKind {
        self.game.scenario.file.actors[self.me].kind
    }
    /// Why this actor may not attribute to `suspect` at `layer` now.
    pub fn check_attribute(&self, suspect: usize, layer: Layer) -> Result<(), StatementRefusal> {
        self.game.check_attribute(self.me, suspect, layer)
    }
    /// Why this actor may not sign (or join) proposal `p` now.
    pub fn check_sign(&self, p: usize) -> Result<(), StatementRefusal> {
        self.game.check_sign(self.me, p)
    }
    /// The layer this actor speaks at unless it says otherwise.
    pub fn usual_layer(&self, suspect: usize) -> Layer {
        self.game.usual_layer(self.me, suspect)
    }
    /// This actor's confidence in a claim about `suspect` at `layer`, from
    /// its weights (see `weights_into`).
    pub fn confidence_at(&self, w: &[Weight], suspect: usize, layer: Layer) -> Option<Confidence> {
        level_at(&self.game.scenario, w, suspect, layer)
    }
    /// Joint statements shown to this actor, with their numbers.
    pub fn proposals(&self) -> impl Iterator<Item = (usize, &'g Proposal)> + 'g {
        let (g, me) = (self.game, self.me);
        g.state
            .proposals
            .iter()
            .enumerate()
            .filter(move |(i, _)| g.may_see_proposal(me, *i))
    }
    /// Whether the truth about the incident is out.
    pub fn truth_revealed(&self) -> bool {
        self.game.state.truth_revealed
    }
    /// Whether this actor may make public attributions at all.
    pub fn may_attribute(&self) -> bool {
        self.game.scenario.may_attribute[self.me]
    }
    /// The tearline of a held item, if it has one this actor does not hold.
    pub fn tearline_open(&self, e: usize) -> Option<usize> {
        let t = self.game.scenario.evidence.get(e)?.tearline?;
        (!self.game.state.holds(self.me, t)).then_some(t)
    }
}

/// A joint statement as an actor sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    /// Its number, for `Sign` and `Decline`.
    pub number: usize,
    pub by: String,
    pub suspect: String,
    pub layer: Layer,
    pub confidence: Confidence,
    /// Names of the co-signers so far.
    pub signers: Vec<String>,
    /// Made public already (signing now joins it with a supporting statement).
    pub made: bool,
    /// This actor's own confidence in the claim, from its own evidence.
    pub my_confidence: Option<Confidence>,
    /// Why this actor may not sign it now, if not.
    pub not_now: Option<String>,
}

/// One of this actor's own public statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementView {
    /// Its number in the list of attributions, for `Retract` and `Refine`.
    pub number: usize,
    pub suspect: String,
    pub layer: Layer,
    pub stated: Confidence,
    pub verdict: Verdict,
}

/// The proposals shown to `me` and its own statements.
pub(super) fn statement_views(g: &Game, me: usize) -> (Vec<ProposalView>, Vec<StatementView>) {
    let f = &g.scenario.file;
    let weights = g.weights(me);
    let p = g.perspective(me);
    let proposals = p
        .proposals()
        .map(|(i, x)| ProposalView {
            number: i,
            by: f.actors[x.by].name.clone(),
            suspect: f.suspects[x.suspect].name.clone(),
            layer: x.layer,
            confidence: x.confidence,
            signers: x.signers.iter().map(|&a| f.actors[a].name.clone()).collect(),
            made: x.made.is_some(),
            my_confidence: level_at(&g.scenario, &weights, x.suspect, x.layer),
            not_now: g.check_sign(me, i).err().map(StatementRefusal::describe),
        })
        .collect();
    let mine = g
        .state
        .attributions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.actor == me)
        .map(|(i, a)| StatementView {
            number: i,
            suspect: f.suspects[a.suspect].name.clone(),
            layer: a.layer,
            stated: a.stated,
            verdict: a.verdict(),
        })
        .collect();
    (proposals, mine)
}
