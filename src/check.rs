//! `prepbook check`: load and validate a guide, write nothing. It reports what a build reports
//! (the same code finds it: configuration, front matter, tags, URLs, related questions, links
//! and anchors, code languages, templates), plus what a build lets through but a reader would
//! notice: a question without a summary, two questions with the same title, an empty answer;
//! an `id:` the Anki exports would refuse; and translations that disagree with or lag behind
//! their originals ([`translations`]).

mod translations;

use std::collections::HashMap;
use std::path::Path;

use crate::content::front_matter::{
    KNOWN_KEYS, closing_line, find_in_front, key_position, misspelled_key,
};
use crate::content::{Guide, Kind, Question};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::output;
use crate::progress::Progress;
use crate::render::{PageId, Renderer};
use crate::site::{self, BuildOptions};
use crate::theme::Theme;

/// Every problem of the guide at `root`, sorted by file and position.
pub fn check(root: &Path, opts: &BuildOptions) -> Vec<Diagnostic> {
    let config = match site::load_config(root, opts) {
        Ok(c) => c,
        Err(diags) => return diags,
    };
    let diags = Diagnostics::default();
    if let Err(d) = output::check_output_dir(
        &config.output_dir(),
        &config.root,
        &[config.content_dir(), config.theme_dir()],
    ) {
        diags.push(d);
    }
    if let Some(loaded) = site::load(&config, opts, &diags, &Progress::hidden()) {
        match Renderer::new(&loaded.guide, &loaded.theme) {
            Ok(renderer) => {
                // One page of each kind runs every template, without the time of a build.
                for page in sample_pages(&loaded.guide) {
                    if let Err(d) = renderer.render(page) {
                        diags.push(d);
                    }
                }
            }
            Err(ds) => diags.extend(ds),
        }
        lint(&loaded.guide, &loaded.theme, &diags);
        translations::check(&loaded.guide, &loaded.translations, &diags);
        // What the Anki exports would refuse: an `id:` that is no id, or one used twice.
        if let Err(ds) = crate::export::notes::check_ids(&loaded.guide) {
            diags.extend(ds);
        }
    }
    diags.take_sorted()
}

/// The first page of each kind (and the first article, whose page differs from a question's).
fn sample_pages(guide: &Guide) -> Vec<PageId> {
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    for page in PageId::all(guide) {
        let kind = std::mem::discriminant(&page);
        if !seen.contains(&kind) {
            seen.push(kind);
            pages.push(page);
        }
    }
    if let Some(a) = guide.questions.iter().position(|q| q.kind == Kind::Article) {
        pages.push(PageId::Question(a));
    }
    pages
}

/// The checks only `check` makes: what builds, but reads badly.
pub fn lint(guide: &Guide, theme: &Theme, diags: &Diagnostics) {
    unused_keys(guide, theme, diags);
    duplicate_slugs(guide, diags);
    missing_ui_strings(guide, theme, diags);
    let mut titles: HashMap<String, &Question> = HashMap::new();
    for q in &guide.questions {
        let fm = q.front();
        if fm.broken {
            continue; // its front matter error is reported already
        }
        let (line, col, len) = title_position(q);
        let key = q
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match titles.get(&key) {
            Some(first) => diags.push(
                Diagnostic::warning(&q.source.path, "another page has the same title")
                    .at(&q.source.text, line, col, len)
                    .with_hint(format!(
                        "`{}` is titled the same; say what sets each one apart",
                        first.source.path.display()
                    )),
            ),
            None => {
                titles.insert(key, q);
            }
        }
        if q.kind != Kind::Question {
            continue;
        }
        if fm.summary.is_none() && fm.description.is_none() {
            diags.push(no_summary(q));
        }
        if is_empty_html(q.answer_html()) {
            let (line, len) = answer_position(q);
            diags.push(
                Diagnostic::warning(&q.source.path, "the answer is empty")
                    .at(&q.source.text, line, 1, len)
                    .with_hint("write the answer under the headings: readers and study mode show nothing here"),
            );
        }
    }
}

/// The UI strings the guide's language has no text for (`crate::strings`). A broken table is
/// reported by the templates' loading.
fn missing_ui_strings(guide: &Guide, theme: &Theme, diags: &Diagnostics) {
    if let Ok(strings) = crate::strings::UiStrings::load(theme) {
        let theme_dir = crate::diagnostics::display_path(&guide.config.theme_dir());
        diags.extend(strings.missing(&guide.config.book.language, &theme_dir));
    }
}

/// Front matter keys Prepbook does not know, that no template of the theme reads either: they
/// do nothing. (Misspelled keys are reported by the build already.)
fn unused_keys(guide: &Guide, theme: &Theme, diags: &Diagnostics) {
    let templates: Vec<&str> = theme
        .templates()
        .filter_map(|(_, f)| std::str::from_utf8(&f.bytes).ok())
        .collect();
    // A template that loops over `extra` or passes it whole may read any key.
    let reads_all = templates
        .iter()
        .any(|t| t.contains("in extra") || t.contains("extra |") || t.contains("extra|"));
    if reads_all {
        return;
    }
    let read = |key: &str| {
        templates.iter().any(|t| {
            t.contains(&format!("extra.{key}"))
                || t.contains(&format!("extra[\"{key}\"]"))
                || t.contains(&format!("extra['{key}']"))
        })
    };
    let pages = guide
        .questions
        .iter()
        .map(|q| &q.source)
        .chain(guide.sections.iter().filter_map(|s| s.index.as_ref()));
    for page in pages {
        for key in page.front.extra.keys() {
            // A known key kept in `extra` (`id`) is read by Prepbook itself.
            if KNOWN_KEYS.contains(&key.as_str()) || misspelled_key(key).is_some() || read(key) {
                continue;
            }
            let (line, col) = find_in_front(&page.text, &format!("{key}:"));
            let mut d = Diagnostic::warning(
                &page.path,
                format!("unknown front matter key `{key}`"),
            )
            .with_hint(format!(
                "Prepbook does not use it and no template reads `extra.{key}`; remove it, or use it in a template. Known keys: {}",
                KNOWN_KEYS.join(", ")
            ));
            if line > 1 {
                d = d.at(&page.text, line, col, key.chars().count());
            }
            diags.push(d);
        }
    }
}

