//! Putting a finished site in place of the output folder. On Linux the two folders are
//! exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so the output folder is never
//! missing, not even for a moment; where the filesystem or the system cannot exchange, the old
//! site is renamed aside and the new one renamed in.

use std::io;
use std::path::{Path, PathBuf};

/// Where the previous site went.
#[derive(Debug, PartialEq, Eq)]
pub enum Swapped {
    /// It is now at the new site's former path.
    Exchanged,
    /// It was renamed to this path (or there was none).
    Renamed(Option<PathBuf>),
}

/// Puts the folder `new` in place of `output` (all three paths in one folder).
pub fn swap_in(new: &Path, output: &Path, aside: &Path) -> io::Result<Swapped> {
    if std::fs::symlink_metadata(output).is_err() {
        std::fs::rename(new, output)?;
        return Ok(Swapped::Renamed(None));
    }
    if exchange(new, output)? {
        return Ok(Swapped::Exchanged);
    }
    rename_in(new, output, aside)
}

/// The fallback: `output` is renamed to `aside`, `new` to `output`. Between the two there is no
/// output folder; if the build is killed there, the next one puts `aside` back
/// ([`super::leftovers`]).
pub fn rename_in(new: &Path, output: &Path, aside: &Path) -> io::Result<Swapped> {
    std::fs::rename(output, aside)?;
    if let Err(e) = std::fs::rename(new, output) {
        let _ = std::fs::rename(aside, output);
        return Err(e);
    }
    Ok(Swapped::Renamed(Some(aside.to_path_buf())))
}

/// Exchanges two folders at once: `Ok(false)` where that cannot be done (an old kernel, a
/// filesystem without it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // EINVAL: the filesystem does not know the flag; ENOSYS: the kernel has no renameat2.
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(path: &Path, text: &str) {
        std::fs::create_dir_all(path).expect("mkdir");
        std::fs::write(path.join("index.html"), text).expect("write");
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path.join("index.html")).expect("read")
    }

    #[test]
    fn a_new_site_takes_the_place_of_the_old_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (new, out, aside) = (
            dir.path().join(".book.new"),
            dir.path().join("book"),
            dir.path().join(".book.old"),
        );
        // No site yet: renamed in.
        folder_with(&new, "one");
        assert_eq!(
            swap_in(&new, &out, &aside).expect("swap"),
            Swapped::Renamed(None)
        );
        assert_eq!(read(&out), "one");
        assert!(!new.exists());

        // A site: exchanged where the filesystem can (the old site is then at `new`).
        folder_with(&new, "two");
        let swapped = swap_in(&new, &out, &aside).expect("swap");
        assert_eq!(read(&out), "two");
        let old = match &swapped {
            Swapped::Exchanged => new.clone(),
            Swapped::Renamed(old) => old.clone().expect("the old site was put aside"),
        };
        assert_eq!(read(&old), "one");
        // Linux's own filesystems (ext4, btrfs, xfs, tmpfs) all can; the tests run on one.
        if cfg!(target_os = "linux") {
            assert_eq!(swapped, Swapped::Exchanged);
        }
        std::fs::remove_dir_all(&old).expect("remove");

        // The fallback, as on a filesystem that cannot exchange.
        folder_with(&new, "three");
        assert_eq!(
            rename_in(&new, &out, &aside).expect("rename"),
            Swapped::Renamed(Some(aside.clone()))
        );
        assert_eq!(read(&out), "three");
        assert_eq!(read(&aside), "two");
    }

    #[test]
    fn a_failed_rename_puts_the_old_site_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (out, aside) = (dir.path().join("book"), dir.path().join(".book.old"));
        folder_with(&out, "kept");
        let missing = dir.path().join("never-written");
        assert!(rename_in(&missing, &out, &aside).is_err());
        assert_eq!(read(&out), "kept");
        assert!(!aside.exists());
        assert!(swap_in(&missing, &out, &aside).is_err());
        assert_eq!(read(&out), "kept");
    }
}
