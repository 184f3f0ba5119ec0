//! Resolves a track's drifts and the per-suspect effects of attribution.

use super::super::compiled::{CDrift, SuspectEffs};
use super::{Compiler, Scope};

impl Compiler<'_> {
    /// Every track's drifts; `every: 0` is an error at its place.
    pub(super) fn drifts(&mut self) -> Vec<CDrift> {
        let f = self.file;
        let mut out = Vec::new();
        for (track, t) in f.tracks.iter().enumerate() {
            self.anchor = Some(("Track", t.id.clone()));
            for d in &t.drift {
                if d.every == 0 {
                    self.err(
                        format!("a drift of track `{}` every 0 turns", t.id),
                        "`every: 1` or more (1 is every turn)".into(),
                        "every",
                        false,
                    );
                }
                let when = d.when.as_ref().map(|c| self.cond(c, Scope::World));
                out.push(CDrift {
                    track,
                    by: d.by,
                    every: d.every.max(1),
                    from: d.from,
                    when,
                });
            }
        }
        self.anchor = None;
        out
    }

    /// The effects of naming each suspect, indexed by suspect; a suspect
    /// listed twice is an error at its second mention.
    pub(super) fn suspect_effects(&mut self) -> Vec<SuspectEffs> {
        let f = self.file;
        let mut out = vec![SuspectEffs::default(); f.suspects.len()];
        let mut seen = vec![false; f.suspects.len()];
        self.anchor = None;
        for e in &f.attribution.suspects {
            let s = self.suspect(&e.suspect);
            if !self.suspects.ids.contains_key(&e.suspect) {
                continue;
            }
            if std::mem::replace(&mut seen[s], true) {
                self.err(
                    format!("the effects of naming `{}` are given twice", e.suspect),
                    "one `OnSuspect` per suspect".into(),
                    &e.suspect,
                    true,
                );
                continue;
            }
            out[s] = SuspectEffs {
                made: self.effects(&e.made, Scope::Attribution),
                correct: self.effects(&e.correct, Scope::Attribution),
                wrong: self.effects(&e.wrong, Scope::Attribution),
            };
        }
        out
    }
}
