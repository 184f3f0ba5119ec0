//! The correspondence in the record: every message, revealed after the
//! game with who wrote to whom and when, and the promises of restraint
//! made, kept and broken, for the debrief and every report.

use serde::{Deserialize, Serialize};

use super::event::EventKind;
use super::press::DealTerms;
use super::press_text as text;
use super::press_view::deal_status;
use super::Game;

/// One message, as the record shows it after the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub turn: u32,
    /// The writer's actor id and name.
    pub from: String,
    pub from_name: String,
    /// Recipients' ids and names; empty: a public statement.
    pub to: Vec<String>,
    pub to_names: Vec<String>,
    pub text: String,
    /// Written by the white cell in the writer's name.
    pub facilitator: bool,
}

impl Letter {
    /// Whether `actor` (an id) wrote it or was meant to read it.
    pub fn involves(&self, actor: &str) -> bool {
        self.to.is_empty() || self.from == actor || self.to.iter().any(|t| t == actor)
    }
}

/// A deal made by message, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub turn: u32,
    pub by: String,
    pub to: String,
    /// The terms in words.
    pub terms: String,
    /// Where it stood at the end, in words.
    pub status: String,
    /// `promise made`, `promise kept`, `promise broken`, or empty for a
    /// deal that was declined or never answered.
    pub mark: String,
}

/// The correspondence and the promises of a game.
pub fn record(g: &Game) -> (Vec<Letter>, Vec<Promise>) {
    let f = &g.scenario.file;
    let (id, name) = (|a: usize| f.actors[a].id.clone(), |a: usize| f.actors[a].name.clone());
    let letters = g
        .state
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Said {
                from,
                to,
                text,
                facilitator,
            } => Some(Letter {
                turn: e.turn,
                from: id(*from),
                from_name: name(*from),
                to: to.iter().map(|&a| id(a)).collect(),
                to_names: to.iter().map(|&a| name(a)).collect(),
                text: text.clone(),
                facilitator: *facilitator,
            }),
            _ => None,
        })
        .collect();
    let end = g.state.turn + 1;
    let promises = g
        .state
        .deals
        .iter()
        .map(|d| {
            let mark = match (d.terms, d.answer, d.broken) {
                (_, Some((true, _)), Some(_)) => text::PROMISE_BROKEN,
                (DealTerms::Restraint { .. }, Some((true, _)), None) if d.until.is_some_and(|u| u < end) => {
                    text::PROMISE_KEPT
                }
                (_, Some((true, _)), None) => text::PROMISE_MADE,
                _ => "",
            };
            Promise {
                turn: d.turn,
                by: name(d.by),
                to: name(d.to),
                terms: text::terms(&d.terms),
                status: deal_status(&g.scenario, d, end),
                mark: mark.to_string(),
            }
        })
        .collect();
    (letters, promises)
}
