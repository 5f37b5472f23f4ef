//! The offline export: the whole guide in one HTML file. The theme's CSS and JS are inline. The
//! questions and the search index sit in the page gzip-compressed and base64-encoded, and the
//! page inflates them itself (DecompressionStream), so the file stays small enough to mail and
//! makes no request of any kind.
//!
//! The page's own markup holds only sections and a compact index of the questions (title,
//! section, difficulty, levels, tags): a browser spends far longer building elements than
//! reading bytes (10,000 question shells took 1.6 s to parse, the same bytes of base64 0.25 s),
//! so questions become elements only when they are about to be seen.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::content::translations::Origin;
use crate::content::{Difficulty, Guide, Kind, Level, Question};
use crate::diagnostics::Diagnostic;
use crate::export::rewrite::{Targets, data_uri};
use crate::highlight::escape;
use crate::markdown::text::code_spans_html;
use crate::packed::{self, Effort};
use crate::render::Renderer;
use crate::render::context::{Base, Count};
use crate::site::Loaded;

/// Questions per compressed chunk (a chunk never spans two sections).
const CHUNK: usize = 48;

/// Up to this many questions and this much compressed question text, every question is built as
/// soon as the file opens (so find-in-page and printing see everything); past either, chunks are
/// built near the screen. Building 1,000 generated questions at once kept the file from
/// answering for 6 s in Chromium, against 0.7 s built near the screen.
const EAGER_QUESTIONS: usize = 300;
const EAGER_BYTES: usize = 4 << 20;

#[derive(Serialize)]
struct ExportPage<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    sections: Vec<ExportSection>,
    questions_only: bool,
    eager: bool,
    css: String,
    scripts: String,
    /// The question index, as JSON (see `index`).
    index: String,
    chunks: Vec<String>,
    /// Search and study data, each file compressed on its own.
    data: Vec<DataBlock>,
    /// The study panel, unless the answers are left out.
    panel: Option<crate::render::context::StudyPanel>,
    study: bool,
    search: bool,
    difficulties: Vec<Count>,
    levels: Vec<Count>,
    tags: Vec<Count>,
    count: usize,
}

#[derive(Serialize)]
struct ExportSection {
    /// Position in the index's section list.
    index: usize,
    id: String,
    title: String,
    depth: usize,
    intro_html: String,
    count: usize,
    /// The chunks holding its questions.
    chunks: Vec<ChunkRef>,
}

/// A chunk of a section: its number, and how many questions it holds (for its placeholder).
#[derive(Serialize)]
struct ChunkRef {
    id: usize,
    questions: usize,
}

/// Compressed data in the page, found by `kind:key` (as registered with `PrepbookData`).
#[derive(Serialize)]
struct DataBlock {
    name: String,
    data: String,
}

/// What went into the file.
pub struct HtmlExport {
    pub html: String,
    pub questions: usize,
}

fn gzip_base64(text: &str) -> String {
    packed::gzip_base64(text.as_bytes(), Effort::Build)
}

/// Inline `<script>` or `<style>` text must not close its own element early.
fn inline_safe(text: &str) -> String {
    text.replace("</script", "<\\/script")
        .replace("</style", "<\\/style")
}

/// Where each page lives in the document, and every file as a data: URI.
fn targets(guide: &Guide) -> Targets {
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
    Targets {
        anchors,
        files,
        view: guide.config.url_prefix(),
    }
}

/// One question as the page builds it:
/// `[index, title, meta line, prompt, short answer, answer, is article, language]`; the
/// language is set (the default one's code) for a page not translated yet, in a translated
/// export, whose meta line then says so as the site's page does.
fn question(
    guide: &Guide,
    targets: &Targets,
    i: usize,
    q: &Question,
    questions_only: bool,
) -> Value {
    let prefix = format!("q-{i}");
    let fallback = q.source.origin == Origin::Fallback;
    let mut meta = String::new();
    if fallback {
        meta.push_str("<p class=\"fallback-notice\" role=\"note\">This page is not translated yet: it is shown in its original language.</p>");
    }
    meta.push_str("<p class=\"meta\">");
    if let Some(d) = q.difficulty {
        meta.push_str(&format!(
            "<span class=\"badge difficulty-{}\">{}</span> ",
            d.name(),
            d.label()
        ));
    }
    for l in &q.levels {
        meta.push_str(&format!("<span class=\"badge level\">{}</span> ", l.name()));
    }
    for &t in &q.tags {
        meta.push_str(&format!(
            "<span class=\"tag\">{}</span> ",
            escape(&guide.tags[t].name)
        ));
    }
    meta.push_str("</p>");
    let article = q.kind == Kind::Article;
    let (prompt, summary, answer) = if article {
        (
            targets.rewrite(&q.body.html, &q.url, &prefix),
            String::new(),
            String::new(),
        )
    } else if questions_only {
        (
            targets.rewrite(q.prompt_html(), &q.url, &prefix),
            String::new(),
            String::new(),
        )
    } else {
        let summary = if q.summary.text.is_empty() {
            String::new()
        } else {
            format!(
                "<p class=\"short-answer\"><strong>Short answer:</strong> {}</p>",
                // Summary links lead from the site root.
                targets.rewrite(&q.summary.html, "index.html", &prefix)
            )
        };
        (
            targets.rewrite(q.prompt_html(), &q.url, &prefix),
            summary,
            targets.rewrite(q.answer_html(), &q.url, &prefix),
        )
    };
    json!([
        i,
        code_spans_html(&q.title),
        meta,
        prompt,
        summary,
        answer,
        u8::from(article),
        if fallback {
            guide.config.book.language.as_str()
        } else {
            ""
        }
    ])
}

