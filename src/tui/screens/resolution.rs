//! Between turns: the privacy screen for hot-seat play, and the
//! resolution the player steps through.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, centered, footer, frame_areas, header_line};
use crate::tui::app::{App, HitList};
use crate::tui::keymap::Context;

pub fn draw_privacy(app: &App, f: &mut Frame, area: Rect) {
    let Some(m) = &app.game else { return };
    let t = &app.theme;
    let name = &m.game.scenario().file.actors[m.current].name;
    let (_, body, foot) = frame_areas(area);
    let box_area = centered(body, 60, 9);
    let text = vec![
        Line::raw(""),
        Line::styled(format!("Pass the keyboard to {name}"), t.title).centered(),
        Line::raw(""),
        Line::raw("Everyone else: please look away from the screen.").centered(),
        Line::raw(""),
        Line::styled(format!("{name}: press Enter when you are ready."), t.focus).centered(),
    ];
    f.render_widget(Paragraph::new(text).block(block(" Hot seat ", true, t)), box_area);
    footer(app, f, foot, Context::Privacy);
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(d) = app.desk() else { return };
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    let over = app.debrief.is_some() || app.game.as_ref().is_some_and(|m| m.game.is_over());
    let turn = app.view.as_ref().map_or(1, |v| v.turn);
    let title = if over {
        " The game is over: what happened last".to_string()
    } else if turn == 1 {
        " Your brief, before the first turn".to_string()
    } else {
        format!(" What happened · turn {} resolved", turn.saturating_sub(1))
    };
    f.render_widget(
        Paragraph::new(header_line(
            title,
            format!(
                "{} · step {} of {} ",
                app.player_name(),
                d.res_sel + 1,
                d.resolution.len()
            ),
            t,
            head.width,
        )),
        head,
    );
    let [list_area, detail] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let items: Vec<ListItem> = d
        .resolution
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let style = if i > d.res_sel { t.dim } else { t.text };
            ListItem::new(Line::styled(item.headline.clone(), style))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(d.res_sel));
    f.render_stateful_widget(
        List::new(items)
            .block(block(" Events ", false, t))
            .highlight_style(t.selected)
            .highlight_symbol("▸ "),
        list_area,
        &mut state,
    );
    app.hits
        .borrow_mut()
        .lists
        .push((list_area, HitList::Resolution, state.offset()));
    if let Some(item) = d.resolution.get(d.res_sel) {
        let mut text = vec![Line::styled(item.headline.clone(), t.title), Line::raw("")];
        text.extend(item.text.lines().map(|l| Line::raw(l.to_string())));
        let lower = item.headline.to_lowercase();
        if lower.contains("misread") || lower.contains("spiral") {
            text.push(Line::raw(""));
            text.push(Line::styled("Nobody chose this step up the ladder.", t.warn));
        }
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(block(" Detail ", true, t)),
            detail,
        );
    }
    footer(app, f, foot, Context::Resolution);
}
