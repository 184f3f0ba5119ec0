//! The debrief's record: the incident(s) as they happened, each actor's
//! secret objectives checked, responses aimed at actors who were not
//! responsible, and every response classified by the law. Built from the scenario's ground truth and the game.

use serde::{Deserialize, Serialize};

use crate::scenario::compiled::in_set;
use crate::scenario::schema::LegalCharacter;

use super::event::{EventKind, Outcome};
use super::rules::law;
use super::Game;

/// An incident on the record, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentReview {
    pub title: String,
    pub what: String,
    /// The suspect who did it.
    pub by: String,
    /// The actor held responsible, if any.
    pub responsible: Option<String>,
    /// The actors it was done to.
    pub against: Vec<String>,
    /// "(f) do not damage critical infrastructure", then other commitments
    /// by name and framework.
    pub breaches: Vec<String>,
    pub principles: Vec<String>,
}

/// A secret objective and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveReview {
    pub text: String,
    /// `None` when it has no condition: for discussion.
    pub met: Option<bool>,
}

/// A hostile move aimed at an actor that was not responsible for any
/// incident, by an actor that was not responsible either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MisdirectedResponse {
    pub turn: u32,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub succeeded: bool,
}

/// A response (retorsion, countermeasure or unlawful move) and how the law
/// reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseReview {
    pub turn: u32,
    pub actor: String,
    pub action: String,
    pub target: String,
    /// "retorsion", "countermeasure" or "unlawful", as the scenario declares.
    pub character: String,
    pub lawful: bool,
    /// Why, citing the rule (ILC Articles on State Responsibility, 2001).
    pub why: String,
}

/// Every response that succeeded, in the order it resolved, classified.
pub(crate) fn responses(g: &Game) -> Vec<ResponseReview> {
    let s = g.scenario();
    let f = &s.file;
    let name = |a: usize| f.actors[a].name.clone();
    let mut out = Vec::new();
    for e in &g.state().events {
        match e.kind {
            EventKind::Moved {
                actor,
                action,
                target: Some(target),
                outcome: Outcome::Succeeded,
                ..
            } if s.actions[action].legal == LegalCharacter::Retorsion => out.push(ResponseReview {
                turn: e.turn,
                actor: name(actor),
                action: f.actions[action].name.clone(),
                target: name(target),
                character: LegalCharacter::Retorsion.label().into(),
                lawful: true,
                why: law::RETORSION.into(),
            }),
            EventKind::LegalFinding {
                actor,
                action,
                target,
                ground,
            } => out.push(ResponseReview {
                turn: e.turn,
                actor: name(actor),
                action: f.actions[action].name.clone(),
                target: name(target),
                character: s.actions[action].legal.label().into(),
                lawful: ground.lawful(),
                why: ground.explain(&f.actors[target].name),
            }),
            _ => {}
        }
    }
    out
}

pub(crate) fn incidents(g: &Game) -> Vec<IncidentReview> {
    let s = g.scenario();
    let f = &s.file;
    let name = |a: usize| f.actors[a].name.clone();
    f.incidents
        .iter()
        .zip(&s.incidents)
        .map(|(def, c)| {
            let mut breaches: Vec<String> = c
                .breaches
                .iter()
                .map(|n| format!("({}) {}", n.letter(), n.summary()))
                .collect();
            breaches.extend(
                c.breaches_commitments
                    .iter()
                    .map(|&k| format!("{} ({})", f.commitments[k].name, f.commitments[k].framework)),
            );
            IncidentReview {
                title: def.title.clone(),
                what: def.what.clone(),
                by: f.suspects[c.by].name.clone(),
                responsible: c.responsible.map(name),
                against: c.against.iter().map(|&a| name(a)).collect(),
                breaches,
                principles: def.principles.clone(),
            }
        })
        .collect()
}

pub(crate) fn objectives(g: &Game, actor: usize) -> Vec<ObjectiveReview> {
    let s = g.scenario();
    let checks = s.objective_checks.get(actor);
    s.file.actors[actor]
        .secret_objectives
        .iter()
        .enumerate()
        .map(|(i, o)| ObjectiveReview {
            text: o.text.clone(),
            met: checks
                .and_then(|c| c.get(i))
                .and_then(Option::as_ref)
                .map(|c| g.holds(c, Some(actor), None)),
        })
        .collect()
}

pub(crate) fn misdirected(g: &Game) -> Vec<MisdirectedResponse> {
    let s = g.scenario();
    let f = &s.file;
    let responsible = s.responsible();
    g.state()
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Moved {
                actor,
                action,
                target: Some(target),
                outcome,
                ..
            } if s.actions[action].hostility > 0 && !in_set(responsible, actor) && !in_set(responsible, target) => {
                Some(MisdirectedResponse {
                    turn: e.turn,
                    actor: f.actors[actor].name.clone(),
                    action: f.actions[action].name.clone(),
                    target: f.actors[target].name.clone(),
                    succeeded: outcome == Outcome::Succeeded,
                })
            }
            _ => None,
        })
        .collect()
}
