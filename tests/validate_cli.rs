//! `demarche validate` run as a user would, on broken scenarios: every
//! fixture in tests/fixtures/invalid/ has exactly one problem (derived from
//! tests/fixtures/small.ron), and the report must name it with the exact
//! `file:LINE:COL` where it sits, the right message, and the exit code.
//!
//! Positions were worked out by hand from the fixtures (1-based lines,
//! columns counted in characters, as ariadne prints them).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use demarche::scenario::diagnostic::render;
use demarche::scenario::load;

const BIN: &str = env!("CARGO_BIN_EXE_demarche");
const SMALL: &str = include_str!("fixtures/small.ron");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `demarche ARGS` from the crate root, stdout piped, NO_COLOR set.
fn demarche<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run demarche")
}

fn text(o: &Output) -> (i32, String, String) {
    (
        o.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// One rendered diagnostic: `Error`/`Warning`, its message, `file:L:C`.
#[derive(Debug, Clone, PartialEq)]
struct Diag {
    severity: String,
    message: String,
    at: String,
}

/// Parse ariadne's output: a `Error: msg` / `Warning: msg` line followed by
/// a header `╭─[file:LINE:COL]`.
fn diags(stdout: &str) -> Vec<Diag> {
    let lines: Vec<&str> = stdout.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let (severity, message) = if let Some(m) = l.strip_prefix("Error: ") {
            ("Error", m)
        } else if let Some(m) = l.strip_prefix("Warning: ") {
            ("Warning", m)
        } else {
            continue;
        };
        let at = lines
            .get(i + 1)
            .and_then(|h| h.split_once("╭─[").map(|(_, r)| r))
            .and_then(|r| r.rsplit_once(']').map(|(a, _)| a.to_string()))
            .unwrap_or_default();
        out.push(Diag {
            severity: severity.to_string(),
            message: message.to_string(),
            at,
        });
    }
    out
}

/// What a fixture must report: severity, line, column, a piece of the
/// message, and a piece of the "expected ..." label.
type Want<'a> = (&'a str, usize, usize, &'a str, &'a str);

