//! Checks a parsed scenario for mistakes a trainer could make: duplicate
//! ids, values out of range, missing endings, injects that can never fire,
//! actions nobody can take, evidence nobody can find.

use std::collections::HashSet;
use std::ops::Range;

use super::diagnostic::{Diagnostic, PLACED};
use super::expr::Condition;
use super::locate::{self, Anchor};
use super::schema::{ScenarioFile, Tlp};

pub(super) struct Checker<'a> {
    pub(super) source: &'a str,
    pub(super) diags: Vec<Diagnostic>,
}

/// Most actors a scenario may have; beyond it nothing is compiled.
pub const MAX_ACTORS: usize = 32;

impl Checker<'_> {
    /// Where a diagnostic sits, while the placing budget lasts (see
    /// [`PLACED`]); after it, none.
    pub(super) fn place(&self, find: impl FnOnce() -> Option<Range<usize>>) -> Option<Range<usize>> {
        if self.diags.len() < PLACED {
            find()
        } else {
            None
        }
    }
    pub(super) fn error_at_item(&mut self, anchor: Anchor, msg: String, expected: &str) {
        let span = self.place(|| locate::item(self.source, anchor, 0));
        self.diags.push(Diagnostic::error(msg, expected).at(span));
    }
    pub(super) fn warn_at_item(&mut self, anchor: Anchor, msg: String, expected: &str) {
        let span = self.place(|| locate::item(self.source, anchor, 0));
        self.diags.push(Diagnostic::warning(msg, expected).at(span));
    }
    fn error_at_field(&mut self, anchor: Option<Anchor>, field: &str, msg: String, expected: &str) {
        let span = self.place(|| locate::field(self.source, anchor, field));
        self.diags.push(Diagnostic::error(msg, expected).at(span));
    }
    /// A number out of its range; `anchor` is the item it belongs to, or
    /// none for `default_relation`.
    fn range(&mut self, anchor: Option<Anchor>, field: &str, v: i64, lo: i64, hi: i64) {
        if v < lo || v > hi {
            let owner = anchor.map_or("default_relation", |a| a.id);
            self.error_at_field(
                anchor,
                field,
                format!("`{field}` of `{owner}` is {v}"),
                &format!("a number from {lo} to {hi}"),
            );
        }
    }
}

