//! Websocket clients for tests, and servers on 127.0.0.1: a [`Client`]
//! that collects every message the server sends in the background, a
//! [`Peer`] that reads them in order as the test asks, and the rooms and
//! servers they join.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, Facilitate, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::{self, Limits};
use demarche::scenario::Scenario;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A websocket connection from a test to a server.
pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;
pub type Sink = SplitSink<Ws, Message>;

/// A client whose every message (raw, as sent) is collected in the background.
pub struct Client {
    pub sink: Sink,
    pub got: Arc<Mutex<Vec<String>>>,
}

impl Client {
    pub async fn join(url: &str, code: &str) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let (mut sink, mut stream) = ws.split();
        let hello = ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
            name: None,
        };
        sink.send(Message::text(serde_json::to_string(&hello).unwrap()))
            .await
            .unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let into = Arc::clone(&got);
        tokio::spawn(async move {
            while let Some(Ok(m)) = stream.next().await {
                if let Message::Text(t) = m {
                    into.lock().unwrap().push(t.to_string());
                }
            }
            into.lock().unwrap().push("closed".into());
        });
        Client { sink, got }
    }

    pub async fn facilitate(&mut self, id: u64, command: Facilitate) {
        let m = ClientMsg::Facilitate { id, command };
        self.sink
            .send(Message::text(serde_json::to_string(&m).unwrap()))
            .await
            .unwrap();
    }

    pub fn msgs(&self) -> Vec<ServerMsg> {
        let got = self.got.lock().unwrap();
        assert!(!got.iter().any(|t| t == "closed"), "the server closed the connection");
        got.iter().map(|t| serde_json::from_str(t).unwrap()).collect()
    }

    pub fn largest(&self) -> usize {
        self.got.lock().unwrap().iter().map(String::len).max().unwrap_or(0)
    }

    /// Wait (up to 20 s) until a message matches.
    pub async fn wait_for(&self, f: impl Fn(&ServerMsg) -> bool) {
        for _ in 0..400 {
            if self.msgs().iter().any(&f) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let got = self.got.lock().unwrap();
        let last: Vec<String> = got
            .iter()
            .rev()
            .filter(|t| !t.contains("\"view\"") && !t.contains("\"public\""))
            .take(4)
            .map(|t| t.chars().take(300).collect())
            .collect();
        panic!("no such message within 20 s; the last others, newest first: {last:#?}");
    }
}

impl Client {
    pub async fn command(&mut self, id: u64, command: Command) {
        let m = ClientMsg::Command { id, command };
        self.sink
            .send(Message::text(serde_json::to_string(&m).unwrap()))
            .await
            .unwrap();
    }
}

/// Fresh codes for a room of `players` actors: one a player seat, then the
/// facilitator's and the spectator's.
pub fn codes(players: usize) -> RoomCodes {
    RoomCodes {
        players: (0..players).map(|_| demarche::net::codes::new_code()).collect(),
        facilitator: demarche::net::codes::new_code(),
        spectator: demarche::net::codes::new_code(),
    }
}

/// Room 1 of the small scenario (four actors, seed 9), logged to
/// `room-1.log` in `dir`: the room, its codes and the log's path.
pub fn logged_room(dir: &Path) -> (Room, RoomCodes, PathBuf) {
    let log = dir.join("room-1.log");
    let codes = codes(4);
    let room = Room::new(1, super::small(), 9, codes.clone(), Some(log.clone())).unwrap();
    (room, codes, log)
}

/// Serve `rooms` on `listener` with `limits` until the returned sender is
/// used or dropped; the task ends once the server has said goodbye.
pub fn serve(
    listener: tokio::net::TcpListener,
    rooms: Vec<Room>,
    limits: Limits,
) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server::run(listener, rooms, limits, async move {
        let _ = rx.await;
    }));
    (tx, task)
}

/// A listener on a free port of 127.0.0.1 and its `ws://` address.
pub async fn listen() -> (tokio::net::TcpListener, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    (listener, url)
}

