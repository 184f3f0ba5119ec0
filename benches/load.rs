//! Load test: `demarche host` with 50 rooms of 8 players (400 websocket
//! connections) on loopback; every client moves and commits every turn.
//! Measures, per room and turn, the time from the turn's last commit to
//! every client of the room holding the new view, and the server's memory.
//!
//! By default each turn starts for all 400 players together: once every
//! client holds the new view, all of them move and commit at once, so 400
//! commits land on the server within a few milliseconds, a burst far
//! denser than any workshop. `THINK` (milliseconds) makes each player
//! first think for a random time up to that long, as people do.
//!
//! `LOAD_CONTINUOUS` lets each room move on the moment its own eight
//! players hold the view, without waiting for the other rooms. With no
//! thinking time the server then never idles: there is always a next turn
//! queued behind the one being served, so the figure measures throughput
//! (by Little's law, the time a room waits is the work of every other
//! room's turn) rather than how fast one burst is served.
//!
//! `LOAD_DELEGATES=3` seats delegations: each actor's code is used by
//! that many clients at once. The first to join holds the pen and plays;
//! the others only watch their views (and are measured). Without
//! `LOAD_SCENARIO` this mode plays the four-actor test scenario, so
//! `LOAD_DELEGATES=3 cargo bench --bench load -- 8` is 8 rooms of 4
//! delegations of 3 people.
//!
//! Run: cargo bench --bench load [-- ROOMS TURNS THINK]
//!
//! Environment: `LOAD_SCENARIO` plays another scenario with eight actors
//! (TURNS is capped by its length, and by the rate limit at about 18);
//! `LOAD_HOST` runs another build of `demarche`, to compare two versions
//! run by run on a machine whose speed drifts; `LOAD_DECILES` prints the
//! latency deciles.

use std::process::{Command as Process, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, PROTOCOL_VERSION};
use futures_util::{SinkExt, StreamExt};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use tokio::sync::{Barrier, Mutex};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;

mod common;

// The server's allocator: the load generator shares the two cores with it,
// so it should spend as little of them as it can.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU seconds (user + system) a process has used.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The part of a `view` message a load-test client reads to choose a
/// move; serde skips the rest, as a thin client would.
#[derive(Deserialize)]
struct ViewMsg {
    view: View,
}

#[derive(Deserialize)]
struct View {
    options: Vec<Opt>,
}

/// What a client checks on every view: which turn, whether it has
/// committed, whether the game is over. Read off the text without parsing
/// it all, to keep the load generator's share of the two cores small: it
/// plays 400 clients that in a workshop would each have their own laptop.
struct Head {
    turn: u32,
    committed: bool,
    over: bool,
}

enum ServerMsg {
    View { head: Head },
    Debrief,
    Other,
}

