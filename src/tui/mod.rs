//! The terminal game: launcher, briefing, play, resolution and debrief,
//! drawn with ratatui. `app` holds the state, `input` changes it, `screens`
//! draw it; this module runs the loop and does the IO the app asks for.

pub mod app;
pub mod console;
pub mod console_glance;
pub mod dialogs;
pub mod game;
pub mod input;
pub mod keymap;
pub mod keymap_context;
mod keymap_query;
mod launcher_input;
pub mod pause_text;
mod play_input;
pub mod press_dialogs;
pub mod remote;
pub mod remote_link;
pub mod reply_dialog;
pub mod screens;
pub mod statement_dialogs;
pub mod terminal;
pub mod theme;
pub mod white_cell_input;
pub mod white_cell_press;

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use crate::session::save;
use app::{App, Io, Overlay};

/// What wakes the loop of a networked game.
pub enum Input {
    Term(Event),
    Server(Box<crate::net::protocol::ServerMsg>),
    Closed(String),
    /// The terminal is gone (its SSH channel closed): the loop ends.
    Hangup,
    /// What came from one room's connection, in the white cell console
    /// (rooms are counted from 0 in the order of their codes).
    Room(usize, Box<Input>),
}

/// Run a networked game: terminal events and server messages arrive on one
/// channel, so the loop sleeps until something happens.
pub fn run_remote(
    mut app: App,
    rx: std::sync::mpsc::Receiver<Input>,
    tx: std::sync::mpsc::Sender<Input>,
) -> io::Result<()> {
    let signals = terminal::Signals::listen()?;
    let mut term = terminal::setup()?;
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Input::Term(ev)).is_err() {
                return;
            }
        }
    });
    let result = drive_until(&mut app, &mut term, &rx, perform, Some(&signals));
    terminal::restore();
    stopped_by(
        &signals,
        "The game goes on on the server: run the same `demarche join` command to come back.",
    );
    result
}

/// How often the loop looks for a stop signal while it waits for input.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// After the terminal is restored: if a signal stopped the program, say so
/// and exit with the status shells expect (128 + the signal's number).
fn stopped_by(signals: &terminal::Signals, then: &str) {
    if let Some(sig) = signals.received() {
        eprintln!("demarche: stopped by {}. {then}", terminal::Signals::name(sig));
        std::process::exit(128 + sig);
    }
}

/// The loop of a networked game, on any terminal: draw, then wait for a
/// terminal event (keys, mouse, a bracketed paste), a server message or the
/// turn timer's next second, until the player quits or every sender is gone.
/// `host --ssh` runs it on each participant's SSH channel; each caller
/// carries out what the app asks for (`io`) where its player is.
pub fn drive<B>(
    app: &mut App,
    term: &mut ratatui::Terminal<B>,
    rx: &std::sync::mpsc::Receiver<Input>,
    io: fn(&mut App, &[Io]),
) -> io::Result<()>
where
    B: ratatui::backend::Backend<Error = io::Error>,
{
    drive_until(app, term, rx, io, None)
}

/// `drive`, also ending within `SIGNAL_CHECK` of a stop signal (SIGTERM,
/// SIGHUP, SIGINT) noted in `signals`: `demarche join` runs it on the local
/// terminal and restores the terminal after it.
pub fn drive_until<B>(
    app: &mut App,
    term: &mut ratatui::Terminal<B>,
    rx: &std::sync::mpsc::Receiver<Input>,
    io: fn(&mut App, &[Io]),
    signals: Option<&terminal::Signals>,
) -> io::Result<()>
where
    B: ratatui::backend::Backend<Error = io::Error>,
{
    let stopped = || signals.is_some_and(|s| s.received().is_some());
    let mut last_tick = Instant::now();
    loop {
        term.draw(|f| screens::draw(app, f))?;
        if app.quit || stopped() {
            return Ok(());
        }
        let timed = app.ticking();
        // Wait for input, the next second of the clock, or a signal.
        let input = loop {
            if stopped() {
                return Ok(());
            }
            let tick = Duration::from_secs(1).saturating_sub(last_tick.elapsed());
            let wait = match (timed, signals.is_some()) {
                (true, true) => Some(tick.min(SIGNAL_CHECK)),
                (true, false) => Some(tick),
                (false, true) => Some(SIGNAL_CHECK),
                (false, false) => None,
            };
            let got = match wait {
                Some(w) => rx.recv_timeout(w),
                None => rx.recv().map_err(|_| std::sync::mpsc::RecvTimeoutError::Disconnected),
            };
            match got {
                Ok(i) => break Some(i),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => return Ok(()),
            }
            if timed && last_tick.elapsed() >= Duration::from_secs(1) {
                break None;
            }
        };
        match input {
            None => {
                last_tick = Instant::now();
                app.tick();
            }
            Some(Input::Term(Event::Key(k))) => {
                let asked = app.on_key(k);
                io(app, &asked);
                first_save(app);
            }
            Some(Input::Term(Event::Mouse(m))) => app.on_mouse(m),
            Some(Input::Term(Event::Paste(text))) => app.on_paste(&text),
            Some(Input::Term(_)) => {}
            Some(Input::Server(m)) => app.on_server(*m),
            Some(Input::Closed(why)) => app.on_disconnect(why),
            Some(Input::Hangup) => return Ok(()),
            Some(Input::Room(i, input)) => app.on_room(i, *input),
        }
    }
}

/// A game begun at this keyboard is saved at once, so a save that cannot
/// be written is known before anything is played.
fn first_save(app: &mut App) {
    if app
        .game
        .as_ref()
        .is_some_and(|m| m.save_path.is_none() && m.save_error.is_none())
    {
        autosave(app);
    }
}

