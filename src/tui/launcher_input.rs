//! Keys on the launcher: continue an unfinished game, or open a
//! scenario's briefing.

use std::sync::Arc;

use super::app::{App, Io};
use super::game::Match;
use super::input::step;
use super::keymap::Action;

impl App {
    /// Rows of the launcher: one per unfinished saved game, then one per
    /// scenario of the catalog.
    pub fn launcher_rows(&self) -> usize {
        self.saved.len() + self.catalog.len()
    }

    pub(super) fn launcher_key(&mut self, action: Action) -> Vec<Io> {
        match action {
            Action::Open if self.launcher_sel < self.saved.len() => self.continue_saved(self.launcher_sel),
            Action::Open => {
                let Some(e) = self.catalog.get(self.launcher_sel - self.saved.len()) else {
                    return Vec::new();
                };
                match (&e.scenario, &e.problem) {
                    (Some(s), _) => {
                        let s = s.clone();
                        self.open_briefing(s);
                    }
                    (None, p) => {
                        let p = p.clone().unwrap_or_default();
                        self.set_status(format!("This scenario cannot be played: {p}"), true);
                    }
                }
            }
            Action::Back => self.quit = true,
            a => self.launcher_sel = step(self.launcher_sel, self.launcher_rows(), a),
        }
        Vec::new()
    }

    /// Go on with saved game `i` where it was left, saving to its own file.
    fn continue_saved(&mut self, i: usize) {
        let Some(s) = self.saved.get(i).map(Arc::clone) else {
            return;
        };
        match Match::resume(s.log.clone(), &s.setup) {
            Ok(mut m) => {
                m.save_path = Some(s.path.clone());
                self.begin(m);
                self.refresh();
            }
            Err(e) => self.set_status(format!("Cannot continue {}: {e}", s.path.display()), true),
        }
    }
}
