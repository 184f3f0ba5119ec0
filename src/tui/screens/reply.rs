//! Questions asked through a channel, drawn: the notice on the play
//! screen while one waits for an answer, and the dialog that answers it
//! (the answers on offer, the question's deadline, the explanation being
//! written).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::inbox::hints;
use super::text::fit;
use super::{block, centered};
use crate::engine::request::MAX_EXPLANATION;
use crate::engine::request_text as words;
use crate::engine::View;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::Context;
use crate::tui::reply_dialog::{choices, name_of, waiting, Choice, ReplyForm};

/// Draw the notice of questions waiting for an answer over the top row of
/// `body`, and return what is left of it for the panels.
pub fn notice(app: &App, f: &mut Frame, body: Rect, v: &View) -> Rect {
    let open: Vec<_> = waiting(v).collect();
    let Some(first) = open.first() else {
        return body;
    };
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    let text = words::notice(&name_of(v, &first.by), first.channel, open.len() - 1, first.due);
    f.render_widget(
        Paragraph::new(Line::styled(fit(&text, top.width as usize), app.theme.unread)),
        top,
    );
    rest
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let (Some(o), Some(v)) = (&app.overlay, app.view.as_ref()) else {
        return;
    };
    let (form, explaining) = match o {
        Overlay::Reply(form) => (form, false),
        Overlay::Explain(form) => (form, true),
        _ => return,
    };
    let Some(r) = v.press.requests.iter().find(|r| r.number == form.request) else {
        return;
    };
    let t = &app.theme;
    let who = name_of(v, &r.by);
    let mut lines = vec![
        Line::styled(words::asks_you(&who, r.channel, r.turn), t.title),
        Line::styled(format!("  {}", r.question), t.focus),
        Line::styled(words::deadline(r.due), t.dim),
        Line::raw(""),
    ];
    if explaining {
        explanation(app, form, &mut lines);
    } else {
        answers(app, r, form, &mut lines);
    }
    let context = if explaining { Context::Explain } else { Context::Reply };
    lines.push(Line::raw(""));
    lines.push(hints(app, context));
    let w = area.width.saturating_sub(4).min(84);
    let inner = w.saturating_sub(2).max(1);
    let rows: u16 = lines.iter().map(|l| (l.width() as u16).div_ceil(inner).max(1)).sum();
    let rect = centered(area, w, (rows + 2).min(area.height.saturating_sub(2)));
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(words::DIALOG_TITLE, true, t)),
        rect,
    );
}

fn answers(app: &App, r: &crate::engine::RequestView, form: &ReplyForm, lines: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    for (n, c) in choices(r).iter().enumerate() {
        let mark = if n == form.sel { "▶ " } else { "  " };
        let style = if n == form.sel { t.selected } else { t.text };
        let (label, note) = match c {
            Choice::Prepared(title) => (words::choice_prepared(title), None),
            Choice::Evidence(_, title, why) => (words::choice_pass(title, why.is_none()), why.clone()),
            Choice::Explain => (words::CHOICE_EXPLAIN.to_string(), None),
            Choice::Decline => (words::CHOICE_DECLINE.to_string(), None),
        };
        let style = if note.is_some() && n != form.sel { t.dim } else { style };
        lines.push(Line::styled(format!("{mark}{label}"), style));
        if let Some(why) = note.filter(|_| n == form.sel) {
            lines.push(Line::styled(format!("    {why}"), t.warn));
        }
    }
    if let (Some(Choice::Prepared(_)), Some((_, text))) = (choices(r).get(form.sel), &r.prepared) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(words::prepared_reads(text), t.dim));
    }
}

fn explanation(app: &App, form: &ReplyForm, lines: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let count = form.text.chars().count();
    let style = if count > MAX_EXPLANATION { t.warn } else { t.dim };
    lines.push(Line::styled(words::explanation_count(count), style));
    lines.push(Line::from(vec![
        Span::raw(format!("  {}", form.text)),
        Span::styled("█", t.focus),
    ]));
}
