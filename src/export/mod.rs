//! `prepbook export`: the guide as one self-contained HTML file (and from it a PDF), or as data
//! for other tools (JSON, an Anki deck as text or as a package).

pub mod apkg;
pub mod data;
pub mod html;
pub mod notes;
pub mod pdf;
pub mod rewrite;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::progress::Progress;
use crate::site::{self, BuildOptions, Loaded};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
    Anki,
    Apkg,
}

impl Format {
    pub fn default_file(self) -> &'static str {
        match self {
            Format::Html => "guide.html",
            Format::Json => "guide.json",
            Format::Anki => "guide-anki.txt",
            Format::Apkg => "guide.apkg",
        }
    }

    /// What an export of this format is made of, as its summary counts it.
    pub fn unit(self) -> &'static str {
        match self {
            Format::Html | Format::Json => "page",
            Format::Anki | Format::Apkg => "note",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    /// Default: [`Format::default_file`] in the current folder; [`STDOUT`] is standard output.
    pub output: Option<PathBuf>,
    /// Also print the HTML export to this PDF with Chromium.
    pub pdf: Option<PathBuf>,
    /// Questions without their answers (for mock interviews).
    pub questions_only: bool,
    pub drafts: bool,
    /// Embed the Python runtime (`--with-python [FOLDER]`): `Some(None)` takes the folder of
    /// `[python] runtime`.
    pub with_python: Option<Option<PathBuf>>,
    /// The language to export (`--language`); `None`: `[book] language`.
    pub language: Option<String>,
}

/// The output "file" that is standard output, as Unix tools take `-`.
pub const STDOUT: &str = "-";

/// Whether `path` names standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == STDOUT
}

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    /// Each file (or [`STDOUT`]) and its size in bytes.
    pub written: Vec<(PathBuf, u64)>,
    /// How many pages (HTML, JSON) or notes (Anki) the export holds.
    pub count: usize,
    /// `page` or `note`.
    pub unit: &'static str,
    pub warnings: Vec<Diagnostic>,
}

fn io(path: &Path, what: &str, e: impl std::fmt::Display) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        display_path(path),
        format!("{what}: {e}"),
    )]
}

/// Writes a file whole or not at all (through a temporary file beside it).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<u64, Vec<Diagnostic>> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io(dir, "cannot create the folder", e))?;
    // What an export killed half way left here.
    crate::scratch::remove_abandoned(dir);
    let tmp = crate::scratch::beside(path);
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(&tmp, "cannot write the export", e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path, "cannot write the export", e)
    })?;
    Ok(bytes.len() as u64)
}

/// Writes the export to `path`, or to standard output when `path` is [`STDOUT`].
fn deliver(path: &Path, bytes: &[u8]) -> Result<u64, Vec<Diagnostic>> {
    if !is_stdout(path) {
        return write_atomically(path, bytes);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| {
            vec![Diagnostic::error(
                STDOUT,
                format!("cannot write the export to standard output: {e}"),
            )]
        })?;
    Ok(bytes.len() as u64)
}

