//! The functional core stays pure: no terminal, no async runtime, no files.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn engine_and_scenario_do_no_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for core in ["engine", "scenario"] {
        sources(&root.join(core), &mut files);
    }
    assert!(files.len() > 10);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for banned in [
            "ratatui",
            "crossterm",
            "tokio",
            "std::fs",
            "thread_rng",
            "SystemTime",
            "Instant",
        ] {
            assert!(!text.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}

#[test]
fn source_files_stay_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    for f in files {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 450, "{} has {lines} lines", f.display());
    }
}
