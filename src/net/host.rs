//! `demarche host`: rooms, codes, the printable handout, and the server
//! until Ctrl-C.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use super::codes::new_code;
use super::room::{Room, RoomCodes};
use super::server::{self, Limits};
use crate::scenario::Scenario;
use crate::session::{handout, log_file};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A scenario file or shipped scenario name (not needed with --resume).
    #[arg(value_name = "SCENARIO", required_unless_present = "resume")]
    pub scenario: Option<String>,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Seed of the first room; each further room adds one.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Games played side by side, each with its own codes.
    #[arg(long, default_value_t = 1)]
    pub rooms: usize,
    /// Seconds per turn (the facilitator can change it).
    #[arg(long, value_name = "SECONDS")]
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
}

pub fn build_rooms(args: &Args, scenario: Option<Arc<Scenario>>) -> Result<Vec<Room>, String> {
    std::fs::create_dir_all(&args.dir).map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
    if !args.resume.is_empty() {
        let mut rooms = Vec::new();
        for path in &args.resume {
            let (log, notes) = log_file::read(path).map_err(|e| e.to_string())?;
            let setup = notes
                .setup
                .ok_or_else(|| format!("{} is not a hosted room's log", path.display()))?;
            let room = Room::resume(log, &setup, path.clone()).map_err(|e| format!("{}: {e}", path.display()))?;
            rooms.push(room);
        }
        return Ok(rooms);
    }
    let scenario = scenario.ok_or("a SCENARIO is needed")?;
    if args.rooms == 0 || args.rooms > 200 {
        return Err("--rooms must be from 1 to 200".into());
    }
    (0..args.rooms)
        .map(|i| {
            let codes = RoomCodes {
                players: (0..scenario.actor_count()).map(|_| new_code()).collect(),
                facilitator: new_code(),
                spectator: new_code(),
            };
            let path = args.dir.join(format!("room-{}.log", i + 1));
            let mut room = Room::new(i + 1, Arc::clone(&scenario), args.seed + i as u64, codes, Some(path))
                .map_err(|e| format!("cannot write the room log: {e}"))?;
            if let Some(t) = args.turn_timer {
                room.set_turn_timer(t);
            }
            Ok(room)
        })
        .collect()
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
            ssh,
        })
        .collect()
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
    let ssh = match super::ssh::prepare(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = args.public_url.clone().unwrap_or_else(|| format!("ws://{}", args.bind));
    #[cfg(feature = "ssh")]
    let ssh_join = ssh.as_ref().map(|s| s.handout(args.public_url.as_deref()));
    #[cfg(not(feature = "ssh"))]
    let ssh_join: Option<handout::Ssh> = None;
    let handouts = match handout::write(&args.dir, &sheets(&rooms, ssh_join.as_ref()), &url) {
        Ok(paths) => paths,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&args.bind).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", args.bind);
                return ExitCode::FAILURE;
            }
        };
        // Never panic on a closed stdout: the server must go on.
        let _ = write!(
            std::io::stdout(),
            "{}",
            handout::codes_table(&sheets(&rooms, ssh_join.as_ref()), &url, &handouts)
        );
        #[cfg(feature = "ssh")]
        let ssh = super::ssh::start(ssh, &listener);
        let _ = writeln!(
            std::io::stdout(),
            "Listening on ws://{}. Ctrl-C stops the server; every move is saved in {}.",
            args.bind,
            args.dir.display()
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
            // Never panic on a closed stdout: the shutdown must go on.
            let _ = writeln!(std::io::stdout(), "\nShutting down: telling players and saving.");
        };
        server::run(listener, rooms, Limits::default(), shutdown).await;
        #[cfg(feature = "ssh")]
        super::ssh::stop(ssh).await;
        ExitCode::SUCCESS
    })
}
