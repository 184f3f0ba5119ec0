//! Dialogs drawn over the current screen.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, centered};
use crate::scenario::schema::Visibility;
use crate::tui::app::{App, InjectForm, Overlay};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::white_cell_input::{describe_time, parse_turn_time};

/// Columns of the help dialog, borders included.
const HELP_WIDTH: u16 = 70;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(o) = &app.overlay else { return };
    if matches!(o, Overlay::Inbox(_) | Overlay::Compose(_) | Overlay::Propose(_)) {
        return super::inbox::draw(app, f, area);
    }
    if matches!(o, Overlay::PressDesk(_) | Overlay::WriteAs(_)) {
        return super::press_desk::draw(app, f, area);
    }
    if matches!(o, Overlay::Reply(_) | Overlay::Explain(_)) {
        return super::reply::draw(app, f, area);
    }
    let t = &app.theme;
    let v = app.view.as_ref();
    let (title, lines, w): (String, Vec<Line>, u16) = match o {
        Overlay::Help => (
            " Keys (↑↓ scroll · Esc closes) ".into(),
            super::legend::help_lines(app, area, HELP_WIDTH),
            HELP_WIDTH,
        ),
        Overlay::Quit => (
            " Quit? ".into(),
            vec![
                match app.game.as_ref().and_then(|m| m.save_error.as_ref()) {
                    Some(e) => Line::styled(format!("The game is NOT saved: {e}."), t.warn),
                    None if app.console.is_some() => Line::raw("The games go on without you on the server."),
                    None if app.remote.is_some() => Line::raw("The game goes on without you on the server."),
                    None => Line::raw("The game is saved at every turn and when you quit."),
                },
                Line::raw(if app.remote.is_some() || app.console.is_some() {
                    "Run the same `demarche join` command to come back."
                } else if app.game.as_ref().is_some_and(|m| m.save_error.is_some()) {
                    "Quitting now loses what was played since the last save."
                } else {
                    "`demarche play --resume` continues it later."
                }),
                Line::raw(""),
                confirm_line(app, "quit", "keep playing"),
            ],
            52,
        ),
        Overlay::EndTurn => {
            let orders = v.map(|v| v.orders.clone()).unwrap_or_default();
            let mut lines = vec![if orders.is_empty() {
                Line::styled("You have chosen no move this turn.", t.warn)
            } else {
                Line::raw(format!("Your move: {}", orders.join("; ")))
            }];
            lines.push(Line::raw("Moves resolve once every actor has committed."));
            lines.extend(unanswered_lines(v, t));
            lines.push(Line::raw(""));
            lines.push(confirm_line(app, "end my turn", "not yet"));
            (" End your turn? ".into(), lines, 60)
        }
        Overlay::ConfirmPublish(i) => {
            let Some(e) = v.and_then(|v| v.evidence.get(*i)) else {
                return;
            };
            let lines = vec![
                Line::raw(format!("Publish \"{}\"?", e.title)),
                Line::raw(""),
                Line::raw("Every actor receives it and everyone sees that you published it."),
                Line::styled("Publishing cannot be taken back.", t.warn),
                Line::raw(""),
                confirm_line(app, "publish", "keep it"),
            ];
            (" Publish evidence? ".into(), lines, 60)
        }
        Overlay::ConfirmAct(i) => {
            let Some(o) = v.and_then(|v| v.options.get(*i)) else {
                return;
            };
            let target = o
                .target
                .as_ref()
                .and_then(|id| v.and_then(|v| v.actors.iter().find(|a| &a.id == id)));
            let on = target.map(|a| format!(" → {}", a.name)).unwrap_or_default();
            let vis = match o.visibility {
                Visibility::Public => "everyone will see it",
                Visibility::Parties => "only you and the target will know",
                Visibility::Secret => "secret, unless detected",
            };
            let mut lines = vec![Line::raw(o.description.clone()), Line::raw("")];
            if let Some(why) = &o.unavailable {
                lines.push(Line::styled(format!("You cannot take it now: {why}."), t.warn));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("{}: back", keymap::label_of(Context::Confirm, Action::No)),
                    t.focus,
                ));
            } else {
                let res = v.map_or(0, |v| v.resources);
                lines.push(Line::raw(format!(
                    "Cost {} of your {res} resources · success {}% · {vis}",
                    o.cost, o.chance
                )));
                lines.extend(o.consequences.iter().map(|c| Line::raw(format!("• {c}"))));
                for (label, norms, style) in [("Upholds", &o.upholds, t.good), ("Breaches", &o.breaches, t.bad)] {
                    for n in norms.iter() {
                        lines.push(Line::styled(
                            format!("{label} UN norm ({}): {}", n.letter(), n.summary()),
                            style,
                        ));
                    }
                }
                lines.push(Line::raw(""));
                lines.push(confirm_line(app, "choose it", "back"));
            }
            (format!(" {}{on} ", o.name), lines, 76)
        }
        Overlay::Share { evidence, ticked, sel } => {
            let Some(e) = v.and_then(|v| v.evidence.get(*evidence)) else {
                return;
            };
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(e.tlp.label(), t.tlp(e.tlp)),
                    Span::raw(format!(" {}", e.title)),
                ]),
                Line::raw(""),
            ];
            for (i, (id, why)) in e.share_with.iter().enumerate() {
                let name = v
                    .and_then(|v| v.actors.iter().find(|a| &a.id == id))
                    .map_or(id.clone(), |a| a.name.clone());
                let mark = if ticked.get(i).copied().unwrap_or(false) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let style = if i == *sel { t.selected } else { t.text };
                let mut spans = vec![Span::styled(format!("{mark} {name}"), style)];
                if let Some(why) = why {
                    spans.push(Span::styled(format!("  — {why}"), t.dim));
                }
                lines.push(Line::from(spans));
            }
            lines.push(Line::raw(""));
            lines.push(hint_line(app, &[Context::Share]));
            (" Share evidence ".into(), lines, 90)
        }
        Overlay::Attribute {
            sel,
            level,
            layer,
            joint,
        } => {
            let Some(v) = v else { return };
            let choice = super::attribute_dialog::Choice {
                sel: *sel,
                level: *level,
                layer: *layer,
                joint: *joint,
            };
            (
                " Public attribution ".into(),
                super::attribute_dialog::lines(app, v, &choice, area),
                90,
            )
        }
        Overlay::Statements { sel } => {
            let Some(v) = v else { return };
            let mut lines = vec![Line::styled("Joint statements proposed to you", t.title)];
            if v.proposals.is_empty() {
                lines.push(Line::styled("  none", t.dim));
            }
            for (i, p) in v.proposals.iter().enumerate() {
                let style = if i == *sel { t.selected } else { t.text };
                let state = if p.made { "made; sign to join it" } else { "open" };
                let mine = p.my_confidence.map_or("no basis", |c| c.label());
                lines.push(Line::from(vec![
                    Span::styled(
                        format!(
                            "#{} {}: {} ({}) with {}",
                            p.number + 1,
                            p.by,
                            p.suspect,
                            p.layer.label(),
                            p.confidence.label()
                        ),
                        style,
                    ),
                    Span::styled(format!("  {state}; your evidence: {mine}"), t.dim),
                ]));
                if let Some(why) = &p.not_now {
                    lines.push(Line::styled(format!("    not now: {why}"), t.dim));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("Your public statements", t.title));
            if v.statements.is_empty() {
                lines.push(Line::styled("  none", t.dim));
            }
            for (i, s) in v.statements.iter().enumerate() {
                let style = if v.proposals.len() + i == *sel {
                    t.selected
                } else {
                    t.text
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{} ({}) with {}", s.suspect, s.layer.label(), s.stated.label()),
                        style,
                    ),
                    Span::styled(format!("  {}", s.verdict.label()), t.dim),
                ]));
            }
            lines.push(Line::raw(""));
            lines.push(hint_line(app, &[Context::Statements]));
            (" Statements ".into(), lines, 100)
        }
        Overlay::Notes => {
            let text = app.desk().map(|d| d.notes.clone()).unwrap_or_default();
            let mut lines: Vec<Line> = text.split('\n').map(|l| Line::raw(l.to_string())).collect();
            if let Some(last) = lines.last_mut() {
                last.push_span(Span::styled("█", t.focus));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("Only you see these notes. Esc: save and close", t.dim));
            (" Notes to self ".into(), lines, 70)
        }
        Overlay::InjectForm(form) => (" Write an inject ".into(), inject_form(app, form), 80),
        Overlay::TimerPrompt { text } => {
            let understood = match parse_turn_time(text) {
                Ok(0) => Line::styled("= no timer", t.good),
                Ok(s) => Line::styled(format!("= {} per turn", describe_time(s)), t.good),
                Err(_) if text.trim().is_empty() => Line::raw(""),
                Err(e) => Line::styled(e, t.warn),
            };
            (
                " Turn timer ".into(),
                vec![
                    Line::raw("Time per turn: 90 (seconds), 90s, 10m, 1h30m; 0 or off: no timer"),
                    Line::styled(format!("{text}█"), t.focus),
                    understood,
                    Line::raw(""),
                    hint_line(app, &[Context::TimerPrompt]),
                ],
                60,
            )
        }
        Overlay::ConfirmEndGame => (
            " End the game? ".into(),
            vec![
                Line::raw("Everyone's turn stops and every player sees the debrief."),
                Line::raw(""),
                confirm_line(app, "end it", "carry on"),
            ],
            60,
        ),
        Overlay::ConfirmForce => (" Resolve the turn now? ".into(), confirm_force(app), 64),
        Overlay::Inbox(_)
        | Overlay::Compose(_)
        | Overlay::Propose(_)
        | Overlay::PressDesk(_)
        | Overlay::WriteAs(_)
        | Overlay::Reply(_)
        | Overlay::Explain(_) => return,
        Overlay::Message { title, text } => {
            let mut lines: Vec<Line> = text.split('\n').map(|l| Line::raw(l.to_string())).collect();
            lines.push(Line::raw(""));
            lines.push(hint_line(app, &[Context::Reading]));
            (format!(" {title} "), lines, 76)
        }
    };
    let inner_w = w.min(area.width.saturating_sub(4)).saturating_sub(2).max(1);
    let rows: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner_w).max(1))
        .sum::<u16>()
        + 2;
    let r = centered(
        area,
        w.min(area.width.saturating_sub(4)),
        rows.min(area.height.saturating_sub(2)),
    );
    // Rows that do not fit scroll (help, long messages).
    let max_scroll = rows.saturating_sub(r.height);
    app.hits.borrow_mut().overlay_max_scroll = max_scroll;
    f.render_widget(Clear, r);
    let scroll = app.overlay_scroll.min(max_scroll);
    let mut frame = block(title, true, t);
    // Rows below the last one shown: say so on the bottom border.
    if scroll < max_scroll {
        frame = frame.title_bottom(Line::styled(" ▼ more ", t.focus).right_aligned());
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(frame),
        r,
    );
}

