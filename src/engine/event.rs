//! Events: what happened, each marked with who may see it. The engine keeps
//! all of them (the debrief timeline); a view shows an actor only its own.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::{CbmKind, Confidence, Layer, Norm};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub turn: u32,
    /// Seen by everyone, including spectators.
    pub public: bool,
    /// Bit set of actors who see it (when not public).
    pub seen_by: u64,
    pub kind: EventKind,
}

impl Event {
    pub fn visible_to(&self, actor: usize) -> bool {
        self.public || self.seen_by & (1u64 << actor) != 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    TurnStarted,
    Inject {
        inject: usize,
    },
    EvidenceFound {
        actor: usize,
        evidence: usize,
    },
    EvidenceShared {
        from: usize,
        to: Vec<usize>,
        evidence: usize,
    },
    EvidencePublished {
        actor: usize,
        evidence: usize,
    },
    Committed {
        actor: usize,
    },
    Moved {
        actor: usize,
        action: usize,
        target: Option<usize>,
        outcome: Outcome,
        upholds: NormList,
        breaches: NormList,
    },
    /// A target found out about a secret move.
    Detected {
        actor: usize,
        action: usize,
        target: usize,
    },
    /// The target read the move as more hostile than it was meant.
    Misread {
        actor: usize,
        action: usize,
        target: usize,
    },
    CbmOffered {
        from: usize,
        to: usize,
        kind: CbmKind,
    },
    CbmAgreed {
        a: usize,
        b: usize,
        kind: CbmKind,
    },
    Attributed {
        actor: usize,
        suspect: usize,
        confidence: Confidence,
        joint_with: Vec<usize>,
        /// Stated no more confidence than the evidence supports (norm b).
        calibrated: bool,
        /// What was claimed: technique, group or state.
        #[serde(default)]
        layer: Layer,
        /// Said after the truth was public: concurring, not attributing.
        #[serde(default)]
        after_reveal: bool,
        /// The statement (index into the attributions) this one restates.
        #[serde(default)]
        refines: Option<usize>,
        /// The joint statement this one signs or, made later, supports.
        #[serde(default)]
        proposal: Option<usize>,
    },
    /// A joint statement was proposed; seen by those who may sign it.
    Proposed {
        by: usize,
        proposal: usize,
        suspect: usize,
        layer: Layer,
        confidence: Confidence,
    },
    /// An actor declined to sign a proposed joint statement.
    Declined {
        actor: usize,
        proposal: usize,
    },
    /// An actor took back its public statement.
    Retracted {
        actor: usize,
        statement: usize,
        suspect: usize,
    },
    /// A holder issued a sanitised derivative of its TLP:RED or
    /// AMBER+STRICT item.
    TearlineIssued {
        actor: usize,
        from: usize,
        tearline: usize,
    },
    TruthRevealed {
        culprit: usize,
    },
    AttributionJudged {
        actor: usize,
        suspect: usize,
        correct: bool,
        /// The statement came after the truth was public.
        #[serde(default)]
        after_reveal: bool,
    },
    RungChanged {
        a: usize,
        b: usize,
        from: usize,
        to: usize,
        cause: RungCause,
    },
    Ended {
        ending: usize,
    },
    /// An inject the facilitator wrote during the game.
    AdHocInject {
        headline: String,
        text: String,
    },
    /// The facilitator ended the game.
    Stopped,
    /// The law's reading of a countermeasure or an unlawful move.
    LegalFinding {
        actor: usize,
        action: usize,
        target: usize,
        ground: crate::engine::rules::law::Ground,
    },
    /// A secret move aimed at no one came to light: everyone learns of it.
    Exposed {
        actor: usize,
        action: usize,
    },
    /// Consultations were held; how they went.
    Consulted {
        a: usize,
        b: usize,
        outcome: crate::engine::rules::consultations::ConsultOutcome,
    },
    /// A message: to the actors listed, or to everyone when `to` is empty
    /// (a public statement). Seen by its writer and its recipients only.
    Said {
        from: usize,
        to: Vec<usize>,
        text: String,
        /// Written by the white cell in this actor's name.
        #[serde(default)]
        facilitator: bool,
    },
    /// A deal proposed by message (see `State::deals`).
    DealOffered {
        deal: usize,
        by: usize,
        to: usize,
        terms: crate::engine::press::DealTerms,
    },
    /// A deal accepted or declined by the actor it was offered to.
    DealAnswered {
        deal: usize,
        by: usize,
        to: usize,
        terms: crate::engine::press::DealTerms,
        accepted: bool,
    },
    /// An actor turned down an offered confidence-building measure.
    CbmDeclined {
        from: usize,
        to: usize,
        kind: CbmKind,
    },
    /// An actor climbed the ladder against a partner in mutual restraint:
    /// a promise broken, which everyone sees.
    RestraintBroken {
        deal: usize,
        by: usize,
        with: usize,
    },
    /// A mutual restraint ran its course unbroken.
    RestraintKept {
        deal: usize,
        a: usize,
        b: usize,
    },
    /// Assistance given on request (norm h): what the helper passed on.
    Assisted {
        by: usize,
        to: usize,
        items: usize,
    },
    /// The facilitator chose how much press this game allows.
    PressSet {
        mode: crate::scenario::schema::PressMode,
    },
    /// The turn was cut short before `actor` committed: the orders it had
    /// chosen (`dropped`, possibly none) did not run. Seen by the actor.
    CutOff {
        actor: usize,
        dropped: Vec<super::state::Order>,
        cause: CutOffCause,
    },
    /// Time ran out before `actor` committed, and a stand-in bot moves for
    /// it this turn. Public: the moves that follow are the bot's.
    StoodIn {
        actor: usize,
    },
    /// An investigative move (one that can uncover evidence) succeeded but
    /// turned up no item its actor did not already hold. `more_later`: an
    /// item it can uncover becomes available on a later turn. Seen by the
    /// actor only.
    FoundNothing {
        actor: usize,
        action: usize,
        more_later: bool,
    },
    /// `by` asked `to` a question through a channel (`State::requests`
    /// number `request`), to be answered by the end of turn `due`. Seen by
    /// the two.
    Asked {
        request: usize,
        by: usize,
        to: usize,
        /// The action that asked: it names the question.
        action: usize,
        channel: Option<CbmKind>,
        due: u32,
    },
    /// `by`, the asked side, answered `to`'s question, or the deadline
    /// passed (`answer` says which). `text`: an explanation in its own
    /// words. Seen by the two.
    Replied {
        request: usize,
        by: usize,
        to: usize,
        channel: Option<CbmKind>,
        answer: super::request::Answered,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RungCause {
    /// A deliberate move.
    Move,
    /// A move misread by its target.
    Misreading,
    /// Tension ran so high that the pair slipped without anyone choosing it.
    Spiral,
    /// Consultations or another calming measure.
    Calming,
    /// An inject or a scenario effect.
    Events,
    /// A public attribution read by the accused as the prelude to worse.
    Attribution,
}

/// The norms a move upholds or breaches, in the scenario's order. The usual
/// handful is kept inline, so recording a move allocates nothing; it is
/// serialized as a plain list.
#[derive(Clone)]
pub enum NormList {
    Inline { len: u8, norms: [Norm; INLINE_NORMS] },
    Heap(Vec<Norm>),
}

const INLINE_NORMS: usize = 6;

impl NormList {
    pub fn new(norms: &[Norm]) -> NormList {
        if norms.len() <= INLINE_NORMS {
            let mut inline = [Norm::Cooperate; INLINE_NORMS];
            inline[..norms.len()].copy_from_slice(norms);
            NormList::Inline {
                len: norms.len() as u8,
                norms: inline,
            }
        } else {
            NormList::Heap(norms.to_vec())
        }
    }

    pub fn as_slice(&self) -> &[Norm] {
        match self {
            NormList::Inline { len, norms } => &norms[..usize::from(*len)],
            NormList::Heap(v) => v,
        }
    }
}

impl std::ops::Deref for NormList {
    type Target = [Norm];
    fn deref(&self) -> &[Norm] {
        self.as_slice()
    }
}

impl From<Vec<Norm>> for NormList {
    fn from(v: Vec<Norm>) -> NormList {
        NormList::new(&v)
    }
}

impl PartialEq for NormList {
    fn eq(&self, other: &NormList) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for NormList {}

impl std::fmt::Debug for NormList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl Serialize for NormList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice())
    }
}

impl<'de> Deserialize<'de> for NormList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NormList, D::Error> {
        Vec::<Norm>::deserialize(d).map(NormList::from)
    }
}

/// Why a turn was cut short for the actors who had not committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutOffCause {
    /// The facilitator resolved the turn.
    Facilitator,
    /// The turn clock ran out.
    TimeUp,
}
