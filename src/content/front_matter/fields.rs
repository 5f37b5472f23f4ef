//! Reading each front matter key into its typed field of [`FrontMatter`]: one function per
//! known key, each reporting a value of the wrong shape at the value itself, with a hint; any
//! other key is kept in `extra` for templates.

use std::path::Path;

use serde_json::Value;
use serde_saphyr::Spanned;

use super::schema::{Difficulty, FrontMatter, Kind, Level, misspelled_key};
use crate::diagnostics::{Diagnostic, closest};

/// The file the front matter is in, to point diagnostics at it.
pub struct Source<'a> {
    /// The whole (normalized) file.
    pub text: &'a str,
    /// The file's line just before the YAML.
    pub line0: usize,
    pub path: &'a Path,
}

impl Source<'_> {
    /// `d` pointed at `v`: a one-line text value is underlined whole.
    fn at(&self, d: Diagnostic, v: &Spanned<Value>) -> Diagnostic {
        let (l, c) = (v.referenced.line() as usize, v.referenced.column() as usize);
        let len = match &v.value {
            Value::String(s) if !s.contains('\n') => s.chars().count(),
            _ => 1,
        };
        d.at(self.text, self.line0 + l, c, len)
    }

    /// An error at value `v`.
    fn error(&self, message: String, v: &Spanned<Value>) -> Diagnostic {
        self.at(Diagnostic::error(self.path, message), v)
    }
}

/// Reads the entry `key: value` into `fm`; its mistakes go to `diags`.
pub fn read(
    fm: &mut FrontMatter,
    key: Spanned<String>,
    value: Spanned<Value>,
    src: &Source<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let found = match key.value.as_str() {
        name @ ("title" | "slug" | "summary" | "description") => {
            let slot = match name {
                "title" => &mut fm.title,
                "slug" => &mut fm.slug,
                "summary" => &mut fm.summary,
                _ => &mut fm.description,
            };
            text(slot, name, &value, src)
        }
        "tags" => tags(fm, &value, src),
        name @ ("aliases" | "keywords") => search_words(fm, name, &value, src),
        "difficulty" => difficulty(fm, &value, src),
        "level" => return levels(fm, &value, src, diags),
        "kind" => kind(fm, &value, src),
        "weight" => weight(fm, &value, src),
        "related" => related(fm, &value, src),
        "draft" => draft(fm, &value, src),
        _ => unknown(fm, key, value, src),
    };
    diags.extend(found);
}

/// `title`, `slug`, `summary`, `description`: text, trimmed; empty is none.
fn text(
    slot: &mut Option<String>,
    name: &str,
    value: &Spanned<Value>,
    src: &Source<'_>,
) -> Option<Diagnostic> {
    match scalar_string(&value.value) {
        Some(s) => {
            *slot = Some(s.trim().to_string()).filter(|s| !s.is_empty());
            None
        }
        None => Some(
            src.error(
                format!("`{name}` must be text, found {}", describe(&value.value)),
                value,
            )
            .with_hint(format!("write `{name}: \"...\"`")),
        ),
    }
}

fn tags(fm: &mut FrontMatter, value: &Spanned<Value>, src: &Source<'_>) -> Option<Diagnostic> {
    match string_list(&value.value) {
        Some(tags) => {
            fm.tags = tags.into_iter().filter(|t| !t.trim().is_empty()).collect();
            None
        }
        None => Some(
            src.error(
                format!(
                    "`tags` must be a list of words, found {}",
                    describe(&value.value)
                ),
                value,
            )
            .with_hint("write `tags: [concurrency, cpython]`"),
        ),
    }
}

/// `aliases`, `keywords`: text or a list of texts, for search only.
fn search_words(
    fm: &mut FrontMatter,
    name: &str,
    value: &Spanned<Value>,
    src: &Source<'_>,
) -> Option<Diagnostic> {
    let Some(items) = string_list(&value.value) else {
        return Some(
            src.error(
                format!(
                    "`{name}` must be a list of words or phrases, found {}",
                    describe(&value.value)
                ),
                value,
            )
            .with_hint(format!("write `{name}: [hash map, associative array]`")),
        );
    };
    let items = items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if name == "aliases" {
        fm.aliases = items;
    } else {
        fm.keywords = items;
    }
    None
}

