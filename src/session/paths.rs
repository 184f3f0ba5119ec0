//! Where demarche keeps its files: the platform's data directory (or
//! `DEMARCHE_DATA_DIR`), with the autosave in it.

use std::path::PathBuf;

/// The data directory, created on demand by writers.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DEMARCHE_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "demarche", "demarche")
        .map_or_else(|| PathBuf::from(".demarche"), |p| p.data_dir().to_path_buf())
}

/// The single autosave of versions before each game had its own file in
/// `saves/`: still offered to continue if it is there.
pub fn autosave() -> PathBuf {
    data_dir().join("autosave.log")
}
