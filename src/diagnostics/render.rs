//! A diagnostic as people read it, like rustc: our own first line `path:line:col: error:
//! message`, then the source line with its caret drawn by `annotate-snippets` (the renderer
//! rustc uses, which measures tabs and wide characters), then `= hint:`. Colour only on a
//! terminal, and never when `NO_COLOR` is set.

use std::ffi::OsStr;
use std::fmt;
use std::io::IsTerminal;
use std::ops::Range;

use annotate_snippets::renderer::{
    DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_LINE_NUM_STYLE, DEFAULT_WARNING_STYLE, Style,
};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::escape::{escape_controls, escaped_len};
use super::{Diagnostic, Severity};

/// How wide a source line may be before the renderer elides it: wide enough that a line is
/// always shown whole, as it was before `annotate-snippets` drew it (a terminal wraps it).
const WHOLE_LINE: usize = 1 << 24;

impl fmt::Display for Diagnostic {
    /// The plain text, without colour: what tests, logs and `serve`'s error overlay show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl Diagnostic {
    /// The diagnostic as people read it, with ANSI colour when `colour`. Every text that came
    /// from a guide is shown with its control characters escaped ([`escape_controls`]).
    pub fn render(&self, colour: bool) -> String {
        let paint = |style: Style, text: &str| {
            if colour {
                format!("{style}{text}{style:#}")
            } else {
                text.to_string()
            }
        };
        let (label, style) = match self.severity {
            Severity::Error => ("error", DEFAULT_ERROR_STYLE),
            Severity::Warning => ("warning", DEFAULT_WARNING_STYLE),
        };
        let path = self.path.to_string_lossy();
        let path = escape_controls(&path, false);
        let place = if self.line > 0 {
            format!("{path}:{}:{}", self.line, self.column)
        } else {
            path.into_owned()
        };
        let message = escape_controls(&self.message, true);
        let mut out = format!(
            "{place}: {}: {}",
            paint(style, label),
            paint(Style::new().bold(), &message)
        );
        if let Some(line) = &self.source_line {
            out.push('\n');
            out.push_str(&self.snippet(line, colour));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!(
                "\n  {} {} {}",
                paint(DEFAULT_LINE_NUM_STYLE, "="),
                paint(DEFAULT_HELP_STYLE, "hint:"),
                escape_controls(hint, true)
            ));
        }
        out
    }

    /// The gutter, the source line and the caret under the span, as `annotate-snippets` draws
    /// them (no header: the first line is ours).
    fn snippet(&self, line: &str, colour: bool) -> String {
        let shown = escape_controls(line, false);
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let report = [Group::with_level(level).element(
            Snippet::source(shown.as_ref())
                .line_start(self.line as usize)
                .annotation(AnnotationKind::Primary.span(self.shown_span(line))),
        )];
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.term_width(WHOLE_LINE).render(&report)
    }

    /// The underlined part of `line` as a byte range of the line once escaped: from `column`
    /// (counted in the file's characters) over `span_len` characters, ending with the line. An
    /// empty range at the end of the line is drawn as one caret just past it.
    fn shown_span(&self, line: &str) -> Range<usize> {
        let skip = (self.column as usize).saturating_sub(1);
        let take = (self.span_len as usize).max(1);
        let start: usize = line.chars().take(skip).map(escaped_len).sum();
        let len: usize = line.chars().skip(skip).take(take).map(escaped_len).sum();
        start..start + len
    }
}

