//! What the public sees: the projector in the room, spectators. Public
//! events, postures, world tracks; no actor's secrets or private exchanges.

use std::sync::Arc;

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

/// What every actor sees alike at one moment of the game. Actors' views
/// of the same moment share one copy.
#[derive(Debug, Clone)]
pub struct Common {
    pub actors: Arc<Vec<ActorSummary>>,
    pub ladder: Arc<Vec<String>>,
    /// The scenario's other ladders, with their names and rungs.
    pub ladders: Arc<Vec<super::debrief::LadderText>>,
    pub postures: Arc<Vec<(String, String, usize)>>,
    pub tracks: Arc<Vec<TrackView>>,
    pub flags: Arc<Vec<(String, bool)>>,
    pub attributions: Arc<Vec<String>>,
}

impl Game {
    /// What every actor sees alike now: pass it to
    /// `Perspective::to_view_sharing` for each actor.
    pub fn common(&self) -> Common {
        Common {
            actors: Arc::new(self.actor_summaries()),
            ladder: Arc::new(self.ladder_names()),
            ladders: Arc::new(self.other_ladders()),
            postures: Arc::new(self.postures()),
            tracks: Arc::new(self.track_views()),
            flags: Arc::new(self.flag_views()),
            attributions: Arc::new(self.attribution_lines()),
        }
    }

    pub fn public_view(&self) -> PublicView {
        self.public_view_with(true)
    }

    /// The public view, with or without its feed of public events.
    pub fn public_view_with(&self, with_feed: bool) -> PublicView {
        let s = &self.scenario;
        let f = &s.file;
        let st = &self.state;
        PublicView {
            scenario: f.title.clone(),
            summary: f.summary.clone(),
            turn: st.turn,
            turns: f.turns,
            turn_length: f.turn_length.clone(),
            actors: self.actor_summaries(),
            ladder: self.ladder_names(),
            postures: self.postures(),
            tracks: self.track_views(),
            flags: self.flag_views(),
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
            attributions: self.attribution_lines(),
            waiting_for: self.waiting_for().iter().map(|&a| f.actors[a].id.clone()).collect(),
            over: self.is_over(),
            ending: self.ending_text(),
        }
    }

    // What every actor may see alike, shared by the public and actor views.

    /// The rungs of the escalation ladder, lowest first.
    pub(super) fn ladder_names(&self) -> Vec<String> {
        self.scenario.file.ladder.iter().map(|r| r.name.clone()).collect()
    }

    /// The scenario's `ladders` after its main one, named as the screens
    /// name them.
    pub(super) fn other_ladders(&self) -> Vec<super::debrief::LadderText> {
        (1..=self.scenario.file.ladders.len())
            .map(|l| self.ladder_text(l))
            .collect()
    }

    /// Ladder `l` (0: the main one, `k`: `ladders[k - 1]`) with its name
    /// and rung names, mildest first.
    pub(super) fn ladder_text(&self, l: usize) -> super::debrief::LadderText {
        let s = &self.scenario;
        super::debrief::LadderText {
            name: s.ladder_name(l),
            rungs: s.ladder_rungs(l).iter().map(|r| r.name.clone()).collect(),
        }
    }

    pub(super) fn actor_summaries(&self) -> Vec<ActorSummary> {
        let st = &self.state;
        self.scenario
            .file
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
            .collect()
    }

    /// Rung of every pair, by actor ids: postures are public.
    pub(super) fn postures(&self) -> Vec<(String, String, usize)> {
        let s = &self.scenario;
        let n = s.actor_count();
        let mut out = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                out.push((
                    s.file.actors[a].id.clone(),
                    s.file.actors[b].id.clone(),
                    self.state.relations[s.pair(a, b)].rung,
                ));
            }
        }
        out
    }

    /// The world's tracks, with last turn's value for the trend.
    pub(super) fn track_views(&self) -> Vec<TrackView> {
        let st = &self.state;
        // The end of the previous turn (the start, on turn 1).
        let prev = st.track_history.get(st.track_history.len().saturating_sub(2));
        self.scenario
            .file
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
            .collect()
    }

    pub(super) fn flag_views(&self) -> Vec<(String, bool)> {
        let f = &self.scenario.file;
        f.flags
            .iter()
            .enumerate()
            .map(|(i, fl)| (fl.name.clone(), self.state.flags[i]))
            .collect()
    }

    pub(super) fn attribution_lines(&self) -> Vec<String> {
        let f = &self.scenario.file;
        self.state
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
            .collect()
    }

    pub(super) fn ending_text(&self) -> Option<(String, String)> {
        let f = &self.scenario.file;
        self.state
            .ending
            .map(|e| (f.endings[e].title.clone(), f.endings[e].text.clone()))
    }
}
