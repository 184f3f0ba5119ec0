//! A websocket client for tests that collects every message the server
//! sends (raw, as sent), and a server with one room on 127.0.0.1.
#![allow(dead_code)]

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

pub type Sink = SplitSink<WebSocketStream<MaybeTlsStream<TcpStream>>, Message>;

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

/// A server with one room of `scenario` (seed 5), its codes, and a sender
/// that stops it.
pub async fn host(scenario: Arc<Scenario>) -> (String, RoomCodes, tokio::sync::oneshot::Sender<()>) {
    let n = scenario.actor_count();
    let codes = RoomCodes {
        players: (0..n).map(|_| demarche::net::codes::new_code()).collect(),
        facilitator: demarche::net::codes::new_code(),
        spectator: demarche::net::codes::new_code(),
    };
    let room = Room::new(1, scenario, 5, codes.clone(), None).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let limits = Limits {
        rate: 1000.0,
        burst: 1000.0,
        ..Limits::default()
    };
    tokio::spawn(server::run(listener, vec![room], limits, async move {
        let _ = rx.await;
    }));
    (url, codes, tx)
}
