//! The rules, one concern a file.

pub mod attribution;
pub mod cbm;
pub mod escalation;
pub mod evidence;
pub mod frameworks;
pub mod joint;
pub mod norms;
pub mod press;
pub mod statements;