/// Validate `tests/fixtures/invalid/NAME` and check the exit code, every
/// diagnostic (in order, with its exact position), and the summary line.
/// When `only_errors` is set, warnings are left out of the comparison.
fn check(name: &str, code: i32, want: &[Want], summary: &str, only_errors: bool) -> String {
    let rel = format!("tests/fixtures/invalid/{name}");
    assert!(root().join(&rel).is_file(), "missing fixture {rel}");
    let (got_code, stdout, stderr) = text(&demarche(["validate", rel.as_str()]));
    let ctx = format!("stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(got_code, code, "exit code of validate {rel}\n{ctx}");
    let got: Vec<Diag> = diags(&stdout)
        .into_iter()
        .filter(|d| !only_errors || d.severity == "Error")
        .collect();
    assert_eq!(
        got.len(),
        want.len(),
        "number of diagnostics for {rel}: {got:#?}\n{ctx}"
    );
    for (g, (sev, line, col, msg, _)) in got.iter().zip(want) {
        assert_eq!(g.severity, *sev, "{rel}\n{ctx}");
        assert_eq!(g.at, format!("{rel}:{line}:{col}"), "position of {msg:?}\n{ctx}");
        assert!(g.message.contains(msg), "message {:?} lacks {msg:?}\n{ctx}", g.message);
    }
    for (_, _, _, _, expected) in want {
        assert!(stdout.contains(expected), "label {expected:?} missing\n{ctx}");
    }
    let last = stdout.lines().last().unwrap_or_default();
    assert_eq!(last, format!("{rel}: {summary}"), "summary line\n{ctx}");
    assert!(!stdout.contains('\u{1b}'), "ANSI escape in piped output\n{ctx}");
    stdout
}

fn errors(name: &str, want: &[Want]) -> String {
    let summary = format!("{} error(s), 0 warning(s)", want.len());
    check(name, 1, want, &summary, false)
}

const OK_SUMMARY: &str =
    "ok: \"Test: registry hijack\", 4 actors, 6 turns, 4 injects, 7 actions, 3 endings (1 warning(s))";

// ---------------------------------------------------------------- syntax

#[test]
fn truncated_file_points_at_its_last_character() {
    // The file ends with `found_by: ["forensics"],` on line 46: the `,` is
    // its last character, at column 106.
    errors(
        "truncated.ron",
        &[(
            "Error",
            46,
            106,
            "The file ends too soon",
            "it ends in the middle of a value",
        )],
    );
}

#[test]
fn missing_closing_paren_points_at_the_start_of_the_stray_item() {
    errors(
        "missing_paren.ron",
        &[("Error", 12, 9, "There is no field `Rung`", "one of the fields")],
    );
}

#[test]
fn wrong_type_string_for_number() {
    // `    turns: "six",` — the string starts at column 12.
    errors(
        "wrong_type.ron",
        &[(
            "Error",
            6,
            12,
            "Expected a whole number here",
            "a whole number such as 3",
        )],
    );
}

#[test]
fn wrong_type_after_non_ascii_text_on_the_same_line() {
    // Line 12: `Rung(id: "protest", name: "Protestation – «démarche»", description: 5),`
    // The `5` is character 77; it is byte 82, and today the report lands
    // on 13:1, the start of the next line.
    errors(
        "wrong_type_unicode.ron",
        &[("Error", 12, 77, "Expected string", "a string in double quotes")],
    );
}

#[test]
fn unknown_field_misspelt_key() {
    // `reliabilty: 60` on line 42; the key spans columns 61-70 and ron
    // reports the column just after it.
    let (code, stdout, _) = text(&demarche(["validate", "tests/fixtures/invalid/unknown_field.ron"]));
    assert_eq!(code, 1);
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{stdout}");
    assert!(d[0].message.contains("There is no field `reliabilty`"), "{stdout}");
    assert!(d[0].message.contains("(did you mean `reliability`?)"), "{stdout}");
    assert!(
        d[0].at.starts_with("tests/fixtures/invalid/unknown_field.ron:42:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`points_to`, `genuine`, `reliability`, `tlp`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("unknown_field.ron: 1 error(s), 0 warning(s)"),
        "{stdout}"
    );
}

#[test]
fn unknown_field_points_at_the_key() {
    errors(
        "unknown_field.ron",
        &[("Error", 42, 61, "There is no field `reliabilty`", "one of the fields")],
    );
}

#[test]
fn unknown_enum_variant() {
    // `kind: Goverment,` on line 19; the variant spans columns 51-59.
    let (code, stdout, _) = text(&demarche(["validate", "tests/fixtures/invalid/unknown_variant.ron"]));
    assert_eq!(code, 1);
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{stdout}");
    assert!(d[0].message.contains("`Goverment` is not a known value"), "{stdout}");
    assert!(d[0].message.contains("`ActorKind`"), "{stdout}");
    assert!(
        d[0].at.starts_with("tests/fixtures/invalid/unknown_variant.ron:19:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expected one of `State`, `Company`, `Cert`, `IntlOrg`, `CivilSociety`"),
        "{stdout}"
    );
}

#[test]
fn unknown_enum_variant_points_at_the_word() {
    errors(
        "unknown_variant.ron",
        &[("Error", 19, 51, "`Goverment` is not a known value", "one of `State`")],
    );
}

#[test]
fn unknown_enum_variant_after_non_ascii_text() {
    // `name: "Østmark – «Ost»", kind: Goverment` — Goverment is at
    // character 58 of line 19 (byte 63).
    errors(
        "unknown_variant_unicode.ron",
        &[("Error", 19, 58, "`Goverment` is not a known value", "one of `State`")],
    );
}

#[test]
fn missing_required_field_points_at_the_end_of_the_item() {
    // Actor `cert` (line 21) lacks `description`; the item closes with `)`
    // at line 22, column 72.
    errors(
        "missing_field.ron",
        &[(
            "Error",
            22,
            72,
            "The field `description` is missing in `Actor`",
            "the field `description`",
        )],
    );
}

// ------------------------------------------------------------ references

#[test]
fn unknown_actor_reference() {
    errors(
        "unknown_actor.ron",
        &[(
            "Error",
            55,
            62,
            "unknown actor `nort`",
            "one of `north`, `east`, `cert`, `vendor`",
        )],
    );
}

#[test]
fn unknown_track_reference() {
    errors(
        "unknown_track.ron",
        &[("Error", 66, 60, "unknown track `dnss`", "one of `dns`, `pressure`")],
    );
}

#[test]
fn flag_used_as_a_track() {
    // `TrackAtLeast("emergency", 90)` in ending `fixed`.
    errors(
        "flag_as_track.ron",
        &[(
            "Error",
            83,
            81,
            "`emergency` is a flag, not a numeric track",
            "use `Flag`/`SetFlag` for flags",
        )],
    );
}

#[test]
fn unknown_rung() {
    errors(
        "unknown_rung.ron",
        &[(
            "Error",
            82,
            67,
            "unknown rung `armed_conflict`",
            "one of `cooperation`, `concern`, `protest`, `retorsion`, `conflict`",
        )],
    );
}

#[test]
fn unknown_evidence_in_reveals() {
    errors(
        "unknown_evidence.ron",
        &[(
            "Error",
            53,
            85,
            "unknown evidence item `language`",
            "one of `certs`, `lang`, `refute`, `sigint`",
        )],
    );
}

#[test]
fn unknown_suspect_in_points_to() {
    errors(
        "unknown_suspect_points_to.ron",
        &[(
            "Error",
            49,
            49,
            "unknown suspect `turtles`",
            "one of `turtle`, `crooks`",
        )],
    );
}

#[test]
fn unknown_suspect_as_culprit() {
    errors(
        "unknown_suspect_culprit.ron",
        &[("Error", 39, 14, "unknown suspect `kitten`", "one of `turtle`, `crooks`")],
    );
}

#[test]
fn unknown_action_in_found_by() {
    errors(
        "unknown_action_found_by.ron",
        &[(
            "Error",
            46,
            94,
            "unknown action `forensic`",
            "one of `forensics`, `patch`, `hotline`, `consult`, `protest`, `hackback`, `directive`",
        )],
    );
}

#[test]
fn me_in_an_inject_effect() {
    // `effects: [Tension(Me, Actor("east"), 10)]` in inject `leak`.
    errors(
        "me_in_inject.ron",
        &[(
            "Error",
            58,
            66,
            "`Me` is only meaningful inside an action",
            "a named actor, `Actor(\"id\")`",
        )],
    );
}

#[test]
fn target_in_an_action_without_target() {
    // `Trust(Me, Target, 10)` in action `directive`, which has no target.
    errors(
        "target_without_target.ron",
        &[(
            "Error",
            78,
            108,
            "`Target` is only meaningful inside an action that has a target",
            "`Me` or a named actor",
        )],
    );
}

// ------------------------------------------------------------- structure

#[test]
fn duplicate_actor_id_points_at_the_second() {
    // The first `cert` is on line 21, the duplicate on line 23.
    errors(
        "duplicate_actor.ron",
        &[("Error", 23, 19, "duplicate actor id `cert`", "each id used once")],
    );
}

#[test]
fn track_start_outside_its_bounds() {
    errors(
        "track_start_out_of_bounds.ron",
        &[(
            "Error",
            32,
            74,
            "track `pressure` starts at 130, outside its bounds",
            "a start from 0 to 100",
        )],
    );
}

#[test]
fn reliability_over_100() {
    errors(
        "reliability_over_100.ron",
        &[(
            "Error",
            49,
            59,
            "`reliability` of `sigint` is 120",
            "a number from 0 to 100",
        )],
    );
}

#[test]
fn no_ending_with_final_turn() {
    errors(
        "no_final_ending.ron",
        &[(
            "Error",
            81,
            5,
            "no ending is sure to be reached when the time runs out",
            "a last ending with `when: FinalTurn`",
        )],
    );
}

#[test]
fn cbm_action_without_target() {
    errors(
        "cbm_without_target.ron",
        &[(
            "Error",
            67,
            20,
            "confidence-building measure `hotline` has no target",
            "a `target` rule",
        )],
    );
}

#[test]
fn debrief_question_objective_out_of_range() {
    // The third question (line 90) names objective 3 of 2; the report
    // points at that number.
    errors(
        "debrief_objective_out_of_range.ron",
        &[(
            "Error",
            90,
            29,
            "debrief question refers to objective 3",
            "an objective number from 1 to 2",
        )],
    );
}

#[test]
fn zero_turns() {
    check(
        "turns_zero.ron",
        1,
        &[("Error", 6, 5, "`turns` is 0", "a number of turns from 1 to 200")],
        "1 error(s), 4 warning(s)",
        true,
    );
}

#[test]
fn several_errors_are_all_reported_at_once_in_file_order() {
    errors(
        "several_errors.ron",
        &[
            (
                "Error",
                49,
                59,
                "`reliability` of `sigint` is 120",
                "a number from 0 to 100",
            ),
            ("Error", 66, 60, "unknown track `dnss`", "one of `dns`, `pressure`"),
            ("Error", 82, 67, "unknown rung `armed_conflict`", "one of `cooperation`"),
        ],
    );
}

// -------------------------------------------------------------- warnings

#[test]
fn warning_inject_after_the_last_turn() {
    check(
        "warn_unreachable_inject.ron",
        0,
        &[(
            "Warning",
            59,
            20,
            "inject `report` is unreachable: it is due on turn 8 but the game has turns 1 to 6",
            "a turn within the game",
        )],
        OK_SUMMARY,
        false,
    );
}

#[test]
fn warning_action_nobody_can_take() {
    check(
        "warn_action_nobody_can_take.ron",
        0,
        &[(
            "Warning",
            65,
            20,
            "action `patch` can be taken by no actor",
            "`by` naming kinds or actors",
        )],
        OK_SUMMARY,
        false,
    );
}

#[test]
fn warning_evidence_nobody_can_discover() {
    check(
        "warn_evidence_undiscoverable.ron",
        0,
        &[(
            "Warning",
            48,
            22,
            "evidence `sigint` can never be discovered",
            "an inject that `reveals` it",
        )],
        OK_SUMMARY,
        false,
    );
}

#[test]
fn every_fixture_is_covered_by_a_test() {
    let source = include_str!("validate_cli.rs");
    let dir = root().join("tests/fixtures/invalid");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(source.contains(&format!("\"{name}\"")), "no test uses {name}");
        n += 1;
    }
    assert!(n >= 25, "only {n} fixtures");
}

// ------------------------------------------------------- files and bytes

#[test]
fn small_scenario_is_valid() {
    let (code, stdout, stderr) = text(&demarche(["validate", "tests/fixtures/small.ron"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "tests/fixtures/small.ron: ok: \"Test: registry hijack\", 4 actors, 6 turns, 4 injects, 7 actions, 3 endings\n"
    );
}

#[test]
fn several_files_in_one_run() {
    let (code, stdout, _) = text(&demarche([
        "validate",
        "tests/fixtures/small.ron",
        "tests/fixtures/invalid/unknown_track.ron",
        "tests/fixtures/invalid/warn_unreachable_inject.ron",
    ]));
    assert_eq!(code, 1, "one bad file fails the run\n{stdout}");
    assert!(stdout.contains("tests/fixtures/small.ron: ok:"), "{stdout}");
    assert!(
        stdout.contains("tests/fixtures/invalid/unknown_track.ron: 1 error(s), 0 warning(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tests/fixtures/invalid/warn_unreachable_inject.ron: ok:"),
        "{stdout}"
    );

    let (code, stdout, _) = text(&demarche([
        "validate",
        "tests/fixtures/small.ron",
        "tests/fixtures/invalid/warn_action_nobody_can_take.ron",
    ]));
    assert_eq!(code, 0, "warnings alone pass\n{stdout}");
}

#[test]
fn non_utf8_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    // Two stray bytes at the start of the name of actor `cert`, line 21:
    // `        Actor(id: "cert", name: "` is 33 characters.
    let at = SMALL.find("Northland CERT").unwrap();
    let mut bytes = SMALL.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(b"\xff\xfe");
    bytes.extend_from_slice(&SMALL.as_bytes()[at..]);
    std::fs::write(&path, &bytes).unwrap();
    let shown = path.display().to_string();
    let (code, stdout, _) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}");
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{stdout}");
    assert_eq!(d[0].message, "the file is not valid UTF-8 text");
    assert_eq!(d[0].at, format!("{shown}:21:34"), "{stdout}");
    assert!(stdout.contains("a text file saved as UTF-8"), "{stdout}");
    assert!(
        stdout.contains(&format!("{shown}: 1 error(s), 0 warning(s)")),
        "{stdout}"
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, b"").unwrap();
    let shown = path.display().to_string();
    let (code, stdout, stderr) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!(
            "Error: {shown}:1:1: Expected opening `(` for struct `Scenario`"
        )),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!("{shown}: 1 error(s), 0 warning(s)\n")),
        "{stdout}"
    );

    // Only blank lines: the same error, with a snippet.
    std::fs::write(&path, b"\n   \n\n").unwrap();
    let (code, stdout, _) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}");
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{stdout}");
    assert!(d[0].message.contains("Expected opening `(`"), "{stdout}");
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().display().to_string();
    let (code, stdout, stderr) = text(&demarche([OsStr::new("validate"), dir.path().as_os_str()]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("Error: {shown}: this is a directory")),
        "{stdout}"
    );
    assert!(stdout.contains("expected: a scenario file (.ron)"), "{stdout}");
    assert!(
        stdout.contains(&format!("{shown}: 1 error(s), 0 warning(s)")),
        "{stdout}"
    );
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.ron");
    let shown = path.display().to_string();
    let (code, stdout, stderr) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("Error: {shown}: cannot read the file:")),
        "{stdout}"
    );
    assert!(
        stdout.contains("expected: an existing, readable scenario file"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{shown}: 1 error(s), 0 warning(s)")),
        "{stdout}"
    );
}

