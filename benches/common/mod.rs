//! What the load benchmarks share: reading the codes `demarche host`
//! prints. A folder module, so that Cargo does not take it for a bench.

use std::io::{BufRead, BufReader};
use std::process::ChildStdout;

/// Read what `demarche host` prints on `out` until it says where it
/// listens: per room (each begun by a `Room ` line), in order, the codes
/// of its indented lines whose role name starts with none of `skip`.
/// The rest of its output is read on a thread, as a terminal would.
pub fn room_codes(out: ChildStdout, skip: &[&str]) -> Vec<Vec<String>> {
    let mut lines = BufReader::new(out).lines();
    let mut codes: Vec<Vec<String>> = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap_or_default();
        if line.starts_with("Room ") {
            codes.push(Vec::new());
        } else if line.starts_with("Listening") {
            break;
        } else if let Some(rest) = line.strip_prefix("  ") {
            let (name, code) = rest.trim().rsplit_once(' ').unwrap_or(("", ""));
            if !skip.iter().any(|o| name.starts_with(o)) {
                if let Some(r) = codes.last_mut() {
                    r.push(code.to_string());
                }
            }
        }
    }
    std::thread::spawn(move || for _ in lines {});
    codes
}
