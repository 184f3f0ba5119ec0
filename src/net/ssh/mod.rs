//! Play over SSH with nothing to install: `demarche host --ssh ADDR`
//! serves the same terminal game to any SSH client. Each participant's
//! session is a client of its room like `demarche join` (a websocket to the
//! host's own listener: same views, rules and limits); the game runs on the
//! server and is drawn into the SSH channel.
//!
//! Limits: connections and wrong codes per address (GCRA, `governor`), a
//! cap on sessions, a time to join, and a connection silent for a minute
//! (no answer to keepalives) is closed, like a silent websocket.

mod game;
pub mod host_key;
mod input;
mod screen;
mod session;

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use russh::keys::PrivateKey;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::tui::Input;

pub use session::PROMPT_USER;

/// Limits that keep SSH visitors from hurting the host or each other.
#[derive(Debug, Clone, Copy)]
pub struct SshLimits {
    /// SSH connections open at once.
    pub max_sessions: usize,
    /// New connections a minute from one address, with bursts of up to
    /// `connection_burst` (a workshop behind one router connects at once).
    pub connections_per_minute: u32,
    pub connection_burst: u32,
    /// Wrong codes a minute from one address, with bursts of up to
    /// `wrong_code_burst`; past it an address is refused for a while.
    pub wrong_codes_per_minute: u32,
    pub wrong_code_burst: u32,
    /// Time from connecting to playing (authenticate and start the game).
    pub login_grace: Duration,
    /// Keepalives are sent after this much silence from the client ...
    pub keepalive_every: Duration,
    /// ... and the connection is closed after this many go unanswered.
    pub keepalive_max: usize,
    /// Bytes a second a participant's keyboard may send, with bursts (a
    /// paste) of up to `typing_burst`; the excess is dropped.
    pub typing_per_second: u32,
    pub typing_burst: u32,
}

impl Default for SshLimits {
    fn default() -> Self {
        SshLimits {
            max_sessions: 400,
            connections_per_minute: 30,
            connection_burst: 60,
            wrong_codes_per_minute: 10,
            wrong_code_burst: 10,
            login_grace: Duration::from_secs(60),
            keepalive_every: Duration::from_secs(15),
            keepalive_max: 4,
            typing_per_second: 4096,
            typing_burst: 64 * 1024,
        }
    }
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

type TypingLimiter = DefaultDirectRateLimiter;

impl SshLimits {
    fn per_minute(rate: u32, burst: u32) -> Quota {
        Quota::with_period(Duration::from_secs(60) / rate.max(1))
            .unwrap_or_else(|| Quota::per_second(nz(1)))
            .allow_burst(nz(burst))
    }

    fn typing(&self) -> TypingLimiter {
        RateLimiter::direct(Quota::per_second(nz(self.typing_per_second)).allow_burst(nz(self.typing_burst)))
    }
}

/// What every session of one server shares.
struct Shared {
    ws_url: String,
    limits: SshLimits,
    wrong_codes: DefaultKeyedRateLimiter<IpAddr>,
    /// Addresses past their wrong codes, and until when.
    blocked: Mutex<HashMap<IpAddr, Instant>>,
    /// The running games by connection, to end them when the host stops.
    games: Mutex<HashMap<u64, mpsc::Sender<Input>>>,
    next: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Nothing panics while holding these locks; a poisoned one is sound.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    /// Whether `ip` may try a code: it has not run out of wrong codes.
    fn may_try_code(&self, ip: IpAddr) -> bool {
        lock(&self.blocked)
            .get(&ip)
            .is_none_or(|until| Instant::now() >= *until)
    }

