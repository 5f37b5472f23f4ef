//! Where each page of a guide is written: URLs made from content folders and slugs, the claim
//! each page and section lays on its URL (a second claim is an error at the file, and at its
//! `slug:` line), and [`UrlIndex`], the content paths that became pages and files, which links
//! in Markdown are resolved against.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::discover::file_name;
use crate::content::front_matter::find_in_front;
use crate::content::model::{Guide, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::markdown::Resolve;
use crate::urls::slugify;

/// The URL folder of a content folder: each component slugged (`01.01.Is Unique` -> `01-01-is-unique`).
pub fn dir_url(dir: &str) -> String {
    dir.split('/')
        .filter(|p| !p.is_empty())
        .map(slugify)
        .collect::<Vec<_>>()
        .join("/")
}

/// `file` in URL folder `dir`.
pub fn join_url(dir: &str, file: &str) -> String {
    if dir.is_empty() {
        file.to_string()
    } else {
        format!("{dir}/{file}")
    }
}

/// A page's slug: front matter `slug:`, else the file name, slugged.
pub fn page_slug(page: &SourcePage) -> String {
    let stem = file_name(&page.rel)
        .rsplit_once('.')
        .map_or(file_name(&page.rel), |(s, _)| s);
    let slug = match page
        .front
        .slug
        .as_deref()
        .map(slugify)
        .filter(|s| !s.is_empty())
    {
        Some(s) => s,
        None => slugify(stem),
    };
    if slug.is_empty() {
        "page".to_string()
    } else {
        slug
    }
}

/// The URL of a question with `slug` in content folder `dir`.
pub fn question_url(dir: &str, slug: &str) -> String {
    join_url(&dir_url(dir), &format!("{slug}.html"))
}

/// Every content path that became something in the site.
#[derive(Debug, Default)]
pub struct UrlIndex {
    pages: HashMap<String, String>,
    assets: HashMap<String, String>,
}

impl UrlIndex {
    /// The index of a loaded guide (what loading it built on the way).
    pub fn of(guide: &Guide) -> UrlIndex {
        let mut index = UrlIndex::default();
        for s in &guide.sections {
            index.add_page(&s.dir, &s.url);
            if let Some(page) = &s.index {
                index.add_page(&page.rel, &s.url);
                if let Some(file) = &page.translation {
                    index.add_page(file, &s.url);
                }
            }
        }
        for q in &guide.questions {
            index.add_page(&q.source.rel, &q.url);
            if let Some(file) = &q.source.translation {
                index.add_page(file, &q.url);
            }
        }
        // As the load gives them: a translation's pages reach the shared copies a folder up.
        let up = "../".repeat(guide.config.url_prefix().matches('/').count());
        for a in &guide.assets {
            index.add_asset(&a.rel, &format!("{up}{}", a.url));
        }
        index
    }

    /// Content path `rel` (a Markdown file, or a section's folder) became the page at `url`.
    pub fn add_page(&mut self, rel: &str, url: &str) {
        self.pages.insert(rel.to_string(), url.to_string());
    }

    /// Content file `rel` is copied to `url`.
    pub fn add_asset(&mut self, rel: &str, url: &str) {
        self.assets.insert(rel.to_string(), url.to_string());
    }
}

impl Resolve for UrlIndex {
    fn page_url(&self, content_path: &str) -> Option<String> {
        self.pages.get(content_path.trim_end_matches('/')).cloned()
    }
    fn asset_url(&self, content_path: &str) -> Option<String> {
        self.assets.get(content_path).cloned()
    }
}

/// The URLs taken so far, each by the content path that took it.
pub struct Claims {
    content_dir: PathBuf,
    taken: HashMap<String, String>,
}

impl Claims {
    pub fn new(content_dir: &Path) -> Claims {
        Claims {
            content_dir: content_dir.to_path_buf(),
            taken: HashMap::new(),
        }
    }

    /// Takes `url` for `what`; when another took it first, reports that at `what` and says no.
    pub fn claim(&mut self, url: &str, what: &dyn Claimant, diags: &Diagnostics) -> bool {
        match self.taken.get(url) {
            Some(other) => {
                let mut d = Diagnostic::error(
                    what.path(&self.content_dir),
                    format!("two pages would be written to `{url}`"),
                )
                .with_hint(format!(
                    "`{other}` has the same URL; rename one file or give it another `slug:`"
                ));
                if let Some((text, line, col, len)) = what.slug_position() {
                    d = d.at(text, line, col, len);
                }
                diags.push(d);
                false
            }
            None => {
                self.taken.insert(url.to_string(), what.rel().to_string());
                true
            }
        }
    }
}

/// Something that takes a URL: a section folder or a page.
pub trait Claimant {
    fn rel(&self) -> &str;
    fn path(&self, content_dir: &Path) -> PathBuf {
        display_path(&content_dir.join(self.rel()))
    }
    fn slug_position(&self) -> Option<(&str, usize, usize, usize)> {
        None
    }
}

impl Claimant for &str {
    fn rel(&self) -> &str {
        self
    }
}

impl Claimant for SourcePage {
    fn rel(&self) -> &str {
        &self.rel
    }
    fn path(&self, _: &Path) -> PathBuf {
        self.path.clone()
    }
    fn slug_position(&self) -> Option<(&str, usize, usize, usize)> {
        let slug = self.front.slug.as_deref()?;
        let (line, col) = find_in_front(&self.text, &format!("slug: {slug}"));
        (line > 1).then_some((self.text.as_str(), line, col + 6, slug.chars().count()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_urls_slug_each_folder() {
        assert_eq!(dir_url("en/01.01.Is Unique"), "en/01-01-is-unique");
        assert_eq!(dir_url(""), "");
    }
}
