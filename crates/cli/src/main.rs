#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    potdraw_cli::quiet_on_closed_pipe();
    potdraw_cli::run(potdraw_cli::args::parse())
}
