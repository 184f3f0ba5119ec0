//! The rules of demarche: pure and deterministic. `Game::apply` takes an
//! actor's command and returns what happened; `Game::view` shows an actor
//! what it may see. No IO, no clock, no terminal: the same scenario, seed
//! and commands always give the same game.

mod command;
pub mod confidence_words;
mod consequences;
pub mod debrief;
pub mod describe;
mod describe_escalation;
mod eval;
mod event;
mod exposure_view;
mod hash;
mod orders;
pub mod press;
mod press_orders;
pub mod press_record;
pub mod press_text;
mod press_view;
mod public;
mod record;
mod replay;
pub mod request;
pub mod request_text;
mod request_view;
pub mod rules;
mod state;
mod statement_orders;
mod statement_view;
mod turn;
mod unmet;
mod view;
mod white_cell;

use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::scenario::Scenario;

pub use command::{Command, Move, RuleError, WhiteCell, WHITE_CELL};
pub use event::{Event, EventKind, NormList, Outcome, RungCause};
pub use orders::Unavailable;
pub use press::{Deal, DealTerms, Pick, ProposalRef, Reason, Terms};
pub use press_view::{DealView, MessageView, OpenProposal, PressView};
pub use public::{Common, PublicView};
pub use replay::{Author, GameLog, Logged, LoggedCommand, ReplayError};
pub use request::{Answered, Excuse, Reply, ReplyPick, Request};
pub use request_view::RequestView;
pub use rules::norms::NormTally;
pub use state::{ActorState, Attribution, Held, Order, Origin, Proposal, Rel, State, Verdict};
pub use statement_orders::StatementRefusal;
pub use statement_view::{ProposalView, StatementView};
pub use view::{
    ActionOption, ActorSummary, FeedItem, HeldView, Perspective, RelationView, SuspectView, TrackView, View,
};

/// A game in progress: the scenario it plays and its state.
#[derive(Debug, Clone)]
pub struct Game {
    scenario: Arc<Scenario>,
    state: State,
}

