//! `demarche simulate SCENARIO --games N --seed S`

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::bots::{self, Policy};
use crate::engine::GameLog;
use crate::scenario::diagnostic::render;
use crate::scenario::Scenario;
use crate::session::{log_file, scenario_file};
use crate::simulate::{self, Summary};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A scenario file, or the name of a shipped scenario.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// How many games to play.
    #[arg(long, default_value_t = 1000)]
    pub games: u64,
    /// Seed of the batch: the same seed gives the same result.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = crate::session::seed::flag)]
    pub seed: u64,
    /// Bot policies, comma-separated (cooperative, hawkish, cautious); each
    /// actor gets one drawn with the game's seed. Default: each actor's own,
    /// as in `play` (the scenario's `bot:`, else by role).
    #[arg(long, value_delimiter = ',', value_name = "POLICY,...")]
    pub bots: Vec<Policy>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also write the log of the first game here, for `demarche replay`.
    #[arg(long, value_name = "PATH")]
    pub log: Option<PathBuf>,
    /// Play the batch once per policy (every actor on that policy) and
    /// report each: endings per policy side by side.
    #[arg(long)]
    pub per_policy: bool,
    /// Play one actor from a script of moves instead of a bot: one line per
    /// turn, e.g. `act summon_ambassador eastmark; attribute grey_lantern high`.
    #[arg(long, value_name = "ACTOR=FILE")]
    pub seat: Option<String>,
    /// Flag a move an actor takes more than this many times in one game.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub repeat_limit: u32,
}

