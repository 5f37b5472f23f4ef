//! The text search snippets are cut from: spaced as the rendered page reads, one case a test.

use std::path::Path;

use super::*;
use crate::config::HighlightConfig;
use crate::highlight::HighlightCache;

struct NoPages;

impl Resolve for NoPages {
    fn page_url(&self, _: &str) -> Option<String> {
        None
    }
    fn asset_url(&self, _: &str) -> Option<String> {
        None
    }
}

/// The search text of a body.
fn text_of(body: &str) -> String {
    let hl =
        Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled()).expect("themes");
    let input = MarkdownInput {
        text: body,
        body_offset: 0,
        path: Path::new("q.md"),
        rel: "q.md",
        page_url: "q.html",
        title: Some("Title"),
        answer_headings: &[],
    };
    render(&input, &NoPages, &hl).text
}

#[test]
fn no_space_before_punctuation() {
    assert_eq!(
        text_of("It stores them as times, and keeps `functools.wraps`.\n"),
        "It stores them as times, and keeps functools.wraps."
    );
}

#[test]
fn no_space_inside_smart_quotes_or_apostrophes() {
    assert_eq!(
        text_of("The \"decorated\" name and the loop's mechanics.\n"),
        "The \u{201c}decorated\u{201d} name and the loop\u{2019}s mechanics."
    );
}

#[test]
fn a_word_split_by_markup_stays_one_word() {
    assert_eq!(
        text_of("Subclass `ContextDecorator`s, **bold**ly, and *em*phasis.\n"),
        "Subclass ContextDecorators, boldly, and emphasis."
    );
}

#[test]
fn inline_code_is_joined_as_written() {
    assert_eq!(
        text_of("Call `wraps(f)`(inner) or `a`+`b` on (`copy.deepcopy`).\n"),
        "Call wraps(f)(inner) or a+b on (copy.deepcopy)."
    );
}

#[test]
fn a_heading_does_not_run_into_the_next_paragraph() {
    assert_eq!(
        text_of("Intro.\n\n## Why interviewers ask this\n\nForgetting wraps loses the name.\n"),
        "Intro.\nWhy interviewers ask this\nForgetting wraps loses the name."
    );
}

#[test]
fn paragraphs_are_separated() {
    assert_eq!(
        text_of("First paragraph\n\nSecond one\ncontinues here.\n"),
        "First paragraph\nSecond one continues here."
    );
}

#[test]
fn list_items_are_separated() {
    assert_eq!(
        text_of("Steps:\n\n- open it\n- read it\n  - twice\n\n1. close it\n"),
        "Steps:\nopen it\nread it\ntwice\nclose it"
    );
}

#[test]
fn table_cells_and_rows_are_separated() {
    assert_eq!(
        text_of("| Type | Mutable |\n|---|---|\n| list | yes |\n| tuple | no |\n"),
        "Type\tMutable\nlist\tyes\ntuple\tno"
    );
}

#[test]
fn code_blocks_are_left_out_but_still_separate_blocks() {
    assert_eq!(
        text_of("Before:\n\n```python\nsecret = 1\n```\nAfter.\n"),
        "Before:\nAfter."
    );
}

#[test]
fn inline_html_adds_no_space_and_block_html_separates() {
    assert_eq!(
        text_of("Press <kbd>Ctrl</kbd>+<kbd>C</kbd> now.\n\n<div>One</div><div>Two</div>\n"),
        "Press Ctrl+C now.\nOne\nTwo"
    );
}

#[test]
fn alerts_and_quotes_are_blocks_of_their_own() {
    assert_eq!(
        text_of("Text.\n> [!NOTE]\n> Careful.\n\n> Quoted.\n"),
        "Text.\nCareful.\nQuoted."
    );
}
