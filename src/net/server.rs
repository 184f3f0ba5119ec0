//! The websocket server: accepts connections (each handled in
//! `connection`), and runs each room as one task that owns its game and
//! its log. Rooms are shared out over one single-threaded runtime per core
//! (`shards`); a connection moves to its room's runtime once it has said
//! `hello`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::mpsc;

use super::codes::normalize;
use super::connection::{connection, Outbox, Outgoing};
use super::gate::Gate;
use super::protocol::{ClientMsg, Role, ServerMsg};
use super::room::{Room, RoomStatus};
use super::shards::Shards;
use super::wire::CommonJson;

/// Limits that keep one client from hurting the others. Documented in
/// docs/protocol.md, section 2 ("Limits").
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Joined connections (those that sent a valid `hello`), server-wide.
    pub max_connections: usize,
    /// Joined connections from one IP address.
    pub max_per_address: usize,
    /// Sockets that have not yet joined, server-wide; past it those
    /// pending longer than `pending_grace` are closed, oldest first, to
    /// make room for the newest (see `gate`).
    pub max_pending: usize,
    /// Sockets that have not yet joined, from one IP address; past it
    /// those of that address pending longer than `pending_grace` are
    /// closed, oldest first.
    pub max_pending_per_address: usize,
    /// How long a pending socket is safe from being closed to make room:
    /// a real client says `hello` well within it.
    pub pending_grace: Duration,
    /// Time to complete the websocket upgrade and send `hello`, together.
    pub hello_timeout: Duration,
    /// A connection that cannot be written to for this long (the client
    /// stopped reading) is dropped.
    pub send_timeout: Duration,
    /// Bytes waiting to be sent to one connection; past it the connection
    /// is dropped.
    pub max_queued_bytes: usize,
    /// A connection silent this long is dropped.
    pub idle_timeout: Duration,
    pub ping_every: Duration,
    /// Messages a second, with bursts up to `burst`.
    pub rate: f64,
    pub burst: f64,
    /// Messages over the limit before the connection is dropped.
    pub flood_drop: u32,
    /// Malformed messages before the connection is dropped.
    pub bad_drop: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 2000,
            max_per_address: 500,
            max_pending: 256,
            max_pending_per_address: 32,
            pending_grace: Duration::from_secs(1),
            hello_timeout: Duration::from_secs(5),
            send_timeout: Duration::from_secs(10),
            max_queued_bytes: 8 << 20,
            idle_timeout: Duration::from_secs(60),
            ping_every: Duration::from_secs(15),
            rate: 10.0,
            burst: 40.0,
            flood_drop: 100,
            bad_drop: 20,
        }
    }
}

pub(super) enum RoomEvent {
    Join {
        conn: u64,
        role: Role,
        actor: Option<usize>,
        name: Option<String>,
        tx: Outbox,
    },
    Msg {
        conn: u64,
        msg: ClientMsg,
    },
    Leave {
        conn: u64,
    },
    Shutdown,
}

/// Who a code admits: room, role and actor. Rooms replace their codes
/// when the facilitator revokes one.
pub(super) type CodeBook = std::sync::RwLock<HashMap<String, (usize, Role, Option<usize>)>>;

/// Put room `i`'s codes in the book, in place of those it had.
fn enter_codes(book: &CodeBook, i: usize, r: &Room) {
    let mut book = book.write().unwrap_or_else(|p| p.into_inner());
    book.retain(|_, (room, _, _)| *room != i);
    let f = &r.game.scenario().file;
    for (a, actor) in f.actors.iter().enumerate() {
        let id = actor.id.clone();
        if let Some(code) = r.codes.players.get(a) {
            book.insert(normalize(code), (i, Role::Player { actor: id.clone() }, Some(a)));
        }
        if let Some(code) = r.observer_codes.get(a) {
            book.insert(normalize(code), (i, Role::Observer { actor: id }, Some(a)));
        }
    }
    book.insert(normalize(&r.codes.facilitator), (i, Role::Facilitator, None));
    book.insert(normalize(&r.codes.spectator), (i, Role::Spectator, None));
}

/// Serve rooms on an already bound listener until `shutdown` completes,
/// then tell every client and stop.
pub async fn run(listener: TcpListener, rooms: Vec<Room>, limits: Limits, shutdown: impl Future<Output = ()>) {
    run_reporting(listener, rooms, limits, shutdown, None).await;
}

