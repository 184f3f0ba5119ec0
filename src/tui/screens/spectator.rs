//! The projector: the public view, large and readable from the back of the
//! room. Nothing private is ever on it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::tui::app::App;
use crate::tui::keymap::Context;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    let Some(v) = app.remote.as_ref().and_then(|r| r.public.as_ref()) else {
        f.render_widget(Paragraph::new("Waiting for the server…"), body);
        return;
    };
    let waiting = if v.waiting_for.is_empty() {
        String::new()
    } else {
        format!(" · waiting for {}", v.waiting_for.len())
    };
    f.render_widget(
        Paragraph::new(header_line(
            format!(" {}", v.scenario),
            format!("turn {}/{}{waiting} ", v.turn, v.turns),
            t,
            head.width,
        )),
        head,
    );
    let [news, side] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    let items: Vec<ListItem> = v
        .feed
        .iter()
        .filter(|e| !(e.headline.starts_with("Turn ") && e.text.is_empty()))
        .map(|e| {
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("T{} ", e.turn), t.dim),
                Span::styled(e.headline.clone(), t.title),
            ])];
            if !e.text.is_empty() {
                lines.push(Line::styled(format!("   {}", e.text), t.text));
            }
            lines.push(Line::raw(""));
            ListItem::new(lines)
        })
        .collect();
    f.render_widget(List::new(items).block(block(" News ", false, t)), news);
    let [world, ladder, attr] = Layout::vertical([
        Constraint::Length(v.tracks.len() as u16 + v.flags.len() as u16 + 2),
        Constraint::Min(4),
        Constraint::Length(6),
    ])
    .areas(side);
    let mut lines = Vec::new();
    let bar = (world.width as i32 - 2 - 23 - 5).clamp(4, 30);
    for tr in &v.tracks {
        let span = (tr.max - tr.min).max(1);
        let filled = ((tr.value - tr.min) * bar / span).clamp(0, bar) as usize;
        lines.push(Line::from(vec![
            Span::styled(format!("{:<22.22} ", tr.name), t.text),
            Span::styled("█".repeat(filled), t.title),
            Span::styled("░".repeat(bar as usize - filled), t.dim),
            Span::styled(format!(" {}", tr.value), t.text),
        ]));
    }
    for (name, on) in &v.flags {
        lines.push(Line::raw(format!("{name:<22.22} {}", if *on { "yes" } else { "no" })));
    }
    f.render_widget(Paragraph::new(lines).block(block(" World ", false, t)), world);
    let name = |id: &str| {
        v.actors
            .iter()
            .find(|a| a.id == id)
            .map_or(id.to_string(), |a| a.name.clone())
    };
    let mut pairs: Vec<&(String, String, usize)> = v.postures.iter().filter(|p| p.2 > 0).collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.2));
    let mut lines: Vec<Line> = pairs
        .iter()
        .map(|(a, b, r)| {
            Line::from(vec![
                Span::styled(format!("{} – {}  ", name(a), name(b)), t.text),
                Span::styled(
                    v.ladder.get(*r).cloned().unwrap_or_default(),
                    t.rung(*r, v.ladder.len()),
                ),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("Everyone at \"{}\"", v.ladder.first().cloned().unwrap_or_default()),
            t.good,
        ));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(" Escalation ", false, t)),
        ladder,
    );
    let lines: Vec<Line> = if v.attributions.is_empty() {
        vec![Line::styled("No public attribution yet", t.dim)]
    } else {
        v.attributions.iter().map(|a| Line::raw(a.clone())).collect()
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(" Attributions ", false, t)),
        attr,
    );
    footer(app, f, foot, Context::Everywhere);
}
