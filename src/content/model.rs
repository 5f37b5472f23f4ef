//! The loaded guide: sections, questions and tags, everything the renderers, the search index,
//! study mode and the export read. Built once per build by [`crate::content::load`].

use std::path::PathBuf;

use crate::config::Config;
use crate::content::front_matter::{Difficulty, FrontMatter, Kind, Level};
use crate::content::translations::Origin;
use crate::markdown::Rendered;
use crate::markdown::inline::InlineText;

pub type SectionId = usize;
pub type QuestionId = usize;
pub type TagId = usize;

/// A whole guide, loaded and rendered to HTML fragments.
#[derive(Debug)]
pub struct Guide {
    pub config: Config,
    /// `sections[0]` is the root (the content folder itself, whose page is the home page).
    pub sections: Vec<Section>,
    /// Questions and articles, in reading order (section by section).
    pub questions: Vec<Question>,
    /// Sorted by slug.
    pub tags: Vec<Tag>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
}

/// One Markdown file as read from disk.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SourcePage {
    /// Relative to the content folder, with `/` separators.
    pub rel: String,
    /// As shown in diagnostics.
    pub path: PathBuf,
    /// The text, BOM removed and line endings normalized.
    pub text: String,
    pub body_offset: usize,
    pub front: FrontMatter,
    /// In a language's view: whether this is the original, its translation or the original
    /// shown as a fallback ([`crate::content::translations`]).
    #[serde(default)]
    pub origin: Origin,
    /// The file read when it is `rel`'s translation (`gil.zh.md`), relative to the content folder.
    #[serde(default)]
    pub translation: Option<String>,
}

impl SourcePage {
    /// The file the text was read from, relative to the content folder.
    pub fn file(&self) -> &str {
        self.translation.as_deref().unwrap_or(&self.rel)
    }
}

/// A folder of questions.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Relative to the content folder (`""` for the root).
    pub dir: String,
    /// `concurrency/index.html` (the root's is `index.html`).
    pub url: String,
    pub title: String,
    pub description: String,
    pub weight: Option<i64>,
    /// The body of `_index.md`.
    pub intro: Rendered,
    /// `_index.md`, when the folder has one.
    pub index: Option<SourcePage>,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// Its own questions (not its subsections'), in order.
    pub questions: Vec<QuestionId>,
    pub depth: usize,
}

/// One question or article.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub source: SourcePage,
    pub slug: String,
    /// `concurrency/what-is-the-gil.html`.
    pub url: String,
    pub section: SectionId,
    pub title: String,
    pub kind: Kind,
    pub difficulty: Option<Difficulty>,
    pub levels: Vec<Level>,
    pub tags: Vec<TagId>,
    /// The short answer (front matter `summary`, else `description`, else the first paragraph),
    /// written as inline Markdown: its HTML for pages, its text for meta tags and search.
    pub summary: InlineText,
    pub weight: Option<i64>,
    pub related: Vec<QuestionId>,
    pub body: Rendered,
}

impl Question {
    pub fn front(&self) -> &FrontMatter {
        &self.source.front
    }

    /// The opening text before the answer (study mode's card front).
    pub fn prompt_html(&self) -> &str {
        match self.body.answer_start {
            Some(i) => &self.body.html[..i],
            None => "",
        }
    }

    /// The answer (study mode's card back): everything when nothing marks where it starts.
    pub fn answer_html(&self) -> &str {
        match self.body.answer_start {
            Some(i) => &self.body.html[i..],
            None => &self.body.html,
        }
    }
}

/// A tag, as first written, with its questions.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    pub name: String,
    /// What identifies it ([`crate::content::tags::tag_key`]): `Machine-Learning` and
    /// `machine learning` are one tag.
    pub key: String,
    /// Unique among the guide's tags ([`crate::content::tags::assign_slugs`]).
    pub slug: String,
    pub url: String,
    pub questions: Vec<QuestionId>,
}

/// A non-Markdown file of the content folder.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Asset {
    pub source: PathBuf,
    pub rel: String,
    pub url: String,
}

impl Guide {
    /// Questions of a section and all its subsections, recursively.
    pub fn count_in(&self, section: SectionId) -> usize {
        let s = &self.sections[section];
        s.questions.len() + s.children.iter().map(|c| self.count_in(*c)).sum::<usize>()
    }

    /// Questions (not articles) of a section and all its subsections: its study cards.
    pub fn cards_in(&self, section: SectionId) -> usize {
        let s = &self.sections[section];
        let own = s
            .questions
            .iter()
            .filter(|&&q| self.questions[q].kind == Kind::Question)
            .count();
        own + s.children.iter().map(|c| self.cards_in(*c)).sum::<usize>()
    }

    /// The sections from the root's child down to `section` (for breadcrumbs).
    pub fn ancestry(&self, section: SectionId) -> Vec<SectionId> {
        let mut chain = Vec::new();
        let mut cur = Some(section);
        while let Some(id) = cur {
            if id != 0 {
                chain.push(id);
            }
            cur = self.sections[id].parent;
        }
        chain.reverse();
        chain
    }

    /// Questions of the given difficulty, in reading order.
    pub fn with_difficulty(&self, d: Difficulty) -> Vec<QuestionId> {
        (0..self.questions.len())
            .filter(|&q| self.questions[q].difficulty == Some(d))
            .collect()
    }

    /// Number of questions (not articles).
    pub fn question_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.kind == Kind::Question)
            .count()
    }

    /// The section a question is in and its neighbours there: (previous, next).
    pub fn neighbours(&self, q: QuestionId) -> (Option<QuestionId>, Option<QuestionId>) {
        let list = &self.sections[self.questions[q].section].questions;
        let Some(pos) = list.iter().position(|&x| x == q) else {
            return (None, None);
        };
        let prev = pos.checked_sub(1).map(|p| list[p]);
        let next = list.get(pos + 1).copied();
        (prev, next)
    }
}
