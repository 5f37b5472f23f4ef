//! Front matter: finding the YAML block between `---` lines, parsing it with serde-saphyr, and
//! turning it into a typed [`FrontMatter`], with every problem pointed at its line in the file.

use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, closest};

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

/// How hard a question is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "Easy",
            Difficulty::Medium => "Medium",
            Difficulty::Hard => "Hard",
        }
    }

    /// Parses a difficulty, ignoring case; also accepts the labels LeetCode's Chinese site uses.
    pub fn parse(s: &str) -> Option<Difficulty> {
        match s.trim().to_lowercase().as_str() {
            "easy" | "简单" => Some(Difficulty::Easy),
            "medium" | "中等" => Some(Difficulty::Medium),
            "hard" | "困难" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

/// The seniority a question is typical for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Entry,
    Mid,
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Entry, Level::Mid, Level::Senior];

    pub fn name(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_lowercase().as_str() {
            "entry" => Some(Level::Entry),
            "mid" => Some(Level::Mid),
            "senior" => Some(Level::Senior),
            _ => None,
        }
    }
}

/// What a page is: a question (a Q&A card) or an article (a guide, a tip).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Question,
    Article,
}

/// The typed front matter of a question, article or section `_index.md`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub difficulty: Option<Difficulty>,
    pub levels: Vec<Level>,
    pub kind: Kind,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    /// Each entry with the line and column it was written at, so it can be reported.
    pub related: Vec<(String, usize, usize)>,
    pub draft: bool,
    /// Keys Prepbook does not know, kept for templates (`page.extra`).
    #[serde(with = "crate::as_json")]
    pub extra: serde_json::Map<String, Value>,
    /// The YAML could not be parsed (already reported): checks that need it are skipped.
    pub broken: bool,
}

/// The keys Prepbook reads; anything else goes to `extra`.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "slug",
    "tags",
    "difficulty",
    "level",
    "kind",
    "summary",
    "description",
    "weight",
    "related",
    "draft",
];

/// The front-matter mapping in source order, each key and value with its position.
struct Entries(Vec<(Spanned<String>, Spanned<Value>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<Value>>()?;
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
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
    let entries: Entries = match serde_saphyr::from_str(yaml) {
        Ok(e) => e,
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let message = strip_location(&e.without_snippet().to_string());
            let hint = yaml_hint(&message);
            diags.push(
                Diagnostic::error(path, format!("invalid YAML in front matter: {message}"))
                    .at(text, line0 + line, col, 1)
                    .with_hint(hint),
            );
            fm.broken = true;
            return (fm, diags);
        }
    };
    for (key, value) in entries.0 {
        let at = |d: Diagnostic, v: &Spanned<Value>| {
            let (l, c) = (v.referenced.line() as usize, v.referenced.column() as usize);
            let len = match &v.value {
                Value::String(s) if !s.contains('\n') => s.chars().count(),
                _ => 1,
            };
            d.at(text, line0 + l, c, len)
        };
        let name = key.value.as_str();
        match name {
            "title" | "slug" | "summary" | "description" => match scalar_string(&value.value) {
                Some(s) => {
                    let slot = match name {
                        "title" => &mut fm.title,
                        "slug" => &mut fm.slug,
                        "summary" => &mut fm.summary,
                        _ => &mut fm.description,
                    };
                    *slot = Some(s.trim().to_string()).filter(|s| !s.is_empty());
                }
                None => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!("`{name}` must be text, found {}", describe(&value.value)),
                    )
                    .with_hint(format!("write `{name}: \"...\"`")),
                    &value,
                )),
            },
            "tags" => match string_list(&value.value) {
                Some(tags) => fm.tags = tags.into_iter().filter(|t| !t.trim().is_empty()).collect(),
                None => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!(
                            "`tags` must be a list of words, found {}",
                            describe(&value.value)
                        ),
                    )
                    .with_hint("write `tags: [concurrency, cpython]`"),
                    &value,
                )),
            },
            "difficulty" => {
                let raw = scalar_string(&value.value).unwrap_or_default();
                match Difficulty::parse(&raw) {
                    Some(d) => fm.difficulty = Some(d),
                    None => {
                        let names = Difficulty::ALL.map(Difficulty::name);
                        let hint = match closest(&raw, names) {
                            Some(c) => format!("did you mean `{c}`? (easy | medium | hard)"),
                            None => "use one of: easy, medium, hard".to_string(),
                        };
                        diags.push(at(
                            Diagnostic::error(
                                path,
                                format!("unknown difficulty `{}`", show(&value.value)),
                            )
                            .with_hint(hint),
                            &value,
                        ));
                    }
                }
            }
            "level" => match string_list(&value.value) {
                Some(items) => {
                    for item in items {
                        match Level::parse(&item) {
                            Some(l) if !fm.levels.contains(&l) => fm.levels.push(l),
                            Some(_) => {}
                            None => {
                                let hint = match closest(&item, Level::ALL.map(Level::name)) {
                                    Some(c) => {
                                        format!("did you mean `{c}`? (entry | mid | senior)")
                                    }
                                    None => {
                                        "use entry, mid or senior, or a list of them".to_string()
                                    }
                                };
                                let (l, c) = item_position(text, &value, &item, line0);
                                diags.push(
                                    Diagnostic::error(path, format!("unknown level `{item}`"))
                                        .at(text, l, c, item.chars().count())
                                        .with_hint(hint),
                                );
                            }
                        }
                    }
                    fm.levels.sort();
                }
                None => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!(
                            "`level` must be a word or a list, found {}",
                            describe(&value.value)
                        ),
                    )
                    .with_hint("write `level: mid` or `level: [mid, senior]`"),
                    &value,
                )),
            },
            "kind" => match scalar_string(&value.value)
                .as_deref()
                .map(str::to_lowercase)
                .as_deref()
            {
                Some("question") => fm.kind = Kind::Question,
                Some("article") => fm.kind = Kind::Article,
                _ => diags.push(at(
                    Diagnostic::error(path, format!("unknown kind `{}`", show(&value.value)))
                        .with_hint("use `question` (a Q&A card, the default) or `article`"),
                    &value,
                )),
            },
            "weight" => match &value.value {
                Value::Number(n) if n.as_i64().is_some() => fm.weight = n.as_i64(),
                Value::Number(n) => fm.weight = n.as_f64().map(|f| f.round() as i64),
                _ => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!(
                            "`weight` must be a whole number, found {}",
                            describe(&value.value)
                        ),
                    )
                    .with_hint("lower weights come first, e.g. `weight: 10`"),
                    &value,
                )),
            },
            "related" => match string_list(&value.value) {
                Some(items) => {
                    let (l, c) = (
                        value.referenced.line() as usize,
                        value.referenced.column() as usize,
                    );
                    fm.related = items.into_iter().map(|r| (r, line0 + l, c)).collect();
                }
                None => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!(
                            "`related` must be a list of question slugs, found {}",
                            describe(&value.value)
                        ),
                    )
                    .with_hint("write `related: [other-question, ../section/third]`"),
                    &value,
                )),
            },
            "draft" => match &value.value {
                Value::Bool(b) => fm.draft = *b,
                _ => diags.push(at(
                    Diagnostic::error(
                        path,
                        format!(
                            "`draft` must be true or false, found {}",
                            describe(&value.value)
                        ),
                    ),
                    &value,
                )),
            },
            _ => {
                if let Some(known) = misspelled_key(name) {
                    let (l, c) = (
                        key.referenced.line() as usize,
                        key.referenced.column() as usize,
                    );
                    diags.push(
                        Diagnostic::warning(path, format!("unknown front matter key `{name}`"))
                            .at(text, line0 + l, c, name.chars().count())
                            .with_hint(format!("did you mean `{known}`? Unknown keys are kept as `page.extra.{name}`")),
                    );
                }
                fm.extra.insert(key.value, value.value);
            }
        }
    }
    (fm, diags)
}

