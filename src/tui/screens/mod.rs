//! Drawing: one module a screen, plus what they share.

pub mod attribute_dialog;
pub mod briefing;
pub mod debrief;
pub mod debrief_chart;
pub mod debrief_press;
pub mod inbox;
pub mod intel;
pub mod launcher;
pub mod legend;
pub mod overlays;
pub mod panels;
pub mod play;
pub mod press_desk;
pub mod reply;
pub mod resolution;
pub mod rooms;
pub mod spectator;
pub mod text;
pub mod white_cell;
pub mod world;

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::app::{App, Screen};
use super::keymap::{self, Context};
use super::theme::Theme;

/// The smallest window demarche draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    *app.hits.borrow_mut() = Default::default();
    if let Some(room) = app.open_room() {
        return draw(room, f);
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area, &app.theme);
        return;
    }
    match app.screen {
        Screen::Launcher => launcher::draw(app, f, area),
        Screen::Briefing => briefing::draw(app, f, area),
        Screen::Privacy => resolution::draw_privacy(app, f, area),
        Screen::Resolution => resolution::draw(app, f, area),
        Screen::Play => play::draw(app, f, area),
        Screen::Debrief => debrief::draw(app, f, area),
        Screen::WhiteCell => white_cell::draw(app, f, area),
        Screen::Spectator => spectator::draw(app, f, area),
        Screen::Rooms => rooms::draw(app, f, area),
    }
    if app.overlay.is_some() {
        overlays::draw(app, f, area);
        link_banner(app, f, area);
    }
}

/// Over a dialog that covers the whole screen, footer and all (letters,
/// the press desk, a reply): the notice that the connection to the
/// server is down, on the top line.
fn link_banner(app: &App, f: &mut Frame, area: Rect) {
    use super::app::Overlay as O;
    let whole = matches!(
        app.overlay,
        Some(
            O::Inbox(_) | O::Compose(_) | O::Propose(_) | O::PressDesk(_) | O::WriteAs(_) | O::Reply(_) | O::Explain(_)
        )
    );
    if let Some(notice) = app.remote.as_ref().and_then(|r| r.link_notice()).filter(|_| whole) {
        let line = Rect::new(area.x, area.y, area.width, 1);
        f.render_widget(ratatui::widgets::Clear, line);
        f.render_widget(Paragraph::new(Line::styled(notice, app.theme.warn)), line);
    }
}

fn too_small(f: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("The window is too small for demarche.", theme.warn),
        Line::raw(""),
        Line::raw(format!(
            "It is {}×{}; demarche needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::raw("Enlarge the window or reduce the font size."),
        Line::raw(""),
        Line::styled("q quits", theme.dim),
    ];
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// A bordered block; the focused one stands out.
pub fn block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        });
    if focused {
        b.border_style(theme.focus).title_style(theme.focus)
    } else {
        b.border_style(theme.border).title_style(theme.title)
    }
}

/// The key hints line at the bottom, plus the status message. A room of
/// the white cell console always starts with the way back to the rooms.
pub fn footer(app: &App, f: &mut Frame, area: Rect, context: Context) {
    let t = &app.theme;
    let room = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    // Whole hints only, in the table's order, as many as the width holds:
    // a hint is never cut in the middle.
    let hint = |spans: &mut Vec<Span<'static>>, used: &mut usize, (keys, does): (&'static str, &'static str)| {
        let sep = if spans.is_empty() { 0 } else { 2 };
        let w = sep + text::width(keys) + 1 + text::width(does);
        if *used + w > room {
            return false;
        }
        if sep > 0 {
            spans.push(Span::styled("  ", t.dim));
        }
        spans.push(Span::styled(keys, t.focus));
        spans.push(Span::styled(format!(" {does}"), t.dim));
        *used += w;
        true
    };
    if app.in_console {
        for h in keymap::hints_for(&[Context::ConsoleRoom]) {
            hint(&mut spans, &mut used, h);
        }
    }
    // A status message comes first; the screen's keys follow where there
    // is room, so the footer never loses them for good.
    // Out of reach of the server, the notice takes the status's place:
    // nothing else this screen says holds until it is back.
    let notice = app.remote.as_ref().and_then(|r| r.link_notice()).map(|n| (n, true));
    if let Some((msg, error)) = notice.as_ref().or(app.status.as_ref()).filter(|(m, _)| !m.is_empty()) {
        let style = if *error { t.warn } else { t.good };
        if !spans.is_empty() {
            spans.push(Span::styled(" │ ", t.dim));
            used += 3;
        }
        spans.push(Span::styled(msg.clone(), style));
        used += text::width(msg);
        if used + 3 < room {
            spans.push(Span::styled(" │", t.dim));
            used += 3;
        }
    }
    for h in keymap::hints(context) {
        if !hint(&mut spans, &mut used, h) {
            break;
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred rectangle for dialogs.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// Header and footer around a body.
pub fn frame_areas(area: Rect) -> (Rect, Rect, Rect) {
    let [h, body, foot] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    (h, body, foot)
}

pub fn header_line<'a>(left: String, right: String, theme: &Theme, width: u16) -> Line<'a> {
    let pad = (width as usize).saturating_sub(text::width(&left) + text::width(&right));
    Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim),
    ])
}

pub fn styled(s: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(s.into(), style)
}
