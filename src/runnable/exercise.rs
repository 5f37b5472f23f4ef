//! The exercise format: a heading `Exercise` (or `Exercise: a title`) at the top level of a
//! page, the task in prose, then three Python blocks in this order: the starter code
//! (`python,exercise`), its tests (`python,tests`) and a solution (`python,solution`). The
//! exercise ends at the next heading of its level or above. At most one per page. A
//! [`Tracker`] is fed a page's headings and blocks in order, by the renderer and by
//! `prepbook test` alike, and reports a malformed exercise at its line.

use std::path::Path;

use super::block::{CodeBlock, Run};
use super::fence::Role;
use crate::diagnostics::Diagnostic;

const FORMAT_HINT: &str = "an exercise is a `## Exercise` heading, the task, then a ```python,exercise block (starter code), a ```python,tests block and a ```python,solution block, in that order";

/// A complete exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Byte offsets of its heading in the file's text.
    pub heading_start: usize,
    pub heading_end: usize,
    pub starter: CodeBlock,
    pub tests: CodeBlock,
    pub solution: CodeBlock,
}

impl Exercise {
    /// Where the exercise runs: in the browser when all three blocks can.
    pub fn run(&self) -> Run {
        [&self.starter, &self.tests, &self.solution]
            .iter()
            .map(|b| b.decision.run)
            .max()
            .unwrap_or(Run::Browser)
            .min(Run::Local)
    }

    /// What the exercise imports that the browser runtime lacks.
    pub fn needs(&self) -> Vec<String> {
        let mut needs: Vec<String> = Vec::new();
        for b in [&self.starter, &self.tests, &self.solution] {
            for n in &b.decision.needs {
                if !needs.contains(n) {
                    needs.push(n.clone());
                }
            }
        }
        needs
    }
}

/// Whether a heading's text starts an exercise: `Exercise`, or `Exercise: a title`.
pub fn is_exercise_heading(text: &str) -> bool {
    let t = text.trim();
    let Some(head) = t.get(..8) else {
        return false;
    };
    let rest = &t[8..];
    head.eq_ignore_ascii_case("exercise")
        && (rest.is_empty()
            || rest.starts_with(':')
            || rest.starts_with(" —")
            || rest.starts_with(" –")
            || rest.starts_with(" - "))
}

struct Open {
    level: u8,
    heading_start: usize,
    heading_end: usize,
    starter: Option<CodeBlock>,
    tests: Option<CodeBlock>,
    solution: Option<CodeBlock>,
}

/// What a heading does to the exercise being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeadingStep {
    /// The open exercise ends before this heading.
    pub close: bool,
    /// This heading starts the exercise.
    pub open: bool,
}

