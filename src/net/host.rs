//! `demarche host`: rooms, codes, the printable handout, and the server
//! until Ctrl-C.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::codes::new_code;
use super::room::{Room, RoomCodes};
use super::server::{self, Limits};
use crate::scenario::Scenario;
use crate::session::room_record::RoomChange;
use crate::session::{handout, log_file};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A scenario file or shipped scenario name (not needed with --resume).
    #[arg(value_name = "SCENARIO", required_unless_present = "resume")]
    pub scenario: Option<String>,
    /// Address and port to listen on [default: 127.0.0.1:7878, or with
    /// --resume the address the room was hosted on].
    #[arg(long)]
    pub bind: Option<String>,
    /// Seed of the first room; each further room adds one.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = crate::session::seed::flag)]
    pub seed: u64,
    /// Games played side by side, each with its own codes.
    #[arg(long, default_value_t = 1)]
    pub rooms: usize,
    /// Time per turn: seconds (600) or 90s, 10m, 1h30m; 1 s to a day (the
    /// facilitator can change it).
    #[arg(long, value_name = "TIME", value_parser = crate::session::turn_time::flag)]
    pub turn_timer: Option<u64>,
    /// Where to keep the room logs and the handout.
    #[arg(long, default_value = "demarche-host")]
    pub dir: PathBuf,
    /// The address players connect to, for the handout (default: ws://BIND).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Restart from room logs after a crash (repeat for several rooms).
    #[arg(long, value_name = "LOG")]
    pub resume: Vec<PathBuf>,
    /// Also serve the game over SSH on this address, e.g. 0.0.0.0:2222:
    /// participants join with `ssh -p 2222 CODE@HOST`, nothing to install.
    #[cfg(feature = "ssh")]
    #[arg(long, value_name = "ADDR")]
    pub ssh: Option<String>,
    /// Start anew in a folder that holds a game: its logs and handout are
    /// first moved into a new subfolder `previous-N`.
    #[arg(long, conflicts_with = "resume")]
    pub fresh: bool,
}

/// Where the server listens when neither --bind nor a log says.
pub const DEFAULT_BIND: &str = "127.0.0.1:7878";

/// The room logs and handout of a game hosted in `dir`, if any.
fn game_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            p.is_file() && ((name.starts_with("room-") && name.ends_with(".log")) || name.starts_with("handout"))
        })
        .collect();
    files.sort();
    files
}

/// Refuse to start anew over a game in progress, or with --fresh move its
/// files aside first. Nothing is touched before a refusal.
fn clear_the_way(args: &Args) -> Result<(), String> {
    let files = game_files(&args.dir);
    let logs: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "log"))
        .collect();
    if logs.is_empty() {
        return Ok(());
    }
    if let Some(live) = logs.iter().find(|l| crate::session::log_append::in_use(l)) {
        return Err(format!(
            "{} is in use by a running demarche host; nothing was changed.\n  \
             Stop that host first (Ctrl-C in its terminal), then run this again.",
            live.display()
        ));
    }
    if !args.fresh {
        let resume: String = logs.iter().map(|l| format!(" --resume {}", l.display())).collect();
        return Err(format!(
            "{} already holds a game ({} room log{}); nothing was changed.\n  \
             To continue it:  demarche host{resume}\n  \
             To start anew and keep the old game in a subfolder: add --fresh",
            args.dir.display(),
            logs.len(),
            if logs.len() == 1 { "" } else { "s" },
        ));
    }
    let archive = (1..)
        .map(|n| args.dir.join(format!("previous-{n}")))
        .find(|p| !p.exists())
        .ok_or("no free folder name for the previous game")?;
    std::fs::create_dir(&archive).map_err(|e| format!("cannot create {}: {e}", archive.display()))?;
    for f in &files {
        let to = archive.join(f.file_name().unwrap_or_default());
        std::fs::rename(f, &to).map_err(|e| format!("cannot move {} to {}: {e}", f.display(), to.display()))?;
    }
    println!("The previous game was moved to {}.", archive.display());
    Ok(())
}

