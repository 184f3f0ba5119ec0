//! How a bot answers proposals made to it, from its view and its
//! temperament, with a short reason in words the engine generates:
//! joint statements its own evidence does not back are declined ("We do
//! not hold evidence that supports high confidence"); restraint is agreed
//! unless the proposer is behind its prime suspect or the bot is a hawk
//! without trust; assistance is given to those it trusts enough.

use crate::engine::rules::attribution::Weight;
use crate::engine::DealTerms;
use crate::engine::Origin;
use crate::engine::{Excuse, Move, Perspective, Pick, Reason, ReplyPick};
use crate::scenario::schema::Confidence;

use super::scoring::{self, Prime, Temperament};

/// How much a promise of restraint weighs against a hostile move on the
/// partner, per point of hostility.
pub const PROMISE: f32 = 3.0;
/// Least trust a hawk needs before it ties its hands.
pub const HAWK_RESTRAINT_TRUST: i32 = 60;
/// Least trust any bot needs before it agrees restraint.
pub const RESTRAINT_TRUST: i32 = 15;

/// Answers to the joint statements and deals waiting for this bot.
pub fn answers(t: &Temperament, view: &Perspective<'_>, weights: &[Weight], prime: &Prime, out: &mut Vec<Move>) {
    if view.may_attribute() {
        for (p, prop) in view.proposals() {
            if prop.made.is_some() || prop.lapsed || prop.answered_by(view.me()) {
                continue;
            }
            if !scoring::supports(t, view, weights, prop.suspect, prop.layer, prop.confidence) {
                out.push(Move::Answer {
                    proposal: Pick::Joint(p),
                    accept: false,
                    because: Reason::Unsupported(prop.confidence),
                });
            }
        }
    }
    let suspected = |a: usize| prime.actor == Some(a) && prime.confidence >= Some(Confidence::Moderate);
    for (n, d) in view.deals_to_answer() {
        let trust = view.relation(d.by).map_or(0, |r| r.trust);
        let (accept, because) = match d.terms {
            _ if suspected(d.by) => (false, Reason::Suspect),
            DealTerms::Restraint { .. } if t.hostility > 0.0 && trust < HAWK_RESTRAINT_TRUST => {
                (false, Reason::FreeHand)
            }
            DealTerms::Restraint { .. } if trust < RESTRAINT_TRUST => (false, Reason::NoTrust),
            DealTerms::Restraint { turns } => (true, Reason::Agreed(turns)),
            DealTerms::Assistance if trust + 10 >= t.share_trust => (true, Reason::WillHelp),
            DealTerms::Assistance => (false, Reason::CannotHelp),
        };
        out.push(Move::Answer {
            proposal: Pick::Deal(n),
            accept,
            because,
        });
    }
}

/// Least trust a hawk needs before it answers a question at all.
pub const HAWK_ANSWER_TRUST: i32 = 40;

/// Answers to the questions asked of this bot through a channel, by role
/// and policy. The actor behind the incident never passes an item that
/// incriminates it: it gives its prepared line if that does not, or
/// denies. Otherwise a cooperative bot passes the most reliable item TLP
/// lets it give the asker (else its prepared answer, else a promise to
/// look into it); a cautious one gives its prepared answer or says it has
/// nothing to add; a hawk declines unless it trusts the asker.
pub fn replies(policy: super::Policy, view: &Perspective<'_>, out: &mut Vec<Move>) {
    use super::Policy;
    for (n, q) in view.requests_to_answer() {
        let prepared = view.prepared_answer(n);
        let pick = if view.responsible() {
            match prepared {
                Some(e) if !view.incriminates_me(e) => ReplyPick::Prepared,
                _ => ReplyPick::Words(Excuse::Deny),
            }
        } else {
            let prepared_or = |x: Excuse| prepared.map_or(ReplyPick::Words(x), |_| ReplyPick::Prepared);
            match policy {
                Policy::Cooperative => match best_item(view, q.by) {
                    Some(e) => ReplyPick::Evidence(e),
                    None => prepared_or(Excuse::LookingIntoIt),
                },
                Policy::Cautious => prepared_or(Excuse::NothingToAdd),
                Policy::Hawkish => {
                    let trust = view.relation(q.by).map_or(0, |r| r.trust);
                    if trust >= HAWK_ANSWER_TRUST {
                        prepared_or(Excuse::NothingToAdd)
                    } else {
                        ReplyPick::Decline
                    }
                }
            }
        };
        out.push(Move::Reply {
            request: n,
            reply: pick,
        });
    }
}

/// The most reliable item this actor may pass to `asker` (the first of
/// equals), not received from the asker. Only for an actor not behind the
/// incident: it has nothing to hide, even in items that point its way.
fn best_item(view: &Perspective<'_>, asker: usize) -> Option<usize> {
    let mut best: Option<(u8, usize)> = None;
    for h in view.held() {
        if h.origin == Origin::SharedBy(asker) || !view.may_share(h.evidence, asker) {
            continue;
        }
        let Some((_, _, reliability, _)) = view.evidence_facts(h.evidence) else {
            continue;
        };
        if best.is_none_or(|(r, _)| reliability > r) {
            best = Some((reliability, h.evidence));
        }
    }
    best.map(|(_, e)| e)
}
