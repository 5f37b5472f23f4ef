//! A one-line Markdown text (a question's summary) as inline HTML and as plain text: code spans,
//! emphasis, strikethrough and links are kept; block markup (a heading, a list, a quote) is
//! flattened into one line; raw HTML is escaped and shown as written, never passed through, since
//! a summary is a contributor's text shown on every list.
//!
//! Links are rewritten like a body's (a relative `.md` link leads to its page), but relative to
//! the site root, because a summary is shown on pages at every depth: a page shows it through
//! [`rebase_links`], with its own path to the root.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::links::{LinkTarget, Resolve, join, resolve_link};
use super::text::HtmlText;
use crate::content::discover::parent_dir;
use crate::highlight::escape;

/// A summary, rendered.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InlineText {
    /// Inline HTML; links lead to URLs relative to the site root.
    pub html: String,
    /// The same HTML with each link's text but no link, for places that are a link or a control
    /// themselves (a search result), where a link inside would be invalid HTML.
    pub html_without_links: String,
    /// The text without markup, for a meta description, Open Graph and the search index.
    pub text: String,
}

/// Where a summary's links are written from: its file and its page.
pub struct LinkBase<'a> {
    /// The file relative to the content folder (`python/gil.md`).
    pub rel: &'a str,
    /// Its page, relative to the site root (`python/gil.html`).
    pub page_url: &'a str,
    pub resolver: &'a dyn Resolve,
}

/// Renders `source` as one line of inline HTML. Also returns the `.md` paths its links name
/// that lead to no page, for a warning.
pub fn render_inline(source: &str, base: &LinkBase<'_>) -> (InlineText, Vec<String>) {
    let mut out = Out::default();
    let mut text = HtmlText::default();
    let mut missing = Vec::new();
    // Open links: whether each was written as an `<a>` (a link inside a link, or to a script,
    // is its text only).
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(source, super::options()) {
        match event {
            // Raw HTML is shown as written: a summary's HTML is text, not markup.
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push(&t);
                out.both(&escape(&t));
            }
            Event::Code(t) => {
                text.push(&t);
                out.both(&format!("<code>{}</code>", escape(&t)));
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push(&t);
                out.both(&format!("<span class=\"math\">${}$</span>", escape(&t)));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(" ");
                out.both(" ");
            }
            Event::Start(Tag::Emphasis) => out.both("<em>"),
            Event::Start(Tag::Strong) => out.both("<strong>"),
            Event::Start(Tag::Strikethrough) => out.both("<del>"),
            Event::End(TagEnd::Emphasis) => out.both("</em>"),
            Event::End(TagEnd::Strong) => out.both("</strong>"),
            Event::End(TagEnd::Strikethrough) => out.both("</del>"),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let written = links.is_empty() && !runs_script(&dest_url);
                links.push(written);
                if written {
                    let href = href(&dest_url, base, &mut missing);
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", attr(&title))
                    };
                    out.linked(&format!("<a href=\"{}\"{title}>", attr(&href)));
                }
            }
            Event::End(TagEnd::Link) => {
                let written = links.pop() == Some(true);
                if written {
                    out.linked("</a>");
                }
            }
            // An image shows its description: a summary is a line of text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            // Any other element is a block (a paragraph, a heading, a list item): the line
            // reads on after a space.
            Event::Start(_) | Event::End(_) => {
                out.gap = true;
                text.block();
            }
            _ => {}
        }
    }
    (
        InlineText {
            html: out.html,
            html_without_links: out.bare,
            // One line: a meta description has no line breaks.
            text: text.finish().replace(['\n', '\t'], " "),
        },
        missing,
    )
}

/// The two HTML forms being written, and whether a block ended since the last text.
#[derive(Default)]
struct Out {
    html: String,
    bare: String,
    gap: bool,
}

impl Out {
    fn space(&mut self) {
        if self.gap && !self.html.is_empty() {
            self.html.push(' ');
            self.bare.push(' ');
        }
        self.gap = false;
    }

    /// Markup or text of both forms.
    fn both(&mut self, s: &str) {
        self.space();
        self.html.push_str(s);
        self.bare.push_str(s);
    }

    /// A link's tag: only in the form with links.
    fn linked(&mut self, s: &str) {
        self.space();
        self.html.push_str(s);
    }
}

/// `javascript:`, `vbscript:` and `data:` links run or carry code: a summary's link text
/// stays, the link goes.
fn runs_script(dest: &str) -> bool {
    let scheme: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    dest.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// A summary that is plain text already (the start of the first paragraph), escaped.
pub fn from_plain(text: &str) -> InlineText {
    let html = escape(text);
    InlineText {
        html_without_links: html.clone(),
        html,
        text: text.to_string(),
    }
}

/// Where a summary's link leads, relative to the site root.
fn href(dest: &str, base: &LinkBase<'_>, missing: &mut Vec<String>) -> String {
    match resolve_link(dest, base.rel, "index.html", base.resolver) {
        LinkTarget::Page { href, .. } | LinkTarget::Asset { href } => href,
        LinkTarget::SamePage { .. } => format!("{}{}", base.page_url, dest.trim()),
        LinkTarget::Missing { path } => {
            missing.push(path);
            dest.to_string()
        }
        LinkTarget::Untouched => {
            let dest = dest.trim();
            if is_relative(dest) {
                // Written from the question's page: the same place, seen from the root.
                join(parent_dir(base.page_url), dest).unwrap_or_else(|| dest.to_string())
            } else {
                dest.to_string()
            }
        }
    }
}

/// A link that resolves against the page it is on: no scheme, no leading `/`, `#` or `?`.
fn is_relative(href: &str) -> bool {
    !(href.is_empty()
        || href.starts_with(['/', '#', '?'])
        || href
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains(['/', '?', '#'])))
}