/// Structural checks on the file as parsed, before names are resolved.
pub fn check_file(f: &ScenarioFile, source: &str) -> Vec<Diagnostic> {
    let mut c = Checker {
        source,
        diags: Vec::new(),
    };
    if f.turns == 0 || f.turns > 200 {
        c.error_at_field(
            None,
            "turns",
            format!("`turns` is {}", f.turns),
            "a number of turns from 1 to 200",
        );
    }
    if f.moves_per_turn == 0 || f.moves_per_turn > 5 {
        c.error_at_field(
            None,
            "moves_per_turn",
            format!("`moves_per_turn` is {}", f.moves_per_turn),
            "1 to 5",
        );
    }
    if f.actors.len() < 2 || f.actors.len() > MAX_ACTORS {
        c.error_at_field(
            None,
            "actors",
            format!("the scenario has {} actors", f.actors.len()),
            "from 2 to 32 actors",
        );
    }
    if f.ladder.is_empty() || f.ladder.len() > 40 {
        c.error_at_field(
            None,
            "ladder",
            format!("the ladder has {} rungs", f.ladder.len()),
            "from 1 to 40 rungs",
        );
    }
    super::ladders::check(&mut c, f);
    if f.suspects.is_empty() {
        c.error_at_field(
            None,
            "suspects",
            "no suspects are listed".into(),
            "at least one suspect",
        );
    }
    if f.objectives.is_empty() {
        c.diags.push(
            Diagnostic::warning("no learning objectives", "at least one objective for the debrief").at(locate::field(
                source,
                None,
                "objectives",
            )),
        );
    }
    if f.endings.is_empty() {
        c.error_at_field(
            None,
            "endings",
            "the scenario has no endings".into(),
            "at least one ending",
        );
    }

    // Duplicate ids, per namespace.
    // (what, written as, ids); tracks and flags share a namespace.
    let namespaces: [(&str, &str, Vec<&str>); 9] = [
        ("actor", "Actor", f.actors.iter().map(|x| x.id.as_str()).collect()),
        (
            "rung",
            "Rung",
            f.ladder
                .iter()
                .chain(f.ladders.iter().flat_map(|l| &l.rungs))
                .map(|x| x.id.as_str())
                .collect(),
        ),
        (
            "track",
            "",
            f.tracks
                .iter()
                .map(|x| x.id.as_str())
                .chain(f.flags.iter().map(|x| x.id.as_str()))
                .collect(),
        ),
        ("suspect", "Suspect", f.suspects.iter().map(|x| x.id.as_str()).collect()),
        (
            "evidence item",
            "Evidence",
            f.evidence.iter().map(|x| x.id.as_str()).collect(),
        ),
        ("inject", "Inject", f.injects.iter().map(|x| x.id.as_str()).collect()),
        ("action", "Action", f.actions.iter().map(|x| x.id.as_str()).collect()),
        ("ending", "Ending", f.endings.iter().map(|x| x.id.as_str()).collect()),
        ("", "", Vec::new()),
    ];
    for (what, kind, ids) in &namespaces {
        let mut seen: HashSet<&str> = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                c.error_at_field(
                    None,
                    "id",
                    format!("an empty {what} id"),
                    "a short name such as \"northland\"",
                );
            } else if !seen.insert(id) {
                let span = c.place(|| locate::item(source, Anchor::new(kind, id), 1));
                c.diags
                    .push(Diagnostic::error(format!("duplicate {what} id `{id}`"), "each id used once").at(span));
            }
        }
    }

    for a in &f.actors {
        let at = Some(Anchor::new("Actor", &a.id));
        for (field, v, lo, hi) in [
            ("credibility", a.credibility.into(), 0, 100),
            ("resources", a.resources.into(), 0, 999),
            ("income", a.income.into(), 0, 100),
        ] {
            c.range(at, field, v, lo, hi);
        }
    }
    if let Some(d) = &f.default_relation {
        c.range(None, "trust", d.trust.into(), 0, 100);
        c.range(None, "tension", d.tension.into(), 0, 100);
    }
    for r in &f.relations {
        for (field, v) in [("trust", r.trust), ("tension", r.tension)] {
            if !(0..=100).contains(&v) {
                let span = c.place(|| locate::within(source, None, &r.between.0, true));
                c.diags.push(
                    Diagnostic::error(
                        format!("{field} between `{}` and `{}` is {v}", r.between.0, r.between.1),
                        "a number from 0 to 100",
                    )
                    .at(span),
                );
            }
        }
    }
    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    for r in &f.relations {
        let (a, b) = (r.between.0.as_str(), r.between.1.as_str());
        let key = if a <= b { (a, b) } else { (b, a) };
        if !pairs.insert(key) {
            let span = c.place(|| {
                locate::within(source, None, &format!("(\"{a}\", \"{b}\")"), false)
                    .or_else(|| locate::within(source, None, a, true))
            });
            c.diags.push(
                Diagnostic::error(
                    format!("the relation between `{a}` and `{b}` is listed twice"),
                    "each pair once",
                )
                .at(span),
            );
        }
    }
    for t in &f.tracks {
        if t.min > t.max {
            c.error_at_field(
                Some(Anchor::new("Track", &t.id)),
                "min",
                format!("track `{}` has min {} above max {}", t.id, t.min, t.max),
                "min <= max",
            );
        } else if t.start < t.min || t.start > t.max {
            c.error_at_field(
                Some(Anchor::new("Track", &t.id)),
                "start",
                format!("track `{}` starts at {}, outside its bounds", t.id, t.start),
                &format!("a start from {} to {}", t.min, t.max),
            );
        }
    }
    for e in &f.evidence {
        c.range(
            Some(Anchor::new("Evidence", &e.id)),
            "reliability",
            e.reliability.into(),
            0,
            100,
        );
        if e.refutes.iter().any(|r| r == &e.id) {
            c.error_at_item(
                Anchor::new("Evidence", &e.id),
                format!("evidence `{}` refutes itself", e.id),
                "ids of other evidence items",
            );
        }
        if e.available_from > f.turns {
            c.warn_at_item(
                Anchor::new("Evidence", &e.id),
                format!(
                    "evidence `{}` is available from turn {}, after the last turn ({})",
                    e.id, e.available_from, f.turns
                ),
                "a turn within the game",
            );
        }
        if e.tearline.is_some() && e.tlp < Tlp::AmberStrict {
            c.error_at_field(
                Some(Anchor::new("Evidence", &e.id)),
                "tearline",
                format!(
                    "evidence `{}` is marked {} and needs no tearline: only TLP:RED and TLP:AMBER+STRICT items have one",
                    e.id,
                    e.tlp.label()
                ),
                "remove `tearline`, or mark the item `Red` or `AmberStrict`",
            );
        }
    }
    for i in &f.injects {
        c.range(Some(Anchor::new("Inject", &i.id)), "chance", i.chance.into(), 0, 100);
    }
    for a in &f.actions {
        let at = Some(Anchor::new("Action", &a.id));
        for (field, v, lo, hi) in [
            ("chance", a.chance.into(), 0, 100),
            ("ambiguity", a.ambiguity.into(), 0, 100),
            ("detection", a.detection.into(), 0, 100),
            ("hostility", a.hostility.into(), -5, 5),
            ("cost", a.cost.into(), 0, 1000),
        ] {
            c.range(at, field, v, lo, hi);
        }
        if a.target == super::schema::TargetRule::NoTarget && a.cbm.is_none() && a.hostility != 0 {
            c.warn_at_item(
                Anchor::new("Action", &a.id),
                format!("action `{}` has no target, so its hostility does nothing", a.id),
                "a `target` rule, or no hostility (ambiguity and detection work without a target)",
            );
        }
        if a.detection != 0 && a.visibility != super::schema::Visibility::Secret {
            c.warn_at_item(
                Anchor::new("Action", &a.id),
                format!("action `{}` is not secret, so its `detection` does nothing", a.id),
                "`visibility: Secret`, or no detection",
            );
        }
        super::legal::check(&mut c, a);
        if a.cbm.is_some() && a.target == super::schema::TargetRule::NoTarget {
            c.error_at_item(
                Anchor::new("Action", &a.id),
                format!("confidence-building measure `{}` has no target", a.id),
                "a `target` rule: a measure is agreed between two actors",
            );
        }
    }
    for (n, q) in f.debrief_questions.iter().enumerate() {
        if q.objective == 0 || q.objective > f.objectives.len() {
            // Questions have no id: the n-th question's `objective`.
            let span = c.place(|| locate::nth_field_value(source, "debrief_questions", "objective", n));
            c.diags.push(
                Diagnostic::error(
                    format!("debrief question refers to objective {}", q.objective),
                    format!("an objective number from 1 to {}", f.objectives.len()),
                )
                .at(span),
            );
        }
    }
    let asked: HashSet<usize> = f.debrief_questions.iter().map(|q| q.objective).collect();
    for (i, _) in f.objectives.iter().enumerate() {
        if !asked.contains(&(i + 1)) && !f.debrief_questions.is_empty() {
            let span = c.place(|| locate::field(source, None, "objectives"));
            c.diags.push(
                Diagnostic::warning(
                    format!("learning objective {} has no debrief question", i + 1),
                    "a question with this objective",
                )
                .at(span),
            );
        }
    }
    if f.debrief_questions.is_empty() {
        c.diags.push(
            Diagnostic::warning("no debrief questions", "questions to start the discussion after play")
                .at(locate::field(source, None, "endings")),
        );
    }

    // Endings: one must hold when time runs out.
    let fallback = f
        .endings
        .iter()
        .position(|e| matches!(e.when, Condition::FinalTurn | Condition::Always));
    match fallback {
        None if !f.endings.is_empty() => c.error_at_field(
            None,
            "endings",
            "no ending is sure to be reached when the time runs out".into(),
            "a last ending with `when: FinalTurn`",
        ),
        Some(k) => {
            if matches!(f.endings[k].when, Condition::Always) {
                for e in &f.endings[k + 1..] {
                    c.warn_at_item(
                        Anchor::new("Ending", &e.id),
                        format!("ending `{}` comes after one that always holds: it is unreachable", e.id),
                        "endings before the fallback",
                    );
                }
            }
        }
        None => {}
    }
    c.diags
}
