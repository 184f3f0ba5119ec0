//! One websocket connection: the join handshake, limits on what the
//! client may send (size, rate, malformed frames, silence), and delivery
//! of what its room sends it.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::codes::normalize;
use super::gate::{Full, Joined, Pending};
use super::protocol::{ClientMsg, ErrorCode, Role, ServerMsg, MAX_MESSAGE, PROTOCOL_VERSION};
use super::server::{CodeBook, Limits, RoomEvent};
use super::shards::Movable;
use super::wire::CommonJson;

fn error(code: ErrorCode, message: impl Into<String>) -> ServerMsg {
    ServerMsg::Error {
        id: None,
        code,
        message: message.into(),
    }
}

/// A message ready for the wire: serialized by the room that sent it, so
/// the state it was built from is freed where it was made.
pub(super) struct Outgoing {
    message: Message,
    /// The connection closes after this one.
    pub(super) bye: bool,
}

impl Outgoing {
    pub(super) fn new(msg: &ServerMsg) -> Outgoing {
        Outgoing::with_scratch(msg, &mut Vec::new(), None)
    }

    /// Serialize through `scratch`, a buffer the caller keeps warm, into a
    /// text of exactly the right size. A view built from `common` is
    /// written around its JSON.
    pub(super) fn with_scratch(msg: &ServerMsg, scratch: &mut Vec<u8>, common: Option<&CommonJson>) -> Outgoing {
        scratch.clear();
        let written = match (msg, common) {
            (ServerMsg::View { view }, Some(c)) => c.write_view(view, scratch),
            _ => false,
        };
        if !written {
            scratch.clear();
            if serde_json::to_writer(&mut *scratch, msg).is_err() {
                scratch.clear();
            }
        }
        let text = String::from_utf8(scratch.as_slice().to_vec()).unwrap_or_default();
        Outgoing {
            message: Message::text(text),
            bye: matches!(msg, ServerMsg::Bye { .. }),
        }
    }
}

/// Messages waiting for one connection, at most.
const QUEUE: usize = 512;

/// What a room holds to send to one connection: a queue bounded in
/// messages and in bytes. When either bound is passed the connection is
/// cut off (the client has stopped reading).
pub(super) struct Outbox {
    tx: mpsc::Sender<Outgoing>,
    shared: Arc<Shared>,
    max_bytes: usize,
}

struct Shared {
    /// Bytes queued and not yet taken by the connection.
    bytes: AtomicUsize,
    /// Told when the room cuts the connection off.
    cut: Notify,
}

impl Outbox {
    fn new(max_bytes: usize) -> (Outbox, mpsc::Receiver<Outgoing>, Arc<Shared>) {
        let (tx, rx) = mpsc::channel(QUEUE);
        let shared = Arc::new(Shared {
            bytes: AtomicUsize::new(0),
            cut: Notify::new(),
        });
        (
            Outbox {
                tx,
                shared: Arc::clone(&shared),
                max_bytes,
            },
            rx,
            shared,
        )
    }

    /// Queue a message; false (and the connection is told to close) if the
    /// queue is full.
    pub(super) fn push(&self, msg: Outgoing) -> bool {
        let len = msg.message.len();
        let queued = self.shared.bytes.fetch_add(len, Ordering::Relaxed) + len;
        // One message alone may pass the byte bound: it is what the game holds.
        if (queued > self.max_bytes && queued != len) || self.tx.try_send(msg).is_err() {
            self.shared.cut.notify_one();
            return false;
        }
        true
    }
}

fn text(msg: &ServerMsg) -> Message {
    Outgoing::new(msg).message
}

/// A room's mailbox, and the runtime it runs on.
pub(super) type RoomHandle = (mpsc::Sender<RoomEvent>, tokio::runtime::Handle);

