//! `demarche report` run as a trainer would: every format is written where
//! expected and carries the game's facts; the HTML stands alone and escapes
//! scenario text; unfinished games say so; bad logs fail cleanly.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;

use cli::{demarche, logged_game, SMALL};

fn small_game(dir: &Path) -> PathBuf {
    logged_game(Path::new(SMALL), dir).0
}

/// `report LOG --format F [-o OUT]`: exit code, stdout, stderr.
fn report(log: &Path, format: &str, out: Option<&Path>) -> (i32, String, String) {
    let mut args = vec![
        OsStr::new("report"),
        log.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
    ];
    if let Some(o) = out {
        args.push(OsStr::new("-o"));
        args.push(o.as_os_str());
    }
    demarche(args)
}

fn debrief_json(log: &Path) -> Value {
    let (code, stdout, stderr) = report(log, "json", Some(Path::new("-")));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("the json report parses")
}

#[test]
fn each_format_is_written_next_to_the_log_and_the_path_printed() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    for ext in ["md", "json", "html"] {
        let (code, stdout, stderr) = report(&log, ext, None);
        assert_eq!(code, 0, "{ext}: {stderr}");
        let expected = log.with_extension(ext);
        assert!(expected.is_file(), "{ext}: nothing at {}", expected.display());
        assert!(
            stdout.contains(&expected.display().to_string()),
            "{ext}: the path written is printed: {stdout}"
        );
        assert!(fs::metadata(&expected).unwrap().len() > 500, "{ext}: report too short");
    }
    // An explicit output path is honoured.
    let out = dir.path().join("elsewhere.md");
    let (code, stdout, _) = report(&log, "md", Some(&out));
    assert_eq!(code, 0);
    assert!(out.is_file() && stdout.contains("elsewhere.md"), "{stdout}");
}

#[test]
fn markdown_names_the_ending_the_culprit_and_every_actor() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    let d = debrief_json(&log);
    let (code, md, stderr) = report(&log, "md", Some(Path::new("-")));
    assert_eq!(code, 0, "{stderr}");
    let ending = d["ending"]["title"].as_str().expect("the game ended");
    assert!(md.contains(ending), "ending {ending:?} missing");
    assert!(md.contains("SEA TURTLE group"), "the culprit is named");
    for name in ["Northland", "Eastmark", "Northland CERT", "Bluewall Security"] {
        assert!(md.contains(name), "actor {name} missing");
    }
    for section in [
        "## The truth and the attributions",
        "## Escalation",
        "## Tracks over time",
        "## Norms upheld and breached",
        "## Secret objectives, revealed",
        "## Improvement plan",
        "## Debrief questions",
        "## Timeline",
    ] {
        assert!(md.contains(section), "section {section:?} missing");
    }
    // Questions are grouped under their learning objective.
    assert!(md.contains("### Objective 1: Attribute with calibrated confidence"));
    assert!(md.contains("How confident were you, and why?"));
    // Secret objectives are revealed.
    assert!(md.contains("Publish first"));
}

#[test]
fn json_is_the_debrief_with_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    let out = dir.path().join("r.json");
    let (code, _, stderr) = report(&log, "json", Some(&out));
    assert_eq!(code, 0, "{stderr}");
    let d: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).expect("valid json");
    for field in [
        "scenario",
        "summary",
        "seed",
        "turns_played",
        "turns",
        "over",
        "ending",
        "culprit",
        "actors",
        "timeline",
        "ladder",
        "escalation",
        "tracks",
        "attributions",
        "false_flags",
        "objectives",
        "questions",
    ] {
        assert!(d.get(field).is_some(), "field {field} missing");
    }
    assert_eq!(d["scenario"], "Test: registry hijack");
    assert_eq!(d["culprit"], "SEA TURTLE group");
    assert_eq!(d["actors"].as_array().unwrap().len(), 4);
    assert_eq!(d["over"], true);
}

