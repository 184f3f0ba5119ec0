//! Confidence-building measures: offered by one actor, in force once the
//! other offers the same back. Lasting channels make misreadings rarer;
//! an information exchange moves shareable evidence every turn;
//! consultations are held at once and may ease the pair or fail
//! (see `consultations`).

use crate::engine::event::EventKind;
use crate::engine::state::{cbm_bit, Origin, Rel};
use crate::engine::Game;
use crate::scenario::schema::{CbmKind, Tlp};

impl Game {
    /// Percent multiplier on misreading and spirals from open channels.
    pub fn channel_factor(&self, a: usize, b: usize) -> u32 {
        if a == b {
            return 100;
        }
        channel_factor_of(&self.state.relations[self.scenario.pair(a, b)])
    }

    /// Whether `from` has an outstanding offer of this measure to `to`.
    pub fn has_offered(&self, from: usize, to: usize, kind: CbmKind) -> bool {
        self.state.actors[from].offers[to] & cbm_bit(kind) != 0
    }

    /// `actor` offers (or accepts) a measure with `target`.
    pub(crate) fn offer_cbm(&mut self, actor: usize, target: usize, kind: CbmKind) {
        if actor == target {
            return;
        }
        if self.has_offered(target, actor, kind) {
            self.state.actors[target].offers[actor] &= !cbm_bit(kind);
            self.state.actors[actor].offers[target] &= !cbm_bit(kind);
            self.push_public(EventKind::CbmAgreed {
                a: target,
                b: actor,
                kind,
            });
            if kind.is_lasting() {
                self.add_trust(actor, target, 8);
                let p = self.scenario.pair(actor, target);
                self.state.relations[p].channels |= cbm_bit(kind);
            } else {
                self.hold_consultations(target, actor);
            }
        } else {
            self.state.actors[actor].offers[target] |= cbm_bit(kind);
            self.push_to(
                &[actor, target],
                EventKind::CbmOffered {
                    from: actor,
                    to: target,
                    kind,
                },
            );
        }
    }

    /// End of turn: pairs with an information exchange pass each other the
    /// evidence their markings allow.
    pub(crate) fn exchange_information(&mut self) {
        let n = self.scenario.actor_count();
        for a in 0..n {
            for b in 0..n {
                if a == b || !self.state.relations[self.scenario.pair(a, b)].has(CbmKind::InformationExchange) {
                    continue;
                }
                // Only what `a` holds first-hand: received items are not
                // relayed. Giving to `b` leaves `a`'s items as they are.
                for i in 0..self.state.actors[a].held.len() {
                    let h = self.state.actors[a].held[i];
                    let e = h.evidence;
                    if !h.origin.first_hand()
                        || self.scenario.file.evidence[e].tlp > Tlp::Amber
                        || self.state.holds(b, e)
                    {
                        continue;
                    }
                    self.give(b, e, Origin::SharedBy(a));
                    self.push_to(
                        &[a, b],
                        EventKind::EvidenceShared {
                            from: a,
                            to: vec![b],
                            evidence: e,
                        },
                    );
                }
            }
        }
    }
}

/// Percent multiplier on misreading and spirals from the channels open in
/// a relation.
pub fn channel_factor_of(r: &Rel) -> u32 {
    let mut f = 100;
    if r.has(CbmKind::Hotline) {
        f = f * 30 / 100;
    }
    if r.has(CbmKind::PointOfContact) {
        f = f * 60 / 100;
    }
    if r.has(CbmKind::Notification) {
        f = f * 60 / 100;
    }
    f
}
