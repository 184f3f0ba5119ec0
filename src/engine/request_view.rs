//! What an actor sees of questions through a channel: those it asked
//! (pending, then answered) and those asked of it, with what it may answer
//! with. A question is seen by its two actors and no one else.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::CbmKind;
use crate::scenario::Scenario;

use super::event::EventKind;
use super::request::{Answered, Request};
use super::request_text as text;
use super::{Game, Perspective};

/// One question, as its asker or the asked side sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Its number, for `Command::Reply`.
    pub number: usize,
    /// The asker's id.
    pub by: String,
    /// The asked side's id.
    pub to: String,
    /// The question: the asking action's `question`, else its name.
    pub question: String,
    pub channel: Option<CbmKind>,
    /// The turn asked, and the last turn it may be answered.
    pub turn: u32,
    pub due: u32,
    /// Waiting for this actor's answer.
    pub to_answer: bool,
    /// Where it stands, in words.
    pub status: String,
    /// For the asked side while it is open: the items it holds, each with
    /// why it may not go to the asker (TLP), if it may not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub may_share: Vec<(String, String, Option<String>)>,
    /// For the asked side while it is open: the title and text of the
    /// answer the scenario prepared for it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared: Option<(String, String)>,
}

impl Perspective<'_> {
    /// Questions asked of this actor that wait for its answer, by number.
    pub fn requests_to_answer(&self) -> impl Iterator<Item = (usize, &Request)> + '_ {
        let me = self.me;
        self.game
            .state
            .requests
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.to == me && q.answer.is_none())
    }
    /// The answer the scenario prepared for this actor to question `n`.
    pub fn prepared_answer(&self, n: usize) -> Option<usize> {
        match self.game.state.requests.get(n) {
            Some(q) if q.to == self.me => self.game.prepared_answer(n),
            _ => None,
        }
    }
    /// Whether item `e` points to a suspect this actor stands behind (and
    /// does not clear it): passing it on would incriminate it.
    pub fn incriminates_me(&self, e: usize) -> bool {
        let s = &self.game.scenario;
        let ev = &s.evidence[e];
        !ev.exculpatory && s.suspect_actor[ev.points_to] == Some(self.me)
    }
}

/// The questions `me` asked or was asked, oldest first.
pub(super) fn request_views(g: &Game, me: usize) -> Vec<RequestView> {
    let s = &g.scenario;
    let f = &s.file;
    let mut out = Vec::new();
    for (n, q) in g.state.requests.iter().enumerate() {
        if q.by != me && q.to != me {
            continue;
        }
        let to_answer = q.to == me && q.answer.is_none();
        let (may_share, prepared) = if to_answer {
            let items = g.state.actors[me]
                .held
                .iter()
                .map(|h| {
                    let d = &f.evidence[h.evidence];
                    (d.id.clone(), d.title.clone(), g.may_share(me, h.evidence, q.by).err())
                })
                .collect();
            let prepared = g
                .prepared_answer(n)
                .map(|e| (f.evidence[e].title.clone(), f.evidence[e].text.clone()));
            (items, prepared)
        } else {
            (Vec::new(), None)
        };
        out.push(RequestView {
            number: n,
            by: f.actors[q.by].id.clone(),
            to: f.actors[q.to].id.clone(),
            question: question_of(&f.actions[q.action]).to_string(),
            channel: q.channel,
            turn: q.turn,
            due: q.due,
            to_answer,
            status: text::status(&f.actors[q.by].name, &f.actors[q.to].name, q.due, q.answer, q.to == me),
            may_share,
            prepared,
        });
    }
    out
}

/// Headline and body of a press event, a question or an answer; empty for
/// any other event.
pub(super) fn describe_press_or_request(s: &Scenario, kind: &EventKind) -> (String, String) {
    super::press_view::describe_press(s, kind)
        .or_else(|| describe_request(s, kind))
        .unwrap_or_default()
}

/// Headline and body of a question or an answer, for the feed and the
/// debrief.
pub(super) fn describe_request(s: &Scenario, kind: &EventKind) -> Option<(String, String)> {
    let f = &s.file;
    let name = |a: usize| f.actors[a].name.as_str();
    Some(match kind {
        EventKind::Asked {
            by,
            to,
            action,
            channel,
            due,
            ..
        } => (
            text::asked(name(*by), name(*to), *channel, question_of(&f.actions[*action])),
            text::asked_body(name(*to), *due),
        ),
        EventKind::Replied {
            by,
            to,
            channel,
            answer,
            text: words,
            ..
        } => {
            let item = match answer {
                Answered::Evidence { evidence } | Answered::Prepared { evidence } | Answered::Standing { evidence } => {
                    Some(&f.evidence[*evidence])
                }
                _ => None,
            };
            let headline = text::replied(name(*by), name(*to), *channel, *answer, item.map(|e| e.title.as_str()));
            let body = match (answer, item) {
                (Answered::Explained, _) => words.clone(),
                (Answered::Declined | Answered::NoReply, _) => text::SILENCE_BODY.into(),
                (_, Some(e)) => e.text.clone(),
                _ => String::new(),
            };
            (headline, body)
        }
        _ => return None,
    })
}

/// The question an asking action puts: its `question`, else its name.
fn question_of(a: &crate::scenario::schema::Action) -> &str {
    a.question.as_deref().unwrap_or(&a.name)
}
