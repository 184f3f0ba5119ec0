//! The projector: the public view, large and readable from the back of the
//! room. Nothing private is ever on it. The turn clock is drawn in large
//! digits, a pause fills the top with a banner, and the room sees who it
//! is still waiting for.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::engine::PublicView;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    let Some(r) = app.remote.as_ref() else { return };
    let Some(v) = r.public.as_ref() else {
        f.render_widget(Paragraph::new("Waiting for the server…"), body);
        return;
    };
    let waiting = if v.waiting_for.is_empty() || v.over {
        String::new()
    } else {
        format!(" · waiting for {}", v.waiting_for.len())
    };
    f.render_widget(
        Paragraph::new(header_line(
            format!(" {}", v.scenario),
            format!("turn {}/{}{waiting} ", v.turn, v.turns),
            t,
            head.width,
        )),
        head,
    );
    let body = if r.paused && body.height < 30 {
        // A small screen keeps its panels: the banner is one line.
        let [banner, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        f.render_widget(
            Paragraph::new(Line::styled(
                "⏸ PAUSED · the facilitator has paused the game; the clock is stopped",
                t.warn.add_modifier(ratatui::style::Modifier::REVERSED),
            ))
            .centered(),
            banner,
        );
        rest
    } else if r.paused {
        let [banner, rest] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(body);
        f.render_widget(
            Paragraph::new(vec![
                Line::styled("PAUSED", t.warn).centered(),
                Line::styled("The facilitator has paused the game; the clock is stopped.", t.text).centered(),
            ])
            .block(block("", true, t)),
            banner,
        );
        rest
    } else {
        body
    };
    let [news, side] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    news_panel(app, f, news, v);
    // The clock and who is late come first; the attributions give way.
    let wait_rows = if v.over {
        // Where the debrief will appear.
        2
    } else {
        let names: usize = v.waiting_for.iter().map(|id| name_of(v, id).chars().count() + 2).sum();
        let inner = side.width.saturating_sub(2).max(1) as usize;
        ("Waiting for ".len() + names).div_ceil(inner).clamp(1, 4) as u16
    };
    let clock_h = (BIG_ROWS + 3 + wait_rows).min(side.height);
    let world_h = (v.tracks.len() as u16 + v.flags.len() as u16 + 2).min(side.height - clock_h);
    let rest = side.height - clock_h - world_h;
    let attr_h = if rest >= 8 { 6.min(rest / 2) } else { 0 };
    let [clock, world, ladder, attr] = Layout::vertical([
        Constraint::Length(clock_h),
        Constraint::Length(world_h),
        Constraint::Length(rest - attr_h),
        Constraint::Length(attr_h),
    ])
    .areas(side);
    // Out of reach of the server, nobody here knows the time left.
    let left = r.desk.time_left.filter(|_| r.connected);
    clock_panel(f, clock, v, left, (r.paused, r.clock_waits, !r.connected), t);
    world_panel(f, world, v, t);
    ladder_panel(f, ladder, v, t);
    let lines: Vec<Line> = if v.attributions.is_empty() {
        vec![Line::styled("No public attribution yet", t.dim)]
    } else {
        v.attributions.iter().map(|a| Line::raw(a.clone())).collect()
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(" Attributions ", false, t)),
        attr,
    );
    footer(app, f, foot, Context::Spectator);
}

fn news_panel(app: &App, f: &mut Frame, area: Rect, v: &PublicView) {
    let t = &app.theme;
    let items: Vec<ListItem> = v
        .feed
        .iter()
        .filter(|e| !(e.headline.starts_with("Turn ") && e.text.is_empty()))
        .map(|e| {
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("T{} ", e.turn), t.dim),
                Span::styled(e.headline.clone(), t.title),
            ])];
            if !e.text.is_empty() {
                lines.push(Line::styled(format!("   {}", e.text), t.text));
            }
            lines.push(Line::raw(""));
            ListItem::new(lines)
        })
        .collect();
    f.render_widget(List::new(items).block(block(" News ", false, t)), area);
}

