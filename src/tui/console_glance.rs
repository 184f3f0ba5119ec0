//! One room at a glance, for the white cell console: its numbers (the
//! ones the host's terminal prints), whom the turn waits for, who is away,
//! and what needs the facilitator. The words the console shows for a
//! room are here, in one place.

use super::app::App;
use crate::net::protocol::Seat;
use crate::net::room::RoomStatus;

/// A room's clock that waits for its first player, in the detail line.
pub const CLOCK_WAITS: &str = "the clock starts when a player joins";

/// What in a room needs the facilitator, the most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    /// The server ended the console's connection to the room for good
    /// (its code was used elsewhere, or refused): no reconnection follows.
    Ended,
    /// The console has lost its connection to the room and is
    /// reconnecting on its own.
    Unlinked,
    /// Every seat the turn still waits for has nobody connected: the turn
    /// ends only when its clock runs out, or, without a clock, never.
    OnlyAbsent { timer: bool },
    /// Seats played by people, with nobody connected to them.
    Away(usize),
    /// The game is over: the debrief waits to be shown.
    Over,
    /// No player has joined yet, at the start of the game.
    NobodyYet,
}

impl Attention {
    /// The marker on the room's line, and whether it is a warning.
    pub fn words(self) -> (String, bool) {
        match self {
            Attention::Ended => ("⚠ disconnected: Enter shows why".into(), true),
            Attention::Unlinked => ("⚠ no connection: reconnecting".into(), true),
            Attention::OnlyAbsent { timer: true } => ("⚠ only absent seats: waits for ⏱".into(), true),
            Attention::OnlyAbsent { timer: false } => ("⚠ stalled: only absent seats left".into(), true),
            Attention::Away(1) => ("⚠ 1 seat away".into(), true),
            Attention::Away(n) => (format!("⚠ {n} seats away"), true),
            Attention::Over => ("game over: show the debrief".into(), false),
            Attention::NobodyYet => ("no player has joined yet".into(), false),
        }
    }
}

/// A room at a glance, as its facilitator's screen knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glance {
    /// The room's number on the server.
    pub number: usize,
    /// The scenario's title, cleaned of control characters.
    pub scenario: String,
    /// The room's numbers; None until its first picture arrives.
    pub status: Option<RoomStatus>,
    /// The actors the turn still waits for, by name.
    pub awaited: Vec<String>,
    /// Actors played by people, with nobody connected, by name.
    pub away: Vec<String>,
    /// Seats played by people (not bots), and how many of them have
    /// someone connected.
    pub people: usize,
    pub present: usize,
    /// Whether the console is connected to the room now.
    pub linked: bool,
    /// Sections of the debrief the room's projector shows.
    pub revealed: u8,
    pub attention: Option<Attention>,
}

impl Glance {
    /// Room `number` as the facilitator's app `room` shows it.
    pub fn of(number: usize, room: &App) -> Glance {
        let linked = room.remote.as_ref().is_some_and(|r| r.connected);
        let cut = if room.remote.as_ref().is_some_and(|r| r.ended.is_some()) {
            Attention::Ended
        } else {
            Attention::Unlinked
        };
        let Some((r, s)) = room.remote.as_ref().and_then(|r| Some((r, r.facilitator.as_ref()?))) else {
            return Glance {
                number,
                scenario: String::new(),
                status: None,
                awaited: Vec::new(),
                away: Vec::new(),
                people: 0,
                present: 0,
                linked,
                revealed: 0,
                attention: (!linked).then_some(cut),
            };
        };
        let status = RoomStatus::of_facilitator(s, r.desk.time_left.or(s.seconds_left), r.clock_waits);
        let clean = |n: &String| crate::text::clean_line(n);
        let people: Vec<_> = s.seats.iter().filter(|x| x.seat == Seat::Human).collect();
        let away: Vec<String> = people.iter().filter(|x| !x.connected).map(|x| clean(&x.name)).collect();
        let waiting: Vec<_> = s.seats.iter().filter(|x| !x.committed).collect();
        let only_absent = !waiting.is_empty() && waiting.iter().all(|x| x.seat == Seat::Human && !x.connected);
        let attention = if !linked {
            Some(cut)
        } else if status.over {
            Some(Attention::Over)
        } else if away.len() == people.len() && status.turn == 1 && !people.is_empty() {
            Some(Attention::NobodyYet)
        } else if only_absent {
            Some(Attention::OnlyAbsent {
                timer: s.turn_seconds.is_some(),
            })
        } else if !away.is_empty() {
            Some(Attention::Away(away.len()))
        } else {
            None
        };
        Glance {
            number,
            scenario: clean(&s.debrief.scenario),
            awaited: if status.over {
                Vec::new()
            } else {
                waiting.iter().map(|x| clean(&x.name)).collect()
            },
            present: people.len() - away.len(),
            people: people.len(),
            away,
            status: Some(status),
            linked,
            revealed: s.revealed,
            attention,
        }
    }

    /// The second line of the room: whom the turn waits for, and who is
    /// away (if not the same people).
    pub fn detail(&self) -> String {
        let Some(status) = &self.status else {
            return if self.linked {
                "waiting for the room's first picture…".into()
            } else {
                "not connected yet".into()
            };
        };
        if status.over {
            let all = crate::net::protocol::DEBRIEF_SECTIONS.len();
            return match self.revealed {
                0 => "the debrief is ready: open the room; v shows it on the projector".into(),
                n if usize::from(n) >= all => "the projector shows the whole debrief".into(),
                n => format!("the projector shows {n} of the debrief's {all} sections"),
            };
        }
        let waits = status.clock_waits && !status.paused;
        if self.attention == Some(Attention::NobodyYet) {
            return if waits {
                "players join with the handout's codes; the clock starts with the first".into()
            } else {
                "players join with the codes on the handout".into()
            };
        }
        // Each name once: whom the turn waits for among those present,
        // then who is away (awaited or not).
        let present: Vec<&str> = self
            .awaited
            .iter()
            .filter(|a| !self.away.contains(a))
            .map(String::as_str)
            .collect();
        let mut out = match (present.is_empty(), self.awaited.is_empty()) {
            (_, true) => "everyone has committed".to_string(),
            (true, false) => "waiting only for seats nobody holds".to_string(),
            (false, false) => format!("waiting for {}", present.join(", ")),
        };
        if !self.away.is_empty() {
            out.push_str(&format!(" · away: {}", self.away.join(", ")));
        }
        if waits {
            out.push_str(&format!(" · {CLOCK_WAITS}"));
        }
        out
    }
}
