//! Attribution: confidence follows from the evidence an actor holds, stated
//! in words (low, moderate, high) as analysts do. A public attribution is a
//! move: peers weigh it against their own evidence at once, and when the
//! truth comes out it is judged, costing credibility and trust if wrong.

use crate::engine::event::{EventKind, RungCause};
use crate::engine::state::Attribution;
use crate::engine::Game;
use crate::scenario::schema::Confidence;

/// Net weight of evidence needed for each level, and distinct kinds of
/// indicator (malware, infrastructure, tradecraft, intelligence, context).
pub const HIGH: (i32, u32) = (150, 3);
pub const MODERATE: (i32, u32) = (80, 2);
pub const LOW: (i32, u32) = (30, 1);

/// The weight of evidence an actor holds for one suspect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight {
    /// Sum of reliabilities of held items that are not known to be planted.
    pub score: i32,
    /// Bit set of evidence kinds among them.
    pub kinds: u8,
    /// Items pointing to this suspect.
    pub items: u32,
    /// Items shown to be planted.
    pub refuted: u32,
}

impl Game {
    /// Whether the actor holds an item that exposes `evidence` as planted.
    pub fn refuted_for(&self, actor: usize, evidence: usize) -> bool {
        self.state.actors[actor]
            .held
            .iter()
            .any(|h| self.scenario.evidence[h.evidence].refutes.contains(&evidence))
    }

    /// Weight of evidence per suspect, from what `actor` holds.
    pub fn weights(&self, actor: usize) -> Vec<Weight> {
        let mut w = Vec::new();
        self.weights_into(actor, &mut w);
        w
    }

    /// `weights` into a buffer the caller keeps, so nothing is allocated.
    pub fn weights_into(&self, actor: usize, w: &mut Vec<Weight>) {
        w.clear();
        w.resize(self.scenario.file.suspects.len(), Weight::default());
        self.fill_weights(actor, w);
    }

    /// Call `f` with the actor's weights, kept on the stack when the
    /// scenario has few suspects.
    fn with_weights<R>(&self, actor: usize, f: impl FnOnce(&[Weight]) -> R) -> R {
        let n = self.scenario.file.suspects.len();
        let mut small = [Weight::default(); 16];
        if n <= small.len() {
            self.fill_weights(actor, &mut small[..n]);
            f(&small[..n])
        } else {
            f(&self.weights(actor))
        }
    }

    /// Weights into `w`, one zeroed entry per suspect.
    fn fill_weights(&self, actor: usize, w: &mut [Weight]) {
        let held = &self.state.actors[actor].held;
        // Items exposed as planted by something this actor holds, as a bit
        // set (on the stack for up to 256 items).
        let n = self.scenario.evidence.len();
        let mut small = [0u64; 4];
        let mut big = Vec::new();
        let refuted: &mut [u64] = if n <= 256 {
            &mut small
        } else {
            big.resize(n.div_ceil(64), 0);
            &mut big
        };
        for h in held {
            for &r in &self.scenario.evidence[h.evidence].refutes {
                refuted[r / 64] |= 1 << (r % 64);
            }
        }
        for h in held {
            let ev = &self.scenario.evidence[h.evidence];
            let def = &self.scenario.file.evidence[h.evidence];
            let s = &mut w[ev.points_to];
            s.items += 1;
            if refuted[h.evidence / 64] & (1 << (h.evidence % 64)) != 0 {
                s.refuted += 1;
                continue;
            }
            s.score += i32::from(def.reliability);
            s.kinds |= 1 << (def.kind as u8);
        }
    }

    /// The actor's confidence that the suspect did it, if any.
    pub fn confidence(&self, actor: usize, suspect: usize) -> Option<Confidence> {
        self.with_weights(actor, |w| level(w, suspect))
    }

