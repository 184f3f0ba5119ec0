//! One game on the server: its players, facilitator and spectators, the
//! seats bots hold, the turn timer, and the log on disk. Synchronous and
//! free of sockets: it takes messages and returns what to send to whom.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::bots::Bot;
use crate::engine::debrief::Debrief;
use crate::engine::{Author, Command, Game, GameLog, LoggedCommand, RuleError, WhiteCell};
use crate::scenario::Scenario;
use crate::session::log_file::{ReadNotes, Setup};
use crate::session::room_record::RoomChange;

use super::room_log::Journal;

use super::protocol::{ClientMsg, ErrorCode, Role, Seat, ServerMsg, Timeout, PROTOCOL_VERSION};

/// Messages to send: (connection, message).
pub type Out = Vec<(u64, ServerMsg)>;

pub use super::room_status::RoomStatus;

/// Join codes of one room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomCodes {
    /// One per actor, in scenario order.
    pub players: Vec<String>,
    pub facilitator: String,
    pub spectator: String,
}

pub(super) struct Conn {
    pub role: Role,
    pub actor: Option<usize>,
    pub name: Option<String>,
    /// Events of the game this connection has already been sent.
    pub seen: usize,
    /// Entries of the debrief's timeline this connection has been sent.
    pub timeline_sent: usize,
    /// Letters of the debrief's correspondence this connection has been
    /// sent.
    pub letters_sent: usize,
}

pub struct Room {
    pub id: usize,
    pub game: Game,
    pub log: GameLog,
    pub codes: RoomCodes,
    /// The room's log: what is on disk, and what is on its way.
    pub(super) journal: Journal,
    pub(super) seats: Vec<Seat>,
    /// Per actor, the bot playing it this turn, and that turn.
    pub(super) bots: Vec<Option<(u32, Bot)>>,
    pub(super) conns: BTreeMap<u64, Conn>,
    pub(super) paused: bool,
    pub(super) turn_seconds: Option<u64>,
    pub(super) deadline: Option<Instant>,
    /// Time left on the clock while paused.
    pub(super) frozen: Option<Duration>,
    pub(super) on_timeout: Timeout,
    pub(super) timer_turn: u32,
    /// When the pending `waiting` list and facilitator picture go out.
    pub(super) roster_due: Option<Instant>,
    pub(super) waiting_stale: bool,
    pub(super) facilitator_stale: bool,
    /// Connections whose state changed, in order: each is sent its state
    /// once, when `states` is called after the messages handled together.
    pub(super) state_due: Vec<u64>,
    /// The game's events in words, in order, as far as they were sent.
    pub(super) described: Vec<crate::engine::FeedItem>,
    /// What every actor saw alike in the last views built, ready in JSON.
    pub(super) common_json: Option<super::wire::CommonJson>,
    /// Per actor, the code of its observers (who see without acting).
    pub observer_codes: Vec<String>,
    /// Per actor, the connection holding its delegation's pen.
    pub(super) pens: Vec<Option<u64>>,
    /// A code was revoked and replaced since the server last looked.
    pub(super) codes_changed: bool,
    /// Sections of the debrief the projector shows.
    pub(super) revealed: u8,
}

impl Room {
    /// A new room. With `path`, every accepted command is appended there
    /// and synced before it is acknowledged.
    ///
    /// Errors: the log cannot be created (it must not exist yet).
    pub fn new(
        id: usize,
        scenario: Arc<Scenario>,
        seed: u64,
        codes: RoomCodes,
        path: Option<PathBuf>,
    ) -> std::io::Result<Room> {
        Room::new_with(id, scenario, seed, codes, path, Setup::default())
    }

    /// A new room with settings from the start (`turn_timer`, `paused`,
    /// `bot_on_timeout`, bots, `bind`, `public_url`; codes and room number
    /// come from the other arguments). They are written in the log's
    /// header, which is never rewritten.
    pub fn new_with(
        id: usize,
        scenario: Arc<Scenario>,
        seed: u64,
        codes: RoomCodes,
        path: Option<PathBuf>,
        settings: Setup,
    ) -> std::io::Result<Room> {
        Room::fresh(id, scenario, seed, codes, settings, |log, initial| {
            Journal::create(path, log, initial)
        })
    }

    /// A new room whose log goes to `store` rather than a file of its own
    /// (for a store that fails on cue, to see a full disk handled).
    pub fn new_in(
        id: usize,
        scenario: Arc<Scenario>,
        seed: u64,
        codes: RoomCodes,
        store: Arc<dyn crate::session::log_append::LogStore>,
        settings: Setup,
    ) -> std::io::Result<Room> {
        Room::fresh(id, scenario, seed, codes, settings, |log, initial| {
            Journal::create_in(store, log, initial)
        })
    }

    /// A new room with its settings applied, journalled by `journal`.
    fn fresh(
        id: usize,
        scenario: Arc<Scenario>,
        seed: u64,
        codes: RoomCodes,
        settings: Setup,
        journal: impl FnOnce(&GameLog, Setup) -> std::io::Result<Journal>,
    ) -> std::io::Result<Room> {
        let game = Game::new(scenario, seed);
        let log = GameLog::new(&game);
        let mut room = Room::with(id, game, log, codes);
        let mut initial = settings;
        initial.room = id;
        initial.codes = room.code_list();
        room.apply_setup(&initial);
        room.journal = journal(&room.log, initial)?;
        Ok(room)
    }