    /// A wrong code from `ip`; past its allowance, the address is refused
    /// for a minute.
    fn wrong_code(&self, ip: IpAddr) {
        if self.wrong_codes.check_key(&ip).is_err() {
            lock(&self.blocked).insert(ip, Instant::now() + Duration::from_secs(60));
        }
    }
}

/// An SSH listener ready to serve: its socket and host key.
pub struct SshServer {
    listener: std::net::TcpListener,
    key: PrivateKey,
    limits: SshLimits,
}

impl SshServer {
    /// Listen on `addr` with the host key at `key_path` (made there on
    /// first use). Errors: the address cannot be bound, or the key cannot
    /// be read or made (see `host_key::load_or_create`).
    pub fn bind(addr: &str, key_path: &std::path::Path, limits: SshLimits) -> Result<SshServer, String> {
        let key = host_key::load_or_create(key_path)?;
        let listener =
            std::net::TcpListener::bind(addr).map_err(|e| format!("cannot listen for SSH on {addr}: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen for SSH on {addr}: {e}"))?;
        Ok(SshServer { listener, key, limits })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// How the handout tells participants to join: the host named in
    /// `public_url` (else the address listened on; `HOST` when that is
    /// every address), the port and the fingerprint.
    pub fn handout(&self, public_url: Option<&str>) -> crate::session::handout::Ssh {
        let addr = self.local_addr().ok();
        let named = public_url.and_then(|u| {
            let rest = u.split_once("://").map_or(u, |(_, r)| r);
            let host = rest.split('/').next().unwrap_or("");
            let host = match host.rsplit_once(':') {
                Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
                _ => host,
            };
            (!host.is_empty()).then(|| host.to_string())
        });
        let host = named
            .or_else(|| addr.filter(|a| !a.ip().is_unspecified()).map(|a| a.ip().to_string()))
            .unwrap_or_else(|| "HOST".into());
        crate::session::handout::Ssh {
            host,
            port: addr.map_or(22, |a| a.port()),
            fingerprint: self.fingerprint(),
        }
    }

    /// The host key's SHA-256 fingerprint, as `ssh` shows it.
    pub fn fingerprint(&self) -> String {
        host_key::fingerprint(&self.key)
    }

    /// Serve until `stop` completes, each session joining the rooms
    /// through the websocket listener at `game` (the host's own); then end
    /// every game, giving each terminal back, within a few seconds.
    pub async fn run(self, game: SocketAddr, stop: impl Future<Output = ()>) {
        let listener = match TcpListener::from_std(self.listener) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen for SSH: {e}");
                return;
            }
        };
        let limits = self.limits;
        let config = Arc::new(russh::server::Config {
            server_id: russh::SshId::Standard(format!("SSH-2.0-demarche_{}", env!("CARGO_PKG_VERSION")).into()),
            methods: russh::MethodSet::from(&[russh::MethodKind::None, russh::MethodKind::KeyboardInteractive][..]),
            auth_rejection_time: Duration::from_secs(1),
            auth_rejection_time_initial: Some(Duration::ZERO),
            keys: vec![self.key],
            max_auth_attempts: 6,
            inactivity_timeout: Some(limits.keepalive_every * (limits.keepalive_max as u32 + 2)),
            keepalive_interval: Some(limits.keepalive_every),
            keepalive_max: limits.keepalive_max,
            nodelay: true,
            ..Default::default()
        });
        let game = if game.ip().is_unspecified() {
            let ip: IpAddr = if game.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            };
            SocketAddr::new(ip, game.port())
        } else {
            game
        };
        let shared = Arc::new(Shared {
            ws_url: format!("ws://{game}"),
            limits,
            wrong_codes: RateLimiter::keyed(SshLimits::per_minute(
                limits.wrong_codes_per_minute,
                limits.wrong_code_burst,
            )),
            blocked: Mutex::new(HashMap::new()),
            games: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
        });
        let connections: DefaultKeyedRateLimiter<IpAddr> = RateLimiter::keyed(SshLimits::per_minute(
            limits.connections_per_minute,
            limits.connection_burst,
        ));
        let permits = Arc::new(Semaphore::new(limits.max_sessions));
        let mut sweep = tokio::time::interval(Duration::from_secs(60));
        tokio::pin!(stop);
        loop {
            tokio::select! {
                _ = &mut stop => break,
                _ = sweep.tick() => {
                    connections.retain_recent();
                    shared.wrong_codes.retain_recent();
                    let now = Instant::now();
                    lock(&shared.blocked).retain(|_, until| *until > now);
                }
                accepted = listener.accept() => {
                    let Ok((stream, peer)) = accepted else { continue };
                    if connections.check_key(&peer.ip()).is_err() {
                        continue;
                    }
                    let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else { continue };
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(visit(stream, peer.ip(), Arc::clone(&config), Arc::clone(&shared), permit));
                }
            }
        }
        // Give every terminal back before the host stops.
        let games = std::mem::take(&mut *lock(&shared.games));
        for g in games.values() {
            let _ = g.send(Input::Hangup);
        }
        let _ = tokio::time::timeout(Duration::from_secs(3), async {
            while permits.available_permits() < limits.max_sessions {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
        .await;
    }
}

/// One connection, from the SSH greeting to its close.
async fn visit(
    stream: tokio::net::TcpStream,
    peer: IpAddr,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
    permit: tokio::sync::OwnedSemaphorePermit,
) {
    let grace = shared.limits.login_grace;
    let started = Arc::new(AtomicBool::new(false));
    let visitor = session::Visitor::new(shared, peer, Arc::clone(&started));
    let running = match tokio::time::timeout(grace, russh::server::run_stream(config, stream, visitor)).await {
        Ok(Ok(r)) => r,
        _ => return,
    };
    let handle = running.handle();
    let watch = tokio::spawn(async move {
        tokio::time::sleep(grace).await;
        if !started.load(Ordering::Relaxed) {
            let _ = handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    "no game started in time".into(),
                    String::new(),
                )
                .await;
        }
    });
    let _ = running.await;
    watch.abort();
    drop(permit);
}

/// The SSH server to serve at `addr` (from `--ssh`, or where a resumed
/// room's log says it was served), bound before the rooms open: its host
/// key lives with the room logs (next to the first resumed log, or in
/// `--dir`), so a resumed host keeps its fingerprint. Errors as
/// `SshServer::bind`.
pub fn prepare(args: &crate::net::host::Args, addr: Option<&str>) -> Result<Option<SshServer>, String> {
    let Some(addr) = addr else { return Ok(None) };
    let dir = args
        .resume
        .first()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(&args.dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    SshServer::bind(addr, &host_key::path_in(dir), SshLimits::default()).map(Some)
}

/// A running SSH server: what stops it, and its task.
pub struct Running {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

/// Start serving next to the websocket `listener`, and say how to join
/// (at the handout's host name, `join`, when the host knows it).
pub fn start(
    server: Option<SshServer>,
    listener: &TcpListener,
    join: Option<&crate::session::handout::Ssh>,
) -> Option<Running> {
    let server = server?;
    let game = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: SSH is off: {e}");
            return None;
        }
    };
    if let Ok(addr) = server.local_addr() {
        use std::io::Write as _;
        // Never panic on a closed stdout: the server must go on.
        let mut out = std::io::stdout();
        let host = join.map_or("HOST", |j| j.host.as_str());
        let port = addr.port();
        let _ = writeln!(
            out,
            "Players can also join with: ssh -p {port} CODE@{host} (or ssh -p {port} {PROMPT_USER}@{host} and type the code)",
        );
        let _ = writeln!(out, "SSH host key fingerprint: {}", server.fingerprint());
    }
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run(game, async move {
        let _ = stopped.await;
    }));
    Some(Running { stop, task })
}

/// Stop serving, giving every participant's terminal back.
pub async fn stop(running: Option<Running>) {
    if let Some(r) = running {
        let _ = r.stop.send(());
        let _ = r.task.await;
    }
}
