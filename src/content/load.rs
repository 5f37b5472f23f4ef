//! Loading a guide: read and parse every file in parallel, give each page its URL
//! ([`crate::content::addresses`]), render the Markdown in parallel, then put sections and
//! questions in reading order and tie tags and related questions together. Every problem of
//! every file is collected, so one run reports them all.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::addresses::{Claims, join_url};
use crate::content::discover::{self, Discovered, file_name, parent_dir};
use crate::content::front_matter::Kind;
use crate::content::front_matter::key_position;
use crate::content::model::{Asset, Guide, Question, Section, SourcePage};
use crate::content::read::read_page;
use crate::content::related::resolve_related;
use crate::content::tags::collect_tags;
use crate::content::translations::{self, Origin};
use crate::diagnostics::{Diagnostic, Diagnostics, closest, display_path};
use crate::highlight::Highlighter;
use crate::markdown::inline::{self, InlineText, LinkBase};
use crate::markdown::{self, InternalLink, MarkdownInput, Rendered, Resolve};
use crate::progress::Progress;
use crate::urls::slugify;

pub use crate::content::addresses::{UrlIndex, dir_url, page_slug, question_url};

/// Top-level names Prepbook's own pages use; a section folder may not take them.
pub const RESERVED: &[&str] = &[
    "tags",
    "difficulty",
    "static",
    "search",
    "study",
    "404",
    "index",
    "sitemap",
];

/// The name of a section's own file.
pub const SECTION_INDEX: &str = "_index.md";

/// Loads the guide of `config`. Problems go to `diags`; `None` when an error leaves no guide.
pub fn load(
    config: &Config,
    hl: &Highlighter,
    diags: &Diagnostics,
    progress: &Progress,
) -> Option<Guide> {
    let content_dir = config.content_dir();
    let found = match discover::discover(&content_dir, &config.root) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let (sources, warnings) = translations::pages(
        &found.markdown,
        &config.translations(),
        config.view.as_deref(),
        &content_dir,
    );
    if config.view.is_none() {
        // A translation's view finds the same files: they are reported once.
        diags.extend(found.warnings.iter().cloned());
        diags.extend(warnings);
    }
    let max = config.build.max_markdown_size;
    let pages: Vec<SourcePage> = sources
        .par_iter()
        .filter_map(|source| {
            let (page, ds) = read_page(&content_dir, &source.file, max);
            diags.extend(ds);
            let mut page = page?;
            if source.origin == Origin::Translated {
                // A translation's URL is its original's, whatever its own `slug:` says.
                let (original, _) = read_page(&content_dir, &source.rel, max);
                page.front.slug = original.and_then(|o| o.front.slug);
                page.translation = Some(std::mem::replace(&mut page.rel, source.rel.clone()));
            }
            page.origin = source.origin;
            Some(page)
        })
        .filter(|p| config.build.drafts || !p.front.draft)
        .collect();
    progress.phase("reading", pages.len());
    Some(assemble(config.clone(), pages, &found, hl, diags, progress))
}

/// Renders a question's Markdown body; its diagnostics go to `diags`.
pub fn render_body(
    q: &mut Question,
    index: &UrlIndex,
    hl: &Highlighter,
    answer_headings: &[String],
    diags: &Diagnostics,
) {
    let input = MarkdownInput {
        text: &q.source.text,
        body_offset: q.source.body_offset,
        path: &q.source.path,
        rel: &q.source.rel,
        page_url: &q.url,
        title: q.source.front.title.as_deref(),
        answer_headings,
    };
    q.body = markdown::render(&input, index, hl);
    diags.extend(std::mem::take(&mut q.body.diagnostics));
}

