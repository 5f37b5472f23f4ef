//! The offline export: the whole guide in one HTML file. The theme's CSS and JS are inline;
//! question bodies and the search index are gzip-compressed and base64-encoded in the page, and
//! the page inflates them itself (DecompressionStream), so the file stays small enough to mail
//! and makes no request of any kind.

use std::collections::HashMap;
use std::io::Write;

use base64::Engine;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;

use crate::content::{Guide, Kind};
use crate::diagnostics::Diagnostic;
use crate::export::rewrite::{Targets, data_uri};
use crate::render::Renderer;
use crate::render::context::{Base, Count, DifficultyView};
use crate::site::Loaded;

/// Questions per compressed chunk of bodies.
const CHUNK: usize = 24;

/// Below this much compressed body text, every question is rendered as soon as the file opens
/// (so find-in-page and printing see everything); above it, chunks render as they scroll in.
const EAGER_BYTES: usize = 4 << 20;

#[derive(Serialize)]
struct ExportPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    sections: Vec<ExportSection>,
    questions_only: bool,
    eager: bool,
    chunk_size: usize,
    css: String,
    scripts: String,
    chunks: Vec<String>,
    search: Option<String>,
    difficulties: Vec<Count>,
    levels: Vec<Count>,
    tags: Vec<Count>,
    count: usize,
}

#[derive(Serialize)]
struct ExportSection {
    id: String,
    title: String,
    depth: usize,
    intro_html: String,
    questions: Vec<ExportQuestion>,
}

#[derive(Serialize)]
struct ExportQuestion {
    id: String,
    index: usize,
    chunk: usize,
    title: String,
    kind: Kind,
    difficulty: Option<DifficultyView>,
    levels: Vec<&'static str>,
    tags: Vec<String>,
    /// Tag slugs, space-separated, for the filters.
    tag_slugs: String,
    summary: String,
}

/// What went into the file, for the summary line and the README.
pub struct HtmlExport {
    pub html: String,
    pub questions: usize,
}

fn gzip_base64(text: &str) -> String {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to memory cannot fail.
    let _ = gz.write_all(text.as_bytes());
    let bytes = gz.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Inline `<script>` or `<style>` text must not close its own element early.
fn inline_safe(text: &str) -> String {
    text.replace("</script", "<\\/script")
        .replace("</style", "<\\/style")
}

/// Builds the single-file export of a loaded guide.
/// `eager`: render every question when the file opens, however big (for printing).
pub fn export(
    loaded: &Loaded,
    questions_only: bool,
    force_eager: bool,
) -> Result<HtmlExport, Vec<Diagnostic>> {
    let guide: &Guide = &loaded.guide;
    let renderer = Renderer::new(guide, &loaded.theme)?;

    // Where each page lives in the document, and every file as a data: URI.
    let mut anchors = HashMap::new();
    for (i, q) in guide.questions.iter().enumerate() {
        anchors.insert(q.url.clone(), format!("q-{i}"));
    }
    for (i, s) in guide.sections.iter().enumerate() {
        anchors.insert(
            s.url.clone(),
            if i == 0 {
                "pb-top".to_string()
            } else {
                format!("s-{i}")
            },
        );
    }
    let mut files = HashMap::new();
    for a in &guide.assets {
        if let Ok(bytes) = std::fs::read(&a.source) {
            files.insert(a.url.clone(), data_uri(&a.url, &bytes));
        }
    }
    let targets = Targets { anchors, files };

    // Bodies: [prompt, answer] per question (answer empty for questions-only), in chunks.
    let bodies: Vec<[String; 2]> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let prefix = format!("q-{i}");
            if q.kind == Kind::Article {
                return [
                    targets.rewrite(&q.body.html, &q.url, &prefix),
                    String::new(),
                ];
            }
            let answer = if questions_only {
                String::new()
            } else {
                targets.rewrite(q.answer_html(), &q.url, &prefix)
            };
            [targets.rewrite(q.prompt_html(), &q.url, &prefix), answer]
        })
        .collect();
    let chunks: Vec<String> = bodies
        .chunks(CHUNK)
        .map(|c| gzip_base64(&serde_json::to_string(c).unwrap_or_else(|_| "[]".into())))
        .collect();
    let eager = force_eager || chunks.iter().map(String::len).sum::<usize>() < EAGER_BYTES;

    // Sections in reading order, each with its own questions.
    let mut sections = Vec::new();
    let mut order = vec![0usize];
    while let Some(s) = order.pop() {
        let section = &guide.sections[s];
        order.extend(section.children.iter().rev());
        let questions = section
            .questions
            .iter()
            .map(|&qi| {
                let q = &guide.questions[qi];
                ExportQuestion {
                    id: format!("q-{qi}"),
                    index: qi,
                    chunk: qi / CHUNK,
                    title: q.title.clone(),
                    kind: q.kind,
                    difficulty: q.difficulty.map(DifficultyView::of),
                    levels: q.levels.iter().map(|l| l.name()).collect(),
                    tags: q.tags.iter().map(|&t| guide.tags[t].name.clone()).collect(),
                    tag_slugs: q
                        .tags
                        .iter()
                        .map(|&t| guide.tags[t].slug.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    summary: q.summary.clone(),
                }
            })
            .collect();
        let prefix = if s == 0 {
            "pb-start".to_string()
        } else {
            format!("s-{s}")
        };
        sections.push(ExportSection {
            id: prefix.clone(),
            title: section.title.clone(),
            depth: section.depth,
            intro_html: targets.rewrite(&section.intro.html, &section.url, &prefix),
            questions,
        });
    }

    // The search index, as one compressed JSON object: file name -> data.
    let search = guide.config.search.enabled.then(|| {
        let mut bundle = serde_json::Map::new();
        for (path, text) in crate::search::build(guide).files {
            let name = path
                .trim_start_matches("search/")
                .trim_end_matches(".js")
                .to_string();
            let prefix = format!("PrepbookData.register(\"search\",\"{name}\",");
            if let Some(json) = text
                .strip_prefix(&prefix)
                .and_then(|t| t.strip_suffix(");\n"))
                && let Ok(value) = serde_json::from_str(json)
            {
                bundle.insert(name, value);
            }
        }
        gzip_base64(&serde_json::Value::Object(bundle).to_string())
    });

    let theme_text = |name: &str| {
        loaded
            .theme
            .files
            .get(&format!("static/{name}"))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default()
    };
    let (light, dark) = loaded.highlighter.stylesheets();
    let css = inline_safe(&format!("{}\n{light}\n{dark}", theme_text("prepbook.css")));
    let mut scripts = theme_text("prepbook.js");
    if guide.config.search.enabled {
        scripts.push_str(&theme_text("search.js"));
    }
    scripts.push_str(&theme_text("export.js"));
    let scripts = inline_safe(&scripts);

    let all: Vec<usize> = (0..guide.questions.len()).collect();
    let title = guide.config.book.title.clone();
    let mut base = renderer.base(
        "index.html",
        "export",
        title,
        guide.config.book.description.clone(),
    );
    base.canonical = None;
    let page = ExportPage {
        base,
        sections,
        questions_only,
        eager,
        chunk_size: CHUNK,
        css,
        scripts,
        chunks,
        search,
        difficulties: renderer.difficulty_counts(&all),
        levels: renderer.level_counts(),
        tags: renderer.tag_counts(),
        count: guide.question_count(),
    };
    let html = renderer
        .template("export.html", &page)
        .map_err(|d| vec![d])?;
    Ok(HtmlExport {
        html,
        questions: guide.questions.len(),
    })
}
