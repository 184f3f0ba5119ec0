//! The after-action report as Markdown: readable as plain text, and renders
//! cleanly on any Markdown viewer. Scenario text is escaped so a `<`, `*` or
//! `|` in it stays literal.

use std::fmt::Write;

use super::{calibrated, pair_label, short_confidence, Finding, Report, Status};

/// Escape text for inline Markdown (also safe inside a table cell); control
/// characters and bidi overrides are written as visible escapes.
pub fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                o.push('\\');
                o.push(ch);
            }
            '\n' | '\r' | '\t' => o.push(' '),
            c if crate::text::must_escape(c) => o.push_str(&crate::text::clean(c.encode_utf8(&mut [0; 4]))),
            _ => o.push(ch),
        }
    }
    o
}

/// Escape a paragraph: like `md`, and a leading list or heading marker too.
pub fn para(s: &str) -> String {
    s.split("\n\n")
        .map(|p| {
            let t = md(p.trim());
            match t.chars().next() {
                Some('-' | '+' | '=') => format!("\\{t}"),
                Some(c) if c.is_ascii_digit() && t.contains(". ") => t.replacen(". ", "\\. ", 1),
                _ => t,
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub fn render(r: &Report) -> String {
    let d = &r.debrief;
    let mut o = String::new();
    let _ = writeln!(o, "# After-action report: {}\n", md(&d.scenario));
    let _ = writeln!(
        o,
        "*{}. Log `{}`, seed {}. Written by demarche {}.*\n",
        md(&r.status_line()),
        r.source.replace('`', "'"),
        d.seed,
        env!("CARGO_PKG_VERSION")
    );
    if r.status() == Status::InProgress {
        let _ = writeln!(
            o,
            "> **Game in progress, turn {} of {}.** This report covers the game so far; it reveals every secret, so share it only after the game.\n",
            r.current_turn(),
            d.turns
        );
    }
    super::incident::markdown(r, &mut o);
    o.push_str("## Scenario\n\n");
    let _ = writeln!(o, "{}\n", para(&d.summary));
    if !d.objectives.is_empty() {
        o.push_str("Learning objectives:\n\n");
        for (i, ob) in d.objectives.iter().enumerate() {
            let _ = writeln!(o, "{}. {}", i + 1, md(ob));
        }
        o.push('\n');
    }
    outcome(r, &mut o);
    truth(r, &mut o);
    escalation(r, &mut o);
    tracks(r, &mut o);
    norms(r, &mut o);
    secrets(r, &mut o);
    plan(r, &mut o);
    questions(r, &mut o);
    super::correspondence::markdown(r, &mut o);
    timeline(r, &mut o);
    super::record::markdown(r, &mut o);
    notes(r, &mut o);
    o
}

fn outcome(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("## Outcome\n\n");
    match &d.ending {
        Some(e) => {
            let _ = writeln!(o, "**{}** (turn {} of {})\n", md(&e.title), d.turns_played, d.turns);
            if !e.text.trim().is_empty() {
                let _ = writeln!(o, "{}\n", para(&e.text));
            }
        }
        None => {
            let _ = writeln!(o, "**{}.**\n", md(&r.status_line()));
        }
    }
}

fn truth(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("## The truth and the attributions\n\n");
    let _ = writeln!(o, "**Culprit: {}.** {}\n", md(&d.culprit), para(&d.culprit_description));
    if d.attributions.is_empty() {
        o.push_str("Nobody made a public attribution.\n\n");
    } else {
        o.push_str("| Turn | Who | Named | Stated | Evidence supported | Joint with | Right? | Norm b |\n");
        o.push_str("|---:|---|---|---|---|---|---|---|\n");
        for a in &d.attributions {
            let cal = calibrated(a.stated, a.supported);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                a.turn,
                md(&a.actor),
                md(&a.suspect),
                short_confidence(Some(a.stated)),
                short_confidence(a.supported),
                if a.joint_with.is_empty() {
                    "alone".to_string()
                } else {
                    md(&a.joint_with.join(", "))
                },
                match a.verdict {
                    crate::engine::Verdict::Correct => "right",
                    crate::engine::Verdict::Wrong => "**wrong**",
                    v => v.label(),
                },
                if cal { "calibrated" } else { "**overclaimed**" },
            );
        }
        let right = d.attributions.iter().filter(|a| a.correct).count();
        let cal = d
            .attributions
            .iter()
            .filter(|a| calibrated(a.stated, a.supported))
            .count();
        let _ = writeln!(
            o,
            "\n{} attributions: {right} right, {} wrong; {cal} calibrated, {} claimed more than the evidence supported.\n",
            d.attributions.len(),
            d.attributions.len() - right,
            d.attributions.len() - cal
        );
    }
    if !d.false_flags.is_empty() {
        o.push_str("### False flags\n\n| Planted evidence | Pointed to | Exposed by |\n|---|---|---|\n");
        for f in &d.false_flags {
            let by = if f.exposed_by.is_empty() {
                "**nobody**".to_string()
            } else {
                md(&f.exposed_by.join(", "))
            };
            let _ = writeln!(o, "| {} | {} | {by} |", md(&f.title), md(&f.pointed_to));
        }
        o.push('\n');
    }
}

fn escalation(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("## Escalation\n\n");
    let ladder: Vec<String> = d
        .ladder
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}. {}", i + 1, md(n)))
        .collect();
    let _ = writeln!(o, "The ladder, bottom to top: {}.\n", ladder.join(" → "));
    for l in d.ladders.iter().skip(1) {
        let rungs: Vec<String> = l
            .rungs
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {}", i + 1, md(n)))
            .collect();
        let _ = writeln!(o, "{}, a ladder of its own: {}.\n", md(&l.name), rungs.join(" → "));
    }
    let moving = r.moving_pairs();
    if moving.is_empty() {
        let _ = writeln!(o, "Every pair stayed on \"{}\" throughout.\n", md(r.rung_name(0)));
    } else {
        let len = r.history_len();
        o.push_str(
            "Rung of each pair after each turn (a name where it changed, `·` where it held):\n\n| Pair | Start |",
        );
        for t in 1..len {
            let _ = write!(o, " T{t} |");
        }
        o.push_str(" Highest |\n|---|---|");
        o.push_str(&"---|".repeat(len));
        o.push('\n');
        for &i in &moving {
            let h = &d.escalation[i];
            let _ = write!(o, "| {} |", md(&pair_label(h)));
            for (t, &v) in h.rungs.iter().enumerate() {
                if t > 0 && h.rungs[t - 1] == v {
                    o.push_str(" · |");
                } else {
                    let _ = write!(o, " {} |", md(d.rung_of(h, v)));
                }
            }
            let peak = h.rungs.iter().copied().max().unwrap_or(0);
            let _ = writeln!(o, " **{}** |", md(d.rung_of(h, peak)));
        }
        let calm = d.escalation.len() - moving.len();
        if calm > 0 {
            let _ = writeln!(
                o,
                "\nThe other {calm} pair{} stayed on \"{}\" throughout.",
                if calm == 1 { "" } else { "s" },
                md(r.rung_name(0))
            );
        }
        o.push('\n');
    }
    let mut channels = Vec::new();
    for (h, f) in d.escalation.iter().zip(&r.pairs) {
        for (t, k) in &f.agreed {
            channels.push((*t, format!("- Turn {t}: {} {}", md(&pair_label(h)), super::agreed(*k))));
        }
    }
    if channels.is_empty() {
        o.push_str("No confidence-building measure was agreed.\n\n");
    } else {
        channels.sort_by_key(|(t, _)| *t);
        let lines: Vec<String> = channels.into_iter().map(|(_, l)| l).collect();
        let _ = writeln!(o, "Confidence-building measures agreed:\n\n{}\n", lines.join("\n"));
    }
}

fn tracks(r: &Report, o: &mut String) {
    let d = &r.debrief;
    if d.tracks.is_empty() {
        return;
    }
    o.push_str("## Tracks over time\n\n| Track | Start |");
    let len = d.tracks.iter().map(|t| t.values.len()).max().unwrap_or(1);
    for t in 1..len {
        let _ = write!(o, " T{t} |");
    }
    o.push_str(" Change |\n|---|");
    o.push_str(&"---:|".repeat(len + 1));
    o.push('\n');
    for (t, info) in d.tracks.iter().zip(&r.tracks) {
        let dir = if info.higher_is_better {
            "higher is better"
        } else {
            "higher is worse"
        };
        let _ = write!(o, "| {} ({}–{}, {dir}) |", md(&t.name), info.min, info.max);
        for v in &t.values {
            let _ = write!(o, " {v} |");
        }
        let change = t.values.last().unwrap_or(&0) - t.values.first().unwrap_or(&0);
        let _ = writeln!(o, " {change:+} |");
    }
    o.push('\n');
}

fn norms(r: &Report, o: &mut String) {
    o.push_str("## Norms upheld and breached\n\n");
    o.push_str("Each actor against its own framework: states the eleven UN GGE norms (A/70/174, para 13), companies the Cybersecurity Tech Accord (2018), CERTs norm (k) and their mandate, international organisations their mandate. Counted per distinct act and target; each incident is charged to the actor responsible.\n\n");
    for a in &r.debrief.actors {
        let _ = writeln!(
            o,
            "### {} ({}, credibility {})\n\nAnswers to {}; record {} of {} among its kind{}.\n",
            md(&a.name),
            md(&a.kind),
            a.credibility,
            md(&a.framework),
            a.standing,
            a.peers,
            if a.responsible {
                ", responsible for the incident"
            } else {
                ""
            }
        );
        if a.upheld.is_empty() && a.breached.is_empty() {
            o.push_str("No move touched the norms.\n\n");
            continue;
        }
        for (label, list) in [("Upheld", &a.upheld), ("Breached", &a.breached)] {
            if list.is_empty() {
                continue;
            }
            let items: Vec<String> = list
                .iter()
                .map(|n| format!("({}) {} ×{}", md(&n.code), md(&n.norm), n.times))
                .collect();
            let _ = writeln!(o, "- **{label}:** {}", items.join("; "));
        }
        o.push('\n');
    }
}

fn secrets(r: &Report, o: &mut String) {
    o.push_str("## Secret objectives, revealed\n\n| Actor | Kind | Secret objectives |\n|---|---|---|\n");
    for a in &r.debrief.actors {
        let obs: Vec<String> = a
            .objectives
            .iter()
            .map(|ob| match ob.met {
                Some(true) => format!("✓ met: {}", md(&ob.text)),
                Some(false) => format!("✗ not met: {}", md(&ob.text)),
                None => md(&ob.text),
            })
            .collect();
        let obs = if obs.is_empty() {
            "none".to_string()
        } else {
            obs.join("; ")
        };
        let _ = writeln!(o, "| {} | {} | {obs} |", md(&a.name), md(&a.kind));
    }
    o.push('\n');
}

fn finding(f: &Finding, next: &str, o: &mut String) {
    let who = if f.who.is_empty() {
        String::new()
    } else {
        format!(" *({})*", md(&f.who.join(", ")))
    };
    let _ = writeln!(o, "**{}**{who}\n", f.area);
    for ob in &f.observation {
        let _ = writeln!(o, "- {}", md(ob));
    }
    let _ = writeln!(o, "\n*{next}* {}\n", f.recommendation);
}

fn plan(r: &Report, o: &mut String) {
    let p = r.plan();
    o.push_str("## Improvement plan\n\nDerived from this game's moves; use it to start the hot wash.\n\n");
    o.push_str("### Areas for improvement\n\n");
    if p.improvements.is_empty() {
        o.push_str("Nothing stood out: no overclaimed or wrong attribution, no breach, no unmanaged escalation.\n\n");
    }
    for f in &p.improvements {
        finding(f, "Next time:", o);
    }
    o.push_str("### Strengths to keep\n\n");
    if p.strengths.is_empty() {
        o.push_str("None recorded yet.\n\n");
    }
    for f in &p.strengths {
        finding(f, "Takeaway:", o);
    }
}

fn questions(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("## Debrief questions\n\n");
    if d.questions.is_empty() {
        o.push_str("The scenario lists no questions.\n\n");
        return;
    }
    // Grouped by objective, in the order the objectives are listed.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for q in &d.questions {
        match groups.iter_mut().find(|(ob, _)| *ob == q.objective) {
            Some((_, qs)) => qs.push(&q.question),
            None => groups.push((&q.objective, vec![&q.question])),
        }
    }
    let rank = |ob: &str| d.objectives.iter().position(|x| x == ob).unwrap_or(usize::MAX);
    groups.sort_by_key(|(ob, _)| rank(ob));
    for (ob, qs) in groups {
        if ob.is_empty() {
            o.push_str("### Other questions\n\n");
        } else {
            let _ = writeln!(o, "### Objective {}: {}\n", rank(ob) + 1, md(ob));
        }
        for (i, q) in qs.iter().enumerate() {
            let _ = writeln!(o, "{}. {}", i + 1, md(q));
        }
        o.push('\n');
    }
}

fn timeline(r: &Report, o: &mut String) {
    let d = &r.debrief;
    o.push_str("## Timeline\n\nEverything that happened, secrets included. Items marked **secret** were seen at the time only by those named.\n\n");
    let mut turn = None;
    for e in &d.timeline {
        if turn != Some(e.turn) {
            if turn.is_some() {
                o.push('\n');
            }
            turn = Some(e.turn);
            let _ = writeln!(o, "### Turn {}\n", e.turn);
        }
        let mark = if e.secret {
            format!("**secret** (seen by {}): ", md(&e.seen_by))
        } else if e.seen_by != "public" {
            "*private to the actors*: ".to_string()
        } else {
            String::new()
        };
        let text = if e.text.trim().is_empty() {
            String::new()
        } else {
            format!(" — {}", md(e.text.trim()))
        };
        let _ = writeln!(o, "- {mark}{}{text}", md(&e.headline));
    }
    o.push('\n');
}

fn notes(r: &Report, o: &mut String) {
    let d = &r.debrief;
    for (title, list) in [
        ("Notes for the facilitator", &d.facilitator_notes),
        ("Sources", &d.sources),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "## {title}\n");
        for n in list {
            let _ = writeln!(o, "- {}", md(n));
        }
        o.push('\n');
    }
}
