//! The application state and its transitions. No IO: input comes in as
//! keys, mouse events and ticks; IO requests (autosave, export) go out for
//! the shell to carry out.

use std::cell::RefCell;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::bots::Policy;
use crate::engine::debrief::Debrief;
use crate::engine::View;
use crate::scenario::Scenario;
use crate::session::catalog::Entry;

use super::game::Match;
use super::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Launcher,
    Briefing,
    /// "Pass the keyboard to …" between hot-seat players.
    Privacy,
    Resolution,
    Play,
    Debrief,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Feed,
    Intel,
    Relations,
    Tracks,
    Actions,
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Panel::Feed,
        Panel::Intel,
        Panel::Relations,
        Panel::Tracks,
        Panel::Actions,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Panel::Feed => "Situation",
            Panel::Intel => "Intel",
            Panel::Relations => "Relations",
            Panel::Tracks => "World",
            Panel::Actions => "Actions",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A dialog over the current screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Quit,
    /// Confirm the action option with this index in the view.
    ConfirmAct(usize),
    /// Share evidence `index` of the view: recipients ticked.
    Share {
        evidence: usize,
        ticked: Vec<bool>,
        sel: usize,
    },
    /// Attribute: suspect selection and stated confidence (0..3).
    Attribute {
        sel: usize,
        level: usize,
    },
    Notes,
    EndTurn,
    Message {
        title: String,
        text: String,
    },
}

/// A seat at the briefing: who will play an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatChoice {
    Human,
    Bot(Policy),
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub scenario: Arc<Scenario>,
    pub seats: Vec<SeatChoice>,
    pub sel: usize,
    pub seed: u64,
    pub scroll: u16,
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Io {
    Autosave,
    Export,
}

/// Screen areas from the last draw, for mouse clicks.
#[derive(Debug, Default, Clone)]
pub struct Hits {
    /// A panel or list: its area, what it is, and the first row's item index.
    pub lists: Vec<(Rect, HitList, usize)>,
    pub tabs: Vec<(Rect, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitList {
    Panel(Panel),
    Launcher,
    Seats,
    Resolution,
    DebriefBody,
}

pub struct App {
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub catalog: Vec<Entry>,
    pub launcher_sel: usize,
    pub briefing: Option<Briefing>,
    pub game: Option<Match>,
    /// The view of the actor at the keyboard, refreshed after every update.
    pub view: Option<View>,
    pub debrief: Option<Debrief>,
    pub debrief_tab: usize,
    pub debrief_scroll: usize,
    /// A message for the status line; errors are shown in the warning style.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Default policy for bots when the briefing opens.
    pub default_policy: Option<Policy>,
    pub seed: u64,
    /// Seconds per turn for games started from the briefing.
    pub turn_timer: Option<u64>,
    pub hits: RefCell<Hits>,
}

impl App {
    pub fn new(theme: Theme, catalog: Vec<Entry>, seed: u64) -> App {
        App {
            theme,
            screen: Screen::Launcher,
            overlay: None,
            catalog,
            launcher_sel: 0,
            briefing: None,
            game: None,
            view: None,
            debrief: None,
            debrief_tab: 0,
            debrief_scroll: 0,
            status: None,
            quit: false,
            default_policy: None,
            seed,
            turn_timer: None,
            hits: RefCell::new(Hits::default()),
        }
    }

    /// Open the briefing of a scenario.
    pub fn open_briefing(&mut self, scenario: Arc<Scenario>) {
        let n = scenario.actor_count();
        let policy = |i: usize| self.default_policy.unwrap_or(Policy::ALL[i % 3]);
        let seats = (0..n)
            .map(|i| {
                if i == 0 {
                    SeatChoice::Human
                } else {
                    SeatChoice::Bot(policy(i))
                }
            })
            .collect();
        self.briefing = Some(Briefing {
            scenario,
            seats,
            sel: 0,
            seed: self.seed,
            scroll: 0,
        });
        self.screen = Screen::Briefing;
    }

    /// The actor at the keyboard, during a game.
    pub fn current(&self) -> Option<usize> {
        self.game.as_ref().map(|m| m.current)
    }

    pub fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some((text.into(), error));
    }

    /// Recompute the cached view and debrief after a change.
    pub fn refresh(&mut self) {
        match &self.game {
            Some(m) => {
                self.view = Some(m.game.view(m.current));
                if m.game.is_over() && self.debrief.is_none() {
                    self.debrief = Some(Debrief::new(&m.game));
                }
            }
            None => self.view = None,
        }
    }

    /// Whether quitting now would leave a game unfinished.
    pub fn game_in_progress(&self) -> bool {
        self.game.as_ref().is_some_and(|m| !m.game.is_over())
    }
}
