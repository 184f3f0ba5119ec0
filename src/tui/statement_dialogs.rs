//! Keys inside the statement dialogs: attributing at a layer, alone or by
//! proposing a joint statement; signing or declining proposals; retracting
//! or refining one's own statements. Keys arrive as the actions the
//! keymap's `Attribute` and `Statements` contexts bind them to.

use super::app::{App, Io, Overlay};
use super::dialogs::{apply, LEVELS};
use super::input::step;
use super::keymap::Action;
use crate::engine::Command;
use crate::scenario::schema::Layer;

/// The layers offered, the first being "the usual one for you".
pub const LAYERS: [Option<Layer>; 4] = [None, Some(Layer::Technique), Some(Layer::Group), Some(Layer::State)];

/// The layer choice in words.
pub fn layer_label(l: Option<Layer>) -> &'static str {
    l.map_or("usual (a government: the state; others: the group)", Layer::label)
}

/// The stated confidence (index into `LEVELS`) the dialog offers first for
/// suspect `sel`: the level the evidence supports, the figure the Intel
/// panel shows; low when the evidence gives no basis (any claim then
/// overreaches, and low overreaches least).
pub fn supported_level(v: &crate::engine::View, sel: usize) -> usize {
    v.suspects
        .get(sel)
        .and_then(|s| s.confidence)
        .and_then(|c| LEVELS.iter().position(|&l| l == c))
        .unwrap_or(0)
}

pub fn attribute_key(
    app: &mut App,
    action: Option<Action>,
    mut sel: usize,
    mut level: usize,
    mut layer: usize,
    mut joint: bool,
) -> Vec<Io> {
    let Some(v) = app.view.as_ref() else {
        return Vec::new();
    };
    let n = v.suspects.len();
    match action {
        Some(Action::Send) => {
            let Some(s) = v.suspects.get(sel) else {
                return Vec::new();
            };
            let (suspect, name) = (s.id.clone(), s.name.clone());
            let (confidence, l) = (LEVELS[level], LAYERS[layer % LAYERS.len()]);
            let (cmd, done) = if joint {
                (
                    Command::Propose {
                        suspect,
                        confidence,
                        layer: l,
                    },
                    format!("Joint statement proposed: {name}; others may sign it next turn"),
                )
            } else {
                (
                    Command::Attribute {
                        suspect,
                        confidence,
                        layer: l,
                    },
                    format!(
                        "Statement prepared: {name} with {} — press c to end your turn",
                        confidence.label()
                    ),
                )
            };
            app.overlay = None;
            apply(app, &cmd, done);
            return Vec::new();
        }
        Some(Action::Back) => {
            app.overlay = None;
            return Vec::new();
        }
        Some(Action::Left) => level = level.saturating_sub(1),
        Some(Action::Right) => level = (level + 1).min(2),
        Some(Action::Layer) => layer = (layer + 1) % LAYERS.len(),
        Some(Action::Joint) => joint = !joint,
        Some(a) => {
            // Another suspect: start again from what the evidence supports.
            let next = step(sel, n, a);
            if next != sel {
                sel = next;
                level = supported_level(v, sel);
            }
        }
        None => {}
    }
    app.overlay = Some(Overlay::Attribute {
        sel,
        level,
        layer,
        joint,
    });
    Vec::new()
}

pub fn statements_key(app: &mut App, action: Option<Action>, mut sel: usize) -> Vec<Io> {
    let Some(v) = app.view.as_ref() else {
        return Vec::new();
    };
    let (np, ns) = (v.proposals.len(), v.statements.len());
    let proposal = v.proposals.get(sel).map(|p| p.number);
    let mine = sel.checked_sub(np).and_then(|i| v.statements.get(i)).cloned();
    let cmd = match (action, proposal, &mine) {
        (Some(Action::Back), _, _) => {
            app.overlay = None;
            return Vec::new();
        }
        (Some(Action::Sign), Some(p), _) => Some((Command::Sign { proposal: p }, "Signature prepared")),
        (Some(Action::Decline), Some(p), _) => Some((Command::Decline { proposal: p }, "Declined")),
        (Some(Action::Retract), _, Some(s)) => Some((Command::Retract { statement: s.number }, "Retraction prepared")),
        (Some(a @ (Action::More | Action::Less | Action::Layer)), _, Some(s)) => {
            let i = LEVELS.iter().position(|&c| c == s.stated).unwrap_or(0);
            let (confidence, layer) = match a {
                Action::More => (LEVELS[(i + 1).min(2)], s.layer),
                Action::Less => (LEVELS[i.saturating_sub(1)], s.layer),
                _ => {
                    let at = Layer::ALL.iter().position(|&l| l == s.layer).unwrap_or(0);
                    (s.stated, Layer::ALL[(at + 1) % Layer::ALL.len()])
                }
            };
            let c = Command::Refine {
                statement: s.number,
                confidence,
                layer: Some(layer),
            };
            Some((c, "Restatement prepared"))
        }
        (Some(a), _, _) => {
            sel = step(sel, np + ns, a);
            None
        }
        (None, _, _) => None,
    };
    if let Some((cmd, done)) = cmd {
        app.overlay = None;
        apply(app, &cmd, format!("{done} — press c to end your turn"));
        return Vec::new();
    }
    app.overlay = Some(Overlay::Statements { sel });
    Vec::new()
}
