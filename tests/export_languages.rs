//! `prepbook export --language` on the `bilingual` fixture (English, one question of three
//! translated into Chinese): each export holds that language's view, pages not translated yet
//! kept in English and marked; the HTML says its language, the JSON and the Anki notes carry
//! each question's; a note is the same note in every language; a language the guide does not
//! declare is an error that writes nothing.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use common::*;
use scraper::{Html, Selector};
use serde_json::Value;

/// Every question of an HTML export, inflated from its chunks, as the array the page builds it
/// from (`[index, title, meta, prompt, short answer, answer, is article, language]`).
fn questions(doc: &Html) -> Vec<Vec<Value>> {
    let sel = Selector::parse("script.pb-chunk").expect("selector");
    let mut out = Vec::new();
    for script in doc.select(&sel) {
        let b64: String = script.text().collect();
        let gz = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .expect("base64");
        let mut json = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut json)
            .expect("gzip");
        let chunk: Vec<Vec<Value>> = serde_json::from_str(&json).expect("json");
        out.extend(chunk);
    }
    out
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn the_html_export_in_chinese_is_the_chinese_view_with_fallbacks_marked() {
    let dir = fixture("bilingual");
    let out = dir.path().join("zh.html");
    export(dir.path(), &out, &["--language", "zh"]);
    let doc = Html::parse_document(&std::fs::read_to_string(&out).expect("read"));
    assert_eq!(attrs(&doc, "html", "lang"), vec!["zh"]);
    assert_eq!(texts(&doc, "title"), vec!["双语测试指南"]);
    let all = questions(&doc);
    assert_eq!(all.len(), 3);
    let gil = all
        .iter()
        .find(|q| text(&q[1]).contains("全局解释器锁"))
        .expect("the translated question, in Chinese");
    assert!(text(&gil[3]).contains("面试官"), "{gil:?}");
    assert_eq!(
        text(&gil[7]),
        "",
        "a translated page is in the export's language"
    );
    assert!(!text(&gil[2]).contains("fallback-notice"));
    // Its image sits beside the English original: it is inlined all the same.
    assert!(
        text(&gil[5]).contains("src=\"data:image/svg+xml;base64,"),
        "{}",
        text(&gil[5])
    );
    for q in all.iter().filter(|q| !text(&q[1]).contains("全局解释器锁")) {
        assert_eq!(text(&q[7]), "en", "{q:?}");
        let meta = Html::parse_fragment(text(&q[2]));
        assert_eq!(
            texts(&meta, ".fallback-notice[role=note]"),
            vec!["This page is not translated yet: it is shown in its original language."]
        );
    }

    let en = dir.path().join("en.html");
    export(dir.path(), &en, &[]);
    let doc = Html::parse_document(&std::fs::read_to_string(&en).expect("read"));
    assert_eq!(attrs(&doc, "html", "lang"), vec!["en"]);
    for q in questions(&doc) {
        assert_eq!(text(&q[7]), "");
        assert!(!text(&q[2]).contains("fallback-notice"));
        assert!(!text(&q[1]).contains("全局"));
    }
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = dir.join("guide.json");
    let mut all = vec!["--format", "json"];
    all.extend(args);
    export(dir, &out, &all);
    serde_json::from_str(&std::fs::read_to_string(out).expect("read")).expect("JSON")
}

#[test]
fn the_json_export_carries_each_questions_language() {
    let dir = fixture("bilingual");
    let zh = json(dir.path(), &["--language", "zh"]);
    assert_eq!(zh["language"], "zh");
    assert_eq!(zh["title"], "双语测试指南");
    assert_eq!(zh["site_folder"], "zh/");
    let mut seen: Vec<(String, String, String)> = zh["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| {
            (
                text(&q["source"]).to_string(),
                text(&q["language"]).to_string(),
                text(&q["origin"]).to_string(),
            )
        })
        .collect();
    seen.sort();
    let row = |s: &str, l: &str, o: &str| (s.to_string(), l.to_string(), o.to_string());
    assert_eq!(
        seen,
        vec![
            row("databases/indexes.md", "en", "fallback"),
            row("python/decorators.md", "en", "fallback"),
            row("python/gil.zh.md", "zh", "translated"),
        ]
    );
    let en = json(dir.path(), &[]);
    assert_eq!(en["language"], "en");
    assert_eq!(en["site_folder"], "");
    for q in en["questions"].as_array().expect("questions") {
        assert_eq!(
            (&q["language"], &q["origin"]),
            (&"en".into(), &"original".into())
        );
    }
    // The same question has the same URL in both: it is one question in two languages.
    let urls = |doc: &Value| {
        let mut u: Vec<String> = doc["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| text(&q["url"]).to_string())
            .collect();
        u.sort();
        u
    };
    assert_eq!(urls(&zh), urls(&en));
}

