//! `demarche replay LOG`

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::session::log_file;
use crate::text::{clean, clean_line};

pub fn run(path: &Path, as_json: bool) -> ExitCode {
    let (log, notes) = match log_file::read(path) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {}", clean(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    if notes.truncated_tail {
        eprintln!("note: the last line of the log was cut short and was skipped");
    }
    let game = match log.replay() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {}: {}", path.display(), clean(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let f = &game.scenario().file;
    let ending = game.ending().map(|e| &f.endings[e]);
    let hash = format!("{:016x}", game.state_hash());
    if as_json {
        let v = json!({
            "scenario": f.title,
            "seed": log.seed,
            "commands": log.commands.len(),
            "turn": game.turn(),
            "over": game.is_over(),
            "ending": ending.map(|e| e.id.clone()),
            "state_hash": hash,
        });
        println!("{v}");
    } else {
        println!("scenario:   {}", clean_line(&f.title));
        println!("seed:       {}", log.seed);
        println!("commands:   {}", log.commands.len());
        match ending {
            Some(e) => println!("outcome:    {} (turn {})", clean_line(&e.title), game.turn()),
            None => println!("outcome:    in progress, turn {} of {}", game.turn(), f.turns),
        }
        println!("state hash: {hash}");
    }
    ExitCode::SUCCESS
}
