use std::process::ExitCode;

/// mimalloc: the server and `simulate` allocate and free many small
/// strings across threads, where it is markedly faster than the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    demarche::cli::run()
}
