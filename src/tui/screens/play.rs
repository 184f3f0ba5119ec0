//! The main screen: header, five panels (or one at a time on small
//! windows), footer.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::panels;
use super::text::{fit, width};
use super::{footer, frame_areas};
use crate::engine::View;
use crate::tui::app::{App, Panel};
use crate::tui::keymap::Context;

/// Windows at least this big get every panel at once.
pub const FULL_WIDTH: u16 = 110;
pub const FULL_HEIGHT: u16 = 32;

/// Number of selectable rows in a panel.
pub fn panel_len(v: &View, p: Panel) -> usize {
    match p {
        Panel::Feed => v.feed.len(),
        Panel::Intel => v.evidence.len(),
        Panel::Relations => v.actors.len().saturating_sub(1),
        Panel::Tracks => v.tracks.len() + v.flags.len(),
        Panel::Actions => v.options.len(),
    }
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let (Some(d), Some(v)) = (app.desk(), &app.view) else {
        return;
    };
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    // An observer may arrive before any player: the clock waits for one.
    let waits = app.remote.as_ref().is_some_and(|r| r.clock_waits);
    // Out of reach of the server, nobody here knows the time left.
    let lost = app.remote.as_ref().is_some_and(|r| !r.connected);
    let timer = match d.time_left {
        _ if lost => format!(" · {}", crate::tui::remote_link::CLOCK_STOPPED),
        Some(s) => {
            let waits = if waits { " waits for players" } else { "" };
            format!(" · ⏱ {}:{:02}{waits}", s / 60, s % 60)
        }
        None => String::new(),
    };
    let paused = app.remote.as_ref().is_some_and(|r| r.paused);
    let phase = if paused {
        "PAUSED by the facilitator"
    } else if v.committed {
        "committed, waiting"
    } else {
        "orders"
    };
    let len = if v.turn_length.is_empty() {
        String::new()
    } else {
        format!(" ({} each)", v.turn_length)
    };
    let mut left = format!(" {} · turn {}/{}{len} · {phase}{timer}", v.scenario, v.turn, v.turns);
    let mut right = format!(
        "{} ({}) · resources {} · credibility {} ",
        v.name,
        v.kind.label(),
        v.resources,
        v.credibility
    );
    let w = head.width as usize;
    if width(&left) + width(&right) > w {
        left = format!(" turn {}/{} · {phase}{timer}", v.turn, v.turns);
        right = format!("{} · res {} · cred {} ", v.name, v.resources, v.credibility);
    }
    if width(&left) + width(&right) > w {
        // A long name gives way first: the figures always stay in sight.
        let figures = format!(" · res {} · cred {} ", v.resources, v.credibility);
        let room = w.saturating_sub(width(&left) + width(&figures));
        right = format!("{}{figures}", fit(&v.name, room).trim_end());
    }
    let pad = w.saturating_sub(width(&left) + width(&right));
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(left, t.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, t.focus),
        ])),
        head,
    );
    let body = super::reply::notice(app, f, body, v);
    let ui = &d.ui;
    let unread = v.feed.len().saturating_sub(d.read.min(v.feed.len()));
    if body.width >= FULL_WIDTH && body.height + 2 >= FULL_HEIGHT {
        let [top, mid, bottom] = Layout::vertical([
            Constraint::Percentage(38),
            Constraint::Percentage(30),
            Constraint::Percentage(32),
        ])
        .areas(body);
        let [feed, intel] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        let [rel, tracks] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(mid);
        for (p, r) in [
            (Panel::Feed, feed),
            (Panel::Intel, intel),
            (Panel::Relations, rel),
            (Panel::Tracks, tracks),
            (Panel::Actions, bottom),
        ] {
            panels::draw(app, f, r, v, p, ui.focus == p.index(), ui.sel[p.index()], unread);
        }
    } else {
        let [tabs, panel] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        let mut spans = Vec::new();
        let mut x = tabs.x;
        for p in Panel::ALL {
            let label = format!(" {} {} ", p.index() + 1, p.title());
            let w = width(&label) as u16;
            app.hits.borrow_mut().tabs.push((Rect::new(x, tabs.y, w, 1), p.index()));
            x += w;
            let style = if ui.focus == p.index() { t.selected } else { t.dim };
            spans.push(Span::styled(label, style));
        }
        if unread > 0 {
            spans.push(Span::styled(format!(" ● {unread} new"), t.unread));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), tabs);
        let p = ui.panel();
        panels::draw(app, f, panel, v, p, true, ui.sel[p.index()], unread);
    }
    footer(app, f, foot, Context::Play);
}
