//! Why an actor's confidence in a suspect is at its level, in the figures
//! the rule uses: the weight of the evidence, half of the best rival
//! explanation taken off (net weight), and the kinds of indicator. The
//! Intel panel shows these lines under each suspect, so the level never
//! sits beside figures that seem to contradict it without a reason.

use super::rules::attribution::{level, Weight, HIGH, LOW, MODERATE};
use crate::scenario::schema::Confidence;

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The net weight the rule grades for `suspect`, and the rival it
/// discounts: `(net, rival score, rival index)`. The rival is the suspect
/// with the highest positive score; half of it (rounded down) is taken off.
pub fn net_weight(w: &[Weight], suspect: usize) -> (i32, i32, Option<usize>) {
    let me = w.get(suspect).map_or(0, |x| x.score);
    let rival = w
        .iter()
        .enumerate()
        .filter(|(s, x)| *s != suspect && x.score > 0)
        .max_by_key(|(s, x)| (x.score, std::cmp::Reverse(*s)));
    match rival {
        Some((i, x)) => (me - x.score / 2, x.score, Some(i)),
        None => (me, 0, None),
    }
}

/// Lines (joined with '\n') saying why `suspect` is at its level, from the
/// weights of every suspect (`names` in the same order): what counts, the
/// net weight after the best rival explanation, and what the next level
/// needs. "no evidence points here" when the actor holds nothing on it.
pub fn why(w: &[Weight], suspect: usize, names: &[&str]) -> String {
    let Some(me) = w.get(suspect) else {
        return String::new();
    };
    if me.items == 0 {
        return "no evidence points here".into();
    }
    let kinds = me.kinds.count_ones();
    let mut first = format!(
        "{}, {} of indicator, weight {}",
        plural(me.items, "item", "items"),
        plural(kinds, "kind", "kinds"),
        me.score
    );
    for (n, what) in [
        (me.refuted, "shown to be planted"),
        (me.explained, "explained away"),
        (me.exculpatory, "pointing away"),
    ] {
        if n > 0 {
            first.push_str(&format!("; {n} {what}"));
        }
    }
    let (net, rival, who) = net_weight(w, suspect);
    let second = match who {
        Some(i) => format!(
            "− half of {rival} for {} (rival explanation) = net {net}",
            names.get(i).copied().unwrap_or("another suspect")
        ),
        None => format!("no rival explanation: net {net}"),
    };
    let third = match level(w, suspect) {
        Some(Confidence::High) => format!("high: net {} or more with {} kinds or more", HIGH.0, HIGH.1),
        now => {
            let (next, (need, need_kinds)) = match now {
                None => ("low", LOW),
                Some(Confidence::Low) => ("moderate", MODERATE),
                _ => ("high", HIGH),
            };
            let mut short = Vec::new();
            if net < need {
                short.push(format!("{} more net weight", need - net));
            }
            if kinds < need_kinds {
                short.push(plural(need_kinds - kinds, "more kind", "more kinds"));
            }
            format!(
                "{next} needs net {need} and {}: {}",
                plural(need_kinds, "kind", "kinds"),
                short.join(" and ")
            )
        }
    };
    format!("{first}\n{second}\n{third}")
}
