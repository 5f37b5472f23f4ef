//! Plain text out of Markdown events and raw HTML, for titles, summaries and the search index.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The text of inline events (a heading's content), without markup.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = HtmlText::default();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push(t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(" "),
            Event::InlineHtml(h) | Event::Html(h) => out.push_html(h),
            _ => {}
        }
    }
    // A heading is one line: whatever raw HTML in it would break is a space here.
    out.finish().replace(['\n', '\t'], " ")
}

/// What separates two pieces of a page's text, weakest first: nothing (text written together,
/// `` `ContextDecorator`s ``), a space, a tab between table cells, a line break between blocks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    None,
    Space,
    Cell,
    Block,
}

/// Accumulates a page's text as the rendered page spaces it: text runs are joined as written
/// (whitespace collapsed to one space), table cells are separated by a tab, and blocks
/// (paragraphs, headings, list items, table rows) start on a new line, so a snippet never runs
/// a heading into the next paragraph.
#[derive(Debug, Default)]
pub struct HtmlText {
    out: String,
    gap: Gap,
}

impl HtmlText {
    /// Text as written: nothing is added before or after it, whitespace inside it becomes one
    /// space.
    pub fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.separate(Gap::Space);
            } else {
                if !self.out.is_empty() {
                    match self.gap {
                        Gap::None => {}
                        Gap::Space => self.out.push(' '),
                        Gap::Cell => self.out.push('\t'),
                        Gap::Block => self.out.push('\n'),
                    }
                }
                self.gap = Gap::None;
                self.out.push(c);
            }
        }
    }

    /// A block starts or ends here: what follows goes on a new line.
    pub fn block(&mut self) {
        self.separate(Gap::Block);
    }

    /// A table cell starts here: what follows is set off by a tab (a row is one line).
    pub fn cell(&mut self) {
        self.separate(Gap::Cell);
    }

    fn separate(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
    }

    /// Adds the text of raw HTML: tags dropped (block elements separate lines, cells and
    /// `<br>` their own way, inline ones nothing), common entities decoded, comments, scripts
    /// and styles skipped.
    pub fn push_html(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("<!--") {
                rest = r.find("-->").map_or("", |i| &r[i + 3..]);
            } else if rest.starts_with('<') {
                let Some(i) = rest.find('>') else {
                    self.push(rest);
                    break;
                };
                let name = tag_name(&rest[1..i]);
                rest = &rest[i + 1..];
                match name.as_str() {
                    "script" | "style" => {
                        let close = format!("</{name}");
                        rest = find_ascii_ci(rest, &close).map_or("", |j| &rest[j..]);
                    }
                    "br" | "wbr" => self.separate(Gap::Space),
                    "td" | "th" => self.cell(),
                    n if BLOCK_TAGS.contains(&n) => self.block(),
                    _ => {}
                }
            } else {
                let next = rest.find('<').unwrap_or(rest.len());
                self.push(&decode_entities(&rest[..next]));
                rest = &rest[next..];
            }
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Elements that start a block of their own when the page is shown.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

/// `p` from `p class="x"`, `/p` or `br/`: lowercase, without the slash.
fn tag_name(inside: &str) -> String {
    inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Where `needle` (ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A one-line text written with Markdown code spans (a title, a summary) as HTML: escaped, with
/// each `` `code` `` as `<code>code</code>`.
pub fn code_spans_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    let mut in_code = false;
    let odd = text.matches('`').count() % 2 == 1;
    let last = text.matches('`').count();
    for (i, part) in parts.by_ref().enumerate() {
        // An unmatched last backtick is a character, not a code span.
        if odd && i == last {
            out.push('`');
            out.push_str(&crate::highlight::escape(part));
            break;
        }
        if in_code {
            out.push_str("<code>");
            out.push_str(&crate::highlight::escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&crate::highlight::escape(part));
        }
        in_code = !in_code;
    }
    out
}

/// The same text without its backticks, for places that take plain text (`<title>`, meta tags).
pub fn without_code_marks(text: &str) -> String {
    text.replace('`', "")
}

/// The text of HTML as it reads: tags, comments and scripts dropped, entities decoded, spaced
/// as [`HtmlText`] spaces a page.
pub fn strip_tags(html: &str) -> String {
    let mut text = HtmlText::default();
    text.push_html(html);
    text.finish()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Elements inside a line of text (emphasis, links): no break in the text around them.
pub(super) fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_comments_and_entities() {
        assert_eq!(
            strip_tags("<p>Is <strong>x</strong> &quot;unique&quot;?</p><!-- c -->")
                .split_whitespace()
                .collect::<Vec<_>>(),
            vec!["Is", "x", "\"unique\"?"]
        );
    }

    #[test]
    fn titles_show_code_spans_as_code() {
        assert_eq!(
            code_spans_html("What is `==` vs `is`?"),
            "What is <code>==</code> vs <code>is</code>?"
        );
        assert_eq!(
            code_spans_html("a < b `x<y`"),
            "a &lt; b <code>x&lt;y</code>"
        );
        assert_eq!(code_spans_html("odd ` tick"), "odd ` tick");
        assert_eq!(without_code_marks("`__slots__`"), "__slots__");
    }

    #[test]
    fn text_collapses_whitespace() {
        let mut t = HtmlText::default();
        t.push("a  b\n");
        t.push("c");
        t.push_html("<b>d</b>");
        assert_eq!(t.finish(), "a b cd", "inline tags add no space");
    }
}
