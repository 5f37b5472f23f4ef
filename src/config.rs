//! `book.toml`, the guide's configuration: typed structs with documented defaults, and the check
//! that rejects unknown keys, naming the closest known one.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::confine::GuideRoot;
use crate::diagnostics::{Diagnostic, closest};

/// The name of the configuration file at the root of every guide.
pub const CONFIG_FILE: &str = "book.toml";

/// Every table and key `book.toml` accepts. Kept beside the structs below; a unit test checks
/// that the two agree.
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
    ("search", &["enabled"]),
    ("tags", &["vocabulary", "max-per-question"]),
    ("study", &["answer-headings"]),
    ("print", &["page-per-question"]),
];

/// The whole configuration of one guide.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    pub book: BookConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub site: SiteConfig,
    #[serde(default)]
    pub highlight: HighlightConfig,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub tags: TagsConfig,
    #[serde(default)]
    pub study: StudyConfig,
    #[serde(default)]
    pub print: PrintConfig,
    /// The folder holding `book.toml`; every relative path is resolved against it.
    #[serde(skip)]
    pub root: PathBuf,
}

/// `[book]`: what the guide is.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct BookConfig {
    /// The guide's title (required).
    pub title: String,
    /// One or two sentences shown on the home page and in search engines. Default: empty.
    #[serde(default)]
    pub description: String,
    /// Default: none.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The `lang` of every page. Default: `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// A URL with `{path}` (the source file, relative to the guide root) for "edit this page".
    #[serde(default)]
    pub edit_url_template: Option<String>,
}

/// `[build]`: where things are.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct BuildConfig {
    /// Default: `content`.
    pub content_dir: PathBuf,
    /// Default: `book`.
    pub output_dir: PathBuf,
    /// A folder name under `themes/`; `default` is built in. Default: `default`.
    pub theme: String,
    /// Where highlighted code is cached between builds. Default: `.prepbook-cache`.
    pub cache_dir: PathBuf,
    /// Build questions marked `draft: true`. Default: false.
    pub drafts: bool,
    /// The largest Markdown file read; a bigger one is an error. Default: `"5 MB"`.
    pub max_markdown_size: ByteSize,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content_dir: "content".into(),
            output_dir: "book".into(),
            theme: "default".into(),
            cache_dir: ".prepbook-cache".into(),
            drafts: false,
            max_markdown_size: ByteSize(5_000_000),
        }
    }
}

/// `[site]`: the deployed site.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SiteConfig {
    /// The public URL; enables canonical links, Open Graph tags and `sitemap.xml`. Default: none.
    pub base_url: Option<String>,
}

/// `[highlight]`: server-side code highlighting.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct HighlightConfig {
    /// Default: true.
    pub enabled: bool,
    /// The light colour theme. Default: `InspiredGitHub`.
    pub theme: String,
    /// The dark colour theme. Default: `OneHalfDark`.
    pub dark_theme: String,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig {
            enabled: true,
            theme: "InspiredGitHub".into(),
            dark_theme: "OneHalfDark".into(),
        }
    }
}

/// `[search]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct SearchConfig {
    /// Default: true.
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

/// `[tags]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct TagsConfig {
    /// The allowed tags. Empty (the default) allows any tag.
    pub vocabulary: Vec<String>,
    /// How many tags of a question are used; more is a warning, and the rest get no page.
    /// Default: 20; at least 1.
    #[serde(deserialize_with = "at_least_one")]
    pub max_per_question: usize,
}

impl Default for TagsConfig {
    fn default() -> Self {
        TagsConfig {
            vocabulary: Vec::new(),
            max_per_question: 20,
        }
    }
}

fn at_least_one<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    match usize::deserialize(d)? {
        0 => Err(serde::de::Error::custom(
            "must be at least 1 (a question's first tags are always used)",
        )),
        n => Ok(n),
    }
}

/// A number of bytes, written in book.toml as `"5 MB"`, `"500 KB"`, `"2 MiB"` or a plain number
/// of bytes. KB, MB and GB are powers of 1000; KiB, MiB and GiB powers of 1024.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// Parses `"5 MB"`; `None` when it is not a size.
    pub fn parse(text: &str) -> Option<ByteSize> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let number: f64 = number.parse().ok()?;
        let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            "kib" => 1 << 10,
            "mib" => 1 << 20,
            "gib" => 1 << 30,
            _ => return None,
        };
        let bytes = number * scale as f64;
        (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64)
            .then_some(ByteSize(bytes as u64))
    }
}

