//! Press rules in a scenario: how much talk a game allows, and which
//! private lines stay closed until a confidence-building measure is in
//! force (see docs/scenario-format.md, "Press").

use serde::{Deserialize, Serialize};

use super::vocab::{ActorKind, CbmKind};

/// The press rules of a scenario: messages between actors.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressRules {
    /// Full press, public statements only, or none (a "gunboat" game). A
    /// host or player may choose another mode for one game.
    #[serde(default)]
    pub mode: PressMode,
    /// Private lines that stay closed until a confidence-building measure
    /// is in force between the two actors (for instance no direct line
    /// between governments until points of contact are exchanged).
    #[serde(default)]
    pub closed: Vec<ClosedLine>,
}

/// How much talk a game allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PressMode {
    /// Private messages to one or several actors, and public statements.
    #[default]
    Full,
    /// Only public statements: everyone reads every word.
    PublicOnly,
    /// No messages at all; moves alone speak ("gunboat" diplomacy).
    Off,
}

impl PressMode {
    pub const ALL: [PressMode; 3] = [PressMode::Full, PressMode::PublicOnly, PressMode::Off];
    /// The mode's name on the command line: `full`, `public` or `off`.
    pub fn key(self) -> &'static str {
        match self {
            PressMode::Full => "full",
            PressMode::PublicOnly => "public",
            PressMode::Off => "off",
        }
    }
}

impl std::str::FromStr for PressMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PressMode::ALL
            .into_iter()
            .find(|m| m.key() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown press mode `{s}`: expected full, public or off"))
    }
}

/// A private line closed between two kinds of actor until a measure is
/// in force between the pair. Lines between other kinds stay open (a CERT
/// to CERT channel works while governments do not talk).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedLine {
    /// The kinds of actor at either end, in any order, e.g. `(State, State)`.
    pub between: (ActorKind, ActorKind),
    /// The measure that opens the line once both sides agreed it, e.g.
    /// `PointOfContact`.
    pub until: CbmKind,
}
