//! The hawkish bot: answers pressure with pressure against whoever its
//! evidence or grievances point to, attributes early and claims high
//! confidence, shares only with close partners.

use super::Temperament;
use crate::scenario::schema::Confidence;

pub const TEMPERAMENT: Temperament = Temperament {
    noise: 1.4,
    hostility: 2.2,
    calm: 0.1,
    cbm: 0.1,
    accept: 0.8,
    upholds: 0.1,
    breaches: 0.2,
    investigate: 0.8,
    track: 0.03,
    cost: 0.04,
    misread: 0.0,
    attribute_at: Confidence::Low,
    attribute_from: 2,
    overclaims: true,
    attribute_value: 2.2,
    share_trust: 70,
};
