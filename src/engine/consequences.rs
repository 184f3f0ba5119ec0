//! What a move is expected to do, in words, for the confirmation a player
//! sees before committing to it. Only public rules go in.

use crate::scenario::compiled::{ARef, Eff};
use crate::scenario::schema::Visibility;

use super::Game;

impl Game {
    /// Expected consequences of `actor` taking `action` on `target`.
    pub fn consequences(&self, actor: usize, action: usize, target: Option<usize>) -> Vec<String> {
        let s = &self.scenario;
        let f = &s.file;
        let ca = &s.actions[action];
        let mut out = Vec::new();
        let who = |r: ARef| -> String {
            match r {
                ARef::Me => "you".into(),
                ARef::Target => target.map_or_else(|| "the target".into(), |t| f.actors[t].name.clone()),
                ARef::Actor(a) if a == actor => "you".into(),
                ARef::Actor(a) => f.actors[a].name.clone(),
            }
        };
        let signed = |d: i32| {
            if d >= 0 {
                format!("+{d}")
            } else {
                d.to_string()
            }
        };
        if let Some(t) = target {
            let name = &f.actors[t].name;
            let r = self.state.relations[s.pair(actor, t)];
            let top = s.pair_rungs(s.pair(actor, t)).len().saturating_sub(1) as i32;
            if ca.hostility != 0 && !(ca.visibility == Visibility::Secret && ca.detection == 0) {
                let to = (r.rung as i32).saturating_add(ca.hostility).clamp(0, top) as usize;
                let secret = if ca.visibility == Visibility::Secret {
                    " if detected"
                } else {
                    ""
                };
                out.push(format!(
                    "With {name}{secret}: \"{}\" → \"{}\", tension {}, trust {}",
                    s.rung_name(s.pair(actor, t), r.rung),
                    s.rung_name(s.pair(actor, t), to),
                    signed(12 * ca.hostility),
                    signed(if ca.hostility > 0 {
                        -6 * ca.hostility
                    } else {
                        -4 * ca.hostility
                    })
                ));
            }
            if ca.hostility >= 0 {
                let p = self.misread_chance(actor, t, ca.ambiguity);
                if p > 0 {
                    out.push(format!(
                        "{p}% chance {name} misreads it as hostile (one more rung, tension +15)"
                    ));
                }
            }
            if ca.visibility == Visibility::Secret {
                out.push(format!("{}% chance {name} detects it (tension +10)", ca.detection));
            }
            if let Some(kind) = ca.cbm {
                if self.has_offered(t, actor, kind) {
                    let comes = if kind == crate::scenario::schema::CbmKind::Consultations {
                        "consultations come"
                    } else {
                        "it comes"
                    };
                    out.push(format!(
                        "Accepts {} offer of {}: {comes} into force",
                        super::describe::possessive(name),
                        kind.with_article()
                    ));
                } else {
                    out.push(format!(
                        "Offers {name} {}; in force once {name} offers it back",
                        kind.with_article()
                    ));
                }
            }
        } else if ca.ambiguity > 0 && ca.visibility != Visibility::Secret {
            // A move aimed at no one: every state watching may take it as
            // aimed at itself (rules, misperception beyond the pair).
            for o in 0..s.actor_count() {
                if o == actor || !self.laddered(actor, o) {
                    continue;
                }
                let p = self.watcher_misread_chance(actor, o, ca.ambiguity);
                if p > 0 {
                    out.push(format!(
                        "{p}% chance {} reads it as aimed at itself (one more rung); a channel with it makes that rarer",
                        f.actors[o].name
                    ));
                }
            }
        }
        for e in &ca.effects {
            let line = match e {
                Eff::Track(t, d) => format!("{} {}", f.tracks[*t].name, signed(*d)),
                Eff::SetFlag(fl, b) => {
                    format!("{}: {}", f.flags[*fl].name, if *b { "yes" } else { "no" })
                }
                Eff::Tension(a, b, d) => {
                    format!("Tension between {} and {} {}", who(*a), who(*b), signed(*d))
                }
                Eff::Trust(a, b, d) => {
                    format!("Trust between {} and {} {}", who(*a), who(*b), signed(*d))
                }
                Eff::Escalate(a, b, d) => {
                    format!("{} and {} move {} rung(s)", who(*a), who(*b), signed(*d))
                }
                Eff::Resources(a, d) => format!("Resources of {} {}", who(*a), signed(*d)),
                Eff::Credibility(a, d) => format!("Credibility of {} {}", who(*a), signed(*d)),
                Eff::Reveal(_, a) => format!("Gives {} an evidence item", who(*a)),
                Eff::RevealAll(_) => "Gives every actor an evidence item".into(),
                Eff::RevealTruth => "Reveals the truth about the incident".into(),
            };
            out.push(line);
        }
        match target {
            Some(t) if self.is_question(action) => {
                let name = &self.scenario.file.actors[t].name;
                out.push(format!(
                    "Asks {name} a question: {name} answers by the end of next turn, with evidence, an explanation or a refusal"
                ));
            }
            _ if !ca.uncovers.is_empty() => out.push("May uncover new evidence".into()),
            _ => {}
        }
        if ca.chance < 100 && !ca.on_failure.is_empty() {
            out.push(format!(
                "If it fails ({}%): other effects apply",
                100 - u32::from(ca.chance)
            ));
        }
        out
    }
}
