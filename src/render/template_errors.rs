//! Template errors as diagnostics: at the template's file, line and column, as the guide's
//! author can find them.

use crate::diagnostics::Diagnostic;
use crate::theme::Theme;

/// A Tera error as a diagnostic at the template's file, line and column.
pub fn template_error(e: &tera::Error, theme: &Theme) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let path = theme.template_path(name);
            let span = report.span();
            let source = theme
                .files
                .get(&format!("templates/{name}"))
                .and_then(|f| std::str::from_utf8(&f.bytes).ok())
                .unwrap_or("");
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::error(path, format!("template error: {}", report.message()))
                .at(source, span.start_line, span.start_col + 1, len)
                .with_hint(
                    "fix the template; the variables each template gets are listed in the README",
                )
        }
        _ => Diagnostic::error("themes", format!("template error: {e}")),
    }
}
