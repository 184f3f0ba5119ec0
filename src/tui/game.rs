//! A game at this keyboard: people in their seats, bots in theirs, the log
//! of every accepted command, and the order in which people take turns.

use std::sync::Arc;

use crate::bots::{Bot, Policy};
use crate::engine::describe::describe;
use crate::engine::FeedItem;
use crate::engine::{Command, EventKind, Game, GameLog, RuleError};
use crate::scenario::Scenario;
use crate::session::log_file::Setup;

use super::app::Panel;

pub enum Seat {
    Human,
    Bot(Box<Bot>),
}

/// Selection and scroll of the play screen, per player.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayUi {
    pub focus: usize,
    pub sel: [usize; 5],
}

impl PlayUi {
    pub fn panel(&self) -> Panel {
        Panel::ALL[self.focus.min(4)]
    }
}

/// What one person at the screen is looking at: selections, unread
/// marks, notes, the resolution being stepped through, the clock.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Desk {
    pub ui: PlayUi,
    /// Feed items already read (for unread marks).
    pub read: usize,
    pub notes: String,
    pub resolution: Vec<FeedItem>,
    pub res_sel: usize,
    /// Seconds left in the turn, if a timer is set.
    pub time_left: Option<u64>,
    /// Messages from others read, per thread ("" public, else the
    /// correspondent's id): for unread marks in the inbox.
    pub press_read: std::collections::BTreeMap<String, usize>,
}

pub struct Match {
    pub game: Game,
    pub log: GameLog,
    pub seats: Vec<Seat>,
    /// The person at the keyboard now.
    pub current: usize,
    /// One desk per actor (used by the people playing).
    pub desks: Vec<Desk>,
    /// Index of the first event of the last resolution.
    pub resolved_from: usize,
    /// People who have not yet stepped through the last resolution.
    pub to_brief: Vec<bool>,
    pub turn_timer: Option<u64>,
    /// The file this game is saved to, chosen at its first save (a new
    /// file in the saves folder, so no other game is replaced).
    pub save_path: Option<std::path::PathBuf>,
    /// Why the last save failed, naming the file; `None` once one succeeds.
    pub save_error: Option<String>,
}

impl Match {
    /// Start a game, with bots making their first moves.
    pub fn start(scenario: Arc<Scenario>, seed: u64, seats: &[Option<Policy>], turn_timer: Option<u64>) -> Match {
        let game = Game::new(scenario, seed);
        let log = GameLog::new(&game);
        let mut m = Match::with(game, log, seats, Vec::new(), turn_timer);
        // Several people at one keyboard each read their own brief (their
        // secret objectives) behind the privacy screen before turn 1.
        if m.humans() > 1 {
            for a in 0..m.seats.len() {
                m.to_brief[a] = matches!(m.seats[a], Seat::Human);
            }
        }
        m
    }

    fn with(game: Game, log: GameLog, seats: &[Option<Policy>], notes: Vec<String>, turn_timer: Option<u64>) -> Match {
        let n = game.scenario().actor_count();
        let seed = game.state().seed;
        let seats: Vec<Seat> = seats
            .iter()
            .enumerate()
            .map(|(a, p)| match p {
                Some(p) => Seat::Bot(Box::new(Bot::new(*p, seed, a))),
                None => Seat::Human,
            })
            .collect();
        let mut m = Match {
            game,
            log,
            seats,
            current: 0,
            desks: (0..n)
                .map(|a| Desk {
                    notes: notes.get(a).cloned().unwrap_or_default(),
                    time_left: turn_timer,
                    ..Desk::default()
                })
                .collect(),
            resolved_from: 0,
            to_brief: vec![false; n],
            turn_timer,
            save_path: None,
            save_error: None,
        };
        m.run_bots();
        m.current = m.next_human().unwrap_or(0);
        m
    }

    /// Continue a saved game: replay its log with the saved seats.
    pub fn resume(log: GameLog, setup: &Setup) -> Result<Match, String> {
        let game = log.replay().map_err(|e| e.to_string())?;
        let s = game.scenario().clone();
        let mut seats = vec![None; s.actor_count()];
        for (id, p) in &setup.bots {
            if let Some(&a) = s.actor_ix.get(id) {
                seats[a] = Some(*p);
            }
        }
        if !setup.humans.iter().any(|h| s.actor_ix.contains_key(h)) {
            return Err("the saved game has no human player".into());
        }
        let mut notes = vec![String::new(); s.actor_count()];
        for (id, text) in &setup.notes {
            if let Some(&a) = s.actor_ix.get(id) {
                notes[a].clone_from(text);
            }
        }
        let mut m = Match::with(game, log, &seats, notes, setup.turn_timer);
        // Everything before the save counts as read.
        for a in 0..s.actor_count() {
            m.desks[a].read = m.game.view(a).feed.len();
        }
        // Whoever had not read the last resolution sees it first: it began
        // with the commit that ended the turn before this one.
        let turn = m.game.turn();
        let last = m
            .game
            .state()
            .events
            .iter()
            .rposition(|e| e.turn + 1 == turn && matches!(e.kind, EventKind::Committed { .. }));
        if let Some(from) = last.filter(|_| !m.game.is_over()) {
            m.resolved_from = from;
            for id in &setup.unread {
                if let Some(&a) = s.actor_ix.get(id) {
                    m.to_brief[a] = matches!(m.seats[a], Seat::Human);
                }
            }
        }
        Ok(m)
    }

