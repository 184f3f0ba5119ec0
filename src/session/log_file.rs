//! Game logs on disk, as JSON lines: a header with the seed, the scenario's
//! source and the setup, then one accepted command (or, for a hosted room,
//! one change of its settings) per line. Hosted rooms append to their log
//! (`log_append`); solo autosaves are written whole, atomically.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::engine::{GameLog, LoggedCommand};

pub use super::room_record::{RoomChange, RoomRecord};

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
    /// People at the keyboard (actor ids) who had not yet read the last
    /// turn's resolution when the game was saved: a resumed game shows it
    /// to them first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<String>,
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
    /// The address a hosted room's server listened on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    /// The address players were told to connect to, if not `ws://BIND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// The address a hosted room's SSH server listened on, if it served one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The first line of a log: scenario, seed and setup, as JSON.
/// Whether the file at `path` is a demarche game log: its first line is
/// a log header, which `header_line` writes starting `{"demarche_log":`
/// (after a byte order mark some editors add). So that writing a report
/// or a simulated game over it can be refused instead of destroying a
/// game. Reads a few bytes and never fails: a file that cannot be read is
/// not a log.
pub fn is_game_log(path: &Path) -> bool {
    use std::io::Read;
    const START: &[u8] = b"{\"demarche_log\":";
    let mut head = [0u8; 3 + START.len()];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    head.strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(head)
        .starts_with(START)
}

pub(crate) fn header_line(log: &GameLog, setup: Option<&Setup>) -> String {
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
    /// A last line cut short (a crash or a full disk while writing it)
    /// was skipped.
    pub truncated_tail: bool,
    /// The players' setup, in an autosave; a hosted room's setup as it was
    /// when the room was created.
    pub setup: Option<Setup>,
    /// A hosted room's changes of settings after its creation, in order.
    pub records: Vec<RoomRecord>,
    /// Bytes from the start of the file to the end of its last whole
    /// record: where a resumed room goes on appending.
    pub whole_len: u64,
}

/// One line after the header: a command, or a change to a hosted room.
enum Line {
    Command(LoggedCommand),
    Room(RoomRecord),
}

fn parse_line(raw: &[u8]) -> Result<Line, String> {
    match serde_json::from_slice::<LoggedCommand>(raw) {
        Ok(c) => Ok(Line::Command(c)),
        Err(e) => match serde_json::from_slice::<RoomRecord>(raw) {
            Ok(r) => Ok(Line::Room(r)),
            Err(_) => Err(format!("not a command ({e})")),
        },
    }
}

/// Read a log, one line at a time: memory holds the largest line, not the
/// file. A last line cut short by a crash or a full disk is skipped, not an
/// error; a bad line with whole records after it is.
///
/// Errors: the file cannot be read; its first line is not a header; a line
/// before the last is not a command or a room record (`path:line: …`).
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
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let mut notes = ReadNotes::default();
    let mut header: Option<Header> = None;
    let mut commands = Vec::new();
    // A line that did not parse: an error if a record follows it.
    let mut torn: Option<(usize, String)> = None;
    let (mut line_no, mut offset) = (0usize, 0u64);
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        offset += n as u64;
        let mut raw = buf.as_slice();
        if line_no == 1 {
            raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw);
            let h: Header =
                serde_json::from_slice(raw).map_err(|e| fmt(1, format!("not a demarche game log header ({e})")))?;
            header = Some(h);
            notes.whole_len = offset;
            continue;
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some((line, message)) = torn.take() {
            return Err(fmt(line, message));
        }
        match parse_line(raw) {
            Ok(Line::Command(c)) => commands.push(c),
            Ok(Line::Room(mut r)) => {
                r.after = commands.len();
                notes.records.push(r);
            }
            Err(e) => {
                torn = Some((line_no, e));
                continue;
            }
        }
        notes.whole_len = offset;
    }
    notes.truncated_tail = torn.is_some();
    let header = header.ok_or_else(|| fmt(1, "the file is empty: expected a demarche game log".into()))?;
    notes.setup = header.setup;
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
