//! Questions through a channel (OSCE CBM 8, points of contact): a
//! successful move that can uncover an item `answered_by` an actor, aimed at
//! an actor, becomes a question that actor answers by the end of the next
//! turn: with an item it holds (within TLP), with the answer the scenario
//! prepared for it, with an explanation in its own words, or by declining.
//! Evidence reaches the asker with its origin; an explanation eases the
//! asker's alarm; a refusal or silence costs trust and alarms the asker.
//! Without an answer in time the scenario's prepared answer goes as a
//! standing line where there is one, and "no reply" is recorded where not;
//! the end of the game is such a deadline for every question still open.

use crate::engine::command::RuleError;
use crate::engine::event::EventKind;
use crate::engine::request::{Answered, Reply, ReplyPick, Request, ANSWER_TURNS, MAX_EXPLANATION};
use crate::engine::request_text as text;
use crate::engine::state::Origin;
use crate::engine::Game;
use crate::scenario::schema::CbmKind;

/// Trust gained with the asker by passing it evidence.
pub const SHARED_TRUST: i32 = 3;
/// Alarm of the asker toward the asked side removed by evidence.
pub const SHARED_EASE: i32 = 20;
/// Alarm removed by an explanation (prepared or in one's own words).
pub const EXPLAINED_EASE: i32 = 10;
/// Trust lost by a refusal or by silence.
pub const SILENCE_TRUST: i32 = 4;
/// Alarm of the asker toward the asked side added by a refusal or silence.
pub const SILENCE_ALARM: i32 = 10;

impl Game {
    /// Whether `action` asks a question when aimed at an actor: it can
    /// uncover an item some actor gives as its answer.
    pub fn is_question(&self, action: usize) -> bool {
        let s = &self.scenario;
        s.actions[action]
            .uncovers
            .iter()
            .any(|&e| s.evidence[e].answered_by.is_some())
    }

    /// The questions of this game, in the order asked.
    pub fn requests(&self) -> &[Request] {
        &self.state.requests
    }

    /// `by` asks `to` with `action` (it succeeded).
    pub(crate) fn ask(&mut self, by: usize, action: usize, to: usize) {
        let r = self.state.relations[self.scenario.pair(by, to)];
        let channel = [
            CbmKind::Hotline,
            CbmKind::PointOfContact,
            CbmKind::Notification,
            CbmKind::InformationExchange,
        ]
        .into_iter()
        .find(|&k| r.has(k));
        let turn = self.state.turn;
        let due = turn + ANSWER_TURNS;
        self.state.requests.push(Request {
            by,
            to,
            action,
            channel,
            turn,
            due,
            answer: None,
        });
        let request = self.state.requests.len() - 1;
        self.push_to(
            &[by, to],
            EventKind::Asked {
                request,
                by,
                to,
                action,
                channel,
                due,
            },
        );
    }

    /// The answer the scenario prepared for the asked side of question
    /// `n`: the first item of the question's action answered by it,
    /// available now and not yet held by the asker.
    pub fn prepared_answer(&self, n: usize) -> Option<usize> {
        let q = self.state.requests.get(n)?;
        let s = &self.scenario;
        s.actions[q.action].uncovers.iter().copied().find(|&e| {
            s.evidence[e].answered_by == Some(q.to)
                && s.file.evidence[e].available_from <= self.state.turn
                && !self.state.holds(q.by, e)
        })
    }

    /// `actor` answers question `n` (`Command::Reply`). Free, takes no
    /// move, allowed until the end of the turn it is due, committed or not.
    pub(crate) fn reply(&mut self, actor: usize, n: usize, reply: &Reply) -> Result<(), RuleError> {
        let q = match self.state.requests.get(n) {
            Some(q) if q.to == actor => *q,
            _ => return Err(RuleError::Invalid(text::NO_SUCH_REQUEST.into())),
        };
        if q.answer.is_some() {
            return Err(RuleError::Invalid(text::ANSWERED.into()));
        }
        let (answer, words) = match reply {
            Reply::Evidence { evidence } => {
                let e = match self.scenario.evidence_ix.get(evidence.as_str()) {
                    Some(&e) if self.state.holds(actor, e) => e,
                    _ => return Err(RuleError::NotHeld(evidence.clone())),
                };
                // Whether the asker holds it already is not the answerer's
                // to know: the answer stands either way.
                self.may_share(actor, e, q.by).map_err(RuleError::TlpForbids)?;
                (Answered::Evidence { evidence: e }, String::new())
            }
            Reply::Prepared => match self.prepared_answer(n) {
                Some(e) => (Answered::Prepared { evidence: e }, String::new()),
                None => return Err(RuleError::Invalid(text::NO_PREPARED.into())),
            },
            Reply::Explain { text: raw } => {
                let body = crate::engine::press::clean(raw)?;
                let chars = body.chars().count();
                if chars > MAX_EXPLANATION {
                    return Err(RuleError::Invalid(text::too_long(chars)));
                }
                (Answered::Explained, body)
            }
            Reply::Decline => (Answered::Declined, String::new()),
        };
        self.settle_request(n, answer, words);
        Ok(())
    }