#[test]
fn a_huge_file_is_refused_without_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A valid scenario behind a 5 MiB comment.
    let mut text_ = String::with_capacity(5 * 1024 * 1024 + SMALL.len() + 8);
    text_.push_str("//");
    text_.extend(std::iter::repeat_n('x', 5 * 1024 * 1024));
    text_.push('\n');
    text_.push_str(SMALL);
    std::fs::write(&path, &text_).unwrap();
    let shown = path.display().to_string();
    let start = std::time::Instant::now();
    let (code, stdout, stderr) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!(
            "Error: {shown}: the file is {} bytes, too large for a scenario",
            text_.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("a scenario under 4 MiB"), "{stdout}");
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());

    // The library refuses the bytes too.
    let loaded = load::from_bytes("huge", text_.as_bytes());
    assert!(loaded.scenario.is_none());
    assert_eq!(loaded.errors(), 1);
    assert!(loaded.diagnostics[0].message.contains("too large"));

    // Just under the limit still loads.
    let pad = load::MAX_SIZE - SMALL.len() - 3;
    let mut under = String::with_capacity(load::MAX_SIZE);
    under.push_str("//");
    under.extend(std::iter::repeat_n('x', pad));
    under.push('\n');
    under.push_str(SMALL);
    assert_eq!(under.len(), load::MAX_SIZE);
    let loaded = load::from_bytes("big", under.as_bytes());
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    assert!(loaded.scenario.is_some());
}

