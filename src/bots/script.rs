//! A seat played from a script: the moves a trainer expects a human to
//! make, turn by turn, so `simulate --seat ACTOR=FILE` can test that path
//! against bots on every other seat.
//!
//! The script is plain text, one line per turn (line 1 is turn 1); `#`
//! starts a comment; a line may hold several commands separated by `;`:
//!
//! ```text
//! act forensic_analysis            # an action without a target
//! act summon_ambassador eastmark   # an action on a target
//! attribute grey_lantern high      # a public attribution (layer optional)
//! share ev_wiper_code westmark,ncert
//! pass                             # nothing this turn
//! ```
//!
//! After its last line the seat only commits. A command the rules refuse
//! when its turn comes is skipped and counted.

use crate::engine::Command;
use crate::scenario::schema::{Confidence, Layer};
use crate::scenario::Scenario;

/// A parsed script: the commands of each turn, from turn 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    turns: Vec<Vec<Command>>,
}

/// A seat played from a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub actor: usize,
    pub script: Script,
}

impl Script {
    /// The commands for `turn` (from 1); none past the end.
    pub fn turn(&self, turn: u32) -> &[Command] {
        (turn as usize)
            .checked_sub(1)
            .and_then(|i| self.turns.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// Parse a script against the scenario's ids. Errors name the line and
    /// what was expected.
    pub fn parse(text: &str, s: &Scenario) -> Result<Script, String> {
        let mut turns = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let mut cmds = Vec::new();
            for part in line.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                if let Some(c) = command(part, s).map_err(|e| format!("line {}: {e}", n + 1))? {
                    cmds.push(c);
                }
            }
            turns.push(cmds);
        }
        Ok(Script { turns })
    }
}

fn command(part: &str, s: &Scenario) -> Result<Option<Command>, String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let actor = |id: &str| -> Result<String, String> {
        if s.actor_ix.contains_key(id) {
            Ok(id.to_string())
        } else {
            Err(format!("unknown actor `{id}`"))
        }
    };
    match words.as_slice() {
        ["pass"] => Ok(None),
        ["act", action, rest @ ..] if rest.len() <= 1 => {
            if !s.action_ix.contains_key(*action) {
                return Err(format!("unknown action `{action}`"));
            }
            let target = rest.first().map(|t| actor(t)).transpose()?;
            Ok(Some(Command::Act {
                action: (*action).to_string(),
                target,
            }))
        }
        ["attribute", suspect, confidence, rest @ ..] if rest.len() <= 1 => {
            if !s.suspect_ix.contains_key(*suspect) {
                return Err(format!("unknown suspect `{suspect}`"));
            }
            let confidence = match *confidence {
                "low" => Confidence::Low,
                "moderate" => Confidence::Moderate,
                "high" => Confidence::High,
                other => return Err(format!("`{other}` is not low, moderate or high")),
            };
            let layer = match rest.first().copied() {
                None => None,
                Some("technique") => Some(Layer::Technique),
                Some("group") => Some(Layer::Group),
                Some("state") => Some(Layer::State),
                Some(other) => return Err(format!("`{other}` is not technique, group or state")),
            };
            Ok(Some(Command::Attribute {
                suspect: (*suspect).to_string(),
                confidence,
                layer,
            }))
        }
        ["share", evidence, with] => {
            if !s.evidence_ix.contains_key(*evidence) {
                return Err(format!("unknown evidence item `{evidence}`"));
            }
            let with = with.split(',').map(actor).collect::<Result<Vec<_>, _>>()?;
            Ok(Some(Command::Share {
                evidence: (*evidence).to_string(),
                with,
            }))
        }
        _ => Err(format!(
            "cannot read `{part}`: expected `act ACTION [TARGET]`, `attribute SUSPECT low|moderate|high [LAYER]`, `share EVIDENCE ACTOR,...` or `pass`"
        )),
    }
}
