//! The edit engine, shared by `serve` and by `build` (from the last build's saved state, see
//! [`crate::incremental`]): it patches edited questions into a loaded guide and prepares the
//! site files that change. Only those questions are read again; the pages that show them
//! ([`PageId::showing`]) are rendered again when what they show changed, and so are the search
//! and study files whose content changes. The files go into place all at once ([`SitePatch`]),
//! when the caller applies the patch (`serve` does it while its readers wait). An edit that
//! reaches further asks for a whole build ([`Edited::NeedsFullBuild`]), which [`full`] runs.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::confine::GuideRoot;
use crate::content::load::UrlIndex;
use crate::content::update::{Outcome, question_at, update_question};
use crate::content::{Difficulty, Guide};
use crate::diagnostics::{Diagnostic, display_path};
use crate::output::SitePatch;
use crate::progress::Progress;
use crate::render::context::QuestionCard;
use crate::render::{PageId, Renderer};
use crate::search::SearchIndex;
use crate::search::update::doc_terms;
use crate::site::{self, BuildOptions, BuildReport, Loaded};
use crate::study;

/// A built guide kept in memory between rebuilds.
pub struct Kept {
    pub loaded: Loaded,
    index: UrlIndex,
    search: Option<SearchIndex>,
}

impl Kept {
    /// Keeps a loaded guide and its search index (as built into the site on disk).
    pub fn new(loaded: Loaded, search: Option<SearchIndex>) -> Kept {
        Kept {
            index: UrlIndex::of(&loaded.guide),
            loaded,
            search,
        }
    }

    /// The search index, as patched.
    pub fn search(&self) -> Option<&SearchIndex> {
        self.search.as_ref()
    }
}

/// Builds the whole guide at `root`; `swap` puts the new site in place (see [`site::Swap`]).
pub fn full(
    root: &Path,
    opts: &BuildOptions,
    swap: site::Swap<'_>,
) -> Result<(Kept, BuildReport), Vec<Diagnostic>> {
    let built = site::build_keeping(root, opts, &Progress::new(), swap)?;
    Ok((Kept::new(built.loaded, built.search), built.report))
}

