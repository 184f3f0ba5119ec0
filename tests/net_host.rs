//! `demarche host` as a real process: kill -9 and resume with every
//! acknowledged move; Ctrl-C tells clients and saves.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command as Process, Stdio};

mod common;

use common::ws::Peer;
use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, ServerMsg};

/// A temporary folder for the host, its path as text, and a free
/// address on 127.0.0.1 to bind.
fn folder_and_bind() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().to_string();
    (dir, d, format!("127.0.0.1:{}", common::free_port()))
}

/// Kill the host (as kill -9 would) and wait for it to end.
fn stop(host: &mut Child) {
    host.kill().unwrap();
    host.wait().unwrap();
}

/// Host the small scenario on `bind` with `dir` as its folder, plus
/// `more` arguments; see [`start`].
fn host_small(bind: &str, dir: &str, more: &[&str]) -> (Child, Vec<(String, String)>) {
    let mut args = vec!["host", "tests/fixtures/small.ron", "--bind", bind, "--dir", dir];
    args.extend_from_slice(more);
    start(&args)
}

/// Start the host; return it and the codes it printed (role name → code).
fn start(args: &[&str]) -> (Child, Vec<(String, String)>) {
    let mut child = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let mut codes = Vec::new();
    let mut lines = BufReader::new(out).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Listening on") {
            // Keep reading what the server prints, as a terminal would.
            std::thread::spawn(move || for _ in lines {});
            break;
        }
        if let Some(rest) = line.strip_prefix("  ") {
            let (name, code) = rest.trim().rsplit_once(' ').unwrap();
            codes.push((name.trim().to_string(), code.to_string()));
        }
    }
    (child, codes)
}

