//! A program in a pseudo-terminal, read through a terminal emulator: the
//! real binary as a player starts it, or any other program (`sh`, `ssh`)
//! that runs it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, MasterPty, PtySize};

pub struct Tty {
    pub screen: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

/// The binary under test.
pub fn demarche() -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_demarche"));
    cmd.env("TERM", "xterm-256color");
    cmd
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Tty {
    /// `demarche ARGS` in `cwd` with its data directory at `data`, in a
    /// `cols`x`rows` terminal.
    pub fn spawn(args: &[&str], cwd: &Path, data: &Path, cols: u16, rows: u16) -> Tty {
        let mut cmd = demarche();
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("DEMARCHE_DATA_DIR", data);
        Tty::command(cmd, cols, rows)
    }

    /// Any command in a `cols`x`rows` terminal that answers cursor
    /// position queries as a terminal would.
    pub fn command(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Tty {
        if cmd.get_env("TERM").is_none() {
            cmd.env("TERM", "xterm-256color");
        }
        let pty = native_pty_system().openpty(size(cols, rows)).unwrap();
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 200)));
        let (s, w) = (Arc::clone(&screen), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if buf[..n].windows(4).any(|x| x == b"\x1b[6n") {
                    let _ = w.lock().unwrap().write_all(b"\x1b[1;1R");
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Tty {
            screen,
            writer,
            child,
            master: pty.master,
        }
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait up to 20 s for the screen to satisfy `ok`; `what` names it in
    /// the failure.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if ok(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.text());
    }

    pub fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |s| s.contents().contains(needle));
    }

    /// Type each key, pausing between them; a lone Esc waits longer so it
    /// never merges with the next key into Alt+key.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.write(k.as_bytes());
            std::thread::sleep(Duration::from_millis(if *k == "\x1b" { 150 } else { 60 }));
        }
    }

    /// Bytes to the terminal at once, as a paste or a fast typist sends.
    pub fn write(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// The window resized to `cols`x`rows`.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Wait (up to 10 s) for the program to exit; its exit status.
    pub fn exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the program did not end:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
