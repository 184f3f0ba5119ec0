//! Events and views in words, for screens, the wire and reports.

use std::sync::Arc;

use crate::scenario::compiled::in_set;
use crate::scenario::schema::CbmKind;
use crate::scenario::Scenario;

use super::event::{CutOffCause, Event, EventKind, Outcome};
use super::rules::attribution::level;
use super::state::Order;
use super::view::{ActionOption, FeedItem, HeldView, RelationView, SuspectView, View};
use super::{Common, Game, Unavailable};

/// "Valdoria's", but "Shieldwall Networks'": the English possessive of a name.
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A headline and body for one event. `full` shows everything (debrief).
pub fn describe(s: &Scenario, e: &Event) -> FeedItem {
    let f = &s.file;
    let name = |a: usize| f.actors[a].name.as_str();
    let (headline, text) = match &e.kind {
        EventKind::TurnStarted => (format!("Turn {} begins", e.turn), String::new()),
        EventKind::Inject { inject } => {
            let i = &f.injects[*inject];
            (i.headline.clone(), i.text.clone())
        }
        EventKind::EvidenceFound { actor, evidence } => {
            let ev = &f.evidence[*evidence];
            (
                format!("{} obtains evidence: {}", name(*actor), ev.title),
                format!(
                    "{} ({}, reliability {}%)",
                    ev.tlp.label(),
                    ev.kind.label(),
                    ev.reliability
                ),
            )
        }
        EventKind::EvidenceShared { from, to, evidence } => {
            let names: Vec<&str> = to.iter().map(|&a| name(a)).collect();
            let ev = &f.evidence[*evidence];
            (
                format!("{} shares \"{}\" with {}", name(*from), ev.title, names.join(", ")),
                ev.tlp.label().to_string(),
            )
        }
        EventKind::EvidencePublished { actor, evidence } => (
            format!("{} publishes \"{}\"", name(*actor), f.evidence[*evidence].title),
            f.evidence[*evidence].text.clone(),
        ),
        EventKind::Committed { actor } => (format!("{} is ready", name(*actor)), String::new()),
        EventKind::Moved {
            actor,
            action,
            target,
            outcome,
            ..
        } => {
            let a = &f.actions[*action];
            let on = target.map(|t| format!(" → {}", name(t))).unwrap_or_default();
            let failed = if *outcome == Outcome::Failed { " (failed)" } else { "" };
            (
                format!("{}: {}{on}{failed}", name(*actor), a.name),
                a.description.clone(),
            )
        }
        EventKind::Detected { actor, action, target } => (
            format!(
                "{} detects a covert move by {}: {}",
                name(*target),
                name(*actor),
                f.actions[*action].name
            ),
            String::new(),
        ),
        EventKind::Misread { .. }
        | EventKind::RungChanged { .. }
        | EventKind::LegalFinding { .. }
        | EventKind::Exposed { .. }
        | EventKind::Consulted { .. } => super::describe_escalation::describe(s, &e.kind),
        EventKind::CbmOffered { from, to, kind } => (
            format!("{} offers {} {}", name(*from), name(*to), kind.with_article()),
            format!("It comes into force when {} offers the same back.", name(*to)),
        ),
        EventKind::CbmAgreed { a, b, kind } => {
            let what = if *kind == CbmKind::Consultations {
                "hold consultations"
            } else {
                "agree"
            };
            (
                format!("{} and {} {what}: {}", name(*a), name(*b), kind.label()),
                String::new(),
            )
        }
        EventKind::Attributed {
            actor,
            suspect,
            confidence,
            joint_with,
            layer,
            after_reveal,
            refines,
            proposal,
            ..
        } => {
            let joint = if joint_with.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = joint_with.iter().map(|&a| name(a)).collect();
                let how = if proposal.is_some() && refines.is_none() {
                    "in a joint statement with"
                } else {
                    "together with"
                };
                format!(", {how} {}", names.join(", "))
            };
            let verb = if refines.is_some() {
                "restates its attribution: the incident is the work of"
            } else {
                "attributes the incident to"
            };
            let when = if *after_reveal {
                "Said after the facts were public: it concurs rather than attributes."
            } else {
                ""
            };
            (
                format!(
                    "{} {verb} {} with {}{joint}",
                    name(*actor),
                    layer.claim(&f.suspects[*suspect].name),
                    confidence.label()
                ),
                when.to_string(),
            )
        }
        EventKind::Proposed {
            by,
            proposal,
            suspect,
            layer,
            confidence,
        } => (
            format!(
                "{} proposes joint statement #{}: {} with {}",
                name(*by),
                proposal + 1,
                layer.claim(&f.suspects[*suspect].name),
                confidence.label()
            ),
            "Sign it this coming turn to be named in it when it is made, or decline.".into(),
        ),
        EventKind::Declined { actor, proposal } => (
            format!("{} declines to sign joint statement #{}", name(*actor), proposal + 1),
            String::new(),
        ),
        EventKind::Retracted { actor, suspect, .. } => (
            format!(
                "{} retracts its attribution to {}",
                name(*actor),
                f.suspects[*suspect].name
            ),
            "A retraction costs credibility, but less than being proven wrong.".into(),
        ),
        EventKind::TearlineIssued { actor, from, tearline } => (
            format!("{} issues a tearline of {}", name(*actor), f.evidence[*from].title),
            format!(
                "A sanitised version at {}, reliability {}%, that may be shared.",
                f.evidence[*tearline].tlp.label(),
                f.evidence[*tearline].reliability
            ),
        ),
        EventKind::TruthRevealed { culprit } => (
            format!("The truth comes out: {} was behind it", f.suspects[*culprit].name),
            f.suspects[*culprit].description.clone(),
        ),
        EventKind::AttributionJudged {
            actor,
            suspect,
            correct,
            after_reveal,
        } => {
            let verdict = match (correct, after_reveal) {
                (true, false) => "vindicated",
                (true, true) => "in line with the facts, but said only after they were public",
                (false, _) => "proven wrong",
            };
            (
                format!(
                    "{} attribution to {} is {verdict}",
                    possessive(name(*actor)),
                    f.suspects[*suspect].name
                ),
                String::new(),
            )
        }
        EventKind::Ended { ending } => (f.endings[*ending].title.clone(), f.endings[*ending].text.clone()),
        // Written on the spot by the facilitator: players see where it comes from.
        EventKind::AdHocInject { headline, text } => (format!("White cell: {headline}"), text.clone()),
        EventKind::Stopped => (
            "The facilitator ends the exercise".into(),
            "No ending was reached: the debrief follows.".into(),
        ),
        EventKind::CutOff { actor, dropped, cause } => {
            let why = match cause {
                CutOffCause::Facilitator => "The facilitator resolved the turn",
                CutOffCause::TimeUp => "Time ran out",
            };
            let text = if dropped.is_empty() {
                "No move was chosen: none was made this turn.".to_string()
            } else {
                let list: Vec<String> = dropped.iter().map(|o| order_text(f, o)).collect();
                format!(
                    "Chosen but not committed, so not made (and its cost refunded): {}.",
                    list.join("; ")
                )
            };
            (format!("{why} before {} committed", name(*actor)), text)
        }
        EventKind::StoodIn { actor } => (
            format!("Time ran out: a stand-in bot moves for {} this turn", name(*actor)),
            "Its moves this turn are the bot's, not the delegation's.".into(),
        ),
        EventKind::FoundNothing {
            actor,
            action,
            more_later,
        } => (
            format!(
                "{}: {}, nothing new found this turn",
                name(*actor),
                f.actions[*action].name
            ),
            if *more_later {
                "Everything it can turn up now is already in your hands; more may come to light on a later turn.".into()
            } else {
                "Everything it can turn up is already in your hands: another try will not add to the picture.".into()
            },
        ),
        k => super::request_view::describe_press_or_request(s, k),
    };
    FeedItem {
        turn: e.turn,
        public: e.public,
        headline,
        text,
    }
}

