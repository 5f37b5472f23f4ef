//! Tags: when two written tags are the same tag, the slug (page name) each tag gets, and the
//! guide's tags collected from its questions, with the checks on them: the vocabulary, how many
//! tags one question may carry and how long one may be.
//!
//! A tag is known by its key: its name lowercased, with spacing (runs of spaces, `-` and `_`)
//! made one space. `Machine Learning`, `machine-learning` and ` machine_learning ` are one tag,
//! shown as first written. Different keys always get different slugs, so no tag hides another:
//! `c`, `c++`, `c#`, `.net` and `net` get `c`, `c-plus-plus`, `c-sharp`, `dotnet` and `net`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::Config;
use crate::content::front_matter::{Kind, find_in_front};
use crate::content::model::{Guide, SourcePage, Tag};
use crate::diagnostics::{Diagnostic, Diagnostics, closest, line_col};

/// The longest tag, in characters. A tag is a label; anything longer is not used.
pub const MAX_TAG_CHARS: usize = 100;

/// The longest slug, in bytes, before a suffix that tells two tags apart: file systems allow
/// 255 bytes per name.
const MAX_SLUG_BYTES: usize = 120;

/// Slugs a tag cannot have: `tags/index.html` is the list of all tags.
const TAKEN: &[&str] = &["index"];

/// What identifies a tag: lowercase, spacing (runs of whitespace, `-` and `_`) made one space,
/// trimmed. Empty when the tag is nothing but spacing.
pub fn tag_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() || c == '-' || c == '_' {
            space = !key.is_empty();
        } else {
            if space {
                key.push(' ');
                space = false;
            }
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// The slug a tag's key reads as, before two tags with the same one are told apart: letters and
/// digits (any script) as they are, words joined by `-`; `+`, `#`, `&` and `@` spelled out, and a
/// `.` that starts a word as `dot` (`c++` -> `c-plus-plus`, `.net` -> `dotnet`). A tag of other
/// symbols alone is spelled out character by character (`?!` -> `question-exclamation`, `🙂` ->
/// `u1f642`). Plain words get the slug [`crate::urls::slugify`] gives them.
pub fn base_slug(key: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        let named = match c {
            '+' => Some("plus"),
            '#' => Some("sharp"),
            '&' => Some("and"),
            '@' => Some("at"),
            _ => None,
        };
        if c == '.' && word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            word.push_str("dot");
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if let Some(name) = named {
            words.push(name.to_string());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.is_empty() {
        words = key
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(spelled)
            .collect();
    }
    let mut slug = words.join("-");
    if slug.len() > MAX_SLUG_BYTES {
        let mut end = MAX_SLUG_BYTES;
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        slug.truncate(end);
        slug.truncate(slug.trim_end_matches('-').len());
    }
    slug
}

/// One symbol as a slug word: its name, or its code point.
fn spelled(c: char) -> String {
    let name = match c {
        '!' => "exclamation",
        '?' => "question",
        '*' => "star",
        '$' => "dollar",
        '%' => "percent",
        '^' => "caret",
        '~' => "tilde",
        '=' => "equals",
        '|' => "pipe",
        '/' => "slash",
        '\\' => "backslash",
        '<' => "lt",
        '>' => "gt",
        ':' => "colon",
        ';' => "semicolon",
        ',' => "comma",
        '.' => "dot",
        '\'' => "quote",
        '"' => "double-quote",
        '`' => "backtick",
        '(' | ')' => "paren",
        '[' | ']' => "bracket",
        '{' | '}' => "brace",
        _ => return format!("u{:x}", u32::from(c)),
    };
    name.to_string()
}

/// A slug for each key, all different. Keys whose base slugs collide are told apart with `-2`,
/// `-3`... in an order that depends only on the keys (never on the order of files): the key that
/// is exactly its slug's words (`c sharp` for `c-sharp`) keeps the slug, then the shortest
/// spelling (`c++` before `c ++`), then the others by key.
pub fn assign_slugs<'k>(keys: impl IntoIterator<Item = &'k str>) -> HashMap<&'k str, String> {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for key in keys {
        groups.entry(base_slug(key)).or_default().push(key);
    }
    let mut taken: BTreeSet<String> = groups.keys().cloned().collect();
    taken.extend(TAKEN.iter().map(|s| s.to_string()));
    let mut out = HashMap::new();
    for (slug, mut members) in groups {
        members.sort_by_key(|k| (k.replace(' ', "-") != slug, k.chars().count(), *k));
        members.dedup();
        let mut n = 1;
        for (i, key) in members.into_iter().enumerate() {
            if i == 0 && !TAKEN.contains(&slug.as_str()) {
                out.insert(key, slug.clone());
                continue;
            }
            let unique = loop {
                n += 1;
                let candidate = format!("{slug}-{n}");
                if taken.insert(candidate.clone()) {
                    break candidate;
                }
            };
            out.insert(key, unique);
        }
    }
    out
}

