//! Questions asked of the keymap table: the keys bound twice in a stack,
//! the rows of a screen's help, a key's label, the footer hints.

use super::app::Screen;
use super::keymap::{screen_stack, Action, Binding, Context, Key, BINDINGS};

use Context as C;

/// Every key bound twice in one stack: (the key, the two actions).
pub fn duplicates(stack: &[Context]) -> Vec<(Key, Option<Action>, Option<Action>)> {
    let rows: Vec<(&Key, &Binding)> = BINDINGS
        .iter()
        .filter(|b| stack.contains(&b.context))
        .flat_map(|b| b.keys.iter().map(move |k| (k, b)))
        .collect();
    let mut out = Vec::new();
    for (i, (k, a)) in rows.iter().enumerate() {
        for (k2, b2) in &rows[i + 1..] {
            if k == k2 {
                out.push((**k, a.action, b2.action));
            }
        }
    }
    out
}

/// The rows of a stack, in order, for the help overlay.
pub fn rows(stack: &[Context]) -> impl Iterator<Item = &'static Binding> + '_ {
    stack
        .iter()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.context == *c))
}

/// The rows of a screen's help: its own keys, then the ones that work
/// everywhere, then list movement.
pub fn help_rows(screen: Screen) -> Vec<&'static Binding> {
    help_rows_of(screen_stack(screen))
}

/// The rows of a stack's help: its own keys, then the ones that work
/// everywhere, then list movement.
pub fn help_rows_of(stack: &[Context]) -> Vec<&'static Binding> {
    let rank = |c: Context| match c {
        C::Everywhere => 1,
        C::Always => 2,
        C::Lists => 3,
        C::VimKeys => 4,
        _ => 0,
    };
    let mut order: Vec<Context> = stack.to_vec();
    order.sort_by_key(|c| rank(*c));
    order
        .into_iter()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.context == c))
        .collect()
}

/// How the keys of `action` in `context` are written ("y / Enter"), for a
/// dialog that words the action itself ("y / Enter: end my turn").
pub fn label_of(context: Context, action: Action) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == Some(action))
        .map_or("", |b| b.label)
}

/// Footer hints for a stack of contexts: (keys, short label).
pub fn hints_for(stack: &[Context]) -> Vec<(&'static str, &'static str)> {
    rows(stack).filter_map(|k| k.hint.map(|h| (k.label, h))).collect()
}

/// Footer hints for a screen's own context and the everywhere keys.
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    hints_for(&[Context::Everywhere, context])
}
