//! One game on the server: its players, facilitator and spectators, the
//! seats bots hold, the turn timer, and the log on disk. Synchronous and
//! free of sockets: it takes messages and returns what to send to whom.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::bots::Bot;
use crate::engine::debrief::Debrief;
use crate::engine::{Command, Game, GameLog, LoggedCommand, RuleError, WhiteCell};
use crate::scenario::Scenario;
use crate::session::log_file::{ReadNotes, Setup};

use super::room_log::Journal;

use super::protocol::{ClientMsg, ErrorCode, Role, Seat, ServerMsg, Timeout, PROTOCOL_VERSION};

/// Messages to send: (connection, message).
pub type Out = Vec<(u64, ServerMsg)>;

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
        Ok(room)
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
        codes.push(("facilitator".into(), self.codes.facilitator.clone()));
        codes.push(("spectator".into(), self.codes.spectator.clone()));
        codes
    }

    /// The room's settings now: seats, codes, timer, pause, timeout
    /// policy and address, in the shape of a log header.
    pub fn setup(&self) -> Setup {
        let f = &self.game.scenario().file;
        let initial = &self.journal.initial;
        let (bind, public_url) = self.journal.address();
        let mut setup = Setup {
            codes: self.code_list(),
            room: self.id,
            turn_timer: self.turn_seconds,
            paused: self.paused,
            bot_on_timeout: self.on_timeout == Timeout::Bot,
            bind: bind.or_else(|| initial.bind.clone()),
            public_url: public_url.or_else(|| initial.public_url.clone()),
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

    /// Apply an actor's command, and log it (the server syncs the log before anyone hears of it).
    pub(super) fn act(&mut self, actor: usize, cmd: &Command) -> Result<(), RuleError> {
        self.game.apply(actor, cmd)?;
        self.log.record(&self.game, actor, cmd);
        self.log_last_command().map_err(RuleError::Invalid)
    }

    pub(super) fn facilitate_engine(&mut self, cmd: &WhiteCell) -> Result<(), RuleError> {
        self.game.white_cell(cmd)?;
        self.log.record_white_cell(cmd);
        self.log_last_command().map_err(RuleError::Invalid)
    }

    /// First message of a connection: who it is. Its first state follows
    /// from `states`.
    pub fn join(&mut self, conn: u64, role: Role, actor: Option<usize>, name: Option<String>, now: Instant) -> Out {
        let mut out = Vec::new();
        // A code in use: the new connection replaces the old one.
        let same: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.role == role && role != Role::Spectator)
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
            },
        );
        out.push((conn, ServerMsg::Paused { paused: self.paused }));
        self.state_later(conn);
        self.facilitator_update(now, &mut out);
        out
    }

    pub fn leave(&mut self, conn: u64, now: Instant) -> Out {
        let mut out = Vec::new();
        if self.conns.remove(&conn).is_some() {
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
            ClientMsg::Command { id, command } => {
                let Some(a) = actor else {
                    out.push(err(id, ErrorCode::NotAllowed, "only players send commands".into()));
                    return out;
                };
                if self.paused {
                    out.push(err(id, ErrorCode::Paused, "the facilitator has paused the game".into()));
                    return out;
                }
                if matches!(self.seats[a], Seat::Bot { .. }) {
                    out.push(err(
                        id,
                        ErrorCode::NotAllowed,
                        "a bot is playing your actor; ask the facilitator".into(),
                    ));
                    return out;
                }
                let turn = self.game.turn();
                match self.act(a, &command) {
                    Ok(()) => {
                        out.push((conn, ServerMsg::Ack { id }));
                        // Only a resolved turn or shared evidence changes others' views;
                        // a commit changes who is waiting; other moves concern the mover alone.
                        let published = matches!(command, Command::Publish { .. });
                        let everyone = self.after_change(now, turn, published);
                        if !everyone {
                            match &command {
                                Command::Commit => self.roster_later(now, true),
                                // A private share concerns the sharer and the recipients only.
                                Command::Share { with, .. } => {
                                    let to: Vec<u64> = self
                                        .conns
                                        .iter()
                                        .filter(|(id, c)| {
                                            **id == conn
                                                || c.actor.is_some_and(|a| {
                                                    with.iter().any(|w| self.game.actor_index(w).ok() == Some(a))
                                                })
                                        })
                                        .map(|(id, _)| *id)
                                        .collect();
                                    for c in to {
                                        self.state_later(c);
                                    }
                                }
                                _ => self.state_later(conn),
                            }
                            self.roster_later(now, false);
                        }
                    }
                    Err(e) => out.push(err(id, ErrorCode::Rejected, e.to_string())),
                }
            }
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
