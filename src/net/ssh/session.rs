//! One SSH connection: the join code is the user name (or, for user
//! `play`, typed at a prompt), and the only thing a channel can run is the
//! game in a terminal. Commands, subsystems, forwarding of ports, agents
//! and X11, and environment variables are all refused.

use std::borrow::Cow;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};

use ratatui::crossterm::event::Event;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Response, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use super::game::{self, Joined, Refused};
use super::input::InputParser;
use super::screen::WindowArea;
use super::{Shared, TypingLimiter};
use crate::tui::Input;

/// The user name that asks for the code at a prompt.
pub const PROMPT_USER: &str = "play";

/// Wrong codes one connection may try at the prompt before it is closed.
const TRIES: u32 = 3;

pub struct Visitor {
    shared: Arc<Shared>,
    id: u64,
    peer: IpAddr,
    started: Arc<std::sync::atomic::AtomicBool>,
    joined: Option<Joined>,
    /// Why the last code did not join, shown above the next prompt.
    refusal: Option<String>,
    tries: u32,
    channel: Option<ChannelId>,
    /// The terminal type from the pty request; none means no terminal.
    term: Option<String>,
    area: WindowArea,
    game: Option<mpsc::Sender<Input>>,
    parser: InputParser,
    typing: TypingLimiter,
}

impl Visitor {
    pub fn new(shared: Arc<Shared>, peer: IpAddr, started: Arc<std::sync::atomic::AtomicBool>) -> Visitor {
        let typing = shared.limits.typing();
        let id = shared.next.fetch_add(1, Ordering::Relaxed);
        Visitor {
            shared,
            id,
            peer,
            started,
            joined: None,
            refusal: None,
            tries: 0,
            channel: None,
            term: None,
            area: WindowArea::default(),
            game: None,
            parser: InputParser::default(),
            typing,
        }
    }

    /// Try a code; on a refusal remember why, and count a wrong code
    /// against the address.
    async fn try_code(&mut self, code: &str) -> bool {
        if !self.shared.may_try_code(self.peer) {
            self.refusal = Some("too many wrong codes from your address: wait a minute and try again".into());
            return false;
        }
        match game::join(&self.shared.ws_url, code).await {
            Ok(j) => {
                self.joined = Some(j);
                true
            }
            Err(Refused::Room { message, bad_code }) => {
                if bad_code {
                    self.shared.wrong_code(self.peer);
                }
                self.refusal = Some(message);
                false
            }
            Err(Refused::Unavailable(e)) => {
                eprintln!("ssh: the game server cannot be reached: {e}");
                self.refusal = Some("the game server is not answering: tell the facilitator".into());
                false
            }
        }
    }

    fn prompt(&self) -> Auth {
        let instructions = match &self.refusal {
            Some(why) => format!(
                "{}.\r\nType the join code from your handout.",
                why.chars().filter(|c| !c.is_control()).collect::<String>()
            ),
            None => "Type the join code from your handout.".into(),
        };
        Auth::Partial {
            name: Cow::Borrowed("demarche"),
            instructions: Cow::Owned(instructions),
            prompts: Cow::Owned(vec![(Cow::Borrowed("Join code: "), true)]),
        }
    }

    fn to_game(&self, ev: Input) {
        if let Some(g) = &self.game {
            let _ = g.send(ev);
        }
    }

    /// Answer a request with `why` on the participant's screen (standard
    /// error), then a failure or, for a shell without a terminal, an exit
    /// status of 1; the channel closes.
    fn refuse(&self, channel: ChannelId, session: &mut Session, why: &str, fail: bool) -> Result<(), russh::Error> {
        if fail {
            session.extended_data(channel, 1, format!("{why}\r\n").into_bytes())?;
            session.channel_failure(channel)?;
        } else {
            session.channel_success(channel)?;
            session.extended_data(channel, 1, format!("{why}\r\n").into_bytes())?;
            session.exit_status_request(channel, 1)?;
            session.eof(channel)?;
        }
        session.close(channel)
    }
}

fn keyboard_interactive() -> Auth {
    Auth::Reject {
        proceed_with_methods: Some(MethodSet::from(&[MethodKind::KeyboardInteractive][..])),
        partial_success: false,
    }
}

impl Handler for Visitor {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        if user == PROMPT_USER || user.is_empty() || self.try_code(user).await {
            return Ok(if self.joined.is_some() {
                Auth::Accept
            } else {
                keyboard_interactive()
            });
        }
        Ok(keyboard_interactive())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut response) = response else {
            return Ok(self.prompt());
        };
        let code = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .unwrap_or_default();
        if !code.is_empty() && self.try_code(&code).await {
            return Ok(Auth::Accept);
        }
        self.tries += 1;
        if self.tries >= TRIES {
            return Ok(Auth::reject());
        }
        Ok(self.prompt())
    }

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(None)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One game per connection.
        if self.channel.is_none() && self.joined.is_some() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.game.is_some() {
            return session.channel_failure(channel);
        }
        self.term = Some(term.chars().filter(|c| c.is_ascii_graphic()).take(64).collect());
        self.area.set(col_width, row_height);
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.game.is_some() {
            return session.channel_failure(channel);
        }
        let Some(term) = self.term.clone() else {
            return self.refuse(
                channel,
                session,
                "demarche needs a terminal: connect with `ssh -t`, without -T or a command",
                false,
            );
        };
        let Some(joined) = self.joined.take() else {
            return session.channel_failure(channel);
        };
        session.channel_success(channel)?;
        let events = joined.events();
        let color = !(term.is_empty() || term == "dumb");
        super::lock(&self.shared.games).insert(self.id, events.clone());
        self.game = Some(events);
        self.started.store(true, Ordering::Relaxed);
        game::start(joined, session.handle(), channel, self.area.clone(), color);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(
            channel,
            session,
            "this server runs only the game: connect without a command",
            true,
        )
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session, "this server runs only the game: no subsystems", true)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(&mut self, _path: &str, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.game.is_none() {
            return Ok(());
        }
        // A participant types; a flood (a huge paste) is cut, not drawn.
        let n = NonZeroU32::new(u32::try_from(data.len()).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN);
        if !matches!(self.typing.check_n(n), Ok(Ok(()))) {
            return Ok(());
        }
        let mut events = Vec::new();
        self.parser.feed(data, &mut events);
        for ev in events {
            self.to_game(Input::Term(ev));
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            let (c, r) = self.area.set(col_width, row_height);
            self.to_game(Input::Term(Event::Resize(c, r)));
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.to_game(Input::Hangup);
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.to_game(Input::Hangup);
        }
        Ok(())
    }
}

impl Drop for Visitor {
    /// However the connection ends, the game ends with it.
    fn drop(&mut self) {
        self.to_game(Input::Hangup);
        super::lock(&self.shared.games).remove(&self.id);
    }
}
