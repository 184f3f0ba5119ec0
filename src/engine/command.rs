//! Commands players (human, bot or remote) send to the engine, and the
//! errors a command can meet. Ids are the scenario's names, so a log or a
//! network message reads plainly.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::scenario::compiled::in_set;
use crate::scenario::schema::{Confidence, Layer};
use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Choose an action for this turn.
    Act {
        action: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<String>,
    },
    /// Publicly attribute the incident to a suspect with a stated
    /// confidence, at a layer (technique, group or state; without one, the
    /// speaker's usual layer: a government holds the state responsible,
    /// others name the group). Costs the scenario's statement cost.
    Attribute {
        suspect: String,
        confidence: Confidence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        layer: Option<Layer>,
    },
    /// Propose a joint statement: the others who may attribute can sign it
    /// next turn, when it is made with every signer. Costs a statement.
    Propose {
        suspect: String,
        confidence: Confidence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        layer: Option<Layer>,
    },
    /// Sign proposal number `proposal` (from 0, in the order proposed)
    /// before it is made, or join it with a supporting statement after.
    Sign { proposal: usize },
    /// Decline to sign a proposal. Free, and takes no move.
    Decline { proposal: usize },
    /// Take back one's own public statement (number `statement` in the list
    /// of attributions, from 0) before the truth is out; costs credibility.
    Retract { statement: usize },
    /// Restate one's own statement at another confidence or layer.
    Refine {
        statement: usize,
        confidence: Confidence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        layer: Option<Layer>,
    },
    /// Issue a tearline of a held TLP:RED or AMBER+STRICT item: a sanitised,
    /// less reliable derivative at TLP:GREEN that may be shared.
    Tearline { evidence: String },
    /// Pass an evidence item to other actors, within its TLP marking.
    Share { evidence: String, with: Vec<String> },
    /// Publish a TLP:CLEAR evidence item for everyone.
    Publish { evidence: String },
    /// Write to one actor, several, or everyone (`to` empty: a public
    /// statement). Free, takes no move, allowed in every phase of a turn.
    /// Text is cleaned of control characters and at most
    /// `press::MAX_TEXT` characters.
    Message {
        #[serde(default)]
        to: Vec<String>,
        text: String,
    },
    /// Propose something to another actor: a deal (mutual restraint,
    /// a request for assistance), a joint statement or a
    /// confidence-building measure. `text` goes with it as a message.
    Offer {
        to: String,
        terms: super::press::Terms,
        #[serde(default)]
        text: String,
    },
    /// Accept or decline a proposal made to this actor. `text`, or the
    /// generated words of `because`, goes back to the proposer.
    Answer {
        proposal: super::press::ProposalRef,
        accept: bool,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        because: Option<super::press::Reason>,
    },
    /// Answer question number `request` (from 0, in the order asked; see
    /// `PressView::requests`) asked of this actor through a channel. Free,
    /// takes no move, allowed until the end of the turn it is due.
    Reply {
        request: usize,
        reply: super::request::Reply,
    },
    /// Take back the moves chosen this turn.
    Withdraw,
    /// Done for this turn. When every actor has committed, the turn resolves.
    Commit,
}

/// An actor's command with its ids already resolved to indices, for callers
/// that work with indices (bots): `Game::apply_move` takes it without
/// looking up a name, and `to_command` gives the `Command` it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Act {
        action: usize,
        target: Option<usize>,
    },
    Attribute {
        suspect: usize,
        confidence: Confidence,
        layer: Layer,
    },
    Propose {
        suspect: usize,
        confidence: Confidence,
        layer: Layer,
    },
    Sign {
        proposal: usize,
    },
    Decline {
        proposal: usize,
    },
    Tearline {
        evidence: usize,
    },
    /// Pass an evidence item to the actors in `with` (a bit set), in actor order.
    Share {
        evidence: usize,
        with: u64,
    },
    /// Answer a proposal, with the reason in generated words.
    Answer {
        proposal: super::press::Pick,
        accept: bool,
        because: super::press::Reason,
    },
    /// Answer a question asked through a channel.
    Reply {
        request: usize,
        reply: super::request::ReplyPick,
    },
    Commit,
}