/// A question's title (front matter, else its `# Heading`; none is an error) and summary
/// (front matter `summary`, else `description`, else the start of the first paragraph). A summary
/// written in front matter is inline Markdown; a link in it that leads to no page is a warning.
pub fn title_and_summary(q: &mut Question, index: &dyn Resolve, diags: &Diagnostics) {
    let fm = &q.source.front;
    q.title = match fm.title.clone().or_else(|| q.body.title.clone()) {
        Some(t) => t,
        None if fm.broken => q.slug.clone(),
        None => {
            diags.push(
                Diagnostic::error(&q.source.path, "this page has no title")
                    .at(&q.source.text, 1, 1, 1)
                    .with_hint(
                        "add `title: ...` to the front matter, or start the body with `# Title`",
                    ),
            );
            q.slug.clone()
        }
    };
    let Some(written) = fm.summary.as_ref().or(fm.description.as_ref()) else {
        q.summary = inline::from_plain(&truncate_words(&q.body.first_paragraph, 200));
        return;
    };
    let base = LinkBase {
        rel: &q.source.rel,
        page_url: &q.url,
        resolver: index,
    };
    let (summary, missing) = inline::render_inline(written, &base);
    q.summary = summary;
    let key = if fm.summary.is_some() {
        "summary"
    } else {
        "description"
    };
    for path in missing {
        let d = Diagnostic::warning(
            &q.source.path,
            format!("a link in the {key} leads to `{path}`, which is no page of the guide"),
        )
        .with_hint("check the path: it is relative to this file");
        diags.push(match key_position(&q.source.text, key) {
            Some((line, col)) => d.at(&q.source.text, line, col, key.len()),
            None => d,
        });
    }
}

/// Where a question sorts inside its section: by weight (none last), then title, then file.
pub fn question_order(q: &Question) -> ((bool, i64, String), String) {
    (order_key(q.weight, &q.title), q.source.rel.clone())
}

fn order_key(w: Option<i64>, title: &str) -> (bool, i64, String) {
    (w.is_none(), w.unwrap_or(0), title.to_lowercase())
}

/// Builds the guide from parsed pages: URLs, rendering, order, tags, related questions.
pub fn assemble(
    config: Config,
    pages: Vec<SourcePage>,
    found: &Discovered,
    hl: &Highlighter,
    diags: &Diagnostics,
    progress: &Progress,
) -> Guide {
    let content_dir = config.content_dir();
    let mut sections = new_sections(&found.section_dirs);
    let mut index = UrlIndex::default();
    // Every URL is claimed once; a second claim is reported at the file (and its `slug:` line).
    let mut claims = Claims::new(&content_dir);
    claim_sections(&sections, &content_dir, &mut claims, &mut index, diags);
    index.add_page("", "index.html");
    let mut questions = place_pages(pages, &mut sections, &mut claims, &mut index, diags);
    // Content files are copied once, beside the default language's pages: a translation's
    // pages, a folder down, link up to them.
    let up = "../".repeat(config.url_prefix().matches('/').count());
    let assets = found
        .assets
        .iter()
        .map(|rel| {
            let url = join_url(&dir_url(parent_dir(rel)), file_name(rel));
            index.add_asset(rel, &format!("{up}{url}"));
            Asset {
                source: content_dir.join(rel),
                rel: rel.clone(),
                url,
            }
        })
        .collect();

    // Render every body in parallel.
    let answer_headings = &config.study.answer_headings;
    questions.par_iter_mut().for_each(|q| {
        render_body(q, &index, hl, answer_headings, diags);
        progress.tick();
    });
    sections
        .par_iter_mut()
        .for_each(|s| render_intro(s, &index, hl, diags));

    for q in &mut questions {
        title_and_summary(q, &index, diags);
    }
    name_sections(&mut sections, &config);
    let questions = reading_order(&mut sections, questions);

    let mut guide = Guide {
        config,
        sections,
        questions,
        tags: Vec::new(),
        assets,
    };
    collect_tags(&mut guide, diags);
    resolve_related(&mut guide, diags);
    check_anchors(&guide, diags);
    guide
}

/// One section per folder holding Markdown, each tied to its parent; the root comes first.
fn new_sections(dirs: &[String]) -> Vec<Section> {
    let mut sections: Vec<Section> = dirs
        .iter()
        .map(|dir| Section {
            dir: dir.clone(),
            url: join_url(&dir_url(dir), "index.html"),
            title: String::new(),
            description: String::new(),
            weight: None,
            intro: Rendered::default(),
            index: None,
            parent: None,
            children: Vec::new(),
            questions: Vec::new(),
            depth: dir.split('/').filter(|p| !p.is_empty()).count(),
        })
        .collect();
    let section_of = section_ids(&sections);
    for i in 1..sections.len() {
        let parent = section_of
            .get(parent_dir(&sections[i].dir))
            .copied()
            .unwrap_or(0);
        sections[i].parent = Some(parent);
        sections[parent].children.push(i);
    }
    sections
}

