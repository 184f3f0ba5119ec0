//! Reading scenario files from disk, with the same diagnostics as text.

use std::io::Read;
use std::path::Path;

use crate::scenario::load::{self, Loaded, MAX_SIZE};
use crate::scenario::Diagnostic;

/// Load a scenario file. Never panics: unreadable, huge or binary files
/// come back as diagnostics.
pub fn load(path: &Path) -> Loaded {
    let name = path
        .file_stem()
        .map_or_else(|| "scenario".to_string(), |s| s.to_string_lossy().into_owned());
    let fail = |d: Diagnostic| Loaded {
        scenario: None,
        diagnostics: vec![d],
        source: String::new(),
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return fail(Diagnostic::error("this is a directory", "a scenario file (.ron)")),
        Ok(m) if m.len() > MAX_SIZE as u64 => {
            return fail(Diagnostic::error(
                format!("the file is {} bytes, too large for a scenario", m.len()),
                format!("a scenario under {} MiB", MAX_SIZE / (1024 * 1024)),
            ))
        }
        Err(e) => {
            return fail(Diagnostic::error(
                format!("cannot read the file: {e}"),
                "an existing, readable scenario file",
            ))
        }
        Ok(_) => {}
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_SIZE as u64 + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) => load::from_bytes(&name, &bytes),
        Err(e) => fail(Diagnostic::error(
            format!("cannot read the file: {e}"),
            "a readable scenario file",
        )),
    }
}
