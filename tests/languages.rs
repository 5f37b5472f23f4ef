//! A guide in two languages: the `bilingual` fixture (English, with Chinese translations of the
//! home page, one section and one question) built and read back as a reader would find it:
//! each language's pages in their folder, links between translations, untranslated pages shown
//! in English and marked so, per-language search and study data, and a rebuild after editing a
//! translation that equals a clean build.

mod common;

use std::path::Path;

use common::*;
use scraper::Html;

fn built() -> (tempfile::TempDir, Site) {
    let dir = fixture("bilingual");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    (dir, site)
}

/// Where `href` on `page` leads, relative to the site root.
fn target(page: &str, href: &str) -> String {
    resolve(page, &percent_decode(href)).unwrap_or_else(|| panic!("{href} climbs out of {page}"))
}

fn lang(doc: &Html) -> String {
    attrs(doc, "html", "lang").remove(0)
}

#[test]
fn every_page_has_its_twin_under_the_language_folder_and_no_link_is_broken() {
    let (_dir, site) = built();
    let pages = site.pages();
    let english: Vec<&String> = pages.iter().filter(|p| !p.starts_with("zh/")).collect();
    assert!(english.len() > 10, "{pages:?}");
    for page in &english {
        assert!(
            site.exists(&format!("zh/{page}")),
            "zh/{page} is missing: {pages:?}"
        );
    }
    assert_eq!(pages.len(), english.len() * 2, "{pages:?}");
    assert_eq!(site.broken_links(), Vec::<(String, String)>::new());
}

#[test]
fn every_page_says_its_language_and_links_its_translations() {
    let (_dir, site) = built();
    for page in site.pages() {
        let doc = site.doc(&page);
        let expected = if page.starts_with("zh/") { "zh" } else { "en" };
        assert_eq!(lang(&doc), expected, "{page}");
        if page.ends_with("404.html") {
            continue;
        }
        let codes = attrs(&doc, "link[rel=alternate][hreflang]", "hreflang");
        assert_eq!(codes, vec!["en", "zh"], "{page}");
        let twin = page.strip_prefix("zh/").unwrap_or(&page).to_string();
        let hrefs = attrs(&doc, "link[rel=alternate][hreflang]", "href");
        assert_eq!(target(&page, &hrefs[0]), twin, "{page}");
        assert_eq!(target(&page, &hrefs[1]), format!("zh/{twin}"), "{page}");
    }
}

#[test]
fn the_switcher_lands_on_the_same_page_and_marks_the_current_language() {
    let (_dir, site) = built();
    for (page, other, current) in [
        ("python/gil.html", "zh/python/gil.html", "English"),
        (
            "zh/python/decorators.html",
            "python/decorators.html",
            "中文",
        ),
        ("zh/index.html", "index.html", "中文"),
        ("tags/sql.html", "zh/tags/sql.html", "English"),
    ] {
        let doc = site.doc(page);
        assert_eq!(
            texts(&doc, "nav#pb-lang-switch[aria-label] a[aria-current]"),
            vec![current],
            "{page}"
        );
        let links = attrs(&doc, "#pb-lang-switch a:not([aria-current])", "href");
        assert_eq!(links.len(), 1, "{page}");
        assert_eq!(target(page, &links[0]), other, "{page}");
        // Each entry names its language in that language, and says so.
        let langs = attrs(&doc, "#pb-lang-switch a", "lang");
        assert_eq!(langs, vec!["en", "zh"], "{page}");
    }
}

