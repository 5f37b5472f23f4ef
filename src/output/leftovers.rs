//! What an interrupted build left beside the output folder (a staging folder, an old site, an
//! edit's files: [`Working`]), removed by the next build before it writes anything, and how
//! much room that gave back. Where a build was killed between renaming the old site aside and
//! the new one in (only where folders cannot be exchanged), the old site is put back first.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::folder::{MARKER, Working};
use super::lock::OutputLock;

/// What [`remove_leftovers`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Freed {
    /// Working folders removed.
    pub folders: usize,
    /// Half-written files removed (the cache's, see [`crate::scratch`]).
    pub files: usize,
    /// Bytes given back: the files that had no other link left (an unchanged page of a staging
    /// folder is a link to the site's, so removing it frees nothing).
    pub bytes: u64,
    /// The output folder was missing, and the previous site was put back in its place.
    pub restored: bool,
}

impl Freed {
    pub fn is_empty(&self) -> bool {
        *self == Freed::default()
    }
}

impl fmt::Display for Freed {
    /// `removed 2 folders left by an interrupted build (312 MB)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.restored {
            write!(
                f,
                "put back the previous site, moved aside by an interrupted build"
            )?;
            if self.folders + self.files > 0 {
                write!(f, "; ")?;
            }
        }
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let removed = match (self.folders, self.files) {
            (0, 0) => return Ok(()),
            (folders, 0) => plural(folders, "folder"),
            (0, files) => plural(files, "file"),
            (folders, files) => format!(
                "{} and {}",
                plural(folders, "folder"),
                plural(files, "file")
            ),
        };
        write!(
            f,
            "removed {removed} left by an interrupted build ({})",
            size(self.bytes)
        )?;
        Ok(())
    }
}

/// `312 MB`, `4.2 MB`, `18 KB`, `0 bytes`.
fn size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b >= 10.0 * KB * KB {
        format!("{:.0} MB", b / KB / KB)
    } else if b >= KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else if bytes >= 1000 {
        format!("{:.0} KB", b / KB)
    } else if bytes == 1 {
        "1 byte".into()
    } else {
        format!("{bytes} bytes")
    }
}

/// Removes every working folder beside `output` (as [`super::absolute`] spells it). Holding
/// the lock proves no other build is using them.
pub fn remove_leftovers(output: &Path, _lock: &OutputLock) -> std::io::Result<Freed> {
    let Some(parent) = output.parent() else {
        return Ok(Freed::default());
    };
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        // No folder yet, nothing left in it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Freed::default()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(kind) = name.to_str().and_then(|n| Working::of(output, n)) else {
            continue;
        };
        // Only folders: Prepbook's working folders are never files.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.push((kind, entry.path()));
        }
    }
    let mut freed = Freed::default();
    if std::fs::symlink_metadata(output).is_err() {
        let old = found
            .iter()
            .position(|(kind, path)| *kind == Working::Old && path.join(MARKER).is_file());
        if let Some(i) = old {
            let (_, path) = found.remove(i);
            std::fs::rename(&path, output)?;
            freed.restored = true;
        }
    }
    let mut links = Links::default();
    for (_, path) in &found {
        links.count(path);
    }
    for (_, path) in &found {
        std::fs::remove_dir_all(path)?;
        freed.folders += 1;
    }
    freed.bytes = links.freed();
    Ok(freed)
}

/// The files of some folders, by inode, to tell what removing them frees.
#[derive(Default)]
struct Links {
    /// (device, inode) -> (size, links it has, links of it found).
    files: HashMap<(u64, u64), (u64, u64, u64)>,
    /// Files whose inode is unknown (counted whole).
    other: u64,
}

impl Links {
    fn count(&mut self, dir: &Path) {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            match inode(&meta) {
                Some((key, nlink)) => {
                    let file = self.files.entry(key).or_insert((meta.len(), nlink, 0));
                    file.2 += 1;
                }
                None => self.other += meta.len(),
            }
        }
    }

    /// Bytes of the files all of whose links were found.
    fn freed(&self) -> u64 {
        let linked: u64 = self
            .files
            .values()
            .filter(|(_, nlink, found)| found >= nlink)
            .map(|(len, _, _)| len)
            .sum();
        linked + self.other
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> Option<((u64, u64), u64)> {
    use std::os::unix::fs::MetadataExt;
    Some(((meta.dev(), meta.ino()), meta.nlink()))
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> Option<((u64, u64), u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_names::names;

    #[test]
    fn leftovers_of_any_process_are_removed_and_measured() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("book");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join(MARKER), "").expect("write");
        std::fs::write(out.join("shared.html"), [b'x'; 5000]).expect("write");
        let staging = dir.path().join(".book.prepbook-tmp-4242");
        std::fs::create_dir_all(staging.join("deep")).expect("mkdir");
        std::fs::write(staging.join("deep/new.html"), [b'y'; 3000]).expect("write");
        // An unchanged page, linked from the site: removing it frees nothing.
        std::fs::hard_link(out.join("shared.html"), staging.join("shared.html")).expect("link");
        let patch = dir.path().join(".book.prepbook-patch-7");
        std::fs::create_dir(&patch).expect("mkdir");
        std::fs::write(patch.join("0"), [b'z'; 200]).expect("write");
        // Another output's, and a file of the same shape: not ours to remove.
        std::fs::create_dir(dir.path().join(".site.prepbook-tmp-1")).expect("mkdir");
        std::fs::write(dir.path().join(".book.prepbook-old-3"), "a file").expect("write");

        let lock = OutputLock::acquire(&out).expect("lock");
        let freed = remove_leftovers(&out, &lock).expect("clean");
        assert_eq!(
            freed,
            Freed {
                folders: 2,
                files: 0,
                bytes: 3200,
                restored: false
            }
        );
        assert_eq!(
            freed.to_string(),
            "removed 2 folders left by an interrupted build (3 KB)"
        );
        assert_eq!(
            names(dir.path()),
            [
                ".book.prepbook-lock",
                ".book.prepbook-old-3",
                ".site.prepbook-tmp-1",
                "book"
            ]
        );
        assert_eq!(
            std::fs::read(out.join("shared.html")).expect("read").len(),
            5000
        );
        assert!(remove_leftovers(&out, &lock).expect("clean").is_empty());
    }

    #[test]
    fn an_old_site_without_a_new_one_is_put_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("book");
        let old = dir.path().join(".book.prepbook-old-55");
        std::fs::create_dir(&old).expect("mkdir");
        std::fs::write(old.join(MARKER), "").expect("write");
        std::fs::write(old.join("index.html"), "the old site").expect("write");
        let staging = dir.path().join(".book.prepbook-tmp-55");
        std::fs::create_dir(&staging).expect("mkdir");
        std::fs::write(staging.join(MARKER), "").expect("write");

        let lock = OutputLock::acquire(&out).expect("lock");
        let freed = remove_leftovers(&out, &lock).expect("clean");
        assert!(freed.restored);
        assert_eq!(freed.folders, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "the old site"
        );
        assert_eq!(names(dir.path()), [".book.prepbook-lock", "book"]);
    }

    #[test]
    fn sizes_read_like_a_person_would_write_them() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(18_400), "18 KB");
        assert_eq!(size(4_200_000), "4.2 MB");
        assert_eq!(size(312_400_000), "312 MB");
    }
}
