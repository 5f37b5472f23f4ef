//! `prepbook test` on a fixture guide (`tests/fixtures/code`): a block that passes, one that
//! needs a local Python, a `norun` fragment and an exercise; then broken variants of it: a
//! failing block (reported at its fence with its traceback), a block that never ends (stopped
//! at the time limit), tests that pass on the starter code, a failing solution, a malformed
//! exercise, a missing Python, and the JSON output. Also the build's markup of the same page,
//! and `prepbook new --exercise`.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

fn python_available() -> bool {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn test_in(dir: &Path, args: &[&str]) -> (Output, String) {
    let out = prepbook(dir)
        .arg("test")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run prepbook test");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr)
}

fn write_page(dir: &Path, name: &str, body: &str) {
    let text = format!("---\ntitle: {name}\nsummary: A page made by the test.\n---\n\n{body}");
    std::fs::write(dir.join("content/basics").join(format!("{name}.md")), text).expect("write");
}

const EXERCISE_PAGE: &str = "Intro.\n\n## Exercise\n\nWrite `double`.\n\n\
```python,exercise\ndef double(x):\n    STARTER\n```\n\n\
```python,tests\ndef test_double():\n    assert double(4) == 8\n\n\ndef test_zero():\n    assert double(0) == 0\n```\n\n\
```python,solution\ndef double(x):\n    SOLUTION\n```\n";

fn exercise_page(starter: &str, solution: &str) -> String {
    EXERCISE_PAGE
        .replace("STARTER", starter)
        .replace("SOLUTION", solution)
}

#[test]
fn a_guide_whose_code_works_passes_and_counts_what_it_ran() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    let (out, stderr) = test_in(dir.path(), &[]);
    assert!(out.status.success(), "{stderr}");
    let summary = stderr.lines().last().unwrap_or("");
    assert!(
        summary.starts_with("tested 2 blocks and 1 exercise in "),
        "{summary}"
    );
    assert!(
        summary.ends_with("(1 also run in the browser, 1 norun): all passed"),
        "{summary}"
    );
    let (out, stderr) = test_in(dir.path(), &["--skip-local"]);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("tested 1 block and 1 exercise")
            && stderr.contains("1 needing a local Python skipped"),
        "{stderr}"
    );
}

#[test]
fn a_failing_block_is_an_error_at_its_fence_with_the_end_of_its_traceback() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    write_page(
        dir.path(),
        "broken",
        "Text.\n\n```python\nprint('before')\nraise ValueError('the answer is wrong')\n```\n",
    );
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/basics/broken.md:8:1: error: code block failed"),
        "{stderr}"
    );
    assert!(stderr.contains("exit status 1"), "{stderr}");
    assert!(
        stderr.contains("ValueError: the answer is wrong"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with(": 1 failed"), "{stderr}");
}

#[test]
fn a_block_that_never_ends_is_stopped_at_the_time_limit() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    replace_in(&dir.path().join("book.toml"), "\"20s\"", "\"1s\"");
    write_page(
        dir.path(),
        "forever",
        "Text.\n\n```python\nwhile True:\n    pass\n```\n",
    );
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/basics/forever.md:8:1: error: code block did not finish in 1 s"),
        "{stderr}"
    );
}

#[test]
fn tests_that_pass_on_the_starter_code_are_an_error() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    write_page(
        dir.path(),
        "lazy",
        &exercise_page("return x * 2", "return x + x"),
    );
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The starter block's fence is line 12 of the page.
    assert!(
        stderr.contains("content/basics/lazy.md:12:1: error: the tests pass on the starter code"),
        "{stderr}"
    );
}

#[test]
fn a_solution_that_fails_names_each_failing_test_and_its_assertion() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    write_page(dir.path(), "wrong", &exercise_page("...", "return x * 3"));
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/basics/wrong.md:26:1: error: the solution fails 1 of its tests"),
        "{stderr}"
    );
    assert!(
        stderr.contains("test_double: AssertionError: assert double(4) == 8"),
        "{stderr}"
    );
    assert!(!stderr.contains("test_zero:"), "test_zero passes: {stderr}");
}

