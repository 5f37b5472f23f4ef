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
use crate::content::{Difficulty, Guide, QuestionId};
use crate::diagnostics::{Diagnostic, display_path};
use crate::highlight::Highlighter;
use crate::output::SitePatch;
use crate::progress::Progress;
use crate::render::context::QuestionCard;
use crate::render::languages::SiteLanguages;
use crate::render::{PageId, Renderer};
use crate::search::SearchIndex;
use crate::search::index::DocTerms;
use crate::search::update::doc_terms;
use crate::site::{self, BuildOptions, BuildReport, Loaded};
use crate::study;

/// A built guide kept in memory between rebuilds.
pub struct Kept {
    pub loaded: Loaded,
    index: UrlIndex,
    search: Option<SearchIndex>,
    /// What each translation's view has beside its guide, in the order of
    /// [`Loaded::translations`].
    translations: Vec<ViewState>,
    languages: SiteLanguages,
}

/// A translation's view's links and search index, as built into the site on disk.
struct ViewState {
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
            translations: Vec::new(),
            languages: SiteLanguages::default(),
        }
    }

    /// Keeps a loaded guide with its translations, and each view's search index (the default
    /// language's first).
    pub fn with_translations(loaded: Loaded, mut search: Vec<Option<SearchIndex>>) -> Kept {
        let languages = site::site_languages(&loaded.views());
        let first = if search.is_empty() {
            None
        } else {
            search.remove(0)
        };
        let translations = loaded
            .translations
            .iter()
            .zip(search.into_iter().chain(std::iter::repeat_with(|| None)))
            .map(|(guide, search)| ViewState {
                index: UrlIndex::of(guide),
                search,
            })
            .collect();
        Kept {
            translations,
            languages,
            ..Kept::new(loaded, first)
        }
    }

    /// The search index, as patched.
    pub fn search(&self) -> Option<&SearchIndex> {
        self.search.as_ref()
    }

    /// Each translation's search index, as patched, in the order of [`Loaded::translations`].
    pub fn translation_search(&self) -> Vec<Option<&SearchIndex>> {
        self.translations
            .iter()
            .map(|t| t.search.as_ref())
            .collect()
    }

    /// The guide of view `v`: 0 is the default language, then each translation.
    fn guide(&self, v: usize) -> &Guide {
        match v {
            0 => &self.loaded.guide,
            _ => &self.loaded.translations[v - 1],
        }
    }

    /// View `v` to patch: its guide, links and search index, and the highlighter.
    fn view_mut(&mut self, v: usize) -> ViewMut<'_> {
        let hl = &self.loaded.highlighter;
        match v {
            0 => ViewMut {
                guide: &mut self.loaded.guide,
                index: &self.index,
                search: &mut self.search,
                hl,
            },
            _ => {
                let state = &mut self.translations[v - 1];
                ViewMut {
                    guide: &mut self.loaded.translations[v - 1],
                    index: &state.index,
                    search: &mut state.search,
                    hl,
                }
            }
        }
    }
}

/// One language's view of a kept guide, borrowed to patch an edit into it.
struct ViewMut<'k> {
    guide: &'k mut Guide,
    index: &'k UrlIndex,
    search: &'k mut Option<SearchIndex>,
    hl: &'k Highlighter,
}

