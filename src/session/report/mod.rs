//! The after-action report a trainer shares after the game: the engine's
//! [`Debrief`] plus a few facts it does not carry (channels agreed per pair,
//! misreadings, track ranges), rendered as Markdown, JSON or one
//! self-contained HTML file.
//!
//! `mod.rs` gathers the data; `plan.rs` derives findings from it; the
//! renderers (`markdown.rs`, `html.rs`, `chart.rs`) only lay it out.

mod chart;
mod correspondence;
mod discussion;
mod figures;
mod html;
mod incident;
mod markdown;
mod plan;
mod plan_norms;
mod record;
pub use record::duration_words;

use std::path::Path;

use crate::engine::debrief::Debrief;
use crate::engine::Game;
use crate::engine::{EventKind, RungCause};
use crate::scenario::schema::{CbmKind, Confidence, Direction};
use crate::session::log_file;

pub use html::esc;
pub use markdown::{md, para};
pub use plan::{Finding, Plan};
pub use record::RecordLine;

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub debrief: Debrief,
    /// The log's file name, to say where the report came from.
    pub source: String,
    /// The facilitator ended the game before any ending was reached.
    pub stopped: bool,
    /// Each rung's description, parallel to `debrief.ladder`.
    pub rung_descriptions: Vec<String>,
    /// Parallel to `debrief.tracks`.
    pub tracks: Vec<TrackInfo>,
    /// Parallel to `debrief.escalation`.
    pub pairs: Vec<PairFacts>,
    /// The name of the actor whose correspondence alone the report shows
    /// (see `correspondence_of`), or every message.
    pub correspondence_of: Option<String>,
    /// Who did what and when, from a hosted room's log (empty when the
    /// report is made from a game in memory).
    pub record: Vec<RecordLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackInfo {
    pub description: String,
    pub min: i32,
    pub max: i32,
    pub higher_is_better: bool,
}

/// What happened between two actors besides their rung.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairFacts {
    /// Measures agreed, with the turn (consultations included).
    pub agreed: Vec<(u32, CbmKind)>,
    /// Moves one side read as more hostile than they were.
    pub misreadings: Vec<Misreading>,
    /// Turns on which the pair slipped up a rung with nobody choosing it.
    pub spirals: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misreading {
    pub turn: u32,
    /// Who made the move.
    pub actor: String,
    pub action: String,
    /// Who misread it.
    pub target: String,
}

/// Where the game stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ended,
    Stopped,
    InProgress,
}

impl Report {
    /// Keep only the correspondence of one actor (by id or name, any
    /// case): the messages it wrote or received, public statements, and
    /// the deals it made or was offered. Errors name the actors there are.
    pub fn correspondence_of(&mut self, actor: &str) -> Result<(), String> {
        let d = &mut self.debrief;
        let Some(a) = d
            .actors
            .iter()
            .find(|a| a.id.eq_ignore_ascii_case(actor) || a.name.eq_ignore_ascii_case(actor))
        else {
            let known: Vec<String> = d.actors.iter().map(|a| format!("{} ({})", a.id, a.name)).collect();
            return Err(format!(
                "there is no actor `{actor}` in this game; its actors are: {}",
                known.join(", ")
            ));
        };
        let (id, name) = (a.id.clone(), a.name.clone());
        d.correspondence.retain(|l| l.involves(&id));
        d.promises.retain(|p| p.by == name || p.to == name);
        self.correspondence_of = Some(name);
        Ok(())
    }
}

impl Report {
    pub fn new(game: &Game, source: &str) -> Report {
        let s = game.scenario();
        let f = &s.file;
        let n = s.actor_count();
        let debrief = Debrief::new(game);
        // Pairs in the order the debrief lists them: (0,1), (0,2), … (1,2), …
        let mut index = vec![0; n * n];
        let mut k = 0;
        for a in 0..n {
            for b in a + 1..n {
                index[a * n + b] = k;
                index[b * n + a] = k;
                k += 1;
            }
        }
        let mut pairs = vec![PairFacts::default(); k];
        let name = |a: usize| f.actors[a].name.clone();
        for e in &game.state().events {
            match &e.kind {
                EventKind::CbmAgreed { a, b, kind } => pairs[index[a * n + b]].agreed.push((e.turn, *kind)),
                EventKind::Misread { actor, action, target } => {
                    pairs[index[actor * n + target]].misreadings.push(Misreading {
                        turn: e.turn,
                        actor: name(*actor),
                        action: f.actions[*action].name.clone(),
                        target: name(*target),
                    })
                }
                EventKind::RungChanged {
                    a,
                    b,
                    from,
                    to,
                    cause: RungCause::Spiral,
                } if to > from => pairs[index[a * n + b]].spirals.push(e.turn),
                _ => {}
            }
        }
        Report {
            correspondence_of: None,
            debrief,
            source: source.to_string(),
            stopped: game.state().stopped,
            rung_descriptions: f.ladder.iter().map(|r| r.description.clone()).collect(),
            tracks: f
                .tracks
                .iter()
                .map(|t| TrackInfo {
                    description: t.description.clone(),
                    min: t.min,
                    max: t.max,
                    higher_is_better: t.higher_is == Direction::Better,
                })
                .collect(),
            pairs,
            record: Vec::new(),
        }
    }

