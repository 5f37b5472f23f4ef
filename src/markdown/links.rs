//! Link targets in Markdown: a relative link to another `.md` file becomes a relative link to its
//! built page, so authors link files the way their editor and GitHub understand them.

use crate::content::discover::parent_dir;
use crate::urls::{decode_path, encode_path, relative};

/// Looks up what a content-relative path became in the site.
pub trait Resolve: Sync {
    /// The URL (relative to the site root) of the page built from this Markdown file, or of the
    /// section whose folder this is.
    fn page_url(&self, content_path: &str) -> Option<String>;
    /// The URL of a copied file (image, data).
    fn asset_url(&self, content_path: &str) -> Option<String>;
}

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page of the guide: `href` is relative to the linking page.
    Page {
        href: String,
        url: String,
        anchor: Option<String>,
    },
    /// `#anchor` on the same page.
    SamePage { anchor: String },
    /// A copied file.
    Asset { href: String },
    /// A `.md` link that matches no page.
    Missing { path: String },
    /// Anything else (web links, `mailto:`, site-absolute paths): left as written.
    Untouched,
}

/// Resolves `dest`, written in the file `rel` (content-relative), for the page at `page_url`.
pub fn resolve_link(dest: &str, rel: &str, page_url: &str, resolver: &dyn Resolve) -> LinkTarget {
    let dest = dest.trim();
    if let Some(anchor) = dest.strip_prefix('#') {
        return if anchor.is_empty() {
            LinkTarget::Untouched
        } else {
            LinkTarget::SamePage {
                anchor: decode_path(anchor),
            }
        };
    }
    if dest.is_empty() || dest.starts_with('/') || has_scheme(dest) {
        return LinkTarget::Untouched;
    }
    let (path_part, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(decode_path(a)).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let Some(path) = join(parent_dir(rel), &decode_path(path_part)) else {
        return LinkTarget::Untouched;
    };
    let lower = path.to_ascii_lowercase();
    let is_markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
    if let Some(url) = resolver.page_url(&path) {
        let mut href = encode_path(&relative(page_url, &url));
        if let Some(a) = &anchor {
            href.push('#');
            href.push_str(a);
        }
        return LinkTarget::Page { href, url, anchor };
    }
    if is_markdown {
        return LinkTarget::Missing { path };
    }
    if let Some(url) = resolver.asset_url(&path) {
        let mut href = encode_path(&relative(page_url, &url));
        if let Some(a) = &anchor {
            href.push('#');
            href.push_str(a);
        }
        return LinkTarget::Asset { href };
    }
    LinkTarget::Untouched
}

/// `https:`, `mailto:`, `data:`... (a scheme is letters, digits, `+ - .` before the first `:`).
fn has_scheme(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Joins a relative path onto a content folder, resolving `.` and `..`; `None` if it climbs
/// out of the content folder.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<&'static str, &'static str>);

    impl Resolve for Map {
        fn page_url(&self, p: &str) -> Option<String> {
            self.0
                .get(p)
                .filter(|u| u.ends_with(".html"))
                .map(|u| u.to_string())
        }
        fn asset_url(&self, p: &str) -> Option<String> {
            self.0
                .get(p)
                .filter(|u| !u.ends_with(".html"))
                .map(|u| u.to_string())
        }
    }

    fn map() -> Map {
        Map(HashMap::from([
            ("concurrency/gil.md", "concurrency/gil.html"),
            ("concurrency/_index.md", "concurrency/index.html"),
            ("concurrency", "concurrency/index.html"),
            ("oop/Slots Page.md", "oop/slots-page.html"),
            ("oop/diagram one.png", "oop/diagram one.png"),
        ]))
    }

    fn resolve(dest: &str) -> LinkTarget {
        resolve_link(dest, "oop/mro.md", "oop/mro.html", &map())
    }

    #[test]
    fn md_links_become_relative_page_links() {
        assert_eq!(
            resolve("../concurrency/gil.md#the-lock"),
            LinkTarget::Page {
                href: "../concurrency/gil.html#the-lock".into(),
                url: "concurrency/gil.html".into(),
                anchor: Some("the-lock".into())
            }
        );
        assert_eq!(
            resolve("Slots%20Page.md"),
            LinkTarget::Page {
                href: "slots-page.html".into(),
                url: "oop/slots-page.html".into(),
                anchor: None
            }
        );
    }

    #[test]
    fn section_folders_and_index_files_link_to_the_section_page() {
        for dest in [
            "../concurrency/",
            "../concurrency",
            "../concurrency/_index.md",
        ] {
            assert!(
                matches!(resolve(dest), LinkTarget::Page { ref href, .. } if href == "../concurrency/index.html"),
                "{dest}"
            );
        }
    }

    #[test]
    fn assets_are_percent_encoded() {
        assert_eq!(
            resolve("diagram one.png"),
            LinkTarget::Asset {
                href: "diagram%20one.png".into()
            }
        );
    }

    #[test]
    fn missing_pages_are_reported_and_other_links_left_alone() {
        assert_eq!(
            resolve("nope.md"),
            LinkTarget::Missing {
                path: "oop/nope.md".into()
            }
        );
        assert_eq!(resolve("https://python.org"), LinkTarget::Untouched);
        assert_eq!(resolve("mailto:a@b.c"), LinkTarget::Untouched);
        assert_eq!(resolve("/coding-interview"), LinkTarget::Untouched);
        assert_eq!(resolve("../../outside.md"), LinkTarget::Untouched);
        assert_eq!(
            resolve("#top"),
            LinkTarget::SamePage {
                anchor: "top".into()
            }
        );
    }

    #[test]
    fn join_resolves_dots() {
        assert_eq!(join("a/b", "../c/./d.md").as_deref(), Some("a/c/d.md"));
        assert_eq!(join("", "../x"), None);
    }
}
