//! The browser tests: `tests/browser/*.test.js`, run with node's test runner, drive Debian's
//! headless Chromium (playwright-core) against a fresh build of the bundled guide, over HTTP and
//! from `file://`, and run axe-core on its pages. This test builds the guide and runs them, so
//! `cargo test` stays the one command that runs every test.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn browser_tests_pass_in_headless_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = repo().join("tests/browser/node_modules/playwright-core");
    if !require(
        Path::new(&chromium).is_file(),
        "Debian's chromium (apt-get install chromium)",
    ) || !require(node_runs(), "node")
        || !require(
            modules.is_dir(),
            "playwright-core (npm ci in tests/browser)",
        )
    {
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let build = prepbook(&repo())
        .args(["build", "--no-cache", "--output"])
        .arg(&site)
        .output()
        .expect("build");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .current_dir(repo().join("tests/browser"))
        .env("PREPBOOK_SITE", &site)
        .env("PREPBOOK_BIN", env!("CARGO_BIN_EXE_prepbook"))
        .env("CHROMIUM", &chromium);
    let report = node_tests_pass(node, "browser tests");
    println!("{report}");
}
