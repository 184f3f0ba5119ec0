//! demarche: a terminal game engine for cyber-diplomacy tabletop exercises.

pub mod scenario;
pub mod engine;
pub mod bots;
pub mod session;
pub mod simulate;
pub mod cli;
pub mod shipped;
