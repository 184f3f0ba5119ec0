//! The after-action review: everything that happened, secrets included, in
//! a form screens and reports can show. Built from a game at any point; the
//! net layer sends it to players only once the game is over.

use serde::{Deserialize, Serialize};

use crate::scenario::schema::Confidence;

use super::describe::describe;
use super::event::EventKind;
pub use super::record::{IncidentReview, MisdirectedResponse, ObjectiveReview, ResponseReview};
use super::rules::norms;
use super::{record, Game};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario: String,
    pub summary: String,
    pub seed: u64,
    pub turns_played: u32,
    pub turns: u32,
    pub over: bool,
    pub ending: Option<EndingText>,
    pub culprit: String,
    pub culprit_description: String,
    /// The incident(s) the scenario is about, as they happened: the
    /// debrief opens with them.
    pub incidents: Vec<IncidentReview>,
    pub actors: Vec<ActorReview>,
    pub timeline: Vec<TimelineEntry>,
    pub ladder: Vec<String>,
    /// Every ladder's rung names: 0 is `ladder`, then the scenario's
    /// `ladders` for kinds of relation with their own (see
    /// `PairHistory::ladder`).
    #[serde(default)]
    pub ladders: Vec<LadderText>,
    /// Rung of each pair after each turn (entry 0 is the start).
    pub escalation: Vec<PairHistory>,
    pub tracks: Vec<TrackHistory>,
    pub attributions: Vec<AttributionReview>,
    pub false_flags: Vec<FalseFlag>,
    /// Hostile moves aimed at actors not responsible for any incident.
    pub misdirected: Vec<MisdirectedResponse>,
    /// Every response that succeeded, classified: retorsion, countermeasure
    /// (lawful or wrongful) or unlawful, and why.
    #[serde(default)]
    pub responses: Vec<ResponseReview>,
    pub objectives: Vec<String>,
    pub questions: Vec<QuestionText>,
    pub facilitator_notes: Vec<String>,
    pub sources: Vec<String>,
    /// Every message of the game, revealed after it.
    #[serde(default)]
    pub correspondence: Vec<super::press_record::Letter>,
    /// Deals made by message: promises made, kept and broken.
    #[serde(default)]
    pub promises: Vec<super::press_record::Promise>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingText {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorReview {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub secret_objectives: Vec<String>,
    /// Each secret objective, met or not (or unchecked).
    pub objectives: Vec<ObjectiveReview>,
    pub credibility: i32,
    /// The framework it answers to (UN GGE norms for states, the Tech
    /// Accord for companies, mandates for CERTs and organisations).
    pub framework: String,
    /// Commitments of its framework it upheld, per distinct act and target.
    pub upheld: Vec<NormCount>,
    /// Commitments it breached, incidents it is responsible for included.
    pub breached: Vec<NormCount>,
    /// Responsible for an incident of the scenario.
    pub responsible: bool,
    /// Its place on its framework's record among actors of its own kind
    /// (1 is best), and how many they are.
    pub standing: u32,
    pub peers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormCount {
    /// "a" to "k" for a UN norm, "TA-1" for a Tech Accord commitment, a
    /// mandate's "M1", or a scenario commitment's id.
    pub code: String,
    pub norm: String,
    pub times: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub turn: u32,
    pub headline: String,
    pub text: String,
    /// "public" or the names of those who saw it at the time.
    pub seen_by: String,
    /// A secret move or private exchange, revealed now.
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairHistory {
    pub a: String,
    pub b: String,
    /// Index of the rung on the pair's own ladder, per turn.
    pub rungs: Vec<usize>,
    /// The ladder it climbs, an index into `Debrief::ladders` (0: the
    /// main `ladder`).
    #[serde(default)]
    pub ladder: usize,
}

/// A ladder as the debrief shows it: what it is called and its rungs,
/// mildest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderText {
    pub name: String,
    pub rungs: Vec<String>,
}

impl Debrief {
    /// The rung names of the ladder pair `p` climbs.
    pub fn rungs_of(&self, p: &PairHistory) -> &[String] {
        match self.ladders.get(p.ladder) {
            Some(l) if p.ladder > 0 => &l.rungs,
            _ => &self.ladder,
        }
    }
    /// Name of rung `r` of pair `p` ("?" past its top).
    pub fn rung_of(&self, p: &PairHistory, r: usize) -> &str {
        self.rungs_of(p).get(r).map_or("?", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackHistory {
    pub name: String,
    pub values: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionReview {
    pub turn: u32,
    pub actor: String,
    pub suspect: String,
    pub stated: Confidence,
    /// What the actor's own evidence supported when it spoke.
    pub supported: Option<Confidence>,
    pub joint_with: Vec<String>,
    /// Right at its layer and said before the truth came out.
    pub correct: bool,
    /// What was claimed: technique, group or state.
    #[serde(default)]
    pub layer: crate::scenario::schema::Layer,
    /// Correct, wrong, concurred after the facts were public, or retracted.
    #[serde(default = "pending")]
    pub verdict: super::Verdict,
}

fn pending() -> super::Verdict {
    super::Verdict::Pending
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FalseFlag {
    pub title: String,
    pub pointed_to: String,
    /// Actors who held the item that exposes it.
    pub exposed_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionText {
    pub objective: String,
    pub question: String,
}

impl Debrief {
    pub fn new(g: &Game) -> Debrief {
        let s = g.scenario();
        let f = &s.file;
        let st = g.state();
        let n = s.actor_count();
        let ledgers = norms::ledgers(s, &st.events);
        let standings = norms::standings(s, &ledgers);
        let counts = |l: &norms::Ledger, up: bool| -> Vec<NormCount> {
            l.lines
                .iter()
                .map(|x| (x, if up { x.upheld } else { x.breached }))
                .filter(|(_, c)| *c > 0)
                .map(|(x, c)| NormCount {
                    code: x.code.clone(),
                    norm: x.name.clone(),
                    times: c,
                })
                .collect()
        };
        let actors = f
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| ActorReview {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.label().to_string(),
                secret_objectives: a.secret_objectives.iter().map(|o| o.text.clone()).collect(),
                objectives: record::objectives(g, i),
                credibility: st.actors[i].credibility,
                framework: ledgers[i].framework.clone(),
                upheld: counts(&ledgers[i], true),
                breached: counts(&ledgers[i], false),
                responsible: ledgers[i].responsible,
                standing: standings[i].0,
                peers: standings[i].1,
            })
            .collect();
        let timeline = st
            .events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::TurnStarted | EventKind::Committed { .. }))
            .map(|e| {
                let item = describe(s, e);
                let seen: Vec<&str> = (0..n)
                    .filter(|&a| e.seen_by & (1u64 << a) != 0)
                    .map(|a| f.actors[a].name.as_str())
                    .collect();
                TimelineEntry {
                    turn: e.turn,
                    headline: item.headline,
                    text: item.text,
                    seen_by: if e.public { "public".into() } else { seen.join(", ") },
                    secret: !e.public && seen.len() < n,
                }
            })
            .collect();
        let mut escalation = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let p = s.pair(a, b);
                escalation.push(PairHistory {
                    a: f.actors[a].name.clone(),
                    b: f.actors[b].name.clone(),
                    rungs: st.rung_history.iter().map(|t| t[p] as usize).collect(),
                    ladder: usize::from(s.pair_ladder[p]),
                });
            }
        }
        let tracks = f
            .tracks
            .iter()
            .enumerate()
            .map(|(i, t)| TrackHistory {
                name: t.name.clone(),
                values: st.track_history.iter().map(|v| v[i]).collect(),
            })
            .collect();
        let attributions = st
            .attributions
            .iter()
            .map(|a| AttributionReview {
                turn: a.turn,
                actor: f.actors[a.actor].name.clone(),
                suspect: f.suspects[a.suspect].name.clone(),
                stated: a.stated,
                supported: a.held,
                joint_with: a.joint_with.iter().map(|&j| f.actors[j].name.clone()).collect(),
                correct: !a.after_reveal
                    && a.retracted.is_none()
                    && super::rules::attribution::correct(s, a.suspect, a.layer),
                layer: a.layer,
                verdict: match a.verdict() {
                    // Not yet judged when the game ended: judged now, for the debrief.
                    super::Verdict::Pending if super::rules::attribution::correct(s, a.suspect, a.layer) => {
                        super::Verdict::Correct
                    }
                    super::Verdict::Pending => super::Verdict::Wrong,
                    v => v,
                },
            })
            .collect();
        let false_flags = f
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.genuine)
            .map(|(i, e)| FalseFlag {
                title: e.title.clone(),
                pointed_to: f.suspects[s.evidence[i].points_to].name.clone(),
                exposed_by: (0..n)
                    .filter(|&a| g.refuted_for(a, i))
                    .map(|a| f.actors[a].name.clone())
                    .collect(),
            })
            .collect();
        let (correspondence, promises) = super::press_record::record(g);
        Debrief {
            correspondence,
            promises,
            scenario: f.title.clone(),
            summary: f.summary.clone(),
            seed: st.seed,
            // The current turn counts once it has been resolved.
            turns_played: if g.is_over() {
                st.turn
            } else {
                st.turn.saturating_sub(1)
            },
            turns: f.turns,
            over: g.is_over(),
            ending: st.ending.map(|e| EndingText {
                id: f.endings[e].id.clone(),
                title: f.endings[e].title.clone(),
                text: f.endings[e].text.clone(),
            }),
            culprit: f.suspects[s.culprit].name.clone(),
            culprit_description: f.suspects[s.culprit].description.clone(),
            incidents: record::incidents(g),
            actors,
            timeline,
            ladder: g.ladder_names(),
            ladders: (0..=f.ladders.len()).map(|l| g.ladder_text(l)).collect(),
            escalation,
            tracks,
            attributions,
            false_flags,
            misdirected: record::misdirected(g),
            responses: record::responses(g),
            objectives: f.objectives.clone(),
            facilitator_notes: f.facilitator_notes.clone(),
            sources: f.sources.clone(),
            questions: f
                .debrief_questions
                .iter()
                .map(|q| QuestionText {
                    objective: f
                        .objectives
                        .get(q.objective.wrapping_sub(1))
                        .cloned()
                        .unwrap_or_default(),
                    question: q.text.clone(),
                })
                .collect(),
        }
    }
}