/// The Anki text export's notes: GUID -> tags.
fn anki_notes(dir: &Path, args: &[&str]) -> (String, Vec<(String, String)>) {
    let out = dir.join("anki.txt");
    let mut all = vec!["--format", "anki"];
    all.extend(args);
    export(dir, &out, &all);
    let text = std::fs::read_to_string(out).expect("read");
    let deck = text
        .lines()
        .find_map(|l| l.strip_prefix("#deck:"))
        .expect("a deck header")
        .to_string();
    // Fields are quoted when they hold line breaks; the GUID and tags are the last two of a
    // note's last line.
    let mut notes = Vec::new();
    let mut record = String::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        record.push_str(line);
        record.push('\n');
        if record.matches('"').count().is_multiple_of(2) {
            let fields: Vec<&str> = record.trim_end().rsplitn(3, '\t').collect();
            notes.push((fields[0].to_string(), fields[1].to_string()));
            record.clear();
        }
    }
    notes.sort();
    (deck, notes)
}

#[test]
fn anki_notes_carry_their_language_and_stay_one_note_in_every_language() {
    let dir = fixture("bilingual");
    let (deck, zh) = anki_notes(dir.path(), &["--language", "zh"]);
    assert_eq!(deck, "双语测试指南");
    let (deck, en) = anki_notes(dir.path(), &[]);
    assert_eq!(deck, "Bilingual Fixture");
    assert_eq!(zh.len(), 3);
    let guids = |notes: &[(String, String)]| notes.iter().map(|n| n.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        guids(&zh),
        guids(&en),
        "importing one updates the other's notes"
    );
    let lang = |tags: &str| {
        tags.split(' ')
            .filter(|t| t.starts_with("lang::"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut zh_langs: Vec<Vec<String>> = zh.iter().map(|n| lang(&n.1)).collect();
    zh_langs.sort();
    assert_eq!(
        zh_langs,
        vec![vec!["lang::en"], vec!["lang::en"], vec!["lang::zh"]]
    );
    for (_, tags) in &en {
        assert_eq!(lang(tags), vec!["lang::en"], "{tags}");
    }
}

#[test]
fn a_language_the_guide_does_not_declare_is_an_error_that_writes_nothing() {
    let dir = fixture("bilingual");
    let out = dir.path().join("fr.html");
    let result = prepbook(dir.path())
        .args(["export", "--language", "fr", "--output"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("error: `--language fr`: the guide is not written in `fr`"),
        "{stderr}"
    );
    assert!(stderr.contains("its languages are `en`, `zh`"), "{stderr}");
    assert!(stderr.contains("[languages.fr]"), "{stderr}");
    assert!(!out.exists());
}

/// The Python with Anki's library, when it is installed (`.venv-anki/`, made by `.ci/run`).
fn anki_python() -> Option<PathBuf> {
    let python = repo().join(".venv-anki/bin/python3");
    let works = Command::new(&python)
        .args(["-c", "import anki.collection"])
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(python)
}

#[test]
fn the_package_in_chinese_imports_into_anki_with_its_image_and_languages() {
    let python = anki_python();
    if !require(
        python.is_some(),
        "Anki's Python library in .venv-anki/ (pip install -r tests/anki/requirements.txt)",
    ) {
        return;
    }
    let python = python.expect("checked");
    let dir = fixture("bilingual");
    let package = dir.path().join("zh.apkg");
    export(
        dir.path(),
        &package,
        &["--format", "apkg", "--language", "zh"],
    );
    let out = Command::new(&python)
        .arg(repo().join("tests/anki/collection.py"))
        .arg("import-package")
        .arg(dir.path().join("collection.anki2"))
        .arg(&package)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let notes = report["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 3);
    let gil = notes
        .iter()
        .find(|n| {
            n["tags"]
                .as_array()
                .expect("tags")
                .contains(&"lang::zh".into())
        })
        .expect("the translated note");
    let fields = gil["fields"].as_object().expect("fields");
    assert!(
        fields.values().any(|f| text(f).contains("全局解释器锁")),
        "{fields:?}"
    );
    assert_eq!(
        report["media"].as_array().map(Vec::len),
        Some(1),
        "{report}"
    );
    assert!(
        text(&gil["deck"]).starts_with("双语测试指南::"),
        "{}",
        gil["deck"]
    );
}
