//! `prepbook build` after an edit patches the last build's site. Whatever it does, the site and
//! the warnings must be exactly those of a clean build of the edited guide; these tests make an
//! edit of each kind and compare the two, file by file.

mod common;

use std::path::Path;

use common::{copy_dir, files, fixture, prepbook, replace_in, repo};

/// A copy of the bundled guide, built once (so the next build has a saved state to start from).
fn bundled() -> tempfile::TempDir {
    let dir = bundled_unbuilt();
    build(dir.path(), &[]).expect("the bundled guide builds");
    dir
}

fn bundled_unbuilt() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).expect("copy");
    dir
}

#[derive(Debug)]
struct Run {
    stdout: String,
    stderr: String,
}

/// `prepbook build` with `args`: Ok when it succeeds, Err when it fails (a panic is neither).
fn build(dir: &Path, args: &[&str]) -> Result<Run, Run> {
    let out = prepbook(dir)
        .arg("build")
        .args(args)
        .output()
        .expect("run prepbook");
    let run = Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    match out.status.code() {
        Some(0) => Ok(run),
        Some(1) => Err(run),
        other => panic!("exit status {other:?}:\n{}", run.stderr),
    }
}

/// Asserts the site in `book/` is, file for file, a clean build of the guide as it is now, and
/// that `warnings` are the clean build's warnings.
fn assert_same_as_clean_build(dir: &Path, warnings: &str) {
    let clean = tempfile::tempdir().expect("temp dir");
    let out = clean.path().join("site");
    let run = build(
        dir,
        &["--no-cache", "--output", out.to_str().expect("utf-8 path")],
    )
    .unwrap_or_else(|r| panic!("the clean build fails:\n{}", r.stderr));
    assert_eq!(
        warnings, run.stderr,
        "the warnings differ from a clean build's"
    );
    let patched = files(&dir.join("book"));
    let whole = files(&out);
    let only_patched: Vec<_> = patched.keys().filter(|k| !whole.contains_key(*k)).collect();
    let only_whole: Vec<_> = whole.keys().filter(|k| !patched.contains_key(*k)).collect();
    assert!(
        only_patched.is_empty() && only_whole.is_empty(),
        "files only in the patched site: {only_patched:?}; only in the clean one: {only_whole:?}"
    );
    let differ: Vec<_> = patched
        .iter()
        .filter(|(k, v)| whole.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ from a clean build: {differ:?}"
    );
}

const BFS: &str = "content/algorithms/bfs-and-dfs.md";

/// Makes `change` to the bundled guide, builds, and checks the result against a clean build.
/// Returns the summary line.
fn after(change: impl FnOnce(&Path)) -> String {
    after_with_warnings(change).stdout
}

fn after_with_warnings(change: impl FnOnce(&Path)) -> Run {
    let dir = bundled();
    change(dir.path());
    let run = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert_same_as_clean_build(dir.path(), &run.stderr);
    run
}

fn patched(summary: &str) -> bool {
    summary.contains("(an edit: ")
}

/// "N questions" as the bundled guide, unedited, counts them (its own build's summary).
fn bundled_questions() -> usize {
    let dir = bundled_unbuilt();
    let run = build(dir.path(), &["--no-cache"]).expect("the bundled guide builds");
    let line = format!("{}{}", run.stdout, run.stderr);
    line.split(" questions")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no question count in {line}"))
}

#[test]
fn a_prose_edit_is_patched_in_and_matches_a_clean_build() {
    let summary = after(|dir| {
        replace_in(
            &dir.join(BFS),
            "## Pitfalls and follow-ups",
            "A new sentence about queues.\n\n## Pitfalls and follow-ups",
        )
    });
    assert!(patched(&summary), "{summary}");
    let n = bundled_questions();
    assert!(summary.contains(&format!("{n} questions")), "{summary}");
}

#[test]
fn a_summary_edit_updates_every_page_that_lists_the_question() {
    let summary =
        after(|dir| replace_in(&dir.join(BFS), "summary: \"BFS", "summary: \"Breadth-first"));
    assert!(patched(&summary), "{summary}");
}

#[test]
fn a_difficulty_edit_moves_the_question_between_difficulty_pages() {
    let summary = after(|dir| replace_in(&dir.join(BFS), "difficulty: medium", "difficulty: hard"));
    assert!(patched(&summary), "{summary}");
}

#[test]
fn a_tag_edit_within_the_existing_tags_is_patched_in() {
    let summary = after(|dir| {
        replace_in(
            &dir.join(BFS),
            "tags: [algorithms, graphs",
            "tags: [algorithms, performance, graphs",
        )
    });
    assert!(patched(&summary), "{summary}");
}

