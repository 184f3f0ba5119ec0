//! No control character from a scenario, a log or a server reaches the
//! trainer's terminal or a document: the real binary is run on hostile
//! scenarios (escape sequences in the title, in an id, in the source around
//! a syntax error, invalid UTF-8 with control bytes) and every printer is
//! checked: `validate`, `simulate`, `replay`, `report`, `host` (its code
//! table and handout) and `join` (a fake server's error message).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_demarche");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run demarche")
}

/// The bytes hold no C0 control but newline and tab, no C1 control, no bidi
/// override or isolate.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!bad, "{what}: raw U+{:04X} in:\n{text}", c as u32);
    }
}

#[test]
fn validate_shows_escapes_in_titles_ids_and_snippets_as_text() {
    let o = run(&["validate", fixture("escape_title.ron").to_str().unwrap()]);
    assert!(o.status.success());
    assert_clean("ok line", &o.stdout);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(r"Evil\u{1b}[2J"), "{out}");

    let o = run(&["validate", fixture("escape_in_id.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_clean("unknown id", &o.stdout);
    assert!(String::from_utf8_lossy(&o.stdout).contains(r"fore\u{1b}[2J"));

    let o = run(&["validate", fixture("escape_in_error.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_clean("snippet", &o.stdout);
    // The snippet still points at the right place: ESC shows as ␛.
    assert!(String::from_utf8_lossy(&o.stdout).contains("␛]0;PWNED"));
}

#[test]
fn invalid_utf8_is_shown_without_its_control_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    let mut bytes = b"Scenario(\n  title: \"a\x1b[2J\x07\x9b".to_vec();
    bytes.extend_from_slice(b"\xff\xfe\x1b]0;x\x07\",\n)\n");
    std::fs::write(&path, bytes).unwrap();
    let o = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_clean("invalid UTF-8", &o.stdout);
    assert!(String::from_utf8_lossy(&o.stdout).contains("not valid UTF-8"));
}

#[test]
fn simulate_replay_and_the_markdown_report_print_no_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("game.log");
    let scenario = fixture("escape_title.ron");
    let o = run(&[
        "simulate",
        scenario.to_str().unwrap(),
        "--games",
        "2",
        "--threads",
        "1",
        "--log",
        log.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_clean("simulate", &o.stdout);

    let o = run(&["replay", log.to_str().unwrap()]);
    assert!(o.status.success());
    assert_clean("replay", &o.stdout);
    assert!(String::from_utf8_lossy(&o.stdout).contains(r"\u{1b}[2J"));

    for format in ["md", "html"] {
        let out = dir.path().join(format!("report.{format}"));
        let o = run(&[
            "report",
            log.to_str().unwrap(),
            "--format",
            format,
            "--output",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_clean(format, &std::fs::read(&out).unwrap());
    }
}

/// Run `demarche host` until it listens, then stop it; returns what it
/// printed.
fn host(scenario: &Path, dir: &Path) -> String {
    let mut child = Command::new(BIN)
        .args(["host", scenario.to_str().unwrap(), "--bind", "127.0.0.1:0", "--dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start host");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            all.push_str(&line);
            all.push('\n');
            if line.starts_with("Listening on") {
                break;
            }
        }
        let _ = tx.send(all);
    });
    let printed = rx.recv_timeout(Duration::from_secs(20));
    let _ = child.kill();
    let _ = child.wait();
    printed.expect("host printed its codes within 20 s")
}

/// The text without Markdown's backslash escapes (`\<` and the like), so
/// that what remains is what a viewer would treat as markup.
fn unescaped_markdown(s: &str) -> String {
    let mut o = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            o.push('_');
        } else {
            o.push(c);
        }
    }
    o
}

#[test]
fn host_prints_and_writes_scenario_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let printed = host(&fixture("markup_everywhere.ron"), dir.path());
    assert_clean("host's code table", printed.as_bytes());
    assert!(printed.contains("handout.html"), "{printed}");
    // Markdown: no HTML and no link, image or page-break markup left.
    let md = std::fs::read_to_string(dir.path().join("handout.md")).unwrap();
    assert_clean("handout.md", md.as_bytes());
    assert!(!md.contains("\\newpage"), "a page break is not text");
    let md = unescaped_markdown(&md);
    for raw in ["<", "](javascript", "![i]", "\n# Heading", "\n    indented"] {
        assert!(!md.contains(raw), "handout.md holds raw `{raw}`");
    }
    // HTML: the page's own tags only.
    let html = std::fs::read_to_string(dir.path().join("handout.html")).unwrap();
    assert_clean("handout.html", html.as_bytes());
    for raw in ["<script", "<img", "<iframe", "<!--", "</p><"] {
        assert!(!html.contains(raw), "handout.html holds raw `{raw}`");
    }
    assert!(html.contains("&lt;script&gt;"));
    // They hold every code (the room log too): readable by their owner only.
    #[cfg(unix)]
    for file in ["handout.md", "handout.html", "room-1.log"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(file)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }
}

#[cfg(unix)]
#[test]
fn join_shows_a_servers_error_message_as_text() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use tokio_tungstenite::tungstenite;

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut ws = tungstenite::accept(stream).unwrap();
        let _ = ws.read();
        let msg = r#"{"type":"error","code":"bad_code","message":"\u001b]0;PWNED\u0007\u001b[2J\u202efake prompt$ "}"#;
        let _ = ws.send(tungstenite::Message::text(msg));
        let _ = ws.close(None);
        let _ = ws.flush();
    });
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["join", &format!("ws://127.0.0.1:{port}"), "--code", "WRONG-CODE"]);
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            let _ = tx.send(all.clone());
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while Instant::now() < deadline && !String::from_utf8_lossy(&seen).contains("fake prompt") {
        if let Ok(b) = rx.recv_timeout(Duration::from_millis(200)) {
            seen = b;
        }
    }
    let _ = child.kill();
    let text = String::from_utf8_lossy(&seen).replace('\r', "");
    assert!(text.contains(r"the server refused: \u{1b}]0;PWNED"), "{text}");
    assert_clean("join", text.as_bytes());
}