#[test]
fn windows_line_endings_keep_positions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.ron");
    let broken = SMALL.replacen("effects: [Track(\"dns\", 15)]", "effects: [Track(\"dnss\", 15)]", 1);
    std::fs::write(&path, broken.replace('\n', "\r\n")).unwrap();
    let shown = path.display().to_string();
    let (code, stdout, _) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}");
    let d = diags(&stdout);
    assert_eq!(d.len(), 1, "{stdout}");
    assert_eq!(d[0].at, format!("{shown}:66:60"), "{stdout}");

    let wrong = SMALL.replacen("turns: 6,", "turns: \"six\",", 1).replace('\n', "\r\n");
    std::fs::write(&path, wrong).unwrap();
    let (code, stdout, _) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(diags(&stdout)[0].at, format!("{shown}:6:12"), "{stdout}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{SMALL}")).unwrap();
    let (code, stdout, _) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn deeply_nested_conditions_are_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.ron");
    let n = 100_000;
    let deep = format!("{}FinalTurn{}", "Not(".repeat(n), ")".repeat(n));
    std::fs::write(&path, SMALL.replacen("when: FinalTurn", &format!("when: {deep}"), 1)).unwrap();
    let (code, stdout, stderr) = text(&demarche([OsStr::new("validate"), path.as_os_str()]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("Values are nested too deeply"), "{stdout}");
}

