//! Websocket multiplayer: an authoritative server holding rooms, and the
//! client that drives the terminal game from it.

pub mod codes;
pub mod host;
pub mod protocol;
pub mod room;
mod room_send;
pub mod server;
