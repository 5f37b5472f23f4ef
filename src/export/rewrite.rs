//! Making one page's HTML live in a single document with every other page: its ids get a
//! prefix so they never clash (every question has a "why-interviewers-ask-this"), links to other
//! pages become links to their place in the document, headings move down two levels under the
//! question's own heading, and images become `data:` URIs so the file needs nothing beside it.

use std::collections::HashMap;

use base64::Engine;

use crate::markdown::links::join;
use crate::urls::decode_path;

/// What a page's links can point at inside the document.
pub struct Targets {
    /// Page URL (relative to the site root) -> element id in the document.
    pub anchors: HashMap<String, String>,
    /// File URL (relative to the site root) -> `data:` URI.
    pub files: HashMap<String, String>,
    /// The folder of the language exported (`zh/`, or `""`): its pages were rendered there,
    /// and link up to the files, which sit at the site root.
    pub view: String,
}

/// A `data:` URI for a file's bytes.
pub fn data_uri(name: &str, bytes: &[u8]) -> String {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    };
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

impl Targets {
    /// Rewrites `html`, which was rendered for the page at `page_url`; its ids get `prefix-`.
    /// Its headings go two levels down, under the question's `<h3>`.
    pub fn rewrite(&self, html: &str, page_url: &str, prefix: &str) -> String {
        shift_headings(&self.rewrite_links(html, page_url, prefix), 2)
    }

    /// As [`Targets::rewrite`], for a section's introduction: its headings go one level down,
    /// under the section's `<h2>`.
    pub fn rewrite_intro(&self, html: &str, page_url: &str, prefix: &str) -> String {
        shift_headings(&self.rewrite_links(html, page_url, prefix), 1)
    }

    fn rewrite_links(&self, html: &str, page_url: &str, prefix: &str) -> String {
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html;
        // Inside a tag, where `name="` is an attribute; outside, it is text (code that reads
        // `id="x"`), left as written.
        let mut in_tag = false;
        while let Some(eq) = rest.find("=\"") {
            let before = &rest[..eq];
            match (before.rfind('<'), before.rfind('>')) {
                (Some(open), Some(close)) => in_tag = open > close,
                (Some(_), None) => in_tag = true,
                (None, Some(_)) => in_tag = false,
                (None, None) => {}
            }
            if !in_tag {
                out.push_str(&rest[..eq + 2]);
                rest = &rest[eq + 2..];
                continue;
            }
            let name_start = rest[..eq]
                .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .map_or(0, |i| i + 1);
            let name = &rest[name_start..eq];
            let value_start = eq + 2;
            let Some(len) = rest[value_start..].find('"') else {
                break;
            };
            let value = &rest[value_start..value_start + len];
            let replaced = match name {
                "id" => Some(format!("{prefix}-{value}")),
                "href" => self.link(value, page_url, prefix),
                "src" => self.file(value, page_url),
                _ => None,
            };
            out.push_str(&rest[..value_start]);
            match replaced {
                Some(v) => out.push_str(&v),
                None => out.push_str(value),
            }
            rest = &rest[value_start + len..];
        }
        out.push_str(rest);
        out
    }

    fn link(&self, value: &str, page_url: &str, prefix: &str) -> Option<String> {
        let value = value.replace("&amp;", "&");
        if let Some(anchor) = value.strip_prefix('#') {
            return Some(format!("#{prefix}-{anchor}"));
        }
        if is_absolute(&value) {
            return None;
        }
        let (path, fragment) = match value.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (value.as_str(), None),
        };
        let target = self.resolve(page_url, path)?;
        let page = target.strip_prefix(self.view.as_str()).unwrap_or(&target);
        if let Some(anchor) = self.anchors.get(page) {
            return Some(match fragment {
                Some(f) if !f.is_empty() => format!("#{anchor}-{f}"),
                _ => format!("#{anchor}"),
            });
        }
        self.files.get(&target).cloned()
    }

    fn file(&self, value: &str, page_url: &str) -> Option<String> {
        if is_absolute(value) {
            return None;
        }
        let target = self.resolve(page_url, value)?;
        self.files.get(&target).cloned()
    }

    /// Where `link`, on the page at `page_url` of the language exported, leads, relative to
    /// the site root.
    fn resolve(&self, page_url: &str, link: &str) -> Option<String> {
        let page = format!("{}{page_url}", self.view);
        join(
            crate::content::discover::parent_dir(&page),
            &decode_path(link),
        )
    }
}