    /// Read a game log (finished or not) and replay it.
    pub fn from_log(path: &Path) -> Result<(Report, Vec<String>), String> {
        let (log, notes) = log_file::read(path).map_err(|e| e.to_string())?;
        let mut warnings = Vec::new();
        if notes.truncated_tail {
            warnings.push("the last line of the log was cut short and was skipped".to_string());
        }
        let replay_error = |e| format!("{}: {e}", path.display());
        let scenario = log.load_scenario().map_err(replay_error)?;
        // The turn being played before each command, and after the last.
        let mut turns = Vec::with_capacity(log.commands.len() + 1);
        let game = log
            .replay_watching(scenario, |_, g| turns.push(g.turn()))
            .map_err(replay_error)?;
        turns.push(game.turn());
        let source = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut report = Report::new(&game, &source);
        report.record = record::gather(&log, &notes.records, &turns, &game.scenario().file);
        Ok((report, warnings))
    }

    pub fn status(&self) -> Status {
        match (&self.debrief.ending, self.debrief.over) {
            (Some(_), _) => Status::Ended,
            (None, true) => Status::Stopped,
            (None, false) => Status::InProgress,
        }
    }

    /// One line saying where the game stands.
    pub fn status_line(&self) -> String {
        let d = &self.debrief;
        match (self.status(), &d.ending) {
            (Status::Ended, Some(e)) => format!("Ended on turn {} of {}: {}", d.turns_played, d.turns, e.title),
            (Status::Stopped, _) => format!(
                "Stopped by the facilitator on turn {} of {}, before any ending",
                d.turns_played, d.turns
            ),
            _ => format!("Game in progress, turn {} of {}", self.current_turn(), d.turns),
        }
    }

    /// The turn being played (the debrief counts only resolved turns while
    /// a game is in progress).
    pub fn current_turn(&self) -> u32 {
        let d = &self.debrief;
        if d.over {
            d.turns_played
        } else {
            d.turns_played + 1
        }
    }

    /// Turns with a recorded rung (0 is the start).
    pub fn history_len(&self) -> usize {
        self.debrief
            .escalation
            .first()
            .map(|p| p.rungs.len())
            .or_else(|| self.debrief.tracks.first().map(|t| t.values.len()))
            .unwrap_or(1)
    }

    /// Pairs that ever left the bottom rung, by index into
    /// `debrief.escalation`: highest first, then the earliest to get there.
    pub fn moving_pairs(&self) -> Vec<usize> {
        let esc = &self.debrief.escalation;
        let mut v: Vec<(usize, usize, usize)> = (0..esc.len())
            .filter_map(|i| {
                let peak = esc[i].rungs.iter().copied().max().filter(|&p| p > 0)?;
                let at = esc[i].rungs.iter().position(|&r| r == peak).unwrap_or(0);
                Some((i, peak, at))
            })
            .collect();
        v.sort_by_key(|&(i, peak, at)| (std::cmp::Reverse(peak), at, i));
        v.into_iter().map(|(i, _, _)| i).collect()
    }

    pub fn rung_name(&self, r: usize) -> &str {
        self.debrief.ladder.get(r).map_or("?", String::as_str)
    }

    pub fn plan(&self) -> Plan {
        plan::derive(self)
    }

    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    pub fn to_html(&self) -> String {
        html::render(self)
    }

    /// The debrief, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.debrief).unwrap_or_default()
    }
}

/// Whether a statement claimed no more than the evidence supported (norm b).
pub fn calibrated(stated: Confidence, supported: Option<Confidence>) -> bool {
    supported.is_some_and(|s| stated <= s)
}

/// "high", "moderate", "low", or "none" for no support at all.
pub fn short_confidence(c: Option<Confidence>) -> &'static str {
    match c {
        Some(Confidence::High) => "high",
        Some(Confidence::Moderate) => "moderate",
        Some(Confidence::Low) => "low",
        None => "none",
    }
}

/// "Northland – Eastmark"
pub fn pair_label(p: &crate::engine::debrief::PairHistory) -> String {
    format!("{} – {}", p.a, p.b)
}

/// "held consultations", "agreed a hotline", "agreed an information exchange".
pub fn agreed(kind: CbmKind) -> String {
    match kind {
        CbmKind::Consultations => "held consultations".into(),
        CbmKind::InformationExchange => "agreed an information exchange".into(),
        k => format!("agreed a {}", k.label()),
    }
}

/// "turn 3", or "the start" for entry 0 of a history.
pub fn when(turn: usize) -> String {
    if turn == 0 {
        "the start".into()
    } else {
        format!("turn {turn}")
    }
}
