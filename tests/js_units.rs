//! The JavaScript unit tests (`tests/js/*.test.js`): study mode's scheduler and progress store,
//! run with node's own test runner, so `cargo test` stays the one command that runs every test.

mod common;

use std::process::Command;

use common::*;

#[test]
fn javascript_unit_tests_pass() {
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !require(node_ok, "node (apt-get install nodejs)") {
        return;
    }
    let run = Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(repo())
        .output()
        .expect("run node --test");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "JavaScript unit tests failed:\n{report}"
    );
    let passed = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("# pass "))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert!(passed > 0, "no JavaScript unit test ran:\n{report}");
}
