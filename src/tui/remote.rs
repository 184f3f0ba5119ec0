//! A game driven by a server: the client keeps only what the server sends
//! (its own view, the public view, or the facilitator's picture) and sends
//! commands back. The screens are the same as for a local game.

use crate::engine::debrief::{Debrief, TimelineEntry};
use crate::engine::press_record::Letter;
use crate::engine::{Command, FeedItem, PublicView, View};
use crate::net::protocol::{is_final, ClientMsg, ErrorCode, Facilitate, FacilitatorState, Role, ServerMsg};

use super::app::{App, Overlay, Screen};
use super::game::Desk;
use super::pause_text;

/// Sends a message to the server; false once the connection is gone.
pub type Sender = Box<dyn FnMut(ClientMsg) -> bool + Send>;

pub struct Remote {
    pub role: Option<Role>,
    pub desk: Desk,
    pub view: Option<View>,
    pub public: Option<PublicView>,
    pub facilitator: Option<FacilitatorState>,
    pub debrief: Option<Debrief>,
    pub paused: bool,
    /// The server's turn clock waits for the first player to connect: the
    /// desk's clock shows the time it starts with and does not count down.
    pub clock_waits: bool,
    pub connected: bool,
    /// Why the connection is down (the server's goodbye, or a lost
    /// connection), while it is; `None` when connected or not told.
    pub lost: Option<String>,
    /// Why the server ended this connection for good (a final goodbye, or
    /// a code it no longer accepts): no reconnection follows.
    pub ended: Option<String>,
    /// Events since the player's last turn, for the resolution screen.
    pub pending: Vec<FeedItem>,
    /// The debrief's timeline as far as the server has sent it (in
    /// `timeline` messages); put into every facilitator picture and debrief.
    pub timeline: Vec<TimelineEntry>,
    /// The debrief's correspondence as far as the server has sent it (in
    /// `letters` messages), likewise.
    pub letters: Vec<Letter>,
    /// Selection on the facilitator's seat list.
    pub seat_sel: usize,
    /// On the projector: how many sections of the debrief the facilitator
    /// has revealed (none until told).
    pub revealed: Option<u8>,
    next_id: u64,
    turn: u32,
    send: Sender,
}

