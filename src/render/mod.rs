//! Rendering pages with Tera: which pages a guide has ([`PageId`]), the context each gets, and
//! template errors reported at the template's file and line.

pub mod context;

use std::collections::BTreeSet;

use serde::Serialize;
use tera::{Context, Tera};

use crate::content::{Difficulty, Guide, Kind, Level, QuestionId, SectionId, TagId};
use crate::diagnostics::Diagnostic;
use crate::theme::Theme;
use crate::urls::root_prefix;
use context::*;

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
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            errors.push(template_error(&e, theme));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let config = &guide.config;
        let site = SiteInfo {
            title: config.book.title.clone(),
            description: config.book.description.clone(),
            language: config.book.language.clone(),
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
        };
        Ok(Renderer {
            guide,
            tera,
            theme,
            site,
        })
    }

    /// Renders one page: (its URL, its HTML).
    pub fn render(&self, page: PageId) -> Result<(String, String), Diagnostic> {
        let g = self.guide;
        let url = page.url(g);
        let html = match page {
            PageId::Home => {
                let root = &g.sections[0];
                self.template(
                    "index.html",
                    &HomePage {
                        base: self.base(
                            &url,
                            "home",
                            g.config.book.title.clone(),
                            g.config.book.description.clone(),
                        ),
                        intro_html: &root.intro.html,
                        sections: root
                            .children
                            .iter()
                            .map(|&c| SectionCard::of(g, c))
                            .collect(),
                        articles: QuestionCard::list(g, &root.questions),
                        tags: self.tag_counts(),
                        difficulties: self
                            .difficulty_counts(&(0..g.questions.len()).collect::<Vec<_>>()),
                        levels: self.level_counts(),
                    },
                )
            }
            PageId::Section(s) => {
                let section = &g.sections[s];
                let mut breadcrumbs = self.crumbs(s);
                breadcrumbs.pop();
                self.template(
                    "section.html",
                    &SectionPage {
                        base: self.base(
                            &url,
                            "section",
                            section.title.clone(),
                            section.description.clone(),
                        ),
                        section: Link {
                            title: section.title.clone(),
                            url: section.url.clone(),
                        },
                        intro_html: &section.intro.html,
                        breadcrumbs,
                        subsections: section
                            .children
                            .iter()
                            .map(|&c| SectionCard::of(g, c))
                            .collect(),
                        questions: QuestionCard::list(g, &section.questions),
                        difficulties: self.difficulty_counts(&section.questions),
                        card_count: g.cards_in(s),
                    },
                )
            }
            PageId::Question(q) => {
                let question = &g.questions[q];
                let (prev, next) = g.neighbours(q);
                let link = |id: QuestionId| Link {
                    title: g.questions[id].title.clone(),
                    url: g.questions[id].url.clone(),
                };
                let edit_url = g.config.book.edit_url_template.as_ref().map(|t| {
                    let rel = g.config.build.content_dir.join(&question.source.rel);
                    t.replace("{path}", &rel.to_string_lossy().replace('\\', "/"))
                });
                let words = question.body.text.split_whitespace().count();
                let is_article = question.kind == Kind::Article;
                self.template(
                    "question.html",
                    &QuestionPage {
                        base: self.base(
                            &url,
                            "question",
                            question.title.clone(),
                            question.summary.clone(),
                        ),
                        question: QuestionCard::of(g, q),
                        slug: &question.slug,
                        // A question's page shows its prompt and answer, an article's its whole
                        // body: each gets only what it shows (every string is copied into Tera).
                        body_html: if is_article { &question.body.html } else { "" },
                        prompt_html: if is_article {
                            ""
                        } else {
                            question.prompt_html()
                        },
                        answer_html: if is_article {
                            ""
                        } else {
                            question.answer_html()
                        },
                        headings: &question.body.headings,
                        related: QuestionCard::list(g, &question.related),
                        prev: prev.map(link),
                        next: next.map(link),
                        breadcrumbs: self.crumbs(question.section),
                        edit_url,
                        extra: &question.front().extra,
                        reading_minutes: words.div_ceil(200).max(1),
                    },
                )
            }
            PageId::TagsIndex => self.template(
                "tags.html",
                &TagsPage {
                    base: self.base(&url, "tags", "Tags".into(), String::new()),
                    tags: self.tag_counts(),
                },
            ),
            PageId::Tag(t) => {
                let tag = &g.tags[t];
                self.template(
                    "tag.html",
                    &TagPage {
                        base: self.base(
                            &url,
                            "tag",
                            format!("Tagged “{}”", tag.name),
                            String::new(),
                        ),
                        tag: Link {
                            title: tag.name.clone(),
                            url: tag.url.clone(),
                        },
                        questions: QuestionCard::list(g, &tag.questions),
                        card_count: tag
                            .questions
                            .iter()
                            .filter(|&&q| g.questions[q].kind == Kind::Question)
                            .count(),
                    },
                )
            }
            PageId::Difficulty(d) => self.template(
                "difficulty.html",
                &DifficultyPage {
                    base: self.base(
                        &url,
                        "difficulty",
                        format!("{} questions", d.label()),
                        String::new(),
                    ),
                    difficulty: DifficultyView::of(d),
                    difficulties: self
                        .difficulty_counts(&(0..g.questions.len()).collect::<Vec<_>>()),
                    questions: QuestionCard::list(g, &g.with_difficulty(d)),
                },
            ),
            PageId::Study => self.template(
                "study.html",
                &StudyPage {
                    base: self.base(
                        &url,
                        "study",
                        "Study".into(),
                        "Flashcards, spaced repetition and mock interviews, with your progress kept in this browser.".into(),
                    ),
                    panel: self.study_panel(),
                },
            ),
            PageId::NotFound => {
                let mut base = self.base(&url, "not-found", "Page not found".into(), String::new());
                // A 404 page is served at any depth: only absolute links work there.
                base.root = match g.config.base_url() {
                    Some(b) => format!("{b}/"),
                    None => "/".into(),
                };
                self.template("404.html", &PlainPage { base })
            }
            PageId::Search => self.template(
                "search.html",
                &PlainPage {
                    base: self.base(&url, "search", "Search".into(), String::new()),
                },
            ),
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
        Base {
            site: &self.site,
            root: root_prefix(url),
            url: url.to_string(),
            canonical: self.site.base_url.as_ref().map(|b| format!("{b}/{url}")),
            kind,
            page_title,
            description: if description.is_empty() {
                self.site.description.clone()
            } else {
                description
            },
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

    /// What the study panel shows: the deck's sections, tags, difficulties and levels, with how
    /// many cards (questions, not articles) each holds.
    pub fn study_panel(&self) -> StudyPanel {
        let g = self.guide;
        let cards: Vec<QuestionId> = (0..g.questions.len())
            .filter(|&q| g.questions[q].kind == Kind::Question)
            .collect();
        StudyPanel {
            total: cards.len(),
            sections: self.study_sections(),
            tags: g
                .tags
                .iter()
                .map(|t| Count {
                    name: t.slug.clone(),
                    label: t.name.clone(),
                    url: t.url.clone(),
                    count: t
                        .questions
                        .iter()
                        .filter(|&&q| g.questions[q].kind == Kind::Question)
                        .count(),
                })
                .filter(|c| c.count > 0)
                .collect(),
            difficulties: self.difficulty_counts(&cards),
            levels: self.level_counts(),
            deck_src: crate::study::DECK_FILE,
        }
    }

    /// Every section that holds a question, depth first, for the deck chooser.
    fn study_sections(&self) -> Vec<StudySection> {
        fn walk(g: &Guide, s: SectionId, out: &mut Vec<StudySection>) {
            for &c in &g.sections[s].children {
                let count = g.cards_in(c);
                if count == 0 {
                    continue;
                }
                let section = &g.sections[c];
                out.push(StudySection {
                    title: section.title.clone(),
                    url: section.url.clone(),
                    depth: section.depth,
                    indent: "\u{a0}\u{a0}".repeat(section.depth.saturating_sub(1)),
                    count,
                });
                walk(g, c, out);
            }
        }
        let mut out = Vec::new();
        walk(self.guide, 0, &mut out);
        out
    }

    pub fn tag_counts(&self) -> Vec<Count> {
        self.guide
            .tags
            .iter()
            .map(|t| Count {
                name: t.slug.clone(),
                label: t.name.clone(),
                url: t.url.clone(),
                count: t.questions.len(),
            })
            .collect()
    }

    pub fn difficulty_counts(&self, ids: &[QuestionId]) -> Vec<Count> {
        Difficulty::ALL
            .into_iter()
            .map(|d| Count {
                name: d.name().into(),
                label: d.label().into(),
                url: difficulty_url(d),
                count: ids
                    .iter()
                    .filter(|&&q| self.guide.questions[q].difficulty == Some(d))
                    .count(),
            })
            .collect()
    }

    pub fn level_counts(&self) -> Vec<Count> {
        Level::ALL
            .into_iter()
            .map(|l| Count {
                name: l.name().into(),
                label: l.name().into(),
                url: String::new(),
                count: self
                    .guide
                    .questions
                    .iter()
                    .filter(|q| q.kind == Kind::Question && q.levels.contains(&l))
                    .count(),
            })
            .collect()
    }
}

/// A Tera error as a diagnostic at the template's file, line and column.
fn template_error(e: &tera::Error, theme: &Theme) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let path = theme.template_path(name);
            let span = report.span();
            let source = theme
                .files
                .get(&format!("templates/{name}"))
                .and_then(|f| std::str::from_utf8(&f.bytes).ok())
                .unwrap_or("");
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::error(path, format!("template error: {}", report.message()))
                .at(source, span.start_line, span.start_col + 1, len)
                .with_hint(
                    "fix the template; the variables each template gets are listed in the README",
                )
        }
        _ => Diagnostic::error("themes", format!("template error: {e}")),
    }
}