    /// `reply` for a bot's choice.
    pub(crate) fn reply_pick(&mut self, actor: usize, n: usize, pick: ReplyPick) -> Result<(), RuleError> {
        let reply = pick.to_reply(&self.scenario);
        self.reply(actor, n, &reply)
    }

    /// Record the answer to question `n` and apply what it does.
    fn settle_request(&mut self, n: usize, answer: Answered, text: String) {
        let q = self.state.requests[n];
        let (asker, asked) = (q.by, q.to);
        self.state.requests[n].answer = Some((answer, self.state.turn));
        self.push_to(
            &[asker, asked],
            EventKind::Replied {
                request: n,
                by: asked,
                to: asker,
                channel: q.channel,
                answer,
                text,
            },
        );
        match answer {
            Answered::Evidence { evidence } => {
                self.give(asker, evidence, Origin::SharedBy(asked));
                self.add_trust(asker, asked, SHARED_TRUST);
                self.add_alarm(asker, asked, -SHARED_EASE);
            }
            Answered::Prepared { evidence } => {
                self.give(asker, evidence, Origin::SharedBy(asked));
                self.add_alarm(asker, asked, -EXPLAINED_EASE);
            }
            Answered::Explained => self.add_alarm(asker, asked, -EXPLAINED_EASE),
            Answered::Standing { evidence } => {
                self.give(asker, evidence, Origin::SharedBy(asked));
            }
            Answered::Declined | Answered::NoReply => {
                self.add_trust(asker, asked, -SILENCE_TRUST);
                self.add_alarm(asker, asked, SILENCE_ALARM);
            }
        }
    }

    /// End of turn: questions due now and unanswered get the scenario's
    /// standing line, or "no reply".
    pub(crate) fn lapse_requests(&mut self) {
        self.lapse_requests_due(self.state.turn);
    }

    /// End of the game (an ending reached, the last turn played, or the
    /// facilitator ending it): no answer can come any more, so every
    /// question still open is settled as a passed deadline would settle
    /// it, in the order asked, before the end is announced.
    pub(crate) fn close_requests(&mut self) {
        self.lapse_requests_due(u32::MAX);
    }

    /// Settle every unanswered question due on or before `turn`.
    fn lapse_requests_due(&mut self, turn: u32) {
        for n in 0..self.state.requests.len() {
            let q = self.state.requests[n];
            if q.answer.is_some() || q.due > turn {
                continue;
            }
            let answer = match self.prepared_answer(n) {
                Some(e) => Answered::Standing { evidence: e },
                None => Answered::NoReply,
            };
            self.settle_request(n, answer, String::new());
        }
    }

    /// What the latest answer between `a` and `b` (either way), given this
    /// turn or the last, adds to the chance that consultations ease them,
    /// in percent: +15 for evidence, +5 for an explanation, -15 for a
    /// refusal or silence, 0 without one.
    pub fn answer_weight(&self, a: usize, b: usize) -> i32 {
        let turn = self.state.turn;
        self.state
            .requests
            .iter()
            .rev()
            .filter(|q| (q.by == a && q.to == b) || (q.by == b && q.to == a))
            .find_map(|q| q.answer.filter(|(_, t)| t + 1 >= turn))
            .map_or(0, |(answer, _)| match answer {
                Answered::Evidence { .. } => 15,
                Answered::Prepared { .. } | Answered::Explained | Answered::Standing { .. } => 5,
                Answered::Declined | Answered::NoReply => -15,
            })
    }
}
