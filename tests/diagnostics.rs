//! Broken guides: every mistake reported at once, as `path:line:col: error:` with the source line,
//! a caret and a hint; exit code 1; and the previous site left as it was.

mod common;

use common::*;

/// Builds a fixture that must fail; checks the exact diagnostics in its `expected-stderr.txt`.
fn fails_exactly(name: &str) {
    let dir = fixture(name);
    let out = prepbook(dir.path()).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{name} must exit with 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected =
        std::fs::read_to_string(dir.path().join("expected-stderr.txt")).expect("expected file");
    assert_eq!(stderr, expected, "diagnostics of {name}");
    assert!(out.stdout.is_empty(), "no summary line on failure");
    assert!(
        !dir.path().join("book").exists(),
        "a failed build writes no site"
    );
}

#[test]
fn content_mistakes_are_all_reported_with_positions_and_hints() {
    fails_exactly("invalid");
}

#[test]
fn unknown_config_keys_name_the_closest_known_key() {
    fails_exactly("bad-config");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    fails_exactly("bad-template");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = fixture("basic");
    build_ok(dir.path());
    let index = dir.path().join("book/index.html");
    let before = std::fs::read(&index).expect("read");
    std::fs::write(
        dir.path().join("content/python/gil.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .expect("write");
    let out = prepbook(dir.path()).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&index).expect("read"),
        before,
        "old site still served"
    );
    assert!(dir.path().join("book/python/gil.html").is_file());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("prepbook-tmp")),
        "no half-written site left: {names:?}"
    );
}

#[test]
fn a_missing_book_toml_says_how_to_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = prepbook(dir.path()).arg("build").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("book.toml: error: cannot read book.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: run `prepbook init`"), "{stderr}");
}

#[test]
fn usage_errors_exit_with_2_and_help_and_version_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = prepbook(dir.path())
        .args(["build", "--no-such-flag"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let help = prepbook(dir.path()).arg("--help").output().expect("run");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("build"));
    let version = prepbook(dir.path()).arg("--version").output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("prepbook {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn output_folders_that_are_not_ours_are_refused() {
    let dir = fixture("basic");
    let foreign = dir.path().join("docs");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("notes.txt"), "keep me").expect("write");
    for (output, message) in [
        (
            "docs",
            "the output folder is not empty and was not written by Prepbook",
        ),
        (".", "the output folder is the guide itself"),
        ("content", "overlaps"),
        ("content/site", "overlaps"),
    ] {
        let out = prepbook(dir.path())
            .args(["build", "--output", output])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "--output {output}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "--output {output}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(foreign.join("notes.txt")).expect("read"),
        "keep me"
    );
    assert!(dir.path().join("content/python/gil.md").is_file());
}

#[test]
fn a_misspelled_front_matter_key_is_a_warning_that_keeps_the_value() {
    let dir = fixture("basic");
    let gil = dir.path().join("content/python/gil.md");
    let text = std::fs::read_to_string(&gil)
        .expect("read")
        .replace("summary:", "sumary:");
    std::fs::write(&gil, text).expect("write");
    let (_, stderr) = build_ok(dir.path());
    assert!(
        stderr.contains("content/python/gil.md:6:1: warning: unknown front matter key `sumary`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `summary`?"), "{stderr}");
}

/// A caret lines up under the terminal columns a reader sees: a tab is drawn as four spaces in
/// the source line (so no tab stop can move it), a CJK character or an emoji takes two columns. (The caret
/// used to count characters, so it fell short by one column per wide character before it.)
#[test]
fn carets_line_up_after_tabs_and_wide_characters() {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/python/wide.md"),
        "---\ntitle: 难度\nsummary: 困难 🎉\n---\n\n参见 🎉 [链接](nowhere.md)\n\n参见\t[链接](gone.md)\n",
    )
    .expect("write");
    let out = prepbook(dir.path()).arg("check").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let block = |start: &str| -> Vec<String> {
        stderr
            .split("\n\n")
            .find(|b| b.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in:\n{stderr}"))
            .lines()
            .map(str::to_string)
            .collect()
    };
    let emoji = block("content/python/wide.md:6:6: warning: link to `nowhere.md`");
    assert_eq!(emoji[2], "6 | 参见 🎉 [链接](nowhere.md)");
    assert_eq!(emoji[3], format!("  | {}{}", " ".repeat(8), "^".repeat(18)));
    let tab = block("content/python/wide.md:8:4: warning: link to `gone.md`");
    assert_eq!(tab[2], "8 | 参见    [链接](gone.md)");
    assert_eq!(tab[3], format!("  | {}{}", " ".repeat(8), "^".repeat(15)));
}

/// `prepbook check --format json | head -1`: the reader stops reading; Prepbook must not panic
/// ("failed printing to stdout") but finish with its own exit code.
#[test]
fn output_into_a_closed_pipe_is_not_a_panic() {
    use std::process::Stdio;
    let dir = fixture("invalid");
    for args in [&["check", "--format", "json"][..], &["check"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prepbook"))
            .current_dir(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        // Close the reading ends before Prepbook writes a line.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().expect("wait");
        assert_eq!(
            status.code(),
            Some(1),
            "{args:?}: errors found, exit 1, no panic (101)"
        );
    }
}