/// The tags a page carries, as (name as written, trimmed; key), in the order written, without
/// repeats, and at most `[tags] max-per-question`. The problems found on the way come back with
/// them: a tag outside the vocabulary (an error), and, as warnings, an empty or overlong tag
/// and tags past the limit, none of which is used.
pub fn page_tags<'p>(
    page: &'p SourcePage,
    config: &Config,
) -> (Vec<(&'p str, String)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut tags: Vec<(&str, String)> = Vec::new();
    for written in &page.front.tags {
        let name = written.trim();
        let key = tag_key(name);
        if key.is_empty() || name.chars().count() > MAX_TAG_CHARS {
            diags.push(unusable(page, name));
            continue;
        }
        if !tags.iter().any(|(_, k)| *k == key) {
            tags.push((name, key));
        }
    }
    let max = config.tags.max_per_question;
    if tags.len() > max {
        let (line, col) = tags_key_position(&page.text);
        diags.push(
            Diagnostic::warning(
                &page.path,
                format!(
                    "this {} has {} tags; only the first {max} are used",
                    match page.front.kind {
                        Kind::Question => "question",
                        Kind::Article => "article",
                    },
                    tags.len()
                ),
            )
            .at(&page.text, line, col, 4)
            .with_hint(format!(
                "the other {} get no page and are neither shown nor searched; keep the tags that \
                 matter most, or raise `[tags] max-per-question` in book.toml to use more",
                tags.len() - max
            )),
        );
        tags.truncate(max);
    }
    let vocabulary = Vocabulary::of(config);
    for (name, key) in &tags {
        if let Some(d) = vocabulary.check(page, name, key) {
            diags.push(d);
        }
    }
    (tags, diags)
}

/// A tag that is not used: nothing but spacing, or too long to be a label.
fn unusable(page: &SourcePage, name: &str) -> Diagnostic {
    let chars = name.chars().count();
    let (line, col) = tag_position(&page.text, name);
    let (message, hint) = if chars > MAX_TAG_CHARS {
        (
            format!("a tag of {chars} characters is not used; a tag has at most {MAX_TAG_CHARS}"),
            "a tag is a short label (`concurrency`, `c++`): shorten it".to_string(),
        )
    } else {
        (
            format!("the tag `{name}` has only spaces, `-` or `_` and is not used"),
            "remove it, or write the word it stands for".to_string(),
        )
    };
    let shown = if chars > MAX_TAG_CHARS { 1 } else { chars };
    Diagnostic::warning(&page.path, message)
        .at(&page.text, line, col, shown)
        .with_hint(hint)
}

/// Where the front matter's `tags:` key is: (line, column), or (1, 1) when not found.
fn tags_key_position(text: &str) -> (usize, usize) {
    tags_key_offset(text).map_or((1, 1), |off| line_col(text, off))
}

/// The byte offset of the line holding the front matter's `tags:` key.
fn tags_key_offset(text: &str) -> Option<usize> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let here = offset;
        offset += line.len();
        if i == 0 {
            continue;
        }
        if line.trim_end() == "---" {
            break;
        }
        let rest = ["tags", "\"tags\"", "'tags'"]
            .iter()
            .find_map(|k| line.strip_prefix(k));
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(here);
        }
    }
    None
}

