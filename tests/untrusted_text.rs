//! Names and text a contributor controls cannot break a build or a terminal: a file or folder
//! whose name is not UTF-8 is left out with a warning and the rest of the guide builds; control
//! characters in front matter (ESC, BEL, CR, C1) reach no diagnostic raw, for people or as JSON.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::*;

fn stderr_of(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = prepbook(dir).args(args).output().expect("run prepbook");
    (
        out.status.code(),
        String::from_utf8(out.stderr).expect("diagnostics are UTF-8"),
    )
}

/// Control characters in `text`, but the newlines that end its lines.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect()
}

#[test]
fn names_that_are_not_utf8_are_left_out_and_the_rest_builds() {
    let dir = fixture("basic");
    let python = dir.path().join("content/python");
    std::fs::write(
        python.join(OsStr::from_bytes(b"caf\xe9.md")),
        "---\ntitle: Latin-1 name\n---\n\nBody\n",
    )
    .expect("write");
    let folder = dir.path().join(OsStr::from_bytes(b"content/r\xe9sum\xe9"));
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(folder.join("q.md"), "---\ntitle: Inside\n---\n\nBody\n").expect("write");

    for run in ["a whole build", "a build from the last one's record"] {
        let (code, stderr) = stderr_of(dir.path(), &["build"]);
        assert_eq!(code, Some(0), "{run}:\n{stderr}");
        if run == "a whole build" {
            assert!(
                stderr.contains(
                    "content/python/caf\u{fffd}.md: warning: the file's name is not UTF-8 text"
                ),
                "{stderr}"
            );
            assert!(
                stderr.contains(
                    "content/r\u{fffd}sum\u{fffd}: warning: the folder's name is not UTF-8 text"
                ),
                "{stderr}"
            );
        }
    }
    let site = Site::new(dir.path().join("book"));
    assert!(
        site.exists("python/gil.html"),
        "the rest of the guide is built"
    );
    assert!(
        !site
            .pages()
            .iter()
            .any(|p| p.contains("caf") || p.contains("sum"))
    );
    assert!(!site.read("index.html").contains("Latin-1 name"));

    let (code, _) = stderr_of(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(code, Some(1));
    let out = dir.path().join("guide.json");
    let (code, stderr) = stderr_of(
        dir.path(),
        &[
            "export",
            "--format",
            "json",
            "--output",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let json = std::fs::read_to_string(&out).expect("read");
    assert!(json.contains("What is the GIL?") && !json.contains("Latin-1 name"));
}

/// A question with raw ESC, BEL, CR and a C1 CSI in its front matter (YAML refuses them, quoting
/// the line), and one whose YAML escapes make them (an unknown difficulty quotes the value).
fn guide_with_escapes() -> tempfile::TempDir {
    let dir = fixture("basic");
    let python = dir.path().join("content/python");
    std::fs::write(
        python.join("raw.md"),
        "---\ntitle: Raw\nlevel: [\u{1b}]0;owned\u{7}, \u{9b}2J\rx]\nsummary: y\n---\n\nBody\n",
    )
    .expect("write");
    std::fs::write(
        python.join("escaped.md"),
        "---\ntitle: Escaped\ndifficulty: \"\\e[31mhard\\a\"\nsummary: y\n---\n\nBody\n",
    )
    .expect("write");
    dir
}

#[test]
fn control_characters_reach_no_diagnostic_raw() {
    let dir = guide_with_escapes();
    let (code, stderr) = stderr_of(dir.path(), &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(controls(&stderr), Vec::<char>::new(), "{stderr}");
    // The caret still points at the character YAML refused, now shown as `\u{1b}`.
    let block = stderr
        .split("\n\n")
        .find(|b| b.starts_with("content/python/raw.md:3:"))
        .unwrap_or_else(|| panic!("no error for raw.md:\n{stderr}"));
    let lines: Vec<&str> = block.lines().collect();
    let source = lines[2].strip_prefix("3 | ").expect("the source line");
    let caret = lines[3].strip_prefix("  | ").expect("the caret line");
    // A lone CR ends a line, for YAML as for the diagnostic: `x]` is on the next line.
    assert_eq!(source, "level: [\\u{1b}]0;owned\\u{7}, \\u{9b}2J");
    assert_eq!(caret.find('^'), source.find("\\u{1b}"), "{block}");
    assert!(
        stderr.contains(
            "content/python/escaped.md:3:13: error: unknown difficulty `\\u{1b}[31mhard\\u{7}`"
        ),
        "{stderr}"
    );

    let out = prepbook(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(controls(&stdout), Vec::<char>::new(), "{stdout}");
    let mut seen = 0;
    for line in stdout.lines() {
        let d: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        for field in ["path", "message", "source_line", "hint"] {
            let text = d[field].as_str().unwrap_or_default();
            assert_eq!(controls(text), Vec::<char>::new(), "{field} of {line}");
            seen += usize::from(text.contains("\\u{1b}"));
        }
    }
    assert!(seen >= 2, "both questions' escapes are shown:\n{stdout}");
}

#[test]
fn a_build_that_fails_on_control_characters_prints_them_escaped() {
    let dir = guide_with_escapes();
    let (code, stderr) = stderr_of(dir.path(), &["build"]);
    assert_eq!(code, Some(1));
    assert_eq!(controls(&stderr), Vec::<char>::new(), "{stderr}");
    assert!(stderr.contains("\\u{1b}[31mhard\\u{7}"), "{stderr}");
}
