//! Company bots protect their customers and their reputation: they patch,
//! restore, disclose and notify rather than escalate, whatever their
//! policy, and the more their customers are exposed the more they
//! protect them.

mod common;

use std::sync::Arc;

use common::SMALL;
use demarche::bots::{self, Policy};
use demarche::scenario::schema::{ActorKind, Layer};
use demarche::scenario::{load, Scenario};
use demarche::shipped;

fn from(text: &str) -> Arc<Scenario> {
    let loaded = load::from_str("t", text);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("loads"))
}

#[test]
fn company_bots_never_escalate_and_mostly_protect_or_disclose() {
    for name in ["hospital-ransomware", "baltic-cable"] {
        let s = from(shipped::find(name).expect("shipped").source);
        let companies: Vec<usize> = (0..s.actor_count())
            .filter(|&a| s.file.actors[a].kind == ActorKind::Company)
            .collect();
        assert!(!companies.is_empty());
        for p in Policy::ALL {
            let (mut moves, mut protective) = (0, 0);
            for seed in 0..40 {
                let g = bots::play(Arc::clone(&s), seed, &[p], None);
                for &(actor, action, _) in &g.state().taken {
                    if !companies.contains(&actor) {
                        continue;
                    }
                    let a = &s.file.actors[actor];
                    let def = &s.actions[action];
                    assert!(
                        def.hostility <= 0,
                        "{name}, {p}: {} took hostile {}",
                        a.name,
                        s.file.actions[action].id
                    );
                    moves += 1;
                    let v = g.perspective(actor);
                    if v.action_track_gain(action) > 0
                        || v.is_investigative(action)
                        || def.hostility < 0
                        || {
                            let n = &s.file.actions[action].upholds;
                            n.iter().any(|n| {
                                matches!(
                                    n,
                                    demarche::scenario::schema::Norm::ExchangeInformation
                                        | demarche::scenario::schema::Norm::ReportVulnerabilities
                                        | demarche::scenario::schema::Norm::ProtectCriticalInfrastructure
                                )
                            })
                        }
                        || def.cbm.is_some()
                    {
                        protective += 1;
                    }
                }
                for st in &g.state().attributions {
                    if companies.contains(&st.actor) {
                        assert_ne!(st.layer, Layer::State, "{name}: a company named a state");
                    }
                }
            }
            assert!(moves > 0, "{name}, {p}: companies move");
            assert!(
                protective * 10 >= moves * 9,
                "{name}, {p}: {protective} of {moves} company moves protect, disclose or notify"
            );
        }
    }
}

/// How many times, over 40 games, the vendor patches, with the
/// registry's integrity starting at `dns`.
fn patches(dns: i32, policy: Policy) -> usize {
    let text = SMALL
        .replacen(
            "by: Kinds([Cert]), cost: 2, effects: [Track(\"dns\", 15)]",
            "by: Kinds([Cert, Company]), cost: 2, effects: [Track(\"dns\", 15)]",
            1,
        )
        .replacen(
            "Track(id: \"dns\", name: \"DNS integrity\", min: 0, max: 100, start: 60)",
            &format!("Track(id: \"dns\", name: \"DNS integrity\", min: 0, max: 100, start: {dns})"),
            1,
        );
    let s = from(&text);
    let vendor = s.actor_ix["vendor"];
    let patch = s.action_ix["patch"];
    (0..40)
        .map(|seed| {
            let g = bots::play(Arc::clone(&s), seed, &[policy], None);
            g.state().taken.iter().filter(|t| t.0 == vendor && t.1 == patch).count()
        })
        .sum()
}

#[test]
fn the_more_its_customers_are_exposed_the_more_a_company_protects_them() {
    for p in Policy::ALL {
        let exposed = patches(5, p);
        let safe = patches(95, p);
        assert!(
            exposed >= safe + 10,
            "{p}: patched {exposed} times exposed, {safe} times safe, in 40 games"
        );
    }
}
