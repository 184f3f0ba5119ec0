//! How a bot answers proposals made to it, from its view and its
//! temperament, with a short reason in words the engine generates:
//! joint statements its own evidence does not back are declined ("We do
//! not hold evidence that supports high confidence"); restraint is agreed
//! unless the proposer is behind its prime suspect or the bot is a hawk
//! without trust; assistance is given to those it trusts enough.

use crate::engine::rules::attribution::Weight;
use crate::engine::DealTerms;
use crate::engine::{Move, Perspective, Pick, Reason};
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
