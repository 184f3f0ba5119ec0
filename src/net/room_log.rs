//! A room's log as the only truth. The header holds the room as created;
//! every accepted command and every change of settings is one more line;
//! a room is restored by reading the file from the top, and the file is
//! never rewritten. An acknowledgement waits for the batch's sync; if the
//! write or the sync fails, the room goes back to what is on disk and the
//! replies become refusals.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::protocol::{ErrorCode, Role, Seat, ServerMsg, Timeout};
use super::room::{Out, Room};
use crate::engine::{Author, GameLog};
use crate::session::log_append::{Batch, LogAppender, LogStore};
use crate::session::log_file::{header_line, ReadNotes, Setup};
use crate::session::room_record::{now_millis, RoomChange, RoomRecord};

/// A room's log: the header's setup, the records after it, and the
/// appender (none for a room kept in memory only).
#[derive(Default)]
pub(super) struct Journal {
    appender: Option<LogAppender>,
    path: Option<PathBuf>,
    /// The room as its log's header describes it.
    pub(super) initial: Setup,
    /// Changes of settings since, in order.
    pub(super) records: Vec<RoomRecord>,
    /// Commands and records known to be on disk.
    durable: (usize, usize),
    /// Why the last batch could not be written, while it cannot.
    failing: Option<String>,
}

impl Journal {
    /// A new log at `path` (if any), its header written and synced.
    pub(super) fn create(path: Option<PathBuf>, log: &GameLog, initial: Setup) -> io::Result<Journal> {
        let appender = match &path {
            Some(p) => Some(LogAppender::create(p, &header_line(log, Some(&initial)))?),
            None => None,
        };
        Ok(Journal {
            appender,
            path,
            initial,
            ..Journal::default()
        })
    }

    /// A new log in any store (a file, or in tests one that fails on
    /// cue), its header written and synced.
    pub(super) fn create_in(store: Arc<dyn LogStore>, log: &GameLog, initial: Setup) -> io::Result<Journal> {
        let mut header = header_line(log, Some(&initial)).into_bytes();
        header.push(b'\n');
        store.write_at(0, &header)?;
        store.sync()?;
        Ok(Journal {
            appender: Some(LogAppender::with_store(store, header.len() as u64)),
            initial,
            ..Journal::default()
        })
    }

    /// An existing log, read into `notes`, to go on appending to.
    pub(super) fn open(path: PathBuf, notes: &ReadNotes, initial: Setup, commands: usize) -> io::Result<Journal> {
        let appender = LogAppender::open(&path, notes.whole_len)?;
        Ok(Journal {
            appender: Some(appender),
            path: Some(path),
            initial,
            records: notes.records.clone(),
            durable: (commands, notes.records.len()),
            failing: None,
        })
    }

    /// The addresses of the latest start of the server (websocket, public
    /// URL, SSH), if a restart recorded them.
    pub(super) fn address(&self) -> Option<(String, Option<String>, Option<String>)> {
        self.records.iter().rev().find_map(|r| match &r.room {
            RoomChange::Resumed { bind, public_url, ssh } => Some((bind.clone(), public_url.clone(), ssh.clone())),
            _ => None,
        })
    }
}

fn refusal(id: u64, message: &str) -> ServerMsg {
    ServerMsg::Error {
        id: Some(id),
        code: ErrorCode::Rejected,
        message: message.to_string(),
    }
}

impl Room {
    /// Put the last logged command on its way to disk, stamped with who
    /// made it and the host's clock.
    pub(super) fn log_last_command(&mut self, by: Author) -> Result<(), String> {
        let Some(last) = self.log.commands.last_mut() else {
            return Ok(());
        };
        last.by = Some(by);
        last.at = Some(now_millis());
        let Some(a) = self.journal.appender.as_mut() else {
            return Ok(());
        };
        a.add(last)
            .map_err(|e| format!("the game log could not be written: {e}"))
    }