#[test]
fn html_stands_alone_and_has_the_escalation_chart() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    let (code, html, stderr) = report(&log, "html", Some(Path::new("-")));
    assert_eq!(code, 0, "{stderr}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["http://", "https://", "src=", "<script", "@import", "url("] {
        assert!(!html.contains(external), "external reference {external:?} in the html");
    }
    assert!(html.contains("<svg"), "an inline chart");
    assert!(html.contains("@media print"), "print styles");
    assert!(html.contains("SEA TURTLE group"));
}

#[test]
fn scenario_text_is_escaped_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let source = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL)).unwrap();
    let nasty = source
        .replace(
            r#"title: "Test: registry hijack""#,
            r#"title: "<script>alert('x')</script> & \"friends\"""#,
        )
        .replace(r#"name: "Bluewall Security""#, r#"name: "Blue<b>wall</b> & Co""#);
    assert_ne!(nasty, source, "the fixture still has the title to replace");
    let scenario = dir.path().join("nasty.ron");
    fs::write(&scenario, nasty).unwrap();
    let (log, _) = logged_game(&scenario, dir.path());
    let (code, html, stderr) = report(&log, "html", Some(Path::new("-")));
    assert_eq!(code, 0, "{stderr}");
    assert!(!html.contains("<script"), "the injected script tag is escaped");
    assert!(!html.contains("<b>wall"), "markup in names is escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"));
    assert!(html.contains("Blue&lt;b&gt;wall&lt;/b&gt; &amp; Co"));
    let (code, md, _) = report(&log, "md", Some(Path::new("-")));
    assert_eq!(code, 0);
    assert!(!md.contains("<script>"), "markdown escapes raw html too");
}

#[test]
fn a_game_in_progress_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    // Keep the header and the first few commands: a game stopped mid-way.
    let text = fs::read_to_string(&log).unwrap();
    let partial: Vec<&str> = text.lines().take(6).collect();
    let saved = dir.path().join("saved.log");
    fs::write(&saved, partial.join("\n") + "\n").unwrap();
    let (code, md, stderr) = report(&saved, "md", Some(Path::new("-")));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        md.contains("Game in progress, turn 1 of 6"),
        "{}",
        &md[..md.len().min(600)]
    );
    let (code, html, _) = report(&saved, "html", Some(Path::new("-")));
    assert_eq!(code, 0);
    assert!(html.contains("Game in progress, turn 1 of 6"));
    let d = debrief_json(&saved);
    assert_eq!(d["over"], false);
    assert!(d["ending"].is_null());
}

#[test]
fn garbage_or_missing_logs_fail_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.log");
    fs::write(&garbage, "this is not a game log\n").unwrap();
    let (code, stdout, stderr) = report(&garbage, "md", None);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error:") && stderr.contains("not a demarche game log"),
        "{stderr}"
    );
    assert!(stdout.is_empty());
    assert!(!garbage.with_extension("md").exists(), "no report for a bad log");

    let empty = dir.path().join("empty.log");
    fs::write(&empty, "").unwrap();
    let (code, _, stderr) = report(&empty, "html", None);
    assert_eq!(code, 1);
    assert!(stderr.contains("empty"), "{stderr}");

    let (code, _, stderr) = report(&dir.path().join("missing.log"), "json", None);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn the_log_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let log = small_game(dir.path());
    let named_html = dir.path().join("game.html");
    fs::copy(&log, &named_html).unwrap();
    let before = fs::read(&named_html).unwrap();
    let (code, stdout, stderr) = report(&named_html, "html", None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(fs::read(&named_html).unwrap(), before, "the log is untouched");
    assert!(stdout.contains("game.report.html"), "{stdout}");
    let (code, _, stderr) = report(&log, "md", Some(&log));
    assert_eq!(code, 1);
    assert!(stderr.contains("the log itself"), "{stderr}");
}
