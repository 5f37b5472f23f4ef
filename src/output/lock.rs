//! Builds of one output folder take turns: each holds a lock on a file beside it
//! (`.book.prepbook-lock`) from its first write to its last, so two builds, or a build and
//! `serve`, never write the same folder at once, and a build may remove whatever working
//! folders it finds there ([`super::leftovers`]). A second build waits, saying so. The lock
//! is the operating system's (`flock` on Unix): a killed build lets go of it at once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

use super::folder::{absolute, lock_file};
use crate::diagnostics::display_path;

/// The lock on an output folder. Clones share it; it is let go when the last one is dropped.
///
/// Within one thread the lock is re-entrant: a build holds it from start to end, and the
/// [`Staging`](super::Staging) or [`SitePatch`](super::SitePatch) it makes takes it again
/// without waiting for itself.
#[derive(Debug, Clone)]
pub struct OutputLock {
    _held: Arc<Held>,
}

#[derive(Debug)]
struct Held {
    path: PathBuf,
    file: File,
}

thread_local! {
    /// The locks this thread holds, by output folder.
    static HELD: RefCell<HashMap<PathBuf, Weak<Held>>> = RefCell::new(HashMap::new());
}

impl OutputLock {
    /// Locks `output`, waiting for another build to finish if one holds it. The folder that
    /// holds `output` is made if needed.
    pub fn acquire(output: &Path) -> std::io::Result<OutputLock> {
        // One spelling per folder, so a build that locks it again finds its own lock.
        let output = &absolute(output);
        let path = lock_file(output);
        let mine = HELD.with(|h| h.borrow().get(&path).and_then(Weak::upgrade));
        if let Some(held) = mine {
            return Ok(OutputLock { _held: held });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let held = Arc::new(lock(&path, output)?);
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            h.retain(|_, w| w.strong_count() > 0);
            h.insert(path, Arc::downgrade(&held));
        });
        Ok(OutputLock { _held: held })
    }
}

fn lock(path: &Path, output: &Path) -> std::io::Result<Held> {
    let mut said = false;
    loop {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                // Another thread of this process lets go in a moment: no need to say so.
                if !said && holder != Some(std::process::id()) {
                    let pid = holder
                        .map(|p| format!(" (process {p})"))
                        .unwrap_or_default();
                    say_err!(
                        "waiting for another Prepbook build of `{}`{pid} to finish",
                        display_path(output).display()
                    );
                    said = true;
                }
                file.lock()?;
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        // The build before us removes the file as it lets go: a lock on a file no longer
        // there keeps no one out, so take the one that is there now.
        if is_at(&file, path) {
            file.set_len(0)?;
            write!(file, "{}", std::process::id())?;
            return Ok(Held {
                path: path.to_path_buf(),
                file,
            });
        }
    }
}

/// The process that holds the lock, as it wrote itself in the file.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_file: &File, _path: &Path) -> bool {
    // The file is never removed here (below), so it is always the one at the path.
    true
}

impl Drop for Held {
    /// Removes the lock file while still holding it, then lets go (closing the file does).
    /// Elsewhere than on Unix an open file may not be removable, and the empty file stays.
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_are_kept_out_and_one_thread_may_lock_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("book");
        let first = OutputLock::acquire(&out).expect("lock");
        // The same thread again: at once.
        let again = OutputLock::acquire(&out).expect("lock again");
        let lock_path = lock_file(&out);
        let pid = std::fs::read_to_string(&lock_path).expect("the lock file names its holder");
        assert_eq!(pid, std::process::id().to_string());

        // Anyone else (another process, or another thread) is kept out while either is held.
        let try_other = || {
            let file = File::open(&lock_path).expect("open the lock file");
            matches!(file.try_lock(), Err(TryLockError::WouldBlock))
        };
        drop(first);
        assert!(try_other(), "the lock is free while a clone still holds it");
        drop(again);
        assert!(!lock_path.exists(), "the last holder removes the lock file");

        // Then another thread takes it at once.
        let out2 = out.clone();
        std::thread::spawn(move || OutputLock::acquire(&out2).map(drop))
            .join()
            .expect("join")
            .expect("the lock is free again");
    }
}
