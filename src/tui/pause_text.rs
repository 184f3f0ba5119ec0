//! What the status line says when the game is paused or resumes: the
//! white cell reads what its own key did, for every player; players and
//! the projector read who paused them.

use super::keymap::{Action, Context};
use super::keymap_query::label_of;

/// Players' and the projector's words for a pause (`paused`) or a resume.
pub fn players(paused: bool) -> &'static str {
    if paused {
        "The facilitator paused the game"
    } else {
        "The game resumes"
    }
}

/// The white cell's words, with the key that undoes it: "Paused for
/// every player: their clocks stop and moves wait · p: resume".
pub fn white_cell(paused: bool) -> String {
    let key = label_of(Context::WhiteCell, Action::Pause);
    if paused {
        format!("Paused for every player: their clocks stop and moves wait · {key}: resume")
    } else {
        format!("Resumed for every player · {key}: pause")
    }
}