/// Each section by its folder.
fn section_ids(sections: &[Section]) -> HashMap<String, usize> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect()
}

/// Claims each section's URL; a top-level folder may not take a name of Prepbook's own pages.
fn claim_sections(
    sections: &[Section],
    content_dir: &Path,
    claims: &mut Claims,
    index: &mut UrlIndex,
    diags: &Diagnostics,
) {
    for s in sections.iter().skip(1) {
        let top = s.dir.split('/').next().unwrap_or("");
        if s.depth == 1 && RESERVED.contains(&slugify(top).as_str()) {
            diags.push(
                Diagnostic::error(
                    display_path(&content_dir.join(&s.dir)),
                    format!(
                        "the section folder `{top}` has a name Prepbook uses for its own pages"
                    ),
                )
                .with_hint(format!(
                    "rename the folder; reserved names: {}",
                    RESERVED.join(", ")
                )),
            );
        }
        if claims.claim(&s.url, &s.dir.as_str(), diags) {
            index.add_page(&s.dir, &s.url);
        }
    }
}

/// Splits pages into section indexes (kept in their section) and questions, each question with
/// its URL claimed. A page whose URL is taken, or is one of Prepbook's own, is left out.
fn place_pages(
    pages: Vec<SourcePage>,
    sections: &mut [Section],
    claims: &mut Claims,
    index: &mut UrlIndex,
    diags: &Diagnostics,
) -> Vec<Question> {
    let section_of = section_ids(sections);
    let mut questions: Vec<Question> = Vec::new();
    for page in pages {
        let dir = parent_dir(&page.rel).to_string();
        let sid = section_of.get(&dir).copied().unwrap_or(0);
        // A link may name a translation's own file (`slots.zh.md`) as well as its original.
        if file_name(&page.rel) == SECTION_INDEX {
            index.add_page(&page.rel, &sections[sid].url);
            if let Some(file) = &page.translation {
                index.add_page(file, &sections[sid].url);
            }
            sections[sid].index = Some(page);
            continue;
        }
        let slug = page_slug(&page);
        let url = question_url(&dir, &slug);
        if !claims.claim(&url, &page, diags) {
            continue;
        }
        if sid == 0 && RESERVED.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &page.path,
                    format!("the page slug `{slug}` is a name Prepbook uses for its own pages"),
                )
                .with_hint("rename the file or set another `slug:` in its front matter"),
            );
            continue;
        }
        index.add_page(&page.rel, &url);
        if let Some(file) = &page.translation {
            index.add_page(file, &url);
        }
        questions.push(Question {
            slug,
            url,
            section: sid,
            title: String::new(),
            kind: page.front.kind,
            difficulty: page.front.difficulty,
            levels: page.front.levels.clone(),
            tags: Vec::new(),
            summary: InlineText::default(),
            weight: page.front.weight,
            related: Vec::new(),
            body: Rendered::default(),
            source: page,
        });
    }
    questions
}

/// Renders the body of a section's `_index.md`, when it has one.
fn render_intro(s: &mut Section, index: &UrlIndex, hl: &Highlighter, diags: &Diagnostics) {
    if let Some(page) = &s.index {
        let input = MarkdownInput {
            text: &page.text,
            body_offset: page.body_offset,
            path: &page.path,
            rel: &page.rel,
            page_url: &s.url,
            title: page.front.title.as_deref(),
            answer_headings: &[],
        };
        s.intro = markdown::render(&input, index, hl);
        diags.extend(std::mem::take(&mut s.intro.diagnostics));
    }
}

/// Each section's title (`_index.md`'s, else its `# Heading`, else its folder's name),
/// description and weight; the root is named after the guide unless its page says otherwise.
fn name_sections(sections: &mut [Section], config: &Config) {
    for s in sections.iter_mut() {
        let fm = s.index.as_ref().map(|p| &p.front);
        s.title = fm
            .and_then(|f| f.title.clone())
            .or_else(|| s.intro.title.clone())
            .unwrap_or_else(|| humanize(file_name(&s.dir)));
        s.description = fm
            .and_then(|f| f.description.clone().or_else(|| f.summary.clone()))
            .unwrap_or_default();
        s.weight = fm.and_then(|f| f.weight);
    }
    if sections[0].index.is_none() || sections[0].title.is_empty() {
        sections[0].title = config.title().to_string();
    }
}

