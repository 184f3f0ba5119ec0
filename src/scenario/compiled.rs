//! The loaded scenario: the file as written plus every reference resolved to
//! an index, so the engine never looks up a name while it plays.

use std::collections::HashMap;

use super::schema::{ActorKind, CbmKind, Confidence, LegalCharacter, Norm, ScenarioFile, Visibility};

/// An actor reference with names resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ARef {
    Me,
    Target,
    Actor(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Always,
    Never,
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    TurnAtLeast(u32),
    TurnAtMost(u32),
    FinalTurn,
    TrackAtLeast(usize, i32),
    TrackAtMost(usize, i32),
    Flag(usize),
    RungAtLeast(ARef, ARef, usize),
    RungAtMost(ARef, ARef, usize),
    AnyRungAtLeast(usize),
    AllRungsAtMost(usize),
    TensionAtLeast(ARef, ARef, i32),
    TensionAtMost(ARef, ARef, i32),
    TrustAtLeast(ARef, ARef, i32),
    TrustAtMost(ARef, ARef, i32),
    Channel(ARef, ARef, CbmKind),
    Taken(usize),
    TakenBy(ARef, usize),
    InjectFired(usize),
    Holds(ARef, usize),
    ConfidenceAtLeast(ARef, usize, Confidence),
    Attributed(usize),
    CorrectlyAttributed,
    ConcurredAfterReveal,
    WronglyAttributed,
    JointlyAttributed,
    ResourcesAtLeast(ARef, i32),
    CredibilityAtMost(ARef, i32),
    Behind(ARef, usize),
    Responsible(ARef),
    AttributedBy(ARef, usize),
    AttributedByKind(ActorKind, usize),
    AnyTensionAtLeast(i32),
    Is(ARef, usize),
    IsKind(ARef, ActorKind),
}

