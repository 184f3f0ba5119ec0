//! The press dialogs drawn: the inbox (threads per correspondent with
//! unread marks, each message with its recipients, the proposals waiting
//! for an answer), the compose form and the proposal form.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, centered};
use crate::engine::press::MAX_TEXT;
use crate::engine::{press_text, View};
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{self, Context};
use crate::tui::press_dialogs::{self as pd, Compose, Inbox, ProposeForm};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let (Some(o), Some(v)) = (&app.overlay, app.view.as_ref()) else {
        return;
    };
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    match o {
        Overlay::Inbox(i) => inbox(app, v, i, f, r),
        Overlay::Compose(c) => compose(app, v, c, f, r),
        Overlay::Propose(p) => propose(app, v, p, f, r),
        _ => {}
    }
}

/// The footer of a press dialog: its own keys, from the keymap.
pub(super) fn hints(app: &App, c: Context) -> Line<'static> {
    let parts: Vec<String> = keymap::hints_for(&[c])
        .into_iter()
        .map(|(k, does)| format!("{k}: {does}"))
        .collect();
    Line::styled(parts.join("  "), app.theme.focus)
}

fn names(v: &View, ids: &[String]) -> String {
    if ids.is_empty() {
        return press_text::EVERYONE.to_string();
    }
    ids.iter().map(|id| pd::name_of(v, id)).collect::<Vec<_>>().join(", ")
}

fn inbox(app: &App, v: &View, i: &Inbox, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let outer = block(
        format!(" Messages · {} ", press_text::mode_label(v.press.mode)),
        true,
        t,
    );
    let inner = outer.inner(r);
    f.render_widget(outer, r);
    let asked: Vec<_> = crate::tui::reply_dialog::waiting(v).collect();
    let nprop = (v.press.proposals.len() + asked.len()) as u16;
    let [body, props, foot] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(if nprop == 0 { 2 } else { nprop.min(6) + 1 }),
        Constraint::Length(2),
    ])
    .areas(inner);
    let [left, right] = Layout::horizontal([Constraint::Length(28), Constraint::Min(10)]).areas(body);
    let keys = pd::threads(v);
    let mut lines = Vec::new();
    for (n, key) in keys.iter().enumerate() {
        let label = if key.is_empty() {
            "Public statements".to_string()
        } else {
            pd::name_of(v, key)
        };
        let unread = pd::unread(app, v, key);
        let mark = if unread > 0 {
            format!(" ● {unread}")
        } else {
            String::new()
        };
        let closed = v.press.lines.iter().any(|(id, why)| id == key && why.is_some());
        let style = if n == i.thread && !i.on_proposals {
            t.selected
        } else if unread > 0 {
            t.unread
        } else if closed {
            t.dim
        } else {
            t.text
        };
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::styled(mark, t.unread),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(" Threads ", !i.on_proposals, t)),
        left,
    );
    let key = keys.get(i.thread).cloned().unwrap_or_default();
    let mut lines = Vec::new();
    if let Some((_, Some(why))) = v.press.lines.iter().find(|(id, _)| *id == key) {
        lines.push(Line::styled(why.clone(), t.warn));
    }
    let msgs = pd::thread_messages(v, &key);
    if v.press.earlier > 0 {
        lines.push(Line::styled(press_text::earlier(v.press.earlier), t.dim));
    }
    if msgs.is_empty() {
        lines.push(Line::styled("No messages yet. w: write one", t.dim));
    }
    for m in msgs {
        let head = format!("Turn {} · {} → {}", m.turn, pd::name_of(v, &m.from), names(v, &m.to));
        let style = if m.from == v.actor { t.dim } else { t.title };
        lines.push(Line::styled(head, style));
        for l in m.text.split('\n') {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    // The latest messages at the bottom stay in sight.
    let h = right.height.saturating_sub(2) as usize;
    let skip = lines.len().saturating_sub(h) as u16;
    let title = if key.is_empty() {
        " Public statements (everyone reads them) ".to_string()
    } else {
        format!(" With {} ", pd::name_of(v, &key))
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0))
            .block(block(title, false, t)),
        right,
    );
    let mut lines = vec![Line::styled("Waiting for your answer", t.title)];
    if nprop == 0 {
        lines.push(Line::styled("  nothing", t.dim));
    }
    // Questions through a channel are answered from the play screen (r).
    for r in &asked {
        let by = pd::name_of(v, &r.by);
        lines.push(Line::styled(
            crate::engine::request_text::inbox_line(&by, r.channel, r.due),
            t.unread,
        ));
    }
    for (n, p) in v.press.proposals.iter().enumerate() {
        let style = if i.on_proposals && n == i.proposal {
            t.selected
        } else {
            t.text
        };
        lines.push(Line::styled(
            format!("  {}: {}", pd::name_of(v, &p.from), p.what),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines), props);
    f.render_widget(
        Paragraph::new(hints(app, Context::Inbox)).wrap(Wrap { trim: true }),
        foot,
    );
}

fn compose(app: &App, v: &View, c: &Compose, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let ids = pd::others(v);
    let ticked: Vec<String> = ids
        .iter()
        .zip(&c.to)
        .filter(|(_, x)| **x)
        .map(|(id, _)| id.clone())
        .collect();
    let mut lines = vec![Line::from(vec![
        Span::styled("To: ", t.title),
        Span::styled(names(v, &ticked), t.focus),
    ])];
    if ticked.is_empty() {
        lines.push(Line::styled(
            "  nobody ticked: a public statement that every actor reads",
            t.dim,
        ));
    }
    for (n, id) in ids.iter().enumerate() {
        let tick = if c.to.get(n).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let why = v.press.lines.iter().find(|(i, _)| i == id).and_then(|(_, w)| w.clone());
        let style = if c.field == 1 && n == c.to_sel {
            t.selected
        } else {
            t.text
        };
        let mut spans = vec![Span::styled(format!("  {tick} {}", pd::name_of(v, id)), style)];
        if let Some(w) = why {
            spans.push(Span::styled(format!("  ({w})"), t.dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let count = c.text.chars().count();
    let style = if count > MAX_TEXT { t.warn } else { t.dim };
    lines.push(Line::styled(format!("Message ({count}/{MAX_TEXT} characters)"), style));
    let body: Vec<&str> = c.text.split('\n').collect();
    for (n, l) in body.iter().enumerate() {
        let mut spans = vec![Span::raw(format!("  {l}"))];
        if n + 1 == body.len() && c.field == 0 {
            spans.push(Span::styled("█", t.focus));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    lines.push(hints(app, Context::Compose));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(" Write a message ", true, t)),
        r,
    );
}

fn propose(app: &App, v: &View, p: &ProposeForm, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let ids = pd::others(v);
    let mut lines = vec![Line::styled("To", t.title)];
    for (n, id) in ids.iter().enumerate() {
        let style = if n == p.to { t.selected } else { t.text };
        lines.push(Line::styled(format!("  {}", pd::name_of(v, id)), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Proposal: ", t.title),
        Span::styled(pd::kind_label(p), t.focus),
    ]));
    let about = match p.kind {
        0 => "Neither side climbs the ladder against the other. Breaking it is public and costs credibility.",
        1 => "Ask for help against the incident (UN norm h): a helper passes on what it may share.",
        _ => "Offer the measure: the scenario's action for it, aimed at them; in force once they accept.",
    };
    lines.push(Line::styled(about, t.dim));
    lines.push(Line::raw(""));
    lines.push(hints(app, Context::Propose));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(" Propose ", true, t)),
        r,
    );
}
