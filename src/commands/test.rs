//! `prepbook test`: run the guide's Python blocks and exercises; failures for people or as JSON
//! lines, the summary on stderr.

use std::process::ExitCode;

use crate::cli::{Format, TestArgs};
use crate::testing::{self, Report, TestOptions};

pub fn run(args: &TestArgs) -> ExitCode {
    // Runs live in process groups of their own (so a timeout kills what they start), out of the
    // terminal's reach: Ctrl+C ends them here, and the command stops once they are gone.
    let _ = ctrlc::set_handler(testing::process::stop_all);
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
    if testing::process::stopped() {
        say_err!("prepbook test interrupted: every run was stopped");
        return ExitCode::from(130);
    }
    match args.format {
        Format::Json => {
            for d in &report.diagnostics {
                say!("{}", d.to_json_line());
            }
        }
        Format::Human => super::print_diagnostics(&report.diagnostics),
    }
    if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
        for (place, took) in report.durations.iter().take(10) {
            say_err!("{:>7.2} s  {place}", took.as_secs_f64());
        }
    }
    say_err!("{}", report.summary());
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
