//! Load test for `demarche host --ssh`: 100 participants (25 rooms of the
//! four-actor test scenario), each an SSH client with a 120x40 terminal
//! (russh's client, the screen kept by a terminal emulator). Every turn each
//! participant ends their turn with keys, as a person would; the turn
//! resolves when the room's last one commits, and each participant's screen
//! shows what happened.
//!
//! Prints: the host's CPU per session per turn (drawing, the room, the
//! websocket to the room and encryption included), the bytes sent per
//! frame and per turn change to each session, the time from a room's last
//! commit to each of its participants' screens showing the turn's result
//! (p50, p99, max), and the host's memory.
//!
//! `cargo bench --bench ssh -- ROOMS TURNS` (defaults 25 and 4).

use std::process::{Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::ChannelMsg;
use tokio::sync::Barrier;

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One participant's terminal: the channel, its screen, and what it got.
struct Term {
    channel: russh::Channel<client::Msg>,
    screen: vt100::Parser,
    bytes: u64,
    frames: u64,
    _session: Handle<Client>,
}

impl Term {
    /// Connect from 127.0.0.`from` (participants come from many addresses).
    async fn open(port: u16, code: &str, from: u8) -> Term {
        let config = Arc::new(client::Config::default());
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(std::net::SocketAddr::from(([127, 0, 0, from], 0)))
            .expect("bind");
        let stream = socket
            .connect(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .expect("connect");
        let mut session = client::connect_stream(config, stream, Client).await.expect("connect");
        let auth = session.authenticate_none(code).await.expect("authenticate");
        assert!(auth.success(), "the code was refused");
        let channel = session.channel_open_session().await.expect("open a session");
        channel
            .request_pty(false, "xterm-256color", 120, 40, 0, 0, &[])
            .await
            .expect("pty");
        channel.request_shell(false).await.expect("shell");
        Term {
            channel,
            screen: vt100::Parser::new(40, 120, 0),
            bytes: 0,
            frames: 0,
            _session: session,
        }
    }

    /// Read frames until the screen shows `needle`.
    async fn until(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.screen.screen().contents().contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.bytes += data.len() as u64;
                    self.frames += 1;
                    self.screen.process(&data);
                }
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => panic!("no {needle:?}; screen:\n{}", self.screen.screen().contents()),
            }
        }
    }

    async fn key(&self, k: &[u8]) {
        self.channel.data(k).await.expect("send a key");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().filter(|a| !a.starts_with("--")).collect();
    let rooms: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(25);
    let turns: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(4).min(5);
    let dir = tempfile::tempdir().expect("temp dir");
    let free = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port")
    };
    let (port, ssh_port) = (free(), free());
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.ron");
    let mut host = Process::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["host", fixture, "--rooms", &rooms.to_string()])
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--ssh",
            &format!("127.0.0.1:{ssh_port}"),
        ])
        .arg("--dir")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start demarche host");
    let pid = host.id();
    let codes = common::room_codes(
        host.stdout.take().expect("stdout"),
        &["facilitator", "spectator", "observer"],
    );
    let idle_kb = rss_kb(pid);
    let sessions: usize = codes.iter().map(Vec::len).sum();
    // Per room and turn: the last commit; per session and turn: when its
    // screen showed the result, and the bytes and frames it took.
    let last_commit = Arc::new(Mutex::new(vec![vec![None::<Instant>; turns as usize]; rooms]));
    let ready = Arc::new(Barrier::new(sessions + 1));
    let turn_start = Arc::new(Barrier::new(sessions + 1));
    let mut tasks = Vec::new();
    let mut from = 1u8;
    for (r, room_codes) in codes.iter().enumerate() {
        from = from % 200 + 1;
        let room_done = Arc::new(Barrier::new(room_codes.len()));
        for code in room_codes.clone() {
            let (ready, turn_start, room_done, last_commit) = (
                Arc::clone(&ready),
                Arc::clone(&turn_start),
                Arc::clone(&room_done),
                Arc::clone(&last_commit),
            );
            tasks.push(tokio::spawn(async move {
                let mut t = Term::open(ssh_port, &code, from).await;
                t.until("1 Situation").await;
                ready.wait().await;
                let mut seen = Vec::new();
                for turn in 0..turns {
                    turn_start.wait().await;
                    t.key(b"c").await;
                    t.until("End your turn?").await;
                    let (b0, f0) = (t.bytes, t.frames);
                    t.key(b"y").await;
                    let now = Instant::now();
                    {
                        let mut lc = last_commit.lock().unwrap_or_else(|p| p.into_inner());
                        let slot = &mut lc[r][turn as usize];
                        *slot = Some(slot.map_or(now, |s: Instant| s.max(now)));
                    }
                    t.until("What happened").await;
                    seen.push((Instant::now(), t.bytes - b0, t.frames - f0));
                    room_done.wait().await;
                    t.key(b"\x1b").await;
                    t.until(&format!("turn {}/6", turn + 2)).await;
                }
                (r, seen)
            }));
        }
    }
    ready.wait().await;
    let connected_kb = rss_kb(pid);
    let cpu0 = cpu_seconds(pid);
    let started = Instant::now();
    for _ in 0..turns {
        turn_start.wait().await;
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("a session failed"));
    }
    let elapsed = started.elapsed();
    let cpu = cpu_seconds(pid) - cpu0;
    let peak_kb = rss_kb(pid);
    let lc = last_commit.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let mut latencies = Vec::new();
    let (mut bytes, mut frames) = (0u64, 0u64);
    for (r, seen) in &results {
        for (turn, (at, b, f)) in seen.iter().enumerate() {
            if let Some(c) = lc[*r][turn] {
                latencies.push(at.saturating_duration_since(c));
            }
            bytes += b;
            frames += f;
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    let changes = (sessions as u64 * u64::from(turns)).max(1);
    println!("{sessions} SSH sessions in {rooms} rooms, {turns} turns, 120x40, in {elapsed:.1?}");
    println!(
        "host CPU: {:.2} s over the turns = {:.2} ms per session per turn (keys, drawing, the room, encryption)",
        cpu,
        cpu * 1000.0 / changes as f64
    );
    println!(
        "bytes from a commit to the result on screen: {} per session per turn, in {:.1} frames ({} bytes a frame)",
        bytes / changes,
        frames as f64 / changes as f64,
        bytes / frames.max(1)
    );
    println!(
        "last commit -> every screen shows the result: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "host memory (RSS): {} MB idle, {} MB with every session, {} MB at the end",
        idle_kb / 1024,
        connected_kb / 1024,
        peak_kb / 1024
    );
    let _ = host.kill();
    let _ = host.wait();
}
