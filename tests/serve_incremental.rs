//! `serve`'s incremental rebuild: after an edit to a question, the patched site is byte for byte
//! the site a full build of the edited guide makes (pages, search index, everything); an edit
//! that reaches further asks for a full build; a broken edit changes nothing.

mod common;

use std::path::Path;

use common::*;
use prepbook::build;
use prepbook::edit::{self, Edited};
use prepbook::site::BuildOptions;

const GIL: &str = "python/gil.md";

fn edit_file(dir: &Path, rel: &str, from: &str, to: &str) {
    replace_in(&dir.join("content").join(rel), from, to);
}

/// What an edit came to.
#[derive(Debug)]
enum Patched {
    /// Patched, and this many pages rendered again.
    Pages(usize),
    NeedsFullBuild(String),
}

/// Patches `rel` in and, when that works, puts the files in place.
fn edit_and_apply(kept: &mut edit::Kept, rel: &str, out: &Path) -> Result<Patched, edit::Failed> {
    edit_all_and_apply(kept, &[rel], out)
}

/// Patches `rels`, saved in one burst, in and puts the files in place.
fn edit_all_and_apply(
    kept: &mut edit::Kept,
    rels: &[&str],
    out: &Path,
) -> Result<Patched, edit::Failed> {
    let rels: Vec<String> = rels.iter().map(|r| r.to_string()).collect();
    match edit::edit(kept, &rels, &[], out)? {
        Edited::Done { patch, pages, .. } => {
            patch.apply().expect("the files go into place");
            Ok(Patched::Pages(pages))
        }
        Edited::NeedsFullBuild(why) => Ok(Patched::NeedsFullBuild(why)),
    }
}

fn opts() -> BuildOptions {
    BuildOptions {
        no_cache: true,
        ..BuildOptions::default()
    }
}

/// Builds the basic fixture, edits `GIL`, patches the site; returns what the patch said, with
/// the patched site and a fresh full build of the edited guide.
fn patch(from: &str, to: &str) -> (Patched, Files, Option<Files>) {
    let dir = fixture("basic");
    let (mut kept, report) =
        edit::full(dir.path(), &opts(), &|publish| publish()).expect("the fixture builds");
    edit_file(dir.path(), GIL, from, to);
    let edited = edit_and_apply(&mut kept, GIL, &report.output)
        .unwrap_or_else(|f| panic!("the edit builds: {:?}", f.diagnostics));
    let patched = files(&report.output);
    let fresh_dir = tempfile::tempdir().expect("temp dir");
    let fresh_out = fresh_dir.path().join("site");
    let fresh = build::build(
        dir.path(),
        &BuildOptions {
            output: Some(fresh_out.clone()),
            ..opts()
        },
        &prepbook::progress::Progress::hidden(),
    )
    .ok()
    .map(|_| files(&fresh_out));
    (edited, patched, fresh)
}

