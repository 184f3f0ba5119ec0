#![allow(dead_code)]

pub mod ws;

use std::sync::Arc;

use demarche::engine::{Command, Game};
use demarche::scenario::{load, Scenario};

pub const SMALL: &str = include_str!("../fixtures/small.ron");

pub fn small() -> Arc<Scenario> {
    let loaded = load::from_str("small", SMALL);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    Arc::new(loaded.scenario.expect("small.ron loads"))
}

pub fn act(action: &str, target: Option<&str>) -> Command {
    Command::Act {
        action: action.into(),
        target: target.map(Into::into),
    }
}

/// Commit every actor that has not yet committed.
pub fn commit_all(g: &mut Game) {
    for a in g.waiting_for() {
        g.apply(a, &Command::Commit).expect("commit");
    }
}

/// A port on 127.0.0.1 that was free a moment ago, for a server the test
/// starts as a separate process.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn ix(g: &Game, id: &str) -> usize {
    g.actor_index(id).expect("actor")
}
