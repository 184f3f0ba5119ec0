//! Questions through a channel (OSCE CBM 8, points of contact): the asked
//! side answers them, human or bot, and the answer has effects.

mod common;

use std::sync::Arc;

use common::{act, commit_all, ix};
use demarche::bots::{Bot, Policy};
use demarche::engine::debrief::Debrief;
use demarche::engine::{Answered, Command, Game, GameLog, Origin, Reply, WhiteCell};
use demarche::scenario::{load, Scenario};
use demarche::session::report::Report;

const ASKING: &str = include_str!("fixtures/asking.ron");

fn scenario(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("asking", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("asking.ron loads"))
}

/// Northland asks Eastmark on turn 1; the question is open on turn 2.
fn asked() -> (Game, usize, usize) {
    let mut g = Game::new(scenario(ASKING), 7);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("ask", Some("east"))).expect("north asks");
    commit_all(&mut g);
    (g, north, east)
}

fn holds(g: &Game, who: usize, id: &str) -> bool {
    g.view(who).evidence.iter().any(|e| e.id == id)
}

fn reply(g: &mut Game, who: usize, reply: Reply) -> Result<(), demarche::engine::RuleError> {
    g.apply(who, &Command::Reply { request: 0, reply }).map(|_| ())
}

#[test]
fn a_question_waits_for_the_asked_side_and_its_evidence_reaches_the_asker() {
    let (mut g, north, east) = asked();
    assert!(
        !holds(&g, north, "east_answer"),
        "the answer is the asked side's to give"
    );
    let asked = g.view(east).press.requests;
    assert_eq!(asked.len(), 1);
    assert!(asked[0].to_answer, "{:?}", asked[0]);
    assert!(asked[0]
        .may_share
        .iter()
        .any(|(id, _, why)| id == "east_logs" && why.is_none()));
    assert_eq!(
        asked[0].prepared.as_ref().map(|p| p.0.as_str()),
        Some("Eastmark's line")
    );
    let asking = g.view(north).press.requests;
    assert!(!asking[0].to_answer && asking[0].status.contains("waiting for Eastmark"));
    assert!(g.view(ix(&g, "cert")).press.requests.is_empty());

    let share = Reply::Evidence {
        evidence: "east_logs".into(),
    };
    reply(&mut g, east, share.clone()).expect("a human answer with evidence");
    let got = g.state().actors[north]
        .held
        .iter()
        .find(|h| g.scenario().file.evidence[h.evidence].id == "east_logs");
    assert_eq!(got.map(|h| h.origin), Some(Origin::SharedBy(east)));
    assert_eq!(
        reply(&mut g, east, Reply::Decline).map_err(|e| e.to_string()),
        Err("this question was already answered".into())
    );
    assert!(g.view(north).feed.iter().any(|f| f
        .headline
        .contains("Eastmark answers Northland's question through the point of contact with evidence")));
}

#[test]
fn a_question_and_its_answer_replay_to_the_same_hash() {
    let s = scenario(ASKING);
    let mut g = Game::new(Arc::clone(&s), 11);
    let mut log = GameLog::new(&g);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    let mut run = |g: &mut Game, who: usize, c: Command| {
        g.apply(who, &c).expect("accepted");
        log.record(g, who, &c);
    };
    run(&mut g, north, act("ask", Some("east")));
    for a in g.waiting_for() {
        run(&mut g, a, Command::Commit);
    }
    run(
        &mut g,
        east,
        Command::Reply {
            request: 0,
            reply: Reply::Explain {
                text: "A reseller\u{1b}[2J was hijacked; we are on it.".into(),
            },
        },
    );
    let replayed = log.replay().expect("replays");
    assert_eq!(replayed.state_hash(), g.state_hash());
    let words = g
        .view(north)
        .feed
        .iter()
        .find(|f| f.headline.contains("with an explanation"))
        .map(|f| f.text.clone());
    assert_eq!(
        words.as_deref(),
        Some("A reseller[2J was hijacked; we are on it."),
        "control characters cleaned"
    );
    let long = Reply::Explain { text: "x".repeat(401) };
    let mut h = asked().0;
    assert!(reply(&mut h, east, long)
        .unwrap_err()
        .to_string()
        .contains("at most 400"));
}

