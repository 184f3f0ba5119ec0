//! `demarche join`: connect to a server with a join code and play in the
//! same terminal game, driven by what the server sends.

use std::sync::mpsc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use super::protocol::{ClientMsg, ServerMsg, PROTOCOL_VERSION};
use crate::tui::app::App;
use crate::tui::remote::Remote;
use crate::tui::theme::Theme;
use crate::tui::Input;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The server, e.g. ws://192.168.1.10:7878 or wss://exercise.example.org
    #[arg(value_name = "URL")]
    pub url: String,
    /// Your join code (from the facilitator's handout).
    #[arg(long)]
    pub code: String,
    /// Your name, shown to the facilitator.
    #[arg(long)]
    pub name: Option<String>,
}

/// Connect to `url`, say hello with `code` and `name`, and wait for the
/// server's first answer (at most 10 seconds each). On an answer, the
/// connection goes on in two tasks on the current runtime: what the server
/// sends next goes to `to_app`, and what is sent on the returned channel
/// goes to the server. The answer is a welcome, or an error that says why
/// the server refused (e.g. a wrong code). Errors: a bad address, no
/// connection, no answer, or an answer this client cannot read.
pub async fn open(
    url: &str,
    code: &str,
    name: Option<String>,
    to_app: mpsc::Sender<Input>,
) -> Result<(ServerMsg, tokio::sync::mpsc::UnboundedSender<ClientMsg>), String> {
    if !(url.starts_with("ws://") || url.starts_with("wss://")) {
        return Err(format!(
            "`{url}` is not a websocket address: it starts with ws:// or wss://"
        ));
    }
    let ws = tokio::time::timeout(Duration::from_secs(10), tokio_tungstenite::connect_async(url)).await;
    let (ws, _) = match ws {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => return Err(format!("cannot connect to {url}: {e}")),
        Err(_) => return Err(format!("no answer from {url} within 10 seconds")),
    };
    let (mut sink, mut stream) = ws.split();
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: code.to_string(),
        name,
    };
    let hello = Message::text(serde_json::to_string(&hello).unwrap_or_default());
    if let Err(e) = sink.send(hello).await {
        return Err(format!("the connection failed: {e}"));
    }
    let first = loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Err(_) => return Err("the server did not answer within 10 seconds".into()),
            Ok(Some(Ok(Message::Text(t)))) => match serde_json::from_str::<ServerMsg>(&t) {
                Ok(m) => break m,
                Err(e) => {
                    return Err(format!(
                        "the server sent something this client does not understand: {e}"
                    ))
                }
            },
            Ok(Some(Ok(Message::Close(_))) | None) => return Err("the server closed the connection".into()),
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(e))) => return Err(format!("the connection failed: {e}")),
        }
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<ClientMsg>();
    tokio::spawn(async move {
        while let Some(msg) = rx.recv().await {
            let text = serde_json::to_string(&msg).unwrap_or_default();
            if sink.send(Message::text(text)).await.is_err() {
                return;
            }
        }
        // The game is closed: say goodbye, so the seat is free at once.
        let _ = sink.close().await;
    });
    tokio::spawn(async move {
        loop {
            match stream.next().await {
                Some(Ok(Message::Text(t))) => match serde_json::from_str::<ServerMsg>(&t) {
                    Ok(m) => {
                        if to_app.send(Input::Server(Box::new(m))).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = to_app.send(Input::Closed(format!(
                            "the server sent something this client does not understand: {e}"
                        )));
                        return;
                    }
                },
                Some(Ok(Message::Close(_))) | None => {
                    let _ = to_app.send(Input::Closed("the server closed the connection".into()));
                    return;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    let _ = to_app.send(Input::Closed(format!("the connection failed: {e}")));
                    return;
                }
            }
        }
    });
    Ok((first, tx))
}

pub fn run(args: &Args, no_color: bool) -> std::process::ExitCode {
    use std::io::IsTerminal;
    use std::process::ExitCode;
    if !std::io::stdout().is_terminal() {
        eprintln!("error: demarche join needs a terminal");
        return ExitCode::FAILURE;
    }
    let (tx, rx) = mpsc::channel::<Input>();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The first answer says whether the code was accepted.
    let opened = rt.block_on(open(&args.url, &args.code, args.name.clone(), tx.clone()));
    match opened {
        Ok((m @ ServerMsg::Welcome { .. }, out)) => {
            let theme = Theme::new(crate::cli::use_color(no_color, true));
            let mut app = App::new(theme, Vec::new(), 0);
            let send: crate::tui::remote::Sender = Box::new(move |m| out.send(m).is_ok());
            app.remote = Some(Remote::new(send));
            app.on_server(m);
            match crate::tui::run_remote(app, rx, tx) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: terminal: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok((ServerMsg::Error { message, .. }, _)) => {
            eprintln!("error: the server refused: {}", crate::text::clean(&message));
            ExitCode::FAILURE
        }
        Ok((other, _)) => {
            let other = format!("{other:?}");
            eprintln!(
                "error: unexpected first message from the server: {}",
                crate::text::clean(&other)
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {}", crate::text::clean(&e));
            ExitCode::FAILURE
        }
    }
}
