//! `demarche report LOG --format md|json|html`

use std::path::PathBuf;
use std::process::ExitCode;

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
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Json,
    Html,
}

pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: reports are not available yet");
    ExitCode::FAILURE
}
