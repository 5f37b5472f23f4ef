//! Rendering pages with Tera: which pages a guide has ([`PageId`]) and the [`Renderer`] that
//! holds the theme's parsed templates. What each page shows is built in `pages`, the counts its
//! lists show in `counts`; template errors are reported at the template's file and line
//! (`template_errors`).

pub mod context;
mod counts;
pub mod languages;
mod pages;
mod template_errors;
mod ui_text;

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera};

use crate::content::{Difficulty, Guide, QuestionId, SectionId, TagId};
use crate::diagnostics::Diagnostic;
use crate::strings::{UiStrings, fill};
use crate::theme::Theme;
use crate::urls::root_prefix;
use context::*;
use template_errors::{template_error, template_errors};

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Home,
    Section(SectionId),
    Question(QuestionId),
    TagsIndex,
    Tag(TagId),
    Difficulty(Difficulty),
    /// Study mode: flashcards, mock interviews and the reader's progress.
    Study,
    NotFound,
    /// The full search page, with filters (only when `[search] enabled`).
    Search,
}

impl PageId {
    /// Every page of a guide.
    pub fn all(guide: &Guide) -> Vec<PageId> {
        let mut pages = vec![
            PageId::Home,
            PageId::TagsIndex,
            PageId::Study,
            PageId::NotFound,
        ];
        if guide.config.search.enabled {
            pages.push(PageId::Search);
        }
        pages.extend((1..guide.sections.len()).map(PageId::Section));
        pages.extend((0..guide.questions.len()).map(PageId::Question));
        pages.extend((0..guide.tags.len()).map(PageId::Tag));
        pages.extend(Difficulty::ALL.into_iter().map(PageId::Difficulty));
        pages
    }

    /// The pages that show something of question `q`: itself, its neighbours, every list it is
    /// in, and the questions that name it as related. `serve` re-renders these after an edit.
    pub fn showing(guide: &Guide, q: QuestionId) -> BTreeSet<PageId> {
        let question = &guide.questions[q];
        let mut pages = BTreeSet::from([
            PageId::Question(q),
            PageId::Home,
            PageId::TagsIndex,
            PageId::Study,
        ]);
        let (prev, next) = guide.neighbours(q);
        pages.extend(prev.into_iter().chain(next).map(PageId::Question));
        let mut section = Some(question.section);
        while let Some(s) = section {
            if s != 0 {
                pages.insert(PageId::Section(s));
            }
            section = guide.sections[s].parent;
        }
        pages.extend(question.tags.iter().map(|&t| PageId::Tag(t)));
        pages.extend(question.difficulty.map(PageId::Difficulty));
        for (other, o) in guide.questions.iter().enumerate() {
            if o.related.contains(&q) {
                pages.insert(PageId::Question(other));
            }
        }
        pages
    }

    /// Where the page is written, relative to the site root.
    pub fn url(self, guide: &Guide) -> String {
        match self {
            PageId::Home => "index.html".into(),
            PageId::Section(s) => guide.sections[s].url.clone(),
            PageId::Question(q) => guide.questions[q].url.clone(),
            PageId::TagsIndex => "tags/index.html".into(),
            PageId::Tag(t) => guide.tags[t].url.clone(),
            PageId::Difficulty(d) => difficulty_url(d),
            PageId::Study => "study.html".into(),
            PageId::NotFound => "404.html".into(),
            PageId::Search => "search.html".into(),
        }
    }
}

/// Renders pages of one guide with one theme.
pub struct Renderer<'g> {
    guide: &'g Guide,
    tera: Tera,
    theme: &'g Theme,
    site: SiteInfo,
    languages: Option<&'g languages::SiteLanguages>,
    /// The theme's UI strings, for the titles the pages' contexts carry.
    strings: Arc<UiStrings>,
}

