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

/// Human output has the rustc shape, with a caret line no longer than the source line plus the
/// span; JSON output is one object on one line with the same position.
pub fn check_rendering(d: &Diagnostic) {
    let human = d.to_string();
    let path = d.path.display().to_string();
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
        let shown = lines[2]
            .strip_prefix(&format!("{num} | "))
            .unwrap_or_else(|| panic!("source line without its number: {out:?}"));
        let caret = lines[3]
            .strip_prefix(&format!("{pad} | "))
            .unwrap_or_else(|| panic!("caret line without its gutter: {out:?}"));
        let carets = caret.chars().rev().take_while(|&c| c == '^').count();
        assert!(carets >= 1, "no caret: {out:?}");
        assert!(
            caret
                .trim_end_matches('^')
                .chars()
                .all(|c| c == ' ' || c == '\t'),
            "the caret line holds more than blanks and carets: {caret:?}"
        );
        let limit = shown.chars().count() + d.span_len as usize;
        assert!(
            caret.chars().count() <= limit,
            "caret line of {} characters under a line of {}, span {}",
            caret.chars().count(),
            shown.chars().count(),
            d.span_len
        );
        assert!(
            source_line.chars().count() <= shown.chars().count(),
            "the shown line is shorter than the source line"
        );
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
