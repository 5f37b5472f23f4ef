//! Summaries are inline Markdown: code, emphasis and links show as such on the question page and
//! in every list (section, tag, difficulty, the home page's articles), never inside another link;
//! raw HTML in them is shown as text; meta tags and the search index get the text alone; the
//! search results' data holds the summary's HTML without its links.

mod common;

use common::*;
use scraper::{ElementRef, Html, Selector};

/// What the fixture's decorator question says in its summary, as written.
const SUMMARY: &str = "A *callable* that wraps `func` and returns a [replacement](gil.md#why-it-exists) for it; <img src=x onerror=alert(1)> stays text.";
/// The same, as it reads.
const SUMMARY_TEXT: &str = "A callable that wraps func and returns a replacement for it; <img src=x onerror=alert(1)> stays text.";

/// The `basic` fixture with Markdown in two summaries: a question's and an article's.
fn guide() -> tempfile::TempDir {
    let dir = fixture("basic");
    let content = dir.path().join("content");
    replace_in(
        &content.join("python/decorators.md"),
        "summary: A callable that takes a function and returns a replacement for it.",
        &format!("summary: \"{SUMMARY}\""),
    );
    replace_in(
        &content.join("welcome.md"),
        "summary: How this fixture guide is laid out.",
        "summary: \"How this **fixture** guide is laid out, from [the GIL](python/gil.md) on.\"",
    );
    dir
}

fn built() -> (tempfile::TempDir, Site, String) {
    let dir = guide();
    let (_, stderr) = build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    (dir, site, stderr)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel).collect()
}

fn text(e: &ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decorator question's summary on `page` (the element matching `css` that holds it).
fn decorator_summary<'a>(doc: &'a Html, css: &str, page: &str) -> ElementRef<'a> {
    select(doc, css)
        .into_iter()
        .find(|e| text(e).contains("wraps func"))
        .unwrap_or_else(|| panic!("{page}: no summary of the decorator question in {css}"))
}

#[test]
fn a_summary_shows_its_markdown_on_its_page_and_in_every_list() {
    let (_dir, site, _) = built();
    for (page, css) in [
        ("python/decorators.html", ".short-answer"),
        ("python/index.html", ".card-summary"),
        ("tags/functions.html", ".card-summary"),
        ("difficulty/easy.html", ".card-summary"),
    ] {
        let doc = site.doc(page);
        let summary = decorator_summary(&doc, css, page);
        let inner = summary.inner_html();
        assert_eq!(
            select(&doc, &format!("{css} em"))
                .iter()
                .map(text)
                .collect::<Vec<_>>(),
            vec!["callable"],
            "{page}: {inner}"
        );
        assert!(
            select(&doc, &format!("{css} code"))
                .iter()
                .any(|c| text(c) == "func"),
            "{page}: {inner}"
        );
        // Raw HTML is the summary's text, not an element.
        assert!(select(&doc, &format!("{css} img")).is_empty(), "{page}");
        assert!(
            text(&summary).contains("<img src=x onerror=alert(1)> stays text."),
            "{page}: {inner}"
        );
        // The link leads to the page the `.md` link names, from wherever the list is.
        let hrefs: Vec<&str> = select(&doc, &format!("{css} a"))
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(hrefs.len(), 1, "{page}: {inner}");
        assert_eq!(
            resolve(page, hrefs[0]).as_deref(),
            Some("python/gil.html#why-it-exists"),
            "{page}: {}",
            hrefs[0]
        );
        assert!(
            summary
                .ancestors()
                .filter_map(ElementRef::wrap)
                .all(|a| a.value().name() != "a"),
            "{page}: the summary, and its link, are inside no other link"
        );
    }
    // An article's summary on the home page.
    let home = site.doc("index.html");
    let article = select(&home, ".article-summary");
    assert_eq!(article.len(), 1);
    assert_eq!(
        text(&article[0]),
        "How this fixture guide is laid out, from the GIL on."
    );
    assert_eq!(
        select(&home, ".article-summary strong")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        vec!["fixture"]
    );
    assert_eq!(
        attrs(&home, ".article-summary a", "href"),
        vec!["python/gil.html"]
    );
    assert_eq!(site.broken_links(), Vec::<(String, String)>::new());
}

#[test]
fn meta_tags_get_the_summary_as_plain_text() {
    let dir = guide();
    // Open Graph tags come with a public URL.
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Fixture Guide\"\n\n[site]\nbase-url = \"https://example.com/guide/\"\n",
    )
    .expect("write book.toml");
    build_ok(dir.path());
    let doc = Site::new(dir.path().join("book")).doc("python/decorators.html");
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        vec![SUMMARY_TEXT]
    );
    assert_eq!(
        attrs(&doc, "meta[property=\"og:description\"]", "content"),
        vec![SUMMARY_TEXT]
    );
}

#[test]
fn search_results_get_the_summary_html_without_links_and_the_index_its_words() {
    let (_dir, site, _) = built();
    let mut entry = None;
    for path in walkdir::WalkDir::new(site.root.join("search/d"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(path.path()).expect("read");
        let (_, _, docs) = prepbook::packed::read_script(&text).expect("search data");
        let docs = docs.as_array().cloned().expect("a list of questions");
        entry = entry.or(docs.into_iter().find(|d| d[1] == "python/decorators.html"));
    }
    let entry = entry.expect("the decorator question's metadata");
    let html = entry[6].as_str().expect("summary HTML");
    let fragment = Html::parse_fragment(html);
    assert_eq!(
        select(&fragment, "code")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        vec!["func"]
    );
    assert_eq!(
        select(&fragment, "em").iter().map(text).collect::<Vec<_>>(),
        vec!["callable"]
    );
    assert!(
        select(&fragment, "a").is_empty() && select(&fragment, "img").is_empty(),
        "a result is a link itself: {html}"
    );
    assert_eq!(text(&fragment.root_element()), SUMMARY_TEXT);
    // The summary's words are in the index; its markup is not.
    let shards: String = walkdir::WalkDir::new(site.root.join("search/s"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        // A big shard is packed: read back its JSON.
        .map(|text| {
            prepbook::packed::read_script(&text)
                .expect("search data")
                .2
                .to_string()
        })
        .collect();
    assert!(
        shards.contains("\"func\":"),
        "the summary's code is searchable"
    );
    assert!(!shards.contains("\"callable*\""));
}

#[test]
fn a_summary_link_to_no_page_is_a_warning_at_its_line() {
    let dir = guide();
    replace_in(
        &dir.path().join("content/python/decorators.md"),
        "(gil.md#why-it-exists)",
        "(nowhere.md)",
    );
    let (_, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "python/decorators.md:6:1: warning: a link in the summary leads to `python/nowhere.md`"
        ),
        "{stderr}"
    );
}
