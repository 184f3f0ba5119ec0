//! Tracks that move by themselves: a backlog that grows every turn, a
//! repair that restores a little every other turn, a cost that runs while
//! a condition holds (the scenario's `drift`). Injects model one-off
//! changes; drift models the slow pressure of a crisis that nobody acts on
//! (a hospital's backlog, a market's loss of confidence), which is what
//! makes time matter in an exercise (domain notes, "How exercises are run").

use std::sync::Arc;

use crate::engine::Game;

impl Game {
    /// End of turn: apply every drift due this turn whose condition holds,
    /// within the track's bounds.
    pub(crate) fn drift_tracks(&mut self) {
        if self.scenario.drifts.is_empty() {
            return;
        }
        let s = Arc::clone(&self.scenario);
        let turn = self.state.turn;
        for d in &s.drifts {
            if turn < d.from || !(turn - d.from).is_multiple_of(d.every) {
                continue;
            }
            if d.when.as_ref().is_some_and(|c| !self.holds(c, None, None)) {
                continue;
            }
            let def = &s.file.tracks[d.track];
            let v = self.state.tracks[d.track].saturating_add(d.by);
            self.state.tracks[d.track] = v.clamp(def.min, def.max);
        }
    }
}
