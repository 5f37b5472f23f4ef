//! Knowing what changed since the last build, as make and cargo do. After a successful build, a
//! small record in the cache folder keeps a digest of every input (the Prepbook version,
//! book.toml, every content and theme file, the options), the site's shape, and the build's
//! warnings and summary. The next build with the same inputs, onto the same intact site, replays
//! the record instead of building; one after an edit learns which files changed
//! ([`Inputs::edited_since`]). `--no-cache` always builds.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::confine::{self, GuideRoot};
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
    /// Each other language's code and translated questions (none in a record written before
    /// translations were counted).
    #[serde(default)]
    pub translations: Vec<(String, usize)>,
}

/// What a build reads, each file by a hash of its bytes. Two scans are equal exactly when a
/// build of either would read the same things.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// Prepbook's version, the options, the output folder and the hasher itself.
    pub settings: u64,
    /// `book.toml`, then `content:<path>` and `theme:<path>` for each file of those folders, and
    /// `left-out:content:<path>` for each link or name the build leaves out.
    pub files: BTreeMap<String, u64>,
}

const CONTENT: &str = "content:";
/// The key of a thing the build leaves out (a link leading outside the guide): any change to it
/// needs a whole build.
const LEFT_OUT: &str = "left-out:";

impl Inputs {
    /// Reads and hashes every input of a build of `config` (files in parallel).
    pub fn scan(config: &Config, drafts: bool) -> std::io::Result<Inputs> {
        let mut settings = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut settings);
        drafts.hash(&mut settings);
        config.build.output_dir.hash(&mut settings);
        // The hash of a fixed probe: std may change SipHash between Rust releases.
        "prepbook inputs probe".hash(&mut settings);
        let mut paths = vec![(CONFIG_FILE.to_string(), config.root.join(CONFIG_FILE))];
        let mut left_out = Vec::new();
        let root = GuideRoot::new(&config.root);
        for (prefix, dir) in [
            (CONTENT, config.content_dir()),
            ("theme:", config.theme_dir()),
        ] {
            if !dir.is_dir() {
                continue;
            }
            // The same walk as the build's, so the scan reads exactly what a build would.
            let walk = confine::walk(&root, &dir, &|_| false)
                .map_err(|d| std::io::Error::other(d.to_string()))?;
            for file in walk.files {
                paths.push((format!("{prefix}{}", file.rel), file.path));
            }
            // What was left out is never read, but where a link leads is part of the warning.
            for l in walk.left_out {
                let mut h = DefaultHasher::new();
                l.warning.message.hash(&mut h);
                left_out.push((format!("{LEFT_OUT}{prefix}{}", l.rel), h.finish()));
            }
        }
        let mut files = paths
            .into_par_iter()
            .map(|(key, path)| {
                // Streamed, so a big file (an image, a video, a Markdown file the build will
                // refuse for its size) is never held in memory whole.
                let mut h = DefaultHasher::new();
                let mut file = std::fs::File::open(&path)?;
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = file.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    h.write(&buf[..n]);
                }
                Ok((key, h.finish()))
            })
            .collect::<std::io::Result<BTreeMap<String, u64>>>()?;
        files.extend(left_out);
        Ok(Inputs {
            settings: settings.finish(),
            files,
        })
    }

    /// One hash of all of it: any change to a file's bytes, a file added, removed or renamed, or
    /// another Prepbook version gives another digest.
    pub fn digest(&self) -> String {
        let mut h = DefaultHasher::new();
        self.settings.hash(&mut h);
        for (key, file) in &self.files {
            key.hash(&mut h);
            file.hash(&mut h);
        }
        format!("{:016x}{:08x}", h.finish(), self.files.len())
    }

    /// The content files (paths relative to the content folder) whose bytes differ from
    /// `before`, when nothing else differs: the same settings, the same set of files, the same
    /// `book.toml` and theme. `None` when anything else changed.
    pub fn edited_since(&self, before: &Inputs) -> Option<Vec<String>> {
        if self.settings != before.settings || self.files.len() != before.files.len() {
            return None;
        }
        let mut edited = Vec::new();
        for ((key, now), (key_before, then)) in self.files.iter().zip(&before.files) {
            if key != key_before {
                return None;
            }
            if now != then {
                edited.push(key.strip_prefix(CONTENT)?.to_string());
            }
        }
        Some(edited)
    }
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

/// The record of the last build, if the site it describes is still as that build left it.
pub fn last(config: &Config) -> Option<Record> {
    let text = std::fs::read_to_string(config.cache_dir().join(RECORD)).ok()?;
    let record: Record = serde_json::from_str(&text).ok()?;
    let output = config.output_dir();
    if record.output != output || !output.join(crate::output::MARKER).is_file() {
        return None;
    }
    (shape(&output) == (record.files, record.bytes)).then_some(record)
}

/// Forgets the last build, before anything changes the site without a new record (`serve`,
/// `--no-cache`, a patch being written).
pub fn forget(config: &Config) {
    let _ = std::fs::remove_file(config.cache_dir().join(RECORD));
}

/// Saves the record of a successful build (a failure to save only costs the next build time).
pub fn save(config: &Config, record: &Record) {
    let dir = config.cache_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(text) = serde_json::to_string(record) {
        let tmp = crate::scratch::beside(&dir.join(RECORD));
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, dir.join(RECORD));
        }
    }
}
