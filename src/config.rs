//! `book.toml`, the guide's configuration: typed structs with documented defaults, read and
//! checked into a [`Config`] (unknown keys and folders outside the guide are errors).

mod languages;
mod python;
mod quantity;
mod schema;
mod size;
mod test;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeTable;

use crate::confine::GuideRoot;
use crate::diagnostics::Diagnostic;

pub use languages::{LanguageConfig, Languages, is_code as is_language_code};
pub use python::{PythonConfig, Runtime};
pub use schema::{CONFIG_FILE, SCHEMA};
pub use size::ByteSize;
pub use test::{Command, TestConfig, TimeLimit};

use schema::{build_value_span, toml_error, unknown_keys};

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
    #[serde(default)]
    pub test: TestConfig,
    #[serde(default)]
    pub python: PythonConfig,
    /// `[languages.<code>]`: the languages the guide is translated into. Default: none.
    #[serde(default)]
    pub languages: Languages,
    /// The translation this configuration builds (see [`Config::for_language`]); `None` for
    /// the default language, `[book] language`.
    #[serde(skip)]
    pub view: Option<String>,
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
    /// The guide's own synonyms, each group words or phrases that mean the same to a reader
    /// (`[["k8s", "kubernetes"]]`), on top of the built-in list. Default: none.
    pub synonyms: Vec<Vec<String>>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            synonyms: Vec::new(),
        }
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
        config.view = None;
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

    /// The languages besides `[book] language`, in code order.
    pub fn translations(&self) -> Vec<&str> {
        self.languages
            .keys()
            .map(String::as_str)
            .filter(|&c| c != self.book.language)
            .collect()
    }

    /// Every language of the site, the default one first.
    pub fn site_languages(&self) -> Vec<&str> {
        let mut all = vec![self.book.language.as_str()];
        all.extend(self.translations());
        all
    }

    /// The language this configuration builds.
    pub fn language(&self) -> &str {
        self.view.as_deref().unwrap_or(&self.book.language)
    }

    /// Where this language's site is, below the site root: `""` or `"zh/"`.
    pub fn url_prefix(&self) -> String {
        self.view
            .as_ref()
            .map_or(String::new(), |c| format!("{c}/"))
    }

    /// The guide's title in the language built. `[book] title` stays the guide's identity
    /// (the reader's progress is kept under it, whatever the language).
    pub fn title(&self) -> &str {
        self.languages
            .get(self.language())
            .and_then(|l| l.title.as_deref())
            .unwrap_or(&self.book.title)
    }

    /// The guide's description in the language built.
    pub fn description(&self) -> &str {
        self.languages
            .get(self.language())
            .and_then(|l| l.description.as_deref())
            .unwrap_or(&self.book.description)
    }

    /// What the language switcher calls `code`.
    pub fn language_name(&self, code: &str) -> String {
        self.languages
            .get(code)
            .and_then(|l| l.name.clone())
            .or_else(|| languages::builtin_name(code).map(str::to_string))
            .unwrap_or_else(|| code.to_string())
    }

    /// The configuration that builds the translation `code` of the guide.
    pub fn for_language(&self, code: &str) -> Config {
        let mut config = self.clone();
        config.view = (code != self.book.language).then(|| code.to_string());
        config
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
}