/// Follows a page's headings and Python blocks, in order, to find its exercise.
pub struct Tracker<'a> {
    path: &'a Path,
    text: &'a str,
    open: Option<Open>,
    found: Option<Exercise>,
    seen: bool,
    /// The level of a second exercise heading, whose blocks are ignored (it is reported once).
    skipping: Option<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Tracker<'a> {
    /// A tracker for the file at `path` whose whole text is `text`.
    pub fn new(path: &'a Path, text: &'a str) -> Tracker<'a> {
        Tracker {
            path,
            text,
            open: None,
            found: None,
            seen: false,
            skipping: None,
            diagnostics: Vec::new(),
        }
    }

    /// The page's exercise, once read whole.
    pub fn exercise(&self) -> Option<&Exercise> {
        self.found.as_ref()
    }

    /// Whether an exercise is open (the blocks read now belong to it).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// A heading at `start..end`; `top_level` when it is not inside a list or a quote.
    pub fn heading(
        &mut self,
        level: u8,
        text: &str,
        top_level: bool,
        start: usize,
        end: usize,
    ) -> HeadingStep {
        let mut step = HeadingStep::default();
        if self.open.as_ref().is_some_and(|o| level <= o.level) {
            step.close = self.close();
        }
        if self.skipping.is_some_and(|l| level <= l) {
            self.skipping = None;
        }
        if !top_level || !is_exercise_heading(text) {
            return step;
        }
        if self.seen {
            self.diagnostics.push(
                Diagnostic::error(self.path, "a question has at most one exercise")
                    .at_offset(self.text, start, end)
                    .with_hint("move this exercise to a question of its own"),
            );
            self.skipping = Some(level);
            return step;
        }
        self.seen = true;
        self.open = Some(Open {
            level,
            heading_start: start,
            heading_end: end,
            starter: None,
            tests: None,
            solution: None,
        });
        step.open = true;
        step
    }

    /// A Python block; returns whether it belongs to the open exercise.
    pub fn block(&mut self, block: &CodeBlock) -> bool {
        let role = block.fence.role;
        if role == Role::Example || self.skipping.is_some() {
            return self.open.is_some();
        }
        let Some(open) = &mut self.open else {
            let d = Diagnostic::error(
                self.path,
                format!("a `python,{}` block outside an exercise", role.name()),
            )
            .with_hint(FORMAT_HINT);
            self.diagnostics.push(block.diagnostic(d, self.text));
            return false;
        };
        let problem = match role {
            Role::Exercise if open.starter.is_some() => Some("a second starter code block"),
            Role::Exercise if open.tests.is_some() || open.solution.is_some() => {
                Some("the starter code comes after the tests or the solution")
            }
            Role::Tests if open.tests.is_some() => Some("a second tests block"),
            Role::Tests if open.starter.is_none() => Some("tests before the starter code"),
            Role::Tests if open.solution.is_some() => Some("tests after the solution"),
            Role::Solution if open.solution.is_some() => Some("a second solution"),
            Role::Solution if open.starter.is_none() => Some("a solution before the starter code"),
            Role::Solution if open.tests.is_none() => Some("a solution before the tests"),
            _ => None,
        };
        if let Some(problem) = problem {
            let d = Diagnostic::error(self.path, format!("malformed exercise: {problem}"))
                .with_hint(FORMAT_HINT);
            self.diagnostics.push(block.diagnostic(d, self.text));
            return true;
        }
        let slot = match role {
            Role::Exercise => &mut open.starter,
            Role::Tests => &mut open.tests,
            _ => &mut open.solution,
        };
        *slot = Some(block.clone());
        true
    }

    /// The end of the page; returns whether an exercise was open (and now ends).
    pub fn finish(&mut self) -> bool {
        self.open.is_some() && self.close()
    }

    /// The page's exercise, when it has a complete one, and the problems found.
    pub fn into_parts(mut self) -> (Option<Exercise>, Vec<Diagnostic>) {
        self.finish();
        (self.found, self.diagnostics)
    }

    /// Ends the open exercise, reporting the parts it lacks. Returns true.
    fn close(&mut self) -> bool {
        let Some(open) = self.open.take() else {
            return false;
        };
        match (open.starter, open.tests, open.solution) {
            (Some(starter), Some(tests), Some(solution)) => {
                self.found = Some(Exercise {
                    heading_start: open.heading_start,
                    heading_end: open.heading_end,
                    starter,
                    tests,
                    solution,
                });
            }
            (starter, tests, solution) => {
                let lacking: Vec<&str> = [
                    (starter.is_none(), "```python,exercise"),
                    (tests.is_none(), "```python,tests"),
                    (solution.is_none(), "```python,solution"),
                ]
                .into_iter()
                .filter(|(missing, _)| *missing)
                .map(|(_, name)| name)
                .collect();
                self.diagnostics.push(
                    Diagnostic::error(
                        self.path,
                        format!("the exercise has no {} block", lacking.join(" or ")),
                    )
                    .at_offset(self.text, open.heading_start, open.heading_end)
                    .with_hint(FORMAT_HINT),
                );
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_headings_are_recognised() {
        for t in [
            "Exercise",
            "exercise",
            "Exercise: flatten a list",
            "Exercise — LRU",
        ] {
            assert!(is_exercise_heading(t), "{t}");
        }
        for t in ["Exercises and answers", "Exercised", "Code example", "Exer"] {
            assert!(!is_exercise_heading(t), "{t}");
        }
    }
}
