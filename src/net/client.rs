//! `demarche join`: connect to a server with a join code and play in the
//! same terminal game, driven by what the server sends. A lost connection
//! is opened again on its own, with backoff, for `join` and SSH alike.

use std::sync::mpsc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

use super::protocol::{is_final, ClientMsg, ErrorCode, ServerMsg, PROTOCOL_VERSION};
use crate::tui::app::App;
use crate::tui::remote::Remote;
use crate::tui::theme::Theme;
use crate::tui::Input;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The server, e.g. ws://192.168.1.10:7878 or wss://exercise.example.org
    #[arg(value_name = "URL")]
    pub url: String,
    /// Your join code (from the facilitator's handout). A trainer with
    /// several rooms gives every room's facilitator code, `--code A --code B`,
    /// and sees all the rooms on one console.
    #[arg(long, required = true)]
    pub code: Vec<String>,
    /// Your name, shown to the facilitator.
    #[arg(long)]
    pub name: Option<String>,
}

/// The first wait before reconnecting, and the longest.
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(15);
/// How long a connection attempt or the server's first answer may take.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;
type Sink = futures_util::stream::SplitSink<Ws, Message>;
type Stream = futures_util::stream::SplitStream<Ws>;

/// How a connection ended.
enum Ended {
    /// The app is gone, or the server said a final goodbye.
    Stop,
    /// Worth trying again.
    Retry,
}

fn text(m: &ClientMsg) -> Message {
    Message::text(serde_json::to_string(m).unwrap_or_default())
}

/// Connect to `url`, say `hello`, and wait for the server's first
/// answer (at most 10 seconds each).
async fn connect_and_greet(url: &str, hello: &ClientMsg) -> Result<(ServerMsg, Sink, Stream), String> {
    let ws = tokio::time::timeout(ANSWER_WITHIN, tokio_tungstenite::connect_async(url)).await;
    let (ws, _) = match ws {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => return Err(format!("cannot connect to {url}: {e}")),
        Err(_) => return Err(format!("no answer from {url} within 10 seconds")),
    };
    let (mut sink, mut stream) = ws.split();
    if let Err(e) = sink.send(text(hello)).await {
        return Err(format!("the connection failed: {e}"));
    }
    loop {
        match tokio::time::timeout(ANSWER_WITHIN, stream.next()).await {
            Err(_) => return Err("the server did not answer within 10 seconds".into()),
            Ok(Some(Ok(Message::Text(t)))) => match serde_json::from_str::<ServerMsg>(&t) {
                Ok(m) => return Ok((m, sink, stream)),
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
    }
}

/// Connect to `url`, say hello with `code` and `name`, and wait for the
/// server's first answer (at most 10 seconds each). On a welcome, the
/// connection goes on in a task on the current runtime: what the server
/// sends next goes to `to_app`, what is sent on the returned channel goes
/// to the server, and a lost connection is opened again as
/// `keep_connected` does. The answer is a welcome, or an error that says
/// why the server refused (e.g. a wrong code). Errors: a bad address, no
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
    let hello = ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        code: code.to_string(),
        name,
    };
    let (first, sink, stream) = connect_and_greet(url, &hello).await?;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<ClientMsg>();
    if matches!(first, ServerMsg::Welcome { .. }) {
        tokio::spawn(keep_connected_from(
            Some((sink, stream)),
            url.to_string(),
            hello,
            to_app,
            rx,
        ));
    }
    Ok((first, tx))
}

/// Keep a connection to `url` open as `hello`: connect, pass what the
/// server sends to `to_app`, send what `from_app` gives, and when the
/// connection is lost (or the server restarts), connect again after
/// 0.5 s, doubling to 15 s, with a little jitter. Each new connection is
/// sent a complete picture by the server, so the app catches up on what
/// it missed. Returns when the app is gone or the server ended the
/// session (a final goodbye, or a code it no longer accepts).
pub async fn keep_connected(
    url: String,
    hello: ClientMsg,
    to_app: mpsc::Sender<Input>,
    from_app: tokio::sync::mpsc::UnboundedReceiver<ClientMsg>,
) {
    keep_connected_from(None, url, hello, to_app, from_app).await;
}

