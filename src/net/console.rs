//! `demarche join URL --code A --code B …` with several facilitator
//! codes: the white cell console. One connection per room, each kept open
//! (and reopened with backoff) as `join` keeps one, each feeding its own
//! white cell screen; the console shows every room at a glance.

use std::sync::mpsc;

use super::client::open;
use super::protocol::{ClientMsg, Role, ServerMsg};
use crate::tui::app::App;
use crate::tui::remote::Remote;
use crate::tui::theme::Theme;
use crate::tui::Input;

/// Most rooms one console holds (the host serves at most 200).
pub const MAX_ROOMS: usize = 200;

/// One room's connection, opened and welcomed as the facilitator.
struct Opened {
    room: usize,
    welcome: ServerMsg,
    out: tokio::sync::mpsc::UnboundedSender<ClientMsg>,
    from_room: mpsc::Receiver<Input>,
}

/// Open one connection per code, each as the facilitator of a room, every
/// room once. Errors name the code (by its place on the command line)
/// that failed and why; connections already open close when dropped.
async fn open_all(url: &str, codes: &[String], name: Option<String>) -> Result<Vec<Opened>, String> {
    if codes.len() > MAX_ROOMS {
        return Err(format!("a console holds at most {MAX_ROOMS} rooms"));
    }
    for (i, code) in codes.iter().enumerate() {
        let same = |c: &String| super::codes::normalize(c) == super::codes::normalize(code);
        if let Some(j) = codes[..i].iter().position(same) {
            return Err(format!(
                "codes {} and {} are the same: give each room's facilitator code once",
                j + 1,
                i + 1
            ));
        }
    }
    let mut opened: Vec<Opened> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let nth = i + 1;
        let (to_app, from_room) = mpsc::channel::<Input>();
        let (first, out) = open(url, code, name.clone(), to_app)
            .await
            .map_err(|e| format!("code {nth}: {e}"))?;
        match &first {
            ServerMsg::Welcome {
                role: Role::Facilitator,
                room,
                ..
            } => {
                if let Some(twice) = opened.iter().position(|o| o.room == *room) {
                    return Err(format!(
                        "codes {} and {nth} are both for room {room}: give each room's facilitator code once",
                        twice + 1
                    ));
                }
                opened.push(Opened {
                    room: *room,
                    welcome: first,
                    out,
                    from_room,
                });
            }
            ServerMsg::Welcome { .. } => {
                return Err(format!(
                    "code {nth} is not a facilitator code: the console takes each room's white cell code"
                ))
            }
            ServerMsg::Error { message, .. } => {
                return Err(format!(
                    "the server refused code {nth}: {}",
                    crate::text::clean(message)
                ))
            }
            other => {
                let other = format!("{other:?}");
                return Err(format!(
                    "unexpected first message for code {nth}: {}",
                    crate::text::clean(&other)
                ));
            }
        }
    }
    Ok(opened)
}

/// Run the console in this terminal until the trainer quits.
pub fn run(url: &str, codes: &[String], name: Option<String>, no_color: bool) -> std::process::ExitCode {
    use std::process::ExitCode;
    let rt = match super::client::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let opened = match rt.block_on(open_all(url, codes, name)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}", crate::text::clean(&e));
            return ExitCode::FAILURE;
        }
    };
    let (tx, rx) = mpsc::channel::<Input>();
    let theme = Theme::new(crate::cli::use_color(no_color, true));
    let mut rooms = Vec::new();
    for o in opened {
        let mut app = App::new(theme.clone(), Vec::new(), 0);
        let out = o.out;
        let send: crate::tui::remote::Sender = Box::new(move |m| out.send(m).is_ok());
        app.remote = Some(Remote::new(send));
        app.on_server(o.welcome);
        rooms.push((o.room, app, o.from_room));
    }
    rooms.sort_by_key(|(n, _, _)| *n);
    let mut apps = Vec::new();
    for (i, (n, app, from_room)) in rooms.into_iter().enumerate() {
        // What comes from room i goes to the console's one loop, marked
        // with the room's place.
        let tx = tx.clone();
        std::thread::spawn(move || {
            for input in from_room {
                if tx.send(Input::Room(i, Box::new(input))).is_err() {
                    return;
                }
            }
        });
        apps.push((n, app));
    }
    let app = App::console(theme, apps);
    match crate::tui::run_remote(app, rx, tx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: terminal: {e}");
            ExitCode::FAILURE
        }
    }
}
