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
            && Arc::ptr_eq(&view.postures, &c.postures)
            && Arc::ptr_eq(&view.tracks, &c.tracks)
            && Arc::ptr_eq(&view.flags, &c.flags)
            && Arc::ptr_eq(&view.attributions, &c.attributions);
        if !covered {
            return false;
        }
        let wire = WireMsg::View {
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
                relations: &view.relations,
                postures: &self.postures,
                tracks: &self.tracks,
                flags: &self.flags,
                evidence: &view.evidence,
                suspects: &view.suspects,
                options: &view.options,
                orders: &view.orders,
                attributions: &self.attributions,
                feed: &view.feed,
                ending: &view.ending,
            },
        };
        serde_json::to_writer(out, &wire).is_ok()
    }
}

/// `ServerMsg::View`, borrowed.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum WireMsg<'a> {
    View { view: WireView<'a> },
}

/// `View`, field for field, with the common parts as ready JSON.
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
    relations: &'a [RelationView],
    postures: &'a RawValue,
    tracks: &'a RawValue,
    flags: &'a RawValue,
    evidence: &'a [HeldView],
    suspects: &'a [SuspectView],
    options: &'a [ActionOption],
    orders: &'a [String],
    attributions: &'a RawValue,
    feed: &'a [FeedItem],
    ending: &'a Option<(String, String)>,
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
}
