//! A game driven by a server: the client keeps only what the server sends
//! (its own view, the public view, or the facilitator's picture) and sends
//! commands back. The screens are the same as for a local game.

use crate::engine::debrief::Debrief;
use crate::engine::{Command, FeedItem, PublicView, View};
use crate::net::protocol::{ClientMsg, Facilitate, FacilitatorState, Role, ServerMsg};

use super::app::{App, Overlay, Screen};
use super::game::Desk;

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
    pub connected: bool,
    /// Events since the player's last turn, for the resolution screen.
    pub pending: Vec<FeedItem>,
    /// Selection on the facilitator's seat list.
    pub seat_sel: usize,
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
            debrief: None,
            paused: false,
            connected: true,
            pending: Vec::new(),
            seat_sel: 0,
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
                    Role::Player { .. } => Screen::Play,
                    Role::Facilitator => Screen::WhiteCell,
                    Role::Spectator => Screen::Spectator,
                };
                r.role = Some(role);
                self.status = Some((format!("Joined room {room}: {scenario}"), false));
            }
            ServerMsg::View { view } => {
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
            ServerMsg::Public { view } => {
                let mut view = *view;
                if view.feed.is_empty() {
                    if let Some(old) = r.public.as_mut() {
                        view.feed = std::mem::take(&mut old.feed);
                    }
                }
                r.public = Some(view);
            }
            ServerMsg::Facilitator { state } => r.facilitator = Some(*state),
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
            ServerMsg::Error { message, .. } => self.status = Some((message, true)),
            ServerMsg::Paused { paused } => {
                if paused != r.paused {
                    let text = if paused {
                        "The facilitator paused the game"
                    } else {
                        "The game resumes"
                    };
                    self.status = Some((text.into(), paused));
                }
                r.paused = paused;
            }
            ServerMsg::Timer { seconds_left } => r.desk.time_left = seconds_left,
            ServerMsg::Debrief { debrief } => {
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
            ServerMsg::Bye { reason } => {
                r.connected = false;
                self.overlay = Some(Overlay::Message {
                    title: "Disconnected".into(),
                    text: format!("{reason}\n\nRun the same `demarche join` command to come back."),
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
                self.overlay = Some(Overlay::Message {
                    title: "Connection lost".into(),
                    text: format!(
                        "{why}\n\nRun the same `demarche join` command to come back: your actor and view are kept."
                    ),
                });
            }
        }
    }
}
