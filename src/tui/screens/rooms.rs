//! The white cell console's overview: every room on two lines, its
//! turn, clock, commitments and players, what needs the facilitator, and
//! whom the turn waits for. Rooms beyond the window scroll, with a marker
//! saying how many more there are above or below.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::fit;
use super::{footer, frame_areas, header_line};
use crate::net::room::RoomStatus;
use crate::tui::app::{App, HitList};
use crate::tui::console_glance::Glance;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

/// The columns of a room's first line, in screen columns: the cursor,
/// the room's number, turn, clock, committed, players; the rest of the
/// line says what needs the facilitator.
const CURSOR: usize = 2;
const NUMBER: usize = 5;
const TURN: usize = 6;
const CLOCK: usize = 13;
const COMMITTED: usize = 10;
const PLAYERS: usize = 8;
const FIXED: usize = CURSOR + NUMBER + TURN + CLOCK + COMMITTED + PLAYERS;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(c) = app.console.as_ref() else { return };
    let (head, body, foot) = frame_areas(area);
    let glances = c.glances();
    let left = format!(" White cell console · {} rooms", glances.len());
    let right = summary(&glances);
    f.render_widget(Paragraph::new(header_line(left, right, t, head.width)), head);
    let w = usize::from(body.width);
    let heading = format!(
        "{}{}{}{}{}{}{}",
        " ".repeat(CURSOR),
        fit("Room", NUMBER),
        fit("Turn", TURN),
        fit("Clock", CLOCK),
        fit("Committed", COMMITTED),
        fit("Players", PLAYERS),
        "Needs you"
    );
    let mut lines = vec![Line::styled(fit(&heading, w), t.title)];
    let rows = usize::from(body.height).saturating_sub(1);
    let (first, shown) = window(glances.len(), c.sel, rows);
    if first > 0 {
        lines.push(Line::styled(format!("  ↑ {first} more above"), t.dim));
    }
    let top = body.y + lines.len() as u16;
    for (i, g) in glances.iter().enumerate().skip(first).take(shown) {
        let selected = i == c.sel;
        lines.extend(room_lines(g, selected, w, t));
    }
    let below = glances.len() - first - shown;
    if below > 0 {
        lines.push(Line::styled(format!("  ↓ {below} more below"), t.dim));
    }
    app.hits.borrow_mut().lists.push((
        Rect::new(body.x, top, body.width, (shown * 2) as u16),
        HitList::Rooms,
        first,
    ));
    f.render_widget(Paragraph::new(lines), body);
    footer(app, f, foot, Context::Rooms);
}

/// The rooms in a few words: how many run, are paused, are over, and
/// how many need the facilitator.
fn summary(glances: &[Glance]) -> String {
    let count = |f: &dyn Fn(&RoomStatus) -> bool| glances.iter().filter(|g| g.status.as_ref().is_some_and(f)).count();
    let mut parts = Vec::new();
    for (n, what) in [
        (count(&|s| !s.over && !s.paused), "running"),
        (count(&|s| !s.over && s.paused), "paused"),
        (count(&|s| s.over), "over"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    match glances
        .iter()
        .filter(|g| g.attention.is_some_and(|a| a.words().1))
        .count()
    {
        0 => {}
        1 => parts.push("⚠ 1 needs you".into()),
        n => parts.push(format!("⚠ {n} need you")),
    }
    format!("{} ", parts.join(" · "))
}

/// Which rooms fit in `rows` rows, two each, with the cursor `sel` in
/// view: (the first shown, how many). A marker row above or below takes
/// the place of half a room when some are out of view.
fn window(n: usize, sel: usize, rows: usize) -> (usize, usize) {
    if n * 2 <= rows {
        return (0, n);
    }
    let fit = (rows.saturating_sub(2) / 2).max(1);
    let first = sel.saturating_sub(fit - 1).min(n - fit);
    (first, fit)
}

/// A room's two lines: its numbers and what needs the facilitator, then
/// whom the turn waits for.
fn room_lines(g: &Glance, selected: bool, w: usize, t: &Theme) -> [Line<'static>; 2] {
    let base = if selected { t.selected } else { Style::default() };
    let cell = |s: &str, cols: usize, style: Style| Span::styled(fit(s, cols), base.patch(style));
    let cursor = if selected { "▸ " } else { "  " };
    let mut spans = vec![
        Span::styled(cursor, base.patch(t.focus)),
        cell(&g.number.to_string(), NUMBER, t.title),
    ];
    match &g.status {
        Some(s) => {
            let turn = if s.over {
                "over".into()
            } else {
                format!("{}/{}", s.turn, s.turns)
            };
            let time = s.seconds_left.map(|l| format!("{}:{:02}", l / 60, l % 60));
            let (clock, style) = match (s.paused, time) {
                (true, Some(time)) => (format!("PAUSED {time}"), t.warn),
                (true, None) => ("PAUSED".into(), t.warn),
                // Not counting down: it starts when the first player joins.
                (false, Some(time)) if s.clock_waits => (format!("waits {time}"), t.dim),
                (false, Some(time)) => (format!("⏱ {time}"), t.text),
                (false, None) if s.over => ("—".into(), t.dim),
                (false, None) => ("no timer".into(), t.dim),
            };
            spans.push(cell(&turn, TURN, t.text));
            spans.push(cell(&clock, CLOCK, style));
            let committed = if s.over {
                "—".into()
            } else {
                format!("{}/{}", s.committed, s.actors)
            };
            spans.push(cell(&committed, COMMITTED, t.text));
            let present = if g.people == 0 {
                "bots".to_string()
            } else {
                format!("{}/{}", g.present, g.people)
            };
            let style = if g.present < g.people { t.warn } else { t.good };
            spans.push(cell(&present, PLAYERS, style));
        }
        None => spans.push(cell("—", FIXED - CURSOR - NUMBER, t.dim)),
    }
    let (need, warn) = g.attention.map(|a| a.words()).unwrap_or_default();
    let need_style = if warn { t.warn } else { t.good };
    spans.push(cell(&need, w.saturating_sub(FIXED), need_style));
    let detail = format!("{}{}", " ".repeat(CURSOR + NUMBER), g.detail());
    let second = Line::from(Span::styled(fit(&detail, w), base.patch(t.dim)));
    [Line::from(spans), second]
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        assert_eq!(window(3, 2, 21), (0, 3));
        assert_eq!(window(10, 0, 21), (0, 10));
        // Twelve rooms in 21 rows: nine show, with room for the markers.
        assert_eq!(window(12, 0, 21), (0, 9));
        assert_eq!(window(12, 8, 21), (0, 9));
        assert_eq!(window(12, 9, 21), (1, 9));
        assert_eq!(window(12, 11, 21), (3, 9));
    }
}
