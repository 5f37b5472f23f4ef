//! Testing one exercise: its solution must pass its tests, and its starter code must fail them
//! (tests that pass on the starter test nothing). Each run goes through the exercise runner
//! (`exercise_runner.py`, beside this file), whose JSON report names every failing test.

use std::time::Duration;

use serde::Deserialize;

use super::process::{self, Outcome};
use crate::config::Command;
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::runnable::{CodeBlock, Exercise};

/// The runner, written beside the exercise's files for each run.
pub const RUNNER: &str = include_str!("exercise_runner.py");
const RUNNER_FILE: &str = "prepbook_exercise_runner.py";
const MARKER: &str = "PREPBOOK-RESULTS ";

/// What the runner reports.
#[derive(Debug, Deserialize)]
struct Report {
    error: Option<String>,
    stage: Option<String>,
    results: Vec<TestResult>,
}

#[derive(Debug, Deserialize)]
struct TestResult {
    name: String,
    passed: bool,
    message: String,
}

/// A run that did not produce a report.
enum Broken {
    TimedOut,
    NoReport(String),
    CannotRun(std::io::Error),
}

fn run_once(python: &Command, limit: Duration, code: &str, tests: &str) -> Result<Report, Broken> {
    let files = [
        ("exercise.py", code),
        ("tests.py", tests),
        (RUNNER_FILE, RUNNER),
    ];
    let args = [RUNNER_FILE, "exercise.py", "tests.py"];
    match process::run(python, &files, &args, limit) {
        Err(e) => Err(Broken::CannotRun(e)),
        Ok(Outcome::TimedOut { .. }) => Err(Broken::TimedOut),
        Ok(Outcome::Exited { stdout, stderr, .. }) => stdout
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix(MARKER))
            .and_then(|json| serde_json::from_str(json).ok())
            .ok_or_else(|| Broken::NoReport(process::last_lines(&stderr, 8))),
    }
}

/// The problems of one exercise: none when the solution passes and the starter fails.
pub fn check(
    python: &Command,
    limit: Duration,
    page: &SourcePage,
    exercise: &Exercise,
) -> Vec<Diagnostic> {
    let at = |block: &CodeBlock, message: String, hint: String| {
        block.diagnostic(
            Diagnostic::error(&page.path, message).with_hint(hint),
            &page.text,
        )
    };
    let mut problems = Vec::new();
    let tests = &exercise.tests.code;
    match run_once(python, limit, &exercise.solution.code, tests) {
        Err(broken) => problems.push(broken_run(
            broken,
            &exercise.solution,
            "the solution",
            limit,
            &at,
        )),
        Ok(report) => {
            if let Some(error) = &report.error {
                let (block, what) = if report.stage.as_deref() == Some("tests") {
                    (
                        &exercise.tests,
                        "the tests block raises before any test runs",
                    )
                } else {
                    (
                        &exercise.solution,
                        "the solution raises before its tests run",
                    )
                };
                problems.push(at(
                    block,
                    what.into(),
                    indent(&process::last_lines(error, 8)),
                ));
            } else if report.results.is_empty() {
                problems.push(at(
                    &exercise.tests,
                    "the tests block has no test".into(),
                    "define functions whose names start with `test`, or write `assert` lines"
                        .into(),
                ));
                return problems;
            } else {
                let failed: Vec<String> = report
                    .results
                    .iter()
                    .filter(|r| !r.passed)
                    .map(|r| format!("{}: {}", r.name, r.message))
                    .collect();
                if !failed.is_empty() {
                    problems.push(at(
                        &exercise.solution,
                        format!("the solution fails {} of its tests", failed.len()),
                        indent(&failed.join("\n")),
                    ));
                }
            }
        }
    }
    match run_once(python, limit, &exercise.starter.code, tests) {
        Err(broken) => problems.push(broken_run(
            broken,
            &exercise.starter,
            "the starter code",
            limit,
            &at,
        )),
        Ok(report) if report.stage.as_deref() == Some("code") => problems.push(at(
            &exercise.starter,
            "the starter code raises before any test runs".into(),
            format!(
                "a learner should see tests fail, not the starter crash:\n{}",
                indent(&process::last_lines(
                    report.error.as_deref().unwrap_or(""),
                    8
                ))
            ),
        )),
        Ok(report)
            if report.error.is_none()
                && !report.results.is_empty()
                && report.results.iter().all(|r| r.passed) =>
        {
            problems.push(at(
                &exercise.starter,
                "the tests pass on the starter code".into(),
                "tests that pass before the learner writes anything test nothing: leave the work undone in the starter (`...`, `raise NotImplementedError`), or test what it lacks".into(),
            ));
        }
        Ok(_) => {}
    }
    problems
}

/// The problem of a run that gave no report: it timed out, crashed or could not start.
fn broken_run(
    broken: Broken,
    block: &CodeBlock,
    what: &str,
    limit: Duration,
    at: &dyn Fn(&CodeBlock, String, String) -> Diagnostic,
) -> Diagnostic {
    let (message, hint) = match broken {
        Broken::TimedOut => (
            format!(
                "{what} did not finish its tests in {}",
                crate::config::TimeLimit(limit)
            ),
            "it was stopped; look for a loop that never ends, or raise `[test] timeout` in book.toml".to_string(),
        ),
        Broken::NoReport(stderr) => (
            format!("{what} ended its tests without a report"),
            format!(
                "the process exited before the runner could report (`sys.exit` or `os._exit` in the code?):\n{}",
                indent(&stderr)
            ),
        ),
        Broken::CannotRun(e) => (
            format!("cannot run the tests of {what}: {e}"),
            "check `[test] python` in book.toml".to_string(),
        ),
    };
    at(block, message, hint)
}

/// Text indented under a hint.
pub fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
