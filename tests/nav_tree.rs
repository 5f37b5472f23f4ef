//! The navigation tree's data (`nav/tree.js`, `nav/section-N.js`) as the theme's `nav.js`
//! reads it, built from the `basic` fixture: sections nested as the folders are, questions in
//! reading order with links that resolve, and pages that name their place in the tree without
//! carrying it.

mod common;

use common::*;
use serde_json::Value;

fn built() -> (tempfile::TempDir, Site) {
    let dir = fixture("basic");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    (dir, site)
}

/// The data a `PrepbookData.register(kind, key, data);` script registers, checking its key.
fn registered(site: &Site, rel: &str, key: &str) -> Value {
    let text = site.read(rel);
    let head = format!("PrepbookData.register(\"nav\",\"{key}\",");
    let json = text
        .strip_prefix(&head)
        .and_then(|t| t.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("{rel} does not register nav data under {key}: {text}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `(title, url, parent, own, below)` rows of the tree.
fn sections(site: &Site) -> Vec<(String, String, Option<u64>, u64, u64)> {
    let tree = registered(site, "nav/tree.js", "tree");
    assert_eq!(tree["format"], 1);
    tree["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|r| {
            (
                r[0].as_str().expect("title").to_string(),
                r[1].as_str().expect("url").to_string(),
                r[2].as_u64(),
                r[3].as_u64().expect("own"),
                r[4].as_u64().expect("below"),
            )
        })
        .collect()
}

fn index_of(rows: &[(String, String, Option<u64>, u64, u64)], url: &str) -> usize {
    rows.iter()
        .position(|r| r.1 == url)
        .unwrap_or_else(|| panic!("no section at {url}"))
}

#[test]
fn the_tree_nests_sections_as_their_folders_and_counts_their_questions() {
    let (_dir, site) = built();
    let rows = sections(&site);
    assert_eq!(rows[0].1, "index.html", "the root comes first");
    assert_eq!(rows[0].2, None);
    let python = index_of(&rows, "python/index.html");
    let databases = index_of(&rows, "databases/index.html");
    let nested = index_of(&rows, "databases/nested/index.html");
    assert_eq!(rows[python].0, "Python Internals");
    assert_eq!(rows[python].2, Some(0));
    assert_eq!(
        rows[nested].2,
        Some(databases as u64),
        "nested under its folder"
    );
    // databases/ holds one question itself and one more in nested/.
    assert_eq!((rows[databases].3, rows[databases].4), (1, 2));
    assert_eq!((rows[nested].3, rows[nested].4), (1, 1));
    assert_eq!(rows[python].4, 2);
    // The root: the welcome article, and everything below.
    assert_eq!((rows[0].3, rows[0].4), (1, 5));
}

#[test]
fn each_section_file_lists_its_questions_in_reading_order_with_links_that_resolve() {
    let (_dir, site) = built();
    let rows = sections(&site);
    let python = index_of(&rows, "python/index.html");
    let listed = registered(
        &site,
        &format!("nav/section-{python}.js"),
        &format!("section-{python}"),
    );
    let titles: Vec<&str> = listed
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r[0].as_str().expect("title"))
        .collect();
    let page = site.doc("python/index.html");
    assert_eq!(
        titles,
        texts(&page, ".question-list .card-title"),
        "the same questions, in the same order, as the section page"
    );
    for (i, row) in rows.iter().enumerate() {
        let folder = row.1.strip_suffix("index.html").expect("folder");
        if row.3 == 0 {
            assert!(
                !site.exists(&format!("nav/section-{i}.js")),
                "no file for {}",
                row.1
            );
            continue;
        }
        let listed = registered(
            &site,
            &format!("nav/section-{i}.js"),
            &format!("section-{i}"),
        );
        assert_eq!(listed.as_array().expect("rows").len() as u64, row.3);
        for q in listed.as_array().expect("rows") {
            let path = q[1].as_str().expect("path");
            let url = match path.strip_prefix('/') {
                Some(whole) => whole.to_string(),
                None => format!("{folder}{path}.html"),
            };
            assert!(site.exists(&url), "{url} (from section {i}) is a page");
        }
    }
    // The article at the root is flagged, so it gets no study mark.
    let root = registered(&site, "nav/section-0.js", "section-0");
    assert_eq!(root[0][0], "Welcome");
    assert_eq!(root[0][2], 1);
}

#[test]
fn pages_name_their_place_in_the_tree_but_do_not_carry_it() {
    let (_dir, site) = built();
    let rows = sections(&site);
    let python = index_of(&rows, "python/index.html");
    for (page, section) in [
        ("python/gil.html", Some(python)),
        ("python/index.html", Some(python)),
        ("welcome.html", Some(0)),
        ("tags/sql.html", None),
    ] {
        let doc = site.doc(page);
        let nav = attrs(&doc, "nav#pb-nav", "data-section");
        assert_eq!(
            nav,
            section
                .map(|s| s.to_string())
                .into_iter()
                .collect::<Vec<_>>(),
            "{page}"
        );
        assert_eq!(attrs(&doc, "nav#pb-nav", "data-url"), [page]);
        let tree = attrs(&doc, "nav#pb-nav", "data-tree");
        assert_eq!(tree.len(), 1, "{page} has the tree's script path");
        assert_eq!(
            resolve(page, &tree[0]).as_deref(),
            Some("nav/tree.js"),
            "{page}"
        );
        // Without scripts the sidebar holds the top-level sections only: no question of
        // another section is named on the page.
        let links = texts(&doc, "#pb-nav-tree a");
        assert_eq!(links, ["Python Internals", "Databases"], "{page}");
        assert_eq!(attrs(&doc, "#pb-nav-toggle", "aria-controls"), ["pb-nav"]);
    }
    for page in ["index.html", "study.html", "search.html", "tags/index.html"] {
        let doc = site.doc(page);
        assert!(
            attrs(&doc, "nav#pb-nav", "id").is_empty(),
            "{page} has no tree"
        );
        assert!(attrs(&doc, "#pb-nav-toggle", "id").is_empty(), "{page}");
    }
}

#[test]
fn a_question_page_has_on_this_page_both_at_the_side_and_at_the_top_of_the_answer() {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/python/slots.md"),
        "---\ntitle: What are __slots__?\n---\n\nAsked often.\n\n## Answer\n\nA fixed set of attributes.\n\n## Pitfalls\n\nNo `__dict__`.\n",
    )
    .expect("write");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let doc = site.doc("python/slots.html");
    let side = attrs(&doc, ".toc a", "href");
    let inline = attrs(&doc, "#pb-answer > details.toc-inline a", "href");
    assert_eq!(side, ["#answer", "#pitfalls"]);
    assert_eq!(side, inline);
    assert!(
        attrs(&doc, "#pb-answer > details.toc-inline", "open").is_empty(),
        "collapsed"
    );
}
