//! What each connection of a room is sent after a change: its own view and
//! new events (players), the public view (spectators), everything (the
//! facilitator), and the debrief for all once the game is over.

use std::time::{Duration, Instant};

use crate::engine::debrief::{Debrief, TimelineEntry};
use crate::engine::describe::describe;
use crate::engine::press_record::Letter;
use crate::engine::{Common, EventKind, FeedItem};

use super::protocol::{
    feed_size, letter_size, pages, timeline_size, ConnectionInfo, FacilitatorState, Role, SeatInfo, ServerMsg,
};
use super::room::{Out, Room};
use super::wire::CommonJson;

/// How long `waiting` and facilitator updates wait for more commands to
/// come, so that a room where everyone commits at once sends them once.
pub const ROSTER_DELAY: Duration = Duration::from_millis(150);

impl Room {
    /// After any accepted command: bots move, the clock restarts on a new
    /// turn, and everyone concerned hears of it.
    /// Returns whether everyone was sent their state: after a resolved turn,
    /// the end of the game, or when `all` asks for it.
    pub(super) fn after_change(&mut self, now: Instant, turn_before: u32, all: bool) -> bool {
        self.run_bots();
        self.restart_clock(now);
        let everyone = all || self.game.turn() != turn_before || self.game.is_over();
        if everyone {
            let conns: Vec<u64> = self.conns.keys().copied().collect();
            for c in conns {
                self.state_later(c);
            }
            // Everyone's state says who is waiting and what the facilitator sees.
            self.roster_clear();
        }
        everyone
    }

    /// Note that who is waiting (with `waiting`) or the facilitator's
    /// picture changed. Both go out a moment later, once for all the
    /// commands that come close together, or not at all if the turn
    /// resolves first and everyone gets their whole state.
    pub(super) fn roster_later(&mut self, now: Instant, waiting: bool) {
        self.waiting_stale |= waiting;
        self.facilitator_stale = true;
        self.roster_due.get_or_insert(now + ROSTER_DELAY);
    }

    /// Send the pending roster updates if they are due.
    pub(super) fn roster_tick(&mut self, now: Instant, out: &mut Out) {
        if self.roster_due.is_none_or(|d| d > now) {
            return;
        }
        if self.waiting_stale {
            self.tell_waiting(out);
        }
        if self.facilitator_stale {
            self.facilitator_update(now, out);
        }
        self.roster_clear();
    }

    fn roster_clear(&mut self) {
        self.roster_due = None;
        self.waiting_stale = false;
        self.facilitator_stale = false;
    }

    /// Tell every connection who has not yet committed.
    fn tell_waiting(&self, out: &mut Out) {
        let waiting = self.waiting();
        for c in self.conns.keys() {
            out.push((
                *c,
                ServerMsg::Waiting {
                    actors: waiting.clone(),
                },
            ));
        }
    }

    fn waiting(&self) -> Vec<String> {
        let f = &self.game.scenario().file;
        self.game
            .waiting_for()
            .iter()
            .map(|&a| f.actors[a].id.clone())
            .collect()
    }

    /// Note that a connection's state changed; it is sent by `states`.
    pub(super) fn state_later(&mut self, conn: u64) {
        if !self.state_due.contains(&conn) {
            self.state_due.push(conn);
        }
    }

    /// The state of every connection whose state changed since the last
    /// call, once each. The server calls it after each batch of messages,
    /// so a connection is sent one view however many commands the batch
    /// held.
    pub fn states(&mut self, now: Instant) -> Out {
        let mut out = Vec::new();
        // Each event is put in words once, for every connection that may see it.
        let events = &self.game.state().events;
        let s = self.game.scenario();
        for e in &events[self.described.len().min(events.len())..] {
            self.described.push(describe(s, e));
        }
        // Built once for all the players' views of this moment.
        let mut common = None;
        for conn in std::mem::take(&mut self.state_due) {
            self.send_state(conn, now, &mut out, &mut common);
        }
        if let Some(common) = common {
            self.common_json = CommonJson::new(common);
        }
        out
    }

    /// Everything one connection should now hold.
    fn send_state(&mut self, conn: u64, now: Instant, out: &mut Out, common: &mut Option<Common>) {
        let Some(c) = self.conns.get(&conn) else { return };
        let spectator = matches!(c.role, Role::Spectator);
        let events = &self.game.state().events;
        let fresh = c.seen < events.len() && c.seen > 0;
        let described = &self.described;
        let new_items = |visible: &dyn Fn(&crate::engine::Event) -> bool| {
            let from = c.seen.min(events.len());
            events[from..]
                .iter()
                .zip(&described[from.min(described.len())..])
                .filter(|(e, _)| visible(e) && !matches!(e.kind, EventKind::Committed { .. }))
                .map(|(_, item)| item.clone())
                .collect::<Vec<_>>()
        };
        match (&c.role, c.actor) {
            (Role::Player { .. } | Role::Observer { .. }, Some(a)) => {
                if fresh {
                    push_events(conn, new_items(&|e| e.visible_to(a)), out);
                }
                // After the first full view, the client keeps the feed from events.
                let common = common.get_or_insert_with(|| self.game.common());
                let mut view = self.game.perspective(a).to_view_sharing(common, c.seen == 0);
                let earlier = first_page(&mut view.feed);
                out.push((conn, ServerMsg::View { view: Box::new(view) }));
                push_feed_pages(conn, earlier, out);
            }
            (Role::Spectator, _) => {
                if fresh {
                    push_events(conn, new_items(&|e| e.public), out);
                }
                let mut view = self.game.public_view_with(c.seen == 0);
                let earlier = first_page(&mut view.feed);
                out.push((conn, ServerMsg::Public { view: Box::new(view) }));
                push_feed_pages(conn, earlier, out);
            }
            (Role::Facilitator, _) => {
                let (state, record) = self.state_for_facilitator(now);
                out.push((conn, ServerMsg::Facilitator { state: Box::new(state) }));
                self.push_record(conn, &record, out);
            }
            (Role::Player { .. } | Role::Observer { .. }, None) => {}
        }
        if self.turn_seconds.is_some() || self.frozen.is_some() {
            out.push((conn, self.timer(now)));
        }
        // The projector shows the debrief only as the facilitator reveals it.
        if let Some(mut d) = self.debrief().filter(|_| !spectator || self.revealed > 0) {
            let record = Record::take(&mut d);
            out.push((conn, ServerMsg::Debrief { debrief: Box::new(d) }));
            self.push_record(conn, &record, out);
        }
        if spectator && self.game.is_over() {
            out.push((
                conn,
                ServerMsg::Reveal {
                    sections: self.revealed,
                },
            ));
        }
        let len = self.game.state().events.len();
        if let Some(c) = self.conns.get_mut(&conn) {
            c.seen = len;
        }
    }

