//! The facilitator's control screen: every seat, the whole timeline with
//! secrets, the postures, and the controls to pace the game.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::net::protocol::{Seat, Timeout};
use crate::tui::app::App;
use crate::tui::keymap::Context;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    let Some(r) = app.remote.as_ref() else { return };
    let Some(s) = r.facilitator.as_ref() else {
        f.render_widget(Paragraph::new("Waiting for the server…"), body);
        return;
    };
    let d = &s.debrief;
    // The server's Timer messages set the desk's clock, which counts down
    // between them, as the players' does.
    // Out of reach of the server, nobody here knows the time left.
    let clock = match r.desk.time_left.or(s.seconds_left) {
        _ if !r.connected => crate::tui::remote_link::CLOCK_UNKNOWN.into(),
        Some(left) => format!("⏱ {}:{:02}", left / 60, left % 60),
        None => "no timer".into(),
    };
    // A clock that waits for the first player does not run yet.
    let state = match (s.paused, r.clock_waits) {
        _ if !r.connected => crate::tui::remote_link::STATE_LOST,
        (true, _) => "PAUSED",
        (false, true) => "clock waits for players",
        (false, false) => "running",
    };
    // The turn being played now (the debrief counts the resolved ones).
    let turn = if d.over { d.turns_played } else { d.turns_played + 1 };
    let late = if s.on_timeout == Timeout::Bot {
        "late players: bot moves"
    } else {
        "late players: no move"
    };
    let mut left = format!(
        " White cell · room {} · {} · turn {}/{}",
        s.room, d.scenario, turn, d.turns
    );
    let mut right = format!("{state} · {clock} · {late} ");
    if left.chars().count() + right.chars().count() > head.width as usize {
        left = format!(" White cell · room {} · turn {}/{}", s.room, turn, d.turns);
        right = format!("{state} · {clock} ");
    }
    f.render_widget(Paragraph::new(header_line(left, right, t, head.width)), head);
    let [left, right] = Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
    let [seats, postures] = Layout::vertical([Constraint::Min(6), Constraint::Percentage(40)]).areas(left);
    // Name, then who plays it, then ✓ once committed; at 80 columns the
    // name gives way first.
    let inner = seats.width.saturating_sub(4) as usize;
    let name_w = inner.saturating_sub(16).clamp(8, 22);
    let items: Vec<ListItem> = s
        .seats
        .iter()
        .map(|seat| {
            let who = match (&seat.seat, &seat.player) {
                (Seat::Bot { policy }, _) => Span::styled(format!("bot: {policy}"), t.dim),
                (Seat::Human, Some(p)) if seat.connected => Span::styled(format!("● {p}"), t.good),
                (Seat::Human, _) if seat.connected => Span::styled("● connected", t.good),
                (Seat::Human, _) => Span::styled("○ away", t.warn),
            };
            let done = if seat.committed {
                Span::styled("✓ ", t.good)
            } else {
                Span::styled("… ", t.dim)
            };
            ListItem::new(Line::from(vec![
                done,
                Span::styled(format!("{} ", super::text::fit(&seat.name, name_w)), t.text),
                who,
            ]))
        })
        .collect();
    let mut st = ListState::default().with_selected(Some(r.seat_sel));
    f.render_stateful_widget(
        List::new(items)
            .block(block(" Seats (✓ committed) ", true, t))
            .highlight_style(t.selected)
            .highlight_symbol("▸ "),
        seats,
        &mut st,
    );
    let mut lines = Vec::new();
    for p in d.escalation.iter().filter(|p| p.rungs.last().is_some_and(|&r| r > 0)) {
        let now = p.rungs.last().copied().unwrap_or(0);
        lines.push(Line::from(vec![
            Span::styled(format!("{} – {}: ", p.a, p.b), t.text),
            Span::styled(d.rung_of(p, now).to_string(), t.rung(now, d.rungs_of(p).len())),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled("Every pair on the first rung", t.good));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("The truth: {}", d.culprit), t.warn));
    f.render_widget(Paragraph::new(lines).block(block(" Postures ", false, t)), postures);
    let items: Vec<ListItem> = d
        .timeline
        .iter()
        .rev()
        .map(|e| {
            let mut spans = vec![Span::styled(format!("T{:<2} ", e.turn), t.dim)];
            if e.secret {
                spans.push(Span::styled("◆ ", t.warn));
            }
            spans.push(Span::styled(e.headline.clone(), t.text));
            if e.secret {
                spans.push(Span::styled(format!("  ({})", e.seen_by), t.dim));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    f.render_widget(
        List::new(items).block(block(" Everything that happened (◆ private) ", false, t)),
        right,
    );
    footer(app, f, foot, Context::WhiteCell);
}
