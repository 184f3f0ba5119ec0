//! A hosted room's log: a full disk refuses moves instead of acknowledging
//! them and recovers when space returns; a torn last line is read up to the
//! last whole record and cut back on resume; settings are appended records.

mod common;

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use demarche::engine::Command;
use demarche::net::protocol::{ClientMsg, ErrorCode, Facilitate, Role, ServerMsg, PROTOCOL_VERSION};
use demarche::net::room::{Room, RoomCodes};
use demarche::net::server::{self, Limits};
use demarche::session::log_append::LogStore;
use demarche::session::log_file::{self, Setup};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// A log file on a disk that can be made full: while `full`, a write puts
/// half its bytes down and fails, as a full disk does.
struct Disk {
    file: File,
    full: Arc<AtomicBool>,
}

impl LogStore for Disk {
    fn write_at(&self, offset: u64, bytes: &[u8]) -> io::Result<()> {
        if self.full.load(Ordering::SeqCst) {
            let half = &bytes[..bytes.len() / 2];
            self.file.write_at(offset, half)?;
            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"));
        }
        self.file.write_at(offset, bytes)
    }
    fn sync(&self) -> io::Result<()> {
        self.file.sync()
    }
    fn truncate(&self, len: u64) -> io::Result<()> {
        self.file.truncate(len)
    }
}

fn codes() -> RoomCodes {
    RoomCodes {
        players: (0..4).map(|i| format!("PLAY-{i}")).collect(),
        facilitator: "FACI-0".into(),
        spectator: "SPEC-0".into(),
    }
}

fn room_on_disk(path: &Path, full: &Arc<AtomicBool>) -> Room {
    let file = File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
        .unwrap();
    let disk = Arc::new(Disk {
        file,
        full: Arc::clone(full),
    });
    Room::new_in(1, common::small(), 5, codes(), disk, Setup::default()).unwrap()
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn join(url: &str, code: &str) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: code.into(),
        name: Some("Ana".into()),
    };
    ws.send(Message::text(serde_json::to_string(&hello).unwrap()))
        .await
        .unwrap();
    ws
}

async fn until(ws: &mut Ws, mut f: impl FnMut(&ServerMsg) -> bool) -> ServerMsg {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("a reply in time")
            .expect("open")
            .unwrap();
        if let Message::Text(t) = frame {
            let m: ServerMsg = serde_json::from_str(&t).unwrap();
            if f(&m) {
                return m;
            }
        }
    }
}

async fn send(ws: &mut Ws, id: u64, command: Command) -> ServerMsg {
    let m = ClientMsg::Command { id, command };
    ws.send(Message::text(serde_json::to_string(&m).unwrap()))
        .await
        .unwrap();
    until(
        ws,
        |m| matches!(m, ServerMsg::Ack { id: i } | ServerMsg::Error { id: Some(i), .. } if *i == id),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_moves_keeps_the_log_whole_and_play_goes_on_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    let full = Arc::new(AtomicBool::new(false));
    let room = room_on_disk(&path, &full);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::run(listener, vec![room], Limits::default(), async move {
        let _ = stopped.await;
    }));
    let mut white = join(&url, "FACI-0").await;
    until(&mut white, |m| matches!(m, ServerMsg::Facilitator { .. })).await;
    let mut north = join(&url, "PLAY-0").await;
    until(&mut north, |m| matches!(m, ServerMsg::View { .. })).await;
    let r = send(&mut north, 1, common::act("directive", None)).await;
    assert!(matches!(r, ServerMsg::Ack { id: 1 }), "{r:?}");

    full.store(true, Ordering::SeqCst);
    let r = send(&mut north, 2, Command::Commit).await;
    match &r {
        ServerMsg::Error { code, message, .. } => {
            assert_eq!(*code, ErrorCode::Rejected);
            assert!(message.contains("could not be written"), "{message}");
        }
        other => panic!("a move that is not on disk was answered {other:?}"),
    }
    let told = until(&mut white, |m| matches!(m, ServerMsg::Error { id: None, .. })).await;
    assert!(format!("{told:?}").contains("CANNOT BE WRITTEN"), "{told:?}");
    // The file ends on a whole record: the half line was cut back.
    let (log, notes) = log_file::read(&path).unwrap();
    assert!(!notes.truncated_tail, "no partial line is left");
    assert_eq!(log.commands.len(), 1, "only the acknowledged move is in the log");

    full.store(false, Ordering::SeqCst);
    let r = send(&mut north, 3, Command::Commit).await;
    assert!(
        matches!(r, ServerMsg::Ack { id: 3 }),
        "play goes on once there is space: {r:?}"
    );
    let _ = stop.send(());
    let _ = server.await;
    let (log, notes) = log_file::read(&path).unwrap();
    assert!(!notes.truncated_tail);
    assert_eq!(
        log.commands.len(),
        2,
        "the directive and one commit: {:?}",
        log.commands
    );
    let game = log.replay().expect("the log replays");
    let north_ix = game.actor_index("north").unwrap();
    assert!(!game.waiting_for().contains(&north_ix), "north's second commit counts");
}

