//! The Anki exports, read by Anki itself: `tests/anki/collection.py` imports them with Anki's
//! own library (PyPI `anki`, the desktop app's importer, in `.venv-anki/` made by `.ci/run`)
//! into a fresh collection, and reports what it then holds. The package of the bundled guide
//! has a note per question with the fields, tags and deck the JSON export says; a newer export
//! of an edited guide updates the notes and keeps a review made in between; the text export
//! re-imports as updates too.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;

/// The Python with Anki's library, when it is installed.
fn anki_python() -> Option<PathBuf> {
    let python = repo().join(".venv-anki/bin/python3");
    let works = Command::new(&python)
        .args(["-c", "import anki.collection"])
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(python)
}

fn have_anki() -> Option<PathBuf> {
    let python = anki_python();
    require(
        python.is_some(),
        "Anki's Python library in .venv-anki/ (pip install -r tests/anki/requirements.txt)",
    )
    .then(|| python.expect("checked"))
}

/// Runs `collection.py` and returns its report.
fn anki(python: &Path, args: &[&Path]) -> Value {
    let out = Command::new(python)
        .arg(repo().join("tests/anki/collection.py"))
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "collection.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

fn export(root: &Path, format: &str, out: &Path) -> String {
    let result = prepbook(root)
        .args(["export", "--format", format, "--output"])
        .arg(out)
        .output()
        .expect("run");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8_lossy(&result.stdout).into_owned()
}

fn notes(report: &Value) -> &Vec<Value> {
    report["notes"].as_array().expect("notes")
}

fn field<'a>(note: &'a Value, name: &str) -> &'a str {
    note["fields"][name].as_str().expect("a field")
}

/// Text as HTML shows it, for a field holding escaped text.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The text of `html`, its tags taken out.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `html` with its links' `<a ...>` and `</a>` taken out, their text kept.
fn without_links(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').expect("a closed tag") + i;
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("</a>", "")
}

/// A field reads as the page's HTML does, and its links lead to a heading of the card or to
/// another site: the bundled guide has no base URL to make the site's own links absolute.
fn reads_as_on_the_site(field: &str, page_html: &Value, url: &str) {
    let page_html = page_html.as_str().expect("html");
    assert_eq!(text_of(field), text_of(page_html), "{url}");
    for href in field.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"),
            "{url}: a link that leads nowhere from Anki: {}",
            &href[..href.find('"').unwrap_or(href.len())]
        );
    }
}

