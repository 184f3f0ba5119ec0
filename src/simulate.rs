//! Many bot games at once, on every core, summarised for trainers tuning a
//! scenario. The same seed gives the same summary whatever the threads.

use std::sync::Arc;

use serde::Serialize;

use crate::bots::{self, Policy};
use crate::engine::rules::{attribution, norms};
use crate::engine::Game;
use crate::scenario::schema::Norm;
use crate::scenario::Scenario;

/// The seed of game `i` of a batch started with `seed` (SplitMix64).
pub fn game_seed(seed: u64, i: u64) -> u64 {
    let mut z = seed.wrapping_add(i.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Totals over a batch; adding is order-independent, so threads do not
/// change the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub games: u64,
    pub endings: Vec<u64>,
    pub max_rung_sum: u64,
    pub max_rung: usize,
    /// Public statements made before the truth came out (not retracted).
    pub attributions: u64,
    /// Of those, the ones right at their layer.
    pub correct: u64,
    /// Statements made after the truth was public.
    pub after_reveal: u64,
    /// Of those, the ones that concurred with the facts.
    pub concurred: u64,
    /// Statements retracted.
    pub retracted: u64,
    /// Statements made jointly (with co-signers or joining one).
    pub joint: u64,
    pub breached: [u64; 11],
    pub turns: u64,
}

impl Totals {
    fn new(endings: usize) -> Self {
        Totals {
            endings: vec![0; endings],
            ..Totals::default()
        }
    }

    fn add_game(&mut self, g: &Game) {
        let st = g.state();
        self.games += 1;
        if let Some(e) = st.ending {
            self.endings[e] += 1;
        }
        let peak = st
            .rung_history
            .iter()
            .flat_map(|t| t.iter().copied())
            .max()
            .unwrap_or(0) as usize;
        self.max_rung_sum += peak as u64;
        self.max_rung = self.max_rung.max(peak);
        for a in &st.attributions {
            let right = attribution::correct(g.scenario(), a.suspect, a.layer);
            if a.retracted.is_some() {
                self.retracted += 1;
            } else if a.after_reveal {
                self.after_reveal += 1;
                self.concurred += u64::from(right);
            } else {
                self.attributions += 1;
                self.correct += u64::from(right);
            }
            self.joint += u64::from(!a.joint_with.is_empty());
        }
        for t in norms::tally(g.scenario(), &st.events) {
            for (i, b) in t.breached.iter().enumerate() {
                self.breached[i] += u64::from(*b);
            }
        }
        self.turns += u64::from(st.turn);
    }

    fn merge(&mut self, o: &Totals) {
        self.games += o.games;
        for (a, b) in self.endings.iter_mut().zip(&o.endings) {
            *a += b;
        }
        self.max_rung_sum += o.max_rung_sum;
        self.max_rung = self.max_rung.max(o.max_rung);
        self.attributions += o.attributions;
        self.correct += o.correct;
        self.after_reveal += o.after_reveal;
        self.concurred += o.concurred;
        self.retracted += o.retracted;
        self.joint += o.joint;
        for i in 0..11 {
            self.breached[i] += o.breached[i];
        }
        self.turns += o.turns;
    }
}

/// Play `games` bot games on `threads` threads.
pub fn run(scenario: &Arc<Scenario>, games: u64, seed: u64, policies: &[Policy], threads: usize) -> Totals {
    let threads = threads.clamp(1, 64) as u64;
    let endings = scenario.file.endings.len();
    let mut total = Totals::new(endings);
    let parts: Vec<Totals> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let scenario = Arc::clone(scenario);
                s.spawn(move || {
                    let mut part = Totals::new(endings);
                    let mut table = bots::Table::new(scenario);
                    let mut i = t;
                    while i < games {
                        part.add_game(table.play(game_seed(seed, i), policies, None));
                        i += threads;
                    }
                    part
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    for p in &parts {
        total.merge(p);
    }
    total
}

/// The summary printed by `demarche simulate`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub games: u64,
    pub seed: u64,
    pub bots: Vec<String>,
    pub endings: Vec<EndingShare>,
    pub mean_max_rung: f64,
    pub max_rung: String,
    pub max_rung_index: usize,
    /// Statements made before the truth came out (not retracted).
    pub attributions: u64,
    /// Share of those right at their layer: correct attribution.
    pub correct_attribution_share: f64,
    /// Statements made after the truth was public: concurring, not attributing.
    pub attributions_after_reveal: u64,
    pub retracted: u64,
    pub joint: u64,
    pub norms_breached: Vec<NormCount>,
    pub mean_turns: f64,
    pub games_per_second: f64,
    pub threads: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndingShare {
    pub id: String,
    pub title: String,
    pub games: u64,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NormCount {
    pub norm: char,
    pub name: String,
    pub breaches: u64,
    pub per_game: f64,
}

impl Summary {
    pub fn new(s: &Scenario, t: &Totals, seed: u64, policies: &[Policy], seconds: f64, threads: usize) -> Summary {
        let games = t.games.max(1) as f64;
        let bots = if policies.is_empty() {
            vec!["mixed".to_string()]
        } else {
            policies.iter().map(|p| p.name().to_string()).collect()
        };
        Summary {
            scenario: s.file.title.clone(),
            games: t.games,
            seed,
            bots,
            endings: s
                .file
                .endings
                .iter()
                .zip(&t.endings)
                .map(|(e, &n)| EndingShare {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    games: n,
                    share: n as f64 / games,
                })
                .collect(),
            mean_max_rung: t.max_rung_sum as f64 / games,
            max_rung: s
                .file
                .ladder
                .get(t.max_rung)
                .map_or_else(String::new, |r| r.name.clone()),
            max_rung_index: t.max_rung,
            attributions: t.attributions,
            attributions_after_reveal: t.after_reveal,
            retracted: t.retracted,
            joint: t.joint,
            correct_attribution_share: if t.attributions == 0 {
                0.0
            } else {
                t.correct as f64 / t.attributions as f64
            },
            norms_breached: Norm::ALL
                .iter()
                .enumerate()
                .map(|(i, n)| NormCount {
                    norm: n.letter(),
                    name: n.summary().to_string(),
                    breaches: t.breached[i],
                    per_game: t.breached[i] as f64 / games,
                })
                .collect(),
            mean_turns: t.turns as f64 / games,
            games_per_second: if seconds > 0.0 { t.games as f64 / seconds } else { 0.0 },
            threads,
        }
    }
}
