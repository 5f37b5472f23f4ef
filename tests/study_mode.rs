//! Study mode's side of a build: the deck and card data files (read back as the study page
//! reads them), the study page's deck chooser, and the study controls on the other pages. The
//! browser tests (`tests/browser/study.test.js`) use all of it in Chromium.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

/// The data a data script registers (plain, or packed as the card chunks are).
fn registered(text: &str, kind: &str, key: &str) -> Value {
    let (k, n, data) = prepbook::packed::read_script(text)
        .unwrap_or_else(|| panic!("not a data script: {}", &text[..80.min(text.len())]));
    assert_eq!(
        (k.as_str(), n.as_str()),
        (kind, key),
        "what the script registers"
    );
    data
}

/// A card as the study page sees it: its URL, and its content from its chunk.
#[derive(Debug)]
struct Card {
    url: String,
    row: Value,
    title: String,
    prompt: String,
    summary: String,
    answer: String,
}

/// Reads the deck and every chunk of a built site, the way study.js does.
fn cards(site: &Site) -> (Value, Vec<Card>) {
    let deck = registered(&site.read("study/deck.js"), "study-deck", "");
    let sections = deck["sections"].as_array().expect("sections");
    let rows = deck["cards"].as_array().expect("cards");
    let starts: Vec<usize> = deck["chunks"]
        .as_array()
        .expect("chunks")
        .iter()
        .map(|v| v.as_u64().expect("index") as usize)
        .collect();
    let mut contents = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        assert_eq!(
            start,
            contents.len(),
            "chunk {i} starts where the last ended"
        );
        let chunk = registered(
            &site.read(&format!("study/cards-{i}.js")),
            "study-cards",
            &i.to_string(),
        );
        contents.extend(chunk.as_array().expect("card list").iter().cloned());
    }
    assert_eq!(contents.len(), rows.len(), "every card has its content");
    let cards = rows
        .iter()
        .zip(contents)
        .map(|(row, content)| {
            let path = row[0].as_str().expect("path");
            let section = row[1].as_u64().expect("section") as usize;
            let folder = sections[section]["url"]
                .as_str()
                .expect("url")
                .trim_end_matches("index.html");
            let url = match path.strip_prefix('/') {
                Some(whole) => whole.to_string(),
                None => format!("{folder}{path}.html"),
            };
            let text = |i: usize| content[i].as_str().expect("string").to_string();
            Card {
                url,
                row: row.clone(),
                title: text(0),
                prompt: text(1),
                summary: text(2),
                answer: text(3),
            }
        })
        .collect();
    (deck, cards)
}

fn fixture_site() -> (tempfile::TempDir, Site) {
    let dir = fixture("basic");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    (dir, site)
}

#[test]
fn the_deck_holds_every_question_and_no_article() {
    let (_dir, site) = fixture_site();
    let (deck, cards) = cards(&site);
    assert_eq!(deck["format"], 1);
    assert_eq!(deck["guide"], "Fixture Guide");
    let urls: Vec<&str> = cards.iter().map(|c| c.url.as_str()).collect();
    assert_eq!(
        urls,
        vec![
            "python/gil.html",
            "python/decorators.html",
            "databases/indexes.html",
            "databases/nested/deep.html"
        ],
        "reading order; welcome.html is an article"
    );
    for card in &cards {
        let page = site.doc(&card.url);
        assert_eq!(texts(&page, "h1"), vec![card.title.clone()], "{}", card.url);
    }
    // The GIL: medium (2), mid and senior (2 | 4), tagged Concurrency and cpython.
    let gil = &cards[0];
    assert_eq!(gil.row[2], 2);
    assert_eq!(gil.row[3], 6);
    let tags: Vec<&str> = gil.row[4]
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| {
            deck["tags"][t.as_u64().expect("tag") as usize]["name"]
                .as_str()
                .expect("name")
        })
        .collect();
    assert_eq!(tags, vec!["Concurrency", "cpython"]);
}

