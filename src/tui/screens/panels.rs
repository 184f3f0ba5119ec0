//! The five panels of the play screen, each drawn from the actor's view.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::block;
use crate::engine::View;
use crate::scenario::schema::{Confidence, Visibility};
use crate::tui::app::{App, HitList, Panel};
use crate::tui::theme::Theme;

#[allow(clippy::too_many_arguments)]
pub fn draw(app: &App, f: &mut Frame, area: Rect, v: &View, p: Panel, focused: bool, sel: usize, unread: usize) {
    let t = &app.theme;
    let title = format!(" {} {} ", p.index() + 1, p.title());
    let (items, detail): (Vec<ListItem>, Option<Vec<Line>>) = match p {
        Panel::Feed => feed(v, t, unread, sel),
        Panel::Intel => {
            let sus_h = (2 * v.suspects.len() as u16 + 3).min(area.height / 2);
            let [top, rest] = Layout::vertical([Constraint::Length(sus_h), Constraint::Min(3)]).areas(area);
            f.render_widget(
                Paragraph::new(suspects(v, t)).block(block(title.clone(), focused, t)),
                top,
            );
            let list = evidence(v, t);
            render_list(
                app,
                f,
                rest,
                list,
                " Evidence (s share · a attribute) ".into(),
                focused,
                sel,
                p,
            );
            return;
        }
        Panel::Relations => (relations(v, t), None),
        Panel::Tracks => (tracks(v, t), None),
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
            let b = block(title, focused, t);
            let inner = b.inner(area);
            f.render_widget(b, area);
            let [l, r] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(inner);
            let mut state = ListState::default().with_selected(Some(sel));
            let list = List::new(items)
                .highlight_style(if focused { t.selected } else { t.text })
                .highlight_symbol(if focused { "▸ " } else { "  " });
            f.render_stateful_widget(list, l, &mut state);
            let hit = Rect::new(l.x, l.y.saturating_sub(1), l.width, l.height + 1);
            app.hits
                .borrow_mut()
                .lists
                .push((hit, HitList::Panel(p), state.offset()));
            let rule = Line::styled("─".repeat(r.width as usize), t.border);
            let mut text = vec![rule];
            text.extend(lines);
            f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), r);
        }
        _ => render_list(app, f, area, items, title, focused, sel, p),
    }
    if p == Panel::Relations {
        ladder(f, area, v, t);
    }
}

#[allow(clippy::too_many_arguments)]
fn render_list(
    app: &App,
    f: &mut Frame,
    area: Rect,
    items: Vec<ListItem>,
    title: String,
    focused: bool,
    sel: usize,
    p: Panel,
) {
    let t = &app.theme;
    let empty = items.is_empty();
    let mut state = ListState::default().with_selected((!empty).then_some(sel));
    let list = List::new(items)
        .block(block(title, focused, t))
        .highlight_style(if focused { t.selected } else { t.text })
        .highlight_symbol(if focused { "▸ " } else { "  " });
    f.render_stateful_widget(list, area, &mut state);
    app.hits
        .borrow_mut()
        .lists
        .push((area, HitList::Panel(p), state.offset()));
}

fn feed<'a>(v: &View, t: &Theme, unread: usize, sel: usize) -> (Vec<ListItem<'a>>, Option<Vec<Line<'a>>>) {
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
    let detail = v.feed.get(sel).map(|e| vec![Line::styled(e.text.clone(), t.dim)]);
    (items, detail.filter(|d| d.iter().any(|l| l.width() > 0)))
}

fn conf_style(c: Option<Confidence>, t: &Theme) -> ratatui::style::Style {
    match c {
        Some(Confidence::High) => t.bad,
        Some(Confidence::Moderate) => t.warn,
        Some(Confidence::Low) => t.text,
        None => t.dim,
    }
}

fn suspects<'a>(v: &View, t: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled("Your confidence, from the evidence you hold:", t.dim)];
    for s in &v.suspects {
        let c = s.confidence.map_or("no basis", |c| c.label());
        lines.push(Line::from(vec![
            Span::styled(format!("{:<28.28} ", s.name), t.text),
            Span::styled(c, conf_style(s.confidence, t)),
        ]));
        lines.push(Line::styled(format!("   {}", s.why), t.dim));
    }
    lines
}