/// Builds the whole guide at `root`; `swap` puts the new site in place (see [`site::Swap`]).
pub fn full(
    root: &Path,
    opts: &BuildOptions,
    swap: site::Swap<'_>,
) -> Result<(Kept, BuildReport), Vec<Diagnostic>> {
    let built = site::build_keeping(root, opts, &Progress::new(), swap)?;
    let mut search = vec![built.search];
    search.extend(built.translation_search);
    Ok((Kept::with_translations(built.loaded, search), built.report))
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
    // Each edited file is a page of some language's view: an original is its own language's
    // page and, untranslated, every translation's fallback; a translation is its language's.
    let views = kept.loaded.translations.len() + 1;
    if let Some(rel) = questions
        .iter()
        .find(|rel| (0..views).all(|v| question_at(kept.guide(v), rel).is_none()))
    {
        return Ok(Edited::NeedsFullBuild(format!(
            "`{rel}` is not in the guide"
        )));
    }
    let mut timer = Timer::new();
    let mut edit = Edit {
        patch: SitePatch::new(out),
        out,
        prefix: String::new(),
        pages: BTreeSet::new(),
        warnings: Vec::new(),
        stale: false,
        search_took: Duration::ZERO,
    };
    let mut errors = Vec::new();
    let mut rendered_again = 0;
    for v in 0..views {
        edit.prefix = kept.guide(v).config.url_prefix();
        edit.pages.clear();
        for rel in questions {
            if question_at(kept.guide(v), rel).is_none() {
                continue;
            }
            if let Some(why) = edit.question(&mut kept.view_mut(v), rel)? {
                return Ok(Edited::NeedsFullBuild(why));
            }
        }
        timer.step("patch");
        let guide = kept.guide(v);
        let mut renderer = Renderer::new(guide, &kept.loaded.theme).map_err(|d| edit.fail(d))?;
        renderer.set_languages(&kept.languages);
        let rendered = render_pages(guide, &renderer, &edit.pages);
        timer.step("render");
        for page in rendered {
            match page {
                Ok((url, html)) => {
                    let url = format!("{}{url}", edit.prefix);
                    if let Err(e) = edit.patch.write(&url, html.as_bytes()) {
                        errors.push(write_error(out, &url, e));
                    }
                }
                Err(d) => errors.push(d),
            }
        }
        rendered_again += edit.pages.len();
    }
    let guide = &kept.loaded.guide;
    for rel in assets {
        let Some(asset) = guide.assets.iter().find(|a| &a.rel == rel) else {
            return Ok(Edited::NeedsFullBuild(format!(
                "`{rel}` is not in the guide"
            )));
        };
        if let Err(e) = edit.patch.copy(&asset.url, &asset.source) {
            errors.push(write_error(out, &asset.url, e));
        }
    }
    if !errors.is_empty() {
        return Err(edit.fail(errors));
    }
    timer.step("write");
    let mut steps = timer.steps;
    // Part of the patch step.
    steps.insert(1, ("  search", edit.search_took));
    Ok(Edited::Done {
        steps,
        files: edit.patch.len().saturating_sub(rendered_again),
        patch: edit.patch,
        pages: rendered_again,
        warnings: crate::diagnostics::sorted(edit.warnings),
    })
}

/// An edit in progress: the files prepared so far and the pages to render again.
struct Edit<'a> {
    patch: SitePatch,
    out: &'a Path,
    /// The folder of the language being patched: `""` or `"zh/"`.
    prefix: String,
    pages: BTreeSet<PageId>,
    warnings: Vec<Diagnostic>,
    /// The kept guide is ahead of the site on disk (until the patch is applied).
    stale: bool,
    search_took: Duration,
}

