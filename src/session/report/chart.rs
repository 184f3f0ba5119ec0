//! Inline SVG line charts for the HTML report: no scripts, no fonts, no
//! external anything. Lines differ by colour and, past ten, by dash pattern,
//! so they stay apart in black-and-white print too.

use std::fmt::Write;

use super::html::esc;

/// Strong colours that survive a projector (after D3's category10).
const COLORS: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#555555", "#a6a600",
];
const DASHES: [&str; 3] = ["", "7 4", "2 3"];
/// Label size, and the width of an average character at that size.
const FONT: f32 = 15.0;
const CHAR: f32 = 8.3;

pub struct Series {
    pub label: String,
    pub values: Vec<i32>,
}

pub struct LineChart<'a> {
    /// Read by screen readers.
    pub title: String,
    pub y_min: i32,
    pub y_max: i32,
    /// Gridlines with their labels.
    pub y_labels: Vec<(i32, String)>,
    /// Axis caption under the turn numbers.
    pub x_title: &'a str,
    pub series: &'a [Series],
    pub width: u32,
    pub height: u32,
    /// Spread overlapping lines a little apart.
    pub spread: bool,
    /// Room above the top and below the bottom value, in y units.
    pub pad: f32,
}

pub fn color(i: usize) -> &'static str {
    COLORS[i % COLORS.len()]
}

fn dash(i: usize) -> &'static str {
    DASHES[(i / COLORS.len()) % DASHES.len()]
}

fn stroke(i: usize, width: f32) -> String {
    let d = dash(i);
    let dash = if d.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{d}\"")
    };
    format!("stroke=\"{}\" stroke-width=\"{width}\"{dash}", color(i))
}

/// A short line in series `i`'s style, for a legend.
pub fn swatch(i: usize) -> String {
    format!(
        "<svg class=\"swatch\" width=\"34\" height=\"12\" viewBox=\"0 0 34 12\" aria-hidden=\"true\">\
         <line x1=\"1\" y1=\"6\" x2=\"33\" y2=\"6\" {}/><circle cx=\"17\" cy=\"6\" r=\"3.5\" fill=\"{}\"/></svg>",
        stroke(i, 3.0),
        color(i)
    )
}

/// A label in at most `rows` lines of at most `max` characters: broken at
/// spaces, and cut with an ellipsis when it still does not fit.
fn wrap(s: &str, max: usize, rows: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= max => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).join(" ");
        lines.push(rest);
    }
    for l in &mut lines {
        if l.chars().count() > max {
            *l = l.chars().take(max.saturating_sub(1)).collect::<String>() + "…";
        }
    }
    lines
}

/// Widest label line allowed, in characters.
const LABEL_CHARS: usize = 22;

pub fn line_chart(c: &LineChart) -> String {
    let (right, top, bottom) = (16.0, 12.0, 50.0);
    let (w, h) = (c.width as f32, c.height as f32);
    let plot_h = h - top - bottom;
    let lo = c.y_min as f32 - c.pad;
    let span = ((c.y_max - c.y_min) as f32 + 2.0 * c.pad).max(1.0);
    // Two lines per label when the gap between gridlines allows.
    let gap = plot_h / span
        * c.y_labels
            .windows(2)
            .map(|p| (p[1].0 - p[0].0).abs())
            .min()
            .unwrap_or(1)
            .max(1) as f32;
    let rows = if gap >= 2.2 * FONT { 2 } else { 1 };
    let labels: Vec<Vec<String>> = c.y_labels.iter().map(|(_, l)| wrap(l, LABEL_CHARS, rows)).collect();
    let longest = labels.iter().flatten().map(|l| l.chars().count()).max().unwrap_or(1);
    let left = (longest as f32 * CHAR + 16.0).max(40.0);
    let plot_w = w - left - right;
    let points = c.series.iter().map(|s| s.values.len()).max().unwrap_or(1).max(2);
    let x = |i: usize| left + plot_w * i as f32 / (points - 1) as f32;
    let y = |v: i32| top + plot_h * (1.0 - (v as f32 - lo) / span);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"{}\" font-family=\"inherit\" font-size=\"{FONT}\">",
        esc(&c.title)
    );
    let _ = write!(o, "<title>{}</title>", esc(&c.title));
    // Gridlines and y labels.
    for ((v, label), lines) in c.y_labels.iter().zip(&labels) {
        let yy = y(*v);
        let _ = write!(
            o,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" class=\"grid\"/>\
             <text text-anchor=\"end\" class=\"ylab\"><title>{}</title>",
            w - right,
            esc(label),
        );
        // Centre the block of lines on the gridline.
        let first = yy + FONT * 0.35 - (lines.len() as f32 - 1.0) * FONT * 0.55;
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                o,
                "<tspan x=\"{:.1}\" y=\"{:.1}\">{}</tspan>",
                left - 8.0,
                first + k as f32 * FONT * 1.1,
                esc(line)
            );
        }
        o.push_str("</text>");
    }
    // X axis: every turn, thinned when crowded.
    let every = points.div_ceil(16).max(1);
    let base = top + plot_h;
    let _ = write!(
        o,
        "<line x1=\"{left}\" y1=\"{base:.1}\" x2=\"{:.1}\" y2=\"{base:.1}\" class=\"axis\"/>",
        w - right
    );
    for i in (0..points).filter(|i| i % every == 0 || *i == points - 1) {
        let label = if i == 0 { "start".to_string() } else { i.to_string() };
        let _ = write!(
            o,
            "<line x1=\"{xx:.1}\" y1=\"{base:.1}\" x2=\"{xx:.1}\" y2=\"{:.1}\" class=\"axis\"/>\
             <text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"xlab\">{label}</text>",
            base + 5.0,
            base + 6.0 + FONT,
            xx = x(i)
        );
    }
    let _ = write!(
        o,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"xtitle\">{}</text>",
        left + plot_w / 2.0,
        h - 6.0,
        esc(c.x_title)
    );
    // Lines, spread apart so pairs on the same rung stay visible.
    let k = c.series.len();
    let step = if c.spread && k > 1 {
        (plot_h / span * 0.5 / k as f32).min(3.5)
    } else {
        0.0
    };
    for (i, s) in c.series.iter().enumerate() {
        let off = (i as f32 - (k as f32 - 1.0) / 2.0) * step;
        let pts: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(t, &v)| format!("{:.1},{:.1}", x(t), y(v) + off))
            .collect();
        let _ = write!(
            o,
            "<g><title>{}</title><polyline fill=\"none\" stroke-linejoin=\"round\" points=\"{}\" {}/>",
            esc(&s.label),
            pts.join(" "),
            stroke(i, 2.5)
        );
        for p in &pts {
            let (px, py) = p.split_once(',').unwrap_or(("0", "0"));
            let _ = write!(o, "<circle cx=\"{px}\" cy=\"{py}\" r=\"3\" fill=\"{}\"/>", color(i));
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>");
    o
}
