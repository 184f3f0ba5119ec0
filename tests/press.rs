//! Press: messages between actors, channel rules, gunboat games, and the
//! deals proposals carry (mutual restraint, assistance, joint statements,
//! confidence-building measures), through the engine's public interface.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix, small, SMALL};
use demarche::engine::{Command, EventKind, Game, GameLog, ProposalRef, Terms, WhiteCell};
use demarche::scenario::schema::{CbmKind, Confidence, PressMode};
use demarche::scenario::{load, Scenario};

fn msg(to: &[&str], text: &str) -> Command {
    Command::Message {
        to: to.iter().map(|s| s.to_string()).collect(),
        text: text.into(),
    }
}

/// `small.ron` with a `press: (…)` block.
fn with_press(press: &str) -> Arc<Scenario> {
    let src = SMALL.trim_end().strip_suffix(')').expect("scenario ends with )");
    let src = format!("{src}    press: {press},\n)\n");
    let loaded = load::from_str("small-press", &src);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

fn texts(g: &Game, actor: usize) -> Vec<String> {
    g.view(actor).press.messages.iter().map(|m| m.text.clone()).collect()
}

#[test]
fn a_private_message_reaches_its_recipients_only_and_replays() {
    let s = small();
    let mut g = Game::new(Arc::clone(&s), 3);
    let mut log = GameLog::new(&g);
    let (north, east, cert, vendor) = (ix(&g, "north"), ix(&g, "east"), ix(&g, "cert"), ix(&g, "vendor"));
    let c = msg(&["east", "cert"], "We saw the redirect at 02:00. Can we talk?");
    g.apply(north, &c).expect("sent");
    log.record(&g, north, &c);
    let c = msg(&[], "Northland will respond with restraint.");
    g.apply(east, &c).expect("public statement");
    log.record(&g, east, &c);
    for a in [north, east, cert] {
        assert!(texts(&g, a).iter().any(|t| t.contains("02:00")), "actor {a}");
    }
    assert!(!texts(&g, vendor).iter().any(|t| t.contains("02:00")));
    let json = serde_json::to_string(&g.view(vendor)).expect("view");
    assert!(!json.contains("02:00"), "the vendor's view holds the private message");
    assert!(texts(&g, vendor).iter().any(|t| t.contains("restraint")));
    // A message in a committed turn, and the log replays to the same hash.
    commit_all(&mut g);
    for a in 0..s.actor_count() {
        log.record(&g, a, &Command::Commit);
    }
    let c = msg(&["north"], "After the turn: thank you.");
    g.apply(cert, &c).expect("sent in the next turn");
    log.record(&g, cert, &c);
    let back: GameLog = serde_json::from_str(&serde_json::to_string(&log).expect("log")).expect("log reads");
    assert_eq!(back.replay().expect("replays").state_hash(), g.state_hash());
}

#[test]
fn messages_are_cleaned_and_bounded() {
    let mut g = Game::new(small(), 1);
    let north = ix(&g, "north");
    g.apply(
        north,
        &msg(&["east"], "line one\r\nline\ttwo\u{1b}[31m\u{202e}red\u{7}  "),
    )
    .expect("sent");
    let last = g.view(north).press.messages.last().cloned().expect("message");
    assert_eq!(last.text, "line one\nline two[31mred");
    let before = g.state_hash();
    let e = g.apply(north, &msg(&["east"], " \u{1b}\n ")).expect_err("empty");
    assert!(e.to_string().contains("empty"), "{e}");
    let e = g
        .apply(north, &msg(&["east"], &"x".repeat(2001)))
        .expect_err("too long");
    assert_eq!(
        e.to_string(),
        "a message may hold at most 2000 characters; this one has 2001"
    );
    let e = g.apply(north, &msg(&["north"], "me")).expect_err("to self");
    assert!(e.to_string().contains("yourself"), "{e}");
    let e = g.apply(north, &msg(&["nobody"], "hi")).expect_err("unknown");
    assert!(e.to_string().contains("nobody"), "{e}");
    assert_eq!(g.state_hash(), before, "refused messages change nothing");
}

#[test]
fn a_view_carries_the_latest_messages_only_however_long_the_game() {
    let mut g = Game::new(small(), 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let bytes = |g: &Game| serde_json::to_string(&g.view(east).press).expect("view").len();
    g.apply(north, &msg(&["east"], "first")).expect("sent");
    assert_eq!(g.view(east).press.earlier, 0);
    for n in 0..200 {
        let text = format!("{n:03} {}", "y".repeat(1990));
        g.apply(north, &msg(&["east"], &text)).expect("sent");
    }
    let before = bytes(&g);
    for n in 200..300 {
        let text = format!("{n:03} {}", "y".repeat(1990));
        g.apply(north, &msg(&["east"], &text)).expect("sent");
    }
    let v = g.view(east);
    let last = v.press.messages.last().expect("messages");
    assert!(last.text.starts_with("299 "), "the latest message is in the view");
    assert_eq!(v.press.earlier + v.press.messages.len(), 301);
    assert!(v.press.earlier > 0, "older messages are counted, not carried");
    let text: usize = v.press.messages.iter().map(|m| m.text.len()).sum();
    assert!(text <= 34 * 1024, "{text} bytes of messages in one view");
    assert_eq!(bytes(&g), before, "the press view stopped growing");
    // One message longer than the budget still goes whole.
    let huge = "é".repeat(2000);
    g.apply(north, &msg(&["east"], &huge)).expect("sent");
    assert_eq!(
        g.view(east).press.messages.last().map(|m| m.text.len()),
        Some(huge.len())
    );
}

#[test]
fn closed_lines_open_when_the_measure_is_agreed_and_certs_talk_meanwhile() {
    let s = with_press("(closed: [(between: (State, State), until: Hotline)])");
    let mut g = Game::new(s, 5);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let e = g.apply(north, &msg(&["east"], "Let us talk")).expect_err("closed");
    assert_eq!(
        e.to_string(),
        "no direct line to Eastmark yet: the scenario keeps it closed until a hotline is agreed"
    );
    assert!(g
        .view(north)
        .press
        .lines
        .iter()
        .any(|(id, why)| id == "east" && why.is_some()));
    g.apply(north, &msg(&["cert"], "Please share indicators"))
        .expect("state to CERT is open");
    g.apply(north, &msg(&[], "We call for calm"))
        .expect("public statements are open");
    // The hotline: offered as a proposal, accepted by the other side.
    let offer = Command::Offer {
        to: "east".into(),
        terms: Terms::Measure {
            measure: CbmKind::Hotline,
        },
        text: String::new(),
    };
    g.apply(north, &offer).expect("offered");
    commit_all(&mut g);
    let open = g.view(east).press.proposals;
    let p = open
        .iter()
        .find(|p| p.from == "north")
        .expect("the offer waits for east")
        .clone();
    assert_eq!(
        p.proposal,
        ProposalRef::Measure {
            from: "north".into(),
            measure: CbmKind::Hotline
        }
    );
    g.apply(
        east,
        &Command::Answer {
            proposal: p.proposal,
            accept: true,
            text: String::new(),
            because: None,
        },
    )
    .expect("accepted");
    commit_all(&mut g);
    assert!(g.state().events.iter().any(|e| matches!(
        e.kind,
        EventKind::CbmAgreed {
            kind: CbmKind::Hotline,
            ..
        }
    )));
    g.apply(north, &msg(&["east"], "Now we can talk"))
        .expect("the line is open");
}

#[test]
fn gunboat_games_refuse_messages_and_the_white_cell_sets_the_mode() {
    let mut g = Game::new(with_press("(mode: PublicOnly)"), 2);
    let north = ix(&g, "north");
    let e = g.apply(north, &msg(&["east"], "psst")).expect_err("public only");
    assert!(e.to_string().contains("public statements only"), "{e}");
    g.apply(north, &msg(&[], "To all: we are investigating"))
        .expect("public");
    g.white_cell(&WhiteCell::Press { mode: PressMode::Off }).expect("set");
    let e = g.apply(north, &msg(&[], "hello")).expect_err("off");
    assert!(e.to_string().contains("press is off"), "{e}");
    assert_eq!(g.view(north).press.mode, PressMode::Off);
    // The white cell still writes as an actor nobody plays.
    g.white_cell(&WhiteCell::Message {
        from: "east".into(),
        to: vec!["north".into()],
        text: "Eastmark's ambassador asks for a meeting.".into(),
    })
    .expect("white cell writes as Eastmark");
    let m = g.view(north).press.messages.last().cloned().expect("message");
    assert_eq!(
        (m.from.as_str(), m.text.as_str()),
        ("east", "Eastmark's ambassador asks for a meeting.")
    );
    assert!(texts(&g, ix(&g, "vendor")).iter().all(|t| !t.contains("ambassador")));
}

fn restraint(g: &mut Game, by: usize, to: &str, turns: u32) {
    let c = Command::Offer {
        to: to.into(),
        terms: Terms::Restraint { turns },
        text: "Neither of us escalates while we investigate.".into(),
    };
    g.apply(by, &c).expect("offered");
}

fn answer_deal(g: &mut Game, actor: usize, accept: bool) {
    let p = g
        .view(actor)
        .press
        .proposals
        .into_iter()
        .find(|p| matches!(p.proposal, ProposalRef::Deal(_)));
    let p = p.expect("a deal to answer");
    g.apply(
        actor,
        &Command::Answer {
            proposal: p.proposal,
            accept,
            text: String::new(),
            because: None,
        },
    )
    .expect("answered");
}

#[test]
fn a_broken_restraint_is_public_and_costs_credibility() {
    let mut g = Game::new(small(), 8);
    let (north, east, vendor) = (ix(&g, "north"), ix(&g, "east"), ix(&g, "vendor"));
    restraint(&mut g, north, "east", 3);
    answer_deal(&mut g, east, true);
    let deal = &g.state().deals[0];
    assert_eq!((deal.until, deal.broken), (Some(3), None));
    let cred = g.state().actors[east].credibility;
    g.apply(east, &act("protest", Some("north"))).expect("protest");
    commit_all(&mut g);
    let deal = &g.state().deals[0];
    assert_eq!(deal.broken, Some((east, 1)));
    assert_eq!(g.state().actors[east].credibility, cred - 10);
    let seen = g
        .state()
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::RestraintBroken { .. }))
        .all(|e| e.visible_to(vendor));
    assert!(seen, "everyone sees a broken promise");
    assert!(g
        .view(vendor)
        .feed
        .iter()
        .any(|f| f.headline.contains("breaks its promise")));
}