#[test]
fn a_malformed_exercise_is_reported_by_test_check_and_build() {
    let dir = fixture("code");
    let page =
        exercise_page("...", "return x * 2").replace("```python,tests", "```python,exercise,nrun");
    write_page(dir.path(), "malformed", &page);
    let (out, stderr) = test_in(dir.path(), &["--python", "python3"]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // `test` reports what keeps the exercise from running; option warnings are `check`'s.
    for wanted in [
        "content/basics/malformed.md:17:1: error: malformed exercise: a second starter code block",
        "content/basics/malformed.md:8:1: error: the exercise has no ```python,tests or ```python,solution block",
    ] {
        assert!(stderr.contains(wanted), "test: {wanted}\n{stderr}");
    }
    assert!(!stderr.contains("warning:"), "{stderr}");
    let check = prepbook(dir.path())
        .args(["check"])
        .env("NO_COLOR", "1")
        .output()
        .expect("check");
    let check_err = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{check_err}");
    assert!(
        check_err.contains(
            "content/basics/malformed.md:17:1: warning: code block options: unknown option `nrun`"
        ),
        "{check_err}"
    );
    assert!(
        check_err.contains("content/basics/malformed.md:8:1: error: the exercise has no ```python,tests or ```python,solution block"),
        "{check_err}"
    );
    let build = prepbook(dir.path())
        .args(["build"])
        .output()
        .expect("build");
    assert_eq!(build.status.code(), Some(1));
}

#[test]
fn json_output_is_one_object_per_failure() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    write_page(
        dir.path(),
        "broken",
        "Text.\n\n```python\nimport sys\nsys.exit(3)\n```\n",
    );
    let (out, stderr) = test_in(dir.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(objects.len(), 1, "{stdout}");
    let d = &objects[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "content/basics/broken.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(1))
    );
    assert_eq!(d["message"], "code block failed");
    assert!(
        d["hint"]
            .as_str()
            .is_some_and(|h| h.starts_with("exit status 3")),
        "{d}"
    );
}

#[test]
fn a_python_that_does_not_run_is_one_clear_error() {
    let dir = fixture("code");
    let (out, stderr) = test_in(dir.path(), &["--python", "no-such-python-here -I"]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("book.toml: error: cannot run `no-such-python-here -I`"),
        "{stderr}"
    );
    replace_in(
        &dir.path().join("book.toml"),
        "[test]",
        "[test]\npython = \"python3 'unclosed\"",
    );
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("book.toml:5:"), "{stderr}");
    assert!(stderr.contains("is not a command"), "{stderr}");
}

#[test]
fn the_built_page_marks_where_each_block_runs() {
    let dir = fixture("code");
    build_ok(dir.path());
    let site = Site::new(dir.path().join("book"));
    let doc = site.doc("basics/sums.html");
    assert_eq!(
        attrs(&doc, "article div.code-block[data-lang=python]", "data-run"),
        ["browser", "no", "local", "browser", "browser", "browser"]
    );
    assert_eq!(
        attrs(&doc, "div.code-block[data-run=local]", "data-needs"),
        ["threading"]
    );
    assert_eq!(
        texts(&doc, "div.code-block[data-run=local] .code-note"),
        ["Needs a local Python with threading"]
    );
    assert_eq!(attrs(&doc, "section.exercise", "data-run"), ["browser"]);
    assert_eq!(
        texts(&doc, "section.exercise details > summary"),
        ["Tests", "Solution"]
    );
    let sources = attrs(&doc, "section.exercise [data-role=exercise]", "data-source");
    assert_eq!(sources, ["def even_total(numbers):\n    ...\n"]);
}

#[test]
fn a_new_question_with_an_exercise_passes_prepbook_test() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    let out = prepbook(dir.path())
        .args([
            "new",
            "How do you sort a list?",
            "--section",
            "basics",
            "--exercise",
        ])
        .output()
        .expect("new");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (out, stderr) = test_in(dir.path(), &[]);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("tested 2 blocks and 2 exercises"),
        "{stderr}"
    );
    // Its starter fails the tests, so emptying the tests is noticed.
    let page = dir.path().join("content/basics/how-do-you-sort-a-list.md");
    replace_in(&page, "    ...\n", "    return sorted(items)\n");
    let (out, stderr) = test_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the tests pass on the starter code"),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_stops_every_run_under_way() {
    if !require(python_available(), "python3") {
        return;
    }
    let dir = fixture("code");
    replace_in(&dir.path().join("book.toml"), "\"20s\"", "\"10m\"");
    let pid_file = dir.path().join("runaway.pid");
    let code = format!(
        "import os\nwith open({:?}, 'w') as f:\n    f.write(str(os.getpid()))\nwhile True:\n    pass\n",
        pid_file.to_string_lossy()
    );
    write_page(
        dir.path(),
        "runaway",
        &format!("Text.\n\n```python\n{code}```\n"),
    );
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .arg("test")
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start prepbook test");
    // Wait for the endless block to start (it writes its pid), then press Ctrl+C.
    let mut waited = 0;
    while std::fs::read_to_string(&pid_file).map_or(true, |s| s.is_empty()) && waited < 600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    let runaway = std::fs::read_to_string(&pid_file).expect("the block started");
    let interrupt = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(interrupt.success());
    let out = child.wait_with_output().expect("prepbook test ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    // The endless block is gone: no process has its id any more (or only a reaped zombie).
    let status = std::fs::read_to_string(format!("/proc/{}/status", runaway.trim()));
    assert!(
        status.map_or(true, |s| s.contains("State:\tZ")),
        "the block {runaway} still runs"
    );
}
