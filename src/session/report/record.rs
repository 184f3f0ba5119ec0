//! The record in a report: who did what, and when. Every move with who
//! made it (a person by the name they joined with, a bot and its policy,
//! a stand-in bot when time ran out), and every action of the white cell
//! (pause, resume, timer, inject, forced resolution, seat change, kick,
//! revoked code, end) with the host's clock, from a hosted room's log.

use std::fmt::Write;
use std::time::{Duration, UNIX_EPOCH};

use super::html::esc;
use super::markdown::md;
use super::Report;
use crate::engine::{Author, Command, GameLog, Logged, WhiteCell};
use crate::scenario::schema::ScenarioFile;
use crate::session::room_record::{RoomChange, RoomRecord};

/// One line of the record: several moves of one actor by one author in
/// one turn are one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLine {
    /// The host's clock at the line's last action, in milliseconds since
    /// 1970-01-01 UTC; none in logs written before times were kept.
    pub at: Option<u64>,
    /// The turn being played (1 is the first).
    pub turn: u32,
    /// The actor the action was for, or "White cell", or "Host".
    pub actor: String,
    /// Who did it, in words ("Ana", "a hawkish bot", "the turn clock").
    pub by: String,
    /// What was done, in words.
    pub what: String,
}

const NOT_RECORDED: &str = "not recorded";

/// The record of a log: `turns[i]` is the turn being played before
/// command `i` (one more entry, for after the last command).
pub fn gather(log: &GameLog, records: &[RoomRecord], turns: &[u32], f: &ScenarioFile) -> Vec<RecordLine> {
    let mut out: Vec<RecordLine> = Vec::new();
    let turn_at = |i: usize| turns.get(i).or(turns.last()).copied().unwrap_or(1);
    let mut next_record = records.iter().peekable();
    for (i, c) in log.commands.iter().enumerate() {
        while let Some(r) = next_record.next_if(|r| r.after <= i) {
            out.extend(room_line(r, turn_at(i), f));
        }
        let by = c.by.as_ref().map_or_else(|| NOT_RECORDED.to_string(), Author::describe);
        let turn = turn_at(i);
        match &c.command {
            Logged::Actor(cmd) => {
                let actor = name_of(f, &c.actor);
                let what = command_words(f, cmd);
                match out.last_mut() {
                    Some(last) if last.turn == turn && last.actor == actor && last.by == by => {
                        last.what = format!("{}; {what}", last.what);
                        last.at = c.at.or(last.at);
                    }
                    _ => out.push(RecordLine {
                        at: c.at,
                        turn,
                        actor,
                        by,
                        what,
                    }),
                }
            }
            Logged::WhiteCell(cmd) => out.push(RecordLine {
                at: c.at,
                turn,
                actor: "White cell".into(),
                by,
                what: white_cell_words(f, cmd),
            }),
        }
    }
    let n = log.commands.len();
    for r in next_record {
        out.extend(room_line(r, turn_at(n), f));
    }
    out
}

