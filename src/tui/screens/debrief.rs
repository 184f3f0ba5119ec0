//! The after-action review: outcome, timeline with secrets revealed, the
//! escalation chart, norms, attribution against the truth, and questions.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{block, footer, frame_areas, header_line};
use crate::engine::debrief::Debrief;
use crate::tui::app::{App, HitList};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

/// The sections, in the order the facilitator reveals them on a projector.
pub const TABS: [&str; 7] = crate::net::protocol::DEBRIEF_SECTIONS;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(d) = &app.debrief else { return };
    let t = &app.theme;
    let (head, body, foot) = frame_areas(area);
    f.render_widget(
        Paragraph::new(header_line(
            format!(" Debrief · {}", d.scenario),
            format!(
                "{} turn{} played · seed {} ",
                d.turns_played,
                if d.turns_played == 1 { "" } else { "s" },
                d.seed
            ),
            t,
            head.width,
        )),
        head,
    );
    let [tabs, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    let mut spans = Vec::new();
    let mut x = tabs.x;
    // The projector shows the sections the facilitator revealed.
    let shown = app.debrief_tabs_shown();
    for (i, name) in TABS.iter().enumerate().take(shown) {
        let label = format!(" {name} ");
        let w = label.chars().count() as u16;
        app.hits.borrow_mut().tabs.push((Rect::new(x, tabs.y, w, 1), i));
        x += w + 1;
        spans.push(Span::styled(
            label,
            if i == app.debrief_tab { t.selected } else { t.dim },
        ));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    app.hits.borrow_mut().lists.push((main, HitList::DebriefBody, 0));
    let tab = app.debrief_tab.min(shown.saturating_sub(1));
    if tab == 2 {
        super::debrief_chart::draw(f, main, d, t);
    } else {
        let lines = match tab {
            0 => outcome(d, t),
            1 => timeline(d, t),
            3 => norms(d, t),
            4 => attribution(d, t),
            6 => super::debrief_press::lines(d, t, app.debrief_filter),
            _ => questions(d, t),
        };
        let scroll = app.debrief_scroll.min(lines.len().saturating_sub(1)) as u16;
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .block(block(format!(" {} ", TABS[tab]), true, t)),
            main,
        );
    }
    footer(app, f, foot, Context::Debrief);
}

fn outcome<'a>(d: &Debrief, t: &Theme) -> Vec<Line<'a>> {
    let mut l = Vec::new();
    for i in &d.incidents {
        l.push(Line::styled(format!("The incident: {}", i.title), t.title));
        l.push(Line::raw(i.what.clone()));
        let by = match &i.responsible {
            Some(r) => format!("Done by {} ({r} responsible)", i.by),
            None => format!("Done by {}", i.by),
        };
        let to = if i.against.is_empty() {
            String::new()
        } else {
            format!(" to {}", i.against.join(", "))
        };
        let breaches = if i.breaches.is_empty() {
            ". It breaches no norm.".to_string()
        } else {
            format!("; it breaches {}.", i.breaches.join("; "))
        };
        l.push(Line::styled(format!("{by}{to}{breaches}"), t.focus));
        l.push(Line::raw(""));
    }
    match &d.ending {
        Some(e) => {
            l.push(Line::styled(e.title.clone(), t.title));
            l.push(Line::raw(e.text.clone()));
        }
        None if d.over => l.push(Line::styled(
            format!(
                "The facilitator ended the exercise on turn {} of {}.",
                d.turns_played, d.turns
            ),
            t.title,
        )),
        None => l.push(Line::styled(
            format!("Game in progress: turn {} of {}", d.turns_played, d.turns),
            t.warn,
        )),
    }
    l.push(Line::raw(""));
    l.push(Line::styled("The truth", t.title));
    l.push(Line::raw(format!(
        "{} was behind it. {}",
        d.culprit, d.culprit_description
    )));
    l.push(Line::raw(""));
    l.push(Line::styled("What each actor was secretly after", t.title));
    for a in &d.actors {
        let objectives: Vec<String> = a
            .objectives
            .iter()
            .map(|o| match o.met {
                Some(true) => format!("✓ {}", o.text),
                Some(false) => format!("✗ {}", o.text),
                None => o.text.clone(),
            })
            .collect();
        l.push(Line::from(vec![
            Span::styled(format!("{} ({}): ", a.name, a.kind), t.focus),
            Span::raw(objectives.join(" · ")),
            Span::styled(format!("  credibility {}", a.credibility), t.dim),
        ]));
    }
    if !d.facilitator_notes.is_empty() {
        l.push(Line::raw(""));
        l.push(Line::styled("Notes for the facilitator", t.title));
        l.extend(d.facilitator_notes.iter().map(|n| Line::raw(format!("• {n}"))));
    }
    if !d.sources.is_empty() {
        l.push(Line::raw(""));
        l.push(Line::styled("Drawn from", t.title));
        l.extend(d.sources.iter().map(|n| Line::raw(format!("• {n}"))));
    }
    l
}

