//! `prepbook export`: the single-file HTML export (read back by inflating its chunks), the JSON
//! and Anki data exports (parsed back), and the PDF (read back with pdftotext).

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use base64::Engine;
use common::*;
use scraper::{Html, Selector};

/// A question as the export holds it: its index, and its title, meta, prompt, short answer and
/// answer HTML.
struct Exported {
    index: usize,
    html: [String; 5],
}

/// Every question in an export, inflated from its chunks.
fn bodies(doc: &Html) -> Vec<Exported> {
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
        let chunk: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
        for q in chunk {
            let text = |i: usize| q[i].as_str().unwrap_or_default().to_string();
            out.push(Exported {
                index: q[0].as_u64().expect("index") as usize,
                html: [text(1), text(2), text(3), text(4), text(5)],
            });
        }
    }
    out
}

#[test]
fn the_html_export_is_one_self_contained_file() {
    let dir = fixture("basic");
    let out = dir.path().join("guide.html");
    let summary = export(dir.path(), &out, &[]);
    assert!(summary.starts_with("exported 5 pages -> "), "{summary}");
    let text = std::fs::read_to_string(&out).expect("read");
    let doc = Html::parse_document(&text);
    // Nothing outside the file: no stylesheet, script, image or frame from elsewhere.
    for (css, attr) in [
        ("link[href]", "href"),
        ("script[src]", "src"),
        ("img[src]", "src"),
        ("iframe", "src"),
    ] {
        assert!(attrs(&doc, css, attr).is_empty(), "{css} in the export");
    }
    let bodies = bodies(&doc);
    let mut indexes: Vec<usize> = bodies.iter().map(|b| b.index).collect();
    indexes.sort();
    assert_eq!(indexes, vec![0, 1, 2, 3, 4], "every question once");
    // Images are data: URIs; links to other questions point into the document.
    let all: String = bodies.iter().flat_map(|b| b.html.iter().cloned()).collect();
    let body = Html::parse_fragment(&all);
    let srcs = attrs(&body, "img", "src");
    assert_eq!(srcs.len(), 1);
    assert!(
        srcs[0].starts_with("data:image/svg+xml;base64,"),
        "{}",
        srcs[0]
    );
    // The page builds each question's element as q-<index>.
    let built: Vec<String> = bodies.iter().map(|b| format!("q-{}", b.index)).collect();
    let all_ids: Vec<String> = attrs(&doc, "[id]", "id")
        .into_iter()
        .chain(attrs(&body, "[id]", "id"))
        .chain(built)
        .collect();
    let ids: HashSet<&String> = all_ids.iter().collect();
    assert_eq!(ids.len(), all_ids.len(), "duplicate ids");
    let hrefs = attrs(&body, "a[href]", "href");
    let internal: Vec<&String> = hrefs.iter().filter(|h| h.starts_with('#')).collect();
    assert!(internal.len() >= 3, "{hrefs:?}");
    for h in internal {
        assert!(
            ids.contains(&h[1..].to_string()),
            "{h} leads nowhere in the export"
        );
    }
    assert!(
        !hrefs
            .iter()
            .any(|h| h.ends_with(".html") || h.contains(".html#")),
        "{hrefs:?}"
    );
}

#[test]
fn questions_only_leaves_the_answers_out() {
    let dir = fixture("basic");
    let out = dir.path().join("q.html");
    export(dir.path(), &out, &["--questions-only"]);
    let doc = Html::parse_document(&std::fs::read_to_string(&out).expect("read"));
    assert_eq!(attrs(&doc, "html.questions-only", "lang").len(), 1);
    let bodies = bodies(&doc);
    let gil = bodies
        .iter()
        .find(|b| b.html[2].contains("Interviewers ask this"))
        .expect("the GIL question");
    assert_eq!(gil.html[3], "", "no short answer in the file");
    assert_eq!(gil.html[4], "", "no answer in the file");
}

