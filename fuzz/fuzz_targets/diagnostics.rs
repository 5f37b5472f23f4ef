//! The diagnostics renderer: a diagnostic pointed at any line, column and span of any text
//! renders as human text and as JSON; the caret line is never longer than the source line plus
//! the span.
//!
//! Input: one byte of flags (1: point by byte offsets, 2: a warning, 4: with a hint), three
//! little-endian u64 (line and column, or start and end offsets; then the span), then the
//! source, the message and the hint, separated by 0xFF bytes (never part of UTF-8 text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepbook::diagnostics::{Diagnostic, line_col};
use prepbook_fuzz::check_diagnostic;

fn word(data: &[u8], at: usize) -> usize {
    let mut bytes = [0u8; 8];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = data.get(at + i).copied().unwrap_or(0);
    }
    u64::from_le_bytes(bytes) as usize
}

fuzz_target!(|data: &[u8]| {
    let flags = data.first().copied().unwrap_or(0);
    let (a, b, span) = (word(data, 1), word(data, 9), word(data, 17));
    let rest = data.get(25..).unwrap_or(&[]);
    let mut parts = rest.split(|&b| b == 0xFF).map(String::from_utf8_lossy);
    let source = parts.next().unwrap_or_default();
    let message = parts.next().unwrap_or_default();
    let hint = parts.next();

    let d = if flags & 2 == 0 {
        Diagnostic::error("guide/q.md", message.as_ref())
    } else {
        Diagnostic::warning("guide/q.md", message.as_ref())
    };
    let mut d = if flags & 1 == 1 {
        let d = d.at_offset(&source, a, b);
        // The position of the offset, with the caret kept on the line shown.
        let (line, column) = line_col(&source, a);
        let end = d
            .source_line
            .as_ref()
            .map_or(usize::MAX, |l| l.chars().count() + 1);
        assert_eq!(
            (d.line as usize, d.column as usize),
            (line, column.min(end)),
            "at_offset({a}, {b})"
        );
        assert!(d.source_line.is_some() || source.is_empty() || source.ends_with('\n'));
        d
    } else {
        let d = d.at(&source, a, b, span);
        assert_eq!(
            u64::from(d.line),
            (a as u64).min(u64::from(u32::MAX)),
            "line {a}"
        );
        assert!(d.column >= 1 && d.span_len >= 1);
        d
    };
    if flags & 4 != 0 {
        d = d.with_hint(hint.unwrap_or_default().as_ref());
    }
    check_diagnostic(&d, Some(&source));
});
