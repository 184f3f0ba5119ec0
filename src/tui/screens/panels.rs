//! The five panels of the play screen, each drawn from the actor's view.
//! Every list scrolls with its selection and marks how many rows lie
//! above and below the window.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, intel, legend, world};
use crate::engine::View;
use crate::scenario::schema::Visibility;
use crate::tui::app::{App, HitList, Panel};
use crate::tui::theme::Theme;

#[allow(clippy::too_many_arguments)]
pub fn draw(app: &App, f: &mut Frame, area: Rect, v: &View, p: Panel, focused: bool, sel: usize, unread: usize) {
    let t = &app.theme;
    let title = format!(" {} {} ", p.index() + 1, p.title());
    let (items, detail): (Vec<ListItem>, Option<Vec<Line>>) = match p {
        Panel::Feed => feed(v, t, unread, sel, area.width.saturating_sub(2)),
        Panel::Intel => return intel::draw(app, f, area, v, title, focused, sel),
        Panel::Relations => return world::draw_relations(app, f, area, v, title, focused, sel),
        Panel::Tracks => return world::draw_world(app, f, area, v, title, focused, sel),
        Panel::Actions => actions(v, t, sel),
    };
    let title = if p == Panel::Feed && unread > 0 {
        format!("{title}● {unread} new ")
    } else {
        title
    };
    match detail {
        Some(lines) if area.width >= 90 && p == Panel::Actions => {
            let [l, r] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
            render_list(app, f, l, items, title, focused, sel, p);
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: true })
                    .block(block(" Expected ", false, t)),
                r,
            );
        }
        Some(lines) if area.height >= 12 => {
            // The selected item's text under the list, inside the same frame.
            render_list_over(app, f, area, items, title, focused, sel, p, lines);
        }
        _ => render_list(app, f, area, items, title, focused, sel, p),
    }
}

/// A list of one-line rows in a bordered panel, scrolled to the selection.
#[allow(clippy::too_many_arguments)]
pub fn render_list(
    app: &App,
    f: &mut Frame,
    area: Rect,
    items: Vec<ListItem>,
    title: String,
    focused: bool,
    sel: usize,
    p: Panel,
) {
    render_list_over(app, f, area, items, title, focused, sel, p, Vec::new());
}

/// Rows that `lines` take when wrapped to `width` columns.
pub fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(width.max(1)).max(1))
        .sum()
}

/// A list in a bordered panel with `below` under it, in the same frame
/// (wrapped; at most half the panel, all but 3 rows for the World panel,
/// and only if the list keeps 3 rows).
#[allow(clippy::too_many_arguments)]
pub fn render_list_over(
    app: &App,
    f: &mut Frame,
    area: Rect,
    items: Vec<ListItem>,
    title: String,
    focused: bool,
    sel: usize,
    p: Panel,
    below: Vec<Line>,
) {
    let t = &app.theme;
    let b = block(title, focused, t);
    let inner = b.inner(area);
    f.render_widget(b, area);
    // A rule between the list and what is below it.
    let wanted = if below.is_empty() {
        0
    } else {
        let cap = if p == Panel::Tracks {
            // Secret objectives are worth more rows than the list.
            inner.height.saturating_sub(3)
        } else {
            (inner.height / 2).max(3)
        };
        1 + wrapped_rows(&below, inner.width).min(cap)
    };
    let wanted = if inner.height >= wanted + 3 && wanted > 1 {
        wanted
    } else {
        0
    };
    let [l, r] = Layout::vertical([Constraint::Min(1), Constraint::Length(wanted)]).areas(inner);
    let total = items.len();
    let mut state = ListState::default().with_selected((total > 0).then_some(sel));
    let list = List::new(items)
        .highlight_style(if focused { t.selected } else { t.text })
        .highlight_symbol(if focused { "▸ " } else { "  " });
    f.render_stateful_widget(list, l, &mut state);
    if wanted > 0 {
        let rule = Line::styled("─".repeat(r.width as usize), t.border);
        f.render_widget(Paragraph::new(rule), Rect { height: 1, ..r });
        let text = Rect {
            y: r.y + 1,
            height: r.height - 1,
            ..r
        };
        f.render_widget(Paragraph::new(below).wrap(Wrap { trim: true }), text);
    }
    more_marks(f, l, area, total, state.offset(), t);
    // Clicks land on rows: the hit area starts one row above the first.
    let hit = Rect::new(l.x, l.y.saturating_sub(1), l.width, l.height + 1);
    app.hits
        .borrow_mut()
        .lists
        .push((hit, HitList::Panel(p), state.offset()));
}

