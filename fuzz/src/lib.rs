//! Checks the fuzz targets share: what every diagnostic must look like, whatever the input that
//! produced it, and a case-insensitive count of `<script` for the targets that render HTML.

use prepbook::diagnostics::Diagnostic;

/// A diagnostic renders (human and JSON) and points at a place that exists.
///
/// `source` is the whole text the diagnostic was made from, when the caller knows it.
pub fn check_diagnostic(d: &Diagnostic, source: Option<&str>) {
    check_rendering(d);
    if let (Some(source), Some(line)) = (source, &d.source_line) {
        assert!(d.line >= 1, "a source line at line 0: {d:?}");
        assert_eq!(
            source
                .lines()
                .nth(d.line as usize - 1)
                .map(|l| l.trim_end_matches('\r')),
            Some(line.as_str()),
            "the source line shown is not line {} of the file",
            d.line
        );
    }
}

/// A diagnostic made by the library from real parsing: the caret stays on its line.
pub fn check_diagnostic_in(d: &Diagnostic, source: &str) {
    check_diagnostic(d, Some(source));
    if let Some(line) = &d.source_line {
        let chars = line.chars().count() as u64;
        let (col, span) = (u64::from(d.column), u64::from(d.span_len));
        assert!(
            col >= 1 && col <= chars + 1,
            "column {col} is off a line of {chars} characters: {d:?}"
        );
        assert!(
            col - 1 + span <= chars.max(col),
            "the caret runs past the end of the line ({col}+{span} on {chars} characters): {d:?}"
        );
    }
}

/// Human output has the rustc shape, holds no control character but tab and newline, and has a
/// caret line that ends at most one terminal column past the end of the source line shown; JSON
/// output is one object on one line with the same position.
pub fn check_rendering(d: &Diagnostic) {
    let human = d.to_string();
    let path =
        prepbook::diagnostics::escape_controls(&d.path.to_string_lossy(), false).into_owned();
    assert!(
        human.starts_with(&path),
        "{human:?} does not start with the path"
    );
    if d.line > 0 {
        let head = format!("{path}:{}:{}: ", d.line, d.column);
        assert!(
            human.starts_with(&head),
            "{human:?} does not start with {head:?}"
        );
    }
    assert!(
        !human
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character reaches the terminal: {human:?}"
    );

    if let Some(source_line) = &d.source_line {
        // The same diagnostic with a one-word message and no hint, so the lines of the output
        // are known whatever the message holds.
        let mut plain = d.clone();
        plain.message = "m".into();
        plain.hint = None;
        let out = plain.to_string();
        let lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(
            lines.len(),
            4,
            "expected head, gutter, source, caret: {out:?}"
        );
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        // The renderer writes nothing after the gutter of an empty line.
        let after_gutter = |line: &str, gutter: &str| {
            let rest = line.strip_prefix(gutter).unwrap_or_else(|| {
                panic!("{line:?} does not start with the gutter {gutter:?}: {out:?}")
            });
            rest.strip_prefix(' ').unwrap_or(rest).to_string()
        };
        let shown = after_gutter(lines[2], &format!("{num} |"));
        let caret = after_gutter(lines[3], &format!("{pad} |"));
        let carets = caret.chars().rev().take_while(|&c| c == '^').count();
        assert!(carets >= 1, "no caret: {out:?}");
        assert!(
            caret.trim_end_matches('^').chars().all(|c| c == ' '),
            "the caret line holds more than blanks and carets: {caret:?}"
        );
        let columns = |text: &str| -> usize {
            text.chars()
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
                .sum()
        };
        assert!(
            caret.chars().count() <= columns(&shown) + 1,
            "a caret line of {} columns under a line of {}: {out:?}",
            caret.chars().count(),
            columns(&shown)
        );
        // A short line of plain ASCII text is shown as it is.
        let leading = source_line.len() - source_line.trim_start().len();
        if leading <= 20
            && source_line
                .chars()
                .all(|c| c == ' ' || c.is_ascii_graphic())
        {
            assert_eq!(&shown, source_line, "{out:?}");
        }
    }

    let json = d.to_json_line();
    assert!(
        !json.contains('\n'),
        "JSON diagnostic spans lines: {json:?}"
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON diagnostic parses");
    assert_eq!(value["line"], d.line, "{json}");
    assert_eq!(value["column"], d.column, "{json}");
    assert!(value["message"].is_string(), "{json}");
}

/// How many times `<script` occurs in `html`, in any case.
pub fn script_tags(html: &str) -> usize {
    html.as_bytes()
        .windows(7)
        .filter(|w| w.eq_ignore_ascii_case(b"<script"))
        .count()
}
