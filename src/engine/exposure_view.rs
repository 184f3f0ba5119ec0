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

    /// Whether the action is secret.
    pub fn is_covert(&self, action: usize) -> bool {
        self.game.scenario.actions[action].visibility == crate::scenario::schema::Visibility::Secret
    }

    /// Whether a standing public statement names a suspect behind this
    /// actor: exposure looms.
    pub fn named_publicly(&self) -> bool {
        self.attributions()
            .iter()
            .any(|a| a.retracted.is_none() && self.suspect_actor(a.suspect) == Some(self.me))
    }
}
