//! `prepbook test`: run the guide's Python blocks and exercises; failures for people or as JSON
//! lines, the summary on stderr.

use std::process::ExitCode;

use crate::cli::{Format, TestArgs};
use crate::testing::{self, Report, TestOptions};

pub fn run(args: &TestArgs) -> ExitCode {
    let opts = TestOptions {
        python: args.python.clone(),
        skip_local: args.skip_local,
        drafts: args.drafts,
    };
    let report = match super::locate::guide_root(&args.guide) {
        Ok(root) => testing::test_guide(&root, &opts),
        Err(d) => Report {
            diagnostics: vec![d],
            ..Report::default()
        },
    };
    match args.format {
        Format::Json => {
            for d in &report.diagnostics {
                println!("{}", d.to_json_line());
            }
        }
        Format::Human => super::print_diagnostics(&report.diagnostics),
    }
    eprintln!("{}", report.summary());
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
