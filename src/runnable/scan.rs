//! A page's Python read without rendering it: its runnable examples and its exercise, with the
//! exercise's problems, for `prepbook test`. It reads headings and fences as the renderer does
//! (pulldown-cmark with the same options), so both agree on what a block is.

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::block::CodeBlock;
use super::exercise::{Exercise, Tracker};
use super::fence;
use crate::diagnostics::Diagnostic;

/// The Python of one page.
#[derive(Debug, Default)]
pub struct PageCode {
    /// Every Python block that is not part of an exercise (`norun` ones included).
    pub examples: Vec<CodeBlock>,
    pub exercise: Option<Exercise>,
    /// A malformed exercise.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the Python of the page whose whole text is `text`, its body starting at `body_offset`.
pub fn scan(text: &str, body_offset: usize, path: &Path) -> PageCode {
    let body = text.get(body_offset..).unwrap_or("");
    let mut tracker = Tracker::new(path, text);
    let mut examples = Vec::new();
    // How many blocks are open around the current event: a heading at depth 0 is top level.
    let mut depth = 0usize;
    let mut events = Parser::new_ext(body, crate::markdown::options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let start = body_offset + range.start;
        let end = body_offset + range.end;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let mut heading = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => heading.push_str(&t),
                        _ => {}
                    }
                }
                tracker.heading(level as u8, &heading, depth == 0, start, end);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let CodeBlockKind::Fenced(info) = kind else {
                    continue;
                };
                let Some(fence) = fence::python(&info) else {
                    continue;
                };
                let block = CodeBlock::new(fence, &info, &code, start);
                tracker.block(&block);
                if block.fence.role == fence::Role::Example {
                    examples.push(block);
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let (exercise, diagnostics) = tracker.into_parts();
    PageCode {
        examples,
        exercise,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> PageCode {
        scan(body, 0, Path::new("q.md"))
    }

    const EXERCISE: &str = "Intro.\n\n```python\nprint(1)\n```\n\n## Exercise: add\n\nWrite `add`.\n\n\
        ```python,exercise\ndef add(a, b):\n    return 0\n```\n\n```python,tests\ndef test_add():\n    assert add(1, 2) == 3\n```\n\n\
        ```python,solution\ndef add(a, b):\n    return a + b\n```\n\n## Pitfalls\n\n```python,norun\nx = (\n```\n";

    #[test]
    fn a_page_with_examples_and_an_exercise() {
        let p = page(EXERCISE);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.examples.len(), 2);
        let ex = p.exercise.expect("an exercise");
        assert!(ex.starter.code.contains("return 0"));
        assert!(ex.tests.code.contains("test_add"));
        assert!(ex.solution.code.contains("a + b"));
        assert_eq!(
            &EXERCISE[ex.heading_start..ex.heading_start + 11],
            "## Exercise"
        );
    }

    #[test]
    fn malformed_exercises_are_reported_at_their_line() {
        let p = page("## Exercise\n\n```python,tests\nassert 1\n```\n");
        let lines: Vec<(u32, &str)> = p
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (3, "malformed exercise: tests before the starter code"),
                (
                    1,
                    "the exercise has no ```python,exercise or ```python,tests or ```python,solution block"
                ),
            ]
        );
        let p = page("```python,solution\nx = 1\n```\n");
        assert_eq!(
            p.diagnostics[0].message,
            "a `python,solution` block outside an exercise"
        );
        let twice = EXERCISE.replace("## Pitfalls", "## Exercise");
        let p = page(&twice);
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(
            p.diagnostics[0].message,
            "a question has at most one exercise"
        );
        assert!(p.exercise.is_some());
    }

    #[test]
    fn a_subheading_stays_inside_the_exercise_and_a_sibling_ends_it() {
        let with_hint = EXERCISE.replace("Write `add`.", "Write `add`.\n\n### Hint\n\nUse `+`.");
        let p = page(&with_hint);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert!(p.exercise.is_some());
        let cut = EXERCISE.replace("Write `add`.", "Write `add`.\n\n## Next question");
        let p = page(&cut);
        assert!(p.exercise.is_none());
        let messages: Vec<&str> = p.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the exercise has no ```python,exercise or ```python,tests or ```python,solution block",
                "a `python,exercise` block outside an exercise",
                "a `python,tests` block outside an exercise",
                "a `python,solution` block outside an exercise",
            ]
        );
    }

    #[test]
    fn an_exercise_heading_in_a_list_is_not_one() {
        let p = page("- ## Exercise\n\n  ```python,exercise\n  x = 1\n  ```\n");
        assert_eq!(p.exercise.map(|e| e.heading_start), None);
        assert_eq!(p.diagnostics.len(), 1);
    }
}
