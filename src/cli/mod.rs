//! The command line: argument parsing and dispatch.

mod play;
mod replay;
mod report;
mod simulate;
pub use simulate::load_scenario;
mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "demarche",
    version,
    about = "Cyber-diplomacy tabletop exercises in the terminal",
    long_about = "demarche runs cyber-diplomacy crisis exercises: states, companies and CERTs \
                  weigh evidence, choose responses that can escalate, and build trust through \
                  confidence-building measures. Scenarios are RON files trainers write."
)]
pub struct Cli {
    /// Never use colour (also honoured: the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Commands>,
}

#[derive(Subcommand, Debug)]
pub enum Commands {
    /// Play in the terminal, alone against bots or hot-seat (the default).
    // Two forms: a new game, or the last unfinished one (which takes no
    // option of a new game).
    #[command(override_usage = "demarche play [OPTIONS] [SCENARIO]\n       demarche play --resume [--theme <FILE>]")]
    Play(play::Args),
    /// Check scenario files and report every problem with its line and column.
    Validate {
        /// Scenario files (.ron).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Play many bot games headless and summarise how they end.
    Simulate(simulate::Args),
    /// Host a workshop: rooms, join codes, a handout, and the server.
    #[cfg(feature = "net")]
    Host(crate::net::host::Args),
    /// Join a hosted game with your code.
    #[cfg(feature = "net")]
    Join(crate::net::client::Args),
    /// Write the after-action report of a finished or saved game.
    Report(report::Args),
    /// Re-run a game log and print its final state hash and outcome.
    Replay {
        /// A game log written by demarche.
        #[arg(value_name = "LOG")]
        log: PathBuf,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Whether to colour output written to stderr/stdout.
pub fn use_color(no_color: bool, terminal: bool) -> bool {
    !no_color && terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Let a closed pipe end the program as it ends any Unix tool: quietly, by
/// SIGPIPE (a shell reports 141). Rust ignores SIGPIPE, so that every later
/// `println!` would panic with "Broken pipe" instead. Only for the commands
/// that print their result and end; the server, `join` and `play` keep
/// ignoring it so that a closed terminal never stops a game.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: sets a signal's disposition back to its default at start-up,
    // before any other thread exists; no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if matches!(
        cli.command,
        Some(Commands::Validate { .. } | Commands::Simulate(_) | Commands::Replay { .. } | Commands::Report(_))
    ) {
        end_quietly_on_closed_pipe();
    }
    let color = use_color(cli.no_color, std::io::stdout().is_terminal());
    match cli.command {
        None => play::run(&play::Args::default(), cli.no_color),
        Some(Commands::Play(args)) => play::run(&args, cli.no_color),
        Some(Commands::Validate { files }) => validate::run(&files, color),
        Some(Commands::Simulate(args)) => simulate::run(&args),
        Some(Commands::Replay { log, json }) => replay::run(&log, json),
        Some(Commands::Report(args)) => report::run(&args),
        #[cfg(feature = "net")]
        Some(Commands::Host(args)) => crate::net::host::run(&args),
        #[cfg(feature = "net")]
        Some(Commands::Join(args)) => crate::net::client::run(&args, cli.no_color),
    }
}
