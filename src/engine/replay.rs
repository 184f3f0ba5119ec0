//! The game log: the scenario, the seed and every accepted command. Replaying
//! it rebuilds the identical game, down to the state hash.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::scenario::load;

use super::command::{WhiteCell, WHITE_CELL};
use super::{Command, Game, RuleError};

pub const LOG_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameLog {
    pub version: u32,
    /// Short name of the scenario (its file name).
    pub scenario_name: String,
    /// The scenario's full source, so the log replays on its own.
    pub scenario: String,
    pub seed: u64,
    pub commands: Vec<LoggedCommand>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedCommand {
    /// The actor's id, or `white-cell` for the facilitator.
    pub actor: String,
    pub command: Logged,
    /// Who made it: a person, a bot, a stand-in, the clock or the
    /// facilitator. Absent in logs written before authors were kept, and
    /// in solo games.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Author>,
    /// When, by the host's wall clock, in milliseconds since 1970-01-01
    /// UTC (hosted games). The rules never read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<u64>,
}

/// Who made a logged command: a person at the actor's seat (by the name
/// they joined with, if they gave one), a bot holding the seat, a stand-in
/// bot moving for a player whose time ran out, the turn clock itself, or
/// the facilitator (white cell).
///
/// On disk: `{"kind":"person","name":"Ana"}`, `{"kind":"bot","policy":"hawkish"}`,
/// `{"kind":"stand_in","policy":"cautious"}`, `{"kind":"clock"}`,
/// `{"kind":"facilitator","name":"Kim"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Author {
    Person {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    Bot {
        policy: String,
    },
    StandIn {
        policy: String,
    },
    Clock,
    Facilitator {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
}

impl Author {
    /// In words, for a report: "Ana", "a player (no name given)", "a
    /// hawkish bot", "a cautious stand-in bot (time ran out)", "the turn
    /// clock", "the white cell (Kim)".
    pub fn describe(&self) -> String {
        match self {
            Author::Person { name: Some(n) } => n.clone(),
            Author::Person { name: None } => "a player (no name given)".into(),
            Author::Bot { policy } => format!("a {policy} bot"),
            Author::StandIn { policy } => format!("a {policy} stand-in bot (time ran out)"),
            Author::Clock => "the turn clock".into(),
            Author::Facilitator { name: Some(n) } => format!("the white cell ({n})"),
            Author::Facilitator { name: None } => "the white cell".into(),
        }
    }
}

/// A logged command: an actor's, or the facilitator's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Logged {
    Actor(Command),
    WhiteCell(WhiteCell),
}

#[derive(Debug, Error)]
pub enum ReplayError {
    #[error("this log is version {0}; this demarche reads version {LOG_VERSION}")]
    Version(u32),
    #[error("the scenario inside the log does not load: {0}")]
    Scenario(String),
    #[error("command {index} ({actor}) was refused on replay: {error}")]
    Command {
        index: usize,
        actor: String,
        error: RuleError,
    },
}

impl GameLog {
    pub fn new(game: &Game) -> GameLog {
        GameLog {
            version: LOG_VERSION,
            scenario_name: game.scenario().name.clone(),
            scenario: game.scenario().source.clone(),
            seed: game.state().seed,
            commands: Vec::new(),
        }
    }

    pub fn record(&mut self, game: &Game, actor: usize, command: &Command) {
        self.commands.push(LoggedCommand {
            actor: game.scenario().file.actors[actor].id.clone(),
            command: Logged::Actor(command.clone()),
            by: None,
            at: None,
        });
    }

    pub fn record_white_cell(&mut self, command: &WhiteCell) {
        self.commands.push(LoggedCommand {
            actor: WHITE_CELL.to_string(),
            command: Logged::WhiteCell(command.clone()),
            by: None,
            at: None,
        });
    }

    /// Load the scenario the log carries.
    pub fn load_scenario(&self) -> Result<Arc<crate::scenario::Scenario>, ReplayError> {
        if self.version != LOG_VERSION {
            return Err(ReplayError::Version(self.version));
        }
        let loaded = load::from_str(&self.scenario_name, &self.scenario);
        match loaded.scenario {
            Some(s) => Ok(Arc::new(s)),
            None => {
                let first = loaded
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(String::new, |d| d.message.clone());
                Err(ReplayError::Scenario(first))
            }
        }
    }

    /// Re-run every command from the start.
    pub fn replay(&self) -> Result<Game, ReplayError> {
        let scenario = self.load_scenario()?;
        self.replay_with(scenario)
    }

    /// Re-run every command on an already loaded scenario.
    pub fn replay_with(&self, scenario: Arc<crate::scenario::Scenario>) -> Result<Game, ReplayError> {
        self.replay_watching(scenario, |_, _| {})
    }

    /// Re-run every command, showing `watch` the game as it stands before
    /// each one (with the command's index), for a caller that needs more
    /// than the end (the turn each command was made in).
    pub fn replay_watching(
        &self,
        scenario: Arc<crate::scenario::Scenario>,
        mut watch: impl FnMut(usize, &Game),
    ) -> Result<Game, ReplayError> {
        let mut game = Game::new(scenario, self.seed);
        for (index, c) in self.commands.iter().enumerate() {
            watch(index, &game);
            let err = |error| ReplayError::Command {
                index,
                actor: c.actor.clone(),
                error,
            };
            match &c.command {
                Logged::Actor(cmd) => {
                    let actor = game.actor_index(&c.actor).map_err(err)?;
                    game.apply(actor, cmd).map_err(err)?;
                }
                Logged::WhiteCell(cmd) => {
                    game.white_cell(cmd).map_err(err)?;
                }
            }
        }
        Ok(game)
    }
}