/// Rooms from their logs: each file once, each code in one room only.
fn resume_rooms(paths: &[PathBuf]) -> Result<Vec<Room>, String> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut codes: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut rooms = Vec::new();
    for path in paths {
        let real = std::fs::canonicalize(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if seen.contains(&real) {
            return Err(format!(
                "{} is given to --resume twice; give each room's log once",
                path.display()
            ));
        }
        seen.push(real);
        let (log, notes) = log_file::read(path).map_err(|e| e.to_string())?;
        if notes.setup.as_ref().is_none_or(|s| s.codes.is_empty()) {
            return Err(format!("{} is not a hosted room's log", path.display()));
        }
        for (_, code) in notes.setup.iter().flat_map(|s| &s.codes) {
            if let Some(other) = codes.insert(super::codes::normalize(code), path.clone()) {
                return Err(format!(
                    "{} and {} are the same room (they share the join code {code}); resume each room once",
                    other.display(),
                    path.display()
                ));
            }
        }
        let room = Room::resume(log, &notes, path.clone()).map_err(|e| format!("{}: {e}", path.display()))?;
        rooms.push(room);
    }
    Ok(rooms)
}

/// The rooms to serve: resumed from their logs, or new ones in `--dir`
/// (refused if it holds a game, unless `--fresh`).
pub fn build_rooms(args: &Args, scenario: Option<Arc<Scenario>>) -> Result<Vec<Room>, String> {
    if !args.resume.is_empty() {
        return resume_rooms(&args.resume);
    }
    let scenario = scenario.ok_or("a SCENARIO is needed")?;
    if args.rooms == 0 || args.rooms > 200 {
        return Err("--rooms must be from 1 to 200".into());
    }
    clear_the_way(args)?;
    std::fs::create_dir_all(&args.dir).map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
    (0..args.rooms)
        .map(|i| {
            let codes = RoomCodes {
                players: (0..scenario.actor_count()).map(|_| new_code()).collect(),
                facilitator: new_code(),
                spectator: new_code(),
            };
            let path = args.dir.join(format!("room-{}.log", i + 1));
            let settings = log_file::Setup {
                turn_timer: args.turn_timer,
                bind: Some(args.bind.clone().unwrap_or_else(|| DEFAULT_BIND.into())),
                public_url: args.public_url.clone(),
                #[cfg(feature = "ssh")]
                ssh: args.ssh.clone(),
                ..log_file::Setup::default()
            };
            Room::new_with(
                i + 1,
                Arc::clone(&scenario),
                args.seed.wrapping_add(i as u64),
                codes,
                Some(path.clone()),
                settings,
            )
            .map_err(|e| format!("cannot write the room log {}: {e}", path.display()))
        })
        .collect()
}

/// Where to listen and what to tell players: the command line first, then
/// what the first resumed room's log says, then the defaults.
fn address(args: &Args, rooms: &[Room]) -> (String, Option<String>) {
    let logged = rooms.first().map(Room::setup).unwrap_or_default();
    let bind = args.bind.clone().or(logged.bind).unwrap_or_else(|| DEFAULT_BIND.into());
    let public_url = args.public_url.clone().or(logged.public_url);
    (bind, public_url)
}

/// Where to serve SSH: the command line first, then what the first resumed
/// room's log says (a host resumed without `--ssh` serves it again where
/// it did); none if neither asks for it.
#[cfg(feature = "ssh")]
fn ssh_address(args: &Args, rooms: &[Room]) -> Option<String> {
    args.ssh.clone().or_else(|| rooms.first().and_then(|r| r.setup().ssh))
}

/// The handout's view of the rooms: each room's scenario and codes, and
/// how to join over SSH when the host serves it.
pub fn sheets<'a>(rooms: &'a [Room], ssh: Option<&'a handout::Ssh>) -> Vec<handout::Sheet<'a>> {
    rooms
        .iter()
        .map(|r| handout::Sheet {
            room: r.id,
            scenario: &r.game.scenario().file,
            facilitator: &r.codes.facilitator,
            spectator: &r.codes.spectator,
            players: &r.codes.players,
            observers: &r.observer_codes,
            ssh,
        })
        .collect()
}

/// The observers' codes, per room, for the facilitator's terminal (not
/// the handout: they go to evaluators as the facilitator sees fit).
fn observer_codes(rooms: &[Room]) -> String {
    use crate::text::{clean_line, columns, pad_columns};
    let mut o = String::new();
    for r in rooms {
        o.push_str(&format!(
            "Observer codes (see one actor's view, without acting), room {}:\n",
            r.id
        ));
        let who: Vec<String> = r
            .game
            .scenario()
            .file
            .actors
            .iter()
            .map(|a| format!("observer of {}", clean_line(&a.name)))
            .collect();
        let w = who.iter().map(|n| columns(n)).max().unwrap_or(0).max(28);
        for (who, code) in who.iter().zip(&r.observer_codes) {
            o.push_str(&format!("  {} {code}\n", pad_columns(who, w)));
        }
        o.push('\n');
    }
    o
}

