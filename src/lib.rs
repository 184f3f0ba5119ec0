//! demarche: a terminal game engine for cyber-diplomacy tabletop exercises.

pub mod bots;
pub mod cli;
pub mod engine;
pub mod net;
pub mod scenario;
pub mod session;
pub mod shipped;
pub mod simulate;
pub mod text;
pub mod tui;
