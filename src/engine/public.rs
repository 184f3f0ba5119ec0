//! What the public sees: the projector in the room, spectators. Public
//! events, postures, world tracks; no actor's secrets or private exchanges.

use serde::{Deserialize, Serialize};

use super::describe::describe;
use super::event::EventKind;
use super::view::{ActorSummary, FeedItem, TrackView};
use super::Game;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicView {
    pub scenario: String,
    pub summary: String,
    pub turn: u32,
    pub turns: u32,
    pub turn_length: String,
    pub actors: Vec<ActorSummary>,
    pub ladder: Vec<String>,
    /// Rung of every pair, by actor ids.
    pub postures: Vec<(String, String, usize)>,
    pub tracks: Vec<TrackView>,
    pub flags: Vec<(String, bool)>,
    /// Public events, newest first.
    pub feed: Vec<FeedItem>,
    pub attributions: Vec<String>,
    pub waiting_for: Vec<String>,
    pub over: bool,
    pub ending: Option<(String, String)>,
}

impl Game {
    pub fn public_view(&self) -> PublicView {
        self.public_view_with(true)
    }

    /// The public view, with or without its feed of public events.
    pub fn public_view_with(&self, with_feed: bool) -> PublicView {
        let s = &self.scenario;
        let f = &s.file;
        let st = &self.state;
        let n = s.actor_count();
        let prev = st
            .track_history
            .len()
            .checked_sub(2)
            .and_then(|i| st.track_history.get(i));
        let mut postures = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                postures.push((
                    f.actors[a].id.clone(),
                    f.actors[b].id.clone(),
                    st.relations[s.pair(a, b)].rung,
                ));
            }
        }
        PublicView {
            scenario: f.title.clone(),
            summary: f.summary.clone(),
            turn: st.turn,
            turns: f.turns,
            turn_length: f.turn_length.clone(),
            actors: f
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| ActorSummary {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind,
                    description: a.description.clone(),
                    credibility: st.actors[i].credibility,
                    committed: st.actors[i].committed,
                })
                .collect(),
            ladder: f.ladder.iter().map(|r| r.name.clone()).collect(),
            postures,
            tracks: f
                .tracks
                .iter()
                .enumerate()
                .map(|(i, t)| TrackView {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    value: st.tracks[i],
                    previous: prev.and_then(|p| p.get(i)).copied().unwrap_or(st.tracks[i]),
                    min: t.min,
                    max: t.max,
                    higher_is_better: t.higher_is == crate::scenario::schema::Direction::Better,
                })
                .collect(),
            flags: f
                .flags
                .iter()
                .enumerate()
                .map(|(i, fl)| (fl.name.clone(), st.flags[i]))
                .collect(),
            feed: if with_feed {
                st.events
                    .iter()
                    .rev()
                    .filter(|e| e.public && !matches!(e.kind, EventKind::Committed { .. }))
                    .map(|e| describe(s, e))
                    .collect()
            } else {
                Vec::new()
            },
            attributions: st
                .attributions
                .iter()
                .map(|a| {
                    format!(
                        "Turn {}: {} → {} ({})",
                        a.turn,
                        f.actors[a.actor].name,
                        f.suspects[a.suspect].name,
                        a.stated.label()
                    )
                })
                .collect(),
            waiting_for: self.waiting_for().iter().map(|&a| f.actors[a].id.clone()).collect(),
            over: self.is_over(),
            ending: st
                .ending
                .map(|e| (f.endings[e].title.clone(), f.endings[e].text.clone())),
        }
    }
}
