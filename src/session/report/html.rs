//! The after-action report as one self-contained HTML page: inline CSS and
//! SVG, no scripts, nothing loaded from anywhere. Every scenario text goes
//! through [`esc`]. The figures are in `figures.rs`, the plan,
//! questions and timeline in `discussion.rs`.

use std::fmt::Write;

use super::{calibrated, short_confidence, Report, Status};
use super::{discussion, figures};

const CSS: &str = include_str!("report.css");

/// Escape text for HTML content and attribute values; control characters
/// and bidi overrides are written as visible escapes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if crate::text::must_escape(c) && c != '\n' && c != '\t' => {
                o.push_str(&crate::text::clean(c.encode_utf8(&mut [0; 4])))
            }
            _ => o.push(ch),
        }
    }
    o
}

/// Escaped paragraphs, split on blank lines.
fn paras(s: &str, class: &str) -> String {
    s.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p class=\"{class}\">{}</p>", esc(p)))
        .collect()
}

pub fn tag(class: &str, text: &str) -> String {
    format!("<span class=\"tag {class}\">{}</span>", esc(text))
}

const SECTIONS: [(&str, &str); 12] = [
    ("incident", "Incident"),
    ("outcome", "Outcome"),
    ("truth", "Attribution"),
    ("escalation", "Escalation"),
    ("tracks", "Tracks"),
    ("norms", "Norms"),
    ("secrets", "Secret objectives"),
    ("plan", "Improvement plan"),
    ("questions", "Questions"),
    ("timeline", "Timeline"),
    ("record", "Record"),
    ("notes", "Notes"),
];

pub fn render(r: &Report) -> String {
    let d = &r.debrief;
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>After-action report: {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(&d.scenario)
    );
    let status_class = if r.status() == Status::InProgress {
        "status progress"
    } else {
        "status"
    };
    let _ = write!(
        o,
        "<header class=\"cover\"><div>\n<p class=\"kicker\">After-action report</p>\n<h1>{}</h1>\n\
         <p><span class=\"{status_class}\">{}</span></p>\n\
         <p class=\"meta\">Log {} · seed {} · {} of {} turns played · written by demarche {}</p>\n</div></header>\n",
        esc(&d.scenario),
        esc(&r.status_line()),
        esc(&r.source),
        d.seed,
        d.turns_played,
        d.turns,
        env!("CARGO_PKG_VERSION")
    );
    o.push_str("<nav class=\"toc\"><div>");
    for (id, title) in SECTIONS {
        if id == "record" && r.record.is_empty() {
            continue;
        }
        let _ = write!(o, "<a href=\"#{id}\">{title}</a>");
    }
    o.push_str("</div></nav>\n<main>\n");
    if r.status() == Status::InProgress {
        let _ = writeln!(
            o,
            "<p class=\"banner\">Game in progress, turn {} of {}. This report covers the game so far and \
             reveals every secret: share it only once the game is over.</p>",
            r.current_turn(),
            d.turns
        );
    }
    super::incident::html(r, &mut o);
    outcome(r, &mut o);
    truth(r, &mut o);
    figures::escalation(r, &mut o);
    figures::tracks(r, &mut o);
    norms(r, &mut o);
    secrets(r, &mut o);
    discussion::plan(r, &mut o);
    discussion::questions(r, &mut o);
    super::correspondence::html(r, &mut o);
    discussion::timeline(r, &mut o);
    super::record::html(r, &mut o);
    discussion::notes(r, &mut o);
    let _ = write!(
        o,
        "</main>\n<footer>After-action report of “{}”, from {}. Everything that was secret during the game is shown here.</footer>\n</body>\n</html>\n",
        esc(&d.scenario),
        esc(&r.source)
    );
    o
}

fn card(o: &mut String, label: &str, value: &str, sub: &str) {
    let _ = write!(
        o,
        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"sub\">{}</div></div>",
        esc(label),
        esc(value),
        esc(sub)
    );
}

