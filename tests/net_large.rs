//! Long and large games over real websockets: every client gets every
//! message, the whole feed and the whole debrief, and no message grows
//! with the length of the game.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::ws::{host, Client};
use demarche::engine::debrief::TimelineEntry;
use demarche::engine::FeedItem;
use demarche::net::protocol::{Facilitate, Seat, ServerMsg};
use demarche::scenario::load;

/// No message from the server may be larger, however long the game.
const BOUND: usize = 256 * 1024;

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
    white.facilitate(101, Facilitate::Reveal { sections: 7 }).await;
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
    white.facilitate(id + 1, Facilitate::Reveal { sections: 7 }).await;
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

/// The letters of the correspondence a client holds after merging.
fn letters(msgs: &[ServerMsg]) -> Vec<demarche::engine::press_record::Letter> {
    let mut out = Vec::new();
    for m in msgs {
        match m {
            ServerMsg::Letters { items } => out.extend(items.iter().cloned()),
            ServerMsg::Facilitator { state } => {
                assert!(
                    state.debrief.correspondence.is_empty(),
                    "letters come in their own messages"
                )
            }
            ServerMsg::Debrief { debrief } => {
                assert!(debrief.correspondence.is_empty(), "letters come in their own messages")
            }
            _ => {}
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_long_messages_reach_their_readers_and_no_message_grows() {
    let (url, codes, _stop) = host(common::small()).await;
    let mut white = Client::join(&url, &codes.facilitator).await;
    let north = Client::join(&url, &codes.players[0]).await;
    let east = Client::join(&url, &codes.players[1]).await;
    let cert = Client::join(&url, &codes.players[2]).await;
    let body = "We propose talks at the level of officials. ".repeat(44);
    for i in 0..300u64 {
        let m = Facilitate::Message {
            from: "north".into(),
            to: vec!["east".into()],
            text: format!("Letter {i}: {body}"),
        };
        white.facilitate(i + 1, m).await;
    }
    white.wait_for(|m| matches!(m, ServerMsg::Ack { id: 300 })).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The white cell reads every message as it is written.
    assert_eq!(letters(&white.msgs()).len(), 300);
    let last = |c: &Client| {
        c.msgs().iter().rev().find_map(|m| match m {
            ServerMsg::View { view } => Some(view.press.clone()),
            _ => None,
        })
    };
    let press = last(&east).expect("east's view");
    assert!(press.messages.last().is_some_and(|m| m.text.starts_with("Letter 299:")));
    assert_eq!(press.earlier + press.messages.len(), 300);
    let cert_press = last(&cert).expect("the CERT's view");
    assert!(cert_press.messages.is_empty(), "a private letter reached the CERT");
    assert!(!cert.got.lock().unwrap().iter().any(|t| t.contains("Letter 1")));
    white.facilitate(400, Facilitate::EndGame).await;
    for c in [&white, &north, &east, &cert] {
        c.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (who, c) in [
        ("facilitator", &white),
        ("north", &north),
        ("east", &east),
        ("cert", &cert),
    ] {
        // After the game everyone reads the whole correspondence, once.
        let got = letters(&c.msgs());
        assert_eq!(got.len(), 300, "{who} holds {} letters", got.len());
        assert!(got[299].text.starts_with("Letter 299:"));
        assert!(
            c.largest() <= BOUND,
            "{who} was sent a message of {} bytes",
            c.largest()
        );
    }
}
