//! The printable workshop handout `demarche host` writes, as Markdown and as
//! one HTML page that prints a sheet per person from any browser.
//!
//! Per room: a white cell sheet (the facilitator's, the projector's and the
//! observers' codes),
//! then one sheet per actor with who they play, the public briefing, the
//! exact command to join, the terminal it needs, the key basics and how to
//! get the program. No participant's sheet carries another seat's code.
//! Every scenario text is escaped as the reports escape it, so a scenario
//! cannot add markup, links or a fake "how to join" section.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::scenario::schema::ScenarioFile;
use crate::session::private_file;
use crate::session::report::{esc, md, para};
use crate::text;

/// One hosted room as the handout needs it.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    /// The room number, from 1.
    pub room: usize,
    /// The scenario the room plays.
    pub scenario: &'a ScenarioFile,
    /// The white cell's code.
    pub facilitator: &'a str,
    /// The projector's code.
    pub spectator: &'a str,
    /// One code per actor, in scenario order.
    pub players: &'a [String],
    /// Per actor, in scenario order, the code of its observers (an
    /// evaluator who sees the actor's view without acting). Printed on the
    /// white cell sheet only.
    pub observers: &'a [String],
    /// How to join over SSH, when the host serves it.
    pub ssh: Option<&'a Ssh>,
}

/// How to join over SSH (`host --ssh`): given first, as it needs nothing
/// installed.
#[derive(Debug, Clone)]
pub struct Ssh {
    /// The name or address participants type for the host.
    pub host: String,
    pub port: u16,
    /// The host key's fingerprint (`SHA256:...`) that `ssh` shows.
    pub fingerprint: String,
}

impl Ssh {
    /// The command for `code`.
    pub fn command(&self, code: &str) -> String {
        format!("ssh -p {} {}@{}", self.port, literal(code), literal(&self.host))
    }
}

const SSH_HOW: &str = "In a terminal (on Windows: PowerShell or Windows Terminal), nothing to install:";
const SSH_CHECK: &str = "The first time, `ssh` shows the server's key fingerprint: go on only if it is";
const OR_INSTALLED: &str = "Or, with demarche installed:";

/// The `ssh` way to join, before the `demarche join` command, in Markdown.
fn ssh_md(out: &mut String, ssh: Option<&Ssh>, code: &str) {
    if let Some(s) = ssh {
        let _ = writeln!(
            out,
            "{SSH_HOW}\n\n    {}\n\n{SSH_CHECK}\n\n    {}\n\n{OR_INSTALLED}\n",
            s.command(code),
            literal(&s.fingerprint)
        );
    }
}

/// The same in HTML.
fn ssh_html(ssh: Option<&Ssh>, code: &str) -> String {
    ssh.map_or(String::new(), |s| {
        format!(
            "<p>{SSH_HOW}</p>\n<pre>{}</pre>\n<p>{}</p>\n<pre>{}</pre>\n<p>{OR_INSTALLED}</p>\n",
            esc(&s.command(code)),
            esc(SSH_CHECK).replace('`', ""),
            esc(&literal(&s.fingerprint))
        )
    })
}

/// The smallest terminal the game draws in, columns by rows (the TUI's own
/// limit; a test keeps the two equal).
pub const TERMINAL: (u16, u16) = (80, 24);

/// The keys a newcomer needs first, as (keys, what they do). Each is bound
/// in the game's keymap (a test checks it).
pub const KEYS: [(&str, &str); 6] = [
    ("?", "every key, at any time"),
    ("↑↓", "move the selection"),
    ("Tab", "next panel"),
    ("Enter", "choose the action, or read the item"),
    ("c", "commit: end your turn"),
    ("q", "quit"),
];

const OBSERVERS: &str = "Each code shows one actor's own view, without acting: for an evaluator \
                         sitting with that team. Give each only to that team's evaluator.";

const GET: &str = "The program is one file, `demarche`: your facilitator hands it out \
                   (or it is built from its source with `cargo install --path .`). \
                   Run it in a terminal: Windows Terminal, macOS Terminal or any Linux terminal.";

/// A code or address shown as written: cleaned of control characters and
/// of backticks, for a Markdown code block.
fn literal(s: &str) -> String {
    text::clean_line(s).replace('`', "'")
}

fn terminal_line() -> String {
    format!(
        "A terminal window at least {} columns wide and {} rows high.",
        TERMINAL.0, TERMINAL.1
    )
}

