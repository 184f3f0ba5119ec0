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

/// Load one scenario by path or shipped name.
pub fn entry(arg: &str) -> Entry {
    match shipped::find(arg) {
        Some(s) => from_loaded("shipped".into(), load::from_str(s.name, s.source)),
        None => from_loaded(arg.to_string(), scenario_file::load(Path::new(arg))),
    }
}

/// Everything the launcher lists.
pub fn discover(extra: &[PathBuf]) -> Vec<Entry> {
    let mut out: Vec<Entry> = shipped::ALL
        .iter()
        .map(|s| from_loaded("shipped".into(), load::from_str(s.name, s.source)))
        .collect();
    let mut local: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    local.sort();
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
