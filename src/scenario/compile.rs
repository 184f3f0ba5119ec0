//! Resolves every name in a parsed scenario to an index, reporting unknown
//! references with where they are and what would have been valid.

use std::collections::HashMap;

use super::compiled::{pair_index, ARef, CAction, CEvidence, CInject, CTrigger, RelStart, Scenario};
use super::diagnostic::Diagnostic;
use super::expr::ActorRef;
use super::locate;
use super::schema::{Audience, LegalCharacter, ScenarioFile, TargetRule, Trigger};

mod drift;
mod expressions;
mod ladders;
mod questions;
mod record;
mod statements;

/// Where an expression sits, which decides whether `Me`/`Target` make sense.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Inject or ending: only named actors.
    World,
    /// Action without a target.
    Action,
    /// Action with a target.
    Targeted,
    /// Attribution effects: Me is the attributor, Target the accused actor.
    Attribution,
}

struct Names {
    ids: HashMap<String, usize>,
    what: &'static str,
    list: String,
}

impl Names {
    fn new<'a>(what: &'static str, ids: impl Iterator<Item = &'a str>) -> Self {
        let v: Vec<&str> = ids.collect();
        let mut map = HashMap::new();
        for (i, id) in v.iter().enumerate() {
            map.entry((*id).to_string()).or_insert(i);
        }
        let list = if v.is_empty() {
            format!("no {what} is defined")
        } else {
            let shown: Vec<String> = v.iter().take(12).map(|s| format!("`{s}`")).collect();
            let more = if v.len() > 12 { ", …" } else { "" };
            format!("one of {}{more}", shown.join(", "))
        };
        Names { ids: map, what, list }
    }
}

pub(super) struct Compiler<'a> {
    file: &'a ScenarioFile,
    source: &'a str,
    pub diags: Vec<Diagnostic>,
    actors: Names,
    tracks: Names,
    flags: Names,
    rungs: Names,
    suspects: Names,
    evidence: Names,
    actions: Names,
    injects: Names,
    /// Kind and id of the item being compiled, to place diagnostics.
    anchor: Option<(&'static str, String)>,
}

impl<'a> Compiler<'a> {
    pub fn new(file: &'a ScenarioFile, source: &'a str) -> Self {
        Compiler {
            file,
            source,
            diags: Vec::new(),
            actors: Names::new("actor", file.actors.iter().map(|a| a.id.as_str())),
            tracks: Names::new("track", file.tracks.iter().map(|t| t.id.as_str())),
            flags: Names::new("flag", file.flags.iter().map(|t| t.id.as_str())),
            rungs: Names::new(
                "rung",
                file.ladder
                    .iter()
                    .chain(file.ladders.iter().flat_map(|l| &l.rungs))
                    .map(|r| r.id.as_str()),
            ),
            suspects: Names::new("suspect", file.suspects.iter().map(|s| s.id.as_str())),
            evidence: Names::new("evidence item", file.evidence.iter().map(|e| e.id.as_str())),
            actions: Names::new("action", file.actions.iter().map(|a| a.id.as_str())),
            injects: Names::new("inject", file.injects.iter().map(|i| i.id.as_str())),
            anchor: None,
        }
    }

    fn err(&mut self, msg: String, expected: String, needle: &str, quoted: bool) {
        let anchor = self.anchor.as_ref().map(|(kind, id)| locate::Anchor::new(kind, id));
        // Placing reads the file: only while the budget lasts.
        let placed = self.diags.len() < super::diagnostic::PLACED;
        let span = placed
            .then(|| locate::within(self.source, anchor, needle, quoted))
            .flatten();
        self.diags.push(Diagnostic::error(msg, expected).at(span));
    }

