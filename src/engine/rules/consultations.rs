//! Consultations (OSCE CBM 3, PC Decision 1106, 2013): a meeting to reduce
//! the risk of misperception. They can fail: their effect depends on the
//! pair's trust, on open channels, and on whether the other side's answer
//! can be squared with the evidence one holds against it, and on how the
//! last question through a channel between them was answered. No exchange takes
//! a pair down more than one rung, and holding them again when nothing has
//! happened since brings nothing new.

use serde::{Deserialize, Serialize};

use crate::engine::event::{EventKind, RungCause};
use crate::engine::Game;
use crate::scenario::compiled::in_set;

/// Tension removed by consultations that ease the pair.
pub const EASED_TENSION: i32 = 15;
/// Trust gained by consultations that ease the pair.
pub const EASED_TRUST: i32 = 6;
/// Tension added when consultations fail.
pub const FAILED_TENSION: i32 = 5;
/// Trust lost when consultations fail.
pub const FAILED_TRUST: i32 = 4;

/// How consultations went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsultOutcome {
    /// The explanations were accepted: tension falls, the pair may step down.
    Eased,
    /// The answers did not convince: tension rises a little.
    Failed,
    /// Held again with nothing new to say since the last ones: no effect.
    NothingNew,
}

impl ConsultOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ConsultOutcome::Eased => "the explanations are accepted and tension eases",
            ConsultOutcome::Failed => "the answers do not convince; tension rises",
            ConsultOutcome::NothingNew => "nothing new is said since the last consultations",
        }
    }
}

impl Game {
    /// Chance in percent that consultations between `a` and `b` ease the
    /// pair now: 25 + 0.6 × trust, +15 with a lasting channel in force;
    /// for each side holding evidence against a suspect the other stands
    /// behind, −35 if the other is responsible (its denial cannot be
    /// squared with the evidence) or +10 if it is not (the talks clear the
    /// doubt); plus the weight of the last answer to a question between
    /// them this turn or the last (`Game::answer_weight`: +15 evidence, +5
    /// an explanation, -15 a refusal or silence). Between 5 and 95.
    pub fn consult_chance(&self, a: usize, b: usize) -> u32 {
        if a == b {
            return 0;
        }
        let r = self.state.relations[self.scenario.pair(a, b)];
        let mut p = 25 + r.trust.clamp(0, 100) * 6 / 10;
        if r.channels != 0 {
            p += 15;
        }
        let responsible = self.scenario.responsible();
        for (x, y) in [(a, b), (b, a)] {
            if self.holds_evidence_against(x, y) {
                p += if in_set(responsible, y) { -35 } else { 10 };
            }
        }
        p += self.answer_weight(a, b);
        p.clamp(5, 95) as u32
    }

    /// Whether `x` holds an item pointing to a suspect `y` stands behind.
    fn holds_evidence_against(&self, x: usize, y: usize) -> bool {
        let s = &self.scenario;
        self.state.actors[x].held.iter().any(|h| {
            let ev = &s.evidence[h.evidence];
            !ev.exculpatory && s.suspect_actor[ev.points_to] == Some(y)
        })
    }

    /// Whether the pair climbed, misread or detected anything since `turn`,
    /// or either side found evidence; with `seen_by`, only the evidence
    /// that actor found itself counts (what it can know).
    fn news_since(&self, a: usize, b: usize, turn: u32, seen_by: Option<usize>) -> bool {
        let pair = |x: usize, y: usize| (x == a && y == b) || (x == b && y == a);
        for e in self.state.events.iter().rev() {
            if e.turn <= turn {
                break;
            }
            let news = match e.kind {
                EventKind::RungChanged {
                    a: x, b: y, from, to, ..
                } => to > from && pair(x, y),
                EventKind::Misread { actor, target, .. } | EventKind::Detected { actor, target, .. } => {
                    pair(actor, target)
                }
                EventKind::EvidenceFound { actor, .. } => match seen_by {
                    Some(me) => actor == me,
                    None => actor == a || actor == b,
                },
                EventKind::Replied { by, to, .. } => pair(by, to),
                _ => false,
            };
            if news {
                return true;
            }
        }
        false
    }

    /// `a` and `b` hold consultations (both offered them).
    pub(crate) fn hold_consultations(&mut self, a: usize, b: usize) {
        let p = self.scenario.pair(a, b);
        let last = self.state.relations[p].consulted;
        let outcome = if last != 0 && !self.news_since(a, b, last, None) {
            ConsultOutcome::NothingNew
        } else {
            let chance = self.consult_chance(a, b);
            if self.roll(chance) {
                ConsultOutcome::Eased
            } else {
                ConsultOutcome::Failed
            }
        };
        self.state.relations[p].consulted = self.state.turn;
        self.push_public(EventKind::Consulted { a, b, outcome });
        match outcome {
            ConsultOutcome::Eased => {
                self.add_tension(a, b, -EASED_TENSION);
                self.add_trust(a, b, EASED_TRUST);
                // Explanations heard: what each side misread is cleared up.
                self.add_alarm(a, b, -100);
                self.add_alarm(b, a, -100);
                self.shift_rung(a, b, -1, RungCause::Calming);
            }
            ConsultOutcome::Failed => {
                self.add_tension(a, b, FAILED_TENSION);
                self.add_trust(a, b, -FAILED_TRUST);
            }
            ConsultOutcome::NothingNew => {}
        }
    }
}

impl crate::engine::Perspective<'_> {
    /// Whether consultations with `other` now would, as far as this actor
    /// can tell, bring nothing new: the pair consulted before and since
    /// then neither climbed, misread or detected anything between them,
    /// nor answered a question, nor did this actor find evidence. (The
    /// other side may have found something it cannot see.)
    pub fn consultations_bring_nothing_new(&self, other: usize) -> bool {
        let g = self.game;
        if other == self.me || other >= g.scenario.actor_count() {
            return false;
        }
        let last = g.state.relations[g.scenario.pair(self.me, other)].consulted;
        last != 0 && !g.news_since(self.me, other, last, Some(self.me))
    }
}
