//! Scenarios: the RON data model trainers write, loading with diagnostics,
//! and validation. Knows nothing of the engine or any IO but reading a file.

pub mod compiled;
pub mod diagnostic;
pub mod evidence_schema;
pub mod expr;
pub mod load;
pub mod press;
pub mod record;
pub mod schema;
pub mod vocab;

mod compile;
mod effect_size;
mod ladders;
mod legal;
mod locate;
mod reach;
pub mod tearline;
mod validate;

pub use compiled::Scenario;
pub use diagnostic::{Diagnostic, Severity};
pub use load::Loaded;
