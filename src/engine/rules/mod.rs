//! The rules, one concern a file.

pub mod attribution;
pub mod cbm;
pub mod consultations;
pub mod escalation;
pub mod evidence;
pub mod frameworks;
pub mod joint;
pub mod law;
pub mod misperception;
pub mod norms;
pub mod press;
pub mod requests;
pub mod statements;
pub mod tracks;
