//! Typed template contexts: what each template can use, as plain serializable structs. URLs in
//! them are relative to the site root; templates prefix them with `root` (`{{ root }}{{ q.url }}`).

use serde::Serialize;

use crate::content::{Difficulty, Guide, Kind, QuestionId, SectionId};
use crate::markdown::Heading;

/// About the whole guide; the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    /// The guide's title in the page's language.
    pub title: String,
    pub description: String,
    /// The page's language (as `lang` is).
    pub language: String,
    /// What identifies the guide in a reader's browser whatever the language (`[book] title`):
    /// study progress is kept under it.
    pub guide: String,
    /// Every language of the site, the default one first; empty for a guide in one language.
    pub languages: Vec<crate::render::languages::LanguageInfo>,
    pub authors: Vec<String>,
    pub base_url: Option<String>,
    pub search: bool,
    pub highlight: bool,
    pub generator: String,
    /// Top-level sections, for the navigation.
    pub nav: Vec<Link>,
    pub question_count: usize,
    /// `[print] page-per-question`.
    pub page_per_question: bool,
    /// Where the pages' Python runtime comes from; `None` when the pages offer no Run.
    pub python: Option<crate::pyodide::PageRuntime>,
}

/// What every page has.
#[derive(Debug, Serialize)]
pub struct Base<'a> {
    pub site: &'a SiteInfo,
    /// From this page back to its language's root (the site root for the default language):
    /// `""`, `"../"`... Pages and the language's data files (search, study, nav) are there.
    pub root: String,
    /// From this page back to the site root, where the theme's static files are shared by
    /// every language. The same as `root` in the default language.
    pub static_root: String,
    /// The page's language code.
    pub lang: String,
    /// This page in every language of the site (none for a guide in one language).
    pub alternates: Vec<crate::render::languages::Alternate>,
    /// This page, relative to the site root.
    pub url: String,
    /// The absolute URL when `[site] base-url` is set.
    pub canonical: Option<String>,
    /// `home`, `section`, `question`, `tags`, `tag`, `difficulty`, `study`, `not-found`.
    pub kind: &'static str,
    pub page_title: String,
    pub description: String,
    /// Set on the pages that show the navigation tree (section, question, article, tag).
    pub nav: Option<NavPlace>,
}

/// Where a page is in the navigation tree (`nav/tree.js`, see [`crate::nav`]).
#[derive(Debug, Serialize)]
pub struct NavPlace {
    /// The section the tree opens: the page's own, or its question's. Absent on tag pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionId>,
    /// `nav/tree.js`, relative to the site root.
    pub tree_src: &'static str,
}

