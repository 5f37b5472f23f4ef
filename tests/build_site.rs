//! Building the `basic` fixture guide (its book.toml holds only a title) and reading the site
//! back as a reader's browser would: pages, links, highlighting, lists.

mod common;

use common::*;

fn built() -> (tempfile::TempDir, Site, String, String) {
    let dir = fixture("basic");
    let (stdout, stderr) = build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    (dir, site, stdout, stderr)
}

#[test]
fn a_title_only_config_builds_every_page() {
    let (_dir, site, stdout, _) = built();
    let expected = [
        "index.html",
        "404.html",
        "search.html",
        "welcome.html",
        "python/index.html",
        "python/gil.html",
        "python/decorators.html",
        "databases/index.html",
        "databases/indexes.html",
        "databases/nested/index.html",
        "databases/nested/deep.html",
        "tags/index.html",
        "tags/concurrency.html",
        "tags/cpython.html",
        "tags/functions.html",
        "tags/sql.html",
        "difficulty/easy.html",
        "difficulty/medium.html",
        "difficulty/hard.html",
        "study.html",
    ];
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(site.pages(), want);
    assert!(site.exists("static/prepbook.css") && site.exists("static/highlight-dark.css"));
    assert!(
        site.exists("python/img/diagram.svg"),
        "content files are copied beside their pages"
    );
    assert!(!site.exists("sitemap.xml"), "no sitemap without a base URL");
    assert!(
        stdout.starts_with("built 20 pages: 4 questions (+1 article) in 3 sections, 4 tags, in "),
        "summary line: {stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("s -> book/"),
        "summary line: {stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, site, _, _) = built();
    assert_eq!(site.broken_links(), Vec::<(String, String)>::new());
}

#[test]
fn links_are_relative_and_end_in_a_file_name() {
    let (_dir, site, _, _) = built();
    for page in site.pages() {
        if page == "404.html" {
            continue;
        }
        let doc = site.doc(&page);
        for href in attrs(&doc, "a[href], link[href], script[src]", "href")
            .into_iter()
            .chain(attrs(&doc, "script[src]", "src"))
        {
            if is_external(&href) || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{page}: absolute link {href}");
            let path = href.split('#').next().unwrap_or("");
            let last = path.rsplit('/').next().unwrap_or("");
            assert!(
                last.contains('.'),
                "{page}: link {href} does not end in a file name"
            );
        }
    }
}

#[test]
fn code_is_highlighted_with_classes_and_labelled() {
    let (_dir, site, _, stderr) = built();
    let doc = site.doc("python/gil.html");
    assert_eq!(
        texts(&doc, ".code-block .code-lang"),
        vec!["Python", "Rust", "brainfudge"]
    );
    assert!(
        !attrs(&doc, "code.language-python span", "class").is_empty(),
        "python has spans"
    );
    assert!(
        attrs(&doc, "code.language-python span", "class")
            .iter()
            .all(|c| c.starts_with("hl-"))
    );
    assert!(
        attrs(&doc, "pre [style]", "style").is_empty(),
        "no inline styles"
    );
    assert!(
        attrs(&doc, "code.language-brainfudge span", "class").is_empty(),
        "unknown language is plain"
    );
    assert_eq!(texts(&doc, "code.language-brainfudge"), vec!["++>-<"]);
    assert_eq!(
        attrs(&doc, ".code-block button.copy-code", "type").len(),
        3,
        "each block has a copy button"
    );
    // The unknown language is a warning with its position, printed before the summary.
    assert!(
        stderr.contains("content/python/gil.md:26:1: warning: unknown code language `brainfudge`"),
        "{stderr}"
    );
}

#[test]
fn tag_pages_merge_spellings_and_list_their_questions() {
    let (_dir, site, _, _) = built();
    let doc = site.doc("tags/concurrency.html");
    assert_eq!(
        texts(&doc, "h1 .tag-name"),
        vec!["Concurrency"],
        "shown as first written"
    );
    assert_eq!(
        texts(&doc, ".question-list .card-title"),
        vec![
            "What is the GIL?",
            "How does a B-tree index speed up a query?"
        ]
    );
    let index = site.doc("tags/index.html");
    assert_eq!(
        texts(&index, ".tag-cloud .tag"),
        vec!["Concurrency 2", "cpython 1", "functions 1", "sql 1"]
    );
}

#[test]
fn difficulty_pages_list_the_right_questions() {
    let (_dir, site, _, _) = built();
    for (page, titles) in [
        ("difficulty/easy.html", vec!["What is a decorator?"]),
        ("difficulty/medium.html", vec!["What is the GIL?"]),
        (
            "difficulty/hard.html",
            vec!["How does a B-tree index speed up a query?"],
        ),
    ] {
        assert_eq!(
            texts(&site.doc(page), ".question-list .card-title"),
            titles,
            "{page}"
        );
    }
    let home = site.doc("index.html");
    assert_eq!(
        texts(&home, ".difficulty-filter .chip"),
        vec!["Easy 1", "Medium 1", "Hard 1"]
    );
}

#[test]
fn section_pages_list_questions_with_difficulty_tags_and_summary() {
    let (_dir, site, _, _) = built();
    let doc = site.doc("python/index.html");
    assert_eq!(texts(&doc, "h1"), vec!["Python Internals"]);
    assert_eq!(
        texts(&doc, ".question-list .card-title"),
        vec!["What is the GIL?", "What is a decorator?"],
        "ordered by weight"
    );
    assert_eq!(texts(&doc, ".question-card .badge"), vec!["Medium", "Easy"]);
    assert_eq!(
        texts(&doc, ".question-card .card-summary"),
        vec![
            "A lock that lets one thread at a time run Python bytecode.",
            "A callable that takes a function and returns a replacement for it."
        ]
    );
    assert_eq!(
        texts(&doc, ".question-card .tag"),
        vec!["Concurrency", "cpython", "functions"]
    );
    // A folder without _index.md is a section named after the folder.
    let db = site.doc("databases/index.html");
    assert_eq!(texts(&db, "h1"), vec!["Databases"]);
    assert_eq!(texts(&db, ".section-grid .section-title"), vec!["Nested"]);
    let home = site.doc("index.html");
    assert_eq!(
        texts(&home, "#pb-sections .section-title"),
        vec!["Python Internals", "Databases"]
    );
    assert_eq!(
        texts(&home, "#pb-sections .section-card > a .count"),
        vec!["2 questions", "2 questions"]
    );
}

#[test]
fn question_pages_carry_meta_related_and_neighbours() {
    let (_dir, site, _, _) = built();
    let doc = site.doc("python/gil.html");
    assert_eq!(texts(&doc, "h1"), vec!["What is the GIL?"]);
    assert_eq!(
        texts(&doc, ".breadcrumbs a"),
        vec!["Home", "Python Internals"]
    );
    assert_eq!(
        texts(&doc, ".question-header .badge"),
        vec!["Medium", "mid", "senior"]
    );
    assert_eq!(
        texts(&doc, ".related li a"),
        vec![
            "What is a decorator?",
            "How does a B-tree index speed up a query?"
        ]
    );
    assert_eq!(
        texts(&doc, ".prev-next a"),
        vec!["Next What is a decorator?"]
    );
    assert_eq!(
        attrs(&doc, ".prev-next a", "href"),
        vec!["../python/decorators.html"]
    );
    assert!(
        texts(&doc, ".edit").is_empty(),
        "no edit link unless configured"
    );
    // The answer is split from the opening text, for study mode.
    let prompt = texts(&doc, ".question-prompt");
    assert_eq!(
        prompt,
        vec![
            "Interviewers ask this to see whether you know why threads do not speed up CPU-bound code."
        ]
    );
    assert!(texts(&doc, "#pb-answer h2").contains(&"Why it exists#".to_string()));
}

#[test]
fn md_links_images_and_titles_from_headings() {
    let (_dir, site, _, _) = built();
    let welcome = site.doc("welcome.html");
    assert_eq!(attrs(&welcome, ".prose a", "href"), vec!["python/gil.html"]);
    let dec = site.doc("python/decorators.html");
    assert!(attrs(&dec, ".prose a", "href").contains(&"gil.html#why-it-exists".to_string()));
    assert_eq!(attrs(&dec, ".prose img", "src"), vec!["img/diagram.svg"]);
    assert_eq!(texts(&dec, ".alert .alert-title"), vec!["Tip"]);
    let deep = site.doc("databases/nested/deep.html");
    assert_eq!(
        texts(&deep, "h1"),
        vec!["A question without front matter"],
        "title from the leading heading, not repeated"
    );
    assert_eq!(attrs(&deep, ".prose a", "href"), vec!["../indexes.html"]);
    let table = site.doc("databases/indexes.html");
    assert_eq!(
        texts(&table, ".table-wrap th"),
        vec!["Operation", "Without index", "With index"]
    );
}

#[test]
fn base_url_adds_canonical_open_graph_and_sitemap() {
    let dir = fixture("basic");
    let toml = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&toml).expect("read");
    text.push_str("edit-url-template = \"https://example.org/edit/{path}\"\n\n[site]\nbase-url = \"https://guide.example.org/prep/\"\n");
    std::fs::write(&toml, text).expect("write");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let doc = site.doc("python/gil.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        vec!["https://guide.example.org/prep/python/gil.html"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:title']", "content"),
        vec!["What is the GIL? · Fixture Guide"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        vec!["article"]
    );
    assert_eq!(
        attrs(&doc, ".edit a", "href"),
        vec!["https://example.org/edit/content/python/gil.md"]
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://guide.example.org/prep/python/gil.html</loc>"));
    assert_eq!(
        sitemap.matches("<loc>").count(),
        18,
        "every page but the 404 and the search page"
    );
}

#[test]
fn a_guide_overrides_one_theme_file_at_a_time() {
    let dir = fixture("basic");
    let theme = dir.path().join("themes/default");
    std::fs::create_dir_all(theme.join("templates")).expect("mkdir");
    std::fs::create_dir_all(theme.join("static")).expect("mkdir");
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% endblock main %}",
    )
    .expect("write");
    std::fs::write(theme.join("static/extra.css"), "body { margin: 0 }").expect("write");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    assert_eq!(
        texts(&site.doc("404.html"), "h1"),
        vec!["Lost? Fixture Guide"]
    );
    assert_eq!(
        texts(&site.doc("python/gil.html"), "h1"),
        vec!["What is the GIL?"],
        "other templates stay"
    );
    assert_eq!(site.read("static/extra.css"), "body { margin: 0 }");
    assert!(
        site.read("static/prepbook.css").contains("--bg"),
        "the default stylesheet is still written"
    );
}