#[test]
fn declining_costs_trust_alarms_the_asker_and_is_on_the_record() {
    let (mut g, north, east) = asked();
    let (mut control, _, _) = asked();
    reply(&mut control, east, Reply::Prepared).expect("the prepared line");
    reply(&mut g, east, Reply::Decline).expect("decline");
    let rel = |g: &Game| {
        g.view(north)
            .relations
            .iter()
            .find(|r| r.with == "east")
            .map(|r| (r.trust, r.tension))
    };
    let (trust, seen) = rel(&g).expect("relation");
    let (trust_c, seen_c) = rel(&control).expect("relation");
    assert!(
        trust < trust_c,
        "trust {trust} after a refusal, {trust_c} after an answer"
    );
    assert!(
        seen > seen_c,
        "Northland's alarm: tension {seen} as it sees it, {seen_c}"
    );
    assert!(
        g.consult_chance(north, east) < control.consult_chance(north, east),
        "a refusal weighs on consultations"
    );
    assert!(holds(&control, north, "east_answer"));
    let record = Debrief::new(&g).timeline;
    assert!(
        record.iter().any(|t| t.turn == 2
            && t.headline == "Eastmark declined to answer Northland's question through the point of contact"),
        "{record:#?}"
    );
}

#[test]
fn without_an_answer_by_the_deadline_the_standing_line_goes_or_no_reply_is_recorded() {
    let mut g = Game::new(scenario(ASKING), 3);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("ask", Some("east"))).expect("north asks");
    g.apply(east, &act("ask", Some("north"))).expect("east asks");
    commit_all(&mut g);
    assert!(g.requests().iter().all(|q| q.answer.is_none()), "open through turn 2");
    commit_all(&mut g);
    let answer = |by: usize| g.requests().iter().find(|q| q.by == by).and_then(|q| q.answer);
    let line = g.scenario().evidence_ix["east_answer"];
    assert_eq!(answer(north), Some((Answered::Standing { evidence: line }, 2)));
    assert_eq!(
        answer(east),
        Some((Answered::NoReply, 2)),
        "Northland has no prepared line"
    );
    assert!(holds(&g, north, "east_answer"), "the scenario's answer, as before");
    let record = Debrief::new(&g).timeline;
    assert!(record
        .iter()
        .any(|t| t.headline == "Northland did not answer Eastmark's question through the point of contact: no reply"));
    let late = Command::Reply {
        request: g.requests().iter().position(|q| q.by == north).expect("asked"),
        reply: Reply::Prepared,
    };
    assert!(g.apply(east, &late).is_err(), "too late");
}

#[test]
fn the_culprit_bot_never_passes_what_incriminates_it() {
    for policy in Policy::ALL {
        for seed in 0..4 {
            let mut g = Game::new(scenario(ASKING), seed);
            let (north, east) = (ix(&g, "north"), ix(&g, "east"));
            g.apply(north, &act("ask", Some("east"))).expect("north asks");
            commit_all(&mut g);
            let mut bot = Bot::new(policy, seed, east);
            for c in bot.choose(&g.perspective(east)) {
                let _ = g.apply(east, &c);
            }
            assert!(!holds(&g, north, "east_logs"), "{policy:?} seed {seed}");
            let answer = g.requests()[0].answer.map(|a| a.0);
            assert!(
                matches!(answer, Some(Answered::Prepared { .. })),
                "{policy:?} gives its line: {answer:?}"
            );
        }
    }
    // The same actor, not behind the incident, cooperating: it shares.
    let innocent = ASKING.replacen(r#"culprit: "turtle","#, r#"culprit: "crooks","#, 1);
    let mut g = Game::new(scenario(&innocent), 1);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("ask", Some("east"))).expect("north asks");
    commit_all(&mut g);
    for c in Bot::new(Policy::Cooperative, 1, east).respond(&g.perspective(east)) {
        g.apply(east, &c).expect("the bot's answer is accepted");
    }
    assert!(
        holds(&g, north, "east_logs"),
        "a cooperative state shares what TLP allows"
    );
}