/// The number or word after the first `"key":` of a message. The fields
/// before `turn` and `committed` in a view are plain strings and numbers,
/// so the first match is the view's own field.
fn field<'a>(t: &'a str, key: &str) -> Option<&'a str> {
    let start = t.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &t[start..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Look at the tag first, and read only views.
fn parse(t: &str) -> Option<ServerMsg> {
    if t.starts_with(r#"{"type":"view""#) {
        // Both come within the first few hundred bytes.
        let early = t.get(..512).unwrap_or(t);
        let head = Head {
            turn: field(early, "turn")?.parse().ok()?,
            committed: field(early, "committed")? == "true",
            // The view's own `ending` is its last: the press comes after it.
            over: t
                .rfind(r#""ending":"#)
                .is_some_and(|i| !t[i + r#""ending":"#.len()..].starts_with("null")),
        };
        Some(ServerMsg::View { head })
    } else if t.starts_with(r#"{"type":"debrief""#) {
        Some(ServerMsg::Debrief)
    } else {
        Some(ServerMsg::Other)
    }
}

#[derive(Deserialize)]
struct Opt {
    action: String,
    target: Option<String>,
    hostility: i32,
    unavailable: Option<String>,
}

/// The view's options, parsed alone: the part a thin client needs to
/// choose a move. The whole view is parsed if its layout is not the
/// expected one.
fn options(t: &str) -> Option<View> {
    let start = t.find(r#","options":"#)? + r#","options":"#.len();
    // `orders` comes after the options, near the end.
    let end = t.rfind(r#","orders":"#).filter(|&e| e >= start)?;
    match serde_json::from_str::<Vec<Opt>>(&t[start..end]) {
        Ok(options) => Some(View { options }),
        Err(_) => serde_json::from_str::<ViewMsg>(t).ok().map(|m| m.view),
    }
}

/// A move that keeps the game going: the first available calm option.
fn choose(view: &View) -> Option<Command> {
    view.options
        .iter()
        .find(|o| o.unavailable.is_none() && o.hostility <= 0)
        .map(|o| Command::Act {
            action: o.action.clone(),
            target: o.target.clone(),
        })
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connect and say hello, trying again after a growing pause (up to 40
/// tries in all) when the server refuses or closes the socket.
async fn join(url: &str, code: &str, tries: &mut u32) -> Option<Ws> {
    while *tries < 40 {
        if *tries > 0 {
            tokio::time::sleep(Duration::from_millis(50 * u64::from((*tries).min(20)))).await;
        }
        *tries += 1;
        // A small read buffer, as the server has: tungstenite zeroes it on every read.
        let config = WebSocketConfig::default().read_buffer_size(8 * 1024);
        let Ok((mut ws, _)) = tokio_tungstenite::connect_async_with_config(url, Some(config), true).await else {
            continue;
        };
        let hello = ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.to_string(),
            name: None,
        };
        if ws
            .send(Message::text(serde_json::to_string(&hello).unwrap_or_default()))
            .await
            .is_ok()
        {
            return Some(ws);
        }
    }
    None
}

struct RoomClock {
    last_commit: Vec<Option<Instant>>,
    got_view: Vec<Vec<Option<Instant>>>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().filter(|a| !a.starts_with("--")).collect();
    let rooms: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let turns: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let think: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(7979);
    let bind = format!("127.0.0.1:{port}");
    let delegates: usize = std::env::var("LOAD_DELEGATES")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1)
        .max(1);
    let fixture = std::env::var("LOAD_SCENARIO").unwrap_or_else(|_| {
        if delegates > 1 {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron").to_string()
        } else {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eight.ron").to_string()
        }
    });
    let program = std::env::var("LOAD_HOST").unwrap_or_else(|_| env!("CARGO_BIN_EXE_demarche").to_string());
    let mut host = Process::new(program)
        .args([
            "host",
            &fixture,
            "--bind",
            &bind,
            "--rooms",
            &rooms.to_string(),
            "--dir",
        ])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start demarche host");
    let pid = host.id();
    let codes = common::room_codes(
        host.stdout.take().expect("stdout"),
        &["facilitator", "spectator", "observer"],
    );
    let idle_kb = rss_kb(pid, "VmRSS");
    let url = format!("ws://{bind}");
    let actors = codes.first().map_or(0, Vec::len);
    let clients = actors * delegates;
    let clocks: Vec<Arc<Mutex<RoomClock>>> = (0..rooms)
        .map(|_| {
            Arc::new(Mutex::new(RoomClock {
                last_commit: vec![None; turns as usize + 2],
                got_view: vec![vec![None; clients]; turns as usize + 2],
            }))
        })
        .collect();
    // Nobody moves before every client holds its first view.
    let joined = Arc::new(Barrier::new(rooms * clients));
    let start = Instant::now();
    let mut tasks = Vec::new();
    // Who waits for whom before moving: everyone, or each room alone.
    let continuous = std::env::var_os("LOAD_CONTINUOUS").is_some();
    // Only those holding the pen move, so only they wait for each other.
    let everyone = (!continuous).then(|| Arc::new(Barrier::new(codes.iter().map(Vec::len).sum())));
    for (r, room_codes) in codes.iter().enumerate() {
        let barrier = if let Some(all) = &everyone {
            Arc::clone(all)
        } else {
            Arc::new(Barrier::new(room_codes.len()))
        };
        let seats = room_codes
            .iter()
            .enumerate()
            .flat_map(|(a, code)| (0..delegates).map(move |d| (a, d, code)));
        for (a, d, code) in seats {
            let (url, code, clock, barrier) = (url.clone(), code.clone(), Arc::clone(&clocks[r]), Arc::clone(&barrier));
            let joined = Arc::clone(&joined);
            // The first of a delegation joins first and holds the pen; the others watch.
            let pen = d == 0;
            let me = a * delegates + d;
            tasks.push(tokio::spawn(async move {
                if !pen {
                    tokio::time::sleep(Duration::from_millis(1500)).await;
                }
                // A socket the server closed before it joined (past its cap
                // on waiting sockets, when hundreds connect at once on a
                // busy machine) joins again after a pause, as the real
                // client does.
                let mut tries = 0u32;
                let Some(mut ws) = join(&url, &code, &mut tries).await else {
                    return (0u64, 0u64);
                };
                let mut seen_turn: Option<u32> = None;
                let mut rng = ChaCha8Rng::seed_from_u64((r * clients + me) as u64);
                let mut first = true;
                let (mut received, mut bytes) = (0u64, 0u64);
                let mut id = 0;
                loop {
                    // Wait for a view of a turn not yet played.
                    let Some(Ok(m)) = ws.next().await else {
                        if first {
                            if let Some(again) = join(&url, &code, &mut tries).await {
                                ws = again;
                                continue;
                            }
                        }
                        return (received, bytes);
                    };
                    let Message::Text(t) = m else { continue };
                    received += 1;
                    bytes += t.len() as u64;
                    let Some(msg) = parse(&t) else { continue };
                    match msg {
                        ServerMsg::View { head } => {
                            let turn = head.turn as usize;
                            let fresh = seen_turn != Some(head.turn);
                            if fresh && turn < clock.lock().await.got_view.len() {
                                clock.lock().await.got_view[turn][me] = Some(Instant::now());
                            }
                            seen_turn = Some(head.turn);
                            if std::mem::take(&mut first) {
                                joined.wait().await;
                            }
                            if !pen {
                                if head.turn > turns || head.over {
                                    return (received, bytes);
                                }
                                continue;
                            }
                            if fresh && !head.committed && head.turn <= turns && !head.over {
                                // Wait for the others (the room, or everyone).
                                barrier.wait().await;
                                if think > 0 {
                                    let ms = rng.gen_range(0..think);
                                    tokio::time::sleep(Duration::from_millis(ms)).await;
                                }
                                let view = options(&t);
                                if let Some(cmd) = view.as_ref().and_then(choose) {
                                    id += 1;
                                    let m = ClientMsg::Command { id, command: cmd };
                                    // Sent in one write with the commit below, as a
                                    // client that moves and commits at once would.
                                    let _ = ws
                                        .feed(Message::text(serde_json::to_string(&m).unwrap_or_default()))
                                        .await;
                                }
                                // A public statement every turn: press is part of play.
                                id += 1;
                                let say = ClientMsg::Command {
                                    id,
                                    command: Command::Message {
                                        to: Vec::new(),
                                        text: format!("Turn {turn}: we call for calm and ask for evidence."),
                                    },
                                };
                                let _ = ws
                                    .feed(Message::text(serde_json::to_string(&say).unwrap_or_default()))
                                    .await;
                                id += 1;
                                let commit = ClientMsg::Command {
                                    id,
                                    command: Command::Commit,
                                };
                                let sent = Instant::now();
                                let _ = ws
                                    .send(Message::text(serde_json::to_string(&commit).unwrap_or_default()))
                                    .await;
                                let mut c = clock.lock().await;
                                let slot = &mut c.last_commit[turn];
                                *slot = Some(slot.map_or(sent, |s: Instant| s.max(sent)));
                            } else if head.turn > turns || head.over {
                                return (received, bytes);
                            }
                        }
                        ServerMsg::Debrief => return (received, bytes),
                        _ => {}
                    }
                }
            }));
        }
    }
    let mut peak_during = 0;
    let (mut messages, mut bytes) = (0, 0);
    let mut all = futures_util::future::join_all(tasks);
    let results = loop {
        tokio::select! {
            r = &mut all => break r,
            _ = tokio::time::sleep(Duration::from_millis(200)) => peak_during = peak_during.max(rss_kb(pid, "VmRSS")),
        }
    };
    for r in results {
        let (m, b) = r.unwrap_or((0, 0));
        messages += m;
        bytes += b;
    }
    let elapsed = start.elapsed();
    let mut latencies: Vec<f64> = Vec::new();
    let mut firsts: Vec<f64> = Vec::new();
    let mut worst_by_turn = vec![0.0f64; turns as usize + 2];
    for c in &clocks {
        let c = c.lock().await;
        let turns = c.last_commit.iter().zip(&c.got_view[1..]).zip(worst_by_turn.iter_mut());
        for ((commit, next), worst) in turns.skip(1) {
            let Some(t0) = *commit else { continue };
            if next.iter().all(Option::is_some) {
                let t1 = next.iter().flatten().max().copied().unwrap_or(t0);
                let ms = t1.saturating_duration_since(t0).as_secs_f64() * 1000.0;
                let f = next.iter().flatten().min().copied().unwrap_or(t0);
                firsts.push(f.saturating_duration_since(t0).as_secs_f64() * 1000.0);
                *worst = worst.max(ms);
                latencies.push(ms);
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    let hwm = rss_kb(pid, "VmHWM");
    let (server_cpu, client_cpu) = (cpu_seconds(&pid.to_string()), cpu_seconds("self"));
    println!(
        "{rooms} rooms × {actors} actors × {delegates} per delegation = {} connections, {turns} turns each, {}",
        rooms * clients,
        match (think, continuous) {
            (0, false) => "all players commit together every turn".to_string(),
            (0, true) => "each room moves on at once, without waiting for the others".to_string(),
            (_, false) => format!("each turn starts together, then each player thinks up to {think} ms"),
            (_, true) => format!("each player thinks up to {think} ms; rooms do not wait for each other"),
        }
    );
    println!("turn resolutions measured: {}", latencies.len());
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(f64::NAN)
    };
    let worst: Vec<String> = worst_by_turn[1..=turns as usize]
        .iter()
        .map(|ms| format!("{ms:.0}"))
        .collect();
    println!("slowest room of each turn (ms): {}", worst.join(", "));
    if std::env::var_os("LOAD_DECILES").is_some() {
        let d: Vec<String> = (0..=10).map(|i| format!("{:.0}", pct(i as f64 / 10.0))).collect();
        println!("deciles (ms): {}", d.join(" "));
        // The same for the room's first client: how much of the wait is
        // before the room's turn goes out, how much spreading it out.
        firsts.sort_by(f64::total_cmp);
        let n = firsts.len().saturating_sub(1);
        let d: Vec<String> = (0..=10)
            .filter_map(|i| firsts.get(n * i / 10).map(|ms| format!("{ms:.0}")))
            .collect();
        println!("deciles for the room's first client (ms): {}", d.join(" "));
    }
    println!(
        "last commit → every client has the new view: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.50),
        pct(0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "server memory: {:.1} MB idle with rooms, {:.1} MB peak RSS under load (VmHWM {:.1} MB)",
        idle_kb as f64 / 1024.0,
        peak_during as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    println!(
        "{messages} messages ({:.1} MB) received by clients in {:.1} s",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
    println!("CPU: server {server_cpu:.2} s, load generator {client_cpu:.2} s (2 cores shared)");
    let _ = host.kill();
    let _ = host.wait();
}