#[test]
fn a_kept_restraint_is_recorded_and_a_second_one_is_refused_while_it_binds() {
    let mut g = Game::new(small(), 8);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    restraint(&mut g, east, "north", 1);
    answer_deal(&mut g, north, true);
    let c = Command::Offer {
        to: "north".into(),
        terms: Terms::Restraint { turns: 2 },
        text: String::new(),
    };
    let e = g.apply(east, &c).expect_err("already bound");
    assert!(e.to_string().contains("already in mutual restraint"), "{e}");
    commit_all(&mut g);
    assert!(g
        .state()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::RestraintKept { .. })));
    let bad = Command::Offer {
        to: "north".into(),
        terms: Terms::Restraint { turns: 11 },
        text: String::new(),
    };
    assert!(g.apply(east, &bad).is_err());
}

#[test]
fn assistance_passes_shareable_evidence_and_answers_only_once() {
    let mut g = Game::new(small(), 4);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let c = Command::Offer {
        to: "vendor".into(),
        terms: Terms::Assistance,
        text: "Our registry is under attack; can you help?".into(),
    };
    g.apply(north, &c).expect("requested");
    let vendor = ix(&g, "vendor");
    let held_before = g.state().actors[north].held.len();
    let shareable = g.state().actors[vendor]
        .held
        .iter()
        .filter(|h| h.origin.first_hand() && !g.state().holds(north, h.evidence))
        .filter(|h| g.share_refusal(vendor, h.evidence, north).is_none())
        .count();
    answer_deal(&mut g, vendor, true);
    assert_eq!(g.state().actors[north].held.len(), held_before + shareable);
    assert!(g
        .state()
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Assisted { .. })));
    let again = Command::Answer {
        proposal: ProposalRef::Deal(0),
        accept: false,
        text: String::new(),
        because: None,
    };
    assert!(g.apply(vendor, &again).is_err(), "answered twice");
    assert!(g.apply(east, &again).is_err(), "not addressed to east");
}

