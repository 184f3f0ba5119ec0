//! Tearlines: every TLP:RED or TLP:AMBER+STRICT evidence item gets a
//! sanitised derivative its holder may issue during play. In intelligence
//! practice a "tearline" is the part of a report below a line on the page
//! that can be torn off and passed to a wider audience: the assessment
//! without the sources and methods behind it. It is therefore marked at a
//! wider TLP (TLP:GREEN, for the community) and weighs less than the
//! original, since a recipient cannot check where it came from.

use std::collections::HashMap;

use super::compiled::CEvidence;
use super::schema::{Evidence, ScenarioFile, Tlp};

/// A tearline's reliability, in percent of the original's.
pub const TEARLINE_RELIABILITY: u16 = 60;

/// The marking a tearline carries.
pub const TEARLINE_TLP: Tlp = Tlp::Green;

/// The id of the tearline derived from item `id`. The dot cannot appear in
/// an id a trainer writes, so it never collides with one.
pub fn tearline_id(id: &str) -> String {
    format!("{id}.tearline")
}

/// Append a tearline to `file.evidence` and `evidence` for every item
/// marked TLP:RED or TLP:AMBER+STRICT, and index it by its id.
pub(super) fn derive(file: &mut ScenarioFile, evidence: &mut Vec<CEvidence>, ix: &mut HashMap<String, usize>) {
    let originals = file.evidence.len().min(evidence.len());
    for i in 0..originals {
        let e = &file.evidence[i];
        if e.tlp < Tlp::AmberStrict {
            continue;
        }
        let id = tearline_id(&e.id);
        if ix.contains_key(&id) {
            continue;
        }
        // Neither the original's title nor its text goes below the line:
        // they carry the sources and methods.
        let suspect = file
            .suspects
            .iter()
            .find(|s| s.id == e.points_to)
            .map_or(e.points_to.as_str(), |s| s.name.as_str());
        let kind = format!("{:?}", e.kind).to_lowercase();
        let below = e.tearline.clone().unwrap_or_else(|| {
            if e.exculpatory {
                format!("The assessment points away from {suspect}.")
            } else {
                format!("The assessment points to {suspect}.")
            }
        });
        let derived = Evidence {
            id: id.clone(),
            title: format!("Tearline: {kind} assessment on {suspect}"),
            text: format!(
                "Sanitised summary of a {} {kind} report, releasable as {}: sources and methods removed. {below}",
                e.tlp.label(),
                TEARLINE_TLP.label(),
            ),
            kind: e.kind,
            points_to: e.points_to.clone(),
            genuine: e.genuine,
            reliability: (u16::from(e.reliability) * TEARLINE_RELIABILITY / 100) as u8,
            tlp: TEARLINE_TLP,
            found_by: Vec::new(),
            refutes: e.refutes.clone(),
            available_from: e.available_from,
            exculpatory: e.exculpatory,
            explains: e.explains.clone(),
            tearline: None,
        };
        let c = CEvidence {
            points_to: evidence[i].points_to,
            refutes: evidence[i].refutes.clone(),
            explains: evidence[i].explains.clone(),
            exculpatory: evidence[i].exculpatory,
            tearline_of: Some(i),
            tearline: None,
        };
        let d = file.evidence.len();
        file.evidence.push(derived);
        evidence.push(c);
        evidence[i].tearline = Some(d);
        ix.insert(id, d);
    }
}