impl std::fmt::Display for ByteSize {
    /// `5 MB`, `1.5 MB`, `800 KB`, `12 bytes`: decimal units, at most one decimal.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0 as f64;
        let (value, unit) = match self.0 {
            0..1_000 => return write!(f, "{} bytes", self.0),
            1_000..1_000_000 => (n / 1e3, "KB"),
            1_000_000..1_000_000_000 => (n / 1e6, "MB"),
            _ => (n / 1e9, "GB"),
        };
        let rounded = (value * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            write!(f, "{rounded:.0} {unit}")
        } else {
            write!(f, "{rounded:.1} {unit}")
        }
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ByteSize;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a size such as \"5 MB\", \"500 KB\" or \"2 MiB\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ByteSize, E> {
                ByteSize::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "`{v}` is not a size: write a number and a unit, such as \"5 MB\", \"500 KB\" or \"2 MiB\""
                    ))
                })
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ByteSize, E> {
                match u64::try_from(v) {
                    Ok(n) if n > 0 => Ok(ByteSize(n)),
                    _ => Err(E::custom("a size must be more than 0 bytes")),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ByteSize, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `[study]`: how study mode splits a question into its prompt and its answer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct StudyConfig {
    /// Headings that start the answer. Empty (the default): the first heading after the opening
    /// text starts the answer.
    pub answer_headings: Vec<String>,
}

/// `[print]`: printing the site and the export.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct PrintConfig {
    /// Start every question on a new page (default: false, questions flow on).
    pub page_per_question: bool,
}

fn default_language() -> String {
    "en".into()
}

impl Config {
    /// Reads `book.toml` in `root`. All problems come back as diagnostics.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = crate::diagnostics::display_path(&root.join(CONFIG_FILE));
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                "run `prepbook init` to create a guide, or pass `--root` to point at one"
            } else {
                "check that the file is readable UTF-8 text"
            };
            vec![
                Diagnostic::error(&path, format!("cannot read {CONFIG_FILE}: {e}")).with_hint(hint),
            ]
        })?;
        let config = Config::parse(&text, &path, root)?;
        let outside = config.folders_outside(&text, &path);
        if outside.is_empty() {
            Ok(config)
        } else {
            Err(outside)
        }
    }

    /// The folders of `[build]` that resolve (links followed) outside the guide root: a build
    /// reads and writes nothing there. `--output` on the command line may still go anywhere.
    fn folders_outside(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let root = GuideRoot::new(&self.root);
        let build = &self.build;
        let theme = Path::new("themes").join(&build.theme);
        [
            ("content-dir", build.content_dir.as_path()),
            ("output-dir", build.output_dir.as_path()),
            ("cache-dir", build.cache_dir.as_path()),
            ("theme", theme.as_path()),
        ]
        .into_iter()
        .filter(|(_, folder)| !root.holds(folder))
        .map(|(key, folder)| {
            let resolved = crate::confine::resolve(root.path(), folder);
            let hint = match key {
                "output-dir" => "use a folder inside the guide, or pass `--output` to build elsewhere",
                "theme" => "name a folder of `themes/` in the guide, or `default`",
                _ => "use a folder inside the guide (a path relative to book.toml, without `..` above it)",
            };
            let d = Diagnostic::error(
                path,
                format!(
                    "`[build] {key}` leads outside the guide, to `{}`",
                    resolved.display()
                ),
            )
            .with_hint(hint);
            match build_value_span(text, key) {
                Some(span) => d.at_offset(text, span.start, span.end),
                None => d,
            }
        })
        .collect()
    }

    /// Parses the text of a `book.toml` found at `path`.
    pub fn parse(text: &str, path: &Path, root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let table = DeTable::parse(text).map_err(|e| vec![toml_error(&e, text, path)])?;
        let unknown = unknown_keys(table.get_ref(), text, path);
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let mut config: Config =
            toml::from_str(text).map_err(|e| vec![toml_error(&e, text, path)])?;
        config.root = root.to_path_buf();
        Ok(config)
    }

    /// The content folder, resolved against the guide root.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.build.content_dir)
    }

    /// The output folder, resolved against the guide root.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.build.output_dir)
    }

    /// The folder of the guide's own theme files (which may not exist).
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.build.theme)
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(&self.build.cache_dir)
    }

    /// The base URL without a trailing slash, when one is set.
    pub fn base_url(&self) -> Option<&str> {
        self.site
            .base_url
            .as_deref()
            .map(|u| u.trim_end_matches('/'))
            .filter(|u| !u.is_empty())
    }
}

fn toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let d = Diagnostic::error(path, message);
    match e.span() {
        Some(span) => d.at_offset(text, span.start, span.end),
        None => d,
    }
}