#[test]
fn json_export_holds_every_question() {
    let dir = fixture("basic");
    let out = dir.path().join("guide.json");
    export(dir.path(), &out, &["--format", "json"]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    let questions = doc["questions"].as_array().expect("questions");
    assert_eq!(questions.len(), 5);
    let gil = questions.iter().find(|q| q["slug"] == "gil").expect("gil");
    assert_eq!(gil["title"], "What is the GIL?");
    assert_eq!(gil["difficulty"], "medium");
    assert_eq!(gil["levels"], serde_json::json!(["mid", "senior"]));
    assert_eq!(gil["tags"], serde_json::json!(["Concurrency", "cpython"]));
    assert_eq!(gil["related"], serde_json::json!(["decorators", "indexes"]));
    assert!(
        gil["html"]
            .as_str()
            .expect("html")
            .contains("<h2 id=\"why-it-exists\">")
    );
    assert!(
        gil["text"]
            .as_str()
            .expect("text")
            .contains("Reference counting is not thread-safe")
    );
    assert!(
        gil["answer_html"]
            .as_str()
            .expect("answer")
            .starts_with("<h2")
    );
}

/// A minimal reader of Anki's text import: tab-separated, `"`-quoted fields, `#key:value` headers.
fn read_anki(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        if chars.peek() == Some(&'#') {
            let line: String = chars.by_ref().take_while(|&c| c != '\n').collect();
            headers.push(line);
            continue;
        }
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        loop {
            match chars.next() {
                None => {
                    row.push(std::mem::take(&mut field));
                    break;
                }
                Some('"') if field.is_empty() && !quoted => quoted = true,
                Some('"') if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                Some('\t') if !quoted => row.push(std::mem::take(&mut field)),
                Some('\n') if !quoted => {
                    row.push(std::mem::take(&mut field));
                    break;
                }
                Some(c) => field.push(c),
            }
        }
        rows.push(row);
    }
    (headers, rows)
}

#[test]
fn anki_export_is_a_deck_anki_can_import() {
    let dir = fixture("basic");
    let out = dir.path().join("deck.txt");
    let summary = export(dir.path(), &out, &["--format", "anki"]);
    // Four questions: the fixture's article is no note, and the count says notes.
    assert!(summary.starts_with("exported 4 notes -> "), "{summary}");
    let (headers, rows) = read_anki(&std::fs::read_to_string(&out).expect("read"));
    assert!(headers.contains(&"#separator:tab".to_string()));
    assert!(headers.contains(&"#html:true".to_string()));
    assert!(headers.contains(&"#tags column:3".to_string()));
    assert!(headers.contains(&"#guid column:4".to_string()));
    assert_eq!(
        rows.len(),
        4,
        "one note per question; the article is not a card"
    );
    for row in &rows {
        assert_eq!(row.len(), 4, "{row:?}");
    }
    let gil = rows
        .iter()
        .find(|r| r[0].contains("What is the GIL?"))
        .expect("gil");
    assert!(
        gil[0].contains("Interviewers ask this"),
        "front: the question and its opening"
    );
    assert!(
        gil[1].starts_with("<p><strong>Short answer:</strong> A lock"),
        "back: {}",
        gil[1]
    );
    assert!(
        gil[1].contains("<pre class=\"hl-code\""),
        "code keeps its highlighting"
    );
    let tags: Vec<&str> = gil[2].split(' ').collect();
    for tag in [
        "concurrency",
        "difficulty::medium",
        "level::mid",
        "level::senior",
        "section::python-internals",
    ] {
        assert!(tags.contains(&tag), "{tag} missing from {tags:?}");
    }
    // Every note has a GUID of its own, and the same one in the next export, even after an
    // edit, so a re-import updates the notes.
    let guids: HashSet<&String> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(guids.len(), 4, "{guids:?}");
    assert!(
        guids
            .iter()
            .all(|g| !g.is_empty() && !g.contains(['\t', ' ']))
    );
    replace_in(
        &dir.path().join("content/python/gil.md"),
        "summary: A lock",
        "summary: The lock",
    );
    export(dir.path(), &out, &["--format", "anki"]);
    let (_, again) = read_anki(&std::fs::read_to_string(&out).expect("read"));
    let gil_again = again
        .iter()
        .find(|r| r[0].contains("What is the GIL?"))
        .expect("gil");
    assert!(gil_again[1].contains("The lock"), "{}", gil_again[1]);
    assert_eq!(gil_again[3], gil[3], "the edited question keeps its GUID");
    let guids_again: HashSet<&String> = again.iter().map(|r| &r[3]).collect();
    assert_eq!(guids_again, guids);
}

