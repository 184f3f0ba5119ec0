//! Keys in the press dialogs: the inbox (threads per correspondent, the
//! proposals waiting for an answer), the compose form (recipients always
//! shown, multi-line and pasted text) and the proposal form (mutual
//! restraint, assistance, a confidence-building measure).

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Io, Overlay};
use super::dialogs::{apply, push_text, typed};
use super::input::step;
use super::keymap::Action;
use crate::engine::press::MAX_TEXT;
use crate::engine::{Command, MessageView, Terms, View};
use crate::scenario::schema::CbmKind;

/// The inbox: which thread is open (0: public statements, then one per
/// other actor in scenario order), and which proposal is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inbox {
    pub thread: usize,
    pub proposal: usize,
    /// Keys move the proposals list rather than the threads.
    pub on_proposals: bool,
}

/// A message being written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compose {
    /// One tick per other actor, in scenario order; none ticked: everyone.
    pub to: Vec<bool>,
    pub to_sel: usize,
    pub text: String,
    /// 0: the text, 1: the recipients.
    pub field: usize,
}

/// A deal or measure being proposed to one actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProposeForm {
    /// The other actor, in scenario order without oneself.
    pub to: usize,
    /// 0 restraint, 1 assistance, then the measures in `CbmKind::ALL`.
    pub kind: usize,
    pub turns: u32,
}

/// The kinds of proposal the form offers, in order.
pub const KINDS: usize = 2 + CbmKind::ALL.len();

/// Other actors' ids, in scenario order.
pub fn others(v: &View) -> Vec<String> {
    v.actors
        .iter()
        .filter(|a| a.id != v.actor)
        .map(|a| a.id.clone())
        .collect()
}

/// The thread key of a message for `me`: "" for public statements, else
/// the correspondent's id.
pub fn thread_of(m: &MessageView, me: &str) -> String {
    m.correspondent(me).unwrap_or_default().to_string()
}

/// The thread keys of the inbox in order: public first, then each actor.
pub fn threads(v: &View) -> Vec<String> {
    std::iter::once(String::new()).chain(others(v)).collect()
}

/// Messages in a thread, and how many of them came from others.
pub fn thread_messages<'v>(v: &'v View, key: &str) -> Vec<&'v MessageView> {
    v.press
        .messages
        .iter()
        .filter(|m| thread_of(m, &v.actor) == key)
        .collect()
}

/// Messages from others in a thread not yet read.
pub fn unread(app: &App, v: &View, key: &str) -> usize {
    let from_others = thread_messages(v, key).iter().filter(|m| m.from != v.actor).count();
    let read = app.desk().and_then(|d| d.press_read.get(key).copied()).unwrap_or(0);
    from_others.saturating_sub(read)
}

/// Mark a thread read at the keyboard's desk.
fn mark_read(app: &mut App, key: &str) {
    let Some(v) = app.view.as_ref() else { return };
    let n = thread_messages(v, key).iter().filter(|m| m.from != v.actor).count();
    if let Some(d) = app.desk_mut() {
        d.press_read.insert(key.to_string(), n);
    }
}

impl App {
    /// Open the inbox on its first thread with unread messages.
    pub fn open_inbox(&mut self) {
        let Some(v) = self.view.as_ref() else { return };
        let keys = threads(v);
        let thread = keys.iter().position(|k| unread(self, v, k) > 0).unwrap_or(0);
        let key = keys[thread].clone();
        mark_read(self, &key);
        self.overlay = Some(Overlay::Inbox(Inbox {
            thread,
            ..Inbox::default()
        }));
    }
}

