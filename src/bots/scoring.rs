//! How a bot weighs its options: every policy uses the same reading of the
//! view, with its own temperament. Only public rules and the actor's own
//! view go in.

use crate::engine::rules::attribution::{level, Weight};
use crate::engine::rules::escalation::misread_percent;
use crate::engine::Rel;
use crate::engine::{Move, Perspective};
use crate::scenario::schema::{ActorKind, CbmKind, Confidence, Layer, LegalCharacter};

/// A policy's leanings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Temperament {
    /// Randomness added to every score, so bots are not predictable.
    pub noise: f32,
    /// Appetite for hostile moves against those it holds a grievance against.
    pub hostility: f32,
    /// Value of calming moves, scaled by tension.
    pub calm: f32,
    /// Value of offering a confidence-building measure.
    pub cbm: f32,
    /// Value of accepting a measure offered to it.
    pub accept: f32,
    pub upholds: f32,
    pub breaches: f32,
    pub investigate: f32,
    /// Value per point of improvement in the world's tracks.
    pub track: f32,
    pub cost: f32,
    /// Aversion to moves that might be misread, per percent.
    pub misread: f32,
    /// Least own confidence before it attributes publicly.
    pub attribute_at: Confidence,
    /// Earliest turn it attributes.
    pub attribute_from: u32,
    /// States high confidence whatever the evidence says.
    pub overclaims: bool,
    pub attribute_value: f32,
    /// Least trust before it shares evidence with an actor.
    pub share_trust: i32,
}

/// What a bot remembers of its own game and reads of its position, beyond
/// the view's numbers: its own moves so far, whom its evidence points to,
/// and whether it is the culprit and exposed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Situation<'a> {
    /// Times it has tried each action this game (by action index).
    pub tried: &'a [u8],
    /// Actors behind a suspect its evidence points to at all (bit set).
    pub evidence_against: u64,
    /// It is responsible for the incident (its own secret).
    pub culprit: bool,
    /// A public statement names a suspect behind it.
    pub exposed: bool,
    /// Its own evidence does not yet support the confidence at which it
    /// would speak: it asks before it assumes, and investigates more.
    pub unsure: bool,
}

/// Value a bot loses per time it already tried the same action: the same
/// call repeated says nothing new (domain review: one call for restraint
/// 7.8 times a game).
pub const REPEAT_PENALTY: f32 = 0.7;
/// Value of a covert move to the culprit while it is not exposed: its
/// secret objective is served by pressing on unseen.
pub const COVERT_VALUE: f32 = 3.0;
/// Cost of a covert move to a culprit once named in public: it lies low.
pub const EXPOSED_COVERT: f32 = 6.0;
/// How much more an unsure actor values investigating: an analyst whose
/// indicators point in different directions looks for more before anyone
/// speaks (domain notes, "Attribution as practised").
pub const UNSURE_INVESTIGATE: f32 = 2.0;

impl Situation<'_> {
    /// Whether the evidence this actor holds points at `target` at all.
    pub fn has_evidence_against(&self, target: usize) -> bool {
        self.evidence_against & (1u64 << target) != 0
    }
}

/// Actors behind the suspects this actor's evidence points to at all.
pub fn evidence_against(v: &Perspective<'_>, weights: &[Weight]) -> u64 {
    (0..v.suspect_count())
        .filter(|&s| level(weights, s).is_some())
        .filter_map(|s| v.suspect_actor(s))
        .fold(0u64, |m, a| m | (1u64 << a))
}

/// How another actor stands with the one choosing, as its moves weigh it.
#[derive(Debug, Clone, Copy)]
struct Standing {
    rel: Rel,
    tension: f32,
    /// Tension plus the pair's height on the ladder.
    pressure: f32,
    /// `pressure`, plus the weight of evidence if it is the prime suspect.
    grievance: f32,
    height: f32,
}

/// How strongly the risk of war weighs against climbing near the top.
const DETERRENCE: f32 = 8.0;

/// The suspect this actor's evidence points to most: the actor behind it
/// (if another actor) and this actor's confidence in it.
#[derive(Debug, Clone, Copy)]
pub struct Prime {
    pub actor: Option<usize>,
    pub confidence: Option<Confidence>,
}

pub fn prime_suspect(v: &Perspective<'_>, weights: &[Weight]) -> Prime {
    let prime = prime(weights);
    Prime {
        actor: prime.and_then(|(s, _)| v.suspect_actor(s)).filter(|&a| a != v.me()),
        confidence: prime.and_then(|(_, c)| c),
    }
}

fn prime(w: &[Weight]) -> Option<(usize, Option<Confidence>)> {
    let (s, best) = w.iter().enumerate().max_by_key(|(i, x)| (x.score, usize::MAX - i))?;
    (best.score > 0).then(|| (s, level(w, s)))
}

