//! What each kind of page shows: its typed context, built from the guide, rendered with its
//! template. [`Renderer::render`](super::Renderer::render) picks the method for a [`PageId`].

use super::Renderer;
use super::context::*;
use crate::content::{Difficulty, Kind, QuestionId, SectionId, TagId};
use crate::diagnostics::Diagnostic;

type Html = Result<String, Diagnostic>;

impl Renderer<'_> {
    /// The home page: the guide's introduction, its sections, and the ways into it.
    pub(super) fn home_page(&self, url: &str) -> Html {
        let g = self.guide;
        let root = &g.sections[0];
        self.template(
            "index.html",
            &HomePage {
                base: self.base(
                    url,
                    "home",
                    g.config.title().to_string(),
                    g.config.description().to_string(),
                ),
                intro_html: &root.intro.html,
                sections: root
                    .children
                    .iter()
                    .map(|&c| SectionCard::of(g, c))
                    .collect(),
                articles: QuestionCard::list(g, &root.questions),
                tags: self.tag_counts(),
                difficulties: self.difficulty_counts(&(0..g.questions.len()).collect::<Vec<_>>()),
                levels: self.level_counts(),
            },
        )
    }

    pub(super) fn section_page(&self, s: SectionId, url: &str) -> Html {
        let g = self.guide;
        let section = &g.sections[s];
        let mut breadcrumbs = self.crumbs(s);
        breadcrumbs.pop();
        let no_extra = serde_json::Map::new();
        let mut base = self.base(
            url,
            "section",
            section.title.clone(),
            section.description.clone(),
        );
        base.nav = NavPlace::at(Some(s));
        self.template(
            "section.html",
            &SectionPage {
                base,
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
                extra: section.index.as_ref().map_or(&no_extra, |p| &p.front.extra),
            },
        )
    }

    /// A question's page (its prompt and answer), or an article's (its whole body).
    pub(super) fn question_page(&self, q: QuestionId, url: &str) -> Html {
        let g = self.guide;
        let question = &g.questions[q];
        let (prev, next) = g.neighbours(q);
        let link = |id: QuestionId| Link {
            title: g.questions[id].title.clone(),
            url: g.questions[id].url.clone(),
        };
        let edit_url = g.config.book.edit_url_template.as_ref().map(|t| {
            let rel = g.config.build.content_dir.join(question.source.file());
            t.replace("{path}", &rel.to_string_lossy().replace('\\', "/"))
        });
        let words = question.body.text.split_whitespace().count();
        let is_article = question.kind == Kind::Article;
        let mut base = self.base(
            url,
            "question",
            question.title.clone(),
            question.summary.text.clone(),
        );
        base.nav = NavPlace::at(Some(question.section));
        self.template(
            "question.html",
            &QuestionPage {
                base,
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
                browser_blocks: question.body.browser_blocks,
                has_exercise: question.body.has_exercise,
                fallback_lang: (question.source.origin
                    == crate::content::translations::Origin::Fallback)
                    .then(|| g.config.book.language.clone()),
            },
        )
    }

    pub(super) fn tags_page(&self, url: &str) -> Html {
        self.template(
            "tags.html",
            &TagsPage {
                base: self.base(url, "tags", self.text("tags.title", &[]), String::new()),
                tags: self.tag_counts(),
            },
        )
    }

    pub(super) fn tag_page(&self, t: TagId, url: &str) -> Html {
        let g = self.guide;
        let tag = &g.tags[t];
        let mut base = self.base(
            url,
            "tag",
            self.text("tags.page_title", &[("tag", tag.name.clone())]),
            String::new(),
        );
        base.nav = NavPlace::at(None);
        self.template(
            "tag.html",
            &TagPage {
                base,
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

    pub(super) fn difficulty_page(&self, d: Difficulty, url: &str) -> Html {
        let g = self.guide;
        self.template(
            "difficulty.html",
            &DifficultyPage {
                base: self.base(
                    url,
                    "difficulty",
                    self.text(
                        "difficulty.heading",
                        &[("label", self.text(&format!("difficulty.{}", d.name()), &[]))],
                    ),
                    String::new(),
                ),
                difficulty: DifficultyView::of(d),
                difficulties: self.difficulty_counts(&(0..g.questions.len()).collect::<Vec<_>>()),
                questions: QuestionCard::list(g, &g.with_difficulty(d)),
            },
        )
    }

    pub(super) fn study_page(&self, url: &str) -> Html {
        self.template(
            "study.html",
            &StudyPage {
                base: self.base(
                    url,
                    "study",
                    self.text("study.title", &[]),
                    self.text("study.description", &[]),
                ),
                panel: self.study_panel(),
            },
        )
    }

    pub(super) fn not_found_page(&self, url: &str) -> Html {
        let mut base = self.base(
            url,
            "not-found",
            self.text("not_found.title", &[]),
            String::new(),
        );
        // A 404 page is served at any depth: only absolute links work there.
        base.static_root = match self.guide.config.base_url() {
            Some(b) => format!("{b}/"),
            None => "/".into(),
        };
        base.root = format!("{}{}", base.static_root, self.guide.config.url_prefix());
        base.alternates.clear();
        self.template("404.html", &PlainPage { base })
    }

    pub(super) fn search_page(&self, url: &str) -> Html {
        self.template(
            "search.html",
            &PlainPage {
                base: self.base(
                    url,
                    "search",
                    self.text("search.page_title", &[]),
                    String::new(),
                ),
            },
        )
    }
}