// ---------------------------------------------------------------- colour

#[test]
fn piped_output_has_no_ansi_escapes() {
    for no_color in [None, Some("1")] {
        let mut cmd = Command::new(BIN);
        cmd.args([
            "validate",
            "tests/fixtures/invalid/several_errors.ron",
            "tests/fixtures/small.ron",
        ])
        .current_dir(root());
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        };
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(!o.stdout.is_empty());
        assert!(!o.stdout.contains(&0x1b), "escape with NO_COLOR={no_color:?}");
        assert!(!o.stderr.contains(&0x1b));
    }
}

/// Everything the binary writes to a pseudo-terminal, until it exits.
fn in_a_terminal(args: &[&str], no_color: Option<&str>) -> Vec<u8> {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.cwd(root());
    cmd.env("TERM", "xterm-256color");
    match no_color {
        Some(v) => cmd.env("NO_COLOR", v),
        None => cmd.env_remove("NO_COLOR"),
    }
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        // On Linux the read fails with EIO once the child has gone.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    child.wait().unwrap();
    drop(pty.master);
    reading.join().unwrap()
}

#[test]
fn no_color_is_honoured_in_a_terminal() {
    let args = ["validate", "tests/fixtures/invalid/several_errors.ron"];
    let coloured = in_a_terminal(&args, None);
    assert!(
        coloured.contains(&0x1b),
        "a terminal without NO_COLOR gets colour: {}",
        String::from_utf8_lossy(&coloured)
    );
    let plain = in_a_terminal(&args, Some("1"));
    assert!(String::from_utf8_lossy(&plain).contains("unknown track `dnss`"));
    assert!(!plain.contains(&0x1b), "{}", String::from_utf8_lossy(&plain));
    let flag = in_a_terminal(
        &["--no-color", "validate", "tests/fixtures/invalid/several_errors.ron"],
        None,
    );
    assert!(String::from_utf8_lossy(&flag).contains("unknown track `dnss`"));
    assert!(!flag.contains(&0x1b), "{}", String::from_utf8_lossy(&flag));
}

