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
    // The game always ends: every turn each bot commits, and turns are finite.
    while !game.is_over() {
        for (actor, bot) in bots.iter_mut().enumerate() {
            let commands = bot.choose(&game.perspective(actor));
            for c in commands {
                if game.apply_quietly(actor, &c).is_ok() {
                    if let Some(l) = log.as_deref_mut() {
                        l.record(&game, actor, &c);
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
