//! The real binary in a pseudo-terminal, stopped from outside: SIGTERM,
//! SIGHUP or SIGINT leave the terminal as `q` does (cooked mode, main
//! screen, no mouse reporting, no bracketed paste, cursor shown), and a
//! paste never runs as keys.
#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Shell {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// `sh -c "demarche ARGS; stty -a > STTY"` in a 120x40 terminal.
fn shell(args: &str, dir: &Path) -> Shell {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_demarche");
    let stty = dir.join("stty");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!(
            "'{bin}' {args}; echo $? > '{0}.status'; stty -a > '{0}'",
            stty.display()
        ),
    ]);
    cmd.cwd(dir);
    cmd.env("DEMARCHE_DATA_DIR", dir.join("data"));
    cmd.env("TERM", "xterm-256color");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let writer = pty.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let s = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            s.lock().unwrap().process(&buf[..n]);
        }
    });
    Shell {
        screen,
        writer,
        child,
        _master: pty.master,
    }
}

impl Shell {
    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.screen.lock().unwrap().screen().contents().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {needle:?}; screen:\n{}",
            self.screen.lock().unwrap().screen().contents()
        );
    }

    /// The demarche process: the shell's only child.
    fn demarche_pid(&self) -> String {
        let sh = self.child.process_id().unwrap();
        let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap();
        children.split_whitespace().next().expect("demarche runs").to_string()
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < Duration::from_secs(10), "the shell did not finish");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Shell {
    /// A failed test leaves no program running.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let sh = self.child.process_id().unwrap_or(0);
            if let Ok(kids) = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")) {
                for pid in kids.split_whitespace() {
                    let _ = std::process::Command::new("kill").args(["-9", pid]).status();
                }
            }
            let _ = self.child.kill();
        }
    }
}

fn play(dir: &Path) -> Shell {
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    let t = shell(&format!("play '{}' --as north --seed 2", small.display()), dir);
    t.wait_for("1 Situation");
    t
}

fn assert_terminal_given_back(t: &Shell, dir: &Path, how: &str) {
    let s = t.screen.lock().unwrap();
    let screen = s.screen();
    assert!(!screen.alternate_screen(), "{how}: still on the alternate screen");
    assert!(!screen.hide_cursor(), "{how}: the cursor is hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{how}: mouse reporting is on"
    );
    assert!(!screen.bracketed_paste(), "{how}: bracketed paste is on");
    let stty = std::fs::read_to_string(dir.join("stty")).unwrap();
    let flags: Vec<&str> = stty.split([' ', ';', '\n']).collect();
    for flag in ["icanon", "echo", "isig", "opost"] {
        assert!(flags.contains(&flag), "{how}: the tty is left without {flag}: {stty}");
    }
}

#[test]
fn a_signal_from_outside_gives_the_terminal_back() {
    for sig in ["TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let mut t = play(dir.path());
        {
            let s = t.screen.lock().unwrap();
            assert!(s.screen().alternate_screen() && s.screen().bracketed_paste());
        }
        let pid = t.demarche_pid();
        let ok = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        assert!(ok.success());
        t.wait_exit();
        assert_terminal_given_back(&t, dir.path(), sig);
        let status = std::fs::read_to_string(dir.path().join("stty.status")).unwrap();
        let expected = 128
            + match sig {
                "HUP" => 1,
                "INT" => 2,
                _ => 15,
            };
        assert_eq!(status.trim(), expected.to_string(), "{sig}: exit status");
        let saved = std::fs::read_dir(dir.path().join("data/saves")).map_or(0, |d| d.count());
        assert_eq!(saved, 1, "{sig}: the game was saved to a file of its own");
    }
}

#[test]
fn quitting_gives_the_terminal_back_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = play(dir.path());
    t.writer.write_all(b"q").unwrap();
    t.writer.flush().unwrap();
    t.wait_for("Quit?");
    t.writer.write_all(b"y").unwrap();
    t.writer.flush().unwrap();
    t.wait_exit();
    assert_terminal_given_back(&t, dir.path(), "q");
}

#[test]
fn a_bracketed_paste_is_text_not_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = play(dir.path());
    // "c" then "y" would end the turn if they ran as keys.
    t.writer.write_all(b"\x1b[200~cy\x1b[201~").unwrap();
    t.writer.flush().unwrap();
    t.wait_for("Paste goes into a text field");
    assert!(t.screen.lock().unwrap().screen().contents().contains("turn 1/6"));
    t.writer.write_all(b"n").unwrap();
    t.writer.flush().unwrap();
    t.wait_for("Notes to self");
    t.writer
        .write_all(b"\x1b[200~call Eastmark\r\nthen: yes\x1b[201~")
        .unwrap();
    t.writer.flush().unwrap();
    t.wait_for("then: yes");
    let screen = t.screen.lock().unwrap().screen().contents();
    assert!(
        screen.contains("call Eastmark\n") || screen.contains("call Eastmark "),
        "{screen}"
    );
    t.writer.write_all(b"\x1b").unwrap();
    t.writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    t.writer.write_all(b"q").unwrap();
    t.writer.flush().unwrap();
    t.wait_for("Quit?");
    t.writer.write_all(b"y").unwrap();
    t.writer.flush().unwrap();
    t.wait_exit();
}
