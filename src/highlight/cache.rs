//! The highlight cache: highlighted blocks kept between builds, keyed by a hash of the code, its
//! syntax and everything else the HTML depends on, in one file outside the output folder.
//!
//! Memory matters as much as time here: a build already holds every highlighted block in its
//! pages, so the cache never holds a second copy of new blocks. They are appended to a log file
//! as they are made, and [`HighlightCache::save`] writes the next cache file from the blocks of
//! the previous file that this build used plus that log. The file never grows beyond the guide's
//! own code. The one exception is a translated guide: while its languages load, the blocks made
//! for the first are kept in memory too, since a translation's code is mostly its original's
//! ([`HighlightCache::share_between_languages`]), and dropped once they have loaded.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const MAGIC: &[u8; 8] = b"PBHLC02\n";
const FILE_NAME: &str = "highlight.bin";

/// A 128-bit key for one block.
pub type Key = u128;

/// Two SipHash passes with different seeds. std does not promise SipHash stays the same across
/// Rust releases, so the file also stores the key of a fixed probe: a mismatch discards it.
pub fn key(parts: &[&[u8]]) -> Key {
    let half = |seed: u8| {
        let mut h = DefaultHasher::new();
        seed.hash(&mut h);
        for p in parts {
            p.hash(&mut h);
        }
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

fn probe() -> Key {
    key(&[b"prepbook highlight cache probe"])
}

/// Blocks from the previous build, and what this build used or made.
pub struct HighlightCache {
    dir: Option<PathBuf>,
    previous: HashMap<Key, Arc<str>>,
    state: Mutex<State>,
    /// New blocks kept in memory while a translated guide's languages load, so that each
    /// language's copy of a block is highlighted once; `None` the rest of the time.
    shared: Mutex<Option<HashMap<Key, Arc<str>>>>,
}

#[derive(Default)]
struct State {
    /// Keys of previous blocks this build reused.
    reused: HashSet<Key>,
    /// Keys of new blocks, written to `log`.
    fresh: HashSet<Key>,
    log: Option<BufWriter<File>>,
    log_failed: bool,
}

impl HighlightCache {
    /// A cache that keeps nothing (for `--no-cache`, `check`, and tests).
    pub fn disabled() -> HighlightCache {
        HighlightCache {
            dir: None,
            previous: HashMap::new(),
            state: Mutex::new(State::default()),
            shared: Mutex::new(None),
        }
    }

    /// Loads the cache in `dir`. A missing, stale or damaged file is an empty cache, never an
    /// error: the cache only ever saves time.
    pub fn load(dir: &Path) -> HighlightCache {
        let previous = std::fs::read(dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        HighlightCache {
            dir: Some(dir.to_path_buf()),
            previous,
            state: Mutex::new(State::default()),
            shared: Mutex::new(None),
        }
    }

    /// Keeps new blocks in memory (`true`) until called with `false`, which drops them: a
    /// translated guide turns this on while its languages load.
    pub fn share_between_languages(&self, on: bool) {
        if let Ok(mut shared) = self.shared.lock() {
            *shared = on.then(HashMap::new);
        }
    }

    pub fn get(&self, key: Key) -> Option<Arc<str>> {
        let Some(html) = self.previous.get(&key).cloned() else {
            let shared = self.shared.lock().ok()?;
            return shared.as_ref()?.get(&key).cloned();
        };
        if let Ok(mut st) = self.state.lock() {
            st.reused.insert(key);
        }
        Some(html)
    }

    /// Records a new block: written to the log file, and kept in memory only while shared
    /// between languages.
    pub fn insert(&self, key: Key, html: &str) {
        if let Ok(mut shared) = self.shared.lock()
            && let Some(blocks) = shared.as_mut()
        {
            blocks.insert(key, Arc::from(html));
        }
        let Some(dir) = &self.dir else { return };
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        if st.log_failed || !st.fresh.insert(key) {
            return;
        }
        if st.log.is_none() {
            let opened = std::fs::create_dir_all(dir).and_then(|_| File::create(log_path(dir)));
            match opened {
                Ok(f) => st.log = Some(BufWriter::new(f)),
                Err(_) => {
                    st.log_failed = true;
                    return;
                }
            }
        }
        if let Some(log) = st.log.as_mut()
            && write_entry(log, key, html).is_err()
        {
            st.log_failed = true;
        }
    }

    /// Writes the cache for the next build. Failing to write a cache is not worth failing a
    /// build over, so the error is returned for the caller to report as a warning.
    /// Only the blocks this build used are kept, so blocks of deleted code do not pile up.
    pub fn save(&self) -> std::io::Result<()> {
        self.save_with(false)
    }

    /// Writes the cache after a build that looked at a few pages only: every block is kept.
    pub fn save_keeping_unused(&self) -> std::io::Result<()> {
        self.save_with(true)
    }

    fn save_with(&self, keep_unused: bool) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let mut st = match self.state.lock() {
            Ok(s) => s,
            Err(_) => return Ok(()),
        };
        if let Some(mut log) = st.log.take() {
            log.flush()?;
        }
        let log = log_path(dir);
        if st.log_failed {
            let _ = std::fs::remove_file(&log);
            return Ok(());
        }
        if st.reused.is_empty() && st.fresh.is_empty() && self.previous.is_empty() {
            return Ok(());
        }
        // Every block came from the file and every block of the file was used: it is current.
        if st.fresh.is_empty() && (keep_unused || st.reused.len() == self.previous.len()) {
            return Ok(());
        }
        std::fs::create_dir_all(dir)?;
        let tmp = crate::scratch::beside(&dir.join(FILE_NAME));
        let mut out = BufWriter::new(File::create(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&probe().to_le_bytes())?;
        if keep_unused {
            for (key, html) in &self.previous {
                write_entry(&mut out, *key, html)?;
            }
        } else {
            for key in &st.reused {
                if let Some(html) = self.previous.get(key) {
                    write_entry(&mut out, *key, html)?;
                }
            }
        }
        if !st.fresh.is_empty() {
            std::io::copy(&mut File::open(&log)?, &mut out)?;
        }
        out.flush()?;
        drop(out);
        let _ = std::fs::remove_file(&log);
        std::fs::rename(&tmp, dir.join(FILE_NAME))
    }

    /// Blocks in the previous build's cache.
    pub fn len(&self) -> usize {
        self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }
}

impl Drop for HighlightCache {
    /// A run that does not save (`check`, a failed build) leaves no log of its new blocks.
    fn drop(&mut self) {
        let Some(dir) = &self.dir else { return };
        let opened = match self.state.get_mut() {
            Ok(st) => st.log.take().is_some(),
            Err(e) => e.into_inner().log.take().is_some(),
        };
        if opened {
            let _ = std::fs::remove_file(log_path(dir));
        }
    }
}

fn log_path(dir: &Path) -> PathBuf {
    crate::scratch::beside(&dir.join(format!("{FILE_NAME}.log")))
}

fn write_entry(out: &mut impl Write, key: Key, html: &str) -> std::io::Result<()> {
    out.write_all(&key.to_le_bytes())?;
    out.write_all(&(html.len() as u64).to_le_bytes())?;
    out.write_all(html.as_bytes())
}

fn decode(bytes: &[u8]) -> Option<HashMap<Key, Arc<str>>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (probe_bytes, mut rest) = rest.split_at_checked(16)?;
    if Key::from_le_bytes(probe_bytes.try_into().ok()?) != probe() {
        return None;
    }
    let mut map = HashMap::new();
    while !rest.is_empty() {
        let (k, r) = rest.split_at_checked(16)?;
        let (len, r) = r.split_at_checked(8)?;
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (html, r) = r.split_at_checked(len)?;
        map.insert(
            Key::from_le_bytes(k.try_into().ok()?),
            Arc::from(std::str::from_utf8(html).ok()?),
        );
        rest = r;
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_blocks_come_back_in_the_next_build() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = HighlightCache::load(dir.path());
        let k = key(&[b"python", b"print(1)"]);
        let other = key(&[b"python", b"print(2)"]);
        assert!(first.get(k).is_none());
        first.insert(k, "<span>print</span>(1)");
        first.insert(other, "<span>print</span>(2)");
        first.save().expect("save");

        let second = HighlightCache::load(dir.path());
        assert_eq!(second.len(), 2);
        assert_eq!(second.get(k).as_deref(), Some("<span>print</span>(1)"));
        // Only what a build used is kept: `other` was not asked for.
        second.save().expect("save");
        let third = HighlightCache::load(dir.path());
        assert_eq!(third.len(), 1);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no log or temp file left: {names:?}");
    }

    #[test]
    fn blocks_are_shared_between_languages_only_while_they_load() {
        // With --no-cache too: a translated guide's languages still share their blocks.
        let cache = HighlightCache::disabled();
        let k = key(&[b"python", b"print(1)"]);
        cache.insert(k, "before");
        assert!(cache.get(k).is_none(), "nothing kept before sharing");
        cache.share_between_languages(true);
        cache.insert(k, "<span>print</span>(1)");
        assert_eq!(cache.get(k).as_deref(), Some("<span>print</span>(1)"));
        cache.share_between_languages(false);
        assert!(cache.get(k).is_none(), "the shared blocks are dropped");
    }

    #[test]
    fn a_cache_dropped_unsaved_leaves_no_log() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = HighlightCache::load(dir.path());
        cache.insert(key(&[b"python", b"x = 1"]), "x = 1");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
        drop(cache);
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_damaged_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE_NAME), b"PBHLC02\ngarbage").expect("write");
        assert!(HighlightCache::load(dir.path()).is_empty());
    }

    #[test]
    fn keys_depend_on_every_part() {
        assert_ne!(key(&[b"a", b"bc"]), key(&[b"ab", b"c"]));
        assert_eq!(key(&[b"x"]), key(&[b"x"]));
    }
}
