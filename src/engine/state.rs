//! The game state: everything that changes during play. Serializable, and
//! hashed to check that a replay reproduces a game exactly.

use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::scenario::schema::{CbmKind, Confidence, Layer};

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
    /// How threatened each actor feels by each other beyond the pair's
    /// shared tension, from its own misreadings (`a * actors + b`: `a`'s
    /// view of `b`; 0-100). Perception is directional: a misreading by `a`
    /// raises `a`'s posture toward `b`, not `b`'s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alarm: Vec<i32>,
    pub tracks: Vec<i32>,
    pub flags: Vec<bool>,
    pub fired: Vec<bool>,
    /// Successful actions: (actor, action, turn).
    pub taken: Vec<(usize, usize, u32)>,
    pub attributions: Vec<Attribution>,
    /// Joint statements proposed so far, in the order proposed.
    #[serde(default)]
    pub proposals: Vec<Proposal>,
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
    /// The press mode chosen for this game, if not the scenario's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub press_mode: Option<crate::scenario::schema::PressMode>,
    /// Deals proposed by message (mutual restraint, requests for
    /// assistance), in the order proposed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deals: Vec<super::press::Deal>,
    /// Questions asked through a channel, in the order asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<super::request::Request>,
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
    Act {
        action: usize,
        target: Option<usize>,
    },
    Attribute {
        suspect: usize,
        confidence: Confidence,
        #[serde(default)]
        layer: Layer,
    },
    /// Propose a joint statement; others may sign it next turn.
    Propose {
        suspect: usize,
        layer: Layer,
        confidence: Confidence,
    },
    /// Sign a proposed joint statement, or join one already made.
    Sign {
        proposal: usize,
    },
    /// Take back one's public statement (an index into `attributions`).
    Retract {
        statement: usize,
    },
    /// Restate one's public statement at another confidence or layer.
    Refine {
        statement: usize,
        confidence: Confidence,
        layer: Layer,
    },
}

impl Order {
    /// Whether the order is a public statement (one per turn, and it costs).
    pub fn is_statement(&self) -> bool {
        !matches!(self, Order::Act { .. })
    }
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
    /// Its own private knowledge, held from the start.
    Own,
    /// A tearline it issued from its own TLP:RED or AMBER+STRICT item.
    Tearline,
}

impl Origin {
    /// Found, handed over or known first-hand (not received from a peer).
    pub fn first_hand(self) -> bool {
        matches!(
            self,
            Origin::Discovered | Origin::Inject | Origin::Own | Origin::Tearline
        )
    }
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
    /// The turn of the pair's last consultations, 0 if none.
    #[serde(default)]
    pub consulted: u32,
    /// The last turn the pair stepped down a rung by calming, 0 if none:
    /// no single exchange takes a pair down more than one rung.
    #[serde(default)]
    pub calmed: u32,
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
    /// Set when the truth is revealed (or at once, if it was already):
    /// whether the claim was right at its layer.
    pub judged: Option<bool>,
    /// What was claimed: technique, group or state.
    #[serde(default)]
    pub layer: Layer,
    /// Made after the truth was public: concurring, not attributing.
    #[serde(default)]
    pub after_reveal: bool,
    /// The turn it was retracted, if it was.
    #[serde(default)]
    pub retracted: Option<u32>,
    /// The joint statement it was part of, or joined later.
    #[serde(default)]
    pub proposal: Option<usize>,
}

/// How a public statement stands in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// The truth is not out yet.
    Pending,
    /// Right at its layer, said before the truth came out.
    Correct,
    /// Wrong at its layer.
    Wrong,
    /// Right, but said only after the facts were public.
    Concurred,
    /// Taken back before the truth came out.
    Retracted,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pending => "not yet judged",
            Verdict::Correct => "correct",
            Verdict::Wrong => "wrong",
            Verdict::Concurred => "concurred after the facts were public",
            Verdict::Retracted => "retracted",
        }
    }
}

impl Attribution {
    pub fn verdict(&self) -> Verdict {
        match self.judged {
            Some(true) if self.after_reveal => Verdict::Concurred,
            Some(true) => Verdict::Correct,
            Some(false) => Verdict::Wrong,
            None if self.retracted.is_some() => Verdict::Retracted,
            None => Verdict::Pending,
        }
    }
}

/// A joint statement: proposed by one actor, signed by others before it is
/// made (the turn after it was proposed), joined by supporting statements
/// after. Practice: the UK attributed NotPetya to Russia on 15 February
/// 2018 and allies joined within a day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Proposal {
    pub by: usize,
    pub suspect: usize,
    pub layer: Layer,
    pub confidence: Confidence,
    /// The turn it was proposed.
    pub turn: u32,
    /// Co-signers before it was made, in the order they signed.
    pub signers: Vec<usize>,
    /// Actors who declined to sign.
    pub declined: Vec<usize>,
    /// The turn it was made public, once it was.
    pub made: Option<u32>,
    /// Overtaken by events: the truth came out before it was made.
    #[serde(default)]
    pub lapsed: bool,
}

impl Proposal {
    /// Whether `actor` proposed, signed or declined it.
    pub fn answered_by(&self, actor: usize) -> bool {
        self.by == actor || self.signers.contains(&actor) || self.declined.contains(&actor)
    }
}

impl State {
    pub fn holds(&self, actor: usize, evidence: usize) -> bool {
        self.actors[actor].held.iter().any(|h| h.evidence == evidence)
    }
}
