//! `prepbook init` makes a guide that builds and checks clean at once; `prepbook new` adds a
//! question with its front matter and headings, never overwrites, and explains what is wrong
//! with a section or a tag.

mod common;

use std::path::Path;

use common::*;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = prepbook(dir).args(args).output().expect("run prepbook");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_makes_a_guide_that_builds_and_checks_clean() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(parent.path(), &["init", "my-guide"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("created my-guide/book.toml"), "{stdout}");
    assert!(
        stdout.contains("next: cd my-guide && prepbook serve"),
        "{stdout}"
    );
    let guide = parent.path().join("my-guide");

    let (code, _, stderr) = run(&guide, &["check", "--deny-warnings"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "check passed: no problems\n");
    let (stdout, stderr) = build_ok(&guide);
    assert!(stderr.is_empty(), "no warnings: {stderr}");
    assert!(stdout.starts_with("built "), "{stdout}");
    let site = Site::new(guide.join("book"));
    assert_eq!(
        texts(&site.doc("index.html"), "title"),
        vec!["My guide".to_string()],
        "the title comes from the folder"
    );
    let question = site.doc("basics/process-vs-thread.html");
    assert!(
        texts(&question, "h1")
            .iter()
            .any(|t| t == "What is the difference between a process and a thread?")
    );
    assert!(site.broken_links().is_empty(), "{:?}", site.broken_links());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let (code, _, stderr) = run(dir.path(), &["init"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(".: error: the folder is not empty (it has `notes.txt`)"),
        "{stderr}"
    );
    assert!(!dir.path().join("book.toml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
        "mine"
    );

    // A fresh repository is empty enough.
    let repo_dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(repo_dir.path().join(".git")).expect("mkdir");
    let (code, _, stderr) = run(repo_dir.path(), &["init"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn new_writes_a_question_that_builds_with_the_standard_headings() {
    let dir = fixture("basic");
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "new",
            "How does asyncio's event loop work?",
            "--section",
            "python",
            "--difficulty",
            "medium",
            "--tags",
            "asyncio,concurrency",
            "--level",
            "mid,senior",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "content/python/how-does-asyncios-event-loop-work.md\n"
    );
    let text = std::fs::read_to_string(
        dir.path()
            .join("content/python/how-does-asyncios-event-loop-work.md"),
    )
    .expect("the file");
    assert!(text.starts_with(
        "---\ntitle: \"How does asyncio's event loop work?\"\ntags: [asyncio, concurrency]\ndifficulty: medium\nlevel: [mid, senior]\n"
    ));

    build_ok(dir.path());
    let page =
        Site::new(dir.path().join("book")).doc("python/how-does-asyncios-event-loop-work.html");
    assert_eq!(
        attrs(&page, "main .prose h2[id]", "id"),
        vec![
            "why-interviewers-ask-this",
            "how-to-answer",
            "example-answer",
            "code-example",
            "pitfalls-and-follow-ups"
        ]
    );
    // Until it is written, check says what is missing.
    let (_, _, stderr) = run(dir.path(), &["check"]);
    assert!(
        stderr.contains(
            "how-does-asyncios-event-loop-work.md:7:1: warning: this question has no summary\n  |\n7 | summary: \"\"\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("warning: the answer is empty"), "{stderr}");
}

#[test]
fn new_never_overwrites_and_explains_bad_sections_and_tags() {
    let dir = fixture("basic");
    let existing = dir.path().join("content/python/gil.md");
    let before = std::fs::read_to_string(&existing).expect("read");
    let (code, _, stderr) = run(dir.path(), &["new", "GIL", "--section", "python"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("content/python/gil.md: error: this file already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), before);

    let (code, _, stderr) = run(
        dir.path(),
        &["new", "What is a metaclass?", "--section", "pyton"],
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("error: there is no section `pyton`\n  = hint: did you mean `python`?"),
        "{stderr}"
    );

    let (code, _, stderr) = run(
        dir.path(),
        &[
            "new",
            "What is a metaclass?",
            "--section",
            "python",
            "--difficulty",
            "meduim",
        ],
    );
    assert_eq!(
        code,
        Some(2),
        "a value clap knows is wrong is a usage error"
    );
    assert!(stderr.contains("'medium'"), "{stderr}");

    // With a tag vocabulary, a tag outside it is refused, with the closest one.
    let vocab = fixture("invalid");
    std::fs::remove_dir_all(vocab.path().join("content/basics")).expect("clean");
    std::fs::create_dir_all(vocab.path().join("content/basics")).expect("mkdir");
    let (code, _, stderr) = run(
        vocab.path(),
        &[
            "new",
            "What is a weak reference?",
            "--section",
            "basics",
            "--tags",
            "memroy",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("error: tag `memroy` is not in the guide's tag vocabulary\n  = hint: did you mean `memory`?"),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(vocab.path().join("content/basics"))
            .expect("list")
            .next()
            .is_none(),
        "nothing written"
    );
}

#[test]
fn new_warns_when_the_title_is_already_asked() {
    let dir = fixture("basic");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["new", "What is the  GIL?", "--section", "databases"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "content/databases/what-is-the-gil.md\n");
    assert!(
        stderr.contains("warning: another page has the same title\n  = hint: `content/python/gil.md` asks the same question"),
        "{stderr}"
    );
}