/// Drops the snippet text from a search metadata chunk (see [`crate::search::CHUNK`]): the
/// export's page holds every question's text already.
fn without_snippet_text(chunk: &mut Value) {
    if let Some(docs) = chunk.as_array_mut() {
        for doc in docs.iter_mut().filter_map(Value::as_array_mut) {
            doc.truncate(crate::search::SNIPPET_FIELD);
        }
    }
}

/// A data file's text -> (`kind:key`, the data), plain or packed.
fn registered(text: &str) -> Option<(String, Value)> {
    let (kind, key, value) = packed::read_script(text)?;
    Some((format!("{kind}:{key}"), value))
}

/// The sections in reading order (the root first).
fn reading_order(guide: &Guide) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![0usize];
    while let Some(s) = stack.pop() {
        out.push(s);
        stack.extend(guide.sections[s].children.iter().rev());
    }
    out
}

/// The runtime's files the export embeds, as `(name, bytes)`.
pub type PythonFiles = [(&'static str, Vec<u8>)];

/// Builds the single-file export of a loaded guide. `force_eager`: build every question when
/// the file opens, however big the guide (for printing). `python`: the runtime's files to
/// embed, so the export runs code; without them it offers no Run.
pub fn export(
    loaded: &Loaded,
    questions_only: bool,
    force_eager: bool,
    python: Option<&PythonFiles>,
) -> Result<HtmlExport, Vec<Diagnostic>> {
    let guide: &Guide = &loaded.guide;
    let mut renderer = Renderer::new(guide, &loaded.theme)?;
    renderer.set_python(python.map(|_| crate::pyodide::PageRuntime::embedded()));
    let targets = targets(guide);

    let order = reading_order(guide);
    let layout = Layout::new(guide, &targets, &order);
    let chunks: Vec<String> = layout
        .chunk_lists
        .par_iter()
        .map(|list| {
            let items: Vec<Value> = list
                .iter()
                .map(|&i| question(guide, &targets, i, &guide.questions[i], questions_only))
                .collect();
            gzip_base64(&Value::Array(items).to_string())
        })
        .collect();
    let eager = force_eager
        || (guide.questions.len() <= EAGER_QUESTIONS
            && chunks.iter().map(String::len).sum::<usize>() < EAGER_BYTES);
    let index = question_index(guide, &order, &layout.chunk_of);
    let study = !questions_only;
    let mut data = data_blocks(guide, study);
    if let Some(files) = python {
        data.extend(python_blocks(files));
    }
    let (css, scripts) = inline_assets(loaded, study, python.is_some());

    let all: Vec<usize> = (0..guide.questions.len()).collect();
    let mut base = renderer.base(
        "index.html",
        "export",
        guide.config.title().to_string(),
        guide.config.description().to_string(),
    );
    base.canonical = None;
    let page = ExportPage {
        base,
        sections: layout.sections,
        questions_only,
        eager,
        css,
        scripts,
        index,
        chunks,
        data,
        panel: study.then(|| renderer.study_panel()),
        study,
        search: guide.config.search.enabled,
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

/// The sections of the page and the chunks their questions are packed in: runs of at most
/// [`CHUNK`] questions of one section.
struct Layout {
    sections: Vec<ExportSection>,
    /// The questions of each chunk.
    chunk_lists: Vec<Vec<usize>>,
    /// The chunk of each question.
    chunk_of: Vec<usize>,
}

impl Layout {
    fn new(guide: &Guide, targets: &Targets, order: &[usize]) -> Layout {
        let mut chunk_lists: Vec<Vec<usize>> = Vec::new();
        let mut chunk_of = vec![0usize; guide.questions.len()];
        let mut sections = Vec::new();
        for (pos, &s) in order.iter().enumerate() {
            let section = &guide.sections[s];
            let mut chunks = Vec::new();
            for run in section.questions.chunks(CHUNK) {
                for &q in run {
                    chunk_of[q] = chunk_lists.len();
                }
                chunks.push(ChunkRef {
                    id: chunk_lists.len(),
                    questions: run.len(),
                });
                chunk_lists.push(run.to_vec());
            }
            let id = if s == 0 {
                "pb-intro".to_string()
            } else {
                format!("s-{s}")
            };
            sections.push(ExportSection {
                index: pos,
                intro_html: targets.rewrite_intro(&section.intro.html, &section.url, &id),
                id,
                title: section.title.clone(),
                depth: section.depth,
                count: section.questions.len(),
                chunks,
            });
        }
        Layout {
            sections,
            chunk_lists,
            chunk_of,
        }
    }
}

/// The index the page works from, as JSON: per question [title, section, chunk, difficulty (0
/// none, 1 easy...), levels (bits: 1 entry, 2 mid, 4 senior), tag numbers], plus the tags.
fn question_index(guide: &Guide, order: &[usize], chunk_of: &[usize]) -> String {
    let section_pos: HashMap<usize, usize> =
        order.iter().enumerate().map(|(p, &s)| (s, p)).collect();
    let questions: Vec<Value> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let difficulty = q.difficulty.map_or(0, |d| {
                Difficulty::ALL
                    .iter()
                    .position(|x| *x == d)
                    .map_or(0, |p| p + 1)
            });
            let levels = q
                .levels
                .iter()
                .map(|l| 1u8 << Level::ALL.iter().position(|x| x == l).unwrap_or(0))
                .fold(0, |a, b| a | b);
            json!([
                code_spans_html(&q.title),
                section_pos.get(&q.section).copied().unwrap_or(0),
                chunk_of[i],
                difficulty,
                levels,
                q.tags
            ])
        })
        .collect();
    let tags: Vec<Value> = guide.tags.iter().map(|t| json!([t.slug, t.name])).collect();
    inline_safe(&json!({ "q": questions, "tags": tags, "chunk": CHUNK }).to_string())
}

/// Search and study data: the same files the site loads, each compressed on its own, so a
/// query or a card inflates only what it needs. Snippet text comes from the questions in the
/// page: it is not stored twice.
fn data_blocks(guide: &Guide, study: bool) -> Vec<DataBlock> {
    let files = std::sync::Mutex::new(BTreeMap::<String, Value>::new());
    let keep = |text: &str| {
        if let Some((name, mut value)) = registered(text)
            && let Ok(mut f) = files.lock()
        {
            if name.starts_with("search:d/") {
                without_snippet_text(&mut value);
            }
            f.insert(name, value);
        }
    };
    if guide.config.search.enabled {
        crate::search::for_each_file(guide, &|_, text| keep(&text));
    }
    if study {
        crate::study::write(guide, &|_, bytes| keep(&String::from_utf8_lossy(bytes)));
    }
    files
        .into_inner()
        .unwrap_or_default()
        .into_par_iter()
        .map(|(name, value)| DataBlock {
            data: gzip_base64(&value.to_string()),
            name,
        })
        .collect()
}

/// The runtime's files, each gzipped in a block the page's script inflates itself (bytes, not
/// JSON), and the runtime's description.
fn python_blocks(files: &PythonFiles) -> Vec<DataBlock> {
    let mut blocks: Vec<DataBlock> = files
        .par_iter()
        .map(|(name, bytes)| DataBlock {
            name: format!("python:{name}"),
            data: packed::gzip_base64(bytes, Effort::Smallest),
        })
        .collect();
    let described =
        serde_json::to_string(&crate::pyodide::PageRuntime::embedded()).unwrap_or_default();
    blocks.push(DataBlock {
        name: "python:runtime".into(),
        data: gzip_base64(&described),
    });
    blocks
}

/// The theme's stylesheet (with the highlighting colours) and scripts, to inline: only the
/// scripts the page uses.
fn inline_assets(loaded: &Loaded, study: bool, python: bool) -> (String, String) {
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
    // The UI strings of the guide's language first: every script below reads them.
    let mut scripts = crate::strings::UiStrings::load(&loaded.theme)
        .map(|s| s.script(&loaded.guide.config.book.language))
        .unwrap_or_default();
    scripts.push_str(&theme_text("text.js"));
    scripts.push_str(&theme_text("prepbook.js"));
    scripts.push_str(&theme_text("data.js"));
    // Before anything asks for data: it tells the registry where the page keeps it.
    scripts.push_str(&theme_text("export.js"));
    if loaded.guide.config.search.enabled {
        scripts.push_str(&theme_text("search-rank.js"));
        // The language's stemmer, when it is not English (which search.js carries).
        let stemmer = crate::search::tokenize::stemmer_name(loaded.guide.config.language());
        if stemmer != "english" {
            scripts.push_str(&theme_text(&format!("stem/{stemmer}.js")));
        }
        scripts.push_str(&theme_text("search.js"));
    }
    if study {
        for name in [
            "vendor/ts-fsrs.js",
            "study-scheduler.js",
            "study-store.js",
            "study.js",
            "study-session.js",
        ] {
            scripts.push_str(&theme_text(name));
        }
    }
    if python {
        scripts.push_str(&theme_text("python.js"));
        scripts.push_str(&theme_text("python-ui.js"));
    }
    (css, inline_safe(&scripts))
}
