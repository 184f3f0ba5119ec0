//! Evidence: discovered by actions and injects, shared within its Traffic
//! Light Protocol marking, published when it is TLP:CLEAR.

use crate::engine::event::EventKind;
use crate::engine::state::{Held, Origin};
use crate::engine::{bit, Game};
use crate::scenario::schema::{CbmKind, Tlp};

/// Trust an actor needs with a recipient to pass it TLP:AMBER without an
/// information exchange.
pub const AMBER_TRUST: i32 = 50;

impl Game {
    /// Give an item to an actor; false if it already held it.
    pub(crate) fn give(&mut self, actor: usize, evidence: usize, origin: Origin) -> bool {
        if self.state.holds(actor, evidence) {
            return false;
        }
        let turn = self.state.turn;
        self.state.actors[actor].held.push(Held { evidence, origin, turn });
        if matches!(origin, Origin::Discovered | Origin::Inject) {
            self.push_to(&[actor], EventKind::EvidenceFound { actor, evidence });
        }
        true
    }

    /// Whether `holder` may pass `evidence` to `to`, and why not.
    pub fn may_share(&self, holder: usize, evidence: usize, to: usize) -> Result<(), String> {
        match self.share_refusal(holder, evidence, to) {
            None => Ok(()),
            Some(r) => Err(r.describe(&self.scenario.file.actors[to].name)),
        }
    }

    /// `may_share` without the words: why not, if not.
    pub fn share_refusal(&self, holder: usize, evidence: usize, to: usize) -> Option<ShareRefusal> {
        if holder == to {
            return Some(ShareRefusal::ToSelf);
        }
        match self.scenario.file.evidence[evidence].tlp {
            Tlp::Clear | Tlp::Green => None,
            Tlp::Amber => {
                let first_hand = self.state.actors[holder]
                    .held
                    .iter()
                    .any(|h| h.evidence == evidence && h.origin.first_hand());
                if !first_hand {
                    return Some(ShareRefusal::ReceivedAmber);
                }
                let r = self.state.relations[self.scenario.pair(holder, to)];
                if r.trust >= AMBER_TRUST || r.has(CbmKind::InformationExchange) {
                    None
                } else {
                    Some(ShareRefusal::AmberTrust(r.trust))
                }
            }
            Tlp::AmberStrict => Some(ShareRefusal::AmberStrict),
            Tlp::Red => Some(ShareRefusal::Red),
        }
    }

    pub(crate) fn share(&mut self, actor: usize, evidence: usize, with: &[usize]) {
        let mut got = Vec::new();
        for &to in with {
            if self.give(to, evidence, Origin::SharedBy(actor)) {
                got.push(to);
            }
        }
        if !got.is_empty() {
            let seen = got.iter().fold(bit(actor), |m, &a| m | bit(a));
            self.push(
                false,
                seen,
                EventKind::EvidenceShared {
                    from: actor,
                    to: got,
                    evidence,
                },
            );
        }
    }

    pub(crate) fn publish(&mut self, actor: usize, evidence: usize) {
        for to in 0..self.scenario.actor_count() {
            if to != actor {
                self.give(to, evidence, Origin::Published);
            }
        }
        self.push_public(EventKind::EvidencePublished { actor, evidence });
    }

    /// A successful investigative action uncovers the next available item,
    /// or says that it found nothing new. An action that can uncover an
    /// actor's answer (`answered_by`), aimed at an actor, asks it a question
    /// instead: the asked side chooses the answer (`rules::requests`).
    pub(crate) fn uncover(&mut self, actor: usize, action: usize, target: Option<usize>) {
        if let Some(t) = target.filter(|_| self.is_question(action)) {
            // The asked side chooses the answer (see `requests`).
            self.ask(actor, action, t);
            return;
        }
        let turn = self.state.turn;
        let s = std::sync::Arc::clone(&self.scenario);
        let open = |e: usize| s.evidence[e].answered_by.is_none_or(|by| Some(by) == target);
        let next = s.actions[action]
            .uncovers
            .iter()
            .copied()
            .find(|&e| !self.state.holds(actor, e) && s.file.evidence[e].available_from <= turn && open(e));
        match next {
            Some(e) => {
                self.give(actor, e, Origin::Discovered);
            }
            None if !s.actions[action].uncovers.is_empty() => {
                let more_later = s.actions[action]
                    .uncovers
                    .iter()
                    .any(|&e| !self.state.holds(actor, e) && s.file.evidence[e].available_from > turn && open(e));
                self.push_to(
                    &[actor],
                    EventKind::FoundNothing {
                        actor,
                        action,
                        more_later,
                    },
                );
            }
            None => {}
        }
    }
}

/// Why an evidence item may not go to an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareRefusal {
    ToSelf,
    /// TLP:AMBER that was shared with the holder.
    ReceivedAmber,
    /// TLP:AMBER to a partner trusted too little (the trust there is).
    AmberTrust(i32),
    AmberStrict,
    Red,
}

impl ShareRefusal {
    /// The reason in words; `name` is the would-be recipient's.
    pub fn describe(self, name: &str) -> String {
        match self {
            ShareRefusal::ToSelf => "you cannot share evidence with yourself".into(),
            ShareRefusal::ReceivedAmber => {
                "TLP:AMBER you received may not be passed on beyond your organisation".into()
            }
            ShareRefusal::AmberTrust(trust) => format!(
                "TLP:AMBER may go only to partners you trust (trust {AMBER_TRUST}+) or exchange information with; trust with {name} is {trust}"
            ),
            ShareRefusal::AmberStrict => "TLP:AMBER+STRICT stays inside your own organisation".into(),
            ShareRefusal::Red => "TLP:RED is for your eyes only and may not be passed on".into(),
        }
    }
}
