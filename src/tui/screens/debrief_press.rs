//! The debrief's Messages tab: the promises made, kept and broken, then
//! every message of the game, revealed, by turn; filtered to one actor's
//! correspondence (what it wrote, what it received, and public
//! statements) when the trainer asks (`f`).

use ratatui::text::{Line, Span};

use crate::engine::debrief::Debrief;
use crate::engine::press_text;
use crate::tui::theme::Theme;

/// The name of the actor the tab is filtered to, if any.
pub fn filter_name(d: &Debrief, filter: Option<usize>) -> Option<&str> {
    filter.and_then(|i| d.actors.get(i)).map(|a| a.name.as_str())
}

/// The next filter after `filter`: each actor in turn, then all again.
pub fn next_filter(d: &Debrief, filter: Option<usize>) -> Option<usize> {
    match filter {
        None if !d.actors.is_empty() => Some(0),
        Some(i) if i + 1 < d.actors.len() => Some(i + 1),
        _ => None,
    }
}

pub fn lines<'a>(d: &Debrief, t: &Theme, filter: Option<usize>) -> Vec<Line<'a>> {
    let who = filter.and_then(|i| d.actors.get(i));
    let mut l = Vec::new();
    let head = match who {
        Some(a) => format!(
            "The correspondence of {}: what it wrote and received, and public statements. f: next actor",
            a.name
        ),
        None => "Every message, revealed now. f: one actor's only".to_string(),
    };
    l.push(Line::styled(head, t.dim));
    let promises: Vec<_> = d
        .promises
        .iter()
        .filter(|p| who.is_none_or(|a| p.by == a.name || p.to == a.name))
        .collect();
    if !promises.is_empty() {
        l.push(Line::raw(""));
        l.push(Line::styled("Promises", t.title));
        for p in promises {
            let mut spans = vec![Span::raw(format!("  Turn {}: ", p.turn))];
            if !p.mark.is_empty() {
                let style = if p.mark == press_text::PROMISE_BROKEN {
                    t.warn
                } else {
                    t.good
                };
                spans.push(Span::styled(format!("{} ", p.mark), style));
            }
            spans.push(Span::raw(format!("{} to {}: {} ({})", p.by, p.to, p.terms, p.status)));
            l.push(Line::from(spans));
        }
    }
    let mut turn = None;
    let mut any = false;
    for m in d
        .correspondence
        .iter()
        .filter(|m| who.is_none_or(|a| m.involves(&a.id)))
    {
        any = true;
        if turn != Some(m.turn) {
            turn = Some(m.turn);
            l.push(Line::raw(""));
            l.push(Line::styled(format!("Turn {}", m.turn), t.title));
        }
        let to = if m.to.is_empty() {
            format!("{} (public)", press_text::EVERYONE)
        } else {
            m.to_names.join(", ")
        };
        let mut spans = vec![Span::styled(format!("  {} → {}", m.from_name, to), t.focus)];
        if m.facilitator {
            spans.push(Span::styled("  (written by the white cell)", t.dim));
        }
        l.push(Line::from(spans));
        for text in m.text.split('\n') {
            l.push(Line::raw(format!("    {text}")));
        }
    }
    if !any {
        l.push(Line::raw(""));
        l.push(Line::styled("No messages were written.", t.dim));
    }
    l
}