/// Where one item of a list value is written: searched from the value's position, so an item
/// of a flow list (`[mid, guru]`) or a block list gets its own caret.
fn item_position(text: &str, value: &Spanned<Value>, item: &str, line0: usize) -> (usize, usize) {
    let line = line0 + value.referenced.line() as usize;
    let col = value.referenced.column() as usize;
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + text.lines().nth(line.saturating_sub(1)).map_or(0, |l| {
            l.char_indices()
                .nth(col.saturating_sub(1))
                .map_or(0, |(i, _)| i)
        });
    match text.get(start..).and_then(|rest| rest.find(item)) {
        Some(off) => crate::diagnostics::line_col(text, start + off),
        None => (line, col),
    }
}

/// The known key that `name` is a misspelling of (`tag` -> `tags`), if it is one.
pub fn misspelled_key(name: &str) -> Option<&'static str> {
    closest(name, KNOWN_KEYS.iter().copied()).filter(|k| is_typo(name, k))
}

/// A misspelling, not a different word: close in edit distance to a known key.
fn is_typo(name: &str, known: &str) -> bool {
    let name = name.to_lowercase();
    name != known && strsim::damerau_levenshtein(&name, known) <= (known.len() / 4).max(1)
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn yaml_hint(message: &str) -> String {
    if message.contains("quoted scalar") {
        "a quoted value is not closed: check the quotes on this line and the lines above".into()
    } else if message.contains("duplicate mapping key") {
        "each key may appear once; remove one of them".into()
    } else if message.contains("mapping start") {
        "front matter must be `key: value` lines".into()
    } else if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, e.g. `title: \"Python: why?\"`".into()
    } else {
        "check quoting and indentation; values with `:`, `#` or `[` need quotes".into()
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One scalar or a list of scalars, as strings.
fn string_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items.iter().map(scalar_string).collect(),
        Value::Null => Some(Vec::new()),
        other => scalar_string(other).map(|s| vec![s]),
    }
}

fn show(v: &Value) -> String {
    scalar_string(v).unwrap_or_else(|| v.to_string())
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
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
