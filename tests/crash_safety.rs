//! A build killed at any moment (`kill -9`, as a CI runner's timeout or the OOM killer does) leaves
//! the previous site as it was, or the new one complete: never a mix, never no site at all. The
//! next build removes what the killed one left beside the site, says how much that freed, and
//! leaves nothing of its own. A build that fills the disk leaves nothing either, and two builds
//! of one site take turns. Each build runs as a child process; `PREPBOOK_PAUSE_AT` (see
//! `src/output/pause.rs`) stops it at a known step so it is killed exactly there.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, Command, Stdio};

use common::{Files, files, fixture, replace_in};

const GIL: &str = "content/python/gil.md";

/// A build stopped at a step, waiting to be killed or to go on.
struct Paused {
    child: Child,
    stdin: Option<ChildStdin>,
    stderr: BufReader<ChildStderr>,
    /// What it printed on stderr up to the pause.
    printed: String,
}

/// A finished build.
#[derive(Debug)]
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn prepbook(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prepbook"));
    cmd.current_dir(dir).args(args);
    cmd
}

/// Starts `prepbook build` in `dir`, and returns once it has paused at `step`.
fn build_paused_at(dir: &Path, step: &str) -> Paused {
    paused_at(dir, &["build"], step)
}

/// Starts `prepbook ARGS` in `dir`, and returns once it has paused at `step`.
fn paused_at(dir: &Path, args: &[&str], step: &str) -> Paused {
    let mut child = prepbook(dir, args)
        .env("PREPBOOK_PAUSE_AT", step)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start prepbook");
    let stdin = child.stdin.take();
    let stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut paused = Paused {
        child,
        stdin,
        stderr,
        printed: String::new(),
    };
    let marker = format!("prepbook: paused at {step}");
    if !paused.read_until(&marker) {
        let status = paused.child.wait().expect("wait");
        panic!(
            "the build ended ({status}) without reaching `{step}`:\n{}",
            paused.printed
        );
    }
    paused
}

impl Paused {
    /// Reads stderr until a line holding `text`; false at its end.
    fn read_until(&mut self, text: &str) -> bool {
        loop {
            let mut line = String::new();
            match self.stderr.read_line(&mut line) {
                Ok(0) | Err(_) => return false,
                Ok(_) => {
                    self.printed.push_str(&line);
                    if line.contains(text) {
                        return true;
                    }
                }
            }
        }
    }

    /// `kill -9`.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL the build");
        self.child.wait().expect("wait");
    }

    /// Lets it go on.
    fn go_on(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.write_all(b"\n");
        }
    }

    /// Lets the build go on, and waits for it.
    fn resume(mut self) -> Run {
        self.go_on();
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut self.stderr, &mut rest);
        let status = self.child.wait().expect("wait");
        Run {
            ok: status.success(),
            stdout: String::new(),
            stderr: std::mem::take(&mut self.printed) + &rest,
        }
    }
}

impl Drop for Paused {
    /// A test that fails half way leaves no process running (`serve` would never end).
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn build(dir: &Path) -> Run {
    let out = prepbook(dir, &["build"]).output().expect("run prepbook");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn build_ok(dir: &Path) -> Run {
    let run = build(dir);
    assert!(run.ok, "the build fails:\n{}", run.stderr);
    run
}

/// Every working file or folder of Prepbook's below `dir` (beside the site and inside it), as
/// paths relative to `dir`: `.book.prepbook-tmp-12`, `.book.prepbook-lock`,
/// `study/.cards-2.js.prepbook-new-12`, ... (the site's `.prepbook-output` marker and the
/// cache folder are not).
fn leftovers(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".prepbook-cache")
        .map(|e| e.expect("walk"))
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.starts_with('.') && name[1..].contains(".prepbook-")
        })
        .map(|e| common::rel(dir, e.path()))
        .collect()
}

/// The line saying what the build removed: `removed N folder(s) left by an interrupted build
/// (SIZE)`.
fn freed_line(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.starts_with("removed "))
        .unwrap_or_else(|| panic!("no line says what was removed:\n{stderr}"))
}

/// Asserts the site in `dir/book` is, file for file, a clean build of the guide as it is now.
fn assert_clean_build(dir: &Path) {
    let clean = tempfile::tempdir().expect("temp dir");
    let out = clean.path().join("site");
    let run = prepbook(dir, &["build", "--no-cache", "--output"])
        .arg(&out)
        .output()
        .expect("run prepbook");
    assert!(run.status.success(), "the clean build fails");
    assert_same(&files(&dir.join("book")), &files(&out), "a clean build");
}

fn assert_same(site: &Files, expected: &Files, what: &str) {
    let differ: Vec<&String> = site
        .keys()
        .chain(expected.keys())
        .filter(|k| site.get(*k) != expected.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ from {what}: {differ:?}"
    );
}

