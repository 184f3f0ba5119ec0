//! A hosted room's settings are appended records: any number of kills and
//! resumes leave the room as one never stopped. Also the turn clock across
//! pauses, range checks on timer numbers, and seats handed to bots.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use demarche::bots::Policy;
use demarche::engine::{Command, Logged};
use demarche::net::protocol::{ClientMsg, ErrorCode, Facilitate, Role, Seat, ServerMsg, Timeout};
use demarche::net::room::{Room, RoomCodes};
use demarche::session::log_file;
use demarche::session::room_record::RoomChange;
use proptest::prelude::*;

const ACTORS: [&str; 4] = ["north", "east", "cert", "vendor"];
const WHITE: u64 = 1;

fn codes() -> RoomCodes {
    RoomCodes {
        players: (0..4).map(|i| format!("PLAY-{i}")).collect(),
        facilitator: "FACI-0".into(),
        spectator: "SPEC-0".into(),
    }
}

/// Everyone at the table: the facilitator and one connection per actor.
fn seat_everyone(room: &mut Room, now: Instant) {
    room.join(WHITE, Role::Facilitator, None, Some("White cell".into()), now);
    for (a, id) in ACTORS.iter().enumerate() {
        room.join(
            10 + a as u64,
            Role::Player { actor: id.to_string() },
            Some(a),
            None,
            now,
        );
    }
}

fn fresh(path: &Path, now: Instant) -> Room {
    let mut room = Room::new(1, common::small(), 11, codes(), Some(path.to_path_buf())).unwrap();
    room.start(now);
    seat_everyone(&mut room, now);
    let mut out = Vec::new();
    room.sync_log(now, &mut out);
    room
}

fn resumed(path: &Path, now: Instant) -> Room {
    let (log, notes) = log_file::read(path).unwrap();
    let mut room = Room::resume(log, &notes, path.to_path_buf()).unwrap();
    room.start(now);
    seat_everyone(&mut room, now);
    let mut out = Vec::new();
    room.sync_log(now, &mut out);
    room
}

#[derive(Debug, Clone)]
enum Op {
    White(Facilitate),
    Player(usize, Command),
    /// Let time pass (less than any timer the test sets).
    Wait(u64),
    /// Only the room under test: dropped without shutdown, then resumed.
    Kill,
}

