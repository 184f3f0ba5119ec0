//! `demarche host --ssh` with the real OpenSSH client: a participant plays
//! in a pseudo-terminal with nothing but `ssh`, and everything but the game
//! is refused. Skipped, saying so, where no `ssh` client is installed.
#![cfg(feature = "ssh")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use demarche::net::protocol::{ClientMsg, Facilitate, PROTOCOL_VERSION};
use futures_util::SinkExt;
use portable_pty::CommandBuilder;
use tokio_tungstenite::tungstenite::Message;

fn ssh_missing() -> bool {
    if Process::new("ssh").arg("-V").output().is_ok() {
        return false;
    }
    eprintln!("SKIPPED: no OpenSSH client (`ssh`) on this machine: install openssh-client to run this test");
    true
}

/// A running `demarche host --ssh`: the codes it printed (role → code),
/// the SSH port and the fingerprint it printed.
struct Host {
    child: Child,
    codes: Vec<(String, String)>,
    ws: String,
    ssh_port: u16,
    fingerprint: String,
    dir: tempfile::TempDir,
}

impl Host {
    fn start() -> Host {
        Host::launch(tempfile::tempdir().unwrap(), &["tests/fixtures/small.ron"])
    }

    /// `demarche host FIRST_ARGS --ssh ... --dir DIR` on free ports.
    fn launch(dir: tempfile::TempDir, first: &[&str]) -> Host {
        let (port, ssh_port) = (common::free_port(), common::free_port());
        let ws = format!("127.0.0.1:{port}");
        let ssh = format!("127.0.0.1:{ssh_port}");
        let d = dir.path().to_string_lossy().to_string();
        let mut args: Vec<&str> = first.to_vec();
        args.extend(["--bind", &ws, "--ssh", &ssh, "--dir", &d]);
        Host::run(dir, &args, &ws, ssh_port)
    }

    /// `demarche host ARGS`, expected to listen on `ws` and serve SSH on
    /// `ssh_port`.
    fn run(dir: tempfile::TempDir, args: &[&str], ws: &str, ssh_port: u16) -> Host {
        let mut child = Process::new(env!("CARGO_BIN_EXE_demarche"))
            .arg("host")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut codes, mut fingerprint) = (Vec::new(), String::new());
        for line in lines.by_ref() {
            let line = line.unwrap();
            if line.starts_with("Listening on") {
                std::thread::spawn(move || for _ in lines {});
                break;
            }
            if line.starts_with("Players can also join with") {
                // The address players can reach, not a placeholder.
                assert!(line.contains(&format!("ssh -p {ssh_port} CODE@127.0.0.1")), "{line}");
            }
            if let Some(f) = line.strip_prefix("SSH host key fingerprint: ") {
                fingerprint = f.to_string();
            }
            if let Some(rest) = line.strip_prefix("  ") {
                let (name, code) = rest.trim().rsplit_once(' ').unwrap();
                codes.push((name.trim().to_string(), code.to_string()));
            }
        }
        Host {
            child,
            codes,
            ws: format!("ws://{ws}"),
            ssh_port,
            fingerprint,
            dir,
        }
    }

    fn code(&self, who: &str) -> String {
        self.codes
            .iter()
            .find(|(n, _)| n == who)
            .map(|(_, c)| c.clone())
            .unwrap()
    }

    /// `ssh` options for a throwaway connection: no config, no known
    /// hosts, no keys, only errors logged; then `extra`.
    fn ssh_args(&self, extra: &[&str]) -> Vec<String> {
        self.ssh_args_logging("ERROR", extra)
    }

    /// The same, logging at `level` (INFO shows what the server says at
    /// its prompt, as a participant's `ssh` does).
    fn ssh_args_logging(&self, level: &str, extra: &[&str]) -> Vec<String> {
        let mut a: Vec<String> = [
            "-F",
            "/dev/null",
            "-p",
            &self.ssh_port.to_string(),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            &format!("LogLevel={level}"),
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "ConnectTimeout=10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    }

    /// Run `ssh` without a terminal; its exit code and what it printed.
    fn ssh_batch(&self, extra: &[&str]) -> (Option<i32>, String) {
        let mut args = self.ssh_args(&["-o", "BatchMode=yes"]);
        args.extend(extra.iter().map(|s| s.to_string()));
        let out = Process::new("ssh").args(&args).stdin(Stdio::null()).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), text)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[path = "common/tty.rs"]
mod tty;
use tty::Tty;

/// `ssh ARGS` in a 120x40 pseudo-terminal, its screen kept by a terminal
/// emulator.
fn ssh(args: &[String]) -> Tty {
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(args);
    Tty::command(cmd, 120, 40)
}

/// The facilitator, over the websocket, resolves the turn now.
fn force_resolve(url: &str, code: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        for msg in [
            ClientMsg::Hello {
                protocol: PROTOCOL_VERSION,
                code: code.into(),
                name: None,
            },
            ClientMsg::Facilitate {
                id: 1,
                command: Facilitate::ForceResolve,
            },
        ] {
            ws.send(Message::text(serde_json::to_string(&msg).unwrap()))
                .await
                .unwrap();
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = ws.close(None).await;
    });
}