    /// A room rebuilt from its log after a restart: the game from its
    /// commands, the settings from the header and every record after it.
    /// It goes on appending to the same file, after its last whole record.
    ///
    /// Errors: the log is not a hosted room's, lacks a code, does not
    /// replay, or is in use by another server.
    pub fn resume(log: GameLog, notes: &ReadNotes, path: PathBuf) -> Result<Room, String> {
        let setup = notes.setup.clone().ok_or("this is not a hosted room's log")?;
        let game = log.replay().map_err(|e| e.to_string())?;
        let f = &game.scenario().file;
        let code = |role: &str| setup.codes.iter().find(|(r, _)| r == role).map(|(_, c)| c.clone());
        let codes = RoomCodes {
            players: f
                .actors
                .iter()
                .map(|a| code(&a.id).ok_or(format!("the log has no code for {}", a.id)))
                .collect::<Result<_, _>>()?,
            facilitator: code("facilitator").ok_or("the log has no facilitator code")?,
            spectator: code("spectator").ok_or("the log has no spectator code")?,
        };
        let mut room = Room::with(setup.room, game, log, codes);
        let commands = room.log.commands.len();
        room.journal = Journal::open(path, notes, setup, commands).map_err(|e| e.to_string())?;
        room.restore_settings();
        room.issue_missing_codes();
        Ok(room)
    }

    /// A log written before observers had codes gets them now, recorded
    /// so that every later resume admits the same ones.
    fn issue_missing_codes(&mut self) {
        let known = |of: &str| {
            self.journal.initial.codes.iter().any(|(r, _)| r == of)
                || self.journal.records.iter().any(|r| {
                    matches!(&r.room, RoomChange::Revoke { of: o, .. } | RoomChange::Issued { of: o, .. } if o == of)
                })
        };
        let missing: Vec<(String, String)> = self
            .game
            .scenario()
            .file
            .actors
            .iter()
            .zip(&self.observer_codes)
            .map(|(a, c)| (format!("observer:{}", a.id), c.clone()))
            .filter(|(of, _)| !known(of))
            .collect();
        for (of, code) in missing {
            self.record(RoomChange::Issued { of, code }, None);
        }
    }

    fn with(id: usize, game: Game, log: GameLog, codes: RoomCodes) -> Room {
        let n = game.scenario().actor_count();
        Room {
            id,
            game,
            log,
            codes,
            journal: Journal::default(),
            seats: vec![Seat::Human; n],
            bots: (0..n).map(|_| None).collect(),
            conns: BTreeMap::new(),
            paused: false,
            turn_seconds: None,
            deadline: None,
            frozen: None,
            on_timeout: Timeout::NoMove,
            timer_turn: 0,
            roster_due: None,
            waiting_stale: false,
            facilitator_stale: false,
            state_due: Vec::new(),
            described: Vec::new(),
            common_json: None,
            observer_codes: (0..n).map(|_| super::codes::new_code()).collect(),
            pens: vec![None; n],
            codes_changed: false,
            revealed: 0,
        }
    }

    fn code_list(&self) -> Vec<(String, String)> {
        let f = &self.game.scenario().file;
        let mut codes: Vec<(String, String)> = f
            .actors
            .iter()
            .zip(&self.codes.players)
            .map(|(a, c)| (a.id.clone(), c.clone()))
            .collect();
        for (a, c) in f.actors.iter().zip(&self.observer_codes) {
            codes.push((format!("observer:{}", a.id), c.clone()));
        }
        codes.push(("facilitator".into(), self.codes.facilitator.clone()));
        codes.push(("spectator".into(), self.codes.spectator.clone()));
        codes
    }

    /// The room's settings now: seats, codes, timer, pause, timeout
    /// policy and address, in the shape of a log header.
    pub fn setup(&self) -> Setup {
        let f = &self.game.scenario().file;
        let initial = &self.journal.initial;
        let (bind, public_url, ssh) = match self.journal.address() {
            Some((b, p, s)) => (Some(b), p, s),
            None => (None, None, None),
        };
        let mut setup = Setup {
            codes: self.code_list(),
            room: self.id,
            turn_timer: self.turn_seconds,
            paused: self.paused,
            bot_on_timeout: self.on_timeout == Timeout::Bot,
            bind: bind.or_else(|| initial.bind.clone()),
            public_url: public_url.or_else(|| initial.public_url.clone()),
            ssh: ssh.or_else(|| initial.ssh.clone()),
            ..Setup::default()
        };
        for (a, s) in self.seats.iter().enumerate() {
            match s {
                Seat::Human => setup.humans.push(f.actors[a].id.clone()),
                Seat::Bot { policy } => setup.bots.push((f.actors[a].id.clone(), *policy)),
            }
        }
        setup
    }

    /// Bots make their first moves and the clock starts.
    pub fn start(&mut self, now: Instant) {
        self.run_bots();
        self.restart_clock(now);
    }

