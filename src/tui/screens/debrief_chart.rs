//! The debrief's escalation chart: the rung of each pair over the turns.
//! With many actors only the pairs that moved are drawn, the highest and
//! most changed first (at most [`MAX_LINES`]; the title says how many are
//! left out, all are in the report). The axes are labelled with the
//! ladder's full rung names and the turns, and without colour (NO_COLOR)
//! each line is told apart by its marker. The legend sits under the chart,
//! in as many columns as the width allows, so it is never hidden, however
//! small the window.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};
use ratatui::Frame;

use super::block;
use super::text::width;
use crate::engine::debrief::{Debrief, PairHistory};
use crate::tui::theme::Theme;

/// Most pairs drawn at once: more lines cannot be told apart.
pub const MAX_LINES: usize = 6;

/// Markers for the lines without colour, one per line drawn, with the
/// glyph the legend shows.
const MARKERS: [(Marker, &str); MAX_LINES] = [
    (Marker::Braille, "⣿"),
    (Marker::Dot, "•"),
    (Marker::Block, "█"),
    (Marker::Bar, "▄"),
    (Marker::HalfBlock, "▀"),
    (Marker::Quadrant, "▚"),
];

/// The pairs worth drawing: those whose rung ever left the first one,
/// highest peak first, then the most change, then the order of the record.
pub fn moved(d: &Debrief) -> Vec<&PairHistory> {
    let mut pairs: Vec<&PairHistory> = d.escalation.iter().filter(|p| p.rungs.iter().any(|&r| r > 0)).collect();
    let change = |p: &PairHistory| p.rungs.windows(2).map(|w| w[0].abs_diff(w[1])).sum::<usize>();
    pairs.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.rungs.iter().copied().max().unwrap_or(0)),
            std::cmp::Reverse(change(p)),
        )
    });
    pairs
}

pub fn draw(f: &mut Frame, area: Rect, d: &Debrief, t: &Theme) {
    let palette = [t.bad, t.warn, t.good, t.unread, t.focus, t.title];
    let moved_any = moved(d);
    // One ladder per chart, that of the highest pair: its rungs label
    // the axis (a state and a company may climb a ladder of their own).
    let rungs = moved_any.first().map_or(&d.ladder[..], |p| d.rungs_of(p));
    let ladder = moved_any.first().map_or(0, |p| p.ladder);
    let all: Vec<&PairHistory> = moved_any.iter().copied().filter(|p| p.ladder == ladder).collect();
    let elsewhere = moved_any.len() - all.len();
    let shown = &all[..all.len().min(MAX_LINES)];
    let series: Vec<(String, Vec<(f64, f64)>)> = shown
        .iter()
        .map(|p| {
            let pts = p.rungs.iter().enumerate().map(|(x, &r)| (x as f64, r as f64)).collect();
            (format!("{} – {}", p.a, p.b), pts)
        })
        .collect();
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, (_, pts))| {
            let marker = if t.color {
                Marker::Braille
            } else {
                MARKERS[i % MARKERS.len()].0
            };
            Dataset::default()
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(palette[i % palette.len()])
                .data(pts)
        })
        .collect();
    let turns = d
        .escalation
        .first()
        .map_or(1, |p| p.rungs.len().saturating_sub(1))
        .max(1);
    let top = rungs.len().saturating_sub(1).max(1);
    let ylabels: Vec<Line> = rungs.iter().map(|r| Line::raw(r.clone())).collect();
    let mut title = match (all.len(), shown.len()) {
        (0, _) => " Escalation: every pair stayed on the first rung ".to_string(),
        (n, s) if n > s => format!(" Escalation by pair: the {s} highest of {n} pairs that moved (all in the report) "),
        (n, _) => format!(
            " Escalation by pair: the {n} pair{} that moved ",
            if n == 1 { "" } else { "s" }
        ),
    };
    if elsewhere > 0 {
        let name = d.ladders.get(ladder).map_or("the ladder", |l| l.name.as_str());
        title = format!(
            "{}on {name}; {elsewhere} more on another ladder (in the report) ",
            title.trim_end_matches(' ').to_string() + " "
        );
    }
    let mut xlabels: Vec<Line> = vec![Line::raw("start")];
    if turns > 1 {
        xlabels.push(Line::raw(format!("turn {}", turns.div_ceil(2))));
    }
    xlabels.push(Line::raw(format!("turn {turns}")));
    let frame = block(title, true, t);
    let inner = frame.inner(area);
    f.render_widget(frame, area);
    let entries: Vec<(Span, String)> = series
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let glyph = if t.color {
                "━━"
            } else {
                MARKERS[i % MARKERS.len()].1
            };
            (Span::styled(glyph, palette[i % palette.len()]), name.clone())
        })
        .collect();
    let legend = legend_lines(&entries, inner.width);
    // Keep at least a few rows for the chart itself.
    let rows = (legend.len() as u16).min(inner.height.saturating_sub(6));
    let chart_area = Rect {
        height: inner.height - rows,
        ..inner
    };
    let legend_area = Rect {
        y: inner.y + chart_area.height,
        height: rows,
        ..inner
    };
    f.render_widget(Paragraph::new(legend).style(Style::default()), legend_area);
    let c = Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .title("turns played")
                .style(t.dim)
                .bounds([0.0, turns as f64])
                .labels(xlabels),
        )
        .y_axis(
            Axis::default()
                .title("rung")
                .style(t.dim)
                .bounds([0.0, top as f64])
                .labels(ylabels),
        );
    f.render_widget(c, chart_area);
}

/// The legend's entries (a marker and the pair's name) laid out in columns
/// of equal width, as many as fit in `columns` columns of the screen; names
/// are measured in screen columns, so wide characters keep them aligned.
fn legend_lines<'a>(entries: &[(Span<'a>, String)], columns: u16) -> Vec<Line<'a>> {
    if entries.is_empty() {
        return Vec::new();
    }
    let cell = |e: &(Span, String)| width_of(&e.0) + 1 + width(&e.1);
    let col = entries.iter().map(cell).max().unwrap_or(1) + 3;
    let cols = (usize::from(columns) / col).clamp(1, entries.len());
    entries
        .chunks(cols)
        .map(|row| {
            let mut spans = Vec::new();
            for (k, e) in row.iter().enumerate() {
                spans.push(e.0.clone());
                spans.push(Span::raw(format!(" {}", e.1)));
                if k + 1 < row.len() {
                    spans.push(Span::raw(" ".repeat(col - cell(e))));
                }
            }
            Line::from(spans)
        })
        .collect()
}

fn width_of(s: &Span) -> usize {
    width(&s.content)
}
