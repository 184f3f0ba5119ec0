//! Conditions and effects: every name in the expression language resolved
//! to an index, with `Me`, `Target` and `Everyone` checked against where
//! the expression sits.

use super::super::compiled::{Cond, Eff};
use super::super::expr::{ActorRef, Condition, Effect};
use super::super::schema::CbmKind;
use super::{Compiler, Scope};

impl Compiler<'_> {
    pub(super) fn cond(&mut self, c: &Condition, scope: Scope) -> Cond {
        use Condition as C;
        match c {
            C::Always => Cond::Always,
            C::Never => Cond::Never,
            C::All(v) => Cond::All(v.iter().map(|c| self.cond(c, scope)).collect()),
            C::Any(v) => Cond::Any(v.iter().map(|c| self.cond(c, scope)).collect()),
            C::Not(c) => Cond::Not(Box::new(self.cond(c, scope))),
            C::TurnAtLeast(n) => Cond::TurnAtLeast(*n),
            C::TurnAtMost(n) => Cond::TurnAtMost(*n),
            C::FinalTurn => Cond::FinalTurn,
            C::TrackAtLeast(t, n) => Cond::TrackAtLeast(self.track(t), *n),
            C::TrackAtMost(t, n) => Cond::TrackAtMost(self.track(t), *n),
            C::Flag(f) => Cond::Flag(self.flag(f)),
            C::RungAtLeast(a, b, r) => Cond::RungAtLeast(self.aref(a, scope), self.aref(b, scope), self.rung(r)),
            C::RungAtMost(a, b, r) => Cond::RungAtMost(self.aref(a, scope), self.aref(b, scope), self.rung(r)),
            C::AnyRungAtLeast(r) => Cond::AnyRungAtLeast(self.rung(r)),
            C::AllRungsAtMost(r) => Cond::AllRungsAtMost(self.rung(r)),
            C::TensionAtLeast(a, b, n) => Cond::TensionAtLeast(self.aref(a, scope), self.aref(b, scope), *n),
            C::TensionAtMost(a, b, n) => Cond::TensionAtMost(self.aref(a, scope), self.aref(b, scope), *n),
            C::TrustAtLeast(a, b, n) => Cond::TrustAtLeast(self.aref(a, scope), self.aref(b, scope), *n),
            C::TrustAtMost(a, b, n) => Cond::TrustAtMost(self.aref(a, scope), self.aref(b, scope), *n),
            C::Channel(a, b, k) => {
                if !k.is_lasting() {
                    self.err(
                        "consultations are a one-off measure, never an open channel".into(),
                        "a lasting measure: Hotline, PointOfContact, Notification or InformationExchange".into(),
                        "Consultations",
                        false,
                    );
                }
                Cond::Channel(self.aref(a, scope), self.aref(b, scope), *k)
            }
            C::Taken(x) => Cond::Taken(self.action(x)),
            C::TakenBy(a, x) => Cond::TakenBy(self.aref(a, scope), self.action(x)),
            C::InjectFired(i) => Cond::InjectFired(self.inject(i)),
            C::Holds(a, e) => Cond::Holds(self.aref(a, scope), self.evidence(e)),
            C::ConfidenceAtLeast(a, s, c) => Cond::ConfidenceAtLeast(self.aref(a, scope), self.suspect(s), *c),
            C::Attributed(s) => Cond::Attributed(self.suspect(s)),
            C::CorrectlyAttributed => Cond::CorrectlyAttributed,
            C::ConcurredAfterReveal => Cond::ConcurredAfterReveal,
            C::WronglyAttributed => Cond::WronglyAttributed,
            C::JointlyAttributed => Cond::JointlyAttributed,
            C::ResourcesAtLeast(a, n) => Cond::ResourcesAtLeast(self.aref(a, scope), *n),
            C::CredibilityAtMost(a, n) => Cond::CredibilityAtMost(self.aref(a, scope), *n),
            C::Behind(a, x) => Cond::Behind(self.aref(a, scope), self.suspect(x)),
            C::Responsible(a) => Cond::Responsible(self.aref(a, scope)),
            C::AttributedBy(a, x) => Cond::AttributedBy(self.aref(a, scope), self.suspect(x)),
            C::AttributedByKind(k, x) => Cond::AttributedByKind(*k, self.suspect(x)),
            C::AnyTensionAtLeast(n) => Cond::AnyTensionAtLeast(*n),
            C::Is(a, x) => Cond::Is(self.aref(a, scope), self.actor(x)),
            C::IsKind(a, k) => Cond::IsKind(self.aref(a, scope), *k),
        }
    }

    pub(super) fn effects(&mut self, v: &[Effect], scope: Scope) -> Vec<Eff> {
        v.iter().map(|e| self.effect(e, scope)).collect()
    }

    fn effect(&mut self, e: &Effect, scope: Scope) -> Eff {
        use Effect as E;
        if let Some((msg, expected, needle)) = super::super::effect_size::check(e) {
            self.err(msg, expected, &needle, false);
        }
        match e {
            E::Track(t, n) => Eff::Track(self.track(t), *n),
            E::SetFlag(f, b) => Eff::SetFlag(self.flag(f), *b),
            E::Tension(a, b, n) => Eff::Tension(self.aref(a, scope), self.aref(b, scope), *n),
            E::Trust(a, b, n) => Eff::Trust(self.aref(a, scope), self.aref(b, scope), *n),
            E::Escalate(a, b, n) => Eff::Escalate(self.aref(a, scope), self.aref(b, scope), *n),
            E::Resources(a, n) => Eff::Resources(self.aref(a, scope), *n),
            E::Credibility(a, n) => Eff::Credibility(self.aref(a, scope), *n),
            E::Reveal(ev, ActorRef::Everyone) => Eff::RevealAll(self.evidence(ev)),
            E::Reveal(ev, a) => Eff::Reveal(self.evidence(ev), self.aref(a, scope)),
            E::RevealTruth => Eff::RevealTruth,
        }
    }

    /// Measures in force from the start, as a bit set; consultations are
    /// a one-off meeting, never a standing channel.
    pub(super) fn channels(&mut self, kinds: &[CbmKind]) -> u8 {
        let mut bits = 0;
        for &k in kinds {
            if !k.is_lasting() {
                self.err(
                    "consultations are a one-off measure and cannot be in force from the start".into(),
                    "Hotline, PointOfContact, Notification or InformationExchange".into(),
                    "Consultations",
                    false,
                );
            }
            bits |= 1u8 << (k as u8);
        }
        bits
    }
}
