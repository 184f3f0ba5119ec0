//! The terminal game: launcher, briefing, play, resolution and debrief,
//! drawn with ratatui. `app` holds the state, `input` changes it, `screens`
//! draw it; this module runs the loop and does the IO the app asks for.

pub mod app;
pub mod dialogs;
pub mod game;
pub mod input;
pub mod keymap;
mod play_input;
pub mod screens;
pub mod terminal;
pub mod theme;

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use crate::engine::debrief::Debrief;
use crate::session::{log_file, paths};
use app::{App, Io};

/// Run the game until the player quits.
pub fn run(mut app: App) -> io::Result<()> {
    let mut term = terminal::setup()?;
    let result = event_loop(&mut app, &mut term);
    terminal::restore();
    if let Some(path) = saved_path(&app) {
        println!(
            "The game is saved: `demarche play --resume` continues it ({}).",
            path.display()
        );
    }
    result
}

fn saved_path(app: &App) -> Option<PathBuf> {
    app.game_in_progress().then(paths::autosave)
}

fn event_loop(app: &mut App, term: &mut terminal::Term) -> io::Result<()> {
    let exit_after_first = std::env::var_os("DEMARCHE_EXIT_AFTER_FIRST_FRAME").is_some();
    let mut last_tick = Instant::now();
    loop {
        term.draw(|f| screens::draw(app, f))?;
        if exit_after_first || app.quit {
            return Ok(());
        }
        let timed = app.game.as_ref().is_some_and(|m| m.time_left.is_some());
        let ev = if timed {
            let wait = Duration::from_secs(1).saturating_sub(last_tick.elapsed());
            if event::poll(wait)? {
                Some(event::read()?)
            } else {
                None
            }
        } else {
            Some(event::read()?)
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
            Some(Event::Resize(..)) => Vec::new(),
            Some(_) => continue,
        };
        perform(app, &io);
    }
}

/// Carry out what the app asked for.
pub fn perform(app: &mut App, io: &[Io]) {
    for r in io {
        match r {
            Io::Autosave => {
                if let Some(m) = &app.game {
                    if let Err(e) = log_file::write_with_setup(&paths::autosave(), &m.log, Some(&m.setup())) {
                        app.set_status(format!("Could not save the game: {e}"), true);
                    }
                }
            }
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

/// Write the debrief as Markdown and HTML into `dir`.
pub fn export(app: &App, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let Some(m) = &app.game else {
        return Ok(Vec::new());
    };
    let d = Debrief::new(&m.game);
    let stem = format!("demarche-{}-{}", m.game.scenario().name, m.game.state().seed);
    let mut written = Vec::new();
    let json = serde_json::to_string_pretty(&d).unwrap_or_default();
    let outputs = vec![("json", json)];
    for (ext, text) in outputs {
        let p = dir.join(format!("{stem}.{ext}"));
        std::fs::write(&p, text)?;
        written.push(p);
    }
    Ok(written)
}
