//! The participant's screen: a ratatui backend that writes into the SSH
//! channel. Crossterm writes the escape sequences; the bytes of one frame
//! (ratatui sends only the cells that changed) go out as one message when
//! the frame is flushed. The size is the one the participant's `ssh` last
//! reported, never the server's own terminal.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Position, Size};
use tokio::sync::mpsc;

/// Largest screen drawn, in columns and rows: a client claiming a larger
/// window gets this much (the screen's buffers grow with its area).
pub const MAX_COLS: u16 = 400;
pub const MAX_ROWS: u16 = 200;

/// The participant's window size, columns and rows packed in one word so
/// the SSH side can change it while the game reads it.
#[derive(Clone, Default)]
pub struct WindowArea(Arc<AtomicU32>);

impl WindowArea {
    /// Record a size from a pty or window-change request, in character
    /// cells; 0 means unknown (80x24) and sizes are capped at
    /// `MAX_COLS` x `MAX_ROWS`.
    pub fn set(&self, cols: u32, rows: u32) -> (u16, u16) {
        let clamp = |v: u32, unknown: u16, max: u16| {
            if v == 0 {
                unknown
            } else {
                v.min(u32::from(max)) as u16
            }
        };
        let (c, r) = (clamp(cols, 80, MAX_COLS), clamp(rows, 24, MAX_ROWS));
        self.0.store((u32::from(c) << 16) | u32::from(r), Ordering::Relaxed);
        (c, r)
    }

    pub fn get(&self) -> Size {
        let v = self.0.load(Ordering::Relaxed);
        Size {
            width: ((v >> 16) as u16).max(1),
            height: ((v & 0xffff) as u16).max(1),
        }
    }
}

/// Bytes for the channel, gathered until a frame is complete: crossterm
/// writes into one end, the backend sends from the other.
pub struct ChannelOut {
    pending: Arc<Mutex<Vec<u8>>>,
}

impl Write for ChannelOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        lock(&self.pending).extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Crossterm flushes after each command; the frame goes out whole
    /// when the backend sends it.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn lock(m: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The sending end: frames go to a task that writes them into the
/// channel; a full queue (a participant not reading) makes the game wait.
pub struct Frames {
    pending: Arc<Mutex<Vec<u8>>>,
    tx: mpsc::Sender<Vec<u8>>,
}

impl Frames {
    pub fn new(tx: mpsc::Sender<Vec<u8>>) -> Frames {
        Frames {
            pending: Arc::default(),
            tx,
        }
    }

    /// Send what has been written since the last send. Errors: the channel
    /// is closed.
    fn send(&self) -> io::Result<()> {
        let frame = std::mem::take(&mut *lock(&self.pending));
        if frame.is_empty() {
            return Ok(());
        }
        self.tx
            .blocking_send(frame)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the SSH channel is closed"))
    }

    fn write(&self, bytes: &[u8]) {
        lock(&self.pending).extend_from_slice(bytes);
    }
}

/// Crossterm's backend on the channel, with the participant's size.
pub struct SshBackend {
    inner: CrosstermBackend<ChannelOut>,
    frames: Frames,
    area: WindowArea,
    cursor: Position,
}

impl SshBackend {
    pub fn new(frames: Frames, area: WindowArea) -> SshBackend {
        let out = ChannelOut {
            pending: Arc::clone(&frames.pending),
        };
        SshBackend {
            inner: CrosstermBackend::new(out),
            frames,
            area,
            cursor: Position::ORIGIN,
        }
    }

    /// Take over the participant's terminal: alternate screen, mouse
    /// reports and bracketed paste (the client's `ssh` has already put its
    /// own terminal in raw mode).
    pub fn enter(&mut self) -> io::Result<()> {
        let mut w = ChannelOut {
            pending: Arc::clone(&self.frames.pending),
        };
        queue!(
            w,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        self.frames.send()
    }

    /// Give the terminal back as it was: main screen, no mouse reports or
    /// bracketed paste, cursor shown.
    pub fn leave(&mut self) -> io::Result<()> {
        let mut w = ChannelOut {
            pending: Arc::clone(&self.frames.pending),
        };
        queue!(
            w,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        )?;
        self.frames.send()
    }

    /// A line on the participant's own screen, after `leave`.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        self.frames.write(text.as_bytes());
        self.frames.send()
    }
}

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// Where the cursor was last put: the remote terminal is never asked.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.area.get())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.area.get(),
            pixels: Size::default(),
        })
    }

    /// The end of a frame: it goes out as one message.
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)?;
        self.frames.send()
    }
}
