//! The white cell's press desk drawn: every message of the game, newest at
//! the bottom, each with its writer, its recipients and whether it was
//! private; and the form to write as an actor.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, centered};
use crate::engine::press::MAX_TEXT;
use crate::engine::press_record::Letter;
use crate::engine::press_text;
use crate::net::protocol::SeatInfo;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{self, Context};
use crate::tui::white_cell_press::{PressDesk, WriteAs};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(state) = app.remote.as_ref().and_then(|r| r.facilitator.as_ref()) else {
        return;
    };
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    match &app.overlay {
        Some(Overlay::PressDesk(d)) => desk(app, &state.seats, &state.debrief.correspondence, d, f, r),
        Some(Overlay::WriteAs(w)) => write_as(app, &state.seats, w, f, r),
        _ => {}
    }
}

fn hints(app: &App, c: Context) -> Line<'static> {
    let parts: Vec<String> = keymap::hints_for(&[c])
        .into_iter()
        .map(|(k, does)| format!("{k}: {does}"))
        .collect();
    Line::styled(parts.join("  "), app.theme.focus)
}

fn desk(app: &App, seats: &[SeatInfo], letters: &[Letter], d: &PressDesk, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let who = d.filter.and_then(|i| seats.get(i));
    let title = match who {
        Some(s) => format!(" Messages of {} (written, received, public) ", s.name),
        None => " Every message, private ones included ".to_string(),
    };
    let outer = block(title, true, t);
    let inner = outer.inner(r);
    f.render_widget(outer, r);
    let mut lines = Vec::new();
    let shown: Vec<&Letter> = letters
        .iter()
        .filter(|l| who.is_none_or(|s| l.involves(&s.actor)))
        .collect();
    if shown.is_empty() {
        lines.push(Line::styled("No messages yet. w: write as an actor", t.dim));
    }
    for l in shown {
        let to = if l.to.is_empty() {
            format!("{} (public)", press_text::EVERYONE)
        } else {
            l.to_names.join(", ")
        };
        let mut head = vec![Span::styled(
            format!("Turn {} · {} → {}", l.turn, l.from_name, to),
            if l.to.is_empty() { t.title } else { t.focus },
        )];
        if l.facilitator {
            head.push(Span::styled("  (written by the white cell)", t.dim));
        }
        lines.push(Line::from(head));
        for text in l.text.split('\n') {
            lines.push(Line::raw(format!("  {text}")));
        }
    }
    let body = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let foot = Rect {
        y: inner.y + body.height,
        height: inner.height - body.height,
        ..inner
    };
    // Newest at the bottom; ↑ scrolls up through older ones.
    let w = body.width.max(1) as usize;
    let total: usize = lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let bottom = total.saturating_sub(body.height as usize);
    let up = d.up.min(bottom);
    let mut foot_lines = vec![hints(app, Context::PressDesk)];
    if up < bottom {
        foot_lines.insert(0, Line::styled(format!("▲ {} more lines above", bottom - up), t.dim));
    }
    f.render_widget(para.scroll(((bottom - up) as u16, 0)), body);
    f.render_widget(Paragraph::new(foot_lines).wrap(Wrap { trim: true }), foot);
}

fn write_as(app: &App, seats: &[SeatInfo], w: &WriteAs, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let field = |n: usize| if w.field == n { t.selected } else { t.title };
    let from = seats.get(w.from).map_or("", |s| s.name.as_str());
    let ticked: Vec<&str> = seats
        .iter()
        .zip(&w.to)
        .filter(|(s, x)| **x && s.name != from)
        .map(|(s, _)| s.name.as_str())
        .collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled("From: ", field(0)),
            Span::styled(format!("◂ {from} ▸"), t.focus),
        ]),
        Line::styled("  The white cell is bound by no closed line and no press mode.", t.dim),
        Line::from(vec![
            Span::styled("To: ", field(1)),
            Span::styled(
                if ticked.is_empty() {
                    format!("{} (a public statement)", press_text::EVERYONE)
                } else {
                    ticked.join(", ")
                },
                t.focus,
            ),
        ]),
    ];
    for (n, s) in seats.iter().enumerate() {
        let tick = if w.to.get(n).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let style = if w.field == 1 && n == w.to_sel {
            t.selected
        } else {
            t.text
        };
        lines.push(Line::styled(format!("  {tick} {}", s.name), style));
    }
    lines.push(Line::raw(""));
    let count = w.text.chars().count();
    lines.push(Line::styled(
        format!("Message ({count}/{MAX_TEXT} characters)"),
        field(2),
    ));
    let body: Vec<&str> = w.text.split('\n').collect();
    let last = body.len().saturating_sub(1);
    for (n, l) in body.iter().enumerate() {
        let cursor = if n == last && w.field == 2 { "█" } else { "" };
        lines.push(Line::raw(format!("  {l}{cursor}")));
    }
    lines.push(Line::raw(""));
    lines.push(hints(app, Context::WriteAs));
    let outer = block(" Write as an actor ", true, t);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(outer), r);
}