pub(super) fn build_view(g: &Game, me: usize, with_feed: bool, common: &Common) -> View {
    let s = &g.scenario;
    let f = &s.file;
    let st = &g.state;
    let p = g.perspective(me);
    let n = s.actor_count();
    let relations = (0..n)
        .filter(|&o| o != me)
        .map(|o| {
            let (pair, r) = (s.pair(me, o), st.relations[s.pair(me, o)]);
            RelationView {
                with: f.actors[o].id.clone(),
                trust: r.trust,
                tension: g.perceived_tension(me, o),
                rung: r.rung,
                rung_name: s.rung_name(pair, r.rung).to_string(),
                rungs: s.pair_rungs(pair).len(),
                ladder: usize::from(s.pair_ladder[pair]),
                channels: CbmKind::in_set(r.channels),
                offered_to_me: CbmKind::in_set(st.actors[o].offers[me]),
                offered_by_me: CbmKind::in_set(st.actors[me].offers[o]),
            }
        })
        .collect();
    let evidence = st.actors[me]
        .held
        .iter()
        .map(|h| {
            let d = &f.evidence[h.evidence];
            HeldView {
                id: d.id.clone(),
                title: d.title.clone(),
                text: d.text.clone(),
                kind: d.kind,
                tlp: d.tlp,
                reliability: d.reliability,
                points_to: f.suspects[s.evidence[h.evidence].points_to].id.clone(),
                refuted: g.refuted_for(me, h.evidence),
                explained: g.explained_for(me, h.evidence),
                tearline: p.tearline_open(h.evidence).is_some(),
                origin: h.origin,
                turn: h.turn,
                share_with: (0..n)
                    .filter(|&o| o != me)
                    .map(|o| (f.actors[o].id.clone(), g.may_share(me, h.evidence, o).err()))
                    .collect(),
            }
        })
        .collect();
    let weights = g.weights(me);
    let names: Vec<&str> = f.suspects.iter().map(|x| x.name.as_str()).collect();
    let suspects = f
        .suspects
        .iter()
        .enumerate()
        .map(|(i, sus)| {
            let why = super::confidence_words::why(&weights, i, &names);
            SuspectView {
                id: sus.id.clone(),
                name: sus.name.clone(),
                description: sus.description.clone(),
                confidence: level(&weights, i),
                why,
                not_now: if st.actors[me].committed {
                    Some("you have committed this turn".into())
                } else if st.actors[me].orders.len() as u32 >= f.moves_per_turn {
                    Some("you have no moves left this turn".into())
                } else {
                    g.check_attribute(me, i, g.usual_layer(me, i))
                        .err()
                        .map(|r| r.describe())
                },
            }
        })
        .collect();
    let mut options = Vec::new();
    for (ai, a) in f.actions.iter().enumerate() {
        if !s.actions[ai].may_take[me] {
            continue;
        }
        let targets: Vec<Option<usize>> = match s.actions[ai].targets {
            None => vec![None],
            Some(t) => (0..n).filter(|&x| x != me && in_set(t, x)).map(Some).collect(),
        };
        for t in targets {
            options.push(ActionOption {
                action: a.id.clone(),
                name: a.name.clone(),
                description: a.description.clone(),
                target: t.map(|t| f.actors[t].id.clone()),
                cost: a.cost,
                chance: a.chance,
                visibility: a.visibility,
                hostility: a.hostility,
                misread_chance: t.map_or(0, |t| p.misread_chance(t, ai)),
                cbm: a.cbm,
                upholds: a.upholds.clone(),
                breaches: a.breaches.clone(),
                consequences: g.consequences(me, ai, t),
                unavailable: p.check_act(ai, t).err().map(|u| match u {
                    // The condition in words: what would unlock the move.
                    Unavailable::Conditions => g.unmet(&s.actions[ai].requires, Some(me), t),
                    u => u.describe(s, me),
                }),
            });
        }
    }
    let (proposals, statements) = super::statement_view::statement_views(g, me);
    let orders = st.actors[me].orders.iter().map(|o| order_text(f, o)).collect();
    let feed = if with_feed {
        p.events()
            .rev()
            .filter(|e| !matches!(e.kind, EventKind::Committed { .. } | EventKind::Said { .. }))
            .map(|e| describe(s, e))
            .collect()
    } else {
        Vec::new()
    };
    View {
        scenario: f.title.clone(),
        actor: f.actors[me].id.clone(),
        name: f.actors[me].name.clone(),
        kind: f.actors[me].kind,
        turn: st.turn,
        turns: f.turns,
        turn_length: f.turn_length.clone(),
        moves_left: p.moves_left(),
        committed: p.committed(),
        waiting_for: g.waiting_for().iter().map(|&a| f.actors[a].id.clone()).collect(),
        resources: st.actors[me].resources,
        credibility: st.actors[me].credibility,
        secret_objectives: f.actors[me].secret_objectives.iter().map(|o| o.text.clone()).collect(),
        actors: Arc::clone(&common.actors),
        ladder: Arc::clone(&common.ladder),
        ladders: Arc::clone(&common.ladders),
        relations,
        postures: Arc::clone(&common.postures),
        tracks: Arc::clone(&common.tracks),
        flags: Arc::clone(&common.flags),
        evidence,
        suspects,
        options,
        orders,
        attributions: Arc::clone(&common.attributions),
        proposals,
        statements,
        feed,
        ending: g.ending_text(),
        press: super::press_view::press_view(g, me),
    }
}

/// An order in words: "Summon the ambassador → Eastmark", "Attribute to …".
pub fn order_text(f: &crate::scenario::schema::ScenarioFile, o: &Order) -> String {
    match o {
        Order::Act { action, target } => {
            let on = target.map(|t| format!(" → {}", f.actors[t].name)).unwrap_or_default();
            format!("{}{on}", f.actions[*action].name)
        }
        Order::Attribute {
            suspect,
            confidence,
            layer,
        } => format!(
            "Attribute to {} with {}",
            layer.claim(&f.suspects[*suspect].name),
            confidence.label()
        ),
        Order::Propose {
            suspect,
            confidence,
            layer,
        } => format!(
            "Propose a joint statement: {} with {}",
            layer.claim(&f.suspects[*suspect].name),
            confidence.label()
        ),
        Order::Sign { proposal } => format!("Sign joint statement #{}", proposal + 1),
        Order::Retract { statement } => format!("Retract statement #{}", statement + 1),
        Order::Refine {
            statement,
            confidence,
            layer,
        } => format!(
            "Restate statement #{} at the {} layer with {}",
            statement + 1,
            layer.label(),
            confidence.label()
        ),
    }
}
