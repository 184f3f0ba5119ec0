//! Reading scenario files from disk, with the same diagnostics as text.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

use crate::scenario::load::{self, Loaded, MAX_SIZE};
use crate::scenario::Diagnostic;

/// Load a scenario file. Never panics and never waits: unreadable, huge or
/// binary files come back as diagnostics, and anything that is not a
/// regular file (a directory, a named pipe, a device, a socket) is refused
/// before a byte is read from it.
pub fn load(path: &Path) -> Loaded {
    let name = path
        .file_stem()
        .map_or_else(|| "scenario".to_string(), |s| s.to_string_lossy().into_owned());
    let fail = |d: Diagnostic| Loaded {
        scenario: None,
        diagnostics: vec![d],
        source: String::new(),
    };
    let cannot = |e: std::io::Error| {
        fail(Diagnostic::error(
            format!("cannot read the file: {e}"),
            "an existing, readable scenario file",
        ))
    };
    // Opening a named pipe for reading would wait for a writer: open without
    // waiting, then look at what was opened.
    let file = match open_without_waiting(path) {
        Ok(f) => f,
        Err(e) => return cannot(e),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return cannot(e),
    };
    if let Some(kind) = not_a_file(&meta) {
        return fail(Diagnostic::error(
            format!("this is {kind}, not a scenario file"),
            "a scenario file (.ron)",
        ));
    }
    if meta.len() > MAX_SIZE as u64 {
        return fail(Diagnostic::error(
            format!("the file is {} bytes, too large for a scenario", meta.len()),
            format!("a scenario under {} MiB", MAX_SIZE / (1024 * 1024)),
        ));
    }
    let mut bytes = Vec::new();
    match file.take(MAX_SIZE as u64 + 1).read_to_end(&mut bytes) {
        Ok(_) => load::from_bytes(&name, &bytes),
        Err(e) => fail(Diagnostic::error(
            format!("cannot read the file: {e}"),
            "a readable scenario file",
        )),
    }
}

/// Open for reading; on unix with `O_NONBLOCK`, so that a named pipe with
/// no writer does not block the open.
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// What a path is, in words, when it is not a regular file.
fn not_a_file(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}