/// "▲ 3 more" on the frame's top edge and "▼ 5 more" on its bottom edge
/// when a list of `total` one-line rows, scrolled to `offset`, does not
/// fit the `rows` area drawn inside `frame`.
pub fn more_marks(f: &mut Frame, rows: Rect, frame: Rect, total: usize, offset: usize, t: &Theme) {
    let shown = rows.height as usize;
    let above = offset.min(total);
    let below = total.saturating_sub(offset + shown);
    let mut mark = |text: String, y: u16| {
        let w = super::text::width(&text) as u16;
        if frame.width > w + 4 {
            let r = Rect::new(frame.x + frame.width - w - 2, y, w, 1);
            f.render_widget(Paragraph::new(Span::styled(text, t.focus)), r);
        }
    };
    if above > 0 {
        mark(format!(" ▲ {above} more "), frame.y);
    }
    if below > 0 && frame.height > 1 {
        // On the rule under the list, or on the frame's bottom edge.
        let y = if rows.y + rows.height < frame.y + frame.height - 1 {
            rows.y + rows.height
        } else {
            frame.y + frame.height - 1
        };
        mark(format!(" ▼ {below} more "), y);
    }
}

fn feed<'a>(v: &View, t: &Theme, unread: usize, sel: usize, width: u16) -> (Vec<ListItem<'a>>, Option<Vec<Line<'a>>>) {
    let items = v
        .feed
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mark = if i < unread {
                Span::styled("● ", t.unread)
            } else {
                Span::raw("  ")
            };
            let private = if e.public {
                Span::raw("")
            } else {
                Span::styled("◆ ", t.warn)
            };
            let style = if e.headline.starts_with("Turn ") && e.text.is_empty() {
                t.dim
            } else {
                t.text
            };
            ListItem::new(Line::from(vec![
                mark,
                Span::styled(format!("T{:<2} ", e.turn), t.dim),
                private,
                Span::styled(e.headline.clone(), style),
            ]))
        })
        .collect();
    // The selected item in full: its headline when the row cuts it, its text.
    let detail = v.feed.get(sel).map(|e| {
        let mut lines = Vec::new();
        if super::text::width(&e.headline) + 12 > width as usize {
            lines.push(Line::styled(e.headline.clone(), t.text));
        }
        if !e.text.is_empty() {
            lines.push(Line::styled(e.text.clone(), t.dim));
        }
        lines
    });
    (items, detail.filter(|d| !d.is_empty()))
}

fn actions<'a>(v: &View, t: &Theme, sel: usize) -> (Vec<ListItem<'a>>, Option<Vec<Line<'a>>>) {
    let items = v
        .options
        .iter()
        .map(|o| {
            let target = o.target.as_ref().and_then(|id| v.actors.iter().find(|a| &a.id == id));
            let on = target.map(|a| format!(" → {}", a.name)).unwrap_or_default();
            let locked = o.unavailable.is_some();
            let style = if locked { t.dim } else { t.text };
            let vis = match o.visibility {
                Visibility::Public => "public",
                Visibility::Parties => "private",
                Visibility::Secret => "secret",
            };
            let mut spans = vec![];
            if locked {
                spans.push(Span::styled("⊘ ", t.dim));
            }
            spans.push(Span::styled(format!("{}{on}", o.name), style));
            spans.push(Span::styled(format!("  ◦{} {}% {vis}", o.cost, o.chance), t.dim));
            if o.hostility > 0 {
                spans.push(Span::styled(format!(" ▲{}", o.hostility), t.bad));
            } else if o.hostility < 0 {
                spans.push(Span::styled(format!(" ▼{}", -o.hostility), t.good));
            }
            if !o.upholds.is_empty() {
                let l: String = o.upholds.iter().map(|n| n.letter()).collect();
                spans.push(Span::styled(format!(" ✓{l}"), t.good));
            }
            if !o.breaches.is_empty() {
                let l: String = o.breaches.iter().map(|n| n.letter()).collect();
                spans.push(Span::styled(format!(" ✗{l}"), t.bad));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let detail = v.options.get(sel).map(|o| {
        let mut lines = vec![Line::styled(o.description.clone(), t.text)];
        match &o.unavailable {
            Some(why) => lines.push(Line::styled(format!("Not now: {why}"), t.warn)),
            None => lines.extend(o.consequences.iter().map(|c| Line::styled(format!("• {c}"), t.dim))),
        }
        if !v.orders.is_empty() {
            lines.push(Line::styled(format!("Chosen: {}", v.orders.join("; ")), t.good));
        }
        if v.turn == 1 {
            // The first turn teaches the symbols of the list.
            lines.push(Line::raw(""));
            lines.extend(legend::actions(t));
        }
        lines
    });
    (items, detail)
}
