//! The Intel panel: your confidence in each suspect and why, over the
//! evidence you hold.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use ratatui::Frame;

use super::block;
use super::panels::{more_marks, render_list_over};
use super::text::{pad, widest};
use crate::engine::View;
use crate::scenario::schema::Confidence;
use crate::tui::app::{App, Panel};
use crate::tui::theme::Theme;

pub fn draw(app: &App, f: &mut Frame, area: Rect, v: &View, title: String, focused: bool, sel: usize) {
    let t = &app.theme;
    let (lines, starts) = suspects(v, t, area.width.saturating_sub(2));
    let wanted = lines.len() as u16 + 2;
    let sus_h = wanted.min(area.height / 2).max(3);
    let [top, rest] = Layout::vertical([Constraint::Length(sus_h), Constraint::Min(3)]).areas(area);
    // Scroll the suspects so the one the selected item points to is in sight.
    let shown = sus_h.saturating_sub(2) as usize;
    let target = v
        .evidence
        .get(sel)
        .and_then(|e| v.suspects.iter().position(|s| s.id == e.points_to))
        .and_then(|i| starts.get(i).copied())
        .unwrap_or(0);
    let end = starts
        .iter()
        .position(|&s| s == target)
        .and_then(|i| starts.get(i + 1).copied())
        .unwrap_or(lines.len());
    let offset = if end > shown { (end - shown).min(target) } else { 0 };
    let total = lines.len();
    let b = block(title, focused, t);
    let inner = b.inner(top);
    f.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)).block(b), top);
    more_marks(f, inner, top, total, offset, t);
    let detail = v
        .evidence
        .get(sel)
        .map(|e| {
            let mut lines = vec![Line::styled(
                format!("{}, reliability {}%", e.kind.label(), e.reliability),
                t.dim,
            )];
            if !e.text.is_empty() {
                lines.push(Line::styled(e.text.clone(), t.text));
            }
            lines
        })
        .unwrap_or_default();
    render_list_over(
        app,
        f,
        rest,
        evidence(v, t),
        " Evidence (s share · a attribute) ".into(),
        focused,
        sel,
        Panel::Intel,
        detail,
    );
}

fn conf_style(c: Option<Confidence>, t: &Theme) -> ratatui::style::Style {
    match c {
        Some(Confidence::High) => t.bad,
        Some(Confidence::Moderate) => t.warn,
        Some(Confidence::Low) => t.text,
        None => t.dim,
    }
}

/// The suspects' lines, and where each suspect's lines start.
fn suspects<'a>(v: &View, t: &Theme, width: u16) -> (Vec<Line<'a>>, Vec<usize>) {
    let mut lines = vec![Line::styled("Your confidence, from the evidence you hold:", t.dim)];
    let mut starts = Vec::new();
    let col = widest(
        v.suspects.iter().map(|s| s.name.as_str()),
        (width as usize).saturating_sub(18),
    );
    for s in &v.suspects {
        starts.push(lines.len());
        let c = s.confidence.map_or("no basis", |c| c.label());
        lines.push(Line::from(vec![
            Span::styled(pad(&s.name, col), t.text),
            Span::raw("  "),
            Span::styled(c, conf_style(s.confidence, t)),
        ]));
        for why in s.why.lines() {
            lines.push(Line::styled(format!("   {why}"), t.dim));
        }
    }
    (lines, starts)
}

fn evidence<'a>(v: &View, t: &Theme) -> Vec<ListItem<'a>> {
    let tlp_w = widest(v.evidence.iter().map(|e| e.tlp.label()), 20);
    v.evidence
        .iter()
        .map(|e| {
            let to = v
                .suspects
                .iter()
                .find(|s| s.id == e.points_to)
                .map_or("?", |s| s.name.as_str());
            let mut spans = vec![
                Span::styled(pad(e.tlp.label(), tlp_w), t.tlp(e.tlp)),
                Span::raw(" "),
                Span::styled(e.title.clone(), if e.refuted { t.dim } else { t.text }),
                Span::styled(format!("  {}% → {to}", e.reliability), t.dim),
            ];
            if e.refuted {
                spans.push(Span::styled("  planted!", t.warn));
            }
            ListItem::new(Line::from(spans))
        })
        .collect()
}
