//! The output folder: which folders may be one (Prepbook refuses those that would destroy
//! something it did not create), the marker it leaves in its sites, and the names of the
//! working folders a build keeps beside it.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, display_path};

/// The file that marks a folder as a site Prepbook wrote (so it may replace it).
pub const MARKER: &str = ".prepbook-output";

/// Checks that `output` may be (re)written by a build of the guide at `root`.
pub fn check_output_dir(
    output: &Path,
    root: &Path,
    protected: &[PathBuf],
) -> Result<(), Diagnostic> {
    let out = absolute(output);
    let root = absolute(root);
    let refuse = |why: String, hint: &str| {
        Err(Diagnostic::error(display_path(output), why).with_hint(hint.to_string()))
    };
    if out == root || root.starts_with(&out) {
        return refuse(
            "the output folder is the guide itself (or holds it); a build replaces the whole output folder".into(),
            "choose a folder of its own, e.g. `--output book` (the default)",
        );
    }
    for p in protected {
        let p = absolute(p);
        if out == p || out.starts_with(&p) || p.starts_with(&out) {
            return refuse(
                format!(
                    "the output folder overlaps `{}`, which the build reads",
                    display_path(&p).display()
                ),
                "choose a folder outside the content and theme folders",
            );
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(
                "the output path exists and is not a folder".into(),
                "remove the file or choose another output path",
            );
        }
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return refuse(
                "the output folder is not empty and was not written by Prepbook".into(),
                "Prepbook replaces its output folder whole; empty this folder or choose another one",
            );
        }
    }
    Ok(())
}

/// A folder a build works in beside the output folder. Each is named after the output folder
/// and the process, `.book.prepbook-tmp-1234` for `book/`: hidden, on the same filesystem as
/// the output (so moving it into place is one rename), and recognised by the next build
/// whatever its process, since only one build at a time works on an output folder
/// ([`crate::output::OutputLock`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Working {
    /// The new site, while it is written ([`crate::output::Staging`]).
    Staging,
    /// The previous site, renamed aside while the new one is renamed in, where the two cannot
    /// be exchanged at once.
    Old,
    /// New versions of a few files, waiting to be renamed into the site
    /// ([`crate::output::SitePatch`]).
    Patch,
}

impl Working {
    const ALL: [Working; 3] = [Working::Staging, Working::Old, Working::Patch];

    fn tag(self) -> &'static str {
        match self {
            Working::Staging => "tmp",
            Working::Old => "old",
            Working::Patch => "patch",
        }
    }

    /// This process's folder of this kind for `output`.
    pub fn beside(self, output: &Path) -> PathBuf {
        sibling(output, &format!("{}-{}", self.tag(), std::process::id()))
    }

    /// The kind of working folder `name` is for `output`, made by any process.
    pub fn of(output: &Path, name: &str) -> Option<Working> {
        let rest = name.strip_prefix(&sibling_name(output, ""))?;
        Working::ALL.into_iter().find(|w| {
            rest.strip_prefix(w.tag())
                .and_then(|r| r.strip_prefix('-'))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

/// The file builds of `output` lock to take turns (on Unix, removed when the last one is done).
pub fn lock_file(output: &Path) -> PathBuf {
    sibling(output, "lock")
}

/// `.book.prepbook-<what>` beside `book`.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let parent = output.parent().unwrap_or(Path::new(""));
    parent.join(sibling_name(output, what))
}

fn sibling_name(output: &Path, what: &str) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    format!(".{name}.prepbook-{what}")
}

/// An absolute, lexically normalized path (the folder may not exist yet).
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks where the path exists, so two spellings of one folder compare equal.
    std::fs::canonicalize(&out).unwrap_or(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_guide_its_content_and_foreign_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let content = root.join("content");
        std::fs::create_dir_all(&content).expect("mkdir");
        let protected = [content.clone()];
        assert!(check_output_dir(root, root, &protected).is_err());
        assert!(check_output_dir(&content, root, &protected).is_err());
        assert!(check_output_dir(&content.join("out"), root, &protected).is_err());
        assert!(check_output_dir(root.parent().expect("parent"), root, &protected).is_err());
        let foreign = root.join("docs");
        std::fs::create_dir_all(&foreign).expect("mkdir");
        std::fs::write(foreign.join("keep.txt"), "mine").expect("write");
        let err = check_output_dir(&foreign, root, &protected).unwrap_err();
        assert!(err.message.contains("not written by Prepbook"));
        assert!(check_output_dir(&root.join("book"), root, &protected).is_ok());
    }

    #[test]
    fn working_folders_are_recognised_whatever_their_process() {
        let out = Path::new("/guide/book");
        let staging = Working::Staging.beside(out);
        assert_eq!(staging.parent(), Some(Path::new("/guide")));
        let name = staging
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a name");
        assert_eq!(name, format!(".book.prepbook-tmp-{}", std::process::id()));
        assert_eq!(Working::of(out, name), Some(Working::Staging));
        assert_eq!(Working::of(out, ".book.prepbook-old-1"), Some(Working::Old));
        assert_eq!(
            Working::of(out, ".book.prepbook-patch-99999"),
            Some(Working::Patch)
        );
        // Another output folder's, the lock, and names that only look alike are not.
        for other in [
            ".site.prepbook-tmp-1",
            ".book.prepbook-lock",
            ".book.prepbook-tmp-",
            ".book.prepbook-tmp-12x",
            ".book.prepbook-new-12",
            "book.prepbook-tmp-1",
            ".bookx.prepbook-tmp-1",
        ] {
            assert_eq!(Working::of(out, other), None, "{other}");
        }
        assert_eq!(lock_file(out), Path::new("/guide/.book.prepbook-lock"));
    }
}
