//! Keeping a build inside its guide. The guide root is the folder holding `book.toml`, with every
//! link resolved; a build reads nothing outside it. This module owns the test "does this path,
//! links followed, stay inside the root?" and the walk of a folder that the content, theme and
//! freshness scans share: it follows a link only to a place inside the root, never goes round a
//! loop of links, and leaves out names that are not UTF-8, with a warning for each thing it
//! leaves out.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

/// The guide root, resolved: every path a build reads must be below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideRoot(PathBuf);

impl GuideRoot {
    /// The root of the guide at `root` (the folder holding `book.toml`). A folder that cannot be
    /// resolved (it does not exist) is taken as written, made absolute.
    pub fn new(root: &Path) -> GuideRoot {
        GuideRoot(std::fs::canonicalize(root).unwrap_or_else(|_| absolute(root)))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Whether `path`, every link in it followed, is the root or below it. A path that does not
    /// exist is resolved as far as it exists; the rest is taken as written.
    pub fn holds(&self, path: &Path) -> bool {
        resolve(&self.0, path).starts_with(&self.0)
    }
}

/// `path` made absolute against the working directory, as written.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Where `path` (relative paths are taken from `base`) leads once every link in it that exists
/// is followed; after the first component that does not exist, the rest is applied as written
/// (`..` removes a component), as the system would once the missing folders were made.
pub fn resolve(base: &Path, path: &Path) -> PathBuf {
    let mut at = base.to_path_buf();
    for part in path.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => {
                at = PathBuf::from(part.as_os_str());
            }
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
            }
            Component::Normal(name) => {
                let next = at.join(name);
                at = if std::fs::symlink_metadata(&next).is_ok() {
                    // A link that leads nowhere resolves to nothing: keep it as written.
                    std::fs::canonicalize(&next).unwrap_or(next)
                } else {
                    next
                };
            }
        }
    }
    at
}

/// One file a walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path below the walked folder, `/` separated, as the guide names the file (through a
    /// link, the link's name).
    pub rel: String,
    /// The path to read it from.
    pub path: PathBuf,
}

/// What a walk left out, and why: the warning names it and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The path below the walked folder, not UTF-8 parts replaced.
    pub rel: String,
    pub warning: Diagnostic,
}

/// Every file of a folder, and what was left out of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// In order of their names, folder by folder.
    pub files: Vec<Found>,
    pub left_out: Vec<LeftOut>,
}

impl Walk {
    /// The warnings of what was left out.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.left_out.iter().map(|l| &l.warning)
    }
}

/// Walks `dir`, a folder inside `root`. A name for which `skip` says true (never the folder
/// itself) is passed over in silence, with all it holds. A link is followed when it leads to a
/// file or a folder inside the root; one that leads outside, nowhere, or into a folder the walk
/// is already in is left out with a warning, as is a name that is not UTF-8. Only a folder that
/// cannot be read stops the walk.
pub fn walk(root: &GuideRoot, dir: &Path, skip: &dyn Fn(&str) -> bool) -> Result<Walk, Diagnostic> {
    let mut walker = Walker {
        root,
        skip,
        out: Walk::default(),
        inside: vec![resolve(root.path(), dir)],
    };
    walker.folder(dir, "")?;
    Ok(walker.out)
}

struct Walker<'a> {
    root: &'a GuideRoot,
    skip: &'a dyn Fn(&str) -> bool,
    out: Walk,
    /// The real folders the walk is inside, through links: a link to one of them, or to a
    /// folder holding one, would walk in circles.
    inside: Vec<PathBuf>,
}

impl Walker<'_> {
    /// Walks `dir`, whose files are named `prefix` + their path below it.
    fn folder(&mut self, dir: &Path, prefix: &str) -> Result<(), Diagnostic> {
        let mut entries = WalkDir::new(dir)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir);
                Diagnostic::error(display_path(path), format!("cannot read the folder: {e}"))
                    .with_hint("check its permissions, or move it out of the guide")
            })?;
            let kind = entry.file_type();
            let below = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            // Joined by hand: on Unix a `\\` is part of a name, not a separator.
            let parts: Vec<_> = below.iter().map(|p| p.to_string_lossy()).collect();
            let rel = format!("{prefix}{}", parts.join("/"));
            let Some(name) = entry.file_name().to_str() else {
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
                self.leave_out(rel, not_utf8(entry.path(), kind.is_dir()));
                continue;
            };
            if (self.skip)(name) {
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
            if kind.is_file() {
                self.out.files.push(Found {
                    rel,
                    path: entry.path().to_path_buf(),
                });
            } else if kind.is_symlink() {
                self.link(entry.path(), rel)?;
            }
        }
        Ok(())
    }

    /// A link found at `link`: followed when it leads inside the root.
    fn link(&mut self, link: &Path, rel: String) -> Result<(), Diagnostic> {
        let target = match std::fs::canonicalize(link) {
            Ok(t) => t,
            Err(e) => {
                let to = std::fs::read_link(link).unwrap_or_default();
                let warning = Diagnostic::warning(
                    display_path(link),
                    format!(
                        "this link to `{}` leads nowhere ({e}); it is left out",
                        to.display()
                    ),
                )
                .with_hint("remove the link, or point it at a file inside the guide");
                self.leave_out(rel, warning);
                return Ok(());
            }
        };
        if !target.starts_with(self.root.path()) {
            let warning = Diagnostic::warning(
                display_path(link),
                format!(
                    "this link leads outside the guide, to `{}`; it is left out",
                    target.display()
                ),
            )
            .with_hint(format!(
                "copy what it points to into the guide, or remove the link: a build reads nothing outside `{}`",
                self.root.path().display()
            ));
            self.leave_out(rel, warning);
            return Ok(());
        }
        if target.is_file() {
            self.out.files.push(Found {
                rel,
                path: link.to_path_buf(),
            });
        } else if target.is_dir() {
            let here = link.parent().map(|p| resolve(self.root.path(), p));
            let circles = self
                .inside
                .iter()
                .chain(&here)
                .any(|real| real.starts_with(&target));
            if circles {
                let warning = Diagnostic::warning(
                    display_path(link),
                    format!(
                        "this link leads back to `{}`, a folder it is in; it is left out",
                        display_path(&target).display()
                    ),
                )
                .with_hint("remove the link: following it would go round in circles");
                self.leave_out(rel, warning);
                return Ok(());
            }
            self.inside.push(target);
            let walked = self.folder(link, &format!("{rel}/"));
            self.inside.pop();
            walked?;
        }
        Ok(())
    }

    fn leave_out(&mut self, rel: String, warning: Diagnostic) {
        self.out.left_out.push(LeftOut { rel, warning });
    }
}

