//! The incident on the record, which every report opens with: what was
//! done, by whom, to whom, and which norms or principles it breaches.

use std::fmt::Write;

use super::html::esc;
use super::markdown::md;
use super::Report;
use crate::engine::debrief::IncidentReview;

/// "Done by X (Eastmark responsible) to A, B."
fn who(i: &IncidentReview) -> String {
    let by = match &i.responsible {
        Some(r) => format!("Done by {}; {r} is responsible", i.by),
        None => format!("Done by {}; no actor of the exercise is responsible", i.by),
    };
    if i.against.is_empty() {
        format!("{by}.")
    } else {
        format!("{by}. Done to {}.", i.against.join(", "))
    }
}

fn breaches(i: &IncidentReview) -> String {
    if i.breaches.is_empty() {
        "It breaches no norm of responsible behaviour.".to_string()
    } else {
        format!("It breaches {}.", i.breaches.join("; "))
    }
}

pub fn markdown(r: &Report, o: &mut String) {
    let list = &r.debrief.incidents;
    if list.is_empty() {
        return;
    }
    o.push_str(if list.len() == 1 {
        "## The incident on the record\n\n"
    } else {
        "## The incidents on the record\n\n"
    });
    for i in list {
        let _ = writeln!(o, "**{}.** {}\n", md(&i.title), md(&i.what));
        let _ = writeln!(o, "- {}", md(&who(i)));
        let _ = writeln!(o, "- {}", md(&breaches(i)));
        if !i.principles.is_empty() {
            let _ = writeln!(o, "- Principles at stake: {}.", md(&i.principles.join("; ")));
        }
        o.push('\n');
    }
}

pub fn html(r: &Report, o: &mut String) {
    let list = &r.debrief.incidents;
    if list.is_empty() {
        return;
    }
    let title = if list.len() == 1 {
        "The incident"
    } else {
        "The incidents"
    };
    let _ = writeln!(o, "<section id=\"incident\">\n<h2>{title} on the record</h2>");
    for i in list {
        let _ = writeln!(
            o,
            "<div class=\"ending\"><h3>{}</h3><p>{}</p><p><strong>{}</strong></p><p>{}</p>",
            esc(&i.title),
            esc(&i.what),
            esc(&who(i)),
            esc(&breaches(i))
        );
        if !i.principles.is_empty() {
            let _ = writeln!(o, "<p>Principles at stake: {}.</p>", esc(&i.principles.join("; ")));
        }
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
}
