//! The record of a hosted game, with real clients on loopback: the log
//! and the after-action report say who made each move (a person by the
//! name they joined with, a bot and its policy, a stand-in bot when time
//! ran out) and every action of the white cell, with its time. A stand-in
//! plays the policy last chosen for the seat. The projector shows the
//! debrief only as the facilitator reveals it, and a restart keeps that.

mod common;

use common::ws::{listen, logged_room, serve, Peer};
use demarche::bots::Policy;
use demarche::engine::{Author, Command, Logged, WhiteCell};
use demarche::net::protocol::{ClientMsg, Facilitate, Seat, ServerMsg, Timeout};
use demarche::net::room::Room;
use demarche::net::server::Limits;
use demarche::session::log_file;
use demarche::session::report::Report;

/// A named client that numbers its requests and wants each accepted.
struct Client {
    peer: Peer,
    next: u64,
}

impl Client {
    /// Join as `name` and read until the welcome.
    async fn join(url: &str, code: &str, name: &str) -> Client {
        let mut peer = Peer::join(url, code, Some(name)).await;
        peer.until(|m| matches!(m, ServerMsg::Welcome { .. })).await;
        Client { peer, next: 1 }
    }
    /// Read until a message matches (at most 10 s for each).
    async fn until(&mut self, f: impl Fn(&ServerMsg) -> bool) -> ServerMsg {
        self.peer.until(f).await
    }
    async fn acked(&mut self, m: impl FnOnce(u64) -> ClientMsg) {
        let id = self.next;
        self.next += 1;
        self.peer.send(&m(id)).await;
        let reply = self.peer.reply(id).await;
        assert!(matches!(reply, ServerMsg::Ack { .. }), "{reply:?}");
    }
    async fn facilitate(&mut self, command: Facilitate) {
        self.acked(|id| ClientMsg::Facilitate { id, command }).await;
    }
    /// Send a facilitator command that must be refused; its message.
    async fn refused(&mut self, command: Facilitate) -> String {
        let id = self.next;
        self.next += 1;
        self.peer.send(&ClientMsg::Facilitate { id, command }).await;
        match self.peer.reply(id).await {
            ServerMsg::Error { message, .. } => message,
            other => panic!("accepted: {other:?}"),
        }
    }
    async fn command(&mut self, command: Command) {
        self.acked(|id| ClientMsg::Command { id, command }).await;
    }
}

