//! The real binary in a pseudo-terminal, stopped from outside: SIGTERM,
//! SIGHUP or SIGINT leave the terminal as `q` does (cooked mode, main
//! screen, no mouse reporting, no bracketed paste, cursor shown), and a
//! paste never runs as keys.
#![cfg(target_os = "linux")]

use std::ops::{Deref, DerefMut};
use std::path::Path;

use portable_pty::CommandBuilder;

#[path = "common/tty.rs"]
mod tty;

/// A shell in a pseudo-terminal that runs demarche and then records the
/// terminal's settings.
struct Shell(tty::Tty);

impl Deref for Shell {
    type Target = tty::Tty;
    fn deref(&self) -> &tty::Tty {
        &self.0
    }
}

impl DerefMut for Shell {
    fn deref_mut(&mut self) -> &mut tty::Tty {
        &mut self.0
    }
}

/// `sh -c "demarche ARGS; stty -a > STTY"` in a 120x40 terminal.
fn shell(args: &str, dir: &Path) -> Shell {
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
    Shell(tty::Tty::command(cmd, 120, 40))
}

impl Shell {
    /// The demarche process: the shell's only child.
    fn demarche_pid(&self) -> String {
        let sh = self.child.process_id().unwrap();
        let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap();
        children.split_whitespace().next().expect("demarche runs").to_string()
    }

    fn wait_exit(&mut self) {
        self.0.exit();
    }
}

impl Drop for Shell {
    /// A failed test leaves no program running.
    fn drop(&mut self) {
        if self.0.child.try_wait().ok().flatten().is_none() {
            let sh = self.0.child.process_id().unwrap_or(0);
            if let Ok(kids) = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")) {
                for pid in kids.split_whitespace() {
                    let _ = std::process::Command::new("kill").args(["-9", pid]).status();
                }
            }
            let _ = self.0.child.kill();
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
    t.write(b"q");
    t.wait_for("Quit?");
    t.write(b"y");
    t.wait_exit();
    assert_terminal_given_back(&t, dir.path(), "q");
}

#[test]
fn a_bracketed_paste_is_text_not_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = play(dir.path());
    // "c" then "y" would end the turn if they ran as keys.
    t.write(b"\x1b[200~cy\x1b[201~");
    t.wait_for("Paste goes into a text field");
    assert!(t.screen.lock().unwrap().screen().contents().contains("turn 1/6"));
    t.write(b"n");
    t.wait_for("Notes to self");
    t.write(b"\x1b[200~call Eastmark\r\nthen: yes\x1b[201~");
    t.wait_for("then: yes");
    let screen = t.screen.lock().unwrap().screen().contents();
    assert!(
        screen.contains("call Eastmark\n") || screen.contains("call Eastmark "),
        "{screen}"
    );
    t.write(b"\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.write(b"q");
    t.wait_for("Quit?");
    t.write(b"y");
    t.wait_exit();
}
