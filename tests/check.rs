//! `prepbook check`: every problem in one run, rustc style or as JSON lines; the build's own
//! checks plus its own (missing summary, same titles, empty answers); exit codes; nothing
//! written.

mod common;

use std::path::Path;

use common::*;

/// Everything in `dir`, to show that a check wrote nothing.
fn listing(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| rel(dir, e.path()))
        .collect();
    all.sort();
    all
}

#[test]
fn warnings_are_reported_exactly_and_fail_only_when_denied() {
    let dir = fixture("lint");
    let before = listing(dir.path());
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let expected =
        std::fs::read_to_string(dir.path().join("expected-check.txt")).expect("expected file");
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
    assert!(out.stdout.is_empty());
    assert_eq!(listing(dir.path()), before, "check writes nothing");

    let denied = prepbook(dir.path())
        .args(["check", "--deny-warnings"])
        .output()
        .expect("run");
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn an_unknown_key_a_template_reads_is_not_reported() {
    let dir = fixture("lint");
    let partial = dir
        .path()
        .join("themes/default/templates/partials/position.html");
    std::fs::create_dir_all(partial.parent().expect("parent")).expect("mkdir");
    std::fs::write(&partial, "{{ extra.sidebar_position }}\n").expect("write");
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("sidebar_position"), "{stderr}");
    assert!(
        stderr.ends_with("check found 0 errors, 8 warnings\n"),
        "{stderr}"
    );
}

#[test]
fn errors_are_the_same_as_the_build_reports_and_fail_the_check() {
    let dir = fixture("invalid");
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The build's report of this fixture, error for error (the check adds warnings of its own).
    let build = std::fs::read_to_string(dir.path().join("expected-stderr.txt")).expect("read");
    let errors = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .filter(|block| {
                block
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains(": error: "))
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(errors(&stderr), errors(&build));
    assert_eq!(errors(&build).len(), 9);
    assert!(
        stderr.ends_with("check found 9 errors, 5 warnings\n"),
        "{stderr}"
    );
    assert!(!dir.path().join("book").exists(), "check builds no site");
}

#[test]
fn json_lines_carry_the_same_diagnostics() {
    let dir = fixture("invalid");
    let human = prepbook(dir.path()).arg("check").output().expect("run");
    let out = prepbook(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "JSON goes to stdout alone");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 14);
    let headers: Vec<String> = lines
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}: {}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    let human = String::from_utf8_lossy(&human.stderr);
    let human_headers: Vec<&str> = human
        .split("\n\n")
        .filter_map(|b| b.lines().next())
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    assert_eq!(headers, human_headers);
    let difficulty = lines
        .iter()
        .find(|d| d["message"] == "unknown difficulty `meduim`")
        .expect("the difficulty error");
    assert_eq!(difficulty["path"], "content/basics/bad-values.md");
    assert_eq!(
        (difficulty["line"].as_u64(), difficulty["column"].as_u64()),
        (Some(3), Some(13))
    );
    assert_eq!(difficulty["span_len"], 6);
    assert_eq!(difficulty["source_line"], "difficulty: meduim");
    assert_eq!(
        difficulty["hint"],
        "did you mean `medium`? (easy | medium | hard)"
    );
}

#[test]
fn template_and_config_mistakes_are_checked_too() {
    for (name, want) in [
        (
            "bad-template",
            "error: template error: Field `titel` is not defined",
        ),
        (
            "bad-config",
            "error: unknown key `highlight.them` in book.toml",
        ),
    ] {
        let dir = fixture(name);
        let out = prepbook(dir.path()).arg("check").output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(want), "{name}: {stderr}");
    }
}

#[test]
fn the_bundled_guide_has_no_problems() {
    let out = prepbook(&repo())
        .args(["check", "--deny-warnings"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "check passed: no problems\n");
}

#[test]
fn a_missing_guide_and_bad_flags_are_reported() {
    let empty = tempfile::tempdir().expect("temp dir");
    let out = prepbook(empty.path()).arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: run `prepbook init`"));
    let bad = prepbook(empty.path())
        .args(["check", "--format", "xml"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}
