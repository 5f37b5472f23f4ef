//! What a newcomer meets in a first hour with Prepbook (issue 12): each message says what is
//! true and points where the fix goes. Front matter hints, `export -o -`, running from a
//! subfolder of a guide, `error:` on every failure, `--format pdf`, template include loops and
//! a theme file that is a folder.

mod common;

use std::path::Path;

use common::*;
use scraper::Selector;

/// A guide of its own in a temp dir: `book.toml` and the given files.
fn guide(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "book.toml", "[book]\ntitle = \"First hour\"\n");
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// `prepbook check` in `dir`: (exit code, stderr).
fn check(dir: &Path) -> (Option<i32>, String) {
    let out = prepbook(dir).arg("check").output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The text of the element `selector` picks on page `rel` of the site in `dir/book`.
fn text_of(dir: &Path, rel: &str, selector: &str) -> String {
    let doc = Site::new(dir.join("book")).doc(rel);
    let sel = Selector::parse(selector).expect("selector");
    let el = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no `{selector}` on {rel}"));
    el.text().collect::<String>()
}

const QUESTION: &str = "---\ntitle: What is a closure?\ntags: [functions]\ndifficulty: easy\nsummary: A function with the variables it captured.\n---\n\nIt keeps its variables.\n";

#[test]
fn unknown_keys_are_named_as_templates_reach_them() {
    let dir = guide(&[
        ("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/python/_index.md",
            "---\ntitle: Python\nicon: snake\n---\nThe language.\n",
        ),
        (
            "content/python/closures.md",
            &QUESTION.replace("summary:", "sumary:"),
        ),
    ]);
    // Templates that show the kept keys, as the hint says to reach them.
    let theme = repo().join("themes/default/templates");
    for (name, shown) in [
        ("question.html", "<p id=\"kept\">{{ extra.sumary }}</p>"),
        ("section.html", "<p id=\"kept\">{{ extra.icon }}</p>"),
    ] {
        let default = std::fs::read_to_string(theme.join(name)).expect("default template");
        let own = default.replace(
            "{% endblock main %}",
            &format!("{shown}{{% endblock main %}}"),
        );
        assert_ne!(own, default, "{name} ends its main block");
        write(
            dir.path(),
            &format!("themes/default/templates/{name}"),
            &own,
        );
    }
    let (_, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains(
            "hint: did you mean `summary`? Unknown keys are kept for templates, as `extra.sumary`"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("page.extra"), "{stderr}");
    assert_eq!(
        text_of(dir.path(), "python/closures.html", "#kept"),
        "A function with the variables it captured."
    );
    assert_eq!(text_of(dir.path(), "python/index.html", "#kept"), "snake");
}

#[test]
fn a_missing_summary_is_pointed_at_its_empty_key_or_where_it_goes() {
    let empty = QUESTION.replace(
        "summary: A function with the variables it captured.\n",
        "related: []\nweight: 1\nsummary: \"\"\n",
    );
    let missing = QUESTION.replace("summary: A function with the variables it captured.\n", "");
    let dir = guide(&[
        ("content/python/empty.md", &empty),
        ("content/python/missing.md", &missing),
    ]);
    let (code, stderr) = check(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "content/python/empty.md:7:1: warning: this question has no summary\n  |\n7 | summary: \"\"\n  | ^^^^^^^\n  = hint: write it after `summary:`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "content/python/missing.md:5:1: warning: this question has no summary\n  |\n5 | ---\n  | ^^^\n  = hint: add `summary: ...` above this line"
        ),
        "{stderr}"
    );
}

#[test]
fn an_unclosed_flow_list_is_named_in_the_hint() {
    let dir = guide(&[
        (
            "content/python/list.md",
            "---\ntitle: What do decorators do?\ntags: [functions, decorators\ndifficulty: medium\n---\nBody.\n",
        ),
        (
            "content/python/map.md",
            "---\ntitle: Maps\nsources: {book: Fluent Python\nsummary: Keys to values.\n---\nBody.\n",
        ),
    ]);
    let (code, stderr) = check(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    // The parser's own error stays, where it found it; the hint names the open bracket.
    assert!(
        stderr.contains(
            "content/python/list.md:4:11: error: invalid YAML in front matter: illegal placement of ':' indicator\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "  = hint: the `[` at line 3, column 7 is never closed: end the list with `]`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "  = hint: the `{` at line 3, column 10 is never closed: end the mapping with `}`"
        ),
        "{stderr}"
    );
}

#[test]
fn export_to_a_dash_writes_standard_output() {
    let dir = fixture("basic");
    let files_before = files(dir.path());
    for format in ["json", "anki", "html"] {
        let out = prepbook(dir.path())
            .args(["export", "--format", format, "-o", "-"])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {stderr}");
        assert!(
            !dir.path().join("-").exists(),
            "{format}: no file named `-`"
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 export");
        match format {
            "json" => {
                let data: serde_json::Value =
                    serde_json::from_str(&stdout).expect("stdout is the JSON export alone");
                let titles: Vec<&str> = data["questions"]
                    .as_array()
                    .expect("questions")
                    .iter()
                    .filter_map(|q| q["title"].as_str())
                    .collect();
                assert!(titles.contains(&"What is the GIL?"), "{titles:?}");
            }
            "anki" => {
                assert!(stdout.starts_with("#separator:tab\n"), "{stdout}");
                assert!(stdout.contains("<h2>What is the GIL?</h2>"), "{stdout}");
            }
            _ => {
                let doc = scraper::Html::parse_document(&stdout);
                let title = Selector::parse("title").expect("selector");
                assert!(doc.select(&title).next().is_some(), "an HTML page");
            }
        }
        // The summary line goes to stderr, so a pipe gets the export alone. Anki counts notes:
        // the fixture's article is none.
        let summary = if format == "anki" {
            "exported 4 notes"
        } else {
            "exported 5 pages"
        };
        assert!(
            stderr.contains(&format!("{summary} -> standard output (")),
            "{format}: {stderr}"
        );
        assert!(!stdout.contains(summary), "{format}");
    }
    let mut after = files(dir.path());
    after.retain(|rel, _| !rel.starts_with(".prepbook-cache/"));
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        files_before.keys().collect::<Vec<_>>(),
        "no file written in the guide"
    );
}

#[test]
fn a_command_run_in_a_subfolder_works_on_the_guide_above() {
    let dir = fixture("basic");
    let python = dir.path().join("content/python");
    let out = prepbook(&python).arg("build").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.starts_with("using the guide in ../..\n"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.trim_end().ends_with("/book/"), "{stdout}");
    assert!(dir.path().join("book/python/gil.html").is_file());
    assert!(!python.join("book").exists(), "no site in the subfolder");

    // In the guide's own folder nothing extra is said.
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("using the guide"));
}

#[test]
fn no_guide_above_says_where_it_looked() {
    let dir = tempfile::tempdir().expect("temp dir");
    if dir
        .path()
        .ancestors()
        .any(|d| d.join("book.toml").is_file())
    {
        eprintln!("skipped: a folder above the temp dir holds a book.toml");
        return;
    }
    let deep = dir.path().join("notes/drafts");
    std::fs::create_dir_all(&deep).expect("mkdir");
    let out = prepbook(&deep).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "book.toml: error: cannot read book.toml: there is no book.toml in this folder or any folder above it\n"
        ),
        "{stderr}"
    );
    let looked = format!(
        "(looked in {}, {}, {},",
        deep.display(),
        dir.path().join("notes").display(),
        dir.path().display()
    );
    assert!(stderr.contains(&looked), "{stderr}");
    assert!(
        stderr.contains("hint: run `prepbook init` to create a guide here, or pass `--root DIR`"),
        "{stderr}"
    );
    // `--root` is taken as given: no search.
    let out = prepbook(&deep)
        .args(["build", "--root", "."])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("looked in"), "{stderr}");
}

