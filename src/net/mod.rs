//! Websocket multiplayer: an authoritative server holding rooms, and the
//! client that drives the terminal game from it. The protocol and the room
//! logic need no async runtime; the server, host and client do.

#[cfg(feature = "net")]
pub mod client;
#[cfg(feature = "net")]
mod coalesce;
pub mod codes;
#[cfg(feature = "net")]
mod connection;
#[cfg(feature = "net")]
pub mod console;
#[cfg(feature = "net")]
mod gate;
#[cfg(feature = "net")]
pub mod host;
pub mod protocol;
pub mod room;
mod room_bots;
mod room_clock;
mod room_command;
pub mod room_facilitate;
mod room_log;
mod room_seats;
mod room_send;
mod room_status;
#[cfg(feature = "net")]
pub mod server;
#[cfg(feature = "net")]
mod shards;
#[cfg(feature = "ssh")]
pub mod ssh;
mod wire;
