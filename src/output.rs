//! Writing a site safely: into a temporary folder beside the output folder, moved into place
//! only when the whole build succeeded, so a failed build leaves the previous site untouched.
//! Prepbook also refuses output folders that would destroy something it did not create.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A site being written: files go to a fresh folder next to the output, then [`Staging::publish`]
/// swaps it in.
///
/// On a rebuild most pages come out byte for byte as before. Such a page is hard-linked from the
/// current output instead of written: no new inode, no data copied, and removing the old site
/// afterwards frees nothing. Files are only ever created, never modified, so the two trees never
/// see each other's changes.
pub struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    /// The current site, when it is one Prepbook wrote.
    previous: Option<PathBuf>,
    linked: AtomicUsize,
}

impl Staging {
    pub fn new(output: &Path) -> std::io::Result<Staging> {
        let output = absolute(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let dir = parent.join(format!(".{name}.prepbook-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join(MARKER),
            "This folder was written by Prepbook; a build replaces it whole.\n",
        )?;
        let previous = output.join(MARKER).is_file().then(|| output.clone());
        Ok(Staging {
            dir,
            output,
            previous,
            linked: AtomicUsize::new(0),
        })
    }

    /// Writes one file of the site (`rel` relative to the site root).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if self.link_if_unchanged(rel, &path, bytes.len() as u64, || Ok(bytes.to_vec())) {
            return Ok(());
        }
        std::fs::write(path, bytes)
    }

    /// Copies a file into the site.
    pub fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let len = std::fs::metadata(from)?.len();
        if self.link_if_unchanged(rel, &path, len, || std::fs::read(from)) {
            return Ok(());
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Links `rel` from the previous site when it holds exactly these bytes.
    fn link_if_unchanged(
        &self,
        rel: &str,
        path: &Path,
        len: u64,
        bytes: impl FnOnce() -> std::io::Result<Vec<u8>>,
    ) -> bool {
        let Some(prev) = &self.previous else {
            return false;
        };
        let old = prev.join(rel);
        let same_len = std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == len);
        if !same_len {
            return false;
        }
        let same = match (std::fs::read(&old), bytes()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same && std::fs::hard_link(&old, path).is_ok() {
            self.linked.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// Files reused from the previous site so far.
    pub fn linked(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// Moves the finished site into place: the old output is renamed aside, the new one renamed
    /// in, then the old one removed.
    pub fn publish(self) -> std::io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.prepbook-old-{}",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.output.exists();
        if had_old {
            std::fs::rename(&self.output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_old {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not publish leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A few files of a published site replaced at once (for `serve`): each new file is written
/// beside its final name, then [`SitePatch::apply`] renames them all into place, so no reader
/// ever sees a half-written file. Files are replaced, never modified, which also keeps files
/// hard-linked by [`Staging`] apart. A file written twice keeps its last version; a file removed
/// after being written (or written after being removed) follows the last call.
#[derive(Debug)]
pub struct SitePatch {
    site: PathBuf,
    /// Each final path: its new version (a temporary file), or `None` to remove it.
    changes: BTreeMap<PathBuf, Option<PathBuf>>,
}

impl SitePatch {
    pub fn new(site: &Path) -> SitePatch {
        SitePatch {
            site: site.to_path_buf(),
            changes: BTreeMap::new(),
        }
    }

    /// Writes the new version of `rel` (relative to the site root) beside the current one.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.prepare(rel)?;
        let tmp = temp_name(&path);
        std::fs::write(&tmp, bytes)?;
        self.changes.insert(path, Some(tmp));
        Ok(())
    }

    /// Copies `from` as the new version of `rel`.
    pub fn copy(&mut self, rel: &str, from: &Path) -> std::io::Result<()> {
        let path = self.prepare(rel)?;
        let tmp = temp_name(&path);
        std::fs::copy(from, &tmp)?;
        self.changes.insert(path, Some(tmp));
        Ok(())
    }

    /// Removes `rel` from the site when the patch is applied.
    pub fn remove(&mut self, rel: &str) {
        let path = self.site.join(rel);
        if let Some(Some(tmp)) = self.changes.insert(path, None) {
            let _ = std::fs::remove_file(tmp);
        }
    }

    fn prepare(&self, rel: &str) -> std::io::Result<PathBuf> {
        let path = self.site.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// How many files the patch writes.
    pub fn len(&self) -> usize {
        self.changes.values().filter(|c| c.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Renames every new file into place and removes the obsolete ones.
    pub fn apply(mut self) -> std::io::Result<()> {
        let changes = std::mem::take(&mut self.changes);
        let mut result = Ok(());
        for (path, change) in changes {
            match change {
                Some(tmp) if result.is_ok() => {
                    if let Err(e) = std::fs::rename(&tmp, &path) {
                        let _ = std::fs::remove_file(&tmp);
                        result = Err(e);
                    }
                }
                // After a failure, only clean up.
                Some(tmp) => {
                    let _ = std::fs::remove_file(&tmp);
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        result
    }
}

impl Drop for SitePatch {
    /// A patch that was not applied leaves nothing behind.
    fn drop(&mut self) {
        for tmp in self.changes.values().flatten() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// `dir/.name.prepbook-new-<pid>`: hidden, in the same folder (so the rename is atomic).
fn temp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.prepbook-new-{}", std::process::id()))
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
    fn a_site_patch_replaces_files_only_when_applied() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path();
        std::fs::write(site.join("a.html"), "old a").expect("write");
        std::fs::write(site.join("gone.js"), "x").expect("write");
        let mut patch = SitePatch::new(site);
        patch.write("a.html", b"new a").expect("write");
        patch.write("deep/b.html", b"new b").expect("write");
        patch.remove("gone.js");
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"old a");
        patch.apply().expect("apply");
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"new a");
        assert_eq!(
            std::fs::read(site.join("deep/b.html")).expect("read"),
            b"new b"
        );
        assert!(!site.join("gone.js").exists());

        // Written twice: the last version; written then removed, or removed then written: the
        // last call.
        let mut twice = SitePatch::new(site);
        twice.write("a.html", b"first").expect("write");
        twice.write("a.html", b"second").expect("write");
        twice.write("c.js", b"c").expect("write");
        twice.remove("c.js");
        twice.remove("deep/b.html");
        twice.write("deep/b.html", b"back").expect("write");
        assert_eq!(twice.len(), 2);
        twice.apply().expect("apply");
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"second");
        assert!(!site.join("c.js").exists());
        assert_eq!(
            std::fs::read(site.join("deep/b.html")).expect("read"),
            b"back"
        );

        let mut dropped = SitePatch::new(site);
        dropped.write("a.html", b"never").expect("write");
        drop(dropped);
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"second");
        let names: Vec<String> = std::fs::read_dir(site)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.contains("prepbook-new")),
            "{names:?}"
        );
    }

    #[test]
    fn publish_replaces_the_old_site_and_drop_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("book");
        let first = Staging::new(&out).expect("staging");
        first.write("index.html", b"one").expect("write");
        first.publish().expect("publish");
        assert_eq!(std::fs::read(out.join("index.html")).expect("read"), b"one");
        assert!(out.join(MARKER).is_file());

        let failed = Staging::new(&out).expect("staging");
        failed.write("index.html", b"half").expect("write");
        drop(failed);
        assert_eq!(std::fs::read(out.join("index.html")).expect("read"), b"one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1, "only the published site remains");
    }
}
