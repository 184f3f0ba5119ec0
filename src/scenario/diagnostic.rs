//! Diagnostics: what is wrong in a scenario file, where, and what was expected.

use std::fmt::Write as _;
use std::ops::Range;

use ariadne::{Config, Label, Report, ReportKind, Source};

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

/// Render diagnostics with file:line:column, a source snippet and what was
/// expected. `color` is false for NO_COLOR and when not writing to a terminal.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
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
            let _ = writeln!(out, "{word}: {file}{at}: {}", d.message);
            if !d.expected.is_empty() {
                let _ = writeln!(out, "  expected: {}", d.expected);
            }
            continue;
        };
        // ariadne counts characters, not bytes.
        let start = char_index(source, span.start);
        let end = char_index(source, span.end).max(start + 1);
        let id = file.to_string();
        let mut buf = Vec::new();
        let report = Report::build(kind, id.as_str(), start)
            .with_config(Config::default().with_color(color))
            .with_message(&d.message)
            .with_label(
                Label::new((id.as_str(), start..end)).with_message(if d.expected.is_empty() {
                    d.message.clone()
                } else {
                    format!("expected {}", d.expected)
                }),
            )
            .finish();
        if report.write((id.as_str(), Source::from(source)), &mut buf).is_ok() {
            out.push_str(&String::from_utf8_lossy(&buf));
        } else {
            let (line, col) = line_col(source, span.start);
            let _ = writeln!(out, "{file}:{line}:{col}: {}", d.message);
        }
    }
    out
}

fn char_index(source: &str, byte: usize) -> usize {
    let byte = byte.min(source.len());
    let mut b = byte;
    while b > 0 && !source.is_char_boundary(b) {
        b -= 1;
    }
    source[..b].chars().count()
}
