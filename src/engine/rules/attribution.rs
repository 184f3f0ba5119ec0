//! Attribution: confidence follows from the evidence an actor holds, stated
//! in words (low, moderate, high) as analysts do (US practice; ICD 203
//! states likelihood and confidence separately, the engine keeps the
//! confidence). Attribution has layers (technique, group, state) and each
//! claim is weighed and judged at its own layer.

use crate::engine::Game;
use crate::scenario::schema::{ActorKind, Confidence, EvidenceKind, Layer};
use crate::scenario::Scenario;

/// Net weight of evidence needed for each level, and distinct kinds of
/// indicator (malware, infrastructure, tradecraft, intelligence, context).
pub const HIGH: (i32, u32) = (150, 3);
pub const MODERATE: (i32, u32) = (80, 2);
pub const LOW: (i32, u32) = (30, 1);

/// Net weight of technical evidence (malware, infrastructure) needed for a
/// claim about technique: high, moderate, low. A technical claim rests on
/// one kind of indicator, so it needs no spread of kinds.
pub const TECHNIQUE: [i32; 3] = [100, 50, 20];

/// The weight of evidence an actor holds for one suspect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight {
    /// Sum of reliabilities of held items that are not known to be planted
    /// or explained away; exculpatory items subtract theirs.
    pub score: i32,
    /// Bit set of evidence kinds among the items that count for it.
    pub kinds: u8,
    /// Items about this suspect.
    pub items: u32,
    /// Items shown to be planted.
    pub refuted: u32,
    /// Genuine items explained away (not planted, but no proof either).
    pub explained: u32,
    /// Items pointing away from this suspect.
    pub exculpatory: u32,
    /// The part of `score` from technical indicators (malware, infrastructure).
    pub technical: i32,
}

impl Game {
    /// Whether the actor holds an item that exposes `evidence` as planted.
    pub fn refuted_for(&self, actor: usize, evidence: usize) -> bool {
        self.state.actors[actor]
            .held
            .iter()
            .any(|h| self.scenario.evidence[h.evidence].refutes.contains(&evidence))
    }

