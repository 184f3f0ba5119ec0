//! `demarche simulate --log` and `demarche replay` run as a user would:
//! a logged game replays to the same state hash, damaged logs are handled,
//! and a simulation batch does not depend on the number of threads.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;

use cli::{demarche, SMALL};

/// `simulate small.ron --games 1 --seed 5 --log DIR/game.log`: the log's
/// path and the state hash simulate announced on stderr.
fn logged_game(dir: &Path) -> (PathBuf, String) {
    let (log, stderr) = cli::logged_game(Path::new(SMALL), dir);
    assert!(log.is_file(), "no log written; stderr: {stderr}");
    assert!(!dir.join("game.tmp").exists(), "temporary file left behind");
    let hash = stderr
        .split_once("(state hash ")
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(h, _)| h.to_string())
        .unwrap_or_else(|| panic!("no `(state hash ...)` on stderr: {stderr}"));
    assert_eq!(hash.len(), 16, "{hash}");
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{hash}");
    (log, hash)
}

fn replay(log: &Path, json: bool) -> (i32, String, String) {
    let mut args = vec![OsStr::new("replay"), log.as_os_str()];
    if json {
        args.push(OsStr::new("--json"));
    }
    demarche(args)
}

fn field<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no `{name}` line in {stdout}"))
}

#[test]
fn replay_gives_the_hash_simulate_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (log, hash) = logged_game(dir.path());
    let lines = std::fs::read_to_string(&log).unwrap().lines().count();

    let (code, stdout, stderr) = replay(&log, false);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, "", "no notes for an intact log");
    assert_eq!(field(&stdout, "state hash:"), hash, "{stdout}");
    assert_eq!(field(&stdout, "scenario:"), "Test: registry hijack");
    assert_eq!(field(&stdout, "commands:"), (lines - 1).to_string(), "{stdout}");
    assert!(field(&stdout, "outcome:").contains("(turn "), "{stdout}");

    // Replaying twice gives the same answer.
    let (_, again, _) = replay(&log, false);
    assert_eq!(again, stdout);
}

#[test]
fn same_seed_gives_the_same_log() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (log_a, hash_a) = logged_game(a.path());
    let (log_b, hash_b) = logged_game(b.path());
    assert_eq!(hash_a, hash_b);
    assert_eq!(std::fs::read(log_a).unwrap(), std::fs::read(log_b).unwrap());
}

#[test]
fn replay_json() {
    let dir = tempfile::tempdir().unwrap();
    let (log, hash) = logged_game(dir.path());
    let text = std::fs::read_to_string(&log).unwrap();
    let header: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();

    let (code, stdout, stderr) = replay(&log, true);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 1, "one JSON object on one line: {stdout}");
    let v: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["state_hash"], hash.as_str(), "{v}");
    assert_eq!(v["scenario"], "Test: registry hijack");
    assert_eq!(v["seed"], header["seed"]);
    assert_eq!(v["commands"], text.lines().count() as u64 - 1);
    // A simulated game is played to its end.
    assert_eq!(v["over"], true, "{v}");
    let ending = v["ending"].as_str().expect("an ending id");
    assert!(["war", "fixed", "time"].contains(&ending), "{v}");
    let turn = v["turn"].as_u64().expect("a turn");
    assert!((1..=6).contains(&turn), "{v}");

    // The text and JSON forms agree.
    let (_, plain, _) = replay(&log, false);
    assert_eq!(field(&plain, "seed:"), v["seed"].to_string());
    assert!(
        field(&plain, "outcome:").ends_with(&format!("(turn {turn})")),
        "{plain}"
    );
}

#[test]
fn a_log_whose_last_line_is_cut_short_still_replays() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = logged_game(dir.path());
    let text = std::fs::read_to_string(&log).unwrap();
    let total = text.lines().count() - 1;
    assert!(total >= 2, "the game has commands: {text}");
    // Drop the newline and the second half of the last command.
    let body = text.trim_end_matches('\n');
    let last_start = body.rfind('\n').unwrap() + 1;
    let cut = last_start + (body.len() - last_start) / 2;
    let cut_path = dir.path().join("cut.log");
    std::fs::write(&cut_path, &body[..cut]).unwrap();

    let (code, stdout, stderr) = replay(&cut_path, false);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("note: the last line of the log was cut short and was skipped"),
        "{stderr}"
    );
    assert_eq!(field(&stdout, "commands:"), (total - 1).to_string(), "{stdout}");

    // The result is the game with every whole line: the same as a log
    // that ends cleanly before the damaged line.
    let whole_path = dir.path().join("whole.log");
    std::fs::write(&whole_path, &body[..last_start]).unwrap();
    let (code, whole, whole_err) = replay(&whole_path, false);
    assert_eq!(code, 0, "{whole}{whole_err}");
    assert_eq!(whole_err, "");
    assert_eq!(field(&stdout, "state hash:"), field(&whole, "state hash:"));

    // With --json, stdout stays pure JSON; the note goes to stderr.
    let (code, stdout, stderr) = replay(&cut_path, true);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["commands"], (total - 1) as u64);
    assert!(stderr.contains("note:"), "{stderr}");
}

