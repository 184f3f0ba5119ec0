//! Bots: policies that choose commands from an actor's view, as a person
//! would, and never from anything else. Deterministic per seed.

mod cautious;
mod cooperative;
mod game;
mod hawkish;
mod scoring;

use std::fmt;
use std::str::FromStr;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::engine::{Command, Perspective};

pub use game::play;
pub use scoring::Temperament;

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
    /// (evidence, recipient) pairs already shared, to avoid repeating itself.
    shared: Vec<(usize, usize)>,
}

impl Bot {
    pub fn new(policy: Policy, seed: u64, actor: usize) -> Bot {
        let mix = seed ^ (actor as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Bot {
            policy,
            temperament: policy.temperament(),
            rng: ChaCha8Rng::seed_from_u64(mix),
            shared: Vec::new(),
        }
    }

    /// The commands for this turn, ending with `Commit`.
    pub fn choose(&mut self, view: &Perspective<'_>) -> Vec<Command> {
        let mut out = Vec::new();
        if view.is_over() || view.committed() {
            return out;
        }
        self.share(view, &mut out);
        let noise = self.temperament.noise;
        let mut best: Option<(f32, scoring::Choice)> = None;
        for (score, choice) in scoring::candidates(&self.temperament, view) {
            let s = score + self.rng.gen::<f32>() * noise;
            if s > 0.0 && best.is_none_or(|b| s > b.0) {
                best = Some((s, choice));
            }
        }
        if let Some((_, choice)) = best {
            out.push(choice.command(view));
        }
        out.push(Command::Commit);
        out
    }

    fn share(&mut self, view: &Perspective<'_>, out: &mut Vec<Command>) {
        let t = self.temperament;
        let prime = scoring::prime_suspect_actor(view);
        for h in view.held() {
            let mut with = Vec::new();
            for to in 0..view.actor_count() {
                if to == view.me() || Some(to) == prime || self.shared.contains(&(h.evidence, to)) {
                    continue;
                }
                let trust = view.relation(to).map_or(0, |r| r.trust);
                if trust >= t.share_trust && view.may_share(h.evidence, to) {
                    with.push(to);
                }
            }
            if with.is_empty() {
                continue;
            }
            for &to in &with {
                self.shared.push((h.evidence, to));
            }
            out.push(Command::Share {
                evidence: view
                    .scenario_id(crate::engine::view_ids::IdKind::Evidence, h.evidence)
                    .to_string(),
                with: with
                    .iter()
                    .map(|&a| view.scenario_id(crate::engine::view_ids::IdKind::Actor, a).to_string())
                    .collect(),
            });
        }
    }
}

/// Policies for every actor of a game: from the given list, drawn per actor
/// with the game's seed (a single policy gives everyone that policy).
pub fn assign(policies: &[Policy], actors: usize, seed: u64) -> Vec<Policy> {
    let list = if policies.is_empty() {
        &Policy::ALL[..]
    } else {
        policies
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB07_5EED);
    (0..actors).map(|_| list[rng.gen_range(0..list.len())]).collect()
}
