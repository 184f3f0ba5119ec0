//! The IO around a game: scenario files, game logs and saved games on disk.

pub mod catalog;
pub mod handout;
pub mod log_append;
pub mod log_file;
pub mod paths;
pub mod private_file;
pub mod report;
pub mod room_record;
pub mod save;
pub mod scenario_file;
pub mod seed;
pub mod turn_time;
