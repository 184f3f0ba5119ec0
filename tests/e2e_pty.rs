//! The real binary in a pseudo-terminal, driven like a player would:
//! launcher, role choice, moves, resolution, debrief, export, quit.

use std::path::Path;

#[path = "common/tty.rs"]
mod tty;

/// The binary in a 120x40 terminal.
fn spawn(args: &[&str], cwd: &Path, data: &Path) -> tty::Tty {
    tty::Tty::spawn(args, cwd, data, 120, 40)
}

const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";
const ENTER: &str = "\r";

#[test]
fn a_whole_short_game_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
        scenarios.join("small.ron"),
    )
    .unwrap();
    let mut t = spawn(&["play", "--seed", "3"], dir.path(), &data);
    t.wait_for("Choose a scenario");
    // The local scenario comes last, after the shipped ones.
    t.keys(&[END]);
    t.wait_for("Test: registry hijack");
    t.keys(&[ENTER]);
    t.wait_for("Briefing");
    t.wait_for("[you]");
    t.keys(&[ENTER]);
    t.wait_for("1 Situation");
    // Turn 1: summon Eastmark's ambassador, then end the turn.
    t.keys(&["5", DOWN, DOWN, ENTER]);
    t.wait_for("y / Enter: choose it");
    t.keys(&["y"]);
    t.wait_for("Chosen: Summon the ambassador");
    t.keys(&["c"]);
    t.wait_for("End your turn?");
    t.keys(&["y"]);
    t.wait_for("What happened");
    let saves: Vec<_> = std::fs::read_dir(data.join("saves")).unwrap().collect();
    assert_eq!(saves.len(), 1, "the turn was saved to a file of its own");
    // Play on with no moves until the debrief.
    for _ in 0..8 {
        if t.text().contains("Debrief ·") {
            break;
        }
        t.keys(&[ESC]);
        if t.text().contains("Debrief ·") {
            break;
        }
        t.keys(&["c", "y"]);
    }
    t.wait_for("Debrief ·");
    t.wait_for("The truth");
    t.keys(&["e"]);
    t.wait_for("Report written");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("demarche-"))
        .collect();
    assert!(
        written.iter().any(|n| n.ends_with(".md")),
        "export wrote Markdown: {written:?}"
    );
    assert!(
        written.iter().any(|n| n.ends_with(".html")),
        "export wrote HTML: {written:?}"
    );
    t.keys(&["q"]);
    let status = t.exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn quitting_mid_game_asks_first_and_resume_continues() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let small = small.to_string_lossy();
    let mut t = spawn(&["play", &small, "--as", "north", "--seed", "4"], dir.path(), &data);
    t.wait_for("1 Situation");
    t.keys(&["c", "y"]);
    t.wait_for("What happened");
    t.keys(&[ESC]);
    t.wait_for("turn 2/6");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    t.exit();
    let mut t = spawn(&["play", "--resume"], dir.path(), &data);
    t.wait_for("turn 2/6");
    t.keys(&["q", "y"]);
}

#[test]
fn a_tiny_window_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let small = small.to_string_lossy();
    let mut t = tty::Tty::spawn(&["play", &small, "--as", "north"], dir.path(), dir.path(), 60, 20);
    t.wait_for("too small");
    t.keys(&["q"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    t.keys(&["y"]);
    t.exit();
}
