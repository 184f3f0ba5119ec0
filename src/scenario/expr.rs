//! The small typed language of conditions and effects used by injects,
//! actions and endings. Every reference in it is checked when the scenario
//! loads (see `compile`), so a typo fails at `validate`, never during play.

use serde::{Deserialize, Serialize};

use super::schema::{ActorKind, CbmKind, Confidence};

/// Who an effect or condition is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorRef {
    /// The actor taking the action (only inside an action).
    Me,
    /// The action's target (only inside an action that has a target).
    Target,
    /// A named actor.
    Actor(String),
    /// Every actor: only in `Reveal(id, Everyone)`.
    Everyone,
}

/// A condition over the state of the game.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    #[default]
    Always,
    Never,
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// True once the current turn is at least N.
    TurnAtLeast(u32),
    TurnAtMost(u32),
    /// True when the last turn of the scenario has been played.
    FinalTurn,
    TrackAtLeast(String, i32),
    TrackAtMost(String, i32),
    Flag(String),
    RungAtLeast(ActorRef, ActorRef, String),
    RungAtMost(ActorRef, ActorRef, String),
    /// Some pair of actors stands at this rung or higher.
    AnyRungAtLeast(String),
    /// Every pair of actors stands at this rung or lower.
    AllRungsAtMost(String),
    TensionAtLeast(ActorRef, ActorRef, i32),
    TensionAtMost(ActorRef, ActorRef, i32),
    TrustAtLeast(ActorRef, ActorRef, i32),
    TrustAtMost(ActorRef, ActorRef, i32),
    /// A confidence-building channel is open between the two actors.
    Channel(ActorRef, ActorRef, CbmKind),
    /// Some actor has successfully taken this action.
    Taken(String),
    /// This actor has successfully taken this action.
    TakenBy(ActorRef, String),
    InjectFired(String),
    /// The actor holds this evidence item.
    Holds(ActorRef, String),
    /// The actor's own confidence that the suspect did it is at least this.
    ConfidenceAtLeast(ActorRef, String, Confidence),
    /// Some actor has publicly attributed the incident to this suspect.
    Attributed(String),
    /// A public attribution named the true culprit, judged at its layer,
    /// before the truth came out (and was not retracted).
    CorrectlyAttributed,
    /// Someone named the true culprit only after the truth was public.
    ConcurredAfterReveal,
    /// A public attribution named the wrong suspect.
    WronglyAttributed,
    /// Two or more actors attributed the incident to the true culprit together.
    JointlyAttributed,
    ResourcesAtLeast(ActorRef, i32),
    CredibilityAtMost(ActorRef, i32),
    /// The actor is the one behind this suspect (its sponsor), as the
    /// scenario says: `Behind(Target, "grey_lantern")` lets one sanctions
    /// action name whichever state stands behind the suspect.
    Behind(ActorRef, String),
    /// The actor is responsible for an incident on the record (ground
    /// truth: in an action's `requires` it tells players who did it).
    Responsible(ActorRef),
    /// This actor has a standing public attribution to this suspect.
    AttributedBy(ActorRef, String),
    /// An actor of this kind has a standing public attribution to this
    /// suspect: `AttributedByKind(State, "x")` ignores vendors' claims.
    AttributedByKind(ActorKind, String),
    /// Some pair's tension is at least this.
    AnyTensionAtLeast(i32),
    /// The actor is this named actor: `Is(Me, "northland")`.
    Is(ActorRef, String),
    /// The actor is of this kind: `IsKind(Target, State)`.
    IsKind(ActorRef, ActorKind),
}

/// A change to the state of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Add (or with a negative number, subtract) to a numeric track.
    Track(String, i32),
    SetFlag(String, bool),
    Tension(ActorRef, ActorRef, i32),
    Trust(ActorRef, ActorRef, i32),
    /// Move the pair up (positive) or down (negative) the escalation ladder.
    Escalate(ActorRef, ActorRef, i32),
    Resources(ActorRef, i32),
    Credibility(ActorRef, i32),
    /// Hand an evidence item to an actor.
    Reveal(String, ActorRef),
    /// The truth about the incident comes out: every public attribution is
    /// judged right or wrong, with its consequences.
    RevealTruth,
}