/// A question's answer keys, from the keymap, each with what it does here.
fn confirm_line(app: &App, yes: &str, no: &str) -> Line<'static> {
    Line::styled(
        format!(
            "{}: {yes}      {}: {no}",
            keymap::label_of(Context::Confirm, Action::Yes),
            keymap::label_of(Context::Confirm, Action::No)
        ),
        app.theme.focus,
    )
}

/// A dialog's key hints, from the keymap.
pub(super) fn hint_line(app: &App, stack: &[Context]) -> Line<'static> {
    let parts: Vec<String> = keymap::hints_for(stack)
        .into_iter()
        .map(|(k, does)| format!("{k}: {does}"))
        .collect();
    Line::styled(parts.join("   "), app.theme.focus)
}

fn inject_form(app: &App, form: &InjectForm) -> Vec<Line<'static>> {
    let t = &app.theme;
    let seats = app
        .remote
        .as_ref()
        .and_then(|r| r.facilitator.as_ref())
        .map(|s| s.seats.clone())
        .unwrap_or_default();
    let label = |i: usize, name: &str| Line::styled(name.to_string(), if form.field == i { t.focus } else { t.dim });
    let cursor = |on: bool| if on { "█" } else { "" };
    let mut lines = vec![
        label(0, "Headline"),
        Line::raw(format!("{}{}", form.headline, cursor(form.field == 0))),
        Line::raw(""),
        label(1, "Text (Enter: new line)"),
    ];
    let body: Vec<&str> = form.text.split('\n').collect();
    let n = body.len();
    for (i, l) in body.into_iter().enumerate() {
        lines.push(Line::raw(format!("{l}{}", cursor(form.field == 1 && i + 1 == n))));
    }
    lines.push(Line::raw(""));
    let ticked = form.to.iter().filter(|x| **x).count();
    let audience = if ticked == 0 {
        "nobody ticked: public news, everyone sees it".to_string()
    } else {
        format!("only the {ticked} ticked")
    };
    lines.push(label(2, &format!("To ({audience}; Space ticks)")));
    for (i, s) in seats.iter().enumerate() {
        let mark = if form.to.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let style = if form.field == 2 && i == form.to_sel {
            t.selected
        } else {
            t.text
        };
        lines.push(Line::styled(format!("{mark} {}", s.name), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Players see it as news from the white cell.", t.dim));
    lines.push(hint_line(app, &[Context::InjectForm]));
    lines
}

fn confirm_force(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let state = app.remote.as_ref().and_then(|r| r.facilitator.as_ref());
    let late: Vec<String> = state
        .map(|s| {
            s.seats
                .iter()
                .filter(|x| !x.committed)
                .map(|x| x.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let mut lines = Vec::new();
    if late.is_empty() {
        lines.push(Line::raw("Everyone has committed."));
    } else {
        lines.push(Line::styled(format!("Not committed yet: {}.", late.join(", ")), t.warn));
        lines.push(Line::raw(
            "Their moves chosen but not committed will not run; each of them is told why.",
        ));
    }
    lines.push(Line::raw(""));
    lines.push(confirm_line(app, "resolve now", "wait"));
    lines
}

/// Questions through a channel still waiting for this actor's answer that
/// are due this turn: ending the turn without answering them is silence.
fn unanswered_lines(v: Option<&crate::engine::View>, t: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    let Some(v) = v else { return Vec::new() };
    v.press
        .requests
        .iter()
        .filter(|r| r.to_answer && r.due <= v.turn)
        .map(|r| {
            let by = v
                .actors
                .iter()
                .find(|a| a.id == r.by)
                .map_or(r.by.as_str(), |a| a.name.as_str());
            Line::styled(crate::engine::request_text::unanswered_at_end_turn(by), t.warn)
        })
        .collect()
}
