//! A company plays its own part, not a government's: it protects its
//! customers and its reputation (domain notes, "Who acts": operators and
//! security vendors; the Cybersecurity Tech Accord, 2018: stronger
//! defence, collective action, no offence against anyone). Every policy of
//! a company bot weighs a move by:
//! - its customers' exposure ([`Perspective::harm`], 0.0-1.0): the worse
//!   the world's tracks (hospital capacity, connectivity, the worm's
//!   spread), the more a move that improves them (patch, restore, reroute,
//!   take down) is worth;
//! - disclosure and notification: telling defenders what it found (moves
//!   that uphold UN norm d, exchange of information, or j, reporting
//!   vulnerabilities) is worth more while its customers are exposed;
//! - its reputation: research that leads to its own reports is worth more
//!   to a vendor that may publish ([`RESEARCH`]);
//! - its credibility (0-100): it never climbs a ladder against
//!   anyone, and with its credibility below [`REPUTATION_AT_RISK`] it names
//!   a group only with high confidence. Naming a state is already closed
//!   to companies by the rules.

use crate::engine::Perspective;
use crate::scenario::schema::{Confidence, Norm};

/// Value of a move that improves the world's tracks by 10 points or more,
/// at full exposure of its customers (less in proportion below 10).
pub const PROTECT: f32 = 1.2;
/// Value of disclosing or notifying (norms d, j), at full exposure; half
/// of it when its customers are safe.
pub const DISCLOSE: f32 = 0.6;
/// Value of research to a vendor that may publish: its reputation rests
/// on the reports its analysis leads to (until the truth is public).
pub const RESEARCH: f32 = 1.0;
/// What a hostile move costs a company, per point of hostility: customers
/// and staff in the other's country, and its standing as a neutral
/// defender.
pub const NO_ESCALATION: f32 = 5.0;
/// Credibility below which a company speaks only with high confidence: a
/// second wrong report would cost it its customers' trust.
pub const REPUTATION_AT_RISK: i32 = 50;

/// What action `a` is worth to a company beyond the common scoring, with
/// its customers' exposure `harm` (0.0-1.0, [`Perspective::harm`]).
pub fn stake(v: &Perspective<'_>, a: usize, harm: f32) -> f32 {
    let def = v.action(a);
    let gain = v.action_track_gain(a).clamp(0, 10) as f32;
    let mut s = PROTECT * harm * gain / 10.0;
    if def
        .upholds
        .iter()
        .any(|n| matches!(n, Norm::ExchangeInformation | Norm::ReportVulnerabilities))
    {
        s += DISCLOSE * (0.5 + harm / 2.0);
    }
    if v.is_investigative(a) && v.may_attribute() && !v.truth_revealed() {
        s += RESEARCH;
    }
    if def.hostility > 0 {
        s -= NO_ESCALATION * def.hostility as f32;
    }
    s
}

/// Whether a company with this much confidence puts its reputation on a
/// public report: always from high confidence; below it only while its
/// credibility is at least [`REPUTATION_AT_RISK`].
pub fn risks_report(v: &Perspective<'_>, have: Confidence) -> bool {
    have == Confidence::High || v.credibility(v.me()) >= REPUTATION_AT_RISK
}