/// Prints diagnostics to stderr, each followed by a blank line; in colour on a terminal.
pub fn print_all(diagnostics: &[Diagnostic]) {
    let colour = wants_colour(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    for d in diagnostics {
        say_err!("{}\n", d.render(colour));
    }
}

/// Colour only for a person at a terminal who has not asked for none (`NO_COLOR` set to
/// anything but the empty string, as no-color.org defines it).
fn wants_colour(terminal: bool, no_color: Option<&OsStr>) -> bool {
    terminal && no_color.is_none_or(OsStr::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rendered source line and caret line of a diagnostic, without their gutters.
    fn source_and_caret(d: &Diagnostic) -> (String, String) {
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let number = format!("{} | ", d.line);
        let at = lines
            .iter()
            .position(|l| l.starts_with(&number))
            .expect("a source line");
        let gutter = number.len();
        (
            lines[at][gutter..].to_string(),
            lines[at + 1][gutter..].to_string(),
        )
    }

    #[test]
    fn renders_like_rustc_with_caret_and_hint() {
        let src = "---\ntitle: Hi\ndifficulty: meduim\n---\n";
        let d = Diagnostic::error("q.md", "unknown difficulty `meduim`")
            .at(src, 3, 13, 6)
            .with_hint("did you mean `medium`?");
        assert_eq!(
            d.to_string(),
            "q.md:3:13: error: unknown difficulty `meduim`\n  |\n3 | difficulty: meduim\n  |             ^^^^^^\n  = hint: did you mean `medium`?"
        );
    }

    #[test]
    fn a_diagnostic_about_the_whole_file_has_no_position_and_no_source() {
        let d = Diagnostic::warning("book.toml", "no title").with_hint("add `title = ...`");
        assert_eq!(
            d.to_string(),
            "book.toml: warning: no title\n  = hint: add `title = ...`"
        );
    }

    #[test]
    fn control_characters_are_escaped_everywhere_and_the_caret_still_points_at_the_problem() {
        let src = "---\ntitle: \u{1b}]0;owned\u{7}\u{9b}2J\rx meduim\n---\n";
        let col = src
            .lines()
            .nth(1)
            .and_then(|l| l.find("meduim"))
            .expect("in line");
        let col = src.lines().nth(1).expect("line")[..col].chars().count() + 1;
        let d = Diagnostic::error("q\u{1b}[2K.md", "unknown `\u{7}x`\nsecond line")
            .at(src, 2, col, 6)
            .with_hint("write \u{1b}[31mred");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(shown.starts_with("q\\u{1b}[2K.md:2:"), "{shown}");
        assert!(shown.contains("unknown `\\u{7}x`\nsecond line"), "{shown}");
        assert!(shown.ends_with("= hint: write \\u{1b}[31mred"), "{shown}");
        let (line, caret) = source_and_caret(&d);
        assert_eq!(line, "title: \\u{1b}]0;owned\\u{7}\\u{9b}2J\\u{d}x meduim");
        assert_eq!(caret.find('^'), line.find("meduim"), "\n{line}\n{caret}");
        assert_eq!(caret.trim(), "^^^^^^");

        let json = d.to_json_line();
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        for field in ["path", "message", "source_line", "hint"] {
            let text = value[field].as_str().expect(field);
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{field}: {text:?}"
            );
        }
        assert_eq!(value["column"], col, "the column is still the file's");
    }

    #[test]
    fn an_escaped_character_under_the_caret_widens_it() {
        let src = "tags: [a\u{1b}b, c]\n";
        let d = Diagnostic::warning("q.md", "odd tag").at(src, 1, 8, 3);
        let (line, caret) = source_and_caret(&d);
        assert_eq!(line, "tags: [a\\u{1b}b, c]");
        assert_eq!(caret, format!("{}{}", " ".repeat(7), "^".repeat(8)));
    }

    /// The old hand-drawn caret kept the tab in the caret line, which lined up only where the
    /// reader's tab stops matched; the source line's tab is now drawn as spaces, the caret too.
    #[test]
    fn a_tab_before_the_problem_keeps_the_caret_under_it() {
        let src = "\tdifficulty: meduim\n";
        let d = Diagnostic::error("q.md", "unknown difficulty").at(src, 1, 14, 6);
        let (line, caret) = source_and_caret(&d);
        assert!(!line.contains('\t') && !caret.contains('\t'), "{line:?}");
        assert_eq!(line.trim_start(), "difficulty: meduim");
        assert_eq!(caret.find('^'), line.find("meduim"), "\n{line}\n{caret}");
        assert_eq!(caret.trim(), "^^^^^^");
    }

    /// A CJK character takes two columns of a terminal: the caret counts columns, not
    /// characters (the old one was two columns short per wide character before it).
    #[test]
    fn the_caret_sits_under_wide_characters() {
        let src = "难度: 困难x\n";
        let d = Diagnostic::error("q.md", "unknown difficulty `困难x`").at(src, 1, 5, 3);
        let (line, caret) = source_and_caret(&d);
        assert_eq!(line, "难度: 困难x");
        // `难度: ` is four characters and six columns; `困难x` is five columns.
        assert_eq!(caret, "      ^^^^^");
    }

    #[test]
    fn the_caret_sits_after_an_emoji() {
        let src = "title: 🎉 oops\n";
        let d = Diagnostic::error("q.md", "m").at(src, 1, 10, 4);
        let (line, caret) = source_and_caret(&d);
        assert_eq!(line, "title: 🎉 oops");
        assert_eq!(caret, format!("{}^^^^", " ".repeat(10)));
    }

    #[test]
    fn colour_is_for_terminals_and_never_with_no_color() {
        let d = Diagnostic::error("q.md", "m").at("abc\n", 1, 1, 1);
        let plain = d.render(false);
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        assert_eq!(plain, d.to_string());
        let coloured = d.render(true);
        assert!(coloured.contains('\u{1b}'), "{coloured:?}");

        assert!(wants_colour(true, None));
        assert!(wants_colour(true, Some(OsStr::new(""))));
        assert!(!wants_colour(true, Some(OsStr::new("1"))));
        assert!(!wants_colour(false, None));
    }
}
