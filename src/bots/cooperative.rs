//! The cooperative bot: builds channels, shares what it may, calms tension,
//! and attributes only with moderate confidence or better, honestly stated.

use super::Temperament;
use crate::scenario::schema::Confidence;

pub const TEMPERAMENT: Temperament = Temperament {
    noise: 1.2,
    hostility: -1.0,
    calm: 2.0,
    cbm: 1.6,
    accept: 3.0,
    upholds: 0.6,
    breaches: 2.0,
    investigate: 2.0,
    track: 0.08,
    cost: 0.08,
    misread: 0.03,
    attribute_at: Confidence::Moderate,
    attribute_from: 3,
    overclaims: false,
    attribute_value: 1.6,
    share_trust: 35,
};
