//! Finding a guide's files: Markdown pages, section folders and the other files (images, data)
//! that are copied as they are.

use std::path::{Path, PathBuf};

use crate::confine::{self, GuideRoot};
use crate::diagnostics::Diagnostic;

/// What the content folder holds, every path relative to it with `/` separators, sorted.
#[derive(Debug, Default, Clone)]
pub struct Discovered {
    /// Markdown files, `_index.md` included.
    pub markdown: Vec<String>,
    /// Folders holding Markdown at some depth: the sections (`""` is the root).
    pub section_dirs: Vec<String>,
    /// Every other file, copied to the site.
    pub assets: Vec<String>,
    /// What was left out: links leading outside the guide, names that are not UTF-8.
    pub warnings: Vec<Diagnostic>,
}

/// Notes for contributors at the content root, never built into a page.
pub const CONTRIBUTOR_NOTES: &str = "README.md";

/// Walks `content_dir`, a folder of the guide at `guide_root`. Hidden files and folders (a
/// leading `.`) are skipped, and so are partials, names with a leading `_` (as in Docusaurus and
/// Jekyll), except `_index.md`. A link is followed only inside the guide, and a name that is not
/// UTF-8 is left out: each thing left out is a warning in [`Discovered::warnings`].
pub fn discover(content_dir: &Path, guide_root: &Path) -> Result<Discovered, Diagnostic> {
    if !content_dir.is_dir() {
        return Err(
            Diagnostic::error(content_dir, "the content folder does not exist").with_hint(
                "create it with one folder per section, or set `[build] content-dir` in book.toml",
            ),
        );
    }
    let walk = confine::walk(&GuideRoot::new(guide_root), content_dir, &is_skipped)?;
    let mut found = Discovered {
        warnings: walk.warnings().cloned().collect(),
        ..Discovered::default()
    };
    for file in walk.files {
        let rel = file.rel;
        if rel == CONTRIBUTOR_NOTES {
            continue;
        }
        if is_markdown(&rel) {
            found.markdown.push(rel);
        } else {
            found.assets.push(rel);
        }
    }
    let mut dirs: Vec<String> = vec![String::new()];
    for md in &found.markdown {
        let mut dir = parent_dir(md);
        while !dir.is_empty() {
            dirs.push(dir.to_string());
            dir = parent_dir(dir);
        }
    }
    dirs.sort();
    dirs.dedup();
    found.section_dirs = dirs;
    Ok(found)
}

fn is_skipped(name: &str) -> bool {
    name.starts_with('.')
        || (name.starts_with('_') && name != "_index.md" && !is_index_translation(name))
}

/// `_index.zh.md`: a section's page in another language
/// ([`crate::content::translations`]).
fn is_index_translation(name: &str) -> bool {
    name.strip_prefix("_index.")
        .and_then(|rest| rest.strip_suffix(".md"))
        .is_some_and(crate::config::is_language_code)
}

fn is_markdown(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// `a/b/c.md` -> `a/b`; `c.md` -> ``.
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// The last component of a relative path.
pub fn file_name(rel: &str) -> &str {
    rel.rfind('/').map_or(rel, |i| &rel[i + 1..])
}

/// The path of `path` below `base`, with `/` separators.
pub fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel: PathBuf = path.strip_prefix(base).ok()?.to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pages_sections_and_assets_but_not_hidden_files_or_notes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for (path, text) in [
            ("README.md", "notes"),
            ("intro.md", "# Intro"),
            ("a/_index.md", "---\ntitle: A\n---\n"),
            ("a/q.md", "# Q"),
            ("a/b/deep.markdown", "# Deep"),
            ("a/img.png", "png"),
            ("images/logo.svg", "<svg/>"),
            (".hidden/x.md", "# x"),
            ("a/.draft.md", "# x"),
            ("_partials/ad.md", "### no title"),
            ("a/__template__.md", "- [ ] item"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        let found = discover(root, root).expect("discover");
        assert!(found.warnings.is_empty());
        assert_eq!(
            found.markdown,
            vec!["a/_index.md", "a/b/deep.markdown", "a/q.md", "intro.md"]
        );
        assert_eq!(found.section_dirs, vec!["", "a", "a/b"]);
        assert_eq!(found.assets, vec!["a/img.png", "images/logo.svg"]);
    }

    #[test]
    fn a_missing_content_folder_is_a_clear_error() {
        let err = discover(Path::new("/no/such/folder"), Path::new("/no/such")).unwrap_err();
        assert!(err.message.contains("does not exist"));
        assert!(err.hint.is_some());
    }
}