fn difficulty(
    fm: &mut FrontMatter,
    value: &Spanned<Value>,
    src: &Source<'_>,
) -> Option<Diagnostic> {
    let raw = scalar_string(&value.value).unwrap_or_default();
    if let Some(d) = Difficulty::parse(&raw) {
        fm.difficulty = Some(d);
        return None;
    }
    let names = Difficulty::ALL.map(Difficulty::name);
    let hint = match closest(&raw, names) {
        Some(c) => format!("did you mean `{c}`? (easy | medium | hard)"),
        None => "use one of: easy, medium, hard".to_string(),
    };
    Some(
        src.error(
            format!("unknown difficulty `{}`", show(&value.value)),
            value,
        )
        .with_hint(hint),
    )
}

/// `level`: one word or a list; each unknown word is reported at itself.
fn levels(
    fm: &mut FrontMatter,
    value: &Spanned<Value>,
    src: &Source<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(items) = string_list(&value.value) else {
        diags.push(
            src.error(
                format!(
                    "`level` must be a word or a list, found {}",
                    describe(&value.value)
                ),
                value,
            )
            .with_hint("write `level: mid` or `level: [mid, senior]`"),
        );
        return;
    };
    for item in items {
        match Level::parse(&item) {
            Some(l) if !fm.levels.contains(&l) => fm.levels.push(l),
            Some(_) => {}
            None => {
                let hint = match closest(&item, Level::ALL.map(Level::name)) {
                    Some(c) => format!("did you mean `{c}`? (entry | mid | senior)"),
                    None => "use entry, mid or senior, or a list of them".to_string(),
                };
                let (l, c) = item_position(src.text, value, &item, src.line0);
                diags.push(
                    Diagnostic::error(src.path, format!("unknown level `{item}`"))
                        .at(src.text, l, c, item.chars().count())
                        .with_hint(hint),
                );
            }
        }
    }
    fm.levels.sort();
}

fn kind(fm: &mut FrontMatter, value: &Spanned<Value>, src: &Source<'_>) -> Option<Diagnostic> {
    match scalar_string(&value.value)
        .as_deref()
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("question") => fm.kind = Kind::Question,
        Some("article") => fm.kind = Kind::Article,
        _ => {
            return Some(
                src.error(format!("unknown kind `{}`", show(&value.value)), value)
                    .with_hint("use `question` (a Q&A card, the default) or `article`"),
            );
        }
    }
    None
}

fn weight(fm: &mut FrontMatter, value: &Spanned<Value>, src: &Source<'_>) -> Option<Diagnostic> {
    match &value.value {
        Value::Number(n) if n.as_i64().is_some() => fm.weight = n.as_i64(),
        Value::Number(n) => fm.weight = n.as_f64().map(|f| f.round() as i64),
        _ => {
            return Some(
                src.error(
                    format!(
                        "`weight` must be a whole number, found {}",
                        describe(&value.value)
                    ),
                    value,
                )
                .with_hint("lower weights come first, e.g. `weight: 10`"),
            );
        }
    }
    None
}

/// `related`: slugs, each kept with the value's position to report it later.
fn related(fm: &mut FrontMatter, value: &Spanned<Value>, src: &Source<'_>) -> Option<Diagnostic> {
    match string_list(&value.value) {
        Some(items) => {
            let (l, c) = (
                value.referenced.line() as usize,
                value.referenced.column() as usize,
            );
            fm.related = items.into_iter().map(|r| (r, src.line0 + l, c)).collect();
            None
        }
        None => Some(
            src.error(
                format!(
                    "`related` must be a list of question slugs, found {}",
                    describe(&value.value)
                ),
                value,
            )
            .with_hint("write `related: [other-question, ../section/third]`"),
        ),
    }
}

fn draft(fm: &mut FrontMatter, value: &Spanned<Value>, src: &Source<'_>) -> Option<Diagnostic> {
    match &value.value {
        Value::Bool(b) => {
            fm.draft = *b;
            None
        }
        _ => Some(src.error(
            format!(
                "`draft` must be true or false, found {}",
                describe(&value.value)
            ),
            value,
        )),
    }
}

/// A key Prepbook does not read: kept in `extra`; a misspelled known key is a warning.
fn unknown(
    fm: &mut FrontMatter,
    key: Spanned<String>,
    value: Spanned<Value>,
    src: &Source<'_>,
) -> Option<Diagnostic> {
    let name = key.value.as_str();
    let warning = misspelled_key(name).map(|known| {
        let (l, c) = (
            key.referenced.line() as usize,
            key.referenced.column() as usize,
        );
        Diagnostic::warning(src.path, format!("unknown front matter key `{name}`"))
            .at(src.text, src.line0 + l, c, name.chars().count())
            .with_hint(format!(
                "did you mean `{known}`? Unknown keys are kept for templates, as `extra.{name}`"
            ))
    });
    fm.extra.insert(key.value, value.value);
    warning
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
