//! The bundled guide's Python runs: `prepbook test` on it (with the `.venv/` Python that
//! `.ci/run` makes, when it is there, since some blocks import Django, NumPy or pytest) must
//! pass, having run at least a hundred blocks. Blocks marked ```python,norun (fragments,
//! deliberate errors, newer syntax) are skipped, and must stay under one in ten; no fence has an
//! option Prepbook does not know.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use prepbook::runnable::{Run, scan};

/// The Python that runs the examples: the virtual environment `.ci/run` makes (`.venv/`, with
/// the packages the guide imports), else `python3` from the PATH.
fn python() -> PathBuf {
    let venv = repo().join(".venv/bin/python3");
    if venv.is_file() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

fn python_available() -> bool {
    Command::new(python())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn prepbook_test_passes_on_the_bundled_guide() {
    if !require(python_available(), "python3") {
        return;
    }
    let python = python().to_string_lossy().into_owned();
    let out = prepbook(&repo())
        .args(["test", "--python", &python])
        .env("NO_COLOR", "1")
        .output()
        .expect("run prepbook test");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "prepbook test failed:\n{stderr}");
    let summary = stderr.lines().last().unwrap_or("");
    let tested: usize = summary
        .strip_prefix("tested ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(tested >= 100, "only {tested} blocks ran: {summary}");
}

/// Every Python block of the bundled guide, read as `prepbook test` reads them.
fn guide_blocks() -> Vec<(String, scan::PageCode)> {
    let content = repo().join("content");
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.expect("walk content");
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let file = rel(&repo(), entry.path());
        let body = prepbook::content::front_matter::split(&text)
            .map(|s| s.body_offset)
            .unwrap_or(0);
        let code = scan::scan(&text, body, std::path::Path::new(&file));
        pages.push((file, code));
    }
    pages
}

#[test]
fn fewer_than_one_block_in_ten_is_marked_norun_and_every_option_is_known() {
    let pages = guide_blocks();
    let blocks: Vec<_> = pages
        .iter()
        .flat_map(|(f, p)| p.examples.iter().map(move |b| (f, b)))
        .collect();
    let norun = blocks
        .iter()
        .filter(|(_, b)| b.decision.run == Run::No)
        .count();
    assert!(
        norun * 10 < blocks.len(),
        "{norun} of {} blocks are norun",
        blocks.len()
    );
    for (file, block) in &blocks {
        assert!(
            block.fence.problems.is_empty(),
            "{file} (byte {}): {:?}",
            block.start,
            block.fence.problems
        );
    }
}
