//! Reading a scenario: size and encoding checks, RON parsing with positions,
//! then name resolution and validation. Never panics on any input.

use ron::extensions::Extensions;

use super::compile::Compiler;
use super::compiled::Scenario;
use super::diagnostic::{line_col, Diagnostic};
use super::schema::ScenarioFile;
use super::{reach, validate};

/// Scenario files larger than this are refused.
pub const MAX_SIZE: usize = 4 * 1024 * 1024;

/// The result of loading: the scenario if it has no errors, every
/// diagnostic, and the text they point into.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    pub source: String,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Load from raw bytes (a file's contents). `name` labels the scenario.
pub fn from_bytes(name: &str, bytes: &[u8]) -> Loaded {
    if bytes.len() > MAX_SIZE {
        return failed(
            String::new(),
            Diagnostic::error(
                format!("the file is {} bytes, too large for a scenario", bytes.len()),
                format!("a scenario under {} MiB", MAX_SIZE / (1024 * 1024)),
            ),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => from_str(name, text),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let valid = e.valid_up_to();
            // Offset of the bad byte within the lossy text equals `valid`.
            let span = Some(valid..valid + 1);
            failed(
                lossy,
                Diagnostic::error("the file is not valid UTF-8 text", "a text file saved as UTF-8").at(span),
            )
        }
    }
}

pub(crate) fn failed(source: String, d: Diagnostic) -> Loaded {
    Loaded {
        scenario: None,
        diagnostics: vec![d],
        source,
    }
}

/// Load from text.
pub fn from_str(name: &str, text: &str) -> Loaded {
    // A byte-order mark, as some editors save it, is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let file: ScenarioFile = match options.from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let pos = e.position;
            // RON counts columns in bytes.
            let mut offset = byte_offset(text, pos.line, pos.col).min(text.len());
            // For a misspelt name RON points just past it: point at the name.
            if matches!(
                e.code,
                ron::Error::NoSuchStructField { .. }
                    | ron::Error::NoSuchEnumVariant { .. }
                    | ron::Error::ExpectedStructLikeEnd
            ) {
                let start = text[..offset]
                    .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_')
                    .len();
                if start < offset {
                    offset = start;
                }
            }
            // Point at the last character when the file ends too soon.
            while offset >= text.trim_end().len() && offset > 0 {
                offset -= 1;
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                if offset < text.trim_end().len() {
                    break;
                }
            }
            let end = text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
            let span = offset..end;
            let (message, expected) = explain(&e.code);
            return failed(text.to_string(), Diagnostic::error(message, expected).at(Some(span)));
        }
    };
    let mut diagnostics = validate::check_file(&file, text);
    let structural_errors = diagnostics.iter().any(Diagnostic::is_error);
    let (scenario, more) = Compiler::new(&file, text).compile(name);
    diagnostics.extend(more);
    let scenario = match scenario {
        Some(s) if !structural_errors => {
            diagnostics.extend(reach::check_scenario(&s));
            Some(s)
        }
        _ => None,
    };
    diagnostics.sort_by_key(|d| (d.span.as_ref().map_or(usize::MAX, |s| s.start), d.severity));
    let scenario = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        scenario
    };
    Loaded {
        scenario,
        diagnostics,
        source: text.to_string(),
    }
}

/// Byte offset of a 1-based line and byte column.
fn byte_offset(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let mut o = offset + (col.saturating_sub(1)).min(l.len());
            while !source.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        offset += l.len();
    }
    source.len()
}

/// A message and what was expected, from a RON error.
fn explain(code: &ron::Error) -> (String, String) {
    use ron::Error as E;
    let s = code.to_string();
    let expected = match code {
        E::Eof => "the rest of the file: it ends in the middle of a value (a missing `)` or `]`?)".to_string(),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => {
            "a closing bracket, or a `,` before the next item".to_string()
        }
        E::ExpectedComma => "a `,` between items".to_string(),
        E::ExpectedString | E::ExpectedStringEnd => "a string in double quotes".to_string(),
        E::NoSuchStructField { expected, .. } => {
            format!(
                "one of the fields {}",
                expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            )
        }
        E::NoSuchEnumVariant { expected, .. } => {
            format!(
                "one of {}",
                expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            )
        }
        E::MissingStructField { field, .. } => format!("the field `{field}`"),
        E::DuplicateStructField { .. } => "each field once".to_string(),
        E::InvalidValueForType { expected, .. } => expected.clone(),
        E::ExceededRecursionLimit => "less deeply nested values".to_string(),
        _ => String::new(),
    };
    let _ = line_col;
    (s, expected)
}