/// The lines of `stderr` that report an error, rustc style: `error: ...` or `path: error: ...`.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.to_lowercase().contains("error:"))
        .collect()
}

#[test]
fn every_command_reports_errors_as_lowercase_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let guide_dir = fixture("basic");
    let empty = tempfile::tempdir().expect("temp dir");
    write(empty.path(), "full/notes.txt", "not empty");
    let cases: [(&Path, Vec<&str>); 6] = [
        (guide_dir.path(), vec!["serve", "--port", &port]),
        (guide_dir.path(), vec!["serve", "--root", "nowhere"]),
        (guide_dir.path(), vec!["build", "--no-such-flag"]),
        (
            guide_dir.path(),
            vec!["export", "--format", "json", "--pdf", "x.pdf"],
        ),
        (empty.path(), vec!["init", "full"]),
        (guide_dir.path(), vec!["new", "Why?", "--section", "nope"]),
    ];
    for (dir, args) in cases {
        let out = prepbook(dir).args(&args).output().expect("run");
        assert!(!out.status.success(), "{args:?} fails");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors = error_lines(&stderr);
        assert!(!errors.is_empty(), "{args:?}: {stderr}");
        for line in errors {
            assert!(
                line.starts_with("error: ") || line.contains(": error: "),
                "{args:?}: `{line}`"
            );
            assert!(!line.contains("Error:"), "{args:?}: `{line}`");
        }
    }
    // The port in use, in full.
    let out = prepbook(guide_dir.path())
        .args(["serve", "--port", &port])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("  = hint: pick another port with `--port`, or `--port 0` for any free one"),
        "{stderr}"
    );
}