    fn lookup(&mut self, kind: fn(&Self) -> &Names, id: &str) -> usize {
        let names = kind(self);
        if let Some(&i) = names.ids.get(id) {
            return i;
        }
        let (what, list) = (names.what, names.list.clone());
        // A suggestion reads every name: only while diagnostics are placed.
        let placed = self.diags.len() < super::diagnostic::PLACED;
        let hint = super::load::did_you_mean_among(placed, id, names.ids.keys());
        self.err(format!("unknown {what} `{id}`{hint}"), list, id, true);
        0
    }
    fn actor(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.actors, id)
    }
    fn track(&mut self, id: &str) -> usize {
        if !self.tracks.ids.contains_key(id) && self.flags.ids.contains_key(id) {
            let expected = "a numeric track (use `Flag`/`SetFlag` for flags)";
            let msg = format!("`{id}` is a flag, not a numeric track");
            self.err(msg, expected.into(), id, true);
            return 0;
        }
        self.lookup(|c| &c.tracks, id)
    }
    fn flag(&mut self, id: &str) -> usize {
        if !self.flags.ids.contains_key(id) && self.tracks.ids.contains_key(id) {
            let expected = "a flag (use `TrackAtLeast`/`Track` for numeric tracks)";
            let msg = format!("`{id}` is a numeric track, not a flag");
            self.err(msg, expected.into(), id, true);
            return 0;
        }
        self.lookup(|c| &c.flags, id)
    }
    fn rung(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.rungs, id)
    }
    fn suspect(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.suspects, id)
    }
    fn evidence(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.evidence, id)
    }
    fn action(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.actions, id)
    }
    fn inject(&mut self, id: &str) -> usize {
        self.lookup(|c| &c.injects, id)
    }

    fn aref(&mut self, r: &ActorRef, scope: Scope) -> ARef {
        match r {
            ActorRef::Actor(id) => ARef::Actor(self.actor(id)),
            ActorRef::Me if scope == Scope::World => {
                self.err(
                    "`Me` is only meaningful inside an action or attribution effects".into(),
                    "a named actor, `Actor(\"id\")`".into(),
                    "Me",
                    false,
                );
                ARef::Me
            }
            ActorRef::Target if matches!(scope, Scope::World | Scope::Action) => {
                self.err(
                    "`Target` is only meaningful inside an action that has a target".into(),
                    "`Me` or a named actor, `Actor(\"id\")`".into(),
                    "Target",
                    false,
                );
                ARef::Target
            }
            ActorRef::Me => ARef::Me,
            ActorRef::Target => ARef::Target,
            ActorRef::Everyone => {
                self.err(
                    "`Everyone` is only meaningful in `Reveal(id, Everyone)`".into(),
                    "`Me`, `Target` or a named actor, `Actor(\"id\")`".into(),
                    "Everyone",
                    false,
                );
                ARef::Me
            }
        }
    }

    fn actor_set(&mut self, ids: &[String]) -> Vec<bool> {
        let mut set = vec![false; self.file.actors.len()];
        for id in ids {
            if let Some(&i) = self.actors.ids.get(id.as_str()) {
                set[i] = true;
            } else {
                self.actor(id);
            }
        }
        set
    }

    pub fn compile(mut self, name: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
        let f = self.file;
        let n = f.actors.len();

        let actions: Vec<CAction> = f
            .actions
            .iter()
            .map(|a| {
                self.anchor = Some(("Action", a.id.clone()));
                let may_take = self.who_may(&a.by);
                let targets = match &a.target {
                    TargetRule::NoTarget => None,
                    TargetRule::AnyActor => Some(vec![true; n]),
                    TargetRule::Kinds(k) => Some(f.actors.iter().map(|x| k.contains(&x.kind)).collect()),
                    TargetRule::Actors(ids) => Some(self.actor_set(ids)),
                };
                let scope = if targets.is_some() {
                    Scope::Targeted
                } else {
                    Scope::Action
                };
                let requires = self.cond(&a.requires, scope);
                let legal = a.legal.unwrap_or(if a.hostility > 0 {
                    LegalCharacter::Retorsion
                } else {
                    LegalCharacter::Lawful
                });
                let max_rung = a.max_rung.as_ref().map(|r| self.rung(r));
                CAction {
                    may_take,
                    targets: targets.as_deref().map(super::compiled::bit_set),
                    requires_target: requires.mentions_target(),
                    requires,
                    cost: a.cost,
                    chance: a.chance,
                    visibility: a.visibility,
                    hostility: a.hostility,
                    ambiguity: a.ambiguity,
                    detection: a.detection,
                    cbm: a.cbm,
                    once: a.once,
                    legal,
                    notice: a.notice,
                    reversible: a.reversible,
                    max_rung,
                    effects: self.effects(&a.effects, scope),
                    on_failure: self.effects(&a.on_failure, scope),
                    uncovers: Vec::new(),
                }
            })
            .collect();
        let mut actions = actions;

        let mut evidence: Vec<CEvidence> = f
            .evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                self.anchor = Some(("Evidence", e.id.clone()));
                for act in &e.found_by {
                    let ax = self.action(act);
                    if let Some(a) = actions.get_mut(ax) {
                        if f.actions.get(ax).map(|x| &x.id) == Some(act) {
                            a.uncovers.push(i);
                        }
                    }
                }
                CEvidence {
                    points_to: self.suspect(&e.points_to),
                    refutes: e.refutes.iter().map(|r| self.evidence(r)).collect(),
                    explains: e.explains.iter().map(|r| self.evidence(r)).collect(),
                    exculpatory: e.exculpatory,
                    answered_by: e.answered_by.as_deref().map(|a| self.actor(a)),
                    tearline_of: None,
                    tearline: None,
                }
            })
            .collect();
        self.check_questions(&actions, &evidence);
        let mut file = f.clone();
        let mut evidence_ix = self.evidence.ids.clone();
        super::tearline::derive(&mut file, &mut evidence, &mut evidence_ix);
        let (may_attribute, knows) = self.attribution_rules();

        let injects: Vec<CInject> = f
            .injects
            .iter()
            .map(|inj| {
                self.anchor = Some(("Inject", inj.id.clone()));
                let trigger = match &inj.when {
                    Trigger::Turn(t) => CTrigger::Turn(*t),
                    Trigger::When(c) => CTrigger::When(self.cond(c, Scope::World)),
                };
                let (public, audience) = match &inj.audience {
                    Audience::Public => (true, (0..n).collect()),
                    Audience::Everyone => (false, (0..n).collect()),
                    Audience::Actors(ids) => {
                        let set = self.actor_set(ids);
                        (false, (0..n).filter(|&i| set[i]).collect())
                    }
                };
                CInject {
                    trigger,
                    chance: inj.chance,
                    public,
                    audience,
                    effects: self.effects(&inj.effects, Scope::World),
                    reveals: inj.reveals.iter().map(|e| self.evidence(e)).collect(),
                }
            })
            .collect();

        self.anchor = None;
        let suspect_actor: Vec<Option<usize>> = f
            .suspects
            .iter()
            .map(|s| {
                self.anchor = Some(("Suspect", s.id.clone()));
                s.actor.as_ref().map(|a| self.actor(a))
            })
            .collect();
        self.anchor = None;
        let culprit = self.suspect(&f.culprit);

        let default = match &f.default_relation {
            Some(d) => RelStart {
                trust: d.trust,
                tension: d.tension,
                rung: self.rung(&d.rung),
                channels: self.channels(&d.channels),
            },
            None => RelStart {
                trust: 50,
                tension: 20,
                rung: 0,
                channels: 0,
            },
        };
        let rung_at = super::ladders::rung_numbers(f);
        let (laddered, pair_ladder) = self.pair_ladders(n);
        // The default rung, on each pair's own ladder.
        let mut relations: Vec<RelStart> = pair_ladder
            .iter()
            .map(|&l| RelStart {
                rung: ladders::start_rung(f, &rung_at, l, default.rung),
                ..default
            })
            .collect();
        for r in &f.relations {
            let a = self.actor(&r.between.0);
            let b = self.actor(&r.between.1);
            let rung = self.rung(&r.rung);
            if a == b {
                if r.between.0 == r.between.1 {
                    self.err(
                        format!("a relation between `{}` and itself", r.between.0),
                        "two different actors".into(),
                        &r.between.0,
                        true,
                    );
                }
                continue;
            }
            let channels = match &r.channels {
                Some(c) => self.channels(c),
                None => default.channels,
            };
            let p = pair_index(n, a, b);
            let rung = self.relation_rung(r, rung, pair_ladder[p], &rung_at);
            relations[p] = RelStart {
                trust: r.trust,
                tension: r.tension,
                rung,
                channels,
            };
        }

        let attribution_correct = self.effects(&f.attribution.correct, Scope::Attribution);
        let attribution_wrong = self.effects(&f.attribution.wrong, Scope::Attribution);
        let attribution_by_suspect = self.suspect_effects();
        let drifts = self.drifts();
        let endings = f
            .endings
            .iter()
            .map(|e| {
                self.anchor = Some(("Ending", e.id.clone()));
                self.cond(&e.when, Scope::World)
            })
            .collect();
        let (incidents, commitments, objective_checks) = self.record(&suspect_actor);
        // Actions reveal evidence through effects too.
        for a in actions.iter_mut() {
            a.uncovers.dedup();
        }

        if self.diags.iter().any(Diagnostic::is_error) {
            return (None, self.diags);
        }
        let index = |names: &Names| names.ids.clone();
        let scenario = Scenario {
            file,
            source: self.source.to_string(),
            name: name.to_string(),
            actor_ix: index(&self.actors),
            action_ix: index(&self.actions),
            evidence_ix,
            suspect_ix: index(&self.suspects),
            actions,
            injects,
            evidence,
            suspect_actor,
            culprit,
            relations,
            laddered,
            pair_ladder,
            rung_at,
            pairs: super::compiled::pair_table(n),
            may_attribute,
            knows,
            attribution_correct,
            attribution_wrong,
            attribution_by_suspect,
            drifts,
            endings,
            incidents,
            commitments,
            objective_checks,
        };
        (Some(scenario), self.diags)
    }
}