/// Where tag `name` is written: its first place after the `tags:` key, else anywhere in the
/// front matter.
fn tag_position(text: &str, name: &str) -> (usize, usize) {
    let found = tags_key_offset(text).and_then(|line| {
        let start = line + text[line..].find(':')? + 1;
        let end = text[start..]
            .find("\n---")
            .map_or(text.len(), |i| start + i);
        text[start..end].find(name).map(|i| start + i)
    });
    match found {
        Some(off) => line_col(text, off),
        None => find_in_front(text, name),
    }
}

/// Groups questions by tag, gives each tag its slug and URL, sorts the tags by slug, and
/// reports the problems of every question's tags.
pub fn collect_tags(guide: &mut Guide, diags: &Diagnostics) {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut tags: Vec<Tag> = Vec::new();
    for (qi, q) in guide.questions.iter_mut().enumerate() {
        let (used, problems) = page_tags(&q.source, &guide.config);
        diags.extend(problems);
        for (name, key) in used {
            let id = *by_key.entry(key).or_insert_with_key(|key| {
                tags.push(Tag {
                    name: name.to_string(),
                    key: key.clone(),
                    slug: String::new(),
                    url: String::new(),
                    questions: Vec::new(),
                });
                tags.len() - 1
            });
            q.tags.push(id);
            tags[id].questions.push(qi);
        }
    }
    let slugs = assign_slugs(by_key.keys().map(String::as_str));
    for tag in &mut tags {
        tag.slug = slugs.get(tag.key.as_str()).cloned().unwrap_or_default();
        tag.url = format!("tags/{}.html", tag.slug);
    }
    // Sort tags by slug and remap ids.
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by(|&a, &b| tags[a].slug.cmp(&tags[b].slug));
    let mut remap = vec![0; tags.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut slots: Vec<Option<Tag>> = tags.into_iter().map(Some).collect();
    guide.tags = order.iter().filter_map(|&i| slots[i].take()).collect();
    for q in &mut guide.questions {
        for t in &mut q.tags {
            *t = remap[*t];
        }
    }
}

/// The guide's declared tags (`[tags] vocabulary`); empty allows any tag.
pub struct Vocabulary<'c> {
    names: &'c [String],
    keys: Vec<String>,
}

