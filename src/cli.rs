//! The command line: one subcommand per thing a user does.

use std::ffi::OsStr;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue};
use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Build the guide, serve it, and rebuild and reload open pages on every change.
    Serve(ServeArgs),
    /// Report every problem in the guide, writing nothing.
    Check(CheckArgs),
    /// Add a question: a new file with its front matter and headings filled in.
    New(NewArgs),
    /// Create a new guide that builds at once.
    Init(InitArgs),
    /// Export the guide: one self-contained HTML file (and a PDF), or data for other tools.
    Export(ExportArgs),
    /// Run every Python block and exercise of the guide with a local Python.
    Test(TestArgs),
}

/// Options shared by the commands that read a guide.
#[derive(Debug, Clone, Args)]
pub struct GuideArgs {
    /// The guide's folder, the one holding book.toml (default: the nearest one from the current
    /// folder up).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
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
    /// An Anki package: a note type with the code's colours, a deck per section, the images;
    /// importing a newer one updates the notes.
    Apkg,
}

/// `--format`'s values, those of [`ExportFormat`]; `pdf` is refused with a pointer to `--pdf`.
#[derive(Debug, Clone, Copy)]
struct ExportFormatParser;

impl TypedValueParser for ExportFormatParser {
    type Value = ExportFormat;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<ExportFormat, clap::Error> {
        EnumValueParser::<ExportFormat>::new()
            .parse_ref(cmd, arg, value)
            .map_err(|mut e| {
                if value.to_string_lossy().trim().eq_ignore_ascii_case("pdf") {
                    let tip = "a PDF is printed from the HTML export: use `--pdf FILE`, e.g. `prepbook export --pdf guide.pdf`";
                    e.insert(
                        ContextKind::Suggested,
                        ContextValue::StyledStrs(vec![tip.into()]),
                    );
                }
                e
            })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            ExportFormat::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// The file to write (default: guide.html, guide.json, guide-anki.txt or guide.apkg); `-` writes to
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What to export (a PDF is printed from the HTML export: `--pdf FILE`).
    #[arg(long, default_value = "html", value_parser = ExportFormatParser)]
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
    /// Embed the Python runtime so the export runs code offline (about 8.5 MB more): from
    /// FOLDER (the npm package `pyodide`), else from `[python] runtime`'s folder.
    #[arg(long, value_name = "FOLDER", num_args = 0..=1)]
    pub with_python: Option<Option<PathBuf>>,
    /// Export the guide in this language of `[languages]` (pages not translated yet are kept in
    /// the default language, marked); default: `[book] language`.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// The port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on (`0.0.0.0` makes the site reachable from other machines).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// How to print problems: for people, or one JSON object per line for tools.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check questions marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Args)]
pub struct TestArgs {
    #[command(flatten)]
    pub guide: GuideArgs,
    /// How to print failures: for people, or one JSON object per line for tools.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The Python to run instead of `[test] python`, split as a shell would (`"python3 -I"`).
    #[arg(long, value_name = "COMMAND", value_parser = python_command)]
    pub python: Option<crate::config::Command>,
    /// Leave out the blocks that need a local Python (the ones the browser cannot run).
    #[arg(long)]
    pub skip_local: bool,
    /// Test questions marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

fn python_command(text: &str) -> Result<crate::config::Command, String> {
    crate::config::Command::parse(text)
        .ok_or_else(|| "write the program and its arguments, closing every quote".to_string())
}

/// How `check` and `test` print problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// The question, as an interviewer asks it (its file name is made from it).
    pub title: String,
    /// The section's folder in the content folder (`concurrency`, `algorithms/graphs`).
    #[arg(long, short)]
    pub section: String,
    #[arg(long, short, value_enum)]
    pub difficulty: Option<DifficultyArg>,
    /// One or more of entry, mid, senior, separated by commas.
    #[arg(long, short, value_enum, value_delimiter = ',')]
    pub level: Vec<LevelArg>,
    /// Tags, separated by commas.
    #[arg(long, short, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Add an exercise: a task with starter code, tests and a solution, for `prepbook test`.
    #[arg(long)]
    pub exercise: bool,
    #[command(flatten)]
    pub guide: GuideArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DifficultyArg {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Entry,
    Mid,
    Senior,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Where to create the guide (made if missing; must be empty).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}
