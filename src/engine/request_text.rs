//! Every word a question through a channel puts in front of a player, in
//! one place: refusals, the words bots answer with, how questions and
//! answers read in the feed, the inbox and the debrief.

use crate::scenario::schema::CbmKind;

use super::request::{Answered, Excuse, MAX_EXPLANATION};

// Refusals.
pub const NO_SUCH_REQUEST: &str = "there is no such question for you to answer";
pub const ANSWERED: &str = "this question was already answered";
pub const NO_PREPARED: &str =
    "the scenario prepared no answer for you to this question: share an item, explain in your own words, or decline";

pub fn too_long(chars: usize) -> String {
    format!("an explanation may hold at most {MAX_EXPLANATION} characters; this one has {chars}")
}

/// A reply in the command record: "answered question 2 with Change log".
pub fn reply_words(request: usize, reply: &super::request::Reply, title: impl Fn(&str) -> String) -> String {
    use super::request::Reply;
    let n = request + 1;
    match reply {
        Reply::Evidence { evidence } => format!("answered question {n} with {}", title(evidence)),
        Reply::Prepared => format!("answered question {n} with the prepared answer"),
        Reply::Explain { .. } => format!("answered question {n} with an explanation"),
        Reply::Decline => format!("declined to answer question {n}"),
    }
}

/// A bot's explanation without evidence.
pub fn excuse(x: Excuse) -> &'static str {
    match x {
        Excuse::Deny => "We had no part in this incident, and we reject any suggestion that we had.",
        Excuse::LookingIntoIt => "We are looking into it and will share what we can as soon as we can.",
        Excuse::NothingToAdd => "We have nothing to add at this time.",
    }
}

/// "through the hotline", "through the point of contact", "directly".
pub fn through(channel: Option<CbmKind>) -> String {
    match channel {
        Some(k) => format!("through the {}", k.label()),
        None => "directly".into(),
    }
}

/// Headline of a question: "Northland asks Eastmark through the point of
/// contact: Ask what it knows".
pub fn asked(by: &str, to: &str, channel: Option<CbmKind>, question: &str) -> String {
    format!("{by} asks {to} {}: {question}", through(channel))
}

/// Body of a question: the deadline.
pub fn asked_body(to: &str, due: u32) -> String {
    format!("{to} has until the end of turn {due} to answer: with evidence, an explanation, or a refusal.")
}

/// Headline of an answer (`by` answers `to`'s question), and what the
/// asker learns from it apart from an item's text.
pub fn replied(by: &str, to: &str, channel: Option<CbmKind>, answer: Answered, title: Option<&str>) -> String {
    let via = through(channel);
    let title = title.unwrap_or_default();
    match answer {
        Answered::Evidence { .. } => format!("{by} answers {to}'s question {via} with evidence: \"{title}\""),
        Answered::Prepared { .. } => format!("{by} answers {to}'s question {via}: \"{title}\""),
        Answered::Explained => format!("{by} answers {to}'s question {via} with an explanation"),
        Answered::Declined => format!("{by} declined to answer {to}'s question {via}"),
        Answered::Standing { .. } => {
            format!("{by} did not answer {to}'s question {via} in time; its standing line: \"{title}\"")
        }
        Answered::NoReply => format!("{by} did not answer {to}'s question {via}: no reply"),
    }
}

/// What a refusal or silence does, for the body of its event.
pub const SILENCE_BODY: &str =
    "Silence on an open channel is read as having something to hide: trust falls and alarm rises.";

/// Where a question stands, in words, for the asker or the asked side.
pub fn status(by: &str, to: &str, due: u32, answer: Option<(Answered, u32)>, mine_to_answer: bool) -> String {
    match answer {
        None if mine_to_answer => format!("{by} waits for your answer until the end of turn {due}"),
        None => format!("waiting for {to}'s answer until the end of turn {due}"),
        Some((Answered::Evidence { .. }, t)) => format!("answered with evidence on turn {t}"),
        Some((Answered::Prepared { .. } | Answered::Explained, t)) => format!("answered on turn {t}"),
        Some((Answered::Declined, t)) => format!("declined on turn {t}"),
        Some((Answered::Standing { .. }, t)) => format!("unanswered; the standing line went on turn {t}"),
        Some((Answered::NoReply, t)) => format!("no reply by the end of turn {t}"),
    }
}

// The terminal: the notice on the play screen and the answer dialog.
pub const DIALOG_TITLE: &str = " Answer through the channel ";
pub const CHOICE_EXPLAIN: &str = "Explain in your own words…";
pub const CHOICE_DECLINE: &str = "Decline to answer (costs trust; they grow more alarmed)";
pub const NO_QUESTION: &str = "No question waits for your answer";
pub const NOT_WAITING: &str = "This question is no longer waiting for your answer";

/// The play screen's notice: "● Eastmark asks you through the point of
/// contact · r: answer (due turn 2)".
pub fn notice(by: &str, channel: Option<CbmKind>, more: usize, due: u32) -> String {
    let more = if more == 0 {
        String::new()
    } else {
        format!(" (+{more} more)")
    };
    format!(
        " ● {by} asks you {}{more} · r: answer (due turn {due})",
        through(channel)
    )
}

/// A question waiting for an answer, in the inbox's list of what waits.
pub fn inbox_line(by: &str, channel: Option<CbmKind>, due: u32) -> String {
    format!(
        "  {by}: a question {} (r on the play screen; due turn {due})",
        through(channel)
    )
}

pub fn asks_you(by: &str, channel: Option<CbmKind>, turn: u32) -> String {
    format!("{by} asks you {} on turn {turn}:", through(channel))
}

pub fn deadline(due: u32) -> String {
    format!("Answer by the end of turn {due}: silence is an answer too.")
}

pub fn choice_prepared(title: &str) -> String {
    format!("Give your prepared answer: \"{title}\"")
}

pub fn choice_pass(title: &str, allowed: bool) -> String {
    if allowed {
        format!("Pass \"{title}\"")
    } else {
        format!("Pass \"{title}\" (its TLP forbids)")
    }
}

pub fn prepared_reads(text: &str) -> String {
    format!("  It reads: {text}")
}

pub fn explanation_count(chars: usize) -> String {
    format!("Your explanation ({chars}/{MAX_EXPLANATION} characters)")
}

pub fn sent_explanation(to: &str) -> String {
    format!("Explanation sent to {to}")
}

pub fn sent_prepared(to: &str, title: &str) -> String {
    format!("Answered {to}: \"{title}\"")
}

pub fn sent_item(title: &str, to: &str) -> String {
    format!("Passed \"{title}\" to {to}")
}

pub fn cannot_pass(title: &str, why: &str) -> String {
    format!("Cannot pass \"{title}\": {why}")
}

pub fn sent_decline(to: &str) -> String {
    format!("Declined to answer {to}")
}

/// The end-turn dialog's warning for a question due this turn: "Westmark's
/// question is due this turn: unanswered, it goes as no reply or your
/// standing line (r: answer)."
pub fn unanswered_at_end_turn(by: &str) -> String {
    format!("{by}'s question is due this turn: unanswered, it goes as no reply or your standing line (r: answer).")
}