#[test]
fn a_participant_plays_over_ssh_and_gets_the_terminal_back() {
    if ssh_missing() {
        return;
    }
    let host = Host::start();
    assert!(host.fingerprint.starts_with("SHA256:"), "{}", host.fingerprint);
    let north = host.code("Northland");
    // The handout gives the ssh command and the fingerprint to check.
    let handout = std::fs::read_to_string(host.dir.path().join("handout.md")).unwrap();
    assert!(
        handout.contains(&format!("ssh -p {} {north}@127.0.0.1", host.ssh_port)),
        "{handout}"
    );
    assert!(handout.contains(&host.fingerprint), "{handout}");
    let mut t = ssh(&host.ssh_args(&["-t", &format!("{north}@127.0.0.1")]));
    t.wait_for("1 Situation");
    t.wait_until("mouse and bracketed paste on", |s| {
        s.alternate_screen() && s.bracketed_paste() && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    // A pasted text is text, never keys: "q" inside a paste does not quit.
    t.keys(&["\x1b[200~q\x1b[201~"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!t.text().contains("Quit?"), "a paste was read as keys:\n{}", t.text());
    // In a text field a paste over SSH lands as text, lines and all: the
    // "q" and "c" in it are letters, not quit and end-turn.
    t.keys(&["n"]);
    t.wait_for("Notes to self");
    t.keys(&["\x1b[200~Call the embassy quietly\r\nthen consult the CERT\x1b[201~"]);
    t.wait_for("then consult the CERT");
    assert!(t.text().contains("Call the embassy quietly"), "{}", t.text());
    assert!(
        !t.text().contains("Quit?") && !t.text().contains("End your turn?"),
        "{}",
        t.text()
    );
    t.keys(&["\x1b"]);
    t.wait_until("the notes closed", |s| !s.contents().contains("Notes to self"));
    // The window grows: the game is drawn again to the new size.
    t.resize(50, 140);
    t.wait_until("a redraw at 140x50", |s| {
        s.rows(0, 140).nth(49).is_some_and(|r| !r.trim().is_empty()) && s.rows(0, 140).any(|r| r.trim_end().len() > 120)
    });
    // A turn: end it, the facilitator resolves it, the player sees what happened.
    t.keys(&["c"]);
    t.wait_for("End your turn?");
    t.keys(&["y"]);
    force_resolve(&host.ws, &host.code("facilitator"));
    t.wait_for("What happened");
    t.keys(&["\x1b"]);
    std::thread::sleep(Duration::from_millis(200));
    t.wait_for("turn 2/6");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    let status = t.exit();
    assert!(status.success(), "{status:?}\n{}", t.text());
    let s = t.screen.lock().unwrap();
    let s = s.screen();
    assert!(!s.alternate_screen(), "still on the alternate screen");
    assert!(!s.hide_cursor(), "the cursor is still hidden");
    assert!(!s.bracketed_paste(), "bracketed paste is still on");
    assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(s.contents().contains("You left the game"), "{}", s.contents());
}

#[test]
fn everything_but_the_game_is_refused() {
    if ssh_missing() {
        return;
    }
    let host = Host::start();
    let north = host.code("Northland");
    let at = format!("{north}@127.0.0.1");
    // A command, a subsystem, a session without a terminal.
    let (code, out) = host.ssh_batch(&[&at, "cat /etc/passwd"]);
    assert_eq!(code, Some(255), "{out}");
    assert!(out.contains("exec request failed"), "{out}");
    assert!(!out.contains("root:"), "{out}");
    let (code, out) = host.ssh_batch(&["-s", &at, "sftp"]);
    assert_eq!(code, Some(255), "{out}");
    assert!(out.contains("subsystem request failed"), "{out}");
    let (code, out) = host.ssh_batch(&["-T", &at]);
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("needs a terminal"), "{out}");
    // Remote and local port forwarding.
    let (code, out) = host.ssh_batch(&["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9", &at]);
    assert_eq!(code, Some(255), "{out}");
    assert!(out.contains("forwarding failed"), "{out}");
    let local = common::free_port();
    let mut fwd = Process::new("ssh")
        .args(host.ssh_args(&[
            "-o",
            "BatchMode=yes",
            "-N",
            "-L",
            &format!("{local}:{}", host.ws.trim_start_matches("ws://")),
            &at,
        ]))
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut reached = false;
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", local)) {
            reached = true;
            let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n");
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = [0u8; 64];
            assert!(
                matches!(s.read(&mut buf), Ok(0) | Err(_)),
                "the game's port was reached through SSH"
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(reached, "ssh -L did not listen");
    let _ = fwd.kill();
    let _ = fwd.wait();
    // Agent and X11 forwarding are refused, and the game still runs.
    let mut t = ssh(&host.ssh_args(&["-t", "-A", "-X", &at]));
    t.wait_for("1 Situation");
    t.keys(&["q", "y"]);
    t.exit();
    // A wrong code: the room's answer, at the prompt, then no entry.
    let (code, out) = host.ssh_batch(&["wxyz-wxyz@127.0.0.1"]);
    assert_eq!(code, Some(255), "{out}");
    assert!(out.contains("Permission denied"), "{out}");
    let mut t = ssh(&host.ssh_args_logging("INFO", &["-t", "wxyz-wxyz@127.0.0.1"]));
    t.wait_for("this join code is not valid here");
    t.wait_for("Join code:");
    // The right code at the prompt lets the participant in.
    t.keys(&[&format!("{north}\r")]);
    t.wait_for("1 Situation");
    t.keys(&["q", "y"]);
    assert!(t.exit().success());
}

#[test]
fn the_host_key_is_private_and_kept_for_resume() {
    if ssh_missing() {
        return;
    }
    let mut host = Host::start();
    let key = host.dir.path().join("ssh_host_ed25519_key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the host key is readable by others");
    }
    let first = host.fingerprint.clone();
    let _ = host.child.kill();
    let _ = host.child.wait();
    let dir = std::mem::replace(&mut host.dir, tempfile::tempdir().unwrap());
    let log = dir.path().join("room-1.log").to_string_lossy().to_string();
    // Resumed as printed, with no address given: the same websocket and
    // SSH ports, and the same key.
    let (ws, ssh_port) = (host.ws.trim_start_matches("ws://").to_string(), host.ssh_port);
    let resumed = Host::run(dir, &["--resume", &log], &ws, ssh_port);
    assert_eq!(resumed.fingerprint, first, "SSH is served again, with the same key");
    // ssh sees the same key: the fingerprint it records matches.
    let (_, out) = resumed.ssh_batch(&["-o", "FingerprintHash=sha256", "-v", "nobody@127.0.0.1"]);
    assert!(out.contains(&first), "{out}");
}
