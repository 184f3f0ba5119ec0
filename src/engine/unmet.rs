//! Why a condition does not hold now, in words a player reads: "from turn
//! 4", "needs the ladder at Diplomatic protest or above with Valdoria".
//! Built from the typed condition, so every scenario's locked moves say
//! what unlocks them.

use crate::scenario::compiled::{ARef, Cond};

use super::Game;

impl Game {
    /// What must change for `c` to hold, for an action taken by `me` on
    /// `target`: one phrase per unmet part, joined with "; ". Empty when
    /// the condition holds.
    pub fn unmet(&self, c: &Cond, me: Option<usize>, target: Option<usize>) -> String {
        let mut out = Vec::new();
        self.phrases(c, false, me, target, &mut out);
        out.join("; ")
    }

    /// Phrases for `c` (or, when `negated`, for `Not(c)`), which does not hold.
    fn phrases(&self, c: &Cond, negated: bool, me: Option<usize>, target: Option<usize>, out: &mut Vec<String>) {
        let holds = |c: &Cond| self.holds(c, me, target) != negated;
        match c {
            Cond::Not(inner) => self.phrases(inner, !negated, me, target, out),
            // All must hold: name the parts that do not. Not(All): any part
            // must stop holding.
            Cond::All(v) if !negated => {
                for c in v.iter().filter(|c| !holds(c)) {
                    self.phrases(c, false, me, target, out);
                }
            }
            Cond::Any(v) if negated => {
                for c in v.iter().filter(|c| !holds(c)) {
                    self.phrases(c, true, me, target, out);
                }
            }
            Cond::All(v) | Cond::Any(v) => {
                let mut alts = Vec::new();
                for c in v {
                    self.phrases(c, negated, me, target, &mut alts);
                }
                match alts.len() {
                    0 => {}
                    1 => out.extend(alts),
                    _ => out.push(format!("one of: {}", alts.join(", or "))),
                }
            }
            _ => out.push(self.atom(c, negated, me, target)),
        }
    }

    fn who(&self, r: ARef, me: Option<usize>, target: Option<usize>) -> Who {
        match self.resolve(r, me, target) {
            Some(a) if Some(a) == me => Who::You,
            Some(a) => Who::Named(self.scenario.file.actors[a].name.clone()),
            None if r == ARef::Target => Who::Named("the target".into()),
            None => Who::Named("its actor".into()),
        }
    }

    /// "with Valdoria" (when one side is you) or "between A and B".
    fn between(&self, a: ARef, b: ARef, me: Option<usize>, target: Option<usize>) -> String {
        match (self.who(a, me, target), self.who(b, me, target)) {
            (Who::You, Who::Named(x)) | (Who::Named(x), Who::You) => format!("with {x}"),
            (Who::Named(x), Who::Named(y)) => format!("between {x} and {y}"),
            (Who::You, Who::You) => "with yourself".into(),
        }
    }

    fn pair_now(&self, a: ARef, b: ARef, me: Option<usize>, target: Option<usize>) -> Option<super::state::Rel> {
        let a = self.resolve(a, me, target)?;
        let b = self.resolve(b, me, target)?;
        (a != b).then(|| self.state.relations[self.scenario.pair(a, b)])
    }