#[test]
fn pdf_without_chromium_is_a_clear_error() {
    let dir = fixture("basic");
    let result = prepbook(dir.path())
        .args(["export", "--pdf", "guide.pdf"])
        .env("CHROMIUM", "/nonexistent/chromium")
        .env("PATH", "/nonexistent")
        .output()
        .expect("run");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("--pdf needs Chromium"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!dir.path().join("guide.pdf").exists());
}

#[test]
fn the_guide_prints_to_pdf_with_every_title_and_no_code_line_cut() {
    let has = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !require(Path::new("/usr/bin/chromium").is_file(), "chromium")
        || !require(has("pdftotext", "-v"), "pdftotext (poppler-utils)")
    {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = out.path().join("guide.pdf");
    export(
        &repo(),
        &out.path().join("guide.html"),
        &["--pdf", pdf.to_str().expect("utf-8 path")],
    );
    let txt = out.path().join("guide.txt");
    // -layout keeps the visual order, so a wrapped code line reads on in order.
    let status = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg(&txt)
        .status()
        .expect("pdftotext");
    assert!(status.success());
    // Emoji (outside the Basic Multilingual Plane, and the joiners and selectors between them)
    // print only with a colour-emoji font, which a CI machine may lack: they are not compared.
    let squash = |s: &str| {
        s.chars()
            .filter(|c| {
                !c.is_whitespace() && (*c as u32) <= 0xFFFF && !matches!(c, '\u{200D}' | '\u{FE0F}')
            })
            .collect::<String>()
    };
    let text = squash(&std::fs::read_to_string(&txt).expect("read"));
    let mut missing_titles = Vec::new();
    let mut cut_lines = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "md")
            || path
                .file_name()
                .is_some_and(|n| n == "README.md" || n == "_index.md")
        {
            continue;
        }
        let source = std::fs::read_to_string(path).expect("read");
        if let Some(title) = source.lines().find_map(|l| l.strip_prefix("title: ")) {
            let title = title
                .trim_matches('"')
                .replace("\\\"", "\"")
                .replace('`', "");
            if !text.contains(&squash(&title)) {
                missing_titles.push(title);
            }
        }
        let mut in_python = false;
        for line in source.lines() {
            if line.starts_with("```") {
                in_python = !in_python && line.starts_with("```python");
                continue;
            }
            if in_python && !line.trim().is_empty() && !text.contains(&squash(line)) {
                cut_lines.push(format!("{}: {line}", rel(&repo(), path)));
            }
        }
    }
    assert!(
        missing_titles.is_empty(),
        "titles missing from the PDF: {missing_titles:?}"
    );
    assert!(
        cut_lines.is_empty(),
        "code lines cut or missing in the PDF:\n{}",
        cut_lines.join("\n")
    );
}

/// The fixture with a summary written in Markdown: emphasis, code, a link, raw HTML.
fn markdown_summary_guide() -> tempfile::TempDir {
    let dir = fixture("basic");
    replace_in(
        &dir.path().join("content/python/decorators.md"),
        "summary: A callable that takes a function and returns a replacement for it.",
        "summary: \"A *callable* that wraps `func`, like [the GIL](gil.md#why-it-exists) does not; <b>raw</b>.\"",
    );
    dir
}

