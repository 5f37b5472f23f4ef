//! The theme's UI strings per language: the tables `i18n/<code>.toml` of the default theme and
//! of a guide's theme (which replaces them one key at a time), looked up with English under every
//! other language. Templates read them with `{{ t(key="study.show_answer") }}`, scripts from
//! `static/strings-<code>.js`; `check` lists the keys a language's table lacks.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, display_path};
use crate::theme::{Origin, Theme, builtin_file};

/// The language every other falls back to, key by key.
pub const FALLBACK: &str = "en";

/// One UI string: the same text for any count, or English's two plural forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    One(String),
    Plural { one: String, other: String },
}

impl Text {
    /// The text for count `n` (`None`: no count, the "other" form).
    pub fn pick(&self, n: Option<i64>) -> &str {
        match self {
            Text::One(s) => s,
            Text::Plural { one, other } => {
                if n == Some(1) {
                    one
                } else {
                    other
                }
            }
        }
    }
}

/// A table: every key (`section.name`) with its text.
pub type Table = BTreeMap<String, Text>;

/// The tables of one theme, each language's already laid over English.
#[derive(Debug, Default)]
pub struct UiStrings {
    resolved: HashMap<String, Table>,
    /// The English table's keys, and each language's own keys (before the fallback).
    own_keys: HashMap<String, BTreeSet<String>>,
    /// Where each language's table is shown to the user (the guide's file when it has one).
    paths: HashMap<String, PathBuf>,
}

impl UiStrings {
    /// Reads the default theme's tables and the guide's (`theme_dir/i18n/*.toml`), guide keys
    /// over default keys, then every language over English. A table that is not valid TOML, or
    /// has a value that is neither text nor `{ one, other }`, is an error.
    pub fn load(theme: &Theme) -> Result<UiStrings, Vec<Diagnostic>> {
        let mut own: BTreeMap<String, Table> = BTreeMap::new();
        let mut paths = HashMap::new();
        let mut errors = Vec::new();
        for (rel, file) in &theme.files {
            let Some(code) = rel
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".toml"))
            else {
                continue;
            };
            if code.contains('/') {
                continue;
            }
            let table = own.entry(code.to_string()).or_default();
            // The default table first, so the guide's replaces it key by key.
            let builtin_path = PathBuf::from(format!("themes/default/{rel} (built in)"));
            if let Origin::Guide(path) = &file.origin {
                if let Some(bytes) = builtin_file(rel) {
                    parse_into(bytes, &builtin_path, table, &mut errors);
                }
                parse_into(&file.bytes, path, table, &mut errors);
                paths.insert(code.to_string(), path.clone());
            } else {
                parse_into(&file.bytes, &builtin_path, table, &mut errors);
                paths.insert(code.to_string(), builtin_path);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let english = own.get(FALLBACK).cloned().unwrap_or_default();
        let resolved = own
            .iter()
            .map(|(code, table)| {
                let mut all = english.clone();
                all.extend(table.clone());
                (code.clone(), all)
            })
            .collect();
        let own_keys = own
            .into_iter()
            .map(|(code, table)| (code, table.into_keys().collect()))
            .collect();
        Ok(UiStrings {
            resolved,
            own_keys,
            paths,
        })
    }

    /// The table of language `code`, English where it has no text; for a code with a region or
    /// script (`zh-CN`, `pt_BR`) without a table of its own, its language's (`zh`); English's
    /// for a language without a table.
    pub fn table(&self, code: &str) -> Option<&Table> {
        self.resolved
            .get(self.own_code(code))
            .or_else(|| self.resolved.get(FALLBACK))
    }

