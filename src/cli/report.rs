//! `demarche report LOG --format md|json|html`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::session::report::Report;
use crate::text::clean;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A game log or autosave written by demarche.
    #[arg(value_name = "LOG")]
    pub log: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: Format,
    /// Where to write it (default: next to the log, or `-` for stdout).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Show only this actor's correspondence (id or name): the messages it
    /// wrote or received, public statements, and its deals.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Json,
    Html,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// The log's path with the format's extension, never the log itself.
fn default_output(log: &Path, format: Format) -> PathBuf {
    let ext = format.extension();
    let out = log.with_extension(ext);
    if out == log {
        let stem = log
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        log.with_file_name(format!("{stem}.report.{ext}"))
    } else {
        out
    }
}

pub fn run(args: &Args) -> ExitCode {
    let (mut report, warnings) = match Report::from_log(&args.log) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {}", clean(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    for w in warnings {
        eprintln!("note: {}", clean(&w));
    }
    if let Some(actor) = &args.actor {
        if let Err(e) = report.correspondence_of(actor) {
            eprintln!("error: {}", clean(&e));
            return ExitCode::FAILURE;
        }
    }
    let text = match args.format {
        Format::Md => report.to_markdown(),
        Format::Json => report.to_json(),
        Format::Html => report.to_html(),
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.log, args.format));
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            eprintln!("error: cannot write the report: {e}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    if out == args.log {
        eprintln!("error: {} is the log itself; choose another --output", out.display());
        return ExitCode::FAILURE;
    }
    if crate::session::log_file::is_game_log(&out) {
        eprintln!(
            "error: {} holds a game log; nothing was written. Choose another --output",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&out, text) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", out.display());
    ExitCode::SUCCESS
}