/// Load a scenario by path or shipped name, printing diagnostics on failure.
pub fn load_scenario(arg: &str) -> Result<Arc<Scenario>, ExitCode> {
    let loaded = match crate::shipped::find(arg) {
        Some(s) => crate::scenario::load::from_str(s.name, s.source),
        None => scenario_file::load(std::path::Path::new(arg)),
    };
    let color = false;
    match loaded.scenario {
        Some(s) => Ok(Arc::new(s)),
        None => {
            eprint!("{}", render(arg, &loaded.source, &loaded.diagnostics, color));
            if !std::path::Path::new(arg).exists() && crate::shipped::find(arg).is_none() {
                eprintln!(
                    "shipped scenarios: {}",
                    crate::shipped::ALL
                        .iter()
                        .map(|s| s.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Err(ExitCode::FAILURE)
        }
    }
}

pub fn run(args: &Args) -> ExitCode {
    let scenario = match load_scenario(&args.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.games == 0 {
        eprintln!("error: --games must be at least 1");
        return ExitCode::FAILURE;
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let policies: Vec<Policy> = args.bots.clone();
    if let Some(path) = args.log.as_ref().filter(|p| log_file::is_game_log(p)) {
        eprintln!(
            "error: {} holds a game log; nothing was written. Give --log another file name",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    if let Some(path) = &args.log {
        let first = simulate::game_seed(args.seed, 0);
        let mut log = GameLog::new(&crate::engine::Game::new(Arc::clone(&scenario), first));
        let g = bots::play(Arc::clone(&scenario), first, &policies, Some(&mut log));
        if let Err(e) = log_file::write(path, &log) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!(
            "wrote the first game's log to {} (state hash {:016x})",
            path.display(),
            g.state_hash()
        );
    }
    let seat = match args.seat.as_deref().map(|s| read_seat(s, &scenario)).transpose() {
        Ok(seat) => seat,
        Err(e) => {
            eprintln!("error: {}", crate::text::clean(&e));
            return ExitCode::FAILURE;
        }
    };
    let batches: Vec<Vec<Policy>> = if args.per_policy {
        Policy::ALL.iter().map(|&p| vec![p]).collect()
    } else {
        vec![policies]
    };
    let mut summaries = Vec::with_capacity(batches.len());
    for policies in &batches {
        let start = Instant::now();
        let totals = simulate::run_seated(&scenario, args.games, args.seed, policies, threads, seat.as_ref());
        let seconds = start.elapsed().as_secs_f64();
        summaries.push(Summary::new(
            &scenario,
            &totals,
            args.seed,
            policies,
            seconds,
            threads,
            args.repeat_limit,
        ));
    }
    if args.json {
        let out = if args.per_policy {
            serde_json::to_string_pretty(&summaries)
        } else {
            serde_json::to_string_pretty(&summaries[0])
        };
        match out {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        for (i, s) in summaries.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print_text(s);
        }
    }
    ExitCode::SUCCESS
}

/// Read `ACTOR=FILE` into a seat played from that script.
fn read_seat(arg: &str, s: &Scenario) -> Result<bots::Seat, String> {
    let Some((actor, file)) = arg.split_once('=') else {
        return Err(format!("--seat takes ACTOR=FILE, not `{arg}`"));
    };
    let Some(&a) = s.actor_ix.get(actor) else {
        let ids: Vec<&str> = s.file.actors.iter().map(|x| x.id.as_str()).collect();
        return Err(format!(
            "--seat: no actor `{actor}`; expected one of {}",
            ids.join(", ")
        ));
    };
    let text = std::fs::read_to_string(file).map_err(|e| format!("--seat: cannot read {file}: {e}"))?;
    let script = bots::Script::parse(&text, s).map_err(|e| format!("{file}: {e}"))?;
    Ok(bots::Seat { actor: a, script })
}

/// The summary as text; every name from the scenario is cleaned of
/// control characters.
fn print_text(s: &Summary) {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}: {} games, seed {}, bots {}",
        s.scenario,
        s.games,
        s.seed,
        s.bots.join(",")
    );
    o.push('\n');
    let _ = writeln!(o, "Endings");
    for e in &s.endings {
        let _ = writeln!(o, "  {:>5.1}%  {:>6}  {}", e.share * 100.0, e.games, e.title);
    }
    o.push('\n');
    let _ = writeln!(
        o,
        "Escalation: mean highest rung {:.2}; highest reached: {} (rung {})",
        s.mean_max_rung,
        s.max_rung,
        s.max_rung_index + 1
    );
    let _ = writeln!(
        o,
        "Attribution before the truth came out: {} statements, {:.1}% right at their layer ({} joint, {} retracted)",
        s.attributions,
        s.correct_attribution_share * 100.0,
        s.joint,
        s.retracted
    );
    let _ = writeln!(
        o,
        "After the truth was public: {} statements (concurring, not counted as attribution)",
        s.attributions_after_reveal
    );
    let _ = writeln!(o, "Norms breached (per game):");
    for n in s.norms_breached.iter().filter(|n| n.breaches > 0) {
        let _ = writeln!(o, "  ({}) {:<55} {:>6.2}", n.norm, n.name, n.per_game);
    }
    if let Some(r) = &s.incident_record {
        let _ = writeln!(
            o,
            "Incident on the record ({}): its breaches in the ledger of the one responsible in {:.1}% of games; ranked above a victim on norms in {} game(s)",
            r.responsible.join(", "),
            r.breaches_shown_share * 100.0,
            r.games_ranked_above_a_victim
        );
    }
    let _ = writeln!(o, "Mean length: {:.1} turns", s.mean_turns);
    o.push('\n');
    let _ = writeln!(
        o,
        "Misreadings: {:.2} per game ({} of {} between pairs with a channel in force by the end); largest fall of a pair in one turn: {} rung(s)",
        s.misreadings_per_game, s.misreadings_with_channel, s.misreadings, s.largest_one_turn_drop
    );
    let _ = writeln!(o, "Rung rises per game, by cause:");
    for c in &s.rises {
        let _ = writeln!(o, "  {:<24} {:>6.2}", c.cause, c.per_game);
    }
    if let Some(c) = &s.culprit {
        let _ = writeln!(
            o,
            "Culprit ({}): {} covert operation(s) open to it; {:.2} covert operations per game, in {:.1}% of games",
            c.actor,
            c.covert_actions,
            c.covert_moves_per_game,
            c.games_with_covert_share * 100.0
        );
    }
    let _ = writeln!(o, "Most frequent moves per game (most in one game):");
    for a in &s.actors {
        let top: Vec<String> = a
            .moves
            .iter()
            .take(3)
            .map(|m| format!("{} {:.2} ({})", m.action, m.per_game, m.most_in_one_game))
            .collect();
        let _ = writeln!(o, "  {:<14} {}", a.actor, top.join(", "));
    }
    if s.script_refused_per_game > 0.0 {
        let _ = writeln!(
            o,
            "Scripted seat: {:.2} command(s) refused per game (unavailable when their turn came)",
            s.script_refused_per_game
        );
    }
    if !s.lints.is_empty() {
        let _ = writeln!(o, "Lints:");
        for l in &s.lints {
            let _ = writeln!(o, "  - {l}");
        }
    }
    o.push('\n');
    let _ = writeln!(o, "{:.0} games/second on {} thread(s)", s.games_per_second, s.threads);
    print!("{}", crate::text::clean(&o));
}
