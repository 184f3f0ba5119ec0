//! The wire protocol: JSON messages over websocket, one per text frame.
//! Client and server share these types, so they cannot drift apart.
//! Documented with an example of every message in docs/protocol.md.

use serde::{Deserialize, Serialize};

use crate::bots::Policy;
use crate::engine::debrief::{Debrief, TimelineEntry};
use crate::engine::{Command, FeedItem, PublicView, View};

/// Bumped on any incompatible change; sent in `hello` and `welcome`.
pub const PROTOCOL_VERSION: u32 = 1;
/// Largest frame or message accepted, in bytes.
pub const MAX_MESSAGE: usize = 64 * 1024;
/// About the most bytes of feed items or timeline entries the server puts
/// in one message: a longer feed or timeline goes in several (`pages`).
pub const PAGE_BYTES: usize = 64 * 1024;

pub use crate::session::room_record::DEBRIEF_SECTIONS;

/// Goodbyes after which coming back would be wrong: the facilitator or
/// another connection ended this one, the code was replaced, or the
/// client misbehaved. After any other goodbye (the server restarting, a
/// silence) and after a lost connection, a client should reconnect.
const FINAL: [&str; 4] = [
    "another connection",
    "facilitator closed",
    "replaced this join code",
    "too many messages",
];

/// Whether a `bye` with this reason ends the session for good.
pub fn is_final(reason: &str) -> bool {
    FINAL.iter().any(|f| reason.contains(f))
}

/// Split `items` into pages of about `PAGE_BYTES` each (by the length of
/// their text, `size`), in order; a page holds at least one item.
pub fn pages<T>(items: Vec<T>, size: impl Fn(&T) -> usize) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut bytes: usize = 0;
    for item in items {
        let n = size(&item).saturating_add(64);
        match out.last_mut() {
            Some(page) if bytes.saturating_add(n) <= PAGE_BYTES => page.push(item),
            _ => {
                out.push(vec![item]);
                bytes = 0;
            }
        }
        bytes = bytes.saturating_add(n);
    }
    out
}

/// The bytes of text in a feed item, for `pages`.
pub fn feed_size(f: &FeedItem) -> usize {
    f.headline.len() + f.text.len()
}

/// The bytes of text in a timeline entry, for `pages`.
pub fn timeline_size(t: &TimelineEntry) -> usize {
    t.headline.len() + t.text.len() + t.seen_by.len()
}

/// The bytes of text in a letter of the correspondence, for `pages`.
pub fn letter_size(l: &crate::engine::press_record::Letter) -> usize {
    l.text.len() + l.from_name.len() + l.to_names.iter().map(String::len).sum::<usize>()
}

/// From a client to the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The first message: the join code says who this connection is.
    Hello {
        protocol: u32,
        code: String,
        #[serde(default)]
        name: Option<String>,
    },
    /// A player's command for its own actor.
    Command {
        #[serde(default)]
        id: u64,
        command: Command,
    },
    /// A facilitator's command.
    Facilitate {
        #[serde(default)]
        id: u64,
        command: Facilitate,
    },
    Ping {
        #[serde(default)]
        id: u64,
    },
    /// The delegation member holding the pen hands it to another player
    /// connection of the same actor.
    PassPen {
        #[serde(default)]
        id: u64,
        to: u64,
    },
    /// A draft note for the rest of the delegation (any player of the actor).
    Note {
        #[serde(default)]
        id: u64,
        text: String,
    },
}