/// Text pasted into the compose form; false if it is not open.
pub fn paste(app: &mut App, text: &str) -> bool {
    match app.overlay.as_mut() {
        Some(Overlay::Compose(c)) => {
            c.field = 0;
            push_text(&mut c.text, text, MAX_TEXT * 4, true);
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
    match overlay {
        Overlay::Inbox(inbox) => inbox_key(app, &v, inbox, action),
        Overlay::Compose(c) => compose_key(app, &v, c, action, key),
        Overlay::Propose(p) => propose_key(app, &v, p, action),
        _ => {}
    }
    Vec::new()
}

fn inbox_key(app: &mut App, v: &View, mut inbox: Inbox, action: Option<Action>) {
    let keys = threads(v);
    let nprop = v.press.proposals.len();
    match action {
        Some(Action::Back) => {
            app.overlay = None;
            return;
        }
        Some(Action::NextField) => inbox.on_proposals = !inbox.on_proposals && nprop > 0,
        Some(Action::Write) => {
            let mut to = vec![false; keys.len() - 1];
            if inbox.thread > 0 {
                to[inbox.thread - 1] = true;
            }
            app.overlay = Some(Overlay::Compose(Compose {
                to,
                ..Compose::default()
            }));
            return;
        }
        Some(Action::Propose) => {
            app.overlay = Some(Overlay::Propose(ProposeForm {
                to: inbox.thread.saturating_sub(1),
                kind: 0,
                turns: 3,
            }));
            return;
        }
        Some(a @ (Action::Yes | Action::Decline)) => {
            let Some(p) = v.press.proposals.get(inbox.proposal) else {
                app.set_status("No proposal is waiting for your answer", true);
                return;
            };
            let accept = a == Action::Yes;
            let cmd = Command::Answer {
                proposal: p.proposal.clone(),
                accept,
                text: String::new(),
                because: None,
            };
            let done = format!("{} {}", if accept { "Accepted:" } else { "Declined:" }, p.what);
            apply(app, &cmd, done);
            inbox.proposal = inbox.proposal.min(nprop.saturating_sub(2));
        }
        Some(a) if inbox.on_proposals => inbox.proposal = step(inbox.proposal, nprop, a),
        Some(a) => {
            inbox.thread = step(inbox.thread, keys.len(), a);
            mark_read(app, &keys[inbox.thread]);
        }
        None => {}
    }
    app.overlay = Some(Overlay::Inbox(inbox));
}

fn compose_key(app: &mut App, v: &View, mut c: Compose, action: Option<Action>, key: &KeyEvent) {
    let ids = others(v);
    match action {
        Some(Action::Back) => {
            app.overlay = Some(Overlay::Inbox(Inbox::default()));
            return;
        }
        Some(Action::NextField) => c.field = 1 - c.field.min(1),
        Some(Action::Send) => {
            let to: Vec<String> = ids
                .iter()
                .zip(&c.to)
                .filter(|(_, t)| **t)
                .map(|(id, _)| id.clone())
                .collect();
            let names: Vec<String> = to.iter().map(|id| name_of(v, id)).collect();
            let cmd = Command::Message {
                to: to.clone(),
                text: c.text.clone(),
            };
            match app.submit(&cmd) {
                Ok(()) => {
                    let whom = if names.is_empty() {
                        "everyone".to_string()
                    } else {
                        names.join(", ")
                    };
                    app.set_status(format!("Sent to {whom}"), false);
                    let thread = match to.as_slice() {
                        [one] => ids.iter().position(|i| i == one).map_or(0, |i| i + 1),
                        _ => 0,
                    };
                    app.overlay = Some(Overlay::Inbox(Inbox {
                        thread,
                        ..Inbox::default()
                    }));
                }
                Err(e) => {
                    app.set_status(e, true);
                    app.overlay = Some(Overlay::Compose(c));
                }
            }
            return;
        }
        Some(Action::Tick) if c.field == 1 => {
            if let Some(t) = c.to.get_mut(c.to_sel) {
                *t = !*t;
            }
        }
        Some(Action::Newline) if c.field == 0 => push_text(&mut c.text, "\n", MAX_TEXT * 4, true),
        Some(Action::DeleteBack) if c.field == 0 => {
            c.text.pop();
        }
        Some(a @ (Action::Up | Action::Down)) if c.field == 1 => c.to_sel = step(c.to_sel, c.to.len(), a),
        Some(_) => {}
        None => {
            if let (Some(ch), 0) = (typed(key), c.field) {
                push_text(&mut c.text, ch.encode_utf8(&mut [0; 4]), MAX_TEXT * 4, true);
            }
        }
    }
    app.overlay = Some(Overlay::Compose(c));
}

fn propose_key(app: &mut App, v: &View, mut p: ProposeForm, action: Option<Action>) {
    let ids = others(v);
    match action {
        Some(Action::Back) => {
            app.overlay = Some(Overlay::Inbox(Inbox::default()));
            return;
        }
        Some(Action::Up) => p.to = step(p.to, ids.len(), Action::Up),
        Some(Action::Down) => p.to = step(p.to, ids.len(), Action::Down),
        Some(Action::NextField) => p.kind = (p.kind + 1) % KINDS,
        Some(Action::PrevField) => p.kind = (p.kind + KINDS - 1) % KINDS,
        Some(Action::More) => p.turns = (p.turns + 1).min(crate::engine::press::MAX_RESTRAINT),
        Some(Action::Less) => p.turns = p.turns.saturating_sub(1).max(1),
        Some(Action::Send) => {
            let Some(to) = ids.get(p.to).cloned() else { return };
            let terms = terms_of(&p);
            let done = format!("Proposed to {}: {}", name_of(v, &to), kind_label(&p));
            let cmd = Command::Offer {
                to,
                terms,
                text: String::new(),
            };
            match app.submit(&cmd) {
                Ok(()) => {
                    app.set_status(done, false);
                    app.overlay = Some(Overlay::Inbox(Inbox {
                        thread: p.to + 1,
                        ..Inbox::default()
                    }));
                }
                Err(e) => {
                    app.set_status(e, true);
                    app.overlay = Some(Overlay::Propose(p));
                }
            }
            return;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Propose(p));
}

/// The terms the form stands for.
pub fn terms_of(p: &ProposeForm) -> Terms {
    match p.kind {
        0 => Terms::Restraint { turns: p.turns },
        1 => Terms::Assistance,
        k => Terms::Measure {
            measure: CbmKind::ALL[(k - 2).min(CbmKind::ALL.len() - 1)],
        },
    }
}

/// The form's kind in words.
pub fn kind_label(p: &ProposeForm) -> String {
    match terms_of(p) {
        Terms::Restraint { turns } => format!("mutual restraint for {turns} turns"),
        Terms::Assistance => "a request for assistance (norm h)".into(),
        Terms::Measure { measure } => measure.with_article(),
        Terms::JointStatement { .. } => "a joint statement".into(),
    }
}

/// An actor's name by id, for the status line.
pub fn name_of(v: &View, id: &str) -> String {
    v.actors
        .iter()
        .find(|a| a.id == id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}
