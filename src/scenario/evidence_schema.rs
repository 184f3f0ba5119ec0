//! The parts of a scenario file about who did it and how it is known: the
//! suspects, the evidence items, and how public attribution works (who may
//! attribute, what a statement costs, what naming a suspect does). Read
//! with serde like the rest of the schema; every struct refuses unknown
//! fields so a misspelt key is reported.

use serde::{Deserialize, Serialize};

use super::expr::Effect;
use super::schema::Who;
use super::vocab::{ActorKind, EvidenceKind, Tlp};

fn yes() -> bool {
    true
}

fn default_turn() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suspect {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The actor held responsible if this suspect is named (its sponsor).
    #[serde(default)]
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub id: String,
    pub title: String,
    pub text: String,
    pub kind: EvidenceKind,
    /// The suspect this item points to.
    pub points_to: String,
    /// `false` for a false flag planted to mislead.
    #[serde(default = "yes")]
    pub genuine: bool,
    /// How much an analyst would trust it, 0 to 100.
    pub reliability: u8,
    pub tlp: Tlp,
    /// Actions whose success uncovers this item.
    #[serde(default)]
    pub found_by: Vec<String>,
    /// Evidence items this one exposes as planted.
    #[serde(default)]
    pub refutes: Vec<String>,
    /// The first turn on which an action can uncover it.
    #[serde(default = "default_turn")]
    pub available_from: u32,
    /// `true` if the item points away from `points_to` (an alibi, say): its
    /// reliability counts against that suspect instead of for it.
    #[serde(default)]
    pub exculpatory: bool,
    /// Genuine evidence items this one explains away without calling them
    /// planted (a shared tool, a relay that was itself compromised): they
    /// stop counting for whoever holds this item.
    #[serde(default)]
    pub explains: Vec<String>,
    /// For a TLP:RED or AMBER+STRICT item: the text of its tearline, what
    /// may be released below the line without sources and methods. If
    /// absent, the tearline says only what kind of report points to whom.
    #[serde(default)]
    pub tearline: Option<String>,
    /// The actor whose answer this item is: found only by a move aimed at
    /// that actor (asking through a point of contact or a hotline), so
    /// asking each side returns that side's explanation.
    #[serde(default)]
    pub answered_by: Option<String>,
}

/// How public attribution works in this scenario: who may make statements,
/// what one costs, and the effects applied when the truth is revealed, per
/// public attribution (`Me` is the attributing actor, `Target` the actor
/// behind the named suspect).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "Attribution", deny_unknown_fields)]
pub struct AttributionEffects {
    /// Who may attribute publicly. Default: states and companies
    /// (international organisations do not attribute).
    #[serde(default = "default_attributors")]
    pub by: Who,
    /// Resources a statement costs (making, co-signing, joining or refining one).
    #[serde(default = "default_statement_cost")]
    pub cost: i32,
    /// Credibility lost by retracting a statement.
    #[serde(default = "default_retraction")]
    pub retraction: i32,
    #[serde(default)]
    pub correct: Vec<Effect>,
    #[serde(default)]
    pub wrong: Vec<Effect>,
    /// Effects of naming one suspect in particular, on top of the above.
    #[serde(default)]
    pub suspects: Vec<SuspectEffects>,
}

/// The effects of a public attribution naming one suspect (`Me` is the
/// attributing actor, `Target` the actor behind the suspect): when the
/// statement is made, and when it is judged right or wrong. They add to
/// the scenario's general attribution effects.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "OnSuspect", deny_unknown_fields)]
pub struct SuspectEffects {
    /// The suspect's id.
    pub suspect: String,
    /// When a statement naming it goes public (made, co-signed or joined).
    #[serde(default)]
    pub made: Vec<Effect>,
    #[serde(default)]
    pub correct: Vec<Effect>,
    #[serde(default)]
    pub wrong: Vec<Effect>,
}

fn default_attributors() -> Who {
    Who::Kinds(vec![ActorKind::State, ActorKind::Company])
}
fn default_statement_cost() -> i32 {
    1
}
fn default_retraction() -> i32 {
    10
}

impl Default for AttributionEffects {
    fn default() -> Self {
        AttributionEffects {
            by: default_attributors(),
            cost: default_statement_cost(),
            retraction: default_retraction(),
            correct: Vec::new(),
            wrong: Vec::new(),
            suspects: Vec::new(),
        }
    }
}
