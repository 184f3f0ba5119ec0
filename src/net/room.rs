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
use crate::session::log_file::{LogWriter, Setup};

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
    pub(super) writer: Option<LogWriter>,
    pub(super) path: Option<PathBuf>,
    pub(super) seats: Vec<Seat>,
    pub(super) bots: Vec<Option<Bot>>,
    pub(super) conns: BTreeMap<u64, Conn>,
    pub(super) paused: bool,
    pub(super) turn_seconds: Option<u64>,
    pub(super) deadline: Option<Instant>,
    /// Time left on the clock while paused.
    pub(super) frozen: Option<Duration>,
    pub(super) on_timeout: Timeout,
    pub(super) timer_turn: u32,
    /// Commands written since the last sync.
    dirty: bool,
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
    /// and flushed before it is acknowledged.
    pub fn new(
        id: usize,
        scenario: Arc<Scenario>,
        seed: u64,
        codes: RoomCodes,
        path: Option<PathBuf>,
    ) -> std::io::Result<Room> {
        let game = Game::new(scenario, seed);
        let log = GameLog::new(&game);
        Room::with(id, game, log, codes, path, None)
    }

    /// A room rebuilt from its log after a restart.
    pub fn resume(log: GameLog, setup: &Setup, path: PathBuf) -> Result<Room, String> {
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
        let mut room =
            Room::with(setup.room, game, log, codes, Some(path), setup.turn_timer).map_err(|e| e.to_string())?;
        for (id, p) in &setup.bots {
            if let Some(&a) = room.game.scenario().actor_ix.get(id) {
                room.seats[a] = Seat::Bot { policy: *p };
            }
        }
        room.refresh_bots();
        room.paused = setup.paused;
        if setup.bot_on_timeout {
            room.on_timeout = Timeout::Bot;
        }
        Ok(room)
    }

    fn with(
        id: usize,
        game: Game,
        log: GameLog,
        codes: RoomCodes,
        path: Option<PathBuf>,
        turn_seconds: Option<u64>,
    ) -> std::io::Result<Room> {
        let n = game.scenario().actor_count();
        let mut room = Room {
            id,
            game,
            log,
            codes,
            writer: None,
            path,
            seats: vec![Seat::Human; n],
            bots: (0..n).map(|_| None).collect(),
            conns: BTreeMap::new(),
            paused: false,
            turn_seconds,
            deadline: None,
            frozen: None,
            on_timeout: Timeout::NoMove,
            timer_turn: 0,
            dirty: false,
            roster_due: None,
            waiting_stale: false,
            facilitator_stale: false,
            state_due: Vec::new(),
            described: Vec::new(),
            common_json: None,
        };
        if let Some(p) = room.path.clone() {
            room.writer = Some(LogWriter::create_with_setup(&p, &room.log, Some(&room.setup()))?);
        }
        Ok(room)
    }

    /// The setup written in the log header: seats, codes, timer.
    pub fn setup(&self) -> Setup {
        let f = &self.game.scenario().file;
        let mut codes: Vec<(String, String)> = f
            .actors
            .iter()
            .zip(&self.codes.players)
            .map(|(a, c)| (a.id.clone(), c.clone()))
            .collect();
        codes.push(("facilitator".into(), self.codes.facilitator.clone()));
        codes.push(("spectator".into(), self.codes.spectator.clone()));
        let mut setup = Setup {
            codes,
            room: self.id,
            turn_timer: self.turn_seconds,
            paused: self.paused,
            bot_on_timeout: self.on_timeout == Timeout::Bot,
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

    /// Seconds per turn, starting with the current turn.
    pub fn set_turn_timer(&mut self, seconds: u64) {
        self.turn_seconds = (seconds > 0).then_some(seconds);
        self.timer_turn = 0;
    }

    /// Hand an actor to a bot (or back to a person).
    pub fn set_seat(&mut self, actor: usize, seat: Seat) {
        self.seats[actor] = seat;
        self.refresh_bots();
    }

    fn refresh_bots(&mut self) {
        let seed = self.game.state().seed;
        for (a, s) in self.seats.iter().enumerate() {
            self.bots[a] = match (s, self.bots[a].take()) {
                (Seat::Bot { policy }, Some(b)) if b.policy == *policy => Some(b),
                (Seat::Bot { policy }, _) => Some(Bot::new(*policy, seed, a)),
                (Seat::Human, _) => None,
            };
        }
    }

    /// Write an accepted command to the log; the server syncs it,
    /// before anyone is told.
    fn persist(&mut self) -> Result<(), String> {
        let (Some(w), Some(last)) = (self.writer.as_mut(), self.log.commands.last()) else {
            return Ok(());
        };
        self.dirty = true;
        w.write(last)
            .map_err(|e| format!("the game log could not be written: {e}"))
    }

    /// Whether commands were written since the last sync.
    pub fn has_unsynced(&self) -> bool {
        self.dirty
    }

    /// The log file when commands were written since the last sync: the
    /// server syncs it off the room's thread, before sending any reply.
    pub fn take_unsynced(&mut self) -> std::io::Result<Option<Arc<std::fs::File>>> {
        if !std::mem::take(&mut self.dirty) {
            return Ok(None);
        }
        self.writer.as_mut().map(LogWriter::write_out).transpose()
    }

    /// Apply an actor's command, and log it (the server syncs the log before anyone hears of it).
    pub(super) fn act(&mut self, actor: usize, cmd: &Command) -> Result<(), RuleError> {
        self.game.apply(actor, cmd)?;
        self.log.record(&self.game, actor, cmd);
        self.persist().map_err(RuleError::Invalid)
    }

    pub(super) fn facilitate_engine(&mut self, cmd: &WhiteCell) -> Result<(), RuleError> {
        self.game.white_cell(cmd)?;
        self.log.record_white_cell(cmd);
        self.persist().map_err(RuleError::Invalid)
    }

    /// Bots move for the actors they hold.
    pub(super) fn run_bots(&mut self) {
        for a in 0..self.bots.len() {
            let Some(bot) = self.bots[a].as_mut() else { continue };
            if self.game.is_over() || !self.game.waiting_for().contains(&a) {
                continue;
            }
            let commands = bot.choose(&self.game.perspective(a));
            for c in commands {
                let _ = self.act(a, &c);
            }
        }
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
                match self.facilitate(command, now, &mut out) {
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
