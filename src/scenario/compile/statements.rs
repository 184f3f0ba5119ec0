//! The attribution rules of a scenario, resolved: who may make public
//! statements, and what each actor knows from the start.

use super::Compiler;
use crate::scenario::schema::Who;

impl Compiler<'_> {
    /// Who is allowed, per actor.
    pub(super) fn who_may(&mut self, w: &Who) -> Vec<bool> {
        match w {
            Who::Anyone => vec![true; self.file.actors.len()],
            Who::Kinds(k) => self.file.actors.iter().map(|x| k.contains(&x.kind)).collect(),
            Who::Actors(ids) => self.actor_set(ids),
        }
    }

    /// Per actor: whether it may attribute publicly, and the evidence it
    /// holds from the start (its private knowledge).
    pub(super) fn attribution_rules(&mut self) -> (Vec<bool>, Vec<Vec<usize>>) {
        let f = self.file;
        let may_attribute = self.who_may(&f.attribution.by);
        let knows = f
            .actors
            .iter()
            .map(|a| {
                self.anchor = Some(("Actor", a.id.clone()));
                a.knows.iter().map(|e| self.evidence(e)).collect()
            })
            .collect();
        self.anchor = None;
        (may_attribute, knows)
    }
}