impl<'c> Vocabulary<'c> {
    pub fn of(config: &'c Config) -> Vocabulary<'c> {
        let names = &config.tags.vocabulary;
        Vocabulary {
            names,
            keys: names.iter().map(|t| tag_key(t)).collect(),
        }
    }

    /// Whether the tag with `key` may be used.
    pub fn allows(&self, key: &str) -> bool {
        self.keys.is_empty() || self.keys.iter().any(|k| k == key)
    }

    /// The closest declared tag to `name`, as a hint.
    pub fn hint(&self, name: &str) -> String {
        match closest(name, self.names.iter().map(String::as_str)) {
            Some(c) => format!(
                "did you mean `{c}`? The guide's tags are listed in book.toml `[tags] vocabulary`"
            ),
            None => "use a tag from book.toml `[tags] vocabulary`, or add this one there".into(),
        }
    }

    /// An error for a tag outside the vocabulary, at its place in the page's front matter.
    pub fn check(&self, page: &SourcePage, name: &str, key: &str) -> Option<Diagnostic> {
        if self.allows(key) {
            return None;
        }
        let (line, col) = tag_position(&page.text, name);
        Some(
            Diagnostic::error(
                &page.path,
                format!("tag `{name}` is not in the guide's tag vocabulary"),
            )
            .at(&page.text, line, col, name.chars().count())
            .with_hint(self.hint(name)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_make_the_same_key() {
        assert_eq!(tag_key(" Machine  Learning "), "machine learning");
        assert_eq!(tag_key("machine-learning"), "machine learning");
        assert_eq!(tag_key("Machine_Learning"), "machine learning");
        assert_eq!(tag_key("C++"), "c++");
        assert_eq!(tag_key("-_ -"), "");
    }

    #[test]
    fn plain_words_keep_the_slug_pages_get() {
        for tag in [
            "concurrency",
            "data-structures",
            "Design Patterns",
            "python3",
            "判定",
            "Ünïcode",
        ] {
            assert_eq!(base_slug(&tag_key(tag)), crate::urls::slugify(tag), "{tag}");
        }
    }

    #[test]
    fn symbols_are_spelled_out() {
        let slug = |t: &str| base_slug(&tag_key(t));
        assert_eq!(slug("C"), "c");
        assert_eq!(slug("C++"), "c-plus-plus");
        assert_eq!(slug("C#"), "c-sharp");
        assert_eq!(slug(".NET"), "dotnet");
        assert_eq!(slug("ASP.NET"), "asp-net");
        assert_eq!(slug("node.js"), "node-js");
        assert_eq!(slug("R&D"), "r-and-d");
        assert_eq!(slug("!!!"), "exclamation-exclamation-exclamation");
        assert_eq!(slug("🙂"), "u1f642");
        assert_eq!(slug("? 🙂"), "question-u1f642");
    }

    #[test]
    fn slugs_stay_short_enough_for_a_file_name() {
        let slug = base_slug(&tag_key(&"é".repeat(100)));
        assert!(slug.len() <= MAX_SLUG_BYTES && slug.chars().all(|c| c == 'é'));
        let slug = base_slug(&tag_key(&"+".repeat(100)));
        assert!(
            slug.len() <= MAX_SLUG_BYTES && !slug.ends_with('-'),
            "{slug}"
        );
    }

    #[test]
    fn different_keys_never_share_a_slug_whatever_their_order() {
        let keys = [
            "c", "c++", "c ++", "c#", ".net", "net", "c!", "c?", "c 2", "index",
        ];
        let a = assign_slugs(keys.iter().copied());
        let b = assign_slugs(keys.iter().rev().copied());
        assert_eq!(a, b, "independent of order");
        let distinct: BTreeSet<&String> = a.values().collect();
        assert_eq!(distinct.len(), keys.len(), "{a:?}");
        assert_eq!(a["c"], "c", "the plain word keeps its slug");
        assert_eq!(a["c 2"], "c-2");
        assert_eq!(a["c!"], "c-3", "`c-2` is another tag's slug");
        assert_eq!(a["c?"], "c-4");
        assert_eq!(a["c++"], "c-plus-plus");
        assert_eq!(
            a["c ++"], "c-plus-plus-2",
            "the shortest spelling keeps the slug"
        );
        assert_eq!(a["c#"], "c-sharp");
        assert_eq!(a[".net"], "dotnet");
        assert_eq!(a["net"], "net");
        assert_eq!(a["index"], "index-2", "`tags/index.html` lists the tags");
    }

    #[test]
    fn the_tags_key_is_found_at_the_start_of_a_line() {
        let text = "---\ntitle: tags: no\nmytags: [x]\ntags: [a]\n---\n";
        assert_eq!(tags_key_position(text), (4, 1));
        assert_eq!(tags_key_position("---\n\"tags\" : [a]\n---\n"), (2, 1));
        assert_eq!(
            tag_position("---\ntitle: a-b\ntags: [\"-\"]\n---\n", "-"),
            (3, 9)
        );
        assert_eq!(tag_position("---\ntags:\n  - t\n  - a\n---\n", "a"), (4, 5));
    }
}
