//! The files an Anki package carries beside its notes: the images the questions show. Anki keeps
//! media in one flat folder, so each image gets a flat name, and the fields' `<img src>` are
//! rewritten to it. Links to the site's pages become absolute when the guide has a base URL, and
//! plain text when it has none (from inside Anki they would lead nowhere).

use std::collections::HashMap;

use crate::content::discover::parent_dir;
use crate::content::{Asset, Guide};
use crate::markdown::links::join;
use crate::urls::decode_path;

/// The images the notes use: media name -> file on disk, in the order first used.
#[derive(Debug, Default)]
pub struct Media {
    /// Asset URL (relative to the site root) -> the asset.
    assets: HashMap<String, Asset>,
    /// Asset URL -> its media name.
    names: HashMap<String, String>,
    /// Media names handed out, in order, with their asset.
    pub files: Vec<(String, Asset)>,
    base_url: Option<String>,
    /// The folder of the language exported (`zh/`, or `""`), where its pages were rendered.
    view: String,
}

impl Media {
    pub fn new(guide: &Guide) -> Media {
        Media {
            assets: guide
                .assets
                .iter()
                .map(|a| (a.url.clone(), a.clone()))
                .collect(),
            base_url: guide.config.base_url().map(str::to_string),
            view: guide.config.url_prefix(),
            ..Media::default()
        }
    }

    /// `html`, rendered for the page at `page_url`, as a note field: images by media name,
    /// links to the site's pages absolute, or without their `href` when there is no base URL.
    pub fn field(&mut self, html: &str, page_url: &str) -> String {
        rewrite_attributes(html, |tag, attr, value| match (tag, attr) {
            ("img", "src") => self.image(value, page_url).map_or(Change::Keep, Change::To),
            ("a", "href") => self.link(value, page_url),
            _ => Change::Keep,
        })
    }

    fn image(&mut self, src: &str, page_url: &str) -> Option<String> {
        if is_absolute(src) {
            return None;
        }
        let page = format!("{}{page_url}", self.view);
        let url = join(parent_dir(&page), &decode_path(src))?;
        if let Some(name) = self.names.get(&url) {
            return Some(name.clone());
        }
        let asset = self.assets.get(&url)?.clone();
        let name = self.unique_name(&url);
        self.names.insert(url, name.clone());
        self.files.push((name.clone(), asset));
        Some(name)
    }

    fn link(&self, href: &str, page_url: &str) -> Change {
        // Another site, or a heading of the same card.
        if is_absolute(href) || href.starts_with('#') {
            return Change::Keep;
        }
        let Some(base) = self.base_url.as_deref() else {
            return Change::Remove;
        };
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, format!("#{f}")),
            None => (href, String::new()),
        };
        let page = format!("{}{page_url}", self.view);
        match join(parent_dir(&page), path) {
            Some(url) => Change::To(format!("{base}/{url}{fragment}")),
            None => Change::Remove,
        }
    }

    /// A flat, safe file name for the asset at `url` (`python/img/gil.svg` ->
    /// `python_img_gil.svg`), different from every name handed out before.
    fn unique_name(&self, url: &str) -> String {
        let flat: String = url
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let taken = |n: &str| self.files.iter().any(|(name, _)| name == n);
        if !taken(&flat) {
            return flat;
        }
        let (stem, ext) = flat.rsplit_once('.').unwrap_or((&flat, ""));
        (2..)
            .map(|i| format!("{stem}-{i}.{ext}"))
            .find(|n| !taken(n))
            .unwrap_or(flat)
    }
}

fn is_absolute(value: &str) -> bool {
    value.starts_with('/') || value.contains(':')
}

/// What becomes of an attribute.
#[derive(Debug, PartialEq)]
enum Change {
    Keep,
    /// A new value, as text (it is escaped here).
    To(String),
    /// The attribute goes (an `<a>` without `href` is plain text).
    Remove,
}

