//! The launcher offers "continue" for every unfinished saved game (its
//! scenario, turn and date) above the scenarios; continuing goes on in the
//! same file, and a new game never replaces an unfinished one.

#[path = "common/tty.rs"]
mod tty;

use std::path::{Path, PathBuf};

use tty::Tty;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron");

fn saves(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join("saves"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Play one turn of the small scenario as Northland, then quit.
fn play_a_turn(dir: &Path, data: &Path, seed: &str) {
    let mut t = Tty::spawn(&["play", SMALL, "--as", "north", "--seed", seed], dir, data, 80, 24);
    t.wait_for("1 Situation");
    t.keys(&["c", "y"]);
    t.wait_for("turn 1 resolved");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    assert!(t.exit().success());
}

#[test]
fn the_launcher_continues_each_unfinished_game_in_its_own_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    play_a_turn(dir.path(), &data, "4");
    play_a_turn(dir.path(), &data, "4");
    let before = saves(&data);
    assert_eq!(
        before.len(),
        2,
        "a second game of the same scenario and seed has its own file: {before:?}"
    );
    let contents: Vec<Vec<u8>> = before.iter().map(|p| std::fs::read(p).expect("read")).collect();

    let mut t = Tty::spawn(&["play"], dir.path(), &data, 80, 24);
    t.wait_for("2 to continue");
    let screen = t.text();
    assert_eq!(
        screen
            .matches("continue Test: registry hijack · as Northland · turn 2/6 · seed 4")
            .count(),
        2,
        "one continue row per unfinished game, with who plays, its turn and seed: {screen}"
    );
    assert!(screen.contains("UTC"), "each row has its date: {screen}");
    // Enter on the first row goes on where that game was left.
    t.keys(&["\r"]);
    t.wait_for("turn 2/");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    assert!(t.exit().success());
    let after = saves(&data);
    assert_eq!(after, before, "continuing writes to the game's own file, not a new one");

    // A new game from the launcher starts beside them.
    let mut t = Tty::spawn(&["play"], dir.path(), &data, 80, 24);
    t.wait_for("2 to continue");
    t.keys(&["\x1b[B", "\x1b[B", "\r"]);
    t.wait_for("Briefing");
    t.keys(&["\r"]);
    t.wait_for("1 Situation");
    t.keys(&["c", "y"]);
    t.wait_for("turn 1 resolved");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    assert!(t.exit().success());
    let last = saves(&data);
    assert_eq!(last.len(), 3, "the new game has a file of its own: {last:?}");
    let untouched = before
        .iter()
        .zip(&contents)
        .filter(|(p, c)| std::fs::read(p).ok().as_ref() == Some(*c));
    assert!(untouched.count() >= 1, "the game not continued is untouched");
}
