//! Misperception beyond the pair: third parties misread moves aimed at
//! others, untargeted moves (a scan, a mobilisation of IT staff, an
//! intelligence tasking) carry ambiguity for every state watching, and
//! tension between others raises everyone's alertness (the security
//! dilemma; Healey and Jervis, 2020; domain notes, "Escalation").

use crate::engine::event::{EventKind, RungCause};
use crate::engine::Game;

/// Share, in percent, of the usual misread chance that a third party
/// reads a move aimed at someone else as aimed at itself.
pub const THIRD_PARTY_SHARE: u32 = 40;
/// Tension from which a pair alarms everyone else.
pub const ALERT_TENSION: i32 = 60;
/// Added to the misread multiplier (percent) per other tense pair.
pub const ALERT_STEP: u32 = 15;
/// Most the multiplier may add.
pub const ALERT_MAX: u32 = 60;
/// Alarm a third party's misreading adds to its own view of the mover.
pub const THIRD_PARTY_TENSION: i32 = 10;
/// Trust it removes.
pub const THIRD_PARTY_TRUST: i32 = 5;

impl Game {
    /// Percent multiplier on misreadings between `a` and `b` from tension
    /// elsewhere: 100, plus 15 for every other pair on a ladder at tension
    /// 60 or more, up to 160.
    pub fn alertness(&self, a: usize, b: usize) -> u32 {
        let s = &self.scenario;
        let n = s.actor_count();
        let own = if a == b { usize::MAX } else { s.pair(a, b) };
        let mut tense = 0u32;
        for x in 0..n {
            for y in x + 1..n {
                let p = s.pair(x, y);
                if p != own && s.laddered[p] && self.state.relations[p].tension >= ALERT_TENSION {
                    tense += 1;
                }
            }
        }
        100 + (tense * ALERT_STEP).min(ALERT_MAX)
    }

    /// Whether the pair has a diplomatic ladder to climb (see the
    /// scenario's `ladder_between`).
    pub fn laddered(&self, a: usize, b: usize) -> bool {
        a != b && self.scenario.laddered[self.scenario.pair(a, b)]
    }

    /// Chance in percent that `watcher`, a third party on a ladder with
    /// `actor`, reads a move of this ambiguity aimed at someone else (or at
    /// no one) as aimed at itself: `THIRD_PARTY_SHARE` of the usual chance.
    pub fn watcher_misread_chance(&self, actor: usize, watcher: usize, ambiguity: u8) -> u32 {
        self.misread_chance(actor, watcher, ambiguity) * THIRD_PARTY_SHARE / 100
    }

    /// Every state watching may read `actor`'s visible move (aimed at
    /// `target`, or at no one) as aimed at itself.
    pub(crate) fn third_party_misreadings(&mut self, actor: usize, action: usize, target: Option<usize>) {
        let ambiguity = self.scenario.actions[action].ambiguity;
        if ambiguity == 0 {
            return;
        }
        for o in 0..self.scenario.actor_count() {
            if o == actor || Some(o) == target || !self.laddered(actor, o) {
                continue;
            }
            let p = self.watcher_misread_chance(actor, o, ambiguity);
            if p > 0 && self.roll(p) {
                self.push_to(
                    &[actor, o],
                    EventKind::Misread {
                        actor,
                        action,
                        target: o,
                    },
                );
                self.add_alarm(o, actor, THIRD_PARTY_TENSION);
                self.add_trust(actor, o, -THIRD_PARTY_TRUST);
                self.shift_rung(actor, o, 1, RungCause::Misreading);
            }
        }
    }
}
