//! The game state: everything that changes during play. Serializable, and
//! hashed to check that a replay reproduces a game exactly.

use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::scenario::schema::{CbmKind, Confidence};

use super::event::Event;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    pub seed: u64,
    pub rng: ChaCha8Rng,
    /// The current turn, from 1.
    pub turn: u32,
    /// The ending reached, once the game is over.
    pub ending: Option<usize>,
    pub actors: Vec<ActorState>,
    /// One per unordered pair, see `Scenario::pair`.
    pub relations: Vec<Rel>,
    pub tracks: Vec<i32>,
    pub flags: Vec<bool>,
    pub fired: Vec<bool>,
    /// Successful actions: (actor, action, turn).
    pub taken: Vec<(usize, usize, u32)>,
    pub attributions: Vec<Attribution>,
    pub truth_revealed: bool,
    /// The facilitator ended the game before any ending was reached.
    #[serde(default)]
    pub stopped: bool,
    /// Every event of the game, each marked with who may see it.
    pub events: Vec<Event>,
    /// Rung of every pair at the end of each turn; entry 0 is the start.
    pub rung_history: Vec<Vec<u8>>,
    /// Track values at the end of each turn; entry 0 is the start.
    pub track_history: Vec<Vec<i32>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ActorState {
    pub resources: i32,
    pub credibility: i32,
    pub committed: bool,
    /// Moves chosen this turn, resolved when every actor has committed.
    pub orders: Vec<Order>,
    pub held: Vec<Held>,
    /// Actions marked `once` already used.
    pub used: Vec<usize>,
    /// Confidence-building measures this actor has offered, per actor
    /// (bit set of `CbmKind`).
    pub offers: Vec<u8>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Order {
    Act { action: usize, target: Option<usize> },
    Attribute { suspect: usize, confidence: Confidence },
}

/// How an actor came to hold an evidence item.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Origin {
    /// Found by its own action.
    Discovered,
    /// Handed over by an inject.
    Inject,
    /// Shared by another actor.
    SharedBy(usize),
    /// Published for all.
    Published,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Held {
    pub evidence: usize,
    pub origin: Origin,
    pub turn: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Rel {
    pub trust: i32,
    pub tension: i32,
    pub rung: usize,
    /// Lasting confidence-building measures in force (bit set of `CbmKind`).
    pub channels: u8,
}

impl Rel {
    pub fn has(&self, k: CbmKind) -> bool {
        self.channels & cbm_bit(k) != 0
    }
}

pub fn cbm_bit(k: CbmKind) -> u8 {
    1 << (k as u8)
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Attribution {
    pub actor: usize,
    pub suspect: usize,
    pub stated: Confidence,
    /// The actor's own confidence when it spoke, from the evidence it held.
    pub held: Option<Confidence>,
    pub turn: u32,
    /// Other actors who named the same suspect on the same turn.
    pub joint_with: Vec<usize>,
    /// Set when the truth is revealed.
    pub judged: Option<bool>,
}

impl State {
    pub fn holds(&self, actor: usize, evidence: usize) -> bool {
        self.actors[actor].held.iter().any(|h| h.evidence == evidence)
    }
}