/// How an edit went.
#[derive(Debug)]
pub enum Edited {
    /// The files are ready: [`SitePatch::apply`] puts them in place.
    Done {
        patch: SitePatch,
        /// Pages rendered again.
        pages: usize,
        /// Other files written (search index, copied files).
        files: usize,
        warnings: Vec<Diagnostic>,
        /// How long each step took (printed with `PREPBOOK_TIMINGS=1`).
        steps: Vec<(&'static str, Duration)>,
    },
    /// The edit reaches further than its own pages: rebuild the guide, for this reason.
    NeedsFullBuild(String),
}

/// An edit that did not build.
#[derive(Debug)]
pub struct Failed {
    pub diagnostics: Vec<Diagnostic>,
    /// The kept guide no longer matches the site on disk: the next rebuild must be a full one.
    pub kept_is_stale: bool,
}

/// Patches the edited `questions` into the kept guide, and prepares the new files of the site
/// at `out`: the pages that show them, their search files, and the edited `assets` (paths
/// relative to the content folder).
pub fn edit(
    kept: &mut Kept,
    questions: &[String],
    assets: &[String],
    out: &Path,
) -> Result<Edited, Failed> {
    let mut patch = SitePatch::new(out);
    let mut warnings = Vec::new();
    let mut pages: BTreeSet<PageId> = BTreeSet::new();
    let mut stale = false;
    let fail = |diagnostics: Vec<Diagnostic>, stale: bool| Failed {
        diagnostics,
        kept_is_stale: stale,
    };
    let mut steps = Vec::new();
    let mut since = Instant::now();
    let mut step = |name: &'static str| {
        steps.push((name, since.elapsed()));
        since = Instant::now();
    };
    let mut search_took = Duration::ZERO;
    // A file swapped for a link since the guide was loaded: the whole build decides about it.
    let config = &kept.loaded.guide.config;
    let root = GuideRoot::new(&config.root);
    if let Some(rel) = questions
        .iter()
        .chain(assets)
        .find(|rel| !root.holds(&config.content_dir().join(rel)))
    {
        return Ok(Edited::NeedsFullBuild(format!(
            "`{rel}` now leads outside the guide"
        )));
    }
    for rel in questions {
        let guide = &mut kept.loaded.guide;
        let Some(id) = question_at(guide, rel) else {
            return Ok(Edited::NeedsFullBuild(format!(
                "`{rel}` is not in the guide"
            )));
        };
        let before = PageId::showing(guide, id);
        let card_before = QuestionCard::of(guide, id);
        let study_before = study::chunk_layout(guide);
        let old_terms = kept.search.as_ref().map(|_| doc_terms(guide, id));
        match update_question(guide, &kept.index, &kept.loaded.highlighter, id) {
            Ok(Outcome::Patched { old, warnings: w }) => {
                warnings.extend(w);
                // Every difficulty page shows how many questions each difficulty has.
                if old.difficulty != guide.questions[id].difficulty {
                    pages.extend(Difficulty::ALL.map(PageId::Difficulty));
                }
            }
            Ok(Outcome::NeedsFullBuild(why)) => {
                return Ok(Edited::NeedsFullBuild(format!("in `{rel}`, {why}")));
            }
            Err(diagnostics) => return Err(fail(diagnostics, stale)),
        }
        // From here on the kept guide is ahead of the site until the patch is applied.
        stale = true;
        pages.insert(PageId::Question(id));
        // Other pages show the question as a card (or only its title, or counts of what the
        // card holds): when the card is unchanged, so are they.
        let card_changed = QuestionCard::of(guide, id) != card_before;
        if card_changed {
            pages.extend(before);
            pages.extend(PageId::showing(guide, id));
        }
        // Study mode's data: the chunk holding the card (and any the edit moved), and the deck
        // when it lists something that changed.
        let study_files = Mutex::new(Vec::new());
        let keep = |path: &str, bytes: &[u8]| {
            if let Ok(mut f) = study_files.lock() {
                f.push((path.to_string(), bytes.to_vec()));
            }
        };
        let (moved, gone) = study::write_edited(guide, id, &study_before, &keep);
        if moved || card_changed {
            study::write_deck(guide, &keep);
        }
        for (path, bytes) in study_files.into_inner().unwrap_or_default() {
            patch
                .write(&path, &bytes)
                .map_err(|e| fail(vec![write_error(out, &path, e)], stale))?;
        }
        for path in gone {
            patch.remove(&path);
        }
        if let (Some(search), Some(old)) = (&mut kept.search, &old_terms) {
            let searching = Instant::now();
            let files = Mutex::new(Vec::new());
            let update = search.update(guide, id, old, &|path, text| {
                if let Ok(mut f) = files.lock() {
                    f.push((path, text));
                }
            });
            for (path, text) in files.into_inner().unwrap_or_default() {
                patch
                    .write(&path, text.as_bytes())
                    .map_err(|e| fail(vec![write_error(out, &path, e)], stale))?;
            }
            for path in update.removed {
                patch.remove(&path);
            }
            search_took += searching.elapsed();
        }
    }
    step("patch");
    let guide = &kept.loaded.guide;
    let renderer = Renderer::new(guide, &kept.loaded.theme).map_err(|d| fail(d, stale))?;
    // Long lists first, one page per task: the longest page is started at once, and the
    // others fill the other threads meanwhile.
    let mut order: Vec<PageId> = pages.iter().copied().collect();
    order.sort_by_key(|&page| std::cmp::Reverse(list_length(guide, page)));
    let rendered: Vec<Result<(String, String), Diagnostic>> = order
        .par_iter()
        .with_max_len(1)
        .map(|&page| renderer.render(page))
        .collect();
    step("render");
    let mut errors = Vec::new();
    for page in rendered {
        match page {
            Ok((url, html)) => {
                if let Err(e) = patch.write(&url, html.as_bytes()) {
                    errors.push(write_error(out, &url, e));
                }
            }
            Err(d) => errors.push(d),
        }
    }
    for rel in assets {
        let Some(asset) = guide.assets.iter().find(|a| &a.rel == rel) else {
            return Ok(Edited::NeedsFullBuild(format!(
                "`{rel}` is not in the guide"
            )));
        };
        if let Err(e) = patch.copy(&asset.url, &asset.source) {
            errors.push(write_error(out, &asset.url, e));
        }
    }
    if !errors.is_empty() {
        return Err(fail(errors, stale));
    }
    step("write");
    // Part of the patch step.
    steps.insert(1, ("  search", search_took));
    Ok(Edited::Done {
        steps,
        files: patch.len().saturating_sub(pages.len()),
        patch,
        pages: pages.len(),
        warnings,
    })
}

/// About how many questions a page lists, to render the longest first.
fn list_length(guide: &Guide, page: PageId) -> usize {
    match page {
        PageId::Difficulty(d) => guide.with_difficulty(d).len(),
        PageId::Tag(t) => guide.tags[t].questions.len(),
        PageId::Section(s) => guide.sections[s].questions.len(),
        _ => 0,
    }
}

fn write_error(out: &Path, rel: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        display_path(&out.join(rel)),
        format!("cannot write the file: {e}"),
    )
}
