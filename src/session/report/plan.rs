//! The improvement plan: strengths to keep and areas to improve, each
//! derived from what happened in this game (never canned text alone).

use std::collections::BTreeSet;

use crate::scenario::schema::CbmKind;

use super::{calibrated, pair_label, short_confidence, Report, Status};

/// One observation, with what to do about it and whom it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub area: &'static str,
    /// What happened, naming actors, turns and rungs.
    pub observation: Vec<String>,
    /// What to do next time.
    pub recommendation: String,
    /// Actors concerned.
    pub who: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub strengths: Vec<Finding>,
    pub improvements: Vec<Finding>,
}

/// Channels that let two capitals ask before they assume.
const CHANNELS: [CbmKind; 3] = [CbmKind::Hotline, CbmKind::PointOfContact, CbmKind::Consultations];

/// What to do next time, by finding.
pub(super) mod advice {
    pub const ESCALATION_WITHOUT_CHANNELS: &str =
        "Open channels before the crisis peaks: propose a hotline or point of contact (OSCE CBMs 10 \
        and 8) in the first turns, and call for consultations (CBM 3) before answering a move in \
        kind.";
    pub const CHANNELS_NOT_USED: &str =
        "A channel only helps if it is used: call through it before a public step, and offer the \
        other side a face-saving way down.";
    pub const MISREADINGS: &str =
        "Announce or explain ambiguous moves through a channel or a notification arrangement, and ask \
        before assuming hostile intent.";
    pub const UNMANAGED_TENSION: &str =
        "Watch tension, not only rungs: consultations and de-escalating moves lower it before a pair \
        slips without anyone choosing to.";
    pub const DE_ESCALATION: &str = "Note which move or channel made the step down possible, and reach for it earlier.";
    pub const CHANNELS_AGREED: &str =
        "Open them before they are needed: a channel agreed early is there when a move is misread.";
    pub const OVERCLAIMED_ATTRIBUTION_NORM_B: &str =
        "State only the confidence your own evidence supports; corroborate with partners first, or \
        attribute jointly at the level all can stand behind.";
    pub const WRONG_ATTRIBUTION: &str =
        "Before going public, ask CERTs and vendors whether anything refutes the lead; a public \
        attribution that proves wrong costs credibility for years.";
    pub const CALIBRATED_CORRECT_ATTRIBUTION: &str =
        "Keep matching stated confidence to the evidence; joint statements carry more weight.";
    pub const PLANTED_EVIDENCE_MISSED: &str =
        "Task forensic work early and share findings between CERTs and vendors: planted evidence is \
        usually exposed by someone else's data.";
    pub const FALSE_FLAGS_EXPOSED: &str = "Make sure the exposure reaches those about to attribute, before they speak.";
    pub const RESPONSE_TO_INNOCENT: &str =
        "Aim responses at the one responsible, and only on evidence that supports it: sanctions, \
        indictments or expulsions of a state that did not do it create a new grievance, spend \
        credibility, and let the one responsible escape.";
    pub const NORMS_BREACHED: &str =
        "Discuss what pressure led to each breach, and which lawful option (retorsion, a joint \
        statement, a takedown with companies) would have met the same aim.";
    pub const OUTCOMES_THAT_GOT_WORSE: &str =
        "Look at the timeline for that turn: which moves drove it, and which available move would \
        have protected it?";
    pub const OUTCOMES_THAT_IMPROVED: &str = "Note which moves drove the improvement.";
}

pub fn derive(r: &Report) -> Plan {
    let mut p = Plan::default();
    escalation(r, &mut p);
    attribution(r, &mut p);
    evidence(r, &mut p);
    super::plan_norms::norms(r, &mut p);
    super::plan_norms::misdirected(r, &mut p);
    tracks(r, &mut p);
    p
}

pub(super) fn push(list: &mut Vec<Finding>, area: &'static str, obs: Vec<String>, rec: &str, who: BTreeSet<String>) {
    if !obs.is_empty() {
        list.push(Finding {
            area,
            observation: obs,
            recommendation: rec.to_string(),
            who: who.into_iter().collect(),
        });
    }
}

