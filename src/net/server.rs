//! The websocket server: accepts connections, checks their join code,
//! guards against bad clients (size caps, rate limits, timeouts), and runs
//! each room as one task that owns its game.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Semaphore};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;

use super::codes::normalize;
use super::protocol::{ClientMsg, ErrorCode, Role, ServerMsg, MAX_MESSAGE, PROTOCOL_VERSION};
use super::room::Room;

/// Limits that keep one client from hurting the others.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    /// Time to send `hello` after connecting.
    pub hello_timeout: Duration,
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
            hello_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            ping_every: Duration::from_secs(15),
            rate: 10.0,
            burst: 40.0,
            flood_drop: 100,
            bad_drop: 20,
        }
    }
}

enum RoomEvent {
    Join {
        conn: u64,
        role: Role,
        actor: Option<usize>,
        name: Option<String>,
        tx: mpsc::Sender<ServerMsg>,
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

/// Who a code admits: room, role and actor.
type CodeBook = HashMap<String, (usize, Role, Option<usize>)>;

fn code_book(rooms: &[Room]) -> CodeBook {
    let mut book = HashMap::new();
    for (i, r) in rooms.iter().enumerate() {
        let f = &r.game.scenario().file;
        for (a, code) in r.codes.players.iter().enumerate() {
            book.insert(
                normalize(code),
                (
                    i,
                    Role::Player {
                        actor: f.actors[a].id.clone(),
                    },
                    Some(a),
                ),
            );
        }
        book.insert(normalize(&r.codes.facilitator), (i, Role::Facilitator, None));
        book.insert(normalize(&r.codes.spectator), (i, Role::Spectator, None));
    }
    book
}

/// Serve rooms on an already bound listener until `shutdown` completes,
/// then tell every client and stop.
pub async fn run(listener: TcpListener, rooms: Vec<Room>, limits: Limits, shutdown: impl Future<Output = ()>) {
    let book = Arc::new(code_book(&rooms));
    let mut room_txs = Vec::new();
    let mut room_tasks = Vec::new();
    for room in rooms {
        let (tx, rx) = mpsc::channel(4096);
        room_txs.push(tx);
        room_tasks.push(tokio::spawn(room_task(room, rx)));
    }
    let room_txs = Arc::new(room_txs);
    let ids = Arc::new(AtomicU64::new(1));
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    tokio::pin!(shutdown);
    let mut conns = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
                    drop(stream);
                    continue;
                };
                let (book, rooms, ids) = (Arc::clone(&book), Arc::clone(&room_txs), Arc::clone(&ids));
                conns.spawn(async move {
                    connection(stream, book, rooms, ids, limits).await;
                    drop(permit);
                });
            }
        }
    }
    for tx in room_txs.iter() {
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
}

/// Most events handled before one flush of the log (group commit).
const BATCH: usize = 256;

async fn room_task(mut room: Room, mut rx: mpsc::Receiver<RoomEvent>) {
    let mut outs: HashMap<u64, mpsc::Sender<ServerMsg>> = HashMap::new();
    room.start(Instant::now());
    flush(&mut room);
    loop {
        let deadline = room.deadline();
        let first = match deadline {
            Some(d) => {
                let d = tokio::time::Instant::from_std(d);
                tokio::select! {
                    ev = rx.recv() => ev,
                    _ = tokio::time::sleep_until(d) => {
                        let out = room.tick(Instant::now());
                        flush(&mut room);
                        deliver(&mut outs, out);
                        continue;
                    }
                }
            }
            None => rx.recv().await,
        };
        // Take whatever else is already waiting, so one flush covers it all.
        let mut events = vec![first];
        while events.len() < BATCH {
            match rx.try_recv() {
                Ok(ev) => events.push(Some(ev)),
                Err(_) => break,
            }
        }
        let mut out = Vec::new();
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
        // Every accepted command is on disk before anyone hears of it.
        flush(&mut room);
        deliver(&mut outs, coalesce(out));
        if stop {
            for tx in outs.values() {
                let _ = tx.try_send(ServerMsg::Bye {
                    reason: "the server is shutting down; the game is saved".into(),
                });
            }
            return;
        }
    }
}

