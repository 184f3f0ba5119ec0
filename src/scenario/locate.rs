//! Finds where a value sits in the source text, so that a diagnostic found
//! after parsing (an unknown reference, a duplicate id) still points at the
//! right line and column.

use std::ops::Range;

/// Span of the item whose `id: "<id>"` is written in the source (the n-th
/// such item when ids repeat), or of the quoted id anywhere.
pub fn item(source: &str, id: &str, nth: usize) -> Option<Range<usize>> {
    let quoted = format!("\"{id}\"");
    let mut found = 0;
    for (pos, _) in source.match_indices(&quoted) {
        let before = source[..pos].trim_end();
        if let Some(b) = before.strip_suffix(':') {
            if b.trim_end().ends_with("id") {
                if found == nth {
                    return Some(pos..pos + quoted.len());
                }
                found += 1;
            }
        }
    }
    None
}

/// Span of `"<needle>"` (or of a bare word when `quoted` is false) inside the
/// item with this id, falling back to its first occurrence anywhere.
pub fn within(source: &str, anchor: Option<&str>, needle: &str, quoted: bool) -> Option<Range<usize>> {
    let pattern = if quoted {
        format!("\"{needle}\"")
    } else {
        needle.to_string()
    };
    let start = anchor.and_then(|a| item(source, a, 0)).map_or(0, |r| r.start);
    let rel = source[start..].find(&pattern).map(|p| p + start);
    let pos = rel.or_else(|| source.find(&pattern))?;
    Some(pos..pos + pattern.len())
}

/// Span of a field name (`name:`) inside the item with this id.
pub fn field(source: &str, anchor: Option<&str>, field: &str) -> Option<Range<usize>> {
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
