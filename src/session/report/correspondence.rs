//! The correspondence in a report: the promises made, kept and broken,
//! then every message by turn, revealed now (who wrote to whom, what,
//! and when), in Markdown and in HTML.

use std::fmt::Write;

use super::html::{esc, tag};
use super::markdown::md;
use super::Report;
use crate::engine::press_text as text;

fn to_whom(names: &[String]) -> String {
    if names.is_empty() {
        text::EVERYONE.to_string()
    } else {
        names.join(", ")
    }
}

/// The section's title and first sentence: every message, or one actor's.
fn heading(r: &Report) -> (String, String) {
    match &r.correspondence_of {
        Some(name) => (
            format!("Correspondence of {name}"),
            format!("The messages {name} wrote or received, and public statements, revealed now: who wrote to whom, and when."),
        ),
        None => (
            "Correspondence".to_string(),
            "Every message, revealed now: who wrote to whom, and when.".to_string(),
        ),
    }
}

pub fn markdown(r: &Report, o: &mut String) {
    let d = &r.debrief;
    if d.correspondence.is_empty() && d.promises.is_empty() && r.correspondence_of.is_none() {
        return;
    }
    let (title, first) = heading(r);
    let _ = write!(
        o,
        "## {}\n\n{} Read it next to the timeline: messages of a turn came before its moves resolved.\n\n",
        md(&title),
        md(&first)
    );
    if d.correspondence.is_empty() {
        o.push_str("No messages were written.\n\n");
    }
    if !d.promises.is_empty() {
        o.push_str("### Promises\n\n");
        for p in &d.promises {
            let mark = if p.mark.is_empty() {
                String::new()
            } else {
                format!("**{}**: ", p.mark)
            };
            let _ = writeln!(
                o,
                "- Turn {}: {mark}{} to {}: {} ({})",
                p.turn,
                md(&p.by),
                md(&p.to),
                md(&p.terms),
                md(&p.status)
            );
        }
        o.push('\n');
    }
    let mut turn = None;
    for l in &d.correspondence {
        if turn != Some(l.turn) {
            turn = Some(l.turn);
            let _ = writeln!(o, "\n### Turn {}\n", l.turn);
        }
        let by = if l.facilitator {
            " *(written by the white cell)*"
        } else {
            ""
        };
        let body = l.text.lines().map(md).collect::<Vec<_>>().join(" / ");
        let _ = writeln!(
            o,
            "- **{} → {}**{by}: {body}",
            md(&l.from_name),
            md(&to_whom(&l.to_names))
        );
    }
    o.push('\n');
}

pub fn html(r: &Report, o: &mut String) {
    let d = &r.debrief;
    if d.correspondence.is_empty() && d.promises.is_empty() && r.correspondence_of.is_none() {
        return;
    }
    let (title, first) = heading(r);
    let _ = write!(
        o,
        "<section id=\"correspondence\">\n<h2>{}</h2>\n<p>{} Messages of a turn came before its moves resolved.</p>\n",
        esc(&title),
        esc(&first)
    );
    if d.correspondence.is_empty() {
        o.push_str("<p>No messages were written.</p>\n");
    }
    if !d.promises.is_empty() {
        o.push_str("<h3>Promises</h3><ul>");
        for p in &d.promises {
            let class = if p.mark == text::PROMISE_BROKEN { "bad" } else { "good" };
            let mark = if p.mark.is_empty() {
                String::new()
            } else {
                format!("{} ", tag(class, &p.mark))
            };
            let _ = write!(
                o,
                "<li>Turn {}: {mark}{} to {}: {} ({})</li>",
                p.turn,
                esc(&p.by),
                esc(&p.to),
                esc(&p.terms),
                esc(&p.status)
            );
        }
        o.push_str("</ul>\n");
    }
    let mut turn = None;
    for l in &d.correspondence {
        if turn != Some(l.turn) {
            if turn.is_some() {
                o.push_str("</ul>");
            }
            turn = Some(l.turn);
            let _ = write!(o, "<h3>Turn {}</h3><ul>", l.turn);
        }
        let by = if l.facilitator {
            format!(" {}", tag("warn", "white cell"))
        } else {
            String::new()
        };
        let _ = write!(
            o,
            "<li><span class=\"head\">{} → {}</span>{by}<div class=\"text\">{}</div></li>",
            esc(&l.from_name),
            esc(&to_whom(&l.to_names)),
            esc(&l.text)
        );
    }
    if turn.is_some() {
        o.push_str("</ul>");
    }
    o.push_str("\n</section>\n");
}