impl<'g> Renderer<'g> {
    /// Parses every template of the theme; reports each broken one.
    pub fn new(guide: &'g Guide, theme: &'g Theme) -> Result<Renderer<'g>, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        let mut templates = Vec::new();
        let mut errors = Vec::new();
        for (name, file) in theme.templates() {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => templates.push((name.to_string(), text.to_string())),
                Err(_) => errors.push(Diagnostic::error(
                    theme.template_path(name),
                    "the template is not valid UTF-8 text",
                )),
            }
        }
        // `{{ q.title | code_spans | safe }}` shows `code` in titles and summaries as code;
        // `{{ page_title | plain }}` drops the backticks where only text can go.
        tera.register_filter("code_spans", |s: &str, _: tera::Kwargs, _: &tera::State| {
            crate::markdown::text::code_spans_html(s)
        });
        tera.register_filter("plain", |s: &str, _: tera::Kwargs, _: &tera::State| {
            crate::markdown::text::without_code_marks(s)
        });
        // `{{ q.summary_html | rooted(root=root) | safe }}`: a summary's links, written from
        // the site root, as this page reaches them.
        tera.register_filter(
            "rooted",
            |s: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let root: Option<String> = kwargs.get("root")?;
                Ok(crate::markdown::inline::rebase_links(
                    s,
                    root.as_deref().unwrap_or(""),
                ))
            },
        );
        let strings = match crate::strings::UiStrings::load(theme) {
            Ok(strings) => Arc::new(strings),
            Err(ds) => {
                errors.extend(ds);
                Arc::default()
            }
        };
        ui_text::register(&mut tera, strings.clone());
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            errors.extend(template_errors(&e, theme));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let config = &guide.config;
        let site = SiteInfo {
            title: config.title().to_string(),
            description: config.description().to_string(),
            language: config.language().to_string(),
            guide: config.book.title.clone(),
            languages: Vec::new(),
            authors: config.book.authors.clone(),
            base_url: config.base_url().map(str::to_string),
            search: config.search.enabled,
            highlight: config.highlight.enabled,
            generator: format!("Prepbook {}", env!("CARGO_PKG_VERSION")),
            nav: guide.sections[0]
                .children
                .iter()
                .map(|&c| Link {
                    title: guide.sections[c].title.clone(),
                    url: guide.sections[c].url.clone(),
                })
                .collect(),
            question_count: guide.question_count(),
            page_per_question: config.print.page_per_question,
            python: Some(crate::pyodide::PageRuntime::of(config)),
        };
        Ok(Renderer {
            guide,
            tera,
            theme,
            site,
            languages: None,
            strings,
        })
    }

    /// Links every page to its translations in `languages`.
    pub fn set_languages(&mut self, languages: &'g languages::SiteLanguages) {
        self.site.languages = languages.infos();
        self.languages = Some(languages);
    }

    /// Renders one page: (its URL, its HTML).
    pub fn render(&self, page: PageId) -> Result<(String, String), Diagnostic> {
        let url = page.url(self.guide);
        let html = match page {
            PageId::Home => self.home_page(&url),
            PageId::Section(s) => self.section_page(s, &url),
            PageId::Question(q) => self.question_page(q, &url),
            PageId::TagsIndex => self.tags_page(&url),
            PageId::Tag(t) => self.tag_page(t, &url),
            PageId::Difficulty(d) => self.difficulty_page(d, &url),
            PageId::Study => self.study_page(&url),
            PageId::NotFound => self.not_found_page(&url),
            PageId::Search => self.search_page(&url),
        }?;
        Ok((url, html))
    }

    /// Renders any template of the theme with a typed context.
    pub fn template<T: Serialize>(&self, name: &str, ctx: &T) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(ctx).map_err(|e| template_error(&e, self.theme))?;
        self.tera
            .render(name, &context)
            .map_err(|e| template_error(&e, self.theme))
    }

    /// What every page's context starts with.
    /// Where the pages' Python runtime comes from (`None`: they offer no Run), for a render
    /// that differs from the site's, such as the single-file export.
    pub fn set_python(&mut self, python: Option<crate::pyodide::PageRuntime>) {
        self.site.python = python;
    }

    pub fn base(
        &self,
        url: &str,
        kind: &'static str,
        title: String,
        description: String,
    ) -> Base<'_> {
        let site_title = &self.site.title;
        let page_title = if kind == "home" || title == *site_title {
            site_title.clone()
        } else {
            format!("{title} · {site_title}")
        };
        let config = &self.guide.config;
        Base {
            site: &self.site,
            root: root_prefix(url),
            static_root: root_prefix(&format!("{}{url}", config.url_prefix())),
            lang: config.language().to_string(),
            alternates: self
                .languages
                .map(|l| l.alternates(config, url))
                .unwrap_or_default(),
            url: url.to_string(),
            canonical: self
                .site
                .base_url
                .as_ref()
                .map(|b| format!("{b}/{}{url}", config.url_prefix())),
            kind,
            page_title,
            description: if description.is_empty() {
                self.site.description.clone()
            } else {
                description
            },
            nav: None,
        }
    }

    /// UI string `key` in the guide's language, `{name}`s filled from `values`: for the page
    /// titles the contexts carry (the templates use `t`).
    fn text(&self, key: &str, values: &[(&str, String)]) -> String {
        match self.strings.get(&self.site.language, key) {
            Some(text) => fill(text.pick(None), values),
            None => key.to_string(),
        }
    }

    /// Links from the first section down to `section`.
    fn crumbs(&self, section: SectionId) -> Vec<Link> {
        self.guide
            .ancestry(section)
            .into_iter()
            .map(|s| Link {
                title: self.guide.sections[s].title.clone(),
                url: self.guide.sections[s].url.clone(),
            })
            .collect()
    }
}
