//! Ladders per kind of relation: which ladder each pair climbs, and what a
//! rung named in a condition or a cap means on it. A condition reads only
//! the pairs on its rung's own ladder; a cap from another ladder stops at
//! the same relative height, rounded down (docs/scenario-format.md,
//! "Ladders").

use std::ops::Range;

use super::compiled::Scenario;
use super::diagnostic::Diagnostic;
use super::schema::{ActorKind, Rung, ScenarioFile};
use super::validate::Checker;

impl Scenario {
    /// The rungs of ladder `l` (0 is `ladder`, `k` is `ladders[k - 1]`),
    /// mildest first; empty for no such ladder.
    pub fn ladder_rungs(&self, l: usize) -> &[Rung] {
        match l {
            0 => &self.file.ladder,
            k => self.file.ladders.get(k - 1).map_or(&[], |x| x.rungs.as_slice()),
        }
    }
    /// The rungs of the ladder pair `p` climbs.
    pub fn pair_rungs(&self, p: usize) -> &[Rung] {
        self.ladder_rungs(usize::from(self.pair_ladder.get(p).copied().unwrap_or(0)))
    }
    /// Name of rung `i` on pair `p`'s ladder ("?" past its top).
    pub fn rung_name(&self, p: usize, i: usize) -> &str {
        self.pair_rungs(p).get(i).map_or("?", |r| r.name.as_str())
    }
    /// Name of the file's rung number `g` (see `rung_at`).
    pub fn rung_label(&self, g: usize) -> &str {
        self.rung_at
            .get(g)
            .and_then(|&(l, i)| self.ladder_rungs(usize::from(l)).get(i))
            .map_or("?", |r| r.name.as_str())
    }
    /// Rung number `g` read on pair `p`: its index there if `g` is a rung
    /// of the pair's own ladder, or `None` (a condition about "Retorsion"
    /// says nothing of a state and a company on their own ladder).
    #[inline]
    pub fn rung_on(&self, p: usize, g: usize) -> Option<usize> {
        let (l, i) = *self.rung_at.get(g)?;
        (self.pair_ladder.get(p).copied().unwrap_or(0) == l).then_some(i)
    }
    /// A cap, rung number `g`, on pair `p`'s ladder: its index when it is
    /// a rung of that ladder, else the rung at the same relative height,
    /// rounded down (a move capped at "Retorsion", 3 of 0-7, stops at 1 of
    /// 0-3 on a four-rung ladder), so a cap never carries a pair higher
    /// than its author meant.
    pub fn cap_on(&self, p: usize, g: usize) -> usize {
        let Some(&(l, i)) = self.rung_at.get(g) else {
            return g;
        };
        let own = self.pair_ladder.get(p).copied().unwrap_or(0);
        if own == l {
            return i;
        }
        same_height(i, ladder_len(&self.file, l), ladder_len(&self.file, own))
    }
    /// What the screens call ladder `l`: its `name`, or its first kind
    /// of pair ("State and Company"); "the ladder" for the main one.
    pub fn ladder_name(&self, l: usize) -> String {
        match l.checked_sub(1).and_then(|k| self.file.ladders.get(k)) {
            None => "the ladder".to_string(),
            Some(x) if !x.name.is_empty() => x.name.clone(),
            Some(x) => x
                .between
                .first()
                .map_or_else(String::new, |(a, b)| format!("{} and {}", a.label(), b.label())),
        }
    }
}

/// The kinds of pair that climb the main ladder when `ladder_between` is
/// not written: states with states and with international organisations,
/// and organisations with each other.
pub const DEFAULT_LADDER_BETWEEN: [(ActorKind, ActorKind); 3] = [
    (ActorKind::State, ActorKind::State),
    (ActorKind::State, ActorKind::IntlOrg),
    (ActorKind::IntlOrg, ActorKind::IntlOrg),
];

/// Whether two kind pairs name the same kind of relation, in either order.
fn same(p: (ActorKind, ActorKind), q: (ActorKind, ActorKind)) -> bool {
    p == q || p == (q.1, q.0)
}

