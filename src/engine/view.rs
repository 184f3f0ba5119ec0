//! What one actor may see: its own secrets and evidence, public events,
//! what others shared with it, and nothing more. `Perspective` borrows the
//! game (cheap, for bots); `View` is an owned copy (for screens and the wire).

use std::sync::Arc;

use crate::scenario::compiled::in_set;
use serde::{Deserialize, Serialize};

use crate::scenario::schema::{Action, ActorKind, CbmKind, Confidence, EvidenceKind, Norm, Tlp, Visibility};

use super::rules::attribution::{level, Weight};
use super::state::{Held, Order, Origin, Rel};
use super::{Event, Game};

/// A borrowed window on the game for one actor. It offers only what the
/// actor may know: there is no way through it to other actors' secrets.
#[derive(Clone, Copy)]
pub struct Perspective<'g> {
    pub(super) game: &'g Game,
    pub(super) me: usize,
}

impl<'g> Perspective<'g> {
    pub(crate) fn new(game: &'g Game, me: usize) -> Self {
        Perspective { game, me }
    }
    #[inline]
    pub fn me(&self) -> usize {
        self.me
    }
    pub fn turn(&self) -> u32 {
        self.game.state.turn
    }
    pub fn turns(&self) -> u32 {
        self.game.scenario.file.turns
    }
    pub fn is_over(&self) -> bool {
        self.game.is_over()
    }
    #[inline]
    pub fn actor_count(&self) -> usize {
        self.game.scenario.actor_count()
    }
    pub fn actor_kind(&self, a: usize) -> ActorKind {
        self.game.scenario.file.actors[a].kind
    }
    pub fn actor_name(&self, a: usize) -> &'g str {
        &self.game.scenario.file.actors[a].name
    }
    pub fn resources(&self) -> i32 {
        self.game.state.actors[self.me].resources
    }
    /// Credibility is public reputation.
    pub fn credibility(&self, a: usize) -> i32 {
        self.game.state.actors[a].credibility
    }
    #[inline]
    pub fn committed(&self) -> bool {
        self.game.state.actors[self.me].committed
    }
    #[inline]
    pub fn orders(&self) -> &'g [Order] {
        &self.game.state.actors[self.me].orders
    }
    #[inline]
    pub fn moves_left(&self) -> u32 {
        self.game
            .scenario
            .file
            .moves_per_turn
            .saturating_sub(self.orders().len() as u32)
    }
    /// My relation with another actor.
    #[inline]
    /// The relation with `other` as this actor perceives it: its tension
    /// includes this actor's own alarm (see `Game::perceived_tension`).
    pub fn relation(&self, other: usize) -> Option<Rel> {
        (other != self.me).then(|| {
            let mut r = self.game.state.relations[self.game.scenario.pair(self.me, other)];
            r.tension = self.game.perceived_tension(self.me, other);
            r
        })
    }
    /// The rung between any two actors: postures are public.
    pub fn rung_between(&self, a: usize, b: usize) -> Option<usize> {
        (a != b).then(|| self.game.state.relations[self.game.scenario.pair(a, b)].rung)
    }
    pub fn rung_count(&self) -> usize {
        self.game.scenario.rung_count()
    }
    /// Offers of a measure that `other` made to me, waiting for my answer.
    #[inline]
    pub fn offered_to_me(&self, other: usize, kind: CbmKind) -> bool {
        other != self.me && self.game.has_offered(other, self.me, kind)
    }
    pub fn tracks(&self) -> &'g [i32] {
        &self.game.state.tracks
    }
    /// The previous turn's value of each track, for trends.
    pub fn previous_tracks(&self) -> &'g [i32] {
        let h = &self.game.state.track_history;
        let i = h.len().saturating_sub(2);
        h.get(i).map_or(&self.game.state.tracks, |v| v.as_slice())
    }
    #[inline]
    pub fn held(&self) -> &'g [Held] {
        &self.game.state.actors[self.me].held
    }
    pub fn suspect_count(&self) -> usize {
        self.game.scenario.file.suspects.len()
    }
    /// The actor behind a suspect, as publicly described.
    #[inline]
    pub fn suspect_actor(&self, s: usize) -> Option<usize> {
        self.game.scenario.suspect_actor[s]
    }
    /// The suspect a held item points to, its kind, reliability and TLP.
    pub fn evidence_facts(&self, e: usize) -> Option<(usize, EvidenceKind, u8, Tlp)> {
        if !self.game.state.holds(self.me, e) {
            return None;
        }
        let d = &self.game.scenario.file.evidence[e];
        Some((self.game.scenario.evidence[e].points_to, d.kind, d.reliability, d.tlp))
    }
    pub fn refuted(&self, e: usize) -> bool {
        self.game.refuted_for(self.me, e)
    }
    pub fn weights(&self) -> Vec<Weight> {
        self.game.weights(self.me)
    }
    /// `weights` into a buffer the caller keeps.
    pub fn weights_into(&self, w: &mut Vec<Weight>) {
        self.game.weights_into(self.me, w)
    }
    pub fn confidence(&self, suspect: usize) -> Option<Confidence> {
        level(&self.weights(), suspect)
    }
    pub fn action_count(&self) -> usize {
        self.game.scenario.actions.len()
    }
    /// An action's rules, which every player may read.
    #[inline]
    pub fn action(&self, i: usize) -> &'g Action {
        &self.game.scenario.file.actions[i]
    }
    /// Whether the action has a target, and who may be targeted.
    #[inline]
    pub fn action_targets(&self, i: usize) -> Option<u64> {
        self.game.scenario.actions[i].targets
    }
    pub fn check_act(&self, action: usize, target: Option<usize>) -> Result<(), super::Unavailable> {
        if self.committed() {
            return Err(super::Unavailable::AlreadyChosen);
        }
        self.game.check_act(self.me, action, target)
    }
    /// After `may_consider` said yes: may the action go to this target now?
    /// (The checks that do not depend on the target are not repeated.)
    #[inline]
    pub fn may_target(&self, action: usize, target: usize) -> bool {
        let s = &self.game.scenario;
        let ca = &s.actions[action];
        if target == self.me || !ca.targets.is_some_and(|t| in_set(t, target)) {
            return false;
        }
        !ca.cbm.is_some_and(|kind| self.measure_blocks(kind, target))
            && self.game.holds(&ca.requires, Some(self.me), Some(target))
    }

    /// After `may_consider` said yes: every target the action may go to
    /// now, as a bit set (`may_target` for each; a requirement that does
    /// not depend on the target is checked once).
    #[inline]
    pub fn targets_now(&self, action: usize) -> u64 {
        let ca = &self.game.scenario.actions[action];
        let mut allowed = ca.targets.unwrap_or(0) & !(1u64 << self.me);
        let shared = !ca.requires_target;
        if allowed == 0 || (shared && !self.game.holds(&ca.requires, Some(self.me), None)) {
            return 0;
        }
        let mut mask = 0;
        while allowed != 0 {
            let t = allowed.trailing_zeros() as usize;
            allowed &= allowed - 1;
            if ca.cbm.is_some_and(|kind| self.measure_blocks(kind, t)) {
                continue;
            }
            if shared || self.game.holds(&ca.requires, Some(self.me), Some(t)) {
                mask |= 1u64 << t;
            }
        }
        mask
    }

    /// A confidence-building measure already in force with `target`, or
    /// already offered to it.
    #[inline]
    fn measure_blocks(&self, kind: CbmKind, target: usize) -> bool {
        let r = self.game.state.relations[self.game.scenario.pair(self.me, target)];
        (kind.is_lasting() && r.has(kind)) || self.game.has_offered(self.me, target, kind)
    }

    /// Whether the scenario lets this actor take the action at all (a
    /// public rule: who may take it).
    pub fn is_mine(&self, action: usize) -> bool {
        self.game.scenario.actions[action].may_take[self.me]
    }

    /// After `may_consider` said yes: may the action be taken now without
    /// a target? (As `check_act(action, None)`, without repeating checks.)
    pub fn may_take_untargeted(&self, action: usize) -> bool {
        let ca = &self.game.scenario.actions[action];
        ca.targets.is_none() && !self.committed() && self.game.holds(&ca.requires, Some(self.me), None)
    }

    /// A quick test before trying targets: may this actor take the action
    /// at all now (allowed, affordable, not used up, not already chosen)?
    #[inline]
    pub fn may_consider(&self, action: usize) -> bool {
        let ca = &self.game.scenario.actions[action];
        let st = &self.game.state.actors[self.me];
        ca.may_take[self.me]
            && ca.cost <= st.resources
            && !(ca.once && st.used.contains(&action))
            && !st
                .orders
                .iter()
                .any(|o| matches!(o, super::Order::Act { action: a, .. } if *a == action))
    }

    pub fn may_share(&self, e: usize, to: usize) -> bool {
        self.game.state.holds(self.me, e) && self.game.share_refusal(self.me, e, to).is_none()
    }
    #[inline]
    pub fn misread_chance(&self, target: usize, action: usize) -> u32 {
        self.game
            .misread_chance(self.me, target, self.game.scenario.actions[action].ambiguity)
    }
    /// Public attributions made so far.
    pub fn attributions(&self) -> &'g [super::Attribution] {
        &self.game.state.attributions
    }
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &'g Event> + 'g {
        let me = self.me;
        self.game.state.events.iter().filter(move |e| e.visible_to(me))
    }
    /// The command a move stands for, with the scenario's ids.
    pub fn command(&self, m: super::Move) -> super::Command {
        m.to_command(&self.game.scenario)
    }

    /// An owned copy of everything this actor may see.
    pub fn to_view(&self) -> View {
        super::describe::build_view(self.game, self.me, true, &self.game.common())
    }

    /// The view without its feed, for clients that keep the feed
    /// themselves from the events they are sent.
    pub fn to_view_without_feed(&self) -> View {
        super::describe::build_view(self.game, self.me, false, &self.game.common())
    }

    /// A view that takes what every actor sees alike from `common`, built
    /// once for the views of several actors at the same moment.
    pub fn to_view_sharing(&self, common: &super::Common, with_feed: bool) -> View {
        super::describe::build_view(self.game, self.me, with_feed, common)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub scenario: String,
    pub actor: String,
    pub name: String,
    pub kind: ActorKind,
    pub turn: u32,
    pub turns: u32,
    pub turn_length: String,
    pub moves_left: u32,
    pub committed: bool,
    pub waiting_for: Vec<String>,
    pub resources: i32,
    pub credibility: i32,
    pub secret_objectives: Vec<String>,
    // What every actor sees alike is shared between the views of one
    // moment (`Common`); it is sent as plain lists.
    pub actors: Arc<Vec<ActorSummary>>,
    pub ladder: Arc<Vec<String>>,
    /// The scenario's other ladders (`ladders`), in order: name and rungs.
    #[serde(default)]
    pub ladders: Arc<Vec<crate::engine::debrief::LadderText>>,
    pub relations: Vec<RelationView>,
    /// Rung of every pair, by actor ids: postures are public.
    pub postures: Arc<Vec<(String, String, usize)>>,
    pub tracks: Arc<Vec<TrackView>>,
    pub flags: Arc<Vec<(String, bool)>>,
    pub evidence: Vec<HeldView>,
    pub suspects: Vec<SuspectView>,
    pub options: Vec<ActionOption>,
    pub orders: Vec<String>,
    pub attributions: Arc<Vec<String>>,
    /// Joint statements shown to this actor.
    #[serde(default)]
    pub proposals: Vec<super::ProposalView>,
    /// This actor's own public statements.
    #[serde(default)]
    pub statements: Vec<super::StatementView>,
    pub feed: Vec<FeedItem>,
    pub ending: Option<(String, String)>,
    /// Messages, proposals to answer, deals and open lines.
    #[serde(default)]
    pub press: super::PressView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorSummary {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub description: String,
    pub credibility: i32,
    pub committed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationView {
    pub with: String,
    pub trust: i32,
    pub tension: i32,
    /// Index of the pair's rung on its own ladder.
    pub rung: usize,
    /// That rung's name, from the pair's ladder.
    #[serde(default)]
    pub rung_name: String,
    /// How many rungs the pair's ladder has.
    #[serde(default)]
    pub rungs: usize,
    /// Which ladder: 0 is the scenario's `ladder` (the one in
    /// `View::ladder`), `k` its `ladders[k - 1]`.
    #[serde(default)]
    pub ladder: usize,
    pub channels: Vec<CbmKind>,
    pub offered_to_me: Vec<CbmKind>,
    pub offered_by_me: Vec<CbmKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackView {
    pub id: String,
    pub name: String,
    pub value: i32,
    pub previous: i32,
    pub min: i32,
    pub max: i32,
    pub higher_is_better: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldView {
    pub id: String,
    pub title: String,
    pub text: String,
    pub kind: EvidenceKind,
    pub tlp: Tlp,
    pub reliability: u8,
    pub points_to: String,
    /// Shown to be planted by other evidence this actor holds.
    pub refuted: bool,
    /// Explained away (genuine, but no proof) by other evidence it holds.
    #[serde(default)]
    pub explained: bool,
    /// A tearline of it can be issued now (it is TLP:RED or AMBER+STRICT).
    #[serde(default)]
    pub tearline: bool,
    pub origin: Origin,
    pub turn: u32,
    /// Every other actor, with why this item may not go to them (if not).
    pub share_with: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuspectView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub confidence: Option<Confidence>,
    /// Why: the evidence weight, kinds of indicator and refuted items.
    pub why: String,
    /// Why this actor may not attribute to this suspect now, if not.
    pub not_now: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionOption {
    pub action: String,
    pub name: String,
    pub description: String,
    pub target: Option<String>,
    pub cost: i32,
    pub chance: u8,
    pub visibility: Visibility,
    pub hostility: i32,
    pub misread_chance: u32,
    pub cbm: Option<CbmKind>,
    pub upholds: Vec<Norm>,
    pub breaches: Vec<Norm>,
    /// What it is expected to do, in words.
    pub consequences: Vec<String>,
    /// Why it cannot be taken now, if it cannot.
    pub unavailable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub turn: u32,
    pub public: bool,
    pub headline: String,
    pub text: String,
}

impl Perspective<'_> {
    /// Net improvement of the world's tracks if the action succeeds (points
    /// towards "better", from the public action rules).
    pub fn action_track_gain(&self, action: usize) -> i32 {
        use crate::scenario::compiled::Eff;
        let s = &self.game.scenario;
        s.actions[action]
            .effects
            .iter()
            .map(|e| match e {
                Eff::Track(t, d) => {
                    if s.file.tracks[*t].higher_is == crate::scenario::schema::Direction::Better {
                        *d
                    } else {
                        -*d
                    }
                }
                _ => 0,
            })
            .sum()
    }
    /// Whether the action is an investigation that can uncover evidence.
    #[inline]
    pub fn is_investigative(&self, action: usize) -> bool {
        !self.game.scenario.actions[action].uncovers.is_empty()
    }
}
