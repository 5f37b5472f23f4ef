//! Template errors as diagnostics: at the template's file, line and column, as the guide's
//! author can find them. Tera gives a position for syntax and rendering errors; for a loop of
//! includes or extends, and for a parent that does not exist, it names only the templates, so
//! the `{% include %}` or `{% extends %}` tag is found in the template's text; unknown
//! templates, filters and functions come as Tera's own printed reports, read back here.

use crate::diagnostics::Diagnostic;
use crate::theme::Theme;

const HINT: &str = "fix the template; the variables each template gets are listed in Prepbook's manual (docs/content/themes.md)";

/// A Tera error as diagnostics (one for each problem it holds) at the template's file, line
/// and column.
pub fn template_errors(e: &tera::Error, theme: &Theme) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    let at_tag = |name: &str, keyword: &str, target: &str, message: String, hint: String| {
        let source = source(theme, name);
        let d = Diagnostic::error(theme.template_path(name), message).with_hint(hint);
        match tag_position(source, keyword, target) {
            Some((start, end)) => d.at_offset(source, start, end),
            None => d,
        }
    };
    let one = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let span = report.span();
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::error(
                theme.template_path(name),
                format!("template error: {}", report.message()),
            )
            .at(
                source(theme, name),
                span.start_line,
                span.start_col + 1,
                len,
            )
            .with_hint(HINT)
        }
        // `include_chain` runs from a template round to one already in it: the last include
        // closes the loop.
        ErrorKind::CircularInclude { include_chain, .. } if include_chain.len() >= 2 => {
            let n = include_chain.len();
            at_tag(
                &include_chain[n - 2],
                "include",
                &include_chain[n - 1],
                format!(
                    "template error: this include goes round in a loop: {}",
                    include_chain.join(" -> ")
                ),
                "a template cannot include itself, directly or through others; remove this include or another one of the loop".into(),
            )
        }
        // `tpl` extends the first of `inheritance_chain`, each the next, and the last is one
        // already in the chain.
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } if !inheritance_chain.is_empty() => {
            let n = inheritance_chain.len();
            let from = if n >= 2 {
                &inheritance_chain[n - 2]
            } else {
                tpl
            };
            let mut all = vec![tpl.as_str()];
            all.extend(inheritance_chain.iter().map(String::as_str));
            at_tag(
                from,
                "extends",
                &inheritance_chain[n - 1],
                format!(
                    "template error: these templates extend each other in a loop: {}",
                    all.join(" -> ")
                ),
                "a template cannot extend itself, directly or through others; make one of them extend another template, such as `base.html`".into(),
            )
        }
        ErrorKind::MissingParent { current, parent } => at_tag(
            current,
            "extends",
            parent,
            format!("template error: the template `{parent}` it extends does not exist"),
            format!(
                "extend a template of the theme (such as `base.html`), or add `{parent}` to its templates/ folder"
            ),
        ),
        ErrorKind::Msg(text) => {
            let found = reports(text, theme);
            if !found.is_empty() {
                return found;
            }
            Diagnostic::error("themes", format!("template error: {e}"))
        }
        _ => Diagnostic::error("themes", format!("template error: {e}")),
    };
    vec![one]
}

/// The first of [`template_errors`], for a place that reports one problem.
pub fn template_error(e: &tera::Error, theme: &Theme) -> Diagnostic {
    template_errors(e, theme)
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error("themes", format!("template error: {e}")))
}

/// The text of template `name` of the theme ("" when it is not text).
fn source<'t>(theme: &'t Theme, name: &str) -> &'t str {
    theme
        .files
        .get(&format!("templates/{name}"))
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .unwrap_or("")
}

/// The byte range of the first `{% keyword "target" %}` tag in `source` (any quotes, with or
/// without `-` whitespace control).
fn tag_position(source: &str, keyword: &str, target: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = source[from..].find("{%") {
        let start = from + i;
        from = start + 2;
        let Some(len) = source[from..].find("%}") else {
            break;
        };
        let inside = source[from..from + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let Some(rest) = inside.strip_prefix(keyword) else {
            continue;
        };
        let named = rest.trim_start();
        let quoted = ['"', '\'', '`'].iter().any(|&q| {
            named
                .strip_prefix(q)
                .and_then(|n| n.strip_prefix(target))
                .is_some_and(|n| n.starts_with(q))
        });
        if quoted && rest.len() > named.len() {
            return Some((start, from + len + 2));
        }
    }
    None
}

/// Tera's printed reports in `text` (`error: message` then ` --> name:line:col`, a source
/// line and its carets), as diagnostics at the template files.
fn reports(text: &str, theme: &Theme) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .get(i + 1)
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line_no), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line_no), Ok(col)) = (line_no.parse::<usize>(), col.parse::<usize>()) else {
            continue;
        };
        let carets = lines
            .get(i + 4)
            .map_or(1, |l| l.chars().filter(|&c| c == '^').count());
        out.push(
            Diagnostic::error(
                theme.template_path(name),
                format!("template error: {message}"),
            )
            .at(source(theme, name), line_no, col, carets)
            .with_hint(HINT),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_and_extends_tags_are_found_by_what_they_name() {
        let src =
            "<p>{{ x }}</p>\n{%- include 'partials/b.html' -%}\n{% include \"partials/a.html\" %}";
        let (start, end) = tag_position(src, "include", "partials/a.html").expect("found");
        assert_eq!(&src[start..end], "{% include \"partials/a.html\" %}");
        let (start, end) = tag_position(src, "include", "partials/b.html").expect("found");
        assert_eq!(&src[start..end], "{%- include 'partials/b.html' -%}");
        assert_eq!(tag_position(src, "include", "partials/c.html"), None);
        assert_eq!(tag_position(src, "extends", "partials/a.html"), None);
        assert_eq!(
            tag_position("{% includes 'a' %}{% include 'ab' %}", "include", "a"),
            None
        );
    }
}