/// One fdatasync per batch: a fraction of a millisecond, done in place
/// rather than handing the worker's other tasks to a new thread.
fn flush(room: &mut Room) {
    if let Err(e) = room.flush() {
        eprintln!("room {}: {e}", room.id);
    }
}

/// Within one batch, a newer state message supersedes an older one of the
/// same kind for the same connection: send only the latest view, public
/// view, facilitator picture, waiting list and timer. Everything else
/// (acks, errors, events, goodbyes) is kept, in order.
fn coalesce(out: Vec<(u64, ServerMsg)>) -> Vec<(u64, ServerMsg)> {
    fn kind(m: &ServerMsg) -> Option<u8> {
        match m {
            // A view carrying the whole feed is never dropped.
            ServerMsg::View { view } if view.feed.is_empty() => Some(0),
            ServerMsg::Public { view } if view.feed.is_empty() => Some(1),
            ServerMsg::Facilitator { .. } => Some(2),
            ServerMsg::Waiting { .. } => Some(3),
            ServerMsg::Timer { .. } => Some(4),
            _ => None,
        }
    }
    let mut last: HashMap<(u64, u8), usize> = HashMap::new();
    for (i, (conn, m)) in out.iter().enumerate() {
        if let Some(k) = kind(m) {
            last.insert((*conn, k), i);
        }
    }
    out.into_iter()
        .enumerate()
        .filter(|(i, (conn, m))| kind(m).is_none_or(|k| last.get(&(*conn, k)) == Some(i)))
        .map(|(_, x)| x)
        .collect()
}

/// Queue messages to their connections; a client too slow to keep up is
/// dropped rather than slowing the room.
fn deliver(outs: &mut HashMap<u64, mpsc::Sender<ServerMsg>>, out: Vec<(u64, ServerMsg)>) {
    for (conn, msg) in out {
        let bye = matches!(msg, ServerMsg::Bye { .. });
        let Some(tx) = outs.get(&conn) else { continue };
        if tx.try_send(msg).is_err() || bye {
            outs.remove(&conn);
        }
    }
}

fn error(code: ErrorCode, message: impl Into<String>) -> ServerMsg {
    ServerMsg::Error {
        id: None,
        code,
        message: message.into(),
    }
}

fn text(msg: &ServerMsg) -> Message {
    Message::text(serde_json::to_string(msg).unwrap_or_default())
}

