//! How far one effect may move what it changes.

use super::expr::Effect;

/// An effect's change is bounded by what it changes: rungs by the longest
/// ladder (40), tension, trust and credibility by their 0-100 scale,
/// resources by their cap (999), tracks by a million. A larger number would
/// only be clamped in play (or, before, wrapped round and reversed).
///
/// Returns the message, what was expected and the number as written (to
/// place the diagnostic), or none when the change is in range.
pub(super) fn check(e: &Effect) -> Option<(String, String, String)> {
    use Effect as E;
    let (what, n, max) = match e {
        E::Track(_, n) => ("Track", *n, 1_000_000),
        E::Tension(_, _, n) => ("Tension", *n, 100),
        E::Trust(_, _, n) => ("Trust", *n, 100),
        E::Escalate(_, _, n) => ("Escalate", *n, 40),
        E::Resources(_, n) => ("Resources", *n, 999),
        E::Credibility(_, n) => ("Credibility", *n, 100),
        _ => return None,
    };
    (n.unsigned_abs() > max).then(|| {
        (
            format!("`{what}` changes by {n}, beyond what it can move"),
            format!("a change from -{max} to {max}"),
            n.to_string(),
        )
    })
}
