//! What a networked screen says while its connection to the server is
//! down: why (the server's goodbye, or a lost connection), that it comes
//! back on its own, and that the turn clock is stopped until the server
//! tells the time again. Every screen and dialog reads it from here: the
//! footer, the headers' clocks, and a banner over full-screen dialogs.

use super::remote::Remote;

/// The clock in a header while not connected: the server keeps the time,
/// and nobody here knows it until it says so again.
pub const CLOCK_STOPPED: &str = "⏱ — not connected";

/// The clock where the header already says the connection is down.
pub const CLOCK_UNKNOWN: &str = "⏱ —";

/// The white cell's header state while not connected.
pub const STATE_LOST: &str = "NOT CONNECTED · clock stopped";

/// The projector's clock panel while not connected.
pub const CLOCK_STOPPED_PANEL: &str = "Clock stopped: not connected";

/// Why the connection is down when the client was not told.
pub const LOST: &str = "the connection to the server was lost";

/// The status line at the start of a new turn, for a player: the last
/// turn's words (committed, waiting) no longer hold.
pub fn new_turn(turn: u32, turns: u32) -> String {
    format!("Turn {turn}/{turns} begins: your orders are open")
}

impl Remote {
    /// The notice every screen shows while the connection is down, or
    /// `None` while connected: "⚠ Not connected, reconnecting on its own:
    /// the server is shutting down; the game is saved" (what it does first,
    /// as narrow windows cut the end). After a final
    /// goodbye it says how to come back instead.
    pub fn link_notice(&self) -> Option<String> {
        if self.connected {
            return None;
        }
        Some(match &self.ended {
            Some(why) => format!("⚠ Disconnected: {why} · run the same `demarche join` command to come back"),
            None => format!(
                "⚠ Not connected, reconnecting on its own: {}",
                self.lost.as_deref().unwrap_or(LOST)
            ),
        })
    }

    /// Whether the turn clock counts here: connected, not paused, and not
    /// waiting for the first player.
    pub fn clock_runs(&self) -> bool {
        self.connected && !self.paused && !self.clock_waits
    }
}
