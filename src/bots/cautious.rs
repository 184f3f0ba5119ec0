//! The cautious, norm-following bot: investigates first, keeps to the UN
//! norms, answers in measured steps, and attributes only with high
//! confidence.

use super::Temperament;
use crate::scenario::schema::Confidence;

pub const TEMPERAMENT: Temperament = Temperament {
    noise: 1.0,
    hostility: 0.6,
    calm: 1.0,
    cbm: 1.0,
    accept: 2.2,
    upholds: 1.0,
    breaches: 3.5,
    investigate: 2.2,
    track: 0.06,
    cost: 0.1,
    misread: 0.05,
    attribute_at: Confidence::High,
    attribute_from: 3,
    overclaims: false,
    attribute_value: 2.0,
    share_trust: 50,
};
