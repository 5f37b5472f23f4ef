//! Every page a build writes is valid HTML, as judged by the W3C Nu HTML checker (npm package
//! `vnu-jar`, run with the machine's Java; `.ci/run` installs both).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

fn vnu_jar() -> PathBuf {
    repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar")
}

fn java_available() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the checker over a whole site; returns its error lines.
fn validate(site: &std::path::Path) -> Vec<String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html"])
        .arg(site)
        .output()
        .expect("run the Nu HTML checker");
    let report = String::from_utf8_lossy(&out.stderr);
    report
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn ready() -> bool {
    require(
        java_available(),
        "java (apt-get install default-jre-headless)",
    ) && require(vnu_jar().is_file(), "vnu.jar (npm ci in tests/browser)")
}

#[test]
fn the_fixture_guide_is_valid_html() {
    if !ready() {
        return;
    }
    let dir = fixture("basic");
    build_ok(dir.path());
    let errors = validate(&dir.path().join("book"));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn a_guide_in_two_languages_is_valid_html() {
    if !ready() {
        return;
    }
    // Both languages' pages: the switcher, hreflang links and fallback notices.
    let dir = fixture("bilingual");
    build_ok(dir.path());
    let errors = validate(&dir.path().join("book"));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn summaries_with_links_keep_the_lists_valid_html() {
    if !ready() {
        return;
    }
    // A summary's link is shown beside its card's title link, never inside it.
    let dir = fixture("basic");
    replace_in(
        &dir.path().join("content/python/decorators.md"),
        "summary: A callable that takes a function and returns a replacement for it.",
        "summary: \"A *callable* that wraps `func`, unlike [the GIL](gil.md#why-it-exists); <div>raw</div>\"",
    );
    replace_in(
        &dir.path().join("content/welcome.md"),
        "summary: How this fixture guide is laid out.",
        "summary: \"# How it is laid out\\n\\n- from [the GIL](python/gil.md)\\n- on\"",
    );
    build_ok(dir.path());
    let errors = validate(&dir.path().join("book"));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_bundled_guide_is_valid_html() {
    if !ready() {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let status = prepbook(&repo())
        .args(["build", "--output"])
        .arg(&site)
        .output()
        .expect("run");
    assert!(status.status.success());
    let errors = validate(&site);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_offline_export_is_valid_html() {
    if !ready() {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("guide.html");
    let status = prepbook(&repo())
        .args(["export", "--output"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let errors = validate(out.path());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn runnable_blocks_and_an_exercise_are_valid_html() {
    if !ready() {
        return;
    }
    let dir = fixture("code");
    build_ok(dir.path());
    let errors = validate(&dir.path().join("book"));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
