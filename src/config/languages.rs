//! `[languages.<code>]`: the languages a guide is translated into, besides `[book] language`.
//! Each one is built as its own view of the guide under `/<code>/` ([`Config::for_language`]);
//! a guide without the table has one language and builds as before.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `[languages.<code>]`: what differs in a translated site.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct LanguageConfig {
    /// The guide's title in this language. Default: `[book] title`.
    pub title: Option<String>,
    /// The guide's description in this language. Default: `[book] description`.
    pub description: Option<String>,
    /// What the language switcher calls the language, in that language (`中文`). Default: a
    /// built-in name for common codes, else the code.
    pub name: Option<String>,
}

/// The keys of a `[languages.<code>]` table, for the schema check.
pub const KEYS: &[&str] = &["title", "description", "name"];

/// Every configured language, by code.
pub type Languages = BTreeMap<String, LanguageConfig>;

/// Whether `code` can name a language: letters first, then letters, digits and `-`, at most 16
/// characters (`zh`, `pt-br`, `zh-hant`). It becomes a folder of the site and a file suffix.
pub fn is_code(code: &str) -> bool {
    let mut chars = code.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && code.len() <= 16
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.ends_with('-')
}

/// A language's own name for itself, for the codes most guides use.
pub fn builtin_name(code: &str) -> Option<&'static str> {
    let primary = code.split('-').next().unwrap_or(code);
    Some(match primary {
        "en" => "English",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt" => "Português",
        "ru" => "Русский",
        "it" => "Italiano",
        "uk" => "Українська",
        "vi" => "Tiếng Việt",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_folder_safe_tags() {
        for good in ["zh", "pt-br", "zh-hant", "en"] {
            assert!(is_code(good), "{good}");
        }
        for bad in [
            "",
            "ZH",
            "zh/",
            "..",
            "-zh",
            "zh-",
            "1zh",
            "zh_cn",
            "a-very-long-language-tag",
        ] {
            assert!(!is_code(bad), "{bad}");
        }
    }

    #[test]
    fn common_languages_have_names() {
        assert_eq!(builtin_name("zh"), Some("中文"));
        assert_eq!(builtin_name("pt-br"), Some("Português"));
        assert_eq!(builtin_name("tlh"), None);
    }
}
