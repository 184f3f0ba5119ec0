//! The improvement plan's findings on the norms: breaches (incidents
//! included), the best record among actors of the same kind, and
//! responses aimed at actors who were not responsible.

use std::collections::BTreeSet;

use crate::engine::debrief::ActorReview;

use super::plan::{advice, push, times, Plan};
use super::Report;

pub(super) fn norms(r: &Report, p: &mut Plan) {
    let (mut obs, mut who) = (vec![], BTreeSet::new());
    for a in &r.debrief.actors {
        // Norm b is covered by the attribution findings.
        let list: Vec<String> = a
            .breached
            .iter()
            .filter(|n| n.code != "b")
            .map(|n| format!("({}) {}{}", n.code, n.norm, times(n.times)))
            .collect();
        if !list.is_empty() {
            let incident = if a.responsible { ", the incident included" } else { "" };
            obs.push(format!("{} breached {}{incident}.", a.name, list.join("; ")));
            who.insert(a.name.clone());
        }
    }
    push(&mut p.improvements, "Norms breached", obs, advice::NORMS_BREACHED, who);
    // The best record within each kind of actor: never a company against
    // states, each is measured by its own framework.
    let mut kinds: Vec<&str> = Vec::new();
    for a in &r.debrief.actors {
        if !kinds.contains(&a.kind.as_str()) {
            kinds.push(&a.kind);
        }
    }
    let (mut obs, mut who) = (vec![], BTreeSet::new());
    for kind in kinds {
        let peers: Vec<&ActorReview> = r.debrief.actors.iter().filter(|a| a.kind == kind).collect();
        let best: Vec<&&ActorReview> = peers
            .iter()
            .filter(|a| a.standing == 1 && !a.responsible && a.upheld.iter().any(|n| n.times > 0))
            .collect();
        // A record is only "best" against peers, and only if it is alone.
        if peers.len() < 2 || best.len() != 1 {
            continue;
        }
        let a = best[0];
        let upheld: u32 = a.upheld.iter().map(|n| n.times).sum();
        let breached: u32 = a.breached.iter().map(|n| n.times).sum();
        obs.push(format!(
            "Of the {} {} actors, {} kept to {} best: {upheld} act{} upholding it, {breached} breaching it.",
            peers.len(),
            kind.to_lowercase(),
            a.name,
            a.framework,
            if upheld == 1 { "" } else { "s" }
        ));
        who.insert(a.name.clone());
    }
    push(
        &mut p.strengths,
        "Norms upheld",
        obs,
        "Ask what made it possible under pressure.",
        who,
    );
}

pub(super) fn misdirected(r: &Report, p: &mut Plan) {
    let d = &r.debrief;
    let (mut obs, mut who) = (vec![], BTreeSet::new());
    let responsible: Vec<&str> = d
        .actors
        .iter()
        .filter(|a| a.responsible)
        .map(|a| a.name.as_str())
        .collect();
    let truth = if responsible.is_empty() {
        "no actor of the exercise was responsible".to_string()
    } else {
        format!("the incident was {}'s", responsible.join(" and "))
    };
    for m in &d.misdirected {
        let failed = if m.succeeded { "" } else { " (it failed)" };
        obs.push(format!(
            "Turn {}: {} aimed \"{}\" at {}{failed}; {truth}.",
            m.turn, m.actor, m.action, m.target
        ));
        who.insert(m.actor.clone());
    }
    push(
        &mut p.improvements,
        "Responses aimed at an innocent party",
        obs,
        advice::RESPONSE_TO_INNOCENT,
        who,
    );
}
