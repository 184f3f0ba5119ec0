//! Press: messages between actors and the proposals they carry. Messages
//! are game events (logged, replayed, seen by writer and recipients only);
//! a scenario may keep some private lines closed until a confidence-building
//! measure is in force, and a game may allow public statements only or no
//! press at all ("gunboat" diplomacy, after the Diplomacy variant).

use serde::{Deserialize, Serialize};

use crate::scenario::schema::{CbmKind, Confidence, Layer, PressMode};
use crate::scenario::Scenario;

use super::command::RuleError;
use super::press_text as text;
use super::Game;

/// Longest message accepted, in characters (after cleaning).
pub const MAX_TEXT: usize = 2000;
/// Longest mutual restraint, in turns.
pub const MAX_RESTRAINT: u32 = 10;

/// What an actor proposes with `Command::Offer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Terms {
    /// Neither side climbs the ladder against the other for `turns` turns
    /// (1 to 10). Breaking it is public and costs credibility.
    Restraint { turns: u32 },
    /// Ask for help against the incident (UN GGE norm h: respond to
    /// appropriate requests for assistance). Accepting passes the requester
    /// what the helper may share of its own evidence.
    Assistance,
    /// Propose a joint statement (the same as `Command::Propose`), and tell
    /// the addressee so.
    JointStatement {
        suspect: String,
        confidence: Confidence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        layer: Option<Layer>,
    },
    /// Offer a confidence-building measure: the scenario's action for it,
    /// aimed at the addressee (the same as choosing that action).
    Measure { measure: CbmKind },
}

/// A deal between two actors, made by message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DealTerms {
    Restraint { turns: u32 },
    Assistance,
}

/// A deal proposed by one actor to another, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub by: usize,
    pub to: usize,
    pub terms: DealTerms,
    /// The turn it was proposed.
    pub turn: u32,
    /// Accepted (true) or declined, and the turn of the answer.
    pub answer: Option<(bool, u32)>,
    /// For an accepted restraint: the last turn it binds.
    pub until: Option<u32>,
    /// For a restraint: who broke it, and on which turn.
    pub broken: Option<(usize, u32)>,
}

impl Deal {
    /// An accepted, unbroken restraint binding `a` and `b` on `turn`.
    pub fn binds(&self, a: usize, b: usize, turn: u32) -> bool {
        matches!(self.terms, DealTerms::Restraint { .. })
            && matches!(self.answer, Some((true, _)))
            && self.broken.is_none()
            && self.until.is_some_and(|u| turn <= u)
            && ((self.by == a && self.to == b) || (self.by == b && self.to == a))
    }
}

/// A proposal to answer, by the scenario's ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalRef {
    /// Joint statement number `n` (sign it, or decline).
    Joint(usize),
    /// A confidence-building measure `from` offered (accept by offering it
    /// back, or decline).
    Measure { from: String, measure: CbmKind },
    /// Deal number `n` (see `State::deals`).
    Deal(usize),
}

/// A proposal to answer, by index (for bots).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Joint(usize),
    Measure { from: usize, measure: CbmKind },
    Deal(usize),
}

impl Pick {
    pub fn to_ref(self, s: &Scenario) -> ProposalRef {
        match self {
            Pick::Joint(n) => ProposalRef::Joint(n),
            Pick::Measure { from, measure } => ProposalRef::Measure {
                from: s.file.actors[from].id.clone(),
                measure,
            },
            Pick::Deal(n) => ProposalRef::Deal(n),
        }
    }
}

/// Why an answer was given, in words the engine generates
/// (`press_text::reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Its evidence does not support the stated confidence.
    Unsupported(Confidence),
    Supported,
    /// Agreed to a restraint of so many turns.
    Agreed(u32),
    /// The proposer is behind its prime suspect.
    Suspect,
    NoTrust,
    /// A hawk keeps its hands free.
    FreeHand,
    WillHelp,
    CannotHelp,
    Welcome,
}

/// Clean a message: control characters and bidirectional overrides go,
/// line ends become `\n`, tabs a space; surrounding blank space is trimmed.
/// Errors if nothing is left or more than `MAX_TEXT` characters remain.
pub fn clean(raw: &str) -> Result<String, RuleError> {
    let mut out = String::with_capacity(raw.len().min(MAX_TEXT * 4));
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let t = out.trim();
    if t.is_empty() {
        return Err(RuleError::Invalid(text::EMPTY.into()));
    }
    let n = t.chars().count();
    if n > MAX_TEXT {
        return Err(RuleError::Invalid(text::too_long(n)));
    }
    Ok(t.to_string())
}

impl Game {
    /// The press mode of this game: the facilitator's choice, or the
    /// scenario's.
    pub fn press_mode(&self) -> PressMode {
        self.state.press_mode.unwrap_or(self.scenario.file.press.mode)
    }

    /// Why `from` may not write privately to `to` now, in words.
    pub fn line_refusal(&self, from: usize, to: usize) -> Option<String> {
        if from == to {
            return Some(text::TO_SELF.into());
        }
        match self.press_mode() {
            PressMode::Off => return Some(text::PRESS_OFF.into()),
            PressMode::PublicOnly => return Some(text::PUBLIC_ONLY.into()),
            PressMode::Full => {}
        }
        let f = &self.scenario.file;
        let (ka, kb) = (f.actors[from].kind, f.actors[to].kind);
        let r = self.state.relations[self.scenario.pair(from, to)];
        f.press
            .closed
            .iter()
            .find(|l| (l.between == (ka, kb) || l.between == (kb, ka)) && !r.has(l.until))
            .map(|l| text::line_closed(&f.actors[to].name, l.until))
    }

    /// Why `from` may not make a public statement now.
    pub fn public_refusal(&self) -> Option<String> {
        (self.press_mode() == PressMode::Off).then(|| text::PRESS_OFF.to_string())
    }
}