/// Which ladder each kind of relation climbs: `Some(0)` the main ladder,
/// `Some(k)` `ladders[k - 1]`, `None` none. A kind pair in `ladders`
/// overrides the default `ladder_between`.
pub fn ladder_of_kinds(f: &ScenarioFile, x: ActorKind, y: ActorKind) -> Option<u8> {
    if let Some(k) = f
        .ladders
        .iter()
        .position(|l| l.between.iter().any(|&p| same(p, (x, y))))
    {
        return u8::try_from(k + 1).ok();
    }
    let main = f.ladder_between.as_deref().unwrap_or(&DEFAULT_LADDER_BETWEEN);
    main.iter().any(|&p| same(p, (x, y))).then_some(0)
}

/// Span of the `field:` of the `k`-th `Ladder(...)` entry, or of
/// `ladders:` when it cannot be found.
fn entry_field(source: &str, k: usize, field: &str) -> Option<Range<usize>> {
    let start = source.match_indices("Ladder(").nth(k).map(|(p, _)| p);
    start
        .and_then(|s| {
            source[s..]
                .find(&format!("{field}:"))
                .map(|p| s + p..s + p + field.len())
        })
        .or_else(|| {
            let p = source.find("ladders:")?;
            Some(p..p + "ladders".len())
        })
}

/// Structural checks on `ladders`: each has a kind of pair and 1 to 40
/// rungs, and no kind of pair is given two ladders.
pub(super) fn check(c: &mut Checker, f: &ScenarioFile) {
    let mut seen: Vec<(ActorKind, ActorKind)> = f.ladder_between.clone().unwrap_or_default();
    for (k, l) in f.ladders.iter().enumerate() {
        let name = if l.name.is_empty() {
            format!("ladder {}", k + 1)
        } else {
            format!("ladder `{}`", l.name)
        };
        if l.rungs.is_empty() || l.rungs.len() > 40 {
            let span = c.place(|| entry_field(c.source, k, "rungs"));
            let msg = format!("{name} has {} rungs", l.rungs.len());
            c.diags.push(Diagnostic::error(msg, "from 1 to 40 rungs").at(span));
        }
        if l.between.is_empty() {
            let span = c.place(|| entry_field(c.source, k, "between"));
            let msg = format!("{name} is for no kind of relation");
            c.diags
                .push(Diagnostic::error(msg, "at least one pair of kinds, e.g. [(State, Company)]").at(span));
        }
        for &p in &l.between {
            if seen.iter().any(|&q| same(p, q)) {
                let span = c.place(|| entry_field(c.source, k, "between"));
                let msg = format!(
                    "the relation between {} and {} is given two ladders",
                    p.0.label(),
                    p.1.label()
                );
                let expected = "each kind of pair once, in `ladder_between` or in one of `ladders`";
                c.diags.push(Diagnostic::error(msg, expected).at(span));
            }
            seen.push(p);
        }
    }
}

/// `(ladder, index)` of every rung id, `ladder` first, then `ladders`:
/// the numbering of [`Scenario::rung_at`].
pub fn rung_numbers(f: &ScenarioFile) -> Vec<(u8, usize)> {
    let main = (0..f.ladder.len()).map(|i| (0u8, i));
    let others = f.ladders.iter().enumerate().flat_map(|(k, l)| {
        let k = u8::try_from(k + 1).unwrap_or(u8::MAX);
        (0..l.rungs.len()).map(move |i| (k, i))
    });
    main.chain(others).collect()
}

/// Rungs of ladder `l` of the file (0 is `ladder`); 0 for none.
pub fn ladder_len(f: &ScenarioFile, l: u8) -> usize {
    match l {
        0 => f.ladder.len(),
        k => f.ladders.get(usize::from(k) - 1).map_or(0, |x| x.rungs.len()),
    }
}

/// Rung `i` of a ladder of `from` rungs, at the same relative height on
/// one of `to` rungs, rounded down (3 of 0-7 is 1 of 0-3).
pub fn same_height(i: usize, from: usize, to: usize) -> usize {
    (i * to.saturating_sub(1))
        .checked_div(from.saturating_sub(1))
        .unwrap_or(0)
}
