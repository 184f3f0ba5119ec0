//! The `demarche` binary run as a user would, from the crate's root with
//! colour off, and a bot game logged to a temporary folder. Used with
//! `#[path = "common/cli.rs"] mod cli;`.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_demarche");
/// The small test scenario, relative to the crate's root.
pub const SMALL: &str = "tests/fixtures/small.ron";

/// Run `demarche ARGS` to its end: its exit code, stdout and stderr.
/// Panics if it was ended by a signal.
pub fn demarche<I, S>(args: I) -> (i32, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let o: Output = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run demarche");
    (
        o.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `simulate SCENARIO --games 1 --seed SEED --log LOG`: exit code,
/// stdout and stderr.
pub fn simulate_log(scenario: &Path, seed: &str, log: &Path) -> (i32, String, String) {
    demarche([
        OsStr::new("simulate"),
        scenario.as_os_str(),
        OsStr::new("--games"),
        OsStr::new("1"),
        OsStr::new("--seed"),
        OsStr::new(seed),
        OsStr::new("--log"),
        log.as_os_str(),
    ])
}

/// `simulate SCENARIO --games 1 --seed 5 --log DIR/game.log`, which must
/// succeed: the log's path and what simulate wrote on stderr.
pub fn logged_game(scenario: &Path, dir: &Path) -> (PathBuf, String) {
    let log = dir.join("game.log");
    let (code, stdout, stderr) = simulate_log(scenario, "5", &log);
    assert_eq!(code, 0, "simulate failed: {stdout}{stderr}");
    (log, stderr)
}