#[test]
fn a_translated_page_is_in_chinese_at_its_original_address() {
    let (_dir, site) = built();
    // Its own `slug:` does not move it: every language has the page at one address.
    assert!(!site.exists("zh/python/gil-in-chinese.html"));
    let page = "zh/python/gil.html";
    let doc = site.doc(page);
    assert_eq!(texts(&doc, "h1"), vec!["什么是全局解释器锁？"]);
    assert!(texts(&doc, ".fallback-notice").is_empty());
    // Its text is in the page's language: nothing in it is marked as another one.
    assert!(attrs(&doc, "main [lang]", "lang").is_empty());
    // A link to another question's file leads to that question in Chinese (here its
    // fallback), and the shared image is found at the site root.
    let links = attrs(&doc, ".prose a[href$='decorators.html']", "href");
    assert_eq!(target(page, &links[0]), "zh/python/decorators.html");
    let img = attrs(&doc, ".prose img", "src");
    assert_eq!(target(page, &img[0]), "python/img/diagram.svg");
    assert!(site.exists("python/img/diagram.svg"));
    assert!(!site.exists("zh/python/img/diagram.svg"));
    // The theme's files are shared by both languages.
    let css = attrs(&doc, "link[rel=stylesheet]", "href");
    assert_eq!(target(page, &css[0]), "static/prepbook.css");
    assert!(!site.exists("zh/static/prepbook.css"));
}

#[test]
fn an_untranslated_page_is_shown_in_english_and_marked() {
    let (_dir, site) = built();
    let doc = site.doc("zh/python/decorators.html");
    assert_eq!(lang(&doc), "zh");
    assert_eq!(texts(&doc, ".fallback-notice[role=note]").len(), 1);
    assert_eq!(texts(&doc, "h1[lang=en]"), vec!["What is a decorator?"]);
    assert_eq!(texts(&doc, ".question-prompt[lang=en]").len(), 1);
    // The English page itself says nothing of the sort.
    let en = site.doc("python/decorators.html");
    assert!(texts(&en, ".fallback-notice").is_empty());
    assert!(attrs(&en, "h1[lang]", "lang").is_empty());
}

#[test]
fn a_translation_speaks_its_language_around_the_text_too() {
    let (_dir, site) = built();
    let (zh, en) = (
        site.doc("zh/python/decorators.html"),
        site.doc("python/decorators.html"),
    );
    // The theme's own words come from its Chinese table on Chinese pages, fallbacks included.
    assert_eq!(texts(&zh, ".skip-link"), vec!["跳到正文"]);
    assert_eq!(texts(&en, ".skip-link"), vec!["Skip to content"]);
    assert!(
        texts(&zh, ".fallback-notice")[0].contains("尚未翻译"),
        "the fallback notice is in the reader's language"
    );
    assert_eq!(attrs(&zh, "#pb-lang-switch", "aria-label"), vec!["语言"]);
    assert_eq!(
        attrs(&en, "#pb-lang-switch", "aria-label"),
        vec!["Language"]
    );
    // And the scripts read the Chinese table.
    let scripts = attrs(&zh, "script[src]", "src");
    assert!(
        scripts.iter().any(|s| s == "../../static/strings-zh.js"),
        "{scripts:?}"
    );
}

#[test]
fn sections_and_the_home_page_are_translated_by_their_index_files() {
    let (_dir, site) = built();
    let home = site.doc("zh/index.html");
    assert_eq!(texts(&home, "h1"), vec!["双语测试指南"]);
    assert_eq!(texts(&home, "title"), vec!["双语测试指南"]);
    assert_eq!(
        texts(&site.doc("index.html"), "h1"),
        vec!["Bilingual Fixture"]
    );
    assert_eq!(
        texts(&site.doc("zh/python/index.html"), "h1"),
        vec!["Python 内部机制"]
    );
    // A link may name the translation's own file: it leads to the Chinese page.
    let links = attrs(&home, ".prose a[href*='gil']", "href");
    assert_eq!(target("zh/index.html", &links[0]), "zh/python/gil.html");
    // A section without `_index.zh.md` keeps its English name.
    assert_eq!(
        texts(&site.doc("zh/databases/index.html"), "h1"),
        vec!["Databases"]
    );
    // The header links stay inside the language.
    let page = "zh/python/gil.html";
    let doc = site.doc(page);
    let title = attrs(&doc, "a.site-title", "href");
    assert_eq!(target(page, &title[0]), "zh/index.html");
    let study = attrs(&doc, "#pb-site-nav a[href$='study.html']", "href");
    assert_eq!(target(page, &study[0]), "zh/study.html");
}

