//! Whether the debrief of a batch's games teaches the right lesson about
//! the incident: the actor responsible shows the incident's breaches in its
//! own norms ledger, and no state that caused an incident ranks above its
//! victims on norms (issue "the incident on the record"; docs/rules.md,
//! "Norms").

use serde::Serialize;

use crate::engine::rules::norms;
use crate::engine::Game;
use crate::scenario::Scenario;

/// One game's verdict on the incident record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct GameCheck {
    /// Whether any incident has an actor charged with it.
    pub charged: bool,
    /// Whether every charged actor's ledger shows every breach of its
    /// incidents (UN norms by letter and scenario commitments by id).
    pub shown: bool,
    /// Whether an actor charged with an incident ranks above (strictly
    /// better place than) one of its victims of the same kind.
    pub outranks_victim: bool,
}

/// Check one finished game's debrief ledgers against its incidents.
pub(super) fn check(g: &Game) -> GameCheck {
    let s: &Scenario = g.scenario();
    if s.incidents.iter().all(|i| i.responsible.is_none()) {
        return GameCheck::default();
    }
    let ledgers = norms::ledgers(s, &g.state().events);
    let places = norms::standings(s, &ledgers);
    let mut out = GameCheck {
        charged: true,
        shown: true,
        outranks_victim: false,
    };
    for inc in &s.incidents {
        let Some(r) = inc.responsible else { continue };
        let Some(ledger) = ledgers.get(r) else { continue };
        let breached = |code: &str| ledger.lines.iter().any(|l| l.code == code && l.breached > 0);
        let un_shown = inc.breaches.iter().all(|n| breached(&n.letter().to_string()));
        let own_shown = inc
            .breaches_commitments
            .iter()
            .all(|&c| s.file.commitments.get(c).is_some_and(|def| breached(&def.id)));
        out.shown &= un_shown && own_shown;
        let kind = s.file.actors[r].kind;
        out.outranks_victim |= inc
            .against
            .iter()
            .any(|&v| v != r && s.file.actors[v].kind == kind && places[r].0 < places[v].0);
    }
    out
}

/// The incident record over a batch, as `simulate` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRecord {
    /// The actors charged with an incident.
    pub responsible: Vec<String>,
    /// Share of games whose debrief shows every breach of the incident in
    /// the ledger of the actor charged with it (1.0 is right).
    pub breaches_shown_share: f64,
    /// Games in which an actor charged with an incident ranked above one
    /// of its victims of the same kind on norms (0 is right).
    pub games_ranked_above_a_victim: u64,
}

/// The batch figure, if the scenario charges anyone with an incident.
pub(super) fn summary(s: &Scenario, charged: u64, shown: u64, outranked: u64) -> Option<IncidentRecord> {
    let mut responsible: Vec<String> = s
        .incidents
        .iter()
        .filter_map(|i| i.responsible)
        .map(|r| s.file.actors[r].id.clone())
        .collect();
    responsible.dedup();
    if responsible.is_empty() {
        return None;
    }
    Some(IncidentRecord {
        responsible,
        breaches_shown_share: if charged == 0 {
            0.0
        } else {
            shown as f64 / charged as f64
        },
        games_ranked_above_a_victim: outranked,
    })
}
