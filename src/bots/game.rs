//! A whole game played by bots, headless.

use std::sync::Arc;

use crate::engine::{Game, GameLog};
use crate::scenario::Scenario;

use super::{assign, Bot, Policy};

/// Play a game to its end with bots on every actor. With `log`, every
/// command is recorded so the game can be replayed.
pub fn play(scenario: Arc<Scenario>, seed: u64, policies: &[Policy], mut log: Option<&mut GameLog>) -> Game {
    let n = scenario.actor_count();
    let mut game = Game::new(scenario, seed);
    let mut bots: Vec<Bot> = assign(policies, n, seed)
        .into_iter()
        .enumerate()
        .map(|(a, p)| Bot::new(p, seed, a))
        .collect();
    let mut moves = Vec::new();
    // The game always ends: every turn each bot commits, and turns are finite.
    while !game.is_over() {
        for (actor, bot) in bots.iter_mut().enumerate() {
            bot.decide(&game.perspective(actor), &mut moves);
            for &m in &moves {
                if game.apply_move(actor, m).is_ok() {
                    if let Some(l) = log.as_deref_mut() {
                        l.record(&game, actor, &m.to_command(game.scenario()));
                    }
                }
                if game.is_over() {
                    break;
                }
            }
            if game.is_over() {
                break;
            }
        }
    }
    game
}