    /// Whether the actor holds an item that explains `evidence` away.
    pub fn explained_for(&self, actor: usize, evidence: usize) -> bool {
        self.state.actors[actor]
            .held
            .iter()
            .any(|h| self.scenario.evidence[h.evidence].explains.contains(&evidence))
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
    pub(crate) fn with_weights<R>(&self, actor: usize, f: impl FnOnce(&[Weight]) -> R) -> R {
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
        // Items exposed as planted or explained away by something this
        // actor holds, as bit sets (on the stack for up to 256 items).
        let n = self.scenario.evidence.len();
        let words = n.div_ceil(64);
        let mut small = [0u64; 8];
        let mut big = Vec::new();
        let (refuted, explained) = if words <= 4 {
            small.split_at_mut(4)
        } else {
            big.resize(words * 2, 0);
            big.split_at_mut(words)
        };
        for h in held {
            let ev = &self.scenario.evidence[h.evidence];
            for &r in &ev.refutes {
                refuted[r / 64] |= 1 << (r % 64);
            }
            for &r in &ev.explains {
                explained[r / 64] |= 1 << (r % 64);
            }
        }
        let is = |set: &[u64], e: usize| set[e / 64] & (1 << (e % 64)) != 0;
        for h in held {
            let ev = &self.scenario.evidence[h.evidence];
            // A tearline adds nothing to the original it came from.
            if let Some(o) = ev.tearline_of {
                if held.iter().any(|x| x.evidence == o) {
                    continue;
                }
            }
            let origin = ev.tearline_of.unwrap_or(h.evidence);
            let def = &self.scenario.file.evidence[h.evidence];
            let s = &mut w[ev.points_to];
            s.items += 1;
            if is(refuted, h.evidence) || is(refuted, origin) {
                s.refuted += 1;
                continue;
            }
            if is(explained, h.evidence) || is(explained, origin) {
                s.explained += 1;
                continue;
            }
            let r = i32::from(def.reliability);
            if ev.exculpatory {
                s.exculpatory += 1;
                s.score -= r;
                continue;
            }
            s.score += r;
            s.kinds |= 1 << (def.kind as u8);
            if matches!(def.kind, EvidenceKind::Malware | EvidenceKind::Infrastructure) {
                s.technical += r;
            }
        }
    }

    /// The actor's confidence that the suspect did it, if any.
    pub fn confidence(&self, actor: usize, suspect: usize) -> Option<Confidence> {
        self.with_weights(actor, |w| level(w, suspect))
    }

    /// The actor's confidence in a claim about `suspect` at `layer`.
    pub fn confidence_at(&self, actor: usize, suspect: usize, layer: Layer) -> Option<Confidence> {
        self.with_weights(actor, |w| level_at(&self.scenario, w, suspect, layer))
    }

    /// The layer an actor speaks at unless it says otherwise: a government
    /// holds a state responsible when a state stands behind the suspect;
    /// everyone else names the group.
    pub fn usual_layer(&self, actor: usize, suspect: usize) -> Layer {
        let state = self.scenario.file.actors[actor].kind == ActorKind::State;
        if state && self.scenario.suspect_actor[suspect].is_some_and(|x| x != actor) {
            Layer::State
        } else {
            Layer::Group
        }
    }
}

/// Confidence at a layer, from the weights for all suspects.
pub fn level_at(s: &Scenario, w: &[Weight], suspect: usize, layer: Layer) -> Option<Confidence> {
    match layer {
        Layer::Group => level(w, suspect),
        Layer::Technique => {
            let me = w.get(suspect)?.technical;
            let rival = (0..w.len()).filter(|&x| x != suspect).map(|x| w[x].technical).max();
            let net = me - rival.unwrap_or(0).max(0) / 2;
            let [high, moderate, low] = TECHNIQUE;
            grade(net, 3, (high, 0), (moderate, 0), (low, 0))
        }
        Layer::State => {
            // Every group of the same state counts for the state.
            let state = s.suspect_actor.get(suspect).copied().flatten()?;
            let (mut score, mut kinds, mut rival) = (0, 0u8, 0);
            for (x, wx) in w.iter().enumerate() {
                if s.suspect_actor[x] == Some(state) {
                    score += wx.score;
                    kinds |= wx.kinds;
                } else {
                    rival = rival.max(wx.score);
                }
            }
            grade(score - rival / 2, kinds.count_ones(), HIGH, MODERATE, LOW)
        }
    }
}

/// Whether a claim about `suspect` at `layer` is true: the group named is
/// the culprit; the state held responsible is the one behind the culprit;
/// the technique named was really used (the culprit's, or genuine
/// technical evidence of it, not a planted trace).
pub fn correct(s: &Scenario, suspect: usize, layer: Layer) -> bool {
    match layer {
        Layer::Group => suspect == s.culprit,
        Layer::State => s.suspect_actor[suspect].is_some() && s.suspect_actor[suspect] == s.suspect_actor[s.culprit],
        Layer::Technique => {
            suspect == s.culprit
                || s.evidence.iter().zip(&s.file.evidence).any(|(c, e)| {
                    c.points_to == suspect
                        && e.genuine
                        && !c.exculpatory
                        && matches!(e.kind, EvidenceKind::Malware | EvidenceKind::Infrastructure)
                })
        }
    }
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
        .unwrap_or(0)
        .max(0);
    grade(me.score - rival / 2, me.kinds.count_ones(), HIGH, MODERATE, LOW)
}

fn grade(net: i32, kinds: u32, high: (i32, u32), moderate: (i32, u32), low: (i32, u32)) -> Option<Confidence> {
    if net >= high.0 && kinds >= high.1 {
        Some(Confidence::High)
    } else if net >= moderate.0 && kinds >= moderate.1 {
        Some(Confidence::Moderate)
    } else if net >= low.0 && kinds >= low.1 {
        Some(Confidence::Low)
    } else {
        None
    }
}