/// `--language code` names no language of the guide (`[book] language` or one of
/// `[languages]`).
fn unknown_language(config: &Config, code: &str) -> Vec<Diagnostic> {
    let all = config.site_languages();
    let path = display_path(&config.root.join(crate::config::CONFIG_FILE));
    vec![
        Diagnostic::error(
            path,
            format!("`--language {code}`: the guide is not written in `{code}`"),
        )
        .with_hint(format!(
            "its languages are {}; to add `{code}`, declare `[languages.{code}]` in book.toml and translate pages as `name.{code}.md`",
            all.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    ]
}

/// `loaded` narrowed to its view in `code`, when that is a language of the guide: the exports
/// read `loaded.guide`.
fn view(loaded: Loaded, code: &str) -> Option<Loaded> {
    let Loaded {
        guide,
        translations,
        theme,
        highlighter,
    } = loaded;
    let guide = std::iter::once(guide)
        .chain(translations)
        .find(|g| g.config.language() == code);
    guide.map(|guide| Loaded {
        guide,
        translations: Vec::new(),
        theme,
        highlighter,
    })
}

/// Exports the guide at `root`.
pub fn export(root: &Path, opts: &ExportOptions) -> Result<ExportReport, Vec<Diagnostic>> {
    if opts.pdf.is_some() && opts.format != Format::Html {
        return Err(vec![
            Diagnostic::error(
                "export",
                "--pdf prints the HTML export; it cannot be combined with another --format",
            )
            .with_hint("run `prepbook export --pdf guide.pdf` on its own"),
        ]);
    }
    // Fail before any work when the PDF cannot be made.
    let chromium = match &opts.pdf {
        Some(_) => Some(pdf::find_chromium().ok_or_else(|| {
            vec![Diagnostic::error("export", "--pdf needs Chromium, and none was found")
                .with_hint("install it (Debian: `apt-get install chromium`), or set CHROMIUM=/path/to/chromium")]
        })?),
        None => None,
    };
    let build = BuildOptions {
        drafts: opts.drafts,
        no_cache: false,
        output: None,
    };
    if opts.with_python.is_some() && opts.format != Format::Html {
        return Err(vec![
            Diagnostic::error(
                "export",
                "--with-python embeds the runtime in the HTML export; it cannot be combined with --format json or anki",
            )
            .with_hint("run `prepbook export --with-python` on its own"),
        ]);
    }
    let config = site::load_config(root, &build)?;
    let python = match &opts.with_python {
        Some(folder) => {
            Some(crate::pyodide::export_files(&config, folder.as_deref()).map_err(|d| vec![d])?)
        }
        None => None,
    };
    let language = opts
        .language
        .clone()
        .unwrap_or_else(|| config.book.language.clone());
    if !config.site_languages().contains(&language.as_str()) {
        return Err(unknown_language(&config, &language));
    }
    let diags = Diagnostics::default();
    let loaded = site::load(&config, &build, &diags, &Progress::hidden());
    let Some(loaded) = loaded.filter(|_| !diags.has_errors()) else {
        return Err(diags.take_sorted());
    };
    let loaded = view(loaded, &language).ok_or_else(|| unknown_language(&config, &language))?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(opts.format.default_file()));
    let mut written = Vec::new();
    let mut count = loaded.guide.questions.len();
    match opts.format {
        Format::Json => written.push((
            output.clone(),
            deliver(&output, data::json(&loaded.guide).as_bytes())?,
        )),
        Format::Anki => {
            notes::check_ids(&loaded.guide)?;
            count = loaded.guide.question_count();
            written.push((
                output.clone(),
                deliver(&output, data::anki(&loaded.guide).as_bytes())?,
            ));
        }
        Format::Apkg => {
            let package = apkg::package(&loaded.guide, &loaded.highlighter)?;
            count = package.notes;
            written.push((output.clone(), deliver(&output, &package.bytes)?));
        }
        Format::Html => {
            let page = html::export(&loaded, opts.questions_only, false, python.as_deref())?;
            written.push((output.clone(), deliver(&output, page.html.as_bytes())?));
            if let (Some(pdf_path), Some(chromium)) = (&opts.pdf, chromium) {
                // The print file renders every question at once, however big the guide.
                let printable = html::export(&loaded, opts.questions_only, true, None)?;
                let dir = pdf::TempDir::new("print")
                    .map_err(|e| io(Path::new("."), "cannot create a temporary folder", e))?;
                let file = dir.path().join("guide.html");
                write_atomically(&file, printable.html.as_bytes())?;
                let target = crate::output::absolute(pdf_path);
                let _ = std::fs::remove_file(&target);
                pdf::print(&chromium, &file, &target)
                    .map_err(|e| vec![Diagnostic::error(display_path(pdf_path), e)])?;
                let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
                written.push((pdf_path.clone(), size));
            }
        }
    }
    let _ = loaded.highlighter.cache().save();
    Ok(ExportReport {
        written,
        count,
        unit: opts.format.unit(),
        warnings: diags.take_sorted(),
    })
}