/// The part of each action's score that depends only on its rules: norms,
/// cost, and what it does to the world's tracks.
/// Only the actions the scenario lets this actor take are listed, in order.
pub fn my_actions(t: &Temperament, v: &Perspective<'_>) -> Vec<(usize, f32)> {
    (0..v.action_count())
        .filter(|&a| v.is_mine(a))
        .map(|a| {
            let def = v.action(a);
            let fixed = t.upholds * def.upholds.len() as f32
                - t.breaches * def.breaches.len() as f32
                - t.cost * def.cost as f32
                + t.track * v.action_track_gain(a) as f32;
            (a, fixed)
        })
        .collect()
}

/// Every move the actor may make now, with the temperament's score, handed
/// to `out` one by one in a fixed order (actions, then targets, then
/// suspects), so the caller's noise draws follow the same sequence.
/// `mine` comes from `my_actions`.
pub fn candidates(
    t: &Temperament,
    v: &Perspective<'_>,
    weights: &[Weight],
    prime: Prime,
    mine: &[(usize, f32)],
    sit: &Situation<'_>,
    mut out: impl FnMut(f32, Move),
) {
    if v.moves_left() == 0 {
        return;
    }
    let (prime_actor, prime_conf) = (prime.actor, prime.confidence);
    let held = v.held().len() as f32;
    let n = v.actor_count();
    // A company weighs its customers' exposure and its reputation
    // (one behind the incident plays the culprit instead).
    let harm = (v.kind() == ActorKind::Company && !sit.culprit).then(|| v.harm());
    // How every other actor stands with this one, read once for all moves.
    let mut stand = [None; 64];
    for (target, slot) in stand.iter_mut().enumerate().take(n) {
        *slot = v.relation(target).map(|rel| {
            let top = v.rungs_with(target).max(2) as f32 - 1.0;
            let tension = rel.tension as f32 / 100.0;
            let pressure = tension + rel.rung as f32 / top;
            let mut grievance = pressure;
            if Some(target) == prime_actor {
                grievance += match prime_conf {
                    Some(Confidence::High) => 1.5,
                    Some(Confidence::Moderate) => 1.0,
                    Some(Confidence::Low) => 0.5,
                    None => 0.0,
                };
            }
            Standing {
                rel,
                tension,
                pressure,
                grievance,
                height: rel.rung as f32 / top,
            }
        });
    }
    for &(a, fixed) in mine {
        if !v.may_consider(a) {
            continue;
        }
        let def = v.action(a);
        let repeats = f32::from(sit.tried.get(a).copied().unwrap_or(0));
        let base = fixed - REPEAT_PENALTY * repeats
            + harm.map_or(0.0, |h| super::company::stake(v, a, h))
            // The one behind the incident knows what happened: looking
            // into it is worth nothing to it.
            + if v.is_investigative(a) && !sit.culprit {
                let unsure = if sit.unsure { UNSURE_INVESTIGATE } else { 1.0 };
                unsure * t.investigate / (1.0 + held / 3.0)
            } else {
                0.0
            };
        // The culprit's own covert attacks: the norms they breach no longer
        // hold it back, and the harm to its victims' tracks is their point,
        // not a cost; it presses on unseen and lies low once named.
        let covert_attack = sit.culprit && v.is_covert_operation(a);
        let base = if covert_attack {
            base + t.breaches * def.breaches.len() as f32 - t.track * v.action_track_gain(a) as f32
        } else {
            base
        };
        // A government answers only a state its evidence points to: no
        // sanctions or expulsions against a state it has nothing on.
        let answer = def.hostility > 0
            && !covert_attack
            && v.kind() == ActorKind::State
            && matches!(v.legal(a), LegalCharacter::Retorsion | LegalCharacter::Countermeasure);
        let odds = f32::from(def.chance) / 100.0;
        match v.action_targets(a) {
            None => {
                if v.may_take_untargeted(a) {
                    out(
                        base * odds.max(0.3),
                        Move::Act {
                            action: a,
                            target: None,
                        },
                    );
                }
            }
            Some(_) => {
                let h = def.hostility as f32;
                // Targets in actor order, one bit at a time.
                let mut targets = v.targets_now(a);
                while targets != 0 {
                    let target = targets.trailing_zeros() as usize;
                    targets &= targets - 1;
                    let Some(st) = &stand[target] else {
                        continue;
                    };
                    if answer && !sit.has_evidence_against(target) {
                        continue;
                    }
                    let mut s = base;
                    if covert_attack {
                        // The more the target presses it, the more a blow in
                        // the dark serves it.
                        s -= DETERRENCE * h * st.height * st.height;
                        s += if sit.exposed {
                            -EXPOSED_COVERT
                        } else {
                            COVERT_VALUE * (0.5 + st.pressure)
                        };
                    } else if def.hostility > 0 {
                        // Hawks act on a grievance; others shy away from any hostile move.
                        s += if t.hostility >= 0.0 {
                            t.hostility * h * (st.grievance - 0.6)
                        } else {
                            t.hostility * h * (0.5 + st.grievance)
                        };
                        // Deterrence: the nearer the top of the ladder, the more
                        // every policy hesitates to climb further.
                        s -= DETERRENCE * h * st.height * st.height;
                        if v.restrained_with(target) {
                            s -= super::answers::PROMISE * h;
                        }
                    } else if def.hostility < 0 {
                        s += t.calm * -h * st.pressure;
                    }
                    // The same talks again, with nothing new to say, bring
                    // nothing (the engine's rule): not worth a move.
                    if def.cbm == Some(CbmKind::Consultations) && v.consultations_bring_nothing_new(target) {
                        continue;
                    }
                    if let Some(kind) = def.cbm {
                        if v.offered_to_me(target, kind) {
                            s += t.accept;
                        } else {
                            s += t.cbm * (0.4 + st.tension);
                        }
                    }
                    s -= t.misread * misread_percent(&st.rel, def.ambiguity) as f32;
                    out(
                        s * odds.max(0.3),
                        Move::Act {
                            action: a,
                            target: Some(target),
                        },
                    );
                }
            }
        }
    }
    statements(t, v, weights, &mut out);
}

