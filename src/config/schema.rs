//! What `book.toml` may contain: every table and key ([`SCHEMA`]), the check that rejects an
//! unknown key naming the closest known one, and the places in the text that TOML errors and
//! later checks point at.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, closest};

/// The name of the configuration file at the root of every guide.
pub const CONFIG_FILE: &str = "book.toml";

/// Every table and key `book.toml` accepts. Kept beside the structs of [`super::Config`]; a
/// unit test checks that the two agree.
pub const SCHEMA: &[(&str, &[&str])] = &[
    (
        "book",
        &[
            "title",
            "description",
            "authors",
            "language",
            "edit-url-template",
        ],
    ),
    (
        "build",
        &[
            "content-dir",
            "output-dir",
            "theme",
            "cache-dir",
            "drafts",
            "max-markdown-size",
        ],
    ),
    ("site", &["base-url"]),
    ("highlight", &["enabled", "theme", "dark-theme"]),
    ("search", &["enabled", "synonyms"]),
    ("tags", &["vocabulary", "max-per-question"]),
    ("study", &["answer-headings"]),
    ("print", &["page-per-question"]),
    ("test", &["python", "timeout"]),
    ("python", &["runtime"]),
    // Its keys are language codes, each a table of `super::languages::KEYS`.
    ("languages", &[]),
];

/// A TOML parse or type error as a diagnostic at the span TOML names.
pub(super) fn toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let d = Diagnostic::error(path, message);
    match e.span() {
        Some(span) => d.at_offset(text, span.start, span.end),
        None => d,
    }
}

/// Where the value of `[build] <key>` is written in `text`.
pub(super) fn build_value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let table = DeTable::parse(text).ok()?;
    let (_, build) = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "build")?;
    let DeValue::Table(build) = build.get_ref() else {
        return None;
    };
    let (_, value) = build.iter().find(|(k, _)| k.get_ref() == key)?;
    Some(value.span())
}