impl Move {
    /// The command with the scenario's ids, as logs and the wire carry it.
    /// Indices must be the scenario's own.
    pub fn to_command(self, s: &Scenario) -> Command {
        let f = &s.file;
        match self {
            Move::Act { action, target } => Command::Act {
                action: f.actions[action].id.clone(),
                target: target.map(|t| f.actors[t].id.clone()),
            },
            Move::Attribute {
                suspect,
                confidence,
                layer,
            } => Command::Attribute {
                suspect: f.suspects[suspect].id.clone(),
                confidence,
                layer: Some(layer),
            },
            Move::Propose {
                suspect,
                confidence,
                layer,
            } => Command::Propose {
                suspect: f.suspects[suspect].id.clone(),
                confidence,
                layer: Some(layer),
            },
            Move::Sign { proposal } => Command::Sign { proposal },
            Move::Decline { proposal } => Command::Decline { proposal },
            Move::Tearline { evidence } => Command::Tearline {
                evidence: f.evidence[evidence].id.clone(),
            },
            Move::Share { evidence, with } => Command::Share {
                evidence: f.evidence[evidence].id.clone(),
                with: (0..f.actors.len())
                    .filter(|&a| in_set(with, a))
                    .map(|a| f.actors[a].id.clone())
                    .collect(),
            },
            Move::Answer {
                proposal,
                accept,
                because,
            } => Command::Answer {
                proposal: proposal.to_ref(s),
                accept,
                text: String::new(),
                because: Some(because),
            },
            Move::Reply { request, reply } => Command::Reply {
                request,
                reply: reply.to_reply(s),
            },
            Move::Commit => Command::Commit,
        }
    }
}

/// Commands only the facilitator (the white cell) may give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum WhiteCell {
    /// An inject written on the spot. No audience: public news.
    Inject {
        headline: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        audience: Vec<String>,
    },
    /// Resolve the turn now: actors who have not committed lose the moves
    /// they had not confirmed.
    ForceResolve,
    /// End the game now; the debrief follows.
    EndGame,
    /// Write as an actor the facilitator plays (a government nobody
    /// plays, say): to the listed actors, or everyone when `to` is empty.
    /// Channel rules do not bind the white cell.
    Message {
        from: String,
        #[serde(default)]
        to: Vec<String>,
        text: String,
    },
    /// Choose how much press this game allows from now on.
    Press { mode: crate::scenario::schema::PressMode },
    /// The turn clock ran out. Actors who have not committed lose the
    /// moves they had not confirmed, and each is told so. With `stand_in`,
    /// a bot then moves for each of them (the host runs it; everyone is
    /// told) and the turn resolves once they have committed; without, the
    /// turn resolves now.
    TimeUp {
        #[serde(default)]
        stand_in: bool,
    },
}

/// The facilitator's name in game logs.
pub const WHITE_CELL: &str = "white-cell";

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum RuleError {
    #[error("the game is over")]
    GameOver,
    #[error("there is no actor `{0}` in this scenario")]
    UnknownActor(String),
    #[error("there is no action `{0}` in this scenario")]
    UnknownAction(String),
    #[error("there is no suspect `{0}` in this scenario")]
    UnknownSuspect(String),
    #[error("you have already committed this turn")]
    AlreadyCommitted,
    #[error("you have no moves left this turn (withdraw to choose again)")]
    NoMovesLeft,
    #[error("{0}")]
    Unavailable(String),
    #[error("you hold no evidence `{0}`")]
    NotHeld(String),
    #[error("{0}")]
    TlpForbids(String),
    #[error("choose at least one actor to share with")]
    NoRecipients,
    #[error("{0}")]
    Invalid(String),
}
