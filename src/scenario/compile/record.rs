//! Resolves what a scenario puts on the record: incidents, added
//! commitments and the conditions of secret objectives.

use std::collections::HashMap;

use super::super::compiled::{bit_set, norm_bits, CCommitment, CIncident, Cond};
use super::super::schema::Who;
use super::{Compiler, Scope};

type Record = (Vec<CIncident>, Vec<CCommitment>, Vec<Vec<Option<Cond>>>);

impl Compiler<'_> {
    fn who(&mut self, w: &Who) -> u64 {
        let f = self.file;
        let set: Vec<bool> = match w {
            Who::Anyone => vec![true; f.actors.len()],
            Who::Kinds(k) => f.actors.iter().map(|x| k.contains(&x.kind)).collect(),
            Who::Actors(ids) => self.actor_set(ids),
        };
        bit_set(&set)
    }

    /// Incidents, commitments and objective conditions; `suspect_actor` is
    /// the actor behind each suspect.
    pub(super) fn record(&mut self, suspect_actor: &[Option<usize>]) -> Record {
        let f = self.file;
        let mut ids = HashMap::new();
        let commitments = f
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.anchor = Some(("Commitment", c.id.clone()));
                ids.entry(c.id.clone()).or_insert(i);
                CCommitment {
                    applies: self.who(&c.applies_to),
                    covers: norm_bits(&c.covers),
                    upheld_by: c.upheld_by.iter().map(|a| self.action(a)).collect(),
                    breached_by: c.breached_by.iter().map(|a| self.action(a)).collect(),
                }
            })
            .collect();
        let incidents = f
            .incidents
            .iter()
            .map(|inc| {
                self.anchor = Some(("Incident", inc.id.clone()));
                let by = self.suspect(&inc.by);
                let responsible = match &inc.responsible {
                    Some(a) => Some(self.actor(a)),
                    None => suspect_actor.get(by).copied().flatten(),
                };
                let against = inc.against.iter().map(|a| self.actor(a)).collect();
                let mut breaches_commitments = Vec::new();
                for c in &inc.breaches_commitments {
                    match ids.get(c) {
                        Some(&i) => breaches_commitments.push(i),
                        None => {
                            let list = if f.commitments.is_empty() {
                                "a commitment declared in `commitments` (none is declared)".to_string()
                            } else {
                                let known: Vec<String> = f.commitments.iter().map(|c| format!("`{}`", c.id)).collect();
                                format!("one of {}", known.join(", "))
                            };
                            self.err(format!("unknown commitment `{c}`"), list, c, true);
                        }
                    }
                }
                CIncident {
                    by,
                    responsible,
                    against,
                    breaches: inc.breaches.clone(),
                    breaches_commitments,
                }
            })
            .collect();
        let objective_checks = f
            .actors
            .iter()
            .map(|a| {
                self.anchor = Some(("Actor", a.id.clone()));
                a.secret_objectives
                    .iter()
                    .map(|o| o.when.as_ref().map(|c| self.cond(c, Scope::Action)))
                    .collect()
            })
            .collect();
        self.anchor = None;
        (incidents, commitments, objective_checks)
    }
}
