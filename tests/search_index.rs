//! The search index: the browser must split and stem a query exactly as the build indexed the
//! text, or words would silently not be found. And the index files must be sound.

mod common;

use std::process::Command;

use common::*;
use prepbook::diagnostics::Diagnostics;
use prepbook::progress::Progress;
use prepbook::search::tokenize::Tokenizer;
use prepbook::site::{self, BuildOptions};
use serde_json::json;

fn bundled() -> prepbook::content::Guide {
    let opts = BuildOptions {
        no_cache: true,
        ..BuildOptions::default()
    };
    let config = site::load_config(&repo(), &opts).expect("config");
    let diags = Diagnostics::default();
    site::load(&config, &opts, &diags, &Progress::hidden())
        .expect("guide")
        .guide
}

#[test]
fn the_browser_tokenizes_exactly_like_the_build() {
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !require(node_ok, "node") {
        return;
    }
    let tokenizer = Tokenizer::default();
    let mut texts: Vec<String> = Vec::new();
    for q in &bundled().questions {
        texts.extend([
            q.title.clone(),
            q.summary.text.clone(),
            q.body.text.clone(),
            q.body.code_identifiers.join(" "),
        ]);
    }
    // Content Prepbook did not shape: English prose, Chinese, LeetCode's HTML.
    if let Some(shared) = shared_dir() {
        for entry in walkdir::WalkDir::new(shared.join("corpora"))
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.path().extension().is_some_and(|x| x == "md") {
                texts.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
    }
    texts.push(
        "Café NAÏVE ﬁle Straße İstanbul ŉ 한국어 判定字符是否唯一 がぎ x.y.z __init__ 3.12.1 a..b"
            .into(),
    );
    assert_browser_tokens_equal(&tokenizer, &texts, "the bundled guide and the corpora");
}

#[test]
fn every_question_is_in_the_index_files() {
    let guide = bundled();
    let files = prepbook::search::build(&guide);
    let names: Vec<&str> = files.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"search/index.js"));
    assert!(names.contains(&"search/facets.js"));
    let chunks = guide.questions.len().div_ceil(prepbook::search::CHUNK);
    for n in 0..chunks {
        let name = format!("search/{}.js", prepbook::search::chunk_name(n));
        let (_, text) = files
            .files
            .iter()
            .find(|(p, _)| *p == name)
            .unwrap_or_else(|| panic!("no metadata chunk {name}"));
        let (_, _, docs) = prepbook::packed::read_script(text).expect("a data script");
        // Each question of the chunk carries its title and the text its snippet is cut from.
        for (i, q) in guide
            .questions
            .iter()
            .skip(n * prepbook::search::CHUNK)
            .take(prepbook::search::CHUNK)
            .enumerate()
        {
            let start: String = q.body.text.chars().take(40).collect();
            assert_eq!(docs[i][0], q.title.as_str(), "{name}: a title");
            let snippet = docs[i][prepbook::search::SNIPPET_FIELD]
                .as_str()
                .expect("snippet text");
            assert!(
                snippet.starts_with(&start),
                "{name} lacks the text of {}",
                q.title
            );
        }
    }
    for (path, text) in &files.files {
        let name = path.trim_start_matches("search/").trim_end_matches(".js");
        let read = prepbook::packed::read_script(text);
        assert!(
            read.as_ref()
                .is_some_and(|(kind, key, _)| kind == "search" && key == name),
            "{path} registers itself, with valid JSON"
        );
    }
}

#[test]
fn the_manifest_lists_sections_in_reading_order() {
    let guide = bundled();
    let files = prepbook::search::build(&guide);
    let (_, text) = files
        .files
        .iter()
        .find(|(p, _)| p == "search/index.js")
        .expect("manifest");
    let prefix = "PrepbookData.register(\"search\",\"index\",";
    let manifest: serde_json::Value =
        serde_json::from_str(&text[prefix.len()..text.len() - 3]).expect("manifest JSON");
    let order: Vec<usize> = manifest["order"]
        .as_array()
        .expect("order")
        .iter()
        .map(|v| v.as_u64().expect("section id") as usize)
        .collect();
    // Every section once, the root first, each after its parent.
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..guide.sections.len()).collect::<Vec<_>>());
    assert_eq!(order.first(), Some(&0));
    for (pos, &s) in order.iter().enumerate() {
        if let Some(parent) = guide.sections[s].parent {
            assert!(
                order[..pos].contains(&parent),
                "section {s} before its parent"
            );
        }
    }
    // The questions are in reading order: the sections they first appear in follow `order`.
    let mut seen: Vec<usize> = Vec::new();
    for q in &guide.questions {
        if !seen.contains(&q.section) {
            seen.push(q.section);
        }
    }
    let listed: Vec<usize> = order.iter().copied().filter(|s| seen.contains(s)).collect();
    assert_eq!(listed, seen);
    // And reading order is not folder order here, so the check tells them apart.
    let mut folders = seen.clone();
    folders.sort_by_key(|&s| guide.sections[s].dir.clone());
    assert_ne!(folders, seen);
}

/// The JSON a search file registers.
fn registered(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read a search file");
    prepbook::packed::read_script(&text).expect("search data").2
}

#[test]
fn aliases_keywords_and_the_guides_synonyms_reach_the_index() {
    let dir = fixture("basic");
    let book = dir.path().join("book.toml");
    let mut toml = std::fs::read_to_string(&book).expect("book.toml");
    toml.push_str("\n[search]\nsynonyms = [[\"k8s\", \"Kubernetes\"], [\"nothing\", \"here\"]]\n");
    std::fs::write(&book, toml).expect("write book.toml");
    std::fs::write(
        dir.path().join("content/python/cluster.md"),
        "---\ntitle: How do you run a cluster?\naliases: [Kubernetes primer]\nkeywords: orchestration\n---\n\nWith care.\n",
    )
    .expect("write a question");

    // `check` knows the keys: no "did you mean" for them.
    let check = prepbook(dir.path()).arg("check").output().expect("check");
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{said}");
    assert!(
        !said.contains("aliases") && !said.contains("keywords"),
        "{said}"
    );

    build_ok(dir.path());
    let search = dir.path().join("book/search");
    let manifest = registered(&search.join("index.js"));
    let syn = manifest["syn"].as_array().expect("synonym groups");
    assert_eq!(
        syn[0],
        json!([2, "k8s", "kubernetes"]),
        "the guide's group first, normalized, with the phrase it contains marked"
    );
    assert!(
        !syn.iter().any(|g| g[1] == "nothing"),
        "a group the guide has no word of is left out"
    );

    // The keyword is indexed as the title of the new question, and only there.
    let titles: Vec<String> = manifest["n"]
        .as_u64()
        .map(|n| {
            (0..n)
                .map(|i| {
                    let chunk = registered(&search.join(format!(
                        "{}.js",
                        prepbook::search::chunk_name(i as usize / prepbook::search::CHUNK)
                    )));
                    chunk[i as usize % prepbook::search::CHUNK][0]
                        .as_str()
                        .expect("title")
                        .to_string()
                })
                .collect()
        })
        .expect("count");
    let id = titles
        .iter()
        .position(|t| t == "How do you run a cluster?")
        .expect("the question is in the index");
    let shard = registered(&search.join(format!("s/{}.js", prepbook::search::key_file("or"))));
    let postings = shard["t"]["orchestr"].as_str().expect("the keyword's term");
    let values = prepbook::search::encode::read_varints(postings);
    assert_eq!(
        values,
        vec![id as u32, 8],
        "one question, in the title field"
    );
}
