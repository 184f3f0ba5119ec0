//! The turn: injects at its start, then orders from every actor, then a
//! resolution in a seeded order once all have committed, then the endings.

use rand::seq::SliceRandom;

use crate::scenario::compiled::CTrigger;
use crate::scenario::schema::Visibility;

use super::event::{EventKind, NormList, Outcome};
use super::state::Order;
use super::{bit, Game};

impl Game {
    /// Begin the current turn: income, then the injects that are due.
    pub(crate) fn start_turn(&mut self) {
        let turn = self.state.turn;
        self.push_public(EventKind::TurnStarted);
        if turn > 1 {
            for (i, a) in self.scenario.file.actors.iter().enumerate() {
                let r = &mut self.state.actors[i].resources;
                *r = (*r + a.income).min(999);
            }
        }
        for a in &mut self.state.actors {
            a.committed = false;
        }
        for i in 0..self.scenario.injects.len() {
            if self.state.fired[i] {
                continue;
            }
            let inj = &self.scenario.injects[i];
            let scheduled = matches!(inj.trigger, CTrigger::Turn(_));
            let due = match &inj.trigger {
                CTrigger::Turn(t) => *t == turn,
                CTrigger::When(c) => self.holds(c, None, None),
            };
            if !due {
                continue;
            }
            let chance = u32::from(inj.chance);
            let fires = self.roll(chance);
            if !fires {
                // A scheduled inject that does not happen is gone; a
                // conditional one may still happen later.
                if scheduled {
                    self.state.fired[i] = true;
                }
                continue;
            }
            self.state.fired[i] = true;
            let inj = &self.scenario.injects[i];
            let mask = inj.audience.iter().fold(0u64, |m, &a| m | bit(a));
            let (public, reveals, audience) = (inj.public, inj.reveals.len(), inj.audience.len());
            self.push(public, mask, EventKind::Inject { inject: i });
            for r in 0..reveals {
                for k in 0..audience {
                    let inj = &self.scenario.injects[i];
                    let (a, e) = (inj.audience[k], inj.reveals[r]);
                    self.give(a, e, super::Origin::Inject);
                }
            }
            self.apply_effects(|s| &s.injects[i].effects, None, None);
        }
    }

    /// Every actor has committed: resolve all moves, then end the turn.
    pub(crate) fn resolve_turn(&mut self) {
        let count = self.state.actors.iter().map(|a| a.orders.len()).sum();
        let mut orders: Vec<(usize, Order)> = Vec::with_capacity(count);
        for (a, st) in self.state.actors.iter_mut().enumerate() {
            for o in st.orders.drain(..) {
                orders.push((a, o));
            }
        }
        orders.shuffle(&mut self.state.rng);
        let mut statements = Vec::new();
        for (actor, order) in orders {
            match order {
                Order::Act { action, target } => self.resolve_act(actor, action, target),
                o => statements.push((actor, o)),
            }
        }
        let due = self.state.proposals.iter().any(|p| p.made.is_none());
        if !statements.is_empty() || due {
            self.resolve_statements(&statements);
        }
        self.exchange_information();
        self.lapse_requests();
        self.drift();
        self.drift_tracks();
        self.settle_restraints();
        self.record_history();
        self.check_endings();
        if !self.is_over() {
            self.state.turn += 1;
            self.start_turn();
        }
    }

    fn resolve_act(&mut self, actor: usize, action: usize, target: Option<usize>) {
        let ca = &self.scenario.actions[action];
        let (chance, visibility, detection) = (ca.chance, ca.visibility, ca.detection);
        let (hostility, cbm, cap) = (ca.hostility, ca.cbm, ca.max_rung);
        if ca.once {
            self.state.actors[actor].used.push(action);
        }
        let success = self.roll(u32::from(chance));
        let outcome = if success { Outcome::Succeeded } else { Outcome::Failed };
        let def = &self.scenario.file.actions[action];
        let moved = EventKind::Moved {
            actor,
            action,
            target,
            outcome,
            upholds: NormList::new(&def.upholds),
            breaches: NormList::new(&def.breaches),
        };
        // A secret move may be detected by its target or, aimed at no one,
        // exposed to everyone.
        let detected = match visibility {
            Visibility::Secret => self.roll(u32::from(detection)),
            _ => false,
        };
        match (visibility, target) {
            (Visibility::Public, _) => self.push_public(moved),
            (Visibility::Parties, Some(t)) => self.push_to(&[actor, t], moved),
            (Visibility::Parties, None) | (Visibility::Secret, _) => self.push_to(&[actor], moved),
        }
        if !success {
            self.apply_effects(|s| &s.actions[action].on_failure, Some(actor), target);
            return;
        }
        self.state.taken.push((actor, action, self.state.turn));
        self.apply_effects(|s| &s.actions[action].effects, Some(actor), target);
        self.uncover(actor, action, target);
        if target.is_none() && detected {
            self.push_public(EventKind::Exposed { actor, action });
        }
        // Others watching may read the move as aimed at them.
        let seen = visibility == Visibility::Public || (target.is_none() && detected);
        if seen && hostility >= 0 {
            self.third_party_misreadings(actor, action, target);
        }
        let Some(t) = target else { return };
        if let Some(kind) = cbm {
            self.offer_cbm(actor, t, kind);
        }
        // A secret move weighs on the relation only if the target notices.
        if visibility == Visibility::Secret && !detected {
            self.judge_response(actor, action, t, false);
            return;
        }
        if detected {
            self.push_to(
                &[actor, t],
                EventKind::Detected {
                    actor,
                    action,
                    target: t,
                },
            );
            self.add_tension(actor, t, 10);
        }
        self.judge_response(actor, action, t, true);
        // A measure's own calming is decided when it is agreed, never by
        // the offer or the answer on their own.
        if !(cbm.is_some() && hostility < 0) {
            self.apply_hostility(actor, t, hostility, cap);
        }
        if hostility > 0 {
            self.note_climb(actor, t);
        }
        if hostility >= 0 {
            self.maybe_misread(actor, action, t);
        }
    }

    fn check_endings(&mut self) {
        let endings = &self.scenario.endings;
        let found = endings.iter().position(|c| self.holds(c, None, None));
        let last = self.state.turn >= self.scenario.file.turns;
        let ending = match found {
            Some(i) => Some(i),
            None if last => Some(endings.len().saturating_sub(1)),
            None => None,
        };
        if let Some(e) = ending {
            // The ending is decided on the turn's state; questions left
            // open are then settled, so the record says who went unanswered.
            self.close_requests();
            self.state.ending = Some(e);
            self.push_public(EventKind::Ended { ending: e });
        }
    }
}