#[test]
fn a_garbage_log_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.log");
    let shown = path.display().to_string();

    std::fs::write(&path, b"\x00\xffnot a log at all\n{{{\n").unwrap();
    let (code, stdout, stderr) = replay(&path, false);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!("error: {shown}:1: not a demarche game log header")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The same with --json: nothing on stdout.
    let (code, stdout, _) = replay(&path, true);
    assert_eq!((code, stdout.as_str()), (1, ""));

    // A JSON file that is not a log.
    std::fs::write(&path, b"{\"hello\": \"world\"}\n").unwrap();
    let (code, _, stderr) = replay(&path, false);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("{shown}:1: not a demarche game log header")),
        "{stderr}"
    );

    // An empty file.
    std::fs::write(&path, b"").unwrap();
    let (code, _, stderr) = replay(&path, false);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("{shown}:1: the file is empty: expected a demarche game log")),
        "{stderr}"
    );

    // No such file.
    let missing = dir.path().join("missing.log");
    let (code, _, stderr) = replay(&missing, false);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!("error: cannot read {}:", missing.display())),
        "{stderr}"
    );
}

#[test]
fn damage_inside_a_log_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = logged_game(dir.path());
    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "{\"actor\": \"north\", \"command\": ";
    let path = dir.path().join("damaged.log");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, stdout, stderr) = replay(&path, false);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!("{}:3: not a command", path.display())),
        "{stderr}"
    );
}

#[test]
fn a_log_the_engine_refuses_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = logged_game(dir.path());
    let text = std::fs::read_to_string(&log).unwrap();
    let shown_dir = dir.path();

    // A command by an actor the scenario does not have.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines.insert(1, r#"{"actor":"nobody","command":{"type":"commit"}}"#.to_string());
    let path = shown_dir.join("stranger.log");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, stdout, stderr) = replay(&path, false);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: {}: command 0 (nobody) was refused on replay",
            path.display()
        )),
        "{stderr}"
    );

    // A log from a future version.
    let mut header: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    header["demarche_log"] = 99.into();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[0] = header.to_string();
    let path = shown_dir.join("future.log");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, _, stderr) = replay(&path, false);
    assert_eq!(code, 1);
    assert!(stderr.contains("this log is version 99"), "{stderr}");

    // A scenario inside the log that no longer loads.
    let mut header: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    header["scenario"] = "Scenario(".into();
    lines[0] = header.to_string();
    let path = shown_dir.join("broken-scenario.log");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, _, stderr) = replay(&path, false);
    assert_eq!(code, 1);
    assert!(stderr.contains("the scenario inside the log does not load"), "{stderr}");
}

/// `simulate --json` as a JSON value, without the fields that measure the
/// machine rather than the games.
fn simulate_json(threads: &str) -> Value {
    let (code, stdout, stderr) = demarche([
        "simulate",
        SMALL,
        "--games",
        "300",
        "--seed",
        "11",
        "--json",
        "--threads",
        threads,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let mut v: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["threads"], threads.parse::<u64>().unwrap(), "{v}");
    assert!(v["games_per_second"].as_f64().is_some_and(|g| g > 0.0), "{v}");
    let o = v.as_object_mut().unwrap();
    o.remove("threads");
    o.remove("games_per_second");
    v
}

#[test]
fn simulation_does_not_depend_on_the_thread_count() {
    let one = simulate_json("1");
    let two = simulate_json("2");
    assert_eq!(one, two);
    assert_eq!(one["games"], 300);
    assert_eq!(one["seed"], 11);
    let ended: u64 = one["endings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["games"].as_u64().unwrap())
        .sum();
    assert_eq!(ended, 300, "every game ends exactly once: {one}");
    // More threads than games per thread, too.
    assert_eq!(simulate_json("7"), one);
}

#[test]
fn a_game_log_is_never_written_over_by_simulate_or_report() {
    let dir = tempfile::tempdir().unwrap();
    let (log, _) = logged_game(dir.path());
    let before = std::fs::read(&log).unwrap();
    let (code, _, stderr) = cli::simulate_log(Path::new(SMALL), "6", &log);
    assert_ne!(code, 0);
    assert!(stderr.contains("holds a game log"), "{stderr}");
    let other = dir.path().join("other.log");
    std::fs::copy(&log, &other).unwrap();
    let (code, _, stderr) = demarche([
        OsStr::new("report"),
        log.as_os_str(),
        OsStr::new("-o"),
        other.as_os_str(),
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("holds a game log"), "{stderr}");
    assert_eq!(std::fs::read(&log).unwrap(), before, "the game is untouched");
    assert_eq!(std::fs::read(&other).unwrap(), before, "and so is its copy");
}
