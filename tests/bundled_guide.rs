//! The Python interview guide in `content/`: it builds cleanly, every link and anchor resolves,
//! and its content is consistent (complete front matter, the tag vocabulary, the answer parts).

mod common;

use std::collections::{HashMap, HashSet};

use common::*;
use prepbook::content::{Difficulty, Guide, Kind, Level};
use prepbook::diagnostics::Diagnostics;
use prepbook::progress::Progress;
use prepbook::site::{self, BuildOptions};

fn guide() -> Guide {
    let opts = BuildOptions {
        no_cache: true,
        ..BuildOptions::default()
    };
    let config = site::load_config(&repo(), &opts).expect("book.toml");
    let diags = Diagnostics::default();
    let loaded = site::load(&config, &opts, &diags, &Progress::hidden());
    let problems = diags.take_sorted();
    assert!(
        problems.is_empty(),
        "the bundled guide loads without a warning:\n{}",
        join(&problems)
    );
    loaded.expect("guide").guide
}

fn join(d: &[prepbook::diagnostics::Diagnostic]) -> String {
    d.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn builds_without_warnings_and_every_link_and_anchor_resolves() {
    let out = tempfile::tempdir().expect("temp dir");
    let site_dir = out.path().join("site");
    let result = prepbook(&repo())
        .args(["build", "--no-cache", "--output"])
        .arg(&site_dir)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert_eq!(stderr, "", "no warnings");
    let site = Site::new(&site_dir);
    assert_eq!(site.broken_links(), Vec::<(String, String)>::new());
    assert!(site.pages().len() > 150);
}

#[test]
fn coverage_has_enough_questions_and_sections_of_the_right_size() {
    let g = guide();
    assert!(
        g.question_count() >= 120,
        "{} questions",
        g.question_count()
    );
    let sections: Vec<_> = g.sections.iter().skip(1).collect();
    assert!(sections.len() >= 12, "{} sections", sections.len());
    for s in sections {
        let n = s
            .questions
            .iter()
            .filter(|&&q| g.questions[q].kind == Kind::Question)
            .count();
        // At least 6, so a section is worth its own page; at most 40, so its page stays a list
        // a reader can scan (the live-coding section, by pattern, is the longest).
        assert!(
            (6..=40).contains(&n),
            "section {} has {n} questions",
            s.title
        );
        assert!(
            !s.description.is_empty(),
            "section {} has a description",
            s.title
        );
    }
}

#[test]
fn difficulty_and_level_are_spread() {
    let g = guide();
    let questions: Vec<_> = g
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Question)
        .collect();
    let n = questions.len() as f64;
    let share =
        |d: Difficulty| questions.iter().filter(|q| q.difficulty == Some(d)).count() as f64 / n;
    // A fifth at least at each end: the live-coding problems are mostly of medium difficulty.
    assert!(
        share(Difficulty::Easy) >= 0.2,
        "easy share {}",
        share(Difficulty::Easy)
    );
    assert!(
        share(Difficulty::Hard) >= 0.2,
        "hard share {}",
        share(Difficulty::Hard)
    );
    // A quarter of the questions are for entry-level candidates and a fifth for seniors
    // (a question may be for several levels).
    let level = |l: Level| questions.iter().filter(|q| q.levels.contains(&l)).count() as f64 / n;
    assert!(level(Level::Entry) >= 0.25, "entry {}", level(Level::Entry));
    assert!(
        level(Level::Senior) >= 0.2,
        "senior {}",
        level(Level::Senior)
    );
}