/// Run the game until the player quits. Ok(false): an unfinished game was
/// left without being saved (the player was told why).
pub fn run(mut app: App) -> io::Result<bool> {
    let signals = terminal::Signals::listen()?;
    let mut term = terminal::setup()?;
    first_save(&mut app);
    let result = event_loop(&mut app, &mut term, &signals);
    if signals.received().is_some() {
        // Leave as `q` would: the game is saved first.
        perform(&mut app, &[Io::Autosave]);
    }
    terminal::restore();
    let saved = match farewell(&app) {
        Some((text, false)) => {
            println!("{text}");
            true
        }
        Some((text, true)) => {
            eprintln!("{text}");
            false
        }
        None => true,
    };
    stopped_by(&signals, "");
    result.map(|()| saved)
}

/// What to tell the player on leaving an unfinished game (and whether it is
/// bad news): saved and where, or not saved and why. Never claims a save
/// that failed.
pub fn farewell(app: &App) -> Option<(String, bool)> {
    let m = app.game.as_ref().filter(|m| !m.game.is_over())?;
    Some(match (&m.save_error, &m.save_path) {
        (None, Some(p)) => (
            format!(
                "The game is saved: `demarche play --resume` continues it ({}).",
                p.display()
            ),
            false,
        ),
        (Some(e), _) => (format!("The game is NOT saved: {e}."), true),
        (None, None) => ("The game was not saved.".into(), true),
    })
}

/// Save the game at this keyboard to its file. A failure is shown at once
/// (a dialog the first time, then the status line), naming the file.
fn autosave(app: &mut App) {
    let Some(m) = app.game.as_mut() else { return };
    let path = m
        .save_path
        .get_or_insert_with(|| save::fresh_path(&save::dir(), &m.game.scenario().file.title, m.game.state().seed))
        .clone();
    match save::write(&path, &m.log, &m.setup()) {
        Ok(()) => {
            if m.save_error.take().is_some() {
                app.set_status(format!("The game is saved again ({})", path.display()), false);
            }
        }
        Err(e) => {
            let first = m.save_error.is_none();
            let msg = e.to_string();
            m.save_error = Some(msg.clone());
            app.set_status(format!("Not saved: {msg}"), true);
            if first {
                app.overlay = Some(Overlay::Message {
                    title: "The game was not saved".into(),
                    text: format!(
                        "{msg}.\n\nYou can play on: the game tries again at every end of turn and when you quit. Until a save succeeds, quitting loses the game."
                    ),
                });
            }
        }
    }
}

fn event_loop(app: &mut App, term: &mut terminal::Term, signals: &terminal::Signals) -> io::Result<()> {
    let exit_after_first = std::env::var_os("DEMARCHE_EXIT_AFTER_FIRST_FRAME").is_some();
    let mut last_tick = Instant::now();
    loop {
        term.draw(|f| screens::draw(app, f))?;
        if exit_after_first || app.quit || signals.received().is_some() {
            return Ok(());
        }
        let timed = app.desk().is_some_and(|d| d.time_left.is_some());
        // Wait for input, the next second of the clock, or a signal.
        let ev = loop {
            if signals.received().is_some() {
                return Ok(());
            }
            let wait = Duration::from_secs(1).saturating_sub(last_tick.elapsed());
            let wait = if timed { wait.min(SIGNAL_CHECK) } else { SIGNAL_CHECK };
            if event::poll(wait)? {
                break Some(event::read()?);
            }
            if timed && last_tick.elapsed() >= Duration::from_secs(1) {
                break None;
            }
        };
        let io = match ev {
            None => {
                last_tick = Instant::now();
                app.tick()
            }
            Some(Event::Key(k)) => app.on_key(k),
            Some(Event::Mouse(m)) => {
                app.on_mouse(m);
                Vec::new()
            }
            Some(Event::Paste(text)) => {
                app.on_paste(&text);
                Vec::new()
            }
            Some(Event::Resize(..)) => Vec::new(),
            Some(_) => continue,
        };
        perform(app, &io);
    }
}

/// Carry out what the app asked for.
pub fn perform(app: &mut App, io: &[Io]) {
    if let Some(room) = app.open_room_mut() {
        return perform(room, io);
    }
    for r in io {
        match r {
            Io::Autosave => autosave(app),
            Io::Export => match export(app, Path::new(".")) {
                Ok(paths) => {
                    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                    app.set_status(format!("Report written: {}", list.join(", ")), false);
                }
                Err(e) => app.set_status(format!("Could not write the report: {e}"), true),
            },
        }
    }
}

/// Write the after-action report into `dir`: Markdown and HTML for a game
/// played here; the debrief as JSON for a networked one (the host writes the
/// full report with `demarche report` from the room's log).
pub fn export(app: &App, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let (d, outputs) = match (&app.game, &app.debrief) {
        (Some(m), _) => {
            let report = crate::session::report::Report::new(&m.game, "this game");
            let d = report.debrief.clone();
            (d, vec![("md", report.to_markdown()), ("html", report.to_html())])
        }
        (None, Some(d)) => (
            d.clone(),
            vec![("json", serde_json::to_string_pretty(d).unwrap_or_default())],
        ),
        (None, None) => return Ok(Vec::new()),
    };
    let name: String = d
        .scenario
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = format!("demarche-{}-{}", name.trim_matches('-'), d.seed);
    let mut written = Vec::new();
    for (ext, text) in outputs {
        let p = dir.join(format!("{stem}.{ext}"));
        std::fs::write(&p, text)?;
        written.push(p);
    }
    Ok(written)
}