impl Cond {
    /// Whether the condition refers to the action's target anywhere.
    pub fn mentions_target(&self) -> bool {
        let t = |r: &ARef| *r == ARef::Target;
        match self {
            Cond::All(v) | Cond::Any(v) => v.iter().any(Cond::mentions_target),
            Cond::Not(c) => c.mentions_target(),
            Cond::RungAtLeast(a, b, _)
            | Cond::RungAtMost(a, b, _)
            | Cond::TensionAtLeast(a, b, _)
            | Cond::TensionAtMost(a, b, _)
            | Cond::TrustAtLeast(a, b, _)
            | Cond::TrustAtMost(a, b, _)
            | Cond::Channel(a, b, _) => t(a) || t(b),
            Cond::TakenBy(a, _)
            | Cond::Holds(a, _)
            | Cond::ConfidenceAtLeast(a, _, _)
            | Cond::ResourcesAtLeast(a, _)
            | Cond::CredibilityAtMost(a, _)
            | Cond::Behind(a, _)
            | Cond::Responsible(a)
            | Cond::AttributedBy(a, _)
            | Cond::Is(a, _)
            | Cond::IsKind(a, _) => t(a),
            Cond::Always
            | Cond::Never
            | Cond::TurnAtLeast(_)
            | Cond::TurnAtMost(_)
            | Cond::FinalTurn
            | Cond::TrackAtLeast(..)
            | Cond::TrackAtMost(..)
            | Cond::Flag(_)
            | Cond::AnyRungAtLeast(_)
            | Cond::AllRungsAtMost(_)
            | Cond::Taken(_)
            | Cond::InjectFired(_)
            | Cond::Attributed(_)
            | Cond::CorrectlyAttributed
            | Cond::ConcurredAfterReveal
            | Cond::WronglyAttributed
            | Cond::JointlyAttributed
            | Cond::AttributedByKind(..)
            | Cond::AnyTensionAtLeast(_) => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Eff {
    Track(usize, i32),
    SetFlag(usize, bool),
    Tension(ARef, ARef, i32),
    Trust(ARef, ARef, i32),
    Escalate(ARef, ARef, i32),
    Resources(ARef, i32),
    Credibility(ARef, i32),
    Reveal(usize, ARef),
    /// Hand an evidence item to every actor.
    RevealAll(usize),
    RevealTruth,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CTrigger {
    Turn(u32),
    When(Cond),
}

#[derive(Debug, Clone)]
pub struct CInject {
    pub trigger: CTrigger,
    pub chance: u8,
    /// `None` for public news.
    pub public: bool,
    /// Actors who receive it.
    pub audience: Vec<usize>,
    pub effects: Vec<Eff>,
    pub reveals: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct CAction {
    /// `may_take[a]`: actor `a` may take this action.
    pub may_take: Vec<bool>,
    /// `None`: the action has no target; otherwise who may be targeted,
    /// as a bit set of actors (scenarios have at most 32).
    pub targets: Option<u64>,
    pub requires: Cond,
    /// Whether `requires` depends on the target (else one answer serves all).
    pub requires_target: bool,
    pub cost: i32,
    pub chance: u8,
    pub visibility: Visibility,
    pub hostility: i32,
    pub ambiguity: u8,
    pub detection: u8,
    pub cbm: Option<CbmKind>,
    pub once: bool,
    /// Declared, or retorsion for a hostile move and lawful otherwise.
    pub legal: LegalCharacter,
    /// A call to stop and notice of countermeasures (ILC Art. 52).
    pub notice: bool,
    pub reversible: bool,
    /// Highest rung this move may push its pair to, if capped.
    pub max_rung: Option<usize>,
    pub effects: Vec<Eff>,
    pub on_failure: Vec<Eff>,
    /// Evidence items this action can uncover, in scenario order.
    pub uncovers: Vec<usize>,
}

impl CAction {
    /// A covert operation: a secret move against others (hostility above
    /// 0), such as a second wave or a disruption abroad. A secret request
    /// for an intelligence assessment is secret but no operation.
    pub fn is_covert_operation(&self) -> bool {
        self.visibility == super::schema::Visibility::Secret && self.hostility > 0
    }
}

#[derive(Debug, Clone)]
pub struct CEvidence {
    pub points_to: usize,
    pub refutes: Vec<usize>,
    /// Genuine items this one explains away (not planted, just not proof).
    pub explains: Vec<usize>,
    /// Counts against `points_to` instead of for it.
    pub exculpatory: bool,
    /// Found only by a move aimed at this actor (its answer when asked).
    pub answered_by: Option<usize>,
    /// For a tearline: the TLP:RED or AMBER+STRICT item it sanitises.
    pub tearline_of: Option<usize>,
    /// For a TLP:RED or AMBER+STRICT item: its tearline's index.
    pub tearline: Option<usize>,
}

/// An incident on the record, with names resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CIncident {
    /// The suspect who did it.
    pub by: usize,
    /// The actor charged with it, if any.
    pub responsible: Option<usize>,
    /// The actors it was done to.
    pub against: Vec<usize>,
    pub breaches: Vec<Norm>,
    /// Indices into `Scenario::commitments`.
    pub breaches_commitments: Vec<usize>,
}

/// A track's drift with names resolved (see `schema::Drift`).
#[derive(Debug, Clone, PartialEq)]
pub struct CDrift {
    pub track: usize,
    pub by: i32,
    /// At least 1.
    pub every: u32,
    pub from: u32,
    pub when: Option<Cond>,
}

/// The attribution effects of one suspect (see `schema::SuspectEffects`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuspectEffs {
    pub made: Vec<Eff>,
    pub correct: Vec<Eff>,
    pub wrong: Vec<Eff>,
}

/// A commitment the scenario adds, with names resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CCommitment {
    /// Bit set of the actors who answer to it.
    pub applies: u64,
    /// Bit set of the UN norms (by letter, a = bit 0) it covers.
    pub covers: u16,
    pub upheld_by: Vec<usize>,
    pub breached_by: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelStart {
    pub trust: i32,
    pub tension: i32,
    pub rung: usize,
    /// Lasting measures in force from the start (bit set of `CbmKind`).
    pub channels: u8,
}

/// A scenario that passed validation, ready to play.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file as the trainer wrote it: all the texts.
    pub file: ScenarioFile,
    /// The source text, kept so a game log can carry its scenario.
    pub source: String,
    /// A short name, from the file name.
    pub name: String,
    pub actor_ix: HashMap<String, usize>,
    pub action_ix: HashMap<String, usize>,
    pub evidence_ix: HashMap<String, usize>,
    pub suspect_ix: HashMap<String, usize>,
    pub actions: Vec<CAction>,
    pub injects: Vec<CInject>,
    pub evidence: Vec<CEvidence>,
    /// The actor behind each suspect, if any.
    pub suspect_actor: Vec<Option<usize>>,
    pub culprit: usize,
    /// Starting relation for each pair, indexed by `pair(a, b)`.
    pub relations: Vec<RelStart>,
    /// Whether each pair has a ladder to climb (`ladder_between`,
    /// `ladders`).
    pub laddered: Vec<bool>,
    /// The ladder each pair climbs, by pair: 0 is `ladder`, `k` is
    /// `ladders[k - 1]` (pairs with none keep 0 and their starting rung).
    pub pair_ladder: Vec<u8>,
    /// Every rung id of the file as `(ladder, index on it)`, numbered
    /// `ladder` first, then each of `ladders` in order: conditions and
    /// caps hold these numbers (see [`Scenario::rung_on`]).
    pub rung_at: Vec<(u8, usize)>,
    /// `pair(a, b)` for every `a * actors + b`, looked up rather than
    /// computed because the engine asks all the time (see `pair_table`).
    pub pairs: Vec<usize>,
    /// `may_attribute[a]`: actor `a` may make public attributions.
    pub may_attribute: Vec<bool>,
    /// Evidence each actor holds from the start (its private knowledge).
    pub knows: Vec<Vec<usize>>,
    pub attribution_correct: Vec<Eff>,
    pub attribution_wrong: Vec<Eff>,
    /// Per suspect, the effects of naming it in particular.
    pub attribution_by_suspect: Vec<SuspectEffs>,
    /// Every track's drifts, in track order.
    pub drifts: Vec<CDrift>,
    pub endings: Vec<Cond>,
    /// The incidents on the record (see `record.rs`).
    pub incidents: Vec<CIncident>,
    /// Commitments the scenario adds to the built-in frameworks.
    pub commitments: Vec<CCommitment>,
    /// For each actor, the condition of each secret objective, if it has
    /// one (`Me` is that actor).
    pub objective_checks: Vec<Vec<Option<Cond>>>,
}

impl Scenario {
    pub fn actor_count(&self) -> usize {
        self.file.actors.len()
    }
    /// Rungs of the main ladder (`ladder`).
    pub fn rung_count(&self) -> usize {
        self.file.ladder.len()
    }
    /// Index of the unordered pair {a, b} (a != b) in the relation table.
    #[inline]
    pub fn pair(&self, a: usize, b: usize) -> usize {
        self.pairs[a * self.actor_count() + b]
    }
}

impl Scenario {
    /// The actors held responsible for an incident: those declared, and
    /// the actor behind the culprit, as a bit set.
    pub fn responsible(&self) -> u64 {
        let declared = self
            .incidents
            .iter()
            .filter_map(|i| i.responsible)
            .fold(0u64, |m, a| m | (1u64 << a));
        let behind = self.suspect_actor.get(self.culprit).copied().flatten();
        declared | behind.map_or(0, |a| 1u64 << a)
    }
}

/// Bit set of UN norms (a = bit 0).
pub fn norm_bits(norms: &[Norm]) -> u16 {
    norms.iter().fold(0, |m, n| m | (1u16 << (*n as u16)))
}

/// The indices set in `v`, as a bit set.
pub fn bit_set(v: &[bool]) -> u64 {
    v.iter()
        .enumerate()
        .filter(|(_, &b)| b)
        .fold(0, |m, (i, _)| m | (1u64 << i))
}

/// Whether actor `a` is in the bit set `mask`.
pub fn in_set(mask: u64, a: usize) -> bool {
    mask & (1u64 << a) != 0
}

/// `pair_index` for every ordered pair of `n` actors, row by row; no pair
/// (`usize::MAX`) for an actor with itself.
pub fn pair_table(n: usize) -> Vec<usize> {
    (0..n * n)
        .map(|k| {
            let (a, b) = (k / n, k % n);
            if a == b {
                usize::MAX
            } else {
                pair_index(n, a, b)
            }
        })
        .collect()
}

/// Index of an unordered pair in an upper-triangle table of `n` actors.
pub fn pair_index(n: usize, a: usize, b: usize) -> usize {
    let (i, j) = if a < b { (a, b) } else { (b, a) };
    i * n - i * (i + 1) / 2 + (j - i - 1)
}