fn not_utf8(path: &Path, folder: bool) -> Diagnostic {
    let what = if folder { "folder" } else { "file" };
    Diagnostic::warning(
        display_path(path),
        format!("the {what}'s name is not UTF-8 text; it is left out"),
    )
    .with_hint(format!(
        "rename the {what}: Prepbook builds only names that are UTF-8 (shown here with each bad byte as `\u{fffd}`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn rels(walk: &Walk) -> Vec<&str> {
        walk.files.iter().map(|f| f.rel.as_str()).collect()
    }

    #[test]
    fn links_inside_are_followed_and_links_outside_are_left_out_with_a_warning() {
        let outside = tempfile::tempdir().expect("temp dir");
        write(&outside.path().join("secret.txt"), "secret");
        let guide = tempfile::tempdir().expect("temp dir");
        let g = guide.path();
        write(&g.join("content/a/q.md"), "# Q");
        write(&g.join("shared/pic.png"), "png");
        symlink(
            outside.path().join("secret.txt"),
            g.join("content/a/secret.txt"),
        )
        .expect("ln");
        symlink(outside.path(), g.join("content/out")).expect("ln");
        symlink(g.join("shared"), g.join("content/shared")).expect("ln");
        symlink(g.join("content/a/q.md"), g.join("content/alias.md")).expect("ln");
        let root = GuideRoot::new(g);
        let walk = walk(&root, &g.join("content"), &|_| false).expect("walk");
        assert_eq!(rels(&walk), vec!["a/q.md", "alias.md", "shared/pic.png"]);
        let left: Vec<&str> = walk.left_out.iter().map(|l| l.rel.as_str()).collect();
        assert_eq!(left, vec!["a/secret.txt", "out"]);
        for l in &walk.left_out {
            assert!(
                l.warning.message.contains("outside the guide"),
                "{}",
                l.warning
            );
        }
    }

    #[test]
    fn loops_of_links_end_with_a_warning() {
        let guide = tempfile::tempdir().expect("temp dir");
        let g = guide.path();
        write(&g.join("content/a/q.md"), "# Q");
        write(&g.join("content/b/r.md"), "# R");
        symlink(g.join("content"), g.join("content/a/up")).expect("ln");
        symlink(g.join("content/b"), g.join("content/a/to-b")).expect("ln");
        symlink(g.join("content/a"), g.join("content/b/to-a")).expect("ln");
        symlink("self", g.join("content/self")).expect("ln");
        let root = GuideRoot::new(g);
        let walk = walk(&root, &g.join("content"), &|_| false).expect("walk");
        assert!(walk.files.len() < 10, "{:?}", rels(&walk));
        assert!(rels(&walk).contains(&"a/q.md") && rels(&walk).contains(&"b/r.md"));
        assert!(walk.left_out.iter().any(|l| l.rel == "a/up"));
        assert!(walk.left_out.iter().any(|l| l.rel == "self"));
    }

    #[test]
    fn names_that_are_not_utf8_are_left_out_and_the_rest_is_walked() {
        use std::os::unix::ffi::OsStrExt;
        let guide = tempfile::tempdir().expect("temp dir");
        let g = guide.path();
        write(&g.join("content/ok.md"), "# ok");
        write(
            &g.join("content/a/back\\slash.md"),
            "# a name with a backslash",
        );
        let bad = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        write(&g.join("content").join(bad), "# bad");
        let walk = walk(&GuideRoot::new(g), &g.join("content"), &|_| false).expect("walk");
        assert_eq!(rels(&walk), vec!["a/back\\slash.md", "ok.md"]);
        assert_eq!(walk.left_out[0].rel, "caf\u{fffd}.md");
    }

    #[test]
    fn resolve_follows_links_then_takes_the_rest_as_written() {
        let guide = tempfile::tempdir().expect("temp dir");
        let g = std::fs::canonicalize(guide.path()).expect("canonical");
        let root = GuideRoot::new(&g);
        assert!(root.holds(Path::new("content/not-yet")));
        assert!(!root.holds(Path::new("../elsewhere")));
        assert!(!root.holds(Path::new("/etc")));
        symlink("/tmp", g.join("tmp-link")).expect("ln");
        assert!(!root.holds(Path::new("tmp-link/x")));
        assert!(root.holds(Path::new("a/../b")));
    }
}