pub(super) async fn connection(
    stream: TcpStream,
    mut pending: Pending,
    book: Arc<CodeBook>,
    rooms: Arc<Vec<RoomHandle>>,
    ids: Arc<AtomicU64>,
    limits: Limits,
) {
    let joined = tokio::select! {
        // A newer socket needed this one's place.
        _ = pending.evicted() => return,
        hello = tokio::time::timeout(limits.hello_timeout, handshake(stream, &book)) => match hello {
            Ok(Some(hello)) => hello,
            _ => return,
        },
    };
    let (mut ws, room, role, actor, name) = joined;
    let permit = match pending.join() {
        Ok(p) => p,
        Err(full) => {
            let why = match full {
                Full::Server => "the server is full: try again later",
                Full::Address => "too many connections from your address: try again later",
            };
            let _ = tokio::time::timeout(limits.send_timeout, async {
                let _ = ws.send(text(&error(ErrorCode::Full, why))).await;
                let _ = ws.close(None).await;
            })
            .await;
            return;
        }
    };
    let conn = ids.fetch_add(1, Ordering::Relaxed);
    // Go on on the room's thread, with what the websocket has buffered.
    let Some(tcp) = ws.get_mut().0.take() else { return };
    let Ok(tcp) = tcp.into_std() else { return };
    let (room_tx, runtime) = rooms[room].clone();
    let moved = runtime.spawn(async move {
        let Ok(tcp) = TcpStream::from_std(tcp) else { return };
        ws.get_mut().0 = Some(tcp);
        serve(
            ws,
            room_tx,
            Who {
                conn,
                role,
                actor,
                name,
            },
            limits,
            permit,
        )
        .await;
    });
    let _ = moved.await;
}

type Hello = (WebSocketStream<Movable>, usize, Role, Option<usize>, Option<String>);

/// The websocket upgrade and a valid `hello`: the socket, and the room,
/// role and actor its code admits. Refusals are answered here.
async fn handshake(stream: TcpStream, book: &CodeBook) -> Option<Hello> {
    let _ = stream.set_nodelay(true);
    // Small buffers: 400 players must fit in well under 100 MB. Clients
    // send short commands, and the read buffer is zeroed on every read.
    // What the server writes is bounded by the connection's queue
    // (`Limits::max_queued_bytes`), not by the websocket's buffer.
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(usize::MAX)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let mut ws = tokio_tungstenite::accept_async_with_config(Movable(Some(stream)), Some(config))
        .await
        .ok()?;
    // The first message must be `hello` with a valid code.
    let (protocol, code, name) = match ws.next().await {
        Some(Ok(Message::Text(t))) => match serde_json::from_str::<ClientMsg>(&t) {
            Ok(ClientMsg::Hello { protocol, code, name }) => (protocol, code, name),
            _ => {
                let _ = ws
                    .send(text(&error(
                        ErrorCode::Protocol,
                        "the first message must be a hello with a join code",
                    )))
                    .await;
                let _ = ws.close(None).await;
                return None;
            }
        },
        _ => {
            let _ = ws.close(None).await;
            return None;
        }
    };
    if protocol != PROTOCOL_VERSION {
        let msg =
            format!("this server speaks protocol {PROTOCOL_VERSION}; the client speaks {protocol}: update demarche");
        let _ = ws.send(text(&error(ErrorCode::Protocol, msg))).await;
        let _ = ws.close(None).await;
        return None;
    }
    let found = book
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .get(&normalize(&code))
        .cloned();
    let Some((room, role, actor)) = found else {
        let _ = ws
            .send(text(&error(ErrorCode::BadCode, "this join code is not valid here")))
            .await;
        let _ = ws.close(None).await;
        return None;
    };
    let name = name.map(|n| n.chars().filter(|c| !c.is_control()).take(60).collect::<String>());
    Some((ws, room, role, actor, name))
}

/// Who a joined connection is.
struct Who {
    conn: u64,
    role: Role,
    actor: Option<usize>,
    name: Option<String>,
}

