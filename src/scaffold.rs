//! Starting points: a new question (`prepbook new`), with its front matter filled in and the
//! guide's standard headings, and a new guide (`prepbook init`) that builds at once.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{ByteSize, CONFIG_FILE, Config};
use rayon::prelude::*;

use crate::content::tags::{Vocabulary, tag_key};
use crate::content::{Difficulty, Level};
use crate::content::{discover, read};
use crate::diagnostics::{Diagnostic, closest, display_path};
use crate::urls::slugify;

/// The headings every answer has, in order (see the bundled guide's `content/README.md`). Study
/// mode hides everything from the first one on.
pub const ANSWER_HEADINGS: [&str; 5] = [
    "Why interviewers ask this",
    "How to answer",
    "Example answer",
    "Code example",
    "Pitfalls and follow-ups",
];

/// Slugs longer than this are cut at a word.
const MAX_SLUG: usize = 60;

/// What `prepbook new` is asked to write.
#[derive(Debug, Clone, Default)]
pub struct NewQuestion {
    pub title: String,
    /// A folder of the content folder (`concurrency`, `algorithms/graphs`), or its slug.
    pub section: String,
    pub difficulty: Option<Difficulty>,
    pub levels: Vec<Level>,
    pub tags: Vec<String>,
    /// Add an exercise skeleton ([`EXERCISE`]).
    pub exercise: bool,
}

/// The exercise `prepbook new --exercise` adds: a placeholder task whose starter code fails its
/// tests and whose solution passes them, so `prepbook test` passes until the author edits it.
pub const EXERCISE: &str = r#"
## Exercise

<!-- Replace the task, the starter code, the tests and the solution with your own. Readers run
     the tests in the page; `prepbook test` checks that the solution passes them and that the
     starter code fails them. -->

Write `smallest_first(items)`, which returns a new list with the items in ascending order,
leaving `items` as it was.

```python,exercise
def smallest_first(items):
    ...
```

```python,tests
def test_sorts():
    assert smallest_first([3, 1, 2]) == [1, 2, 3]


def test_leaves_the_input_alone():
    items = [2, 1]
    smallest_first(items)
    assert items == [2, 1]
```

```python,solution
def smallest_first(items):
    return sorted(items)
```
"#;

