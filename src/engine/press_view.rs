//! What an actor sees of press: the messages written to it or by it,
//! the proposals waiting for its answer, its deals, and to whom it may
//! write now. Nothing here reaches an actor a message was not sent to.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::{CbmKind, PressMode};
use crate::scenario::Scenario;

use super::event::EventKind;
use super::press::{DealTerms, ProposalRef};
use super::press_text as text;
use super::{Game, Perspective};

/// Press as one actor sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PressView {
    pub mode: PressMode,
    /// Every other actor, with why a private message may not go to it now.
    pub lines: Vec<(String, Option<String>)>,
    /// Messages this actor wrote or received, oldest first: the latest
    /// ones, at most [`VIEW_MESSAGES`] and about [`VIEW_MESSAGE_BYTES`] of
    /// text, so a view stays the same size however long the game.
    pub messages: Vec<MessageView>,
    /// How many earlier messages of this actor's are not in `messages`
    /// (they are in the feed and the debrief's correspondence).
    #[serde(default)]
    pub earlier: usize,
    /// Proposals waiting for this actor's answer.
    pub proposals: Vec<OpenProposal>,
    /// Deals this actor proposed or was offered.
    pub deals: Vec<DealView>,
    /// Questions through a channel this actor asked or was asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<super::RequestView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub turn: u32,
    /// The writer's actor id.
    pub from: String,
    /// Recipients' ids; empty for a public statement.
    pub to: Vec<String>,
    pub text: String,
}

impl MessageView {
    /// The other party of a private thread, or `None` for public ones:
    /// threads are kept per correspondent (a group message goes to the
    /// thread of its first other party).
    pub fn correspondent<'a>(&'a self, me: &str) -> Option<&'a str> {
        if self.to.is_empty() {
            return None;
        }
        if self.from != me {
            return Some(&self.from);
        }
        self.to.first().map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenProposal {
    pub proposal: ProposalRef,
    /// The proposer's id.
    pub from: String,
    /// What is proposed, in words.
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealView {
    pub number: usize,
    pub by: String,
    pub to: String,
    pub terms: DealTerms,
    /// Where it stands, in words.
    pub status: String,
}

impl Perspective<'_> {
    /// Deals proposed to this actor that wait for its answer, by number.
    pub fn deals_to_answer(&self) -> impl Iterator<Item = (usize, &super::Deal)> + '_ {
        let me = self.me;
        self.game
            .state
            .deals
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.to == me && d.answer.is_none())
    }
    /// Whether an accepted restraint binds this actor and `other` now.
    pub fn restrained_with(&self, other: usize) -> bool {
        let t = self.game.state.turn;
        self.game.state.deals.iter().any(|d| d.binds(self.me, other, t))
    }
    /// Why this actor may not write privately to `to` now.
    pub fn line_refusal(&self, to: usize) -> Option<String> {
        self.game.line_refusal(self.me, to)
    }
}

/// Most messages a view carries: the latest ones. The whole
/// correspondence is in the feed and the debrief.
pub const VIEW_MESSAGES: usize = 200;

/// About the most bytes of message text a view carries (32 KiB): the
/// latest message always goes, whatever its length.
pub const VIEW_MESSAGE_BYTES: usize = 32 * 1024;

/// How many of the latest of `sizes` (bytes of text, oldest first) fit in
/// a view: at least one if there is any, at most [`VIEW_MESSAGES`].
fn latest_that_fit(sizes: &[usize]) -> usize {
    let mut bytes = 0usize;
    let mut n = 0;
    for &len in sizes.iter().rev().take(VIEW_MESSAGES) {
        bytes = bytes.saturating_add(len);
        if n > 0 && bytes > VIEW_MESSAGE_BYTES {
            break;
        }
        n += 1;
    }
    n
}