/// The handout as Markdown: per room, the white cell sheet, then a sheet per
/// actor, separated by horizontal rules.
pub fn markdown(sheets: &[Sheet], url: &str) -> String {
    let url = literal(url);
    let mut out = String::new();
    for (n, s) in sheets.iter().enumerate() {
        let f = s.scenario;
        let title = md(&f.title);
        if n > 0 {
            out.push_str("\n---\n\n");
        }
        let _ = writeln!(out, "# White cell sheet: {title} — room {}\n", s.room);
        let _ = writeln!(
            out,
            "For the facilitator only: these codes see everything. Do not hand this page out.\n"
        );
        let _ = writeln!(
            out,
            "## Facilitator (white cell)\n\nYou see everything and pace the game.\n"
        );
        ssh_md(&mut out, s.ssh, s.facilitator);
        let _ = writeln!(
            out,
            "    demarche join {url} --code {} --name \"White cell\"\n",
            literal(s.facilitator)
        );
        let _ = writeln!(out, "## Projector\n\nThe public view, for the screen in the room.\n");
        ssh_md(&mut out, s.ssh, s.spectator);
        let _ = writeln!(out, "    demarche join {url} --code {}\n", literal(s.spectator));
        if !s.observers.is_empty() {
            let _ = writeln!(out, "## Observers (evaluators)\n\n{OBSERVERS}\n");
            for (a, code) in f.actors.iter().zip(s.observers) {
                let _ = writeln!(out, "{}:\n", md(&a.name));
                ssh_md(&mut out, s.ssh, code);
                let _ = writeln!(
                    out,
                    "    demarche join {url} --code {} --name \"Evaluator\"\n",
                    literal(code)
                );
            }
        }
        for (a, code) in f.actors.iter().zip(s.players) {
            let _ = writeln!(out, "---\n\n# {title} — room {}\n", s.room);
            let _ = writeln!(out, "## You play {} ({})\n", md(&a.name), a.kind.label());
            let _ = writeln!(out, "{}\n", para(&a.description));
            let _ = writeln!(out, "### The situation\n\n{}\n", para(&f.briefing));
            let _ = writeln!(out, "### Join\n");
            ssh_md(&mut out, s.ssh, code);
            let _ = writeln!(
                out,
                "    demarche join {url} --code {} --name \"Your name\"\n",
                literal(code)
            );
            let _ = writeln!(
                out,
                "Keep this code to yourself: it lets its holder act as {}.\n",
                md(&a.name)
            );
            let _ = writeln!(out, "### Before you start\n\n{}\n", terminal_line());
            for (k, does) in KEYS {
                let _ = writeln!(out, "- `{k}`: {does}");
            }
            let _ = writeln!(out, "\n{GET}\n");
        }
    }
    out
}

