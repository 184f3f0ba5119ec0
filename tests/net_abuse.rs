//! The server under abuse, with real clients on loopback: idle and
//! half-open sockets do not lock players out, a client that stops reading
//! is dropped, and running out of file descriptors does not make the
//! server spin.

mod common;

use std::time::{Duration, Instant};

use demarche::net::protocol::{ClientMsg, Facilitate, Role, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::{self, Limits};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

struct Hosted {
    url: String,
    addr: std::net::SocketAddr,
    codes: RoomCodes,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn host(limits: Limits) -> Hosted {
    let codes = RoomCodes {
        players: (0..4).map(|_| demarche::net::codes::new_code()).collect(),
        facilitator: demarche::net::codes::new_code(),
        spectator: demarche::net::codes::new_code(),
    };
    let room = Room::new(1, common::small(), 9, codes.clone(), None).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::run(listener, vec![room], limits, async move {
        let _ = rx.await;
    }));
    Hosted {
        url: format!("ws://{addr}"),
        addr,
        codes,
        _stop: tx,
    }
}

fn hello(code: &str) -> Message {
    Message::text(
        serde_json::to_string(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            code: code.into(),
            name: Some("tester".into()),
        })
        .unwrap(),
    )
}

/// Connect, say hello, and wait for `welcome`: whether it came within 3 s.
async fn joins(url: &str, code: &str) -> bool {
    let attempt = async {
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.ok()?;
        ws.send(hello(code)).await.ok()?;
        while let Some(Ok(m)) = ws.next().await {
            if let Message::Text(t) = m {
                let welcomed = matches!(serde_json::from_str(&t), Ok(ServerMsg::Welcome { .. }));
                let _ = ws.close(None).await;
                return Some(welcomed);
            }
        }
        None
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(3), attempt).await,
        Ok(Some(true))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sockets_do_not_lock_real_players_out() {
    // Room for 60 joined players, but 300 idle sockets held open and
    // reopened as the server closes them.
    let h = host(Limits {
        max_connections: 60,
        ..Limits::default()
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(h.addr).await.unwrap());
    }
    let mut ok = 0;
    for i in 0..20 {
        // The attacker reopens the sockets the server closed.
        for s in idle.iter_mut() {
            let mut b = [0u8; 1];
            if let Ok(0) | Err(_) = tokio::time::timeout(Duration::from_millis(0), s.peek(&mut b))
                .await
                .unwrap_or(Ok(1))
            {
                if let Ok(n) = TcpStream::connect(h.addr).await {
                    *s = n;
                }
            }
        }
        if joins(&h.url, &h.codes.players[i % 4]).await {
            ok += 1;
        }
    }
    assert_eq!(ok, 20, "only {ok} of 20 real joins succeeded among 300 idle sockets");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_says_so() {
    let h = host(Limits {
        max_connections: 1,
        ..Limits::default()
    })
    .await;
    let (mut first, _) = tokio_tungstenite::connect_async(&h.url).await.unwrap();
    first.send(hello(&h.codes.spectator)).await.unwrap();
    let Some(Ok(Message::Text(t))) = first.next().await else {
        panic!("no welcome")
    };
    assert!(matches!(serde_json::from_str(&t).unwrap(), ServerMsg::Welcome { .. }));
    let (mut second, _) = tokio_tungstenite::connect_async(&h.url).await.unwrap();
    second.send(hello(&h.codes.spectator)).await.unwrap();
    let Some(Ok(Message::Text(t))) = second.next().await else {
        panic!("no answer")
    };
    let msg: ServerMsg = serde_json::from_str(&t).unwrap();
    assert!(
        matches!(&msg, ServerMsg::Error { message, .. } if message.contains("full")),
        "{msg:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_and_the_facilitator_sees_it_gone() {
    let h = host(Limits {
        send_timeout: Duration::from_secs(1),
        max_queued_bytes: 2 << 20,
        rate: 1000.0,
        burst: 1000.0,
        ..Limits::default()
    })
    .await;
    // A player with a tiny receive buffer that never reads.
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.set_recv_buffer_size(4096).unwrap();
    let stream = sock.connect(h.addr).await.unwrap();
    let (mut stuck, _) = tokio_tungstenite::client_async(h.url.as_str(), stream).await.unwrap();
    stuck.send(hello(&h.codes.players[0])).await.unwrap();
    let (mut white, _) = tokio_tungstenite::connect_async(&h.url).await.unwrap();
    white.send(hello(&h.codes.facilitator)).await.unwrap();
    let started = Instant::now();
    let text = "x".repeat(1500);
    let mut players_seen = usize::MAX;
    for id in 1..=600u64 {
        let inject = ClientMsg::Facilitate {
            id,
            command: Facilitate::Inject {
                headline: format!("Inject {id}"),
                text: text.clone(),
                audience: vec![],
            },
        };
        white
            .send(Message::text(serde_json::to_string(&inject).unwrap()))
            .await
            .unwrap();
        // Read what the facilitator is sent, and see whether the player is still there.
        while let Ok(Some(Ok(Message::Text(t)))) = tokio::time::timeout(Duration::from_millis(5), white.next()).await {
            if let Ok(ServerMsg::Facilitator { state }) = serde_json::from_str(&t) {
                players_seen = state
                    .connections
                    .iter()
                    .filter(|c| matches!(c.role, Role::Player { .. }))
                    .count();
            }
        }
        if players_seen == 0 {
            break;
        }
    }
    assert_eq!(players_seen, 0, "the player that stopped reading is still connected");
    assert!(started.elapsed() < Duration::from_secs(15), "{:?}", started.elapsed());
    drop(stuck);
}

/// CPU seconds (user + system) a process has used, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split(' ').collect();
    let ticks: f64 = f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap();
    ticks / 100.0
}

#[test]
fn out_of_file_descriptors_the_server_waits_instead_of_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let port = common::free_port();
    let scenario = dir.path().join("small.ron");
    std::fs::write(&scenario, common::SMALL).unwrap();
    let cmd = format!(
        "ulimit -n 64 && exec '{}' host '{}' --bind 127.0.0.1:{port} --dir '{}'",
        env!("CARGO_BIN_EXE_demarche"),
        scenario.display(),
        dir.path().join("host").display()
    );
    let mut child = std::process::Command::new("sh")
        .args(["-c", &cmd])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr = format!("127.0.0.1:{port}");
    let mut up = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(&addr).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(up, "the host did not start");
    // Far more sockets than the server has descriptors.
    let socks: Vec<_> = (0..150)
        .filter_map(|_| std::net::TcpStream::connect(&addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_seconds(child.id());
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_seconds(child.id()) - before;
    drop(socks);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        used < 0.5,
        "the server used {used:.2} s of CPU in 2 s while out of descriptors"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_joins_at_once_from_one_address_while_two_thousand_idle_sockets_flood_it() {
    // The default limits: 256 pending sockets per server, 32 per address.
    let h = host(Limits::default()).await;
    // 2,000 idle sockets from the address the class joins from.
    let mut idle = Vec::new();
    for _ in 0..2000 {
        if let Ok(s) = TcpStream::connect(h.addr).await {
            idle.push(s);
        }
    }
    assert_eq!(idle.len(), 2000);
    // Let them go stale, as an attacker's do.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    // A class of 100 joins at once, from the same address (one NAT).
    let class: Vec<_> = (0..100)
        .map(|i| {
            let (url, code) = (h.url.clone(), h.codes.players[i % 4].clone());
            tokio::spawn(async move { joins(&url, &code).await })
        })
        .collect();
    let mut ok = 0;
    for j in class {
        if j.await.unwrap_or(false) {
            ok += 1;
        }
    }
    assert_eq!(
        ok, 100,
        "only {ok} of 100 real joins succeeded among 2,000 idle sockets"
    );
    // The server kept few of the idle sockets open: at most 8 times the
    // per-address cap of young ones (a socket it closed reads as ended).
    let mut open = 0;
    for s in &idle {
        let mut b = [0u8; 1];
        if tokio::time::timeout(Duration::from_millis(1), s.peek(&mut b))
            .await
            .is_err()
        {
            open += 1;
        }
    }
    assert!(open <= 256, "{open} idle sockets still held open");
}
