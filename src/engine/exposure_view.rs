//! What an actor knows of its own standing under the law and its exposure:
//! whether it is behind the incident (its own secret, from the briefing),
//! the legal character and secrecy of a move (public rules), and whether
//! a public statement already names it. Bots read these to hide or act.

use super::Perspective;

impl Perspective<'_> {
    /// Whether this actor is responsible for an incident on the record: its
    /// own secret, which its player knows from the briefing.
    pub fn responsible(&self) -> bool {
        crate::scenario::compiled::in_set(self.game.scenario.responsible(), self.me)
    }

    /// The action's legal character (a public rule).
    pub fn legal(&self, action: usize) -> crate::scenario::schema::LegalCharacter {
        self.game.scenario.actions[action].legal
    }

    /// Whether the action is a covert operation (secret, hostility above 0).
    pub fn is_covert_operation(&self, action: usize) -> bool {
        self.game.scenario.actions[action].is_covert_operation()
    }

    /// Whether a standing public statement names a suspect behind this
    /// actor: exposure looms.
    pub fn named_publicly(&self) -> bool {
        self.attributions()
            .iter()
            .any(|a| a.retracted.is_none() && self.suspect_actor(a.suspect) == Some(self.me))
    }

    /// How far the world's tracks stand from their good end: 0.0 when
    /// every track is at its best, 1.0 when every one is at its worst
    /// (the mean over tracks; 0.0 without tracks). What a company's
    /// customers (patients, shippers, users) are exposed to, as the
    /// scenario measures it.
    pub fn harm(&self) -> f32 {
        let f = &self.game.scenario.file;
        let mut sum = 0.0;
        for (t, &v) in f.tracks.iter().zip(&self.game.state.tracks) {
            let span = (t.max - t.min).max(1) as f32;
            let up = (v - t.min) as f32 / span;
            sum += if t.higher_is == crate::scenario::schema::Direction::Better {
                1.0 - up
            } else {
                up
            };
        }
        if f.tracks.is_empty() {
            0.0
        } else {
            (sum / f.tracks.len() as f32).clamp(0.0, 1.0)
        }
    }
}
