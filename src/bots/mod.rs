//! Bots: policies that choose commands from an actor's view, as a person
//! would, and never from anything else. Deterministic per seed.

mod answers;
mod cautious;
pub mod company;
mod cooperative;
mod game;
mod hawkish;
mod scoring;
mod script;

use std::fmt;
use std::str::FromStr;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::engine::rules::attribution::Weight;
use crate::engine::{Command, Move, Perspective};
use crate::scenario::compiled::in_set;
use crate::scenario::schema::Layer;

pub use game::{play, Table};
pub use scoring::Temperament;
pub use script::{Script, Seat};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Builds channels, shares evidence, calms tension, attributes when sure.
    Cooperative,
    /// Answers pressure with pressure, attributes early and loudly.
    Hawkish,
    /// Follows the norms, investigates, attributes only with high confidence.
    Cautious,
}

impl Policy {
    pub const ALL: [Policy; 3] = [Policy::Cooperative, Policy::Hawkish, Policy::Cautious];

    /// The bot an actor gets by default, the `i`-th seat of its scenario:
    /// the scenario's `bot:` for the actor if it sets one; otherwise by
    /// role. States and companies rotate through the three policies by seat;
    /// CERTs, international organisations and civil society never play
    /// hawkish (a national CERT or the OSCE does not retaliate): cautious
    /// or cooperative, alternating by seat.
    pub fn for_actor(actor: &crate::scenario::schema::Actor, i: usize) -> Policy {
        use crate::scenario::schema::{ActorKind, BotStyle};
        match (actor.bot, actor.kind) {
            (Some(BotStyle::Cooperative), _) => Policy::Cooperative,
            (Some(BotStyle::Hawkish), _) => Policy::Hawkish,
            (Some(BotStyle::Cautious), _) => Policy::Cautious,
            (None, ActorKind::State | ActorKind::Company) => Policy::ALL[i % 3],
            (None, ActorKind::Cert | ActorKind::IntlOrg | ActorKind::CivilSociety) => {
                [Policy::Cautious, Policy::Cooperative][i % 2]
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Policy::Cooperative => "cooperative",
            Policy::Hawkish => "hawkish",
            Policy::Cautious => "cautious",
        }
    }

    pub fn temperament(self) -> Temperament {
        match self {
            Policy::Cooperative => cooperative::TEMPERAMENT,
            Policy::Hawkish => hawkish::TEMPERAMENT,
            Policy::Cautious => cautious::TEMPERAMENT,
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cooperative" | "coop" => Ok(Policy::Cooperative),
            "hawkish" | "hawk" => Ok(Policy::Hawkish),
            "cautious" => Ok(Policy::Cautious),
            other => Err(format!(
                "unknown bot policy `{other}`: expected cooperative, hawkish or cautious"
            )),
        }
    }
}

/// A bot playing one actor.
#[derive(Debug, Clone)]
pub struct Bot {
    pub policy: Policy,
    temperament: Temperament,
    rng: ChaCha8Rng,
    /// Per evidence item, the actors it was already shared with (bit set).
    shared: Vec<u64>,
    /// Per policy, the actions the scenario lets this actor take, each with
    /// the part of its score that never changes (see `my_actions`), and the
    /// scenario's number of actions when they were listed. Kept when the bot
    /// plays again (`restart`).
    mine: [Listed; 3],
    /// Weight of evidence per suspect, refilled every turn.
    weights: Vec<Weight>,
    /// Times it tried each action this game (saturating).
    tried: Vec<u8>,
}

/// A bot's own actions with their fixed scores, listed for a scenario with
/// `for_actions` actions.
#[derive(Debug, Clone, Default)]
struct Listed {
    for_actions: Option<usize>,
    actions: Vec<(usize, f32)>,
}

impl Bot {
    pub fn new(policy: Policy, seed: u64, actor: usize) -> Bot {
        Bot {
            policy,
            temperament: policy.temperament(),
            rng: ChaCha8Rng::seed_from_u64(Bot::seed(seed, actor)),
            shared: Vec::with_capacity(64),
            mine: Default::default(),
            weights: Vec::new(),
            tried: Vec::new(),
        }
    }

    /// Play a new game of the same scenario as the same actor: the bot
    /// `new` would make, keeping what it worked out about the actions.
    pub fn restart(&mut self, policy: Policy, seed: u64, actor: usize) {
        self.policy = policy;
        self.temperament = policy.temperament();
        self.rng = ChaCha8Rng::seed_from_u64(Bot::seed(seed, actor));
        self.shared.clear();
        self.tried.clear();
    }

    /// Remember that this actor already shared `evidence` with the actors
    /// in `with` (a bit set by actor index), as a game's log shows, so the
    /// bot does not share it with them again.
    pub fn already_shared(&mut self, evidence: usize, with: u64) {
        if self.shared.len() <= evidence {
            self.shared.resize(evidence + 1, 0);
        }
        self.shared[evidence] |= with;
    }

