//! The Relations panel (trust, tension and rung with each actor, over the
//! escalation ladder) and the World panel (the tracks, the flags and your
//! secret objectives).

use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;
use ratatui::Frame;

use super::panels::{render_list_over, wrapped_rows};
use super::text::{fit, pad, widest};
use crate::engine::View;
use crate::tui::app::{App, Panel};
use crate::tui::theme::Theme;

pub fn draw_relations(app: &App, f: &mut Frame, area: Rect, v: &View, title: String, focused: bool, sel: usize) {
    let t = &app.theme;
    let inner = area.inner(Margin::new(1, 1));
    let items = relations(v, t, inner.width);
    // The ladder along the bottom when the rows leave room for it.
    let mut below = vec![ladder_line(v, t)];
    below.extend(other_ladder_lines(v, t));
    let below = if inner.height > wrapped_rows(&below, inner.width) + items.len() as u16 {
        below
    } else {
        Vec::new()
    };
    render_list_over(app, f, area, items, title, focused, sel, Panel::Relations, below);
}

fn relations<'a>(v: &View, t: &Theme, inner_width: u16) -> Vec<ListItem<'a>> {
    // Each rung's name comes from the pair's own ladder.
    let rung_w = widest(
        v.ladder
            .iter()
            .map(String::as_str)
            .chain(v.relations.iter().map(|r| r.rung_name.as_str())),
        24,
    );
    let others = v.actors.iter().filter(|a| a.id != v.actor);
    let room = (inner_width as usize).saturating_sub(2 + 24 + rung_w).max(12);
    let name_w = widest(others.map(|a| a.name.as_str()), room);
    v.relations
        .iter()
        .map(|r| {
            let a = v.actors.iter().find(|a| a.id == r.with);
            let name = a.map_or(r.with.as_str(), |a| a.name.as_str());
            let mut spans = vec![
                Span::styled(fit(name, name_w), t.text),
                Span::styled(
                    format!(" trust {:>3} ", r.trust),
                    if r.trust < 30 { t.bad } else { t.dim },
                ),
                Span::styled(
                    format!("tension {:>3} ", r.tension),
                    if r.tension >= 70 { t.bad } else { t.dim },
                ),
                Span::styled(pad(&r.rung_name, rung_w), t.rung(r.rung, r.rungs)),
            ];
            if !r.channels.is_empty() {
                let c: Vec<&str> = r.channels.iter().map(|k| k.label()).collect();
                spans.push(Span::styled(format!(" ⇄ {}", c.join(", ")), t.good));
            }
            if !r.offered_to_me.is_empty() {
                let c: Vec<&str> = r.offered_to_me.iter().map(|k| k.label()).collect();
                spans.push(Span::styled(format!(" offers you: {}", c.join(", ")), t.unread));
            }
            ListItem::new(Line::from(spans))
        })
        .collect()
}

/// The main ladder, with how many of your relations on it stand on each
/// rung (a relation on a ladder of its own shows its rung in its row).
fn ladder_line<'a>(v: &View, t: &Theme) -> Line<'a> {
    rungs_line("Ladder: ".into(), &v.ladder, v, 0, t)
}

/// Each of the scenario's other ladders that one of your relations
/// climbs, with how many stand on each rung (a state and a company, say).
fn other_ladder_lines<'a>(v: &View, t: &Theme) -> Vec<Line<'a>> {
    v.ladders
        .iter()
        .enumerate()
        .filter(|(k, _)| v.relations.iter().any(|r| r.ladder == k + 1))
        .map(|(k, l)| rungs_line(format!("{}: ", l.name), &l.rungs, v, k + 1, t))
        .collect()
}

/// `label` and the rungs of ladder `ladder` (0: the main one), each
/// followed by `◀n` when n of your relations stand on it.
fn rungs_line<'a>(label: String, rungs: &[String], v: &View, ladder: usize, t: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(label, t.dim)];
    for (i, name) in rungs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", t.dim));
        }
        spans.push(Span::styled(name.clone(), t.rung(i, rungs.len())));
        let here = v.relations.iter().filter(|r| r.ladder == ladder && r.rung == i).count();
        if here > 0 {
            spans.push(Span::styled(format!(" ◀{here}"), t.focus));
        }
    }
    Line::from(spans)
}

pub fn draw_world(app: &App, f: &mut Frame, area: Rect, v: &View, title: String, focused: bool, sel: usize) {
    let t = &app.theme;
    let inner = area.inner(Margin::new(1, 1));
    let items = tracks(v, t, inner.width);
    render_list_over(
        app,
        f,
        area,
        items,
        title,
        focused,
        sel,
        Panel::Tracks,
        objectives(v, t),
    );
}

/// Your secret objectives: only your view carries them.
fn objectives<'a>(v: &View, t: &Theme) -> Vec<Line<'a>> {
    if v.secret_objectives.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled("Your secret objectives (only you see these):", t.title)];
    lines.extend(
        v.secret_objectives
            .iter()
            .map(|o| Line::styled(format!("• {o}"), t.text)),
    );
    lines
}

fn tracks<'a>(v: &View, t: &Theme, inner_width: u16) -> Vec<ListItem<'a>> {
    let room = (inner_width as usize).saturating_sub(2 + 10 + 5 + 5).max(10);
    let name_w = widest(v.tracks.iter().map(|tr| tr.name.as_str()), room);
    let mut items: Vec<ListItem> = v
        .tracks
        .iter()
        .map(|tr| {
            let span = (tr.max - tr.min).max(1);
            let filled = ((tr.value - tr.min) * 10 / span).clamp(0, 10) as usize;
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled));
            let delta = tr.value - tr.previous;
            let better = (delta > 0) == tr.higher_is_better;
            let (arrow, style) = match delta {
                0 => ("  ".to_string(), t.dim),
                d if d > 0 => (format!("▲{d}"), if better { t.good } else { t.bad }),
                d => (format!("▼{}", -d), if better { t.good } else { t.bad }),
            };
            ListItem::new(Line::from(vec![
                Span::styled(fit(&tr.name, name_w), t.text),
                Span::raw(" "),
                Span::styled(bar, t.dim),
                Span::styled(format!(" {:>4}", tr.value), t.text),
                Span::styled(format!(" {arrow}"), style),
            ]))
        })
        .collect();
    let flag_room = (inner_width as usize).saturating_sub(2 + 4).max(10);
    let flag_w = widest(v.flags.iter().map(|(n, _)| n.as_str()), flag_room);
    for (name, on) in v.flags.iter() {
        items.push(ListItem::new(Line::from(vec![
            Span::styled(fit(name, flag_w), t.text),
            Span::raw(" "),
            Span::styled(if *on { "yes" } else { "no" }, if *on { t.warn } else { t.dim }),
        ])));
    }
    items
}
