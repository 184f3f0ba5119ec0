//! The public attribution dialog: the suspects with the confidence the
//! player's evidence supports, the confidence and layer to state, and
//! whether that is calibrated (UN GGE norm b).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::overlays::hint_line;
use super::text::{fit, widest};
use crate::engine::View;
use crate::tui::app::App;
use crate::tui::dialogs::LEVELS;
use crate::tui::keymap::Context;
use crate::tui::statement_dialogs::{layer_label, LAYERS};

/// What the player has chosen so far: the suspect row, the confidence
/// (index into `LEVELS`), the layer (index into `LAYERS`), and whether
/// it is proposed as a joint statement.
pub struct Choice {
    pub sel: usize,
    pub level: usize,
    pub layer: usize,
    pub joint: bool,
}

/// The dialog's lines in a window of `area` (the dialog is 90 columns at
/// most).
pub fn lines<'a>(app: &App, v: &View, c: &Choice, area: Rect) -> Vec<Line<'a>> {
    let t = &app.theme;
    let (sel, level, layer, joint) = (&c.sel, &c.level, &c.layer, &c.joint);
    let mut lines = vec![Line::raw(
        "A public attribution names who is responsible. Choose the suspect and the confidence you will state.",
    )];
    lines.push(Line::raw(""));
    // Names in screen columns, as wide as the longest, cut only
    // when the dialog (90 columns at most) has no room for them.
    let room = area.width.min(90).saturating_sub(2 + 2 + 25);
    let cols = widest(v.suspects.iter().map(|s| s.name.as_str()), room.into());
    for (i, s) in v.suspects.iter().enumerate() {
        let (style, mark) = if i == *sel {
            (t.selected, "▸ ")
        } else {
            (t.text, "  ")
        };
        let c = s.confidence.map_or("no basis", |c| c.label());
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{}", fit(&s.name, cols)), style),
            Span::styled(format!(" your evidence: {c}"), t.dim),
        ]));
    }
    lines.push(Line::raw(""));
    let stated = LEVELS[*level];
    let mut spans = vec![Span::raw("State: ")];
    for (i, l) in LEVELS.iter().enumerate() {
        // Brackets mark the choice without colour too.
        let text = if i == *level {
            format!("[{}]", l.label())
        } else {
            format!(" {} ", l.label())
        };
        spans.push(Span::styled(text, if i == *level { t.selected } else { t.dim }));
    }
    lines.push(Line::from(spans));
    let l = LAYERS[*layer % LAYERS.len()];
    lines.push(Line::from(vec![
        Span::raw("Claim: "),
        Span::styled(layer_label(l), t.selected),
        Span::raw(if *joint {
            "   as a joint statement others may sign next turn"
        } else {
            "   alone, this turn"
        }),
    ]));
    if let Some(s) = v.suspects.get(*sel) {
        if let Some(why) = &s.not_now {
            lines.push(Line::styled(format!("Not now: {why}"), t.warn));
        } else if s.confidence.is_none_or(|c| stated > c) {
            lines.push(Line::styled(
                "This claims more than your evidence supports: it breaches norm (b), and costs credibility if wrong.",
                t.warn,
            ));
        } else {
            lines.push(Line::styled("Calibrated to your evidence: upholds norm (b).", t.good));
        }
    }
    lines.push(Line::raw(""));
    lines.push(hint_line(app, &[Context::Attribute]));
    lines
}
