//! A build, as a fixed list of named steps: load the configuration, the theme and the guide,
//! render every page in parallel into a staging folder, add static files, then publish. Each
//! step is timed; `PREPBOOK_TIMINGS=1` prints the times.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Guide};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::freshness;
use crate::highlight::{HighlightCache, Highlighter};
use crate::output::{self, OutputLock, Staging, pause_at};
use crate::progress::Progress;
use crate::render::languages::SiteLanguages;
use crate::render::{PageId, Renderer};
use crate::search::SearchIndex;
use crate::theme::Theme;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `[build] output-dir`.
    pub output: Option<PathBuf>,
    /// Skip the highlight cache (read nothing, write nothing).
    pub no_cache: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub questions: usize,
    pub articles: usize,
    pub sections: usize,
    pub tags: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Code blocks highlighted, and how many of those came from the cache.
    pub highlighted: (usize, usize),
    pub steps: Vec<(&'static str, Duration)>,
    /// Nothing changed since the last build: the site was left as it was.
    pub up_to_date: bool,
    /// Only an edit was patched into the last build: how many pages were rendered again.
    pub rendered_again: Option<usize>,
    /// Each other language: its code and how many of its questions are translated (the rest
    /// are shown in the default language).
    pub translations: Vec<(String, usize)>,
}

impl BuildReport {
    /// The counts and warnings the last build recorded, for a build that rendered nothing new.
    pub fn of_last(last: &freshness::Record, output: PathBuf, started: Instant) -> BuildReport {
        BuildReport {
            output,
            pages: last.pages,
            questions: last.questions,
            articles: last.articles,
            sections: last.sections,
            tags: last.tags,
            translations: last.translations.clone(),
            elapsed: started.elapsed(),
            warnings: last.warnings.clone(),
            highlighted: (0, 0),
            steps: Vec::new(),
            up_to_date: false,
            rendered_again: None,
        }
    }
}

/// Everything needed to render: the loaded guide, its theme and highlighter.
pub struct Loaded {
    /// The guide in its default language (`[book] language`), at the site root.
    pub guide: Guide,
    /// Its view in each other language of `[languages]`, in code order, each under `/<code>/`
    /// ([`crate::content::translations`]).
    pub translations: Vec<Guide>,
    pub theme: Theme,
    pub highlighter: Highlighter,
}

/// Reads `book.toml` in `root` and applies the options.
pub fn load_config(root: &Path, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let mut config = Config::load(&output::absolute(root))?;
    if let Some(out) = &opts.output {
        // A command-line path is relative to where the user is, not to the guide.
        config.build.output_dir = output::absolute(out);
    }
    config.build.drafts |= opts.drafts;
    Ok(config)
}

/// Loads theme, highlighter and guide. Diagnostics (warnings too) go to `diags`.
pub fn load(
    config: &Config,
    opts: &BuildOptions,
    diags: &Diagnostics,
    progress: &Progress,
) -> Option<Loaded> {
    let (theme, highlighter) = tools(config, opts, diags)?;
    // A translation's code blocks are mostly its original's, and every page not translated is
    // its original again: each block is highlighted once for all languages.
    let codes = config.translations();
    highlighter
        .cache()
        .share_between_languages(!codes.is_empty());
    let loaded = content::load(config, &highlighter, diags, progress).and_then(|guide| {
        let translations = codes
            .into_iter()
            .map(|code| content::load(&config.for_language(code), &highlighter, diags, progress))
            .collect::<Option<Vec<Guide>>>()?;
        Some((guide, translations))
    });
    highlighter.cache().share_between_languages(false);
    let (guide, translations) = loaded?;
    Some(Loaded {
        guide,
        translations,
        theme,
        highlighter,
    })
}

