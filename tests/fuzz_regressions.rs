//! Inputs the fuzzers (`scripts/fuzz`, targets in `fuzz/`) found breaking what Prepbook
//! promises, each kept as a test of what the user sees. The README's "Fuzzing" section lists
//! what was run and what it found.

use std::path::Path;

use prepbook::config::Config;
use prepbook::content::front_matter::{self, normalize, split};
use prepbook::diagnostics::Diagnostic;

fn front_matter_diagnostics(raw: &str) -> (String, Vec<Diagnostic>) {
    let text = normalize(raw.to_string());
    let parts = split(&text).expect("closed front matter");
    let (_, diags) = front_matter::parse(&parts, &text, Path::new("q.md"));
    (text, diags)
}

/// The caret under the source line of a rendered diagnostic, without the gutter.
fn caret_line(d: &Diagnostic) -> String {
    let rendered = Diagnostic {
        hint: None,
        ..d.clone()
    }
    .to_string();
    let last = rendered.lines().last().expect("a rendered diagnostic");
    last.split_once(" | ")
        .map(|(_, caret)| caret.to_string())
        .unwrap_or_else(|| panic!("no caret line in {rendered:?}"))
}

/// Found by `front_matter`: YAML counts a lone carriage return (an old Mac line ending) as a
/// line break and Prepbook did not, so every diagnostic after one named the wrong line and put
/// its caret past the end of it.
#[test]
fn a_lone_carriage_return_is_a_line_break() {
    let (text, diags) =
        front_matter_diagnostics("---\ntitle: A\rdifficulty: meduim\n---\nThe body.\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.source_line.as_deref(), Some("difficulty: meduim"));
    assert_eq!((d.line, d.column, d.span_len), (3, 13, 6));
    assert_eq!(caret_line(d), format!("{}^^^^^^", " ".repeat(12)));
    assert_eq!(text.lines().nth(2), Some("difficulty: meduim"));
}

/// Found by `front_matter`: a YAML syntax error after a lone carriage return pointed at a
/// column of a different, shorter line.
#[test]
fn a_yaml_error_after_a_lone_carriage_return_points_into_its_line() {
    let (_, diags) = front_matter_diagnostics("---\ntitle: A\rtags: [a, b\rlevel: mid\n---\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    let line = d.source_line.as_deref().expect("the line is shown");
    assert!(
        d.column as usize <= line.chars().count() + 1,
        "column {} is off the line {line:?}",
        d.column
    );
}

/// Found by `book_toml`: TOML refuses a lone carriage return, and the diagnostic's column
/// pointed past the (empty) line it showed.
#[test]
fn a_lone_carriage_return_in_book_toml_keeps_the_caret_on_its_line() {
    let errs = Config::parse(
        "[book]\ntitle = \"G\"\n\r\r\n",
        Path::new("book.toml"),
        Path::new("/g"),
    )
    .expect_err("a lone CR is not TOML");
    let d = &errs[0];
    assert_eq!(d.line, 3, "{d:?}");
    let line = d.source_line.as_deref().expect("the line is shown");
    assert!(d.column as usize <= line.chars().count() + 1, "{d:?}");
    assert_eq!(caret_line(d).trim_start(), "^");
}

/// Found by `diagnostics`: a span longer than its line was drawn in full, and a huge one
/// (`usize::MAX`) asked for gigabytes of carets.
#[test]
fn the_caret_stops_at_the_end_of_the_line() {
    let d = Diagnostic::error("q.md", "m").at("abc\nnext line\n", 1, 2, usize::MAX);
    assert_eq!(d.span_len, 2, "from column 2 to the end of `abc`");
    assert_eq!(caret_line(&d), " ^^");

    let d = Diagnostic::error("q.md", "m").at("abc\n", 1, 99, 1);
    assert_eq!(d.column, 4, "one past the end of `abc`");
    assert_eq!(caret_line(&d), "   ^");
}

/// Found by `diagnostics`: line 0 means the whole file, yet the first line was shown under it.
#[test]
fn line_zero_shows_no_source_line() {
    let d = Diagnostic::error("q.md", "m").at("first line\n", 0, 1, 1);
    assert_eq!(d.source_line, None);
    assert_eq!(d.to_string(), "q.md: error: m");
}

/// A value written over two lines (YAML folds a plain scalar's line break into a space) is
/// longer than the line its caret starts on: the caret ends with the line.
#[test]
fn a_folded_value_is_underlined_to_the_end_of_its_first_line() {
    let (_, diags) = front_matter_diagnostics("---\ntitle: T\ndifficulty: very\n  hard\n---\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert!(d.message.contains("very hard"), "{}", d.message);
    assert_eq!((d.line, d.column, d.span_len), (3, 13, 4));
}

/// Found while writing the `markdown` target's check on heading ids (a hand-written input
/// that target fails on): an id written as `{#...}` was copied into the `id` and `href`
/// attributes as it was, so a quote in it ended the attribute and started another one.
#[test]
fn a_quote_in_a_heading_id_stays_inside_the_attribute() {
    use prepbook::config::HighlightConfig;
    use prepbook::highlight::{HighlightCache, Highlighter};
    use prepbook::markdown::{MarkdownInput, Resolve, render};

    struct NoPages;
    impl Resolve for NoPages {
        fn page_url(&self, _: &str) -> Option<String> {
            None
        }
        fn asset_url(&self, _: &str) -> Option<String> {
            None
        }
    }
    let hl = Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled())
        .expect("default themes");
    let text = "## Title {#a\"onmouseover=\"alert(1)}\n\nText.\n";
    let input = MarkdownInput {
        text,
        body_offset: 0,
        path: Path::new("q.md"),
        rel: "q.md",
        page_url: "q.html",
        title: Some("Q"),
        answer_headings: &[],
    };
    let r = render(&input, &NoPages, &hl);
    let doc = scraper::Html::parse_fragment(&r.html);
    let h2 = scraper::Selector::parse("h2").expect("selector");
    let heading = doc.select(&h2).next().expect("the heading is rendered");
    assert_eq!(
        heading.value().attr("id"),
        Some("a\"onmouseover=\"alert(1)")
    );
    assert_eq!(heading.value().attr("onmouseover"), None, "{}", r.html);
    let anchor = scraper::Selector::parse("h2 a.anchor").expect("selector");
    let link = doc.select(&anchor).next().expect("the anchor link");
    assert_eq!(
        link.value().attr("href"),
        Some("#a\"onmouseover=\"alert(1)")
    );
}
