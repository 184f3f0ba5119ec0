//! What a scenario puts on the record for the debrief: the incident(s) it
//! is about (the ground truth), commitments beyond the built-in frameworks,
//! and secret objectives the debrief can check.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::expr::Condition;
use super::schema::Who;
use super::vocab::Norm;

/// The incident the exercise is about, as it really happened: the debrief
/// and every report open with it, and the norms ledger charges it to the
/// actor responsible, once per victim (one act against each target).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    /// A short name: "MEDLOCK: a wiper disguised as ransomware".
    pub title: String,
    /// What was done, in a few sentences.
    pub what: String,
    /// Who did it: a suspect `id` (usually the `culprit`).
    pub by: String,
    /// The actor held responsible, if any; by default the actor behind
    /// the suspect `by` (none for criminals acting alone, or an accident).
    #[serde(default)]
    pub responsible: Option<String>,
    /// The actors it was done to (actor ids).
    #[serde(default)]
    pub against: Vec<String>,
    /// UN GGE norms (A/70/174, para 13) the incident breaches.
    #[serde(default)]
    pub breaches: Vec<Norm>,
    /// Other commitments it breaches: ids from the scenario's
    /// `commitments`.
    #[serde(default)]
    pub breaches_commitments: Vec<String>,
    /// Principles of law or practice at stake, in words, for the debrief
    /// (e.g. "sovereignty (Tallinn Manual 2.0, rule 4)").
    #[serde(default)]
    pub principles: Vec<String>,
}

/// A commitment from a framework other than the built-in ones, such as the
/// GCSC norm on the public core of the internet (2017) or a principle of
/// the Paris Call (2018). Given as data: the engine counts it like a norm.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: String,
    /// What it asks, in a few words.
    pub name: String,
    /// The framework and its source, e.g. "Global Commission on the
    /// Stability of Cyberspace, Call to Protect the Public Core (2017)".
    pub framework: String,
    /// Who answers to it (default: every actor).
    #[serde(default)]
    pub applies_to: Who,
    /// Moves recorded under any of these UN norms count for or against it.
    #[serde(default)]
    pub covers: Vec<Norm>,
    /// Actions that uphold it whatever their norms (action ids).
    #[serde(default)]
    pub upheld_by: Vec<String>,
    /// Actions that breach it whatever their norms (action ids).
    #[serde(default)]
    pub breached_by: Vec<String>,
}

/// A secret objective: a plain text, shown in the debrief for discussion,
/// or `Objective(text: "...", when: Condition)`, which the debrief checks
/// at the end of the game (`Me` is the actor who holds it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretObjective {
    pub text: String,
    pub when: Option<Condition>,
}

impl From<&str> for SecretObjective {
    fn from(s: &str) -> Self {
        SecretObjective {
            text: s.to_string(),
            when: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum ObjectiveField {
    Text,
    When,
}

impl<'de> Deserialize<'de> for SecretObjective {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SecretObjective;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or Objective(text: \"...\", when: <condition>)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<SecretObjective, E> {
                Ok(SecretObjective::from(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<SecretObjective, A::Error> {
                let (mut text, mut when) = (None, None);
                while let Some(k) = m.next_key::<ObjectiveField>()? {
                    match k {
                        ObjectiveField::Text => text = Some(m.next_value::<String>()?),
                        ObjectiveField::When => when = Some(m.next_value::<Condition>()?),
                    }
                }
                Ok(SecretObjective {
                    text: text.ok_or_else(|| de::Error::missing_field("text"))?,
                    when,
                })
            }
        }
        d.deserialize_any(V)
    }
}