/// `run`, sending each room's `RoomStatus` to `report` whenever it changes
/// (for the host's terminal).
pub async fn run_reporting(
    listener: TcpListener,
    rooms: Vec<Room>,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
    report: Option<mpsc::UnboundedSender<RoomStatus>>,
) {
    let book = Arc::new(CodeBook::default());
    for (i, r) in rooms.iter().enumerate() {
        enter_codes(&book, i, r);
    }
    let shards = match Shards::start(rooms.len()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the rooms' threads: {e}");
            return;
        }
    };
    let mut room_txs = Vec::new();
    let mut room_tasks = Vec::new();
    for (i, room) in rooms.into_iter().enumerate() {
        let (tx, rx) = mpsc::channel(4096);
        let runtime = shards.of_room(i);
        let shared = Shared {
            book: Arc::clone(&book),
            index: i,
            report: report.clone(),
        };
        room_tasks.push(runtime.spawn(room_task(room, rx, shared)));
        room_txs.push((tx, runtime));
    }
    let room_txs = Arc::new(room_txs);
    let ids = Arc::new(AtomicU64::new(1));
    let gate = Gate::new(limits);
    tokio::pin!(shutdown);
    let mut conns = tokio::task::JoinSet::new();
    let mut backoff = Duration::ZERO;
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // Out of file descriptors (or another failure that
                        // retrying at once would repeat): free the oldest
                        // pending socket and wait before trying again, rather
                        // than spin.
                        if is_resource_error(&e) {
                            gate.evict_oldest();
                        }
                        backoff = (backoff * 2).clamp(ACCEPT_BACKOFF_MIN, ACCEPT_BACKOFF_MAX);
                        tokio::select! {
                            _ = &mut shutdown => break,
                            _ = tokio::time::sleep(backoff) => {}
                        }
                        continue;
                    }
                };
                backoff = Duration::ZERO;
                let pending = gate.admit(peer.ip(), Instant::now());
                let (book, rooms, ids) = (Arc::clone(&book), Arc::clone(&room_txs), Arc::clone(&ids));
                conns.spawn(connection(stream, pending, book, rooms, ids, limits));
            }
        }
    }
    for (tx, _) in room_txs.iter() {
        let _ = tx.send(RoomEvent::Shutdown).await;
    }
    for t in room_tasks {
        let _ = t.await;
    }
    // Let every connection deliver its goodbye before the runtime stops.
    let _ = tokio::time::timeout(Duration::from_secs(3), async {
        while conns.join_next().await.is_some() {}
    })
    .await;
    shards.stop();
}

/// The first and longest wait after a failed `accept`.
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Whether an `accept` failed for want of file descriptors or memory.
fn is_resource_error(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(23 | 24 | 12 | 105))
}

/// Most events handled before one flush of the log (group commit).
const BATCH: usize = 256;

/// What a room task shares with the server: the code book, its place in
/// it, and where to report its status.
struct Shared {
    book: Arc<CodeBook>,
    index: usize,
    report: Option<mpsc::UnboundedSender<RoomStatus>>,
}

async fn room_task(mut room: Room, mut rx: mpsc::Receiver<RoomEvent>, shared: Shared) {
    let mut last_status = None;
    let mut outs: HashMap<u64, Outbox> = HashMap::new();
    // Messages are serialized here, then copied out at their exact size.
    let mut scratch = Vec::with_capacity(16 * 1024);
    let mut out = Vec::new();
    guarded(&mut room, &mut out, |room, _| room.start(Instant::now()));
    flush(&mut room, &mut out).await;
    loop {
        let deadline = room.deadline();
        let first = match deadline {
            Some(d) => {
                let d = tokio::time::Instant::from_std(d);
                tokio::select! {
                    ev = rx.recv() => ev,
                    _ = tokio::time::sleep_until(d) => {
                        let mut out = Vec::new();
                        guarded(&mut room, &mut out, |room, out| {
                            let now = Instant::now();
                            out.extend(room.tick(now));
                            out.extend(room.states(now));
                        });
                        flush(&mut room, &mut out).await;
                        deliver_all(&mut room, &mut outs, out, &mut scratch);
                        continue;
                    }
                }
            }
            None => rx.recv().await,
        };
        // Take whatever else is already waiting, so one flush covers it all.
        let mut events = vec![first];
        take_waiting(&mut rx, &mut events);
        let mut out = Vec::new();
        let turn = room.game.turn();
        let mut stop = false;
        guarded(&mut room, &mut out, |room, out| {
            stop = handle_events(room, &mut outs, events, out)
        });
        if room.has_unsynced() && !stop && room.game.turn() == turn && !room.game.is_over() {
            // Group commit: while the turn is still open, commands already
            // on their way (a room often commits at once) get a moment to
            // arrive and share one sync. A batch that resolved the turn
            // goes out at once.
            tokio::time::sleep(GROUP_COMMIT).await;
            let mut events = Vec::new();
            take_waiting(&mut rx, &mut events);
            guarded(&mut room, &mut out, |room, out| {
                stop |= handle_events(room, &mut outs, events, out)
            });
        }
        if room.take_codes_changed() {
            enter_codes(&shared.book, shared.index, &room);
        }
        // Replies first, then each connection's state once for the batch.
        guarded(&mut room, &mut out, |room, out| out.extend(room.states(Instant::now())));
        // Every accepted command is on disk before anyone hears of it.
        flush(&mut room, &mut out).await;
        deliver_all(&mut room, &mut outs, super::coalesce::coalesce(out), &mut scratch);
        if let Some(report) = &shared.report {
            let status = room.status(Instant::now());
            if last_status.as_ref().is_none_or(|l| status.differs_from(l)) {
                let _ = report.send(status.clone());
                last_status = Some(status);
            }
        }
        if stop {
            for tx in outs.values() {
                tx.push(Outgoing::new(&ServerMsg::Bye {
                    reason: "the server is shutting down; the game is saved".into(),
                }));
            }
            return;
        }
    }
}

