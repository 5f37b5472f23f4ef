//! A few files of a published site replaced at once (an edit, in `serve` or `build`): the new
//! versions wait in a folder beside the site, then are renamed into place together, so no reader
//! ever sees a half-written file and a patch that fails leaves nothing behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::folder::{Working, absolute};
use super::lock::OutputLock;
use super::pause::pause_at;

/// New versions of a few files of the site at `site`. Each is written into a folder beside the
/// site (`.book.prepbook-patch-<pid>`, on the same filesystem, so each rename is atomic), then
/// [`SitePatch::apply`] renames them all into place. Nothing inside the site changes before
/// then, not even a new folder. Files are replaced, never modified, which also keeps files
/// hard-linked by [`Staging`](super::Staging) apart. A file written twice keeps its last version;
/// a file removed after being written (or written after being removed) follows the last call.
///
/// The output folder is locked ([`OutputLock`]) from the first write until the patch is applied
/// or dropped; dropping it removes every file it wrote, finished or not.
#[derive(Debug)]
pub struct SitePatch {
    site: PathBuf,
    /// Where the new versions wait, once the first one is written.
    pending: PathBuf,
    /// How many files were started (each gets the next number as its name).
    started: usize,
    /// Each final path: its new version (in `pending`), or `None` to remove it.
    changes: BTreeMap<PathBuf, Option<PathBuf>>,
    lock: Option<OutputLock>,
}

impl SitePatch {
    pub fn new(site: &Path) -> SitePatch {
        let site = absolute(site);
        SitePatch {
            pending: Working::Patch.beside(&site),
            site,
            started: 0,
            changes: BTreeMap::new(),
            lock: None,
        }
    }

    /// Writes the new version of `rel` (relative to the site root).
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.stage(rel, |tmp| std::fs::write(tmp, bytes))
    }

    /// Copies `from` as the new version of `rel`.
    pub fn copy(&mut self, rel: &str, from: &Path) -> std::io::Result<()> {
        self.stage(rel, |tmp| std::fs::copy(from, tmp).map(|_| ()))
    }

    /// Makes the new version of `rel` with `fill`, which writes the file it is given. A file
    /// `fill` fails to finish is removed at once.
    fn stage(
        &mut self,
        rel: &str,
        fill: impl FnOnce(&Path) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.begin()?;
        let tmp = self.pending.join(self.started.to_string());
        self.started += 1;
        if let Err(e) = fill(&tmp) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        if let Some(Some(earlier)) = self.changes.insert(self.site.join(rel), Some(tmp)) {
            let _ = std::fs::remove_file(earlier);
        }
        Ok(())
    }

    /// Locks the site's folder, and makes the folder of new versions. One patch of a site is
    /// under way at a time (`serve` and `build` apply or drop each before making the next), so
    /// a folder of this process's already there is a leftover.
    fn begin(&mut self) -> std::io::Result<()> {
        if self.lock.is_some() {
            return Ok(());
        }
        let lock = OutputLock::acquire(&self.site)?;
        if self.pending.exists() {
            std::fs::remove_dir_all(&self.pending)?;
        }
        std::fs::create_dir(&self.pending)?;
        self.lock = Some(lock);
        Ok(())
    }

    /// Removes `rel` from the site when the patch is applied.
    pub fn remove(&mut self, rel: &str) {
        let path = self.site.join(rel);
        if let Some(Some(tmp)) = self.changes.insert(path, None) {
            let _ = std::fs::remove_file(tmp);
        }
    }

    /// How many files the patch writes.
    pub fn len(&self) -> usize {
        self.changes.values().filter(|c| c.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Renames every new file into place and removes the obsolete ones. After a failure the
    /// files not yet moved are removed with the folder they wait in.
    pub fn apply(mut self) -> std::io::Result<()> {
        if self.lock.is_none() {
            self.lock = Some(OutputLock::acquire(&self.site)?);
        }
        pause_at("patch-apply");
        let changes = std::mem::take(&mut self.changes);
        let mut result = Ok(());
        let mut moved = 0;
        for (path, change) in changes {
            match change {
                Some(tmp) if result.is_ok() => {
                    let renamed = match path.parent() {
                        Some(parent) => std::fs::create_dir_all(parent),
                        None => Ok(()),
                    }
                    .and_then(|()| std::fs::rename(&tmp, &path));
                    if let Err(e) = renamed {
                        result = Err(e);
                    }
                    moved += 1;
                    if moved == 1 {
                        pause_at("patch-half-applied");
                    }
                }
                Some(_) => {}
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        // Dropping `self` removes the folder, before the lock is let go.
        result
    }
}

impl Drop for SitePatch {
    /// A patch that was not applied (or not wholly) leaves nothing behind.
    fn drop(&mut self) {
        if self.started > 0 {
            let _ = std::fs::remove_dir_all(&self.pending);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file and folder below `dir`, relative to it.
    fn tree(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                let rel = e.path().strip_prefix(dir).expect("below");
                rel.to_string_lossy().into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_site_patch_replaces_files_only_when_applied() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("book");
        std::fs::create_dir(&site).expect("mkdir");
        std::fs::write(site.join("a.html"), "old a").expect("write");
        std::fs::write(site.join("gone.js"), "x").expect("write");
        let mut patch = SitePatch::new(&site);
        patch.write("a.html", b"new a").expect("write");
        patch.write("deep/b.html", b"new b").expect("write");
        patch.remove("gone.js");
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"old a");
        assert_eq!(
            tree(&site),
            ["a.html", "gone.js"],
            "nothing inside the site changes before the patch is applied"
        );
        patch.apply().expect("apply");
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"new a");
        assert_eq!(
            std::fs::read(site.join("deep/b.html")).expect("read"),
            b"new b"
        );
        assert!(!site.join("gone.js").exists());

        // Written twice: the last version; written then removed, or removed then written: the
        // last call.
        let mut twice = SitePatch::new(&site);
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

        let mut dropped = SitePatch::new(&site);
        dropped.write("a.html", b"never").expect("write");
        drop(dropped);
        assert_eq!(std::fs::read(site.join("a.html")).expect("read"), b"second");
        assert_eq!(
            tree(dir.path()),
            ["book", "book/a.html", "book/deep", "book/deep/b.html"]
        );
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_no_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("book");
        std::fs::create_dir(&site).expect("mkdir");
        std::fs::write(site.join("a.html"), "old a").expect("write");
        let before = tree(dir.path());

        let mut patch = SitePatch::new(&site);
        patch.write("study/cards-1.js", b"done").expect("write");
        // As when the disk fills up: part of the file is written, then the write fails.
        let failed = patch.stage("study/cards-2.js", |tmp| {
            std::fs::write(tmp, b"the first half")?;
            Err(std::io::Error::other("no space left on device"))
        });
        assert!(failed.is_err());
        let pending = Working::Patch.beside(&absolute(&site));
        assert_eq!(
            tree(&pending),
            ["0"],
            "the half-written file is removed at once, the finished one waits"
        );
        drop(patch);
        assert_eq!(
            tree(dir.path()),
            before,
            "nothing is left, inside the site or beside it"
        );
    }
}