#[test]
fn a_refused_batch_takes_back_its_setting_changes_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    let full = Arc::new(AtomicBool::new(false));
    let mut room = room_on_disk(&path, &full);
    let now = Instant::now();
    room.start(now);
    room.join(7, Role::Facilitator, None, Some("White cell".into()), now);
    let mut out = Vec::new();
    room.sync_log(now, &mut out);
    full.store(true, Ordering::SeqCst);
    let mut out = room.handle(
        7,
        ClientMsg::Facilitate {
            id: 1,
            command: Facilitate::Pause,
        },
        now,
    );
    room.sync_log(now, &mut out);
    assert!(
        out.iter().any(|(_, m)| matches!(
            m,
            ServerMsg::Error {
                id: Some(1),
                code: ErrorCode::Rejected,
                ..
            }
        )),
        "{out:?}"
    );
    assert!(!room.setup().paused, "a pause that is not on disk did not happen");
    full.store(false, Ordering::SeqCst);
    let mut out = room.handle(
        7,
        ClientMsg::Facilitate {
            id: 2,
            command: Facilitate::Pause,
        },
        now,
    );
    room.sync_log(now, &mut out);
    assert!(
        out.iter().any(|(_, m)| matches!(m, ServerMsg::Ack { id: 2 })),
        "{out:?}"
    );
    let (_, notes) = log_file::read(&path).unwrap();
    assert_eq!(notes.records.len(), 1, "{:?}", notes.records);
    assert_eq!(notes.records[0].by.as_deref(), Some("White cell"));
    assert!(notes.records[0].at.is_some(), "a facilitator action carries its time");
}

#[test]
fn a_torn_last_line_is_read_up_to_the_last_whole_record_and_cut_back_on_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    {
        let mut room = Room::new(1, common::small(), 5, codes(), Some(path.clone())).unwrap();
        let now = Instant::now();
        room.start(now);
        room.join(1, Role::Player { actor: "north".into() }, Some(0), None, now);
        let mut out = room.handle(
            1,
            ClientMsg::Command {
                id: 1,
                command: common::act("directive", None),
            },
            now,
        );
        room.sync_log(now, &mut out);
    }
    // A power cut in the middle of the next record.
    let mut bytes = std::fs::read(&path).unwrap();
    let whole = bytes.len();
    bytes.extend_from_slice(br#"{"actor":"north","command":{"typ"#);
    std::fs::write(&path, &bytes).unwrap();
    let (log, notes) = log_file::read(&path).unwrap();
    assert!(notes.truncated_tail);
    assert_eq!(log.commands.len(), 1);
    assert_eq!(notes.whole_len, whole as u64);
    // Resumed twice, with a move in between: the file stays readable.
    for id in 2..4 {
        let (log, notes) = log_file::read(&path).unwrap();
        let mut room = Room::resume(log, &notes, path.clone()).unwrap();
        let now = Instant::now();
        room.start(now);
        room.join(1, Role::Player { actor: "east".into() }, Some(1), None, now);
        let cmd = if id == 2 {
            common::act("protest", Some("north"))
        } else {
            Command::Commit
        };
        let mut out = room.handle(1, ClientMsg::Command { id, command: cmd }, now);
        room.sync_log(now, &mut out);
        assert!(out.iter().any(|(_, m)| matches!(m, ServerMsg::Ack { .. })), "{out:?}");
    }
    let (log, notes) = log_file::read(&path).unwrap();
    assert!(!notes.truncated_tail);
    assert_eq!(log.commands.len(), 3);
    log.replay().expect("replays");
}

#[test]
fn a_log_with_a_byte_order_mark_and_blank_lines_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    drop(Room::new(1, common::small(), 5, codes(), Some(path.clone())).unwrap());
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    bytes.extend(std::iter::repeat_n(b'\n', 100_000));
    std::fs::write(&path, &bytes).unwrap();
    let (log, notes) = log_file::read(&path).unwrap();
    assert!(log.commands.is_empty());
    assert!(!notes.truncated_tail);
}

#[test]
fn a_second_server_cannot_write_to_a_log_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room-1.log");
    let _live = Room::new(1, common::small(), 5, codes(), Some(path.clone())).unwrap();
    let (log, notes) = log_file::read(&path).unwrap();
    let Err(e) = Room::resume(log, &notes, path.clone()) else {
        panic!("two servers appending to one log")
    };
    assert!(e.contains("in use"), "{e}");
    assert!(
        Room::new(1, common::small(), 5, codes(), Some(path)).is_err(),
        "never overwritten"
    );
}
