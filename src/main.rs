//! The `prepbook` binary: parse the command line and run it. Usage errors exit with 2 (clap),
//! content and configuration errors with 1.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    prepbook::run(prepbook::cli::Cli::parse())
}