fn is_absolute(value: &str) -> bool {
    value.starts_with('/')
        || value.starts_with("data:")
        || value.contains("://")
        || value.starts_with("mailto:")
}

/// `<h2>` -> `<h4>` and so on (never past `<h6>`).
pub fn shift_headings(html: &str, by: u8) -> String {
    let mut out = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i + 3 < bytes.len() {
        let close = bytes[i + 1] == b'/';
        let at = if close { i + 2 } else { i + 1 };
        if bytes[i] == b'<'
            && at + 1 < bytes.len()
            && (bytes[at] == b'h' || bytes[at] == b'H')
            && (b'1'..=b'6').contains(&bytes[at + 1])
            && matches!(bytes.get(at + 2), Some(b' ' | b'>' | b'\n' | b'\t'))
        {
            let level = (bytes[at + 1] - b'0' + by).min(6);
            out.push_str(&html[last..at + 1]);
            out.push(char::from(b'0' + level));
            last = at + 2;
            i = at + 2;
            continue;
        }
        i += 1;
    }
    out.push_str(&html[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        Targets {
            anchors: HashMap::from([
                ("functions/closures.html".to_string(), "q-3".to_string()),
                ("functions/index.html".to_string(), "s-2".to_string()),
            ]),
            files: HashMap::from([(
                "oop/img/a.png".to_string(),
                "data:image/png;base64,AA==".to_string(),
            )]),
            view: String::new(),
        }
    }

    #[test]
    fn a_translations_pages_link_to_their_questions_and_up_to_the_files() {
        let targets = Targets {
            view: "zh/".into(),
            ..targets()
        };
        let html =
            "<p><a href=\"../functions/closures.html\">x</a><img src=\"../../oop/img/a.png\"></p>";
        let out = targets.rewrite(html, "oop/slots.html", "q-1");
        assert_eq!(
            out,
            "<p><a href=\"#q-3\">x</a><img src=\"data:image/png;base64,AA==\"></p>"
        );
    }

    #[test]
    fn ids_links_and_images_are_made_document_local() {
        let html = "<h2 id=\"why\">Why<a class=\"anchor\" href=\"#why\">#</a></h2>\
            <p><a href=\"../functions/closures.html#pitfalls\">closures</a> <a href=\"../functions/index.html\">all</a> \
            <a href=\"https://python.org\">py</a> <img src=\"img/a.png\" alt=\"\"></p>";
        let out = targets().rewrite(html, "oop/slots.html", "q-7");
        assert_eq!(
            out,
            "<h4 id=\"q-7-why\">Why<a class=\"anchor\" href=\"#q-7-why\">#</a></h4>\
            <p><a href=\"#q-3-pitfalls\">closures</a> <a href=\"#s-2\">all</a> \
            <a href=\"https://python.org\">py</a> <img src=\"data:image/png;base64,AA==\" alt=\"\"></p>"
        );
    }

    #[test]
    fn attribute_like_text_is_left_as_written() {
        let html =
            "<p><code>param(1, id=\"case\")</code> and href=\"x\" <a href=\"#why\">w</a></p>";
        assert_eq!(
            targets().rewrite(html, "oop/slots.html", "q-7"),
            "<p><code>param(1, id=\"case\")</code> and href=\"x\" <a href=\"#q-7-why\">w</a></p>"
        );
    }

    #[test]
    fn headings_shift_but_never_past_h6_and_other_tags_are_left_alone() {
        assert_eq!(
            shift_headings("<h1>a</h1><h5 id=x>b</h5><hr><header>", 2),
            "<h3>a</h3><h6 id=x>b</h6><hr><header>"
        );
    }

    #[test]
    fn data_uris_carry_a_mime_type() {
        assert_eq!(
            data_uri("x.svg", b"<svg/>"),
            "data:image/svg+xml;base64,PHN2Zy8+"
        );
    }
}
