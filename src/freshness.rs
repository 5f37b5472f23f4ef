//! Skipping a build whose inputs have not changed, as make and cargo do. After a successful
//! build, a small record in the cache folder keeps a hash of every input (the Prepbook version,
//! book.toml, every content and theme file, the options), the site's shape, and the build's
//! warnings and summary. The next build with the same inputs, onto the same intact site, replays
//! the record instead of building. `--no-cache` always builds.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::Diagnostic;

const RECORD: &str = "last-build.json";

/// What a successful build leaves for the next one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub inputs: String,
    pub output: PathBuf,
    /// Files in the site and their total size, to notice a site changed by hand.
    pub files: u64,
    pub bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    pub questions: usize,
    pub articles: usize,
    pub sections: usize,
    pub tags: usize,
}

/// A hash of everything a build reads. Any change to a file's bytes, a file added, removed or
/// renamed, or another Prepbook version gives another hash.
pub fn inputs(config: &Config, drafts: bool) -> std::io::Result<String> {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    drafts.hash(&mut h);
    config.build.output_dir.hash(&mut h);
    std::fs::read(config.root.join(CONFIG_FILE))?.hash(&mut h);
    for dir in [config.content_dir(), config.theme_dir()] {
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_file() {
                entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .hash(&mut h);
                std::fs::read(entry.path())?.hash(&mut h);
            }
        }
    }
    // The hash of a fixed probe: std may change SipHash between Rust releases.
    let mut probe = DefaultHasher::new();
    "prepbook inputs probe".hash(&mut probe);
    Ok(format!("{:016x}{:016x}", h.finish(), probe.finish()))
}

/// Files and bytes under `dir`.
pub fn shape(dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
}

/// The record of the last build, if it matches these inputs and the site is as it left it.
pub fn fresh(config: &Config, inputs: &str) -> Option<Record> {
    let text = std::fs::read_to_string(config.cache_dir().join(RECORD)).ok()?;
    let record: Record = serde_json::from_str(&text).ok()?;
    let output = config.output_dir();
    if record.inputs != inputs
        || record.output != output
        || !output.join(crate::output::MARKER).is_file()
    {
        return None;
    }
    (shape(&output) == (record.files, record.bytes)).then_some(record)
}

/// Saves the record of a successful build (a failure to save only costs the next build time).
pub fn save(config: &Config, record: &Record) {
    let dir = config.cache_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(text) = serde_json::to_string(record) {
        let tmp = dir.join(format!("{RECORD}.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, dir.join(RECORD));
        }
    }
}
