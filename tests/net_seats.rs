//! Delegations, observers and revoked codes, with real clients on
//! loopback: several people play one actor with one pen, an observer
//! shadows an actor without acting, and a revoked code stops working.

mod common;

use common::ws::{listen, logged_room, serve, Peer};
use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, ErrorCode, Facilitate, ServerMsg};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::Limits;
use demarche::session::log_file;
use demarche::session::room_record::RoomChange;

/// Join as `name`; the welcome is left to read.
async fn join(url: &str, code: &str, name: &str) -> Peer {
    Peer::join(url, code, Some(name)).await
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
    let (room, codes, log) = logged_room(dir.path());
    let observers = room.observer_codes.clone();
    let (listener, url) = listen().await;
    let (tx, _task) = serve(listener, vec![room], Limits::default());
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
    let mut ana = join(&h.url, code, "Ana").await;
    let _ana_id = ana.connection().await;
    let mut ben = join(&h.url, code, "Ben").await;
    let ben_id = ben.connection().await;
    let mut cyd = join(&h.url, code, "Cyd").await;
    cyd.connection().await;
    // All three hold the actor's view, and nobody was sent away.
    for c in [&mut ana, &mut ben, &mut cyd] {
        match c.read_until(|m| matches!(m, ServerMsg::View { .. })).await {
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
        let note = c.read_until(|m| matches!(m, ServerMsg::Note { .. })).await;
        assert!(
            matches!(&note, Some(ServerMsg::Note { name: Some(n), text, .. }) if n == "Cyd" && text == "Protest first?"),
            "{note:?}"
        );
    }
    // Ana passes the pen to Ben, who acts; everyone sees the move.
    ana.send(&ClientMsg::PassPen { id: 3, to: ben_id }).await;
    assert!(matches!(ana.reply(3).await, ServerMsg::Ack { .. }));
    ben.read_until(|m| matches!(m, ServerMsg::Delegation { members, .. } if members.iter().any(|x| x.pen && x.connection == ben_id)))
        .await
        .expect("Ben is told he holds the pen");
    ben.send(&ClientMsg::Command {
        id: 4,
        command: directive(),
    })
    .await;
    assert!(matches!(ben.reply(4).await, ServerMsg::Ack { .. }));
    for c in [&mut ana, &mut cyd] {
        c.read_until(|m| matches!(m, ServerMsg::View { view } if view.orders.len() == 1))
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
    ana.read_until(
        |m| matches!(m, ServerMsg::Delegation { members, .. } if members.len() == 2 && members.iter().any(|x| x.pen)),
    )
    .await
    .expect("the pen passes on");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_observer_sees_the_actors_view_but_cannot_act() {
    let h = host().await;
    let mut eva = join(&h.url, &h.observers[0], "Evaluator").await;
    match eva.read_until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
        Some(ServerMsg::Welcome { role, .. }) => {
            assert_eq!(serde_json::to_value(&role).unwrap()["role"], "observer")
        }
        other => panic!("{other:?}"),
    }
    let view = eva.read_until(|m| matches!(m, ServerMsg::View { .. })).await;
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
    let mut ana = join(&h.url, &h.codes.players[0], "Ana").await;
    ana.read_until(|m| matches!(m, ServerMsg::Delegation { members, .. } if members.iter().any(|x| x.observer)))
        .await
        .expect("the delegation sees its observer");
    ana.send(&ClientMsg::Command {
        id: 3,
        command: directive(),
    })
    .await;
    assert!(matches!(ana.reply(3).await, ServerMsg::Ack { .. }));
    eva.read_until(|m| matches!(m, ServerMsg::View { view } if view.orders.len() == 1))
        .await
        .expect("the observer sees the move");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_code_stops_working_and_its_replacement_is_kept_in_the_log() {
    let h = host().await;
    let mut white = join(&h.url, &h.codes.facilitator, "White cell").await;
    white.connection().await;
    let mut ana = join(&h.url, &h.codes.players[1], "Ana").await;
    ana.connection().await;
    white
        .send(&ClientMsg::Facilitate {
            id: 1,
            command: Facilitate::Revoke { code_of: "east".into() },
        })
        .await;
    let new = match white.read_until(|m| matches!(m, ServerMsg::Code { .. })).await {
        Some(ServerMsg::Code { of, code }) => {
            assert_eq!(of, "east");
            code
        }
        other => panic!("{other:?}"),
    };
    assert!(matches!(white.reply(1).await, ServerMsg::Ack { .. }));
    let bye = ana.read_until(|m| matches!(m, ServerMsg::Bye { .. })).await;
    assert!(format!("{bye:?}").contains("replaced"), "{bye:?}");
    // The old code is refused, the new one admits.
    let mut again = join(&h.url, &h.codes.players[1], "Ana").await;
    let r = again.read_until(|_| true).await;
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
    let mut fresh = join(&h.url, &new, "Ana").await;
    match fresh.read_until(|m| matches!(m, ServerMsg::Welcome { .. })).await {
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