fn outcome(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("<section id=\"outcome\">\n<h2>Outcome</h2>\n");
    o.push_str(&paras(&d.summary, "lead"));
    match &d.ending {
        Some(e) => {
            let _ = writeln!(
                o,
                "<div class=\"ending\"><h3>{}</h3>{}</div>",
                esc(&e.title),
                paras(&e.text, "")
            );
        }
        None => {
            let _ = writeln!(o, "<div class=\"ending\"><h3>{}</h3></div>", esc(&r.status_line()));
        }
    }
    o.push_str("<div class=\"cards\">");
    let peak = d
        .escalation
        .iter()
        .filter_map(|h| {
            let top = h.rungs.iter().copied().max()?;
            Some((top, h.rungs.iter().position(|&v| v == top).unwrap_or(0), h))
        })
        .max_by_key(|(top, t, _)| (*top, std::cmp::Reverse(*t)));
    match peak {
        Some((top, t, h)) if top > 0 => card(
            o,
            "Highest rung",
            r.rung_name(top),
            &format!(
                "{} – {}, {}",
                h.a,
                h.b,
                if t == 0 {
                    "from the start".to_string()
                } else {
                    super::when(t)
                }
            ),
        ),
        _ => card(o, "Highest rung", r.rung_name(0), "no pair climbed"),
    }
    let n = d.attributions.len();
    let right = d.attributions.iter().filter(|a| a.correct).count();
    let over = d
        .attributions
        .iter()
        .filter(|a| !calibrated(a.stated, a.supported))
        .count();
    card(
        o,
        "Attributions right",
        &format!("{right} of {n}"),
        &format!("{over} overclaimed"),
    );
    let breaches: u32 = d.actors.iter().flat_map(|a| &a.breached).map(|c| c.times).sum();
    let upheld: u32 = d.actors.iter().flat_map(|a| &a.upheld).map(|c| c.times).sum();
    card(
        o,
        "Norm breaches",
        &breaches.to_string(),
        &format!("{upheld} times upheld"),
    );
    let agreed: usize = r.pairs.iter().map(|p| p.agreed.len()).sum();
    let misread: usize = r.pairs.iter().map(|p| p.misreadings.len()).sum();
    card(
        o,
        "Channels agreed",
        &agreed.to_string(),
        &format!("{misread} misreading{}", if misread == 1 { "" } else { "s" }),
    );
    if !d.false_flags.is_empty() {
        let exposed = d.false_flags.iter().filter(|f| !f.exposed_by.is_empty()).count();
        card(
            o,
            "Planted evidence",
            &format!("{exposed} of {}", d.false_flags.len()),
            "exposed",
        );
    }
    o.push_str("</div>\n");
    if !d.objectives.is_empty() {
        o.push_str("<h3>Learning objectives</h3><ol>");
        for ob in &d.objectives {
            let _ = write!(o, "<li>{}</li>", esc(ob));
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</section>\n");
}

fn truth(r: &Report, o: &mut String) {
    let d = &r.debrief;
    let _ = write!(
        o,
        "<section id=\"truth\">\n<h2>The truth and the attributions</h2>\n\
         <div class=\"truth\"><strong>Culprit: {}</strong>{}</div>\n",
        esc(&d.culprit),
        paras(&d.culprit_description, "")
    );
    if d.attributions.is_empty() {
        o.push_str("<p>Nobody made a public attribution.</p>\n");
    } else {
        o.push_str(
            "<div class=\"scroll\"><table><thead><tr><th class=\"num\">Turn</th><th>Who</th><th>Named</th>\
             <th>Stated</th><th>Evidence supported</th><th>Joint with</th><th>Right?</th><th>Norm b</th></tr></thead><tbody>\n",
        );
        for a in &d.attributions {
            let cal = calibrated(a.stated, a.supported);
            let joint = if a.joint_with.is_empty() {
                "<span class=\"muted\">alone</span>".to_string()
            } else {
                esc(&a.joint_with.join(", "))
            };
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{joint}</td><td>{}</td><td>{}</td></tr>",
                a.turn,
                esc(&a.actor),
                esc(&a.suspect),
                short_confidence(Some(a.stated)),
                short_confidence(a.supported),
                match a.verdict {
                    crate::engine::Verdict::Correct => tag("good", "right"),
                    crate::engine::Verdict::Wrong => tag("bad", "wrong"),
                    v => tag("", v.label()),
                },
                if cal { tag("good", "calibrated") } else { tag("bad", "overclaimed") },
            );
        }
        o.push_str("</tbody></table></div>\n<p class=\"small muted\">“Calibrated” means the stated confidence was no higher than what the actor’s own evidence supported when it spoke (UN norm b: consider all relevant information).</p>\n");
    }
    if !d.false_flags.is_empty() {
        o.push_str("<h3>False flags</h3><table><thead><tr><th>Planted evidence</th><th>Pointed to</th><th>Exposed by</th></tr></thead><tbody>\n");
        for f in &d.false_flags {
            let by = if f.exposed_by.is_empty() {
                tag("bad", "nobody")
            } else {
                esc(&f.exposed_by.join(", "))
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{by}</td></tr>",
                esc(&f.title),
                esc(&f.pointed_to)
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n");
}

fn norms(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str(
        "<section id=\"norms\">\n<h2>Norms upheld and breached</h2>\n\
         <p>Each actor against its own framework, counted per distinct act and target (incidents charged to those responsible): \
         <span class=\"up\" style=\"display:inline\">▲ upheld</span> or <span class=\"down\" style=\"display:inline\">▼ breached</span>.</p>\n",
    );
    // Frameworks in the order their first actor is listed.
    let mut frameworks: Vec<&str> = Vec::new();
    for a in &d.actors {
        if !frameworks.contains(&a.framework.as_str()) {
            frameworks.push(&a.framework);
        }
    }
    for fw in frameworks {
        let actors: Vec<_> = d.actors.iter().filter(|a| a.framework == fw).collect();
        // Commitments any of them touched, with their text.
        let mut used: Vec<(String, String)> = Vec::new();
        for a in &actors {
            for n in a.upheld.iter().chain(&a.breached) {
                if !used.iter().any(|(c, _)| *c == n.code) {
                    used.push((n.code.clone(), n.norm.clone()));
                }
            }
        }
        used.sort();
        let _ = writeln!(o, "<h3>{}</h3>", esc(fw));
        if used.is_empty() {
            o.push_str("<p>No move upheld or breached these commitments.</p>\n");
            continue;
        }
        o.push_str("<div class=\"scroll\"><table class=\"norms\"><thead><tr><th>Actor</th>");
        for (c, n) in &used {
            let _ = write!(o, "<th title=\"{}\">{}</th>", esc(n), esc(c));
        }
        o.push_str("<th>Credibility</th></tr></thead><tbody>\n");
        for a in &actors {
            let _ = write!(
                o,
                "<tr><td>{} <span class=\"muted small\">{}</span></td>",
                esc(&a.name),
                esc(&a.kind)
            );
            for (c, _) in &used {
                let up = a.upheld.iter().find(|n| n.code == *c).map(|n| n.times);
                let down = a.breached.iter().find(|n| n.code == *c).map(|n| n.times);
                o.push_str("<td>");
                if let Some(t) = up {
                    let _ = write!(o, "<span class=\"up\">▲{t}</span>");
                }
                if let Some(t) = down {
                    let _ = write!(o, "<span class=\"down\">▼{t}</span>");
                }
                o.push_str("</td>");
            }
            let _ = writeln!(o, "<td>{}</td></tr>", a.credibility);
        }
        o.push_str("</tbody></table></div>\n<dl class=\"normkey\">");
        for (c, n) in &used {
            let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", esc(c), esc(n));
        }
        o.push_str("</dl>\n");
    }
    o.push_str("</section>\n");
}

fn secrets(r: &Report, o: &mut String) {
    o.push_str("<section id=\"secrets\">\n<h2>Secret objectives, revealed</h2>\n<table><thead><tr><th>Actor</th><th>Secret objectives</th></tr></thead><tbody>\n");
    for a in &r.debrief.actors {
        let list: String = if a.objectives.is_empty() {
            "<span class=\"muted\">none</span>".into()
        } else {
            a.objectives
                .iter()
                .map(|ob| format!("<div>{} {}</div>", objective_mark(ob.met), esc(&ob.text)))
                .collect()
        };
        let _ = writeln!(
            o,
            "<tr><td><strong>{}</strong><br><span class=\"muted small\">{}</span></td><td>{list}</td></tr>",
            esc(&a.name),
            esc(&a.kind)
        );
    }
    o.push_str("</tbody></table>\n</section>\n");
}

/// ✓ met, ✗ not met, • for discussion (no condition).
fn objective_mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "<span class=\"up\">✓ met</span>",
        Some(false) => "<span class=\"down\">✗ not met</span>",
        None => "•",
    }
}