impl Remote {
    pub fn new(send: Sender) -> Remote {
        Remote {
            role: None,
            desk: Desk::default(),
            view: None,
            public: None,
            facilitator: None,
            timeline: Vec::new(),
            letters: Vec::new(),
            debrief: None,
            paused: false,
            clock_waits: false,
            connected: true,
            lost: None,
            ended: None,
            pending: Vec::new(),
            seat_sel: 0,
            revealed: None,
            next_id: 1,
            turn: 0,
            send,
        }
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn send_command(&mut self, command: Command) -> Result<(), String> {
        if !self.connected {
            return Err("not connected to the server".into());
        }
        let id = self.id();
        if (self.send)(ClientMsg::Command { id, command }) {
            Ok(())
        } else {
            self.connected = false;
            Err("the connection to the server is lost".into())
        }
    }

    pub fn facilitate(&mut self, command: Facilitate) -> Result<(), String> {
        let id = self.id();
        if (self.send)(ClientMsg::Facilitate { id, command }) {
            Ok(())
        } else {
            self.connected = false;
            Err("the connection to the server is lost".into())
        }
    }

    /// Still connected and the game not over: quitting leaves it running.
    pub fn debrief_pending(&self) -> bool {
        self.connected && self.debrief.is_none()
    }
}

impl App {
    /// A message from the server.
    pub fn on_server(&mut self, msg: ServerMsg) {
        let Some(r) = self.remote.as_mut() else { return };
        match msg {
            ServerMsg::Welcome {
                role, scenario, room, ..
            } => {
                self.screen = match role {
                    Role::Player { .. } | Role::Observer { .. } => Screen::Play,
                    Role::Facilitator => Screen::WhiteCell,
                    Role::Spectator => Screen::Spectator,
                };
                r.role = Some(role);
                r.ended = None;
                // The server sends everything again after a reconnection.
                r.timeline.clear();
                r.letters.clear();
                if r.connected {
                    self.status = Some((format!("Joined room {room}: {scenario}"), false));
                } else {
                    r.connected = true;
                    r.lost = None;
                    // The server tells the clock again (a `timer` follows
                    // when the room has one); the old time is stale.
                    r.desk.time_left = None;
                    // The notice closes; a dialog the player kept open stays.
                    if matches!(self.overlay, Some(Overlay::Message { .. })) {
                        self.overlay = None;
                    }
                    let back = format!("Reconnected to room {room}: the feed shows what happened meanwhile");
                    self.status = Some((back, false));
                }
            }
            ServerMsg::View { view } => {
                if r.turn != 0 && view.turn != r.turn && !view.committed {
                    // Last turn's words (committed, waiting) no longer hold.
                    let (turn, turns) = (view.turn, view.turns);
                    self.status = Some((super::remote_link::new_turn(turn, turns), false));
                }
                if r.turn != 0 && view.turn != r.turn && self.screen == Screen::Play {
                    r.desk.resolution = std::mem::take(&mut r.pending);
                    r.desk.res_sel = 0;
                    if !r.desk.resolution.is_empty() {
                        self.screen = Screen::Resolution;
                    }
                }
                let mut view = *view;
                // The server sends the feed once; after that, events extend it.
                if view.feed.is_empty() {
                    if let Some(old) = r.view.as_mut() {
                        view.feed = std::mem::take(&mut old.feed);
                    }
                }
                if view.turn != r.turn {
                    r.desk.read = r.desk.read.min(view.feed.len());
                }
                r.turn = view.turn;
                r.view = Some(view);
            }
            ServerMsg::Events { items } => {
                // The feed is newest first; events come oldest first.
                for item in &items {
                    if let Some(v) = r.view.as_mut() {
                        v.feed.insert(0, item.clone());
                    }
                    if let Some(p) = r.public.as_mut() {
                        p.feed.insert(0, item.clone());
                    }
                }
                r.pending.extend(items);
            }
            ServerMsg::FeedPage { items } => {
                // Earlier events, newest first: the end of a first feed.
                if let Some(v) = r.view.as_mut() {
                    v.feed.extend(items.iter().cloned());
                }
                if let Some(p) = r.public.as_mut() {
                    p.feed.extend(items);
                }
            }
            ServerMsg::Timeline { items } => {
                if let Some(f) = r.facilitator.as_mut() {
                    f.debrief.timeline.extend(items.iter().cloned());
                }
                if let Some(d) = r.debrief.as_mut() {
                    d.timeline.extend(items.iter().cloned());
                }
                r.timeline.extend(items);
            }
            ServerMsg::Letters { items } => {
                if let Some(f) = r.facilitator.as_mut() {
                    f.debrief.correspondence.extend(items.iter().cloned());
                }
                if let Some(d) = r.debrief.as_mut() {
                    d.correspondence.extend(items.iter().cloned());
                }
                r.letters.extend(items);
            }
            ServerMsg::Public { view } => {
                let mut view = *view;
                if view.feed.is_empty() {
                    if let Some(old) = r.public.as_mut() {
                        view.feed = std::mem::take(&mut old.feed);
                    }
                }
                r.public = Some(view);
            }
            ServerMsg::Facilitator { mut state } => {
                state.debrief.timeline.clone_from(&r.timeline);
                state.debrief.correspondence.clone_from(&r.letters);
                r.clock_waits = state.clock_waits;
                r.facilitator = Some(*state);
            }
            ServerMsg::Waiting { actors } => {
                // The projector has no view of its own: it keeps the list as sent.
                if let Some(p) = r.public.as_mut() {
                    p.waiting_for.clone_from(&actors);
                }
                if let Some(v) = r.view.as_mut() {
                    v.committed = !actors.contains(&v.actor);
                    v.waiting_for = actors;
                }
            }
            ServerMsg::Ack { .. } | ServerMsg::Pong { .. } => {}
            ServerMsg::Error { message, id, code } => {
                // A refused code is refused for good: the client stops.
                if id.is_none() && matches!(code, ErrorCode::BadCode | ErrorCode::Protocol) {
                    r.connected = false;
                    r.ended = Some(message.clone());
                }
                self.status = Some((message, true));
            }
            ServerMsg::Paused { paused } => {
                if paused != r.paused {
                    // The white cell reads what its own key did; players
                    // and the projector read who paused them.
                    let text = if r.role == Some(Role::Facilitator) {
                        pause_text::white_cell(paused)
                    } else {
                        pause_text::players(paused).into()
                    };
                    self.status = Some((text, paused));
                }
                r.paused = paused;
            }
            ServerMsg::Timer { seconds_left, waits } => {
                r.desk.time_left = seconds_left;
                r.clock_waits = waits;
            }
            ServerMsg::Debrief { mut debrief } => {
                debrief.timeline.clone_from(&r.timeline);
                debrief.correspondence.clone_from(&r.letters);
                if r.debrief.is_none() && r.role == Some(Role::Facilitator) {
                    self.status = Some((
                        "The game is over. v shows the debrief on the projector, one section at a time (V takes one back)"
                            .into(),
                        false,
                    ));
                } else if r.debrief.is_none() && r.role != Some(Role::Spectator) {
                    // The last turn's words no longer hold.
                    self.status = Some(("The game is over: the debrief follows".into(), false));
                }
                r.debrief = Some(*debrief);
                if matches!(self.screen, Screen::Spectator | Screen::WhiteCell) || self.screen == Screen::Play {
                    r.desk.resolution = std::mem::take(&mut r.pending);
                    r.desk.res_sel = 0;
                    self.screen = if r.desk.resolution.is_empty() || self.screen != Screen::Play {
                        Screen::Debrief
                    } else {
                        Screen::Resolution
                    };
                }
            }
            ServerMsg::Delegation { members, .. } => {
                let pen = members.iter().find(|m| m.pen).and_then(|m| m.name.clone());
                let others = members.iter().filter(|m| !m.observer).count().saturating_sub(1);
                if others > 0 {
                    let pen = pen.unwrap_or_else(|| "another member".into());
                    self.status = Some((format!("Your delegation: {} more; {pen} holds the pen", others), false));
                }
            }
            ServerMsg::Note { name, text, .. } => {
                let from = name.unwrap_or_else(|| "a member".into());
                self.status = Some((format!("Note from {from}: {text}"), false));
            }
            ServerMsg::Reveal { sections } => {
                let before = r.revealed.replace(sections);
                if sections == 0 {
                    // Taken off the projector: back to the game's last picture.
                    r.debrief = None;
                    self.debrief = None;
                    if self.screen == Screen::Debrief {
                        self.screen = Screen::Spectator;
                    }
                } else if before != Some(sections) {
                    // The projector turns to the section just revealed.
                    self.debrief_tab = usize::from(sections) - 1;
                    self.debrief_scroll = 0;
                }
            }
            ServerMsg::Code { of, code } => {
                self.status = Some((format!("New join code for {of}: {code}"), false));
            }
            ServerMsg::Bye { reason } => {
                r.connected = false;
                r.lost = Some(reason.clone());
                if is_final(&reason) {
                    r.ended = Some(reason.clone());
                }
                self.notify(Overlay::Message {
                    title: "Disconnected".into(),
                    text: if is_final(&reason) {
                        format!("{reason}\n\nRun the same `demarche join` command to come back.")
                    } else {
                        format!("{reason}\n\nReconnecting on its own…")
                    },
                });
            }
        }
        self.refresh();
    }

    /// The connection closed without a goodbye.
    pub fn on_disconnect(&mut self, why: String) {
        if let Some(r) = self.remote.as_mut() {
            if r.connected {
                r.connected = false;
                r.lost = Some(why.clone());
                self.notify(Overlay::Message {
                    title: "Connection lost".into(),
                    text: format!("{why}\n\nThe game reconnects on its own: your actor and view are kept."),
                });
            }
        }
    }

    /// Show `notice`, unless a dialog holding the player's work is open
    /// (a letter, a statement): it stays, and the banner over it says the
    /// connection is down.
    fn notify(&mut self, notice: Overlay) {
        if matches!(self.overlay, None | Some(Overlay::Message { .. } | Overlay::Help)) {
            self.overlay = Some(notice);
            self.overlay_scroll = 0;
        }
    }

    /// How many sections of the debrief this screen may show: all, except
    /// on the projector, which shows those the facilitator revealed.
    pub fn debrief_tabs_shown(&self) -> usize {
        let all = crate::net::protocol::DEBRIEF_SECTIONS.len();
        match &self.remote {
            Some(r) if r.role == Some(Role::Spectator) => usize::from(r.revealed.unwrap_or(0)).min(all),
            _ => all,
        }
    }
}