fn escalation(r: &Report, p: &mut Plan) {
    let d = &r.debrief;
    let top = d.ladder.len().saturating_sub(1);
    let (mut bare, mut unused, mut misread, mut spiral, mut calm) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut w_bare, mut w_unused, mut w_misread, mut w_spiral, mut w_calm) = Default::default();
    let (mut channels, mut w_channels) = (vec![], BTreeSet::new());
    let who = |set: &mut BTreeSet<String>, a: &str, b: &str| {
        set.insert(a.to_string());
        set.insert(b.to_string());
    };
    for (i, h) in d.escalation.iter().enumerate() {
        let facts = &r.pairs[i];
        let label = pair_label(h);
        let peak = h.rungs.iter().copied().max().unwrap_or(0);
        let top = if h.ladder == 0 {
            top
        } else {
            d.rungs_of(h).len().saturating_sub(1)
        };
        // The first turn the peak was reached.
        let peak_turn = h.rungs.iter().position(|&v| v == peak).unwrap_or(0);
        let before: Vec<String> = facts
            .agreed
            .iter()
            .filter(|(t, k)| CHANNELS.contains(k) && *t as usize <= peak_turn)
            .map(|(t, k)| format!("{} on turn {t}", k.label()))
            .collect();
        if peak > 0 && peak_turn > 0 && peak * 2 >= top {
            let reached = format!(
                "{label} climbed to \"{}\" (rung {} of {}) on {}",
                d.rung_of(h, peak),
                peak + 1,
                top + 1,
                super::when(peak_turn)
            );
            if before.is_empty() {
                bare.push(format!(
                    "{reached} with no hotline, point of contact or consultations agreed."
                ));
                who(&mut w_bare, &h.a, &h.b);
            } else {
                unused.push(format!("{reached}, despite {}.", before.join(" and ")));
                who(&mut w_unused, &h.a, &h.b);
            }
        }
        for m in &facts.misreadings {
            misread.push(format!(
                "Turn {}: {} read {}'s \"{}\" as hostile.",
                m.turn, m.target, m.actor, m.action
            ));
            who(&mut w_misread, &m.actor, &m.target);
        }
        if !facts.spirals.is_empty() {
            let turns: Vec<String> = facts.spirals.iter().map(u32::to_string).collect();
            spiral.push(format!(
                "{label} slipped up a rung with nobody choosing it on turn{} {}.",
                if turns.len() > 1 { "s" } else { "" },
                and_list(&turns)
            ));
            who(&mut w_spiral, &h.a, &h.b);
        }
        let end = h.rungs.last().copied().unwrap_or(0);
        if peak > end {
            calm.push(format!(
                "{label} stepped down from \"{}\" to \"{}\".",
                d.rung_of(h, peak),
                d.rung_of(h, end)
            ));
            who(&mut w_calm, &h.a, &h.b);
        }
        if !facts.agreed.is_empty() {
            // "hotline on turn 3; consultations on turns 4 and 6"
            let mut kinds: Vec<CbmKind> = facts.agreed.iter().map(|(_, k)| *k).collect();
            kinds.sort();
            kinds.dedup();
            let parts: Vec<String> = kinds
                .iter()
                .map(|k| {
                    let turns: Vec<String> = facts
                        .agreed
                        .iter()
                        .filter(|(_, x)| x == k)
                        .map(|(t, _)| t.to_string())
                        .collect();
                    let s = if turns.len() > 1 { "s" } else { "" };
                    format!("{} on turn{s} {}", k.label(), and_list(&turns))
                })
                .collect();
            channels.push(format!("{label}: {}.", parts.join("; ")));
            who(&mut w_channels, &h.a, &h.b);
        }
    }
    let imp = &mut p.improvements;
    push(
        imp,
        "Escalation without channels",
        bare,
        advice::ESCALATION_WITHOUT_CHANNELS,
        w_bare,
    );
    push(imp, "Channels not used", unused, advice::CHANNELS_NOT_USED, w_unused);
    push(imp, "Misreadings", misread, advice::MISREADINGS, w_misread);
    push(imp, "Unmanaged tension", spiral, advice::UNMANAGED_TENSION, w_spiral);
    push(&mut p.strengths, "De-escalation", calm, advice::DE_ESCALATION, w_calm);
    push(
        &mut p.strengths,
        "Channels agreed",
        channels,
        advice::CHANNELS_AGREED,
        w_channels,
    );
}

