//! A question through a channel over real websockets: one player asks,
//! the other answers with evidence, the server carries both as commands,
//! and no third player reads them.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ws::{host, Client};
use demarche::engine::{Command, Reply};
use demarche::net::protocol::ServerMsg;
use demarche::scenario::load;

fn asking() -> Arc<demarche::scenario::Scenario> {
    let loaded = load::from_str("asking", include_str!("fixtures/asking.ron"));
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_asked_and_answered_with_evidence_over_the_network() {
    let (url, codes, _stop) = host(asking()).await;
    let mut north = Client::join(&url, &codes.players[0]).await;
    let mut east = Client::join(&url, &codes.players[1]).await;
    let mut cert = Client::join(&url, &codes.players[2]).await;
    let mut vendor = Client::join(&url, &codes.players[3]).await;
    let ask = Command::Act {
        action: "ask".into(),
        target: Some("east".into()),
    };
    north.command(1, ask).await;
    north.wait_for(|m| matches!(m, ServerMsg::Ack { id: 1 })).await;
    for c in [&mut north, &mut east, &mut cert, &mut vendor] {
        c.command(2, Command::Commit).await;
    }
    east.wait_for(|m| matches!(m, ServerMsg::View { view } if view.press.requests.iter().any(|r| r.to_answer)))
        .await;
    north
        .wait_for(|m| matches!(m, ServerMsg::View { view } if view.press.requests.iter().any(|r| !r.to_answer && r.by == "north")))
        .await;
    let wrong = Command::Reply {
        request: 0,
        reply: Reply::Evidence {
            evidence: "sigint".into(),
        },
    };
    east.command(3, wrong).await;
    east.wait_for(|m| matches!(m, ServerMsg::Error { id: Some(3), .. }))
        .await;
    let answer = Command::Reply {
        request: 0,
        reply: Reply::Evidence {
            evidence: "east_logs".into(),
        },
    };
    east.command(4, answer).await;
    east.wait_for(|m| matches!(m, ServerMsg::Ack { id: 4 })).await;
    north
        .wait_for(|m| matches!(m, ServerMsg::View { view } if view.evidence.iter().any(|e| e.id == "east_logs")))
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    for c in [&cert, &vendor] {
        let got = c.got.lock().unwrap().clone();
        assert!(
            !got.iter()
                .any(|t| t.contains("\"requests\"") || t.contains("Eastmark resolver logs")),
            "a third player read the question or its answer"
        );
    }
}
