//! What front matter holds: the typed [`FrontMatter`] of a page, the words some of its keys
//! take ([`Difficulty`], [`Level`], [`Kind`]), and the keys Prepbook knows.

use serde_json::Value;

use crate::diagnostics::closest;

/// How hard a question is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "Easy",
            Difficulty::Medium => "Medium",
            Difficulty::Hard => "Hard",
        }
    }

    /// Parses a difficulty, ignoring case; also accepts the labels LeetCode's Chinese site uses.
    pub fn parse(s: &str) -> Option<Difficulty> {
        match s.trim().to_lowercase().as_str() {
            "easy" | "简单" => Some(Difficulty::Easy),
            "medium" | "中等" => Some(Difficulty::Medium),
            "hard" | "困难" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

/// The seniority a question is typical for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Entry,
    Mid,
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Entry, Level::Mid, Level::Senior];

    pub fn name(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_lowercase().as_str() {
            "entry" => Some(Level::Entry),
            "mid" => Some(Level::Mid),
            "senior" => Some(Level::Senior),
            _ => None,
        }
    }
}

/// What a page is: a question (a Q&A card) or an article (a guide, a tip).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Question,
    Article,
}

/// The typed front matter of a question, article or section `_index.md`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub difficulty: Option<Difficulty>,
    pub levels: Vec<Level>,
    pub kind: Kind,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    /// Each entry with the line and column it was written at, so it can be reported.
    pub related: Vec<(String, usize, usize)>,
    pub draft: bool,
    /// Other names a reader may search the page by; search weighs them like the title.
    pub aliases: Vec<String>,
    /// Words a reader may search the page by that it does not use itself; weighed like the title.
    pub keywords: Vec<String>,
    /// Keys Prepbook does not know, kept for templates (`extra.<key>` on a question's or a
    /// section's page).
    #[serde(with = "crate::as_json")]
    pub extra: serde_json::Map<String, Value>,
    /// The YAML could not be parsed (already reported): checks that need it are skipped.
    pub broken: bool,
}

/// The keys Prepbook reads; anything else goes to `extra`.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "slug",
    "tags",
    "difficulty",
    "level",
    "kind",
    "summary",
    "description",
    "weight",
    "related",
    "draft",
    "aliases",
    "keywords",
    // Kept in `extra`; the Anki exports make a note's GUID of it (`crate::export::notes`).
    "id",
];

/// The known key that `name` is a misspelling of (`tag` -> `tags`), if it is one.
pub fn misspelled_key(name: &str) -> Option<&'static str> {
    closest(name, KNOWN_KEYS.iter().copied()).filter(|k| is_typo(name, k))
}

/// A misspelling, not a different word: close in edit distance to a known key.
fn is_typo(name: &str, known: &str) -> bool {
    let name = name.to_lowercase();
    name != known && strsim::damerau_levenshtein(&name, known) <= (known.len() / 4).max(1)
}
