//! The real binary in a pseudo-terminal, driven like a player would:
//! launcher, role choice, moves, resolution, debrief, export, quit.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Tty {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Tty {
    fn spawn(args: &[&str], cwd: &Path, data: &Path) -> Tty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_demarche"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("DEMARCHE_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let s = Arc::clone(&screen);
        let w = Arc::clone(&writer);
        std::thread::spawn(move || {
            let _keep = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // Answer cursor position queries as a terminal would.
                if buf[..n].windows(4).any(|x| x == b"\x1b[6n") {
                    let _ = w.lock().unwrap().write_all(b"\x1b[1;1R");
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Tty {
            screen,
            writer: Box::new(Shared(writer)),
            child,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {needle:?}; screen:\n{}", self.text());
    }

    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.writer.write_all(k.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            // A lone Esc must not merge with the next key into Alt+key.
            std::thread::sleep(Duration::from_millis(if *k == ESC { 150 } else { 40 }));
        }
    }
}

struct Shared(Arc<Mutex<Box<dyn Write + Send>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(b)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap().flush()
    }
}

const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";
const ENTER: &str = "\r";

#[test]
fn a_whole_short_game_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron"),
        scenarios.join("small.ron"),
    )
    .unwrap();
    let mut t = Tty::spawn(&["play", "--seed", "3"], dir.path(), &data);
    t.wait_for("Choose a scenario");
    // The local scenario comes last, after the shipped ones.
    t.keys(&[END]);
    t.wait_for("Test: registry hijack");
    t.keys(&[ENTER]);
    t.wait_for("Briefing");
    t.wait_for("[you]");
    t.keys(&[ENTER]);
    t.wait_for("1 Situation");
    // Turn 1: summon Eastmark's ambassador, then end the turn.
    t.keys(&["5", DOWN, DOWN, ENTER]);
    t.wait_for("y / Enter: choose it");
    t.keys(&["y"]);
    t.wait_for("Chosen: Summon the ambassador");
    t.keys(&["c"]);
    t.wait_for("End your turn?");
    t.keys(&["y"]);
    t.wait_for("What happened");
    let saves: Vec<_> = std::fs::read_dir(data.join("saves")).unwrap().collect();
    assert_eq!(saves.len(), 1, "the turn was saved to a file of its own");
    // Play on with no moves until the debrief.
    for _ in 0..8 {
        if t.text().contains("Debrief ·") {
            break;
        }
        t.keys(&[ESC]);
        if t.text().contains("Debrief ·") {
            break;
        }
        t.keys(&["c", "y"]);
    }
    t.wait_for("Debrief ·");
    t.wait_for("The truth");
    t.keys(&["e"]);
    t.wait_for("Report written");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("demarche-"))
        .collect();
    assert!(
        written.iter().any(|n| n.ends_with(".md")),
        "export wrote Markdown: {written:?}"
    );
    assert!(
        written.iter().any(|n| n.ends_with(".html")),
        "export wrote HTML: {written:?}"
    );
    t.keys(&["q"]);
    let start = Instant::now();
    loop {
        if let Some(status) = t.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "demarche did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn quitting_mid_game_asks_first_and_resume_continues() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let small = small.to_string_lossy();
    let mut t = Tty::spawn(&["play", &small, "--as", "north", "--seed", "4"], dir.path(), &data);
    t.wait_for("1 Situation");
    t.keys(&["c", "y"]);
    t.wait_for("What happened");
    t.keys(&[ESC]);
    t.wait_for("turn 2/6");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    let start = Instant::now();
    while t.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "demarche did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut t = Tty::spawn(&["play", "--resume"], dir.path(), &data);
    t.wait_for("turn 2/6");
    t.keys(&["q", "y"]);
}

#[test]
fn a_tiny_window_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 20,
            cols: 60,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_demarche"));
    cmd.args(["play", &small.to_string_lossy(), "--as", "north"]);
    cmd.env("DEMARCHE_DATA_DIR", dir.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(20, 60, 0)));
    let p = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let start = Instant::now();
    while !parser.lock().unwrap().screen().contents().contains("too small") {
        assert!(start.elapsed() < Duration::from_secs(10), "no size warning");
        std::thread::sleep(Duration::from_millis(30));
    }
    writer.write_all(b"q").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    writer.write_all(b"y").unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(pty.master);
}
