//! One module per subcommand: each a thin layer over the library that prints and picks the exit
//! code.

pub mod build;
pub mod check;
pub mod export;
pub mod init;
pub mod locate;
pub mod new;
pub mod serve;
pub mod test;

use crate::diagnostics::Diagnostic;

/// Prints diagnostics to stderr, rustc style, each followed by a blank line.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    crate::diagnostics::render::print_all(diags);
}

/// The closing line after errors: how many, of which kind.
pub fn print_failure(diags: &[Diagnostic], what: &str) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    say_err!(
        "{what} failed: {}, {}",
        count(errors, "error"),
        count(warnings, "warning")
    );
}

/// `1 section`, `2 sections`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