/// How much less a government likes to speak alone than jointly: states
/// attribute rarely alone, and jointly once confidence is high (domain
/// notes, "Attribution as practised").
const ALONE_PENALTY: f32 = 1.6;

/// What a company's report naming a group is worth to it beyond the
/// statement itself: a vendor's reputation rests on what it finds and
/// publishes (domain notes, "Attribution as practised").
const VENDOR_REPORT: f32 = 1.0;

/// Statement moves: signing or joining joint statements, proposing one,
/// attributing alone. Nobody piles on once the truth is out.
fn statements(t: &Temperament, v: &Perspective<'_>, weights: &[Weight], out: &mut impl FnMut(f32, Move)) {
    if !v.may_attribute() || v.truth_revealed() || v.turn() < t.attribute_from {
        return;
    }
    let government = v.kind() == ActorKind::State;
    for (p, prop) in v.proposals() {
        if prop.by == v.me() || v.check_sign(p).is_err() {
            continue;
        }
        if supports(t, v, weights, prop.suspect, prop.layer, prop.confidence) {
            let company = 1.0 + 0.5 * prop.signers.len() as f32;
            let later = if prop.made.is_some() { -0.5 } else { 0.0 };
            out(t.attribute_value + company + later, Move::Sign { proposal: p });
        }
    }
    for s in 0..v.suspect_count() {
        // Nobody names a suspect behind its own actor.
        if v.suspect_actor(s) == Some(v.me()) {
            continue;
        }
        let layer = v.usual_layer(s);
        let Some(have) = v.confidence_at(weights, s, layer) else {
            continue;
        };
        if have < speaks_at(t, v.kind(), layer) || v.check_attribute(s, layer).is_err() {
            continue;
        }
        let confidence = if t.overclaims { Confidence::High } else { have };
        let others = v.attributions().iter().filter(|a| a.suspect == s).count() as f32;
        let proposed = v.proposals().any(|(_, p)| p.suspect == s && p.made.is_none());
        if government {
            if have == Confidence::High && !proposed {
                out(
                    t.attribute_value + 1.0,
                    Move::Propose {
                        suspect: s,
                        confidence,
                        layer,
                    },
                );
            }
            out(
                t.attribute_value - ALONE_PENALTY + 0.3 * others,
                Move::Attribute {
                    suspect: s,
                    confidence,
                    layer,
                },
            );
        } else {
            if v.kind() == ActorKind::Company && !super::company::risks_report(v, have) {
                continue;
            }
            let report = if v.kind() == ActorKind::Company && layer != Layer::State {
                VENDOR_REPORT
            } else {
                0.0
            };
            out(
                t.attribute_value + report + 0.5 * others,
                Move::Attribute {
                    suspect: s,
                    confidence,
                    layer,
                },
            );
        }
    }
}

/// The least confidence at which an actor of this kind names a suspect at
/// this layer: its temperament's, except that a company names a group from
/// moderate confidence, as security vendors' reports do ("we assess with
/// moderate confidence"), while governments hold a state responsible only
/// as their temperament allows (domain notes, "Attribution as practised").
pub fn speaks_at(t: &Temperament, kind: ActorKind, layer: Layer) -> Confidence {
    if kind == ActorKind::Company && layer != Layer::State {
        t.attribute_at.min(Confidence::Moderate)
    } else {
        t.attribute_at
    }
}

/// Whether the actor's own evidence backs a statement at this confidence
/// (an overclaiming temperament needs only some confidence).
pub fn supports(
    t: &Temperament,
    v: &Perspective<'_>,
    weights: &[Weight],
    suspect: usize,
    layer: Layer,
    c: Confidence,
) -> bool {
    if v.suspect_actor(suspect) == Some(v.me()) {
        return false;
    }
    match v.confidence_at(weights, suspect, layer) {
        Some(have) => have >= c || (t.overclaims && have >= t.attribute_at),
        None => false,
    }
}
