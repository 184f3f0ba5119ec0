//! What the symbols of the play screen mean, in one place: the actions
//! panel shows it on the first turn and the help (`?`) shows it always.

use ratatui::text::{Line, Span};

use crate::scenario::schema::Norm;
use crate::tui::theme::Theme;

/// Each symbol of an action's row and what it means.
pub const ACTION_SYMBOLS: [(&str, &str); 7] = [
    ("◦2", "costs 2 of your resources (you gain more each turn)"),
    ("70%", "chance that the move succeeds"),
    (
        "public",
        "everyone sees it; private: only you and the target; secret: nobody, unless detected",
    ),
    ("▲1 ▼1", "hostility: raises tension with the target / calms it"),
    ("✓a", "upholds UN norm (a); see the letters below"),
    ("✗a", "breaches UN norm (a)"),
    ("⊘", "not possible now: select it to read what unlocks it"),
];

/// Other marks on the play screen.
pub const OTHER_SYMBOLS: [(&str, &str); 5] = [
    ("●", "new in the situation feed since you last looked"),
    ("◆", "private: only you (and those you share with) see it"),
    ("◀2", "on the ladder: two of your relations stand on this rung"),
    ("▲ 3 more", "the list goes on: scroll with ↑↓ or PgUp PgDn"),
    ("⇄", "a confidence-building channel in force with that actor"),
];

/// The compact legend under the actions list.
pub fn actions<'a>(t: &Theme) -> Vec<Line<'a>> {
    let key = |sym: &'static str| Span::styled(sym, t.focus);
    let means = |m: &'static str| Span::styled(m, t.dim);
    vec![Line::from(vec![
        key("◦"),
        means("cost  "),
        key("%"),
        means("chance  "),
        means("public/private/secret: who sees it  "),
        key("▲▼"),
        means("hostility  "),
        key("✓✗"),
        means("upholds/breaches a UN norm  "),
        key("⊘"),
        means("locked  "),
        key("?"),
        means("all symbols"),
    ])]
}

/// The full legend for the help: every symbol, then the UN norms by letter.
pub fn full<'a>(t: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled("Symbols of the actions list", t.title)];
    let row = |sym: &str, means: String| {
        Line::from(vec![
            Span::styled(super::text::pad(&format!("  {sym}"), 14), t.focus),
            Span::raw(means),
        ])
    };
    for (sym, means) in ACTION_SYMBOLS {
        lines.push(row(sym, means.to_string()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Other marks", t.title));
    for (sym, means) in OTHER_SYMBOLS {
        lines.push(row(sym, means.to_string()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("UN norms of responsible state behaviour (2015)", t.title));
    for n in Norm::ALL {
        lines.push(row(&n.letter().to_string(), n.summary().to_string()));
    }
    lines
}

/// The help dialog's rows, `dialog` columns wide (borders included) in an
/// `area`: the keys of the screen by context, each description wrapped
/// under itself rather than under its key; in a game, the legend follows.
pub fn help_lines(app: &crate::tui::app::App, area: ratatui::layout::Rect, dialog: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let inner = usize::from(dialog.min(area.width.saturating_sub(4)).saturating_sub(2));
    let mut lines = Vec::new();
    let mut last = None;
    for b in crate::tui::keymap::help_rows_of(app.stack()) {
        if last != Some(b.context) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(b.context.label(), t.title));
            last = Some(b.context);
        }
        let key = format!("  {:<12}", b.label);
        let indent = super::text::width(&key);
        let parts = super::text::wrap_words(b.does, inner.saturating_sub(indent).max(8));
        for (i, part) in parts.into_iter().enumerate() {
            let lead = if i == 0 { key.clone() } else { " ".repeat(indent) };
            lines.push(Line::from(vec![Span::styled(lead, t.focus), Span::raw(part)]));
        }
    }
    if app.game.is_some() {
        lines.push(Line::raw(""));
        lines.extend(full(t));
    }
    lines
}
