//! Files only their owner may read: the handout and room logs hold join
//! codes, and a code lets its holder act as a seat.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Create `path` afresh (replacing any file there) readable and writable by
/// its owner only: mode 0600 on unix, set by the `open` call itself so the
/// file is never readable by others, not even for a moment. Elsewhere the
/// platform's default applies.
///
/// Errors: the file cannot be removed or created (no directory, no right to
/// write, disk full).
pub fn create(path: &Path) -> io::Result<File> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Write `contents` to a new owner-only file at `path` (see [`create`]) and
/// flush it to disk.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = create(path)?;
    f.write_all(contents)?;
    f.sync_all()
}