/// A built copy of the basic fixture, the site it has, and a new question added (so the next
/// build is a whole one).
fn built_then_changed() -> (tempfile::TempDir, Files) {
    let dir = fixture("basic");
    build_ok(dir.path());
    let before = files(&dir.path().join("book"));
    std::fs::write(
        dir.path().join("content/python/generators.md"),
        "---\ntitle: What is a generator?\ntags: [cpython]\ndifficulty: Easy\nsummary: A function that yields.\n---\n\nA function that yields values one at a time.\n",
    )
    .expect("write");
    (dir, before)
}

/// After a killed build: the next one succeeds, says it removed `folders`, leaves nothing
/// behind, and builds what a clean build does. Returns its run.
fn next_build_cleans_up(dir: &Path, folders: &str) -> Run {
    let run = build_ok(dir);
    let line = freed_line(&run.stderr);
    assert!(
        line.starts_with(&format!("removed {folders} left by an interrupted build (")),
        "{line}"
    );
    assert_eq!(leftovers(dir), Vec::<String>::new());
    assert_clean_build(dir);
    run
}

fn staging_folders(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".book.prepbook-tmp-")
        })
        .map(|e| e.path())
        .collect()
}

#[test]
fn killed_while_staging_pages_the_previous_site_stays() {
    let (dir, before) = built_then_changed();
    build_paused_at(dir.path(), "pages-staged").kill();
    assert_same(
        &files(&dir.path().join("book")),
        &before,
        "the previous site",
    );
    assert_eq!(
        staging_folders(dir.path()).len(),
        1,
        "the half-staged site is left"
    );

    let run = next_build_cleans_up(dir.path(), "1 folder");
    // The new question's page was only in the staging folder: removing it freed room.
    assert!(
        !freed_line(&run.stderr).contains("(0 bytes)"),
        "{}",
        run.stderr
    );
}

#[test]
fn killed_just_before_publishing_the_previous_site_stays() {
    let (dir, before) = built_then_changed();
    build_paused_at(dir.path(), "publish").kill();
    assert_same(
        &files(&dir.path().join("book")),
        &before,
        "the previous site",
    );
    next_build_cleans_up(dir.path(), "1 folder");
}

#[test]
fn killed_after_the_exchange_the_new_site_is_complete() {
    let (dir, before) = built_then_changed();
    build_paused_at(dir.path(), "exchanged").kill();
    // The new site is in place, whole; the old one waits beside it to be removed.
    assert_clean_build(dir.path());
    let aside = staging_folders(dir.path());
    assert_eq!(aside.len(), 1);
    assert_same(&files(&aside[0]), &before, "the previous site, put aside");
    next_build_cleans_up(dir.path(), "1 folder");
}

#[test]
fn the_first_build_killed_leaves_no_half_site() {
    let dir = fixture("basic");
    build_paused_at(dir.path(), "publish").kill();
    assert!(
        !dir.path().join("book").exists(),
        "no site yet, not half of one"
    );
    // The folder it staged, and its log of the code blocks it highlighted for the cache.
    next_build_cleans_up(dir.path(), "1 folder and 1 file");
}

/// A built copy of the basic fixture with an edit the next build patches in.
fn built_then_edited() -> (tempfile::TempDir, Files) {
    let dir = fixture("basic");
    build_ok(dir.path());
    let before = files(&dir.path().join("book"));
    replace_in(
        &dir.path().join(GIL),
        "Interviewers ask this",
        "Interviewers often ask this",
    );
    (dir, before)
}

#[test]
fn killed_before_an_edit_is_applied_the_site_stays() {
    let (dir, before) = built_then_edited();
    build_paused_at(dir.path(), "patch-apply").kill();
    assert_same(
        &files(&dir.path().join("book")),
        &before,
        "the previous site",
    );
    let run = next_build_cleans_up(dir.path(), "1 folder");
    // The site may no longer match the last build's record: the next build is a whole one.
    assert!(!run.stdout.contains("(an edit"), "{}", run.stdout);
}

