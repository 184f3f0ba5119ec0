//! One websocket connection: the join handshake, limits on what the
//! client may send (size, rate, malformed frames, silence), and delivery
//! of what its room sends it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::codes::normalize;
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

fn text(msg: &ServerMsg) -> Message {
    Outgoing::new(msg).message
}

/// A room's mailbox, and the runtime it runs on.
pub(super) type RoomHandle = (mpsc::Sender<RoomEvent>, tokio::runtime::Handle);

pub(super) async fn connection(
    stream: TcpStream,
    book: Arc<CodeBook>,
    rooms: Arc<Vec<RoomHandle>>,
    ids: Arc<AtomicU64>,
    limits: Limits,
) {
    let _ = stream.set_nodelay(true);
    // Small buffers: 400 players must fit in well under 100 MB. Clients
    // send short commands, and the read buffer is zeroed on every read.
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(4 * MAX_MESSAGE)
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let Ok(Ok(mut ws)) = tokio::time::timeout(
        limits.hello_timeout,
        tokio_tungstenite::accept_async_with_config(Movable(Some(stream)), Some(config)),
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
    // Go on on the room's thread, with what the websocket has buffered.
    let Some(tcp) = ws.get_mut().0.take() else { return };
    let Ok(tcp) = tcp.into_std() else { return };
    let (room_tx, runtime) = rooms[room].clone();
    let moved = runtime.spawn(async move {
        let Ok(tcp) = TcpStream::from_std(tcp) else { return };
        ws.get_mut().0 = Some(tcp);
        serve(ws, room_tx, conn, role, actor, name, limits).await;
    });
    let _ = moved.await;
}

/// A joined connection, on its room's thread: what the client sends goes
/// to the room, what the room sends goes to the client.
async fn serve(
    mut ws: WebSocketStream<Movable>,
    room_tx: mpsc::Sender<RoomEvent>,
    conn: u64,
    role: Role,
    actor: Option<usize>,
    name: Option<String>,
    limits: Limits,
) {
    let (tx, mut rx) = mpsc::channel::<Outgoing>(512);
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
                let mut bye = msg.bye;
                if ws.feed(msg.message).await.is_err() { break; }
                while !bye {
                    let Ok(more) = rx.try_recv() else { break };
                    bye = more.bye;
                    if ws.feed(more.message).await.is_err() { break; }
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