/// The JSON a data script registers (`PrepbookData.register(kind, key, JSON);`).
fn registered(text: &str) -> serde_json::Value {
    // Plain or packed (gzipped) as the page's data.js reads them.
    prepbook::packed::read_script(text)
        .expect("a data script")
        .2
}

#[test]
fn each_language_searches_its_own_index() {
    let (dir, site) = built();
    let shards = |folder: &str| -> String {
        let mut all = String::new();
        for f in walkdir::WalkDir::new(dir.path().join("book").join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let text = std::fs::read_to_string(f.path()).expect("read");
            match prepbook::packed::read_script(&text) {
                Some((_, _, data)) => all.push_str(&data.to_string()),
                None => all.push_str(&text),
            }
        }
        all
    };
    let zh = shards("zh/search");
    let en = shards("search");
    // The Chinese text is indexed (as character pairs) in the Chinese index only.
    for term in ["\"全局\"", "\"解释\"", "\"引用\""] {
        assert!(zh.contains(term), "{term} is not in zh/search");
        assert!(!en.contains(term), "{term} is in the English index");
    }
    // Each index lists its own language's titles, at addresses below its own folder.
    let zh_docs = registered(&site.read("zh/search/d/0/0.js"));
    let gil = zh_docs
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d[1] == "python/gil.html")
        .expect("the GIL page is indexed");
    assert_eq!(gil[0], "什么是全局解释器锁？");
    let en_docs = registered(&site.read("search/d/0/0.js"));
    assert!(en_docs.to_string().contains("What is the GIL?"));
    assert!(!en_docs.to_string().contains("全局"));
    // Each language's search box asks its own search page.
    let action = attrs(&site.doc("zh/python/gil.html"), "form#pb-search", "action");
    assert_eq!(target("zh/python/gil.html", &action[0]), "zh/search.html");
}

#[test]
fn a_question_has_one_study_key_in_every_language() {
    let (_dir, site) = built();
    let deck = |rel: &str| registered(&site.read(rel));
    let en = deck("study/deck.js");
    let zh = deck("zh/study/deck.js");
    // Progress is kept per guide, by each card's address below its language's root.
    assert_eq!(en["guide"], zh["guide"]);
    assert_eq!(en["cards"], zh["cards"]);
    assert_eq!(
        attrs(&site.doc("python/gil.html"), "html", "data-guide"),
        attrs(&site.doc("zh/python/gil.html"), "html", "data-guide")
    );
    // The Chinese deck shows the Chinese section names.
    assert!(zh["sections"].to_string().contains("Python 内部机制"));
    assert!(
        registered(&site.read("zh/study/cards-0.js"))
            .to_string()
            .contains("什么是全局解释器锁")
    );
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let dir = fixture("bilingual");
    let toml = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).expect("read");
    std::fs::write(
        &toml,
        format!("{text}\n[site]\nbase-url = \"https://guide.test/prep/\"\n"),
    )
    .expect("write");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let xml = site.read("sitemap.xml");
    let entry = |loc: &str| -> String {
        let start = xml
            .find(&format!("<loc>{loc}</loc>"))
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap:\n{xml}"));
        xml[start..start + xml[start..].find("</url>").expect("end")].to_string()
    };
    for loc in [
        "https://guide.test/prep/python/gil.html",
        "https://guide.test/prep/zh/python/gil.html",
    ] {
        let e = entry(loc);
        assert!(
            e.contains("hreflang=\"en\" href=\"https://guide.test/prep/python/gil.html\""),
            "{e}"
        );
        assert!(
            e.contains("hreflang=\"zh\" href=\"https://guide.test/prep/zh/python/gil.html\""),
            "{e}"
        );
    }
    // Pages carry the same alternates, absolute, and their canonical address.
    let doc = site.doc("zh/python/gil.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        vec!["https://guide.test/prep/zh/python/gil.html"]
    );
    assert_eq!(
        attrs(&doc, "link[rel=alternate][hreflang=en]", "href"),
        vec!["https://guide.test/prep/python/gil.html"]
    );
}

