//! Multiplayer over real websockets on loopback: a whole game, no leaks,
//! reconnects, bad input, and commands for another actor refused.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ws::{listen, logged_room, serve, Peer as Client};
use demarche::engine::{Command, GameLog};
use demarche::net::protocol::{ClientMsg, ErrorCode, Facilitate, Role, Seat, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::Limits;
use demarche::session::log_file;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// Join as "tester"; the welcome is left to read.
async fn join(url: &str, code: &str) -> Client {
    Client::join(url, code, Some("tester")).await
}

struct Hosted {
    url: String,
    codes: RoomCodes,
    log: std::path::PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

async fn host(limits: Limits) -> Hosted {
    let dir = tempfile::tempdir().unwrap();
    let (room, codes, log) = logged_room(dir.path());
    let (listener, url) = listen().await;
    let (tx, _task) = serve(listener, vec![room], limits);
    Hosted {
        url,
        codes,
        log,
        stop: Some(tx),
        _dir: dir,
    }
}

fn is_view(m: &ServerMsg) -> bool {
    matches!(m, ServerMsg::View { .. })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_and_bots_play_a_whole_game_without_leaks() {
    let h = host(Limits::default()).await;
    let mut white = join(&h.url, &h.codes.facilitator).await;
    white.until(|m| matches!(m, ServerMsg::Facilitator { .. })).await;
    for (i, actor) in ["cert", "vendor"].iter().enumerate() {
        white
            .send(&ClientMsg::Facilitate {
                id: i as u64 + 1,
                command: Facilitate::SetSeat {
                    actor: actor.to_string(),
                    seat: Seat::Bot {
                        policy: demarche::bots::Policy::Cautious,
                    },
                },
            })
            .await;
        white.until(|m| matches!(m, ServerMsg::Ack { .. })).await;
    }
    let mut north = join(&h.url, &h.codes.players[0]).await;
    let mut east = join(&h.url, &h.codes.players[1]).await;
    let mut screen = join(&h.url, &h.codes.spectator).await;
    match north.until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
        ServerMsg::Welcome { role, .. } => assert_eq!(role, Role::Player { actor: "north".into() }),
        _ => unreachable!(),
    }
    north.until(is_view).await;
    east.until(is_view).await;
    screen.until(|m| matches!(m, ServerMsg::Public { .. })).await;
    // A move, then commits each turn until the debrief arrives.
    let r = north
        .command(
            100,
            Command::Act {
                action: "protest".into(),
                target: Some("east".into()),
            },
        )
        .await;
    assert!(matches!(r, ServerMsg::Ack { id: 100 }), "{r:?}");
    let mut id = 200;
    let mut over = false;
    for _ in 0..10 {
        for c in [&mut north, &mut east] {
            id += 1;
            let r = c.command(id, Command::Commit).await;
            if let ServerMsg::Error { message, .. } = &r {
                assert!(message.contains("over"), "{message}");
                over = true;
            }
        }
        if over {
            break;
        }
    }
    // The projector shows the debrief once the white cell reveals it.
    white
        .send(&ClientMsg::Facilitate {
            id: 9_999,
            command: Facilitate::Reveal { sections: 7 },
        })
        .await;
    for c in [&mut north, &mut east, &mut screen] {
        if !c.raw.iter().any(|t| t.contains("\"type\":\"debrief\"")) {
            c.until(|m| matches!(m, ServerMsg::Debrief { .. })).await;
        }
    }
    // No leaks: compare every message with what each actor could know.
    let (log, _) = log_file::read(&h.log).unwrap();
    let game = log.replay().unwrap();
    assert!(game.is_over());
    let s = game.scenario();
    for (client, who) in [(&north, Some(0usize)), (&east, Some(1)), (&screen, None)] {
        // Everything before the debrief.
        let before: Vec<&String> = client
            .raw
            .iter()
            .take_while(|t| !t.contains("\"type\":\"debrief\""))
            .collect();
        let text = before.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n");
        for (a, actor) in s.file.actors.iter().enumerate() {
            if Some(a) != who {
                for secret in &actor.secret_objectives {
                    assert!(
                        !text.contains(secret.text.as_str()),
                        "{who:?} received {}'s objective",
                        actor.id
                    );
                }
            }
        }
        for (e, ev) in s.file.evidence.iter().enumerate() {
            let known = match who {
                Some(a) => game.state().holds(a, e),
                None => ev.tlp == demarche::scenario::schema::Tlp::Clear && (0..4).all(|a| game.state().holds(a, e)),
            };
            if !known {
                assert!(
                    !text.contains(ev.text.as_str()),
                    "{who:?} received the text of {}",
                    ev.id
                );
            }
        }
        assert!(
            !text.contains("\"genuine\""),
            "nobody is told which evidence is genuine"
        );
    }
    let _ = h.stop;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnecting_gets_the_actor_back_and_a_second_facilitator_replaces_the_first() {
    let h = host(Limits::default()).await;
    let mut first = join(&h.url, &h.codes.players[0]).await;
    first.until(is_view).await;
    let r = first.command(1, common::act("directive", None)).await;
    assert!(matches!(r, ServerMsg::Ack { .. }));
    drop(first);
    let mut second = join(&h.url, &h.codes.players[0]).await;
    match second.until(is_view).await {
        ServerMsg::View { view } => {
            assert_eq!(view.actor, "north");
            assert_eq!(view.orders.len(), 1, "the move chosen before is still there");
        }
        _ => unreachable!(),
    }
    let mut white = join(&h.url, &h.codes.facilitator).await;
    white.until(|m| matches!(m, ServerMsg::Facilitator { .. })).await;
    let _white2 = join(&h.url, &h.codes.facilitator).await;
    match white.until(|m| matches!(m, ServerMsg::Bye { .. })).await {
        ServerMsg::Bye { reason } => assert!(reason.contains("another connection"), "{reason}"),
        _ => unreachable!(),
    }
}

/// A joined connection moves to its room's thread; what the client sent
/// right behind its `hello` must move with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_sent_with_the_hello_is_not_lost() {
    let h = host(Limits::default()).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(&h.url).await.unwrap();
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: h.codes.players[0].clone(),
        name: None,
    };
    let act = ClientMsg::Command {
        id: 7,
        command: Command::Act {
            action: "directive".into(),
            target: None,
        },
    };
    for m in [&hello, &act] {
        ws.feed(Message::text(serde_json::to_string(m).unwrap())).await.unwrap();
    }
    ws.flush().await.unwrap();
    let mut c = Client::new(ws);
    assert!(matches!(c.next().await, Some(ServerMsg::Welcome { .. })));
    let acked = c
        .until(|m| matches!(m, ServerMsg::Ack { .. } | ServerMsg::Error { .. }))
        .await;
    assert!(matches!(acked, ServerMsg::Ack { id: 7 }), "{acked:?}");
    match c.until(is_view).await {
        ServerMsg::View { view } => assert_eq!(view.orders.len(), 1, "the move is in the view"),
        _ => unreachable!(),
    }
}

fn waiting(m: &ServerMsg) -> Option<Vec<String>> {
    match m {
        ServerMsg::Waiting { actors } => Some(actors.clone()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_is_waiting_is_told_once_for_commits_that_come_together() {
    let h = host(Limits::default()).await;
    let mut players = Vec::new();
    for code in &h.codes.players {
        let mut c = join(&h.url, code).await;
        c.until(is_view).await;
        players.push(c);
    }
    // One commit: the others hear who is left.
    let r = players[0].command(1, Command::Commit).await;
    assert!(matches!(r, ServerMsg::Ack { id: 1 }), "{r:?}");
    let told = players[3].until(|m| waiting(m).is_some()).await;
    assert_eq!(waiting(&told).unwrap(), ["east", "cert", "vendor"]);
    // Two commits together: one `waiting`, with both gone from it.
    for (i, c) in players[1..3].iter_mut().enumerate() {
        c.send(&ClientMsg::Command {
            id: 10 + i as u64,
            command: Command::Commit,
        })
        .await;
    }
    let got = players[3].drain(Duration::from_millis(600)).await;
    let lists: Vec<Vec<String>> = got.iter().filter_map(waiting).collect();
    assert_eq!(lists, [["vendor"]], "{got:?}");
    // The last commit resolves the turn: the new view says who is waiting,
    // and no `waiting` about the old turn follows it.
    let r = players[3].command(20, Command::Commit).await;
    assert!(matches!(r, ServerMsg::Ack { id: 20 }), "{r:?}");
    let got = players[0].drain(Duration::from_millis(600)).await;
    let view = got.iter().rev().find_map(|m| match m {
        ServerMsg::View { view } => Some(view),
        _ => None,
    });
    let view = view.expect("a new view");
    assert_eq!(view.turn, 2);
    assert_eq!(view.waiting_for.len(), 4);
    let after: Vec<&ServerMsg> = got.iter().skip_while(|m| !is_view(m)).collect();
    assert!(after.iter().all(|m| waiting(m).is_none()), "{after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_an_error_and_the_others_carry_on() {
    let limits = Limits {
        bad_drop: 3,
        ..Limits::default()
    };
    let h = host(limits).await;
    let mut good = join(&h.url, &h.codes.players[1]).await;
    good.until(is_view).await;
    let mut bad = join(&h.url, &h.codes.players[0]).await;
    bad.until(is_view).await;
    bad.send_raw("this is not json".into()).await;
    match bad.until(|m| matches!(m, ServerMsg::Error { .. })).await {
        ServerMsg::Error { code, .. } => assert_eq!(code, ErrorCode::BadMessage),
        _ => unreachable!(),
    }
    bad.send_raw(r#"{"type":"launch_missiles"}"#.into()).await;
    bad.until(|m| {
        matches!(
            m,
            ServerMsg::Error {
                code: ErrorCode::BadMessage,
                ..
            }
        )
    })
    .await;
    // Acting as another actor: the protocol has no field for it.
    bad.send_raw(r#"{"type":"command","id":5,"actor":"east","command":{"type":"commit"}}"#.into())
        .await;
    bad.until(|m| {
        matches!(
            m,
            ServerMsg::Error {
                code: ErrorCode::BadMessage,
                ..
            }
        )
    })
    .await;
    // A player may not use the facilitator's powers.
    bad.send(&ClientMsg::Facilitate {
        id: 6,
        command: Facilitate::EndGame,
    })
    .await;
    bad.until(|m| {
        matches!(
            m,
            ServerMsg::Error {
                code: ErrorCode::NotAllowed,
                ..
            }
        )
    })
    .await;
    // An oversized frame closes that connection only.
    bad.send_raw("x".repeat(100 * 1024)).await;
    let mut closed = false;
    for _ in 0..10 {
        match bad.next().await {
            None => {
                closed = true;
                break;
            }
            Some(ServerMsg::Error {
                code: ErrorCode::TooLarge,
                ..
            }) => {}
            Some(_) => {}
        }
    }
    assert!(closed, "an oversized message drops the connection");
    good.send(&ClientMsg::Ping { id: 77 }).await;
    good.until(|m| matches!(m, ServerMsg::Pong { id: 77 })).await;
    let r = good.command(8, Command::Commit).await;
    assert!(matches!(r, ServerMsg::Ack { id: 8 }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_and_versions_are_refused_and_floods_are_limited() {
    let limits = Limits {
        rate: 5.0,
        burst: 5.0,
        flood_drop: 20,
        ..Limits::default()
    };
    let h = host(limits).await;
    let mut nobody = join(&h.url, "abcd-efgh-jkmn-pqrs-tuvw-xyz0").await;
    assert!(matches!(
        nobody.next().await,
        Some(ServerMsg::Error {
            code: ErrorCode::BadCode,
            ..
        })
    ));
    let (mut ws, _) = tokio_tungstenite::connect_async(&h.url).await.unwrap();
    let hello = ClientMsg::Hello {
        protocol: 99,
        code: h.codes.spectator.clone(),
        name: None,
    };
    ws.send(Message::text(serde_json::to_string(&hello).unwrap()))
        .await
        .unwrap();
    let frame = ws.next().await.unwrap().unwrap();
    assert!(frame.to_text().unwrap().contains("protocol"), "{frame}");
    let mut flood = join(&h.url, &h.codes.players[2]).await;
    flood.until(is_view).await;
    for i in 0..60 {
        flood.send_raw(format!(r#"{{"type":"ping","id":{i}}}"#)).await;
    }
    flood
        .until(|m| {
            matches!(
                m,
                ServerMsg::Error {
                    code: ErrorCode::RateLimited,
                    ..
                }
            )
        })
        .await;
    flood.until(|m| matches!(m, ServerMsg::Bye { .. })).await;
}

#[test]
fn a_room_log_resumes_with_every_acknowledged_move() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (log_path, dir) = rt.block_on(async {
        let h = host(Limits::default()).await;
        let mut north = join(&h.url, &h.codes.players[0]).await;
        north.until(is_view).await;
        let r = north
            .command(
                1,
                Command::Act {
                    action: "directive".into(),
                    target: None,
                },
            )
            .await;
        assert!(matches!(r, ServerMsg::Ack { .. }));
        let r = north.command(2, Command::Commit).await;
        assert!(matches!(r, ServerMsg::Ack { .. }));
        // The facilitator's settings are kept too.
        let mut white = join(&h.url, &h.codes.facilitator).await;
        white.until(|m| matches!(m, ServerMsg::Facilitator { .. })).await;
        let settings = [
            Facilitate::SetTimer { seconds: 90 },
            Facilitate::OnTimeout {
                then: demarche::net::protocol::Timeout::Bot,
            },
            Facilitate::Pause,
        ];
        for (id, command) in settings.into_iter().enumerate() {
            white.send(&ClientMsg::Facilitate { id: id as u64, command }).await;
            let i = id as u64;
            white.until(|m| matches!(m, ServerMsg::Ack { id } if *id == i)).await;
        }
        (h.log.clone(), h._dir)
    });
    // The runtime is dropped without any shutdown: as abrupt as it gets in-process.
    drop(rt);
    // The dropped room lives on its shard's thread until that thread lets it go,
    // and holds the log's lock until then (a real kill -9 frees it at once):
    // wait for it, a bounded number of times.
    let mut tries = 0;
    let room = loop {
        let (log, notes): (GameLog, _) = log_file::read(&log_path).unwrap();
        match Room::resume(log, &notes, log_path.clone()) {
            Ok(room) => break room,
            Err(e) if e.contains("in use") && tries < 200 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => panic!("resume failed: {e}"),
        }
    };
    let f = &room.game.scenario().file;
    let north = room.game.actor_index("north").unwrap();
    assert!(!room.game.waiting_for().contains(&north), "north's commit survived");
    assert_eq!(room.codes.players.len(), f.actors.len());
    let mut room = room;
    let out = room.join(1, Role::Facilitator, None, None, std::time::Instant::now());
    let state = out.iter().find_map(|(_, m)| match m {
        ServerMsg::Facilitator { state } => Some(state),
        _ => None,
    });
    let state = state.expect("the facilitator's picture");
    assert!(state.paused, "still paused");
    assert_eq!(state.turn_seconds, Some(90));
    assert_eq!(state.on_timeout, demarche::net::protocol::Timeout::Bot);
    assert!(state.seats[room.game.actor_index("north").unwrap()].committed);
    drop(dir);
    let _ = Arc::new(());
}

#[test]
fn when_the_clock_runs_out_only_that_turn_resolves() {
    use demarche::net::protocol::Timeout;
    use std::time::Instant;
    let codes = RoomCodes {
        players: (0..4).map(|i| format!("p{i}")).collect(),
        facilitator: "f".into(),
        spectator: "s".into(),
    };
    for then in [Timeout::NoMove, Timeout::Bot] {
        let timer = demarche::session::log_file::Setup {
            turn_timer: Some(1),
            ..Default::default()
        };
        let mut room = Room::new_with(1, common::small(), 3, codes.clone(), None, timer).unwrap();
        let now = Instant::now();
        room.start(now);
        room.join(1, Role::Facilitator, None, None, now);
        // The clock runs once a player is there.
        room.join(2, Role::Player { actor: "north".into() }, Some(0), None, now);
        room.handle(
            1,
            ClientMsg::Facilitate {
                id: 1,
                command: Facilitate::OnTimeout { then },
            },
            now,
        );
        assert_eq!(room.game.turn(), 1);
        room.tick(now + Duration::from_secs(2));
        assert_eq!(room.game.turn(), 2, "{then:?}: exactly one turn resolved");
    }
}
