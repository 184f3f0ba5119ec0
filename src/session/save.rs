//! Saved games at this keyboard: each game has its own file in the data
//! directory's `saves/` folder, rewritten whole at every turn and on quit,
//! so starting a new game never replaces an unfinished one. The launcher
//! lists the unfinished ones to continue; finished ones stay on disk for
//! `demarche report`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::engine::GameLog;

use super::log_file::{self, Setup};
use super::paths;

/// Why a save failed, naming the file: "could not save the game to
/// /home/x/.local/share/demarche/saves/registry-3.log: Permission denied".
#[derive(Debug, thiserror::Error)]
#[error("could not save the game to {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// The folder that holds the saved games.
pub fn dir() -> PathBuf {
    paths::data_dir().join("saves")
}

/// A file name for a new game of `title` with `seed` in `dir`, taken by no
/// other save: `<title-in-lowercase>-<seed>.log`, then `-2`, `-3`… if a
/// game of the same scenario and seed is already saved there.
pub fn fresh_path(dir: &Path, title: &str, seed: u64) -> PathBuf {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(40).collect();
    let slug = if slug.is_empty() { "game".to_string() } else { slug };
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{slug}-{seed}.log")
        } else {
            format!("{slug}-{seed}-{n}.log")
        };
        let p = dir.join(name);
        if !p.exists() && !tmp_path(&p).exists() {
            return p;
        }
        n += 1;
    }
}

/// The temporary file a save is written to before it replaces `path`.
fn tmp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "save".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp"))
}

/// Write the game to `path` atomically: a temporary file beside it, synced,
/// then renamed over it, so a crash leaves the old save or the new one,
/// never half of one. On failure the temporary file is removed and the
/// error names `path`.
pub fn write(path: &Path, log: &GameLog, setup: &Setup) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(err)?;
    }
    let mut text = log_file::header_line(log, Some(setup));
    text.push('\n');
    for c in &log.commands {
        text.push_str(&serde_json::to_string(c).unwrap_or_default());
        text.push('\n');
    }
    let tmp = tmp_path(path);
    let written = (|| {
        let mut f = super::private_file::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(err)
}

/// A saved game found on disk.
#[derive(Debug, Clone)]
pub struct Saved {
    pub path: PathBuf,
    pub log: GameLog,
    pub setup: Setup,
    /// The scenario's title.
    pub title: String,
    /// The names of the actors people play in it.
    pub players: Vec<String>,
    /// The turn the game stands at (1-based) and the scenario's turns.
    pub turn: u32,
    pub turns: u32,
    pub over: bool,
    /// When the file was last written.
    pub modified: Option<SystemTime>,
}

impl Saved {
    /// "Registry hijack · as Northland · turn 3/6 · seed 4 ·
    /// 2026-11-30 10:45 UTC": enough to tell two games of one scenario
    /// apart.
    pub fn summary(&self) -> String {
        let when = self.modified.map(utc).unwrap_or_default();
        let who = if self.players.is_empty() {
            String::new()
        } else {
            format!(" · as {}", self.players.join(", "))
        };
        format!(
            "{}{who} · turn {}/{} · seed {} · {when}",
            self.title, self.turn, self.turns, self.log.seed
        )
    }
}

/// "2026-11-30 10:45 UTC" (the civil date from the Unix time; no zone
/// database needed for UTC).
pub fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

/// Read one saved game: its log replayed to find the turn. Errors name the
/// file.
pub fn load(path: &Path) -> Result<Saved, String> {
    let (log, notes) = log_file::read(path).map_err(|e| e.to_string())?;
    let setup = notes
        .setup
        .ok_or_else(|| format!("{}: not a saved game (it has no player setup)", path.display()))?;
    let game = log.replay().map_err(|e| format!("{}: {e}", path.display()))?;
    let f = &game.scenario().file;
    Ok(Saved {
        path: path.to_path_buf(),
        title: f.title.clone(),
        players: f
            .actors
            .iter()
            .filter(|a| setup.humans.contains(&a.id))
            .map(|a| a.name.clone())
            .collect(),
        turn: game.turn(),
        turns: f.turns,
        over: game.is_over(),
        modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
        log,
        setup,
    })
}

/// Every unfinished saved game, the most recently played first: the files
/// in `saves/`, and the single autosave older versions wrote. Files that
/// cannot be read are left out (and left alone).
pub fn unfinished() -> Vec<Arc<Saved>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir())
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "log") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    let old = paths::autosave();
    if old.is_file() {
        files.push(old);
    }
    let mut out: Vec<Arc<Saved>> = files
        .iter()
        .filter_map(|p| load(p).ok())
        .filter(|s| !s.over)
        .map(Arc::new)
        .collect();
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.path.cmp(&b.path)));
    out
}
