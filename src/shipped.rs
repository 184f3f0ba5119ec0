//! Scenarios shipped inside the binary, so demarche works from any directory.
//! The tutorial comes first.

pub struct Shipped {
    pub name: &'static str,
    pub source: &'static str,
}

pub const ALL: &[Shipped] = &[
    Shipped {
        name: "tutorial",
        source: include_str!("../scenarios/tutorial.ron"),
    },
    Shipped {
        name: "hospital-ransomware",
        source: include_str!("../scenarios/hospital-ransomware.ron"),
    },
    Shipped {
        name: "baltic-cable",
        source: include_str!("../scenarios/baltic-cable.ron"),
    },
];

/// A shipped scenario by name (with or without `.ron`).
pub fn find(name: &str) -> Option<&'static Shipped> {
    let name = name.strip_suffix(".ron").unwrap_or(name);
    ALL.iter().find(|s| s.name == name)
}
