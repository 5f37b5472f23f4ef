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
    /// Export the guide: one self-contained HTML file (and a PDF), or data for other tools.
    Export(ExportArgs),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One HTML file that works offline (default).
    Html,
    /// Every question with its front matter and body.
    Json,
    /// Tab-separated notes for Anki's File > Import.
    Anki,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// The file to write (default: guide.html, guide.json or guide-anki.txt).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Html)]
    pub format: ExportFormat,
    /// Also print the guide to this PDF (needs Chromium).
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Leave the answers out: the questions alone, for mock-interview practice.
    #[arg(long)]
    pub questions_only: bool,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