/// Writes a new question file in the guide at `root`; returns its path, and a warning when
/// another page already has this title. Never overwrites.
pub fn new_question(
    root: &Path,
    new: &NewQuestion,
) -> Result<(PathBuf, Option<Diagnostic>), Vec<Diagnostic>> {
    let config = Config::load(&crate::output::absolute(root))?;
    let content = config.content_dir();
    let shown = display_path(&content);
    let title = new.title.trim();
    if title.is_empty() {
        return Err(vec![
            Diagnostic::error(&shown, "the question's title is empty")
                .with_hint("write the question as an interviewer asks it, in quotes"),
        ]);
    }
    let sections = section_folders(&content)?;
    let Some(section) = find_section(&sections, &new.section) else {
        let wanted = new.section.trim_matches('/');
        let hint = match closest(wanted, sections.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`?"),
            None if sections.is_empty() => {
                "create a folder for it in the content folder first".to_string()
            }
            None => format!("sections: {}", sections.join(", ")),
        };
        return Err(vec![
            Diagnostic::error(&shown, format!("there is no section `{wanted}`")).with_hint(hint),
        ]);
    };
    let mut problems = Vec::new();
    let vocabulary = Vocabulary::of(&config);
    for tag in &new.tags {
        let key = tag_key(tag);
        if key.is_empty() {
            problems.push(Diagnostic::error(
                display_path(&config.root.join(CONFIG_FILE)),
                format!("the tag `{tag}` has only spaces, `-` or `_`"),
            ));
        } else if !vocabulary.allows(&key) {
            problems.push(
                Diagnostic::error(
                    display_path(&config.root.join(CONFIG_FILE)),
                    format!("tag `{tag}` is not in the guide's tag vocabulary"),
                )
                .with_hint(vocabulary.hint(tag)),
            );
        }
    }
    let slug = title_slug(title);
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(&shown, "cannot make a file name from this title")
                .with_hint("the title needs letters or digits"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let path = content.join(&section).join(format!("{slug}.md"));
    let text = question_text(title, new);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            let shown = display_path(&path);
            let limit = config.build.max_markdown_size;
            let twin = same_title(&content, &config.root, title, &path, limit).map(|other| {
                Diagnostic::warning(&shown, "another page has the same title").with_hint(format!(
                    "`{}` asks the same question; if it is another one, say what sets it apart",
                    other.display()
                ))
            });
            Ok((shown, twin))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(vec![
            Diagnostic::error(display_path(&path), "this file already exists")
                .with_hint("edit it, or give the new question another title"),
        ]),
        Err(e) => Err(vec![Diagnostic::error(
            display_path(&path),
            format!("cannot write the file: {e}"),
        )]),
    }
}

/// Another page of the content folder with this title (compared as `check` does), if any.
fn same_title(
    content: &Path,
    root: &Path,
    title: &str,
    except: &Path,
    max: ByteSize,
) -> Option<PathBuf> {
    let key = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(title);
    let found = discover::discover(content, root).ok()?;
    found
        .markdown
        .par_iter()
        .filter(|rel| content.join(rel) != except)
        .find_map_first(|rel| {
            let (page, _) = read::read_page(content, rel, max);
            let page = page?;
            let title = page.front.title.clone().or_else(|| {
                let body = page.text.get(page.body_offset..)?;
                let first = body.lines().find(|l| !l.trim().is_empty())?;
                first.strip_prefix("# ").map(str::to_string)
            })?;
            (key(&title) == wanted).then(|| page.path.clone())
        })
}

/// A file name from a title: `How does asyncio's event loop work?` ->
/// `how-does-asyncios-event-loop-work`.
pub fn title_slug(title: &str) -> String {
    let slug = slugify(&title.replace(['\'', '’'], ""));
    if slug.chars().count() <= MAX_SLUG {
        return slug;
    }
    let cut: String = slug.chars().take(MAX_SLUG + 1).collect();
    match cut.rfind('-') {
        Some(i) if i > MAX_SLUG / 2 => cut[..i].to_string(),
        _ => cut.chars().take(MAX_SLUG).collect(),
    }
}

/// Every folder below the content folder that can hold questions (hidden and `_` folders
/// cannot), with `/` separators.
fn section_folders(content: &Path) -> Result<Vec<String>, Vec<Diagnostic>> {
    if !content.is_dir() {
        return Err(vec![
            Diagnostic::error(display_path(content), "the content folder does not exist")
                .with_hint("run `prepbook init` to start a guide, or pass `--root`"),
        ]);
    }
    let mut dirs = Vec::new();
    let walker = walkdir::WalkDir::new(content)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.') && !name.starts_with('_')
        });
    for entry in walker.filter_map(Result::ok) {
        if entry.file_type().is_dir()
            && let Some(rel) = discover::relative(content, entry.path())
        {
            dirs.push(rel);
        }
    }
    Ok(dirs)
}

/// The folder `wanted` names: as written, in any case, or by its slug.
fn find_section(sections: &[String], wanted: &str) -> Option<String> {
    let wanted = wanted.trim_matches('/');
    if wanted.is_empty() {
        return None;
    }
    let slug = |s: &str| s.split('/').map(slugify).collect::<Vec<_>>().join("/");
    sections
        .iter()
        .find(|s| *s == wanted)
        .or_else(|| sections.iter().find(|s| s.eq_ignore_ascii_case(wanted)))
        .or_else(|| sections.iter().find(|s| slug(s) == slug(wanted)))
        .cloned()
}

/// The text of a new question.
fn question_text(title: &str, new: &NewQuestion) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quoted(title)));
    let tags: Vec<String> = new.tags.iter().map(|t| yaml_word(t.trim())).collect();
    text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    match new.difficulty {
        Some(d) => text.push_str(&format!("difficulty: {}\n", d.name())),
        None => text.push_str("# difficulty: easy | medium | hard\n"),
    }
    match new.levels.as_slice() {
        [] => text.push_str("# level: entry | mid | senior, or a list: [mid, senior]\n"),
        [one] => text.push_str(&format!("level: {}\n", one.name())),
        many => {
            let names: Vec<&str> = many.iter().map(|l| l.name()).collect();
            text.push_str(&format!("level: [{}]\n", names.join(", ")));
        }
    }
    text.push_str("# The short answer: one or two sentences, shown in lists, search results and on flashcards.\n");
    text.push_str("summary: \"\"\n");
    text.push_str("---\n\n");
    text.push_str(
        "<!-- Set the question up the way an interviewer asks it. Study mode shows this part on\n     the front of the card, so do not give the answer away here. -->\n",
    );
    for heading in ANSWER_HEADINGS {
        text.push_str(&format!("\n## {heading}\n"));
    }
    if new.exercise {
        text.push_str(EXERCISE);
    }
    text
}