impl NavPlace {
    pub fn at(section: Option<SectionId>) -> Option<NavPlace> {
        Some(NavPlace {
            section,
            tree_src: crate::nav::TREE_FILE,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DifficultyView {
    pub name: &'static str,
    pub label: &'static str,
    pub url: String,
}

impl DifficultyView {
    pub fn of(d: Difficulty) -> Self {
        DifficultyView {
            name: d.name(),
            label: d.label(),
            url: difficulty_url(d),
        }
    }
}

pub fn difficulty_url(d: Difficulty) -> String {
    format!("difficulty/{}.html", d.name())
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub name: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A card in a list shows at most this many tags; one with more shows the first
/// [`CARD_TAGS_SHOWN`] and "+N". So a list's size does not grow with how many tags its
/// questions carry.
pub const CARD_TAGS_MAX: usize = 5;
pub const CARD_TAGS_SHOWN: usize = 4;

/// A question in a list (or on its own page, with all its tags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionCard {
    pub title: String,
    pub url: String,
    pub kind: Kind,
    pub difficulty: Option<DifficultyView>,
    pub levels: Vec<&'static str>,
    pub tags: Vec<Link>,
    /// How many of its tags `tags` leaves out (the card shows "+N").
    pub more_tags: usize,
    /// The summary as plain text.
    pub summary: String,
    /// The summary as inline HTML, links relative to the site root: shown with
    /// `{{ q.summary_html | rooted(root=root) | safe }}`.
    pub summary_html: String,
    pub section: Link,
}

impl QuestionCard {
    /// Question `q` with every tag it has, as its own page shows it.
    pub fn of(guide: &Guide, q: QuestionId) -> Self {
        let question = &guide.questions[q];
        let section = &guide.sections[question.section];
        QuestionCard {
            title: question.title.clone(),
            url: question.url.clone(),
            kind: question.kind,
            difficulty: question.difficulty.map(DifficultyView::of),
            levels: question.levels.iter().map(|l| l.name()).collect(),
            tags: question
                .tags
                .iter()
                .map(|&t| Link {
                    title: guide.tags[t].name.clone(),
                    url: guide.tags[t].url.clone(),
                })
                .collect(),
            more_tags: 0,
            summary: question.summary.text.clone(),
            summary_html: question.summary.html.clone(),
            section: Link {
                title: section.title.clone(),
                url: section.url.clone(),
            },
        }
    }

    /// Question `q` as a list shows it: its first tags and how many more it has.
    pub fn in_list(guide: &Guide, q: QuestionId) -> Self {
        let mut card = QuestionCard::of(guide, q);
        if card.tags.len() > CARD_TAGS_MAX {
            card.more_tags = card.tags.len() - CARD_TAGS_SHOWN;
            card.tags.truncate(CARD_TAGS_SHOWN);
        }
        card
    }

    /// The questions `ids`, as a list shows them.
    pub fn list(guide: &Guide, ids: &[QuestionId]) -> Vec<Self> {
        ids.iter()
            .map(|&q| QuestionCard::in_list(guide, q))
            .collect()
    }
}

/// A section in a list, with its subsections.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCard {
    pub title: String,
    pub url: String,
    pub description: String,
    pub count: usize,
    /// Its questions (not articles), with its subsections': the study cards it holds.
    pub card_count: usize,
    pub children: Vec<SectionCard>,
}

impl SectionCard {
    pub fn of(guide: &Guide, s: SectionId) -> Self {
        let section = &guide.sections[s];
        SectionCard {
            title: section.title.clone(),
            url: section.url.clone(),
            description: section.description.clone(),
            count: guide.count_in(s),
            card_count: guide.cards_in(s),
            children: section
                .children
                .iter()
                .map(|&c| SectionCard::of(guide, c))
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub intro_html: &'a str,
    pub sections: Vec<SectionCard>,
    /// Pages directly in the content folder (how to use the guide, study plans).
    pub articles: Vec<QuestionCard>,
    pub tags: Vec<Count>,
    pub difficulties: Vec<Count>,
    pub levels: Vec<Count>,
}

#[derive(Debug, Serialize)]
pub struct SectionPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub section: Link,
    pub intro_html: &'a str,
    pub breadcrumbs: Vec<Link>,
    pub subsections: Vec<SectionCard>,
    pub questions: Vec<QuestionCard>,
    pub difficulties: Vec<Count>,
    /// Questions (not articles) here and in the subsections: the study cards.
    pub card_count: usize,
    /// Front matter keys of its `_index.md` that Prepbook does not know, as written.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct QuestionPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub question: QuestionCard,
    pub slug: &'a str,
    pub body_html: &'a str,
    pub prompt_html: &'a str,
    pub answer_html: &'a str,
    pub headings: &'a [Heading],
    pub related: Vec<QuestionCard>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub breadcrumbs: Vec<Link>,
    pub edit_url: Option<String>,
    /// Front matter keys Prepbook does not know, as written.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub reading_minutes: usize,
    /// How many Python blocks of the page can run in the browser (an exercise's included).
    pub browser_blocks: usize,
    /// The page has an exercise.
    pub has_exercise: bool,
    /// The language the page is shown in when it is not translated into the page's language
    /// yet (the default language's code); `None` for a page in its own language.
    pub fallback_lang: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TagsPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub tags: Vec<Count>,
}

#[derive(Debug, Serialize)]
pub struct TagPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub tag: Link,
    pub questions: Vec<QuestionCard>,
    /// Its questions that are not articles: the study cards.
    pub card_count: usize,
}

#[derive(Debug, Serialize)]
pub struct DifficultyPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub difficulty: DifficultyView,
    pub difficulties: Vec<Count>,
    pub questions: Vec<QuestionCard>,
}

/// A section in the study page's deck chooser.
#[derive(Debug, Serialize)]
pub struct StudySection {
    pub title: String,
    pub url: String,
    /// 1 for a top-level section.
    pub depth: usize,
    /// Non-breaking spaces that indent a subsection under its parent in a `<select>`.
    pub indent: String,
    /// Its questions and its subsections' (not articles).
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct StudyPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
    pub panel: StudyPanel,
}

/// What the study panel (`partials/study-panel.html`) shows: on the study page, and in the
/// offline export.
#[derive(Debug, Serialize)]
pub struct StudyPanel {
    /// The questions of the guide: the cards of the whole deck.
    pub total: usize,
    /// Sections holding at least one question, depth first.
    pub sections: Vec<StudySection>,
    /// Tags, difficulties and levels with how many questions (not articles) carry them.
    pub tags: Vec<Count>,
    pub difficulties: Vec<Count>,
    pub levels: Vec<Count>,
    /// The deck's data file, relative to the site root.
    pub deck_src: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PlainPage<'a> {
    #[serde(flatten)]
    pub base: Base<'a>,
}
