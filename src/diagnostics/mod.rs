//! Diagnostics a contributor can act on: what is wrong, where (`path:line:col` and the source
//! line), and how to fix it; collected from many threads and reported in a stable order, to
//! people like rustc (`render`) and to tools as JSON lines.

mod escape;
pub mod render;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

pub use escape::escape_controls;

/// How bad a diagnostic is. Errors fail the command; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a guide, pointing at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the working directory when possible).
    pub path: PathBuf,
    /// 1-based line in the file (0 when the problem is about the whole file).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    pub message: String,
    /// The offending line of source, shown under the message with a caret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least one).
    #[serde(default = "one")]
    pub span_len: u32,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn one() -> u32 {
    1
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            span_len: 1,
            hint: None,
        }
    }

    /// Points the diagnostic at `line`:`column` (1-based) of `source`, the whole file's text,
    /// underlining `len` characters. The caret stays on the line (a single caret may sit just
    /// past its end), however far a parser's position or a value's length reaches.
    pub fn at(mut self, source: &str, line: usize, column: usize, len: usize) -> Self {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // Line 0 is the whole file: nothing to show.
        let source_line = line
            .checked_sub(1)
            .and_then(|i| source.lines().nth(i))
            .map(|l| l.trim_end_matches('\r').to_string());
        let (mut column, mut len) = (column.max(1), len.max(1));
        if let Some(text) = &source_line {
            let end = text.chars().count() + 1;
            column = column.min(end);
            len = len.min((end - column).max(1));
        }
        self.line = small(line);
        self.column = small(column);
        self.span_len = small(len);
        self.source_line = source_line;
        self
    }

    /// Points the diagnostic at a byte offset range of `source`.
    pub fn at_offset(self, source: &str, start: usize, end: usize) -> Self {
        let (line, column) = line_col(source, start);
        let len = source
            .get(start..end.max(start))
            .map(|s| s.lines().next().unwrap_or("").chars().count())
            .unwrap_or(1);
        self.at(source, line, column, len)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One JSON object on one line, for `--format json`. The text fields are escaped as for
    /// people ([`escape_controls`]): a tool that prints them prints no control character.
    /// `column` still counts characters of the file's line.
    pub fn to_json_line(&self) -> String {
        let shown = Diagnostic {
            path: PathBuf::from(escape_controls(&self.path.to_string_lossy(), false).as_ref()),
            message: escape_controls(&self.message, true).into_owned(),
            source_line: self
                .source_line
                .as_deref()
                .map(|l| escape_controls(l, false).into_owned()),
            hint: self
                .hint
                .as_deref()
                .map(|h| escape_controls(h, true).into_owned()),
            ..self.clone()
        };
        serde_json::to_string(&shown).unwrap_or_default()
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects diagnostics from many threads; one build or check reports them all at the end.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, d: Diagnostic) {
        if let Ok(mut items) = self.items.lock() {
            items.push(d);
        }
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        if let Ok(mut items) = self.items.lock() {
            items.extend(ds);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .map(|i| i.iter().any(Diagnostic::is_error))
            .unwrap_or(false)
    }

    /// All diagnostics, in a stable order: by file, then position, then message.
    pub fn take_sorted(&self) -> Vec<Diagnostic> {
        let items = self
            .items
            .lock()
            .map(|mut i| std::mem::take(&mut *i))
            .unwrap_or_default();
        sorted(items)
    }
}

/// Diagnostics in the order they are reported: by file, then position; each once.
pub fn sorted(mut items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    items.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
    items.dedup();
    items
}

/// The closest of `candidates` to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A path as the user would type it: relative to the current directory when it is below it
/// (`.` for the current directory itself).
pub fn display_path(path: &Path) -> PathBuf {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    if shown.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("ab\ncé x", 7), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn closest_finds_typos_and_ignores_unrelated_words() {
        assert_eq!(
            closest("meduim", ["easy", "medium", "hard"]),
            Some("medium")
        );
        assert_eq!(closest("tag", ["tags", "title", "summary"]), Some("tags"));
        assert_eq!(closest("zzz", ["easy", "medium", "hard"]), None);
    }
}