    /// The code whose table language `code` uses: its own, else its first part's (`zh` for
    /// `zh-CN`) when that has one; else `code` (which then has none).
    fn own_code<'a>(&self, code: &'a str) -> &'a str {
        if self.resolved.contains_key(code) {
            return code;
        }
        match code.split(['-', '_']).next() {
            Some(primary) if self.resolved.contains_key(primary) => primary,
            _ => code,
        }
    }

    /// The text of `key` in language `code` (English when that language lacks it).
    pub fn get(&self, code: &str, key: &str) -> Option<&Text> {
        self.table(code)?.get(key)
    }

    /// `check`'s warnings for language `code`: no table at all, or keys of the English table
    /// that it lacks (listed). `theme_dir` is where the guide would add its own table.
    pub fn missing(&self, code: &str, theme_dir: &Path) -> Option<Diagnostic> {
        if code == FALLBACK {
            return None;
        }
        let english = self.own_keys.get(FALLBACK)?;
        let code = self.own_code(code);
        if code == FALLBACK {
            return None;
        }
        let guide_file = display_path(&theme_dir.join("i18n").join(format!("{code}.toml")));
        let Some(keys) = self.own_keys.get(code) else {
            return Some(
                Diagnostic::warning(
                    &guide_file,
                    format!("the theme has no UI strings for language `{code}`, so its buttons and labels show in English"),
                )
                .with_hint(format!(
                    "create this file with the keys of themes/default/i18n/{FALLBACK}.toml, translated (one `key = \"text\"` a line under its `[section]`)"
                )),
            );
        };
        let lacking: Vec<&str> = english.difference(keys).map(String::as_str).collect();
        if lacking.is_empty() {
            return None;
        }
        let path = self.paths.get(code).cloned().unwrap_or(guide_file.clone());
        Some(
            Diagnostic::warning(
                path,
                format!(
                    "{} UI {} missing from the `{code}` table, shown in English: {}",
                    lacking.len(),
                    if lacking.len() == 1 { "string is" } else { "strings are" },
                    lacking.join(", ")
                ),
            )
            .with_hint(format!(
                "add the {} to {} (the English text of each is in themes/default/i18n/{FALLBACK}.toml)",
                if lacking.len() == 1 { "key" } else { "keys" },
                guide_file.display()
            )),
        )
    }

    /// The languages with a table (the default theme's or the guide's).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.resolved.keys().map(String::as_str)
    }

    /// `static/strings-<code>.js`: the table of language `code` for the theme's scripts, which
    /// read it through `PrepbookText` (`text.js`).
    pub fn script(&self, code: &str) -> String {
        let json = self
            .table(code)
            .and_then(|t| serde_json::to_string(t).ok())
            .unwrap_or_else(|| "{}".into());
        format!(
            "/* Prepbook: the theme's UI strings for language {}. */\nvar PrepbookStrings = {json};\n",
            safe_code(code)
        )
    }
}

/// The file name of language `code`'s script, relative to the site root. Only letters, digits,
/// `-` and `_` of the code are kept, so any code makes one plain file name.
pub fn script_path(code: &str) -> String {
    format!("static/strings-{}.js", safe_code(code))
}

fn safe_code(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Fills `{name}` placeholders of `text` with `values`.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Parses one table into `into`: `[section] key = "text"` becomes `section.key`.
fn parse_into(bytes: &[u8], path: &Path, into: &mut Table, errors: &mut Vec<Diagnostic>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        errors.push(Diagnostic::error(
            path,
            "the UI strings table is not UTF-8 text",
        ));
        return;
    };
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(path, format!("invalid TOML: {}", e.message().trim()))
                .with_hint("each line is `key = \"text\"`, under a `[section]` header");
            errors.push(match e.span() {
                Some(span) => d.at_offset(text, span.start, span.end),
                None => d,
            });
            return;
        }
    };
    flatten("", &table, text, path, into, errors);
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    source: &str,
    path: &Path,
    into: &mut Table,
    errors: &mut Vec<Diagnostic>,
) {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(s) => {
                into.insert(key, Text::One(s.clone()));
            }
            toml::Value::Table(t) if t.contains_key("one") || t.contains_key("other") => {
                let form = |f: &str| t.get(f).and_then(|v| v.as_str()).map(str::to_string);
                match (form("one"), form("other")) {
                    (Some(one), Some(other)) if t.len() == 2 => {
                        into.insert(key, Text::Plural { one, other });
                    }
                    _ => errors.push(value_error(path, source, name, &key)),
                }
            }
            toml::Value::Table(t) => flatten(&key, t, source, path, into, errors),
            _ => errors.push(value_error(path, source, name, &key)),
        }
    }
}