fn facilitate() -> impl Strategy<Value = Facilitate> {
    let actor = prop::sample::select(ACTORS.to_vec()).prop_map(String::from);
    let seat = prop_oneof![
        Just(Seat::Human),
        prop::sample::select(vec![Policy::Cooperative, Policy::Hawkish, Policy::Cautious])
            .prop_map(|policy| Seat::Bot { policy }),
    ];
    prop_oneof![
        10 => Just(Facilitate::Pause),
        10 => Just(Facilitate::Resume),
        10 => prop::sample::select(vec![0u64, 600, 3600]).prop_map(|seconds| Facilitate::SetTimer { seconds }),
        10 => Just(Facilitate::ExtendTimer { seconds: 120 }),
        10 => prop::sample::select(vec![Timeout::Bot, Timeout::NoMove]).prop_map(|then| Facilitate::OnTimeout { then }),
        10 => (actor, seat).prop_map(|(actor, seat)| Facilitate::SetSeat { actor, seat }),
        10 => Just(Facilitate::ForceResolve),
        10 => prop::sample::select(vec!["north", "cert", "observer:east", "spectator"])
            .prop_map(|who| Facilitate::Revoke { code_of: who.into() }),
        10 => Just(Facilitate::Inject {
            headline: "Leak".into(),
            text: "A document surfaces.".into(),
            audience: Vec::new(),
        }),
        // Rarely: the game ends, and the debrief is revealed section by
        // section (refused before the end).
        4 => Just(Facilitate::EndGame),
        20 => (0u8..=7).prop_map(|sections| Facilitate::Reveal { sections }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let command = prop_oneof![
        Just(common::act("directive", None)),
        Just(common::act("protest", Some("east"))),
        Just(Command::Commit),
        Just(Command::Withdraw),
    ];
    prop_oneof![
        4 => facilitate().prop_map(Op::White),
        4 => (0..4usize, command).prop_map(|(a, c)| Op::Player(a, c)),
        1 => (1..30u64).prop_map(Op::Wait),
        2 => Just(Op::Kill),
    ]
}

fn apply(room: &mut Room, op: &Op, id: u64, now: Instant) {
    let mut out = match op {
        Op::White(f) => room.handle(WHITE, ClientMsg::Facilitate { id, command: f.clone() }, now),
        Op::Player(a, c) => room.handle(10 + *a as u64, ClientMsg::Command { id, command: c.clone() }, now),
        Op::Wait(_) | Op::Kill => room.tick(now),
    };
    // A player whose code was revoked comes back with the new one.
    if let Op::White(Facilitate::Revoke { code_of }) = op {
        if let Some(a) = ACTORS.iter().position(|id| id == code_of) {
            out.extend(room.join(
                10 + a as u64,
                Role::Player { actor: code_of.clone() },
                Some(a),
                None,
                now,
            ));
        }
    }
    out.extend(room.states(now));
    room.sync_log(now, &mut out);
}

/// The settings to compare between two rooms: codes by whose they are
/// (a revoked code is replaced by a random one in each room), and not
/// where the server listened, which the test does not set.
fn comparable(room: &Room) -> log_file::Setup {
    let mut s = room.setup();
    s.bind = None;
    for (_, code) in &mut s.codes {
        code.clear();
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn kill_and_resume_any_number_of_times_loses_nothing(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("never-killed.log"), dir.path().join("killed.log"));
        let mut now = Instant::now();
        let mut reference = fresh(&a, now);
        let mut room = fresh(&b, now);
        for (i, op) in ops.iter().enumerate() {
            if let Op::Wait(s) = op {
                now += Duration::from_secs(*s);
            }
            if let Op::Kill = op {
                let before = room.setup();
                drop(room);
                room = resumed(&b, now);
                // Every code, revoked and new ones included, is as it was.
                prop_assert_eq!(room.setup(), before);
                continue;
            }
            apply(&mut reference, op, i as u64, now);
            apply(&mut room, op, i as u64, now);
        }
        drop(room);
        let room = resumed(&b, now);
        let mut room = room;
        prop_assert_eq!(comparable(&room), comparable(&reference));
        prop_assert_eq!(room.game.state_hash(), reference.game.state_hash());
        prop_assert_eq!(revealed(&mut room, now), revealed(&mut reference, now));
    }
}

#[test]
fn a_turn_that_starts_during_a_pause_keeps_its_full_time_until_play_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let mut room = fresh(&dir.path().join("room-1.log"), t0);
    apply(&mut room, &Op::White(Facilitate::SetTimer { seconds: 4 }), 1, t0);
    apply(&mut room, &Op::White(Facilitate::Pause), 2, t0);
    apply(&mut room, &Op::White(Facilitate::ForceResolve), 3, t0);
    assert_eq!(room.game.turn(), 2);
    let later = t0 + Duration::from_secs(60);
    room.tick(later);
    assert_eq!(room.seconds_left(later), Some(4), "the clock stands still in a pause");
    apply(&mut room, &Op::White(Facilitate::Resume), 4, later);
    room.tick(later + Duration::from_secs(1));
    assert_eq!(room.game.turn(), 2, "the new turn was not resolved on resume");
    assert_eq!(room.seconds_left(later + Duration::from_secs(1)), Some(3));
    room.tick(later + Duration::from_secs(5));
    assert_eq!(room.game.turn(), 3, "and it runs out after its full time");
}

#[test]
fn a_new_rooms_clock_waits_for_its_first_player() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let settings = log_file::Setup {
        turn_timer: Some(600),
        ..log_file::Setup::default()
    };
    let path = dir.path().join("room-1.log");
    let mut room = Room::new_with(1, common::small(), 11, codes(), Some(path), settings).unwrap();
    room.start(t0);
    let mut out = room.join(WHITE, Role::Facilitator, None, Some("White cell".into()), t0);
    out.extend(room.states(t0));
    let waiting = ServerMsg::Timer {
        seconds_left: Some(600),
        waits: true,
    };
    assert!(
        out.iter().any(|(to, m)| *to == WHITE && *m == waiting),
        "the white cell is told the clock waits: {out:?}"
    );
    assert!(out
        .iter()
        .any(|(to, m)| *to == WHITE && matches!(m, ServerMsg::Facilitator { state } if state.clock_waits)));
    // Resuming after a pause does not start it while nobody plays.
    reply(&mut room, Facilitate::Pause, 1, t0);
    reply(&mut room, Facilitate::Resume, 2, t0);
    assert!(room.clock_waits(), "resumed, the clock still waits for a player");
    // The trainer hands out codes for twenty minutes: turn 1 keeps its time.
    let later = t0 + Duration::from_secs(1200);
    room.tick(later);
    assert_eq!(room.game.turn(), 1);
    assert_eq!(room.seconds_left(later), Some(600), "no player yet: the clock waits");
    let out = room.join(10, Role::Player { actor: "north".into() }, Some(0), None, later);
    assert!(
        out.iter().any(|(to, m)| *to == WHITE
            && *m
                == ServerMsg::Timer {
                    seconds_left: Some(600),
                    waits: false,
                }),
        "the white cell's clock is set right when it starts: {out:?}"
    );
    let after = later + Duration::from_secs(100);
    assert_eq!(room.seconds_left(after), Some(500), "the first player starts it");
    assert!(!room.clock_waits());
}

/// How many sections of the debrief the projector shows, as a facilitator
/// joining now is told.
fn revealed(room: &mut Room, now: Instant) -> Option<u8> {
    let mut out = room.join(99, Role::Facilitator, None, None, now);
    out.extend(room.states(now));
    out.into_iter().rev().find_map(|(_, m)| match m {
        ServerMsg::Facilitator { state } => Some(state.revealed),
        _ => None,
    })
}