    /// Append a change of settings (or a facilitator's action) to the log,
    /// stamped with the host's clock and who made it.
    pub fn record(&mut self, change: RoomChange, by: Option<String>) {
        let record = RoomRecord {
            room: change,
            at: Some(now_millis()),
            by,
            after: self.log.commands.len(),
        };
        if let Some(a) = self.journal.appender.as_mut() {
            if let Err(e) = a.add(&record) {
                eprintln!("room {}: a change could not be logged: {e}", self.id);
            }
        }
        self.journal.records.push(record);
    }

    /// The file the room's log is appended to, if any.
    pub fn log_path(&self) -> Option<&std::path::Path> {
        self.journal.path.as_deref()
    }

    /// The room's changes of settings, as logged (for reports and tests).
    pub fn records(&self) -> &[RoomRecord] {
        &self.journal.records
    }

    /// Whether lines wait to be written and synced.
    pub fn has_unsynced(&self) -> bool {
        self.journal.appender.as_ref().is_some_and(LogAppender::has_pending)
    }

    /// The lines waiting for the disk, as one batch to commit (the server
    /// does it off the room's thread), then to hand to `log_settled`
    /// before any reply of the batch is sent.
    pub fn take_log_batch(&mut self) -> Option<Batch> {
        let batch = self.journal.appender.as_mut().and_then(LogAppender::take_batch);
        if batch.is_none() {
            self.journal.durable = (self.log.commands.len(), self.journal.records.len());
        }
        batch
    }

    /// Write and sync the waiting lines here and now, then settle as
    /// `log_settled` does.
    pub fn sync_log(&mut self, now: Instant, out: &mut Out) {
        if let Some(batch) = self.take_log_batch() {
            self.log_settled(batch.commit(), now, out);
        }
    }

    /// How the last batch ended. On success its commands and changes are
    /// on disk. On failure the file is back at its last whole record, the
    /// room goes back to what the file holds, every `ack` in `out` becomes
    /// a `rejected` error, states built since are replaced, and the
    /// facilitator and the host's terminal are told.
    pub fn log_settled(&mut self, result: io::Result<u64>, now: Instant, out: &mut Out) {
        if let Some(a) = self.journal.appender.as_mut() {
            a.settle(&result);
        }
        match result {
            Ok(_) => {
                self.journal.durable = (self.log.commands.len(), self.journal.records.len());
                if self.journal.failing.take().is_some() {
                    eprintln!("room {}: the game log is being written again", self.id);
                }
            }
            Err(e) => {
                let path = self
                    .journal
                    .path
                    .as_ref()
                    .map_or_else(String::new, |p| p.display().to_string());
                let message = format!("the game log could not be written: {e}");
                eprintln!(
                    "room {}: {message} ({path}). Nothing since the last saved move counts; \
                     moves are refused until the disk has space again.",
                    self.id
                );
                out.retain(|(_, m)| {
                    matches!(
                        m,
                        ServerMsg::Ack { .. }
                            | ServerMsg::Error { .. }
                            | ServerMsg::Welcome { .. }
                            | ServerMsg::Pong { .. }
                            | ServerMsg::Bye { .. }
                    )
                });
                for (_, m) in out.iter_mut() {
                    if let ServerMsg::Ack { id } = m {
                        *m = refusal(*id, &message);
                    }
                }
                self.roll_back(now);
                let loud = format!(
                    "THE GAME LOG CANNOT BE WRITTEN ({message}; {path}). The last moves were refused \
                     and nothing acknowledged is lost; free disk space on the host, then play on."
                );
                for (id, c) in &self.conns {
                    out.push((*id, ServerMsg::Paused { paused: self.paused }));
                    if c.role == Role::Facilitator {
                        out.push((
                            *id,
                            ServerMsg::Error {
                                id: None,
                                code: ErrorCode::Rejected,
                                message: loud.clone(),
                            },
                        ));
                    }
                }
                out.extend(self.states(now));
                self.journal.failing = Some(message);
            }
        }
    }

