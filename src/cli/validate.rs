//! `demarche validate FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::scenario::diagnostic::render;
use crate::session::scenario_file;
use crate::text::clean_line;

pub fn run(files: &[PathBuf], color: bool) -> ExitCode {
    let mut failed = false;
    for path in files {
        let loaded = scenario_file::load(path);
        let shown = path.display().to_string();
        print!("{}", render(&shown, &loaded.source, &loaded.diagnostics, color));
        let (e, w) = (loaded.errors(), loaded.warnings());
        if e > 0 {
            failed = true;
            println!("{shown}: {e} error(s), {w} warning(s)");
        } else if let Some(s) = &loaded.scenario {
            println!(
                "{shown}: ok: \"{}\", {} actors, {} turns, {} injects, {} actions, {} endings{}",
                clean_line(&s.file.title),
                s.file.actors.len(),
                s.file.turns,
                s.file.injects.len(),
                s.file.actions.len(),
                s.file.endings.len(),
                if w > 0 {
                    format!(" ({w} warning(s))")
                } else {
                    String::new()
                }
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
