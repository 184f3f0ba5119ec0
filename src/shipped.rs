//! Scenarios shipped inside the binary, so demarche works from any directory.

pub struct Shipped {
    pub name: &'static str,
    pub source: &'static str,
}

pub const ALL: &[Shipped] = &[];

/// A shipped scenario by name (with or without `.ron`).
pub fn find(name: &str) -> Option<&'static Shipped> {
    let name = name.strip_suffix(".ron").unwrap_or(name);
    ALL.iter().find(|s| s.name == name)
}
