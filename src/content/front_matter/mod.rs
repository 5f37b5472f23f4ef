//! Front matter: finding the YAML block between `---` lines ([`split`]) and turning it into a
//! typed [`FrontMatter`] ([`parse`]), with every problem pointed at its line in the file. The
//! YAML itself is read in `yaml`, each key in `fields`; the types are in [`schema`].

mod brackets;
mod fields;
pub mod schema;
mod yaml;

use std::path::Path;

use crate::diagnostics::Diagnostic;

pub use schema::{Difficulty, FrontMatter, KNOWN_KEYS, Kind, Level, misspelled_key};

/// A source file split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitSource<'a> {
    /// The YAML between the fences, if the file has front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file text.
    pub body_offset: usize,
}

/// Normalizes a file's text: drops a UTF-8 byte order mark and turns CRLF, and a lone CR (old
/// Mac line endings), into LF. YAML, CommonMark and editors all count a lone CR as a line break,
/// so after this the line numbers of diagnostics agree with theirs.
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Front matter that opens with `---` and never closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

/// Splits `---` front matter from the body. A file without an opening `---` line is all body.
pub fn split(text: &str) -> Result<SplitSource<'_>, Unclosed> {
    let no_front = SplitSource {
        yaml: None,
        yaml_line: 0,
        body: text,
        body_offset: 0,
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(no_front);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_offset = (end + 1).min(text.len());
            return Ok(SplitSource {
                yaml: Some(&text[yaml_start..pos]),
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Unclosed)
}
/// Parses front matter and reports every problem in it (not only the first).
///
/// `text` is the whole (normalized) file, so diagnostics can show the offending line.
pub fn parse(split: &SplitSource<'_>, text: &str, path: &Path) -> (FrontMatter, Vec<Diagnostic>) {
    let mut fm = FrontMatter::default();
    let mut diags = Vec::new();
    let Some(yaml) = split.yaml else {
        return (fm, diags);
    };
    let line0 = split.yaml_line - 1;
    let entries = match yaml::entries(yaml, text, line0, path) {
        Ok(entries) => entries,
        Err(d) => {
            diags.push(d);
            fm.broken = true;
            return (fm, diags);
        }
    };
    let src = fields::Source { text, line0, path };
    for (key, value) in entries {
        fields::read(&mut fm, key, value, &src, &mut diags);
    }
    (fm, diags)
}

/// Where the top-level key `key` is written in the front matter of `text` (the whole file):
/// the line and column of its `key:`.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let (start, yaml) = yaml_of(text)?;
    let mut offset = start;
    for line in yaml.split_inclusive('\n') {
        let is_key = line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'));
        if is_key {
            return Some(crate::diagnostics::line_col(text, offset));
        }
        offset += line.len();
    }
    None
}

/// The line of the `---` that closes the front matter of `text`, if it has front matter.
pub fn closing_line(text: &str) -> Option<usize> {
    let (start, yaml) = yaml_of(text)?;
    Some(crate::diagnostics::line_col(text, start + yaml.len()).0)
}

/// The YAML of `text`'s front matter, with its byte offset in `text`.
fn yaml_of(text: &str) -> Option<(usize, &str)> {
    let yaml = split(text).ok()?.yaml?;
    // `split` takes the YAML from the line after the opening `---`.
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    Some((start, yaml))
}

