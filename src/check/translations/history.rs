//! When each file of a translated guide last changed: by git history where the content folder is
//! in a git repository and `git` is installed (the last commit touching the file), else by its
//! modification time. A fresh clone gives every file the same modification time, so history is
//! the better clock; a file with uncommitted changes (or none committed) is timed by its
//! modification time even then. Git runs twice per `check` (`log` and `diff`), never per file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::UNIX_EPOCH;

/// Modification times closer than this are taken as equal: copying a guide writes its files a
/// moment apart, in no particular order (and FAT keeps times to 2 s).
const SAME_TIME_SECONDS: i64 = 2;

/// Which clock timed a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clock {
    /// The last commit touching it: its place in `git log` (0 the newest), abbreviated hash and
    /// date.
    Commit {
        order: usize,
        hash: String,
        date: String,
    },
    /// Its modification time.
    ModifiedTime,
}

/// When one file last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    /// Seconds since 1970 (a commit's or the file's time).
    seconds: i64,
    clock: Clock,
}

/// The last change of each file asked for.
#[derive(Debug, Default)]
pub struct LastChanges {
    files: HashMap<String, Change>,
    /// Whether the content folder is in a git repository with history.
    git: bool,
}

/// A translation that changed before its original, and how that was told.
pub struct Older {
    original: Change,
    translation: Change,
    git: bool,
}

impl LastChanges {
    /// The last change of each of `files` (relative to `content_dir`, `/`-separated).
    pub fn of(content_dir: &Path, files: &[&str]) -> LastChanges {
        let history = git_history(content_dir);
        let dirty = history
            .as_ref()
            .map(|_| git_dirty(content_dir))
            .unwrap_or_default();
        let mut out = LastChanges {
            files: HashMap::new(),
            git: history.is_some(),
        };
        for &file in files {
            let committed = history
                .as_ref()
                .filter(|_| !dirty.contains(file))
                .and_then(|h| h.get(file).cloned());
            let change = committed.or_else(|| {
                let modified = std::fs::metadata(content_dir.join(file))
                    .and_then(|m| m.modified())
                    .ok()?;
                let seconds = modified.duration_since(UNIX_EPOCH).ok()?.as_secs();
                Some(Change {
                    seconds: i64::try_from(seconds).unwrap_or(i64::MAX),
                    clock: Clock::ModifiedTime,
                })
            });
            if let Some(change) = change {
                out.files.insert(file.to_string(), change);
            }
        }
        out
    }

    /// Whether `translation` last changed before `original`: by commit order when both are
    /// committed as they are, else by time.
    pub fn compare(&self, original: &str, translation: &str) -> Option<Older> {
        let o = self.files.get(original)?;
        let t = self.files.get(translation)?;
        let older = match (&o.clock, &t.clock) {
            (Clock::Commit { order: a, .. }, Clock::Commit { order: b, .. }) => b > a,
            _ => t.seconds + SAME_TIME_SECONDS < o.seconds,
        };
        older.then(|| Older {
            original: o.clone(),
            translation: t.clone(),
            git: self.git,
        })
    }
}

impl Older {
    /// What was compared, and how to see what the translation misses. `original` is the
    /// original's path as diagnostics show it.
    pub fn explain(&self, original: &str) -> String {
        match (&self.original.clock, &self.translation.clock) {
            (
                Clock::Commit { hash, date, .. },
                Clock::Commit {
                    hash: since,
                    date: then,
                    ..
                },
            ) => format!(
                "by git history: `{original}` last changed in commit {hash} ({date}), this translation in {since} ({then}); `git diff {since} -- {original}` shows what to translate"
            ),
            _ => {
                let why = if self.git {
                    "one of the two has uncommitted changes"
                } else {
                    "the guide is not in a git repository"
                };
                format!(
                    "by modification time ({why}): `{original}` was modified {} after this file; bring the translation up to date",
                    span(self.original.seconds - self.translation.seconds)
                )
            }
        }
    }
}

/// `90` -> `2 minutes`: how long, roughly.
fn span(seconds: i64) -> String {
    let (n, unit) = match seconds {
        s if s < 120 => (s, "second"),
        s if s < 2 * 3600 => (s / 60, "minute"),
        s if s < 2 * 86400 => (s / 3600, "hour"),
        s => (s / 86400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Runs `git` in `dir`; its output when it ran and succeeded. `git` is optional: without it,
/// or outside a repository, this is `None`.
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// The last commit touching each file under `dir`, by path relative to it.
fn git_history(dir: &Path) -> Option<HashMap<String, Change>> {
    // Each commit: \x01<time> <hash> <date>\0\n<file>\0<file>\0...
    let log = git(
        dir,
        &[
            "log",
            "--format=%x01%ct %h %cs",
            "--name-only",
            "-z",
            "--relative",
            "--",
            ".",
        ],
    )?;
    Some(parse_log(&String::from_utf8_lossy(&log)))
}

fn parse_log(log: &str) -> HashMap<String, Change> {
    let mut files = HashMap::new();
    for (order, commit) in log.split('\u{1}').skip(1).enumerate() {
        let mut parts = commit.split('\0');
        let mut header = parts.next().unwrap_or("").split(' ');
        let seconds = header.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let hash = header.next().unwrap_or("").to_string();
        let date = header.next().unwrap_or("").to_string();
        for name in parts {
            let name = name.trim_start_matches('\n');
            if name.is_empty() || files.contains_key(name) {
                continue; // the newest commit comes first
            }
            let clock = Clock::Commit {
                order,
                hash: hash.clone(),
                date: date.clone(),
            };
            files.insert(name.to_string(), Change { seconds, clock });
        }
    }
    files
}

/// Files under `dir` whose text differs from the last commit's (staged or not).
fn git_dirty(dir: &Path) -> HashSet<String> {
    let diff = git(
        dir,
        &["diff", "--name-only", "--relative", "-z", "HEAD", "--", "."],
    )
    .unwrap_or_default();
    String::from_utf8_lossy(&diff)
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_gives_each_file_its_newest_commit() {
        let log = "\u{1}200 bbb 2026-12-02\0\na.md\0\u{1}100 aaa 2026-12-01\0\na.md\0a.zh.md\0";
        let files = parse_log(log);
        assert_eq!(files["a.md"].seconds, 200);
        assert_eq!(
            files["a.zh.md"].clock,
            Clock::Commit {
                order: 1,
                hash: "aaa".into(),
                date: "2026-12-01".into()
            }
        );
        let changes = LastChanges { files, git: true };
        let older = changes.compare("a.md", "a.zh.md").expect("older");
        assert!(
            older
                .explain("content/a.md")
                .contains("git diff aaa -- content/a.md")
        );
        assert!(changes.compare("a.zh.md", "a.md").is_none());
    }

    #[test]
    fn modification_times_a_moment_apart_are_the_same() {
        let at = |seconds| Change {
            seconds,
            clock: Clock::ModifiedTime,
        };
        let changes = LastChanges {
            files: HashMap::from([
                ("a.md".into(), at(1000)),
                ("a.zh.md".into(), at(999)),
                ("b.zh.md".into(), at(100)),
            ]),
            git: false,
        };
        assert!(changes.compare("a.md", "a.zh.md").is_none());
        let older = changes.compare("a.md", "b.zh.md").expect("older");
        assert!(older.explain("a.md").contains("15 minutes after"));
        assert!(older.explain("a.md").contains("not in a git repository"));
    }
}
