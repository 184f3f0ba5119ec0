//! Evaluating conditions and applying effects: the one place where the
//! scenario's expression language meets the state.

use crate::scenario::compiled::{ARef, Cond, Eff};
use crate::scenario::Scenario;

use super::event::RungCause;
use super::Game;

pub(crate) fn clamp100(v: i32) -> i32 {
    v.clamp(0, 100)
}

impl Game {
    /// A standing statement (not retracted): whether its claim is true at
    /// its layer. Endings read the ground truth, revealed or not.
    fn standing(&self, a: &super::Attribution) -> Option<bool> {
        a.retracted
            .is_none()
            .then(|| super::rules::attribution::correct(&self.scenario, a.suspect, a.layer))
    }

    pub(crate) fn resolve(&self, r: ARef, me: Option<usize>, target: Option<usize>) -> Option<usize> {
        match r {
            ARef::Me => me,
            ARef::Target => target,
            ARef::Actor(i) => Some(i),
        }
    }

    fn pair_of(&self, a: ARef, b: ARef, me: Option<usize>, target: Option<usize>) -> Option<usize> {
        let a = self.resolve(a, me, target)?;
        let b = self.resolve(b, me, target)?;
        (a != b).then(|| self.scenario.pair(a, b))
    }

    /// The pair's rung and rung number `g` on its ladder, when `g` is a
    /// rung of the ladder the pair climbs.
    fn rung_here(
        &self,
        a: ARef,
        b: ARef,
        me: Option<usize>,
        target: Option<usize>,
        g: usize,
    ) -> Option<(usize, usize)> {
        let p = self.pair_of(a, b, me, target)?;
        Some((self.state.relations[p].rung, self.scenario.rung_on(p, g)?))
    }

    /// Whether a condition holds, for an action taken by `me` on `target`.
    #[inline]
    pub(crate) fn holds(&self, c: &Cond, me: Option<usize>, target: Option<usize>) -> bool {
        // Most actions require nothing: answer those without the full match.
        matches!(c, Cond::Always) || self.holds_any(c, me, target)
    }

    fn holds_any(&self, c: &Cond, me: Option<usize>, target: Option<usize>) -> bool {
        let st = &self.state;
        let rel = |a, b| self.pair_of(a, b, me, target).map(|p| st.relations[p]);
        match c {
            Cond::Always => true,
            Cond::Never => false,
            Cond::All(v) => v.iter().all(|c| self.holds(c, me, target)),
            Cond::Any(v) => v.iter().any(|c| self.holds(c, me, target)),
            Cond::Not(c) => !self.holds(c, me, target),
            Cond::TurnAtLeast(t) => st.turn >= *t,
            Cond::TurnAtMost(t) => st.turn <= *t,
            Cond::FinalTurn => st.turn >= self.scenario.file.turns,
            Cond::TrackAtLeast(t, v) => st.tracks[*t] >= *v,
            Cond::TrackAtMost(t, v) => st.tracks[*t] <= *v,
            Cond::Flag(f) => st.flags[*f],
            // A rung is read only on pairs that climb its own ladder.
            Cond::RungAtLeast(a, b, r) => self.rung_here(*a, *b, me, target, *r).is_some_and(|(x, i)| x >= i),
            Cond::RungAtMost(a, b, r) => self.rung_here(*a, *b, me, target, *r).is_some_and(|(x, i)| x <= i),
            Cond::AnyRungAtLeast(r) => {
                let s = &self.scenario;
                (st.relations.iter().enumerate()).any(|(p, x)| s.rung_on(p, *r).is_some_and(|i| x.rung >= i))
            }
            Cond::AllRungsAtMost(r) => {
                let s = &self.scenario;
                (st.relations.iter().enumerate()).all(|(p, x)| s.rung_on(p, *r).is_none_or(|i| x.rung <= i))
            }
            Cond::TensionAtLeast(a, b, v) => rel(*a, *b).is_some_and(|x| x.tension >= *v),
            Cond::TensionAtMost(a, b, v) => rel(*a, *b).is_some_and(|x| x.tension <= *v),
            Cond::TrustAtLeast(a, b, v) => rel(*a, *b).is_some_and(|x| x.trust >= *v),
            Cond::TrustAtMost(a, b, v) => rel(*a, *b).is_some_and(|x| x.trust <= *v),
            Cond::Channel(a, b, k) => rel(*a, *b).is_some_and(|x| x.has(*k)),
            Cond::Taken(x) => st.taken.iter().any(|t| t.1 == *x),
            Cond::TakenBy(a, x) => match self.resolve(*a, me, target) {
                Some(a) => st.taken.iter().any(|t| t.0 == a && t.1 == *x),
                None => false,
            },
            Cond::InjectFired(i) => st.fired[*i],
            Cond::Holds(a, e) => self.resolve(*a, me, target).is_some_and(|a| st.holds(a, *e)),
            Cond::ConfidenceAtLeast(a, s, c) => self
                .resolve(*a, me, target)
                .and_then(|a| self.confidence(a, *s))
                .is_some_and(|have| have >= *c),
            Cond::Attributed(s) => st.attributions.iter().any(|a| a.suspect == *s && a.retracted.is_none()),
            // Judged at its layer; only what was said before the truth was
            // out counts as attribution.
            Cond::CorrectlyAttributed => st
                .attributions
                .iter()
                .any(|a| self.standing(a) == Some(true) && !a.after_reveal),
            Cond::ConcurredAfterReveal => st
                .attributions
                .iter()
                .any(|a| self.standing(a) == Some(true) && a.after_reveal),
            Cond::WronglyAttributed => st.attributions.iter().any(|a| self.standing(a) == Some(false)),
            Cond::JointlyAttributed => st
                .attributions
                .iter()
                .any(|a| self.standing(a) == Some(true) && !a.after_reveal && !a.joint_with.is_empty()),
            Cond::ResourcesAtLeast(a, v) => self
                .resolve(*a, me, target)
                .is_some_and(|a| st.actors[a].resources >= *v),
            Cond::CredibilityAtMost(a, v) => self
                .resolve(*a, me, target)
                .is_some_and(|a| st.actors[a].credibility <= *v),
            Cond::Behind(a, s) => {
                let behind = self.scenario.suspect_actor[*s];
                behind.is_some() && self.resolve(*a, me, target) == behind
            }
            Cond::Responsible(a) => self
                .resolve(*a, me, target)
                .is_some_and(|a| crate::scenario::compiled::in_set(self.scenario.responsible(), a)),
            Cond::AttributedBy(a, s) => self.resolve(*a, me, target).is_some_and(|who| {
                st.attributions
                    .iter()
                    .any(|x| x.actor == who && x.suspect == *s && x.retracted.is_none())
            }),
            Cond::AttributedByKind(k, s) => st
                .attributions
                .iter()
                .any(|x| x.suspect == *s && x.retracted.is_none() && self.scenario.file.actors[x.actor].kind == *k),
            Cond::AnyTensionAtLeast(v) => st.relations.iter().any(|x| x.tension >= *v),
            Cond::Is(a, x) => self.resolve(*a, me, target) == Some(*x),
            Cond::IsKind(a, k) => self
                .resolve(*a, me, target)
                .is_some_and(|a| self.scenario.file.actors[a].kind == *k),
        }
    }

