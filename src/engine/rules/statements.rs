//! Public statements of attribution: made alone or jointly, received by
//! peers and by the accused according to the speaker's credibility and
//! the number of co-signers, retracted or refined, and judged at their
//! layer when the truth comes out. A statement made after the truth is
//! public is recorded as concurring, not as attribution.
//!
//! Sources: domain notes, "Attribution" and "Attribution as practised" (joint
//! statements carry weight; a wrong public attribution costs credibility for
//! years); UN GGE 2015 norm (b) (consider all relevant information).

use crate::engine::event::{EventKind, RungCause};
use crate::engine::rules::attribution::correct;
use crate::engine::rules::escalation::misread_percent;
use crate::engine::state::{Attribution, Order};
use crate::engine::Game;
use crate::scenario::schema::{Confidence, Layer};

/// Credibility at which a lone statement lands with its plain weight.
pub const PLAIN_CREDIBILITY: i32 = 60;

/// How open to misreading a statement is, before trust and channels lower
/// it (as an action's `ambiguity`, in percent).
pub const STATEMENT_AMBIGUITY: u8 = 40;

/// How strongly a statement lands, in percent: 100 for a lone speaker of
/// credibility 60, in proportion to credibility, and half as much again for
/// every co-signer (at most three times as much).
pub fn impact(credibility: i32, cosigners: usize) -> i32 {
    let alone = credibility.clamp(0, 100) * 100 / PLAIN_CREDIBILITY;
    (alone * (2 + cosigners.min(8) as i32) / 2).min(300)
}

/// How much of a statement's weight falls on the state behind the suspect,
/// in percent: naming a technique accuses nobody, naming a group half.
pub fn accusation(layer: Layer) -> i32 {
    match layer {
        Layer::Technique => 0,
        Layer::Group => 50,
        Layer::State => 100,
    }
}

/// A statement about to be made: who, what, and with whom.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub actor: usize,
    pub suspect: usize,
    pub layer: Layer,
    pub stated: Confidence,
    pub joint_with: Vec<usize>,
    pub proposal: Option<usize>,
}

impl Game {
    /// Resolve this turn's statement orders, in the (seeded) order given:
    /// retractions and refinements, signatures, then the statements made
    /// alone, then the joint statements due.
    pub(crate) fn resolve_statements(&mut self, orders: &[(usize, Order)]) {
        let mut alone: Vec<(usize, usize, Layer, Confidence)> = Vec::new();
        for &(actor, order) in orders {
            match order {
                Order::Retract { statement } => self.retract(actor, statement),
                Order::Refine {
                    statement,
                    confidence,
                    layer,
                } => self.refine(actor, statement, confidence, layer),
                Order::Attribute {
                    suspect,
                    confidence,
                    layer,
                } => alone.push((actor, suspect, layer, confidence)),
                Order::Propose {
                    suspect,
                    layer,
                    confidence,
                } => self.propose(actor, suspect, layer, confidence),
                Order::Sign { proposal } => self.sign(actor, proposal),
                Order::Act { .. } => {}
            }
        }
        let mut made = Vec::with_capacity(alone.len());
        for &(actor, suspect, layer, stated) in &alone {
            // Those who name the same suspect the same turn speak together.
            let joint_with = alone
                .iter()
                .filter(|m| m.1 == suspect && m.0 != actor)
                .map(|m| m.0)
                .collect();
            made.push(Statement {
                actor,
                suspect,
                layer,
                stated,
                joint_with,
                proposal: None,
            });
        }
        self.issue_due_proposals(&mut made);
        for st in made {
            self.make_statement(st, None);
        }
    }

    /// A statement goes public: recorded, checked against the speaker's own
    /// evidence (norm b), received by peers and the accused, and judged at
    /// once if the truth is already out. `refines` is the statement it
    /// restates, if any.
    pub(crate) fn make_statement(&mut self, st: Statement, refines: Option<usize>) {
        let Statement {
            actor,
            suspect,
            layer,
            stated,
            ref joint_with,
            proposal,
        } = st;
        let held = self.confidence_at(actor, suspect, layer);
        let calibrated = held.is_some_and(|h| stated <= h);
        let after_reveal = self.state.truth_revealed;
        self.push_public(EventKind::Attributed {
            actor,
            suspect,
            confidence: stated,
            joint_with: joint_with.clone(),
            calibrated,
            layer,
            after_reveal,
            refines,
            proposal,
        });
        self.receive(actor, suspect, layer, joint_with.len());
        if refines.is_none() {
            let accused = self.scenario.suspect_actor[suspect].filter(|&x| x != actor);
            self.apply_effects(
                |s| s.attribution_by_suspect.get(suspect).map_or(&[][..], |e| &e.made),
                Some(actor),
                accused,
            );
        }
        let turn = self.state.turn;
        let record = Attribution {
            actor,
            suspect,
            stated,
            held,
            turn,
            joint_with: st.joint_with,
            judged: None,
            layer,
            after_reveal,
            retracted: None,
            proposal,
        };
        let i = match refines {
            Some(i) => {
                self.state.attributions[i] = record;
                i
            }
            None => {
                self.state.attributions.push(record);
                self.state.attributions.len() - 1
            }
        };
        if after_reveal {
            self.judge(i);
        }
    }