    pub(super) fn facilitator_update(&mut self, now: Instant, out: &mut Out) {
        let ids: Vec<u64> = self
            .conns
            .iter()
            .filter(|(_, c)| c.role == Role::Facilitator)
            .map(|(id, _)| *id)
            .collect();
        if ids.is_empty() {
            return;
        }
        let (state, record) = self.state_for_facilitator(now);
        for id in ids {
            out.push((
                id,
                ServerMsg::Facilitator {
                    state: Box::new(state.clone()),
                },
            ));
            self.push_record(id, &record, out);
        }
    }

    /// The timeline entries and letters `conn` has not been sent yet, in
    /// pages.
    fn push_record(&mut self, conn: u64, record: &Record, out: &mut Out) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        let new = record.timeline.get(c.timeline_sent..).unwrap_or_default().to_vec();
        c.timeline_sent = c.timeline_sent.max(record.timeline.len());
        for items in pages(new, timeline_size) {
            out.push((conn, ServerMsg::Timeline { items }));
        }
        let new = record.letters.get(c.letters_sent..).unwrap_or_default().to_vec();
        c.letters_sent = c.letters_sent.max(record.letters.len());
        for items in pages(new, letter_size) {
            out.push((conn, ServerMsg::Letters { items }));
        }
    }

    /// The facilitator's picture, with the debrief's timeline and
    /// correspondence taken out: they go in `timeline` and `letters`
    /// messages, a connection's new entries only.
    fn state_for_facilitator(&self, now: Instant) -> (FacilitatorState, Record) {
        let mut debrief = Debrief::new(&self.game);
        let record = Record::take(&mut debrief);
        (self.facilitator_state(now, debrief), record)
    }

    fn facilitator_state(&self, now: Instant, debrief: Debrief) -> FacilitatorState {
        let f = &self.game.scenario().file;
        let waiting = self.game.waiting_for();
        FacilitatorState {
            room: self.id,
            paused: self.paused,
            seconds_left: self.seconds_left(now),
            clock_waits: self.clock_waits(),
            turn_seconds: self.turn_seconds,
            on_timeout: self.on_timeout,
            revealed: self.revealed,
            seats: f
                .actors
                .iter()
                .enumerate()
                .map(|(a, actor)| {
                    let pen = self.pen(a);
                    let players = self
                        .conns
                        .values()
                        .filter(|c| c.actor == Some(a) && matches!(c.role, Role::Player { .. }))
                        .count();
                    SeatInfo {
                        actor: actor.id.clone(),
                        name: actor.name.clone(),
                        seat: self.seats[a],
                        connected: players > 0,
                        player: pen.and_then(|p| self.conns.get(&p)).and_then(|c| c.name.clone()),
                        committed: !waiting.contains(&a),
                        pen,
                        players,
                    }
                })
                .collect(),
            connections: self
                .conns
                .iter()
                .map(|(id, c)| ConnectionInfo {
                    connection: *id,
                    role: c.role.clone(),
                    name: c.name.clone(),
                })
                .collect(),
            debrief,
        }
    }
}

/// The parts of a debrief that grow with the game, sent apart from it.
struct Record {
    timeline: Vec<TimelineEntry>,
    letters: Vec<Letter>,
}

impl Record {
    fn take(d: &mut Debrief) -> Record {
        Record {
            timeline: std::mem::take(&mut d.timeline),
            letters: std::mem::take(&mut d.correspondence),
        }
    }
}

/// New events, oldest first, in pages.
fn push_events(conn: u64, items: Vec<FeedItem>, out: &mut Out) {
    for items in pages(items, feed_size) {
        out.push((conn, ServerMsg::Events { items }));
    }
}

/// Keep the newest page of a feed (newest first) in place and return the
/// rest, in pages, for `feed_page` messages.
fn first_page(feed: &mut Vec<FeedItem>) -> Vec<Vec<FeedItem>> {
    let mut all = pages(std::mem::take(feed), feed_size).into_iter();
    *feed = all.next().unwrap_or_default();
    all.collect()
}

/// The rest of a first feed, newest first.
fn push_feed_pages(conn: u64, earlier: Vec<Vec<FeedItem>>, out: &mut Out) {
    for items in earlier {
        out.push((conn, ServerMsg::FeedPage { items }));
    }
}
