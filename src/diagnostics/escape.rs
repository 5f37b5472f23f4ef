//! Control characters from a guide's text made visible (`\u{1b}`) before a diagnostic quotes
//! them, so that a file cannot drive the terminal or a CI log that shows the message.

use std::borrow::Cow;

/// `text` with each control character (C0, DEL and C1: ESC, BEL, CR, ...) written as its Rust
/// escape, `\u{1b}`, so that a guide's text cannot move the cursor, rewrite a CI log or set the
/// terminal's title when a diagnostic quotes it. Tab stays; newline stays when `newlines`.
pub fn escape_controls(text: &str, newlines: bool) -> Cow<'_, str> {
    if text.chars().all(|c| kept(c, newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, newlines);
    }
    Cow::Owned(out)
}

/// Whether `c` is shown as it is.
fn kept(c: char, newlines: bool) -> bool {
    !c.is_control() || c == '\t' || (newlines && c == '\n')
}

/// Appends `c` to `out`, escaped unless it is kept.
fn push_escaped(out: &mut String, c: char, newlines: bool) {
    if kept(c, newlines) {
        out.push(c);
    } else {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    }
}

/// How many bytes `c` takes in a line escaped by [`escape_controls`] (without newlines kept):
/// the bridge from a column counted in the file's characters to a place in the shown text.
pub(super) fn escaped_len(c: char) -> usize {
    let mut out = String::new();
    push_escaped(&mut out, c, false);
    out.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_control_characters_is_not_copied() {
        assert!(matches!(
            escape_controls("tab\tand é", false),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_controls("a\nb", false), "a\\u{a}b");
        assert_eq!(escape_controls("a\nb", true), "a\nb");
        assert_eq!(escape_controls("\u{7f}\u{85}", true), "\\u{7f}\\u{85}");
    }

    #[test]
    fn escaped_len_matches_the_escaped_text() {
        for c in ['a', 'é', '难', '🎉', '\t', '\u{1b}', '\u{9b}', '\r', '\n'] {
            let text = c.to_string();
            assert_eq!(escaped_len(c), escape_controls(&text, false).len(), "{c:?}");
        }
    }
}
