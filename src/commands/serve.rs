//! `prepbook serve`: build, serve over HTTP, rebuild and reload on every change.

use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::serve::{self, ServeError, ServeOptions};

pub fn run(args: &ServeArgs) -> ExitCode {
    let root = match super::locate::guide_root(&args.guide) {
        Ok(root) => root,
        Err(d) => {
            super::print_diagnostics(&[d]);
            return ExitCode::from(1);
        }
    };
    let opts = ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    match serve::serve(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_err!("error: {e}");
            let hint = match &e {
                ServeError::NotAGuide(_) => {
                    Some("run `prepbook init` to create a guide, or pass `--root` to point at one")
                }
                ServeError::Listen { .. } => {
                    Some("pick another port with `--port`, or `--port 0` for any free one")
                }
                _ => None,
            };
            if let Some(hint) = hint {
                say_err!("  = hint: {hint}");
            }
            ExitCode::from(1)
        }
    }
}
