//! Players' views on the wire. What every actor sees alike at one moment
//! (`Common`) is serialized once for the room, and each player's view is
//! written around it, byte for byte as serde writes a `View`.
// Rooms keep the JSON either way; only the server (the `net` feature) writes it.
#![cfg_attr(not(feature = "net"), allow(dead_code))]

use std::sync::Arc;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::engine::{ActionOption, Common, FeedItem, HeldView, RelationView, SuspectView, View};
use crate::scenario::schema::ActorKind;

/// `Common`, with each of its parts already in JSON.
pub(super) struct CommonJson {
    common: Common,
    actors: Box<RawValue>,
    ladder: Box<RawValue>,
    ladders: Box<RawValue>,
    postures: Box<RawValue>,
    tracks: Box<RawValue>,
    flags: Box<RawValue>,
    attributions: Box<RawValue>,
}

impl CommonJson {
    pub(super) fn new(common: Common) -> Option<CommonJson> {
        use serde_json::value::to_raw_value as raw;
        Some(CommonJson {
            actors: raw(&*common.actors).ok()?,
            ladder: raw(&*common.ladder).ok()?,
            ladders: raw(&*common.ladders).ok()?,
            postures: raw(&*common.postures).ok()?,
            tracks: raw(&*common.tracks).ok()?,
            flags: raw(&*common.flags).ok()?,
            attributions: raw(&*common.attributions).ok()?,
            common,
        })
    }