#[test]
fn the_bundled_guide_imports_with_every_question_field_tag_and_deck() {
    let Some(python) = have_anki() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let package = dir.path().join("guide.apkg");
    let summary = export(&repo(), "apkg", &package);
    let json = dir.path().join("guide.json");
    export(&repo(), "json", &json);
    let guide: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("json");
    let questions: Vec<&Value> = guide["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|q| q["kind"] == "question")
        .collect();
    assert!(
        summary.starts_with(&format!("exported {} notes -> ", questions.len())),
        "{summary}"
    );

    let report = anki(
        &python,
        &[
            Path::new("import-package"),
            &dir.path().join("fresh.anki2"),
            &package,
        ],
    );
    assert_eq!(report["log"]["new"], questions.len(), "{}", report["log"]);
    assert_eq!(report["log"]["conflicting"], 0);
    let notes = notes(&report);
    assert_eq!(notes.len(), questions.len(), "one note per question");

    let by_url: HashMap<&str, &Value> = notes.iter().map(|n| (field(n, "URL"), n)).collect();
    let media: BTreeSet<&str> = report["media"]
        .as_array()
        .expect("media")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let title = guide["title"].as_str().expect("title");
    let mut decks_used = BTreeSet::new();
    for q in &questions {
        let url = q["url"].as_str().expect("url");
        let note = by_url
            .get(url)
            .unwrap_or_else(|| panic!("no note for {url}"));
        assert_eq!(note["notetype"], "Prepbook");
        assert_eq!(note["cards"], 1, "{url}");
        assert_eq!(unescape(field(note, "Question")), q["title"], "{url}");
        reads_as_on_the_site(field(note, "Prompt"), &q["prompt_html"], url);
        // Without a base URL, a summary's links lead nowhere from Anki: their text stays.
        assert_eq!(
            field(note, "Short answer"),
            without_links(q["summary_html"].as_str().expect("summary")),
            "{url}"
        );
        let answer = q["answer_html"].as_str().expect("answer");
        if answer.contains("<img") {
            // Images are the package's media: the field names a file Anki now has.
            let field = field(note, "Answer");
            let src = field
                .split("src=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("an image");
            assert!(media.contains(src), "{url}: {src} not in {media:?}");
        }
        reads_as_on_the_site(field(note, "Answer"), &q["answer_html"], url);

        let tags: BTreeSet<String> = note["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .map(|t| t.as_str().expect("tag").to_lowercase())
            .collect();
        for tag in q["tags"].as_array().expect("tags") {
            let tag = tag.as_str().expect("tag").to_lowercase().replace(' ', "-");
            assert!(tags.contains(&tag), "{url}: {tag} not in {tags:?}");
        }
        if let Some(d) = q["difficulty"].as_str() {
            assert!(
                tags.contains(&format!("difficulty::{d}")),
                "{url}: {tags:?}"
            );
        }
        for level in q["levels"].as_array().expect("levels") {
            let level = level.as_str().expect("level");
            assert!(tags.contains(&format!("level::{level}")), "{url}: {tags:?}");
        }

        // The deck: the guide, then one level per folder down to the question's section.
        let deck = note["deck"].as_str().expect("deck");
        let parts: Vec<&str> = deck.split("::").collect();
        let folders = q["source"].as_str().expect("source").matches('/').count();
        assert_eq!(parts[0], title, "{url}: {deck}");
        assert_eq!(parts.len(), folders + 1, "{url}: {deck}");
        if folders > 0 {
            assert_eq!(parts.last(), Some(&q["section"].as_str().expect("section")));
        }
        decks_used.insert(deck.to_string());
    }
    // Every deck is the guide's, or Anki's own "Default".
    let decks: BTreeSet<String> = report["decks"]
        .as_array()
        .expect("decks")
        .iter()
        .map(|d| d.as_str().expect("deck").to_string())
        .collect();
    for deck in &decks {
        assert!(
            deck == "Default" || deck == title || deck.starts_with(&format!("{title}::")),
            "{deck}"
        );
    }
    assert!(decks_used.is_subset(&decks));
    assert!(decks_used.len() > 5, "a deck per section: {decks_used:?}");

    // The note type carries the guide's code colours for light and night mode.
    let css = report["notetypes"]["Prepbook"]["css"]
        .as_str()
        .expect("css");
    assert!(css.contains(".card .hl-"), "light colours");
    assert!(css.contains(".nightMode .hl-"), "night colours");
}

/// Waits until the clock has passed `since` (seconds): Anki takes a note in a package as newer
/// than its own copy only when its modification second is later.
fn wait_for_the_next_second(since: std::time::SystemTime) {
    let secs = |t: std::time::SystemTime| {
        t.duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs()
    };
    while secs(std::time::SystemTime::now()) <= secs(since) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_newer_package_updates_the_notes_and_keeps_their_reviews() {
    let Some(python) = have_anki() else { return };
    let dir = fixture("basic");
    let package = dir.path().join("guide.apkg");
    let collection = dir.path().join("collection.anki2");
    export(dir.path(), "apkg", &package);
    // Taken after the export, whose notes carry the second it ran in: a clock read before could
    // be a second behind it, and a second package in that next second would not be newer.
    let first_export = std::time::SystemTime::now();
    let first = anki(
        &python,
        &[Path::new("import-package"), &collection, &package],
    );
    assert_eq!(
        notes(&first).len(),
        4,
        "four questions; the article is no note"
    );
    let gil = notes(&first)
        .iter()
        .find(|n| field(n, "Question") == "What is the GIL?")
        .expect("the GIL's note");
    assert!(field(gil, "Short answer").starts_with("A lock"));
    let guid = gil["guid"].as_str().expect("guid");
    // The image of the decorator's answer came along as media, and its field names it.
    assert_eq!(
        first["media"],
        serde_json::json!(["python_img_diagram.svg"])
    );
    let decorator = notes(&first)
        .iter()
        .find(|n| field(n, "Question") == "What is a decorator?")
        .expect("the decorator's note");
    assert!(field(decorator, "Answer").contains("src=\"python_img_diagram.svg\""));

    // A review in Anki, then an edit in the guide and a newer package.
    let reviewed = anki(
        &python,
        &[Path::new("review"), &collection, Path::new(guid)],
    );
    let gil = notes(&reviewed)
        .iter()
        .find(|n| n["guid"] == guid)
        .expect("the GIL's note");
    assert_eq!(
        (gil["reps"].as_u64(), gil["revlog"].as_u64()),
        (Some(1), Some(1))
    );
    replace_in(
        &dir.path().join("content/python/gil.md"),
        "summary: A lock",
        "summary: The one lock",
    );
    wait_for_the_next_second(first_export);
    export(dir.path(), "apkg", &package);
    let second = anki(
        &python,
        &[
            Path::new("import-package"),
            &collection,
            &package,
            Path::new("--render"),
        ],
    );
    assert_eq!(second["log"]["new"], 0, "{}", second["log"]);
    assert_eq!(second["log"]["updated"], 4, "{}", second["log"]);
    assert_eq!(notes(&second).len(), 4, "no note twice");
    let gil = notes(&second)
        .iter()
        .find(|n| n["guid"] == guid)
        .expect("the GIL's note, by its GUID");
    assert!(
        field(gil, "Short answer").starts_with("The one lock"),
        "{}",
        field(gil, "Short answer")
    );
    assert_eq!(gil["reps"], 1, "the review is kept");
    assert_eq!(gil["revlog"], 1, "the review log is kept");
    assert_eq!(gil["deck"], "Fixture Guide::Python Internals");
    // The card as Anki shows it: the question on the front; the short answer, the answer with
    // its highlighted code and the page's address on the back.
    let front = gil["question"].as_str().expect("front");
    let back = gil["answer"].as_str().expect("back");
    assert!(front.contains("What is the GIL?") && !front.contains("The one lock"));
    assert!(
        back.contains("<strong>Short answer:</strong> The one lock"),
        "{back}"
    );
    assert!(back.contains("class=\"hl-code\""), "{back}");
    assert!(back.contains("python/gil.html"), "{back}");
}

#[test]
fn the_text_export_imports_and_its_newer_version_updates_the_same_notes() {
    let Some(python) = have_anki() else { return };
    let dir = fixture("basic");
    let text = dir.path().join("deck.txt");
    let collection = dir.path().join("collection.anki2");
    export(dir.path(), "anki", &text);
    let first = anki(&python, &[Path::new("import-text"), &collection, &text]);
    assert_eq!(first["log"]["new"], 4, "{}", first["log"]);
    replace_in(
        &dir.path().join("content/python/gil.md"),
        "summary: A lock",
        "summary: The one lock",
    );
    export(dir.path(), "anki", &text);
    let second = anki(&python, &[Path::new("import-text"), &collection, &text]);
    assert_eq!(second["log"]["new"], 0, "{}", second["log"]);
    assert_eq!(second["log"]["updated"], 1, "{}", second["log"]);
    assert_eq!(notes(&second).len(), 4);
    let backs: Vec<&str> = notes(&second).iter().map(|n| field(n, "Back")).collect();
    assert!(
        backs
            .iter()
            .any(|b| b.starts_with("<p><strong>Short answer:</strong> The one lock")),
        "{backs:?}"
    );
    assert!(
        !backs.iter().any(|b| b.contains("A lock that")),
        "{backs:?}"
    );
}

#[test]
fn with_a_base_url_the_cards_link_to_the_site() {
    let Some(python) = have_anki() else { return };
    let dir = fixture("basic");
    let book = dir.path().join("book.toml");
    let mut toml = std::fs::read_to_string(&book).expect("read");
    toml.push_str("\n[site]\nbase-url = \"https://example.org/guide/\"\n");
    std::fs::write(&book, toml).expect("write");
    let package = dir.path().join("guide.apkg");
    export(dir.path(), "apkg", &package);
    let report = anki(
        &python,
        &[
            Path::new("import-package"),
            &dir.path().join("collection.anki2"),
            &package,
        ],
    );
    let deep = notes(&report)
        .iter()
        .find(|n| field(n, "Question") == "A question without front matter")
        .expect("the nested question");
    assert_eq!(
        field(deep, "URL"),
        "https://example.org/guide/databases/nested/deep.html"
    );
    // Its link to `../indexes.md` leads to that page on the site.
    assert!(
        field(deep, "Answer").contains("href=\"https://example.org/guide/databases/indexes.html\""),
        "{}",
        field(deep, "Answer")
    );
}
