//! `prepbook check` on a translated guide (the `bilingual` fixture): a translation whose
//! difficulty, level, tags or related questions differ from its original's is warned at its own
//! line of that field; a translation older than its original is warned, by git history when the
//! guide is in a repository, else by modification time, and the hint says which; a translation
//! without an original is warned. All are warnings: the check still passes.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::*;
use serde_json::Value;

/// `check --format json`'s diagnostics, and whether it passed.
fn check(dir: &Path) -> (bool, Vec<Value>) {
    let out = prepbook(dir)
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (out.status.success(), lines)
}

/// The diagnostics about `path`, as (line, message, hint).
fn about(diags: &[Value], path: &str) -> Vec<(u64, String, String)> {
    diags
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            (
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const ZH: &str = "content/python/gil.zh.md";

fn set_modified(path: &Path, time: SystemTime) {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .expect("open");
    file.set_modified(time).expect("set the modification time");
}

/// The fixture with the translation's files' times in order (a copy writes them in any order).
fn fixture_in_order() -> tempfile::TempDir {
    let dir = fixture("bilingual");
    let now = SystemTime::now();
    for entry in walkdir::WalkDir::new(dir.path().join("content")) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            set_modified(entry.path(), now - Duration::from_secs(3600));
        }
    }
    dir
}

#[test]
fn a_translation_that_agrees_with_its_original_is_not_reported() {
    let dir = fixture_in_order();
    // The same tag and the same related question, written another way.
    let zh = dir.path().join(ZH);
    replace_in(&zh, "tags: [concurrency]", "tags: [Concurrency]");
    replace_in(&zh, "related: [decorators]", "related: [decorators.md]");
    let (passed, diags) = check(dir.path());
    assert!(passed);
    assert_eq!(about(&diags, ZH), vec![], "{diags:?}");
}

#[test]
fn fields_that_differ_are_warned_at_the_translations_line_of_each() {
    let dir = fixture_in_order();
    let zh = dir.path().join(ZH);
    replace_in(&zh, "difficulty: medium", "difficulty: hard");
    replace_in(&zh, "tags: [concurrency]\n", "");
    replace_in(&zh, "level: mid", "level: [mid, senior]");
    replace_in(
        &zh,
        "related: [decorators]",
        "related: [../databases/indexes.md]",
    );
    let text = std::fs::read_to_string(&zh).expect("read");
    let line_of = |start: &str| {
        1 + text
            .lines()
            .position(|l| l.starts_with(start))
            .expect("a line") as u64
    };
    let (passed, diags) = check(dir.path());
    assert!(passed, "differences are warnings");
    let mut found = about(&diags, ZH);
    found.sort();
    let closing = 1 + text.lines().skip(1).position(|l| l == "---").expect("---") as u64 + 1;
    let lines: Vec<u64> = found.iter().map(|f| f.0).collect();
    assert_eq!(
        lines,
        vec![
            line_of("difficulty:"),
            line_of("level:"),
            line_of("related:"),
            closing
        ],
        "{found:#?}"
    );
    let difficulty = &found[0];
    assert!(
        difficulty
            .1
            .contains("`hard` here, `medium` in `content/python/gil.md`"),
        "{difficulty:?}"
    );
    assert!(
        difficulty.2.starts_with("write `difficulty: medium`"),
        "{difficulty:?}"
    );
    assert!(found[1].1.contains("`mid`, `senior` here"), "{found:?}");
    assert!(
        found[2]
            .1
            .contains("`databases/indexes.md` here, `python/decorators.md`"),
        "{found:?}"
    );
    // A field the translation leaves out is warned at the end of its front matter.
    assert!(found[3].1.starts_with("`tags` differs"), "{found:?}");
    assert!(
        found[3].2.starts_with("write `tags: [concurrency]`"),
        "{found:?}"
    );
}

#[test]
fn a_translation_older_than_its_original_is_warned_by_modification_time() {
    let dir = fixture_in_order();
    let now = SystemTime::now();
    set_modified(&dir.path().join("content/python/gil.md"), now);
    let (passed, diags) = check(dir.path());
    assert!(passed);
    let found = about(&diags, ZH);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 1);
    assert_eq!(
        found[0].1,
        "this translation is older than its original `content/python/gil.md`"
    );
    assert!(
        found[0]
            .2
            .starts_with("by modification time (the guide is not in a git repository)"),
        "{found:?}"
    );
    assert!(found[0].2.contains("60 minutes after"), "{found:?}");
    // The section page's translation is timed the same way.
    set_modified(&dir.path().join("content/python/_index.md"), now);
    let (_, diags) = check(dir.path());
    assert_eq!(about(&diags, "content/python/_index.zh.md").len(), 1);

    // Brought up to date.
    set_modified(&dir.path().join(ZH), now);
    let (_, diags) = check(dir.path());
    assert_eq!(about(&diags, ZH), vec![]);
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn a_translation_older_than_its_original_is_warned_by_git_history() {
    let has_git = Command::new("git").arg("--version").output().is_ok();
    if !require(has_git, "git is not installed") {
        return;
    }
    // Modification times alone would call the translation newer.
    let dir = fixture("bilingual");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "a guide in two languages"]);
    let (_, diags) = check(dir.path());
    assert_eq!(about(&diags, ZH), vec![], "one commit: nothing is older");

    let translated = git(dir.path(), &["rev-parse", "--short", "HEAD"]);
    let original = dir.path().join("content/python/gil.md");
    replace_in(
        &original,
        "protects reference counts.",
        "protects reference counts, and 3.13 can go without it.",
    );
    git(
        dir.path(),
        &["commit", "-qam", "the GIL is optional in 3.13"],
    );
    set_modified(&original, SystemTime::now() - Duration::from_secs(86400));
    let (passed, diags) = check(dir.path());
    assert!(passed);
    let found = about(&diags, ZH);
    assert_eq!(found.len(), 1, "{found:?}");
    let hint = &found[0].2;
    assert!(hint.starts_with("by git history"), "{hint}");
    assert!(
        hint.contains(&format!("git diff {translated} -- content/python/gil.md")),
        "{hint}"
    );

    // A translation being brought up to date (uncommitted, saved now) is not older.
    replace_in(
        &dir.path().join(ZH),
        "保护引用计数。",
        "保护引用计数，3.13 可以不用它。",
    );
    let (_, diags) = check(dir.path());
    assert_eq!(about(&diags, ZH), vec![]);
}

#[test]
fn a_translation_without_an_original_is_warned_by_check() {
    let dir = fixture_in_order();
    std::fs::write(
        dir.path().join("content/python/slots.zh.md"),
        "---\ntitle: 什么是 __slots__？\n---\n\n回答。\n",
    )
    .expect("write");
    let (passed, diags) = check(dir.path());
    assert!(passed);
    let found = about(&diags, "content/python/slots.zh.md");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("`python/slots.md` does not exist"),
        "{found:?}"
    );
}
