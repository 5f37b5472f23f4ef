//! The lcci corpus (`../shared/corpora/lcci/`, from doocs/leetcode, written in Chinese and
//! English side by side) built as one guide in two languages: each English problem's
//! `README_EN.md` in its own folder, and, for the problems the corpus has in Chinese, the
//! Chinese `README.md` beside it renamed `README_EN.zh.md` (the files' text unchanged), with
//! `[languages.zh]` declared. What a reader would notice is checked: every problem has its page
//! under `/zh/`, in Chinese where it is translated and marked where it is not, `lang="zh"`,
//! `hreflang` pairs, a switcher that leads somewhere, a Chinese word found by the Chinese search
//! index on that problem's page, and study decks with the same cards in both languages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use prepbook::search::tokenize::{Tokenizer, is_cjk};
use serde_json::Value;

/// The corpus laid out as a bilingual guide in a temp dir: (dir, problems translated).
fn bilingual_lcci() -> Option<(tempfile::TempDir, usize)> {
    let corpus = shared_dir().map(|s| s.join("corpora/lcci"));
    if !require(
        corpus.as_ref().is_some_and(|c| c.join("zh").is_dir()),
        "../shared/corpora/lcci",
    ) {
        return None;
    }
    let corpus = corpus.expect("checked");
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    copy_dir(&corpus.join("en"), &content);
    let mut translated = 0;
    for entry in std::fs::read_dir(corpus.join("zh")).expect("read zh/") {
        let problem = entry.expect("entry").path();
        let name = problem.file_name().expect("a name");
        let twin = content.join(name);
        assert!(
            twin.join("README_EN.md").is_file(),
            "{name:?} has no English twin"
        );
        std::fs::copy(problem.join("README.md"), twin.join("README_EN.zh.md")).expect("copy");
        translated += 1;
    }
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"lcci\"\nlanguage = \"en\"\n\n[languages.zh]\ntitle = \"程序员面试金典\"\n",
    )
    .expect("write book.toml");
    build_ok(dir.path());
    Some((dir, translated))
}

