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
    let [seats, about] = Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(right);
    let items: Vec<ListItem> = file
        .actors
        .iter()
        .zip(&b.seats)
        .map(|(a, s)| {
            let seat = match s {
                SeatChoice::Human => Span::styled(format!("{:<18}", "[you]"), t.good),
                SeatChoice::Bot(p) => Span::styled(format!("{:<18}", format!("[bot: {}]", p.name())), t.dim),
            };
            ListItem::new(Line::from(vec![
                seat,
                Span::raw(" "),
                Span::styled(a.name.clone(), t.text),
                Span::styled(format!(" ({})", a.kind.label()), t.dim),
            ]))
        })
        .collect();
    let humans = b.seats.iter().filter(|s| **s == SeatChoice::Human).count();
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
