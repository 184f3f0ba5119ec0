//! The HTML report's discussion part: the improvement plan, the debrief
//! questions by learning objective, the full timeline and the notes.

use std::fmt::Write;

use super::html::{esc, tag};
use super::{Finding, Report};

fn finding(f: &Finding, class: &str, next: &str, o: &mut String) {
    let who = if f.who.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"who\">· {}</span>", esc(&f.who.join(", ")))
    };
    let _ = write!(o, "<div class=\"finding {class}\"><h4>{}{who}</h4><ul>", esc(f.area));
    for ob in &f.observation {
        let _ = write!(o, "<li>{}</li>", esc(ob));
    }
    let _ = writeln!(
        o,
        "</ul><p class=\"next\"><strong>{next}</strong> {}</p></div>",
        esc(&f.recommendation)
    );
}

pub fn plan(r: &Report, o: &mut String) {
    let p = r.plan();
    o.push_str("<section id=\"plan\">\n<h2>Improvement plan</h2>\n<p>Derived from this game’s moves: a starting point for the hot wash.</p>\n<h3>Areas for improvement</h3>\n");
    if p.improvements.is_empty() {
        o.push_str(
            "<p>Nothing stood out: no overclaimed or wrong attribution, no breach, no unmanaged escalation.</p>\n",
        );
    }
    for f in &p.improvements {
        finding(f, "", "Next time:", o);
    }
    o.push_str("<h3>Strengths to keep</h3>\n");
    if p.strengths.is_empty() {
        o.push_str("<p>None recorded yet.</p>\n");
    }
    for f in &p.strengths {
        finding(f, "strength", "Takeaway:", o);
    }
    o.push_str("</section>\n");
}

pub fn questions(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("<section id=\"questions\" class=\"questions\">\n<h2>Debrief questions</h2>\n");
    if d.questions.is_empty() {
        o.push_str("<p>The scenario lists no questions.</p>\n");
    }
    let mut order: Vec<&str> = d.objectives.iter().map(String::as_str).collect();
    for q in &d.questions {
        if !order.contains(&q.objective.as_str()) {
            order.push(&q.objective);
        }
    }
    for (i, ob) in order.iter().enumerate() {
        let qs: Vec<&str> = d
            .questions
            .iter()
            .filter(|q| q.objective == *ob)
            .map(|q| q.question.as_str())
            .collect();
        if qs.is_empty() {
            continue;
        }
        if ob.is_empty() {
            o.push_str("<h3>Other questions</h3><ol>");
        } else {
            let _ = write!(o, "<h3>Objective {}: {}</h3><ol>", i + 1, esc(ob));
        }
        for q in qs {
            let _ = write!(o, "<li>{}</li>", esc(q));
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</section>\n");
}

pub fn timeline(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str(
        "<section id=\"timeline\">\n<h2>Timeline</h2>\n<p>Everything that happened, secrets included. \
         <span class=\"tag bad\">secret</span> items were seen at the time only by those named.</p>\n",
    );
    let mut turns: Vec<u32> = d.timeline.iter().map(|e| e.turn).collect();
    turns.dedup();
    for t in turns {
        let _ = write!(o, "<div class=\"turn\"><h3>Turn {t}</h3><ul>");
        for e in d.timeline.iter().filter(|e| e.turn == t) {
            let (class, mark) = if e.secret {
                (
                    "secret",
                    format!("{} ", tag("bad", &format!("secret · seen by {}", e.seen_by))),
                )
            } else if e.seen_by != "public" {
                ("private", format!("{} ", tag("warn", "actors only")))
            } else {
                ("", String::new())
            };
            let text = if e.text.trim().is_empty() {
                String::new()
            } else {
                format!("<div class=\"text\">{}</div>", esc(e.text.trim()))
            };
            let _ = write!(
                o,
                "<li class=\"{class}\">{mark}<span class=\"head\">{}</span>{text}</li>",
                esc(&e.headline)
            );
        }
        o.push_str("</ul></div>\n");
    }
    o.push_str("</section>\n");
}

pub fn notes(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("<section id=\"notes\">\n<h2>Notes</h2>\n");
    for (title, list) in [("For the facilitator", &d.facilitator_notes), ("Sources", &d.sources)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(o, "<h3>{title}</h3><ul>");
        for n in list {
            let _ = write!(o, "<li>{}</li>", esc(n));
        }
        o.push_str("</ul>\n");
    }
    if d.facilitator_notes.is_empty() && d.sources.is_empty() {
        o.push_str("<p class=\"muted\">The scenario has no facilitator notes or sources.</p>\n");
    }
    o.push_str("</section>\n");
}
