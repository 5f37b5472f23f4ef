//! The command line: one subcommand per thing a user does.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "prepbook",
    version,
    about = "Build interview study guides from Markdown into fast static sites"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the guide into a static site.
    Build(BuildArgs),
}

/// Options shared by the commands that read a guide.
#[derive(Debug, Clone, Args)]
pub struct GuideArgs {
    /// The guide's folder (the one holding book.toml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// Where to write the site (default: `[build] output-dir`, `book`).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Highlight every code block again instead of reusing the cache of earlier builds.
    #[arg(long)]
    pub no_cache: bool,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
