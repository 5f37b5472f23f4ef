//! Watching a guide for `serve`: `book.toml`, the content folder and `themes/`; and sorting a
//! burst of changed paths into what must be rebuilt. Editors save in several steps (a swap
//! file, a backup, a rename over the original), so events go through `notify-debouncer-full`,
//! which holds each back until [`QUIET`] has passed, joins a rename's two halves and forgets a
//! file made and removed meanwhile; [`classify`] then sorts all the paths of a batch at once.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, ModifyKind};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};

use crate::config::{CONFIG_FILE, Config};
use crate::content::Guide;
use crate::content::discover::{CONTRIBUTOR_NOTES, relative};
use crate::content::update::question_at;

/// More changed paths than this in one burst (a `git checkout`, say) rebuild everything.
const MANY: usize = 32;
/// How long an event is held back, so the other events of the same save join it.
pub const QUIET: Duration = Duration::from_millis(30);

/// The places a guide's sources live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub root: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
}

impl Sources {
    pub fn of(config: &Config) -> Sources {
        Sources {
            root: config.root.clone(),
            content: config.content_dir(),
            themes: config.root.join("themes"),
        }
    }

    /// The default places, for a guide whose `book.toml` cannot be read yet.
    pub fn default_for(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            content: root.join("content"),
            themes: root.join("themes"),
        }
    }
}

/// Changes that came together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burst {
    /// The paths changed; an empty one means "anything" (the system dropped events).
    pub paths: Vec<PathBuf>,
    /// When the first of them changed.
    pub since: Instant,
}

/// Watches a guide's sources while it lives.
pub struct Watching {
    watcher: Debouncer<RecommendedWatcher, RecommendedCache>,
    sources: Sources,
}

impl Watching {
    /// Starts watching `sources`; each batch of changes `serve` acts on goes to `tx`.
    pub fn start<T: Send + 'static>(
        sources: &Sources,
        tx: Sender<T>,
        wrap: fn(Burst) -> T,
    ) -> notify::Result<Watching> {
        let watcher = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            // Errors (a watched folder removed, say) leave the events that did come.
            if let Some(burst) = result.ok().and_then(|events| burst(&events)) {
                let _ = tx.send(wrap(burst));
            }
        })?;
        let mut watching = Watching {
            watcher,
            sources: sources.clone(),
        };
        // The root only for `book.toml` and the folders appearing: watching the file itself
        // would lose it when an editor replaces it by a rename.
        watching
            .watcher
            .watch(&sources.root, RecursiveMode::NonRecursive)?;
        watching.watch_folders()?;
        Ok(watching)
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Watches `sources` as they are now: folders that appeared (a `themes/` just made) or were
    /// replaced since, or other ones after `book.toml` changed. The same watcher goes on, so the
    /// events it holds back are not lost.
    pub fn update(&mut self, sources: &Sources) -> notify::Result<()> {
        if sources.root != self.sources.root {
            let _ = self.watcher.unwatch(&self.sources.root);
            self.watcher
                .watch(&sources.root, RecursiveMode::NonRecursive)?;
        }
        for old in [&self.sources.content, &self.sources.themes] {
            if *old != sources.content && *old != sources.themes {
                let _ = self.watcher.unwatch(old);
            }
        }
        self.sources = sources.clone();
        self.watch_folders()
    }

    /// Watching a folder again adds the folders made in it since.
    fn watch_folders(&mut self) -> notify::Result<()> {
        for dir in [&self.sources.content, &self.sources.themes] {
            if dir.is_dir() {
                self.watcher.watch(dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }
}

/// The paths of the events `serve` acts on (reads and metadata are ignored); `None` if none.
fn burst(events: &[DebouncedEvent]) -> Option<Burst> {
    let mut paths = Vec::new();
    let mut since: Option<Instant> = None;
    for e in events {
        let relevant = if e.event.need_rescan() {
            paths.push(PathBuf::new());
            true
        } else {
            match e.event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
                _ => true,
            }
        };
        if relevant {
            // A rename names both the old path and the new one.
            paths.extend(e.event.paths.iter().cloned());
            since = Some(since.map_or(e.time, |s| s.min(e.time)));
        }
    }
    let since = since?;
    (!paths.is_empty()).then_some(Burst { paths, since })
}

/// What a burst of changes asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Files edited in place, relative to the content folder: questions, and files copied as
    /// they are.
    Edits {
        questions: Vec<String>,
        assets: Vec<String>,
    },
    /// Rebuild the whole guide, for this reason.
    Full(String),
    /// Nothing the site is made from.
    Nothing,
}