    /// Something went wrong while handling messages (a panic): go back to
    /// what the log holds, and tell everyone in the room.
    pub fn recover(&mut self, now: Instant, out: &mut Out) {
        out.clear();
        self.roll_back(now);
        for id in self.conns.keys() {
            out.push((
                *id,
                ServerMsg::Error {
                    id: None,
                    code: ErrorCode::Rejected,
                    message: "the server hit an internal error; the room was restored from its log. \
                              Your last move may need to be sent again."
                        .into(),
                },
            ));
            out.push((*id, ServerMsg::Paused { paused: self.paused }));
        }
        out.extend(self.states(now));
    }

    /// Back to the last batch on disk: the game replayed from its durable
    /// commands, the settings from the header and durable records. Every
    /// connection gets its whole state again.
    fn roll_back(&mut self, now: Instant) {
        if let Some(a) = self.journal.appender.as_mut() {
            a.discard_pending();
        }
        let (commands, records) = self.journal.durable;
        self.log.commands.truncate(commands);
        self.journal.records.truncate(records);
        let turn = self.game.turn();
        match self.log.replay_with(Arc::clone(self.game.scenario())) {
            Ok(game) => self.game = game,
            Err(e) => eprintln!(
                "room {}: the log does not replay ({e}); the room goes on as it was",
                self.id
            ),
        }
        let left = self.seconds_left(now);
        let paused = self.paused;
        self.restore_settings();
        if self.game.turn() == turn && paused == self.paused {
            // The same turn goes on with the time it had.
            self.timer_turn = turn;
            // Paused, or with no player connected, it keeps that time.
            self.run_clock(left.map(std::time::Duration::from_secs), now);
        } else {
            self.restart_clock(now);
        }
        self.described.clear();
        self.common_json = None;
        let ids: Vec<u64> = self.conns.keys().copied().collect();
        for id in ids {
            if let Some(c) = self.conns.get_mut(&id) {
                c.seen = 0;
            }
            self.state_later(id);
        }
    }

    /// Settings from the header, then every record in order. The clock
    /// starts afresh (`restart_clock`, called by `start`).
    pub(super) fn restore_settings(&mut self) {
        let initial = self.journal.initial.clone();
        self.apply_setup(&initial);
        let records: Vec<RoomChange> = self.journal.records.iter().map(|r| r.room.clone()).collect();
        for change in &records {
            self.apply_change(change);
        }
        self.bots.iter_mut().for_each(|b| *b = None);
        self.timer_turn = 0;
        self.deadline = None;
        self.frozen = None;
    }

    pub(super) fn apply_setup(&mut self, s: &Setup) {
        self.turn_seconds = s.turn_timer.filter(|&t| t > 0);
        self.paused = s.paused;
        self.on_timeout = if s.bot_on_timeout {
            Timeout::Bot
        } else {
            Timeout::NoMove
        };
        for (of, code) in &s.codes {
            let _ = self.set_code(of, code);
        }
        self.seats.iter_mut().for_each(|seat| *seat = Seat::Human);
        for (id, p) in &s.bots {
            if let Some(&a) = self.game.scenario().actor_ix.get(id) {
                self.seats[a] = Seat::Bot { policy: *p };
            }
        }
    }

    /// A change's effect on the settings (not on the clock).
    fn apply_change(&mut self, change: &RoomChange) {
        match change {
            RoomChange::Pause => self.paused = true,
            RoomChange::Resume => self.paused = false,
            RoomChange::TurnTimer { seconds } => self.turn_seconds = seconds.filter(|&t| t > 0),
            RoomChange::OnTimeout { bot } => {
                self.on_timeout = if *bot { Timeout::Bot } else { Timeout::NoMove };
            }
            RoomChange::Seat { actor, bot } => {
                if let Some(&a) = self.game.scenario().actor_ix.get(actor) {
                    self.seats[a] = bot.map_or(Seat::Human, |policy| Seat::Bot { policy });
                }
            }
            RoomChange::Revoke { of, code } | RoomChange::Issued { of, code } => {
                let _ = self.set_code(of, code);
            }
            RoomChange::Reveal { sections } => self.revealed = *sections,
            RoomChange::ExtendTimer { .. } | RoomChange::Kick { .. } | RoomChange::Resumed { .. } => {}
        }
    }
}