    /// Queue-time resolution of this turn's attributions, made together.
    pub(crate) fn resolve_attributions(&mut self, made: &[(usize, usize, Confidence)]) {
        for &(actor, suspect, stated) in made {
            let joint_with: Vec<usize> = made
                .iter()
                .filter(|m| m.1 == suspect && m.0 != actor)
                .map(|m| m.0)
                .collect();
            let held = self.confidence(actor, suspect);
            let calibrated = held.is_some_and(|h| stated <= h);
            self.push_public(EventKind::Attributed {
                actor,
                suspect,
                confidence: stated,
                joint_with: joint_with.clone(),
                calibrated,
            });
            let accused = self.scenario.suspect_actor[suspect].filter(|&x| x != actor);
            if let Some(x) = accused {
                self.add_tension(actor, x, 15);
                self.add_trust(actor, x, -10);
                // Words alone push a pair up to open protest, not beyond.
                let rung = self.state.relations[self.scenario.pair(actor, x)].rung;
                if rung + 1 < self.scenario.rung_count().div_ceil(2) {
                    self.shift_rung(actor, x, 1, RungCause::Events);
                }
            }
            // Peers weigh the claim against their own evidence.
            for peer in 0..self.scenario.actor_count() {
                if peer == actor || Some(peer) == accused {
                    continue;
                }
                let verdict = self.with_weights(peer, |w| {
                    if level(w, suspect).is_some_and(|c| c >= Confidence::Moderate) {
                        5
                    } else if w[suspect].refuted > 0
                        || w.iter()
                            .enumerate()
                            .any(|(s, _)| s != suspect && level(w, s) >= Some(Confidence::Moderate))
                    {
                        -5
                    } else {
                        0
                    }
                });
                if verdict != 0 {
                    self.add_trust(actor, peer, verdict);
                }
            }
            let turn = self.state.turn;
            self.state.attributions.push(Attribution {
                actor,
                suspect,
                stated,
                held,
                turn,
                joint_with,
                judged: None,
            });
            if self.state.truth_revealed {
                let i = self.state.attributions.len() - 1;
                self.judge(i);
            }
        }
    }

    /// The truth comes out: every attribution so far is judged.
    pub(crate) fn reveal_truth(&mut self) {
        if self.state.truth_revealed {
            return;
        }
        self.state.truth_revealed = true;
        self.push_public(EventKind::TruthRevealed {
            culprit: self.scenario.culprit,
        });
        for i in 0..self.state.attributions.len() {
            self.judge(i);
        }
    }

    fn judge(&mut self, i: usize) {
        let a = &self.state.attributions[i];
        if a.judged.is_some() {
            return;
        }
        let a = JudgedClaim {
            actor: a.actor,
            suspect: a.suspect,
            stated: a.stated,
            held: a.held,
            joint: !a.joint_with.is_empty(),
        };
        let correct = a.suspect == self.scenario.culprit;
        self.state.attributions[i].judged = Some(correct);
        let weight = match a.stated {
            Confidence::Low => 1,
            Confidence::Moderate => 2,
            Confidence::High => 3,
        };
        let accused = self.scenario.suspect_actor[a.suspect].filter(|&x| x != a.actor);
        let cred = &mut self.state.actors[a.actor].credibility;
        if correct {
            // Right for the right reasons earns more than a lucky overclaim.
            let calibrated = a.held.is_some_and(|h| a.stated <= h);
            let gain = if calibrated { 5 * weight } else { 5 };
            let joint = if a.joint { 5 } else { 0 };
            *cred = (*cred + gain + joint).clamp(0, 100);
        } else {
            *cred = (*cred - 10 * weight).clamp(0, 100);
            if let Some(x) = accused {
                self.add_trust(a.actor, x, -20);
                self.add_tension(a.actor, x, 15);
            }
        }
        self.push_public(EventKind::AttributionJudged {
            actor: a.actor,
            suspect: a.suspect,
            correct,
        });
        self.apply_effects(
            |s| {
                if correct {
                    &s.attribution_correct
                } else {
                    &s.attribution_wrong
                }
            },
            Some(a.actor),
            accused,
        );
    }
}

/// What judging an attribution needs of it.
struct JudgedClaim {
    actor: usize,
    suspect: usize,
    stated: Confidence,
    held: Option<Confidence>,
    joint: bool,
}

/// Confidence in `suspect` given the weights for all suspects: the net
/// weight discounts half of the strongest rival explanation.
pub fn level(w: &[Weight], suspect: usize) -> Option<Confidence> {
    let me = w.get(suspect)?;
    let rival = w
        .iter()
        .enumerate()
        .filter(|(s, _)| *s != suspect)
        .map(|(_, x)| x.score)
        .max()
        .unwrap_or(0);
    let net = me.score - rival / 2;
    let kinds = me.kinds.count_ones();
    if net >= HIGH.0 && kinds >= HIGH.1 {
        Some(Confidence::High)
    } else if net >= MODERATE.0 && kinds >= MODERATE.1 {
        Some(Confidence::Moderate)
    } else if net >= LOW.0 && kinds >= LOW.1 {
        Some(Confidence::Low)
    } else {
        None
    }
}
