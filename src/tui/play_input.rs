//! Keys on the play screen.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Io, Overlay, Panel};
use super::input::step;
use super::keymap::Action;
use super::screens::play::panel_len;
use crate::engine::Command;
use crate::scenario::schema::Tlp;

impl App {
    pub(super) fn play_key(&mut self, action: Action, code: KeyCode) -> Vec<Io> {
        let (Some(mut ui), Some(v)) = (self.desk().map(|d| d.ui.clone()), self.view.clone()) else {
            return Vec::new();
        };
        let io = self.play_key_with(action, code, &mut ui, &v);
        if let Some(d) = self.desk_mut() {
            d.ui = ui;
        }
        io
    }

    fn play_key_with(
        &mut self,
        action: Action,
        code: KeyCode,
        ui: &mut super::game::PlayUi,
        v: &crate::engine::View,
    ) -> Vec<Io> {
        let panel = ui.panel();
        let sel = ui.sel[panel.index()];
        match action {
            Action::Panels => match code {
                KeyCode::Char(c @ '1'..='5') => ui.focus = c as usize - '1' as usize,
                KeyCode::BackTab => ui.focus = (ui.focus + 4) % 5,
                _ => ui.focus = (ui.focus + 1) % 5,
            },
            Action::Choose => match panel {
                Panel::Actions => {
                    if let Some(i) = v.options.get(sel).map(|_| sel) {
                        self.overlay = Some(Overlay::ConfirmAct(i));
                    }
                }
                Panel::Feed => {
                    if let Some(item) = v.feed.get(sel) {
                        self.overlay = Some(Overlay::Message {
                            title: format!("Turn {}", item.turn),
                            text: format!("{}\n\n{}", item.headline, item.text),
                        });
                    }
                }
                Panel::Intel => {
                    if let Some(e) = v.evidence.get(sel) {
                        let planted = if e.refuted {
                            "\n\nOther evidence you hold shows this was planted."
                        } else {
                            ""
                        };
                        self.overlay = Some(Overlay::Message {
                            title: format!("{} · {}", e.tlp.label(), e.title),
                            text: format!(
                                "{}\n\nKind: {} · reliability {}% · points to: {}{planted}",
                                e.text,
                                e.kind.label(),
                                e.reliability,
                                v.suspects
                                    .iter()
                                    .find(|s| s.id == e.points_to)
                                    .map_or("?", |s| s.name.as_str()),
                            ),
                        });
                    }
                }
                Panel::Relations => {
                    let others: Vec<_> = v.actors.iter().filter(|a| a.id != v.actor).collect();
                    if let Some(a) = others.get(sel) {
                        self.overlay = Some(Overlay::Message {
                            title: format!("{} ({})", a.name, a.kind.label()),
                            text: format!("{}\n\nCredibility: {}", a.description, a.credibility),
                        });
                    }
                }
                Panel::Tracks => {}
            },
            Action::Attribute => {
                if v.committed {
                    self.set_status("You have committed this turn", true);
                } else {
                    self.overlay = Some(Overlay::Attribute {
                        sel: 0,
                        level: super::statement_dialogs::supported_level(v, 0),
                        layer: 0,
                        joint: false,
                    });
                }
            }
            Action::Share => {
                ui.focus = Panel::Intel.index();
                match v.evidence.get(ui.sel[Panel::Intel.index()]) {
                    Some(e) if e.tlp >= Tlp::AmberStrict => {
                        let why = e.share_with.first().and_then(|x| x.1.clone()).unwrap_or_default();
                        self.set_status(format!("Cannot share \"{}\": {why}", e.title), true);
                    }
                    Some(_) => {
                        self.overlay = Some(Overlay::Share {
                            evidence: ui.sel[Panel::Intel.index()],
                            ticked: vec![false; v.actors.len().saturating_sub(1)],
                            sel: 0,
                        })
                    }
                    None => self.set_status("Select an evidence item in the Intel panel first", true),
                }
            }
            Action::Publish => {
                let Some(e) = v.evidence.get(ui.sel[Panel::Intel.index()]) else {
                    self.set_status("Select an evidence item in the Intel panel first", true);
                    return Vec::new();
                };
                if e.tlp != Tlp::Clear {
                    self.set_status(
                        format!("Only TLP:CLEAR may be published; this is {}", e.tlp.label()),
                        true,
                    );
                    return Vec::new();
                }
                self.overlay = Some(Overlay::ConfirmPublish(ui.sel[Panel::Intel.index()]));
            }
            Action::Statements => self.overlay = Some(Overlay::Statements { sel: 0 }),
            Action::Tearline => {
                let Some(e) = v.evidence.get(ui.sel[Panel::Intel.index()]) else {
                    self.set_status("Select an evidence item in the Intel panel first", true);
                    return Vec::new();
                };
                let (cmd, title) = (Command::Tearline { evidence: e.id.clone() }, e.title.clone());
                match self.submit(&cmd) {
                    Ok(()) => self.set_status(format!("Tearline issued for \"{title}\": share it with s"), false),
                    Err(err) => self.set_status(err, true),
                }
            }
            Action::Notes => self.overlay = Some(Overlay::Notes),
            Action::Inbox => self.open_inbox(),
            Action::Reply => self.open_reply(),
            Action::Withdraw => match self.submit(&Command::Withdraw) {
                Ok(()) => self.set_status("Moves withdrawn", false),
                Err(err) => self.set_status(err, true),
            },
            Action::Commit => self.overlay = Some(Overlay::EndTurn),
            a => ui.sel[panel.index()] = step(sel, panel_len(v, panel), a),
        }
        Vec::new()
    }
}
