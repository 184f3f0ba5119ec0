//! Every input costs a bounded amount: thousands of mistakes in a scenario
//! give a capped report with a count of the rest; a named pipe, a device or
//! a directory given as a scenario is refused at once, never waited on; a
//! closed pipe ends a command quietly; a change too large for what it moves
//! is caught by `validate` instead of wrapping round in play. (How fast
//! `validate` is on the largest file is measured by `benches/validate.rs`.)

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use demarche::scenario::diagnostic::{render, SHOWN};
use demarche::scenario::load;

const BIN: &str = env!("CARGO_BIN_EXE_demarche");
const SMALL: &str = include_str!("fixtures/small.ron");

/// small.ron with `n` debrief questions pointing at objectives that do not
/// exist: `n` errors.
fn with_bad_questions(n: usize) -> String {
    let questions: String = (0..n)
        .map(|i| format!("        Question(objective: {}, text: \"q\"),\n", 1000 + i))
        .collect();
    SMALL.replacen(
        "    debrief_questions: [\n",
        &format!("    debrief_questions: [\n{questions}"),
        1,
    )
}

/// Run the binary, killing it if it has not finished within `limit`.
fn run_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run demarche");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("demarche {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn thousands_of_errors_are_counted_and_the_report_is_capped() {
    let source = with_bad_questions(20_000);
    let loaded = load::from_str("many", &source);
    assert_eq!(loaded.errors(), 20_000, "every error is counted");
    let out = render("many.ron", &loaded.source, &loaded.diagnostics, false);
    let shown = out.lines().filter(|l| l.starts_with("Error")).count();
    assert_eq!(shown, SHOWN, "{out}");
    assert!(
        out.contains(&format!(
            "… and {} more not shown ({} error(s), 0 warning(s))",
            20_000 - SHOWN,
            20_000 - SHOWN
        )),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    // Every shown diagnostic still has its line.
    assert!(out.contains("many.ron:"), "{out}");
}

#[test]
fn too_many_actors_is_an_error_not_a_hang() {
    let actors: String = (0..5_000)
        .map(|i| format!("        Actor(id: \"x{i}\", name: \"X\", kind: State, description: \"d\", resources: 1),\n"))
        .collect();
    let source = SMALL.replacen("    actors: [\n", &format!("    actors: [\n{actors}"), 1);
    let loaded = load::from_str("crowd", &source);
    assert!(loaded.scenario.is_none());
    assert!(
        loaded.diagnostics.iter().any(|d| d.message.contains("5004 actors")),
        "{:?}",
        loaded.diagnostics.first()
    );
}

#[test]
fn a_change_too_large_for_what_it_moves_is_an_error() {
    for (effect, what) in [
        (r#"Escalate(Actor("north"), Actor("east"), 2147483647)"#, "Escalate"),
        (r#"Tension(Actor("north"), Actor("east"), -2147483648)"#, "Tension"),
        (r#"Credibility(Actor("north"), 1000)"#, "Credibility"),
    ] {
        let source = SMALL.replacen("effects: [", &format!("effects: [{effect}, "), 1);
        assert_ne!(source, SMALL, "small.ron has an effects list");
        let loaded = load::from_str("big", &source);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.message.contains(what))
            .unwrap_or_else(|| panic!("no error for {effect}: {:?}", loaded.diagnostics));
        assert!(d.is_error() && d.span.is_some(), "{d:?}");
        assert!(loaded.scenario.is_none());
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_device_or_directory_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("waiting.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for (path, kind) in [
        (fifo.as_path(), "named pipe"),
        (Path::new("/dev/null"), "device"),
        (dir.path(), "directory"),
    ] {
        let p = path.to_str().unwrap();
        for args in [vec!["validate", p], vec!["simulate", p, "--games", "1"]] {
            let o = run_within(&args, Duration::from_secs(10));
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(all.contains(kind), "{args:?}: {all}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let log = tempfile::NamedTempFile::new().unwrap();
    let made = Command::new(BIN)
        .args(["simulate", small.to_str().unwrap(), "--games", "1", "--log"])
        .arg(log.path())
        .output()
        .unwrap();
    assert!(made.status.success());
    for args in [
        vec!["simulate", small.to_str().unwrap(), "--games", "20", "--threads", "1"],
        vec!["validate", small.to_str().unwrap()],
        vec!["replay", log.path().to_str().unwrap()],
        vec![
            "report",
            log.path().to_str().unwrap(),
            "--format",
            "md",
            "--output",
            "-",
        ],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before anything is written.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
        assert!(
            o.status.signal() == Some(13) || o.status.success(),
            "{args:?}: {:?}",
            o.status
        );
    }
}