/// Build the press part of `me`'s view.
pub(super) fn press_view(g: &Game, me: usize) -> PressView {
    let s = &g.scenario;
    let f = &s.file;
    let id = |a: usize| f.actors[a].id.clone();
    let mine: Vec<&super::Event> = g
        .state
        .events
        .iter()
        .filter(|e| e.visible_to(me) && matches!(e.kind, EventKind::Said { .. }))
        .collect();
    let sizes: Vec<usize> = mine
        .iter()
        .map(|e| match &e.kind {
            EventKind::Said { text, .. } => text.len(),
            _ => 0,
        })
        .collect();
    let earlier = mine.len() - latest_that_fit(&sizes);
    let messages = mine[earlier..]
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Said { from, to, text, .. } => Some(MessageView {
                turn: e.turn,
                from: id(*from),
                to: to.iter().map(|&a| id(a)).collect(),
                text: text.clone(),
            }),
            _ => None,
        })
        .collect();
    let mut proposals = Vec::new();
    for (n, p) in g.state.proposals.iter().enumerate() {
        if p.by != me && p.made.is_none() && !p.lapsed && !p.answered_by(me) && g.may_see_proposal(me, n) {
            proposals.push(OpenProposal {
                proposal: ProposalRef::Joint(n),
                from: id(p.by),
                what: format!(
                    "joint statement #{}: {} with {}",
                    n + 1,
                    p.layer.claim(&f.suspects[p.suspect].name),
                    p.confidence.label()
                ),
            });
        }
    }
    for other in (0..s.actor_count()).filter(|&o| o != me) {
        for kind in CbmKind::ALL {
            if g.has_offered(other, me, kind) {
                proposals.push(OpenProposal {
                    proposal: ProposalRef::Measure {
                        from: id(other),
                        measure: kind,
                    },
                    from: id(other),
                    what: kind.with_article(),
                });
            }
        }
    }
    let mut deals = Vec::new();
    for (n, d) in g.state.deals.iter().enumerate() {
        if d.to == me && d.answer.is_none() {
            proposals.push(OpenProposal {
                proposal: ProposalRef::Deal(n),
                from: id(d.by),
                what: text::terms(&d.terms),
            });
        }
        if d.by == me || d.to == me {
            deals.push(DealView {
                number: n,
                by: id(d.by),
                to: id(d.to),
                terms: d.terms,
                status: deal_status(s, d, g.state.turn),
            });
        }
    }
    PressView {
        mode: g.press_mode(),
        lines: (0..s.actor_count())
            .filter(|&a| a != me)
            .map(|a| (id(a), g.line_refusal(me, a)))
            .collect(),
        messages,
        earlier,
        proposals,
        deals,
        requests: super::request_view::request_views(g, me),
    }
}

/// Where a deal stands, in words.
pub fn deal_status(s: &Scenario, d: &super::Deal, turn: u32) -> String {
    let name = |a: usize| s.file.actors[a].name.as_str();
    match (d.answer, d.broken, d.until) {
        (None, _, _) => "waiting for an answer".into(),
        (Some((false, t)), _, _) => format!("declined on turn {t}"),
        (Some(_), Some((by, t)), _) => format!("broken by {} on turn {t}", name(by)),
        (Some(_), None, Some(u)) if u < turn => format!("kept to the end of turn {u}"),
        (Some(_), None, Some(u)) => format!("in force to the end of turn {u}"),
        (Some((true, t)), None, None) => format!("accepted on turn {t}"),
    }
}

/// Headline and body of a press event, for the feed and the debrief.
pub(super) fn describe_press(g: &Scenario, kind: &EventKind) -> Option<(String, String)> {
    let f = &g.file;
    let name = |a: usize| f.actors[a].name.as_str();
    Some(match kind {
        EventKind::Said { from, to, text, .. } => {
            let names: Vec<&str> = to.iter().map(|&a| name(a)).collect();
            (text::said(name(*from), &names), text.clone())
        }
        EventKind::DealOffered { by, to, terms, .. } => {
            (text::offered(name(*by), name(*to), &text::terms(terms)), String::new())
        }
        EventKind::DealAnswered {
            to, terms, accepted, ..
        } => (text::answered(name(*to), *accepted, &text::terms(terms)), String::new()),
        EventKind::CbmDeclined { from, to, kind } => (text::cbm_declined(name(*to), *kind, name(*from)), String::new()),
        EventKind::RestraintBroken { by, with, .. } => (text::broken(name(*by), name(*with)), text::BROKEN_TEXT.into()),
        EventKind::RestraintKept { a, b, .. } => (text::kept(name(*a), name(*b)), String::new()),
        EventKind::Assisted { by, to, items } => (text::assisted(name(*by), name(*to), *items), String::new()),
        EventKind::PressSet { mode } => (text::press_set(*mode), String::new()),
        _ => return None,
    })
}
