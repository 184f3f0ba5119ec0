//! A hosted room's changes of settings, as lines of its log: each change
//! the facilitator (or the host at a restart) makes is one more record,
//! so restoring a room is reading its log from the top.

use serde::{Deserialize, Serialize};

use crate::bots::Policy;

/// The debrief's sections, in the order the facilitator shows them on the
/// projector (`reveal`): the first `sections` of these are shown.
pub const DEBRIEF_SECTIONS: [&str; 7] = [
    "Outcome",
    "Timeline",
    "Escalation",
    "Norms",
    "Attribution",
    "Questions",
    "Messages",
];

/// One change to a hosted room, with when and by whom.
///
/// On disk: `{"room":{"change":"pause"},"at":1764489600000,"by":"White cell"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomRecord {
    pub room: RoomChange,
    /// Wall-clock time of the host, in milliseconds since 1970-01-01 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<u64>,
    /// Who made the change: the facilitator's join name, if they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// How many of the log's commands come before this record (its place
    /// in the file; not written).
    #[serde(skip)]
    pub after: usize,
}

/// A change of a hosted room's settings, or a facilitator's action that
/// changes no setting but belongs in the record (`extend_timer`, `kick`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RoomChange {
    /// The facilitator paused the game.
    Pause,
    /// The facilitator resumed the game.
    Resume,
    /// Seconds per turn from now on; none removes the timer.
    TurnTimer { seconds: Option<u64> },
    /// Seconds added to the running turn.
    ExtendTimer { seconds: u64 },
    /// What happens to players who let the clock run out: a stand-in bot
    /// moves for them (`bot`), or the turn resolves without them.
    OnTimeout { bot: bool },
    /// An actor handed to a bot with this policy, or back to a person.
    Seat { actor: String, bot: Option<Policy> },
    /// A connection closed by the facilitator.
    Kick {
        connection: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// The facilitator revoked the join code of `of` (an actor id, its
    /// players' code; `observer:ID`, that actor's observers'; or
    /// `spectator`) and issued `code` in its place.
    Revoke { of: String, code: String },
    /// The host issued a code the log's header lacks (`of` as in
    /// `Revoke`): a log written before observers had codes gets them once.
    Issued { of: String, code: String },
    /// The facilitator showed the projector the first `sections` sections
    /// of the debrief (0: hid it).
    Reveal { sections: u8 },
    /// The server was started again from this log, listening on `bind`
    /// (and for SSH on `ssh`, if it served SSH).
    Resumed {
        bind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        public_url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ssh: Option<String>,
    },
}

/// The host's wall clock, in milliseconds since 1970-01-01 UTC (0 if the
/// clock is before that).
pub fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
