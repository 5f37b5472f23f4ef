//! The theme's UI strings per language (`themes/default/i18n/<code>.toml`): a guide in Chinese
//! shows Chinese buttons, labels and titles; a guide's own table replaces one key and keeps the
//! others; a language whose table lacks keys shows English for them and `check` lists them; a
//! broken table is an error at its line; every key the theme names is in the English table.

mod common;

use std::path::Path;

use common::*;
use scraper::{Html, Selector};

fn text(doc: &Html, css: &str) -> String {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no `{css}`"))
        .text()
        .collect::<String>()
        .trim()
        .to_string()
}

fn attr(doc: &Html, css: &str, name: &str) -> String {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("no `{css}[{name}]`"))
        .to_string()
}

/// The `basic` fixture with `[book] language = code`.
fn guide_in(code: &str) -> tempfile::TempDir {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("book.toml"),
        format!("[book]\ntitle = \"Fixture Guide\"\nlanguage = \"{code}\"\n"),
    )
    .expect("write book.toml");
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_guide_in_chinese_shows_the_chinese_ui() {
    let dir = guide_in("zh");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let home = site.doc("index.html");
    assert_eq!(attr(&home, "html", "lang"), "zh");
    assert_eq!(text(&home, ".skip-link"), "跳到正文");
    assert_eq!(text(&home, "#pb-site-nav a[href$='study.html']"), "学习");
    assert_eq!(text(&home, ".stats"), "共 4 道题，分为 2 个章节");
    assert_eq!(attr(&home, "#pb-search-input", "placeholder"), "搜索题目");
    let study = site.doc("study.html");
    assert_eq!(text(&study, "title"), "学习 · Fixture Guide");
    assert_eq!(text(&study, "#pb-start"), "开始");
    assert_eq!(
        text(&study, "#pb-deck-difficulty option[value='easy']"),
        "简单 (1)"
    );
    let question = site.doc("python/gil.html");
    assert!(text(&question, "#pb-show-answer").starts_with("显示答案"));
    assert_eq!(text(&question, ".breadcrumbs li:first-child a"), "首页");
    // The scripts' table, loaded before the scripts that read it.
    let scripts: Vec<String> = {
        let sel = Selector::parse("script[src]").expect("selector");
        question
            .select(&sel)
            .filter_map(|s| s.value().attr("src").map(str::to_string))
            .collect()
    };
    assert_eq!(
        scripts[..2],
        ["../static/strings-zh.js", "../static/text.js"]
    );
    let table = site.read("static/strings-zh.js");
    assert!(table.contains(r#""study.card_position":"第 {pos} 张，共 {n} 张""#));
}

#[test]
fn a_guide_table_replaces_one_key_and_keeps_the_others() {
    let dir = guide_in("zh");
    write(
        &dir.path().join("themes/default/i18n/zh.toml"),
        "[study]\nstart = \"开练\"\nagain_missed_n = \"把 {n} 张错题再做一遍\"\n",
    );
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let study = site.doc("study.html");
    assert_eq!(text(&study, "#pb-start"), "开练");
    assert_eq!(
        text(&study, "#pb-new-deck"),
        "选择其他卡组",
        "other keys keep the default table's text"
    );
    let table = site.read("static/strings-zh.js");
    assert!(table.contains(r#""study.again_missed_n":"把 {n} 张错题再做一遍""#));
    assert!(table.contains(r#""study.finish":"完成""#));
    // The English pages of another guide are untouched by a Chinese table.
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("UI string"), "a complete table: {stderr}");
}

#[test]
fn missing_keys_show_in_english_and_check_lists_them() {
    let dir = guide_in("fr");
    write(
        &dir.path().join("themes/default/i18n/fr.toml"),
        "[study]\nstart = \"Commencer\"\n",
    );
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let study = site.doc("study.html");
    assert_eq!(text(&study, "#pb-start"), "Commencer");
    assert_eq!(
        text(&study, "#pb-new-deck"),
        "Choose another deck",
        "English where French has no text"
    );

    let out = prepbook(dir.path()).arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(0), "missing strings are warnings");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("missing from the `fr` table"))
        .unwrap_or_else(|| panic!("no warning about the French table:\n{stderr}"));
    assert!(
        line.starts_with("themes/default/i18n/fr.toml: warning: "),
        "{line}"
    );
    assert!(
        line.contains("study.new_deck"),
        "the missing keys are listed: {line}"
    );
    assert!(
        !line.contains("study.start,"),
        "a key it has is not listed: {line}"
    );
    assert!(stderr.contains("hint: add the keys to themes/default/i18n/fr.toml"));
    let denied = prepbook(dir.path())
        .args(["check", "--deny-warnings"])
        .output()
        .expect("run");
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_language_with_no_table_is_reported_by_check() {
    let dir = guide_in("de");
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "themes/default/i18n/de.toml: warning: the theme has no UI strings for language `de`"
        ),
        "{stderr}"
    );
    build_ok(dir.path());
    let study = Site::new(dir.path().join("book")).doc("study.html");
    assert_eq!(text(&study, "#pb-start"), "Start");
}

#[test]
fn a_broken_table_fails_the_build_at_its_line() {
    let dir = guide_in("zh");
    write(
        &dir.path().join("themes/default/i18n/zh.toml"),
        "[study]\nstart = \"开练\"\nfinish = 3\n",
    );
    let out = prepbook(dir.path())
        .args(["build", "--no-cache"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "themes/default/i18n/zh.toml:3:1: error: the UI string `study.finish` is not text"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("book").exists(), "nothing is written");
}

/// Every `t(key="…")` of the templates and `t("…"` / `text("…"` / `PrepbookText("…"` of the
/// scripts names a key of the English table, so no page shows a key instead of text.
#[test]
fn every_key_the_theme_names_is_in_the_english_table() {
    let theme = repo().join("themes/default");
    let english: toml::Table = std::fs::read_to_string(theme.join("i18n/en.toml"))
        .expect("read en.toml")
        .parse()
        .expect("en.toml is TOML");
    let has = |key: &str| {
        let (section, name) = key.split_once('.').expect("section.name");
        english
            .get(section)
            .and_then(|s| s.as_table())
            .is_some_and(|s| s.contains_key(name))
    };
    let mut named = Vec::new();
    let mut sources: Vec<_> = walkdir::WalkDir::new(&theme)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "html" || x == "js"))
                && !p.components().any(|c| c.as_os_str() == "vendor")
        })
        .map(|e| e.path().to_path_buf())
        .collect();
    sources.push(repo().join("src/serve/live.js"));
    for path in sources {
        let source = std::fs::read_to_string(&path).expect("read");
        for opener in ["t(key=\"", "t(\"", "text(\"", "PrepbookText(\"", "t('"] {
            for (at, _) in source.match_indices(opener) {
                let rest = &source[at + opener.len()..];
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                // `t(key="difficulty." ~ d.name)`: a key made from a name, checked below.
                if key.ends_with('.') || !key.contains('.') {
                    continue;
                }
                named.push((path.display().to_string(), key));
            }
        }
    }
    assert!(
        named.len() > 200,
        "the theme names its strings: {}",
        named.len()
    );
    let missing: Vec<_> = named.iter().filter(|(_, k)| !has(k)).collect();
    assert!(missing.is_empty(), "keys not in en.toml: {missing:?}");
    for made in [
        "difficulty.easy",
        "difficulty.medium",
        "difficulty.hard",
        "level.entry",
        "level.mid",
        "level.senior",
    ] {
        assert!(has(made), "{made}");
    }
}
