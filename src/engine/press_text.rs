//! Every word press puts in front of a player, in one place: refusals,
//! the reasons bots give, how messages and deals read in the feed, the
//! inbox and the debrief. Screens and reports take their press text from
//! here, so it can be reviewed and translated together.

use crate::scenario::schema::{CbmKind, Confidence, PressMode};

use super::press::MAX_TEXT;

// Refusals.
pub const EMPTY: &str = "write something first: the message is empty";
pub const PRESS_OFF: &str = "press is off in this game: moves alone speak";
pub const PUBLIC_ONLY: &str = "this game allows public statements only: send it to everyone";
pub const TO_SELF: &str = "you cannot write to yourself";
pub const NO_SUCH_PROPOSAL: &str = "there is no such proposal for you to answer";
pub const ANSWERED: &str = "this proposal was already answered";
pub const RESTRAINT_TURNS: &str = "mutual restraint lasts 1 to 10 turns";
pub const NO_FACILITATOR_ACTOR: &str = "name the actor the white cell writes as";

pub fn too_long(chars: usize) -> String {
    format!("a message may hold at most {MAX_TEXT} characters; this one has {chars}")
}

pub fn line_closed(to: &str, until: CbmKind) -> String {
    format!(
        "no direct line to {to} yet: the scenario keeps it closed until {} is agreed",
        until.with_article()
    )
}

pub fn no_cbm_action(kind: CbmKind, to: &str) -> String {
    format!(
        "this scenario has no action you may take now to offer {} to {to}",
        kind.with_article()
    )
}

pub fn already_in_restraint(with: &str) -> String {
    format!("you are already in mutual restraint with {with}")
}

// Generated words.

/// Why a bot (or anyone who names a reason) accepts or declines.
pub fn reason(r: super::press::Reason) -> String {
    use super::press::Reason as R;
    match r {
        R::Unsupported(c) => format!(
            "We do not hold evidence that supports {} confidence.",
            confidence_word(c)
        ),
        R::Supported => "Our own evidence supports this statement; we will sign.".into(),
        R::Agreed(turns) => format!(
            "Agreed: neither of us climbs the ladder for {turns} turn{}.",
            plural(turns)
        ),
        R::Suspect => "Our evidence points at you. We cannot agree to this now.".into(),
        R::NoTrust => "We do not trust you enough for this yet.".into(),
        R::FreeHand => "We will not tie our hands while this crisis lasts.".into(),
        R::WillHelp => "We will help: our CERT will pass you what we can share.".into(),
        R::CannotHelp => "We cannot spare the people to help you now.".into(),
        R::Welcome => "We welcome this and accept.".into(),
    }
}

fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Moderate => "moderate",
        Confidence::High => "high",
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A deal's terms in words, from the proposer's side.
pub fn terms(t: &super::press::DealTerms) -> String {
    match t {
        super::press::DealTerms::Restraint { turns } => {
            format!(
                "mutual restraint for {turns} turn{}: neither side climbs the ladder",
                plural(*turns)
            )
        }
        super::press::DealTerms::Assistance => "a request for assistance (UN norm h)".into(),
    }
}

pub fn offered(by: &str, to: &str, terms_text: &str) -> String {
    format!("{by} proposes to {to}: {terms_text}")
}

pub fn answered(by: &str, accepted: bool, terms_text: &str) -> String {
    let verb = if accepted { "accepts" } else { "declines" };
    format!("{by} {verb} {terms_text}")
}

pub fn said(from: &str, to: &[&str]) -> String {
    if to.is_empty() {
        format!("{from}, publicly")
    } else {
        format!("{from} → {}", to.join(", "))
    }
}

pub fn broken(by: &str, with: &str) -> String {
    format!("{by} breaks its promise of restraint towards {with}")
}

pub const BROKEN_TEXT: &str =
    "It climbed the ladder against a partner it had promised restraint: every government takes note.";

pub fn kept(a: &str, b: &str) -> String {
    format!("{a} and {b} kept their mutual restraint to the end")
}

pub fn assisted(by: &str, to: &str, items: usize) -> String {
    format!(
        "{by} assists {to}: {items} item{} of evidence passed on",
        if items == 1 { "" } else { "s" }
    )
}

pub fn cbm_declined(by: &str, kind: CbmKind, from: &str) -> String {
    format!("{by} declines {} with {from}", kind.with_article())
}

pub fn press_set(mode: PressMode) -> String {
    format!("The white cell sets press to: {}", mode_label(mode))
}

pub fn mode_label(mode: PressMode) -> &'static str {
    match mode {
        PressMode::Full => "full press (private and public messages)",
        PressMode::PublicOnly => "public statements only",
        PressMode::Off => "no press (moves alone speak)",
    }
}

pub const EVERYONE: &str = "everyone";
pub const PROMISE_MADE: &str = "promise made";
pub const PROMISE_BROKEN: &str = "promise broken";
pub const PROMISE_KEPT: &str = "promise kept";

/// The line over an inbox whose earliest messages are no longer in the view.
pub fn earlier(n: usize) -> String {
    let what = if n == 1 { "message is" } else { "messages are" };
    format!("{n} earlier {what} in the feed, and in the debrief after the game")
}