#[test]
fn a_card_is_its_page_split_into_prompt_and_answer() {
    let (_dir, site) = fixture_site();
    let (_, cards) = cards(&site);
    let gil = &cards[0];
    let page = site.doc("python/gil.html");
    let prompt = scraper::Html::parse_fragment(&gil.prompt);
    assert_eq!(texts(&prompt, "p"), texts(&page, ".question-prompt p"));
    assert_eq!(
        gil.summary,
        "A lock that lets one thread at a time run Python bytecode."
    );
    let answer = scraper::Html::parse_fragment(&gil.answer);
    assert_eq!(texts(&answer, "h2"), vec!["Why it exists#"]);
    assert_eq!(
        texts(&answer, ".code-lang"),
        vec!["Python", "Rust", "brainfudge"]
    );
    // Without a heading after the opening text, the whole body is the answer.
    let deep = &cards[3];
    assert_eq!(deep.prompt, "");
    assert!(deep.answer.contains("<p>"), "{}", deep.answer);
}

#[test]
fn a_card_shows_its_summary_as_inline_html_with_links_from_the_site_root() {
    let dir = fixture("basic");
    replace_in(
        &dir.path().join("content/python/decorators.md"),
        "summary: A callable that takes a function and returns a replacement for it.",
        "summary: \"A *callable* that wraps `func`, unlike [the GIL](gil.md); <b>raw</b>.\"",
    );
    build_ok(dir.path());
    let (_, cards) = cards(&Site::new(dir.path().join("book")));
    let card = cards
        .iter()
        .find(|c| c.url == "python/decorators.html")
        .expect("the decorator card");
    let summary = scraper::Html::parse_fragment(&card.summary);
    assert_eq!(texts(&summary, "em"), vec!["callable"]);
    assert_eq!(texts(&summary, "code"), vec!["func"]);
    assert!(texts(&summary, "b").is_empty(), "{}", card.summary);
    // The study page is at the site root: the link leads from there.
    assert_eq!(attrs(&summary, "a", "href"), vec!["python/gil.html"]);
}

#[test]
fn data_files_can_be_inlined_in_a_script_element() {
    let (_dir, site) = fixture_site();
    for entry in std::fs::read_dir(site.root.join("study")).expect("study folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            !text.contains("</") && !text.contains("<!--"),
            "{}: the text could close an inline <script>",
            path.display()
        );
        assert!(
            prepbook::packed::read_script(&text).is_some(),
            "{}: a data script",
            path.display()
        );
    }
}

#[test]
fn a_large_guide_splits_its_cards_into_chunks_loaded_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content/big");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"Big\"\n").expect("write");
    let paragraph = "An answer long enough to fill chunks. ".repeat(60);
    for i in 0..400 {
        std::fs::write(
            content.join(format!("q{i:03}.md")),
            format!(
                "---\ntitle: Question {i}\n---\n\nWhat about {i}?\n\n## Answer\n\n{paragraph}\n"
            ),
        )
        .expect("write");
    }
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let (deck, cards) = cards(&site);
    assert_eq!(cards.len(), 400);
    let chunks = deck["chunks"].as_array().expect("chunks").len();
    assert!(chunks > 3, "{chunks} chunks");
    let biggest = (0..chunks)
        .map(|i| {
            std::fs::metadata(site.root.join(format!("study/cards-{i}.js")))
                .expect("chunk")
                .len()
        })
        .max()
        .unwrap_or(0);
    assert!(biggest < 80 * 1024, "a chunk of {biggest} bytes");
    assert!(
        std::fs::metadata(site.root.join("study/deck.js"))
            .expect("deck")
            .len()
            < 40 * 400,
        "the deck holds a short row per card, no card content"
    );
    let last = cards
        .iter()
        .find(|c| c.title == "Question 399")
        .expect("the last question is a card");
    assert_eq!(last.url, "big/q399.html");
    assert!(last.prompt.contains("What about 399?"));
    assert!(last.answer.contains("An answer long enough"));
}

