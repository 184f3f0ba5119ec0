//! The printable workshop handout `demarche host` writes: a page per
//! participant with who they play, the public briefing and the exact command
//! to join, plus the facilitator's and projector's codes.

use std::fmt::Write as _;

use crate::scenario::schema::ScenarioFile;

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
}

/// The handout as Markdown: the facilitator's codes first, then a page per
/// participant.
pub fn markdown(sheets: &[Sheet], url: &str) -> String {
    let mut out = String::new();
    for s in sheets {
        let f = s.scenario;
        let _ = writeln!(out, "# {} — room {}\n", f.title, s.room);
        let _ = writeln!(
            out,
            "## Facilitator (white cell)\n\nYou see everything and pace the game.\n"
        );
        let _ = writeln!(
            out,
            "    demarche join {url} --code {} --name \"White cell\"\n",
            s.facilitator
        );
        let _ = writeln!(out, "## Projector\n\nThe public view, for the screen in the room.\n");
        let _ = writeln!(out, "    demarche join {url} --code {}\n", s.spectator);
        for (a, code) in f.actors.iter().zip(s.players) {
            let _ = writeln!(
                out,
                "\\newpage\n\n## {} ({}) — room {}\n",
                a.name,
                a.kind.label(),
                s.room
            );
            let _ = writeln!(out, "{}\n", a.description);
            let _ = writeln!(out, "### The situation\n\n{}\n", f.briefing);
            let _ = writeln!(
                out,
                "### Join\n\n    demarche join {url} --code {code} --name \"Your name\"\n"
            );
            let _ = writeln!(
                out,
                "Keep this code to yourself: it lets its holder act as {}.\n",
                a.name
            );
        }
    }
    out
}