/// The theme and the highlighter (with its cache unless `--no-cache`).
pub fn tools(
    config: &Config,
    opts: &BuildOptions,
    diags: &Diagnostics,
) -> Option<(Theme, Highlighter)> {
    let theme = match Theme::load(
        &config.build.theme,
        &config.theme_dir(),
        &config.root,
        diags,
    ) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let cache = if opts.no_cache {
        HighlightCache::disabled()
    } else {
        HighlightCache::load(&config.cache_dir())
    };
    let highlighter = match Highlighter::new(&config.highlight, cache) {
        Ok(h) => h,
        Err(e) => {
            let key = if config.highlight.theme == e.name {
                "theme"
            } else {
                "dark-theme"
            };
            let hint = match &e.suggestion {
                Some(s) => format!("did you mean `{s}`? (`[highlight] {key}`)"),
                None => format!(
                    "built-in themes: {}",
                    crate::highlight::theme_names().join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(config.root.join(crate::config::CONFIG_FILE), e.to_string())
                    .with_hint(hint),
            );
            return None;
        }
    };
    Some((theme, highlighter))
}

/// A build that keeps what it loaded, so `serve` can patch it after an edit.
pub struct Built {
    pub report: BuildReport,
    pub loaded: Loaded,
    /// The search index, when `[search] enabled`.
    pub search: Option<SearchIndex>,
    /// Each translation's search index, in the order of [`Loaded::translations`].
    pub translation_search: Vec<Option<SearchIndex>>,
}

/// How the finished site is put in place: `swap` is called with the step that does it, and may
/// run it while readers of the output folder wait (as `serve` does), so none of them finds the
/// folder half swapped.
pub type Swap<'a> = &'a dyn Fn(&mut dyn FnMut() -> std::io::Result<()>) -> std::io::Result<()>;

/// Builds the guide at `root` every time (no freshness check) and keeps what it loaded.
pub fn build_keeping(
    root: &Path,
    opts: &BuildOptions,
    progress: &Progress,
    swap: Swap<'_>,
) -> Result<Built, Vec<Diagnostic>> {
    let mut steps = Steps::start();
    let config = prepare(root, opts)?;
    let _output = claim_output(&config)?;
    steps.done("config");
    run_steps(&config, opts, progress, swap, steps)
}

/// Reads the configuration and checks the output folder may be written.
pub fn prepare(root: &Path, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let config = load_config(root, opts)?;
    output::check_output_dir(
        &config.output_dir(),
        &config.root,
        &[config.content_dir(), config.theme_dir()],
    )
    .map_err(|d| vec![d])?;
    Ok(config)
}

/// Locks the output folder for this build (the lock is held until the value returned is
/// dropped; another build of the same folder waits, saying so), then removes what an
/// interrupted build left beside it, and says how much that freed.
pub fn claim_output(config: &Config) -> Result<OutputLock, Vec<Diagnostic>> {
    let out = output::absolute(&config.output_dir());
    let lock = OutputLock::acquire(&out)
        .map_err(|e| vec![io_error(&out, "cannot lock the output folder", e)])?;
    let removed = output::remove_leftovers(&out, &lock).map(|mut freed| {
        // The cache's half-written files (the saved guide can be hundreds of MB).
        let (files, bytes) = crate::scratch::remove_abandoned(&config.cache_dir());
        freed.files += files;
        freed.bytes += bytes;
        freed
    });
    match removed {
        Ok(freed) if !freed.is_empty() => say_err!("{freed}"),
        Ok(_) => {}
        Err(e) => say_err!(
            "{}\n",
            Diagnostic::warning(
                display_path(&out),
                format!("cannot remove what an interrupted build left beside this folder: {e}"),
            )
        ),
    }
    Ok(lock)
}

/// The build's steps after the configuration: load, render, static files, publish.
pub fn run_steps(
    config: &Config,
    opts: &BuildOptions,
    progress: &Progress,
    swap: Swap<'_>,
    mut steps: Steps,
) -> Result<Built, Vec<Diagnostic>> {
    let out_dir = config.output_dir();
    let diags = Diagnostics::default();
    let loaded = load(config, opts, &diags, progress);
    steps.done("load");
    let Some(loaded) = loaded.filter(|_| !diags.has_errors()) else {
        return Err(diags.take_sorted());
    };
    let languages = site_languages(&loaded.views());
    let staging = Staging::new(&out_dir)
        .map_err(|e| vec![io_error(&out_dir, "cannot create the output folder", e)])?;
    // The pages, and the data files beside them (search, study, navigation), are made at the
    // same time: each has steps that use one core only, which the other fills.
    let (pages, (search, translation_search)) = rayon::join(
        || -> Result<usize, Vec<Diagnostic>> {
            let mut pages = 0;
            for guide in loaded.views() {
                let mut renderer = Renderer::new(guide, &loaded.theme)?;
                renderer.set_languages(&languages);
                pages += write_pages(guide, &renderer, &staging, &diags, progress);
            }
            pause_at("pages-staged");
            Ok(pages)
        },
        || {
            write_static(&loaded, &staging, &diags);
            let search = write_search(&loaded.guide, &staging, &diags);
            let translation_search: Vec<_> = loaded
                .translations
                .iter()
                .map(|guide| write_search(guide, &staging, &diags))
                .collect();
            (search, translation_search)
        },
    );
    let pages = pages?;
    steps.done("render and static");
    if diags.has_errors() {
        return Err(diags.take_sorted());
    }
    let mut staging = Some(staging);
    swap(&mut || staging.take().map_or(Ok(()), Staging::publish))
        .map_err(|e| vec![io_error(&out_dir, "cannot move the new site into place", e)])?;
    if let Err(e) = loaded.highlighter.cache().save() {
        diags.push(Diagnostic::warning(
            config.cache_dir(),
            format!("cannot save the highlight cache: {e}"),
        ));
    }
    steps.done("publish");
    progress.finish();
    let guide = &loaded.guide;
    let report = BuildReport {
        output: out_dir,
        pages,
        questions: guide.question_count(),
        articles: content::load::article_count(guide),
        sections: guide.sections.len() - 1,
        tags: guide.tags.len(),
        translations: loaded
            .translations
            .iter()
            .map(|view| {
                let own = view
                    .questions
                    .iter()
                    .filter(|q| q.source.origin != crate::content::translations::Origin::Fallback)
                    .count();
                (view.config.language().to_string(), own)
            })
            .collect(),
        elapsed: steps.started.elapsed(),
        warnings: diags.take_sorted(),
        highlighted: loaded.highlighter.counts(),
        steps: steps.list,
        up_to_date: false,
        rendered_again: None,
    };
    Ok(Built {
        report,
        loaded,
        search,
        translation_search,
    })
}

/// Each step's name and how long it took.
pub struct Steps {
    pub started: Instant,
    since: Instant,
    pub list: Vec<(&'static str, Duration)>,
}

impl Steps {
    pub fn start() -> Steps {
        let now = Instant::now();
        Steps {
            started: now,
            since: now,
            list: Vec::new(),
        }
    }

    pub fn done(&mut self, name: &'static str) {
        self.list.push((name, self.since.elapsed()));
        self.since = Instant::now();
    }
}

impl Loaded {
    /// The guide in each language of the site, the default language first.
    pub fn views(&self) -> Vec<&Guide> {
        std::iter::once(&self.guide)
            .chain(&self.translations)
            .collect()
    }
}

/// Renders and writes every page of `guide` (one language's view) in parallel, under its
/// language's folder. Returns how many were written.
pub fn write_pages(
    guide: &Guide,
    renderer: &Renderer<'_>,
    staging: &Staging,
    diags: &Diagnostics,
    progress: &Progress,
) -> usize {
    let pages = PageId::all(guide);
    let prefix = guide.config.url_prefix();
    progress.phase("rendering", pages.len());
    pages.par_iter().for_each(|&page| {
        match renderer.render(page) {
            Ok((url, html)) => {
                let url = format!("{prefix}{url}");
                if let Err(e) = staging.write(&url, html.as_bytes()) {
                    diags.push(io_error(
                        &staging.dir.join(&url),
                        "cannot write the page",
                        e,
                    ));
                }
            }
            Err(d) => diags.push(d),
        }
        progress.tick();
    });
    pages.len()
}

/// Theme static files, the highlight stylesheets, study mode's data, the content's own files
/// and the sitemap.
pub fn write_static(loaded: &Loaded, staging: &Staging, diags: &Diagnostics) {
    let write = |rel: &str, bytes: &[u8]| {
        if let Err(e) = staging.write(rel, bytes) {
            diags.push(io_error(&staging.dir.join(rel), "cannot write the file", e));
        }
    };
    // Of the browser's stemmers (static/stem/), only those of the site's languages.
    let stemmers: Vec<&str> = loaded
        .views()
        .into_iter()
        .map(|g| crate::search::tokenize::stemmer_name(g.config.language()))
        .collect();
    for (name, file) in loaded.theme.static_files() {
        let port = name
            .strip_prefix("stem/")
            .and_then(|n| n.strip_suffix(".js"));
        if port.is_none_or(|p| stemmers.contains(&p)) {
            write(&format!("static/{name}"), &file.bytes);
        }
    }
    write_strings(loaded, &write);
    let (light, dark) = loaded.highlighter.stylesheets();
    write("static/highlight-light.css", light.as_bytes());
    write("static/highlight-dark.css", dark.as_bytes());
    for guide in loaded.views() {
        // Each language's study deck and navigation, in its own folder.
        let prefix = guide.config.url_prefix();
        let write = |rel: &str, bytes: &[u8]| write(&format!("{prefix}{rel}"), bytes);
        crate::study::write(guide, &write);
        crate::nav::write(guide, &write);
    }
    if let Err(d) = crate::pyodide::write(&loaded.guide.config, &write) {
        diags.push(d);
    }
    if let Some(base) = loaded.guide.config.base_url() {
        write("sitemap.xml", sitemap(loaded, base).as_bytes());
    }
    loaded.guide.assets.par_iter().for_each(|a| {
        if let Err(e) = staging.copy(&a.url, &a.source) {
            diags.push(io_error(&a.source, "cannot copy the file", e));
        }
    });
}

/// `static/strings-<code>.js` for each of the site's languages and every language with a
/// table. A
/// broken table was already reported when the templates were loaded.
fn write_strings(loaded: &Loaded, write: &dyn Fn(&str, &[u8])) {
    let Ok(strings) = crate::strings::UiStrings::load(&loaded.theme) else {
        return;
    };
    let mut codes: Vec<&str> = strings.languages().collect();
    codes.extend(loaded.guide.config.site_languages());
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        write(
            &crate::strings::script_path(code),
            strings.script(code).as_bytes(),
        );
    }
}

/// The search index's files of one language's view, in its folder, when `[search] enabled`;
/// returns the index.
pub fn write_search(guide: &Guide, staging: &Staging, diags: &Diagnostics) -> Option<SearchIndex> {
    if !guide.config.search.enabled {
        return None;
    }
    let prefix = guide.config.url_prefix();
    Some(SearchIndex::write(guide, &|rel, text| {
        let rel = format!("{prefix}{rel}");
        if let Err(e) = staging.write(&rel, text.as_bytes()) {
            diags.push(io_error(
                &staging.dir.join(&rel),
                "cannot write the file",
                e,
            ));
        }
    }))
}

/// What each language's pages need to link to the others.
pub fn site_languages(views: &[&Guide]) -> SiteLanguages {
    SiteLanguages::of(views, |g| {
        PageId::all(g).into_iter().map(|p| p.url(g)).collect()
    })
}

/// Every page of every language; a page that has translations lists them all as
/// `xhtml:link` alternates (each language's entry lists every language, itself included).
fn sitemap(loaded: &Loaded, base: &str) -> String {
    let views = loaded.views();
    let languages = site_languages(&views);
    let multilingual = !languages.list.is_empty();
    let mut xml = String::from(if multilingual {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    for guide in views {
        let prefix = guide.config.url_prefix();
        for page in PageId::all(guide) {
            // The 404 page is not a page to find, and search results are not content.
            if matches!(page, PageId::NotFound | PageId::Search) {
                continue;
            }
            let url = page.url(guide);
            let loc = escape(&format!(
                "{base}/{}",
                crate::urls::encode_path(&format!("{prefix}{url}"))
            ));
            if !multilingual {
                xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
                continue;
            }
            xml.push_str(&format!("  <url><loc>{loc}</loc>\n"));
            for alt in languages.alternates(&guide.config, &url) {
                if let (true, Some(href)) = (alt.same_page, &alt.absolute) {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        alt.code,
                        escape(href)
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(display_path(path), format!("{what}: {e}"))
}
