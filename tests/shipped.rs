//! Every shipped scenario validates cleanly, plays to an ending with every
//! bot policy, and in 1000 mixed bot games reaches every ending at least
//! once with none taking more than 80% of games.

use std::sync::Arc;

use demarche::bots::{self, Policy};
use demarche::scenario::load;
use demarche::shipped;
use demarche::simulate;

#[test]
fn shipped_scenarios_are_sound_and_balanced() {
    assert!(shipped::ALL.len() >= 3);
    assert_eq!(shipped::ALL[0].name, "tutorial", "the tutorial comes first");
    for s in shipped::ALL {
        let loaded = load::from_str(s.name, s.source);
        assert!(loaded.diagnostics.is_empty(), "{}: {:?}", s.name, loaded.diagnostics);
        let scenario = Arc::new(loaded.scenario.expect("loads"));
        for p in Policy::ALL {
            let g = bots::play(Arc::clone(&scenario), 11, &[p], None);
            assert!(g.is_over(), "{} with {p} bots ends", s.name);
        }
        if s.name == "tutorial" {
            assert!(
                scenario.file.turns <= 6 && scenario.actor_count() <= 4,
                "the tutorial stays short"
            );
            continue;
        }
        let f = &scenario.file;
        assert!(
            f.actors.len() >= 6 && f.turns >= 10 && f.injects.len() >= 10 && f.endings.len() >= 3,
            "{}",
            s.name
        );
        assert!(f.evidence.iter().any(|e| !e.genuine), "{} has a false flag", s.name);
        let kinds: std::collections::BTreeSet<_> = f.actors.iter().map(|a| a.kind).collect();
        assert!(kinds.len() >= 3, "{} mixes states, companies and CERTs", s.name);
        let t = simulate::run(&scenario, 1000, 1, &[], 2);
        for (e, n) in f.endings.iter().zip(&t.endings) {
            assert!(*n >= 1, "{}: ending {} never reached", s.name, e.id);
            assert!(*n <= 800, "{}: ending {} in {n} of 1000 games", s.name, e.id);
        }
    }
}