/// Rewrites attributes in `html`: `rewrite(tag, attribute, value)` says what becomes of each.
/// Tag and attribute names are given in lower case, values with `&amp;` decoded. Text between
/// tags is copied as it is.
fn rewrite_attributes(html: &str, mut rewrite: impl FnMut(&str, &str, &str) -> Change) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            // `</p>`, `<!-- -->` or a lone `<`: not a tag with attributes.
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let tag = rest[1..=name_len].to_ascii_lowercase();
        out.push_str(&rest[..=name_len]);
        rest = &rest[name_len + 1..];
        // Attributes, up to the tag's `>`.
        loop {
            let trimmed = rest.trim_start();
            out.push_str(&rest[..rest.len() - trimmed.len()]);
            rest = trimmed;
            let Some(c) = rest.chars().next() else {
                return out;
            };
            if c == '>' || c == '/' || c == '<' {
                break;
            }
            let attr_len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/' | '<'))
                .unwrap_or(rest.len());
            if attr_len == 0 {
                break;
            }
            let attr = rest[..attr_len].to_ascii_lowercase();
            let name = &rest[..attr_len];
            rest = &rest[attr_len..];
            let Some(after_eq) = rest.trim_start().strip_prefix('=') else {
                out.push_str(name);
                continue;
            };
            let value_part = after_eq.trim_start();
            let between = &rest[..rest.len() - value_part.len()];
            rest = value_part;
            let (value, consumed) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                    Some(end) => (&rest[1..=end], end + 2),
                    None => (&rest[1..], rest.len()),
                },
                _ => {
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(rest.len());
                    (&rest[..end], end)
                }
            };
            match rewrite(&tag, &attr, &value.replace("&amp;", "&")) {
                Change::Keep => {
                    out.push_str(name);
                    out.push_str(between);
                    out.push_str(&rest[..consumed]);
                }
                Change::To(new) => {
                    out.push_str(name);
                    out.push_str("=\"");
                    out.push_str(&crate::highlight::escape(&new).replace('"', "&quot;"));
                    out.push('"');
                }
                Change::Remove => {
                    // The space before it stays: harmless, and the tag stays well formed.
                }
            }
            rest = &rest[consumed..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_asked_attributes_change_and_text_is_left_alone() {
        let html = "<p>a &lt;img src=\"x\"&gt; <img alt='A' SRC='img/a b.png'> \
            <a class=x href=../q.html#h>q</a> <code>i < j</code></p>";
        let out = rewrite_attributes(html, |tag, attr, value| match (tag, attr) {
            ("img", "src") => Change::To(format!("[{value}]")),
            ("a", "href") => Change::To(value.to_uppercase()),
            _ => Change::Keep,
        });
        assert_eq!(
            out,
            "<p>a &lt;img src=\"x\"&gt; <img alt='A' SRC=\"[img/a b.png]\"> \
            <a class=x href=\"../Q.HTML#H\">q</a> <code>i < j</code></p>"
        );
        let out = rewrite_attributes(html, |_, attr, _| match attr {
            "href" => Change::Remove,
            _ => Change::Keep,
        });
        assert!(out.contains("<a class=x >q</a>"), "{out}");
    }

    #[test]
    fn a_tag_cut_short_ends_the_text_without_a_panic() {
        for html in ["<img src=\"a", "<img src=", "<img", "<a href='x' ", "<"] {
            let out = rewrite_attributes(html, |_, _, _| Change::To("y".into()));
            assert!(!out.is_empty(), "{html}");
        }
    }

    #[test]
    fn flat_names_are_safe_and_unique() {
        let mut media = Media::default();
        let asset = |url: &str| Asset {
            source: url.into(),
            rel: url.into(),
            url: url.into(),
        };
        for url in ["a/b c.png", "a_b c.png"] {
            let name = media.unique_name(url);
            media.files.push((name, asset(url)));
        }
        let names: Vec<&str> = media.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a_b_c.png", "a_b_c-2.png"]);
    }
}