    fn seed(seed: u64, actor: usize) -> u64 {
        seed ^ (actor as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The commands for this turn, ending with `Commit`.
    pub fn choose(&mut self, view: &Perspective<'_>) -> Vec<Command> {
        let mut moves = Vec::new();
        self.decide(view, &mut moves);
        moves.into_iter().map(|m| view.command(m)).collect()
    }

    /// Answers to the proposals waiting for this bot, at any moment of a
    /// turn (deals can be answered after committing): for games where a
    /// person proposes and expects an answer before the turn ends.
    pub fn respond(&mut self, view: &Perspective<'_>) -> Vec<Command> {
        if view.is_over() {
            return Vec::new();
        }
        let mut weights = std::mem::take(&mut self.weights);
        view.weights_into(&mut weights);
        let prime = scoring::prime_suspect(view, &weights);
        let mut out = Vec::new();
        answers::answers(&self.temperament, view, &weights, &prime, &mut out);
        answers::replies(self.policy, view, &mut out);
        self.weights = weights;
        out.into_iter().map(|m| view.command(m)).collect()
    }

    /// `choose` by index, into a buffer the caller keeps (cleared first):
    /// what headless games use, with nothing to look up or allocate.
    pub fn decide(&mut self, view: &Perspective<'_>, out: &mut Vec<Move>) {
        out.clear();
        if view.is_over() || view.committed() {
            return;
        }
        let mut weights = std::mem::take(&mut self.weights);
        view.weights_into(&mut weights);
        let mine = &mut self.mine[self.policy as usize];
        if mine.for_actions != Some(view.action_count()) {
            mine.for_actions = Some(view.action_count());
            mine.actions = scoring::my_actions(&self.temperament, view);
        }
        let prime = scoring::prime_suspect(view, &weights);
        self.share(view, prime.actor, out);
        answers::answers(&self.temperament, view, &weights, &prime, out);
        answers::replies(self.policy, view, out);
        if self.tried.len() != view.action_count() {
            self.tried.clear();
            self.tried.resize(view.action_count(), 0);
        }
        let sit = scoring::Situation {
            tried: &self.tried,
            evidence_against: scoring::evidence_against(view, &weights),
            culprit: view.responsible(),
            exposed: view.named_publicly(),
            unsure: !view.responsible()
                && !view.truth_revealed()
                && prime
                    .confidence
                    .is_none_or(|c| c < scoring::speaks_at(&self.temperament, view.kind(), Layer::Group)),
        };
        let noise = self.temperament.noise;
        let rng = &mut self.rng;
        let mut best: Option<(f32, Move)> = None;
        let mine = &self.mine[self.policy as usize].actions;
        scoring::candidates(&self.temperament, view, &weights, prime, mine, &sit, |score, choice| {
            let s = score + rng.gen::<f32>() * noise;
            if s > 0.0 && best.is_none_or(|b| s > b.0) {
                best = Some((s, choice));
            }
        });
        if let Some((_, choice)) = best {
            if let Move::Act { action, .. } = choice {
                if let Some(n) = self.tried.get_mut(action) {
                    *n = n.saturating_add(1);
                }
            }
            out.push(choice);
        }
        out.push(Move::Commit);
        self.weights = weights;
    }

    /// Share what it may with those it trusts, never with the actor behind
    /// its prime suspect; issue a tearline of TLP:RED or AMBER+STRICT items
    /// so that what they show can reach them too.
    fn share(&mut self, view: &Perspective<'_>, prime: Option<usize>, out: &mut Vec<Move>) {
        let t = self.temperament;
        let n = view.actor_count();
        let everyone = (1u64 << n) - 1;
        // Whom it trusts enough to share with at all, the prime suspect aside.
        let trusted = (0..n)
            .filter(|&to| to != view.me() && Some(to) != prime)
            .filter(|&to| view.relation(to).is_some_and(|r| r.trust >= t.share_trust))
            .fold(0u64, |m, to| m | (1u64 << to));
        for h in view.held() {
            // The actor behind the incident keeps what points its way.
            if view.responsible() && view.incriminates_me(h.evidence) {
                continue;
            }
            if self.shared.len() <= h.evidence {
                self.shared.resize(h.evidence + 1, 0);
            }
            if self.shared[h.evidence] | (1u64 << view.me()) == everyone {
                continue;
            }
            // Items marked RED or AMBER+STRICT, or received AMBER, never move on.
            if let Some((_, _, _, tlp)) = view.evidence_facts(h.evidence) {
                let received = !h.origin.first_hand();
                if tlp >= crate::scenario::schema::Tlp::AmberStrict
                    || (tlp == crate::scenario::schema::Tlp::Amber && received)
                {
                    self.shared[h.evidence] = everyone;
                }
                // What would help those it trusts goes out as a tearline:
                // a sanitised derivative at a wider TLP, shared next turn.
                if trusted != 0 && view.tearline_open(h.evidence).is_some() {
                    out.push(Move::Tearline { evidence: h.evidence });
                }
            }
            let open = trusted & !self.shared[h.evidence];
            let with = (0..n)
                .filter(|&to| in_set(open, to) && view.may_share(h.evidence, to))
                .fold(0u64, |m, to| m | (1u64 << to));
            if with == 0 {
                continue;
            }
            self.shared[h.evidence] |= with;
            out.push(Move::Share {
                evidence: h.evidence,
                with,
            });
        }
    }
}

/// Policies for every actor of a game. With no list, each actor's default
/// as `play` gives it ([`Policy::for_actor`]: the scenario's `bot:`, else
/// by role and seat); otherwise drawn per actor from the list with the
/// game's seed (a single policy gives everyone that policy).
pub fn assign(policies: &[Policy], actors: &[crate::scenario::schema::Actor], seed: u64) -> Vec<Policy> {
    if policies.is_empty() {
        return actors
            .iter()
            .enumerate()
            .map(|(i, a)| Policy::for_actor(a, i))
            .collect();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB07_5EED);
    actors
        .iter()
        .map(|_| policies[rng.gen_range(0..policies.len())])
        .collect()
}
