//! Which guide a command works on: the folder `--root` names, else the nearest folder holding
//! `book.toml` from the current folder upward (as cargo finds `Cargo.toml`), so a command run
//! in `content/python/` works on the guide it is in.

use std::path::{Path, PathBuf};

use crate::cli::GuideArgs;
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;

/// Where a search for `book.toml` found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// In the folder this many levels above the start (0: the start itself).
    Found(usize),
    /// Nowhere: the folders looked in, from the start upward.
    NotFound(Vec<PathBuf>),
}

/// Looks for `book.toml` in `start` and each folder above it.
pub fn search(start: &Path) -> Search {
    let mut searched = Vec::new();
    for (up, dir) in start.ancestors().enumerate() {
        if dir.join(CONFIG_FILE).is_file() {
            return Search::Found(up);
        }
        searched.push(dir.to_path_buf());
    }
    Search::NotFound(searched)
}

/// The root of the guide to work on: `--root` as given, else the nearest guide from the
/// current folder up, written relative to it (`.`, `..`, `../..`), so paths in messages lead
/// from where the user is. When that is not the current folder, says so on stderr.
pub fn guide_root(args: &GuideArgs) -> Result<PathBuf, Diagnostic> {
    if let Some(root) = &args.root {
        return Ok(root.clone());
    }
    let here = std::env::current_dir().map_err(|e| {
        Diagnostic::error(".", format!("cannot tell which folder this is: {e}"))
            .with_hint("pass `--root DIR` to name the guide's folder")
    })?;
    match search(&here) {
        Search::Found(0) => Ok(PathBuf::from(".")),
        Search::Found(up) => {
            let root: PathBuf = std::iter::repeat_n("..", up).collect();
            say_err!("using the guide in {}", root.display());
            Ok(root)
        }
        Search::NotFound(searched) => {
            let searched: Vec<String> = searched.iter().map(|d| d.display().to_string()).collect();
            Err(Diagnostic::error(
                CONFIG_FILE,
                format!(
                    "cannot read {CONFIG_FILE}: there is no {CONFIG_FILE} in this folder or any folder above it"
                ),
            )
            .with_hint(format!(
                "run `prepbook init` to create a guide here, or pass `--root DIR` to point at one (looked in {})",
                searched.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_book_toml_above_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("content/python/more");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(dir.path().join(CONFIG_FILE), "").expect("write");
        assert_eq!(search(&deep), Search::Found(3));
        assert_eq!(search(dir.path()), Search::Found(0));
        // A nearer guide wins (a guide kept inside another's folder).
        std::fs::write(dir.path().join("content/python").join(CONFIG_FILE), "").expect("write");
        assert_eq!(search(&deep), Search::Found(1));
    }

    #[test]
    fn a_search_that_finds_nothing_lists_every_folder_up_to_the_top() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        if dir
            .path()
            .ancestors()
            .any(|d| d.join(CONFIG_FILE).is_file())
        {
            eprintln!("skipped: a folder above the temp dir holds a book.toml");
            return;
        }
        let Search::NotFound(searched) = search(&deep) else {
            panic!("no book.toml to find");
        };
        assert_eq!(searched.first(), Some(&deep));
        assert_eq!(searched.get(1), Some(&dir.path().join("a")));
        assert_eq!(searched.last().map(|p| p.parent()), Some(None), "up to /");
    }
}
