//! Norms: every move records the UN norms it upholds or breaches; the
//! debrief counts them per actor, per distinct act and target (offering
//! consultations to the same state five times is one act of cooperation),
//! charges each incident on the record to the actor responsible, and reads
//! the record through each actor's own framework (`frameworks.rs`).

use serde::{Deserialize, Serialize};

use crate::engine::event::{Event, EventKind};
use crate::scenario::compiled::{in_set, norm_bits};
use crate::scenario::schema::Norm;
use crate::scenario::Scenario;

use super::frameworks;

/// Times each UN norm was upheld and breached by one actor, counted per
/// distinct act and target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormTally {
    pub upheld: [u32; 11],
    pub breached: [u32; 11],
}

impl NormTally {
    pub fn total_breached(&self) -> u32 {
        self.breached.iter().sum()
    }
    pub fn total_upheld(&self) -> u32 {
        self.upheld.iter().sum()
    }
}

/// What makes two acts the same act: the same move against the same
/// target, a statement about the same suspect (as calibrated or not),
/// information given to the same recipient, or an incident against the
/// same victim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Move(usize, Option<usize>),
    Statement(usize, bool),
    Informed(usize),
    Published,
    Incident(usize, Option<usize>),
}

/// One distinct act: the UN norms it upholds and breaches (bit sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Act {
    key: Key,
    upholds: u16,
    breaches: u16,
}

impl Act {
    fn action(&self) -> Option<usize> {
        match self.key {
            Key::Move(a, _) => Some(a),
            _ => None,
        }
    }
    fn incident(&self) -> Option<usize> {
        match self.key {
            Key::Incident(i, _) => Some(i),
            _ => None,
        }
    }
}

fn note(acts: &mut Vec<Act>, key: Key, upholds: u16, breaches: u16) {
    if !acts.iter().any(|a| a.key == key) {
        acts.push(Act { key, upholds, breaches });
    }
}

/// Every actor's distinct acts, incidents charged.
fn acts(s: &Scenario, events: &[Event]) -> Vec<Vec<Act>> {
    let mut t: Vec<Vec<Act>> = vec![Vec::new(); s.actor_count()];
    for (i, inc) in s.incidents.iter().enumerate() {
        let Some(r) = inc.responsible else { continue };
        let b = norm_bits(&inc.breaches);
        if inc.against.is_empty() {
            note(&mut t[r], Key::Incident(i, None), 0, b);
        }
        for &v in &inc.against {
            note(&mut t[r], Key::Incident(i, Some(v)), 0, b);
        }
    }
    let d = 1u16 << (Norm::ExchangeInformation as u16);
    for e in events {
        match &e.kind {
            EventKind::Moved {
                actor,
                action,
                target,
                upholds,
                breaches,
                ..
            } => note(
                &mut t[*actor],
                Key::Move(*action, *target),
                norm_bits(upholds),
                norm_bits(breaches),
            ),
            EventKind::Attributed {
                actor,
                suspect,
                calibrated,
                ..
            } => {
                let b = 1u16 << (Norm::ConsiderAllInformation as u16);
                let (up, br) = if *calibrated { (b, 0) } else { (0, b) };
                note(&mut t[*actor], Key::Statement(*suspect, *calibrated), up, br);
            }
            EventKind::EvidenceShared { from, to, .. } => {
                for &r in to {
                    note(&mut t[*from], Key::Informed(r), d, 0);
                }
            }
            EventKind::EvidencePublished { actor, .. } => note(&mut t[*actor], Key::Published, d, 0),
            _ => {}
        }
    }
    t
}

/// UN norm tallies for every actor from a game's events, with the
/// scenario's incidents charged to those responsible.
pub fn tally(s: &Scenario, events: &[Event]) -> Vec<NormTally> {
    acts(s, events)
        .iter()
        .map(|list| {
            let mut t = NormTally::default();
            for a in list {
                for n in 0..11 {
                    t.upheld[n] += u32::from(a.upholds >> n & 1);
                    t.breached[n] += u32::from(a.breaches >> n & 1);
                }
            }
            t
        })
        .collect()
}

/// One commitment in an actor's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// "a", "TA-1", "M2", or a scenario commitment's id.
    pub code: String,
    pub name: String,
    /// The framework it comes from, with its source.
    pub framework: String,
    /// Distinct acts that upheld it.
    pub upheld: u32,
    /// Distinct acts that breached it.
    pub breached: u32,
}

/// An actor's record read through its own framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// The framework the actor answers to.
    pub framework: String,
    pub lines: Vec<Line>,
    /// Whether it is responsible for one of the scenario's incidents.
    pub responsible: bool,
}

impl Ledger {
    pub fn upheld(&self) -> u32 {
        self.lines.iter().map(|l| l.upheld).sum()
    }
    pub fn breached(&self) -> u32 {
        self.lines.iter().map(|l| l.breached).sum()
    }
}

/// Every actor's ledger: built-in framework by kind, plus the scenario's
/// commitments that apply to it.
pub fn ledgers(s: &Scenario, events: &[Event]) -> Vec<Ledger> {
    let acts = acts(s, events);
    let responsible = s.responsible();
    s.file
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let fw = frameworks::for_kind(a.kind);
            let count = |covers: u16, up: &[usize], br: &[usize], inc: Option<usize>| {
                let mut l = (0, 0);
                for act in &acts[i] {
                    let by = |list: &[usize]| act.action().is_some_and(|x| list.contains(&x));
                    let charged = inc.is_some_and(|c| {
                        act.incident()
                            .is_some_and(|k| s.incidents[k].breaches_commitments.contains(&c))
                    });
                    l.0 += u32::from(act.upholds & covers != 0 || by(up));
                    l.1 += u32::from(act.breaches & covers != 0 || by(br) || charged);
                }
                l
            };
            let mut lines: Vec<Line> = fw
                .commitments
                .iter()
                .map(|c| {
                    let (upheld, breached) = count(c.covers, &[], &[], None);
                    Line {
                        code: c.code.to_string(),
                        name: c.name.to_string(),
                        framework: fw.name.to_string(),
                        upheld,
                        breached,
                    }
                })
                .collect();
            for (k, c) in s.commitments.iter().enumerate() {
                if !in_set(c.applies, i) {
                    continue;
                }
                let def = &s.file.commitments[k];
                let (upheld, breached) = count(c.covers, &c.upheld_by, &c.breached_by, Some(k));
                lines.push(Line {
                    code: def.id.clone(),
                    name: def.name.clone(),
                    framework: def.framework.clone(),
                    upheld,
                    breached,
                });
            }
            Ledger {
                framework: fw.name.to_string(),
                lines,
                responsible: in_set(responsible, i),
            }
        })
        .collect()
}

/// Each actor's place among the actors of its own kind (1 is best; equal
/// records share a place), and how many there are: those responsible for
/// an incident come last, then fewer acts breaching, then more upholding.
/// Actors are never ranked against another kind's framework.
pub fn standings(s: &Scenario, ledgers: &[Ledger]) -> Vec<(u32, u32)> {
    let key = |l: &Ledger| (l.responsible, l.breached(), std::cmp::Reverse(l.upheld()));
    let kinds: Vec<_> = s.file.actors.iter().map(|a| a.kind).collect();
    (0..ledgers.len())
        .map(|i| {
            let peers = (0..ledgers.len()).filter(|&j| kinds[j] == kinds[i]);
            let better = peers.clone().filter(|&j| key(&ledgers[j]) < key(&ledgers[i])).count();
            (better as u32 + 1, peers.count() as u32)
        })
        .collect()
}
