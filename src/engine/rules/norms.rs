//! Norms: every move records the UN norms it upholds or breaches; the
//! debrief counts them per actor.

use serde::{Deserialize, Serialize};

use crate::engine::event::{Event, EventKind};
use crate::scenario::schema::Norm;

/// Times each norm was upheld and breached by one actor.
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

/// Norm tallies for every actor from a game's events.
pub fn tally(events: &[Event], actors: usize) -> Vec<NormTally> {
    let mut t = vec![NormTally::default(); actors];
    // Sharing counts once per actor and turn, however many items went.
    let mut shared: Vec<(usize, u32)> = Vec::new();
    for e in events {
        match &e.kind {
            EventKind::Moved {
                actor,
                upholds,
                breaches,
                ..
            } => {
                for n in upholds.iter() {
                    t[*actor].upheld[*n as usize] += 1;
                }
                for n in breaches.iter() {
                    t[*actor].breached[*n as usize] += 1;
                }
            }
            EventKind::Attributed { actor, calibrated, .. } => {
                let b = Norm::ConsiderAllInformation as usize;
                if *calibrated {
                    t[*actor].upheld[b] += 1;
                } else {
                    t[*actor].breached[b] += 1;
                }
            }
            EventKind::EvidenceShared { from, .. } | EventKind::EvidencePublished { actor: from, .. }
                if !shared.contains(&(*from, e.turn)) =>
            {
                shared.push((*from, e.turn));
                t[*from].upheld[Norm::ExchangeInformation as usize] += 1;
            }
            _ => {}
        }
    }
    t
}