#[test]
fn rebuilding_replaces_the_site_whole() {
    let dir = fixture("basic");
    build_ok(dir.path());
    std::fs::remove_file(dir.path().join("content/databases/nested/deep.md")).expect("remove");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    assert!(
        !site.exists("databases/nested/deep.html"),
        "a removed question's page is gone"
    );
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("prepbook-tmp") || n.contains("prepbook-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unchanged_guide_is_not_rebuilt_and_any_change_is() {
    let dir = fixture("basic");
    let build = |dir: &std::path::Path| {
        let out = prepbook(dir).arg("build").output().expect("run");
        assert!(out.status.success());
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (first, first_warnings) = build(dir.path());
    assert!(!first.contains("(up to date)"), "{first}");
    let (second, second_warnings) = build(dir.path());
    assert!(
        second.trim_end().ends_with("-> book/ (up to date)"),
        "{second}"
    );
    assert_eq!(
        second_warnings, first_warnings,
        "the last build's warnings are shown again"
    );
    // Edit one question: built again.
    let gil = dir.path().join("content/python/gil.md");
    let text = std::fs::read_to_string(&gil)
        .expect("read")
        .replace("Reference counting", "Refcounting");
    std::fs::write(&gil, text).expect("write");
    let (third, _) = build(dir.path());
    assert!(!third.contains("(up to date)"), "{third}");
    assert!(
        Site::new(dir.path().join("book"))
            .read("python/gil.html")
            .contains("Refcounting")
    );
    // A site changed by hand is built again too.
    std::fs::remove_file(dir.path().join("book/404.html")).expect("remove");
    let (fourth, _) = build(dir.path());
    assert!(!fourth.contains("(up to date)"), "{fourth}");
    assert!(dir.path().join("book/404.html").is_file());
}
