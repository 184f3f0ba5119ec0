//! Checks on the legal character an action declares (`legal`; without it a
//! hostile move is retorsion): a countermeasure must have a state to
//! answer, and one that pushes too far is always disproportionate.

use super::locate::Anchor;
use super::schema::{Action, LegalCharacter, TargetRule};
use super::validate::Checker;

/// Most rungs a countermeasure may push and still be proportionate (the
/// engine's rule, `engine::rules::law::PROPORTIONATE_HOSTILITY`).
const PROPORTIONATE: i32 = 2;

pub(super) fn check(c: &mut Checker<'_>, a: &Action) {
    let at = Anchor::new("Action", &a.id);
    let targeted = a.target != TargetRule::NoTarget;
    match a.legal {
        Some(LegalCharacter::Countermeasure) if !targeted => c.error_at_item(
            at,
            format!("countermeasure `{}` has no target", a.id),
            "a `target` rule: a countermeasure answers the state responsible for a wrongful act",
        ),
        Some(LegalCharacter::Countermeasure) if a.hostility > PROPORTIONATE => c.warn_at_item(
            at,
            format!(
                "countermeasure `{}` has hostility {}: it is always judged disproportionate (more than {PROPORTIONATE})",
                a.id, a.hostility
            ),
            "hostility 1 or 2, or `legal: Unlawful`",
        ),
        _ => {}
    }
}
