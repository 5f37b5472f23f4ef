//! Themes: the default theme embedded in the binary, and a guide's own `themes/<name>/` whose
//! files replace the default's one at a time (same relative path) or add new ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::confine::{self, GuideRoot};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Where a theme file came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into Prepbook (`themes/default/<path>` in its source).
    Builtin,
    /// The guide's own file.
    Guide(PathBuf),
}

/// One file of the theme in use.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// The theme in use: every file by its path relative to the theme folder
/// (`templates/question.html`, `static/prepbook.css`).
#[derive(Debug, Clone)]
pub struct Theme {
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The default theme with the guide's overrides from `theme_dir` on top. A theme other than
    /// `default` must exist in the guide. Links leading outside `guide_root` and names that are
    /// not UTF-8 are left out, with a warning in `diags`.
    pub fn load(
        name: &str,
        theme_dir: &Path,
        guide_root: &Path,
        diags: &Diagnostics,
    ) -> Result<Theme, Diagnostic> {
        let mut files: BTreeMap<String, ThemeFile> = embedded::FILES
            .iter()
            .map(|(path, bytes)| {
                (
                    (*path).to_string(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        origin: Origin::Builtin,
                    },
                )
            })
            .collect();
        if !theme_dir.is_dir() {
            if name == "default" {
                return Ok(Theme { files });
            }
            return Err(Diagnostic::error(display_path(theme_dir), format!("theme `{name}` not found"))
                .with_hint("create the folder with the files you want to replace, or set `[build] theme = \"default\"`"));
        }
        let hidden = |name: &str| name.starts_with('.');
        let walk = confine::walk(&GuideRoot::new(guide_root), theme_dir, &hidden)?;
        diags.extend(walk.warnings().cloned());
        diags.extend(folders_in_place_of_files(theme_dir));
        for file in walk.files {
            let bytes = std::fs::read(&file.path).map_err(|e| {
                Diagnostic::error(
                    display_path(&file.path),
                    format!("cannot read the theme file: {e}"),
                )
            })?;
            files.insert(
                file.rel,
                ThemeFile {
                    bytes,
                    origin: Origin::Guide(display_path(&file.path)),
                },
            );
        }
        Ok(Theme { files })
    }

    /// Templates: (name relative to `templates/`, text, origin).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(p, f)| p.strip_prefix("templates/").map(|name| (name, f)))
    }

    /// Static files: (path relative to `static/`, file).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(p, f)| p.strip_prefix("static/").map(|name| (name, f)))
    }

    /// The path to show for a template in an error message.
    pub fn template_path(&self, name: &str) -> PathBuf {
        match self
            .files
            .get(&format!("templates/{name}"))
            .map(|f| &f.origin)
        {
            Some(Origin::Guide(p)) => p.clone(),
            _ => PathBuf::from(format!("themes/default/templates/{name} (built in)")),
        }
    }
}

/// The default theme's own file at `rel` (`i18n/zh.toml`), whatever the guide replaces: the
/// UI strings tables are replaced one key at a time, so they need both.
pub fn builtin_file(rel: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(path, _)| *path == rel)
        .map(|(_, bytes)| *bytes)
}

/// A folder of the guide's theme at the path of a default theme file
/// (`templates/question.html/`): the walk finds no file there, so the default one is used,
/// which its author did not mean. A warning for each.
fn folders_in_place_of_files(theme_dir: &Path) -> Vec<Diagnostic> {
    embedded::FILES
        .iter()
        .map(|(rel, _)| theme_dir.join(rel))
        .filter(|path| path.is_dir())
        .map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Diagnostic::warning(
                display_path(&path),
                format!("this is a folder, not a file, so the default theme's `{name}` is used instead"),
            )
            .with_hint(format!(
                "to replace the default `{name}`, put a file of that name here (move what the folder holds, and remove it)"
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_embedded() {
        let t = Theme::load(
            "default",
            Path::new("/nonexistent"),
            Path::new("/"),
            &Diagnostics::default(),
        )
        .expect("default theme");
        assert!(t.templates().any(|(n, _)| n == "question.html"));
        assert!(t.static_files().any(|(n, _)| n == "prepbook.css"));
    }

    #[test]
    fn a_guide_file_replaces_only_that_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let css = dir.path().join("static/prepbook.css");
        std::fs::create_dir_all(css.parent().expect("parent")).expect("mkdir");
        std::fs::write(&css, "body{}").expect("write");
        let t =
            Theme::load("default", dir.path(), dir.path(), &Diagnostics::default()).expect("theme");
        assert_eq!(t.files["static/prepbook.css"].bytes, b"body{}");
        assert!(matches!(
            t.files["static/prepbook.css"].origin,
            Origin::Guide(_)
        ));
        assert!(matches!(
            t.files["templates/question.html"].origin,
            Origin::Builtin
        ));
    }

    #[test]
    fn a_missing_named_theme_is_an_error() {
        let err = Theme::load(
            "fancy",
            Path::new("/nonexistent/fancy"),
            Path::new("/"),
            &Diagnostics::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("theme `fancy` not found"));
    }
}