    /// Apply the effects `list` picks out of the scenario, for an action by
    /// `me` on `target` (or an inject: both None). Each is copied out as it
    /// applies, so the game never holds on to its scenario while it changes.
    pub(crate) fn apply_effects(
        &mut self,
        list: impl Fn(&Scenario) -> &[Eff],
        me: Option<usize>,
        target: Option<usize>,
    ) {
        let mut i = 0;
        while let Some(&e) = list(&self.scenario).get(i) {
            self.apply_effect(&e, me, target);
            i += 1;
        }
    }

    fn apply_effect(&mut self, e: &Eff, me: Option<usize>, target: Option<usize>) {
        match e {
            Eff::Track(t, d) => {
                let def = &self.scenario.file.tracks[*t];
                let v = self.state.tracks[*t].saturating_add(*d);
                self.state.tracks[*t] = v.clamp(def.min, def.max);
            }
            Eff::SetFlag(f, b) => self.state.flags[*f] = *b,
            Eff::Tension(a, b, d) => {
                if let Some(p) = self.pair_of(*a, *b, me, target) {
                    let r = &mut self.state.relations[p];
                    r.tension = clamp100(r.tension.saturating_add(*d));
                }
            }
            Eff::Trust(a, b, d) => {
                if let Some(p) = self.pair_of(*a, *b, me, target) {
                    let r = &mut self.state.relations[p];
                    r.trust = clamp100(r.trust.saturating_add(*d));
                }
            }
            Eff::Escalate(a, b, d) => {
                if let (Some(a), Some(b)) = (self.resolve(*a, me, target), self.resolve(*b, me, target)) {
                    let cause = if *d < 0 { RungCause::Calming } else { RungCause::Events };
                    self.shift_rung(a, b, *d, cause);
                }
            }
            Eff::Resources(a, d) => {
                if let Some(a) = self.resolve(*a, me, target) {
                    let r = &mut self.state.actors[a].resources;
                    *r = r.saturating_add(*d).clamp(0, 999);
                }
            }
            Eff::Credibility(a, d) => {
                if let Some(a) = self.resolve(*a, me, target) {
                    let c = &mut self.state.actors[a].credibility;
                    *c = clamp100(c.saturating_add(*d));
                }
            }
            Eff::Reveal(ev, a) => {
                if let Some(a) = self.resolve(*a, me, target) {
                    self.give(a, *ev, super::Origin::Inject);
                }
            }
            Eff::RevealAll(ev) => {
                for a in 0..self.scenario.actor_count() {
                    self.give(a, *ev, super::Origin::Inject);
                }
            }
            Eff::RevealTruth => self.reveal_truth(),
        }
    }
}
