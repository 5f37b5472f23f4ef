use std::collections::HashMap;
use std::path::Path;

use super::*;
use crate::config::HighlightConfig;
use crate::highlight::HighlightCache;

struct Pages(HashMap<&'static str, &'static str>);

impl Resolve for Pages {
    fn page_url(&self, p: &str) -> Option<String> {
        self.0.get(p).map(|u| u.to_string())
    }
    fn asset_url(&self, _: &str) -> Option<String> {
        None
    }
}

fn render_with(text: &str, title: Option<&str>, answer_headings: &[String]) -> Rendered {
    let hl =
        Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled()).expect("themes");
    let pages = Pages(HashMap::from([
        ("oop/slots.md", "oop/slots.html"),
        ("concurrency/gil.md", "concurrency/gil.html"),
    ]));
    let input = MarkdownInput {
        text,
        body_offset: 0,
        path: Path::new("oop/mro.md"),
        rel: "oop/mro.md",
        page_url: "oop/mro.html",
        title,
        answer_headings,
    };
    render(&input, &pages, &hl)
}

fn render_md(text: &str) -> Rendered {
    render_with(text, Some("Title"), &[])
}

#[test]
fn headings_get_unique_ids_and_anchor_links() {
    let r = render_md(
        "## Why it matters\n\ntext\n\n## Why it matters\n\n### `__slots__` and you {#custom}\n",
    );
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec!["why-it-matters", "why-it-matters-1", "custom"]);
    assert!(r.html.contains(
        "<h2 id=\"why-it-matters\">Why it matters<a class=\"anchor\" href=\"#why-it-matters\""
    ));
    assert_eq!(r.headings[2].text, "__slots__ and you");
}

#[test]
fn gfm_extensions_render() {
    let r = render_md(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and \"quotes\"\n\n- [x] done\n\nNote.[^1]\n\n[^1]: A footnote.\n",
    );
    assert!(r.html.contains("<div class=\"table-wrap\"><table>"));
    assert!(r.html.contains("<del>gone</del>"));
    assert!(r.html.contains("“quotes”"), "smart punctuation: {}", r.html);
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote"));
}

#[test]
fn github_alerts_become_titled_notes() {
    let r = render_md("> [!WARNING]\n> Mutable defaults are shared.\n\n> plain quote\n");
    assert!(r.html.contains(
        "<div class=\"alert alert-warning\" role=\"note\"><p class=\"alert-title\">Warning</p>"
    ));
    assert!(
        r.html.contains("<blockquote>"),
        "a plain quote stays a blockquote"
    );
}

#[test]
fn relative_md_links_point_at_built_pages() {
    let r = render_md("See [slots](slots.md) and [the GIL](../concurrency/gil.md#the-lock).\n");
    assert!(r.html.contains("href=\"slots.html\""), "{}", r.html);
    assert!(r.html.contains("href=\"../concurrency/gil.html#the-lock\""));
    assert_eq!(
        r.links.len(),
        1,
        "the anchored link is kept for the anchor check"
    );
    assert_eq!(r.links[0].target_url, "concurrency/gil.html");
}

#[test]
fn broken_md_links_are_warned_about_at_their_line() {
    let r = render_md("Intro.\n\nSee [x](missing.md).\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].line, 3);
    assert_eq!(
        r.diagnostics[0].severity,
        crate::diagnostics::Severity::Warning
    );
}

#[test]
fn code_blocks_are_highlighted_labelled_and_copyable() {
    let r = render_md("```py\nprint('hi')\n```\n");
    assert_eq!(r.code_blocks, 1);
    assert!(r.html.contains("<span class=\"code-lang\">Python</span>"));
    assert!(r.html.contains("class=\"copy-code\""));
    assert!(
        r.html
            .contains("<code class=\"language-python\"><span class=\"hl-")
    );
    assert!(r.diagnostics.is_empty());
}

#[test]
fn unknown_languages_are_plain_with_a_warning_at_the_fence() {
    let r = render_md("Text.\n\n```brainfudge\n<>+-\n```\n");
    assert!(r.html.contains("&lt;&gt;+-"));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (3, 1));
    assert!(r.diagnostics[0].message.contains("brainfudge"));
}

#[test]
fn leading_h1_is_the_title_when_front_matter_has_none() {
    let r = render_with(
        "<!-- problem:start -->\n\n# [01.01. Is Unique](https://x)\n\nBody text here.\n",
        None,
        &[],
    );
    assert_eq!(r.title.as_deref(), Some("01.01. Is Unique"));
    assert!(
        !r.html.contains("<h1"),
        "the title heading is not repeated in the body"
    );
    let kept = render_with("# Another heading\n", Some("Front matter title"), &[]);
    assert!(kept.title.is_none());
    assert!(kept.html.contains("<h1 id=\"another-heading\">"));
}

#[test]
fn answer_starts_at_the_first_heading_by_default() {
    let r = render_md("What would you say?\n\n## Why interviewers ask this\n\nBecause.\n");
    let at = r.answer_start.expect("an answer start");
    assert!(r.html[..at].contains("What would you say?"));
    assert!(r.html[at..].starts_with("<h2 id=\"why-interviewers-ask-this\">"));
}

#[test]
fn answer_headings_from_config_pick_the_split() {
    let headings = vec!["Solutions".to_string()];
    let r = render_with(
        "## Description\n\nThe problem.\n\n## Solutions\n\nThe answer.\n",
        Some("T"),
        &headings,
    );
    let at = r.answer_start.expect("split");
    assert!(r.html[..at].contains("The problem."));
    assert!(r.html[at..].contains("The answer."));
}

#[test]
fn an_explicit_marker_wins() {
    let r = render_md("Setup.\n\n## Context\n\nMore setup.\n\n<!-- answer -->\n\nThe answer.\n");
    let at = r.answer_start.expect("split");
    assert!(r.html[..at].contains("More setup."));
    assert!(r.html[at..].contains("The answer."));
    assert!(!r.html.contains("prepbook-answer"));
}

#[test]
fn raw_html_passes_through_and_math_is_kept_as_text() {
    let r = render_md("<p>Raw <strong>HTML</strong></p>\n\nCost is $O(n)$ here.\n");
    assert!(r.html.contains("<p>Raw <strong>HTML</strong></p>"));
    assert!(r.html.contains("<span class=\"math\">$O(n)$</span>"));
    assert!(
        r.text.contains("Raw HTML"),
        "raw HTML text is searchable: {}",
        r.text
    );
}

#[test]
fn plain_text_and_first_paragraph_are_extracted() {
    let r = render_md(
        "[中文文档](/x)\n\nA closure keeps `nonlocal` names alive after return.\n\n```python\nsecret = 1\n```\n",
    );
    assert_eq!(
        r.first_paragraph,
        "A closure keeps nonlocal names alive after return."
    );
    assert!(r.text.contains("nonlocal"));
    assert!(
        !r.text.contains("secret"),
        "code blocks are not in the text"
    );
}

#[test]
fn code_identifiers_are_collected_for_search() {
    let r = render_md(
        "```python\nimport asyncio\nawait asyncio.gather(a(), b())\nclass P:\n    __slots__ = ('x',)\nx = 1.5\n```\n",
    );
    assert_eq!(r.code_identifiers, vec!["asyncio.gather", "__slots__"]);
}