/// `keep_connected`, starting with a connection already greeted.
async fn keep_connected_from(
    mut first: Option<(Sink, Stream)>,
    url: String,
    hello: ClientMsg,
    to_app: mpsc::Sender<Input>,
    mut from_app: tokio::sync::mpsc::UnboundedReceiver<ClientMsg>,
) {
    let mut wait = RETRY_FIRST;
    let mut attempt = 0u32;
    loop {
        let connected = match first.take() {
            Some(greeted) => Some(greeted),
            None => reconnect(&url, &hello).await,
        };
        match connected {
            Some((sink, stream)) => {
                wait = RETRY_FIRST;
                attempt = 0;
                if let Ended::Stop = session(sink, stream, &to_app, &mut from_app).await {
                    return;
                }
                if to_app
                    .send(Input::Closed(crate::tui::remote_link::LOST.into()))
                    .is_err()
                {
                    return;
                }
            }
            None => attempt = attempt.saturating_add(1),
        }
        if from_app.is_closed() {
            return;
        }
        // A little jitter, so a room of clients does not come back at once.
        let jitter = Duration::from_millis(u64::from(std::process::id() % 250) + u64::from(attempt % 7) * 31);
        tokio::time::sleep(wait + jitter).await;
        wait = (wait * 2).min(RETRY_MAX);
    }
}

/// One attempt to connect again and say hello; the server's answer comes
/// to the app like any message.
async fn reconnect(url: &str, hello: &ClientMsg) -> Option<(Sink, Stream)> {
    let (ws, _) = tokio::time::timeout(ANSWER_WITHIN, tokio_tungstenite::connect_async(url))
        .await
        .ok()?
        .ok()?;
    let (mut sink, stream) = ws.split();
    sink.send(text(hello)).await.ok()?;
    Some((sink, stream))
}

/// One connection, until it is lost or the session ends.
async fn session(
    mut sink: Sink,
    mut stream: Stream,
    to_app: &mpsc::Sender<Input>,
    from_app: &mut tokio::sync::mpsc::UnboundedReceiver<ClientMsg>,
) -> Ended {
    loop {
        tokio::select! {
            out = from_app.recv() => {
                let Some(msg) = out else {
                    // The game is closed: say goodbye, so the seat is free at once.
                    let _ = sink.close().await;
                    return Ended::Stop;
                };
                if sink.send(text(&msg)).await.is_err() {
                    return Ended::Retry;
                }
            }
            frame = stream.next() => match frame {
                Some(Ok(Message::Text(t))) => match serde_json::from_str::<ServerMsg>(&t) {
                    Ok(m) => {
                        let stop = match &m {
                            ServerMsg::Bye { reason } => Some(is_final(reason)),
                            // A refused code will not be accepted next time either.
                            ServerMsg::Error { id: None, code: ErrorCode::BadCode | ErrorCode::Protocol, .. } => Some(true),
                            _ => None,
                        };
                        if to_app.send(Input::Server(Box::new(m))).is_err() {
                            return Ended::Stop;
                        }
                        match stop {
                            Some(true) => return Ended::Stop,
                            Some(false) => return Ended::Retry,
                            None => {}
                        }
                    }
                    Err(e) => {
                        let _ = to_app.send(Input::Closed(format!(
                            "the server sent something this client does not understand: {e}"
                        )));
                        return Ended::Stop;
                    }
                },
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return Ended::Retry,
                Some(Ok(_)) => {}
            }
        }
    }
}

/// The runtime a client's connections run on: one worker beside the
/// terminal's thread. Errors: the system refuses a thread or a poller.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
}

pub fn run(args: &Args, no_color: bool) -> std::process::ExitCode {
    use std::io::IsTerminal;
    use std::process::ExitCode;
    if !std::io::stdout().is_terminal() {
        eprintln!("error: demarche join needs a terminal");
        return ExitCode::FAILURE;
    }
    if let [_, _, ..] = args.code.as_slice() {
        return super::console::run(&args.url, &args.code, args.name.clone(), no_color);
    }
    let code = args.code.first().map_or("", String::as_str);
    let (tx, rx) = mpsc::channel::<Input>();
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The first answer says whether the code was accepted.
    let opened = rt.block_on(open(&args.url, code, args.name.clone(), tx.clone()));
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