/// The turn clock in large digits, and who has not yet committed.
/// The turn clock in big digits, dim while `stopped` (paused, or waiting
/// for the first player to join), replaced by a warning while the server
/// is out of reach (`lost`, the third of `stopped`), and whom the turn
/// waits for.
fn clock_panel(f: &mut Frame, area: Rect, v: &PublicView, left: Option<u64>, stopped: (bool, bool, bool), t: &Theme) {
    let (paused, waits, lost) = stopped;
    let mut lines: Vec<Line> = match left {
        Some(s) if !v.over => {
            let style = if paused || waits {
                t.dim
            } else if s <= 30 {
                t.warn
            } else {
                t.title
            };
            let rows = big_digits(&format!("{}:{:02}", s / 60, s % 60));
            // Twice as wide where there is room: each column drawn twice.
            let wide = rows[0].chars().count() * 2 <= area.width.saturating_sub(2) as usize;
            rows.into_iter()
                .map(|row| {
                    let row = if wide {
                        row.chars().flat_map(|c| [c, c]).collect()
                    } else {
                        row
                    };
                    Line::styled(row, style).centered()
                })
                .collect()
        }
        _ => {
            let mut l = vec![Line::raw(""); BIG_ROWS as usize];
            let text = match (v.over, lost) {
                (true, _) => "The game is over",
                (false, true) => crate::tui::remote_link::CLOCK_STOPPED_PANEL,
                (false, false) => "No turn timer",
            };
            let style = if lost { t.warn } else { t.dim };
            l[1] = Line::styled(text, style).centered();
            l
        }
    };
    lines.push(Line::raw(""));
    if waits && !paused && !v.over && left.is_some() {
        lines.push(Line::styled("The clock starts when the first player joins", t.dim).centered());
    }
    if v.over {
        lines.push(Line::styled("The debrief appears here", t.dim).centered());
        lines.push(Line::styled("when the facilitator shows it", t.dim).centered());
    } else {
        if v.waiting_for.is_empty() {
            lines.push(Line::styled("Everyone has committed", t.good).centered());
        } else {
            let names: Vec<String> = v.waiting_for.iter().map(|id| name_of(v, id)).collect();
            lines.push(Line::from(vec![
                Span::styled("Waiting for ", t.dim),
                Span::styled(names.join(", "), t.warn),
            ]));
        }
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            format!(" Turn {} of {} ", v.turn, v.turns),
            false,
            t,
        )),
        area,
    );
}

/// An actor's name, from its id.
fn name_of(v: &PublicView, id: &str) -> String {
    v.actors
        .iter()
        .find(|a| a.id == id)
        .map_or(id.to_string(), |a| a.name.clone())
}

fn world_panel(f: &mut Frame, area: Rect, v: &PublicView, t: &Theme) {
    let mut lines = Vec::new();
    let bar = (area.width as i32 - 2 - 23 - 5).clamp(4, 30);
    for tr in &v.tracks {
        let span = (tr.max - tr.min).max(1);
        let filled = ((tr.value - tr.min) * bar / span).clamp(0, bar) as usize;
        lines.push(Line::from(vec![
            Span::styled(format!("{:<22.22} ", tr.name), t.text),
            Span::styled("█".repeat(filled), t.title),
            Span::styled("░".repeat(bar as usize - filled), t.dim),
            Span::styled(format!(" {}", tr.value), t.text),
        ]));
    }
    for (name, on) in &v.flags {
        lines.push(Line::raw(format!("{name:<22.22} {}", if *on { "yes" } else { "no" })));
    }
    f.render_widget(Paragraph::new(lines).block(block(" World ", false, t)), area);
}

fn ladder_panel(f: &mut Frame, area: Rect, v: &PublicView, t: &Theme) {
    let name = |id: &str| name_of(v, id);
    let mut pairs: Vec<&(String, String, usize)> = v.postures.iter().filter(|p| p.2 > 0).collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.2));
    let mut lines: Vec<Line> = pairs
        .iter()
        .map(|(a, b, r)| {
            Line::from(vec![
                Span::styled(format!("{} – {}  ", name(a), name(b)), t.text),
                Span::styled(
                    v.ladder.get(*r).cloned().unwrap_or_default(),
                    t.rung(*r, v.ladder.len()),
                ),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("Everyone at \"{}\"", v.ladder.first().cloned().unwrap_or_default()),
            t.good,
        ));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(" Escalation ", false, t)),
        area,
    );
}

/// Rows of the large digits.
pub const BIG_ROWS: u16 = 3;

/// `text` (digits and `:`) in large digits, three rows of block and
/// half-block characters, each digit three columns wide and a space apart;
/// any other character is left blank.
pub fn big_digits(text: &str) -> [String; 3] {
    const DIGITS: [[&str; 3]; 10] = [
        ["█▀█", "█ █", "▀▀▀"],
        [" ▀█", "  █", "  ▀"],
        ["▀▀█", "█▀▀", "▀▀▀"],
        ["▀▀█", " ▀█", "▀▀▀"],
        ["█ █", "▀▀█", "  ▀"],
        ["█▀▀", "▀▀█", "▀▀▀"],
        ["█▀▀", "█▀█", "▀▀▀"],
        ["▀▀█", "  █", "  ▀"],
        ["█▀█", "█▀█", "▀▀▀"],
        ["█▀█", "▀▀█", "▀▀▀"],
    ];
    let mut rows = [String::new(), String::new(), String::new()];
    for (i, c) in text.chars().enumerate() {
        let glyph: [&str; 3] = match c {
            ':' => ["▄", "▄", " "],
            c => c.to_digit(10).map_or(["   "; 3], |d| DIGITS[d as usize]),
        };
        for (row, g) in rows.iter_mut().zip(glyph) {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(g);
        }
    }
    rows
}