#[test]
fn a_new_warning_is_reported_with_the_old_ones() {
    let dir = bundled_unbuilt();
    let broken_link = |file: &str, target: &str| {
        replace_in(
            &dir.path().join(file),
            "## Pitfalls and follow-ups",
            &format!("See [the missing page]({target}).\n\n## Pitfalls and follow-ups"),
        )
    };
    broken_link("content/oop/mro-and-c3.md", "old-missing.md");
    let first = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert!(
        first.stderr.contains("`old-missing.md`"),
        "{}",
        first.stderr
    );
    broken_link(BFS, "new-missing.md");
    let run = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert!(patched(&run.stdout), "{}", run.stdout);
    assert!(
        run.stderr.contains("`old-missing.md`") && run.stderr.contains("`new-missing.md`"),
        "{}",
        run.stderr
    );
    assert_same_as_clean_build(dir.path(), &run.stderr);
}

#[test]
fn a_renamed_heading_rebuilds_the_whole_guide() {
    // Other pages may link to the old heading's anchor: only a whole build checks them all.
    let summary = after(|dir| {
        replace_in(
            &dir.join(BFS),
            "## Pitfalls and follow-ups",
            "## Traps and follow-ups",
        )
    });
    assert!(!patched(&summary), "{summary}");
}

#[test]
fn a_new_question_rebuilds_the_whole_guide() {
    let summary = after(|dir| {
        std::fs::write(
            dir.join("content/algorithms/new-one.md"),
            "---\ntitle: A new question?\ndifficulty: easy\nsummary: Short.\n---\n\nText.\n\n## Answer\n\nMore.\n",
        )
        .expect("write")
    });
    assert!(!patched(&summary), "{summary}");
    let n = bundled_questions() + 1;
    assert!(summary.contains(&format!("{n} questions")), "{summary}");
}

#[test]
fn an_edited_image_is_copied_again() {
    let dir = fixture("basic");
    build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    let svg = dir.path().join("content/python/img/diagram.svg");
    replace_in(&svg, "<svg", "<!-- redrawn -->\n<svg");
    let run = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert!(patched(&run.stdout), "{}", run.stdout);
    assert_same_as_clean_build(dir.path(), &run.stderr);
    let copied = std::fs::read_to_string(dir.path().join("book/python/img/diagram.svg"));
    assert!(copied.expect("copied").contains("redrawn"));
}

#[test]
fn a_broken_edit_fails_leaving_the_site_as_it_was_and_its_fix_is_patched_in() {
    let dir = bundled();
    let before = files(&dir.path().join("book"));
    replace_in(
        &dir.path().join(BFS),
        "difficulty: medium",
        "difficulty: tricky",
    );
    let failed = build(dir.path(), &[]).expect_err("an unknown difficulty is an error");
    let clean = build(dir.path(), &["--no-cache", "--output", "elsewhere"])
        .expect_err("a clean build fails too");
    assert_eq!(
        failed.stderr, clean.stderr,
        "the same diagnostics as a clean build"
    );
    assert!(
        failed.stderr.contains("bfs-and-dfs.md:"),
        "{}",
        failed.stderr
    );
    assert!(
        files(&dir.path().join("book")) == before,
        "a failed build leaves the site as it was"
    );
    // The clean build above dropped the record of the site in book/, so build once more first.
    replace_in(
        &dir.path().join(BFS),
        "difficulty: tricky",
        "difficulty: medium",
    );
    build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    replace_in(
        &dir.path().join(BFS),
        "difficulty: medium",
        "difficulty: tricky",
    );
    build(dir.path(), &[]).expect_err("still an error");
    replace_in(
        &dir.path().join(BFS),
        "difficulty: tricky",
        "difficulty: easy",
    );
    let fixed = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert!(patched(&fixed.stdout), "{}", fixed.stdout);
    assert_same_as_clean_build(dir.path(), &fixed.stderr);
}

#[test]
fn a_damaged_saved_state_means_a_whole_build() {
    let summary = after(|dir| {
        let state = dir.join(".prepbook-cache/guide-state.bin");
        let mut bytes = std::fs::read(&state).expect("the build saved its state");
        let middle = bytes.len() / 2;
        bytes.truncate(middle);
        std::fs::write(&state, bytes).expect("write");
        replace_in(&dir.join(BFS), "summary: \"BFS", "summary: \"Breadth-first");
    });
    assert!(!patched(&summary), "{summary}");
}

#[test]
fn a_site_written_by_a_clean_build_since_is_not_patched() {
    // `--no-cache` into the same folder leaves no record; a later edit must not be patched onto
    // whatever that build wrote as if it were the saved state's site.
    let dir = bundled();
    replace_in(
        &dir.path().join(BFS),
        "difficulty: medium",
        "difficulty: hard",
    );
    build(dir.path(), &["--no-cache"]).unwrap_or_else(|r| panic!("{}", r.stderr));
    replace_in(
        &dir.path().join(BFS),
        "difficulty: hard",
        "difficulty: medium",
    );
    let run = build(dir.path(), &[]).unwrap_or_else(|r| panic!("{}", r.stderr));
    assert!(!run.stdout.contains("(up to date)"), "{}", run.stdout);
    assert_same_as_clean_build(dir.path(), &run.stderr);
}
