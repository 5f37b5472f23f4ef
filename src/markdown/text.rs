//! Plain text out of Markdown events and raw HTML, for titles, summaries and the search index.

use pulldown_cmark::Event;

/// The text of inline events (a heading's content), without markup.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::InlineHtml(h) | Event::Html(h) => out.push_str(&strip_tags(h)),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Accumulates a page's text, collapsing whitespace.
#[derive(Debug, Default)]
pub struct HtmlText {
    out: String,
}

impl HtmlText {
    pub fn push(&mut self, text: &str) {
        for word in text.split_whitespace() {
            if !self.out.is_empty() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            self.out.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
    }

    /// Adds the text of raw HTML: tags dropped, common entities decoded, comments skipped.
    pub fn push_html(&mut self, html: &str) {
        let text = strip_tags(html);
        self.push(&text);
        self.push(" ");
    }

    pub fn finish(self) -> String {
        self.out.trim().to_string()
    }
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

/// Drops tags and comments from HTML and decodes the common entities.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |i| &r[i + 3..]);
        } else if rest.starts_with('<') {
            match rest.find('>') {
                Some(i) => {
                    out.push(' ');
                    rest = &rest[i + 1..];
                }
                None => {
                    out.push_str(rest);
                    rest = "";
                }
            }
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            out.push_str(&decode_entities(&rest[..next]));
            rest = &rest[next..];
        }
    }
    out
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
        assert_eq!(t.finish(), "a b c d");
    }
}
