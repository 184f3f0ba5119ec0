//! Taking over the terminal and giving it back: on exit, on panic, and on
//! the signals that end a program from outside (SIGTERM from `kill` or a
//! service manager, SIGHUP when the terminal or SSH session closes, SIGINT
//! sent by another process; Ctrl-C typed at the keyboard arrives as a key
//! in raw mode).

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, mouse and bracketed paste (pasted text
/// arrives as one `Event::Paste`, never as keys); restored by `restore` and
/// by a panic hook installed here.
pub fn setup() -> io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    // The alternate screen starts blank: no clear (which would query the
    // cursor position) is needed.
    Terminal::new(CrosstermBackend::new(out))
}

/// Give the terminal back as it was: cooked mode, main screen, no mouse
/// reporting, no bracketed paste, cursor shown. Safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// The signals that ask the program to stop, noted as they arrive so the
/// event loop can leave the way `q` does (save, restore the terminal). If
/// the loop has not ended the program a few seconds later (stuck reading a
/// terminal that is gone), the listening thread restores the terminal and
/// exits itself.
#[derive(Clone, Default)]
pub struct Signals {
    got: Arc<AtomicUsize>,
}

/// How long the event loop has to leave after a stop signal.
const GRACE: std::time::Duration = std::time::Duration::from_secs(3);

impl Signals {
    /// Listen for SIGTERM, SIGHUP and SIGINT (Unix; elsewhere, nothing).
    pub fn listen() -> io::Result<Signals> {
        let s = Signals::default();
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let mut incoming = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
            let got = Arc::clone(&s.got);
            std::thread::spawn(move || {
                if let Some(sig) = incoming.forever().next() {
                    got.store(sig as usize, Ordering::SeqCst);
                    std::thread::sleep(GRACE);
                    restore();
                    std::process::exit(128 + sig);
                }
            });
        }
        Ok(s)
    }

    /// The signal received, if one was.
    pub fn received(&self) -> Option<i32> {
        match self.got.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// Its name, for the goodbye line.
    pub fn name(sig: i32) -> &'static str {
        #[cfg(unix)]
        {
            match sig {
                signal_hook::consts::SIGTERM => return "SIGTERM",
                signal_hook::consts::SIGHUP => return "SIGHUP",
                signal_hook::consts::SIGINT => return "SIGINT",
                _ => {}
            }
        }
        let _ = sig;
        "a signal"
    }
}