    /// How the accused and the peers take a statement, scaled by the
    /// speaker's credibility and its co-signers.
    fn receive(&mut self, actor: usize, suspect: usize, layer: Layer, cosigners: usize) {
        let weight = impact(self.state.actors[actor].credibility, cosigners);
        let accused = self.scenario.suspect_actor[suspect].filter(|&x| x != actor);
        if let Some(x) = accused {
            let felt = weight * accusation(layer) / 100;
            self.add_tension(actor, x, 15 * felt / 100);
            self.add_trust(actor, x, -10 * felt / 100);
            // The accused may read the words as the prelude to worse: the
            // weightier the statement, the likelier. Words alone push a
            // pair up to open protest, not beyond.
            let p = self.scenario.pair(actor, x);
            let felt = felt.max(0) as u32;
            let misread = misread_percent(&self.state.relations[p], STATEMENT_AMBIGUITY);
            let chance = felt / 2 + misread * felt / 100;
            let rung = self.state.relations[p].rung;
            if felt > 0 && rung + 1 < self.scenario.pair_rungs(p).len().div_ceil(2) && self.roll(chance) {
                self.shift_rung(actor, x, 1, RungCause::Attribution);
            }
        }
        // Peers weigh the claim against their own evidence: agreement
        // earns trust, contradiction loses it, both in proportion.
        for peer in 0..self.scenario.actor_count() {
            if peer == actor || Some(peer) == accused {
                continue;
            }
            let verdict = self.with_weights(peer, |w| {
                let theirs = crate::engine::rules::attribution::level_at(&self.scenario, w, suspect, layer);
                if theirs.is_some_and(|c| c >= Confidence::Moderate) {
                    5
                } else if w[suspect].refuted > 0
                    || w[suspect].exculpatory > 0
                    || (0..w.len()).any(|s| {
                        s != suspect && crate::engine::rules::attribution::level(w, s) >= Some(Confidence::Moderate)
                    })
                {
                    -5
                } else {
                    0
                }
            });
            if verdict != 0 {
                self.add_trust(actor, peer, verdict * weight / 100);
            }
        }
    }

    /// Take back a statement before the truth is out, at a cost in credibility.
    fn retract(&mut self, actor: usize, statement: usize) {
        let Some(a) = self.state.attributions.get(statement) else {
            return;
        };
        if a.actor != actor || a.retracted.is_some() || a.judged.is_some() {
            return;
        }
        let (suspect, layer) = (a.suspect, a.layer);
        let turn = self.state.turn;
        self.state.attributions[statement].retracted = Some(turn);
        let cost = self.scenario.file.attribution.retraction;
        let cred = &mut self.state.actors[actor].credibility;
        *cred = (*cred - cost).clamp(0, 100);
        if let Some(x) = self.scenario.suspect_actor[suspect].filter(|&x| x != actor) {
            self.add_tension(actor, x, -10 * accusation(layer) / 100);
        }
        self.push_public(EventKind::Retracted {
            actor,
            statement,
            suspect,
        });
    }

    /// Restate a statement at another confidence or layer: a new public
    /// statement in its place, checked against the evidence again.
    fn refine(&mut self, actor: usize, statement: usize, stated: Confidence, layer: Layer) {
        let Some(a) = self.state.attributions.get(statement) else {
            return;
        };
        if a.actor != actor || a.retracted.is_some() || a.judged.is_some() {
            return;
        }
        let st = Statement {
            actor,
            suspect: a.suspect,
            layer,
            stated,
            joint_with: a.joint_with.clone(),
            proposal: a.proposal,
        };
        self.make_statement(st, Some(statement));
    }

    /// The truth comes out: every statement so far is judged.
    pub(crate) fn reveal_truth(&mut self) {
        if self.state.truth_revealed {
            return;
        }
        self.state.truth_revealed = true;
        self.push_public(EventKind::TruthRevealed {
            culprit: self.scenario.culprit,
        });
        for i in 0..self.state.attributions.len() {
            self.judge(i);
        }
        // A joint statement not yet made is overtaken by events.
        for p in &mut self.state.proposals {
            p.lapsed |= p.made.is_none();
        }
    }

    /// Judge statement `i` at its layer. Right before the truth came out
    /// earns credibility (more if calibrated, more if joint); right after it
    /// earns nothing (it concurs); wrong costs credibility and trust.
    fn judge(&mut self, i: usize) {
        let a = &self.state.attributions[i];
        if a.judged.is_some() || a.retracted.is_some() {
            return;
        }
        let (actor, suspect, stated, held) = (a.actor, a.suspect, a.stated, a.held);
        let (joint, after) = (!a.joint_with.is_empty(), a.after_reveal);
        let right = correct(&self.scenario, suspect, a.layer);
        self.state.attributions[i].judged = Some(right);
        let weight = match stated {
            Confidence::Low => 1,
            Confidence::Moderate => 2,
            Confidence::High => 3,
        };
        let accused = self.scenario.suspect_actor[suspect].filter(|&x| x != actor);
        let cred = &mut self.state.actors[actor].credibility;
        if right && !after {
            // Right for the right reasons earns more than a lucky overclaim.
            let calibrated = held.is_some_and(|h| stated <= h);
            let gain = if calibrated { 5 * weight } else { 5 };
            let joint = if joint { 5 } else { 0 };
            *cred = (*cred + gain + joint).clamp(0, 100);
        } else if !right {
            *cred = (*cred - 10 * weight).clamp(0, 100);
            if let Some(x) = accused {
                self.add_trust(actor, x, -20);
                self.add_tension(actor, x, 15);
            }
        }
        self.push_public(EventKind::AttributionJudged {
            actor,
            suspect,
            correct: right,
            after_reveal: after,
        });
        if right && after {
            return;
        }
        self.apply_effects(
            |s| {
                if right {
                    &s.attribution_correct
                } else {
                    &s.attribution_wrong
                }
            },
            Some(actor),
            accused,
        );
        self.apply_effects(
            |s| {
                s.attribution_by_suspect
                    .get(suspect)
                    .map_or(&[][..], |e| if right { &e.correct } else { &e.wrong })
            },
            Some(actor),
            accused,
        );
    }
}