/// A joined connection, on its room's thread: what the client sends goes
/// to the room, what the room sends goes to the client. Every write has a
/// deadline (`Limits::send_timeout`), so a client that stops reading
/// cannot hold up the checks that drop it.
async fn serve(
    mut ws: WebSocketStream<Movable>,
    room_tx: mpsc::Sender<RoomEvent>,
    who: Who,
    limits: Limits,
    _permit: Joined,
) {
    let conn = who.conn;
    let (tx, mut rx, shared) = Outbox::new(limits.max_queued_bytes);
    let join = RoomEvent::Join {
        conn,
        role: who.role,
        actor: who.actor,
        name: who.name,
        tx,
    };
    if room_tx.send(join).await.is_err() {
        return;
    }
    let deadline = limits.send_timeout;
    // Send one message within the deadline; false if that failed.
    macro_rules! send {
        ($msg:expr) => {
            matches!(tokio::time::timeout(deadline, ws.send($msg)).await, Ok(Ok(())))
        };
    }
    let mut tokens = limits.burst;
    let mut refilled = Instant::now();
    let (mut over, mut bad) = (0u32, 0u32);
    let mut last_heard = Instant::now();
    let mut ping = tokio::time::interval(limits.ping_every.min(limits.idle_timeout));
    ping.tick().await;
    let mut polite = true;
    loop {
        tokio::select! {
            // The room cut this connection off: its queue was full.
            _ = shared.cut.notified() => {
                polite = false;
                break;
            }
            incoming = ws.next() => {
                let Some(Ok(frame)) = incoming else {
                    if let Some(Err(tokio_tungstenite::tungstenite::Error::Capacity(_))) = incoming {
                        send!(text(&error(ErrorCode::TooLarge, format!("messages are limited to {MAX_MESSAGE} bytes"))));
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
                        if !send!(text(&error(ErrorCode::BadMessage, "send JSON in text frames"))) || bad > limits.bad_drop { break; }
                        continue;
                    }
                };
                let now = Instant::now();
                tokens = (tokens + now.duration_since(refilled).as_secs_f64() * limits.rate).min(limits.burst);
                refilled = now;
                if tokens < 1.0 {
                    over += 1;
                    if over > limits.flood_drop {
                        send!(text(&ServerMsg::Bye { reason: "too many messages".into() }));
                        break;
                    }
                    if !send!(text(&error(ErrorCode::RateLimited, "slow down: too many messages"))) { break; }
                    continue;
                }
                tokens -= 1.0;
                match serde_json::from_str::<ClientMsg>(&t) {
                    Ok(msg) => {
                        if room_tx.send(RoomEvent::Msg { conn, msg }).await.is_err() { break; }
                    }
                    Err(e) => {
                        bad += 1;
                        if !send!(text(&error(ErrorCode::BadMessage, format!("not a message this server understands: {e}")))) || bad > limits.bad_drop { break; }
                    }
                }
            }
            out = rx.recv() => {
                let Some(msg) = out else {
                    break;
                };
                // Write everything already queued, then flush once, all
                // within the deadline.
                let written = tokio::time::timeout(deadline, async {
                    let mut msg = msg;
                    let mut bye;
                    loop {
                        shared.bytes.fetch_sub(msg.message.len(), Ordering::Relaxed);
                        bye = msg.bye;
                        ws.feed(msg.message).await?;
                        if bye {
                            break;
                        }
                        match rx.try_recv() {
                            Ok(more) => msg = more,
                            Err(_) => break,
                        }
                    }
                    ws.flush().await?;
                    Ok::<bool, tokio_tungstenite::tungstenite::Error>(bye)
                })
                .await;
                match written {
                    Ok(Ok(false)) => {}
                    Ok(Ok(true)) => break,
                    Ok(Err(_)) => break,
                    Err(_) => {
                        polite = false;
                        break;
                    }
                }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > limits.idle_timeout {
                    send!(text(&ServerMsg::Bye { reason: "no answer for too long".into() }));
                    break;
                }
                if !send!(Message::Ping(Vec::new().into())) {
                    polite = false;
                    break;
                }
            }
        }
    }
    let _ = room_tx.send(RoomEvent::Leave { conn }).await;
    if !polite {
        // A client that does not read gets no goodbye: close at once.
        return;
    }
    // Close politely and read what the client still sends for a moment, so
    // the goodbye is not lost to a reset connection.
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = ws.close(None).await;
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
}
