//! Data exports for other tools: every question as JSON, and an Anki deck as tab-separated text.

use serde::Serialize;
use serde_json::Value;

use crate::content::translations::Origin;
use crate::content::{Guide, Kind};
use crate::export::notes;

#[derive(Serialize)]
struct JsonQuestion<'a> {
    id: usize,
    slug: &'a str,
    url: &'a str,
    /// The Markdown file the text comes from, relative to the content folder (a translation's
    /// own file, `gil.zh.md`, in a translated export).
    source: &'a str,
    section: &'a str,
    title: &'a str,
    kind: Kind,
    /// The language the question is written in: the export's, or the default language's for a
    /// question not translated yet (`origin: fallback`).
    language: &'a str,
    /// `original`, `translated` or `fallback` ([`Origin`]).
    origin: Origin,
    difficulty: Option<&'static str>,
    levels: Vec<&'static str>,
    tags: Vec<&'a str>,
    /// The summary as plain text.
    summary: &'a str,
    /// The summary as inline HTML; its links lead to URLs relative to the site root, like `url`.
    summary_html: &'a str,
    related: Vec<&'a str>,
    extra: &'a serde_json::Map<String, Value>,
    text: &'a str,
    html: &'a str,
    prompt_html: &'a str,
    answer_html: &'a str,
}

/// Every question with its front matter, plain-text and HTML body, as a JSON document.
pub fn json(guide: &Guide) -> String {
    let questions: Vec<JsonQuestion> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(id, q)| JsonQuestion {
            id,
            slug: &q.slug,
            url: &q.url,
            source: q.source.file(),
            section: &guide.sections[q.section].title,
            title: &q.title,
            kind: q.kind,
            language: notes::language(guide, q),
            origin: q.source.origin,
            difficulty: q.difficulty.map(|d| d.name()),
            levels: q.levels.iter().map(|l| l.name()).collect(),
            tags: q
                .tags
                .iter()
                .map(|&t| guide.tags[t].name.as_str())
                .collect(),
            summary: &q.summary.text,
            summary_html: &q.summary.html,
            related: q
                .related
                .iter()
                .map(|&r| guide.questions[r].slug.as_str())
                .collect(),
            extra: &q.front().extra,
            text: &q.body.text,
            html: &q.body.html,
            prompt_html: q.prompt_html(),
            answer_html: q.answer_html(),
        })
        .collect();
    let doc = serde_json::json!({
        "title": guide.config.title(),
        "language": guide.config.language(),
        // Where the language's pages are in the site: `url`s are relative to it.
        "site_folder": guide.config.url_prefix(),
        "generator": format!("Prepbook {}", env!("CARGO_PKG_VERSION")),
        "questions": questions,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}

/// A field for Anki's text import: quoted when it holds a tab, a quote or a line break, with
/// quotes doubled (Anki reads CSV-style quoting).
fn field(text: &str) -> String {
    if text.contains(['\t', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// An Anki deck: one note per question (articles are not cards). Front: the question and its
/// opening text; back: the short answer and the answer; tags: those of [`notes::tags`]; last, the
/// note's stable GUID, so importing a newer export updates the notes instead of adding copies.
/// The header lines tell Anki the format (Anki 2.1.54 and later).
pub fn anki(guide: &Guide) -> String {
    let deck = guide.config.title().replace(['\t', '\n'], " ");
    let mut out = format!(
        "#separator:tab\n#html:true\n#notetype:Basic\n#deck:{deck}\n#tags column:3\n#guid column:4\n"
    );
    for (_, q) in notes::note_questions(guide) {
        let front = format!(
            "<h2>{}</h2>{}",
            crate::highlight::escape(&q.title),
            q.prompt_html()
        );
        // Links of the site lead nowhere from inside Anki: a summary's keep their text only.
        let back = if q.summary.text.is_empty() {
            q.answer_html().to_string()
        } else {
            format!(
                "<p><strong>Short answer:</strong> {}</p>{}",
                q.summary.html_without_links,
                q.answer_html()
            )
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            field(&front),
            field(&back),
            field(&notes::tags(guide, q).join(" ")),
            notes::guid(q)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a\tb"), "\"a\tb\"");
        assert_eq!(field("say \"hi\"\nnow"), "\"say \"\"hi\"\"\nnow\"");
    }
}
