//! Game logs on disk, as JSON lines: a header with the seed and the
//! scenario's source, then one accepted command per line, flushed as it is
//! written so a crash loses nothing that was acknowledged.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::engine::{GameLog, LoggedCommand};

#[derive(Debug, Error)]
pub enum LogError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

#[derive(Serialize, Deserialize)]
struct Header {
    demarche_log: u32,
    scenario_name: String,
    seed: u64,
    scenario: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    setup: Option<Setup>,
}

/// Who plays what, and players' notes: what a saved game needs besides the
/// commands to continue where it stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Actors played by people at this keyboard.
    pub humans: Vec<String>,
    /// Actors played by bots, with their policy.
    pub bots: Vec<(String, crate::bots::Policy)>,
    /// Notes to self, per actor.
    #[serde(default)]
    pub notes: Vec<(String, String)>,
    /// Seconds per turn, if a turn timer was set.
    #[serde(default)]
    pub turn_timer: Option<u64>,
    /// Join codes of a hosted room, by role ("facilitator", "spectator",
    /// or an actor id), so a restarted server accepts the same codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<(String, String)>,
    /// Which room of the server this game is.
    #[serde(default)]
    pub room: usize,
    /// A hosted room's facilitator has paused the game.
    #[serde(default, skip_serializing_if = "is_false")]
    pub paused: bool,
    /// A hosted room's players who let the clock run out are played by a
    /// stand-in bot for that turn.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bot_on_timeout: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn header_line(log: &GameLog, setup: Option<&Setup>) -> String {
    let h = Header {
        demarche_log: log.version,
        scenario_name: log.scenario_name.clone(),
        seed: log.seed,
        scenario: log.scenario.clone(),
        setup: setup.cloned(),
    };
    serde_json::to_string(&h).unwrap_or_default()
}

/// Write a whole log atomically: a temporary file, then a rename.
pub fn write(path: &Path, log: &GameLog) -> std::io::Result<()> {
    write_with_setup(path, log, None)
}

/// Write a log with the players' setup (an autosave), atomically.
pub fn write_with_setup(path: &Path, log: &GameLog, setup: Option<&Setup>) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut text = header_line(log, setup);
    text.push('\n');
    for c in &log.commands {
        text.push_str(&serde_json::to_string(c).unwrap_or_default());
        text.push('\n');
    }
    let tmp = path.with_extension("tmp");
    {
        let mut f = super::private_file::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)
}

/// What reading a log found besides the log itself.
#[derive(Debug, Default)]
pub struct ReadNotes {
    /// A last line cut short (a crash while writing it) was skipped.
    pub truncated_tail: bool,
    /// The players' setup, in an autosave.
    pub setup: Option<Setup>,
}

/// Read a log. A last line cut short by a crash is skipped, not an error.
pub fn read(path: &Path) -> Result<(GameLog, ReadNotes), LogError> {
    let io = |source| LogError::Io {
        path: path.to_path_buf(),
        source,
    };
    let fmt = |line: usize, message: String| LogError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    let file = File::open(path).map_err(io)?;
    let mut lines = Vec::new();
    for l in BufReader::new(file).split(b'\n') {
        lines.push(l.map_err(io)?);
    }
    let mut notes = ReadNotes::default();
    let first = lines
        .first()
        .ok_or_else(|| fmt(1, "the file is empty: expected a demarche game log".into()))?;
    // A byte-order mark, as some editors save it, is not part of the text.
    let first = first
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(first.as_slice());
    let header: Header =
        serde_json::from_slice(first).map_err(|e| fmt(1, format!("not a demarche game log header ({e})")))?;
    notes.setup = header.setup.clone();
    let mut commands = Vec::new();
    let last = lines.len();
    for (i, raw) in lines.iter().enumerate().skip(1) {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<LoggedCommand>(raw) {
            Ok(c) => commands.push(c),
            Err(_) if i + 1 == last => notes.truncated_tail = true,
            Err(e) => return Err(fmt(i + 1, format!("not a command ({e})"))),
        }
    }
    Ok((
        GameLog {
            version: header.demarche_log,
            scenario_name: header.scenario_name,
            scenario: header.scenario,
            seed: header.seed,
            commands,
        },
        notes,
    ))
}

/// Appends commands to a log as they are accepted, each flushed to disk
/// before `append` returns.
pub struct LogWriter {
    file: Arc<File>,
    /// Lines written since the last `write_out`.
    pending: Vec<u8>,
}

impl LogWriter {
    /// Write the log so far (header, setup and commands) atomically, then
    /// keep appending. Used both for new games and for resumed ones, so a
    /// line cut short by a crash is dropped, never built upon.
    pub fn create_with_setup(path: &Path, log: &GameLog, setup: Option<&Setup>) -> std::io::Result<LogWriter> {
        write_with_setup(path, log, setup)?;
        let file = Arc::new(OpenOptions::new().append(true).open(path)?);
        Ok(LogWriter {
            file,
            pending: Vec::new(),
        })
    }

    /// Add one command. It reaches the file with `write_out` (then it
    /// survives a crash of the program), and the disk once that file is
    /// synced (then it survives a crash of the machine).
    pub fn write(&mut self, command: &LoggedCommand) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.pending, command)?;
        self.pending.push(b'\n');
        Ok(())
    }

    /// Hand every command added so far to the operating system in one
    /// call, and return the file to sync: the server syncs it on another
    /// thread while it goes on serving other games.
    pub fn write_out(&mut self) -> std::io::Result<Arc<File>> {
        if !self.pending.is_empty() {
            let result = (&*self.file).write_all(&self.pending);
            self.pending.clear();
            result?;
        }
        Ok(Arc::clone(&self.file))
    }
}