const CSS: &str = "\
body { font: 11pt/1.45 system-ui, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 0; }
.sheet { max-width: 44em; margin: 2em auto; padding: 0 1.5em; }
.sheet + .sheet { break-before: page; page-break-before: always; }
h1 { font-size: 1.3em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 1em 0 .3em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8em; color: #555; margin: 0; }
.warn { border: 2px solid #b00; padding: .4em .7em; font-weight: 600; }
pre { background: #f3f3f3; border: 1px solid #ccc; padding: .6em .8em; white-space: pre-wrap; \
overflow-wrap: anywhere; font: 9.5pt/1.4 ui-monospace, 'Cascadia Mono', Menlo, monospace; }
.code { font: 600 15pt ui-monospace, 'Cascadia Mono', Menlo, monospace; letter-spacing: .04em; }
kbd { border: 1px solid #999; border-radius: 3px; padding: 0 .3em; font-family: ui-monospace, monospace; }
ul.keys { padding-left: 1.2em; }
@page { size: A4; margin: 16mm; }
@media print { .sheet { margin: 0 auto; padding: 0; } }
";

/// Escaped paragraphs, split on blank lines.
fn paras(s: &str) -> String {
    s.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", esc(&text::clean(p))))
        .collect()
}

/// The handout as one self-contained HTML page (no scripts, nothing loaded
/// from anywhere): each sheet starts a new printed page.
pub fn html(sheets: &[Sheet], url: &str) -> String {
    let url = esc(&text::clean_line(url));
    let mut o = String::with_capacity(16 * 1024);
    let first = sheets
        .first()
        .map_or(String::new(), |s| esc(&text::clean_line(&s.scenario.title)));
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Handout: {first}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
    );
    for s in sheets {
        let f = s.scenario;
        let title = esc(&text::clean_line(&f.title));
        let room = s.room;
        let _ = write!(
            o,
            "<section class=\"sheet\">\n<p class=\"kicker\">White cell sheet · room {room}</p>\n<h1>{title}</h1>\n\
             <p class=\"warn\">For the facilitator only: these codes see everything. Do not hand this page out.</p>\n\
             <h2>Facilitator (white cell)</h2>\n<p>You see everything and pace the game.</p>\n\
             {}<pre>demarche join {url} --code {} --name \"White cell\"</pre>\n\
             <h2>Projector</h2>\n<p>The public view, for the screen in the room.</p>\n\
             {}<pre>demarche join {url} --code {}</pre>\n",
            ssh_html(s.ssh, s.facilitator),
            esc(&text::clean_line(s.facilitator)),
            ssh_html(s.ssh, s.spectator),
            esc(&text::clean_line(s.spectator)),
        );
        if !s.observers.is_empty() {
            let _ = write!(o, "<h2>Observers (evaluators)</h2>\n<p>{}</p>\n", esc(OBSERVERS));
            for (a, code) in f.actors.iter().zip(s.observers) {
                let _ = write!(
                    o,
                    "<p>{}:</p>\n{}<pre>demarche join {url} --code {} --name \"Evaluator\"</pre>\n",
                    esc(&text::clean_line(&a.name)),
                    ssh_html(s.ssh, code),
                    esc(&text::clean_line(code)),
                );
            }
        }
        o.push_str("</section>\n");
        for (a, code) in f.actors.iter().zip(s.players) {
            let name = esc(&text::clean_line(&a.name));
            let _ = write!(
                o,
                "<section class=\"sheet\">\n<p class=\"kicker\">{title} · room {room}</p>\n\
                 <h1>You play {name} ({})</h1>\n{}<h2>The situation</h2>\n{}\
                 <h2>Join</h2>\n<p>Your code: <span class=\"code\">{code}</span></p>\n\
                 {}<pre>demarche join {url} --code {code} --name \"Your name\"</pre>\n\
                 <p>Keep this code to yourself: it lets its holder act as {name}.</p>\n\
                 <h2>Before you start</h2>\n<p>{}</p>\n<ul class=\"keys\">\n",
                a.kind.label(),
                paras(&a.description),
                paras(&f.briefing),
                ssh_html(s.ssh, code),
                terminal_line(),
                code = esc(&text::clean_line(code)),
            );
            for (k, does) in KEYS {
                let _ = writeln!(o, "<li><kbd>{}</kbd> {}</li>", esc(k), esc(does));
            }
            let _ = write!(o, "</ul>\n<p>{}</p>\n</section>\n", esc(GET).replace('`', ""));
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// The table of codes `demarche host` prints for the facilitator, every
/// scenario text cleaned of control characters, ending with where the
/// handout files are.
pub fn codes_table(sheets: &[Sheet], url: &str, files: &[PathBuf]) -> String {
    let url = text::clean_line(url);
    let mut o = String::new();
    // Names in terminal columns, the codes lined up after the widest.
    let names = sheets
        .iter()
        .flat_map(|s| &s.scenario.actors)
        .map(|a| text::clean_line(&a.name));
    let w = names.map(|n| text::columns(&n)).max().unwrap_or(0).max(28);
    for s in sheets {
        let _ = writeln!(o, "Room {} — {}", s.room, text::clean_line(&s.scenario.title));
        let _ = writeln!(
            o,
            "  {} {}",
            text::pad_columns("facilitator", w),
            text::clean_line(s.facilitator)
        );
        let _ = writeln!(
            o,
            "  {} {}",
            text::pad_columns("spectator (projector)", w),
            text::clean_line(s.spectator)
        );
        for (a, code) in s.scenario.actors.iter().zip(s.players) {
            let _ = writeln!(
                o,
                "  {} {}",
                text::pad_columns(&text::clean_line(&a.name), w),
                text::clean_line(code)
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "Players join with: demarche join {url} --code CODE --name NAME");
    let shown: Vec<String> = files
        .iter()
        .map(|p| text::clean_line(&p.display().to_string()))
        .collect();
    let _ = writeln!(o, "Handout for printing: {}", shown.join(" and "));
    o
}

/// Write `handout.html` and `handout.md` into `dir`, each readable by its
/// owner only (they hold every code). Returns their paths, the HTML first.
///
/// Errors: a file cannot be written; the message names it.
pub fn write(dir: &Path, sheets: &[Sheet], url: &str) -> Result<Vec<PathBuf>, String> {
    let files = [
        (dir.join("handout.html"), html(sheets, url)),
        (dir.join("handout.md"), markdown(sheets, url)),
    ];
    let mut paths = Vec::new();
    for (path, contents) in files {
        private_file::write(&path, contents.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        paths.push(path);
    }
    Ok(paths)
}
