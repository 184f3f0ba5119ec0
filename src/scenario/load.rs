//! Reading a scenario: size and encoding checks, RON parsing with positions,
//! then name resolution and validation. Never panics on any input.

use ron::extensions::Extensions;

use super::compile::Compiler;
use super::compiled::Scenario;
use super::diagnostic::Diagnostic;
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
            let (message, expected) = explain(&e.code, &text[offset..]);
            return failed(text.to_string(), Diagnostic::error(message, expected).at(Some(span)));
        }
    };
    let mut diagnostics = validate::check_file(&file, text);
    let structural_errors = diagnostics.iter().any(Diagnostic::is_error);
    // Compiling relates every actor to every other: with too many actors
    // (already an error) it would cost the square of their number.
    let (scenario, more) = if file.actors.len() > validate::MAX_ACTORS {
        (None, Vec::new())
    } else {
        Compiler::new(&file, text).compile(name)
    };
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

/// A message in plain words and what was expected, from a RON error.
/// `at` is the text from where the error points.
fn explain(code: &ron::Error, at: &str) -> (String, String) {
    use ron::Error as E;
    let names = |v: &[&str]| v.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    let (message, expected) = match code {
        E::Eof => (
            "the file ends too soon".to_string(),
            "the rest of the file: it ends in the middle of a value (a missing `)` or `]`?)".to_string(),
        ),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => (
            code.to_string(),
            "a closing bracket, or a `,` before the next item".to_string(),
        ),
        E::ExpectedComma => (code.to_string(), "a `,` between items".to_string()),
        E::ExpectedString | E::ExpectedStringEnd => (code.to_string(), "a string in double quotes".to_string()),
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidValueForType { .. }
            if at.trim_start().starts_with('-') =>
        {
            (
                "a negative number is not allowed here".to_string(),
                "a whole number from 0 up".to_string(),
            )
        }
        E::ExpectedInteger => (
            "expected a whole number here".to_string(),
            "a whole number such as 3, without quotes or a decimal point".to_string(),
        ),
        E::IntegerOutOfBounds => (
            "this number is too large for this field".to_string(),
            "a smaller number (see the scenario format for each field's range)".to_string(),
        ),
        E::NoSuchStructField { expected, found, outer } => {
            let within = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            (
                format!("there is no field `{found}`{within}{}", did_you_mean(found, expected)),
                format!("one of the fields {}", names(expected)),
            )
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            let within = outer.as_deref().map(|o| format!(" for `{o}`")).unwrap_or_default();
            (
                format!(
                    "`{found}` is not a known value{within}{}",
                    did_you_mean(found, expected)
                ),
                format!("one of {}", names(expected)),
            )
        }
        E::MissingStructField { field, outer } => {
            let within = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            (
                format!("the field `{field}` is missing{within}"),
                format!("the field `{field}`"),
            )
        }
        E::DuplicateStructField { field, outer } => {
            let within = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            (
                format!("the field `{field}` is given twice{within}"),
                "each field once".to_string(),
            )
        }
        E::InvalidValueForType { expected, found } => {
            (format!("found {found} where {expected} was expected"), expected.clone())
        }
        E::ExceededRecursionLimit => (
            "values are nested too deeply".to_string(),
            "fewer levels of nesting: conditions or lists inside one another, a few levels deep".to_string(),
        ),
        E::TrailingCharacters => (
            "there is more text after the end of the scenario".to_string(),
            "nothing after the scenario's closing `)`".to_string(),
        ),
        _ => (code.to_string(), String::new()),
    };
    (sentence(&message), expected)
}

/// ` (did you mean `X`?)` when a known name is a small edit away from the
/// misspelt one; empty otherwise. A typo of a quarter of the letters (at
/// least one) is forgiven; case is ignored.
pub fn did_you_mean(found: &str, known: &[&str]) -> String {
    let found_lower = found.to_lowercase();
    let limit = (found.chars().count() / 4).max(1);
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&found_lower, &k.to_lowercase()), *k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// [`did_you_mean`] over a set of ids, sorted so the suggestion is stable; nothing
/// when `wanted` is false (the caller's budget for suggestions is spent).
pub fn did_you_mean_among<'a>(wanted: bool, found: &str, ids: impl Iterator<Item = &'a String>) -> String {
    if !wanted {
        return String::new();
    }
    let mut known: Vec<&str> = ids.map(String::as_str).collect();
    known.sort_unstable();
    did_you_mean(found, &known)
}

/// A message starting with a capital letter, as RON's own do.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
