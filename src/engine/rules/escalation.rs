//! Escalation: moves push pairs of actors up or down the ladder; a move can
//! be misread by its target, and tension left too high lets a pair slip up a
//! rung on its own. Open channels make both rarer.

use crate::engine::eval::clamp100;
use crate::engine::event::{EventKind, RungCause};
use crate::engine::rules::cbm::channel_factor_of;
use crate::engine::state::Rel;
use crate::engine::Game;

/// Tension from which a pair may slip up the ladder by itself.
pub const SPIRAL_TENSION: i32 = 70;
/// Tension below which a pair may step down by itself.
pub const CALM_TENSION: i32 = 25;
/// Alarm a misreading adds to the misreader's view of the mover.
pub const MISREAD_ALARM: i32 = 15;
/// Alarm that fades each turn; twice as much with a lasting channel in
/// force, through which the alarmed side can ask.
pub const ALARM_FADE: i32 = 5;

impl Game {
    /// Move the pair `delta` rungs, within the ladder, recording the change.
    pub(crate) fn shift_rung(&mut self, a: usize, b: usize, delta: i32, cause: RungCause) {
        self.shift_rung_capped(a, b, delta, cause, None);
    }

    /// `shift_rung`, never climbing past rung `cap` (a move's `max_rung`,
    /// a rung number of the file read on the pair's own ladder by
    /// `Scenario::cap_on`; a pair already above it stays where it is). Calming takes a pair
    /// down at most one rung a turn: no single exchange (offer, answer,
    /// consultations, the turn's own easing) drops it further.
    pub(crate) fn shift_rung_capped(&mut self, a: usize, b: usize, delta: i32, cause: RungCause, cap: Option<usize>) {
        if a == b || delta == 0 {
            return;
        }
        let p = self.scenario.pair(a, b);
        if !self.scenario.laddered[p] {
            return;
        }
        let turn = self.state.turn;
        let mut delta = delta;
        if delta < 0 && cause == RungCause::Calming {
            if self.state.relations[p].calmed == turn {
                return;
            }
            delta = -1;
        }
        let top = self.scenario.pair_rungs(p).len().saturating_sub(1) as i32;
        let from = self.state.relations[p].rung;
        let mut to = (from as i32).saturating_add(delta).clamp(0, top) as usize;
        if let Some(cap) = cap {
            if delta > 0 {
                to = to.min(self.scenario.cap_on(p, cap).max(from));
            }
        }
        if to < from && cause == RungCause::Calming {
            self.state.relations[p].calmed = turn;
        }
        if to != from {
            self.state.relations[p].rung = to;
            self.push_public(EventKind::RungChanged { a, b, from, to, cause });
        }
    }

    pub(crate) fn add_tension(&mut self, a: usize, b: usize, d: i32) {
        if a != b {
            let p = self.scenario.pair(a, b);
            let r = &mut self.state.relations[p];
            r.tension = clamp100(r.tension.saturating_add(d));
        }
    }

    /// Raise (or lower) how threatened `who` feels by `of`: its own view.
    pub(crate) fn add_alarm(&mut self, who: usize, of: usize, d: i32) {
        let n = self.scenario.actor_count();
        if who != of {
            if let Some(x) = self.state.alarm.get_mut(who * n + of) {
                *x = clamp100(x.saturating_add(d));
            }
        }
    }

    /// Tension as `who` perceives it with `of`: the pair's shared tension
    /// plus `who`'s own alarm (0-100). Two sides of one pair may read it
    /// differently.
    pub fn perceived_tension(&self, who: usize, of: usize) -> i32 {
        if who == of {
            return 0;
        }
        let n = self.scenario.actor_count();
        let shared = self.state.relations[self.scenario.pair(who, of)].tension;
        clamp100(shared.saturating_add(self.state.alarm.get(who * n + of).copied().unwrap_or(0)))
    }

    pub(crate) fn add_trust(&mut self, a: usize, b: usize, d: i32) {
        if a != b {
            let p = self.scenario.pair(a, b);
            let r = &mut self.state.relations[p];
            r.trust = clamp100(r.trust.saturating_add(d));
        }
    }

    /// The deliberate weight of a move on its target: rungs (up to `cap`),
    /// tension, trust.
    pub(crate) fn apply_hostility(&mut self, actor: usize, target: usize, h: i32, cap: Option<usize>) {
        if h == 0 || actor == target {
            return;
        }
        self.add_tension(actor, target, 12 * h);
        self.add_trust(actor, target, if h > 0 { -6 * h } else { -4 * h });
        let cause = if h > 0 { RungCause::Move } else { RungCause::Calming };
        self.shift_rung_capped(actor, target, h, cause, cap);
    }

    /// Chance in percent that `target` misreads a move with this ambiguity:
    /// `misread_percent`, raised by tension elsewhere (`alertness`), at
    /// most 95.
    pub fn misread_chance(&self, actor: usize, target: usize, ambiguity: u8) -> u32 {
        if actor == target {
            return 0;
        }
        let base = misread_percent(&self.state.relations[self.scenario.pair(actor, target)], ambiguity);
        if base == 0 {
            return 0;
        }
        (base * self.alertness(actor, target) / 100).min(95)
    }

    /// Roll whether the target misreads the move; if so it escalates.
    pub(crate) fn maybe_misread(&mut self, actor: usize, action: usize, target: usize) {
        let ambiguity = self.scenario.actions[action].ambiguity;
        let p = self.misread_chance(actor, target, ambiguity);
        if p > 0 && self.roll(p) {
            self.push_to(&[actor, target], EventKind::Misread { actor, action, target });
            self.add_alarm(target, actor, MISREAD_ALARM);
            self.add_trust(actor, target, -10);
            self.shift_rung(actor, target, 1, RungCause::Misreading);
        }
    }

    /// End of turn: very tense pairs may slip up a rung (as the more
    /// alarmed side perceives the tension); calm pairs with channels cool
    /// down and may step back; alarm fades, faster through a channel.
    pub(crate) fn drift(&mut self) {
        let n = self.scenario.actor_count();
        for a in 0..n {
            for b in a + 1..n {
                let r = self.state.relations[self.scenario.pair(a, b)];
                let tension = self.perceived_tension(a, b).max(self.perceived_tension(b, a));
                let fade = if r.channels != 0 { 2 * ALARM_FADE } else { ALARM_FADE };
                self.add_alarm(a, b, -fade);
                self.add_alarm(b, a, -fade);
                if tension >= SPIRAL_TENSION {
                    let p = ((tension - 60) * 2) as u32 * self.channel_factor(a, b) / 100;
                    if self.roll(p) {
                        self.shift_rung(a, b, 1, RungCause::Spiral);
                    }
                } else if tension < CALM_TENSION && r.rung > 0 && self.roll(30) {
                    self.shift_rung(a, b, -1, RungCause::Calming);
                }
                if r.channels != 0 {
                    self.add_tension(a, b, -3);
                }
            }
        }
    }
}

/// Chance in percent that a move with this ambiguity is misread between a
/// pair in relation `r`: less likely with trust and open channels.
pub fn misread_percent(r: &Rel, ambiguity: u8) -> u32 {
    if ambiguity == 0 {
        return 0;
    }
    let base = u32::from(ambiguity) * (120 - r.trust.clamp(0, 100)) as u32 / 100;
    base * channel_factor_of(r) / 100
}
