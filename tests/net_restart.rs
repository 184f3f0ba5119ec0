//! Restarts and signals: the bundled client reconnects on its own after
//! the server restarts, and `demarche host` says goodbye on SIGTERM and
//! SIGHUP as on Ctrl-C, with a live line per room on its terminal.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::ws::{logged_room, serve, Peer};
use demarche::engine::Command;
use demarche::net::client;
use demarche::net::protocol::{ClientMsg, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::Room;
use demarche::net::server::Limits;
use demarche::session::log_file;
use demarche::tui::Input;

/// Wait up to `secs` for a server message that matches.
async fn wait(rx: &mpsc::Receiver<Input>, secs: u64, f: impl Fn(&ServerMsg) -> bool) -> ServerMsg {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        match rx.try_recv() {
            Ok(Input::Server(m)) if f(&m) => return *m,
            Ok(_) => {}
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    panic!("no such message within {secs} s");
}

/// Serve `room` on `addr` (of 127.0.0.1) with the default limits.
async fn serve_on(
    room: Room,
    addr: std::net::SocketAddr,
) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    serve(listener, vec![room], Limits::default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_player_reconnects_on_their_own_after_the_server_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let (room, codes, log) = logged_room(dir.path());
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (stop, task) = serve_on(room, addr).await;
    let (to_app, from_server) = mpsc::channel::<Input>();
    let (to_server, outgoing) = tokio::sync::mpsc::unbounded_channel();
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: codes.players[0].clone(),
        name: Some("Ana".into()),
    };
    tokio::spawn(client::keep_connected(format!("ws://{addr}"), hello, to_app, outgoing));
    wait(&from_server, 10, |m| matches!(m, ServerMsg::Welcome { .. })).await;
    to_server
        .send(ClientMsg::Command {
            id: 1,
            command: Command::Act {
                action: "directive".into(),
                target: None,
            },
        })
        .unwrap();
    wait(&from_server, 10, |m| matches!(m, ServerMsg::Ack { id: 1 })).await;
    // The server stops (as on Ctrl-C) and comes back from its log.
    stop.send(()).unwrap();
    task.await.unwrap();
    let bye = wait(&from_server, 10, |m| matches!(m, ServerMsg::Bye { .. })).await;
    assert!(format!("{bye:?}").contains("shutting down"), "{bye:?}");
    let (resumed, notes) = log_file::read(&log).unwrap();
    let room = Room::resume(resumed, &notes, log.clone()).unwrap();
    let (_stop, _task) = serve_on(room, addr).await;
    wait(&from_server, 20, |m| matches!(m, ServerMsg::Welcome { .. })).await;
    // The client is sent its whole view again, the move chosen before included.
    wait(
        &from_server,
        10,
        |m| matches!(m, ServerMsg::View { view } if view.orders.len() == 1),
    )
    .await;
}

/// Start `demarche host`, read its codes, and keep reading what it prints.
fn start_host(dir: &std::path::Path, port: u16) -> (std::process::Child, String, mpsc::Receiver<String>) {
    let mut child = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["host", "tests/fixtures/small.ron", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--dir")
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut north = String::new();
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the host prints its codes");
        if let Some((name, code)) = line.trim().rsplit_once(' ') {
            if name.trim() == "Northland" {
                north = code.to_string();
            }
        }
        if line.starts_with("Listening on") {
            break;
        }
    }
    (child, north, rx)
}

async fn goodbye_on(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let port = common::free_port();
    let (mut host, north, lines) = start_host(dir.path(), port);
    let mut ws = Peer::join(&format!("ws://127.0.0.1:{port}"), &north, None).await;
    // The host's terminal shows the room with its new connection.
    let end = Instant::now() + Duration::from_secs(10);
    let mut seen = false;
    while !seen && Instant::now() < end {
        if let Ok(l) = lines.recv_timeout(Duration::from_millis(100)) {
            seen = l.starts_with("room 1: turn 1 of 6, 0 of 4 committed, 1 connected");
        }
    }
    assert!(seen, "no live line for the room");
    Process::new("kill")
        .args([&format!("-{signal}"), &host.id().to_string()])
        .status()
        .unwrap();
    let bye = match ws.read_until(|m| matches!(m, ServerMsg::Bye { .. })).await {
        Some(ServerMsg::Bye { reason }) => Some(reason),
        _ => None,
    };
    let status = host.wait().unwrap();
    assert!(
        bye.as_deref().is_some_and(|r| r.contains("shutting down")),
        "{signal}: {bye:?}"
    );
    assert!(status.success(), "{signal}: {status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_says_goodbye_to_every_client() {
    goodbye_on("TERM").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_says_goodbye_to_every_client() {
    goodbye_on("HUP").await;
}
