//! `prepbook check`: every problem of the guide, for people or as JSON lines; writes nothing.

use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::site::BuildOptions;

pub fn run(args: &CheckArgs) -> ExitCode {
    let opts = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let diags = match super::locate::guide_root(&args.guide) {
        Ok(root) => crate::check::check(&root, &opts),
        Err(d) => vec![d],
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match args.format {
        Format::Json => {
            for d in &diags {
                say!("{}", d.to_json_line());
            }
        }
        Format::Human => {
            super::print_diagnostics(&diags);
            if diags.is_empty() {
                say_err!("check passed: no problems");
            } else {
                say_err!(
                    "check found {}, {}",
                    super::count(errors, "error"),
                    super::count(warnings, "warning")
                );
            }
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