    pub fn setup(&self) -> Setup {
        let f = &self.game.scenario().file;
        let mut setup = Setup {
            turn_timer: self.turn_timer,
            unread: (0..self.seats.len())
                .filter(|&a| self.to_brief[a] && matches!(self.seats[a], Seat::Human))
                .map(|a| f.actors[a].id.clone())
                .collect(),
            ..Setup::default()
        };
        for (a, seat) in self.seats.iter().enumerate() {
            match seat {
                Seat::Human => setup.humans.push(f.actors[a].id.clone()),
                Seat::Bot(b) => setup.bots.push((f.actors[a].id.clone(), b.policy)),
            }
        }
        setup.notes = self
            .desks
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.notes.is_empty())
            .map(|(a, d)| (f.actors[a].id.clone(), d.notes.clone()))
            .collect();
        setup
    }

    pub fn humans(&self) -> usize {
        self.seats.iter().filter(|s| matches!(s, Seat::Human)).count()
    }

    /// The next person who has not committed this turn, in seat order.
    pub fn next_human(&self) -> Option<usize> {
        let waiting = self.game.waiting_for();
        (0..self.seats.len()).find(|a| matches!(self.seats[*a], Seat::Human) && waiting.contains(a))
    }

    /// Apply a command for an actor, logging it if accepted. A bot that
    /// was offered a deal answers at once.
    pub fn apply(&mut self, actor: usize, c: &Command) -> Result<(), RuleError> {
        self.game.apply(actor, c)?;
        self.log.record(&self.game, actor, c);
        if let Command::Offer { to, .. } = c {
            let Ok(t) = self.game.actor_index(to) else {
                return Ok(());
            };
            let answers = match &mut self.seats[t] {
                Seat::Bot(bot) => bot.respond(&self.game.perspective(t)),
                Seat::Human => Vec::new(),
            };
            for a in answers {
                // A bot only answers what its view offers it.
                if self.game.apply(t, &a).is_ok() {
                    self.log.record(&self.game, t, &a);
                }
            }
        }
        Ok(())
    }

    /// Choose the press mode for this game (logged like the white cell's
    /// commands); nothing if it is already the mode.
    pub fn set_press(&mut self, mode: crate::scenario::schema::PressMode) {
        let c = crate::engine::WhiteCell::Press { mode };
        if self.game.press_mode() != mode && self.game.white_cell(&c).is_ok() {
            self.log.record_white_cell(&c);
        }
    }

    /// Bots choose and commit for this turn.
    pub fn run_bots(&mut self) {
        for a in 0..self.seats.len() {
            if self.game.is_over() {
                return;
            }
            let commands = match &mut self.seats[a] {
                Seat::Bot(bot) if self.game.waiting_for().contains(&a) => bot.choose(&self.game.perspective(a)),
                _ => continue,
            };
            for c in commands {
                // A bot only proposes moves its view allows.
                let _ = self.apply(a, &c);
            }
        }
    }

    /// The person at the keyboard ends their turn. Returns true when this
    /// resolved the turn.
    pub fn commit_current(&mut self) -> Result<bool, RuleError> {
        let turn = self.game.turn();
        let before = self.game.state().events.len();
        let me = self.current;
        self.apply(me, &Command::Commit)?;
        self.desks[me].read = self.game.view(me).feed.len();
        let resolved = self.game.turn() != turn || self.game.is_over();
        if resolved {
            self.resolved_from = before;
            for a in 0..self.seats.len() {
                self.to_brief[a] = matches!(self.seats[a], Seat::Human);
            }
            self.run_bots();
        }
        self.current = self.next_human().unwrap_or_else(|| self.first_human());
        let t = self.turn_timer;
        self.desks[self.current].time_left = t;
        Ok(resolved)
    }

    pub fn first_human(&self) -> usize {
        self.seats.iter().position(|s| matches!(s, Seat::Human)).unwrap_or(0)
    }

    /// Fill the resolution steps for the person at the keyboard.
    pub fn prepare_resolution(&mut self) {
        let me = self.current;
        let s = self.game.scenario().clone();
        let one_human = self.humans() == 1;
        if self.resolved_from == 0 && self.game.turn() == 1 && !self.game.is_over() {
            let d = &mut self.desks[me];
            d.resolution = vec![personal_brief(&s, me)];
            d.res_sel = 0;
            return;
        }
        let items = self.game.state().events[self.resolved_from..]
            .iter()
            .filter(|e| {
                if self.game.is_over() && !one_human {
                    e.public
                } else {
                    e.visible_to(me)
                }
            })
            .filter(|e| !matches!(e.kind, EventKind::Committed { .. }))
            .map(|e| describe(&s, e))
            .collect();
        let d = &mut self.desks[me];
        d.resolution = items;
        d.res_sel = 0;
    }
}

/// The page a player reads alone before the first turn: who they play and
/// their secret objectives.
pub fn personal_brief(s: &Scenario, me: usize) -> FeedItem {
    let a = &s.file.actors[me];
    let mut text = format!("{}\n", a.description);
    if a.secret_objectives.is_empty() {
        text.push_str("\nYou have no secret objectives: play to the briefing's goals.");
    } else {
        text.push_str("\nYour secret objectives (only you see these; they stay on the World panel, key 4):");
        for o in &a.secret_objectives {
            text.push_str(&format!("\n• {}", o.text));
        }
    }
    FeedItem {
        turn: 1,
        public: false,
        headline: format!("Your brief: you play {}", a.name),
        text,
    }
}
