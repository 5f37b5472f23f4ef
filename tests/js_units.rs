//! The JavaScript unit tests (`tests/js/*.test.js`): study mode's scheduler and progress store,
//! run with node's own test runner, so `cargo test` stays the one command that runs every test.

mod common;

use std::process::Command;

use common::*;

#[test]
fn javascript_unit_tests_pass() {
    if !require(node_runs(), "node (apt-get install nodejs)") {
        return;
    }
    let mut node = Command::new("node");
    node.args(["--test", "tests/js/"]).current_dir(repo());
    node_tests_pass(node, "JavaScript unit tests");
}
