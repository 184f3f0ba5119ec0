//! One participant's game on the server: the code checked with the room as
//! any `demarche join` does (a websocket to the host's own listener, so the
//! same rules and limits apply), then the same remote TUI, drawn into the
//! SSH channel, on a thread of its own.

use std::sync::mpsc;

use russh::server::Handle;
use russh::ChannelId;
use tokio::sync::mpsc::UnboundedSender;

use super::screen::{Frames, SshBackend, WindowArea};
use crate::net::client;
use crate::net::protocol::{ClientMsg, ErrorCode, ServerMsg};
use crate::tui::app::{App, Io};
use crate::tui::remote::Remote;
use crate::tui::theme::Theme;
use crate::tui::Input;

/// A code the room accepted: its welcome, and the two ends of the game's
/// connection.
pub struct Joined {
    welcome: ServerMsg,
    out: UnboundedSender<ClientMsg>,
    rx: mpsc::Receiver<Input>,
    tx: mpsc::Sender<Input>,
}

/// Why a code did not join.
pub enum Refused {
    /// The room's answer (e.g. a wrong code), as `demarche join` shows it.
    Room { message: String, bad_code: bool },
    /// The host's own game server could not be reached.
    Unavailable(String),
}

/// Say hello to the room at `ws_url` with `code`, as `demarche join` does.
pub async fn join(ws_url: &str, code: &str) -> Result<Joined, Refused> {
    let (tx, rx) = mpsc::channel();
    match client::open(ws_url, code, None, tx.clone()).await {
        Ok((welcome @ ServerMsg::Welcome { .. }, out)) => Ok(Joined { welcome, out, rx, tx }),
        Ok((ServerMsg::Error { message, code, .. }, _)) => Err(Refused::Room {
            message,
            bad_code: code == ErrorCode::BadCode,
        }),
        Ok((other, _)) => Err(Refused::Unavailable(format!(
            "unexpected answer from the game: {other:?}"
        ))),
        Err(e) => Err(Refused::Unavailable(e)),
    }
}

impl Joined {
    /// Where the SSH side sends key, mouse, resize and hangup events.
    pub fn events(&self) -> mpsc::Sender<Input> {
        self.tx.clone()
    }
}

/// Play in the channel until the participant quits or hangs up: frames go
/// out in order through a task that writes them into the channel, which it
/// then closes with exit status 0.
pub fn start(joined: Joined, handle: Handle, channel: ChannelId, area: WindowArea, color: bool) {
    let (frames, mut to_channel) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    tokio::spawn(async move {
        while let Some(frame) = to_channel.recv().await {
            if handle.data(channel, frame).await.is_err() {
                return;
            }
        }
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    });
    let spawned = std::thread::Builder::new()
        .name("ssh-game".into())
        .spawn(move || play(joined, Frames::new(frames), area, color));
    if let Err(e) = spawned {
        eprintln!("ssh: cannot start a game: {e}");
    }
}

fn play(joined: Joined, out: Frames, area: WindowArea, color: bool) {
    let Joined {
        welcome,
        out: to_room,
        rx,
        tx,
    } = joined;
    // Only the SSH side and the connection send events from here on.
    drop(tx);
    let mut backend = SshBackend::new(out, area);
    if backend.enter().is_err() {
        return;
    }
    let Ok(mut term) = ratatui::Terminal::new(backend) else {
        return;
    };
    let mut app = App::new(Theme::new(color), Vec::new(), 0);
    app.remote = Some(Remote::new(Box::new(move |m| to_room.send(m).is_ok())));
    app.on_server(welcome);
    let _ = crate::tui::drive(&mut app, &mut term, &rx, perform);
    // Closing the app closes its connection: the room sees the seat free.
    drop(app);
    let backend = term.backend_mut();
    if backend.leave().is_ok() {
        let _ = backend.say("You left the game. The same ssh command brings you back.\r\n");
    }
}

/// What the app asks for, on the server: nothing is written on the host's
/// disk for a participant (a networked game keeps no save).
fn perform(app: &mut App, io: &[Io]) {
    if io.iter().any(|r| matches!(r, Io::Export)) {
        app.set_status(
            "Over SSH nothing is saved on your computer: the facilitator hands out the after-action report",
            true,
        );
    }
}