fn value_error(path: &Path, source: &str, name: &str, key: &str) -> Diagnostic {
    let d = Diagnostic::error(path, format!("the UI string `{key}` is not text"))
        .with_hint("write `key = \"text\"`, or `key = { one = \"…\", other = \"…\" }` for a text with a count `{n}`");
    // The line that sets it: the first that starts with its name.
    let offset = source.lines().scan(0, |start, line| {
        let at = *start;
        *start += line.len() + 1;
        Some((at, line))
    });
    for (at, line) in offset {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(name)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            let start = at + (line.len() - trimmed.len());
            return d.at_offset(source, start, start + name.len());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::theme::ThemeFile;

    fn default_theme() -> Theme {
        Theme::load(
            "default",
            Path::new("/nonexistent"),
            Path::new("/"),
            &Diagnostics::default(),
        )
        .expect("default theme")
    }

    fn with_guide_table(code: &str, text: &str) -> Theme {
        let mut theme = default_theme();
        theme.files.insert(
            format!("i18n/{code}.toml"),
            ThemeFile {
                bytes: text.as_bytes().to_vec(),
                origin: Origin::Guide(PathBuf::from(format!("themes/mine/i18n/{code}.toml"))),
            },
        );
        theme
    }

    #[test]
    fn the_default_chinese_table_has_every_english_key() {
        let strings = UiStrings::load(&default_theme()).expect("tables");
        assert!(strings.own_keys[FALLBACK].len() > 100);
        assert_eq!(strings.missing("zh", Path::new("themes/default")), None);
        assert_eq!(
            strings.get("zh", "study.show_answer"),
            Some(&Text::One("显示答案".into()))
        );
    }

    #[test]
    fn a_code_with_a_region_uses_its_languages_table() {
        let strings = UiStrings::load(&default_theme()).expect("tables");
        for code in ["zh-CN", "zh_TW"] {
            assert_eq!(
                strings.get(code, "study.show_answer"),
                Some(&Text::One("显示答案".into())),
                "{code}"
            );
            assert_eq!(strings.missing(code, Path::new("themes/default")), None);
        }
        // A table of its own wins over its language's.
        let theme = with_guide_table("zh-TW", "[study]\nshow_answer = \"顯示答案\"\n");
        let strings = UiStrings::load(&theme).expect("tables");
        assert_eq!(
            strings
                .get("zh-TW", "study.show_answer")
                .map(|t| t.pick(None)),
            Some("顯示答案")
        );
        // A language with no table at all is still English, and still a warning.
        assert_eq!(
            strings
                .get("fr-CA", "study.show_answer")
                .map(|t| t.pick(None)),
            Some("Show answer")
        );
        assert!(strings.missing("fr-CA", Path::new("themes/mine")).is_some());
    }

    #[test]
    fn a_key_missing_in_a_language_falls_back_to_english_and_is_listed() {
        // The Chinese table without one key, as a default theme whose translation lags behind.
        let mut theme = default_theme();
        let zh = theme
            .files
            .get_mut("i18n/zh.toml")
            .expect("a Chinese table");
        let text = String::from_utf8(zh.bytes.clone()).expect("UTF-8");
        let lagging: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("show_answer ="))
            .collect();
        zh.bytes = lagging.join("\n").into_bytes();
        let strings = UiStrings::load(&theme).expect("tables");
        assert_eq!(
            strings.get("zh", "study.show_answer").map(|t| t.pick(None)),
            Some("Show answer")
        );
        assert_eq!(
            strings.get("zh", "study.hide_answer").map(|t| t.pick(None)),
            Some("隐藏答案")
        );
        let warning = strings
            .missing("zh", Path::new("themes/default"))
            .expect("a warning");
        assert!(
            warning
                .message
                .starts_with("2 UI strings are missing from the `zh` table"),
            "{}",
            warning.message
        );
        assert!(
            warning
                .message
                .ends_with(": question.show_answer, study.show_answer")
        );
    }

    #[test]
    fn a_guide_table_replaces_one_key_and_keeps_the_others() {
        let theme = with_guide_table("zh", "[study]\nshow_answer = \"看答案\"\n");
        let strings = UiStrings::load(&theme).expect("tables");
        assert_eq!(
            strings.get("zh", "study.show_answer").map(|t| t.pick(None)),
            Some("看答案")
        );
        assert_eq!(
            strings.get("zh", "study.hide_answer").map(|t| t.pick(None)),
            Some("隐藏答案")
        );
        assert_eq!(strings.missing("zh", Path::new("themes/mine")), None);
    }

    #[test]
    fn a_language_without_a_table_shows_english_and_is_reported() {
        let strings = UiStrings::load(&default_theme()).expect("tables");
        assert_eq!(
            strings.get("fr", "study.show_answer").map(|t| t.pick(None)),
            Some("Show answer")
        );
        let warning = strings
            .missing("fr", Path::new("themes/default"))
            .expect("a warning");
        assert!(warning.message.contains("no UI strings for language `fr`"));
    }

    #[test]
    fn plural_forms_pick_by_count() {
        let theme = with_guide_table(
            "en",
            "[list]\nquestions = { one = \"{n} question\", other = \"{n} questions\" }\n",
        );
        let strings = UiStrings::load(&theme).expect("tables");
        let text = strings.get("en", "list.questions").expect("key");
        assert_eq!(fill(text.pick(Some(1)), &[("n", "1".into())]), "1 question");
        assert_eq!(
            fill(text.pick(Some(3)), &[("n", "3".into())]),
            "3 questions"
        );
    }

    #[test]
    fn a_value_that_is_not_text_is_an_error_at_its_line() {
        let theme = with_guide_table("zh", "[study]\nshow_answer = 3\n");
        let errors = UiStrings::load(&theme).expect_err("an error");
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0]
                .message
                .contains("`study.show_answer` is not text")
        );
    }

    #[test]
    fn invalid_toml_is_an_error_with_a_position() {
        let theme = with_guide_table("zh", "[study]\nshow_answer = \"unclosed\n");
        let errors = UiStrings::load(&theme).expect_err("an error");
        assert!(errors[0].message.starts_with("invalid TOML"));
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn a_script_name_is_a_plain_file_name_whatever_the_code() {
        assert_eq!(script_path("zh"), "static/strings-zh.js");
        assert_eq!(script_path("../x"), "static/strings-___x.js");
    }
}
