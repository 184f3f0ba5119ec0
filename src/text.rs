//! Text from a scenario, a game log or a peer, made safe to print.
//!
//! Such text is data: an escape sequence in a scenario title (`ESC[2J`,
//! `ESC]0;…BEL`) would clear or retitle the trainer's terminal, and a bidi
//! override (U+202E) can make `txt.exe` read as `exe.txt`. Every printer
//! outside the TUI passes such text through [`clean`] (messages, tables,
//! reports) or [`clean_keeping_columns`] (source snippets whose character
//! offsets must not move). Only newline and tab pass through unchanged.
//! The TUI is already safe: ratatui draws text as cells, never as bytes.

use std::borrow::Cow;

/// Whether a character must not reach a terminal or a document as is: C0 and
/// C1 control characters (except newline and tab), DEL, and the invisible
/// format characters that reorder or hide text (bidi embeddings, overrides
/// and isolates, the Arabic letter mark, zero-width and line separators).
pub fn must_escape(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        _ if c.is_control() => true,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' => true,
        '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' => true,
        _ => false,
    }
}

/// The text with every such character written as a visible Rust-style
/// escape (`\u{1b}`); newline and tab kept. Borrows when nothing changes.
///
/// ```
/// assert_eq!(demarche::text::clean("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
/// assert_eq!(demarche::text::clean("line\nnext\tcell"), "line\nnext\tcell");
/// ```
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(must_escape) {
        return Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if must_escape(c) {
            o.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            o.push(c);
        }
    }
    Cow::Owned(o)
}

/// Like [`clean`], on one line: newlines and tabs become spaces as well, for
/// a table cell or a one-line status.
pub fn clean_line(s: &str) -> String {
    clean(s).replace(['\n', '\t'], " ")
}

/// Width of `s` on a terminal, in columns: a CJK character or an emoji
/// takes two, a combining accent none (`unicode-width`).
pub fn columns(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `cols` terminal columns (never cut), for a
/// table printed outside the TUI.
pub fn pad_columns(s: &str, cols: usize) -> String {
    let mut out = String::with_capacity(s.len() + cols);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(columns(s))));
    out
}

/// One safe character for each character of the text, so that character
/// offsets into it still hold: C0 controls and DEL become their Unicode
/// control pictures (`␛` for ESC), a carriage return a space, any other
/// such character U+FFFD. For source snippets.
pub fn clean_keeping_columns(s: &str) -> Cow<'_, str> {
    if !s.chars().any(must_escape) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\r' => ' ',
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 && must_escape(c) => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                c if must_escape(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_keeps_newline_and_tab() {
        assert_eq!(clean("x\u{1b}]0;t\u{7}y"), "x\\u{1b}]0;t\\u{7}y");
        assert_eq!(clean("a\u{202e}cod.exe"), "a\\u{202e}cod.exe");
        assert_eq!(clean("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(clean("a\r\nb"), "a\\u{d}\nb");
        assert!(matches!(clean("plain ünïcode\tand\n"), Cow::Borrowed(_)));
        assert_eq!(clean_line("a\nb\tc\u{1b}"), "a b c\\u{1b}");
    }

    #[test]
    fn keeping_columns_maps_one_char_to_one() {
        let s = "a\u{1b}[2J\u{202e}b\r\n\u{7f}";
        let c = clean_keeping_columns(s);
        assert_eq!(c.chars().count(), s.chars().count());
        assert_eq!(c, "a␛[2J\u{fffd}b \n␡");
        assert!(!c.chars().any(must_escape));
    }

    #[test]
    fn pads_in_terminal_columns() {
        assert_eq!(pad_columns("北方", 6), "北方  ");
        assert_eq!(pad_columns("ab", 4), "ab  ");
        assert_eq!(pad_columns("toolong", 3), "toolong");
    }
}
