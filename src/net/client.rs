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

/// Connect and hand back the first message and the two channel ends.
fn connect(
    args: &Args,
    to_app: mpsc::Sender<Input>,
) -> Result<(tokio::runtime::Runtime, tokio::sync::mpsc::UnboundedSender<ClientMsg>), String> {
    if !(args.url.starts_with("ws://") || args.url.starts_with("wss://")) {
        return Err(format!(
            "`{}` is not a websocket address: it starts with ws:// or wss://",
            args.url
        ));
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<ClientMsg>();
    let url = args.url.clone();
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: args.code.clone(),
        name: args.name.clone(),
    };
    let ws = rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), tokio_tungstenite::connect_async(url.as_str())).await
    });
    let (ws, _) = match ws {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => return Err(format!("cannot connect to {url}: {e}")),
        Err(_) => return Err(format!("no answer from {url} within 10 seconds")),
    };
    let (mut sink, mut stream) = ws.split();
    rt.spawn(async move {
        if sink
            .send(Message::text(serde_json::to_string(&hello).unwrap_or_default()))
            .await
            .is_err()
        {
            return;
        }
        while let Some(msg) = rx.recv().await {
            let text = serde_json::to_string(&msg).unwrap_or_default();
            if sink.send(Message::text(text)).await.is_err() {
                break;
            }
        }
    });
    rt.spawn(async move {
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
    Ok((rt, tx))
}

pub fn run(args: &Args, no_color: bool) -> std::process::ExitCode {
    use std::io::IsTerminal;
    use std::process::ExitCode;
    if !std::io::stdout().is_terminal() {
        eprintln!("error: demarche join needs a terminal");
        return ExitCode::FAILURE;
    }
    let (tx, rx) = mpsc::channel::<Input>();
    let (_rt, out) = match connect(args, tx.clone()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The first answer says whether the code was accepted.
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(Input::Server(m)) => match *m {
            ServerMsg::Welcome { .. } => {
                let theme = Theme::new(crate::cli::use_color(no_color, true));
                let mut app = App::new(theme, Vec::new(), 0);
                let send: crate::tui::remote::Sender = Box::new(move |m| out.send(m).is_ok());
                app.remote = Some(Remote::new(send));
                app.on_server(*m);
                match crate::tui::run_remote(app, rx, tx) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("error: terminal: {e}");
                        ExitCode::FAILURE
                    }
                }
            }
            ServerMsg::Error { message, .. } => {
                eprintln!("error: the server refused: {}", crate::text::clean(&message));
                ExitCode::FAILURE
            }
            other => {
                let other = format!("{other:?}");
                eprintln!(
                    "error: unexpected first message from the server: {}",
                    crate::text::clean(&other)
                );
                ExitCode::FAILURE
            }
        },
        Ok(Input::Closed(why)) => {
            eprintln!("error: {}", crate::text::clean(&why));
            ExitCode::FAILURE
        }
        _ => {
            eprintln!("error: the server did not answer within 10 seconds");
            ExitCode::FAILURE
        }
    }
}