/// What the facilitator ("white cell") may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Facilitate {
    Pause,
    Resume,
    /// Seconds per turn from now on; 0 removes the timer.
    SetTimer {
        seconds: u64,
    },
    /// Add seconds to the running turn.
    ExtendTimer {
        seconds: u64,
    },
    /// What happens to players who have not committed when time runs out.
    OnTimeout {
        then: Timeout,
    },
    /// An inject written on the spot; no audience means public news.
    Inject {
        headline: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        audience: Vec<String>,
    },
    /// Resolve the turn now.
    ForceResolve,
    /// Hand an actor to a bot, or back to its player.
    SetSeat {
        actor: String,
        seat: Seat,
    },
    /// Close a connection.
    Kick {
        connection: u64,
    },
    /// End the game: everyone gets the debrief.
    EndGame,
    /// Replace a join code with a new one, closing the connections that
    /// used it: `code_of` is an actor id, `observer:ID` or `spectator`.
    Revoke {
        code_of: String,
    },
    /// Write as an actor the white cell plays; `to` empty: everyone.
    Message {
        from: String,
        #[serde(default)]
        to: Vec<String>,
        text: String,
    },
    /// How much press the game allows from now on.
    Press {
        mode: crate::scenario::schema::PressMode,
    },
    /// Once the game is over: show the projector (spectators) the first
    /// `sections` sections of the debrief (`DEBRIEF_SECTIONS`); 0 hides it.
    Reveal {
        sections: u8,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeout {
    /// Their turn resolves with no move.
    NoMove,
    /// A bot moves for them this turn.
    Bot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Seat {
    Human,
    Bot { policy: Policy },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    Player {
        actor: String,
    },
    Facilitator,
    Spectator,
    /// Shadows one actor's view without acting (an evaluator).
    Observer {
        actor: String,
    },
}

/// From the server to a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    Welcome {
        protocol: u32,
        room: usize,
        connection: u64,
        #[serde(flatten)]
        role: Role,
        scenario: String,
    },
    /// A player's own view: sent on joining and whenever it changes.
    View {
        view: Box<View>,
    },
    /// New events for this client since the last message, oldest first.
    Events {
        items: Vec<FeedItem>,
    },
    /// Earlier events, newest first, that go at the end of the feed the
    /// client holds: the rest of the feed of a first `view` or `public`.
    FeedPage {
        items: Vec<FeedItem>,
    },
    /// Entries of the debrief's timeline, oldest first, that go at the end
    /// of the timeline the client holds. `facilitator` and `debrief`
    /// messages carry an empty timeline; the entries come here.
    Timeline {
        items: Vec<TimelineEntry>,
    },
    /// Letters of the debrief's correspondence (every message of the game,
    /// revealed), oldest first, that go at the end of the correspondence
    /// the client holds: `facilitator` and `debrief` messages carry an
    /// empty one. The facilitator gets each message as it is written.
    Letters {
        items: Vec<crate::engine::press_record::Letter>,
    },
    /// The public view, for spectators.
    Public {
        view: Box<PublicView>,
    },
    /// Everything, for the facilitator.
    Facilitator {
        state: Box<FacilitatorState>,
    },
    /// Who has not yet committed this turn.
    Waiting {
        actors: Vec<String>,
    },
    Ack {
        id: u64,
    },
    Error {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<u64>,
        code: ErrorCode,
        message: String,
    },
    Paused {
        paused: bool,
    },
    /// The turn clock: the time left, None without one. `waits`: the
    /// clock has not started, as no player is connected (a room nobody
    /// has joined yet); `seconds_left` is the time it will start with
    /// when the first player arrives, and clients do not count it down.
    Timer {
        seconds_left: Option<u64>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        waits: bool,
    },
    /// The after-action review, sent to everyone once the game is over.
    Debrief {
        debrief: Box<Debrief>,
    },
    Pong {
        id: u64,
    },
    /// The server is closing this connection.
    Bye {
        reason: String,
    },
    /// Who holds an actor's view on this server: sent to each of them when
    /// someone comes, goes, or the pen passes.
    Delegation {
        actor: String,
        members: Vec<Member>,
    },
    /// A draft note from a member of the delegation.
    Note {
        from: u64,
        name: Option<String>,
        text: String,
    },
    /// To the facilitator: the new code after `revoke`.
    Code {
        of: String,
        code: String,
    },
    /// To spectators, after the `debrief`: how many of its sections
    /// (`DEBRIEF_SECTIONS`, in order) the facilitator has revealed; 0: none
    /// (the projector goes back to the game).
    Reveal {
        sections: u8,
    },
}

/// One connection holding an actor's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub connection: u64,
    pub name: Option<String>,
    /// Holds the pen: may act and commit for the actor.
    pub pen: bool,
    /// An observer, who sees but does not act.
    pub observer: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadMessage,
    TooLarge,
    RateLimited,
    BadCode,
    Protocol,
    NotAllowed,
    Rejected,
    Paused,
    /// The server or the client's address holds all the connections it may.
    Full,
}

/// The facilitator's picture of a room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilitatorState {
    pub room: usize,
    pub paused: bool,
    pub seconds_left: Option<u64>,
    /// The clock waits for the first player to connect (as in `Timer`).
    #[serde(default)]
    pub clock_waits: bool,
    pub turn_seconds: Option<u64>,
    pub on_timeout: Timeout,
    /// Sections of the debrief the projector shows (`reveal`).
    #[serde(default)]
    pub revealed: u8,
    pub seats: Vec<SeatInfo>,
    pub connections: Vec<ConnectionInfo>,
    /// The whole game so far, secrets included.
    pub debrief: Debrief,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatInfo {
    pub actor: String,
    pub name: String,
    pub seat: Seat,
    pub connected: bool,
    pub player: Option<String>,
    pub committed: bool,
    /// The connection holding the pen, if a player is connected.
    #[serde(default)]
    pub pen: Option<u64>,
    /// Player connections of the actor (the delegation's size).
    #[serde(default)]
    pub players: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionInfo {
    pub connection: u64,
    pub role: Role,
    pub name: Option<String>,
}