#[test]
fn a_joint_statement_proposed_by_message_is_the_joint_statement_machinery() {
    let mut g = Game::new(small(), 6);
    let (north, vendor) = (ix(&g, "north"), ix(&g, "vendor"));
    let c = Command::Offer {
        to: "vendor".into(),
        terms: Terms::JointStatement {
            suspect: "turtle".into(),
            confidence: Confidence::Low,
            layer: None,
        },
        text: "Will you sign with us?".into(),
    };
    g.apply(north, &c).expect("proposed");
    commit_all(&mut g);
    assert_eq!(g.state().proposals.len(), 1, "one joint statement, the existing kind");
    let open = g.view(vendor).press.proposals;
    assert!(open.iter().any(|p| p.proposal == ProposalRef::Joint(0)), "{open:?}");
    let c = Command::Answer {
        proposal: ProposalRef::Joint(0),
        accept: false,
        text: "We cannot confirm this yet.".into(),
        because: None,
    };
    g.apply(vendor, &c).expect("declined");
    assert!(g.state().proposals[0].declined.contains(&vendor));
    assert!(texts(&g, north).iter().any(|t| t == "We cannot confirm this yet."));
}

#[test]
fn bots_answer_deals_with_a_reason_and_decline_unbacked_joint_statements() {
    use demarche::bots::{Bot, Policy};
    let mut g = Game::new(small(), 11);
    let (north, east, vendor) = (ix(&g, "north"), ix(&g, "east"), ix(&g, "vendor"));
    restraint(&mut g, north, "east", 2);
    let mut dove = Bot::new(Policy::Cooperative, 11, east);
    for c in dove.respond(&g.perspective(east)) {
        g.apply(east, &c).expect("the bot's answer is legal");
    }
    assert_eq!(g.state().deals[0].answer, Some((true, 1)));
    assert!(texts(&g, north)
        .iter()
        .any(|t| t == "Agreed: neither of us climbs the ladder for 2 turns."));
    // A joint statement at high confidence the vendor's evidence cannot back.
    let c = Command::Propose {
        suspect: "turtle".into(),
        confidence: Confidence::High,
        layer: None,
    };
    g.apply(north, &c).expect("proposed");
    commit_all(&mut g);
    let mut careful = Bot::new(Policy::Cautious, 11, vendor);
    let moves = careful.choose(&g.perspective(vendor));
    for c in &moves {
        let _ = g.apply(vendor, c);
    }
    assert!(g.state().proposals[0].declined.contains(&vendor), "{moves:?}");
    assert!(texts(&g, north)
        .iter()
        .any(|t| t == "We do not hold evidence that supports high confidence."));
}