fn timeline<'a>(d: &Debrief, t: &Theme) -> Vec<Line<'a>> {
    d.timeline
        .iter()
        .map(|e| {
            let mut spans = vec![Span::styled(format!("T{:<2} ", e.turn), t.dim)];
            if e.secret {
                spans.push(Span::styled("◆ ", t.warn));
            }
            spans.push(Span::styled(e.headline.clone(), t.text));
            if e.secret {
                spans.push(Span::styled(format!("  (seen by {})", e.seen_by), t.dim));
            }
            Line::from(spans)
        })
        .collect()
}

fn norms<'a>(d: &Debrief, t: &Theme) -> Vec<Line<'a>> {
    let mut l = vec![Line::styled(
        "Each actor against its own framework, per distinct act and target",
        t.dim,
    )];
    for a in &d.actors {
        l.push(Line::raw(""));
        l.push(Line::from(vec![
            Span::styled(a.name.clone(), t.title),
            Span::styled(format!("  {}", a.framework), t.dim),
        ]));
        if a.upheld.is_empty() && a.breached.is_empty() {
            l.push(Line::styled("  no move touched the norms", t.dim));
        }
        for n in &a.upheld {
            l.push(Line::styled(
                format!("  upheld   ({}) {} ×{}", n.code, n.norm, n.times),
                t.good,
            ));
        }
        for n in &a.breached {
            l.push(Line::styled(
                format!("  breached ({}) {} ×{}", n.code, n.norm, n.times),
                t.bad,
            ));
        }
    }
    l
}

fn attribution<'a>(d: &Debrief, t: &Theme) -> Vec<Line<'a>> {
    let mut l = vec![
        Line::from(vec![Span::styled("The truth: ", t.title), Span::raw(d.culprit.clone())]),
        Line::raw(""),
    ];
    if d.attributions.is_empty() {
        l.push(Line::styled("Nobody attributed the incident publicly.", t.dim));
    }
    for a in &d.attributions {
        let verdict = match a.verdict {
            crate::engine::Verdict::Correct => ("right", t.good),
            crate::engine::Verdict::Wrong => ("wrong", t.bad),
            v => (v.label(), t.dim),
        };
        let supported = a.supported.map_or("no basis", |c| c.label());
        let joint = if a.joint_with.is_empty() {
            String::new()
        } else {
            format!(", jointly with {}", a.joint_with.join(", "))
        };
        l.push(Line::from(vec![
            Span::styled(format!("T{:<2} ", a.turn), t.dim),
            Span::raw(format!(
                "{} blamed {} with {}{joint} ",
                a.actor,
                a.suspect,
                a.stated.label()
            )),
            Span::styled(verdict.0, verdict.1),
            Span::styled(format!(" · evidence supported {supported}"), t.dim),
        ]));
    }
    if !d.false_flags.is_empty() {
        l.push(Line::raw(""));
        l.push(Line::styled("False flags", t.title));
        for ff in &d.false_flags {
            let by = if ff.exposed_by.is_empty() {
                "nobody exposed it".to_string()
            } else {
                format!("exposed by {}", ff.exposed_by.join(", "))
            };
            l.push(Line::raw(format!(
                "• \"{}\" pointed to {} — {by}",
                ff.title, ff.pointed_to
            )));
        }
    }
    l
}

fn questions<'a>(d: &Debrief, t: &Theme) -> Vec<Line<'a>> {
    let mut l = Vec::new();
    let mut last = String::new();
    for q in &d.questions {
        if q.objective != last {
            l.push(Line::raw(""));
            l.push(Line::styled(q.objective.clone(), t.title));
            last.clone_from(&q.objective);
        }
        l.push(Line::raw(format!("• {}", q.question)));
    }
    l
}
