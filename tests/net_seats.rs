//! Delegations, observers and revoked codes, with real clients on
//! loopback: several people play one actor with one pen, an observer
//! shadows an actor without acting, and a revoked code stops working.

mod common;

use std::time::Duration;

use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, ErrorCode, Facilitate, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::{self, Limits};
use demarche::session::log_file;
use demarche::session::room_record::RoomChange;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    async fn join(url: &str, code: &str, name: &str) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let mut c = Client { ws };
        c.send(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
            name: Some(name.into()),
        })
        .await;
        c
    }
    async fn send(&mut self, m: &ClientMsg) {
        self.ws
            .send(Message::text(serde_json::to_string(m).unwrap()))
            .await
            .unwrap();
    }
    /// Read until a message matches; None if the connection ends first.
    async fn until(&mut self, f: impl Fn(&ServerMsg) -> bool) -> Option<ServerMsg> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), self.ws.next())
                .await
                .ok()??
                .ok()?;
            if let Message::Text(t) = frame {
                let m: ServerMsg = serde_json::from_str(&t).unwrap();
                if f(&m) {
                    return Some(m);
                }
            }
        }
    }
    async fn reply(&mut self, id: u64) -> ServerMsg {
        self.until(|m| matches!(m, ServerMsg::Ack { id: i } | ServerMsg::Error { id: Some(i), .. } if *i == id))
            .await
            .expect("a reply")
    }
    async fn connection(&mut self) -> u64 {
        match self.until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
            Some(ServerMsg::Welcome { connection, .. }) => connection,
            other => panic!("no welcome: {other:?}"),
        }
    }
}

fn directive() -> Command {
    Command::Act {
        action: "directive".into(),
        target: None,
    }
}

fn refused(m: &ServerMsg, code: ErrorCode) -> bool {
    matches!(m, ServerMsg::Error { code: c, .. } if *c == code)
}

