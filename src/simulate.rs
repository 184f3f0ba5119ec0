//! Many bot games at once, on every core, summarised for trainers tuning a
//! scenario. The same seed gives the same summary whatever the threads.

use std::sync::Arc;

use serde::Serialize;

use crate::bots::{self, Policy};
use crate::engine::rules::{attribution, norms};
use crate::engine::{EventKind, Game, RungCause};

mod figures;
mod record_check;
use crate::scenario::schema::Norm;
use crate::scenario::Scenario;
use figures::actor_moves;
pub use figures::{cause_label, lints, ActorMoves, CauseCount, CulpritUse, EndingShare, MoveCount, NormCount};
pub use record_check::IncidentRecord;

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
    /// Moves misread, by their target or by a third party.
    pub misreadings: u64,
    /// Of those, between a pair with a lasting measure in force by the end.
    pub misreadings_with_channel: u64,
    /// Rung rises by cause, indexed by `RISES`.
    pub rises: [u64; 5],
    /// Most rungs a pair fell in one turn, over every game.
    pub largest_drop: usize,
    /// Secret moves tried by the actor behind the culprit.
    pub culprit_covert: u64,
    /// Games in which it tried at least one.
    pub culprit_covert_games: u64,
    /// Moves tried, per actor and action (`actor * actions + action`).
    pub moves: Vec<u64>,
    /// Most times each actor tried each action in one game.
    pub most_in_game: Vec<u32>,
    /// Commands of a scripted seat the rules refused.
    pub script_refused: u64,
    /// Games with an actor charged with an incident.
    pub incident_charged: u64,
    /// Of those, games whose debrief showed every breach of the incident
    /// in the charged actor's ledger.
    pub incident_shown: u64,
    /// Games in which an actor charged with an incident ranked above one
    /// of its victims of its own kind on norms.
    pub outranks_victim: u64,
}

/// The causes of a rung rise, in the order `Totals::rises` counts them.
pub const RISES: [RungCause; 5] = [
    RungCause::Move,
    RungCause::Misreading,
    RungCause::Spiral,
    RungCause::Attribution,
    RungCause::Events,
];

fn rise_index(c: RungCause) -> Option<usize> {
    RISES.iter().position(|&r| r == c)
}

impl Totals {
    fn new(s: &Scenario) -> Self {
        let cells = s.actor_count() * s.actions.len();
        Totals {
            endings: vec![0; s.file.endings.len()],
            moves: vec![0; cells],
            most_in_game: vec![0; cells],
            ..Totals::default()
        }
    }

    /// Moves, misreadings, rises and drops of one game.
    fn add_escalation(&mut self, g: &Game, this: &mut Vec<u32>) {
        let s = g.scenario();
        let st = g.state();
        let na = s.actions.len();
        this.clear();
        this.resize(s.actor_count() * na, 0);
        let culprit = s.suspect_actor.get(s.culprit).copied().flatten();
        let mut covert = 0;
        for e in &st.events {
            match e.kind {
                EventKind::Moved { actor, action, .. } => {
                    this[actor * na + action] += 1;
                    if Some(actor) == culprit && s.actions[action].is_covert_operation() {
                        covert += 1;
                    }
                }
                EventKind::Misread { actor, target, .. } => {
                    self.misreadings += 1;
                    if actor != target && st.relations[s.pair(actor, target)].channels != 0 {
                        self.misreadings_with_channel += 1;
                    }
                }
                EventKind::RungChanged { from, to, cause, .. } if to > from => {
                    if let Some(i) = rise_index(cause) {
                        self.rises[i] += 1;
                    }
                }
                _ => {}
            }
        }
        self.culprit_covert += covert;
        self.culprit_covert_games += u64::from(covert > 0);
        for (k, &c) in this.iter().enumerate() {
            self.moves[k] += u64::from(c);
            self.most_in_game[k] = self.most_in_game[k].max(c);
        }
        for w in st.rung_history.windows(2) {
            for (before, after) in w[0].iter().zip(&w[1]) {
                self.largest_drop = self.largest_drop.max(usize::from(before.saturating_sub(*after)));
            }
        }
    }

