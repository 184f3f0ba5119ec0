//! The fixed vocabulary of the scenario language: kinds of actor and
//! evidence, TLP markings, the UN norms, confidence-building measures and
//! confidence levels.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    State,
    Company,
    Cert,
    IntlOrg,
    CivilSociety,
}

impl ActorKind {
    pub const ALL: [ActorKind; 5] = [
        ActorKind::State,
        ActorKind::Company,
        ActorKind::Cert,
        ActorKind::IntlOrg,
        ActorKind::CivilSociety,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::State => "State",
            ActorKind::Company => "Company",
            ActorKind::Cert => "CERT",
            ActorKind::IntlOrg => "International organisation",
            ActorKind::CivilSociety => "Civil society",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    Malware,
    Infrastructure,
    Tradecraft,
    Intelligence,
    Political,
}

impl EvidenceKind {
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Malware => "technical: malware",
            EvidenceKind::Infrastructure => "technical: infrastructure",
            EvidenceKind::Tradecraft => "technical: tradecraft",
            EvidenceKind::Intelligence => "intelligence",
            EvidenceKind::Political => "political context",
        }
    }
}

/// Traffic Light Protocol 2.0 markings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    pub fn label(self) -> &'static str {
        match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        }
    }
}

/// The eleven UN GGE norms of responsible state behaviour (A/70/174, para 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Norm {
    #[serde(alias = "A")]
    Cooperate,
    #[serde(alias = "B")]
    ConsiderAllInformation,
    #[serde(alias = "C")]
    PreventMisuseOfTerritory,
    #[serde(alias = "D")]
    ExchangeInformation,
    #[serde(alias = "E")]
    HumanRights,
    #[serde(alias = "F")]
    NoDamageToCriticalInfrastructure,
    #[serde(alias = "G")]
    ProtectCriticalInfrastructure,
    #[serde(alias = "H")]
    RespondToRequestsForAssistance,
    #[serde(alias = "I")]
    SupplyChainIntegrity,
    #[serde(alias = "J")]
    ReportVulnerabilities,
    #[serde(alias = "K")]
    NoHarmToCerts,
}

impl Norm {
    pub const ALL: [Norm; 11] = [
        Norm::Cooperate,
        Norm::ConsiderAllInformation,
        Norm::PreventMisuseOfTerritory,
        Norm::ExchangeInformation,
        Norm::HumanRights,
        Norm::NoDamageToCriticalInfrastructure,
        Norm::ProtectCriticalInfrastructure,
        Norm::RespondToRequestsForAssistance,
        Norm::SupplyChainIntegrity,
        Norm::ReportVulnerabilities,
        Norm::NoHarmToCerts,
    ];
    pub fn letter(self) -> char {
        (b'a' + self as u8) as char
    }
    pub fn summary(self) -> &'static str {
        match self {
            Norm::Cooperate => "cooperate to increase stability and security",
            Norm::ConsiderAllInformation => "consider all relevant information before attributing",
            Norm::PreventMisuseOfTerritory => "do not knowingly allow your territory to be misused",
            Norm::ExchangeInformation => "exchange information and assist against ICT crime",
            Norm::HumanRights => "respect human rights and privacy online",
            Norm::NoDamageToCriticalInfrastructure => "do not damage critical infrastructure",
            Norm::ProtectCriticalInfrastructure => "protect your own critical infrastructure",
            Norm::RespondToRequestsForAssistance => "answer requests for assistance",
            Norm::SupplyChainIntegrity => "keep the supply chain safe; stop proliferation",
            Norm::ReportVulnerabilities => "report vulnerabilities responsibly",
            Norm::NoHarmToCerts => "do not harm or misuse emergency response teams",
        }
    }
}

