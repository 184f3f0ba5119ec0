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

use super::game::{Desk, Match};
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
    /// The facilitator's control screen (networked games).
    WhiteCell,
    /// The projector: the public view, large.
    Spectator,
    /// The white cell console: every room of a workshop at a glance.
    Rooms,
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
    /// Messages: threads and proposals to answer.
    Inbox(super::press_dialogs::Inbox),
    /// Writing a message.
    Compose(super::press_dialogs::Compose),
    /// Proposing a deal or a measure.
    Propose(super::press_dialogs::ProposeForm),
    Quit,
    /// Confirm the action option with this index in the view.
    ConfirmAct(usize),
    /// Publish evidence `index` of the view (it cannot be taken back)?
    ConfirmPublish(usize),
    /// Share evidence `index` of the view: recipients ticked.
    Share {
        evidence: usize,
        ticked: Vec<bool>,
        sel: usize,
    },
    /// Attribute: suspect selection, stated confidence (0..3), layer (0:
    /// the usual one, then technique, group, state) and whether to propose
    /// a joint statement instead of speaking alone.
    Attribute {
        sel: usize,
        level: usize,
        layer: usize,
        joint: bool,
    },
    /// Joint statements shown to this actor, then its own statements.
    Statements {
        sel: usize,
    },
    Notes,
    EndTurn,
    Message {
        title: String,
        text: String,
    },
    /// The facilitator writes an inject: a one-line headline, a text of
    /// any number of lines, and who receives it (nobody ticked: everyone).
    InjectForm(InjectForm),
    /// The facilitator types the time per turn (`90`, `90s`, `10m`, `1h30m`).
    TimerPrompt {
        text: String,
    },
    ConfirmEndGame,
    /// The white cell reads every message, filtered to one actor if wished.
    PressDesk(super::white_cell_press::PressDesk),
    /// The white cell writes as an actor it plays.
    WriteAs(super::white_cell_press::WriteAs),
    /// Resolve the turn now, before everyone has committed?
    ConfirmForce,
    /// Answering a question asked through a channel: choosing the answer.
    Reply(super::reply_dialog::ReplyForm),
    /// Explaining in one's own words, for the same question.
    Explain(super::reply_dialog::ReplyForm),
}

/// The inject form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InjectForm {
    pub headline: String,
    /// May hold newlines.
    pub text: String,
    /// 0 headline, 1 text, 2 recipients.
    pub field: usize,
    /// One tick per seat, in the facilitator's seat order.
    pub to: Vec<bool>,
    /// The recipient row under the cursor.
    pub to_sel: usize,
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
    /// How far the open dialog can scroll, in rows.
    pub overlay_max_scroll: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitList {
    Panel(Panel),
    Launcher,
    Seats,
    Resolution,
    DebriefBody,
    /// The console's rooms, two rows each.
    Rooms,
}

pub struct App {
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// First line shown of a scrolling dialog (help, messages).
    pub overlay_scroll: u16,
    pub catalog: Vec<Entry>,
    /// Unfinished saved games the launcher offers to continue, listed
    /// above the scenarios (the most recent first).
    pub saved: Vec<Arc<crate::session::save::Saved>>,
    /// The launcher row under the cursor: saved games, then the catalog.
    pub launcher_sel: usize,
    pub briefing: Option<Briefing>,
    pub game: Option<Match>,
    /// A networked game driven by a server.
    pub remote: Option<super::remote::Remote>,
    /// The white cell console: one facilitator's screen per room.
    pub console: Option<super::console::Console>,
    /// This is one room of the console: Esc and 1-9 go back to the
    /// console's rooms (they are in its keys, help and footer).
    pub in_console: bool,
    /// The view of the actor at the keyboard, refreshed after every update.
    pub view: Option<View>,
    pub debrief: Option<Debrief>,
    pub debrief_tab: usize,
    pub debrief_scroll: usize,
    /// The debrief's Messages tab shows this actor's correspondence only
    /// (an index into `debrief.actors`), or every message.
    pub debrief_filter: Option<usize>,
    /// A message for the status line; errors are shown in the warning style.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Default policy for bots when the briefing opens.
    pub default_policy: Option<Policy>,
    pub seed: u64,
    /// Seconds per turn for games started from the briefing.
    pub turn_timer: Option<u64>,
    /// The press mode for games started here, if not the scenario's.
    pub press: Option<crate::scenario::schema::PressMode>,
    pub hits: RefCell<Hits>,
}