#[test]
fn the_debrief_and_reports_reveal_the_correspondence_and_mark_promises() {
    use demarche::engine::debrief::Debrief;
    use demarche::session::report::Report;
    let mut g = Game::new(small(), 8);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &msg(&["east"], "A private word: we know it was you."))
        .expect("sent");
    restraint(&mut g, north, "east", 3);
    answer_deal(&mut g, east, true);
    g.apply(east, &act("protest", Some("north"))).expect("protest");
    commit_all(&mut g);
    g.white_cell(&WhiteCell::EndGame).expect("ended");
    let d = Debrief::new(&g);
    let letter = d
        .correspondence
        .iter()
        .find(|l| l.text.contains("we know it was you"))
        .expect("revealed");
    assert_eq!(
        (letter.from.as_str(), letter.to.clone()),
        ("north", vec!["east".to_string()])
    );
    assert!(letter.involves("east") && !letter.involves("vendor"));
    assert_eq!(d.promises.len(), 1);
    assert_eq!(d.promises[0].mark, "promise broken");
    let r = Report::new(&g, "test.log");
    let md = r.to_markdown();
    assert!(md.contains("## Correspondence"), "{md}");
    assert!(
        md.contains("**Northland → Eastmark**: A private word: we know it was you."),
        "{md}"
    );
    assert!(md.contains("**promise broken**"), "{md}");
    assert!(r.to_html().contains("promise broken"));
}

#[test]
fn the_protocol_doc_examples_of_press_are_real_messages() {
    use demarche::net::protocol::ClientMsg;
    let doc = std::fs::read_to_string("docs/protocol.md").expect("docs/protocol.md");
    let mut seen = 0;
    for line in doc.lines() {
        let kinds = ["message", "offer", "answer", "reply", "press"];
        let press = kinds
            .iter()
            .any(|k| line.contains(&format!("\"type\": \"{k}\"")) || line.contains(&format!("\"type\":\"{k}\"")));
        let json = line.trim().trim_start_matches('|').trim();
        let json = json
            .split(" | ")
            .find(|p| p.trim().starts_with("`{"))
            .map_or(json, |p| p.trim().trim_matches('`'));
        if press && json.starts_with('{') {
            let m: ClientMsg = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let back = serde_json::to_value(&m).expect("serializes");
            assert_eq!(
                back["type"],
                serde_json::from_str::<serde_json::Value>(json).expect("json")["type"]
            );
            seen += 1;
        }
    }
    assert!(seen >= 11, "found {seen} examples");
    let letters = doc
        .lines()
        .find(|l| l.starts_with("{\"type\":\"letters\""))
        .expect("a `letters` example");
    let m: demarche::net::protocol::ServerMsg = serde_json::from_str(letters).expect("a server message");
    assert!(matches!(m, demarche::net::protocol::ServerMsg::Letters { items } if items.len() == 1));
}