/// A YAML double-quoted string (JSON's string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A list item as it is when plain YAML reads it back unchanged, quoted otherwise.
fn yaml_word(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null"
        );
    if plain { s.to_string() } else { quoted(s) }
}

/// Creates a new guide in `dir` (made if missing; it must be empty, apart from a `.git`).
/// Returns the files written.
pub fn init_guide(dir: &Path) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let shown = display_path(dir);
    if dir.exists() {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            vec![Diagnostic::error(
                &shown,
                format!("cannot read the folder: {e}"),
            )]
        })?;
        let mut others = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".git");
        if let Some(first) = others.next() {
            return Err(vec![
                Diagnostic::error(
                    &shown,
                    format!("the folder is not empty (it has `{first}`)"),
                )
                .with_hint(
                    "run `prepbook init` in a new or empty folder, e.g. `prepbook init my-guide`",
                ),
            ]);
        }
    }
    let name = crate::output::absolute(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = guide_title(&name);
    let files: [(&str, String); 5] = [
        (CONFIG_FILE, book_toml(&title)),
        (".gitignore", GITIGNORE.into()),
        ("content/_index.md", HOME.into()),
        ("content/basics/_index.md", SECTION.into()),
        ("content/basics/process-vs-thread.md", EXAMPLE.into()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = result {
            return Err(vec![Diagnostic::error(
                display_path(&path),
                format!("cannot write the file: {e}"),
            )]);
        }
        written.push(display_path(&path));
    }
    Ok(written)
}

/// `my-guide` -> `My guide`.
fn guide_title(folder: &str) -> String {
    let words = folder.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Interview questions".into(),
    }
}

fn book_toml(title: &str) -> String {
    let title = toml::Value::String(title.to_string()).to_string();
    format!(
        "[book]\ntitle = {title}\ndescription = \"Interview questions with answers that explain why.\"\nlanguage = \"en\"\n\n\
         # Every other setting has a default; Prepbook's manual lists them all\n\
         # (docs/content/configuration.md in its repository). For example, to allow\n\
         # only some tags (`prepbook check` reports any other):\n\
         # [tags]\n# vocabulary = [\"concurrency\", \"operating-systems\"]\n"
    )
}

/// The site, the cache, and what a build works in beside its output folder (wherever that
/// is): `.book.prepbook-tmp-<pid>` and the like, and the lock `.book.prepbook-lock`
/// (see `output::Working`).
const GITIGNORE: &str = concat!(
    "/book/\n",
    "/.prepbook-cache/\n",
    "# What a build works in beside the site (the next build removes any left behind)\n",
    ".*.prepbook-*\n",
);

const HOME: &str = "Welcome. Each section of this guide is a folder of `content/`, and each question is one\nMarkdown file in it. Add one with `prepbook new \"Your question?\" --section basics`.\n";