// ------------------------------------------------- where diagnostics land

/// Load `text` and return each diagnostic's message and `line:col`.
fn located(text: &str) -> Vec<(String, String)> {
    let loaded = load::from_str("t", text);
    loaded
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.span.as_ref().map_or("-".to_string(), |s| {
                let (l, c) = demarche::scenario::diagnostic::line_col(text, s.start);
                format!("{l}:{c}")
            });
            (d.message.clone(), at)
        })
        .collect()
}

fn edit(pairs: &[(&str, &str)]) -> String {
    let mut s = SMALL.to_string();
    for (old, new) in pairs {
        assert_eq!(s.matches(old).count(), 1, "{old}");
        s = s.replacen(old, new, 1);
    }
    s
}

#[test]
fn me_is_located_as_a_word() {
    // Line 58: `headline: "Ministers Meet", effects: [Tension(Me, ...`;
    // `Me` is at column 62, the `Me` of `Meet` at column 37.
    let s = edit(&[(
        "headline: \"Public anger grows\", effects: [Tension(Actor(\"north\"), Actor(\"east\"), 10)]",
        "headline: \"Ministers Meet\", effects: [Tension(Me, Actor(\"east\"), 10)]",
    )]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].1, "58:62", "{d:?}");
}

#[test]
fn references_are_not_located_in_comments() {
    let s = edit(&[
        ("culprit: \"turtle\"", "culprit: \"kitten\""),
        ("// A small scenario", "// was: culprit \"kitten\"\n// A small scenario"),
    ]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].1, "40:14", "{d:?}");
}

#[test]
fn items_sharing_an_id_across_kinds_are_told_apart() {
    // small.ron has both a rung (line 12) and an action (line 71) called
    // `protest`. The action's `hostility` is on line 72, column 69.
    let s = edit(&[(
        "cost: 1, hostility: 1, ambiguity: 30",
        "cost: 1, hostility: 9, ambiguity: 30",
    )]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].1, "72:69",
        "{d:?} (not the `hostility` of action `consult`, line 70)"
    );

    // A warning about the action lands on the action, not the rung.
    let s = edit(&[(
        "description: \"A formal protest.\",\n               by: Kinds([State])",
        "description: \"A formal protest.\",\n               by: Kinds([IntlOrg])",
    )]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].1, "71:20", "{d:?}");

    // A duplicate action id: the second `Action(id: "protest"` is on line 73.
    let s = edit(&[("Action(id: \"hackback\"", "Action(id: \"protest\"")]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].1, "73:20", "{d:?}");
}