/// The guide's questions in Chinese, from its JSON export: URL -> (file, origin).
fn chinese_view(dir: &Path) -> BTreeMap<String, (String, String)> {
    let out = dir.join("zh.json");
    let result = prepbook(dir)
        .args(["export", "--format", "json", "--language", "zh", "--output"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(result.status.success());
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(out).expect("read")).expect("JSON");
    doc["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| {
            let s = |k: &str| q[k].as_str().expect(k).to_string();
            (s("url"), (s("source"), s("origin")))
        })
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Where `href` on `page` leads, relative to the site root.
fn target(page: &str, href: &str) -> String {
    resolve(page, &percent_decode(href)).unwrap_or_else(|| panic!("{href} climbs out of {page}"))
}

/// The questions whose postings in the search index under `folder` hold `term`, by URL.
fn found(site: &Site, folder: &str, term: &str) -> BTreeSet<String> {
    // Plain or packed (gzipped) as the page's data.js reads them.
    let registered = |text: &str| -> Value {
        prepbook::packed::read_script(text)
            .expect("a data script")
            .2
    };
    // Every shard is read: which one holds a term is the index's business, not the reader's.
    let mut docs = Vec::new();
    for f in walkdir::WalkDir::new(site.root.join(folder).join("search/s"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let shard = registered(&std::fs::read_to_string(f.path()).expect("read"));
        if let Some(postings) = shard["t"][term].as_str() {
            docs.extend(postings_docs(postings));
        }
    }
    docs.into_iter()
        .map(|doc| {
            let chunk = prepbook::search::chunk_name(doc / prepbook::search::CHUNK);
            let meta = registered(&site.read(&format!("{folder}search/{chunk}.js")));
            let url = &meta[doc % prepbook::search::CHUNK][1];
            url.as_str().expect("a URL").to_string()
        })
        .collect()
}

/// The documents of a posting list: a base-64 varint gap, then one character of fields and
/// frequency, for each ([`prepbook::search::encode`]).
fn postings_docs(postings: &str) -> Vec<usize> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut docs = Vec::new();
    let mut chars = postings.chars().map(|c| ALPHABET.find(c).expect("a digit"));
    let mut doc = 0usize;
    while let Some(mut d) = chars.next() {
        let (mut gap, mut shift) = (0usize, 0);
        loop {
            gap |= (d & 31) << shift;
            if d & 32 == 0 {
                break;
            }
            shift += 5;
            d = chars.next().expect("a varint's next digit");
        }
        doc += gap;
        docs.push(doc);
        chars.next().expect("the fields of a posting");
    }
    docs
}

#[test]
fn lcci_in_english_and_chinese_reads_as_one_guide_in_two_languages() {
    let Some((dir, translated)) = bilingual_lcci() else {
        return;
    };
    assert_eq!(translated, 20, "the corpus has 20 problems in Chinese");
    let site = Site::new(dir.path().join("book"));
    let view = chinese_view(dir.path());
    assert!(
        view.len() > translated,
        "the English-only problems fall back"
    );
    let tokenizer = Tokenizer::default();
    let mut searched = 0;
    for (url, (file, origin)) in &view {
        let zh_page = format!("zh/{url}");
        let zh = site.doc(&zh_page);
        let en = site.doc(url);
        assert_eq!(attrs(&zh, "html", "lang"), vec!["zh"], "{zh_page}");
        assert_eq!(attrs(&en, "html", "lang"), vec!["en"], "{url}");
        let title = texts(&zh, "h1").join(" ");
        if origin == "translated" {
            assert!(file.ends_with("README_EN.zh.md"), "{file}");
            assert!(has_chinese(&title), "{zh_page}: {title}");
            assert!(texts(&zh, ".fallback-notice").is_empty(), "{zh_page}");
            assert!(!has_chinese(&texts(&en, "h1").join(" ")), "{url}");
            // A word of its Chinese title finds this page in the Chinese index only.
            // (Past 面试题, "interview question", which every problem's title starts with.)
            let word: String = title
                .split(|c: char| !is_cjk(c))
                .find(|run| run.chars().count() >= 2 && *run != "面试题")
                .unwrap_or("")
                .chars()
                .take(2)
                .collect();
            if word.chars().count() == 2 {
                let term = tokenizer.tokens(&word).remove(0).term;
                assert!(
                    found(&site, "zh/", &term).contains(url),
                    "{word} does not find {zh_page}"
                );
                assert!(found(&site, "", &term).is_empty(), "{word} is in English");
                searched += 1;
            }
        } else {
            assert_eq!(origin, "fallback");
            assert_eq!(
                texts(&zh, ".fallback-notice[role=note]").len(),
                1,
                "{zh_page}"
            );
            assert_eq!(attrs(&zh, "h1[lang]", "lang"), vec!["en"], "{zh_page}");
        }
        // Each page names both languages' pages, and its switcher leads to the other.
        for (page, doc) in [(url.as_str(), &en), (zh_page.as_str(), &zh)] {
            let alternates: Vec<(String, String)> =
                attrs(doc, "link[rel=alternate][hreflang]", "hreflang")
                    .into_iter()
                    .zip(attrs(doc, "link[rel=alternate][hreflang]", "href"))
                    .map(|(lang, href)| (lang, target(page, &href)))
                    .collect();
            assert_eq!(
                alternates,
                vec![("en".into(), url.clone()), ("zh".into(), zh_page.clone())],
                "{page}"
            );
            let switch = attrs(doc, "#pb-lang-switch a:not([aria-current])", "href");
            assert_eq!(switch.len(), 1, "{page}");
            let other = target(page, &switch[0]);
            assert!(site.exists(&other), "{page}: the switcher leads to {other}");
        }
    }
    assert!(searched >= 15, "only {searched} titles had a Chinese word");

    // One deck in two languages: the same cards, so progress carries over.
    let deck = |rel: &str| {
        let text = site.read(rel);
        let start = text.find(',').expect("kind") + 1;
        let start = start + text[start..].find(',').expect("name") + 1;
        serde_json::from_str::<Value>(text[start..].trim_end().trim_end_matches(");"))
            .expect("JSON")
    };
    let (en, zh) = (deck("study/deck.js"), deck("zh/study/deck.js"));
    let keys = |deck: &Value| -> Vec<String> {
        deck["cards"]
            .as_array()
            .expect("cards")
            .iter()
            .map(|c| c[0].as_str().expect("a key").to_string())
            .collect()
    };
    assert_eq!(keys(&en).len(), view.len());
    assert_eq!(keys(&en), keys(&zh));
    assert_eq!(en["guide"], zh["guide"]);
}
