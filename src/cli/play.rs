//! `demarche play`: the terminal game (also what `demarche` alone runs).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::bots::Policy;
use crate::session::{catalog, save};
use crate::tui::app::App;
use crate::tui::game::Match;
use crate::tui::theme::Theme;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// A scenario file or shipped scenario name; skips the launcher.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Play this actor yourself (repeat for hot-seat); skips the briefing.
    #[arg(long = "as", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// Seed for the game's chance rolls, any whole number from 0 to
    /// 18446744073709551615 (default: from the clock). The same scenario,
    /// seed and moves give the same game.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::session::seed::flag)]
    pub seed: Option<u64>,
    /// Policy for every bot (cooperative, hawkish, cautious); default: mixed.
    #[arg(long, value_name = "POLICY")]
    pub bots: Option<Policy>,
    /// Continue the most recently played unfinished game (the launcher lists them all).
    /// A saved game keeps its scenario, seats, seed and timer, so this takes
    /// no other option.
    #[arg(long, conflicts_with_all = ["scenario", "actors", "seed", "bots", "turn_timer", "press"])]
    pub resume: bool,
    /// Time each player has per turn: seconds (90) or 90s, 10m, 1h30m; 1 s
    /// to a day. When it runs out the turn is committed. Leave it out for
    /// no clock.
    #[arg(long, value_name = "TIME", value_parser = crate::session::turn_time::flag)]
    pub turn_timer: Option<u64>,
    /// How much press the game allows: full, public (public statements
    /// only) or off (a "gunboat" game); default: the scenario's choice.
    #[arg(long, value_name = "MODE")]
    pub press: Option<crate::scenario::schema::PressMode>,
    /// A colour theme file (see assets/theme.ron).
    #[arg(long, value_name = "FILE")]
    pub theme: Option<PathBuf>,
}

fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() % 1_000_000)
}

pub fn run(args: &Args, no_color: bool) -> ExitCode {
    let color = super::use_color(no_color, true);
    let theme = match (&args.theme, color) {
        (_, false) => Theme::plain(),
        (Some(path), true) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Theme::from_source(&t))
        {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: theme {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        (None, true) => Theme::new(true),
    };
    let seed = args.seed.unwrap_or_else(clock_seed);
    let mut app = match prepare(args, theme, seed) {
        Ok(app) => app,
        Err(msg) => {
            eprintln!("error: {}", crate::text::clean(&msg));
            return ExitCode::FAILURE;
        }
    };
    // The arguments are checked first, so a mistake is reported even
    // without a terminal.
    if !std::io::stdout().is_terminal() {
        eprintln!("error: demarche play needs a terminal (for headless games use `demarche simulate`)");
        return ExitCode::FAILURE;
    }
    app.default_policy = args.bots;
    app.turn_timer = args.turn_timer;
    app.press = args.press;
    match crate::tui::run(app) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: terminal: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Build the app at the right screen for the arguments.
pub fn prepare(args: &Args, theme: Theme, seed: u64) -> Result<App, String> {
    if args.resume {
        let saved = save::unfinished();
        let Some(s) = saved.first() else {
            return Err(format!(
                "no unfinished game to resume in {} (finished games stay there for `demarche report`)",
                save::dir().display()
            ));
        };
        let mut m = Match::resume(s.log.clone(), &s.setup).map_err(|e| format!("{}: {e}", s.path.display()))?;
        m.save_path = Some(s.path.clone());
        let mut app = App::new(theme, Vec::new(), seed);
        app.begin(m);
        app.refresh();
        return Ok(app);
    }
    let Some(arg) = &args.scenario else {
        if !args.actors.is_empty() {
            return Err("--as needs a SCENARIO".into());
        }
        let mut app = App::new(theme, catalog::discover(&[]), seed);
        app.default_policy = args.bots;
        app.saved = save::unfinished();
        return Ok(app);
    };
    let entry = catalog::entry(arg);
    let scenario = match (entry.scenario, entry.problem) {
        (Some(s), _) => s,
        (None, p) => return Err(format!("{arg}: {}", p.unwrap_or_default())),
    };
    let mut app = App::new(theme, Vec::new(), seed);
    app.default_policy = args.bots;
    if args.actors.is_empty() {
        app.open_briefing(scenario);
        return Ok(app);
    }
    let mut seats: Vec<Option<Policy>> = (0..scenario.actor_count())
        .map(|i| {
            Some(
                args.bots
                    .unwrap_or_else(|| Policy::for_actor(&scenario.file.actors[i], i)),
            )
        })
        .collect();
    // An actor by its id or by the name the briefing shows, in any case.
    for id in &args.actors {
        let found = scenario
            .file
            .actors
            .iter()
            .position(|a| a.id.eq_ignore_ascii_case(id) || a.name.eq_ignore_ascii_case(id));
        match found {
            Some(a) => seats[a] = None,
            None => {
                let known: Vec<String> = scenario
                    .file
                    .actors
                    .iter()
                    .map(|a| format!("{} ({})", a.id, crate::text::clean_line(&a.name)))
                    .collect();
                return Err(format!(
                    "no actor `{}` in this scenario; expected one of {}",
                    crate::text::clean_line(id),
                    known.join(", ")
                ));
            }
        }
    }
    app.begin(Match::start(scenario, seed, &seats, args.turn_timer));
    app.refresh();
    Ok(app)
}