/// Sorts changed paths. `guide` is the loaded guide, `None` when there is none to patch.
/// `translations` are the views of the guide in its other languages: a translation's file is a
/// question of its view.
pub fn classify(
    paths: &[PathBuf],
    sources: &Sources,
    guide: Option<&Guide>,
    translations: &[Guide],
) -> Change {
    let mut questions: Vec<String> = Vec::new();
    let mut assets: Vec<String> = Vec::new();
    let mut full: Option<String> = None;
    for path in paths {
        if path.as_os_str().is_empty() {
            full.get_or_insert_with(|| "too many changes at once to follow".into());
            continue;
        }
        if path.parent() == Some(sources.root.as_path()) && !is_source_root(path, sources) {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.as_deref() == Some(CONFIG_FILE) {
                full.get_or_insert_with(|| format!("{CONFIG_FILE} changed"));
            }
            continue; // the site, the cache, `.git` ...
        }
        if path.starts_with(&sources.themes) {
            if !ignored(path, &sources.themes, false) {
                full.get_or_insert_with(|| "the theme changed".into());
            }
            continue;
        }
        let Some(rel) = path
            .strip_prefix(&sources.content)
            .ok()
            .and_then(|_| relative(&sources.content, path))
        else {
            continue;
        };
        if rel.is_empty() {
            full.get_or_insert_with(|| "the content folder changed".into());
            continue;
        }
        if ignored(path, &sources.content, true) || rel == CONTRIBUTOR_NOTES {
            continue;
        }
        let Some(guide) = guide else {
            full.get_or_insert_with(|| "the last build failed".into());
            continue;
        };
        let views = || std::iter::once(guide).chain(translations);
        let known_question = views().any(|g| question_at(g, &rel).is_some());
        let known_asset = guide.assets.iter().any(|a| a.rel == rel);
        let exists = path.exists();
        if (known_question || known_asset) && path.is_file() {
            let list = if known_question {
                &mut questions
            } else {
                &mut assets
            };
            if !list.contains(&rel) {
                list.push(rel);
            }
        } else if exists {
            let section_page = views().any(|g| {
                g.sections
                    .iter()
                    .any(|s| s.index.as_ref().is_some_and(|p| p.file() == rel))
            });
            let what = if section_page { "changed" } else { "was added" };
            full.get_or_insert_with(|| format!("`{rel}` {what}"));
        } else if known_question || known_asset || holds_known_files(guide, &rel) {
            full.get_or_insert_with(|| format!("`{rel}` was removed"));
        }
        // Otherwise a file made and removed within the burst: an editor's or a tool's temporary
        // file (`sed -i` writes one), nothing the site is made from.
    }
    if let Some(why) = full {
        return Change::Full(why);
    }
    if questions.len() + assets.len() > MANY {
        return Change::Full(format!(
            "{} files changed at once",
            questions.len() + assets.len()
        ));
    }
    if questions.is_empty() && assets.is_empty() {
        Change::Nothing
    } else {
        Change::Edits { questions, assets }
    }
}

/// Whether `rel` is a folder the guide has files in (moved away whole, it sends one event).
fn holds_known_files(guide: &Guide, rel: &str) -> bool {
    let prefix = format!("{rel}/");
    guide
        .questions
        .iter()
        .map(|q| &q.source.rel)
        .chain(guide.assets.iter().map(|a| &a.rel))
        .chain(
            guide
                .sections
                .iter()
                .filter_map(|s| s.index.as_ref().map(|p| &p.rel)),
        )
        .any(|r| r.starts_with(&prefix))
}

fn is_source_root(path: &Path, sources: &Sources) -> bool {
    path == sources.content || path == sources.themes
}

/// Editor leftovers and files a build skips: hidden names (`.x.md.swp`), backups (`x.md~`),
/// Vim's write probe (`4913`), Emacs lock files (`#x.md#`), and, in content, partials (`_x.md`).
fn ignored(path: &Path, base: &Path, partials: bool) -> bool {
    let Ok(rel) = path.strip_prefix(base) else {
        return true;
    };
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.ends_with('~')
            || name.starts_with('#')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name == "4913"
            || (partials && name.starts_with('_') && name != "_index.md")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources::default_for(Path::new("/g"))
    }

    #[test]
    fn editor_leftovers_and_the_site_are_ignored() {
        let paths: Vec<PathBuf> = [
            "/g/content/python/.gil.md.swp",
            "/g/content/python/gil.md~",
            "/g/content/python/4913",
            "/g/content/python/#gil.md#",
            "/g/content/_partials/ad.md",
            "/g/content/README.md",
            "/g/book",
            "/g/.prepbook-cache",
            "/g/.git",
            "/elsewhere/x.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(classify(&paths, &sources(), None, &[]), Change::Nothing);
    }

    #[test]
    fn config_themes_and_unknown_files_rebuild_everything() {
        let s = sources();
        for path in [
            "",
            "/g/book.toml",
            "/g/themes/default/templates/question.html",
            "/g/content/python/new-question.md",
            "/g/content",
        ] {
            let change = classify(&[PathBuf::from(path)], &s, None, &[]);
            assert!(matches!(change, Change::Full(_)), "{path}: {change:?}");
        }
    }
}