/// Line and column of `needle` in a file's front matter (for a diagnostic on one list item).
pub fn find_in_front(text: &str, needle: &str) -> (usize, usize) {
    let front_end = text
        .get(3..)
        .and_then(|t| t.find("\n---"))
        .map_or(text.len(), |i| i + 3);
    match text[..front_end].find(needle) {
        Some(off) => crate::diagnostics::line_col(text, off),
        None => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn parse_text(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let split = split(text).expect("closed front matter");
        parse(&split, text, Path::new("q.md"))
    }

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
        assert_eq!(split("# Just markdown\n").unwrap().yaml, None);
        assert!(split("---\ntitle: A\nno end\n").is_err());
    }

    #[test]
    fn bom_and_crlf_are_fine() {
        let text =
            normalize("\u{feff}---\r\ntitle: Hi\r\ndifficulty: Medium\r\n---\r\nBody\r\n".into());
        let (fm, diags) = parse_text(&text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title.as_deref(), Some("Hi"));
        assert_eq!(fm.difficulty, Some(Difficulty::Medium));
    }

    #[test]
    fn typed_fields_accept_one_or_many() {
        let (fm, diags) = parse_text(
            "---\ntitle: T\ntags: solo\nlevel: [senior, mid]\nkind: Article\nweight: 3\nrelated: other\ndraft: true\n---\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.tags, vec!["solo"]);
        assert_eq!(fm.levels, vec![Level::Mid, Level::Senior]);
        assert_eq!(fm.kind, Kind::Article);
        assert_eq!(fm.weight, Some(3));
        assert_eq!(fm.related, vec![("other".to_string(), 7, 10)]);
        assert!(fm.draft);
    }

    #[test]
    fn unknown_difficulty_points_at_the_value_with_a_suggestion() {
        let text = "---\ntitle: T\ndifficulty: meduim\n---\n";
        let (_, diags) = parse_text(text);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!((d.line, d.column, d.span_len), (3, 13, 6));
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean `medium`? (easy | medium | hard)")
        );
    }

    #[test]
    fn a_bad_list_item_gets_its_own_caret() {
        let (_, diags) = parse_text("---\nlevel: [mid, guru]\n---\n");
        assert_eq!(
            (diags[0].line, diags[0].column, diags[0].span_len),
            (2, 14, 4)
        );
        let (_, diags) = parse_text("---\nlevel:\n  - mid\n  - guru\n---\n");
        assert_eq!((diags[0].line, diags[0].column), (4, 5));
    }

    #[test]
    fn all_problems_are_reported_not_only_the_first() {
        let (_, diags) = parse_text("---\ndifficulty: extreme\nlevel: guru\nweight: heavy\n---\n");
        let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn yaml_syntax_errors_count_lines_from_the_top_of_the_file() {
        let (_, diags) = parse_text("---\ntitle: ok\ntags: [a, b\n---\n");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].line >= 3, "{:?}", diags[0]);
        assert!(diags[0].message.starts_with("invalid YAML"));
    }

    #[test]
    fn unknown_keys_are_kept_and_typos_are_flagged() {
        let (fm, diags) = parse_text("---\ntitle: T\nedit_url: https://x\ntag: [a]\n---\n");
        assert_eq!(
            fm.extra.get("edit_url"),
            Some(&Value::String("https://x".into()))
        );
        assert!(fm.extra.contains_key("tag"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 4);
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `tags`?")
        );
    }

    #[test]
    fn aliases_and_keywords_are_read_for_search_and_are_not_typos() {
        let (fm, diags) = parse_text(
            "---\ntitle: T\naliases: [hash map, associative array]\nkeywords: mutex\n---\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.aliases, vec!["hash map", "associative array"]);
        assert_eq!(fm.keywords, vec!["mutex"]);
        assert!(fm.extra.is_empty());
        // A misspelling of the new keys is caught like any other.
        let (_, diags) = parse_text("---\ntitle: T\nkeyword: [x]\n---\n");
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `keywords`?")
        );
        // A mapping is not a list of phrases: the error is at the value, with the fix.
        let (_, diags) = parse_text("---\ntitle: T\naliases: {a: b}\n---\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
        assert!(diags[0].message.contains("`aliases` must be a list"));
    }

    #[test]
    fn keys_and_the_closing_fence_are_found_by_line() {
        let text = "---\ntitle: \"summary: no\"\nsummary : \"\"\n---\nsummary: body\n";
        assert_eq!(key_position(text, "summary"), Some((3, 1)));
        assert_eq!(key_position(text, "tags"), None);
        assert_eq!(closing_line(text), Some(4));
        assert_eq!(closing_line("# No front matter\n"), None);
        assert_eq!(key_position("# No front matter\n", "title"), None);
    }

    #[test]
    fn alias_bombs_are_stopped_by_the_budget() {
        let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='z' {
            yaml.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        yaml.push_str("---\n");
        let (_, diags) = parse_text(&yaml);
        assert_eq!(
            diags.len(),
            1,
            "a billion-laughs document must be refused, not expanded"
        );
    }
}