/// Reading order: sections by weight then title, questions likewise inside each, depth first.
/// Returns the questions in that order, each section listing its own.
fn reading_order(sections: &mut [Section], questions: Vec<Question>) -> Vec<Question> {
    for s in 0..sections.len() {
        let mut children = std::mem::take(&mut sections[s].children);
        children.sort_by_key(|&c| order_key(sections[c].weight, &sections[c].title));
        sections[s].children = children;
    }
    let mut order: Vec<usize> = Vec::with_capacity(questions.len());
    let mut stack = vec![0usize];
    let mut by_section: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, q) in questions.iter().enumerate() {
        by_section.entry(q.section).or_default().push(i);
    }
    while let Some(s) = stack.pop() {
        let mut own = by_section.remove(&s).unwrap_or_default();
        own.sort_by_key(|&i| question_order(&questions[i]));
        order.extend(own);
        stack.extend(sections[s].children.iter().rev());
    }
    let mut slots: Vec<Option<Question>> = questions.into_iter().map(Some).collect();
    let questions: Vec<Question> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for (i, q) in questions.iter().enumerate() {
        sections[q.section].questions.push(i);
    }
    questions
}

/// Checks that `page.html#anchor` links point at a heading that exists.
fn check_anchors(guide: &Guide, diags: &Diagnostics) {
    let ids = heading_ids(guide);
    let pages = guide
        .questions
        .iter()
        .map(|q| (&q.source, &q.body.links))
        .chain(
            guide
                .sections
                .iter()
                .filter_map(|s| s.index.as_ref().map(|p| (p, &s.intro.links))),
        );
    for (source, links) in pages {
        check_links(source, links.iter(), &ids, diags);
    }
}

/// The heading ids of every page, by URL.
pub fn heading_ids(guide: &Guide) -> HashMap<&str, Vec<&str>> {
    let mut ids: HashMap<&str, Vec<&str>> = HashMap::new();
    for q in &guide.questions {
        ids.insert(
            &q.url,
            q.body.headings.iter().map(|h| h.id.as_str()).collect(),
        );
    }
    for s in &guide.sections {
        ids.insert(
            &s.url,
            s.intro.headings.iter().map(|h| h.id.as_str()).collect(),
        );
    }
    ids
}

/// Warns about each of `links` (from `source`) whose `#anchor` names no heading of its page.
pub fn check_links<'a>(
    source: &SourcePage,
    links: impl Iterator<Item = &'a InternalLink>,
    ids: &HashMap<&str, Vec<&str>>,
    diags: &Diagnostics,
) {
    for link in links {
        let Some(known) = ids.get(link.target_url.as_str()) else {
            continue;
        };
        if known.contains(&link.anchor.as_str()) || link.anchor.starts_with("fn") {
            continue;
        }
        let hint = match closest(&link.anchor, known.iter().copied()) {
            Some(c) => format!("did you mean `#{c}`?"),
            None => format!("`{}` has no heading with that id", link.target_url),
        };
        diags.push(
            Diagnostic::warning(
                &source.path,
                format!("link to `#{}` does not match a heading", link.anchor),
            )
            .at_offset(&source.text, link.start, link.end)
            .with_hint(hint),
        );
    }
}

/// `data-structures` -> `Data structures`; names with capitals or spaces stay as written.
fn humanize(name: &str) -> String {
    if name.is_empty() {
        return String::new();
    }
    if name.chars().any(|c| c.is_uppercase() || c == ' ') {
        return name.to_string();
    }
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// At most `max` characters, cut at a word boundary, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// A guide with its kind counts, for the summary line.
pub fn article_count(guide: &Guide) -> usize {
    guide
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Article)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanize_folder_names() {
        assert_eq!(humanize("data-structures"), "Data structures");
        assert_eq!(humanize("01.01.Is Unique"), "01.01.Is Unique");
    }

    #[test]
    fn truncation_cuts_at_words() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four five", 12), "one two…");
    }
}
