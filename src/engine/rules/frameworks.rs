//! Each kind of actor answers to its own framework: states to the eleven
//! UN GGE norms; companies to the Cybersecurity Tech Accord; CERTs to UN
//! norm (k) and their mandate; international organisations and civil
//! society to their mandate. A scenario may add commitments as data (see
//! `scenario::record::Commitment`).
//!
//! Every move is recorded with the UN norms it upholds or breaches; a
//! commitment "covers" some of those letters, so the same record is read
//! through each actor's own framework (the crosswalk is in docs/rules.md).

use crate::scenario::schema::{ActorKind, Norm};

/// One built-in commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// Short reference shown in brackets: "a", "TA-1", "M2".
    pub code: &'static str,
    pub name: &'static str,
    /// UN norms it covers, as a bit set (a = bit 0).
    pub covers: u16,
}

/// A framework: its name with its source, and its commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Framework {
    pub name: &'static str,
    pub commitments: &'static [Builtin],
}

const fn bits(norms: &[Norm]) -> u16 {
    let mut m = 0u16;
    let mut i = 0;
    while i < norms.len() {
        m |= 1 << (norms[i] as u16);
        i += 1;
    }
    m
}

use Norm::*;

const fn un(code: &'static str, name: &'static str, n: Norm) -> Builtin {
    Builtin {
        code,
        name,
        covers: 1 << (n as u16),
    }
}

/// UN GGE 2015 report (A/70/174), para 13: norms a to k.
pub const UN_GGE: Framework = Framework {
    name: "UN GGE norms of responsible state behaviour (A/70/174, para 13, 2015)",
    commitments: &[
        un("a", "cooperate to increase stability and security", Cooperate),
        un(
            "b",
            "consider all relevant information before attributing",
            ConsiderAllInformation,
        ),
        un(
            "c",
            "do not knowingly allow your territory to be misused",
            PreventMisuseOfTerritory,
        ),
        un(
            "d",
            "exchange information and assist against ICT crime",
            ExchangeInformation,
        ),
        un("e", "respect human rights and privacy online", HumanRights),
        un(
            "f",
            "do not damage critical infrastructure",
            NoDamageToCriticalInfrastructure,
        ),
        un(
            "g",
            "protect your own critical infrastructure",
            ProtectCriticalInfrastructure,
        ),
        un("h", "answer requests for assistance", RespondToRequestsForAssistance),
        un(
            "i",
            "keep the supply chain safe; stop proliferation",
            SupplyChainIntegrity,
        ),
        un("j", "report vulnerabilities responsibly", ReportVulnerabilities),
        un("k", "do not harm or misuse emergency response teams", NoHarmToCerts),
    ],
};

/// Cybersecurity Tech Accord (April 2018): its four commitments.
pub const TECH_ACCORD: Framework = Framework {
    name: "Cybersecurity Tech Accord (2018)",
    commitments: &[
        Builtin {
            code: "TA-1",
            name: "stronger defence: protect all users and customers everywhere",
            covers: bits(&[
                HumanRights,
                ProtectCriticalInfrastructure,
                SupplyChainIntegrity,
                ReportVulnerabilities,
            ]),
        },
        Builtin {
            code: "TA-2",
            name: "no offence: never help attack innocent citizens and enterprises",
            covers: bits(&[
                PreventMisuseOfTerritory,
                NoDamageToCriticalInfrastructure,
                NoHarmToCerts,
            ]),
        },
        Builtin {
            code: "TA-3",
            name: "capacity building: help others protect themselves",
            covers: bits(&[RespondToRequestsForAssistance]),
        },
        Builtin {
            code: "TA-4",
            name: "collective action: share threat information, coordinate, report soundly",
            covers: bits(&[Cooperate, ConsiderAllInformation, ExchangeInformation]),
        },
    ],
};

/// A CERT: UN norm (k) read as its own duty, and its mandate (as FIRST's
/// members and the EU CSIRTs Network practise it).
pub const CERT_MANDATE: Framework = Framework {
    name: "UN GGE norm (k) and the CERT's mandate",
    commitments: &[
        Builtin {
            code: "k",
            name: "stay an emergency response team: never be used for harm",
            covers: bits(&[NoHarmToCerts, NoDamageToCriticalInfrastructure]),
        },
        Builtin {
            code: "M1",
            name: "mandate: respond to incidents and protect the constituency",
            covers: bits(&[
                ProtectCriticalInfrastructure,
                RespondToRequestsForAssistance,
                SupplyChainIntegrity,
                ReportVulnerabilities,
                HumanRights,
            ]),
        },
        Builtin {
            code: "M2",
            name: "mandate: analyse soundly and share with peers",
            covers: bits(&[Cooperate, ConsiderAllInformation, ExchangeInformation]),
        },
    ],
};

/// An international organisation: the mandate its members gave it, not
/// norms written for states.
pub const ORG_MANDATE: Framework = Framework {
    name: "the organisation's mandate",
    commitments: &[
        Builtin {
            code: "M1",
            name: "mandate: convene members and build confidence between them",
            covers: bits(&[Cooperate, ExchangeInformation]),
        },
        Builtin {
            code: "M2",
            name: "mandate: support members in protecting and restoring services",
            covers: bits(&[
                ProtectCriticalInfrastructure,
                RespondToRequestsForAssistance,
                SupplyChainIntegrity,
                ReportVulnerabilities,
            ]),
        },
        Builtin {
            code: "M3",
            name: "mandate: stay impartial, evidence-based and lawful",
            covers: bits(&[
                ConsiderAllInformation,
                PreventMisuseOfTerritory,
                HumanRights,
                NoDamageToCriticalInfrastructure,
                NoHarmToCerts,
            ]),
        },
    ],
};

/// Civil society and the technical community: their mission.
pub const CIVIL_MISSION: Framework = Framework {
    name: "the mission of civil society and the technical community",
    commitments: &[
        Builtin {
            code: "CS1",
            name: "keep the internet available and secure for everyone",
            covers: bits(&[
                NoDamageToCriticalInfrastructure,
                ProtectCriticalInfrastructure,
                SupplyChainIntegrity,
                ReportVulnerabilities,
                NoHarmToCerts,
            ]),
        },
        Builtin {
            code: "CS2",
            name: "defend human rights and privacy online",
            covers: bits(&[HumanRights]),
        },
        Builtin {
            code: "CS3",
            name: "work with every stakeholder; share what helps defenders",
            covers: bits(&[
                Cooperate,
                ConsiderAllInformation,
                ExchangeInformation,
                RespondToRequestsForAssistance,
                PreventMisuseOfTerritory,
            ]),
        },
    ],
};

/// The framework an actor of this kind answers to.
pub fn for_kind(kind: ActorKind) -> &'static Framework {
    match kind {
        ActorKind::State => &UN_GGE,
        ActorKind::Company => &TECH_ACCORD,
        ActorKind::Cert => &CERT_MANDATE,
        ActorKind::IntlOrg => &ORG_MANDATE,
        ActorKind::CivilSociety => &CIVIL_MISSION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_answers_for_every_norm_but_the_state_norms_stay_with_states() {
        for k in ActorKind::ALL {
            let f = for_kind(k);
            let all = f.commitments.iter().fold(0u16, |m, c| m | c.covers);
            // Each framework reads every letter a move may carry, so no act
            // goes unrecorded, save norm c for no one but states and others.
            assert_eq!(all | bits(&[PreventMisuseOfTerritory]), (1 << 11) - 1, "{k:?}");
        }
        assert_eq!(UN_GGE.commitments.len(), 11);
        assert_eq!(TECH_ACCORD.commitments.len(), 4);
    }
}