    fn add_game(&mut self, g: &Game, scratch: &mut Vec<u32>) {
        self.add_escalation(g, scratch);
        let st = g.state();
        self.games += 1;
        if let Some(e) = st.ending {
            self.endings[e] += 1;
        }
        // The highest rung of the main ladder (pairs on a ladder of their
        // own are left out: their rungs are not its rungs).
        let main = &g.scenario().pair_ladder;
        let peak = st
            .rung_history
            .iter()
            .flat_map(|t| t.iter().zip(main).filter(|(_, &l)| l == 0).map(|(r, _)| *r))
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
        let c = record_check::check(g);
        self.incident_charged += u64::from(c.charged);
        self.incident_shown += u64::from(c.charged && c.shown);
        self.outranks_victim += u64::from(c.outranks_victim);
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
        self.misreadings += o.misreadings;
        self.misreadings_with_channel += o.misreadings_with_channel;
        for i in 0..RISES.len() {
            self.rises[i] += o.rises[i];
        }
        self.largest_drop = self.largest_drop.max(o.largest_drop);
        self.culprit_covert += o.culprit_covert;
        self.culprit_covert_games += o.culprit_covert_games;
        self.script_refused += o.script_refused;
        self.incident_charged += o.incident_charged;
        self.incident_shown += o.incident_shown;
        self.outranks_victim += o.outranks_victim;
        for (a, b) in self.moves.iter_mut().zip(&o.moves) {
            *a += b;
        }
        for (a, b) in self.most_in_game.iter_mut().zip(&o.most_in_game) {
            *a = (*a).max(*b);
        }
    }
}

/// Play `games` bot games on `threads` threads.
pub fn run(scenario: &Arc<Scenario>, games: u64, seed: u64, policies: &[Policy], threads: usize) -> Totals {
    run_seated(scenario, games, seed, policies, threads, None)
}

/// `run`, with one seat (if any) played from a script.
pub fn run_seated(
    scenario: &Arc<Scenario>,
    games: u64,
    seed: u64,
    policies: &[Policy],
    threads: usize,
    seat: Option<&bots::Seat>,
) -> Totals {
    let threads = threads.clamp(1, 64) as u64;
    let mut total = Totals::new(scenario);
    let parts: Vec<Totals> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let scenario = Arc::clone(scenario);
                s.spawn(move || {
                    let mut part = Totals::new(&scenario);
                    let mut table = bots::Table::new(scenario);
                    let mut scratch = Vec::new();
                    let mut i = t;
                    while i < games {
                        let (g, refused) = table.play_seated(game_seed(seed, i), policies, None, seat);
                        part.script_refused += refused;
                        part.add_game(g, &mut scratch);
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
    /// Whether the debrief charges the incident to the one responsible and
    /// never ranks it above its victims (absent if nobody is charged).
    pub incident_record: Option<IncidentRecord>,
    pub mean_turns: f64,
    pub games_per_second: f64,
    pub threads: usize,
    pub misreadings_per_game: f64,
    /// Misreadings between pairs with a lasting measure in force by the end.
    pub misreadings_with_channel: u64,
    pub misreadings: u64,
    /// Rung rises per game, by cause.
    pub rises: Vec<CauseCount>,
    /// Most rungs one pair fell in one turn, in any game.
    pub largest_one_turn_drop: usize,
    /// The actor behind the culprit and its covert moves, if it has any.
    pub culprit: Option<CulpritUse>,
    /// Per actor: its moves per game, most repeated first.
    pub actors: Vec<ActorMoves>,
    /// What a trainer tuning the scenario should look at.
    pub lints: Vec<String>,
    /// Commands of a scripted seat (`--seat`) refused per game.
    pub script_refused_per_game: f64,
}

impl Summary {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        s: &Scenario,
        t: &Totals,
        seed: u64,
        policies: &[Policy],
        seconds: f64,
        threads: usize,
        repeat_limit: u32,
    ) -> Summary {
        let games = t.games.max(1) as f64;
        let culprit = s.suspect_actor.get(s.culprit).copied().flatten().map(|c| CulpritUse {
            actor: s.file.actors[c].id.clone(),
            covert_actions: s
                .actions
                .iter()
                .filter(|a| a.may_take[c] && a.is_covert_operation())
                .count(),
            covert_moves_per_game: t.culprit_covert as f64 / games,
            games_with_covert_share: t.culprit_covert_games as f64 / games,
        });
        let bots = if policies.is_empty() {
            vec!["by role".to_string()]
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
            incident_record: record_check::summary(s, t.incident_charged, t.incident_shown, t.outranks_victim),
            mean_turns: t.turns as f64 / games,
            games_per_second: if seconds > 0.0 { t.games as f64 / seconds } else { 0.0 },
            threads,
            misreadings_per_game: t.misreadings as f64 / games,
            misreadings_with_channel: t.misreadings_with_channel,
            misreadings: t.misreadings,
            rises: RISES
                .iter()
                .zip(&t.rises)
                .map(|(&c, &n)| CauseCount {
                    cause: cause_label(c).to_string(),
                    rises: n,
                    per_game: n as f64 / games,
                })
                .collect(),
            largest_one_turn_drop: t.largest_drop,
            culprit,
            actors: actor_moves(s, t, games),
            lints: lints(s, t, repeat_limit),
            script_refused_per_game: t.script_refused as f64 / games,
        }
    }
}
