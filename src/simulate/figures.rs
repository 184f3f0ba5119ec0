//! The escalation figures of a batch, per actor and cause, and the lints
//! that point a trainer at what the bots never do or overdo.

use serde::Serialize;

use crate::engine::RungCause;
use crate::scenario::Scenario;

use super::Totals;

#[derive(Debug, Clone, Serialize)]
pub struct CauseCount {
    pub cause: String,
    pub rises: u64,
    pub per_game: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CulpritUse {
    pub actor: String,
    /// Covert operations it may take: secret moves against others
    /// (hostility above 0).
    pub covert_actions: usize,
    pub covert_moves_per_game: f64,
    /// Share of games in which it tried at least one covert operation.
    pub games_with_covert_share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorMoves {
    pub actor: String,
    pub moves: Vec<MoveCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoveCount {
    pub action: String,
    pub per_game: f64,
    /// Most times in one game.
    pub most_in_one_game: u32,
}

/// Words for a rise's cause.
pub fn cause_label(c: RungCause) -> &'static str {
    match c {
        RungCause::Move => "deliberate moves",
        RungCause::Misreading => "misreadings",
        RungCause::Spiral => "spirals",
        RungCause::Attribution => "public attributions",
        RungCause::Events => "injects and effects",
        RungCause::Calming => "calming",
    }
}

/// Per actor, the moves it tried, most frequent first.
pub(super) fn actor_moves(s: &Scenario, t: &Totals, games: f64) -> Vec<ActorMoves> {
    let na = s.actions.len();
    (0..s.actor_count())
        .map(|a| {
            let mut moves: Vec<MoveCount> = (0..na)
                .filter(|&x| t.moves.get(a * na + x).is_some_and(|&m| m > 0))
                .map(|x| MoveCount {
                    action: s.file.actions[x].id.clone(),
                    per_game: t.moves[a * na + x] as f64 / games,
                    most_in_one_game: t.most_in_game[a * na + x],
                })
                .collect();
            moves.sort_by(|x, y| y.per_game.total_cmp(&x.per_game));
            ActorMoves {
                actor: s.file.actors[a].id.clone(),
                moves,
            }
        })
        .collect()
}

/// Lints: an action no bot takes, an ending never reached, an ending in
/// more than 80% of games, a move taken more than `repeat_limit` times in
/// one game.
pub fn lints(s: &Scenario, t: &Totals, repeat_limit: u32) -> Vec<String> {
    let mut out = Vec::new();
    let na = s.actions.len();
    let games = t.games.max(1) as f64;
    for (x, a) in s.file.actions.iter().enumerate() {
        if (0..s.actor_count()).all(|k| t.moves.get(k * na + x).is_none_or(|&m| m == 0)) {
            out.push(format!("no bot ever takes action `{}`", a.id));
        }
    }
    // Endings by the title the table of endings shows, and the id the
    // scenario file knows them by.
    for (e, &n) in s.file.endings.iter().zip(&t.endings) {
        if n == 0 {
            out.push(format!("ending \"{}\" (`{}`) is never reached", e.title, e.id));
        } else if n as f64 / games > 0.8 {
            out.push(format!(
                "ending \"{}\" (`{}`) ends {:.0}% of games",
                e.title,
                e.id,
                100.0 * n as f64 / games
            ));
        }
    }
    for a in 0..s.actor_count() {
        for x in 0..na {
            let most = t.most_in_game.get(a * na + x).copied().unwrap_or(0);
            if most > repeat_limit {
                out.push(format!(
                    "`{}` takes `{}` up to {most} times in one game",
                    s.file.actors[a].id, s.file.actions[x].id
                ));
            }
        }
    }
    out
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