/// Two questions with the same slug in different sections: `related: slug` cannot tell them
/// apart. (The same URL twice is an error of the build.)
fn duplicate_slugs(guide: &Guide, diags: &Diagnostics) {
    let mut seen: HashMap<&str, &Question> = HashMap::new();
    for q in &guide.questions {
        match seen.get(q.slug.as_str()) {
            Some(first) => {
                let d = Diagnostic::warning(
                    &q.source.path,
                    format!("another question has the slug `{}`", q.slug),
                )
                .with_hint(format!(
                    "`{}` has it too, so `related: [{}]` cannot tell them apart; rename one file or set another `slug:`",
                    first.source.path.display(),
                    q.slug
                ));
                // At its `slug:`, or, when the slug is the file name, at the top of the file.
                let (line, col) = find_in_front(&q.source.text, "slug:");
                let d = if q.front().slug.is_some() && line > 1 {
                    d.at(&q.source.text, line, col, 4)
                } else {
                    d.at(&q.source.text, 1, 1, 1)
                };
                diags.push(d);
            }
            None => {
                seen.insert(&q.slug, q);
            }
        }
    }
}

/// Where a question's title is written: its `title:` line, else its `# Heading`, else the top.
fn title_position(q: &Question) -> (usize, usize, usize) {
    let text = &q.source.text;
    if q.front().title.is_some() {
        let (line, col) = find_in_front(text, "title:");
        if line > 1 {
            return (line, col, "title".len());
        }
    }
    let body = text.get(q.source.body_offset..).unwrap_or("");
    if let Some(at) = body.find(&format!("# {}", q.title)) {
        let (line, col) = line_col(text, q.source.body_offset + at);
        return (line, col, 1);
    }
    (1, 1, 1)
}

/// The warning for a question without a summary: at its empty `summary:`, else where one
/// would go (the end of the front matter, or the top of a file without any).
fn no_summary(q: &Question) -> Diagnostic {
    const WHAT: &str = "the short answer in one or two sentences, shown in lists, search results and on flashcards";
    let text = &q.source.text;
    let d = Diagnostic::warning(&q.source.path, "this question has no summary");
    if let Some((line, col)) = key_position(text, "summary") {
        d.at(text, line, col, "summary".len())
            .with_hint(format!("write it after `summary:`: {WHAT}"))
    } else if let Some(line) = closing_line(text) {
        d.at(text, line, 1, 3)
            .with_hint(format!("add `summary: ...` above this line: {WHAT}"))
    } else {
        d.at(text, 1, 1, 1).with_hint(format!(
            "start the file with front matter holding `summary: ...` between `---` lines: {WHAT}"
        ))
    }
}

/// Where a question's answer starts: its first heading line, else the end of its front matter.
fn answer_position(q: &Question) -> (usize, usize) {
    let text = &q.source.text;
    let body = text.get(q.source.body_offset..).unwrap_or("");
    let mut offset = q.source.body_offset;
    for line in body.split_inclusive('\n') {
        if line.starts_with('#') {
            let (l, _) = line_col(text, offset);
            return (l, line.trim_end().chars().count());
        }
        offset += line.len();
    }
    let (l, _) = line_col(text, q.source.body_offset.saturating_sub(1));
    (l, 3)
}

/// Whether rendered HTML shows a reader nothing but headings: no text outside headings, and no
/// code, image, table or other embedded content.
fn is_empty_html(html: &str) -> bool {
    const CONTENT: &[&str] = &[
        "pre", "code", "img", "svg", "table", "iframe", "video", "audio", "picture", "math",
        "object", "embed",
    ];
    let mut rest = html;
    let mut in_heading = 0usize;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[1..end.saturating_sub(1).max(1)];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if CONTENT.contains(&name.as_str()) {
                return false;
            }
            if matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                in_heading = if closing {
                    in_heading.saturating_sub(1)
                } else {
                    in_heading + 1
                };
            }
            rest = &rest[end..];
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        if in_heading == 0 && !rest[..next].trim().is_empty() {
            return false;
        }
        rest = &rest[next..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_comments_alone_are_an_empty_answer() {
        assert!(is_empty_html(""));
        assert!(is_empty_html(
            "<h2 id=\"how\"><a class=\"anchor\" href=\"#how\">#</a>How to answer</h2>\n<!-- todo -->\n<h2>Pitfalls</h2>\n"
        ));
        assert!(!is_empty_html("<h2>How</h2>\n<p>Say this.</p>"));
        assert!(!is_empty_html(
            "<h2>Code</h2>\n<pre><code>x = 1</code></pre>"
        ));
        assert!(!is_empty_html("<p><img src=\"a.png\" alt=\"\"></p>"));
    }
}
