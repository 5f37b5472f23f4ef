//! Tags keep their identity: every different tag gets its own page, also tags made of symbols
//! alone (`!!!`, an emoji) and tags that only symbols tell apart (`c`, `c++`, `c#`, `.net`,
//! `net`); tags that differ in case or spacing stay one tag. The search index, study mode and
//! the export name each tag by the same page. Read back from the built site's HTML and data.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;

/// A guide in a temp dir: book.toml (with `extra` appended) and Markdown files.
fn guide(extra: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = format!("[book]\ntitle = \"Tags\"\n{extra}");
    std::fs::write(dir.path().join("book.toml"), config).expect("write book.toml");
    for (rel, text) in files {
        let path = dir.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write page");
    }
    dir
}

fn question(title: &str, tags: &str) -> String {
    format!("---\ntitle: {title}\nsummary: About {title}.\ntags: {tags}\n---\n\nText.\n")
}

/// The data a `PrepbookData.register(kind, key, data);` script registers.
fn registered(text: &str) -> Value {
    let start = text.find('{').expect("data object");
    let end = text.rfind(')').expect("closing call");
    serde_json::from_str(&text[start..end]).expect("registered JSON")
}

/// The tags index: (name, link) of each tag.
fn tag_index(site: &Site) -> Vec<(String, String)> {
    let doc = site.doc("tags/index.html");
    let names = texts(&doc, ".tag-cloud .tag");
    let links = attrs(&doc, ".tag-cloud .tag", "href");
    names.into_iter().zip(links).collect()
}

