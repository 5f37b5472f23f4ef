//! Files written beside their final name, then renamed into place, so no reader ever sees half a
//! file: the cache's records, the saved guide, the highlight cache and an export. Each is named
//! `.<name>.prepbook-tmp-<pid>`, so the next run can tell one a killed process left behind
//! (its process is gone) from one a running process is still writing, and remove it.

use std::path::{Path, PathBuf};

const MARK: &str = ".prepbook-tmp-";

/// Where to write `path` before renaming it into place.
pub fn beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{MARK}{}", std::process::id()))
}

/// Removes from `dir` the scratch files whose process is no longer running. Returns how many
/// files and bytes that freed. Where it cannot be told whether a process runs (outside Linux),
/// nothing is removed.
pub fn remove_abandoned(dir: &Path) -> (usize, u64) {
    let mut freed = (0, 0);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return freed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner) else {
            continue;
        };
        if pid == std::process::id() || running(pid) != Some(false) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_file() && std::fs::remove_file(entry.path()).is_ok() {
            freed.0 += 1;
            freed.1 += meta.len();
        }
    }
    freed
}

/// The process a scratch file's name belongs to.
fn owner(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let at = name.rfind(MARK)?;
    name[at + MARK.len()..].parse().ok()
}

/// Whether process `pid` runs, when that can be told.
fn running(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        Some(Path::new("/proc").join(pid.to_string()).exists())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_process() {
        let path = beside(Path::new("/c/guide-state.bin"));
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(path.parent(), Some(Path::new("/c")));
        assert_eq!(owner(name), Some(std::process::id()));
        assert_eq!(owner("guide-state.bin"), None);
        assert_eq!(owner(".x.prepbook-tmp-abc"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_files_of_processes_that_are_gone_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Process ids are below 2^22 on Linux: this one cannot run.
        let gone = dir.path().join(".guide-state.bin.prepbook-tmp-4999999");
        std::fs::write(&gone, [0u8; 300]).expect("write");
        let mine = beside(&dir.path().join("record.json"));
        std::fs::write(&mine, "{}").expect("write");
        // PID 1 always runs.
        let alive = dir.path().join(".cache.bin.prepbook-tmp-1");
        std::fs::write(&alive, "x").expect("write");
        let other = dir.path().join("guide-state.bin");
        std::fs::write(&other, "keep").expect("write");

        assert_eq!(remove_abandoned(dir.path()), (1, 300));
        assert!(!gone.exists());
        assert!(mine.exists() && alive.exists() && other.exists());
    }
}