    /// Write `{"type":"view","view":…}` into `out` if `view` was built from
    /// these common parts; whether it was.
    pub(super) fn write_view(&self, view: &View, out: &mut Vec<u8>) -> bool {
        let c = &self.common;
        let covered = Arc::ptr_eq(&view.actors, &c.actors)
            && Arc::ptr_eq(&view.ladder, &c.ladder)
            && Arc::ptr_eq(&view.ladders, &c.ladders)
            && Arc::ptr_eq(&view.postures, &c.postures)
            && Arc::ptr_eq(&view.tracks, &c.tracks)
            && Arc::ptr_eq(&view.flags, &c.flags)
            && Arc::ptr_eq(&view.attributions, &c.attributions);
        if !covered {
            return false;
        }
        // The fields before and after `options` are written by serde; the
        // options, the bulk of a view, are written here (`write_options`).
        let head = WireMsg::View {
            view: WireView {
                scenario: &view.scenario,
                actor: &view.actor,
                name: &view.name,
                kind: view.kind,
                turn: view.turn,
                turns: view.turns,
                turn_length: &view.turn_length,
                moves_left: view.moves_left,
                committed: view.committed,
                waiting_for: &view.waiting_for,
                resources: view.resources,
                credibility: view.credibility,
                secret_objectives: &view.secret_objectives,
                actors: &self.actors,
                ladder: &self.ladder,
                ladders: &self.ladders,
                relations: &view.relations,
                postures: &self.postures,
                tracks: &self.tracks,
                flags: &self.flags,
                evidence: &view.evidence,
                suspects: &view.suspects,
            },
        };
        let tail = WireTail {
            orders: &view.orders,
            attributions: &self.attributions,
            proposals: &view.proposals,
            statements: &view.statements,
            feed: &view.feed,
            ending: &view.ending,
            press: &view.press,
        };
        // `{"type":"view","view":{…head…` + `,"options":[…]` + `,…tail…}` + `}`
        let start = out.len();
        if serde_json::to_writer(&mut *out, &head).is_err() || !out.ends_with(b"}}") {
            return false;
        }
        out.truncate(out.len() - 2);
        out.extend_from_slice(br#","options":"#);
        write_options(&view.options, out);
        let rest = out.len();
        if serde_json::to_writer(&mut *out, &tail).is_err() || out.get(rest) != Some(&b'{') {
            out.truncate(start);
            return false;
        }
        out[rest] = b',';
        out.push(b'}');
        true
    }
}

/// A string as serde_json writes it: as it is when nothing in it needs
/// escaping (the common case), through serde_json otherwise.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A field name, ready in bytes, and its text.
fn text_field(out: &mut Vec<u8>, key: &[u8], s: Option<&str>) {
    out.extend_from_slice(key);
    write_opt_str(out, s);
}

/// A field name, ready in bytes, and a value serde writes (numbers, unit
/// enums, lists of them), which cannot fail.
fn value_field(out: &mut Vec<u8>, key: &[u8], v: &impl Serialize) {
    out.extend_from_slice(key);
    let _ = serde_json::to_writer(&mut *out, v);
}

/// `[ActionOption]` exactly as serde writes it, with the field names as
/// ready bytes: a view holds a few dozen options of fifteen fields each.
fn write_options(options: &[ActionOption], out: &mut Vec<u8>) {
    out.push(b'[');
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        text_field(out, br#"{"action":"#, Some(&o.action));
        text_field(out, br#","name":"#, Some(&o.name));
        text_field(out, br#","description":"#, Some(&o.description));
        text_field(out, br#","target":"#, o.target.as_deref());
        value_field(out, br#","cost":"#, &o.cost);
        value_field(out, br#","chance":"#, &o.chance);
        value_field(out, br#","visibility":"#, &o.visibility);
        value_field(out, br#","hostility":"#, &o.hostility);
        value_field(out, br#","misread_chance":"#, &o.misread_chance);
        value_field(out, br#","cbm":"#, &o.cbm);
        value_field(out, br#","upholds":"#, &o.upholds);
        value_field(out, br#","breaches":"#, &o.breaches);
        out.extend_from_slice(br#","consequences":["#);
        for (j, c) in o.consequences.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            write_str(out, c);
        }
        text_field(out, br#"],"unavailable":"#, o.unavailable.as_deref());
        out.push(b'}');
    }
    out.push(b']');
}

/// `ServerMsg::View`, borrowed.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum WireMsg<'a> {
    View { view: WireView<'a> },
}

/// `View`, field for field up to `options`, with the common parts as ready JSON.
#[derive(Serialize)]
struct WireView<'a> {
    scenario: &'a str,
    actor: &'a str,
    name: &'a str,
    kind: ActorKind,
    turn: u32,
    turns: u32,
    turn_length: &'a str,
    moves_left: u32,
    committed: bool,
    waiting_for: &'a [String],
    resources: i32,
    credibility: i32,
    secret_objectives: &'a [String],
    actors: &'a RawValue,
    ladder: &'a RawValue,
    ladders: &'a RawValue,
    relations: &'a [RelationView],
    postures: &'a RawValue,
    tracks: &'a RawValue,
    flags: &'a RawValue,
    evidence: &'a [HeldView],
    suspects: &'a [SuspectView],
}

/// The fields of `View` after `options`.
#[derive(Serialize)]
struct WireTail<'a> {
    orders: &'a [String],
    attributions: &'a RawValue,
    proposals: &'a [crate::engine::ProposalView],
    statements: &'a [crate::engine::StatementView],
    feed: &'a [FeedItem],
    ending: &'a Option<(String, String)>,
    press: &'a crate::engine::PressView,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Command, Game};
    use crate::net::protocol::ServerMsg;

    /// The wire form of every actor's view, with and without its feed,
    /// over several turns, is exactly serde's form of `ServerMsg::View`.
    #[test]
    fn views_on_the_wire_are_what_serde_writes() {
        let text = include_str!("../../tests/fixtures/eight.ron");
        let scenario = crate::scenario::load::from_str("eight.ron", text).scenario;
        let Some(scenario) = scenario else {
            panic!("the fixture loads")
        };
        let mut game = Game::new(Arc::new(scenario), 7);
        let n = game.scenario().actor_count();
        let mut checked = 0;
        for turn in 0..4 {
            let common = game.common();
            let json = CommonJson::new(common.clone()).expect("common parts serialize");
            for a in 0..n {
                let view = game.perspective(a).to_view_sharing(&common, turn % 2 == 0);
                let expected = serde_json::to_string(&ServerMsg::View {
                    view: Box::new(view.clone()),
                })
                .unwrap();
                let mut out = Vec::new();
                assert!(json.write_view(&view, &mut out));
                assert_eq!(String::from_utf8(out).unwrap(), expected);
                checked += 1;
            }
            // A view from another moment is not written with these parts.
            let other = game.perspective(0).to_view();
            assert!(!json.write_view(&other, &mut Vec::new()));
            for a in 0..n {
                let _ = game.apply(a, &Command::Commit);
            }
        }
        assert_eq!(checked, 4 * n);
    }

    /// Options whose text needs escaping (a trainer may write quotes, line
    /// breaks or any script) are still written as serde writes them.
    #[test]
    fn options_with_any_text_are_what_serde_writes() {
        use crate::scenario::schema::Visibility;
        use crate::scenario::vocab::{CbmKind, Norm};
        let texts = [
            "plain",
            "a \"quoted\" word",
            "back\\slash",
            "line\nbreak\ttab",
            "bell\u{7}",
            "Sécurité 网络 🛰",
            "",
        ];
        let options: Vec<ActionOption> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ActionOption {
                action: t.to_string(),
                name: format!("{t}{i}"),
                description: t.to_string(),
                target: (i % 2 == 0).then(|| t.to_string()),
                cost: i as i32 - 3,
                chance: 100,
                visibility: Visibility::default(),
                hostility: -(i as i32),
                misread_chance: i as u32 * 7,
                cbm: (i % 3 == 0).then_some(CbmKind::Hotline),
                upholds: vec![Norm::Cooperate],
                breaches: if i % 2 == 0 {
                    Vec::new()
                } else {
                    vec![Norm::Cooperate, Norm::Cooperate]
                },
                consequences: texts[..i].iter().map(|c| c.to_string()).collect(),
                unavailable: (i % 2 == 1).then(|| t.to_string()),
            })
            .collect();
        let mut out = Vec::new();
        write_options(&options, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(&options).unwrap()
        );
        let mut out = Vec::new();
        write_options(&[], &mut out);
        assert_eq!(out, b"[]");
    }
}