impl Game {
    /// Start a game. The seed decides every chance roll.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Game {
        let state = State {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            turn: 1,
            ending: None,
            actors: Vec::new(),
            relations: Vec::new(),
            alarm: Vec::new(),
            tracks: Vec::new(),
            flags: Vec::new(),
            fired: Vec::new(),
            taken: Vec::new(),
            attributions: Vec::new(),
            proposals: Vec::new(),
            truth_revealed: false,
            stopped: false,
            events: Vec::new(),
            rung_history: Vec::new(),
            track_history: Vec::new(),
            press_mode: None,
            deals: Vec::new(),
            requests: Vec::new(),
        };
        let mut game = Game { scenario, state };
        game.restart(seed);
        game
    }

    /// Start the same scenario again with another seed: the game `new`
    /// would start, in the lists this one already has (for many games in
    /// a row without allocating each anew).
    pub fn restart(&mut self, seed: u64) {
        let s = &self.scenario;
        let n = s.actor_count();
        // Room for a typical game, so the lists seldom grow while it plays.
        let turns = s.file.turns as usize + 1;
        let st = &mut self.state;
        st.seed = seed;
        st.rng = ChaCha8Rng::seed_from_u64(seed);
        st.turn = 1;
        st.ending = None;
        st.actors.truncate(n);
        st.actors.resize_with(n, || ActorState {
            resources: 0,
            credibility: 0,
            committed: false,
            orders: Vec::new(),
            held: Vec::new(),
            used: Vec::new(),
            offers: Vec::new(),
        });
        for (a, def) in st.actors.iter_mut().zip(&s.file.actors) {
            a.resources = def.resources;
            a.credibility = def.credibility;
            a.committed = false;
            a.orders.clear();
            a.held.clear();
            a.held.reserve(s.evidence.len());
            a.used.clear();
            a.offers.clear();
            a.offers.resize(n, 0);
        }
        st.relations.clear();
        st.relations.extend(s.relations.iter().map(|r| Rel {
            trust: r.trust,
            tension: r.tension,
            rung: r.rung,
            channels: r.channels,
            consulted: 0,
            calmed: 0,
        }));
        st.alarm.clear();
        st.alarm.resize(n * n, 0);
        st.tracks.clear();
        st.tracks.extend(s.file.tracks.iter().map(|t| t.start));
        st.flags.clear();
        st.flags.extend(s.file.flags.iter().map(|f| f.start));
        st.fired.clear();
        st.fired.resize(s.injects.len(), false);
        st.taken.clear();
        st.taken.reserve(turns * n);
        st.attributions.clear();
        st.proposals.clear();
        st.press_mode = None;
        st.deals.clear();
        st.requests.clear();
        st.truth_revealed = false;
        st.stopped = false;
        st.events.clear();
        st.events.reserve(turns * n * 4);
        st.rung_history.clear();
        st.rung_history.reserve(turns);
        st.track_history.clear();
        st.track_history.reserve(turns);
        for (a, known) in s.knows.iter().enumerate() {
            for &e in known {
                if st.actors[a].held.iter().any(|h| h.evidence == e) {
                    continue;
                }
                st.actors[a].held.push(Held {
                    evidence: e,
                    origin: Origin::Own,
                    turn: 1,
                });
            }
        }
        self.record_history();
        self.start_turn();
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The full state, secrets included: for saves, the debrief and tests.
    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn turn(&self) -> u32 {
        self.state.turn
    }

    pub fn is_over(&self) -> bool {
        self.state.ending.is_some() || self.state.stopped
    }

    /// The ending reached, if the game is over.
    pub fn ending(&self) -> Option<usize> {
        self.state.ending
    }

    /// Index of an actor by id.
    pub fn actor_index(&self, id: &str) -> Result<usize, RuleError> {
        self.scenario
            .actor_ix
            .get(id)
            .copied()
            .ok_or_else(|| RuleError::UnknownActor(id.to_string()))
    }

    /// Actors that have not yet committed this turn.
    pub fn waiting_for(&self) -> Vec<usize> {
        if self.is_over() {
            return Vec::new();
        }
        (0..self.state.actors.len())
            .filter(|&a| !self.state.actors[a].committed)
            .collect()
    }

    /// What this actor may see, borrowed: cheap, for bots.
    pub fn perspective(&self, actor: usize) -> Perspective<'_> {
        Perspective::new(self, actor)
    }

    /// What this actor may see, as an owned, serializable value.
    pub fn view(&self, actor: usize) -> View {
        self.perspective(actor).to_view()
    }

    /// A hash of the whole state: equal hashes mean identical games.
    pub fn state_hash(&self) -> u64 {
        hash::state_hash(&self.state)
    }

    /// Rebuild a game from a saved state. The scenario must be the one it was
    /// played with.
    pub fn from_state(scenario: Arc<Scenario>, state: State) -> Game {
        Game { scenario, state }
    }

    fn record_history(&mut self) {
        let rungs = self.state.relations.iter().map(|r| r.rung.min(255) as u8).collect();
        self.state.rung_history.push(rungs);
        self.state.track_history.push(self.state.tracks.clone());
    }

    fn push(&mut self, public: bool, seen_by: u64, kind: EventKind) {
        self.state.events.push(Event {
            turn: self.state.turn,
            public,
            seen_by,
            kind,
        });
    }

    fn push_public(&mut self, kind: EventKind) {
        self.push(true, 0, kind);
    }

    fn push_to(&mut self, actors: &[usize], kind: EventKind) {
        let mask = actors.iter().fold(0u64, |m, &a| m | (1u64 << a));
        self.push(false, mask, kind);
    }

    /// A roll from the seeded RNG: true with `percent` chance.
    fn roll(&mut self, percent: u32) -> bool {
        use rand::Rng;
        if percent >= 100 {
            return true;
        }
        if percent == 0 {
            return false;
        }
        self.state.rng.gen_range(0..100) < percent
    }
}

/// Bit mask of one actor.
pub fn bit(actor: usize) -> u64 {
    1u64 << actor
}
