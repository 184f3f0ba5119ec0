//! Diagnostics: what is wrong in a scenario file, where, and what was expected.

use std::fmt::Write as _;
use std::ops::Range;

use ariadne::{Config, Label, Report, ReportKind, Source};

use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// What the file should have had here.
    pub expected: String,
    /// Byte range in the source text, if known.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, expected: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            expected: expected.into(),
            span: None,
        }
    }
    pub fn warning(message: impl Into<String>, expected: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, expected)
        }
    }
    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and character column.
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
            return offset + within;
        }
        offset += l.len();
    }
    source.len()
}

/// At most this many diagnostics are shown per file; the rest are counted.
pub const SHOWN: usize = 50;

/// Each checking pass places at most this many diagnostics in the source
/// (finding where an id sits reads the file); later ones are still counted
/// and reported, without a line. This keeps checking linear in the file's
/// size however many mistakes it holds. Above [`SHOWN`], so that every
/// shown diagnostic has its line.
pub const PLACED: usize = 64;

/// Lines longer than this (in bytes) are not quoted in a snippet: the
/// diagnostic gives file:line:column and the message alone.
const SNIPPET_LINE: usize = 400;

/// Render diagnostics with file:line:column, a source snippet and what was
/// expected, the first [`SHOWN`] of them, then a count of the rest.
/// `color` is false for NO_COLOR and when not writing to a terminal. Every
/// text from the file (messages, names, the snippet) is cleaned of control
/// characters and bidi overrides (see [`crate::text`]). The cost is linear
/// in the file's size, whatever the number of diagnostics.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    let file = text::clean_line(file);
    let file = file.as_str();
    // One safe character per character of the source, so spans still hold.
    let shown_source = text::clean_keeping_columns(source);
    let mut cache = (file, Source::from(shown_source.as_ref()));
    let mut chars = CharIndex::default();
    for d in diagnostics.iter().take(SHOWN) {
        let message = text::clean(&d.message);
        let expected = text::clean(&d.expected);
        let kind = match d.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        let span = d.span.clone().filter(|_| !source.is_empty());
        let Some(span) = span else {
            let word = match d.severity {
                Severity::Error => "Error",
                Severity::Warning => "Warning",
            };
            let at = if d.span.is_some() { ":1:1" } else { "" };
            let _ = writeln!(out, "{word}: {file}{at}: {message}");
            if !expected.is_empty() {
                let _ = writeln!(out, "  expected: {expected}");
            }
            continue;
        };
        let line_start = source[..span.start.min(source.len())].rfind('\n').map_or(0, |i| i + 1);
        let line_len = source[line_start..].find('\n').unwrap_or(source.len() - line_start);
        if line_len > SNIPPET_LINE {
            let (line, col) = line_col(source, span.start);
            let _ = writeln!(out, "{file}:{line}:{col}: {message}");
            if !expected.is_empty() {
                let _ = writeln!(out, "  expected: {expected}");
            }
            continue;
        }
        // ariadne counts characters, not bytes.
        let start = chars.of(source, span.start);
        let end = chars.of(source, span.end).max(start + 1);
        let mut buf = Vec::new();
        let report = Report::build(kind, file, start)
            .with_config(Config::default().with_color(color))
            .with_message(&message)
            .with_label(Label::new((file, start..end)).with_message(if expected.is_empty() {
                message.to_string()
            } else {
                format!("expected {expected}")
            }))
            .finish();
        if report.write(&mut cache, &mut buf).is_ok() {
            // Safe as it is: every text in it was cleaned above; the only
            // escapes are ariadne's own colours.
            out.push_str(&String::from_utf8_lossy(&buf));
        } else {
            let (line, col) = line_col(source, span.start);
            let _ = writeln!(out, "{file}:{line}:{col}: {message}");
        }
    }
    if let Some(rest) = diagnostics.get(SHOWN..).filter(|r| !r.is_empty()) {
        let errors = rest.iter().filter(|d| d.is_error()).count();
        let _ = writeln!(
            out,
            "… and {} more not shown ({errors} error(s), {} warning(s)): fix these first and run again.",
            rest.len(),
            rest.len() - errors
        );
    }
    out
}

/// Byte offset to character index, counting on from the last answer when
/// offsets come in order (diagnostics are sorted by position), so that
/// placing every diagnostic costs one pass over the source.
#[derive(Default)]
struct CharIndex {
    byte: usize,
    chars: usize,
}

impl CharIndex {
    fn of(&mut self, source: &str, byte: usize) -> usize {
        let mut b = byte.min(source.len());
        while b > 0 && !source.is_char_boundary(b) {
            b -= 1;
        }
        if b < self.byte {
            *self = CharIndex::default();
        }
        self.chars += source[self.byte..b].chars().count();
        self.byte = b;
        self.chars
    }
}