async fn connection(
    stream: TcpStream,
    book: Arc<CodeBook>,
    rooms: Arc<Vec<mpsc::Sender<RoomEvent>>>,
    ids: Arc<AtomicU64>,
    limits: Limits,
) {
    let _ = stream.set_nodelay(true);
    // Small buffers: 400 players must fit in well under 100 MB.
    let config = WebSocketConfig::default()
        .read_buffer_size(8 * 1024)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(4 * MAX_MESSAGE)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let Ok(Ok(mut ws)) = tokio::time::timeout(
        limits.hello_timeout,
        tokio_tungstenite::accept_async_with_config(stream, Some(config)),
    )
    .await
    else {
        return;
    };
    // The first message must be `hello` with a valid code.
    let hello = tokio::time::timeout(limits.hello_timeout, ws.next()).await;
    let (protocol, code, name) = match hello {
        Ok(Some(Ok(Message::Text(t)))) => match serde_json::from_str::<ClientMsg>(&t) {
            Ok(ClientMsg::Hello { protocol, code, name }) => (protocol, code, name),
            _ => {
                let _ = ws
                    .send(text(&error(
                        ErrorCode::Protocol,
                        "the first message must be a hello with a join code",
                    )))
                    .await;
                let _ = ws.close(None).await;
                return;
            }
        },
        _ => {
            let _ = ws.close(None).await;
            return;
        }
    };
    if protocol != PROTOCOL_VERSION {
        let msg =
            format!("this server speaks protocol {PROTOCOL_VERSION}; the client speaks {protocol}: update demarche");
        let _ = ws.send(text(&error(ErrorCode::Protocol, msg))).await;
        let _ = ws.close(None).await;
        return;
    }
    let Some((room, role, actor)) = book.get(&normalize(&code)).cloned() else {
        let _ = ws
            .send(text(&error(ErrorCode::BadCode, "this join code is not valid here")))
            .await;
        let _ = ws.close(None).await;
        return;
    };
    let name = name.map(|n| n.chars().filter(|c| !c.is_control()).take(60).collect::<String>());
    let conn = ids.fetch_add(1, Ordering::Relaxed);
    let (tx, mut rx) = mpsc::channel::<ServerMsg>(512);
    let room_tx = &rooms[room];
    if room_tx
        .send(RoomEvent::Join {
            conn,
            role,
            actor,
            name,
            tx,
        })
        .await
        .is_err()
    {
        return;
    }
    let mut tokens = limits.burst;
    let mut refilled = Instant::now();
    let (mut over, mut bad) = (0u32, 0u32);
    let mut last_heard = Instant::now();
    let mut ping = tokio::time::interval(limits.ping_every);
    ping.tick().await;
    loop {
        tokio::select! {
            incoming = ws.next() => {
                let Some(Ok(frame)) = incoming else {
                    if let Some(Err(tokio_tungstenite::tungstenite::Error::Capacity(_))) = incoming {
                        let _ = ws.send(text(&error(ErrorCode::TooLarge, format!("messages are limited to {MAX_MESSAGE} bytes")))).await;
                    }
                    break;
                };
                last_heard = Instant::now();
                let t = match frame {
                    Message::Text(t) => t,
                    Message::Close(_) => break,
                    Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => continue,
                    Message::Binary(_) => {
                        bad += 1;
                        let _ = ws.send(text(&error(ErrorCode::BadMessage, "send JSON in text frames"))).await;
                        if bad > limits.bad_drop { break; }
                        continue;
                    }
                };
                let now = Instant::now();
                tokens = (tokens + now.duration_since(refilled).as_secs_f64() * limits.rate).min(limits.burst);
                refilled = now;
                if tokens < 1.0 {
                    over += 1;
                    if over > limits.flood_drop {
                        let _ = ws.send(text(&ServerMsg::Bye { reason: "too many messages".into() })).await;
                        break;
                    }
                    let _ = ws.send(text(&error(ErrorCode::RateLimited, "slow down: too many messages"))).await;
                    continue;
                }
                tokens -= 1.0;
                match serde_json::from_str::<ClientMsg>(&t) {
                    Ok(msg) => {
                        if room_tx.send(RoomEvent::Msg { conn, msg }).await.is_err() { break; }
                    }
                    Err(e) => {
                        bad += 1;
                        let _ = ws.send(text(&error(ErrorCode::BadMessage, format!("not a message this server understands: {e}")))).await;
                        if bad > limits.bad_drop { break; }
                    }
                }
            }
            out = rx.recv() => {
                let Some(msg) = out else {
                    break;
                };
                // Write everything already queued, then flush once.
                let mut bye = matches!(msg, ServerMsg::Bye { .. });
                if ws.feed(text(&msg)).await.is_err() { break; }
                while !bye {
                    let Ok(more) = rx.try_recv() else { break };
                    bye = matches!(more, ServerMsg::Bye { .. });
                    if ws.feed(text(&more)).await.is_err() { break; }
                }
                if ws.flush().await.is_err() { break; }
                if bye { break; }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > limits.idle_timeout {
                    let _ = ws.send(text(&ServerMsg::Bye { reason: "no answer for too long".into() })).await;
                    break;
                }
                if ws.send(Message::Ping(Vec::new().into())).await.is_err() { break; }
            }
        }
    }
    let _ = room_tx.send(RoomEvent::Leave { conn }).await;
    // Close politely and read what the client still sends for a moment, so
    // the goodbye is not lost to a reset connection.
    let _ = ws.close(None).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
}
