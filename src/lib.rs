//! Prepbook: a static-site generator for interview study guides.
//!
//! `book.toml` -> [`config::Config`]; `content/` -> [`content::load`] (front matter, Markdown,
//! highlighting) -> [`content::Guide`] -> [`render`] (Tera, in parallel) -> [`output`] (staged,
//! then swapped in), plus [`study`] mode's data files. [`site`] runs those steps;
//! [`build::build`] skips them when nothing changed, or patches in only an edit ([`edit`]).

/// `println!` that does not panic when standard output is closed (`prepbook check --format json
/// | head`): what is not read is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that does not panic when standard error is closed.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod as_json;
pub mod build;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod confine;
pub mod content;
pub mod diagnostics;
pub mod edit;
pub mod export;
pub mod freshness;
pub mod highlight;
pub mod incremental;
pub mod markdown;
pub mod nav;
pub mod output;
pub mod packed;
pub mod progress;
pub mod pyodide;
pub mod render;
pub mod runnable;
pub mod scaffold;
pub mod scratch;
pub mod search;
pub mod serve;
pub mod site;
pub mod snapshot;
pub mod strings;
pub mod study;
pub mod testing;
pub mod theme;
pub mod urls;

use std::process::ExitCode;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> ExitCode {
    match &cli.command {
        cli::Command::Build(args) => commands::build::run(args),
        cli::Command::Serve(args) => commands::serve::run(args),
        cli::Command::Check(args) => commands::check::run(args),
        cli::Command::New(args) => commands::new::run(args),
        cli::Command::Init(args) => commands::init::run(args),
        cli::Command::Export(args) => commands::export::run(args),
        cli::Command::Test(args) => commands::test::run(args),
    }
}
