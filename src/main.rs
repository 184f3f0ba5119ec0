use std::process::ExitCode;

fn main() -> ExitCode {
    demarche::cli::run()
}