const SECTION: &str = "---\ntitle: Basics\ndescription: The questions almost every interview starts with.\nweight: 1\n---\n\nStart here.\n";

const EXAMPLE: &str = r#"---
title: What is the difference between a process and a thread?
tags: [concurrency, operating-systems]
difficulty: easy
level: [entry, mid]
summary: A process is a running program with its own memory; threads run inside a process and share its memory, so they are cheaper to start but must coordinate access to shared data.
---

Your interviewer wants to know whether you can reason about what runs where when a program does
two things at once.

## Why interviewers ask this

It separates candidates who have only used a concurrency API from those who know what the
operating system does underneath, which matters as soon as a bug involves shared state.

## How to answer

- A process has its own address space, file handles and at least one thread.
- Threads of one process share memory, so they communicate cheaply but can race.
- Starting a process costs more, and a crash in one process does not take down another.

## Example answer

"A process is an instance of a program with its own memory. Threads live inside a process and
share that memory, which makes them lighter but means I have to protect shared data with locks
or avoid sharing it. I pick processes when I want isolation and threads when the tasks need to
share a lot of state."

## Code example

```python
import threading

counter = 0
lock = threading.Lock()

def add():
    global counter
    for _ in range(10_000):
        with lock:
            counter += 1

threads = [threading.Thread(target=add) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == 40_000
```

## Pitfalls and follow-ups

- Forgetting that shared memory needs synchronisation.
- A common follow-up: when would you use a pool of processes instead of threads?
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_titles_without_apostrophes() {
        assert_eq!(
            title_slug("How does asyncio's event loop work?"),
            "how-does-asyncios-event-loop-work"
        );
        let long = title_slug(
            "What happens, step by step, when you type a URL into the browser and press Enter on a slow network?",
        );
        assert!(long.chars().count() <= MAX_SLUG, "{long}");
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn sections_match_as_written_in_any_case_or_by_slug() {
        let sections = vec!["Data Structures".to_string(), "concurrency".to_string()];
        assert_eq!(
            find_section(&sections, "concurrency/").as_deref(),
            Some("concurrency")
        );
        assert_eq!(
            find_section(&sections, "CONCURRENCY").as_deref(),
            Some("concurrency")
        );
        assert_eq!(
            find_section(&sections, "data-structures").as_deref(),
            Some("Data Structures")
        );
        assert_eq!(find_section(&sections, "concurency"), None);
    }

    #[test]
    fn the_new_file_has_valid_front_matter_and_the_headings() {
        let text = question_text(
            "Why is `x: y` \"quoted\"?",
            &NewQuestion {
                tags: vec!["c++".into(), "asyncio".into()],
                difficulty: Some(Difficulty::Medium),
                levels: vec![Level::Mid, Level::Senior],
                ..NewQuestion::default()
            },
        );
        let split = crate::content::front_matter::split(&text).expect("closed");
        let (fm, diags) = crate::content::front_matter::parse(&split, &text, Path::new("q.md"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.title.as_deref(), Some("Why is `x: y` \"quoted\"?"));
        assert_eq!(fm.tags, vec!["c++", "asyncio"]);
        assert_eq!(fm.difficulty, Some(Difficulty::Medium));
        assert_eq!(fm.levels, vec![Level::Mid, Level::Senior]);
        for h in ANSWER_HEADINGS {
            assert!(text.contains(&format!("\n## {h}\n")), "{h}");
        }
        assert!(!text.contains("## Exercise"), "only with --exercise");
    }

    #[test]
    fn the_exercise_skeleton_is_a_well_formed_exercise() {
        let text = question_text(
            "Q?",
            &NewQuestion {
                exercise: true,
                ..NewQuestion::default()
            },
        );
        let body = crate::content::front_matter::split(&text)
            .expect("closed")
            .body_offset;
        let page = crate::runnable::scan::scan(&text, body, Path::new("q.md"));
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        let exercise = page.exercise.expect("an exercise");
        assert_eq!(exercise.run(), crate::runnable::Run::Browser);
    }
}
