//! The navigation tree's data files: `nav/tree.js` (every section, nested as the folders are)
//! and one `nav/section-N.js` per section with questions (their titles and where they are).
//!
//! A page names its section and the theme's `nav.js` loads the tree and that one section's
//! file; another section's file is loaded when the reader opens its folder. So a page carries
//! none of the tree, and what a reader loads grows with the sections, not with the questions.
//! The files are plain scripts that call `PrepbookData.register` (see `study`), so they load
//! from `file://` as well as over HTTP, under any sub-path.

use serde::Serialize;

use crate::content::{Guide, Kind, SectionId};
use crate::study::script;

/// Where the tree is written, relative to the site root.
pub const TREE_FILE: &str = "nav/tree.js";

/// The version of the data format, checked by `nav.js`.
pub const FORMAT: u32 = 1;

/// Where the questions of section `s` are written, relative to the site root.
pub fn section_file(s: SectionId) -> String {
    format!("nav/section-{s}.js")
}

/// The tree: every section, the root first.
#[derive(Debug, Serialize)]
struct Tree<'a> {
    format: u32,
    /// One row per section: `[title, url, parent, own questions, questions below it]`.
    /// `parent` is an index into this list (`null` for the root).
    sections: Vec<(&'a str, &'a str, Option<SectionId>, usize, usize)>,
}

/// Writes the tree and each section's file with `write(path relative to the site root, bytes)`.
pub fn write(guide: &Guide, write: &(dyn Fn(&str, &[u8]) + Sync)) {
    write(TREE_FILE, tree(guide).as_bytes());
    for s in 0..guide.sections.len() {
        if !guide.sections[s].questions.is_empty() {
            write_section(guide, s, write);
        }
    }
}

/// Writes the file of section `s` alone (after one of its questions changed).
pub fn write_section(guide: &Guide, s: SectionId, write: &(dyn Fn(&str, &[u8]) + Sync)) {
    write(&section_file(s), section(guide, s).as_bytes());
}

/// The text of `nav/tree.js`.
fn tree(guide: &Guide) -> String {
    let mut below = vec![0; guide.sections.len()];
    // Children come after their parents in the list: adding from the end up sums each subtree.
    for s in (0..guide.sections.len()).rev() {
        below[s] += guide.sections[s].questions.len();
        if let Some(p) = guide.sections[s].parent {
            below[p] += below[s];
        }
    }
    let tree = Tree {
        format: FORMAT,
        sections: guide
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.title.as_str(),
                    s.url.as_str(),
                    s.parent,
                    s.questions.len(),
                    below[i],
                )
            })
            .collect(),
    };
    script("nav", "tree", &tree)
}

/// The text of `nav/section-N.js`: one row per question, in reading order,
/// `[title, path, is an article]`, `path` as in study mode's deck (relative to the section's
/// folder without `.html`, or the whole URL after a `/`).
fn section(guide: &Guide, s: SectionId) -> String {
    let rows: Vec<(&str, String, u8)> = guide.sections[s]
        .questions
        .iter()
        .map(|&q| {
            let question = &guide.questions[q];
            (
                question.title.as_str(),
                crate::study::card_path(guide, q),
                u8::from(question.kind == Kind::Article),
            )
        })
        .collect();
    script("nav", &format!("section-{s}"), &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_files_are_numbered() {
        assert_eq!(section_file(0), "nav/section-0.js");
        assert_eq!(section_file(7), "nav/section-7.js");
    }
}
