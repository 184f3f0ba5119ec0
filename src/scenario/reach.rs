//! Checks on a resolved scenario of what can happen in play: injects that
//! can never fire, actions nobody can take, evidence nobody can find.

use super::compiled::{CTrigger, Cond, Eff, Scenario};
use super::diagnostic::Diagnostic;
use super::locate::{self, Anchor};
use super::schema::Tlp;
use super::validate::Checker;

/// Reachability checks on the resolved scenario.
pub fn check_scenario(s: &Scenario) -> Vec<Diagnostic> {
    let f = &s.file;
    let mut c = Checker {
        source: &s.source,
        diags: Vec::new(),
    };
    for (inj, ci) in f.injects.iter().zip(&s.injects) {
        let last = match &ci.trigger {
            CTrigger::Turn(t) => Some(*t).filter(|&t| t == 0 || t > f.turns),
            CTrigger::When(cond) => earliest_turn(cond).filter(|&t| t > f.turns),
        };
        if let Some(t) = last {
            c.warn_at_item(
                Anchor::new("Inject", &inj.id),
                format!(
                    "inject `{}` is unreachable: it is due on turn {t} but the game has turns 1 to {}",
                    inj.id, f.turns
                ),
                "a turn within the game",
            );
        } else if matches!(ci.trigger, CTrigger::When(Cond::Never)) || ci.chance == 0 {
            c.warn_at_item(
                Anchor::new("Inject", &inj.id),
                format!("inject `{}` can never fire", inj.id),
                "a condition that can hold, and a chance above 0",
            );
        }
        if inj
            .reveals
            .iter()
            .any(|e| s.evidence_ix.get(e).map(|&i| f.evidence[i].tlp) == Some(Tlp::Red))
            && ci.public
        {
            c.warn_at_item(
                Anchor::new("Inject", &inj.id),
                format!("inject `{}` publishes TLP:RED evidence as news", inj.id),
                "TLP:CLEAR for public reveals",
            );
        }
    }
    for (a, ca) in f.actions.iter().zip(&s.actions) {
        let takers: Vec<usize> = (0..s.actor_count()).filter(|&i| ca.may_take[i]).collect();
        if takers.is_empty() {
            c.warn_at_item(
                Anchor::new("Action", &a.id),
                format!("action `{}` can be taken by no actor", a.id),
                "`by` naming kinds or actors the scenario has",
            );
        } else if let Some(t) = ca.targets {
            if !takers.iter().any(|&me| t & !(1u64 << me) != 0) {
                c.warn_at_item(
                    Anchor::new("Action", &a.id),
                    format!("action `{}` has no valid target", a.id),
                    "a `target` rule matching another actor",
                );
            }
        }
        if ca.requires == Cond::Never {
            c.warn_at_item(
                Anchor::new("Action", &a.id),
                format!("action `{}` requires `Never`: it can never be taken", a.id),
                "a condition that can hold",
            );
        }
    }
    let mut reachable = vec![false; f.evidence.len()];
    for ci in &s.injects {
        if matches!(ci.trigger, CTrigger::Turn(t) if t == 0 || t > f.turns) || ci.chance == 0 {
            continue;
        }
        for &e in &ci.reveals {
            reachable[e] = true;
        }
        mark_reveals(&ci.effects, &mut reachable);
    }
    for ca in &s.actions {
        if ca.may_take.iter().any(|&b| b) {
            for &e in &ca.uncovers {
                reachable[e] = true;
            }
            mark_reveals(&ca.effects, &mut reachable);
        }
    }
    // What an actor knows from the start is held at once.
    for known in &s.knows {
        for &e in known {
            reachable[e] = true;
        }
    }
    for ((e, ok), ce) in f.evidence.iter().zip(&reachable).zip(&s.evidence) {
        // A tearline is issued by whoever holds its original.
        if !ok && ce.tearline_of.is_none() {
            c.warn_at_item(
                Anchor::new("Evidence", &e.id),
                format!("evidence `{}` can never be discovered", e.id),
                "an inject that `reveals` it, or an action in its `found_by`",
            );
        }
    }
    let truth = s.injects.iter().any(|i| i.effects.contains(&Eff::RevealTruth))
        || s.actions.iter().any(|a| a.effects.contains(&Eff::RevealTruth));
    if !truth {
        c.diags.push(
            Diagnostic::warning(
                "nothing reveals the truth: public attributions are judged only in the debrief",
                "an inject with the effect `RevealTruth`",
            )
            .at(locate::field(&s.source, None, "injects")),
        );
    }
    c.diags
}

fn mark_reveals(effects: &[Eff], reachable: &mut [bool]) {
    for e in effects {
        if let Eff::Reveal(i, _) | Eff::RevealAll(i) = e {
            reachable[*i] = true;
        }
    }
}

/// The first turn on which a condition could hold, if it is bounded below.
fn earliest_turn(c: &Cond) -> Option<u32> {
    match c {
        Cond::TurnAtLeast(t) => Some(*t),
        Cond::All(v) => v.iter().filter_map(earliest_turn).max(),
        Cond::Any(v) => {
            let all: Vec<Option<u32>> = v.iter().map(earliest_turn).collect();
            if all.iter().all(Option::is_some) {
                all.into_iter().flatten().min()
            } else {
                None
            }
        }
        _ => None,
    }
}
