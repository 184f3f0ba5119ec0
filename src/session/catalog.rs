//! The scenarios a player can choose from: shipped ones (the tutorial
//! first), then `./scenarios/*.ron`, then files named on the command line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::scenario::load;
use crate::scenario::schema::Difficulty;
use crate::scenario::Scenario;
use crate::shipped;

use super::scenario_file;

#[derive(Debug, Clone)]
pub struct Entry {
    /// Where it comes from: "shipped" or a path.
    pub origin: String,
    pub scenario: Option<Arc<Scenario>>,
    /// Why it cannot be played, for a broken file.
    pub problem: Option<String>,
}

impl Entry {
    pub fn title(&self) -> String {
        match &self.scenario {
            Some(s) => s.file.title.clone(),
            None => self.origin.clone(),
        }
    }
    pub fn difficulty(&self) -> Option<Difficulty> {
        self.scenario.as_ref().map(|s| s.file.difficulty)
    }
}

fn from_loaded(origin: String, loaded: load::Loaded) -> Entry {
    let problem = (loaded.errors() > 0).then(|| {
        let first = loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .map_or(String::new(), |d| d.message.clone());
        format!(
            "{} error(s): {first} (run `demarche validate {origin}`)",
            loaded.errors()
        )
    });
    Entry {
        origin,
        scenario: loaded.scenario.map(Arc::new),
        problem,
    }
}

/// Load one scenario by path, shipped name, or name of a file in
/// `./scenarios` (with or without `.ron`). A name that is none of these
/// comes back with a problem listing what there is to play.
pub fn entry(arg: &str) -> Entry {
    if let Some(s) = shipped::find(arg) {
        return from_loaded("shipped".into(), load::from_str(s.name, s.source));
    }
    let path = Path::new(arg);
    if path.exists() {
        return from_loaded(arg.to_string(), scenario_file::load(path));
    }
    let local = Path::new("scenarios").join(format!("{}.ron", arg.strip_suffix(".ron").unwrap_or(arg)));
    if local.is_file() {
        return from_loaded(local.display().to_string(), scenario_file::load(&local));
    }
    Entry {
        origin: arg.to_string(),
        scenario: None,
        problem: Some(unknown_name()),
    }
}

/// "no shipped scenario and no file by that name; shipped: …; in
/// ./scenarios: …".
fn unknown_name() -> String {
    let shipped: Vec<&str> = shipped::ALL.iter().map(|s| s.name).collect();
    let local: Vec<String> = local_files()
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let found = if local.is_empty() {
        "no .ron files in ./scenarios".to_string()
    } else {
        format!("in ./scenarios: {}", local.join(", "))
    };
    format!(
        "no shipped scenario and no file by that name. Shipped: {}; {found}",
        shipped.join(", ")
    )
}

/// The `*.ron` files in `./scenarios`, sorted.
fn local_files() -> Vec<PathBuf> {
    let mut local: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    local.sort();
    local
}

/// Everything the launcher lists.
pub fn discover(extra: &[PathBuf]) -> Vec<Entry> {
    let mut out: Vec<Entry> = shipped::ALL
        .iter()
        .map(|s| from_loaded("shipped".into(), load::from_str(s.name, s.source)))
        .collect();
    let local = local_files();
    for p in local.iter().chain(extra) {
        let e = from_loaded(p.display().to_string(), scenario_file::load(p));
        // A local copy of a shipped scenario is listed once.
        let dup = e.scenario.as_ref().is_some_and(|s| {
            out.iter()
                .any(|o| o.scenario.as_ref().is_some_and(|x| x.source == s.source))
        });
        if !dup {
            out.push(e);
        }
    }
    out
}
