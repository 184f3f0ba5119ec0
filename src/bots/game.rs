//! Whole games played by bots, headless: one at a time, or one after
//! another at a `Table` that keeps its lists between games.

use std::sync::Arc;

use crate::engine::{Command, Game, GameLog, Move};
use crate::scenario::Scenario;

use super::{assign, Bot, Policy, Seat};

/// Play a game to its end with bots on every actor. With `log`, every
/// command is recorded so the game can be replayed.
pub fn play(scenario: Arc<Scenario>, seed: u64, policies: &[Policy], log: Option<&mut GameLog>) -> Game {
    let mut bots: Vec<Bot> = assign(policies, &scenario.file.actors, seed)
        .into_iter()
        .enumerate()
        .map(|(a, p)| Bot::new(p, seed, a))
        .collect();
    let mut game = Game::new(scenario, seed);
    run(&mut game, &mut bots, &mut Vec::new(), log, None);
    game
}

/// Bot games of one scenario one after another, each played in the game
/// and bots the last one left: what `play` gives, without allocating
/// everything anew (for batches such as `demarche simulate`).
pub struct Table {
    game: Game,
    bots: Vec<Bot>,
    moves: Vec<Move>,
}

impl Table {
    pub fn new(scenario: Arc<Scenario>) -> Table {
        Table {
            game: Game::new(scenario, 0),
            bots: Vec::new(),
            moves: Vec::new(),
        }
    }

    /// Play a game to its end: the same game `play` would give.
    pub fn play(&mut self, seed: u64, policies: &[Policy], log: Option<&mut GameLog>) -> &Game {
        self.play_seated(seed, policies, log, None).0
    }

    /// `play`, with one seat (if any) played from its script instead of a
    /// bot; also returns how many of the script's commands the rules refused.
    pub fn play_seated(
        &mut self,
        seed: u64,
        policies: &[Policy],
        log: Option<&mut GameLog>,
        seat: Option<&Seat>,
    ) -> (&Game, u64) {
        self.game.restart(seed);
        let policies = assign(policies, &self.game.scenario().file.actors, seed);
        self.bots.truncate(policies.len());
        for (a, p) in policies.into_iter().enumerate() {
            match self.bots.get_mut(a) {
                Some(bot) => bot.restart(p, seed, a),
                None => self.bots.push(Bot::new(p, seed, a)),
            }
        }
        let refused = run(&mut self.game, &mut self.bots, &mut self.moves, log, seat);
        (&self.game, refused)
    }
}

/// Play until the game ends; returns the scripted seat's refused commands.
fn run(
    game: &mut Game,
    bots: &mut [Bot],
    moves: &mut Vec<Move>,
    mut log: Option<&mut GameLog>,
    seat: Option<&Seat>,
) -> u64 {
    let mut refused = 0;
    // The game always ends: every turn each seat commits, and turns are finite.
    while !game.is_over() {
        for (actor, bot) in bots.iter_mut().enumerate() {
            if let Some(seat) = seat.filter(|s| s.actor == actor) {
                if !game.state().actors[actor].committed {
                    let turn = game.turn();
                    for c in seat.script.turn(turn).iter().chain(std::iter::once(&Command::Commit)) {
                        if game.is_over() {
                            break;
                        }
                        match game.apply_quietly(actor, c) {
                            Ok(()) => {
                                if let Some(l) = log.as_deref_mut() {
                                    l.record(game, actor, c);
                                }
                            }
                            Err(_) => refused += 1,
                        }
                    }
                }
                if game.is_over() {
                    break;
                }
                continue;
            }
            bot.decide(&game.perspective(actor), moves);
            for &m in moves.iter() {
                if game.apply_move(actor, m).is_ok() {
                    if let Some(l) = log.as_deref_mut() {
                        l.record(game, actor, &m.to_command(game.scenario()));
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
    refused
}
