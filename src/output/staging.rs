//! A whole site being written: into a staging folder beside the output folder, put in place
//! only when the whole build succeeded ([`super::publish`]), so a failed build leaves the
//! previous site untouched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::folder::{MARKER, Working, absolute};
use super::lock::OutputLock;
use super::pause::pause_at;
use super::publish::{Swapped, swap_in};

/// A site being written: files go to a fresh folder next to the output, then [`Staging::publish`]
/// swaps it in. The output folder stays locked ([`OutputLock`]) until then.
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
    _lock: OutputLock,
}

impl Staging {
    pub fn new(output: &Path) -> std::io::Result<Staging> {
        let output = absolute(output);
        let lock = OutputLock::acquire(&output)?;
        let dir = Working::Staging.beside(&output);
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
            _lock: lock,
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

    /// Puts the finished site in place of the output folder (at once where the filesystem can
    /// exchange two folders, see [`super::publish`]), then removes the old site.
    pub fn publish(self) -> std::io::Result<()> {
        pause_at("publish");
        let aside = Working::Old.beside(&self.output);
        match swap_in(&self.dir, &self.output, &aside)? {
            // The old site is where the new one was: dropping `self` removes it.
            Swapped::Exchanged => pause_at("exchanged"),
            Swapped::Renamed(Some(old)) => {
                let _ = std::fs::remove_dir_all(old);
            }
            Swapped::Renamed(None) => {}
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not publish leaves nothing behind; one that did leaves no old site.
    /// (Should removing fail, the next build removes what is left.)
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_names::names;

    #[test]
    fn publish_replaces_the_old_site_and_drop_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("book");
        let first = Staging::new(&out).expect("staging");
        first.write("index.html", b"one").expect("write");
        first.write("same.css", b"kept").expect("write");
        first.publish().expect("publish");
        assert_eq!(std::fs::read(out.join("index.html")).expect("read"), b"one");
        assert!(out.join(MARKER).is_file());
        assert_eq!(names(dir.path()), ["book"], "nothing but the site is left");

        let failed = Staging::new(&out).expect("staging");
        failed.write("index.html", b"half").expect("write");
        drop(failed);
        assert_eq!(std::fs::read(out.join("index.html")).expect("read"), b"one");
        assert_eq!(
            names(dir.path()),
            ["book"],
            "a dropped staging folder is gone"
        );

        let second = Staging::new(&out).expect("staging");
        second.write("index.html", b"two").expect("write");
        second.write("same.css", b"kept").expect("write");
        assert_eq!(
            second.linked(),
            1,
            "an unchanged file is linked, not written"
        );
        second.publish().expect("publish");
        assert_eq!(std::fs::read(out.join("index.html")).expect("read"), b"two");
        assert_eq!(std::fs::read(out.join("same.css")).expect("read"), b"kept");
        assert_eq!(names(dir.path()), ["book"], "the old site is removed");
    }
}
