//! The law of responses: every hostile move has a legal character
//! (retorsion, countermeasure, unlawful), and a countermeasure is lawful
//! only against the state responsible for the wrongful act, after a call
//! to stop, proportionate and reversible (ILC Articles on State
//! Responsibility, 2001, Arts. 49–53; domain notes, "Countermeasures").
//! A wrongful response costs its author credibility and sours the pair.

use serde::{Deserialize, Serialize};

use crate::engine::event::{EventKind, Outcome};
use crate::engine::Game;
use crate::scenario::compiled::in_set;
use crate::scenario::schema::{LegalCharacter, Visibility};

/// Most rungs a countermeasure may push: beyond it the answer is out of
/// proportion to any injury short of an armed attack (ILC Art. 51), and
/// compares with force, which countermeasures never involve (Art. 50).
pub const PROPORTIONATE_HOSTILITY: i32 = 2;
/// Credibility a state loses when a wrongful response of its becomes known.
pub const WRONGFUL_CREDIBILITY: i32 = 8;
/// Tension a wrongful response adds between its author and its target.
pub const WRONGFUL_TENSION: i32 = 8;

/// How the law reads a countermeasure or an unlawful move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ground {
    /// Against the state responsible, after a call to stop, proportionate
    /// and reversible: a lawful countermeasure.
    Justified,
    /// The target was not responsible for any incident on the record.
    NotResponsible,
    /// No call on the target to stop came first (Art. 52).
    NoNotice,
    /// Pushes more than `PROPORTIONATE_HOSTILITY` rungs (Art. 51).
    Disproportionate,
    /// Cannot be undone once the wrong stops (Art. 49(3)).
    Irreversible,
    /// Unlawful whatever the provocation (force: Charter Art. 2(4), Art. 50).
    Unlawful,
}

impl Ground {
    pub fn lawful(self) -> bool {
        self == Ground::Justified
    }

    /// Why, in words, naming the target.
    pub fn explain(self, target: &str) -> String {
        match self {
            Ground::Justified => format!(
                "A lawful countermeasure: {target} is responsible for the incident, was called on to stop first, and the measure is proportionate and reversible (ILC Arts. 49–53)."
            ),
            Ground::NotResponsible => format!(
                "Wrongful: {target} was not responsible for the incident, and a countermeasure is allowed only against the state responsible (ILC Art. 49). Taken against the wrong state, it is itself a wrongful act."
            ),
            Ground::NoNotice => format!(
                "Wrongful: no call on {target} to stop, and no notice of countermeasures, came first (ILC Art. 52)."
            ),
            Ground::Disproportionate => {
                "Wrongful: out of proportion to the injury suffered (ILC Art. 51).".to_string()
            }
            Ground::Irreversible => {
                "Wrongful: a countermeasure must be, as far as possible, reversible (ILC Art. 49(3)).".to_string()
            }
            Ground::Unlawful => {
                "Unlawful whatever the provocation: no answer to a wrong may involve the use of force (UN Charter Art. 2(4); ILC Art. 50).".to_string()
            }
        }
    }
}

/// Retorsion in words: why it needs no prior wrong.
pub const RETORSION: &str = "Retorsion: unfriendly but lawful, and it needs no prior wrong.";

impl Game {
    /// The law's reading of `actor` taking `action` against `target` now,
    /// for countermeasures and unlawful moves; `None` for the rest.
    pub fn legal_ground(&self, actor: usize, action: usize, target: usize) -> Option<Ground> {
        let ca = &self.scenario.actions[action];
        match ca.legal {
            LegalCharacter::Lawful | LegalCharacter::Retorsion => None,
            LegalCharacter::Unlawful => Some(Ground::Unlawful),
            LegalCharacter::Countermeasure => Some(if !in_set(self.scenario.responsible(), target) {
                Ground::NotResponsible
            } else if !self.gave_notice(actor, target) {
                Ground::NoNotice
            } else if ca.hostility > PROPORTIONATE_HOSTILITY {
                Ground::Disproportionate
            } else if !ca.reversible {
                Ground::Irreversible
            } else {
                Ground::Justified
            }),
        }
    }

    /// Whether `actor` called on `target` to stop, on an earlier turn, with
    /// a move that gives notice and succeeded.
    pub fn gave_notice(&self, actor: usize, target: usize) -> bool {
        let turn = self.state.turn;
        self.state.events.iter().any(|e| {
            e.turn < turn
                && matches!(e.kind, EventKind::Moved { actor: a, action, target: Some(t), outcome: Outcome::Succeeded, .. }
                    if a == actor && t == target && self.scenario.actions[action].notice)
        })
    }

    /// Record the law's reading of a response as it resolves; a wrongful
    /// one that its target knows of (`known`) costs its author credibility
    /// and raises the pair's tension.
    pub(crate) fn judge_response(&mut self, actor: usize, action: usize, target: usize, known: bool) {
        let Some(ground) = self.legal_ground(actor, action, target) else {
            return;
        };
        let finding = EventKind::LegalFinding {
            actor,
            action,
            target,
            ground,
        };
        match (self.scenario.actions[action].visibility, known) {
            (Visibility::Public, _) => self.push_public(finding),
            (_, true) => self.push_to(&[actor, target], finding),
            (_, false) => self.push_to(&[actor], finding),
        }
        if known && !ground.lawful() {
            let c = &mut self.state.actors[actor].credibility;
            *c = (*c - WRONGFUL_CREDIBILITY).clamp(0, 100);
            self.add_tension(actor, target, WRONGFUL_TENSION);
        }
    }
}
