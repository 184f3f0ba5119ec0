//! Checks questions through a channel: an item `answered_by` an actor is
//! that actor's prepared answer, so each action that can uncover it must be
//! able to be aimed at that actor, by someone other than it; otherwise the
//! question can never be asked.

use super::super::compiled::{in_set, CAction, CEvidence};
use super::Compiler;

impl Compiler<'_> {
    /// An error, placed at the `answered_by` value, for each answer no
    /// action can ask for.
    pub(super) fn check_questions(&mut self, actions: &[CAction], evidence: &[CEvidence]) {
        let f = self.file;
        for (e, def) in f.evidence.iter().enumerate() {
            let (Some(by), Some(id)) = (evidence.get(e).and_then(|c| c.answered_by), def.answered_by.as_deref()) else {
                continue;
            };
            for act in &def.found_by {
                let Some(a) = f.actions.iter().position(|x| &x.id == act) else {
                    continue;
                };
                let Some(ca) = actions.get(a) else { continue };
                let askers = ca.may_take.iter().enumerate().any(|(x, &may)| may && x != by);
                if ca.targets.is_some_and(|t| in_set(t, by)) && askers {
                    continue;
                }
                self.anchor = Some(("Evidence", def.id.clone()));
                self.err(
                    format!("`{}` is answered by `{id}`, but action `{act}` can never be aimed at `{id}` by another actor, so nobody can ask for it", def.id),
                    format!("an action in `found_by` whose `target` includes `{id}` (an \"ask through the point of contact\" move), or another `answered_by`"),
                    id,
                    true,
                );
            }
        }
        // A question is read only where something is asked.
        for (a, def) in f.actions.iter().enumerate() {
            let Some(question) = def.question.as_deref() else {
                continue;
            };
            let asks = actions.get(a).is_some_and(|ca| {
                ca.uncovers
                    .iter()
                    .any(|&e| evidence.get(e).is_some_and(|c| c.answered_by.is_some()))
            });
            self.anchor = Some(("Action", def.id.clone()));
            if !asks {
                self.err(
                    format!("action `{}` has a `question`, but it asks nobody: none of the items it can uncover is an actor's answer", def.id),
                    "`question` only on an action in the `found_by` of an item with `answered_by`".into(),
                    "question",
                    false,
                );
            } else if question.trim().is_empty() {
                self.err(
                    format!("the `question` of action `{}` is empty", def.id),
                    "the question as the asked side reads it, e.g. \"Where were your ships that night?\"".into(),
                    "question",
                    false,
                );
            }
        }
    }
}
