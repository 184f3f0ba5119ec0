//! What deals made by message do.
//!
//! Mutual restraint: both sides promise not to climb the ladder against
//! each other for some turns (the practice of reciprocal unilateral
//! restraint, as in the 2015 US-China understanding on commercial cyber
//! espionage). Agreeing eases tension; a hostile move against the partner
//! while it binds breaks the promise in front of everyone, costs
//! credibility and trust, and stays in the record.
//!
//! Assistance (UN GGE 2015 norm h: respond to appropriate requests for
//! assistance by another state whose critical infrastructure is subject
//! to malicious ICT acts): accepting passes the requester every item of
//! its own evidence the helper may share, and builds trust.

use crate::engine::event::EventKind;
use crate::engine::press::DealTerms;
use crate::engine::Game;

/// Credibility lost by breaking a promise of restraint.
pub const BROKEN_CREDIBILITY: i32 = 10;
/// Trust lost between the pair when a restraint is broken.
pub const BROKEN_TRUST: i32 = 15;
/// Tension eased between the pair when a restraint is agreed.
pub const AGREED_TENSION: i32 = 10;
/// Trust gained between helper and requester when assistance is given.
pub const ASSIST_TRUST: i32 = 8;

impl Game {
    /// The addressee answers deal `n`.
    pub(crate) fn settle_deal(&mut self, n: usize, accept: bool) {
        let turn = self.state.turn;
        let Some(d) = self.state.deals.get_mut(n) else {
            return;
        };
        d.answer = Some((accept, turn));
        let (by, to, terms) = (d.by, d.to, d.terms);
        if accept {
            if let DealTerms::Restraint { turns } = terms {
                d.until = Some(turn + turns.saturating_sub(1));
            }
        }
        self.push_to(
            &[by, to],
            EventKind::DealAnswered {
                deal: n,
                by,
                to,
                terms,
                accepted: accept,
            },
        );
        if !accept {
            return;
        }
        match terms {
            DealTerms::Restraint { .. } => {
                self.add_tension(by, to, -AGREED_TENSION);
                self.add_trust(by, to, 3);
            }
            DealTerms::Assistance => self.assist(to, by),
        }
    }

    /// `helper` passes `to` what it may share of its own evidence.
    fn assist(&mut self, helper: usize, to: usize) {
        let mut items = 0;
        for i in 0..self.state.actors[helper].held.len() {
            let h = self.state.actors[helper].held[i];
            if !h.origin.first_hand() || self.state.holds(to, h.evidence) {
                continue;
            }
            if self.share_refusal(helper, h.evidence, to).is_none() {
                self.share(helper, h.evidence, &[to]);
                items += 1;
            }
        }
        self.add_trust(helper, to, ASSIST_TRUST);
        self.push_to(&[helper, to], EventKind::Assisted { by: helper, to, items });
    }

    /// `actor` made a hostile move against `target`: if a restraint binds
    /// them, it is broken, publicly.
    pub(crate) fn note_climb(&mut self, actor: usize, target: usize) {
        let turn = self.state.turn;
        let Some(n) = self.state.deals.iter().position(|d| d.binds(actor, target, turn)) else {
            return;
        };
        self.state.deals[n].broken = Some((actor, turn));
        let c = &mut self.state.actors[actor].credibility;
        *c = (*c - BROKEN_CREDIBILITY).clamp(0, 100);
        self.add_trust(actor, target, -BROKEN_TRUST);
        self.push_public(EventKind::RestraintBroken {
            deal: n,
            by: actor,
            with: target,
        });
    }

    /// End of turn: restraints that ran their course unbroken are kept.
    pub(crate) fn settle_restraints(&mut self) {
        let turn = self.state.turn;
        for n in 0..self.state.deals.len() {
            let d = &self.state.deals[n];
            if d.until == Some(turn) && d.broken.is_none() {
                let (a, b) = (d.by, d.to);
                self.push_to(&[a, b], EventKind::RestraintKept { deal: n, a, b });
            }
        }
    }
}