fn attr(s: &str) -> String {
    escape(s).replace('"', "&quot;")
}

/// Summary HTML (links relative to the site root) as shown on a page whose way to the root is
/// `root` (`""`, `"../"`, ...): each relative link gets `root` in front. Every `href` in the
/// HTML was written by [`render_inline`], so the attribute is always `href="`.
pub fn rebase_links(html: &str, root: &str) -> String {
    if root.is_empty() || !html.contains("<a href=\"") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    while let Some(i) = rest.find("<a href=\"") {
        let at = i + "<a href=\"".len();
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        if is_relative(&rest[..end].replace("&amp;", "&")) {
            out.push_str(root);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages;

    impl Resolve for Pages {
        fn page_url(&self, p: &str) -> Option<String> {
            match p {
                "python/gil.md" => Some("python/gil.html".into()),
                "python/closures.md" => Some("python/closures.html".into()),
                _ => None,
            }
        }
        fn asset_url(&self, p: &str) -> Option<String> {
            (p == "python/img/a.png").then(|| "python/img/a.png".into())
        }
    }

    fn inline(source: &str) -> (InlineText, Vec<String>) {
        let base = LinkBase {
            rel: "python/decorators.md",
            page_url: "python/decorators.html",
            resolver: &Pages,
        };
        render_inline(source, &base)
    }

    #[test]
    fn code_emphasis_and_strikethrough_become_inline_html() {
        let (s, _) = inline("Use `copy.deepcopy` (*not* **`copy.copy`**) ~~ever~~.");
        assert_eq!(
            s.html,
            "Use <code>copy.deepcopy</code> (<em>not</em> <strong><code>copy.copy</code></strong>) <del>ever</del>."
        );
        assert_eq!(s.text, "Use copy.deepcopy (not copy.copy) ever.");
    }

    #[test]
    fn raw_html_is_escaped_not_passed_through() {
        let (s, _) = inline("Not <script>alert(1)</script> and <img src=x onerror=alert(2)> `<b>`");
        assert!(!s.html.contains("<script") && !s.html.contains("<img"));
        assert_eq!(
            s.html,
            "Not &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt; <code>&lt;b&gt;</code>"
        );
        assert_eq!(
            s.text,
            "Not <script>alert(1)</script> and <img src=x onerror=alert(2)> <b>"
        );
        // A line that starts with a tag is an HTML block: shown as written too.
        let (s, _) = inline("<div onclick=x>hi</div>");
        assert_eq!(s.html, "&lt;div onclick=x&gt;hi&lt;/div&gt;");
    }

    #[test]
    fn block_markup_makes_no_block_html() {
        let (s, _) = inline("# Heading\n\n- one\n- two\n\n> quoted");
        assert_eq!(s.html, "Heading one two quoted");
        assert_eq!(s.text, "Heading one two quoted");
    }

    #[test]
    fn links_lead_from_the_site_root_and_md_links_to_their_pages() {
        let (s, missing) = inline(
            "See [the GIL](gil.md#why), [closures](./closures.md), [below](#usage), [a picture](img/a.png), [docs](https://docs.python.org/3/) and [gone](nope.md).",
        );
        assert_eq!(
            s.html,
            "See <a href=\"python/gil.html#why\">the GIL</a>, <a href=\"python/closures.html\">closures</a>, <a href=\"python/decorators.html#usage\">below</a>, <a href=\"python/img/a.png\">a picture</a>, <a href=\"https://docs.python.org/3/\">docs</a> and <a href=\"nope.md\">gone</a>."
        );
        assert_eq!(
            s.html_without_links,
            "See the GIL, closures, below, a picture, docs and gone."
        );
        assert_eq!(missing, vec!["python/nope.md"]);
        assert_eq!(
            rebase_links(&s.html, "../"),
            s.html
                .replace("href=\"python/", "href=\"../python/")
                .replace("href=\"nope.md", "href=\"../nope.md")
        );
    }

    #[test]
    fn a_link_attribute_cannot_break_out_of_its_quotes() {
        let (s, _) = inline("[x](https://e.com/\"onmouseover=\"alert(1) \"t\\\"itle\")");
        assert!(!s.html.contains("\" onmouseover"), "{}", s.html);
        assert!(!s.html.contains("\"onmouseover"), "{}", s.html);
    }

    #[test]
    fn script_links_keep_their_text_only() {
        let (s, _) =
            inline("[click](javascript:alert(1)) or [this]( JavaScript:x) [d](data:text/html,x)");
        assert_eq!(s.html, "click or this d");
    }

    #[test]
    fn a_plain_summary_is_escaped() {
        let s = from_plain("a < b & `c`");
        assert_eq!(s.html, "a &lt; b &amp; `c`");
        assert_eq!(s.text, "a < b & `c`");
    }
}