#[test]
fn summaries_are_markdown_in_every_export() {
    let dir = markdown_summary_guide();
    // The single file: the short answer's HTML, its link leading into the document.
    let out = dir.path().join("guide.html");
    export(dir.path(), &out, &[]);
    let doc = Html::parse_document(&std::fs::read_to_string(&out).expect("read"));
    let bodies = bodies(&doc);
    let decorator = bodies
        .iter()
        .find(|b| b.html[0].contains("decorator"))
        .expect("the decorator question");
    let summary = Html::parse_fragment(&decorator.html[3]);
    assert_eq!(texts(&summary, ".short-answer em"), vec!["callable"]);
    assert_eq!(texts(&summary, ".short-answer code"), vec!["func"]);
    assert!(texts(&summary, "b").is_empty(), "{}", decorator.html[3]);
    let href = attrs(&summary, ".short-answer a", "href");
    assert_eq!(href.len(), 1);
    assert!(
        href[0].starts_with("#q-") && href[0].ends_with("-why-it-exists"),
        "a link to the GIL's heading, in the file: {href:?}"
    );

    // JSON: the text and the HTML.
    let json = dir.path().join("guide.json");
    export(dir.path(), &json, &["--format", "json"]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("json");
    let q = doc["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["slug"] == "decorators")
        .expect("decorators");
    assert_eq!(
        q["summary"],
        "A callable that wraps func, like the GIL does not; <b>raw</b>."
    );
    assert_eq!(
        q["summary_html"],
        "A <em>callable</em> that wraps <code>func</code>, like <a href=\"python/gil.html#why-it-exists\">the GIL</a> does not; &lt;b&gt;raw&lt;/b&gt;."
    );

    // Anki: HTML fields; a link of the site would lead nowhere from Anki, so only its text.
    let deck = dir.path().join("deck.txt");
    export(dir.path(), &deck, &["--format", "anki"]);
    let (_, rows) = read_anki(&std::fs::read_to_string(&deck).expect("read"));
    let back = &rows
        .iter()
        .find(|r| r[0].contains("What is a decorator?"))
        .expect("decorator")[1];
    assert!(
        back.starts_with("<p><strong>Short answer:</strong> A <em>callable</em> that wraps <code>func</code>, like the GIL does not; &lt;b&gt;raw&lt;/b&gt;.</p>"),
        "{back}"
    );
}

/// The GUID column of the fixture's text export, by the note's front.
fn anki_guids(dir: &Path) -> Vec<(String, String)> {
    let out = dir.join("deck.txt");
    export(dir, &out, &["--format", "anki"]);
    let (_, rows) = read_anki(&std::fs::read_to_string(&out).expect("read"));
    rows.into_iter()
        .map(|r| (r[0].clone(), r[3].clone()))
        .collect()
}

#[test]
fn a_question_with_an_id_keeps_its_anki_guid_when_it_moves() {
    let dir = fixture("basic");
    let gil_guid = |guids: &[(String, String)]| {
        guids
            .iter()
            .find(|(front, _)| front.contains("What is the GIL?"))
            .map(|(_, guid)| guid.clone())
            .expect("the GIL's note")
    };
    let by_url = gil_guid(&anki_guids(dir.path()));
    replace_in(
        &dir.path().join("content/python/gil.md"),
        "weight: 1\n",
        "weight: 1\nid: python-gil\n",
    );
    let with_id = gil_guid(&anki_guids(dir.path()));
    assert_ne!(with_id, by_url, "the id, not the URL, makes the GUID now");
    std::fs::rename(
        dir.path().join("content/python/gil.md"),
        dir.path().join("content/databases/global-lock.md"),
    )
    .expect("move");
    assert_eq!(
        gil_guid(&anki_guids(dir.path())),
        with_id,
        "moved, same note"
    );
    // `check` knows the key: no "unknown front matter key" warning.
    let check = prepbook(dir.path()).arg("check").output().expect("run");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        !stderr.contains("unknown front matter key `id`"),
        "{stderr}"
    );
}

#[test]
fn two_questions_with_one_id_are_an_error_naming_both() {
    let dir = fixture("basic");
    for file in ["python/gil.md", "python/decorators.md"] {
        replace_in(
            &dir.path().join("content").join(file),
            "difficulty:",
            "id: same\ndifficulty:",
        );
    }
    for format in ["anki", "apkg"] {
        let out = dir.path().join(format!("deck.{format}"));
        let result = prepbook(dir.path())
            .args(["export", "--format", format, "-o"])
            .arg(&out)
            .output()
            .expect("run");
        assert_eq!(result.status.code(), Some(1), "{format}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains("`id: same` is also the id of"), "{stderr}");
        assert!(
            stderr.contains("gil.md") && stderr.contains("decorators.md"),
            "{stderr}"
        );
        assert!(!out.exists(), "{format}: nothing written");
    }
    // `check` finds it before an export does.
    let check = prepbook(dir.path()).arg("check").output().expect("run");
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("`id: same` is also the id of"), "{stderr}");
}

#[test]
fn an_id_that_is_a_list_is_an_error_at_its_line() {
    let dir = fixture("basic");
    replace_in(
        &dir.path().join("content/python/gil.md"),
        "weight: 1\n",
        "weight: 1\nid: [a, b]\n",
    );
    let result = prepbook(dir.path())
        .args(["export", "--format", "apkg"])
        .output()
        .expect("run");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("gil.md:9:1: error: `id:` must be a word or a number"),
        "{stderr}"
    );
    assert!(!dir.path().join("guide.apkg").exists());
}
