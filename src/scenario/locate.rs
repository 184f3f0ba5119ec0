//! Finds where a value sits in the source text, so that a diagnostic found
//! after parsing (an unknown reference, a duplicate id) still points at the
//! right line and column.

use std::ops::Range;

/// An item of a scenario: the word it is written with (`Action`, `Rung`,
/// ...) and its id. Ids are unique only within one kind of item, so both
/// are needed to find it. An empty `kind` matches any item.
#[derive(Debug, Clone, Copy)]
pub struct Anchor<'a> {
    pub kind: &'a str,
    pub id: &'a str,
}

impl<'a> Anchor<'a> {
    pub fn new(kind: &'a str, id: &'a str) -> Self {
        Anchor { kind, id }
    }
}

/// Span of the id of the item written `Kind(... id: "<id>" ...)` (the n-th
/// such item when ids repeat).
pub fn item(source: &str, anchor: Anchor, nth: usize) -> Option<Range<usize>> {
    let quoted = format!("\"{}\"", anchor.id);
    let mut found = 0;
    for (pos, _) in source.match_indices(&quoted) {
        if in_comment(source, pos) {
            continue;
        }
        let before = source[..pos].trim_end();
        let Some(b) = before.strip_suffix(':') else { continue };
        if !b.trim_end().ends_with("id") {
            continue;
        }
        if !anchor.kind.is_empty() && enclosing(source, pos) != Some(anchor.kind) {
            continue;
        }
        if found == nth {
            return Some(pos..pos + quoted.len());
        }
        found += 1;
    }
    None
}

/// The word before the parenthesis that encloses `pos`: `Action` for a
/// position inside `Action(...)`. Strings are skipped; a list encloses
/// nothing with a name.
fn enclosing(source: &str, pos: usize) -> Option<&str> {
    let b = source.as_bytes();
    let mut depth = 0usize;
    let mut i = pos;
    while i > 0 {
        i -= 1;
        match b[i] {
            b'"' => loop {
                // Back to the opening quote of this string.
                if i == 0 {
                    return None;
                }
                i -= 1;
                if b[i] == b'"' && (i == 0 || b[i - 1] != b'\\') {
                    break;
                }
            },
            b')' | b']' => depth += 1,
            b'(' | b'[' if depth > 0 => depth -= 1,
            b'(' => {
                let name = source[..i].trim_end();
                let word = |c: char| c.is_alphanumeric() || c == '_';
                let start = name
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| word(c))
                    .last()
                    .map_or(name.len(), |(k, _)| k);
                return Some(&name[start..]);
            }
            b'[' => return None,
            _ => {}
        }
    }
    None
}

/// Span of `"<needle>"` (or of a bare word when `quoted` is false) inside the
/// item, falling back to its first occurrence anywhere.
pub fn within(source: &str, anchor: Option<Anchor>, needle: &str, quoted: bool) -> Option<Range<usize>> {
    let pattern = if quoted {
        format!("\"{needle}\"")
    } else {
        needle.to_string()
    };
    // After the item's own id, which may be spelled like the needle.
    let start = anchor.and_then(|a| item(source, a, 0)).map_or(0, |r| r.end);
    let ok = |p: usize| {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let before = source[..p].chars().next_back().is_none_or(|c| !word(c));
        let after = source[p + pattern.len()..].chars().next().is_none_or(|c| !word(c));
        !in_comment(source, p) && (quoted || (before && after))
    };
    let find_from = |from: usize| {
        source[from..]
            .match_indices(&pattern)
            .map(|(p, _)| p + from)
            .find(|&p| ok(p))
    };
    let pos = find_from(start).or_else(|| find_from(0))?;
    Some(pos..pos + pattern.len())
}

/// Whether a position is inside a `//` comment (outside any string).
fn in_comment(source: &str, pos: usize) -> bool {
    let line_start = source[..pos].rfind('\n').map_or(0, |i| i + 1);
    // Most lines hold no `//` at all: one fast search instead of a walk.
    if !source[line_start..pos].contains("//") {
        return false;
    }
    let mut in_string = false;
    let bytes = source.as_bytes();
    let mut i = line_start;
    while i < pos {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// Span of the value of `field` in the `nth` item (0-based) of the list
/// written `list: [...]`, for items that have no id (debrief questions):
/// the n-th `field:` after the list's name, outside comments.
pub fn nth_field_value(source: &str, list: &str, field_name: &str, nth: usize) -> Option<Range<usize>> {
    let mut search = field(source, None, list)?.end;
    let mut found = 0;
    loop {
        let r = field(&source[search..], None, field_name).map(|r| r.start + search..r.end + search)?;
        search = r.end;
        if in_comment(source, r.start) {
            continue;
        }
        if found == nth {
            let colon = source[r.end..].find(':')? + r.end + 1;
            let value = colon + (source[colon..].len() - source[colon..].trim_start().len());
            let len = source[value..]
                .find(|c: char| c == ',' || c == ')' || c.is_whitespace())
                .unwrap_or(source.len() - value);
            return Some(value..value + len.max(1).min(source.len() - value));
        }
        found += 1;
    }
}

/// Span of a field name (`name:`) inside the item with this id.
pub fn field(source: &str, anchor: Option<Anchor>, field: &str) -> Option<Range<usize>> {
    let start = anchor.and_then(|a| item(source, a, 0)).map_or(0, |r| r.start);
    let mut search = start;
    while let Some(p) = source[search..].find(field) {
        let pos = search + p;
        let after = source[pos + field.len()..].trim_start();
        let boundary =
            pos == 0 || !source.as_bytes()[pos - 1].is_ascii_alphanumeric() && source.as_bytes()[pos - 1] != b'_';
        if boundary && after.starts_with(':') {
            return Some(pos..pos + field.len());
        }
        search = pos + field.len();
    }
    None
}