#[test]
fn a_reference_equal_to_its_items_id_is_located_at_the_reference() {
    // Ending `war` with `AnyRungAtLeast("war")`: the reference is at 82:67,
    // the ending's id at 82:20.
    let s = edit(&[("when: AnyRungAtLeast(\"conflict\")", "when: AnyRungAtLeast(\"war\")")]);
    let d = located(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "unknown rung `war`");
    assert_eq!(d[0].1, "82:67", "{d:?}");
}

// ------------------------------------------------------------ robustness

/// A small deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&[u8]] = &[
    b"\"",
    b"(",
    b")",
    b"[",
    b"]",
    b",",
    b":",
    b"Me",
    b"Target",
    b"0",
    b"-1",
    b"255",
    b"256",
    b"99999999999999999999",
    b"Some(",
    b"None",
    b"true",
    b"\"dns\"",
    b"\"emergency\"",
    b"\"north\"",
    b"FinalTurn",
    b"Not(",
    b"//",
    b"/*",
    b"*/",
    b"r#\"",
    b"\\",
    b"\n",
    b"\xc3\xa9",
    b"\xe2\x80\x93",
    b"\xf0\x9f\x98\x80",
    b"\xff",
    b"\xc3",
    b"\0",
    b"\t",
    b"\r\n",
];

fn mutate(rng: &mut Lcg, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(7) {
            0 => {
                // Flip a bit.
                if len > 0 {
                    let i = rng.below(len);
                    v[i] ^= 1 << rng.below(8);
                }
            }
            1 => v.truncate(rng.below(len + 1)),
            2 => {
                let i = rng.below(len + 1);
                let b = rng.next() as u8;
                v.insert(i, b);
            }
            3 => {
                let i = rng.below(len + 1);
                let p = PIECES[rng.below(PIECES.len())];
                v.splice(i..i, p.iter().copied());
            }
            4 => {
                // Delete a run.
                if len > 0 {
                    let i = rng.below(len);
                    let n = 1 + rng.below(40);
                    v.drain(i..(i + n).min(len));
                }
            }
            5 => {
                // Duplicate a run elsewhere.
                if len > 0 {
                    let i = rng.below(len);
                    let n = 1 + rng.below(200);
                    let run: Vec<u8> = v[i..(i + n).min(len)].to_vec();
                    let j = rng.below(len + 1);
                    v.splice(j..j, run);
                }
            }
            _ => {
                // Replace a digit run with another number.
                if let Some(i) = (0..len)
                    .map(|k| (rng.below(len) + k) % len)
                    .find(|&i| v[i].is_ascii_digit())
                {
                    let p = PIECES[9 + rng.below(4)];
                    v.splice(i..i + 1, p.iter().copied());
                }
            }
        }
    }
    v
}

/// Thousands of mutated scenarios: loading and rendering never panic, a
/// refused scenario always says why, and every span lies in the source.
#[test]
fn mutated_scenarios_never_panic() {
    let mut rng = Lcg(0x005e_edd3_ace5);
    let base = SMALL.as_bytes();
    let mut loaded_ok = 0;
    for case in 0..3000 {
        let input = mutate(&mut rng, base);
        let result = std::panic::catch_unwind(|| {
            let loaded = load::from_bytes("fuzz", &input);
            for d in &loaded.diagnostics {
                if let Some(s) = &d.span {
                    assert!(s.start <= s.end && s.end <= loaded.source.len() + 1, "span {s:?}");
                }
            }
            if loaded.scenario.is_none() {
                assert!(loaded.errors() > 0, "refused without an error");
            } else {
                assert_eq!(loaded.errors(), 0);
            }
            let _ = render("fuzz.ron", &loaded.source, &loaded.diagnostics, false);
            loaded.scenario.is_some()
        });
        match result {
            Ok(ok) => loaded_ok += usize::from(ok),
            Err(_) => {
                let path = std::env::temp_dir().join(format!("demarche-mutant-{case}.ron"));
                let _ = std::fs::write(&path, &input);
                panic!("case {case} panicked; input saved to {}", path.display());
            }
        }
    }
    // Some mutants (in comments, strings) are still valid scenarios.
    assert!(loaded_ok > 0);
}