impl Edit<'_> {
    fn fail(&self, diagnostics: Vec<Diagnostic>) -> Failed {
        Failed {
            diagnostics,
            kept_is_stale: self.stale,
        }
    }

    /// Writes `bytes` into the patch at `path` (relative to the site).
    fn write(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failed> {
        let path = format!("{}{path}", self.prefix);
        self.patch
            .write(&path, bytes)
            .map_err(|e| self.fail(vec![write_error(self.out, &path, e)]))
    }

    /// Removes the file at `path` (relative to the language's folder) in the patch.
    fn remove(&mut self, path: &str) {
        self.patch.remove(&format!("{}{path}", self.prefix));
    }

    /// Patches the question at `rel` into the kept guide and prepares its study and search
    /// files; notes the pages to render again. `Some(reason)` when the edit needs a whole build.
    fn question(&mut self, view: &mut ViewMut<'_>, rel: &str) -> Result<Option<String>, Failed> {
        let guide = &mut *view.guide;
        let Some(id) = question_at(guide, rel) else {
            return Ok(Some(format!("`{rel}` is not in the guide")));
        };
        let before = PageId::showing(guide, id);
        let card_before = QuestionCard::of(guide, id);
        let study_before = study::chunk_layout(guide);
        let old_terms = view.search.as_ref().map(|_| doc_terms(guide, id));
        match update_question(guide, view.index, view.hl, id) {
            Ok(Outcome::Patched { old, warnings }) => {
                self.warnings.extend(warnings);
                // Every difficulty page shows how many questions each difficulty has.
                if old.difficulty != guide.questions[id].difficulty {
                    self.pages.extend(Difficulty::ALL.map(PageId::Difficulty));
                }
            }
            Ok(Outcome::NeedsFullBuild(why)) => return Ok(Some(format!("in `{rel}`, {why}"))),
            Err(diagnostics) => return Err(self.fail(diagnostics)),
        }
        // From here on the kept guide is ahead of the site until the patch is applied.
        self.stale = true;
        self.pages.insert(PageId::Question(id));
        // Other pages show the question as a card (or only its title, or counts of what the
        // card holds): when the card is unchanged, so are they.
        let card_changed = QuestionCard::of(guide, id) != card_before;
        if card_changed {
            self.pages.extend(before);
            self.pages.extend(PageId::showing(guide, id));
        }
        self.study_files(guide, id, &study_before, card_changed)?;
        if card_changed {
            // The navigation tree lists the question's title in its section's file.
            let file = Mutex::new(Vec::new());
            crate::nav::write_section(guide, guide.questions[id].section, &|path, bytes| {
                if let Ok(mut f) = file.lock() {
                    f.push((path.to_string(), bytes.to_vec()));
                }
            });
            for (path, bytes) in file.into_inner().unwrap_or_default() {
                self.write(&path, &bytes)?;
            }
        }
        if let (Some(search), Some(old)) = (&mut *view.search, &old_terms) {
            let searching = Instant::now();
            self.search_files(search, guide, id, old)?;
            self.search_took += searching.elapsed();
        }
        Ok(None)
    }

    /// Study mode's data: the chunk holding the card (and any the edit moved), and the deck
    /// when it lists something that changed.
    fn study_files(
        &mut self,
        guide: &Guide,
        id: QuestionId,
        before: &[usize],
        card_changed: bool,
    ) -> Result<(), Failed> {
        let files = Mutex::new(Vec::new());
        let keep = |path: &str, bytes: &[u8]| {
            if let Ok(mut f) = files.lock() {
                f.push((path.to_string(), bytes.to_vec()));
            }
        };
        let (moved, gone) = study::write_edited(guide, id, before, &keep);
        if moved || card_changed {
            study::write_deck(guide, &keep);
        }
        for (path, bytes) in files.into_inner().unwrap_or_default() {
            self.write(&path, &bytes)?;
        }
        for path in gone {
            self.remove(&path);
        }
        Ok(())
    }

    /// The search files the question's new text changes, from its terms before the edit.
    fn search_files(
        &mut self,
        search: &mut SearchIndex,
        guide: &Guide,
        id: QuestionId,
        old: &DocTerms,
    ) -> Result<(), Failed> {
        let files = Mutex::new(Vec::new());
        let update = search.update(guide, id, old, &|path, text| {
            if let Ok(mut f) = files.lock() {
                f.push((path, text));
            }
        });
        for (path, text) in files.into_inner().unwrap_or_default() {
            self.write(&path, text.as_bytes())?;
        }
        for path in update.removed {
            self.remove(&path);
        }
        Ok(())
    }
}

/// Renders `pages`, long lists first, one page per task: the longest page is started at once,
/// and the others fill the other threads meanwhile.
fn render_pages(
    guide: &Guide,
    renderer: &Renderer,
    pages: &BTreeSet<PageId>,
) -> Vec<Result<(String, String), Diagnostic>> {
    let mut order: Vec<PageId> = pages.iter().copied().collect();
    order.sort_by_key(|&page| std::cmp::Reverse(list_length(guide, page)));
    order
        .par_iter()
        .with_max_len(1)
        .map(|&page| renderer.render(page))
        .collect()
}

/// How long each step of an edit took, for `PREPBOOK_TIMINGS=1`.
struct Timer {
    steps: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            steps: Vec::new(),
            since: Instant::now(),
        }
    }

    /// Ends the step `name`; the next one starts now.
    fn step(&mut self, name: &'static str) {
        self.steps.push((name, self.since.elapsed()));
        self.since = Instant::now();
    }
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