struct Hosted {
    url: String,
    codes: RoomCodes,
    observers: Vec<String>,
    log: std::path::PathBuf,
    _stop: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

async fn host() -> Hosted {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("room-1.log");
    let codes = RoomCodes {
        players: (0..4).map(|_| demarche::net::codes::new_code()).collect(),
        facilitator: demarche::net::codes::new_code(),
        spectator: demarche::net::codes::new_code(),
    };
    let room = Room::new(1, common::small(), 9, codes.clone(), Some(log.clone())).unwrap();
    let observers = room.observer_codes.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::run(listener, vec![room], Limits::default(), async move {
        let _ = rx.await;
    }));
    Hosted {
        url,
        codes,
        observers,
        log,
        _stop: tx,
        _dir: dir,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_people_play_one_actor_and_only_the_pen_holder_acts() {
    let h = host().await;
    let code = &h.codes.players[0];
    let mut ana = Client::join(&h.url, code, "Ana").await;
    let _ana_id = ana.connection().await;
    let mut ben = Client::join(&h.url, code, "Ben").await;
    let ben_id = ben.connection().await;
    let mut cyd = Client::join(&h.url, code, "Cyd").await;
    cyd.connection().await;
    // All three hold the actor's view, and nobody was sent away.
    for c in [&mut ana, &mut ben, &mut cyd] {
        match c.until(|m| matches!(m, ServerMsg::View { .. })).await {
            Some(ServerMsg::View { view }) => assert_eq!(view.actor, "north"),
            other => panic!("{other:?}"),
        }
    }
    // The first to come holds the pen; the others may not act.
    ben.send(&ClientMsg::Command {
        id: 1,
        command: directive(),
    })
    .await;
    let r = ben.reply(1).await;
    assert!(refused(&r, ErrorCode::NotAllowed), "{r:?}");
    assert!(format!("{r:?}").contains("Ana holds"), "{r:?}");
    // Cyd drafts a note: the whole delegation reads it.
    cyd.send(&ClientMsg::Note {
        id: 2,
        text: "Protest first?".into(),
    })
    .await;
    assert!(matches!(cyd.reply(2).await, ServerMsg::Ack { .. }));
    for c in [&mut ana, &mut ben] {
        let note = c.until(|m| matches!(m, ServerMsg::Note { .. })).await;
        assert!(
            matches!(&note, Some(ServerMsg::Note { name: Some(n), text, .. }) if n == "Cyd" && text == "Protest first?"),
            "{note:?}"
        );
    }
    // Ana passes the pen to Ben, who acts; everyone sees the move.
    ana.send(&ClientMsg::PassPen { id: 3, to: ben_id }).await;
    assert!(matches!(ana.reply(3).await, ServerMsg::Ack { .. }));
    ben.until(|m| matches!(m, ServerMsg::Delegation { members, .. } if members.iter().any(|x| x.pen && x.connection == ben_id)))
        .await
        .expect("Ben is told he holds the pen");
    ben.send(&ClientMsg::Command {
        id: 4,
        command: directive(),
    })
    .await;
    assert!(matches!(ben.reply(4).await, ServerMsg::Ack { .. }));
    for c in [&mut ana, &mut cyd] {
        c.until(|m| matches!(m, ServerMsg::View { view } if view.orders.len() == 1))
            .await
            .expect("the delegation sees the move");
    }
    ana.send(&ClientMsg::Command {
        id: 5,
        command: Command::Commit,
    })
    .await;
    assert!(refused(&ana.reply(5).await, ErrorCode::NotAllowed));
    // When the pen holder leaves, the pen passes on.
    drop(ben);
    ana.until(
        |m| matches!(m, ServerMsg::Delegation { members, .. } if members.len() == 2 && members.iter().any(|x| x.pen)),
    )
    .await
    .expect("the pen passes on");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_observer_sees_the_actors_view_but_cannot_act() {
    let h = host().await;
    let mut eva = Client::join(&h.url, &h.observers[0], "Evaluator").await;
    match eva.until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
        Some(ServerMsg::Welcome { role, .. }) => {
            assert_eq!(serde_json::to_value(&role).unwrap()["role"], "observer")
        }
        other => panic!("{other:?}"),
    }
    let view = eva.until(|m| matches!(m, ServerMsg::View { .. })).await;
    assert!(
        matches!(&view, Some(ServerMsg::View { view }) if view.actor == "north" && !view.secret_objectives.is_empty()),
        "{view:?}"
    );
    eva.send(&ClientMsg::Command {
        id: 1,
        command: directive(),
    })
    .await;
    assert!(refused(&eva.reply(1).await, ErrorCode::NotAllowed));
    eva.send(&ClientMsg::Note {
        id: 2,
        text: "hello".into(),
    })
    .await;
    assert!(refused(&eva.reply(2).await, ErrorCode::NotAllowed));
    // The player sees the observer among those with the view, and still acts.
    let mut ana = Client::join(&h.url, &h.codes.players[0], "Ana").await;
    ana.until(|m| matches!(m, ServerMsg::Delegation { members, .. } if members.iter().any(|x| x.observer)))
        .await
        .expect("the delegation sees its observer");
    ana.send(&ClientMsg::Command {
        id: 3,
        command: directive(),
    })
    .await;
    assert!(matches!(ana.reply(3).await, ServerMsg::Ack { .. }));
    eva.until(|m| matches!(m, ServerMsg::View { view } if view.orders.len() == 1))
        .await
        .expect("the observer sees the move");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_code_stops_working_and_its_replacement_is_kept_in_the_log() {
    let h = host().await;
    let mut white = Client::join(&h.url, &h.codes.facilitator, "White cell").await;
    white.connection().await;
    let mut ana = Client::join(&h.url, &h.codes.players[1], "Ana").await;
    ana.connection().await;
    white
        .send(&ClientMsg::Facilitate {
            id: 1,
            command: Facilitate::Revoke { code_of: "east".into() },
        })
        .await;
    let new = match white.until(|m| matches!(m, ServerMsg::Code { .. })).await {
        Some(ServerMsg::Code { of, code }) => {
            assert_eq!(of, "east");
            code
        }
        other => panic!("{other:?}"),
    };
    assert!(matches!(white.reply(1).await, ServerMsg::Ack { .. }));
    let bye = ana.until(|m| matches!(m, ServerMsg::Bye { .. })).await;
    assert!(format!("{bye:?}").contains("replaced"), "{bye:?}");
    // The old code is refused, the new one admits.
    let mut again = Client::join(&h.url, &h.codes.players[1], "Ana").await;
    let r = again.until(|_| true).await;
    assert!(
        matches!(
            &r,
            Some(ServerMsg::Error {
                code: ErrorCode::BadCode,
                ..
            })
        ),
        "{r:?}"
    );
    let mut fresh = Client::join(&h.url, &new, "Ana").await;
    match fresh.until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
        Some(ServerMsg::Welcome { role, .. }) => assert_eq!(serde_json::to_value(&role).unwrap()["actor"], "east"),
        other => panic!("{other:?}"),
    }
    // The revoke is one more record of the log, with who made it, and a
    // room restored from the log admits the new code, not the old.
    let (_, notes) = log_file::read(&h.log).unwrap();
    let revoke = notes
        .records
        .iter()
        .find(|r| matches!(&r.room, RoomChange::Revoke { of, .. } if of == "east"))
        .expect("a revoke record");
    assert_eq!(revoke.by.as_deref(), Some("White cell"));
    assert!(revoke.at.is_some());
    let copy = h.log.with_extension("copy");
    std::fs::copy(&h.log, &copy).unwrap();
    let (log, notes) = log_file::read(&copy).unwrap();
    let room = Room::resume(log, &notes, copy).unwrap();
    assert_eq!(room.codes.players[1], new);
    assert_eq!(room.setup().codes, {
        let mut expected = notes.setup.unwrap().codes;
        for (of, code) in &mut expected {
            if of == "east" {
                code.clone_from(&new);
            }
        }
        expected
    });
    // Unknown seats are refused.
    white
        .send(&ClientMsg::Facilitate {
            id: 2,
            command: Facilitate::Revoke {
                code_of: "nobody".into(),
            },
        })
        .await;
    assert!(refused(&white.reply(2).await, ErrorCode::Rejected));
}
