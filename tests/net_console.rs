//! The white cell console as a trainer runs it: a real `host --rooms 2`
//! on 127.0.0.1, the real `join` with both rooms' facilitator codes in a
//! pseudo-terminal at 80x24, and a projector in each room. Pausing room 2
//! from the console pauses room 2 and nothing else.

mod common;
#[path = "common/tty.rs"]
mod tty;

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::ws::Client;
use demarche::net::protocol::ServerMsg;

/// What the host printed: per room, (role or actor, code); the console's
/// command; the address; and every later line (the rooms' live lines).
struct Hosted {
    rooms: Vec<Vec<(String, String)>>,
    console: Vec<String>,
    url: String,
    lines: Arc<Mutex<Vec<String>>>,
}

/// The host, stopped when the test ends, even by a failed assertion.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn host(dir: &std::path::Path, rooms: &str) -> (Server, Hosted) {
    let d = dir.to_string_lossy().to_string();
    let mut child = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["host", "tests/fixtures/small.ron", "--rooms", rooms])
        .args(["--bind", "127.0.0.1:0", "--dir", &d])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut hosted = Hosted {
        rooms: Vec::new(),
        console: Vec::new(),
        url: String::new(),
        lines: Arc::new(Mutex::new(Vec::new())),
    };
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Room ") {
            hosted.rooms.push(Vec::new());
        } else if let (Some(rest), Some(room)) = (line.strip_prefix("  "), hosted.rooms.last_mut()) {
            let (name, code) = rest.trim().rsplit_once(' ').unwrap();
            room.push((name.trim().to_string(), code.to_string()));
        } else if let Some((_, cmd)) = line.split_once("white cell console: demarche ") {
            hosted.console = cmd.split_whitespace().map(String::from).collect();
        } else if let Some(rest) = line.strip_prefix("Listening on ") {
            hosted.url = rest.split_once(". ").unwrap().0.to_string();
            break;
        }
    }
    let into = Arc::clone(&hosted.lines);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            into.lock().unwrap().push(line);
        }
    });
    (Server(child), hosted)
}

fn code(room: &[(String, String)], who: &str) -> String {
    room.iter().find(|(n, _)| n == who).map(|(_, c)| c.clone()).unwrap()
}

fn paused(c: &Client) -> Option<bool> {
    c.msgs().iter().rev().find_map(|m| match m {
        ServerMsg::Paused { paused } => Some(*paused),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_pauses_the_room_it_is_on_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, hosted) = host(dir.path(), "2");
    assert_eq!(hosted.rooms.len(), 2);
    assert_eq!(hosted.console.first().map(String::as_str), Some("join"));
    assert!(hosted.console.contains(&code(&hosted.rooms[1], "facilitator")));
    let projector_1 = Client::join(&hosted.url, &code(&hosted.rooms[0], "spectator (projector)")).await;
    let projector_2 = Client::join(&hosted.url, &code(&hosted.rooms[1], "spectator (projector)")).await;
    let welcomed = |m: &ServerMsg| matches!(m, ServerMsg::Welcome { .. });
    projector_1.wait_for(welcomed).await;
    projector_2.wait_for(welcomed).await;

    // A player's code among the facilitators' is refused by its place.
    let player = code(&hosted.rooms[1], "Eastmark");
    let wrong = ["join", &hosted.url, "--code", &hosted.console[3], "--code", &player];
    let mut refused = tty::Tty::spawn(&wrong, dir.path(), dir.path(), 80, 24);
    assert!(!refused.exit().success());
    refused.wait_for("code 2 is not a facilitator code");

    // The trainer runs the command the host printed.
    let args: Vec<&str> = hosted.console.iter().map(String::as_str).collect();
    let mut console = tty::Tty::spawn(&args, dir.path(), dir.path(), 80, 24);
    console.wait_for("White cell console · 2 rooms");
    // Each room's first picture arrives over its own connection.
    console.wait_for("1    1/6");
    console.wait_for("2    1/6");
    let overview = console.text();
    assert!(overview.contains("1    1/6"), "{overview}");
    assert!(overview.contains("2    1/6"), "{overview}");
    assert!(overview.contains("no player has joined yet"), "{overview}");

    // 2 opens room 2's white cell; p pauses it.
    console.keys(&["2"]);
    console.wait_for("White cell · room 2");
    console.keys(&["p"]);
    console.wait_for("PAUSED");
    projector_2
        .wait_for(|m| matches!(m, ServerMsg::Paused { paused: true }))
        .await;
    assert_eq!(paused(&projector_2), Some(true));
    // The host's own line for room 2 says so; room 1 goes on.
    for _ in 0..100 {
        if hosted
            .lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("room 2:") && l.ends_with("PAUSED"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let lines = hosted.lines.lock().unwrap().clone();
    assert!(
        lines.iter().any(|l| l.starts_with("room 2:") && l.ends_with("PAUSED")),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("room 1:") && l.contains("PAUSED")),
        "{lines:?}"
    );
    assert_ne!(paused(&projector_1), Some(true), "room 1 is not paused");

    // Esc: back to every room, where room 2 shows as paused.
    console.keys(&["\x1b"]);
    console.wait_for("Needs you");
    let overview = console.text();
    let room_2 = overview.lines().find(|l| l.contains("2    1/6")).unwrap_or_default();
    assert!(room_2.contains("PAUSED"), "{overview}");
    let room_1 = overview.lines().find(|l| l.contains("1    1/6")).unwrap_or_default();
    assert!(!room_1.contains("PAUSED"), "{overview}");

    // q asks first, as the games go on without the console.
    console.keys(&["q"]);
    console.wait_for("The games go on without you");
    console.keys(&["y"]);
    assert!(console.exit().success());
}
