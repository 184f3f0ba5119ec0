//! Questions asked through a channel: "ask before you assume" (OSCE CBM 8,
//! national points of contact, PC Decision 1106, 2013, to which PC
//! Decision 1202, 2016, added CBMs 12-16). A question is a move; the asked
//! side answers it by the end of the next turn with an item it may share,
//! an explanation, or a refusal, and silence is an answer too.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::CbmKind;

/// Turns the asked side has after the turn of the question: it answers
/// before the end of the next turn.
pub const ANSWER_TURNS: u32 = 1;
/// Longest explanation in one's own words, in characters (after cleaning).
pub const MAX_EXPLANATION: usize = 400;

/// A question one actor asked another through a channel, and its answer.
/// Indices are the scenario's; turns count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The asker.
    pub by: usize,
    /// The asked side.
    pub to: usize,
    /// The action that asked (it names the question).
    pub action: usize,
    /// The channel in force between them when asked, if any (a hotline
    /// before a point of contact before any other lasting measure).
    pub channel: Option<CbmKind>,
    /// The turn the question was asked.
    pub turn: u32,
    /// The last turn on which it may be answered.
    pub due: u32,
    /// The answer and the turn it came, once it came.
    pub answer: Option<(Answered, u32)>,
}

/// How a question was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answered {
    /// The asked side passed an item it holds.
    Evidence { evidence: usize },
    /// The asked side gave the answer the scenario prepared for it.
    Prepared { evidence: usize },
    /// The asked side explained in its own words (the text is in the event).
    Explained,
    /// The asked side refused to answer.
    Declined,
    /// No answer in time; the scenario's standing answer went instead.
    Standing { evidence: usize },
    /// No answer in time, and nothing went in its place.
    NoReply,
}

impl Answered {
    /// Whether the asker got something: evidence or an explanation.
    pub fn forthcoming(self) -> bool {
        !matches!(self, Answered::Declined | Answered::NoReply)
    }
}

/// An answer to a question, by the scenario's ids (`Command::Reply`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Reply {
    /// Pass an evidence item one holds, within its TLP marking.
    Evidence { evidence: String },
    /// Give the answer the scenario prepared for this side, where it has one.
    Prepared,
    /// Explain in one's own words: cleaned of control characters, at most
    /// [`MAX_EXPLANATION`] characters.
    Explain { text: String },
    /// Refuse to answer: costs trust and alarms the asker.
    Decline,
}

/// An answer by index (for bots); explanations in generated words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyPick {
    Evidence(usize),
    Prepared,
    Words(Excuse),
    Decline,
}

/// What a bot says when it explains without evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excuse {
    /// "We had no part in this."
    Deny,
    /// "We are looking into it and will share what we can."
    LookingIntoIt,
    /// "We have nothing to add at this time."
    NothingToAdd,
}

impl ReplyPick {
    /// The reply with the scenario's ids, as logs and the wire carry it.
    pub fn to_reply(self, s: &crate::scenario::Scenario) -> Reply {
        match self {
            ReplyPick::Evidence(e) => Reply::Evidence {
                evidence: s.file.evidence[e].id.clone(),
            },
            ReplyPick::Prepared => Reply::Prepared,
            ReplyPick::Words(x) => Reply::Explain {
                text: super::request_text::excuse(x).to_string(),
            },
            ReplyPick::Decline => Reply::Decline,
        }
    }
}
