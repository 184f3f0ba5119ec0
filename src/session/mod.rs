//! The IO around a game: scenario files, game logs on disk.

pub mod log_file;
pub mod scenario_file;
