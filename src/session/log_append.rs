//! Appending to a hosted room's log so that an acknowledgement means the
//! bytes are on disk. Lines are gathered, then written and synced in one
//! batch; if the write or the sync fails (a full disk), the file is cut
//! back to its last whole record, so the next batch, once there is space
//! again, starts on a clean line. The file is never rewritten.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

/// Where a log's bytes go: a file, or in tests a store that fails on cue.
pub trait LogStore: Send + Sync {
    /// Write all of `bytes` at byte `offset`.
    fn write_at(&self, offset: u64, bytes: &[u8]) -> io::Result<()>;
    /// Force what was written to the disk (`fdatasync`).
    fn sync(&self) -> io::Result<()>;
    /// Cut the store back to `len` bytes.
    fn truncate(&self, len: u64) -> io::Result<()>;
}

impl LogStore for File {
    fn write_at(&self, offset: u64, bytes: &[u8]) -> io::Result<()> {
        let mut f = self;
        f.seek(SeekFrom::Start(offset))?;
        f.write_all(bytes)
    }
    fn sync(&self) -> io::Result<()> {
        self.sync_data()
    }
    fn truncate(&self, len: u64) -> io::Result<()> {
        self.set_len(len)
    }
}

/// Lines waiting to be written to a log, and where its whole records end.
pub struct LogAppender {
    store: Arc<dyn LogStore>,
    pending: Vec<u8>,
    /// End of the last whole record known to be on disk.
    end: u64,
    /// A batch failed: the store may hold a partial line past `end`.
    cut: bool,
}

/// Lock `file` for this appender. The error says the log is in use; the
/// caller names the file.
fn locked(file: &File) -> io::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::ResourceBusy,
            "in use by another demarche host: stop that host first",
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Whether a running host is writing the log at `path` (it holds the
/// file's lock). A file that cannot be opened is not in use.
pub fn in_use(path: &Path) -> bool {
    let Ok(file) = File::open(path) else { return false };
    matches!(file.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock))
}

impl LogAppender {
    /// Start a new log at `path` (which must not exist) with its header
    /// line, synced. The file stays locked while the appender lives, so a
    /// second server cannot write to it. A room's log holds its join codes,
    /// so the file is readable by its owner only (mode 0600 on unix, set
    /// as it is created).
    pub fn create(path: &Path, header: &str) -> io::Result<LogAppender> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut o = OpenOptions::new();
        o.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let file = o.open(path)?;
        locked(&file)?;
        let mut line = header.as_bytes().to_vec();
        line.push(b'\n');
        if let Err(e) = file.write_at(0, &line).and_then(|()| file.sync_data()) {
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        Ok(LogAppender::with_store(Arc::new(file), line.len() as u64))
    }

    /// Go on appending to an existing log whose whole records end at
    /// `whole_len` (from `log_file::read`): a torn last line is cut off,
    /// and a last record without its newline gets one. A log written
    /// readable by others (by an earlier version) is made owner-only.
    pub fn open(path: &Path, whole_len: u64) -> io::Result<LogAppender> {
        let mut file = OpenOptions::new().read(true).write(true).open(path)?;
        locked(&file)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if file.metadata()?.permissions().mode() & 0o077 != 0 {
                file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            }
        }
        let mut end = whole_len.min(file.metadata()?.len());
        if end > 0 {
            let mut last = [0u8];
            file.seek(SeekFrom::Start(end - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_at(end, b"\n")?;
                end += 1;
            }
        }
        file.set_len(end)?;
        file.sync_data()?;
        Ok(LogAppender::with_store(Arc::new(file), end))
    }

    /// Append to any store whose whole records end at `end`.
    pub fn with_store(store: Arc<dyn LogStore>, end: u64) -> LogAppender {
        LogAppender {
            store,
            pending: Vec::new(),
            end,
            cut: false,
        }
    }

    /// Add one line (a JSON value). It reaches the disk with the next batch.
    pub fn add<T: Serialize>(&mut self, line: &T) -> io::Result<()> {
        let start = self.pending.len();
        if let Err(e) = serde_json::to_writer(&mut self.pending, line) {
            self.pending.truncate(start);
            return Err(e.into());
        }
        self.pending.push(b'\n');
        Ok(())
    }

    /// Whether lines are waiting for a batch.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The lines added since the last batch, to write and sync (off the
    /// room's thread if need be) with `Batch::commit`.
    pub fn take_batch(&mut self) -> Option<Batch> {
        if self.pending.is_empty() {
            return None;
        }
        Some(Batch {
            store: Arc::clone(&self.store),
            bytes: std::mem::take(&mut self.pending),
            from: self.end,
            cut: self.cut,
        })
    }

    /// Record how a batch ended: on success the log's whole records now end
    /// at the returned length; on failure nothing of it counts.
    pub fn settle(&mut self, result: &io::Result<u64>) {
        match result {
            Ok(end) => {
                self.end = *end;
                self.cut = false;
            }
            Err(_) => self.cut = true,
        }
    }

    /// Forget lines added since the last batch (they were rolled back).
    pub fn discard_pending(&mut self) {
        self.pending.clear();
    }
}

/// Lines on their way to disk.
pub struct Batch {
    store: Arc<dyn LogStore>,
    bytes: Vec<u8>,
    from: u64,
    cut: bool,
}

impl Batch {
    /// Write the lines after the last whole record and sync them. On
    /// failure the store is cut back to that record, so whatever fitted is
    /// never built upon. Returns the new end of the log.
    pub fn commit(self) -> io::Result<u64> {
        let result = (|| {
            if self.cut {
                self.store.truncate(self.from)?;
            }
            self.store.write_at(self.from, &self.bytes)?;
            self.store.sync()
        })();
        match result {
            Ok(()) => Ok(self.from + self.bytes.len() as u64),
            Err(e) => {
                // Best effort: if this fails too, the next batch cuts first.
                let _ = self.store.truncate(self.from).and_then(|()| self.store.sync());
                Err(e)
            }
        }
    }
}
