#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    potdraw_cli::run(potdraw_cli::args::parse())
}
