//! Ladders per kind of relation at compile time: which ladder each pair
//! climbs, and where a relation starts on it.

use super::super::compiled::pair_index;
use super::super::diagnostic::Diagnostic;
use super::super::ladders::{ladder_len, ladder_of_kinds, same_height};
use super::super::schema::{Relation, ScenarioFile};
use super::Compiler;

impl Compiler<'_> {
    /// Per pair of `n` actors: whether it climbs a ladder, and which (0 is
    /// `ladder`, `k` is `ladders[k - 1]`; 0 for a pair with none).
    pub(super) fn pair_ladders(&self, n: usize) -> (Vec<bool>, Vec<u8>) {
        let f = self.file;
        let pairs = n * n.saturating_sub(1) / 2;
        let mut laddered = vec![false; pairs];
        let mut pair_ladder = vec![0u8; pairs];
        for a in 0..n {
            for b in a + 1..n {
                let l = ladder_of_kinds(f, f.actors[a].kind, f.actors[b].kind);
                laddered[pair_index(n, a, b)] = l.is_some();
                pair_ladder[pair_index(n, a, b)] = l.unwrap_or(0);
            }
        }
        (laddered, pair_ladder)
    }

    /// Where relation `r` starts: rung number `g` must be a rung of the
    /// pair's own ladder `own`, or it is an error placed on the relation.
    pub(super) fn relation_rung(&mut self, r: &Relation, g: usize, own: u8, rung_at: &[(u8, usize)]) -> usize {
        match rung_at.get(g) {
            Some(&(l, i)) if l == own => return i,
            // An unknown id is already reported.
            _ if !self.rungs.ids.contains_key(&r.rung) => return 0,
            _ => {}
        }
        let rungs = match own {
            0 => &self.file.ladder,
            k => self
                .file
                .ladders
                .get(usize::from(k) - 1)
                .map_or(&self.file.ladder, |x| &x.rungs),
        };
        let ids: Vec<String> = rungs.iter().map(|r| format!("`{}`", r.id)).collect();
        // The rung as written in this relation.
        let pair = format!("(\"{}\", \"{}\")", r.between.0, r.between.1);
        let rung_text = format!("\"{}\"", r.rung);
        let span = self.source.find(&pair).and_then(|at| {
            let q = self.source[at..].find(&rung_text)? + at;
            Some(q + 1..q + rung_text.len() - 1)
        });
        let msg = format!(
            "`{}` is not a rung of the ladder `{}` and `{}` climb",
            r.rung, r.between.0, r.between.1
        );
        let expected = format!("a rung of its ladder: {}", ids.join(", "));
        self.diags.push(Diagnostic::error(msg, expected).at(span));
        0
    }
}

/// Rung number `g` (see `Scenario::rung_at`) as the start of a pair on
/// ladder `l`: itself on its own ladder, else the same relative height,
/// rounded down.
pub(super) fn start_rung(f: &ScenarioFile, rung_at: &[(u8, usize)], l: u8, g: usize) -> usize {
    match rung_at.get(g) {
        Some(&(from, i)) if from == l => i,
        Some(&(from, i)) => same_height(i, ladder_len(f, from), ladder_len(f, l)),
        None => 0,
    }
}