    /// Apply an actor's command, and log it with who made it and when
    /// (the server syncs the log before anyone hears of it).
    pub(super) fn act(&mut self, actor: usize, cmd: &Command, by: Author) -> Result<(), RuleError> {
        self.game.apply(actor, cmd)?;
        self.log.record(&self.game, actor, cmd);
        self.log_last_command(by).map_err(RuleError::Invalid)
    }

    /// Apply a white cell command, and log it with who made it and when.
    pub(super) fn facilitate_engine(&mut self, cmd: &WhiteCell, by: Author) -> Result<(), RuleError> {
        self.game.white_cell(cmd)?;
        self.log.record_white_cell(cmd);
        self.log_last_command(by).map_err(RuleError::Invalid)
    }

    /// First message of a connection: who it is. Its first state follows
    /// from `states`.
    pub fn join(&mut self, conn: u64, role: Role, actor: Option<usize>, name: Option<String>, now: Instant) -> Out {
        let mut out = Vec::new();
        // The facilitator's code admits one connection: the new one
        // replaces the old. An actor's code admits a delegation.
        let same: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.role == role && role == Role::Facilitator)
            .map(|(id, _)| *id)
            .collect();
        for old in same {
            self.conns.remove(&old);
            out.push((
                old,
                ServerMsg::Bye {
                    reason: "this code was used to join from another connection".into(),
                },
            ));
        }
        let scenario = self.game.scenario().file.title.clone();
        out.push((
            conn,
            ServerMsg::Welcome {
                protocol: PROTOCOL_VERSION,
                room: self.id,
                connection: conn,
                role: role.clone(),
                scenario,
            },
        ));
        self.conns.insert(
            conn,
            Conn {
                role,
                actor,
                name,
                seen: 0,
                timeline_sent: 0,
                letters_sent: 0,
            },
        );
        out.push((conn, ServerMsg::Paused { paused: self.paused }));
        if let Some(a) = actor {
            if matches!(self.conns.get(&conn).map(|c| &c.role), Some(Role::Player { .. })) {
                self.player_arrived(now, &mut out);
            }
            self.seats_changed(a, &mut out);
        }
        self.state_later(conn);
        self.facilitator_update(now, &mut out);
        out
    }

    pub fn leave(&mut self, conn: u64, now: Instant) -> Out {
        let mut out = Vec::new();
        if let Some(c) = self.conns.remove(&conn) {
            if let Some(a) = c.actor {
                self.seats_changed(a, &mut out);
            }
            self.facilitator_update(now, &mut out);
        }
        out
    }

    /// A message from a connection that has joined. The replies come
    /// back; the state updates it causes wait for `states`, which the
    /// server calls once the messages that came together are handled.
    pub fn handle(&mut self, conn: u64, msg: ClientMsg, now: Instant) -> Out {
        let mut out = Vec::new();
        let Some(c) = self.conns.get(&conn) else { return out };
        let (role, actor) = (c.role.clone(), c.actor);
        let err = |id: u64, code: ErrorCode, message: String| {
            (
                conn,
                ServerMsg::Error {
                    id: Some(id),
                    code,
                    message,
                },
            )
        };
        match msg {
            ClientMsg::Hello { .. } => out.push((
                conn,
                ServerMsg::Error {
                    id: None,
                    code: ErrorCode::Protocol,
                    message: "already joined".into(),
                },
            )),
            ClientMsg::Ping { id } => out.push((conn, ServerMsg::Pong { id })),
            ClientMsg::PassPen { id, to } => match self.pass_pen(conn, to, &mut out) {
                Ok(()) => {
                    out.push((conn, ServerMsg::Ack { id }));
                    self.roster_later(now, false);
                }
                Err(e) => out.push(err(id, ErrorCode::NotAllowed, e)),
            },
            ClientMsg::Note { id, text } => match self.note(conn, &text, &mut out) {
                Ok(()) => out.push((conn, ServerMsg::Ack { id })),
                Err(e) => out.push(err(id, ErrorCode::NotAllowed, e)),
            },
            ClientMsg::Command { id, command } => self.command(conn, id, command, actor, &role, now, &mut out),
            ClientMsg::Facilitate { id, command } => {
                if role != Role::Facilitator {
                    out.push(err(
                        id,
                        ErrorCode::NotAllowed,
                        "only the facilitator may do this".into(),
                    ));
                    return out;
                }
                let turn = self.game.turn();
                let by = self.conns.get(&conn).and_then(|c| c.name.clone());
                match self.facilitate(command, by, now, &mut out) {
                    Ok(()) => {
                        out.push((conn, ServerMsg::Ack { id }));
                        self.after_change(now, turn, true);
                    }
                    Err(e) => out.push(err(id, ErrorCode::Rejected, e)),
                }
            }
        }
        out
    }

    /// The debrief, for anyone, once the game is over.
    pub(super) fn debrief(&self) -> Option<Debrief> {
        self.game.is_over().then(|| Debrief::new(&self.game))
    }

    pub fn logged(&self) -> &[LoggedCommand] {
        &self.log.commands
    }
}
