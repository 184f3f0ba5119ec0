//! The HTML report's figures: the escalation chart, legend and pair × turn
//! table, and one small chart per track.

use std::fmt::Write;

use super::chart::{line_chart, swatch, LineChart, Series};
use super::html::esc;
use super::{pair_label, Report};

/// Background and text colour of rung `r` on a ladder whose top is `top`:
/// pale green at the bottom to deep red at the top.
fn heat(r: usize, top: usize) -> (String, &'static str) {
    let f = r as f32 / top.max(1) as f32;
    let hue = 130.0 - 130.0 * f;
    let light = 90.0 - 50.0 * f;
    let ink = if light < 60.0 { "#fff" } else { "#1a1d21" };
    (format!("hsl({hue:.0}, 62%, {light:.0}%)"), ink)
}

pub fn escalation(r: &Report, o: &mut String) {
    let d = &r.debrief;
    let top = d.ladder.len().saturating_sub(1);
    o.push_str("<section id=\"escalation\">\n<h2>Escalation</h2>\n");
    let moving = r.moving_pairs();
    if moving.is_empty() {
        let _ = writeln!(o, "<p>Every pair stayed on “{}” throughout.</p>", esc(r.rung_name(0)));
    } else {
        let series: Vec<Series> = moving
            .iter()
            .map(|&i| Series {
                label: pair_label(&d.escalation[i]),
                // A pair on a ladder of its own is drawn at the same
                // relative height; the legend names its own rung.
                values: d.escalation[i]
                    .rungs
                    .iter()
                    .map(|&v| (v * top / d.rungs_of(&d.escalation[i]).len().saturating_sub(1).max(1)) as i32)
                    .collect(),
            })
            .collect();
        let chart = line_chart(&LineChart {
            title: "Escalation by pair: rung after each turn".into(),
            y_min: 0,
            y_max: top as i32,
            y_labels: d
                .ladder
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i32, format!("{}. {n}", i + 1)))
                .collect(),
            x_title: "turn",
            series: &series,
            width: 1060,
            height: (top as u32 * 52 + 90).clamp(300, 480),
            spread: true,
            pad: 0.4,
        });
        let _ = write!(o, "<figure>{chart}<ul class=\"legend\">");
        for (k, (s, &i)) in series.iter().zip(&moving).enumerate() {
            let peak = d.escalation[i].rungs.iter().copied().max().unwrap_or(0);
            let _ = write!(
                o,
                "<li>{}<span>{} <span class=\"muted\">(highest: {})</span></span></li>",
                swatch(k),
                esc(&s.label),
                esc(d.rung_of(&d.escalation[i], peak))
            );
        }
        let calm = d.escalation.len() - moving.len();
        let rest = if calm > 0 {
            format!(
                " The other {calm} pair{} stayed on “{}” throughout.",
                if calm == 1 { "" } else { "s" },
                esc(r.rung_name(0))
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "</ul><figcaption>One line per pair that ever left the bottom rung; lines on the same rung are drawn slightly apart.{rest}</figcaption></figure>"
        );
        table(r, &moving, o);
    }
    let mut items = Vec::new();
    for (h, f) in d.escalation.iter().zip(&r.pairs) {
        for (t, k) in &f.agreed {
            items.push((*t, format!("{} {}", esc(&pair_label(h)), esc(&super::agreed(*k)))));
        }
        for m in &f.misreadings {
            items.push((
                m.turn,
                format!(
                    "<span class=\"tag warn\">misreading</span> {} read {}’s “{}” as hostile",
                    esc(&m.target),
                    esc(&m.actor),
                    esc(&m.action)
                ),
            ));
        }
    }
    items.sort_by_key(|(t, _)| *t);
    if items.is_empty() {
        o.push_str("<p>No confidence-building measure was agreed and no move was misread.</p>\n");
    } else {
        o.push_str("<h3>Channels agreed and misreadings</h3><ul>");
        for (t, s) in items {
            let _ = write!(o, "<li>Turn {t}: {s}</li>");
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

/// Pair × turn, each cell coloured by rung, numbered with the key above.
fn table(r: &Report, moving: &[usize], o: &mut String) {
    let d = &r.debrief;
    let top = d.ladder.len().saturating_sub(1);
    o.push_str("<h3>Rung by pair and turn</h3>\n<ul class=\"key\">");
    for (i, n) in d.ladder.iter().enumerate() {
        let (bg, ink) = heat(i, top);
        let desc = r.rung_descriptions.get(i).map_or("", String::as_str);
        let _ = write!(
            o,
            "<li style=\"background:{bg};color:{ink}\" title=\"{}\">{}. {}</li>",
            esc(desc),
            i + 1,
            esc(n)
        );
    }
    o.push_str(
        "</ul>\n<div class=\"scroll\"><table class=\"heat\"><thead><tr><th class=\"pair\">Pair</th><th>Start</th>",
    );
    for t in 1..r.history_len() {
        let _ = write!(o, "<th>{t}</th>");
    }
    o.push_str("</tr></thead><tbody>\n");
    for &i in moving {
        let h = &d.escalation[i];
        let _ = write!(o, "<tr><td class=\"pair\">{}</td>", esc(&pair_label(h)));
        let top = d.rungs_of(h).len().saturating_sub(1);
        for (t, &v) in h.rungs.iter().enumerate() {
            let (bg, ink) = heat(v, top);
            let changed = t > 0 && h.rungs[t - 1] != v;
            let weight = if changed { ";font-weight:700" } else { "" };
            let _ = write!(
                o,
                "<td style=\"background:{bg};color:{ink}{weight}\" title=\"{}\">{}</td>",
                esc(d.rung_of(h, v)),
                v + 1
            );
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n<p class=\"small muted\">Bold: the rung changed that turn.</p>\n");
}

pub fn tracks(r: &Report, o: &mut String) {
    let d = &r.debrief;
    if d.tracks.is_empty() {
        return;
    }
    o.push_str("<section id=\"tracks\">\n<h2>Tracks over time</h2>\n<div class=\"tracks\">\n");
    for (t, info) in d.tracks.iter().zip(&r.tracks) {
        let series = [Series {
            label: t.name.clone(),
            values: t.values.clone(),
        }];
        let mid = info.min + (info.max - info.min) / 2;
        let chart = line_chart(&LineChart {
            title: format!("{} over turns", t.name),
            y_min: info.min,
            y_max: info.max,
            y_labels: vec![
                (info.min, info.min.to_string()),
                (mid, mid.to_string()),
                (info.max, info.max.to_string()),
            ],
            x_title: "turn",
            series: &series,
            width: 520,
            height: 230,
            spread: false,
            pad: 0.0,
        });
        let (start, end) = (
            t.values.first().copied().unwrap_or(0),
            t.values.last().copied().unwrap_or(0),
        );
        let good = (end - start) * if info.higher_is_better { 1 } else { -1 };
        let verdict = match good.signum() {
            1 => "<span class=\"tag good\">better</span>",
            -1 => "<span class=\"tag bad\">worse</span>",
            _ => "<span class=\"tag plain\">unchanged</span>",
        };
        let dir = if info.higher_is_better {
            "higher is better"
        } else {
            "higher is worse"
        };
        let _ = writeln!(
            o,
            "<figure><h3>{}</h3><p class=\"small muted\">{}{}{dir}</p>{chart}\
             <figcaption>{start} → {end} {verdict}</figcaption></figure>",
            esc(&t.name),
            esc(&info.description),
            if info.description.is_empty() { "" } else { " · " },
        );
    }
    o.push_str("</div>\n</section>\n");
}
