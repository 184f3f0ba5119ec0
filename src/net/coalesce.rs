//! Coalescing a batch of outgoing messages: only the newest state of each
//! kind goes to a connection.

use std::collections::HashMap;

use super::protocol::ServerMsg;

/// Within one batch, a newer state message supersedes an older one of the
/// same kind for the same connection: send only the latest view, public
/// view, facilitator picture, waiting list and timer. Everything else
/// (acks, errors, events, goodbyes) is kept, in order.
pub(super) fn coalesce(out: Vec<(u64, ServerMsg)>) -> Vec<(u64, ServerMsg)> {
    fn kind(m: &ServerMsg) -> Option<u8> {
        match m {
            // A view carrying the whole feed is never dropped.
            ServerMsg::View { view } if view.feed.is_empty() => Some(0),
            ServerMsg::Public { view } if view.feed.is_empty() => Some(1),
            ServerMsg::Facilitator { .. } => Some(2),
            ServerMsg::Waiting { .. } => Some(3),
            ServerMsg::Timer { .. } => Some(4),
            _ => None,
        }
    }
    let mut last: HashMap<(u64, u8), usize> = HashMap::new();
    for (i, (conn, m)) in out.iter().enumerate() {
        if let Some(k) = kind(m) {
            last.insert((*conn, k), i);
        }
    }
    out.into_iter()
        .enumerate()
        .filter(|(i, (conn, m))| kind(m).is_none_or(|k| last.get(&(*conn, k)) == Some(i)))
        .map(|(_, x)| x)
        .collect()
}
