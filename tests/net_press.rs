//! Two people negotiate over real websockets: a mutual restraint and a
//! joint statement, proposed and answered as commands, with the white cell
//! reading along; the debrief everyone gets shows the promise, the joint
//! statement and the letters, and no third actor read them.

mod common;

use std::time::Duration;

use common::ws::{host, Client};
use demarche::bots::Policy;
use demarche::engine::{Command, ProposalRef, Terms};
use demarche::net::protocol::{Facilitate, Seat, ServerMsg};
use demarche::scenario::schema::{Confidence, Layer};

/// The latest debrief a client holds, with the letters sent after it.
fn debrief(c: &Client) -> Option<demarche::engine::debrief::Debrief> {
    let msgs = c.msgs();
    let mut d = msgs.iter().rev().find_map(|m| match m {
        ServerMsg::Debrief { debrief } => Some((**debrief).clone()),
        _ => None,
    })?;
    for m in &msgs {
        if let ServerMsg::Letters { items } = m {
            d.correspondence.extend(items.iter().cloned());
        }
    }
    Some(d)
}

fn turn(c: &Client) -> u32 {
    c.msgs()
        .iter()
        .rev()
        .find_map(|m| match m {
            ServerMsg::View { view } => Some(view.turn),
            _ => None,
        })
        .unwrap_or(0)
}

async fn wait_turn(c: &Client, t: u32) {
    for _ in 0..200 {
        if turn(c) >= t {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("turn {t} never came");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_players_negotiate_a_restraint_and_a_joint_statement_and_see_them_in_the_debrief() {
    let (url, codes, _stop) = host(common::small()).await;
    let mut white = Client::join(&url, &codes.facilitator).await;
    let mut north = Client::join(&url, &codes.players[0]).await;
    let mut east = Client::join(&url, &codes.players[1]).await;
    let cert = Client::join(&url, &codes.players[2]).await;
    let mut vendor = Client::join(&url, &codes.players[3]).await;
    // The CERT's player watches and a bot moves for it.
    let seat = Seat::Bot {
        policy: Policy::Cautious,
    };
    white
        .facilitate(
            1,
            Facilitate::SetSeat {
                actor: "cert".into(),
                seat,
            },
        )
        .await;
    let restraint = Command::Offer {
        to: "east".into(),
        terms: Terms::Restraint { turns: 3 },
        text: "Neither of us escalates while we investigate.".into(),
    };
    north.command(1, restraint).await;
    let joint = Command::Offer {
        to: "vendor".into(),
        terms: Terms::JointStatement {
            suspect: "turtle".into(),
            confidence: Confidence::Low,
            // A company signs what it can say: the group, not the state.
            layer: Some(Layer::Group),
        },
        text: "Will you name them with us?".into(),
    };
    north.command(2, joint).await;
    north.wait_for(|m| matches!(m, ServerMsg::Ack { id: 2 })).await;
    east.wait_for(|m| matches!(m, ServerMsg::View { view } if !view.press.proposals.is_empty()))
        .await;
    let answer = |proposal, text: &str| Command::Answer {
        proposal,
        accept: true,
        text: text.into(),
        because: None,
    };
    east.command(1, answer(ProposalRef::Deal(0), "Agreed, for three turns."))
        .await;
    east.wait_for(|m| matches!(m, ServerMsg::Ack { id: 1 })).await;
    // The answer reaches North within the turn, as a message and a view.
    north
        .wait_for(|m| matches!(m, ServerMsg::View { view } if view.turn == 1 && view.press.messages.iter().any(|x| x.text == "Agreed, for three turns.")))
        .await;
    // A joint statement is proposed at the end of the turn; its signers
    // sign during the next, and it is made at the end of that one.
    for c in [&mut north, &mut east, &mut vendor] {
        c.command(11, Command::Commit).await;
    }
    wait_turn(&north, 2).await;
    vendor
        .wait_for(|m| matches!(m, ServerMsg::View { view } if !view.press.proposals.is_empty()))
        .await;
    vendor.command(12, answer(ProposalRef::Joint(0), "We sign.")).await;
    vendor.wait_for(|m| matches!(m, ServerMsg::Ack { id: 12 })).await;
    // North reads the answers; the CERT's player does not.
    north
        .wait_for(|m| matches!(m, ServerMsg::View { view } if view.press.messages.iter().any(|x| x.text == "We sign.")))
        .await;
    for c in [&mut north, &mut east, &mut vendor] {
        c.command(13, Command::Commit).await;
    }
    wait_turn(&north, 3).await;
    white.facilitate(9, Facilitate::EndGame).await;
    for c in [&white, &north, &east, &cert, &vendor] {
        c.wait_for(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before_the_end: Vec<String> = cert
        .got
        .lock()
        .unwrap()
        .iter()
        .take_while(|t| !t.contains("\"type\":\"debrief\""))
        .cloned()
        .collect();
    assert!(
        !before_the_end.iter().any(|t| t.contains("investigate")),
        "the CERT read a private message before the end"
    );
    for (who, c) in [
        ("white cell", &white),
        ("north", &north),
        ("east", &east),
        ("the CERT", &cert),
    ] {
        let d = debrief(c).expect("a debrief");
        let p = d.promises.first().unwrap_or_else(|| panic!("{who}: no promise"));
        assert_eq!((p.by.as_str(), p.to.as_str()), ("Northland", "Eastmark"), "{who}");
        assert!(p.mark.starts_with("promise"), "{who}: {p:?}");
        let joint = d
            .attributions
            .iter()
            .find(|a| a.actor == "Northland" && a.joint_with.iter().any(|j| j == "Bluewall Security"));
        assert!(joint.is_some(), "{who}: no joint statement in {:?}", d.attributions);
        let texts: Vec<&str> = d.correspondence.iter().map(|l| l.text.as_str()).collect();
        assert!(
            texts.contains(&"Neither of us escalates while we investigate."),
            "{who}: {texts:?}"
        );
        assert!(texts.contains(&"Agreed, for three turns."), "{who}: {texts:?}");
    }
}
