//! Escalation events in words: misreadings, rung changes, the law's
//! findings, covert moves that come to light, consultations.

use crate::scenario::Scenario;

use super::event::{EventKind, RungCause};

/// Headline and text for an escalation event; empty for any other.
pub(super) fn describe(s: &Scenario, kind: &EventKind) -> (String, String) {
    let f = &s.file;
    let name = |a: usize| f.actors[a].name.as_str();
    match kind {
        EventKind::Misread { actor, action, target } => (
            format!(
                "{} reads {} \"{}\" as hostile",
                name(*target),
                super::describe::possessive(name(*actor)),
                f.actions[*action].name
            ),
            "A move was taken for more than it was: tension rises and the pair climbs a rung. \
             Ambiguous moves are misread less often between sides that trust each other or have \
             a point of contact, a hotline or a notification arrangement in force."
                .into(),
        ),
        EventKind::RungChanged { a, b, from, to, cause } => {
            let why = match cause {
                RungCause::Move => "after a deliberate move",
                RungCause::Misreading => "after a misreading",
                RungCause::Spiral => "as tension spirals",
                RungCause::Calming => "as tension eases",
                RungCause::Events => "after events",
                RungCause::Attribution => "after a public attribution",
            };
            let dir = if to > from { "rise" } else { "fall" };
            (
                format!(
                    "{} and {} {dir} to \"{}\" {why}",
                    name(*a),
                    name(*b),
                    s.rung_name(s.pair(*a, *b), *to)
                ),
                String::new(),
            )
        }
        EventKind::LegalFinding {
            actor,
            action,
            target,
            ground,
        } => {
            let verdict = if ground.lawful() {
                "a lawful countermeasure"
            } else {
                "a wrongful act"
            };
            (
                format!(
                    "{} \"{}\" against {}: {verdict}",
                    super::describe::possessive(name(*actor)),
                    f.actions[*action].name,
                    name(*target)
                ),
                ground.explain(name(*target)),
            )
        }
        EventKind::Exposed { actor, action } => (
            format!(
                "A covert move by {} comes to light: {}",
                name(*actor),
                f.actions[*action].name
            ),
            f.actions[*action].description.clone(),
        ),
        EventKind::Consulted { a, b, outcome } => (
            format!(
                "Consultations between {} and {}: {}",
                name(*a),
                name(*b),
                outcome.label()
            ),
            String::new(),
        ),
        _ => (String::new(), String::new()),
    }
}

impl super::view::Perspective<'_> {
    /// Rungs of the ladder I climb with `other` (the main ladder's for
    /// myself).
    pub fn rungs_with(&self, other: usize) -> usize {
        let s = &self.game.scenario;
        if other == self.me || other >= s.actor_count() {
            return s.rung_count();
        }
        s.pair_rungs(s.pair(self.me, other)).len()
    }
}