#[test]
fn killed_while_an_edit_is_applied_the_next_build_is_whole() {
    // Files are renamed into place one by one, each whole: a kill between two renames leaves
    // part of the edit in the site. The last build's record is dropped before the first
    // rename, so the next build does not trust the site and builds it whole.
    let (dir, _) = built_then_edited();
    build_paused_at(dir.path(), "patch-half-applied").kill();
    let run = next_build_cleans_up(dir.path(), "1 folder");
    assert!(
        !run.stdout.contains("(an edit") && !run.stdout.contains("(up to date)"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_edit_that_fills_the_disk_leaves_no_file() {
    let (dir, before) = built_then_edited();
    // Files may grow to 2 KB (4 blocks of 512 bytes); a bigger one is cut there and the write
    // fails with EFBIG, as on a full disk (ignoring SIGXFSZ, which would kill the build instead).
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 4; exec "$0" build"#)
        .arg(env!("CARGO_BIN_EXE_prepbook"))
        .current_dir(dir.path())
        .output()
        .expect("run prepbook under ulimit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write the file: File too large"),
        "{stderr}"
    );
    assert_same(
        &files(&dir.path().join("book")),
        &before,
        "the previous site",
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // With room again, the edit is patched in, with nothing to clean.
    let run = build_ok(dir.path());
    assert!(run.stdout.contains("(an edit"), "{}", run.stdout);
    assert!(!run.stderr.contains("removed "), "{}", run.stderr);
    assert_clean_build(dir.path());
}

/// A build waiting for another.
struct Waiting {
    child: Child,
    /// Reads the rest of its stderr (a closed pipe would fail its writes).
    stderr: std::thread::JoinHandle<String>,
}

impl Waiting {
    fn finish(self) -> Run {
        let out = self.child.wait_with_output().expect("wait");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: self.stderr.join().expect("stderr"),
        }
    }
}

/// Starts `prepbook build` in `dir` and returns once it says it waits for process `holder`.
fn build_waiting_for(dir: &Path, holder: u32) -> Waiting {
    let mut build = prepbook(dir, &["build"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the second build");
    let mut said = String::new();
    let mut stderr = BufReader::new(build.stderr.take().expect("stderr"));
    stderr.read_line(&mut said).expect("read");
    assert_eq!(
        said.trim_end(),
        format!("waiting for another Prepbook build of `book` (process {holder}) to finish")
    );
    assert!(
        build.try_wait().expect("poll").is_none(),
        "the second build does not go on while the first one works"
    );
    let stderr = std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut rest);
        rest
    });
    Waiting {
        child: build,
        stderr,
    }
}

#[test]
fn the_saved_state_killed_half_way_is_removed_by_the_next_build() {
    let (dir, _) = built_then_changed();
    let cache = dir.path().join(".prepbook-cache");
    let scratch = |cache: &Path| -> Vec<String> {
        std::fs::read_dir(cache)
            .expect("list the cache")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".prepbook-tmp-"))
            .collect()
    };
    let paused = build_paused_at(dir.path(), "state-written");
    paused.kill();
    assert_eq!(
        scratch(&cache).len(),
        1,
        "the killed build left its saved guide half done"
    );

    let run = build_ok(dir.path());
    let line = freed_line(&run.stderr);
    assert!(
        line.starts_with("removed 1 file left by an interrupted build ("),
        "{line}"
    );
    assert_eq!(scratch(&cache), Vec::<String>::new());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_second_build_waits_for_the_first() {
    let (dir, _) = built_then_changed();
    let first = build_paused_at(dir.path(), "publish");
    let second = build_waiting_for(dir.path(), first.child.id());

    let first = first.resume();
    assert!(first.ok, "{}", first.stderr);
    let second = second.finish();
    assert!(second.ok, "{}", second.stderr);
    // The first build's site is complete when the second one looks: it is up to date.
    assert!(second.stdout.contains("(up to date)"), "{}", second.stdout);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    assert_clean_build(dir.path());
}

#[test]
fn a_build_waits_for_serve_to_finish_its_rebuild() {
    let dir = fixture("basic");
    let mut serve = paused_at(dir.path(), &["serve", "--port", "0"], "publish");
    let build = build_waiting_for(dir.path(), serve.child.id());
    serve.go_on();
    let build = build.finish();
    assert!(build.ok, "{}", build.stderr);
    serve.kill();
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    assert_clean_build(dir.path());
}

#[test]
fn the_generated_gitignore_covers_what_a_killed_build_leaves() {
    let parent = tempfile::tempdir().expect("temp dir");
    let init = prepbook(parent.path(), &["init", "guide"])
        .output()
        .expect("run prepbook init");
    assert!(init.status.success());
    let guide = parent.path().join("guide");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&guide)
            .output()
            .expect("run git")
    };
    if !common::require(Command::new("git").arg("--version").output().is_ok(), "git") {
        return;
    }
    assert!(git(&["init", "-q"]).status.success());
    build_paused_at(&guide, "pages-staged").kill();
    let left = leftovers(&guide);
    assert!(
        left.iter().any(|l| l.starts_with(".book.prepbook-tmp-")),
        "{left:?}"
    );
    assert!(
        left.contains(&".book.prepbook-lock".to_string()),
        "{left:?}"
    );

    let status = git(&["status", "--porcelain", "--untracked-files=all"]);
    let mut untracked: Vec<String> = String::from_utf8_lossy(&status.stdout)
        .lines()
        .map(|l| l.trim_start_matches("?? ").to_string())
        .collect();
    untracked.sort();
    assert_eq!(
        untracked,
        [
            ".gitignore",
            "book.toml",
            "content/_index.md",
            "content/basics/_index.md",
            "content/basics/process-vs-thread.md"
        ],
        "git sees only the guide's own files"
    );
    // The other kinds, and beside an output folder elsewhere in the guide.
    for name in [
        ".book.prepbook-old-17/index.html",
        ".book.prepbook-patch-17/0",
        "site/.public.prepbook-tmp-17/index.html",
        "site/.public.prepbook-lock",
    ] {
        assert!(
            git(&["check-ignore", "-q", name]).status.success(),
            "git does not ignore {name}"
        );
    }
    // The staging folder, and the highlight log of a first build.
    next_build_cleans_up(&guide, "1 folder and 1 file");
}
