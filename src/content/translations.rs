//! Which file each page of a language's view of the guide is read from. A translation sits
//! beside its original with the language's code before the extension (`gil.md` ->
//! `gil.zh.md`, `_index.md` -> `_index.zh.md`); the default language reads the originals, a
//! translation reads each page's translation where there is one and the original (marked as a
//! fallback) where there is not. Either way the page keeps its original's path as its
//! identity ([`SourcePage::rel`](crate::content::SourcePage)), so its URL, its links and the
//! reader's study progress are the same in every language.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::content::discover::{file_name, parent_dir};
use crate::diagnostics::{Diagnostic, display_path};

/// Where a page of a language's view comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The original file, in the default language's view.
    #[default]
    Original,
    /// The page's translation into the view's language.
    Translated,
    /// The original, shown in a translation's view because the page is not translated yet.
    Fallback,
}

/// One page to read for a view: its identity and the file that holds its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSource {
    /// The original's path, relative to the content folder: the page's identity.
    pub rel: String,
    /// The file read: `rel` itself, or its translation.
    pub file: String,
    pub origin: Origin,
}

/// `a/gil.zh.md` -> (`a/gil.md`, `zh`): the original a file translates, when its name ends in
/// `.<code>.<ext>` for one of `codes`.
pub fn translation_of<'c>(rel: &str, codes: &[&'c str]) -> Option<(String, &'c str)> {
    let name = file_name(rel);
    let (stem, ext) = name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let code = codes.iter().find(|&&c| c == code)?;
    if base.is_empty() {
        return None;
    }
    let dir = parent_dir(rel);
    let original = if dir.is_empty() {
        format!("{base}.{ext}")
    } else {
        format!("{dir}/{base}.{ext}")
    };
    Some((original, code))
}

/// A section's page in another language (`_index.fr.md`): discovered so a translated guide can
/// use it, and never a page of its own.
fn is_section_translation(rel: &str) -> bool {
    let name = file_name(rel);
    // (`load::SECTION_INDEX`, which depends on this module, names the original.)
    name.starts_with("_index.") && name != "_index.md"
}

/// The pages of the view in `language` (`None`: the default language) of a guide whose
/// Markdown files are `markdown` and whose translations are into `codes`. A translation whose
/// original does not exist is left out with a warning.
pub fn pages(
    markdown: &[String],
    codes: &[&str],
    language: Option<&str>,
    content_dir: &Path,
) -> (Vec<PageSource>, Vec<Diagnostic>) {
    let mut originals: Vec<&String> = Vec::new();
    // Every translation, by its original, and those into the view's language.
    let mut all: Vec<(String, &String)> = Vec::new();
    let mut translated: BTreeMap<String, String> = BTreeMap::new();
    let mut warnings = Vec::new();
    for rel in markdown {
        match translation_of(rel, codes) {
            Some((original, code)) => {
                if Some(code) == language {
                    translated.insert(original.clone(), rel.clone());
                }
                all.push((original, rel));
            }
            None if is_section_translation(rel) => {} // a language the guide does not declare
            None => originals.push(rel),
        }
    }
    let known: HashSet<&str> = originals.iter().map(|r| r.as_str()).collect();
    for (original, file) in &all {
        if !known.contains(original.as_str()) {
            warnings.push(
                Diagnostic::warning(
                    display_path(&content_dir.join(file)),
                    format!("this translation has no original: `{original}` does not exist"),
                )
                .with_hint(format!(
                    "the build leaves it out; rename it after its original, or add `{original}`"
                )),
            );
        }
    }
    let sources = originals
        .into_iter()
        .map(|rel| match (language, translated.get(rel.as_str())) {
            (None, _) => PageSource {
                rel: rel.clone(),
                file: rel.clone(),
                origin: Origin::Original,
            },
            (Some(_), Some(file)) => PageSource {
                rel: rel.clone(),
                file: file.clone(),
                origin: Origin::Translated,
            },
            (Some(_), None) => PageSource {
                rel: rel.clone(),
                file: rel.clone(),
                origin: Origin::Fallback,
            },
        })
        .collect();
    (sources, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_suffix_names_the_original_only_for_declared_languages() {
        let codes = ["zh", "pt-br"];
        assert_eq!(
            translation_of("a/gil.zh.md", &codes),
            Some(("a/gil.md".into(), "zh"))
        );
        assert_eq!(
            translation_of("_index.pt-br.md", &codes),
            Some(("_index.md".into(), "pt-br"))
        );
        assert_eq!(translation_of("a/gil.fr.md", &codes), None);
        assert_eq!(translation_of("a/python3.12.md", &codes), None);
        assert_eq!(translation_of("a/.zh.md", &codes), None);
    }

    #[test]
    fn a_view_reads_translations_and_falls_back_to_originals() {
        let md = files(&[
            "_index.md",
            "_index.zh.md",
            "a/gil.md",
            "a/gil.zh.md",
            "a/slots.md",
            "a/orphan.zh.md",
            "b/_index.fr.md",
        ]);
        let (en, warnings) = pages(&md, &["zh"], None, Path::new("content"));
        assert_eq!(warnings.len(), 1);
        let en: Vec<&str> = en.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(en, vec!["_index.md", "a/gil.md", "a/slots.md"]);

        let (zh, warnings) = pages(&md, &["zh"], Some("zh"), Path::new("content"));
        let zh: Vec<(&str, &str, Origin)> = zh
            .iter()
            .map(|p| (p.rel.as_str(), p.file.as_str(), p.origin))
            .collect();
        assert_eq!(
            zh,
            vec![
                ("_index.md", "_index.zh.md", Origin::Translated),
                ("a/gil.md", "a/gil.zh.md", Origin::Translated),
                ("a/slots.md", "a/slots.md", Origin::Fallback),
            ]
        );
        assert_eq!(warnings.len(), 1);
        assert!(!warnings[0].message.contains("a/slots.md"));
        assert!(warnings[0].message.contains("`a/orphan.md` does not exist"));
    }

    #[test]
    fn without_languages_suffixed_files_are_pages_as_before() {
        let md = files(&["a/gil.zh.md", "_index.fr.md"]);
        let (en, _) = pages(&md, &[], None, Path::new("content"));
        assert_eq!(en.len(), 1);
        assert_eq!(en[0].file, "a/gil.zh.md");
    }
}
