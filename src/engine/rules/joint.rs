//! Joint statements: one actor proposes (suspect, layer, confidence), others
//! sign it during the next turn, and it is made public at the end of that
//! turn with every signer; after that, others may join it with a supporting
//! statement. Each signer speaks for itself: its confidence must rest on its
//! own evidence, or it breaches norm (b) like any other overclaim.
//!
//! Practice: the UK attributed NotPetya to Russia on 15 February 2018; the
//! US, Australia, Canada, New Zealand and others joined within a day
//! (domain notes, "Attribution as practised").

use crate::engine::event::EventKind;
use crate::engine::rules::statements::Statement;
use crate::engine::state::Proposal;
use crate::engine::Game;
use crate::scenario::schema::{Confidence, Layer};

impl Game {
    /// Record a proposal and show it to everyone who may sign it.
    pub(crate) fn propose(&mut self, by: usize, suspect: usize, layer: Layer, confidence: Confidence) {
        let turn = self.state.turn;
        self.state.proposals.push(Proposal {
            by,
            suspect,
            layer,
            confidence,
            turn,
            signers: Vec::new(),
            declined: Vec::new(),
            made: None,
            lapsed: false,
        });
        let proposal = self.state.proposals.len() - 1;
        let audience: Vec<usize> = (0..self.scenario.actor_count())
            .filter(|&a| a == by || self.may_see_proposal(a, proposal))
            .collect();
        self.push_to(
            &audience,
            EventKind::Proposed {
                by,
                proposal,
                suspect,
                layer,
                confidence,
            },
        );
    }

    /// Whether `actor` is among those a proposal is shown to: everyone who
    /// may attribute, except the actor it accuses.
    pub fn may_see_proposal(&self, actor: usize, proposal: usize) -> bool {
        let Some(p) = self.state.proposals.get(proposal) else {
            return false;
        };
        p.by == actor || (self.scenario.may_attribute[actor] && self.scenario.suspect_actor[p.suspect] != Some(actor))
    }

    /// A signature: before the statement is made it adds a co-signer; after,
    /// the signer joins it with a supporting statement of its own.
    pub(crate) fn sign(&mut self, actor: usize, proposal: usize) {
        let Some(p) = self.state.proposals.get_mut(proposal) else {
            return;
        };
        if p.answered_by(actor) || p.lapsed {
            return;
        }
        if p.made.is_none() {
            p.signers.push(actor);
            return;
        }
        p.signers.push(actor);
        let p = p.clone();
        let joint_with = std::iter::once(p.by)
            .chain(p.signers.iter().copied())
            .filter(|&a| a != actor)
            .collect();
        self.make_statement(
            Statement {
                actor,
                suspect: p.suspect,
                layer: p.layer,
                stated: p.confidence,
                joint_with,
                proposal: Some(proposal),
            },
            None,
        );
    }

    /// Decline to sign: recorded, and the proposer is told.
    pub(crate) fn decline(&mut self, actor: usize, proposal: usize) {
        let Some(p) = self.state.proposals.get_mut(proposal) else {
            return;
        };
        p.declined.push(actor);
        let by = p.by;
        self.push_to(&[actor, by], EventKind::Declined { actor, proposal });
    }

    /// Proposals made on an earlier turn become public statements now, one
    /// per signer, each naming the others.
    pub(crate) fn issue_due_proposals(&mut self, made: &mut Vec<Statement>) {
        let turn = self.state.turn;
        for i in 0..self.state.proposals.len() {
            let p = &mut self.state.proposals[i];
            if p.made.is_some() || p.lapsed || p.turn >= turn {
                continue;
            }
            p.made = Some(turn);
            let all: Vec<usize> = std::iter::once(p.by).chain(p.signers.iter().copied()).collect();
            for &actor in &all {
                made.push(Statement {
                    actor,
                    suspect: p.suspect,
                    layer: p.layer,
                    stated: p.confidence,
                    joint_with: all.iter().copied().filter(|&a| a != actor).collect(),
                    proposal: Some(i),
                });
            }
        }
    }

    /// Issue a tearline of a held TLP:RED or AMBER+STRICT item: the holder
    /// now also holds the sanitised derivative, which it may share.
    pub(crate) fn issue_tearline(&mut self, actor: usize, from: usize) -> bool {
        let Some(tearline) = self.scenario.evidence[from].tearline else {
            return false;
        };
        if !self.give(actor, tearline, crate::engine::Origin::Tearline) {
            return false;
        }
        self.push_to(&[actor], EventKind::TearlineIssued { actor, from, tearline });
        true
    }
}
