//! The launcher: the tutorial first, then every playable scenario.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::tui::app::{App, HitList};
use crate::tui::keymap::Context;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    f.render_widget(
        Paragraph::new(header_line(
            " demarche · cyber-diplomacy exercises".into(),
            if app.saved.is_empty() {
                format!("{} scenarios ", app.catalog.len())
            } else {
                format!("{} to continue · {} scenarios ", app.saved.len(), app.catalog.len())
            },
            t,
            head.width,
        )),
        head,
    );
    let wide = body.width >= 110;
    let [list_area, detail] = if wide {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body)
    };
    // Unfinished games first: "continue" and where each stands.
    let continues = app.saved.iter().map(|s| {
        ListItem::new(Line::from(vec![
            Span::styled("continue ", t.focus),
            Span::styled(s.summary(), t.text),
        ]))
    });
    let items: Vec<ListItem> = continues
        .chain(app.catalog.iter().map(|e| {
            let mut spans = vec![Span::styled(
                e.title(),
                if e.problem.is_some() { t.bad } else { t.text },
            )];
            if let Some(s) = &e.scenario {
                spans.push(Span::styled(
                    format!(
                        "  {:?} · {} actors · {} turns",
                        s.file.difficulty,
                        s.file.actors.len(),
                        s.file.turns
                    ),
                    t.dim,
                ));
            } else {
                spans.push(Span::styled("  cannot be played", t.bad));
            }
            ListItem::new(Line::from(spans))
        }))
        .collect();
    let mut state = ListState::default().with_selected(Some(app.launcher_sel));
    f.render_stateful_widget(
        List::new(items)
            .block(block(" Choose a scenario ", true, t))
            .highlight_style(t.selected)
            .highlight_symbol("▸ "),
        list_area,
        &mut state,
    );
    app.hits
        .borrow_mut()
        .lists
        .push((list_area, HitList::Launcher, state.offset()));
    let saved = app.saved.get(app.launcher_sel);
    let entry = app
        .launcher_sel
        .checked_sub(app.saved.len())
        .and_then(|i| app.catalog.get(i));
    let text = match (saved, entry) {
        (Some(s), _) => vec![
            Line::styled(format!("Continue: {}", s.title), t.title),
            Line::styled(format!("saved in {}", s.path.display()), t.dim),
            Line::raw(""),
            Line::raw(format!(
                "Turn {} of {}, last played {}.",
                s.turn,
                s.turns,
                s.modified.map(crate::session::save::utc).unwrap_or_default()
            )),
            Line::raw(""),
            Line::raw("Enter goes on where you left off. A new game, of this scenario or another, is saved in a file of its own: it never replaces this one."),
            Line::raw(""),
            Line::styled("Finished games stay in the same folder for `demarche report`.", t.dim),
        ],
        (None, entry) => match entry {
        Some(e) => match (&e.scenario, &e.problem) {
            (Some(s), _) => {
                let file = &s.file;
                let mut lines = vec![
                    Line::styled(file.title.clone(), t.title),
                    Line::styled(
                        if e.origin == "shipped" {
                            "comes with demarche".to_string()
                        } else {
                            format!("from {}", e.origin)
                        },
                        t.dim,
                    ),
                    Line::raw(""),
                    Line::raw(file.summary.clone()),
                    Line::raw(""),
                    Line::styled(
                        format!(
                            "Players: {} · {} turns{} · difficulty: {:?}",
                            file.actors
                                .iter()
                                .map(|a| a.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                            file.turns,
                            if file.turn_length.is_empty() {
                                String::new()
                            } else {
                                format!(" of {}", file.turn_length)
                            },
                            file.difficulty
                        ),
                        t.dim,
                    ),
                ];
                if !file.objectives.is_empty() {
                    lines.push(Line::raw(""));
                    lines.push(Line::styled("You will practise", t.title));
                    lines.extend(file.objectives.iter().map(|o| Line::raw(format!("• {o}"))));
                }
                lines
            }
            (None, p) => vec![
                Line::styled(e.origin.clone(), t.bad),
                Line::raw(""),
                Line::raw(p.clone().unwrap_or_default()),
            ],
        },
        None => vec![Line::raw(
            "No scenarios found. Put .ron files in ./scenarios or name one on the command line.",
        )],
        },
    };
    f.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(block(" About ", false, t)),
        detail,
    );
    footer(app, f, foot, Context::Launcher);
}
