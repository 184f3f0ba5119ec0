//! Text measured in screen columns, never in characters: a CJK character
//! or an emoji takes two columns, a combining accent none
//! (`unicode-width`, the widths terminals use).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width of `s` on screen, in columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `cols` columns; never cut.
pub fn pad(s: &str, cols: usize) -> String {
    crate::text::pad_columns(s, cols)
}

/// `s` padded on the left to `cols` columns (for numbers); never cut.
pub fn pad_left(s: &str, cols: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// `s` in exactly `cols` columns: padded when short, cut with "…" when
/// too long (a wide character that would straddle the edge is dropped).
pub fn fit(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return pad(s, cols);
    }
    let mut out = String::new();
    let mut used = 0;
    let room = cols.saturating_sub(1);
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if cols > 0 {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
    out
}

/// The widest of `names`, in columns, at most `max`.
pub fn widest<'a>(names: impl IntoIterator<Item = &'a str>, max: usize) -> usize {
    names.into_iter().map(width).max().unwrap_or(0).min(max)
}

/// Break `s` into lines of at most `cols` screen columns at spaces (a word
/// wider than `cols` gets a line of its own, cut by the terminal).
/// Always at least one line.
pub fn wrap_words(s: &str, cols: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let last = lines.last_mut().expect("one line at least");
        if last.is_empty() {
            last.push_str(word);
        } else if width(last) + 1 + width(word) <= cols {
            last.push(' ');
            last.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_not_characters() {
        assert_eq!(width("海龟"), 4);
        assert_eq!(pad("海龟", 6), "海龟  ");
        assert_eq!(width(&fit("域名系统完整性", 7)), 7);
        assert_eq!(fit("域名系统完整性", 7), "域名系…");
        assert_eq!(fit("域名系统完整性", 8), "域名系… ");
        assert_eq!(fit("Zoë", 5), "Zoë  ");
        assert_eq!(width(&fit("🦀 Crab team", 4)), 4);
        assert_eq!(pad_left("60", 4), "  60");
    }
}