#[test]
fn every_question_has_complete_front_matter_from_the_vocabulary() {
    let g = guide();
    let vocabulary: HashSet<&str> = g
        .config
        .tags
        .vocabulary
        .iter()
        .map(String::as_str)
        .collect();
    assert!(
        !vocabulary.is_empty(),
        "book.toml declares the tag vocabulary"
    );
    let mut titles: HashMap<String, &str> = HashMap::new();
    for q in &g.questions {
        let fm = q.front();
        let path = &q.source.rel;
        assert!(fm.title.is_some(), "{path}: title");
        assert!(
            fm.summary.as_deref().is_some_and(|s| s.len() > 20),
            "{path}: summary"
        );
        assert!((1..=4).contains(&fm.tags.len()), "{path}: 1 to 4 tags");
        for t in &fm.tags {
            assert!(
                vocabulary.contains(t.as_str()),
                "{path}: tag `{t}` not in the vocabulary"
            );
        }
        if q.kind == Kind::Question {
            assert!(q.difficulty.is_some(), "{path}: difficulty");
            assert!(!q.levels.is_empty(), "{path}: level");
            assert!(!q.related.is_empty(), "{path}: related questions");
        }
        if let Some(other) = titles.insert(q.title.to_lowercase(), path) {
            panic!("{path} and {other} have the same title");
        }
    }
    // The same concept is not split over near-duplicate tags.
    let slugs: HashSet<String> = vocabulary.iter().map(|t| t.replace('-', "")).collect();
    assert_eq!(
        slugs.len(),
        vocabulary.len(),
        "tags that differ only by hyphens"
    );
}

#[test]
fn the_vocabulary_has_no_unused_tags() {
    let g = guide();
    let used: HashSet<&str> = g.tags.iter().map(|t| t.slug.as_str()).collect();
    let unused: Vec<&String> = g
        .config
        .tags
        .vocabulary
        .iter()
        .filter(|t| !used.contains(t.as_str()))
        .collect();
    assert!(
        unused.is_empty(),
        "tags declared but never used: {unused:?}"
    );
}

/// The answer parts, in the order content/README.md gives. A problem page may split the last
/// one in two ("Pitfalls", then "Follow-up questions").
const PARTS: [&str; 7] = [
    "Why interviewers ask this",
    "How to answer",
    "Example answer",
    "Code example",
    "Pitfalls and follow-ups",
    "Pitfalls",
    "Follow-up questions",
];

#[test]
fn every_answer_has_its_parts_in_order_and_a_sensible_length() {
    let g = guide();
    for q in g.questions.iter().filter(|q| q.kind == Kind::Question) {
        let path = &q.source.rel;
        let h2: Vec<&str> = q
            .body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| h.text.as_str())
            .collect();
        let parts: Vec<&str> = h2.iter().copied().filter(|h| PARTS.contains(h)).collect();
        let expected: Vec<&str> = PARTS
            .iter()
            .copied()
            .filter(|p| parts.contains(p))
            .collect();
        assert_eq!(parts, expected, "{path}: parts out of order");
        for required in [
            "Why interviewers ask this",
            "How to answer",
            "Example answer",
        ] {
            assert!(parts.contains(&required), "{path}: missing `{required}`");
        }
        assert!(
            parts.contains(&"Pitfalls and follow-ups")
                || (parts.contains(&"Pitfalls") && parts.contains(&"Follow-up questions")),
            "{path}: missing `Pitfalls and follow-ups` (or `Pitfalls` and `Follow-up questions`)"
        );
        assert!(
            !q.prompt_html().trim().is_empty(),
            "{path}: opening text before the answer"
        );
        let words = q.body.text.split_whitespace().count();
        // Long enough to answer, short enough to reread before an interview; a live-coding
        // problem also carries its statement, complexity and exercise.
        assert!((250..=1200).contains(&words), "{path}: {words} words");
    }
}

#[test]
fn the_guide_has_its_articles() {
    let g = guide();
    let articles: Vec<&str> = g
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Article)
        .map(|q| q.slug.as_str())
        .collect();
    for slug in [
        "how-to-use-this-guide",
        "two-week-study-plan",
        "six-week-study-plan",
        "thinking-aloud-in-live-coding",
    ] {
        assert!(articles.contains(&slug), "article {slug}");
    }
}
