//! Long and large games over real websockets: every client gets every
//! message, the whole feed and the whole debrief, and no message grows
//! with the length of the game.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use demarche::engine::debrief::TimelineEntry;
use demarche::engine::FeedItem;
use demarche::net::protocol::{ClientMsg, Facilitate, Seat, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::{self, Limits};
use demarche::scenario::{load, Scenario};
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Sink = SplitSink<WebSocketStream<MaybeTlsStream<TcpStream>>, Message>;

/// No message from the server may be larger, however long the game.
const BOUND: usize = 256 * 1024;

/// A client whose every message (raw, as sent) is collected in the background.
struct Client {
    sink: Sink,
    got: Arc<Mutex<Vec<String>>>,
}

impl Client {
    async fn join(url: &str, code: &str) -> Client {
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

    async fn facilitate(&mut self, id: u64, command: Facilitate) {
        let m = ClientMsg::Facilitate { id, command };
        self.sink
            .send(Message::text(serde_json::to_string(&m).unwrap()))
            .await
            .unwrap();
    }

    fn msgs(&self) -> Vec<ServerMsg> {
        let got = self.got.lock().unwrap();
        assert!(!got.iter().any(|t| t == "closed"), "the server closed the connection");
        got.iter().map(|t| serde_json::from_str(t).unwrap()).collect()
    }

    fn largest(&self) -> usize {
        self.got.lock().unwrap().iter().map(String::len).max().unwrap_or(0)
    }

    /// Wait (up to 20 s) until a message matches.
    async fn wait_for(&self, f: impl Fn(&ServerMsg) -> bool) {
        for _ in 0..400 {
            if self.msgs().iter().any(&f) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no such message within 20 s");
    }
}

/// What a client holds after merging everything it was sent, as the
/// bundled client does: the feed (newest first) and the debrief's timeline.
fn merged(msgs: &[ServerMsg]) -> (Vec<FeedItem>, Vec<TimelineEntry>, bool) {
    let (mut feed, mut timeline, mut debrief) = (Vec::new(), Vec::new(), false);
    for m in msgs {
        match m {
            ServerMsg::View { view } if !view.feed.is_empty() => feed = view.feed.clone(),
            ServerMsg::Public { view } if !view.feed.is_empty() => feed = view.feed.clone(),
            ServerMsg::FeedPage { items } => feed.extend(items.iter().cloned()),
            ServerMsg::Events { items } => {
                for i in items {
                    feed.insert(0, i.clone());
                }
            }
            ServerMsg::Timeline { items } => timeline.extend(items.iter().cloned()),
            ServerMsg::Debrief { debrief: d } => {
                assert!(d.timeline.is_empty(), "the timeline comes in its own messages");
                debrief = true;
            }
            _ => {}
        }
    }
    (feed, timeline, debrief)
}

async fn host(scenario: Arc<Scenario>) -> (String, RoomCodes, tokio::sync::oneshot::Sender<()>) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seventy_five_long_injects_reach_everyone_with_the_whole_feed_and_debrief() {
    let (url, codes, _stop) = host(common::small()).await;
    let mut white = Client::join(&url, &codes.facilitator).await;
    let screen = Client::join(&url, &codes.spectator).await;
    let north = Client::join(&url, &codes.players[0]).await;
    let text = "A long inject from the white cell. ".repeat(110);
    for i in 0..75u64 {
        let inject = Facilitate::Inject {
            headline: format!("News item {i}"),
            text: text.clone(),
            audience: vec![],
        };
        white.facilitate(i + 1, inject).await;
    }
    white.facilitate(100, Facilitate::EndGame).await;
    // The projector shows the debrief once the white cell reveals it.
    white.facilitate(101, Facilitate::Reveal { sections: 6 }).await;
    for c in [&white, &screen, &north] {
        c.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    }
    // Someone joining at the end gets the whole feed too.
    let east = Client::join(&url, &codes.players[1]).await;
    east.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (who, c, feed_too) in [
        ("facilitator", &white, false),
        ("spectator", &screen, true),
        ("player", &north, true),
        ("late player", &east, true),
    ] {
        let (feed, timeline, debrief) = merged(&c.msgs());
        assert!(debrief, "{who} got no debrief");
        // An inject's headline is marked as news from the white cell.
        let injects = |heads: Vec<&str>| {
            (0..75).all(|i| {
                let head = format!("News item {i}");
                heads.iter().any(|h| *h == head || h.ends_with(&format!(": {head}")))
            })
        };
        assert!(
            injects(timeline.iter().map(|t| t.headline.as_str()).collect()),
            "{who}'s timeline lacks injects"
        );
        if feed_too {
            assert!(
                injects(feed.iter().map(|t| t.headline.as_str()).collect()),
                "{who}'s feed lacks injects"
            );
        }
        assert!(
            c.largest() <= BOUND,
            "{who} was sent a message of {} bytes",
            c.largest()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thirty_two_actor_forty_turn_game_ends_with_a_debrief_for_everyone() {
    let loaded = load::from_str("big32", include_str!("fixtures/big32.ron"));
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    let scenario = Arc::new(loaded.scenario.unwrap());
    let ids: Vec<String> = scenario.file.actors.iter().map(|a| a.id.clone()).collect();
    let (url, codes, _stop) = host(scenario).await;
    let mut white = Client::join(&url, &codes.facilitator).await;
    let screen = Client::join(&url, &codes.spectator).await;
    let mut id = 0;
    for actor in &ids {
        id += 1;
        let seat = Seat::Bot {
            policy: demarche::bots::Policy::Cautious,
        };
        white
            .facilitate(
                id,
                Facilitate::SetSeat {
                    actor: actor.clone(),
                    seat,
                },
            )
            .await;
    }
    // Each accepted facilitator command lets the bots play a turn.
    for _ in 0..60 {
        if white.msgs().iter().any(|m| matches!(m, ServerMsg::Debrief { .. })) {
            break;
        }
        id += 1;
        white
            .facilitate(
                id,
                Facilitate::OnTimeout {
                    then: demarche::net::protocol::Timeout::NoMove,
                },
            )
            .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    white.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    white.facilitate(9_999, Facilitate::Reveal { sections: 6 }).await;
    screen.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    let late = Client::join(&url, &codes.spectator).await;
    late.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, full, _) = merged(&white.msgs());
    assert!(full.len() > 100, "{} timeline entries", full.len());
    for (who, c) in [
        ("facilitator", &white),
        ("spectator", &screen),
        ("late spectator", &late),
    ] {
        let (_, timeline, debrief) = merged(&c.msgs());
        assert!(debrief, "{who} got no debrief");
        assert_eq!(timeline, full, "{who}'s timeline differs");
        assert!(
            c.largest() <= BOUND,
            "{who} was sent a message of {} bytes",
            c.largest()
        );
    }
}