#[test]
fn a_translation_without_an_original_is_a_warning_and_left_out() {
    let dir = fixture("bilingual");
    std::fs::write(
        dir.path().join("content/python/ghost.zh.md"),
        "---\ntitle: 幽灵\n---\n\n没有原文。\n",
    )
    .expect("write");
    let (_, stderr) = build_ok(dir.path());
    assert!(stderr.contains("ghost.zh.md"), "{stderr}");
    assert!(stderr.contains("has no original"), "{stderr}");
    let site = Site::new(dir.path().join("book"));
    assert!(!site.exists("zh/python/ghost.html"));
    assert!(!site.exists("python/ghost-zh.html"));
}

#[test]
fn a_bad_language_table_is_an_error_at_its_line() {
    let dir = fixture("bilingual");
    let toml = dir.path().join("book.toml");
    replace_in(&toml, "[languages.zh]", "[languages.\"zh/../..\"]");
    let out = prepbook(dir.path())
        .args(["build", "--no-cache"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("book.toml:6:"), "{stderr}");
    assert!(stderr.contains("not a language code"), "{stderr}");
    assert!(!dir.path().join("book").exists());
}

/// `prepbook build` in `dir` (keeping its saved state), asserting success; returns stdout.
fn build_again(dir: &Path) -> String {
    let out = prepbook(dir).arg("build").output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_build_after_editing_a_translation_equals_a_clean_build() {
    let dir = fixture("bilingual");
    // A build patches an edit of fewer than a quarter of the questions.
    add_filler_questions(dir.path(), 12);
    build_again(dir.path());
    for (file, from, to) in [
        (
            "content/python/gil.zh.md",
            "全局解释器锁保护引用计数。",
            "锁保护引用计数，也保护解释器的内部状态。",
        ),
        (
            "content/python/decorators.md",
            "It wraps a function.",
            "It wraps a function and returns another.",
        ),
    ] {
        replace_in(&dir.path().join(file), from, to);
        let summary = build_again(dir.path());
        // Patched into the last build, as in a guide in one language.
        assert!(summary.contains("(an edit: "), "{file}: {summary}");
        // A clean build of a copy: `--no-cache` here would make the next build whole.
        let clean = tempfile::tempdir().expect("temp dir");
        copy_dir(&dir.path().join("content"), &clean.path().join("content"));
        std::fs::copy(dir.path().join("book.toml"), clean.path().join("book.toml")).expect("copy");
        build_ok(clean.path());
        let out = clean.path().join("book");
        assert_eq!(
            files(&dir.path().join("book")),
            files(&out),
            "after editing {file}"
        );
        let page = if file.contains(".zh.") {
            "zh/python/gil.html"
        } else {
            // An untranslated page's edit shows in both languages.
            "zh/python/decorators.html"
        };
        let html = Site::new(dir.path().join("book")).read(page);
        assert!(html.contains(to), "{page} lacks the edit");
    }
}

#[test]
fn serve_patches_an_edited_translation_or_original_as_a_full_build_would() {
    use prepbook::edit::{self, Edited};
    use prepbook::site::BuildOptions;
    let opts = BuildOptions {
        no_cache: true,
        ..BuildOptions::default()
    };
    let dir = fixture("bilingual");
    let (mut kept, report) =
        edit::full(dir.path(), &opts, &|publish| publish()).expect("the fixture builds");
    for (file, from, to, shown_on) in [
        (
            "python/gil.zh.md",
            "全局解释器锁保护引用计数。",
            "这把锁保护引用计数。",
            vec!["zh/python/gil.html"],
        ),
        (
            "python/gil.zh.md",
            "summary: 一把锁",
            "summary: 一把大锁",
            vec!["zh/python/gil.html", "zh/python/index.html"],
        ),
        // Untranslated: its page in both languages.
        (
            "python/decorators.md",
            "It wraps a function.",
            "It wraps a function and returns it.",
            vec!["python/decorators.html", "zh/python/decorators.html"],
        ),
        // Translated: the English page only.
        (
            "python/gil.md",
            "protects reference counts.",
            "protects the reference counts.",
            vec!["python/gil.html"],
        ),
    ] {
        let before = files(&report.output);
        replace_in(&dir.path().join("content").join(file), from, to);
        let edited = edit::edit(&mut kept, &[file.to_string()], &[], &report.output)
            .unwrap_or_else(|f| panic!("{file}: {:?}", f.diagnostics));
        let Edited::Done { patch, .. } = edited else {
            panic!("{file}: `{from}` -> `{to}` should be patched, got {edited:?}");
        };
        patch.apply().expect("the files go into place");
        let served = files(&report.output);
        let fresh = tempfile::tempdir().expect("temp dir");
        let out = fresh.path().join("site");
        prepbook(dir.path())
            .args([
                "build",
                "--no-cache",
                "--output",
                out.to_str().expect("utf-8"),
            ])
            .assert()
            .success();
        let clean = files(&out);
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "{file}"
        );
        let differ: Vec<&String> = clean
            .iter()
            .filter(|(k, v)| served.get(*k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            differ.is_empty(),
            "{file}: differ from a full build: {differ:?}"
        );
        let changed: Vec<&String> = served
            .iter()
            .filter(|(k, v)| k.ends_with(".html") && before.get(*k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        for page in &shown_on {
            assert!(
                changed.contains(&&page.to_string()),
                "{file}: {page} was not patched: {changed:?}"
            );
        }
        let other = if file.contains(".zh.") {
            "python/"
        } else {
            "zh/"
        };
        if shown_on.iter().all(|p| !p.starts_with(other)) {
            assert!(
                changed.iter().all(|p| !p.starts_with(other)),
                "{file}: the other language changed: {changed:?}"
            );
        }
    }
}

#[test]
fn the_browser_tokenizes_each_language_exactly_like_the_build() {
    use prepbook::diagnostics::Diagnostics;
    use prepbook::progress::Progress;
    use prepbook::search::tokenize::Tokenizer;
    use prepbook::site::{self, BuildOptions};
    if !require(node_runs(), "node") {
        return;
    }
    // English with Chinese; English with French and Russian, each stemmed by its own stemmer.
    let mut stemmers = Vec::new();
    for name in ["bilingual", "multilingual"] {
        let dir = fixture(name);
        let opts = BuildOptions {
            no_cache: true,
            ..BuildOptions::default()
        };
        let config = site::load_config(dir.path(), &opts).expect("config");
        let loaded = site::load(&config, &opts, &Diagnostics::default(), &Progress::hidden())
            .expect("guide");
        for view in loaded.views() {
            let tokenizer = Tokenizer::for_language(view.config.language());
            stemmers.push(tokenizer.stemmer_name());
            let texts: Vec<String> = view
                .questions
                .iter()
                .flat_map(|q| [q.title.clone(), q.summary.text.clone(), q.body.text.clone()])
                .collect();
            assert_browser_tokens_equal(&tokenizer, &texts, view.config.language());
        }
        if name == "bilingual" {
            // The Chinese view's text is Chinese: the comparison covered character pairs.
            assert!(
                loaded.translations[0].questions[0]
                    .body
                    .text
                    .contains("全局解释器锁")
            );
        }
    }
    assert_eq!(
        stemmers,
        ["english", "english", "english", "french", "russian"]
    );
}

#[test]
fn the_build_says_how_far_each_language_is_translated() {
    let dir = fixture("bilingual");
    let stdout = build_again(dir.path());
    assert!(stdout.contains(", zh 1 of 3 translated,"), "{stdout}");
    // A build with nothing changed replays the count with the rest of the summary.
    let again = build_again(dir.path());
    assert!(again.contains("(up to date)"), "{again}");
    assert!(again.contains(", zh 1 of 3 translated,"), "{again}");
}