fn evidence<'a>(v: &View, t: &Theme) -> Vec<ListItem<'a>> {
    v.evidence
        .iter()
        .map(|e| {
            let to = v
                .suspects
                .iter()
                .find(|s| s.id == e.points_to)
                .map_or("?", |s| s.name.as_str());
            let mut spans = vec![
                Span::styled(format!("{:<17}", e.tlp.label()), t.tlp(e.tlp)),
                Span::styled(e.title.clone(), if e.refuted { t.dim } else { t.text }),
                Span::styled(format!("  {} {}% → {to}", e.kind.label(), e.reliability), t.dim),
            ];
            if e.refuted {
                spans.push(Span::styled("  planted!", t.warn));
            }
            ListItem::new(Line::from(spans))
        })
        .collect()
}

fn relations<'a>(v: &View, t: &Theme) -> Vec<ListItem<'a>> {
    let rungs = v.ladder.len();
    v.relations
        .iter()
        .map(|r| {
            let a = v.actors.iter().find(|a| a.id == r.with);
            let name = a.map_or(r.with.clone(), |a| a.name.clone());
            let mut spans = vec![
                Span::styled(format!("{name:<22.22}"), t.text),
                Span::styled(
                    format!(" trust {:>3} ", r.trust),
                    if r.trust < 30 { t.bad } else { t.dim },
                ),
                Span::styled(
                    format!("tension {:>3} ", r.tension),
                    if r.tension >= 70 { t.bad } else { t.dim },
                ),
                Span::styled(
                    format!("{:<20.20}", v.ladder.get(r.rung).cloned().unwrap_or_default()),
                    t.rung(r.rung, rungs),
                ),
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

fn ladder(f: &mut Frame, area: Rect, v: &View, t: &Theme) {
    // The ladder along the bottom of the panel, with how many of your
    // relations stand on each rung.
    let mut spans = vec![Span::styled("Ladder: ", t.dim)];
    for (i, name) in v.ladder.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", t.dim));
        }
        spans.push(Span::styled(name.clone(), t.rung(i, v.ladder.len())));
        let here = v.relations.iter().filter(|r| r.rung == i).count();
        if here > 0 {
            spans.push(Span::styled(format!(" ◀{here}"), t.focus));
        }
    }
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let line = Line::from(spans);
    let rows = (line.width() as u16).div_ceil(inner.width.max(1)).max(1);
    if inner.height > rows + v.relations.len() as u16 {
        let r = Rect::new(inner.x, inner.y + inner.height - rows, inner.width, rows);
        f.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), r);
    }
}

fn tracks<'a>(v: &View, t: &Theme) -> Vec<ListItem<'a>> {
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
                Span::styled(format!("{:<24.24}", tr.name), t.text),
                Span::styled(bar, t.dim),
                Span::styled(format!(" {:>4}", tr.value), t.text),
                Span::styled(format!(" {arrow}"), style),
            ]))
        })
        .collect();
    for (name, on) in v.flags.iter() {
        items.push(ListItem::new(Line::from(vec![
            Span::styled(format!("{name:<34.34} "), t.text),
            Span::styled(if *on { "yes" } else { "no" }, if *on { t.warn } else { t.dim }),
        ])));
    }
    items
}

fn actions<'a>(v: &View, t: &Theme, sel: usize) -> (Vec<ListItem<'a>>, Option<Vec<Line<'a>>>) {
    let items = v
        .options
        .iter()
        .map(|o| {
            let target = o.target.as_ref().and_then(|id| v.actors.iter().find(|a| &a.id == id));
            let on = target.map(|a| format!(" → {}", a.name)).unwrap_or_default();
            let style = if o.unavailable.is_some() { t.dim } else { t.text };
            let vis = match o.visibility {
                Visibility::Public => "public",
                Visibility::Parties => "private",
                Visibility::Secret => "secret",
            };
            let mut spans = vec![
                Span::styled(format!("{}{on}", o.name), style),
                Span::styled(format!("  ◦{} {}% {vis}", o.cost, o.chance), t.dim),
            ];
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
        lines
    });
    (items, detail)
}
