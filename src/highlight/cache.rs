//! The highlight cache: highlighted blocks kept between builds, keyed by a hash of the code, its
//! syntax and everything else the HTML depends on, in one file outside the output folder. A
//! rebuild reads it once, and writes back only the blocks the build used, so it never grows
//! beyond the guide's own code.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const MAGIC: &[u8; 8] = b"PBHLC01\n";
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

/// Blocks from the previous build, and the blocks this build used.
pub struct HighlightCache {
    dir: Option<PathBuf>,
    previous: HashMap<Key, Arc<str>>,
    used: Mutex<HashMap<Key, Arc<str>>>,
}

impl HighlightCache {
    /// A cache that keeps nothing (for `--no-cache`, `check`, and tests).
    pub fn disabled() -> HighlightCache {
        HighlightCache {
            dir: None,
            previous: HashMap::new(),
            used: Mutex::new(HashMap::new()),
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
            used: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: Key) -> Option<Arc<str>> {
        let html = self.previous.get(&key)?.clone();
        if let Ok(mut used) = self.used.lock() {
            used.insert(key, html.clone());
        }
        Some(html)
    }

    pub fn insert(&self, key: Key, html: &str) {
        if self.dir.is_none() {
            return;
        }
        if let Ok(mut used) = self.used.lock() {
            used.insert(key, Arc::from(html));
        }
    }

    /// Writes the blocks this build used. Failing to write a cache is not worth failing a build
    /// over, so the error is returned for the caller to report as a warning.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let used = match self.used.lock() {
            Ok(u) => u,
            Err(_) => return Ok(()),
        };
        if used.is_empty() && self.previous.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(dir)?;
        let mut bytes = Vec::with_capacity(used.values().map(|h| h.len() + 20).sum::<usize>() + 32);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&probe().to_le_bytes());
        let mut keys: Vec<&Key> = used.keys().collect();
        keys.sort();
        for k in keys {
            let html = &used[k];
            bytes.extend_from_slice(&k.to_le_bytes());
            bytes.extend_from_slice(&(html.len() as u64).to_le_bytes());
            bytes.extend_from_slice(html.as_bytes());
        }
        let tmp = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, &bytes)?;
        std::fs::rename(&tmp, dir.join(FILE_NAME))
    }

    pub fn len(&self) -> usize {
        self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }
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
        assert!(first.get(k).is_none());
        first.insert(k, "<span>print</span>(1)");
        first.save().expect("save");

        let second = HighlightCache::load(dir.path());
        assert_eq!(second.get(k).as_deref(), Some("<span>print</span>(1)"));
        // Only what a build used is kept.
        second.save().expect("save");
        let third = HighlightCache::load(dir.path());
        assert_eq!(third.len(), 1);
    }

    #[test]
    fn a_damaged_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE_NAME), b"PBHLC01\ngarbage").expect("write");
        assert!(HighlightCache::load(dir.path()).is_empty());
    }

    #[test]
    fn keys_depend_on_every_part() {
        assert_ne!(key(&[b"a", b"bc"]), key(&[b"ab", b"c"]));
        assert_eq!(key(&[b"x"]), key(&[b"x"]));
    }
}
