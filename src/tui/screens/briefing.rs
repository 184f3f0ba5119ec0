//! The briefing: the situation, what to learn, and who plays whom.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::tui::app::{App, HitList, SeatChoice};
use crate::tui::keymap::Context;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(b) = &app.briefing else { return };
    let t = &app.theme;
    let file = &b.scenario.file;
    let (head, body, foot) = frame_areas(area);
    f.render_widget(
        Paragraph::new(header_line(
            format!(" Briefing · {}", file.title),
            format!("{} turns · seed {} ", file.turns, b.seed),
            t,
            head.width,
        )),
        head,
    );
    let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let mut text = vec![Line::styled("The situation", t.title)];
    text.extend(file.briefing.lines().map(|l| Line::raw(l.to_string())));
    if !file.objectives.is_empty() {
        text.push(Line::raw(""));
        text.push(Line::styled("Learning objectives", t.title));
        text.extend(file.objectives.iter().map(|o| Line::raw(format!("• {o}"))));
    }
    if !file.sources.is_empty() {
        text.push(Line::raw(""));
        text.push(Line::styled("Drawn from", t.title));
        text.extend(file.sources.iter().map(|o| Line::styled(format!("• {o}"), t.dim)));
    }
    f.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((b.scroll, 0))
            .block(block(" Situation (← → scroll) ", false, t)),
        left,
    );
    let humans = b.seats.iter().filter(|s| **s == SeatChoice::Human).count();
    // Alone at the keyboard, you read your secret objectives here; with
    // several people, each reads theirs behind the privacy screen.
    let mine = b
        .seats
        .iter()
        .position(|s| *s == SeatChoice::Human)
        .filter(|_| humans == 1);
    let secret = mine.map(|a| secret_objectives(&file.actors[a], t, right.width.saturating_sub(2)));
    let secret_h = secret
        .as_ref()
        .map_or(0, |(_, h)| (*h + 2).min(right.height.saturating_sub(14)));
    let [seats, about, secret_area] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(8), Constraint::Length(secret_h)]).areas(right);
    if let Some((lines, _)) = secret.filter(|_| secret_h > 2) {
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(block(" Your secret objectives ", false, t)),
            secret_area,
        );
    }
    // Names first, in screen columns, so a narrow window cuts the seat's
    // kind and never the name; the seats line up when there is room.
    let inner = usize::from(seats.width.saturating_sub(4));
    let name_w = super::text::widest(file.actors.iter().map(|a| a.name.as_str()), inner);
    let name_w = if name_w + 19 <= inner { name_w } else { 0 };
    let items: Vec<ListItem> = file
        .actors
        .iter()
        .zip(&b.seats)
        .map(|(a, s)| {
            let seat = match s {
                SeatChoice::Human => Span::styled("[you]".to_string(), t.good),
                SeatChoice::Bot(p) => Span::styled(format!("[bot: {}]", p.name()), t.dim),
            };
            ListItem::new(Line::from(vec![
                Span::styled(super::text::pad(&a.name, name_w), t.text),
                Span::raw(" "),
                seat,
                Span::styled(format!(" ({})", a.kind.label()), t.dim),
            ]))
        })
        .collect();
    let title = if humans > 1 {
        format!(" Players · {humans} people take turns at this keyboard ")
    } else {
        " Players · Space: you/bot · b: bot policy ".to_string()
    };
    let mut state = ListState::default().with_selected(Some(b.sel));
    f.render_stateful_widget(
        List::new(items)
            .block(block(title, true, t))
            .highlight_style(t.selected)
            .highlight_symbol("▸ "),
        seats,
        &mut state,
    );
    app.hits
        .borrow_mut()
        .lists
        .push((seats, HitList::Seats, state.offset()));
    if let Some(a) = file.actors.get(b.sel) {
        f.render_widget(
            Paragraph::new(vec![
                Line::styled(a.name.clone(), t.title),
                Line::raw(a.description.clone()),
            ])
            .wrap(Wrap { trim: true })
            .block(block(" Public profile ", false, t)),
            about,
        );
    }
    footer(app, f, foot, Context::Briefing);
}

/// The actor's secret objectives, and the rows they take at `width`.
fn secret_objectives<'a>(
    a: &crate::scenario::schema::Actor,
    t: &crate::tui::theme::Theme,
    width: u16,
) -> (Vec<Line<'a>>, u16) {
    let mut lines = vec![Line::styled(format!("As {}, only you see these:", a.name), t.dim)];
    if a.secret_objectives.is_empty() {
        lines.push(Line::raw("none: play to the briefing's goals"));
    }
    lines.extend(a.secret_objectives.iter().map(|o| Line::raw(format!("• {}", o.text))));
    let rows = super::panels::wrapped_rows(&lines, width);
    (lines, rows)
}