fn name_of(f: &ScenarioFile, id: &str) -> String {
    f.actors
        .iter()
        .find(|a| a.id == id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn names(f: &ScenarioFile, ids: &[String]) -> String {
    if ids.is_empty() {
        return "everyone".into();
    }
    ids.iter().map(|i| name_of(f, i)).collect::<Vec<_>>().join(", ")
}

fn command_words(f: &ScenarioFile, cmd: &Command) -> String {
    let suspect = |id: &str| {
        f.suspects
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let evidence = |id: &str| {
        f.evidence
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_string(), |e| e.title.clone())
    };
    match cmd {
        Command::Act { action, target } => {
            let a = f
                .actions
                .iter()
                .find(|a| &a.id == action)
                .map_or_else(|| action.clone(), |a| a.name.clone());
            match target {
                Some(t) => format!("chose {a} (towards {})", name_of(f, t)),
                None => format!("chose {a}"),
            }
        }
        Command::Attribute {
            suspect: s, confidence, ..
        } => {
            let c = super::short_confidence(Some(*confidence));
            format!("attributed the incident to {} ({c} confidence)", suspect(s))
        }
        Command::Propose { suspect: s, .. } => format!("proposed a joint statement naming {}", suspect(s)),
        Command::Sign { proposal } => format!("signed joint statement {}", proposal + 1),
        Command::Decline { proposal } => format!("declined joint statement {}", proposal + 1),
        Command::Retract { statement } => format!("retracted statement {}", statement + 1),
        Command::Refine { statement, .. } => format!("restated statement {}", statement + 1),
        Command::Tearline { evidence: e } => format!("issued a tearline of {}", evidence(e)),
        Command::Share { evidence: e, with } => format!("shared {} with {}", evidence(e), names(f, with)),
        Command::Publish { evidence: e } => format!("published {}", evidence(e)),
        Command::Message { to, .. } => format!("wrote to {}", names(f, to)),
        Command::Offer { to, .. } => format!("made a proposal to {}", name_of(f, to)),
        Command::Answer { accept, .. } => {
            if *accept {
                "accepted a proposal".into()
            } else {
                "declined a proposal".into()
            }
        }
        Command::Reply { request, reply } => {
            crate::engine::request_text::reply_words(*request, reply, |e: &str| evidence(e))
        }
        Command::Withdraw => "took back the moves chosen this turn".into(),
        Command::Commit => "committed".into(),
    }
}

fn white_cell_words(f: &ScenarioFile, cmd: &WhiteCell) -> String {
    match cmd {
        WhiteCell::Inject { headline, audience, .. } => {
            format!("inject “{headline}” to {}", names(f, audience))
        }
        WhiteCell::ForceResolve => "resolved the turn before everyone had committed".into(),
        WhiteCell::EndGame => "ended the game".into(),
        WhiteCell::Message { from, to, .. } => format!("wrote as {} to {}", name_of(f, from), names(f, to)),
        WhiteCell::Press { mode } => format!("set the press to {}", mode.key()),
        WhiteCell::TimeUp { stand_in: true } => {
            "time ran out: stand-in bots moved for those who had not committed".into()
        }
        WhiteCell::TimeUp { stand_in: false } => {
            "time ran out: the turn resolved without those who had not committed".into()
        }
    }
}

/// A number of seconds as people say it: "1 h 30 min", "10 min", "1 min
/// 30 s" (90 s), "0 s". The reports and the white cell's timer prompt
/// both say durations this way.
pub fn duration_words(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

fn code_owner(f: &ScenarioFile, of: &str) -> String {
    match of.strip_prefix("observer:") {
        Some(a) => format!("{}'s observers", name_of(f, a)),
        None if of == "spectator" => "the projector (spectators)".into(),
        None => format!("{}'s players", name_of(f, of)),
    }
}

fn room_line(r: &RoomRecord, turn: u32, f: &ScenarioFile) -> Option<RecordLine> {
    let what = match &r.room {
        RoomChange::Pause => "paused the game".into(),
        RoomChange::Resume => "resumed the game".into(),
        RoomChange::TurnTimer { seconds: Some(s) } => format!("set the turn timer to {}", duration_words(*s)),
        RoomChange::TurnTimer { seconds: None } => "removed the turn timer".into(),
        RoomChange::ExtendTimer { seconds } => format!("added {} to the clock", duration_words(*seconds)),
        RoomChange::OnTimeout { bot: true } => "chose that a stand-in bot moves for late players".into(),
        RoomChange::OnTimeout { bot: false } => "chose that late players make no move".into(),
        RoomChange::Seat { actor, bot: Some(p) } => format!("handed {} to a {p} bot", name_of(f, actor)),
        RoomChange::Seat { actor, bot: None } => format!("gave {} back to its players", name_of(f, actor)),
        RoomChange::Kick { name: Some(n), .. } => format!("closed the connection of {n}"),
        RoomChange::Kick { connection, name: None } => format!("closed connection {connection}"),
        RoomChange::Revoke { of, .. } => {
            format!("revoked the join code of {} and issued a new one", code_owner(f, of))
        }
        RoomChange::Reveal { sections: 0 } => "took the debrief off the projector".into(),
        RoomChange::Reveal { sections } => {
            let shown = crate::session::room_record::DEBRIEF_SECTIONS;
            let last = shown.get(usize::from(*sections) - 1).copied().unwrap_or("all");
            format!(
                "showed the projector the debrief up to {last} ({sections} of {})",
                shown.len()
            )
        }
        RoomChange::Issued { .. } => return None,
        RoomChange::Resumed { bind, .. } => {
            return Some(RecordLine {
                at: r.at,
                turn,
                actor: "Host".into(),
                by: "the host".into(),
                what: format!("started the server again from this log, on {bind}"),
            })
        }
    };
    let by = match &r.by {
        Some(n) => format!("the white cell ({n})"),
        None => "the white cell".into(),
    };
    Some(RecordLine {
        at: r.at,
        turn,
        actor: "White cell".into(),
        by,
        what,
    })
}

/// "2026-11-30" and "10:45:07", in UTC.
fn date_time(at: u64) -> (String, String) {
    let t = UNIX_EPOCH + Duration::from_millis(at);
    let date = crate::session::save::utc(t).chars().take(10).collect();
    let secs = at / 1000;
    let (h, m, s) = ((secs % 86_400) / 3600, (secs % 3600) / 60, secs % 60);
    (date, format!("{h:02}:{m:02}:{s:02}"))
}

/// Each line's time of day, with the date written whenever it changes.
fn times(lines: &[RecordLine]) -> Vec<String> {
    let mut day = String::new();
    lines
        .iter()
        .map(|l| match l.at {
            Some(at) => {
                let (date, time) = date_time(at);
                if date == day {
                    time
                } else {
                    day = date.clone();
                    format!("{date} {time}")
                }
            }
            None => "–".into(),
        })
        .collect()
}

const INTRO: &str = "Who did each thing, and when: every move with who made it (a player by the name they joined with, a bot and its policy, or a stand-in bot when time ran out), and every action of the white cell. Times are the host's clock, in UTC.";

pub fn markdown(r: &Report, o: &mut String) {
    if r.record.is_empty() {
        return;
    }
    let _ = writeln!(o, "## Record\n\n{INTRO}\n");
    o.push_str("| Time (UTC) | Turn | For | By | What |\n|---|---|---|---|---|\n");
    for (l, t) in r.record.iter().zip(times(&r.record)) {
        let _ = writeln!(
            o,
            "| {t} | {} | {} | {} | {} |",
            l.turn,
            md(&l.actor),
            md(&l.by),
            md(&l.what)
        );
    }
    o.push('\n');
}

pub fn html(r: &Report, o: &mut String) {
    if r.record.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<section id=\"record\">\n<h2>Record</h2>\n<p>{}</p>\n<table class=\"record\">\n\
         <thead><tr><th>Time (UTC)</th><th>Turn</th><th>For</th><th>By</th><th>What</th></tr></thead>\n<tbody>",
        esc(INTRO)
    );
    for (l, t) in r.record.iter().zip(times(&r.record)) {
        let class = if l.by.contains("stand-in") {
            " class=\"stand-in\""
        } else if l.actor == "White cell" || l.actor == "Host" {
            " class=\"white-cell\""
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&t),
            l.turn,
            esc(&l.actor),
            esc(&l.by),
            esc(&l.what)
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}
