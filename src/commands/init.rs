//! `prepbook init`: create a new guide and say what to do next.

use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::diagnostics::display_path;

pub fn run(args: &InitArgs) -> ExitCode {
    match crate::scaffold::init_guide(&args.dir) {
        Ok(files) => {
            for f in &files {
                say!("created {}", f.display());
            }
            let dir = display_path(&crate::output::absolute(&args.dir));
            let cd = if dir.as_os_str().is_empty() {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            say!("next: {cd}prepbook serve --open");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            super::print_diagnostics(&diags);
            ExitCode::from(1)
        }
    }
}