/// A server with one room of `scenario` (seed 5), its codes, and a sender
/// that stops it.
pub async fn host(scenario: Arc<Scenario>) -> (String, RoomCodes, tokio::sync::oneshot::Sender<()>) {
    let codes = codes(scenario.actor_count());
    let room = Room::new(1, scenario, 5, codes.clone(), None).unwrap();
    let (listener, url) = listen().await;
    let limits = Limits {
        rate: 1000.0,
        burst: 1000.0,
        ..Limits::default()
    };
    let (tx, _task) = serve(listener, vec![room], limits);
    (url, codes, tx)
}

/// How long [`Peer`] waits for the next message before it gives up.
pub const QUIET: Duration = Duration::from_secs(10);

/// A client that reads the server's messages in order, as the test asks
/// for them; `raw` keeps every text message read so far, as sent.
pub struct Peer {
    pub ws: Ws,
    pub raw: Vec<String>,
}

impl Peer {
    /// A peer on a connection the test opened (and may have written to).
    pub fn new(ws: Ws) -> Peer {
        Peer { ws, raw: Vec::new() }
    }

    /// Connect to `url` and say hello with `code`, under `name` if given.
    /// Reads nothing: the welcome (or refusal) is the test's to read.
    pub async fn join(url: &str, code: &str, name: Option<&str>) -> Peer {
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let mut p = Peer::new(ws);
        p.send(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
            name: name.map(Into::into),
        })
        .await;
        p
    }

    pub async fn send(&mut self, m: &ClientMsg) {
        self.ws
            .send(Message::text(serde_json::to_string(m).unwrap()))
            .await
            .unwrap();
    }

    /// Send any text, valid or not; a closed connection is not an error.
    pub async fn send_raw(&mut self, t: String) {
        let _ = self.ws.send(Message::text(t)).await;
    }

    /// The next message; None if the connection ends or nothing comes
    /// within [`QUIET`].
    pub async fn next(&mut self) -> Option<ServerMsg> {
        loop {
            let frame = tokio::time::timeout(QUIET, self.ws.next()).await.ok()??.ok()?;
            if let Message::Text(t) = frame {
                self.raw.push(t.to_string());
                return Some(serde_json::from_str(&t).unwrap());
            }
        }
    }

    /// Every message that arrives within `d`.
    pub async fn drain(&mut self, d: Duration) -> Vec<ServerMsg> {
        let mut got = Vec::new();
        let end = tokio::time::Instant::now() + d;
        while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(end, self.ws.next()).await {
            if let Message::Text(t) = frame {
                self.raw.push(t.to_string());
                got.push(serde_json::from_str(&t).unwrap());
            }
        }
        got
    }

    /// Read until a message matches; None if the connection ends first or
    /// goes quiet for [`QUIET`].
    pub async fn read_until(&mut self, mut f: impl FnMut(&ServerMsg) -> bool) -> Option<ServerMsg> {
        loop {
            let m = self.next().await?;
            if f(&m) {
                return Some(m);
            }
        }
    }

    /// Read until a message matches; panics if the connection ends first or
    /// goes quiet for [`QUIET`].
    pub async fn until(&mut self, f: impl FnMut(&ServerMsg) -> bool) -> ServerMsg {
        self.read_until(f)
            .await
            .expect("a matching message on an open connection, each within 10 s")
    }

    /// The acknowledgement or error that answers request `id`.
    pub async fn reply(&mut self, id: u64) -> ServerMsg {
        self.until(|m| is_reply(m, id)).await
    }

    /// Send a command as request `id`; the reply to it.
    pub async fn command(&mut self, id: u64, command: Command) -> ServerMsg {
        self.send(&ClientMsg::Command { id, command }).await;
        self.reply(id).await
    }

    /// Read until the welcome; the connection number it gives.
    pub async fn connection(&mut self) -> u64 {
        match self.read_until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
            Some(ServerMsg::Welcome { connection, .. }) => connection,
            other => panic!("no welcome: {other:?}"),
        }
    }
}

/// Whether `m` answers request `id` (an acknowledgement or an error).
pub fn is_reply(m: &ServerMsg, id: u64) -> bool {
    matches!(m, ServerMsg::Ack { id: i } | ServerMsg::Error { id: Some(i), .. } if *i == id)
}
