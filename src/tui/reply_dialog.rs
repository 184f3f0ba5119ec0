//! Keys in the dialog that answers a question asked through a channel: the
//! answers on offer (the scenario's prepared answer, each item one holds,
//! an explanation in one's own words, a refusal), and the text field for
//! the explanation.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Io, Overlay};
use super::dialogs::{apply, push_text, typed};
use super::input::step;
use super::keymap::Action;
use crate::engine::request::MAX_EXPLANATION;
use crate::engine::request_text as text;
use crate::engine::{Command, Reply, RequestView, View};

/// The question being answered and the answer chosen so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplyForm {
    /// The question's number (`RequestView::number`).
    pub request: usize,
    /// The answer selected in the list (see `choices`).
    pub sel: usize,
    /// The explanation being written.
    pub text: String,
}

/// One answer on offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The scenario's prepared answer: its title.
    Prepared(String),
    /// An item one holds: id, title, and why it may not go, if it may not.
    Evidence(String, String, Option<String>),
    Explain,
    Decline,
}

/// The answers on offer for a question, in the order shown.
pub fn choices(r: &RequestView) -> Vec<Choice> {
    let mut out = Vec::with_capacity(r.may_share.len() + 3);
    if let Some((title, _)) = &r.prepared {
        out.push(Choice::Prepared(title.clone()));
    }
    for (id, title, why) in &r.may_share {
        out.push(Choice::Evidence(id.clone(), title.clone(), why.clone()));
    }
    out.push(Choice::Explain);
    out.push(Choice::Decline);
    out
}

/// Questions waiting for this actor's answer, oldest first.
pub fn waiting(v: &View) -> impl Iterator<Item = &RequestView> {
    v.press.requests.iter().filter(|r| r.to_answer)
}

/// A name for an actor id in the view.
pub fn name_of(v: &View, id: &str) -> String {
    v.actors
        .iter()
        .find(|a| a.id == id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

impl App {
    /// Open the answer dialog on the oldest question waiting for an answer.
    pub fn open_reply(&mut self) {
        let Some(v) = self.view.as_ref() else { return };
        let first = waiting(v).next().map(|r| r.number);
        match first {
            Some(request) => {
                self.overlay = Some(Overlay::Reply(ReplyForm {
                    request,
                    ..ReplyForm::default()
                }))
            }
            None => self.set_status(text::NO_QUESTION, true),
        }
    }
}

/// Text pasted into the explanation; false if it is not open.
pub fn paste(app: &mut App, text: &str) -> bool {
    match app.overlay.as_mut() {
        Some(Overlay::Explain(form)) => {
            push_text(&mut form.text, text, MAX_EXPLANATION * 4, false);
            true
        }
        _ => false,
    }
}

pub fn on_key(app: &mut App, overlay: Overlay, action: Option<Action>, key: &KeyEvent) -> Vec<Io> {
    let Some(v) = app.view.clone() else {
        app.overlay = None;
        return Vec::new();
    };
    let (mut form, explaining) = match overlay {
        Overlay::Reply(form) => (form, false),
        Overlay::Explain(form) => (form, true),
        _ => return Vec::new(),
    };
    let Some(r) = v
        .press
        .requests
        .iter()
        .find(|r| r.number == form.request && r.to_answer)
    else {
        app.overlay = None;
        app.set_status(text::NOT_WAITING, true);
        return Vec::new();
    };
    let who = name_of(&v, &r.by);
    if explaining {
        match action {
            Some(Action::Back) => app.overlay = Some(Overlay::Reply(form)),
            Some(Action::Send) => {
                let reply = Reply::Explain {
                    text: form.text.clone(),
                };
                send(
                    app,
                    r.number,
                    reply,
                    text::sent_explanation(&who),
                    Overlay::Explain(form),
                );
            }
            Some(Action::DeleteBack) => {
                form.text.pop();
                app.overlay = Some(Overlay::Explain(form));
            }
            Some(_) => app.overlay = Some(Overlay::Explain(form)),
            None => {
                if let Some(c) = typed(key) {
                    push_text(&mut form.text, c.encode_utf8(&mut [0; 4]), MAX_EXPLANATION * 4, false);
                }
                app.overlay = Some(Overlay::Explain(form));
            }
        }
        return Vec::new();
    }
    let list = choices(r);
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::NextField) => {
            let open: Vec<usize> = waiting(&v).map(|q| q.number).collect();
            let at = open.iter().position(|&n| n == form.request).unwrap_or(0);
            form = ReplyForm {
                request: open.get((at + 1) % open.len().max(1)).copied().unwrap_or(form.request),
                ..ReplyForm::default()
            };
            app.overlay = Some(Overlay::Reply(form));
        }
        Some(Action::Send) => match list.get(form.sel) {
            Some(Choice::Prepared(title)) => {
                let done = text::sent_prepared(&who, title);
                send(app, r.number, Reply::Prepared, done, Overlay::Reply(form));
            }
            Some(Choice::Evidence(_, title, Some(why))) => {
                app.set_status(text::cannot_pass(title, why), true);
                app.overlay = Some(Overlay::Reply(form));
            }
            Some(Choice::Evidence(id, title, None)) => {
                let done = text::sent_item(title, &who);
                let reply = Reply::Evidence { evidence: id.clone() };
                send(app, r.number, reply, done, Overlay::Reply(form));
            }
            Some(Choice::Explain) => app.overlay = Some(Overlay::Explain(form)),
            Some(Choice::Decline) => {
                let done = text::sent_decline(&who);
                send(app, r.number, Reply::Decline, done, Overlay::Reply(form));
            }
            None => app.overlay = Some(Overlay::Reply(form)),
        },
        Some(a) => {
            form.sel = step(form.sel, list.len(), a);
            app.overlay = Some(Overlay::Reply(form));
        }
        None => app.overlay = Some(Overlay::Reply(form)),
    }
    Vec::new()
}

/// Send the answer: the dialog closes if it is taken, and stays open
/// (`back`) with the reason on the status line if not.
fn send(app: &mut App, request: usize, reply: Reply, done: String, back: Overlay) {
    let cmd = Command::Reply { request, reply };
    app.overlay = None;
    apply(app, &cmd, done);
    if app.status.as_ref().is_some_and(|(_, error)| *error) {
        app.overlay = Some(back);
    }
}