impl App {
    pub fn new(theme: Theme, catalog: Vec<Entry>, seed: u64) -> App {
        App {
            theme,
            screen: Screen::Launcher,
            overlay: None,
            overlay_scroll: 0,
            catalog,
            saved: Vec::new(),
            launcher_sel: 0,
            briefing: None,
            game: None,
            remote: None,
            console: None,
            in_console: false,
            view: None,
            debrief: None,
            debrief_tab: 0,
            debrief_scroll: 0,
            debrief_filter: None,
            status: None,
            quit: false,
            default_policy: None,
            seed,
            turn_timer: None,
            press: None,
            hits: RefCell::new(Hits::default()),
        }
    }

    /// Open the briefing of a scenario.
    pub fn open_briefing(&mut self, scenario: Arc<Scenario>) {
        let n = scenario.actor_count();
        let actors = &scenario.file.actors;
        let policy = |i: usize| self.default_policy.unwrap_or_else(|| Policy::for_actor(&actors[i], i));
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
        if let Some(r) = &self.remote {
            self.view = r.view.clone();
            if r.debrief.is_some() {
                self.debrief.clone_from(&r.debrief);
            }
            return;
        }
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

    /// The desk of the person at the keyboard.
    pub fn desk(&self) -> Option<&Desk> {
        match (&self.game, &self.remote) {
            (Some(m), _) => m.desks.get(m.current),
            (None, Some(r)) => Some(&r.desk),
            _ => None,
        }
    }

    pub fn desk_mut(&mut self) -> Option<&mut Desk> {
        match (&mut self.game, &mut self.remote) {
            (Some(m), _) => m.desks.get_mut(m.current),
            (None, Some(r)) => Some(&mut r.desk),
            _ => None,
        }
    }

    /// Send a command for the actor at the keyboard: applied here, or sent
    /// to the server in a networked game.
    pub fn submit(&mut self, cmd: &crate::engine::Command) -> Result<(), String> {
        if let Some(m) = self.game.as_mut() {
            let me = m.current;
            return m.apply(me, cmd).map_err(|e| e.to_string());
        }
        match self.remote.as_mut() {
            Some(r) => r.send_command(cmd.clone()),
            None => Err("no game in progress".into()),
        }
    }

    /// Name of the actor at the keyboard.
    pub fn player_name(&self) -> String {
        self.view.as_ref().map_or_else(String::new, |v| v.name.clone())
    }

    /// Whether quitting now would leave a game unfinished.
    pub fn game_in_progress(&self) -> bool {
        self.game.as_ref().is_some_and(|m| !m.game.is_over())
            || self.remote.as_ref().is_some_and(|r| r.debrief_pending())
            || self
                .console
                .as_ref()
                .is_some_and(|c| c.rooms.iter().any(App::game_in_progress))
    }

    /// The contexts this screen reads its keys from, its own first (a
    /// room of the console adds the keys back to the other rooms).
    pub fn stack(&self) -> &'static [super::keymap::Context] {
        if self.in_console {
            super::keymap::console_room_stack(self.screen)
        } else {
            super::keymap::screen_stack(self.screen)
        }
    }

    /// Whether a clock runs on screen, so the loop wakes every second.
    pub fn ticking(&self) -> bool {
        self.desk().is_some_and(|d| d.time_left.is_some())
            || self.console.as_ref().is_some_and(|c| c.rooms.iter().any(App::ticking))
    }
}