#[test]
fn format_pdf_points_to_the_pdf_option() {
    let dir = fixture("basic");
    let out = prepbook(dir.path())
        .args(["export", "--format", "pdf"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: invalid value 'pdf' for '--format <FORMAT>'\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[possible values: html, json, anki, apkg]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tip: a PDF is printed from the HTML export: use `--pdf FILE`"),
        "{stderr}"
    );
    assert!(!dir.path().join("guide.html").exists(), "nothing exported");
    // Other formats still parse, and other mistakes get clap's own suggestion.
    let out = prepbook(dir.path())
        .args(["export", "--format", "xml"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("--pdf"), "{stderr}");
}

#[test]
fn an_include_loop_is_reported_at_the_include_that_closes_it() {
    let dir = guide(&[("content/python/closures.md", QUESTION)]);
    let templates = "themes/default/templates";
    let question = std::fs::read_to_string(repo().join(templates).join("question.html"))
        .expect("default template")
        .replace(
            "{% endblock main %}",
            "{% include \"partials/a.html\" %}{% endblock main %}",
        );
    write(dir.path(), &format!("{templates}/question.html"), &question);
    write(
        dir.path(),
        &format!("{templates}/partials/a.html"),
        "<p>a</p>{% include \"partials/b.html\" %}\n",
    );
    write(
        dir.path(),
        &format!("{templates}/partials/b.html"),
        "<p>b</p>\n{%- include 'partials/a.html' -%}\n",
    );
    let out = prepbook(dir.path()).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "themes/default/templates/partials/b.html:2:1: error: template error: this include goes round in a loop: partials/a.html -> partials/b.html -> partials/a.html\n  |\n2 | {%- include 'partials/a.html' -%}\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = hint: a template cannot include itself"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("themes: error"), "{stderr}");
    assert!(!dir.path().join("book").exists(), "no site written");

    // A parent that does not exist is pointed at the same way.
    write(
        dir.path(),
        &format!("{templates}/partials/b.html"),
        "{% extends \"layout.html\" %}\n",
    );
    let out = prepbook(dir.path()).arg("build").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "themes/default/templates/partials/b.html:1:1: error: template error: the template `layout.html` it extends does not exist\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_theme_folder_where_a_file_should_be_is_named_in_a_warning() {
    let dir = guide(&[("content/python/closures.md", QUESTION)]);
    // Made by mistake as folders (one holding a file, one empty).
    write(
        dir.path(),
        "themes/default/templates/question.html/draft.txt",
        "meant to be the template",
    );
    std::fs::create_dir_all(dir.path().join("themes/default/static/prepbook.css")).expect("mkdir");
    let (_, stderr) = build_ok(dir.path());
    for (path, name) in [
        ("themes/default/templates/question.html", "question.html"),
        ("themes/default/static/prepbook.css", "prepbook.css"),
    ] {
        assert!(
            stderr.contains(&format!(
                "{path}: warning: this is a folder, not a file, so the default theme's `{name}` is used instead\n  = hint: to replace the default `{name}`, put a file of that name here"
            )),
            "{stderr}"
        );
    }
    // The default files are used meanwhile.
    assert!(dir.path().join("book/python/closures.html").is_file());
    assert!(dir.path().join("book/static/prepbook.css").is_file());
}