#[test]
fn symbols_tell_tags_apart_and_every_tag_has_a_page() {
    let dir = guide(
        "",
        &[
            ("langs/c.md", &question("Pointers in C", "[c]")),
            ("langs/cpp.md", &question("Templates in C++", "[\"c++\"]")),
            ("langs/cs.md", &question("Generics in C#", "[\"c#\"]")),
            ("langs/dotnet.md", &question("The .NET runtime", "[.NET]")),
            ("langs/net.md", &question("Sockets", "[net]")),
            ("langs/bang.md", &question("Emphasis", "[\"!!!\"]")),
            ("langs/smile.md", &question("Moods", "[\"🙂\"]")),
        ],
    );
    let (stdout, stderr) = build_ok(dir.path());
    assert!(stdout.contains(", 7 tags, "), "{stdout}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let site = Site::new(dir.path().join("book"));
    let expected = [
        ("c", "tags/c.html", "Pointers in C"),
        ("c++", "tags/c-plus-plus.html", "Templates in C++"),
        ("c#", "tags/c-sharp.html", "Generics in C#"),
        (".NET", "tags/dotnet.html", "The .NET runtime"),
        ("net", "tags/net.html", "Sockets"),
        (
            "!!!",
            "tags/exclamation-exclamation-exclamation.html",
            "Emphasis",
        ),
        ("🙂", "tags/u1f642.html", "Moods"),
    ];
    for (name, page, title) in expected {
        let doc = site.doc(page);
        assert_eq!(texts(&doc, "h1 .tag-name"), vec![name], "{page}");
        assert_eq!(
            texts(&doc, ".question-list .card-title"),
            vec![title],
            "{page} lists its one question"
        );
    }
    let index = tag_index(&site);
    let links: BTreeSet<&str> = index.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(links.len(), 7, "seven tags, seven pages: {index:?}");
    // Each question page links its tag to that tag's page.
    let cpp = site.doc("langs/cpp.html");
    assert_eq!(
        attrs(&cpp, ".meta .tag", "href"),
        vec!["../tags/c-plus-plus.html"]
    );
    assert!(site.broken_links().is_empty(), "{:?}", site.broken_links());
}

#[test]
fn case_and_spacing_make_one_tag_shown_as_first_written() {
    let dir = guide(
        "[tags]\nvocabulary = [\"machine-learning\"]\n",
        &[
            ("a.md", &question("First", "[Machine Learning]")),
            ("b.md", &question("Second", "[machine_learning]")),
            ("c.md", &question("Third", "[\" MACHINE-learning \"]")),
        ],
    );
    let check = prepbook(dir.path()).arg("check").output().expect("run");
    let check_err = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{check_err}");
    assert!(
        check_err.ends_with("check passed: no problems\n"),
        "{check_err}"
    );
    let (stdout, _) = build_ok(dir.path());
    assert!(stdout.contains(", 1 tag"), "{stdout}");
    let site = Site::new(dir.path().join("book"));
    let doc = site.doc("tags/machine-learning.html");
    assert_eq!(texts(&doc, "h1 .tag-name"), vec!["Machine Learning"]);
    assert_eq!(
        texts(&doc, ".question-list .card-title"),
        vec!["First", "Second", "Third"]
    );
    assert_eq!(
        tag_index(&site),
        vec![(
            "Machine Learning 3".to_string(),
            "../tags/machine-learning.html".to_string()
        )]
    );
}

/// The slug each tag name's page has, from the tags index.
fn pages_by_name(dir: &Path) -> Vec<(String, String)> {
    let site = Site::new(dir.join("book"));
    let mut pages = tag_index(&site);
    pages.sort();
    pages
}

#[test]
fn colliding_tags_are_told_apart_the_same_way_whatever_the_file_order() {
    // `c!`, `c?` and `c` all read as `c`; which file comes first must not decide who gets it.
    let first = guide(
        "",
        &[
            ("a.md", &question("A", "[\"c!\"]")),
            ("b.md", &question("B", "[\"c?\"]")),
            ("c.md", &question("C", "[c]")),
        ],
    );
    let second = guide(
        "",
        &[
            ("a.md", &question("A", "[c]")),
            ("b.md", &question("B", "[\"c?\"]")),
            ("c.md", &question("C", "[\"c!\"]")),
        ],
    );
    build_ok(first.path());
    build_ok(second.path());
    let pages = pages_by_name(first.path());
    assert_eq!(
        pages,
        vec![
            ("c 1".to_string(), "../tags/c.html".to_string()),
            ("c! 1".to_string(), "../tags/c-2.html".to_string()),
            ("c? 1".to_string(), "../tags/c-3.html".to_string()),
        ],
        "the plain `c` keeps `c`, the others follow by key"
    );
    assert_eq!(pages_by_name(second.path()), pages);
}

#[test]
fn a_tag_named_index_does_not_replace_the_list_of_tags() {
    let dir = guide(
        "",
        &[
            ("a.md", &question("Indexes", "[index, sql]")),
            ("b.md", &question("Joins", "[sql]")),
        ],
    );
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    assert_eq!(
        tag_index(&site),
        vec![
            ("index 1".to_string(), "../tags/index-2.html".to_string()),
            ("sql 2".to_string(), "../tags/sql.html".to_string())
        ]
    );
    let doc = site.doc("tags/index-2.html");
    assert_eq!(texts(&doc, "h1 .tag-name"), vec!["index"]);
}

#[test]
fn search_study_and_export_name_each_tag_by_its_own_page() {
    let dir = guide(
        "",
        &[
            ("a.md", &question("C", "[c]")),
            ("b.md", &question("C++", "[\"c++\", c]")),
            ("c.md", &question("C#", "[\"c#\"]")),
        ],
    );
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let pages: Vec<String> = vec![
        "tags/c.html".into(),
        "tags/c-plus-plus.html".into(),
        "tags/c-sharp.html".into(),
    ];

    // The search manifest lists [name, page]; the facets give each tag its questions.
    let manifest = registered(&site.read("search/index.js"));
    let tags = manifest["tags"].as_array().expect("tags");
    let urls: Vec<&str> = tags.iter().map(|t| t[1].as_str().unwrap_or("")).collect();
    assert_eq!(urls, pages);
    let facets = registered(&site.read("search/facets.js"));
    assert_eq!(facets["t"].as_array().map(Vec::len), Some(3));

    // Study mode's deck, and the tag filter of the study page.
    let deck = registered(&site.read("study/deck.js"));
    let deck_urls: Vec<&str> = deck["tags"]
        .as_array()
        .expect("deck tags")
        .iter()
        .map(|t| t["url"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(deck_urls, pages);
    let study = site.doc("study.html");
    assert_eq!(
        attrs(&study, "#pb-deck-tag option", "value"),
        vec![
            "",
            "tags/c.html",
            "tags/c-plus-plus.html",
            "tags/c-sharp.html"
        ]
    );
    assert_eq!(
        texts(&study, "#pb-deck-tag option"),
        vec!["All tags", "c (2)", "c++ (1)", "c# (1)"]
    );

    // The offline export's tag filter has one choice per tag.
    let out = prepbook(dir.path())
        .args(["export", "-o", "guide.html"])
        .output()
        .expect("run export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.path().join("guide.html")).expect("read export"),
    );
    assert_eq!(
        attrs(&export, "#pb-filter-tag option", "value"),
        vec!["", "c", "c-plus-plus", "c-sharp"]
    );
    // The JSON export keeps the names as written.
    let out = prepbook(dir.path())
        .args(["export", "--format", "json", "-o", "guide.json"])
        .output()
        .expect("run export");
    assert!(out.status.success());
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("guide.json")).expect("read json"),
    )
    .expect("json");
    let cpp = json
        .as_array()
        .and_then(|qs| qs.iter().find(|q| q["title"] == "C++"))
        .or_else(|| {
            json["questions"]
                .as_array()
                .and_then(|qs| qs.iter().find(|q| q["title"] == "C++"))
        })
        .expect("the C++ question");
    assert_eq!(cpp["tags"], serde_json::json!(["c++", "c"]));
}

#[test]
fn a_tag_of_nothing_but_spacing_is_a_warning_not_a_silent_loss() {
    let dir = guide("", &[("a.md", &question("Dashes", "[\"-\", real]"))]);
    let (_, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "content/a.md:4:9: warning: the tag `-` has only spaces, `-` or `_` and is not used"
        ),
        "{stderr}"
    );
}
