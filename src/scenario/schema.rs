//! The scenario file as a trainer writes it: plain RON, read with serde.
//! Every struct refuses unknown fields so a misspelt key is reported.

use serde::{Deserialize, Serialize};

pub use super::evidence_schema::{AttributionEffects, Evidence, Suspect, SuspectEffects};
use super::expr::{Condition, Effect};
pub use super::press::{ClosedLine, PressMode, PressRules};
pub use super::record::{Commitment, Incident, SecretObjective};
pub use super::vocab::{ActorKind, CbmKind, Confidence, EvidenceKind, Layer, LegalCharacter, Norm, Tlp};

fn default_moves() -> u32 {
    1
}
fn default_income() -> i32 {
    2
}
fn default_credibility() -> i32 {
    60
}
fn default_chance() -> u8 {
    100
}
fn default_turn() -> u32 {
    1
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct ScenarioFile {
    pub title: String,
    pub summary: String,
    pub briefing: String,
    /// Number of turns before the time runs out.
    pub turns: u32,
    /// What one turn stands for, e.g. "6 hours" or "1 day".
    #[serde(default)]
    pub turn_length: String,
    #[serde(default)]
    pub difficulty: Difficulty,
    /// How many actions each actor may take per turn.
    #[serde(default = "default_moves")]
    pub moves_per_turn: u32,
    pub objectives: Vec<String>,
    #[serde(default)]
    pub facilitator_notes: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The escalation ladder, from the mildest rung to the most severe.
    pub ladder: Vec<Rung>,
    pub actors: Vec<Actor>,
    /// Where every pair starts unless listed in `relations`.
    #[serde(default)]
    pub default_relation: Option<RelationStart>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Which kinds of relation have a diplomatic ladder, as pairs of actor
    /// kinds. Default: states with states and with international
    /// organisations, and organisations with each other. Other pairs (a
    /// company and a state, two CERTs) keep their rung: trust and tension
    /// still move, but they do not climb the diplomatic ladder together.
    #[serde(default)]
    pub ladder_between: Option<Vec<(ActorKind, ActorKind)>>,
    /// Ladders of their own for some kinds of relation (a state and a
    /// company climb from "Business as usual" to "Exclusion from
    /// procurement", not to sanctions). A kind of pair listed here climbs
    /// this ladder instead of `ladder`; see [`KindLadder`].
    #[serde(default)]
    pub ladders: Vec<KindLadder>,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub flags: Vec<FlagDef>,
    /// Who might be behind the incident.
    pub suspects: Vec<Suspect>,
    /// The suspect who really did it (an `id` from `suspects`).
    pub culprit: String,
    /// The incident(s) the exercise is about, as they really happened: the
    /// debrief opens with them and the norms ledger charges them.
    #[serde(default)]
    pub incidents: Vec<Incident>,
    /// Commitments beyond the built-in frameworks (UN GGE norms for
    /// states, the Tech Accord for companies, mandates for CERTs and
    /// international organisations).
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    pub actions: Vec<Action>,
    /// Extra effects when a public attribution is judged.
    #[serde(default)]
    pub attribution: AttributionEffects,
    pub endings: Vec<Ending>,
    #[serde(default)]
    pub debrief_questions: Vec<Question>,
    /// Who may write to whom, and whether the game has press at all.
    #[serde(default)]
    pub press: PressRules,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difficulty {
    Introductory,
    #[default]
    Intermediate,
    Advanced,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A ladder for some kinds of relation, written `Ladder(name: ..., between:
/// [(State, Company)], rungs: [Rung(...), ...])`. Its rung ids share one
/// namespace with `ladder`'s; a condition naming one of its rungs reads only
/// the pairs that climb it, and a move's `max_rung` from another ladder caps
/// at the same relative height (see docs/scenario-format.md, "Ladders").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Ladder", deny_unknown_fields)]
pub struct KindLadder {
    /// What the screens call it, e.g. "State and company"; default: the
    /// kinds of its first pair.
    #[serde(default)]
    pub name: String,
    /// The kinds of relation that climb it; each kind of pair at most once
    /// in the whole file (here or in `ladder_between`).
    pub between: Vec<(ActorKind, ActorKind)>,
    /// Its rungs, mildest first: 1 to 40.
    pub rungs: Vec<Rung>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// What every player knows about this actor.
    pub description: String,
    /// What only this actor's player sees: texts, or objectives with a
    /// condition the debrief checks.
    #[serde(default)]
    pub secret_objectives: Vec<SecretObjective>,
    /// Starting resources (political capital, staff time, money).
    pub resources: i32,
    /// Resources regained at the start of every turn.
    #[serde(default = "default_income")]
    pub income: i32,
    /// Starting credibility, 0 to 100.
    #[serde(default = "default_credibility")]
    pub credibility: i32,
    /// Evidence items this actor holds from the start: its private
    /// knowledge (its own logs, its services' reporting). They count in its
    /// own confidence and stay within their TLP marking.
    #[serde(default)]
    pub knows: Vec<String>,
    /// How a bot plays this actor when no one takes its seat and no policy
    /// is chosen for it: `bot: Cautious`. Without it, the actor's kind
    /// decides (see `bots::Policy::for_actor`).
    #[serde(default)]
    pub bot: Option<BotStyle>,
}

/// A bot's style of play, as a scenario names it for an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BotStyle {
    Cooperative,
    Hawkish,
    Cautious,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationStart {
    pub trust: i32,
    pub tension: i32,
    pub rung: String,
    /// Lasting confidence-building measures already in force when the game
    /// starts (OSCE points of contact exist since 2013).
    #[serde(default)]
    pub channels: Vec<CbmKind>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub between: (String, String),
    pub trust: i32,
    pub tension: i32,
    pub rung: String,
    /// Lasting measures in force from the start; without it, those of
    /// `default_relation`.
    #[serde(default)]
    pub channels: Option<Vec<CbmKind>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Better,
    Worse,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub min: i32,
    pub max: i32,
    pub start: i32,
    /// Whether a higher value is better or worse for the world.
    #[serde(default)]
    pub higher_is: Direction,
    /// Changes the track makes by itself at the end of turns: a backlog
    /// that grows every turn, a repair that needs two turns, a cost that
    /// runs while a condition holds.
    #[serde(default)]
    pub drift: Vec<Drift>,
}

/// A repeating or conditional change of a track, applied at the end of a
/// turn `from`, `from + every`, `from + 2 × every`, ... while `when` holds
/// (if given), within the track's bounds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Drift", deny_unknown_fields)]
pub struct Drift {
    /// Points added each time it applies (negative to fall).
    pub by: i32,
    /// Turns between two applications (at least 1). Default: every turn.
    #[serde(default = "default_turn")]
    pub every: u32,
    /// The first turn at whose end it applies. Default: 1.
    #[serde(default = "default_turn")]
    pub from: u32,
    /// Applies only while this holds, checked at the end of the turn.
    #[serde(default)]
    pub when: Option<Condition>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Flag", deny_unknown_fields)]
pub struct FlagDef {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub start: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the start of this turn.
    Turn(u32),
    /// At the start of the first turn on which the condition holds.
    When(Condition),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Audience {
    /// News: every actor and the public see it.
    Public,
    /// Every actor, but not the public.
    Everyone,
    /// Only these actors.
    Actors(Vec<String>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub when: Trigger,
    /// Chance in percent that it fires when due (drawn from the seeded RNG).
    #[serde(default = "default_chance")]
    pub chance: u8,
    pub audience: Audience,
    pub headline: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Evidence handed to every actor in the audience.
    #[serde(default)]
    pub reveals: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Who {
    #[default]
    Anyone,
    Kinds(Vec<ActorKind>),
    Actors(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum TargetRule {
    #[default]
    NoTarget,
    AnyActor,
    Kinds(Vec<ActorKind>),
    Actors(Vec<String>),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Everyone sees the move.
    #[default]
    Public,
    /// Only the actor and its target see it.
    Parties,
    /// Only the actor knows, unless the target detects it.
    Secret,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub name: String,
    pub description: String,
    /// For an action that asks through a channel (it can uncover an item
    /// `answered_by` an actor): the question as the asked side reads it, in
    /// the answer dialog, the feed and the record. Default: the name.
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub by: Who,
    #[serde(default)]
    pub target: TargetRule,
    #[serde(default)]
    pub requires: Condition,
    #[serde(default)]
    pub cost: i32,
    /// Chance of success in percent (drawn from the seeded RNG).
    #[serde(default = "default_chance")]
    pub chance: u8,
    #[serde(default)]
    pub visibility: Visibility,
    /// Rungs this move pushes the actor and its target: positive escalates,
    /// negative calms.
    #[serde(default)]
    pub hostility: i32,
    /// Chance in percent that the target reads the move as more hostile than
    /// meant, before trust and open channels lower it.
    #[serde(default)]
    pub ambiguity: u8,
    /// Chance in percent that the target detects a secret move.
    #[serde(default)]
    pub detection: u8,
    /// A confidence-building measure: offered to the target, in force once
    /// the target offers it back.
    #[serde(default)]
    pub cbm: Option<CbmKind>,
    /// May each actor take it only once per game?
    #[serde(default)]
    pub once: bool,
    /// Its legal character as a response: `Retorsion`, `Countermeasure`,
    /// `Unlawful`, or `Lawful` for a move that answers no wrong. Without
    /// it: retorsion if `hostility` is above 0, lawful otherwise.
    #[serde(default)]
    pub legal: Option<LegalCharacter>,
    /// The move calls on its target to stop a wrongful act and gives notice
    /// of countermeasures (ILC Art. 52): a démarche, a summons.
    #[serde(default)]
    pub notice: bool,
    /// Whether its effects can be undone once the wrong stops (ILC Art.
    /// 49(3)). A countermeasure that cannot is wrongful.
    #[serde(default = "yes")]
    pub reversible: bool,
    /// The highest rung this move can push its pair to (a rung id): a
    /// protest never takes a pair past "protest" on its own.
    #[serde(default)]
    pub max_rung: Option<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub on_failure: Vec<Effect>,
    #[serde(default)]
    pub upholds: Vec<Norm>,
    #[serde(default)]
    pub breaches: Vec<Norm>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub id: String,
    pub title: String,
    pub when: Condition,
    /// The debrief text shown when this ending is reached.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Which learning objective it serves (1 is the first).
    pub objective: usize,
    pub text: String,
}