/// The command that opens the white cell console on every room at once,
/// cleaned of control characters.
fn console_command(rooms: &[Room], url: &str) -> String {
    let codes: String = rooms
        .iter()
        .map(|r| format!(" --code {}", crate::text::clean_line(&r.codes.facilitator)))
        .collect();
    format!(
        "Every room on one white cell console: demarche join {}{codes}",
        crate::text::clean_line(url)
    )
}

pub fn run(args: &Args) -> std::process::ExitCode {
    use std::process::ExitCode;
    let scenario = match &args.scenario {
        Some(s) if args.resume.is_empty() => match crate::cli::load_scenario(s) {
            Ok(s) => Some(s),
            Err(code) => return code,
        },
        _ => None,
    };
    let rooms = match build_rooms(args, scenario) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}", crate::text::clean(&e));
            return ExitCode::FAILURE;
        }
    };
    #[cfg(feature = "ssh")]
    let ssh = match super::ssh::prepare(args, ssh_address(args, &rooms).as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (bind, public_url) = address(args, &rooms);
    let dir = match args.resume.first() {
        Some(log) => log.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => args.dir.clone(),
    };
    #[cfg(feature = "ssh")]
    let ssh_join = ssh.as_ref().map(|s| s.handout(public_url.as_deref()));
    #[cfg(not(feature = "ssh"))]
    let ssh_join: Option<handout::Ssh> = None;
    #[cfg(feature = "ssh")]
    let ssh_bound = ssh.as_ref().and_then(|s| s.local_addr().ok()).map(|a| a.to_string());
    #[cfg(not(feature = "ssh"))]
    let ssh_bound: Option<String> = None;
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&bind).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {bind}: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The address as bound: with port 0 the system chose the port.
        let bind = listener.local_addr().map_or(bind, |a| a.to_string());
        let url = public_url.clone().unwrap_or_else(|| format!("ws://{bind}"));
        let handouts = match handout::write(&dir, &sheets(&rooms, ssh_join.as_ref()), &url) {
            Ok(paths) => paths,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut rooms = rooms;
        if !args.resume.is_empty() {
            for r in &mut rooms {
                r.record(
                    RoomChange::Resumed {
                        bind: bind.clone(),
                        public_url: public_url.clone(),
                        ssh: ssh_bound.clone(),
                    },
                    None,
                );
            }
        }
        // Never panic on a closed stdout: the server must go on.
        let _ = write!(
            std::io::stdout(),
            "{}",
            handout::codes_table(&sheets(&rooms, ssh_join.as_ref()), &url, &handouts)
        );
        if rooms.len() > 1 {
            let _ = writeln!(std::io::stdout(), "{}", console_command(&rooms, &url));
        }
        #[cfg(feature = "ssh")]
        let ssh = super::ssh::start(ssh, &listener, ssh_join.as_ref());
        let resume: String = rooms
            .iter()
            .filter_map(Room::log_path)
            .map(|p| format!(" --resume {}", crate::text::clean(&p.display().to_string())))
            .collect();
        let _ = writeln!(
            std::io::stdout(),
            "If the server stops, continue with: demarche host{resume}"
        );
        let _ = write!(std::io::stdout(), "{}", observer_codes(&rooms));
        let _ = writeln!(
            std::io::stdout(),
            "Listening on ws://{bind}. Ctrl-C stops the server; every move is saved in {}.",
            dir.display()
        );
        let shutdown = async {
            let why = stop_signal().await;
            // Never panic on a closed stdout: the shutdown must go on.
            let _ = writeln!(std::io::stdout(), "\n{why}: telling players and saving.");
        };
        // A line per room whenever its turn, commits, connections or pause change.
        let (report, mut reports) = tokio::sync::mpsc::unbounded_channel::<super::room::RoomStatus>();
        tokio::spawn(async move {
            while let Some(status) = reports.recv().await {
                let _ = writeln!(std::io::stdout(), "{status}");
            }
        });
        server::run_reporting(listener, rooms, Limits::default(), shutdown, Some(report)).await;
        #[cfg(feature = "ssh")]
        super::ssh::stop(ssh).await;
        ExitCode::SUCCESS
    })
}

/// Wait for Ctrl-C, SIGTERM (a service manager, `kill`) or SIGHUP (the
/// terminal closed); what stopped the server, in words.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "Shutting down",
                _ = term.recv() => "Stopped (SIGTERM)",
                _ = hup.recv() => "The terminal closed (SIGHUP)",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "Shutting down"
}
