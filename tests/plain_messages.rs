//! Parse errors in words a trainer understands: no library internals, no
//! run-together words, a suggestion for a misspelt name, and a log saved
//! with a byte-order mark read like a scenario saved with one.

use std::process::Command;

use demarche::scenario::load;

const SMALL: &str = include_str!("fixtures/small.ron");

fn first_message(source: &str) -> (String, String) {
    let loaded = load::from_str("t", source);
    let d = loaded.diagnostics.first().expect("a diagnostic");
    (d.message.clone(), d.expected.clone())
}

#[test]
fn a_misspelt_value_gets_a_suggestion_and_spaced_words() {
    let (m, expected) = first_message(&SMALL.replacen("kind: State", "kind: Stat", 1));
    assert!(m.contains("`Stat` is not a known value for `ActorKind`"), "{m}");
    assert!(m.contains("(did you mean `State`?)"), "{m}");
    assert!(!m.contains("`in"), "{m}");
    assert!(expected.contains("`State`"), "{expected}");

    let (m, _) = first_message(&SMALL.replacen("turns: 6", "turnz: 6", 1));
    assert!(
        m.contains("no field `turnz`") && m.contains("(did you mean `turns`?)"),
        "{m}"
    );

    // Nothing near: no suggestion.
    let (m, _) = first_message(&SMALL.replacen("kind: State", "kind: Zebra", 1));
    assert!(!m.contains("did you mean"), "{m}");
}

#[test]
fn a_negative_number_is_named_as_such() {
    let (m, expected) = first_message(&SMALL.replacen("turns: 6", "turns: -1", 1));
    assert!(m.contains("negative number is not allowed"), "{m}");
    assert!(!m.contains("Expected integer"), "{m}");
    assert!(expected.contains("from 0"), "{expected}");
}

#[test]
fn deep_nesting_is_explained_without_library_advice() {
    let deep = format!("{}Always{}", "Not(".repeat(300), ")".repeat(300));
    let source = SMALL.replacen("when: FinalTurn", &format!("when: {deep}"), 1);
    assert_ne!(source, SMALL);
    let (m, expected) = first_message(&source);
    assert!(m.contains("nested too deeply"), "{m}");
    for internal in ["serde", "serde_stacker", "recursion limit"] {
        assert!(
            !m.contains(internal) && !expected.contains(internal),
            "{m} / {expected}"
        );
    }
}

#[test]
fn a_log_with_a_byte_order_mark_replays() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("game.log");
    let small = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron");
    let bin = env!("CARGO_BIN_EXE_demarche");
    let o = Command::new(bin)
        .args(["simulate", small, "--games", "1", "--log"])
        .arg(&log)
        .output()
        .unwrap();
    assert!(o.status.success());
    let plain = Command::new(bin).arg("replay").arg(&log).output().unwrap();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(&log).unwrap());
    std::fs::write(&log, bytes).unwrap();
    let bom = Command::new(bin).arg("replay").arg(&log).output().unwrap();
    assert!(bom.status.success(), "{}", String::from_utf8_lossy(&bom.stderr));
    assert_eq!(bom.stdout, plain.stdout);
}

#[test]
fn a_seed_out_of_range_says_what_a_seed_is() {
    let bin = env!("CARGO_BIN_EXE_demarche");
    let small = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron");
    for args in [
        vec!["simulate", small, "--games", "1", "--seed", "-3"],
        vec!["simulate", small, "--seed=18446744073709551616"],
        vec!["play", small, "--seed", "-3"],
        vec!["host", small, "--seed", "1.5"],
    ] {
        let o = Command::new(bin).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("the seed is a whole number from 0 to 18446744073709551615"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
    let o = Command::new(bin)
        .args(["simulate", small, "--games", "1", "--seed", "18446744073709551615"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn play_resume_shows_both_forms_of_the_command() {
    let bin = env!("CARGO_BIN_EXE_demarche");
    for extra in [["--seed", "3"], ["--press", "off"], ["tutorial", "--as=north"]] {
        let o = Command::new(bin)
            .arg("play")
            .arg("--resume")
            .args(extra)
            .env("HOME", "/nonexistent")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains("cannot be used with"), "{extra:?}: {err}");
        assert!(
            err.contains("Usage: demarche play [OPTIONS] [SCENARIO]\n       demarche play --resume [--theme <FILE>]"),
            "{extra:?}: {err}"
        );
    }
}