/// How long a batch that leaves the turn open waits for more commands to
/// share its sync. A room that commits at once then syncs once or twice a
/// turn rather than once per player; an `ack` comes at most this much later.
const GROUP_COMMIT: Duration = Duration::from_millis(5);

fn take_waiting(rx: &mut mpsc::Receiver<RoomEvent>, events: &mut Vec<Option<RoomEvent>>) {
    while events.len() < BATCH {
        match rx.try_recv() {
            Ok(ev) => events.push(Some(ev)),
            Err(_) => break,
        }
    }
}

/// Handle a batch of events; whether the room must stop.
fn handle_events(
    room: &mut Room,
    outs: &mut HashMap<u64, Outbox>,
    events: Vec<Option<RoomEvent>>,
    out: &mut Vec<(u64, ServerMsg)>,
) -> bool {
    let mut stop = false;
    for ev in events {
        let now = Instant::now();
        match ev {
            None | Some(RoomEvent::Shutdown) => stop = true,
            Some(RoomEvent::Join {
                conn,
                role,
                actor,
                name,
                tx,
            }) => {
                outs.insert(conn, tx);
                out.extend(room.join(conn, role, actor, name, now));
            }
            Some(RoomEvent::Msg { conn, msg }) => out.extend(room.handle(conn, msg, now)),
            Some(RoomEvent::Leave { conn }) => {
                outs.remove(&conn);
                out.extend(room.leave(conn, now));
            }
        }
    }
    stop
}

/// Run `f` on the room; if it panics, the panic is reported on the host's
/// terminal (by the panic hook), the room goes back to what its log holds,
/// and its clients are told. The other rooms never notice.
fn guarded(room: &mut Room, out: &mut Vec<(u64, ServerMsg)>, f: impl FnOnce(&mut Room, &mut Vec<(u64, ServerMsg)>)) {
    let run = std::panic::AssertUnwindSafe(|| f(room, out));
    if std::panic::catch_unwind(run).is_err() {
        eprintln!("room {}: internal error; the room was restored from its log", room.id);
        let recovered = std::panic::AssertUnwindSafe(|| room.recover(Instant::now(), out));
        if std::panic::catch_unwind(recovered).is_err() {
            eprintln!("room {}: the room could not be restored", room.id);
            out.clear();
        }
    }
}

/// One write and fdatasync per batch (group commit). It takes milliseconds
/// on a real disk, so it runs on the blocking pool: the room waits for it,
/// but the other rooms go on, and the file system can merge their syncs.
/// If it fails, the room turns the batch's acknowledgements into refusals.
async fn flush(room: &mut Room, out: &mut Vec<(u64, ServerMsg)>) {
    let Some(batch) = room.take_log_batch() else { return };
    let result = match tokio::task::spawn_blocking(move || batch.commit()).await {
        Ok(r) => r,
        Err(e) => Err(std::io::Error::other(e.to_string())),
    };
    room.log_settled(result, Instant::now(), out);
}

/// Queue messages to their connections. A client too slow to keep up
/// (its queue full, in messages or bytes) is cut off rather than slowing
/// the room; the connections cut off are returned.
fn deliver(
    outs: &mut HashMap<u64, Outbox>,
    out: Vec<(u64, ServerMsg)>,
    scratch: &mut Vec<u8>,
    common: Option<&CommonJson>,
) -> Vec<u64> {
    let mut cut = Vec::new();
    for (conn, msg) in out {
        let Some(tx) = outs.get(&conn) else { continue };
        let msg = Outgoing::with_scratch(&msg, scratch, common);
        let bye = msg.bye;
        if !tx.push(msg) {
            outs.remove(&conn);
            cut.push(conn);
        } else if bye {
            outs.remove(&conn);
        }
    }
    cut
}

/// Deliver, and take the connections cut off out of the room, so the
/// facilitator sees them gone at once.
fn deliver_all(
    room: &mut Room,
    outs: &mut HashMap<u64, Outbox>,
    mut out: Vec<(u64, ServerMsg)>,
    scratch: &mut Vec<u8>,
) {
    // Each round removes connections, so this ends.
    while !out.is_empty() {
        let cut = deliver(outs, out, scratch, room.common_json.as_ref());
        out = Vec::new();
        for conn in cut {
            out.extend(room.leave(conn, Instant::now()));
        }
    }
}