/// Confidence-building measures (after the OSCE cyber CBMs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CbmKind {
    /// A leaders' or capitals' direct line, agreed bilaterally (not the
    /// OSCE network): misreadings far rarer.
    Hotline,
    /// Named contacts for crises (OSCE CBM 8): misreadings rarer.
    PointOfContact,
    /// Notification of significant incidents between capitals, as over
    /// the OSCE Communications Network (CBM 10, PC Decision 1106, 2013).
    Notification,
    /// Standing exchange of indicators: each side's shareable evidence flows
    /// to the other every turn, and TLP:AMBER may be passed.
    InformationExchange,
    /// Consultations to reduce the risk of misperception (OSCE CBM 3):
    /// held once both offer; they may ease the pair or fail.
    Consultations,
}

impl CbmKind {
    /// The measures in a bit set (bit `k` is `ALL[k]`), in their order.
    pub fn in_set(bits: u8) -> Vec<CbmKind> {
        CbmKind::ALL
            .into_iter()
            .filter(|k| bits & (1 << (*k as u8)) != 0)
            .collect()
    }
    pub const ALL: [CbmKind; 5] = [
        CbmKind::Hotline,
        CbmKind::PointOfContact,
        CbmKind::Notification,
        CbmKind::InformationExchange,
        CbmKind::Consultations,
    ];
    pub fn label(self) -> &'static str {
        match self {
            CbmKind::Hotline => "hotline",
            CbmKind::PointOfContact => "point of contact",
            CbmKind::Notification => "notification arrangement",
            CbmKind::InformationExchange => "information exchange",
            CbmKind::Consultations => "consultations",
        }
    }
    /// The label with its article: "a hotline", "an information exchange",
    /// "consultations".
    pub fn with_article(self) -> String {
        match self {
            CbmKind::Consultations => self.label().to_string(),
            CbmKind::InformationExchange => format!("an {}", self.label()),
            _ => format!("a {}", self.label()),
        }
    }

    /// Whether an accepted measure stays open for the rest of the game.
    pub fn is_lasting(self) -> bool {
        !matches!(self, CbmKind::Consultations)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low confidence",
            Confidence::Moderate => "moderate confidence",
            Confidence::High => "high confidence",
        }
    }
}

/// The layer a public attribution speaks at. Attribution has layers
/// (domain notes, "Attribution"): technical (which machines, which malware),
/// actor (which group) and political (which state is responsible). Vendors
/// name groups from technical evidence; governments hold states responsible
/// ("Attribution as practised"). A claim is judged at its layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Layer {
    /// "The operation used tooling or infrastructure tracked as X."
    Technique,
    /// "Group X did it."
    #[default]
    Group,
    /// "The state behind X is responsible": only governments say this.
    State,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Technique, Layer::Group, Layer::State];

    /// The claim in words, for a suspect named `who`.
    pub fn claim(self, who: &str) -> String {
        match self {
            Layer::Technique => format!("the tooling and infrastructure of {who}"),
            Layer::Group => who.to_string(),
            Layer::State => format!("the state behind {who}"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layer::Technique => "technique",
            Layer::Group => "group",
            Layer::State => "state",
        }
    }
}

/// The legal character of a response, as international law sees it
/// (domain notes, "Responses, from mild to severe"; ILC Articles on State
/// Responsibility, 2001, Arts. 49–53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LegalCharacter {
    /// Not a response to a wrong at all: cooperation, investigation, talk.
    Lawful,
    /// Unfriendly but lawful (expulsions, most sanctions, suspending
    /// cooperation): needs no prior wrong.
    Retorsion,
    /// Otherwise unlawful, allowed only against the state responsible for
    /// a wrongful act, after a call to stop, proportionate and reversible.
    Countermeasure,
    /// Unlawful whatever the provocation: force (UN Charter Art. 2(4)),
    /// which countermeasures may never involve (ILC Art. 50).
    Unlawful,
}

impl LegalCharacter {
    pub fn label(self) -> &'static str {
        match self {
            LegalCharacter::Lawful => "lawful",
            LegalCharacter::Retorsion => "retorsion",
            LegalCharacter::Countermeasure => "countermeasure",
            LegalCharacter::Unlawful => "unlawful",
        }
    }
}
