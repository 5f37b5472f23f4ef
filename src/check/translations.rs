//! `check` on a translated guide: each translation says what its original says where the two
//! must agree (difficulty, level, tags, related: filters, study decks and links are the same in
//! every language), and no translation is older than its original ([`history`]). A translation
//! without an original is reported by the loader already
//! ([`crate::content::translations::pages`]).

mod history;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::content::front_matter::{closing_line, key_position};
use crate::content::translations::Origin;
use crate::content::{Guide, Question, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use history::LastChanges;

/// Checks every translated page of `views` (each a language's view of the guide) against its
/// original in `original` (the default language's view).
pub fn check(original: &Guide, views: &[Guide], diags: &Diagnostics) {
    if views.is_empty() {
        return;
    }
    let questions: HashMap<&str, &Question> = original
        .questions
        .iter()
        .map(|q| (q.source.rel.as_str(), q))
        .collect();
    let sections: HashMap<&str, &SourcePage> = original
        .sections
        .iter()
        .filter_map(|s| s.index.as_ref())
        .map(|p| (p.rel.as_str(), p))
        .collect();
    // (original, translation) of every translated page, for their ages.
    let mut pairs: Vec<(&SourcePage, &SourcePage)> = Vec::new();
    for view in views {
        for q in &view.questions {
            if q.source.origin != Origin::Translated {
                continue;
            }
            // An original left out of the build (a draft) has nothing to compare.
            let Some(&first) = questions.get(q.source.rel.as_str()) else {
                continue;
            };
            if !q.front().broken && !first.front().broken {
                agreement(original, first, view, q, diags);
            }
            pairs.push((&first.source, &q.source));
        }
        // A section's page has only its text to keep up to date.
        for s in &view.sections {
            let Some(page) = s.index.as_ref().filter(|p| p.origin == Origin::Translated) else {
                continue;
            };
            if let Some(&first) = sections.get(page.rel.as_str()) {
                pairs.push((first, page));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    let content_dir = original.config.content_dir();
    let mut files: Vec<&str> = pairs
        .iter()
        .flat_map(|(o, t)| [o.file(), t.file()])
        .collect();
    files.sort_unstable();
    files.dedup();
    let changes = LastChanges::of(&content_dir, &files);
    for (first, translation) in pairs {
        if let Some(d) = older(&changes, first, translation) {
            diags.push(d);
        }
    }
}

/// One front matter field a translation must copy from its original.
struct Field {
    /// Its key in the front matter.
    key: &'static str,
    /// Its value in the original and in the translation, each as a set of names.
    original: BTreeSet<String>,
    translation: BTreeSet<String>,
    /// How the original writes it, for the hint.
    written: String,
}

/// The fields that must agree, as each view resolved them: tags by identity (`Machine
/// Learning` is `machine-learning`), related questions by file, whatever the spelling.
fn fields(original: &Guide, first: &Question, view: &Guide, q: &Question) -> [Field; 4] {
    let difficulty = |q: &Question| q.difficulty.iter().map(|d| d.name().to_string()).collect();
    let levels = |q: &Question| q.levels.iter().map(|l| l.name().to_string()).collect();
    let tags = |g: &Guide, q: &Question| q.tags.iter().map(|&t| g.tags[t].key.clone()).collect();
    let related = |g: &Guide, q: &Question| {
        q.related
            .iter()
            .map(|&r| g.questions[r].source.rel.clone())
            .collect()
    };
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let front = first.front();
    [
        Field {
            key: "difficulty",
            original: difficulty(first),
            translation: difficulty(q),
            written: first.difficulty.map_or(String::new(), |d| d.name().into()),
        },
        Field {
            key: "level",
            original: levels(first),
            translation: levels(q),
            written: list(first.levels.iter().map(|l| l.name().to_string()).collect()),
        },
        Field {
            key: "tags",
            original: tags(original, first),
            translation: tags(view, q),
            written: list(front.tags.clone()),
        },
        Field {
            key: "related",
            original: related(original, first),
            translation: related(view, q),
            written: list(front.related.iter().map(|(r, _, _)| r.clone()).collect()),
        },
    ]
}

/// A warning for each field where `q` (a translation in `view`) and `first` (its original)
/// disagree, at the translation's line of that field.
fn agreement(original: &Guide, first: &Question, view: &Guide, q: &Question, diags: &Diagnostics) {
    let original_path = first.source.path.display();
    for field in fields(original, first, view, q) {
        if field.original == field.translation {
            continue;
        }
        let key = field.key;
        let shown = |set: &BTreeSet<String>| {
            if set.is_empty() {
                "none".to_string()
            } else {
                set.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let message = format!(
            "`{key}` differs from the original's: {} here, {} in `{original_path}`",
            shown(&field.translation),
            shown(&field.original)
        );
        let text = &q.source.text;
        let d = Diagnostic::warning(&q.source.path, message);
        let fix = if field.original.is_empty() {
            format!("remove `{key}:`, as the original has none")
        } else {
            format!("write `{key}: {}` as the original does", field.written)
        };
        let why = "a translation keeps its original's difficulty, level, tags and related questions, so filters, study decks and links agree in every language";
        let d = if let Some((line, col)) = key_position(text, key) {
            d.at(text, line, col, key.len())
        } else if let Some(line) = closing_line(text) {
            d.at(text, line, 1, 3)
        } else {
            d.at(text, 1, 1, 1)
        };
        diags.push(d.with_hint(format!("{fix}: {why}")));
    }
}

/// A warning when `translation` last changed before its original `first` did.
fn older(
    changes: &LastChanges,
    first: &SourcePage,
    translation: &SourcePage,
) -> Option<Diagnostic> {
    let comparison = changes.compare(first.file(), translation.file())?;
    let d = Diagnostic::warning(
        &translation.path,
        format!(
            "this translation is older than its original `{}`",
            first.path.display()
        ),
    )
    .at(&translation.text, 1, 1, 1);
    Some(d.with_hint(comparison.explain(&display(&first.path))))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
