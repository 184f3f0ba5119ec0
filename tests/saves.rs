//! Saved games a player can trust: each game in its own file, a failed
//! save said at once with the file's name and never claimed on quit, no
//! temporary file left behind, and an unknown scenario name answered with
//! what there is to play.

#[path = "common/tty.rs"]
mod tty;

use std::path::{Path, PathBuf};

use demarche::engine::confidence_words::why;
use demarche::engine::rules::attribution::Weight;
use demarche::session::save;
use tty::Tty;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron");

/// Every file under `dir`, at any depth.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                out.extend(files(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_failed_autosave_is_said_and_never_claimed_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // The saves folder cannot be made: a file is in its place. (A read-only
    // folder would not stop a test run as root; this stops everyone.)
    std::fs::write(data.join("saves"), "not a folder").unwrap();
    let mut t = Tty::spawn(
        &["play", SMALL, "--as", "north", "--seed", "4"],
        dir.path(),
        &data,
        80,
        24,
    );
    // The game is saved as it begins: the failure is known before anything
    // is played, in a dialog that names the file.
    t.wait_for("The game was not saved");
    t.wait_for("could not save the game to");
    assert!(t.text().contains("saves"), "{}", t.text());
    t.keys(&["\x1b"]);
    t.wait_for("1 Situation");
    t.keys(&["c", "y"]);
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.wait_for("NOT saved");
    t.wait_for("Quitting now loses");
    t.keys(&["y"]);
    // Leaving a game unsaved is a failure for the shell too.
    let status = t.exit();
    assert!(!status.success(), "{status:?}");
    t.wait_for("The game is NOT saved: could not save the game to");
    assert!(!t.text().contains("The game is saved"), "{}", t.text());
    let left: Vec<_> = files(dir.path())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(".tmp")))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_save_that_cannot_replace_its_file_names_it_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the save should go: the final rename fails after the
    // temporary file was written.
    let target = dir.path().join("game.log");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    let scenario = demarche::session::catalog::entry(SMALL).scenario.unwrap();
    let game = demarche::engine::Game::new(scenario, 1);
    let log = demarche::engine::GameLog::new(&game);
    let setup = demarche::session::log_file::Setup {
        humans: vec!["north".into()],
        ..Default::default()
    };
    let err = save::write(&target, &log, &setup).unwrap_err();
    assert!(err.to_string().contains(&target.display().to_string()), "{err}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["game.log".to_string()], "only the folder remains");
    // Saved properly elsewhere, the next game of the same scenario and
    // seed gets a file of its own.
    let first = save::fresh_path(dir.path(), "Test: registry hijack", 1);
    save::write(&first, &log, &setup).unwrap();
    let second = save::fresh_path(dir.path(), "Test: registry hijack", 1);
    assert_ne!(first, second);
    assert!(first.ends_with("test-registry-hijack-1.log"), "{}", first.display());
    let loaded = save::load(&first).unwrap();
    assert_eq!((loaded.turn, loaded.over), (1, false));
    assert!(
        loaded
            .summary()
            .starts_with("Test: registry hijack · as Northland · turn 1/6 · seed 1 · "),
        "{}",
        loaded.summary()
    );
}

#[test]
fn an_unknown_scenario_name_lists_what_there_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    std::fs::copy(SMALL, dir.path().join("scenarios/mine.ron")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["play", "nosuch"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("tutorial") && err.contains("baltic-cable") && err.contains("mine.ron"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["play", "tutorial", "--turn-timer", "0"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("--turn-timer") && err.contains("1..=86400"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["play", "--resume", "--seed", "3"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn confidence_says_why_in_the_figures_the_rule_uses() {
    let w = [
        Weight {
            score: 90,
            kinds: 0b11,
            items: 2,
            ..Weight::default()
        },
        Weight {
            score: 60,
            kinds: 0b1,
            items: 1,
            ..Weight::default()
        },
        Weight::default(),
    ];
    let names = ["SEA TURTLE", "Resellers", "Nobody"];
    let a = why(&w, 0, &names);
    assert!(a.contains("2 items, 2 kinds of indicator, weight 90"), "{a}");
    assert!(a.contains("half of 60 for Resellers") && a.contains("net 60"), "{a}");
    assert!(
        a.contains("moderate needs net 80 and 2 kinds: 20 more net weight"),
        "{a}"
    );
    // Two items of one kind, at no basis: the reason is said.
    let b = why(&w, 1, &names);
    assert!(b.contains("net 15"), "{b}");
    assert!(b.contains("low needs net 30 and 1 kind: 15 more net weight"), "{b}");
    assert_eq!(why(&w, 2, &names), "no evidence points here");
}

#[test]
fn a_resumed_game_shows_the_last_resolution_if_it_was_not_read() {
    use demarche::tui::app::{App, Screen};
    use demarche::tui::game::Match;
    use demarche::tui::theme::Theme;
    let scenario = demarche::session::catalog::entry(SMALL).scenario.unwrap();
    let n = scenario.actor_count();
    let seats: Vec<_> = (0..n)
        .map(|a| (a != 0).then_some(demarche::bots::Policy::Cautious))
        .collect();
    let mut m = Match::start(scenario, 5, &seats, None);
    assert!(m.commit_current().unwrap(), "turn 1 resolved");
    // Saved before the player read what happened (a crash, a closed window).
    let unread = m.setup();
    assert_eq!(unread.unread, vec![m.game.scenario().file.actors[0].id.clone()]);
    let resumed = Match::resume(m.log.clone(), &unread).unwrap();
    let mut app = App::new(Theme::plain(), Vec::new(), 5);
    app.begin(resumed);
    app.refresh();
    assert_eq!(app.screen, Screen::Resolution);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| demarche::tui::screens::draw(&app, f)).unwrap();
    let shown: String = term.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(shown.contains("What happened · turn 1 resolved"), "{shown}");
    // Once read, the resumed game goes straight to play.
    let mut read = unread.clone();
    read.unread.clear();
    let mut app = App::new(Theme::plain(), Vec::new(), 5);
    app.begin(Match::resume(m.log.clone(), &read).unwrap());
    assert_eq!(app.screen, Screen::Play);
}