fn reply(room: &mut Room, f: Facilitate, id: u64, now: Instant) -> ServerMsg {
    let out = room.handle(WHITE, ClientMsg::Facilitate { id, command: f }, now);
    out.into_iter()
        .map(|(_, m)| m)
        .find(|m| matches!(m, ServerMsg::Ack { id: i } | ServerMsg::Error { id: Some(i), .. } if *i == id))
        .expect("a reply")
}

#[test]
fn timer_numbers_beyond_a_day_are_refused_and_the_room_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut room = fresh(&dir.path().join("room-1.log"), now);
    for (id, f) in [
        (1, Facilitate::SetTimer { seconds: u64::MAX }),
        (2, Facilitate::SetTimer { seconds: 86_401 }),
    ] {
        let r = reply(&mut room, f, id, now);
        assert!(
            matches!(&r, ServerMsg::Error { code: ErrorCode::Rejected, message, .. } if message.contains("24 hours")),
            "{r:?}"
        );
    }
    assert!(matches!(
        reply(&mut room, Facilitate::SetTimer { seconds: 300 }, 3, now),
        ServerMsg::Ack { .. }
    ));
    for (id, paused) in [(4, false), (6, true)] {
        if paused {
            reply(&mut room, Facilitate::Pause, 5, now);
        }
        let r = reply(&mut room, Facilitate::ExtendTimer { seconds: u64::MAX }, id, now);
        assert!(
            matches!(
                &r,
                ServerMsg::Error {
                    code: ErrorCode::Rejected,
                    ..
                }
            ),
            "{r:?}"
        );
    }
    assert_eq!(room.seconds_left(now), Some(300));
    room.tick(now + Duration::from_secs(1));
    assert!(matches!(
        reply(&mut room, Facilitate::SetTimer { seconds: 86_400 }, 7, now),
        ServerMsg::Ack { .. }
    ));
}

#[test]
fn a_seat_handed_to_a_bot_drops_the_players_unfinished_choice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    let now = Instant::now();
    let mut room = fresh(&path, now);
    apply(&mut room, &Op::Player(0, common::act("directive", None)), 1, now);
    let seat = Facilitate::SetSeat {
        actor: "north".into(),
        seat: Seat::Bot {
            policy: Policy::Hawkish,
        },
    };
    assert!(matches!(reply(&mut room, seat, 2, now), ServerMsg::Ack { .. }));
    let north: Vec<&Logged> = room
        .log
        .commands
        .iter()
        .filter(|c| c.actor == "north")
        .map(|c| &c.command)
        .collect();
    assert!(
        matches!(
            north[..],
            [Logged::Actor(Command::Act { .. }), Logged::Actor(Command::Withdraw), ..]
        ),
        "the person's directive is taken back before the bot chooses: {north:?}"
    );
    assert!(
        matches!(north.last(), Some(Logged::Actor(Command::Commit))),
        "{north:?}"
    );
}

#[test]
fn a_log_from_before_observer_codes_gets_them_once_and_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    let now = Instant::now();
    drop(fresh(&path, now));
    // The header as an older host wrote it: no observers' codes.
    let text = std::fs::read_to_string(&path).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_str(first).unwrap();
    let codes = header["setup"]["codes"].as_array_mut().unwrap();
    codes.retain(|c| !c[0].as_str().unwrap().starts_with("observer:"));
    assert_eq!(codes.len(), 6);
    std::fs::write(&path, format!("{header}\n{rest}")).unwrap();
    let first = resumed(&path, now);
    let issued = first.observer_codes.clone();
    assert_eq!(issued.len(), 4);
    drop(first);
    let second = resumed(&path, now);
    assert_eq!(
        second.observer_codes, issued,
        "the same observers' codes after every resume"
    );
    let records: Vec<&RoomChange> = second.records().iter().map(|r| &r.room).collect();
    let issued_records = records
        .iter()
        .filter(|r| matches!(r, RoomChange::Issued { .. }))
        .count();
    assert_eq!(issued_records, 4, "issued once, not at each resume: {records:?}");
}

#[test]
fn the_sections_revealed_to_the_projector_survive_two_kills() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room.log");
    let now = Instant::now();
    let mut room = fresh(&path, now);
    assert!(matches!(
        reply(&mut room, Facilitate::EndGame, 1, now),
        ServerMsg::Ack { .. }
    ));
    assert!(matches!(
        reply(&mut room, Facilitate::Reveal { sections: 3 }, 2, now),
        ServerMsg::Ack { .. }
    ));
    let mut out = room.states(now);
    room.sync_log(now, &mut out);
    for _ in 0..2 {
        drop(room);
        room = resumed(&path, now);
        assert_eq!(revealed(&mut room, now), Some(3));
    }
}