fn assert_same_as_full_build(from: &str, to: &str) -> usize {
    let (edited, patched, fresh) = patch(from, to);
    let Patched::Pages(pages) = edited else {
        panic!("`{from}` -> `{to}` should be patched in place, got {edited:?}");
    };
    let fresh = fresh.expect("the edited guide builds");
    assert_eq!(
        patched.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &fresh {
        assert!(
            patched.get(path) == Some(bytes),
            "`{from}` -> `{to}`: {path} differs from a full build"
        );
    }
    pages
}

#[test]
fn a_body_edit_rewrites_only_the_question_page() {
    let pages = assert_same_as_full_build(
        "Reference counting is not thread-safe",
        "Reference counting alone is not thread-safe",
    );
    // Lists show the question's card, which did not change: only its own page is rendered.
    assert_eq!(pages, 1);
}

#[test]
fn a_summary_edit_rewrites_the_pages_that_list_the_question() {
    let pages = assert_same_as_full_build(
        "summary: A lock that lets",
        "summary: The interpreter lock that lets",
    );
    // The question, its neighbour, its section, home, the tags index, 2 tags, 1 difficulty,
    // and the question that names it as related.
    assert!((5..19).contains(&pages), "{pages} pages of 19");
}

#[test]
fn summary_title_difficulty_and_related_edits_match_a_full_build() {
    for (from, to) in [
        (
            "summary: A lock that lets",
            "summary: The interpreter lock that lets",
        ),
        ("title: What is the GIL?", "title: What is the GIL, really?"),
        ("difficulty: Medium", "difficulty: hard"),
        (
            "related: [decorators, ../databases/indexes]",
            "related: [decorators]",
        ),
        ("level: [mid, senior]", "level: entry"),
        (
            "tags: [Concurrency, cpython]",
            "tags: [Concurrency, cpython, functions]",
        ),
        ("## Why it exists", "## Why it is there"),
    ] {
        assert_same_as_full_build(from, to);
    }
}

#[test]
fn questions_saved_in_one_burst_are_patched_together() {
    let dir = fixture("basic");
    let (mut kept, report) = edit::full(dir.path(), &opts(), &|publish| publish()).expect("builds");
    edit_file(dir.path(), GIL, "summary: A lock", "summary: A global lock");
    edit_file(
        dir.path(),
        "python/decorators.md",
        "A classic warm-up question.",
        "A classic warm-up question about wrappers.",
    );
    let patched = edit_all_and_apply(&mut kept, &[GIL, "python/decorators.md"], &report.output)
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    assert!(matches!(patched, Patched::Pages(_)), "{patched:?}");
    let fresh_dir = tempfile::tempdir().expect("temp dir");
    let fresh_out = fresh_dir.path().join("site");
    build::build(
        dir.path(),
        &BuildOptions {
            output: Some(fresh_out.clone()),
            ..opts()
        },
        &prepbook::progress::Progress::hidden(),
    )
    .expect("builds");
    assert_eq!(files(&report.output), files(&fresh_out));
}

#[test]
fn an_edited_file_beside_the_pages_is_copied_again() {
    let dir = fixture("basic");
    let (mut kept, report) = edit::full(dir.path(), &opts(), &|publish| publish()).expect("builds");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>new</title></svg>";
    std::fs::write(dir.path().join("content/python/img/diagram.svg"), svg).expect("write");
    let edited = edit::edit(
        &mut kept,
        &[],
        &["python/img/diagram.svg".to_string()],
        &report.output,
    )
    .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let Edited::Done {
        patch,
        pages,
        files,
        ..
    } = edited
    else {
        panic!("{edited:?}");
    };
    assert_eq!((pages, files), (0, 1));
    patch.apply().expect("apply");
    assert_eq!(
        std::fs::read_to_string(report.output.join("python/img/diagram.svg")).expect("read"),
        svg
    );
}

#[test]
fn edits_that_reach_further_ask_for_a_full_build() {
    for (from, to) in [
        ("weight: 1", "weight: 5"),
        ("weight: 1", "weight: 1\nslug: global-lock"),
        (
            "tags: [Concurrency, cpython]",
            "tags: [Concurrency, cpython, brand-new]",
        ),
        (
            "tags: [Concurrency, cpython]",
            "tags: [concurrency, cpython]",
        ),
        ("weight: 1", "weight: 1\nkind: article"),
        ("weight: 1", "weight: 1\ndraft: true"),
    ] {
        let (edited, _, _) = patch(from, to);
        assert!(
            matches!(&edited, Patched::NeedsFullBuild(why) if !why.is_empty()),
            "`{from}` -> `{to}`: {edited:?}"
        );
    }
}

#[test]
fn a_broken_edit_reports_its_errors_and_leaves_the_site_alone() {
    let dir = fixture("basic");
    let (mut kept, report) = edit::full(dir.path(), &opts(), &|publish| publish()).expect("builds");
    let before = files(&report.output);
    edit_file(dir.path(), GIL, "difficulty: Medium", "difficulty: meduim");
    let failed = edit_and_apply(&mut kept, GIL, &report.output)
        .expect_err("an unknown difficulty is an error");
    assert!(!failed.kept_is_stale);
    let shown: Vec<String> = failed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{}:{}:{}: {}",
                d.path.display(),
                d.line,
                d.column,
                d.message
            )
        })
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].ends_with("python/gil.md:4:13: unknown difficulty `meduim`"),
        "{shown:?}"
    );
    assert_eq!(files(&report.output), before, "the site is untouched");

    // Fixed, it patches in again.
    edit_file(dir.path(), GIL, "difficulty: meduim", "difficulty: easy");
    let edited = edit_and_apply(&mut kept, GIL, &report.output)
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    assert!(matches!(edited, Patched::Pages(_)), "{edited:?}");
    let site = Site::new(&report.output);
    assert_eq!(
        texts(&site.doc("difficulty/easy.html"), "main li a")
            .iter()
            .filter(|t| t.contains("What is the GIL?"))
            .count(),
        1
    );
}

#[test]
fn large_edits_in_the_bundled_guide_match_a_full_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).expect("copy");
    let rel = "concurrency/asyncio-event-loop.md";
    let (mut kept, report) =
        edit::full(dir.path(), &opts(), &|publish| publish()).expect("the guide builds");
    let path = dir.path().join("content").join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    let cut = text.find("## Why interviewers ask this").expect("heading");
    let end = text.find("## How to answer").expect("heading");
    // Words appear and disappear from the search index, some outside ASCII (hashed shards),
    // and `asyncio` is a big shard group.
    let words = format!(
        "{}## Why interviewers ask this\n\nQuizzically zealous überschedulers in Zürich run 事件循环 \
         loops; asyncioish xylophonic words too.\n\n{}",
        &text[..cut],
        &text[end..]
    );
    // A question bigger than a study chunk on its own: the chunks after it move.
    let long = format!(
        "{text}\n## Further reading\n\n{}\n",
        "Every coroutine gets a turn on the loop. ".repeat(1500)
    );
    for edited in [words, long] {
        std::fs::write(&path, edited).expect("write");
        let patched = edit_and_apply(&mut kept, rel, &report.output)
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        assert!(matches!(patched, Patched::Pages(_)), "{patched:?}");
        let fresh_dir = tempfile::tempdir().expect("temp dir");
        let fresh_out = fresh_dir.path().join("site");
        build::build(
            dir.path(),
            &BuildOptions {
                output: Some(fresh_out.clone()),
                ..opts()
            },
            &prepbook::progress::Progress::hidden(),
        )
        .expect("the edited guide builds");
        let (patched, fresh) = (files(&report.output), files(&fresh_out));
        let differ: Vec<&String> = fresh
            .iter()
            .filter(|(p, b)| patched.get(*p) != Some(*b))
            .map(|(p, _)| p)
            .collect();
        assert!(differ.is_empty(), "differ from a full build: {differ:?}");
        assert_eq!(
            patched.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "the same files"
        );
    }
}