#[test]
fn a_hawk_declines_and_a_cautious_bot_says_little() {
    let innocent = ASKING.replacen(r#"culprit: "turtle","#, r#"culprit: "crooks","#, 1);
    let answer_of = |policy: Policy| {
        let mut g = Game::new(scenario(&innocent), 5);
        let (north, east) = (ix(&g, "north"), ix(&g, "east"));
        g.apply(north, &act("ask", Some("east"))).expect("north asks");
        commit_all(&mut g);
        for c in Bot::new(policy, 5, east).respond(&g.perspective(east)) {
            g.apply(east, &c).expect("accepted");
        }
        g.requests()[0].answer.map(|a| a.0)
    };
    assert_eq!(
        answer_of(Policy::Hawkish),
        Some(Answered::Declined),
        "trust 30 is too little for a hawk"
    );
    assert!(matches!(answer_of(Policy::Cautious), Some(Answered::Prepared { .. })));
}

#[test]
fn only_the_asked_side_answers_and_only_with_what_it_may_share() {
    let (mut g, north, east) = asked();
    let not_mine = Command::Reply {
        request: 0,
        reply: Reply::Decline,
    };
    assert!(
        g.apply(north, &not_mine).is_err(),
        "the asker cannot answer its own question"
    );
    assert!(g.apply(ix(&g, "cert"), &not_mine).is_err());
    let red = Reply::Evidence {
        evidence: "sigint".into(),
    };
    assert!(matches!(
        reply(&mut g, east, red),
        Err(demarche::engine::RuleError::NotHeld(_))
    ));
    let none = Command::Reply {
        request: 9,
        reply: Reply::Decline,
    };
    assert!(g.apply(east, &none).is_err());
    assert!(g.requests()[0].answer.is_none(), "refusals change nothing");
}

#[test]
fn bots_ask_each_other_and_every_question_is_answered_in_time() {
    let s = scenario(ASKING);
    let mut asked = 0;
    for seed in 0..20 {
        let g = demarche::bots::play(Arc::clone(&s), seed, &[], None);
        for q in g.requests() {
            asked += 1;
            match q.answer {
                Some((_, t)) => assert!(t <= q.due, "answered on turn {t}, due {}", q.due),
                None => assert!(q.due > g.turn(), "open only when the game ended first: {q:?}"),
            }
        }
    }
    assert!(asked > 0, "bots use the channel");
}

#[test]
fn the_culprit_bot_keeps_its_own_logs_to_itself_all_game() {
    let s = scenario(ASKING);
    for policy in Policy::ALL {
        for seed in 0..10 {
            let g = demarche::bots::play(Arc::clone(&s), seed, &[policy], None);
            let logs = s.evidence_ix["east_logs"];
            let east = ix(&g, "east");
            for a in (0..s.actor_count()).filter(|&a| a != east) {
                assert!(
                    !g.state().holds(a, logs),
                    "{policy:?} seed {seed}: actor {a} got Eastmark's logs"
                );
            }
        }
    }
}

#[test]
fn an_answer_nobody_can_ask_for_is_an_error_at_its_place() {
    let bad = ASKING.replacen(
        r#"by: Kinds([State]), target: Kinds([State]), cost: 1, upholds: [ConsiderAllInformation],"#,
        r#"by: Kinds([State]), target: Actors(["north"]), cost: 1, upholds: [ConsiderAllInformation],"#,
        1,
    );
    let loaded = load::from_str("asking.ron", &bad);
    let out = demarche::scenario::diagnostic::render("asking.ron", &bad, &loaded.diagnostics, false);
    let line = bad
        .lines()
        .position(|l| l.contains(r#"answered_by: "east""#))
        .expect("the answer's line")
        + 1;
    let col = bad
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(r#""east""#))
        .expect("column")
        + 1;
    assert!(out.contains(&format!("asking.ron:{line}:{col}")), "{out}");
    assert!(
        out.contains("`east_answer` is answered by `east`, but action `ask` can never be aimed at `east`"),
        "{out}"
    );
    assert_eq!(loaded.errors(), 1, "{out}");
}

#[test]
fn questions_still_open_when_the_game_ends_are_settled_on_the_record() {
    let s = scenario(ASKING);
    let mut g = Game::new(Arc::clone(&s), 5);
    let mut log = GameLog::new(&g);
    let (north, east, cert) = (ix(&g, "north"), ix(&g, "east"), ix(&g, "cert"));
    let mut run = |g: &mut Game, who: usize, c: Command| {
        g.apply(who, &c).expect("accepted");
        log.record(g, who, &c);
    };
    while g.turn() < s.file.turns {
        for a in g.waiting_for() {
            run(&mut g, a, Command::Commit);
        }
    }
    // Both ask on the last turn: their deadline would be a turn the game
    // never reaches.
    run(&mut g, north, act("ask", Some("east")));
    run(&mut g, east, act("ask", Some("north")));
    for a in g.waiting_for() {
        run(&mut g, a, Command::Commit);
    }
    assert!(g.is_over());
    let last = s.file.turns;
    let answer = |by: usize| g.requests().iter().find(|q| q.by == by).and_then(|q| q.answer);
    let line = s.evidence_ix["east_answer"];
    assert_eq!(answer(north), Some((Answered::Standing { evidence: line }, last)));
    assert_eq!(answer(east), Some((Answered::NoReply, last)));
    assert!(holds(&g, north, "east_answer"), "the standing line reached the asker");

    let silent = "Northland did not answer Eastmark's question through the point of contact: no reply";
    let standing = "Eastmark did not answer Northland's question through the point of contact in time";
    let timeline = Debrief::new(&g).timeline;
    let at = |h: &str| {
        timeline
            .iter()
            .position(|t| t.turn == last && t.headline.starts_with(h))
    };
    let ended = timeline.iter().position(|t| t.headline.contains("Time runs out"));
    assert!(at(silent).is_some() && at(standing).is_some(), "{timeline:#?}");
    assert!(at(silent) < ended, "settled before the end is announced: {timeline:#?}");
    let report = Report::new(&g, "asking.ron");
    assert!(report.to_markdown().contains("no reply"));
    assert!(report.to_html().contains("standing line"));

    for who in [north, east] {
        assert!(g.view(who).feed.iter().any(|f| f.headline == silent));
    }
    assert!(
        !g.view(cert).feed.iter().any(|f| f.headline.contains("did not answer")),
        "only the two sides see the silence"
    );
    assert_eq!(log.replay().expect("replays").state_hash(), g.state_hash());
}

#[test]
fn ending_the_game_from_the_white_cell_settles_open_questions() {
    let (mut g, north, _) = asked();
    g.white_cell(&WhiteCell::EndGame)
        .expect("the facilitator ends the game");
    let line = g.scenario().evidence_ix["east_answer"];
    let q = g.requests().iter().find(|q| q.by == north).and_then(|q| q.answer);
    assert_eq!(q, Some((Answered::Standing { evidence: line }, 2)));
}

#[test]
fn the_asked_side_reads_the_question_the_scenario_puts() {
    let text = ASKING.replacen(
        r#"description: "Ask the other side what it knows.","#,
        r#"description: "Ask the other side what it knows.", question: Some("Who changed our name servers?"),"#,
        1,
    );
    let mut g = Game::new(scenario(&text), 7);
    let (north, east) = (ix(&g, "north"), ix(&g, "east"));
    g.apply(north, &act("ask", Some("east"))).expect("north asks");
    commit_all(&mut g);
    let requests = g.view(east).press.requests;
    assert_eq!(requests[0].question, "Who changed our name servers?");
    assert!(g
        .view(east)
        .feed
        .iter()
        .any(|f| f.headline == "Northland asks Eastmark through the point of contact: Who changed our name servers?"));
    // Without one, the action's name stands for the question.
    let (g, _, east) = asked();
    assert_eq!(
        g.view(east).press.requests[0].question,
        "Ask through the point of contact"
    );
}

#[test]
fn a_question_on_an_action_that_asks_nobody_or_an_empty_one_is_an_error_at_its_place() {
    for (action, question, message) in [
        ("patch", "Why?", "action `patch` has a `question`, but it asks nobody"),
        ("ask", " ", "the `question` of action `ask` is empty"),
    ] {
        let needle = format!(r#"Action(id: "{action}", "#);
        let bad = ASKING.replacen(&needle, &format!(r#"{needle}question: Some("{question}"), "#), 1);
        let loaded = load::from_str("asking.ron", &bad);
        let out = demarche::scenario::diagnostic::render("asking.ron", &bad, &loaded.diagnostics, false);
        let line = bad
            .lines()
            .position(|l| l.contains(&needle))
            .expect("the action's line")
            + 1;
        let col = bad
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find("question"))
            .expect("column")
            + 1;
        assert!(out.contains(&format!("asking.ron:{line}:{col}")), "{out}");
        assert!(out.contains(message), "{out}");
        assert_eq!(loaded.errors(), 1, "{out}");
    }
}