    fn atom(&self, c: &Cond, neg: bool, me: Option<usize>, target: Option<usize>) -> String {
        let f = &self.scenario.file;
        let st = &self.state;
        let rung = |r: &usize| self.scenario.rung_label(*r);
        let now = |v: Option<i32>| v.map(|v| format!(" (now {v})")).unwrap_or_default();
        let action = |x: &usize| format!("“{}”", f.actions[*x].name);
        let suspect = |x: &usize| f.suspects[*x].name.clone();
        match (c, neg) {
            (Cond::Always, false) | (Cond::Never, true) => String::new(),
            (Cond::Always, true) | (Cond::Never, false) => "never available in this scenario".into(),
            (Cond::TurnAtLeast(n), false) => format!("from turn {n}"),
            (Cond::TurnAtLeast(n), true) => format!("only before turn {n}"),
            (Cond::TurnAtMost(n), false) => format!("only until turn {n}"),
            (Cond::TurnAtMost(n), true) => format!("from turn {}", n + 1),
            (Cond::FinalTurn, false) => format!("only in the final turn (turn {})", f.turns),
            (Cond::FinalTurn, true) => "not in the final turn".into(),
            (Cond::TrackAtLeast(t, v), false) => {
                format!("needs {} at {v} or more{}", f.tracks[*t].name, now(Some(st.tracks[*t])))
            }
            (Cond::TrackAtLeast(t, v), true) => {
                format!(
                    "only while {} is below {v}{}",
                    f.tracks[*t].name,
                    now(Some(st.tracks[*t]))
                )
            }
            (Cond::TrackAtMost(t, v), false) => {
                format!("needs {} at {v} or less{}", f.tracks[*t].name, now(Some(st.tracks[*t])))
            }
            (Cond::TrackAtMost(t, v), true) => {
                format!(
                    "only while {} is above {v}{}",
                    f.tracks[*t].name,
                    now(Some(st.tracks[*t]))
                )
            }
            (Cond::Flag(x), false) => format!("needs “{}”", f.flags[*x].name),
            (Cond::Flag(x), true) => format!("not once “{}”", f.flags[*x].name),
            (Cond::RungAtLeast(a, b, r), false) => format!(
                "needs the ladder at {} or above {}",
                rung(r),
                self.between(*a, *b, me, target)
            ),
            (Cond::RungAtLeast(a, b, r), true) => format!(
                "only while the ladder {} is below {}",
                self.between(*a, *b, me, target),
                rung(r)
            ),
            (Cond::RungAtMost(a, b, r), false) => format!(
                "needs the ladder at {} or below {}",
                rung(r),
                self.between(*a, *b, me, target)
            ),
            (Cond::RungAtMost(a, b, r), true) => format!(
                "only while the ladder {} is above {}",
                self.between(*a, *b, me, target),
                rung(r)
            ),
            (Cond::AnyRungAtLeast(r), false) => format!("needs some pair of actors at {} or above", rung(r)),
            (Cond::AnyRungAtLeast(r), true) => format!("only while no pair of actors is at {} or above", rung(r)),
            (Cond::AllRungsAtMost(r), false) => format!("needs every pair of actors at {} or below", rung(r)),
            (Cond::AllRungsAtMost(r), true) => format!("only once some pair of actors is above {}", rung(r)),
            (Cond::TensionAtLeast(a, b, v) | Cond::TensionAtMost(a, b, v), _) => {
                let up = matches!(c, Cond::TensionAtLeast(..)) != neg;
                let cur = self.pair_now(*a, *b, me, target).map(|r| r.tension);
                let (bound, than) = bounds(up, neg, *v);
                format!(
                    "needs tension {} {than}{bound}{}",
                    self.between(*a, *b, me, target),
                    now(cur)
                )
            }
            (Cond::TrustAtLeast(a, b, v) | Cond::TrustAtMost(a, b, v), _) => {
                let up = matches!(c, Cond::TrustAtLeast(..)) != neg;
                let cur = self.pair_now(*a, *b, me, target).map(|r| r.trust);
                let (bound, than) = bounds(up, neg, *v);
                format!(
                    "needs trust {} {than}{bound}{}",
                    self.between(*a, *b, me, target),
                    now(cur)
                )
            }
            (Cond::Channel(a, b, k), false) => {
                format!(
                    "needs {} in force {}",
                    k.with_article(),
                    self.between(*a, *b, me, target)
                )
            }
            (Cond::Channel(a, b, k), true) => {
                format!("only without {} {}", k.with_article(), self.between(*a, *b, me, target))
            }
            (Cond::Taken(x), false) => format!("after someone takes {}", action(x)),
            (Cond::Taken(x), true) => format!("not once someone has taken {}", action(x)),
            (Cond::TakenBy(a, x), false) => format!("after {} {}", self.who(*a, me, target).verb("take"), action(x)),
            (Cond::TakenBy(a, x), true) => {
                format!("not once {} taken {}", self.who(*a, me, target).verb("have"), action(x))
            }
            (Cond::InjectFired(i), false) => format!("after “{}”", f.injects[*i].headline),
            (Cond::InjectFired(i), true) => format!("only before “{}”", f.injects[*i].headline),
            (Cond::Holds(a, e), false) => {
                format!(
                    "needs {} the evidence “{}”",
                    self.who(*a, me, target).verb("hold"),
                    f.evidence[*e].title
                )
            }
            (Cond::Holds(a, e), true) => {
                format!(
                    "not once {} “{}”",
                    self.who(*a, me, target).verb("hold"),
                    f.evidence[*e].title
                )
            }
            (Cond::ConfidenceAtLeast(a, s, conf), false) => format!(
                "needs {} confidence that {} did it at {} or more",
                self.who(*a, me, target).possessive(),
                suspect(s),
                conf.label()
            ),
            (Cond::ConfidenceAtLeast(a, s, conf), true) => format!(
                "only while {} confidence that {} did it is below {}",
                self.who(*a, me, target).possessive(),
                suspect(s),
                conf.label()
            ),
            (Cond::Attributed(s), false) => format!("after someone publicly names {}", suspect(s)),
            (Cond::Attributed(s), true) => format!("not once someone has publicly named {}", suspect(s)),
            (Cond::CorrectlyAttributed, false) => {
                "after a public attribution, made before the truth is out, names the real culprit".into()
            }
            (Cond::CorrectlyAttributed, true) => "not once the real culprit has been named".into(),
            (Cond::ConcurredAfterReveal, false) => {
                "after someone, once the truth is out, publicly concurs in naming the real culprit".into()
            }
            (Cond::ConcurredAfterReveal, true) => "not once someone has concurred after the truth came out".into(),
            (Cond::WronglyAttributed, false) => "after a public attribution names the wrong suspect".into(),
            (Cond::WronglyAttributed, true) => "not once a wrong suspect has been named".into(),
            (Cond::JointlyAttributed, false) => "after two or more actors name the culprit together".into(),
            (Cond::JointlyAttributed, true) => "not once the culprit has been named jointly".into(),
            (Cond::ResourcesAtLeast(a, v), false) => {
                let cur = self.resolve(*a, me, target).map(|a| st.actors[a].resources);
                format!("needs {} resources{}", v, now(cur)).replace("needs", &self.who(*a, me, target).need())
            }
            (Cond::ResourcesAtLeast(a, v), true) => format!(
                "only while {} resources are below {v}",
                self.who(*a, me, target).possessive()
            ),
            (Cond::CredibilityAtMost(a, v), false) => {
                let cur = self.resolve(*a, me, target).map(|a| st.actors[a].credibility);
                format!(
                    "only when {} credibility is {v} or less{}",
                    self.who(*a, me, target).possessive(),
                    now(cur)
                )
            }
            (Cond::CredibilityAtMost(a, v), true) => format!(
                "only while {} credibility is above {v}",
                self.who(*a, me, target).possessive()
            ),
            (Cond::Behind(a, x), false) => format!(
                "only if {} the state behind {}",
                self.who(*a, me, target).verb("is"),
                suspect(x)
            ),
            (Cond::Behind(a, x), true) => format!(
                "only if {} not the state behind {}",
                self.who(*a, me, target).verb("is"),
                suspect(x)
            ),
            (Cond::Responsible(a), false) => format!(
                "only once {} responsible for the incident",
                self.who(*a, me, target).verb("is")
            ),
            (Cond::Responsible(a), true) => format!(
                "not while {} responsible for the incident",
                self.who(*a, me, target).verb("is")
            ),
            (Cond::AttributedBy(a, x), false) => format!(
                "after {} publicly {}",
                self.who(*a, me, target).verb("name"),
                suspect(x)
            ),
            (Cond::AttributedBy(a, x), true) => format!(
                "not once {} publicly named {}",
                self.who(*a, me, target).verb("have"),
                suspect(x)
            ),
            (Cond::AttributedByKind(k, x), false) => {
                format!("after an actor of kind {} publicly names {}", k.label(), suspect(x))
            }
            (Cond::AttributedByKind(k, x), true) => {
                format!(
                    "not once an actor of kind {} has publicly named {}",
                    k.label(),
                    suspect(x)
                )
            }
            (Cond::AnyTensionAtLeast(v), false) => format!("needs tension of {v} or more between some pair of actors"),
            (Cond::AnyTensionAtLeast(v), true) => format!("only while tension stays below {v} between every pair"),
            (Cond::Is(a, x), false) => match self.who(*a, me, target) {
                Who::You => format!("only for {}", f.actors[*x].name),
                Who::Named(n) => format!("only when {n} is {}", f.actors[*x].name),
            },
            (Cond::Is(a, x), true) => match self.who(*a, me, target) {
                Who::You => format!("not for {}", f.actors[*x].name),
                Who::Named(n) => format!("not when {n} is {}", f.actors[*x].name),
            },
            (Cond::IsKind(a, k), false) => match self.who(*a, me, target) {
                Who::You => format!("only for an actor of kind {}", k.label()),
                Who::Named(n) => format!("only when {n} is of kind {}", k.label()),
            },
            (Cond::IsKind(a, k), true) => match self.who(*a, me, target) {
                Who::You => format!("not for an actor of kind {}", k.label()),
                Who::Named(n) => format!("not when {n} is of kind {}", k.label()),
            },
            (Cond::All(_) | Cond::Any(_) | Cond::Not(_), _) => String::new(),
        }
    }
}

/// "of 40 or more" / "of 40 or less" / "above 40" / "below 40".
fn bounds(up: bool, negated: bool, v: i32) -> (String, &'static str) {
    match (up, negated) {
        (true, false) => (format!("{v} or more"), "of "),
        (false, false) => (format!("{v} or less"), "of "),
        (true, true) => (v.to_string(), "above "),
        (false, true) => (v.to_string(), "below "),
    }
}

enum Who {
    You,
    Named(String),
}

impl Who {
    /// "you take" / "Valdoria takes".
    fn verb(&self, v: &str) -> String {
        match self {
            Who::You if v == "is" => "you are".into(),
            Who::Named(n) if v == "is" => format!("{n} is"),
            Who::You => format!("you {v}"),
            Who::Named(n) if v == "have" => format!("{n} has"),
            Who::Named(n) => format!("{n} {v}s"),
        }
    }
    fn possessive(&self) -> String {
        match self {
            Who::You => "your".into(),
            Who::Named(n) => super::describe::possessive(n),
        }
    }
    fn need(&self) -> String {
        match self {
            Who::You => "needs".into(),
            Who::Named(n) => format!("needs {n} to have"),
        }
    }
}
