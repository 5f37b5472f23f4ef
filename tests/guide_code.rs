//! Every ```python block of the bundled guide is a complete program: each runs with `python3`
//! (the one in `.venv/` that `.ci/run` makes, when it is there), in a fresh process and an empty
//! temporary folder, and must exit 0. Blocks marked ```python,norun (fragments, deliberate
//! errors, newer syntax) are skipped, and must stay under one in ten.

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use rayon::prelude::*;

/// A python block: file, line of its opening fence, fence info, code.
struct Block {
    file: String,
    line: usize,
    info: String,
    code: String,
}

fn python_blocks() -> Vec<Block> {
    let content = repo().join("content");
    let mut blocks = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.expect("walk content");
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let file = rel(&repo(), entry.path());
        let mut open: Option<(usize, String, String)> = None;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            match &mut open {
                None => {
                    if let Some(info) = trimmed.strip_prefix("```") {
                        open = Some((i + 1, info.trim().to_string(), String::new()));
                    }
                }
                Some((start, info, code)) => {
                    if trimmed.starts_with("```") && trimmed.trim_end() == "```" {
                        let lang = info.split([',', ' ']).next().unwrap_or("");
                        if lang == "python" {
                            blocks.push(Block {
                                file: file.clone(),
                                line: *start,
                                info: info.clone(),
                                code: code.clone(),
                            });
                        }
                        open = None;
                    } else {
                        code.push_str(line);
                        code.push('\n');
                    }
                }
            }
        }
    }
    blocks
}

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

/// Runs one block; `Err` holds the last lines of its output.
fn run(block: &Block) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let script = dir.path().join("example.py");
    std::fs::write(&script, &block.code).map_err(|e| e.to_string())?;
    let mut child = Command::new(python())
        .arg(&script)
        .current_dir(dir.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let limit = Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let mut err = String::new();
            if let Some(mut s) = child.stderr.take() {
                let _ = s.read_to_string(&mut err);
            }
            if status.success() {
                return Ok(());
            }
            let tail: Vec<&str> = err.lines().rev().take(6).collect();
            return Err(tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            return Err(format!("did not finish in {} s", limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_python_block_runs() {
    if !require(python_available(), "python3") {
        return;
    }
    let blocks = python_blocks();
    let runnable: Vec<&Block> = blocks
        .iter()
        .filter(|b| !b.info.split(',').any(|p| p.trim() == "norun"))
        .collect();
    assert!(
        runnable.len() >= 100,
        "only {} runnable blocks found",
        runnable.len()
    );
    let failures: Vec<String> = runnable
        .par_iter()
        .filter_map(|b| {
            run(b)
                .err()
                .map(|e| format!("{}:{}: python block failed:\n{e}", b.file, b.line))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} blocks failed:\n\n{}",
        failures.len(),
        runnable.len(),
        failures.join("\n\n")
    );
}

#[test]
fn fewer_than_one_block_in_ten_is_marked_norun() {
    let blocks = python_blocks();
    let norun = blocks
        .iter()
        .filter(|b| b.info.split(',').any(|p| p.trim() == "norun"))
        .count();
    assert!(
        norun * 10 < blocks.len(),
        "{norun} of {} blocks are norun",
        blocks.len()
    );
    for b in &blocks {
        let extra: Vec<&str> = b
            .info
            .split(',')
            .skip(1)
            .map(str::trim)
            .filter(|p| *p != "norun")
            .collect();
        assert!(
            extra.is_empty(),
            "{}:{}: unknown fence option {extra:?}",
            b.file,
            b.line
        );
    }
}