fn row<'a>(md: &'a str, needle: &[&str]) -> &'a str {
    md.lines()
        .find(|l| l.starts_with('|') && needle.iter().all(|n| l.contains(n)))
        .unwrap_or_else(|| panic!("no record row with {needle:?} in\n{md}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_and_the_report_say_who_did_each_thing_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let (room, codes, log) = logged_room(dir.path());
    let (listener, url) = listen().await;
    let (stop, task) = serve(listener, vec![room], Limits::default());

    let mut white = Client::join(&url, &codes.facilitator, "Kim").await;
    let mut ana = Client::join(&url, &codes.players[0], "Ana").await;
    let ben = Client::join(&url, &codes.players[2], "Ben").await;
    // Eastmark to a hawkish bot for the game; Bluewall to a cooperative
    // bot, then back to its (absent) players: its stand-in is cooperative.
    let seat = |actor: &str, seat| Facilitate::SetSeat {
        actor: actor.into(),
        seat,
    };
    white
        .facilitate(seat(
            "east",
            Seat::Bot {
                policy: Policy::Hawkish,
            },
        ))
        .await;
    white
        .facilitate(seat(
            "vendor",
            Seat::Bot {
                policy: Policy::Cooperative,
            },
        ))
        .await;
    white.facilitate(seat("vendor", Seat::Human)).await;
    white.facilitate(Facilitate::Pause).await;
    white.facilitate(Facilitate::Resume).await;
    white
        .facilitate(Facilitate::Inject {
            headline: "Registry staff walk out".into(),
            text: String::new(),
            audience: vec!["north".into()],
        })
        .await;
    ana.command(Command::Act {
        action: "directive".into(),
        target: None,
    })
    .await;
    ana.command(Command::Commit).await;
    // Nobody moves for the CERT (Ben is away from his keyboard): time
    // runs out and a stand-in bot moves for it, turn after turn.
    white.facilitate(Facilitate::OnTimeout { then: Timeout::Bot }).await;
    white.facilitate(Facilitate::SetTimer { seconds: 1 }).await;
    ana.until(|m| matches!(m, ServerMsg::View { view } if view.turn >= 3))
        .await;
    white.facilitate(Facilitate::SetTimer { seconds: 0 }).await;
    white.facilitate(Facilitate::EndGame).await;
    drop(ben);
    stop.send(()).unwrap();
    task.await.unwrap();

    // The log: every command says who made it and when.
    let (game_log, _) = log_file::read(&log).unwrap();
    let by = |actor: &str, f: &dyn Fn(&Logged) -> bool| -> Vec<Author> {
        game_log
            .commands
            .iter()
            .filter(|c| c.actor == actor && f(&c.command))
            .map(|c| {
                assert!(c.at.is_some(), "{c:?} has no time");
                c.by.clone().expect("an author")
            })
            .collect()
    };
    let commit = |c: &Logged| matches!(c, Logged::Actor(Command::Commit));
    // Ana committed turn 1; she let the clock run out after.
    let north = by("north", &commit);
    assert_eq!(
        north[0],
        Author::Person {
            name: Some("Ana".into())
        }
    );
    assert!(north[1..].iter().all(|a| *a
        == Author::StandIn {
            policy: "cautious".into()
        }));
    assert!(by("east", &commit).iter().all(|a| *a
        == Author::Bot {
            policy: "hawkish".into()
        }));
    let cert = by("cert", &commit);
    assert!(cert.len() >= 2, "{cert:?}");
    assert!(cert.iter().all(|a| *a
        == Author::StandIn {
            policy: "cautious".into()
        }));
    // Bluewall: its cooperative bot in turn 1, its stand-in after.
    let vendor = by("vendor", &commit);
    assert_eq!(
        vendor[0],
        Author::Bot {
            policy: "cooperative".into()
        }
    );
    assert!(vendor[1..].iter().all(|a| *a
        == Author::StandIn {
            policy: "cooperative".into()
        }));
    let time_up = |c: &Logged| matches!(c, Logged::WhiteCell(WhiteCell::TimeUp { .. }));
    assert!(by("white-cell", &time_up).iter().all(|a| *a == Author::Clock));
    let end = |c: &Logged| matches!(c, Logged::WhiteCell(WhiteCell::EndGame));
    assert_eq!(
        by("white-cell", &end),
        [Author::Facilitator {
            name: Some("Kim".into())
        }]
    );

    // The report: a record section with every one of them, and the white
    // cell's actions with their time.
    let (report, _) = Report::from_log(&log).unwrap();
    let md = report.to_markdown();
    assert!(md.contains("## Record"), "{md}");
    let ana_row = row(&md, &["| Northland |", "| Ana |"]);
    assert!(ana_row.contains("chose Emergency directive; committed"), "{ana_row}");
    row(&md, &["| Eastmark |", "| a hawkish bot |", "committed"]);
    row(
        &md,
        &[
            "| Northland CERT |",
            "a cautious stand-in bot (time ran out)",
            "committed",
        ],
    );
    row(
        &md,
        &["| Bluewall Security |", "a cooperative stand-in bot (time ran out)"],
    );
    for what in [
        "handed Eastmark to a hawkish bot",
        "handed Bluewall Security to a cooperative bot",
        "gave Bluewall Security back to its players",
        "paused the game",
        "resumed the game",
        "inject “Registry staff walk out” to Northland",
        "chose that a stand-in bot moves for late players",
        "set the turn timer to 1 s",
        "removed the turn timer",
        "ended the game",
    ] {
        let r = row(&md, &["| White cell |", "| the white cell (Kim) |", what]);
        // Each with the host's clock: hh:mm:ss in the first column.
        let time = r
            .trim_start_matches("| ")
            .split(' ')
            .find(|w| w.len() == 8)
            .unwrap_or("");
        assert!(time.chars().filter(|c| *c == ':').count() == 2, "no time in {r}");
    }
    row(
        &md,
        &[
            "| White cell |",
            "| the turn clock |",
            "time ran out: stand-in bots moved",
        ],
    );
    let html = report.to_html();
    assert!(html.contains("<section id=\"record\">"), "no record in the HTML");
    assert!(html.contains("<a href=\"#record\">Record</a>"));
    assert!(html.contains("a cautious stand-in bot (time ran out)"));
    assert!(html.contains("the white cell (Kim)"));
}

#[test]
fn a_log_written_before_authors_were_kept_still_reads_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.log");
    let game = demarche::engine::Game::new(common::small(), 3);
    let mut log = demarche::engine::GameLog::new(&game);
    log.record(&game, 0, &common::act("directive", None));
    log_file::write(&path, &log).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\"by\""), "old-style lines carry no author");
    let (read, _) = log_file::read(&path).unwrap();
    assert_eq!(read.commands[0].by, None);
    let (report, _) = Report::from_log(&path).unwrap();
    let md = report.to_markdown();
    row(&md, &["| Northland |", "| not recorded |", "chose Emergency directive"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_projector_shows_the_debrief_only_as_revealed_and_a_restart_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (room, codes, log) = logged_room(dir.path());
    let (listener, url) = listen().await;
    let addr = listener.local_addr().unwrap();
    let (stop, task) = serve(listener, vec![room], Limits::default());
    let mut white = Client::join(&url, &codes.facilitator, "Kim").await;
    let mut screen = Client::join(&url, &codes.spectator, "Projector").await;
    let early = white.refused(Facilitate::Reveal { sections: 1 }).await;
    assert!(early.contains("once the game is over"), "{early}");
    white.facilitate(Facilitate::EndGame).await;
    // Players get the debrief; the projector is told nothing is revealed.
    let first = screen
        .until(|m| matches!(m, ServerMsg::Debrief { .. } | ServerMsg::Reveal { .. }))
        .await;
    assert_eq!(first, ServerMsg::Reveal { sections: 0 });
    let too_many = white.refused(Facilitate::Reveal { sections: 8 }).await;
    assert!(too_many.contains("7 sections"), "{too_many}");
    white.facilitate(Facilitate::Reveal { sections: 1 }).await;
    screen.until(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    screen.until(|m| matches!(m, ServerMsg::Reveal { sections: 1 })).await;
    white.facilitate(Facilitate::Reveal { sections: 2 }).await;
    screen.until(|m| matches!(m, ServerMsg::Reveal { sections: 2 })).await;
    let state = white
        .until(|m| matches!(m, ServerMsg::Facilitator { state } if state.revealed == 2))
        .await;
    assert!(matches!(state, ServerMsg::Facilitator { .. }));
    stop.send(()).unwrap();
    task.await.unwrap();

    // The host is started again from the log: the projector comes back
    // to the same two sections.
    let (game_log, notes) = log_file::read(&log).unwrap();
    let room = Room::resume(game_log, &notes, log.clone()).unwrap();
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let (_stop, _task) = serve(listener, vec![room], Limits::default());
    let mut screen = Client::join(&url, &codes.spectator, "Projector").await;
    screen.until(|m| matches!(m, ServerMsg::Debrief { .. })).await;
    screen.until(|m| matches!(m, ServerMsg::Reveal { sections: 2 })).await;
    // The report's record has the reveals with who and when.
    let (report, _) = Report::from_log(&log).unwrap();
    let md = report.to_markdown();
    row(
        &md,
        &[
            "| the white cell (Kim) |",
            "showed the projector the debrief up to Timeline (2 of 7)",
        ],
    );
}