fn attribution(r: &Report, p: &mut Plan) {
    let d = &r.debrief;
    let (mut over, mut wrong, mut good) = (vec![], vec![], vec![]);
    let (mut w_over, mut w_wrong, mut w_good) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for a in &d.attributions {
        let joint = if a.joint_with.is_empty() {
            String::new()
        } else {
            format!(", jointly with {}", a.joint_with.join(", "))
        };
        if !calibrated(a.stated, a.supported) {
            over.push(format!(
                "Turn {}: {} named {} with {}; its evidence supported {}.",
                a.turn,
                a.actor,
                a.suspect,
                a.stated.label(),
                match a.supported {
                    Some(c) => c.label(),
                    None => "no attribution to that suspect at all",
                }
            ));
            w_over.insert(a.actor.clone());
        }
        if a.verdict == crate::engine::Verdict::Wrong {
            let decoy = d
                .false_flags
                .iter()
                .find(|f| f.pointed_to == a.suspect)
                .map(|f| format!(", where the planted \"{}\" pointed", f.title))
                .unwrap_or_default();
            wrong.push(format!(
                "Turn {}: {} blamed {}{decoy}; the culprit was {}.",
                a.turn, a.actor, a.suspect, d.culprit
            ));
            w_wrong.insert(a.actor.clone());
        } else if calibrated(a.stated, a.supported) {
            good.push(format!(
                "Turn {}: {} named {} with {} (evidence supported {}){joint}.",
                a.turn,
                a.actor,
                a.suspect,
                a.stated.label(),
                short_confidence(a.supported)
            ));
            w_good.insert(a.actor.clone());
        }
    }
    let imp = &mut p.improvements;
    push(
        imp,
        "Overclaimed attribution (norm b)",
        over,
        advice::OVERCLAIMED_ATTRIBUTION_NORM_B,
        w_over,
    );
    push(imp, "Wrong attribution", wrong, advice::WRONG_ATTRIBUTION, w_wrong);
    if r.status() != Status::InProgress && !d.attributions.iter().any(|a| a.correct) {
        push(
            imp,
            "Culprit never named",
            vec![format!(
                "Nobody publicly named {}, who was behind the incident.",
                d.culprit
            )],
            "Discuss whether silence was a choice or a gap: what evidence was missing, and who held it?",
            BTreeSet::new(),
        );
    }
    push(
        &mut p.strengths,
        "Calibrated, correct attribution",
        good,
        advice::CALIBRATED_CORRECT_ATTRIBUTION,
        w_good,
    );
}

fn evidence(r: &Report, p: &mut Plan) {
    let (mut hidden, mut exposed) = (vec![], vec![]);
    let mut w_exposed = BTreeSet::new();
    for f in &r.debrief.false_flags {
        if f.exposed_by.is_empty() {
            hidden.push(format!(
                "Nobody exposed the planted \"{}\", which pointed to {}.",
                f.title, f.pointed_to
            ));
        } else {
            exposed.push(format!(
                "{} exposed the planted \"{}\" (it pointed to {}).",
                f.exposed_by.join(", "),
                f.title,
                f.pointed_to
            ));
            w_exposed.extend(f.exposed_by.iter().cloned());
        }
    }
    push(
        &mut p.improvements,
        "Planted evidence missed",
        hidden,
        advice::PLANTED_EVIDENCE_MISSED,
        BTreeSet::new(),
    );
    push(
        &mut p.strengths,
        "False flags exposed",
        exposed,
        advice::FALSE_FLAGS_EXPOSED,
        w_exposed,
    );
}

/// "1", "1 and 2", "1, 2 and 3"
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn times(n: u32) -> String {
    if n > 1 {
        format!(" ×{n}")
    } else {
        String::new()
    }
}

fn tracks(r: &Report, p: &mut Plan) {
    let (mut worse, mut better) = (vec![], vec![]);
    for (t, info) in r.debrief.tracks.iter().zip(&r.tracks) {
        let (Some(&start), Some(&end)) = (t.values.first(), t.values.last()) else {
            continue;
        };
        let sign = if info.higher_is_better { 1 } else { -1 };
        let gain = sign * (end - start);
        if gain < 0 {
            // The turn that hurt most.
            let worst = t
                .values
                .windows(2)
                .enumerate()
                .min_by_key(|(_, w)| sign * (w[1] - w[0]))
                .map(|(i, w)| format!(" The worst turn was turn {} ({:+}).", i + 1, w[1] - w[0]))
                .unwrap_or_default();
            worse.push(format!("{} went from {start} to {end}.{worst}", t.name));
        } else if gain > 0 {
            better.push(format!("{} went from {start} to {end}.", t.name));
        }
    }
    push(
        &mut p.improvements,
        "Outcomes that got worse",
        worse,
        advice::OUTCOMES_THAT_GOT_WORSE,
        BTreeSet::new(),
    );
    push(
        &mut p.strengths,
        "Outcomes that improved",
        better,
        advice::OUTCOMES_THAT_IMPROVED,
        BTreeSet::new(),
    );
}