/// Where the value of `[build] <key>` is written in `text`.
fn build_value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
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
fn unknown_keys(table: &DeTable<'_>, text: &str, path: &Path) -> Vec<Diagnostic> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, Path::new("book.toml"), Path::new("/g"))
    }

    #[test]
    fn a_title_alone_is_enough() {
        let c = parse("[book]\ntitle = \"G\"\n").expect("minimal config parses");
        assert_eq!(c.book.title, "G");
        assert_eq!(c.book.language, "en");
        assert_eq!(c.build.output_dir, PathBuf::from("book"));
        assert!(c.highlight.enabled && c.search.enabled);
        assert_eq!(c.output_dir(), PathBuf::from("/g/book"));
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
    fn wrong_type_points_at_the_value() {
        let errs = parse("[book]\ntitle = \"G\"\n[search]\nenabled = \"yes\"\n").unwrap_err();
        assert_eq!(errs[0].line, 4);
    }

    #[test]
    fn limits_have_defaults_and_are_checked_where_written() {
        let c = parse("[book]\ntitle = \"G\"\n").expect("defaults");
        assert_eq!(c.tags.max_per_question, 20);
        assert_eq!(c.build.max_markdown_size, ByteSize(5_000_000));
        let errs = parse("[book]\ntitle = \"G\"\n[tags]\nmax-per-question = 0\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (4, 20));
        assert!(
            errs[0].message.contains("at least 1"),
            "{}",
            errs[0].message
        );
        let errs = parse("[book]\ntitle = \"G\"\n[tags]\nmax-per-question = -3\n").unwrap_err();
        assert_eq!(errs[0].line, 4);
        let errs = parse("[book]\ntitle = \"G\"\n[build]\nmax-markdown-size = \"5 parsecs\"\n")
            .unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (4, 21));
        assert!(
            errs[0].message.contains("`5 parsecs` is not a size"),
            "{}",
            errs[0].message
        );
        let errs = parse("[book]\ntitle = \"G\"\n[build]\nmax-markdown-size = 0\n").unwrap_err();
        assert!(
            errs[0].message.contains("more than 0"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn sizes_read_and_print_in_their_units() {
        assert_eq!(ByteSize::parse("5 MB"), Some(ByteSize(5_000_000)));
        assert_eq!(ByteSize::parse("1.5mb"), Some(ByteSize(1_500_000)));
        assert_eq!(ByteSize::parse("2 MiB"), Some(ByteSize(2 << 20)));
        assert_eq!(ByteSize::parse("700"), Some(ByteSize(700)));
        assert_eq!(ByteSize::parse("MB"), None);
        assert_eq!(ByteSize::parse("0 KB"), None);
        assert_eq!(ByteSize::parse("-1 KB"), None);
        assert_eq!(ByteSize(5_000_000).to_string(), "5 MB");
        assert_eq!(ByteSize(7_340_032).to_string(), "7.3 MB");
        assert_eq!(ByteSize(2_048).to_string(), "2 KB");
        assert_eq!(ByteSize(12).to_string(), "12 bytes");
    }

    #[test]
    fn missing_title_is_an_error() {
        let errs = parse("[book]\ndescription = \"x\"\n").unwrap_err();
        assert!(errs[0].message.contains("title"), "{}", errs[0].message);
    }

    #[test]
    fn folders_that_lead_outside_the_guide_are_errors_at_their_line() {
        let outside = tempfile::tempdir().expect("temp dir");
        let guide = tempfile::tempdir().expect("temp dir");
        let g = guide.path();
        std::os::unix::fs::symlink(outside.path(), g.join("linked")).expect("ln");
        for (line, folder) in [
            ("content-dir = \"../other\"", "content-dir"),
            ("content-dir = \"linked/content\"", "content-dir"),
            ("output-dir = \"/tmp/site\"", "output-dir"),
            ("cache-dir = \"a/../../cache\"", "cache-dir"),
            ("theme = \"../../../etc\"", "theme"),
        ] {
            let text = format!("[book]\ntitle = \"G\"\n[build]\n{line}\n");
            std::fs::write(g.join(CONFIG_FILE), &text).expect("write");
            let errs = Config::load(g).expect_err(line);
            assert_eq!(errs.len(), 1, "{line}");
            assert!(errs[0].message.contains(folder), "{}", errs[0]);
            assert!(errs[0].message.contains("outside the guide"), "{}", errs[0]);
            assert_eq!(errs[0].line, 4, "{line}");
        }
        let text = "[book]\ntitle = \"G\"\n[build]\ncontent-dir = \"notes/../content\"\n";
        std::fs::write(g.join(CONFIG_FILE), text).expect("write");
        assert!(Config::load(g).is_ok());
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
[tags]
vocabulary = ["x"]
max-per-question = 3
[study]
answer-headings = ["Answer"]
[print]
page-per-question = true
"#;
        let c = parse(full).expect("every schema key is accepted");
        assert_eq!(c.tags.max_per_question, 3);
        assert_eq!(c.build.max_markdown_size, ByteSize(1_000_000));
        assert_eq!(c.study.answer_headings, vec!["Answer".to_string()]);
        assert_eq!(c.base_url(), Some("https://x"));
        let listed: usize = SCHEMA.iter().map(|(_, k)| k.len()).sum();
        let in_text = full.lines().filter(|l| l.contains(" = ")).count();
        assert_eq!(listed, in_text);
    }
}
