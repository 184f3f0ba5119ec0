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
        let scenario = self.scenario.clone();
        for (i, inj) in scenario.injects.iter().enumerate() {
            if self.state.fired[i] {
                continue;
            }
            let due = match &inj.trigger {
                CTrigger::Turn(t) => *t == turn,
                CTrigger::When(c) => self.holds(c, None, None),
            };
            if !due {
                continue;
            }
            let fires = self.roll(u32::from(inj.chance));
            if !fires {
                // A scheduled inject that does not happen is gone; a
                // conditional one may still happen later.
                if matches!(inj.trigger, CTrigger::Turn(_)) {
                    self.state.fired[i] = true;
                }
                continue;
            }
            self.state.fired[i] = true;
            let mask = inj.audience.iter().fold(0u64, |m, &a| m | bit(a));
            self.push(inj.public, mask, EventKind::Inject { inject: i });
            for &e in &inj.reveals {
                for &a in &inj.audience {
                    self.give(a, e, super::Origin::Inject);
                }
            }
            self.apply_effects(&inj.effects, None, None);
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
                Order::Attribute { suspect, confidence } => statements.push((actor, suspect, confidence)),
            }
        }
        if !statements.is_empty() {
            self.resolve_attributions(&statements);
        }
        self.exchange_information();
        self.drift();
        self.record_history();
        self.check_endings();
        if !self.is_over() {
            self.state.turn += 1;
            self.start_turn();
        }
    }

    fn resolve_act(&mut self, actor: usize, action: usize, target: Option<usize>) {
        let scenario = self.scenario.clone();
        let ca = &scenario.actions[action];
        let def = &scenario.file.actions[action];
        if ca.once {
            self.state.actors[actor].used.push(action);
        }
        let success = self.roll(u32::from(ca.chance));
        let outcome = if success { Outcome::Succeeded } else { Outcome::Failed };
        let moved = EventKind::Moved {
            actor,
            action,
            target,
            outcome,
            upholds: NormList::new(&def.upholds),
            breaches: NormList::new(&def.breaches),
        };
        let detected = match (ca.visibility, target) {
            (Visibility::Secret, Some(_)) => self.roll(u32::from(ca.detection)),
            _ => false,
        };
        match (ca.visibility, target) {
            (Visibility::Public, _) => self.push_public(moved),
            (Visibility::Parties, Some(t)) => self.push_to(&[actor, t], moved),
            (Visibility::Parties, None) | (Visibility::Secret, _) => self.push_to(&[actor], moved),
        }
        if !success {
            self.apply_effects(&ca.on_failure, Some(actor), target);
            return;
        }
        self.state.taken.push((actor, action, self.state.turn));
        self.apply_effects(&ca.effects, Some(actor), target);
        self.uncover(actor, action);
        let Some(t) = target else { return };
        if let Some(kind) = ca.cbm {
            self.offer_cbm(actor, t, kind);
        }
        // A secret move weighs on the relation only if the target notices.
        if ca.visibility == Visibility::Secret && !detected {
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
        self.apply_hostility(actor, t, ca.hostility);
        if ca.hostility >= 0 {
            self.maybe_misread(actor, action, t);
        }
    }

    fn check_endings(&mut self) {
        let scenario = self.scenario.clone();
        let found = scenario.endings.iter().position(|c| self.holds(c, None, None));
        let last = self.state.turn >= scenario.file.turns;
        let ending = match found {
            Some(i) => Some(i),
            None if last => Some(scenario.endings.len().saturating_sub(1)),
            None => None,
        };
        if let Some(e) = ending {
            self.state.ending = Some(e);
            self.push_public(EventKind::Ended { ending: e });
        }
    }
}
