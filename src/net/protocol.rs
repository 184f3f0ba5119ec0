//! The wire protocol: JSON messages over websocket, one per text frame.
//! Client and server share these types, so they cannot drift apart.
//! Documented with an example of every message in docs/protocol.md.

use serde::{Deserialize, Serialize};

use crate::bots::Policy;
use crate::engine::debrief::Debrief;
use crate::engine::{Command, FeedItem, PublicView, View};

/// Bumped on any incompatible change; sent in `hello` and `welcome`.
pub const PROTOCOL_VERSION: u32 = 1;
/// Largest frame or message accepted, in bytes.
pub const MAX_MESSAGE: usize = 64 * 1024;

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
    Player { actor: String },
    Facilitator,
    Spectator,
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
    Timer {
        seconds_left: Option<u64>,
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
    pub turn_seconds: Option<u64>,
    pub on_timeout: Timeout,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionInfo {
    pub connection: u64,
    pub role: Role,
    pub name: Option<String>,
}
