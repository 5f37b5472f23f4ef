//! A page's links to its translations: the `hreflang` alternates in its head, the language
//! switcher in its header, and the entries of `sitemap.xml`. Each language's view of the guide
//! is rendered on its own; [`SiteLanguages`] is what the views know of each other: which pages
//! each has, so a link lands on the same page in the other language, or on its home when that
//! language has no such page (a tag only its translations use).

use std::collections::HashSet;

use serde::Serialize;

use crate::config::Config;
use crate::content::Guide;
use crate::urls::relative;

/// One language of the site, as the others link to it.
#[derive(Debug, Clone)]
pub struct SiteLanguage {
    pub code: String,
    /// Its own name for itself, for the switcher (`中文`).
    pub name: String,
    /// Where its site is below the site root: `""` or `"zh/"`.
    pub prefix: String,
    /// Its pages, relative to its own root.
    pub pages: HashSet<String>,
}

/// Every language of a site, the default one first. Empty for a guide in one language, whose
/// pages then show no switcher and no alternates.
#[derive(Debug, Clone, Default)]
pub struct SiteLanguages {
    pub list: Vec<SiteLanguage>,
}

/// A language as a page's context shows it (`site.languages`).
#[derive(Debug, Clone, Serialize)]
pub struct LanguageInfo {
    pub code: String,
    pub name: String,
}

/// This page in one language: a switcher entry and an `hreflang` alternate.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub code: String,
    pub name: String,
    /// From this page to the same page in that language (or to its home page).
    pub href: String,
    /// The absolute URL, when `[site] base-url` is set.
    pub absolute: Option<String>,
    /// That language has this page (else `href` leads to its home page).
    pub same_page: bool,
    /// It is the page's own language.
    pub current: bool,
}

impl SiteLanguages {
    /// The languages of the views `guides` (the default language's first), each with the
    /// pages `pages_of` lists for it.
    pub fn of(guides: &[&Guide], pages_of: impl Fn(&Guide) -> Vec<String>) -> SiteLanguages {
        if guides.len() < 2 {
            return SiteLanguages::default();
        }
        let list = guides
            .iter()
            .map(|g| SiteLanguage {
                code: g.config.language().to_string(),
                name: g.config.language_name(g.config.language()),
                prefix: g.config.url_prefix(),
                pages: pages_of(g).into_iter().collect(),
            })
            .collect();
        SiteLanguages { list }
    }

    /// Every language, for the render context.
    pub fn infos(&self) -> Vec<LanguageInfo> {
        self.list
            .iter()
            .map(|l| LanguageInfo {
                code: l.code.clone(),
                name: l.name.clone(),
            })
            .collect()
    }

    /// The page at `url` (relative to its language's root) of the view `config` builds, in
    /// every language.
    pub fn alternates(&self, config: &Config, url: &str) -> Vec<Alternate> {
        let here = format!("{}{url}", config.url_prefix());
        self.list
            .iter()
            .map(|l| {
                let same_page = l.pages.contains(url);
                let target = if same_page {
                    format!("{}{url}", l.prefix)
                } else {
                    format!("{}index.html", l.prefix)
                };
                Alternate {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    href: crate::urls::encode_path(&relative(&here, &target)),
                    absolute: config
                        .base_url()
                        .map(|b| format!("{b}/{}", crate::urls::encode_path(&target))),
                    same_page,
                    current: l.code == config.language(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteLanguages {
        let lang = |code: &str, prefix: &str, pages: &[&str]| SiteLanguage {
            code: code.into(),
            name: code.into(),
            prefix: prefix.into(),
            pages: pages.iter().map(|p| p.to_string()).collect(),
        };
        SiteLanguages {
            list: vec![
                lang("en", "", &["index.html", "a/q.html", "tags/x.html"]),
                lang("zh", "zh/", &["index.html", "a/q.html"]),
            ],
        }
    }

    fn config(view: Option<&str>) -> Config {
        let mut c = Config::parse(
            "[book]\ntitle = \"G\"\n[site]\nbase-url = \"https://g.test/guide/\"\n[languages.zh]\n",
            std::path::Path::new("book.toml"),
            std::path::Path::new("/g"),
        )
        .expect("config");
        c.view = view.map(str::to_string);
        c
    }

    #[test]
    fn a_page_links_to_itself_in_the_other_language() {
        let alts = site().alternates(&config(None), "a/q.html");
        assert_eq!(alts[1].href, "../zh/a/q.html");
        assert_eq!(
            alts[1].absolute.as_deref(),
            Some("https://g.test/guide/zh/a/q.html")
        );
        assert!(alts[0].current && !alts[1].current);
        let alts = site().alternates(&config(Some("zh")), "a/q.html");
        assert_eq!(alts[0].href, "../../a/q.html");
        assert_eq!(alts[1].href, "q.html");
        assert!(alts[1].current);
    }

    #[test]
    fn a_page_the_other_language_lacks_leads_to_its_home() {
        let alts = site().alternates(&config(None), "tags/x.html");
        assert!(!alts[1].same_page);
        assert_eq!(alts[1].href, "../zh/index.html");
    }
}