/// Every key that is not in [`SCHEMA`], with the closest known key as a hint.
pub(super) fn unknown_keys(table: &DeTable<'_>, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let table_names = SCHEMA.iter().map(|(t, _)| *t);
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let span = key.span();
        let Some((_, keys)) = SCHEMA.iter().find(|(t, _)| *t == name) else {
            let hint = match closest(name, table_names.clone()) {
                Some(c) => format!("did you mean `[{c}]`?"),
                None => format!(
                    "known tables: {}",
                    SCHEMA
                        .iter()
                        .map(|(t, _)| format!("[{t}]"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(
                Diagnostic::error(path, format!("unknown key `{name}` in {CONFIG_FILE}"))
                    .at_offset(text, span.start, span.end)
                    .with_hint(hint),
            );
            continue;
        };
        let DeValue::Table(inner) = value.get_ref() else {
            continue; // a wrong type is reported by the typed parse, with its span
        };
        if name == "languages" {
            out.extend(language_tables(inner, text, path));
            continue;
        }
        for (k, _) in inner.iter() {
            let kname = k.get_ref().as_ref();
            if keys.contains(&kname) {
                continue;
            }
            let home = SCHEMA
                .iter()
                .find(|(_, ks)| ks.contains(&kname))
                .map(|(t, _)| *t);
            let hint = match (home, closest(kname, keys.iter().copied())) {
                (Some(t), _) => format!("`{kname}` belongs in `[{t}]`"),
                (None, Some(c)) => format!("did you mean `{c}`?"),
                (None, None) => format!("keys of [{name}]: {}", keys.join(", ")),
            };
            let span = k.span();
            out.push(
                Diagnostic::error(
                    path,
                    format!("unknown key `{name}.{kname}` in {CONFIG_FILE}"),
                )
                .at_offset(text, span.start, span.end)
                .with_hint(hint),
            );
        }
    }
    out
}

/// Each `[languages.<code>]`: a code that can be a folder and a file suffix, and known keys.
fn language_tables(table: &DeTable<'_>, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (code, value) in table.iter() {
        let name = code.get_ref().as_ref();
        let span = code.span();
        if !super::languages::is_code(name) {
            out.push(
                Diagnostic::error(
                    path,
                    format!("`{name}` in `[languages.{name}]` is not a language code"),
                )
                .at_offset(text, span.start, span.end)
                .with_hint("use a lowercase code such as `zh`, `fr` or `pt-br`: it names the language's folder and its files' suffix"),
            );
            continue;
        }
        let DeValue::Table(keys) = value.get_ref() else {
            continue; // the typed parse reports the wrong type
        };
        for (k, _) in keys.iter() {
            let kname = k.get_ref().as_ref();
            if super::languages::KEYS.contains(&kname) {
                continue;
            }
            let hint = match closest(kname, super::languages::KEYS.iter().copied()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "keys of [languages.{name}]: {}",
                    super::languages::KEYS.join(", ")
                ),
            };
            let span = k.span();
            out.push(
                Diagnostic::error(
                    path,
                    format!("unknown key `languages.{name}.{kname}` in {CONFIG_FILE}"),
                )
                .at_offset(text, span.start, span.end)
                .with_hint(hint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ByteSize, Config};

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, Path::new("book.toml"), Path::new("/g"))
    }

    #[test]
    fn unknown_key_names_the_closest_known_one_with_position() {
        let errs = parse("[book]\ntitle = \"G\"\n\n[highlight]\nthem = \"x\"\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        let d = &errs[0];
        assert_eq!((d.line, d.column), (5, 1));
        assert!(d.message.contains("highlight.them"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("did you mean `theme`?"));
    }

    #[test]
    fn key_in_the_wrong_table_says_where_it_belongs() {
        let errs = parse("[book]\ntitle = \"G\"\nbase-url = \"https://x\"\n").unwrap_err();
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("`base-url` belongs in `[site]`")
        );
    }

    #[test]
    fn unknown_table_is_reported() {
        let errs = parse("[book]\ntitle = \"G\"\n[serch]\nenabled = true\n").unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `[search]`?"));
    }

    #[test]
    fn schema_lists_every_key_the_structs_accept() {
        let full = r#"
[book]
title = "t"
description = "d"
authors = ["a"]
language = "en"
edit-url-template = "https://e/{path}"
[build]
content-dir = "c"
output-dir = "o"
theme = "t"
cache-dir = "k"
drafts = true
max-markdown-size = "1 MB"
[site]
base-url = "https://x"
[highlight]
enabled = false
theme = "a"
dark-theme = "b"
[search]
enabled = false
synonyms = [["k8s", "kubernetes"]]
[tags]
vocabulary = ["x"]
max-per-question = 3
[study]
answer-headings = ["Answer"]
[print]
page-per-question = true
[test]
python = "python3 -I"
timeout = "30s"
[python]
runtime = "node_modules/pyodide"
"#;
        let c = parse(full).expect("every schema key is accepted");
        assert_eq!(
            c.python.runtime,
            crate::config::Runtime::Local("node_modules/pyodide".into())
        );
        assert_eq!(c.tags.max_per_question, 3);
        assert_eq!(c.search.synonyms, vec![vec!["k8s", "kubernetes"]]);
        assert_eq!(c.build.max_markdown_size, ByteSize(1_000_000));
        assert_eq!(c.study.answer_headings, vec!["Answer".to_string()]);
        assert_eq!(c.base_url(), Some("https://x"));
        let listed: usize = SCHEMA.iter().map(|(_, k)| k.len()).sum();
        let in_text = full.lines().filter(|l| l.contains(" = ")).count();
        assert_eq!(listed, in_text);
    }

    #[test]
    fn languages_are_checked_by_code_and_key() {
        let c = parse("[book]\ntitle = \"G\"\n[languages.zh]\ntitle = \"指南\"\nname = \"中文\"\n")
            .expect("a language table parses");
        assert_eq!(c.translations(), vec!["zh"]);
        assert_eq!(c.for_language("zh").title(), "指南");
        assert_eq!(c.for_language("zh").url_prefix(), "zh/");
        assert_eq!(c.title(), "G");
        let errs = parse("[book]\ntitle = \"G\"\n[languages.zh]\ntitel = \"x\"\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (4, 1));
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
        let errs =
            parse("[book]\ntitle = \"G\"\n[languages.\"../x\"]\ntitle = \"x\"\n").unwrap_err();
        assert!(
            errs[0].message.contains("not a language code"),
            "{}",
            errs[0]
        );
    }
}