fn code(codes: &[(String, String)], who: &str) -> String {
    codes.iter().find(|(n, _)| n == who).map(|(_, c)| c.clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_then_resume_keeps_every_acknowledged_move() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().to_string();
    let port = common::free_port();
    let bind = format!("127.0.0.1:{port}");
    let (mut host, codes) = host_small(&bind, &d, &[]);
    assert!(dir.path().join("handout.md").exists());
    let north = code(&codes, "Northland");
    let url = format!("ws://{bind}");
    let mut ws = Peer::join(&url, &north, None).await;
    for (id, command) in [
        (
            1,
            Command::Act {
                action: "directive".into(),
                target: None,
            },
        ),
        (2, Command::Commit),
    ] {
        ws.send(&ClientMsg::Command { id, command }).await;
        loop {
            match ws.next().await.unwrap() {
                ServerMsg::Ack { id: i } if i == id => break,
                ServerMsg::Error { message, .. } => panic!("{message}"),
                _ => {}
            }
        }
    }
    // kill -9: no chance to save anything more.
    stop(&mut host);
    let log = dir.path().join("room-1.log");
    let (mut host, codes2) = start(&["host", "--resume", &log.to_string_lossy(), "--bind", &bind, "--dir", &d]);
    assert_eq!(code(&codes2, "Northland"), north, "the same codes work after a restart");
    let mut ws = Peer::join(&url, &north, None).await;
    let view = loop {
        if let ServerMsg::View { view } = ws.next().await.unwrap() {
            break view;
        }
    };
    assert!(view.committed, "the acknowledged commit survived the kill");
    assert!(
        view.orders.iter().any(|o| o.contains("Emergency directive")),
        "{:?}",
        view.orders
    );
    stop(&mut host);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_tells_the_clients_and_exits_cleanly() {
    let (_dir, d, bind) = folder_and_bind();
    let (mut host, codes) = host_small(&bind, &d, &["--rooms", "2"]);
    assert_eq!(
        codes.iter().filter(|(n, _)| n == "facilitator").count(),
        2,
        "two rooms, two sets of codes"
    );
    let spectator = code(&codes, "spectator (projector)");
    let mut ws = Peer::join(&format!("ws://{bind}"), &spectator, None).await;
    loop {
        if let ServerMsg::Public { .. } = ws.next().await.unwrap() {
            break;
        }
    }
    Process::new("kill")
        .args(["-INT", &host.id().to_string()])
        .status()
        .unwrap();
    let bye = loop {
        match ws.next().await {
            Some(ServerMsg::Bye { reason }) => break reason,
            Some(_) => {}
            None => panic!("closed without a goodbye"),
        }
    };
    assert!(bye.contains("saved"), "{bye}");
    let status = host.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

/// Run `demarche` to its end; its exit status and stderr.
fn run(args: &[&str]) -> (bool, String) {
    let out = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A host that a failing test does not leave running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn hosting_again_in_a_folder_with_a_game_is_refused_and_touches_nothing() {
    let (dir, d, bind) = folder_and_bind();
    let args = ["host", "tests/fixtures/small.ron", "--bind", &bind, "--dir", &d];
    let (host, _) = start(&args);
    let mut host = KillOnDrop(host);
    let before = snapshot(dir.path());
    // The trainer presses up-arrow and runs the same command again, or
    // adds --fresh, while the host runs: both refused, nothing touched.
    let mut fresh = args.to_vec();
    fresh.push("--fresh");
    for again in [&args[..], &fresh[..]] {
        let (ok, err) = run(again);
        assert!(!ok && err.contains("running demarche host"), "{err}");
        assert_eq!(snapshot(dir.path()), before, "no file was touched");
    }
    assert!(!dir.path().join("previous-1").exists());
    // Resuming it twice is refused too, the file named once.
    let log = dir.path().join("room-1.log").to_string_lossy().into_owned();
    let (ok, err) = run(&["host", "--resume", &log, "--bind", "127.0.0.1:0"]);
    assert!(!ok && err.contains("in use"), "{err}");
    assert_eq!(err.matches(log.as_str()).count(), 1, "{err}");
    stop(&mut host.0);
    // Stopped: the same command is refused with the ways forward.
    let (ok, err) = run(&args);
    assert!(!ok);
    assert!(err.contains("--resume") && err.contains("--fresh"), "{err}");
    assert_eq!(snapshot(dir.path()), before, "no file was touched");
    // Starting anew is a choice that keeps the old game.
    let (mut host, _) = host_small(&bind, &d, &["--fresh"]);
    assert_eq!(
        snapshot(&dir.path().join("previous-1")),
        before,
        "the old game is kept whole"
    );
    assert!(dir.path().join("room-1.log").exists());
    stop(&mut host);
}

#[test]
fn one_room_given_twice_to_resume_is_refused() {
    let (dir, d, bind) = folder_and_bind();
    let (mut host, _) = host_small(&bind, &d, &[]);
    stop(&mut host);
    let log = dir.path().join("room-1.log");
    let copy = dir.path().join("copy.log");
    std::fs::copy(&log, &copy).unwrap();
    let (l, c) = (log.to_string_lossy(), copy.to_string_lossy());
    let (ok, err) = run(&["host", "--resume", &l, "--resume", &l]);
    assert!(!ok && err.contains("twice"), "{err}");
    let (ok, err) = run(&["host", "--resume", &l, "--resume", &c]);
    assert!(!ok && err.contains("same room"), "{err}");
}

#[test]
fn timer_numbers_beyond_a_day_are_refused_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().to_string();
    let (ok, err) = run(&[
        "host",
        "tests/fixtures/small.ron",
        "--dir",
        &d,
        "--turn-timer",
        "18446744073709551615",
    ]);
    assert!(!ok && err.contains("turn-timer"), "{err}");
    assert!(!dir.path().join("room-1.log").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resuming_listens_where_the_host_started_and_keeps_the_public_url() {
    let (dir, d, bind) = folder_and_bind();
    let public = "wss://exercise.example.org";
    let (mut host, _) = host_small(&bind, &d, &["--public-url", public]);
    stop(&mut host);
    let log = dir.path().join("room-1.log").to_string_lossy().to_string();
    for _ in 0..2 {
        // The command as the host printed it: no --bind, no --public-url.
        let (mut host, codes) = start(&["host", "--resume", &log]);
        let spectator = code(&codes, "spectator (projector)");
        let mut ws = Peer::join(&format!("ws://{bind}"), &spectator, None).await;
        assert!(matches!(ws.next().await, Some(ServerMsg::Welcome { .. })));
        let handout = std::fs::read_to_string(dir.path().join("handout.md")).unwrap();
        assert!(handout.contains(public), "the handout keeps the public URL");
        stop(&mut host);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_0_prints_and_hands_out_the_port_the_system_gave() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().to_string();
    let mut host = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["host", "tests/fixtures/small.ron", "--bind", "127.0.0.1:0", "--dir", &d])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(host.stdout.take().unwrap()).lines();
    let mut spectator = None;
    let listening = loop {
        let line = lines.next().expect("the host prints where it listens").unwrap();
        if line.starts_with("Listening on") {
            break line;
        }
        if line.trim_start().starts_with("spectator (projector)") {
            spectator = line.split_whitespace().last().map(String::from);
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let addr = listening
        .strip_prefix("Listening on ws://")
        .and_then(|r| r.split_once(". "))
        .map(|(a, _)| a.to_string())
        .unwrap();
    let port: u16 = addr.rsplit_once(':').unwrap().1.parse().unwrap();
    assert_ne!(port, 0, "{listening}");
    let url = format!("ws://{addr}");
    let handout = std::fs::read_to_string(dir.path().join("handout.md")).unwrap();
    assert!(handout.contains(&url), "the handout tells players the real port");
    // A real client joins at that address.
    let code = spectator.expect("the projector's code is printed");
    let mut ws = Peer::join(&url, &code, None).await;
    assert!(matches!(ws.next().await, Some(ServerMsg::Welcome { .. })));
    stop(&mut host);
}
