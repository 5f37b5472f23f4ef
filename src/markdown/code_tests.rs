//! The markup of runnable blocks and exercises, checked by parsing the rendered HTML.

use std::path::Path;

use scraper::{Html, Selector};

use super::*;
use crate::config::HighlightConfig;
use crate::highlight::HighlightCache;

struct NoPages;

impl Resolve for NoPages {
    fn page_url(&self, _: &str) -> Option<String> {
        None
    }
    fn asset_url(&self, _: &str) -> Option<String> {
        None
    }
}

fn render_md(text: &str) -> Rendered {
    let hl =
        Highlighter::new(&HighlightConfig::default(), HighlightCache::disabled()).expect("themes");
    let input = MarkdownInput {
        text,
        body_offset: 0,
        path: Path::new("q.md"),
        rel: "q.md",
        page_url: "basics/q.html",
        title: Some("Title"),
        answer_headings: &[],
    };
    render(&input, &NoPages, &hl)
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    html.select(&Selector::parse(css).expect("selector"))
        .collect()
}

fn attr<'e>(e: &scraper::ElementRef<'e>, name: &str) -> Option<&'e str> {
    e.value().attr(name)
}

#[test]
fn python_blocks_say_where_they_run_and_carry_their_source() {
    let r = render_md(
        "```python\nif a < b and c > \"d\" & e:\n    print('<x>')\n```\n\n\
         ```python\nimport django\n```\n\n```python,norun\nx = (\n```\n\n```bash\nls\n```\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.browser_blocks, 1);
    let html = Html::parse_fragment(&r.html);
    let blocks = select(&html, "div.code-block");
    let runs: Vec<Option<&str>> = blocks.iter().map(|b| attr(b, "data-run")).collect();
    assert_eq!(runs, [Some("browser"), Some("local"), Some("no"), None]);
    let langs: Vec<Option<&str>> = blocks.iter().map(|b| attr(b, "data-lang")).collect();
    assert_eq!(
        langs,
        [Some("python"), Some("python"), Some("python"), Some("bash")]
    );
    // The source comes back exactly as written, quotes and angle brackets included.
    assert_eq!(
        attr(&blocks[0], "data-source"),
        Some("if a < b and c > \"d\" & e:\n    print('<x>')\n")
    );
    assert_eq!(attr(&blocks[0], "data-role"), Some("example"));
    assert_eq!(attr(&blocks[1], "data-source"), None);
    assert_eq!(attr(&blocks[1], "data-needs"), Some("django"));
    let note = select(&html, "div.code-block .code-note");
    assert_eq!(note.len(), 1);
    assert_eq!(
        note[0].text().collect::<String>(),
        "Needs a local Python with django"
    );
}

const EXERCISE: &str = "Question text.\n\n## How to answer\n\nProse.\n\n## Exercise: add two numbers\n\nWrite `add`.\n\n\
    ```python,exercise\ndef add(a, b):\n    return 0\n```\n\n```python,tests\ndef test_add():\n    assert add(2, 3) == 5\n```\n\n\
    ```python,solution\ndef add(a, b):\n    return a + b\n```\n\n## Pitfalls\n\nMore.\n";

#[test]
fn an_exercise_is_a_section_with_its_tests_and_solution_folded() {
    let r = render_md(EXERCISE);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert!(r.has_exercise);
    assert_eq!(r.browser_blocks, 3);
    let html = Html::parse_fragment(&r.html);
    let sections = select(&html, "section.exercise");
    assert_eq!(sections.len(), 1);
    let section = &sections[0];
    assert_eq!(attr(section, "data-run"), Some("browser"));
    assert_eq!(attr(section, "data-exercise"), Some("basics/q.html"));
    // The heading, the task and the three blocks are inside; the next heading is not.
    let inner = Html::parse_fragment(&section.html());
    assert_eq!(select(&inner, "h2").len(), 1);
    assert!(section.text().collect::<String>().contains("Write add."));
    let roles: Vec<Option<&str>> = select(&inner, "div.code-block")
        .iter()
        .map(|b| attr(b, "data-role"))
        .collect();
    assert_eq!(roles, [Some("exercise"), Some("tests"), Some("solution")]);
    for (class, summary) in [
        ("exercise-tests", "Tests"),
        ("exercise-solution", "Solution"),
    ] {
        let details = select(&inner, &format!("details.{class}"));
        assert_eq!(details.len(), 1, "{class}");
        assert_eq!(attr(&details[0], "open"), None, "{class} starts closed");
        let s = select(&inner, &format!("details.{class} > summary"));
        assert_eq!(s[0].text().collect::<String>(), summary);
    }
    assert!(!section.html().contains("Pitfalls"));
    // The solution's names are not searchable; the starter's are.
    assert!(!r.code_identifiers.iter().any(|i| i == "test_add"));
}

#[test]
fn the_exercise_stays_whole_on_one_side_of_study_modes_split() {
    let r = render_md(EXERCISE);
    let start = r.answer_start.expect("the answer starts at a heading");
    let (prompt, answer) = r.html.split_at(start);
    assert!(!prompt.contains("<section"));
    assert_eq!(answer.matches("<section").count(), 1);
    assert_eq!(answer.matches("</section>").count(), 1);
    // An exercise that is the first heading starts the answer; the section opens after the
    // split.
    let r = render_md(&EXERCISE.replace("## How to answer\n\nProse.\n\n", ""));
    let start = r.answer_start.expect("answer");
    assert!(r.html[start..].starts_with("<section class=\"exercise\""));
}

#[test]
fn a_malformed_exercise_is_an_error_and_never_runs() {
    let r = render_md(&EXERCISE.replace("```python,tests", "```python,solution"));
    let errors: Vec<(u32, &str)> = r
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (16, "malformed exercise: a solution before the tests"),
            (21, "malformed exercise: a solution before the tests"),
            (
                7,
                "the exercise has no ```python,tests or ```python,solution block"
            ),
        ]
    );
    let html = Html::parse_fragment(&r.html);
    assert_eq!(
        attr(&select(&html, "section.exercise")[0], "data-run"),
        Some("no")
    );
}

#[test]
fn unknown_fence_options_are_warnings_at_the_fence() {
    let r = render_md("Text.\n\n```python,nrun\nx = 1\n```\n");
    assert_eq!(r.diagnostics.len(), 1);
    let d = &r.diagnostics[0];
    assert_eq!((d.line, d.column), (3, 1));
    assert!(d.message.contains("unknown option `nrun`"), "{}", d.message);
    assert!(!d.is_error());
}
