//! Commands players (human, bot or remote) send to the engine, and the
//! errors a command can meet. Ids are the scenario's names, so a log or a
//! network message reads plainly.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::scenario::schema::Confidence;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Choose an action for this turn.
    Act {
        action: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<String>,
    },
    /// Publicly attribute the incident to a suspect with a stated confidence.
    Attribute { suspect: String, confidence: Confidence },
    /// Pass an evidence item to other actors, within its TLP marking.
    Share { evidence: String, with: Vec<String> },
    /// Publish a TLP:CLEAR evidence item for everyone.
    Publish { evidence: String },
    /// Take back the moves chosen this turn.
    Withdraw,
    /// Done for this turn. When every actor has committed, the turn resolves.
    Commit,
}

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
}