#[test]
fn the_study_page_offers_decks_with_their_counts() {
    let (_dir, site) = fixture_site();
    let doc = site.doc("study.html");
    assert_eq!(texts(&doc, "h1"), vec!["Study"]);
    let options = |id: &str| -> BTreeMap<String, String> {
        let sel = format!("#{id} option");
        attrs(&doc, &sel, "value")
            .into_iter()
            .zip(texts(&doc, &sel))
            .collect()
    };
    assert_eq!(
        options("pb-deck-section"),
        BTreeMap::from([
            ("".into(), "All sections (4)".into()),
            ("python/index.html".into(), "Python Internals (2)".into()),
            ("databases/index.html".into(), "Databases (2)".into()),
            ("databases/nested/index.html".into(), "Nested (1)".into()),
        ])
    );
    assert_eq!(
        options("pb-deck-tag")["tags/concurrency.html"],
        "Concurrency (2)"
    );
    assert_eq!(
        texts(&doc, "#pb-deck-difficulty option"),
        vec!["Any difficulty", "Easy (1)", "Medium (1)", "Hard (1)"]
    );
    assert_eq!(
        texts(&doc, "#pb-deck-level option"),
        vec!["Any level", "Entry (1)", "Mid (1)", "Senior (2)"]
    );
    assert_eq!(
        attrs(&doc, "#pb-study", "data-deck-src"),
        vec!["study/deck.js"]
    );
    let scripts = attrs(&doc, "script[src]", "src");
    assert_eq!(
        scripts,
        vec![
            "static/strings-en.js",
            "static/text.js",
            "static/prepbook.js",
            "static/data.js",
            "static/search-rank.js",
            "static/search.js",
            "static/vendor/ts-fsrs.js",
            "static/study-scheduler.js",
            "static/study-store.js",
            "static/study.js",
            "static/shortcuts.js",
            "static/study-session.js"
        ],
        "plain scripts, the registry before anything that loads data"
    );
    assert!(
        texts(&doc, "noscript")
            .concat()
            .contains("needs JavaScript")
    );
}

#[test]
fn pages_link_to_study_mode_and_carry_its_controls() {
    let (_dir, site) = fixture_site();
    for page in site.pages() {
        if page == "404.html" {
            continue;
        }
        let doc = site.doc(&page);
        let study = format!("{}study.html", "../".repeat(page.matches('/').count()));
        assert!(
            attrs(&doc, ".site-nav a", "href").contains(&study),
            "{page} links to study mode"
        );
        assert_eq!(
            attrs(&doc, "html", "data-guide"),
            vec!["Fixture Guide"],
            "{page} names its guide for the progress store"
        );
    }
    let gil = site.doc("python/gil.html");
    assert_eq!(
        attrs(&gil, "#pb-show-answer", "aria-controls"),
        vec!["pb-answer"]
    );
    assert_eq!(
        texts(&gil, "#pb-study-tools button"),
        vec![
            "Hide answers",
            "I know this",
            "Review again",
            "Random question"
        ]
    );
    assert!(
        texts(&gil, "#pb-answer .short-answer")
            .concat()
            .starts_with("Short answer:"),
        "the short answer is hidden with the answer"
    );
    let welcome = site.doc("welcome.html");
    assert!(
        attrs(&welcome, "#pb-study-tools", "id").is_empty(),
        "articles are not cards"
    );
    let total = |page: &str, css: &str| attrs(&site.doc(page), css, "data-total");
    assert_eq!(total("index.html", ".hero .study-progress"), vec!["4"]);
    assert_eq!(
        total("index.html", ".section-card .study-progress"),
        vec!["2", "2"]
    );
    assert_eq!(total("databases/index.html", ".study-progress"), vec!["2"]);
    assert_eq!(total("tags/concurrency.html", ".study-progress"), vec!["2"]);
    let list = site.doc("python/index.html");
    assert_eq!(
        attrs(&list, ".question-card", "data-url"),
        vec!["python/gil.html", "python/decorators.html"]
    );
    assert!(Path::new(&site.root.join("study/cards-0.js")).is_file());
}
